/**
 * The region catalog (rules.md, "Costs"): the Tencent Cloud regions Peerplan knows, with a
 * display name, and which of them are mainland China regions (pairs of mainland regions share
 * the built-in list price; any other pair is priced on request).
 *
 * A VPC in a region outside this catalog is reported as REGION_UNKNOWN and priced as outside
 * mainland China.
 */

export interface Region {
  readonly id: string;
  /** For people, e.g. `Guangzhou`. */
  readonly name: string;
  readonly mainland: boolean;
}

/** Mainland China regions, exactly as rules.md lists them. */
export const MAINLAND_REGION_IDS: readonly string[] = [
  'ap-beijing',
  'ap-beijing-fsi',
  'ap-chengdu',
  'ap-chongqing',
  'ap-guangzhou',
  'ap-nanjing',
  'ap-shanghai',
  'ap-shanghai-fsi',
  'ap-shenzhen-fsi',
  'ap-tianjin',
];

export const REGIONS: readonly Region[] = [
  { id: 'ap-beijing', name: 'Beijing', mainland: true },
  { id: 'ap-beijing-fsi', name: 'Beijing Finance', mainland: true },
  { id: 'ap-chengdu', name: 'Chengdu', mainland: true },
  { id: 'ap-chongqing', name: 'Chongqing', mainland: true },
  { id: 'ap-guangzhou', name: 'Guangzhou', mainland: true },
  { id: 'ap-nanjing', name: 'Nanjing', mainland: true },
  { id: 'ap-shanghai', name: 'Shanghai', mainland: true },
  { id: 'ap-shanghai-fsi', name: 'Shanghai Finance', mainland: true },
  { id: 'ap-shenzhen-fsi', name: 'Shenzhen Finance', mainland: true },
  { id: 'ap-tianjin', name: 'Tianjin', mainland: true },
  { id: 'ap-hongkong', name: 'Hong Kong, China', mainland: false },
  { id: 'ap-singapore', name: 'Singapore', mainland: false },
  { id: 'ap-tokyo', name: 'Tokyo', mainland: false },
  { id: 'ap-seoul', name: 'Seoul', mainland: false },
  { id: 'ap-bangkok', name: 'Bangkok', mainland: false },
  { id: 'ap-jakarta', name: 'Jakarta', mainland: false },
  { id: 'ap-mumbai', name: 'Mumbai', mainland: false },
  { id: 'na-siliconvalley', name: 'Silicon Valley', mainland: false },
  { id: 'na-ashburn', name: 'Virginia (Ashburn)', mainland: false },
  { id: 'na-toronto', name: 'Toronto', mainland: false },
  { id: 'eu-frankfurt', name: 'Frankfurt', mainland: false },
  { id: 'sa-saopaulo', name: 'São Paulo', mainland: false },
];

const REGION_BY_ID: ReadonlyMap<string, Region> = new Map(REGIONS.map((r) => [r.id, r]));

export function findRegion(id: string): Region | undefined {
  return REGION_BY_ID.get(id);
}

export function isKnownRegion(id: string): boolean {
  return REGION_BY_ID.has(id);
}

/** Mainland China per the catalog; an unknown region is not mainland (priced on request). */
export function isMainlandRegion(id: string): boolean {
  return REGION_BY_ID.get(id)?.mainland ?? false;
}

/** The display name, or the ID itself for a region outside the catalog. */
export function regionDisplayName(id: string): string {
  return REGION_BY_ID.get(id)?.name ?? id;
}
