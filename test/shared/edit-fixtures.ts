import type { Plan, Vpc } from '../../shared/plan/model';

export function vpc(id: string, cidr: string, extra: Partial<Vpc> = {}): Vpc {
  return {
    id,
    name: id.toUpperCase(),
    account: 'acc-own',
    region: 'ap-guangzhou',
    cidr,
    secondaryCidrs: [],
    peeringQuota: 10,
    routeTables: [{ id: `rtb-${id}`, name: 'default', default: true, routes: [] }],
    subnets: [],
    ...extra,
  };
}

/** Two accounts, three VPCs, one active peering with a route on each side. */
export function samplePlan(): Plan {
  return {
    format: 'peerplan/1',
    name: 'Sample',
    asOf: '2026-11-26',
    settings: { freeBandwidthMbps: 0, billingTimeZone: '+08:00' },
    accounts: [
      { id: 'acc-own', name: 'Own', own: true, trusted: true },
      { id: 'acc-partner', name: 'Partner', own: false, trusted: true },
    ],
    vpcs: [
      vpc('a', '10.0.0.0/16', {
        subnets: [{ id: 'sn-a1', name: 'A1', cidr: '10.0.1.0/24', routeTable: 'rtb-a' }],
        routeTables: [
          {
            id: 'rtb-a',
            name: 'default',
            default: true,
            routes: [
              { destination: '10.1.0.0/16', nextHop: { type: 'peering', id: 'pcx-ab' }, enabled: true },
              { destination: '0.0.0.0/0', nextHop: { type: 'nat', id: 'nat-1' }, enabled: true },
            ],
          },
        ],
      }),
      vpc('b', '10.1.0.0/16', {
        region: 'ap-beijing',
        routeTables: [
          {
            id: 'rtb-b',
            name: 'default',
            default: true,
            routes: [
              { destination: '10.0.0.0/16', nextHop: { type: 'peering', id: 'pcx-ab' }, enabled: true },
            ],
          },
        ],
      }),
      vpc('c', '172.16.0.0/16', { account: 'acc-partner' }),
    ],
    peerings: [
      {
        id: 'pcx-ab',
        name: 'A-B',
        requester: 'a',
        accepter: 'b',
        state: 'active',
        requestedAt: '2026-11-20',
        bandwidthMbps: 100,
        bandwidthQuotaMbps: 1000,
        chargeType: 'daily-peak',
      },
    ],
    traffic: [],
    prices: null,
    ccns: [],
    ccnTraffic: [],
  };
}

/** A seeded random integer below `n` (a linear congruential generator: same seed, same plan). */
export type Rand = (n: number) => number;

export function randomOf(seed: number): Rand {
  let s = seed >>> 0;
  return (n: number): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/**
 * `count` VPCs `v0`… for the random edit tests: each takes a block of `blocks` (several overlap),
 * a region of `regions`, our account or a partner's, and one subnet `s<i>` in its own table.
 */
export function randomVpcs(
  rand: Rand,
  count: number,
  blocks: readonly string[],
  regions: readonly string[],
): Vpc[] {
  const vpcs: Vpc[] = [];
  for (let i = 0; i < count; i++) {
    const cidr = blocks[rand(blocks.length)]!;
    const base = cidr.split('/')[0]!.split('.');
    vpcs.push(
      vpc(`v${i}`, cidr, {
        region: regions[rand(regions.length)]!,
        account: rand(3) === 0 ? 'acc-partner' : 'acc-own',
        subnets: [
          {
            id: `s${i}`,
            name: `s${i}`,
            cidr: `${base[0]}.${base[1]}.${rand(3)}.0/24`,
            routeTable: `rtb-v${i}`,
          },
        ],
      }),
    );
  }
  return vpcs;
}
