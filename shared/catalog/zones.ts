/**
 * The availability zones of each region in the region catalog (regions.ts): what the inspector
 * offers for a subnet's zone, and what SUBNET_ZONE_REGION checks a subnet's zone against.
 *
 * Sources (read 2026-11-29):
 * - Tencent Cloud's "地域和可用区" page (https://cloud.tencent.com/document/product/213/6091, as
 *   mirrored in tencentyun/qcloud-documents): the zones on sale today, per region;
 * - the `ZoneInfo.Zone` comment of the Tencent Cloud SDK (tencentcloud-sdk-go cvm v20170312,
 *   vendored in tencentcloudstack/terraform-provider-tencentcloud at commit f6970a9, and
 *   api v20201106): the zones the API names, including sold-out ones (售罄) such as
 *   ap-guangzhou-1 and zones of regions that have since closed (na-toronto-1, ap-mumbai-1/2);
 * - the older edition of the same page (qcloud-documents, English) for ap-tianjin-1 and -2.
 * Sold-out zones stay listed: subnets created there still exist and are imported from the cloud.
 *
 * A zone ID is its region ID plus `-N`, but a prefix test is not enough: `ap-shanghai-fsi-1` is a
 * zone of `ap-shanghai-fsi` (Shanghai Finance), not of `ap-shanghai`. Zones are looked up whole.
 */

const ZONE_NUMBERS: Readonly<Record<string, readonly number[]>> = {
  'ap-beijing': [1, 2, 3, 4, 5, 6, 7, 8],
  'ap-beijing-fsi': [1, 2],
  'ap-chengdu': [1, 2],
  'ap-chongqing': [1],
  'ap-guangzhou': [1, 2, 3, 4, 5, 6, 7],
  'ap-nanjing': [1, 2, 3],
  'ap-shanghai': [1, 2, 3, 4, 5, 8, 9],
  'ap-shanghai-fsi': [1, 2, 3, 4],
  'ap-shenzhen-fsi': [1, 2, 3],
  'ap-tianjin': [1, 2],
  'ap-hongkong': [1, 2, 3],
  'ap-singapore': [1, 2, 3, 4],
  'ap-tokyo': [1, 2],
  'ap-seoul': [1, 2],
  'ap-bangkok': [1, 2],
  'ap-jakarta': [1, 2, 3],
  'ap-mumbai': [1, 2],
  'na-siliconvalley': [1, 2],
  'na-ashburn': [1, 2],
  'na-toronto': [1],
  'eu-frankfurt': [1, 2],
  'sa-saopaulo': [1],
};

const ZONES_BY_REGION: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(ZONE_NUMBERS).map(([region, numbers]) => [region, numbers.map((n) => `${region}-${n}`)]),
);

const REGION_BY_ZONE: ReadonlyMap<string, string> = new Map(
  [...ZONES_BY_REGION].flatMap(([region, zones]) => zones.map((zone) => [zone, region] as const)),
);

/** The zones of a region, in order (empty for a region outside the catalog). */
export function zonesOfRegion(region: string): readonly string[] {
  return ZONES_BY_REGION.get(region) ?? [];
}

/** The catalog region a zone belongs to, or undefined for a zone the catalog does not know. */
export function regionOfZone(zone: string): string | undefined {
  return REGION_BY_ZONE.get(zone);
}

/**
 * Whether `zone` can hold a subnet of a VPC in `region`. For a region in the catalog the zone must
 * be one of its zones. For a region outside it (already REGION_UNKNOWN) the catalog cannot say,
 * so a zone named after the region (`<region>-N`) is taken and a zone of a known region is not.
 */
export function isZoneOfRegion(zone: string, region: string): boolean {
  const known = ZONES_BY_REGION.get(region);
  if (known) return known.includes(zone);
  return regionOfZone(zone) === undefined && /^(.+)-\d+$/.exec(zone)?.[1] === region;
}
