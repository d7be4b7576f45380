/**
 * The reference plan of the benchmark, generated from a fixed seed: 3,000 VPCs, 12,000 subnets,
 * 5,000 peerings and 40,000 routes. Realistic and mostly valid: VPCs of 150 accounts spread
 * over the catalog's regions, each a /20 with four /22 subnets and two route tables; most
 * peerings regional and active, each side routing to the whole peer VPC from both its tables. A few mistakes are
 * sown in, as in real plans: VPCs that reuse another VPC's block (overlaps), routes to a third
 * VPC (transitive), duplicate routes, pending and expired requests, a cross-region peering
 * without its bandwidth cap.
 */
import { REGIONS } from '../../shared/catalog/regions';
import { zonesOfRegion } from '../../shared/catalog/zones';

export const REFERENCE_SEED = 20261126;
export const REFERENCE_SIZES = {
  vpcs: 3000,
  subnetsPerVpc: 4,
  peerings: 5000,
  routesPerPeeringSide: 4,
} as const;

/** mulberry32: a small, fast, deterministic PRNG (same seed, same plan, on every machine). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface GenRoute {
  destination: string;
  nextHop: { type: string; id: string };
  enabled?: boolean;
}
interface GenVpc {
  id: string;
  name: string;
  account: string;
  region: string;
  cidr: string;
  routeTables: { id: string; name: string; default?: boolean; routes: GenRoute[] }[];
  subnets: { id: string; name: string; cidr: string; zone: string; routeTable?: string }[];
}

/** The reference plan as a plan file object (format `peerplan/1`). */
export function referencePlanFile(seed = REFERENCE_SEED): Record<string, unknown> {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const accountCount = 150;
  const accounts = Array.from({ length: accountCount }, (_, i) => ({
    id: String(100000000000 + i * 7919),
    name: `account-${i}`,
    own: i < 120,
    ...(i >= 120 ? { trusted: i % 5 !== 0 } : {}),
  }));
  // Mostly mainland regions, a few abroad.
  const regions = REGIONS.map((r) => r.id).slice(0, 14);

  const vpcs: GenVpc[] = [];
  const { vpcs: vpcCount, subnetsPerVpc } = REFERENCE_SIZES;
  for (let i = 0; i < vpcCount; i++) {
    const account = accounts[i % accountCount]!;
    const region = regions[((i % accountCount) % 7) + (Math.floor(i / accountCount) % 2) * 7]!;
    // A /20 per VPC: 10.x.y.0/20, distinct but for a few.
    // 3% reuse the block of a VPC in the same region (i - 300), so some overlapping VPCs end up
    // peered with each other or with a shared hub.
    const block = i >= 300 && random() < 0.03 ? i - 300 : i;
    const second = block >> 4;
    const third = (block & 15) << 4;
    const main = `rtb-${i}-main`;
    const side = `rtb-${i}-side`;
    vpcs.push({
      id: `vpc-${i}`,
      name: `vpc ${i}`,
      account: account.id,
      region,
      cidr: `10.${second}.${third}.0/20`,
      routeTables: [
        { id: main, name: 'default', default: true, routes: [] },
        { id: side, name: 'side', routes: [] },
      ],
      subnets: Array.from({ length: subnetsPerVpc }, (_, k) => ({
        id: `subnet-${i}-${k}`,
        name: `subnet ${k}`,
        // One VPC in 200 has a subnet that overlaps its neighbour (a /21 over two /22s).
        cidr:
          k === 3 && i % 200 === 7 ? `10.${second}.${third + 8}.0/21` : `10.${second}.${third + k * 4}.0/22`,
        // Real zones of the region (the catalog's), so SUBNET_ZONE_REGION stays quiet.
        zone: zonesOfRegion(region)[k % zonesOfRegion(region).length]!,
        ...(k >= 2 ? { routeTable: side } : {}),
      })),
    });
  }

  // Peerings: mostly within a region, at most 9 per VPC (the quota is 10).
  const byRegion = new Map<string, number[]>();
  vpcs.forEach((v, i) => {
    const list = byRegion.get(v.region) ?? [];
    list.push(i);
    byRegion.set(v.region, list);
  });
  const degree = new Array<number>(vpcCount).fill(0);
  const pairs = new Set<string>();
  const peerings: Record<string, unknown>[] = [];
  while (peerings.length < REFERENCE_SIZES.peerings) {
    const a = Math.floor(random() * vpcCount);
    const b = random() < 0.9 ? pick(byRegion.get(vpcs[a]!.region)!) : Math.floor(random() * vpcCount);
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (a === b || pairs.has(key) || degree[a]! >= 9 || degree[b]! >= 9) continue;
    pairs.add(key);
    degree[a]!++;
    degree[b]!++;
    const n = peerings.length;
    const requester = vpcs[a]!;
    const accepter = vpcs[b]!;
    const crossRegion = requester.region !== accepter.region;
    const roll = random();
    const state = roll < 0.92 ? 'active' : roll < 0.97 ? 'pending' : 'expired';
    peerings.push({
      id: `pcx-${n}`,
      name: `peering ${n}`,
      requester: requester.id,
      accepter: accepter.id,
      state,
      requestedAt:
        state === 'pending'
          ? `2026-11-${String(16 + Math.floor(random() * 10)).padStart(2, '0')}`
          : '2026-06-01',
      ...(crossRegion && random() < 0.97 ? { bandwidthMbps: pick([10, 20, 50, 100, 200, 500, 1000]) } : {}),
      ...(crossRegion
        ? { chargeType: random() < 0.8 ? 'daily-peak' : 'monthly-p95', expectedPeakMbps: 5 }
        : {}),
    });
    // Each side routes to the whole peer VPC from both of its tables, as two /21 halves of the
    // peer's /20: four routes per side, and every subnet reaches every peer subnet and back.
    for (const [self, peer] of [
      [requester, accepter],
      [accepter, requester],
    ] as const) {
      const [octets] = peer.cidr.split('/') as [string];
      const [a, b, c] = octets.split('.').map(Number) as [number, number, number];
      const halves = [`${a}.${b}.${c}.0/21`, `${a}.${b}.${c + 8}.0/21`];
      for (let k = 0; k < 4; k++) {
        let destination = halves[k % 2]!;
        const mistake = random();
        if (mistake < 0.004)
          destination = pick(vpcs).subnets[0]!.cidr; // a route to a third VPC
        else if (mistake < 0.006) destination = halves[(k + 1) % 2]!; // a duplicate destination
        self.routeTables[k >> 1]!.routes.push({ destination, nextHop: { type: 'peering', id: `pcx-${n}` } });
      }
    }
  }

  return {
    format: 'peerplan/1',
    name: 'Benchmark reference plan',
    asOf: '2026-11-26',
    settings: { freeBandwidthMbps: 0, billingTimeZone: '+08:00' },
    accounts,
    vpcs,
    peerings,
    traffic: [],
    prices: null,
  };
}

/** The reference plan as the text of a plan file (indented, as an editor or export writes it). */
export function referencePlanText(seed = REFERENCE_SEED): string {
  return JSON.stringify(referencePlanFile(seed), null, 2);
}
