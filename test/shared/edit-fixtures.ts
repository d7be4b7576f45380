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
