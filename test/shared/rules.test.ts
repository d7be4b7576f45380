/**
 * Every static finding code: a plan that triggers it (with the subjects rules.md asks for) and a
 * near miss that does not.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../shared/plan/model';
import { parsePlanText } from '../../shared/plan/parse';
import type { Finding, FindingCode } from '../../shared/rules/finding';
import { FINDING_SEVERITY } from '../../shared/rules/finding';
import { validatePlan } from '../../shared/rules/validate';

const OWN = '100000000001';
const PARTNER = '200000000002'; // not ours, trusted
const STRANGER = '300000000003'; // not ours, not trusted
const AS_OF = '2026-11-26';

type Json = Record<string, unknown>;

function vpc(id: string, cidr: string, extra: Json = {}): Json {
  return { id, account: OWN, region: 'ap-guangzhou', cidr, ...extra };
}

function peering(id: string, requester: string, accepter: string, extra: Json = {}): Json {
  return { id, requester, accepter, ...extra };
}

function route(destination: string, peeringId: string, extra: Json = {}): Json {
  return { destination, nextHop: { type: 'peering', id: peeringId }, ...extra };
}

function table(id: string, routes: Json[] = [], extra: Json = {}): Json {
  return { id, default: true, routes, ...extra };
}

function plan(parts: { vpcs: Json[]; peerings?: Json[]; traffic?: Json[]; accounts?: Json[] }): Plan {
  const text = JSON.stringify({
    format: 'peerplan/1',
    name: 'test',
    asOf: AS_OF,
    accounts: parts.accounts ?? [
      { id: OWN, name: 'Platform' },
      { id: PARTNER, name: 'Partner', own: false, trusted: true },
      { id: STRANGER, name: 'Stranger', own: false },
    ],
    vpcs: parts.vpcs,
    peerings: parts.peerings ?? [],
    traffic: parts.traffic ?? [],
  });
  const result = parsePlanText(text, { today: AS_OF });
  if (!result.ok) throw new Error(`test plan refused: ${result.error.path}: ${result.error.message}`);
  return result.plan;
}

function found(p: Plan, code: FindingCode): Finding[] {
  return validatePlan(p).filter((f) => f.code === code);
}

function daysBefore(days: number): string {
  return new Date(Date.parse(`${AS_OF}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** Two routed, regional, same-account VPCs peered: a plan with no finding at all. */
function cleanPair(peeringExtra: Json = {}, vpcExtra: [Json, Json] = [{}, {}]): Json[][] {
  return [
    [
      vpc('v1', '10.1.0.0/16', {
        routeTables: [table('t1', [route('10.2.0.0/16', 'p12')])],
        subnets: [{ id: 's1', cidr: '10.1.0.0/24', zone: 'ap-guangzhou-3' }],
        ...vpcExtra[0],
      }),
      vpc('v2', '10.2.0.0/16', {
        routeTables: [table('t2', [route('10.1.0.0/16', 'p12')])],
        subnets: [{ id: 's2', cidr: '10.2.0.0/24', zone: 'ap-guangzhou-4' }],
        ...vpcExtra[1],
      }),
    ],
    [peering('p12', 'v1', 'v2', peeringExtra)],
  ];
}

describe('a clean plan', () => {
  it('has no findings', () => {
    const [vpcs, peerings] = cleanPair();
    expect(validatePlan(plan({ vpcs: vpcs!, peerings }))).toEqual([]);
  });

  it('every finding carries the severity of the table', () => {
    const p = plan({ vpcs: [vpc('v1', '10.0.0.1/16'), vpc('v1', '11.0.0.0/16', { region: 'mars-1' })] });
    const findings = validatePlan(p);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.severity).toBe(FINDING_SEVERITY[f.code]);
  });
});

describe('ids and references', () => {
  it('ID_DUPLICATE: two VPCs share an ID', () => {
    const f = found(plan({ vpcs: [vpc('v1', '10.1.0.0/16'), vpc('v1', '10.2.0.0/16')] }), 'ID_DUPLICATE');
    expect(f).toHaveLength(1);
    expect(f[0]!.subjects).toEqual(['v1']);
  });

  it('ID_DUPLICATE: subnets, route tables and peerings too', () => {
    const p = plan({
      vpcs: [
        vpc('v1', '10.1.0.0/16', { routeTables: [table('t')], subnets: [{ id: 's', cidr: '10.1.0.0/24' }] }),
        vpc('v2', '10.2.0.0/16', {
          routeTables: [table('t')],
          subnets: [{ id: 's', cidr: '10.2.0.0/24' }],
        }),
      ],
      peerings: [peering('p', 'v1', 'v2'), peering('p', 'v2', 'v1')],
    });
    expect(
      found(p, 'ID_DUPLICATE')
        .map((f) => f.subjects[0])
        .sort(),
    ).toEqual(['p', 's', 't']);
  });

  it('ID_DUPLICATE near miss: IDs are unique within their kind only', () => {
    const p = plan({
      accounts: [{ id: 'x' }],
      vpcs: [
        vpc('x', '10.1.0.0/16', {
          account: 'x',
          routeTables: [table('x')],
          subnets: [{ id: 'x', cidr: '10.1.0.0/24' }],
        }),
      ],
    });
    expect(found(p, 'ID_DUPLICATE')).toEqual([]);
  });

  it('REF_UNKNOWN: every kind of reference', () => {
    const p = plan({
      vpcs: [
        vpc('v1', '10.1.0.0/16', {
          account: 'nobody',
          routeTables: [table('t1', [route('10.2.0.0/16', 'p-missing')])],
          subnets: [
            { id: 's1', cidr: '10.1.0.0/24', routeTable: 't-missing' },
            { id: 's2', cidr: '10.1.1.0/24', routeTable: 't2' },
          ],
        }),
        vpc('v2', '10.2.0.0/16', { routeTables: [table('t2')] }),
      ],
      peerings: [peering('p1', 'v1', 'v-missing')],
      traffic: [{ peering: 'p-ghost', at: '2026-11-25T10:00:00+08:00', inMbps: 1, outMbps: 1 }],
    });
    const subjects = found(p, 'REF_UNKNOWN').map((f) => f.subjects);
    expect(subjects).toEqual(
      expect.arrayContaining([
        ['v1', 'nobody'],
        ['s1', 't-missing'],
        ['s2', 't2'], // a table of another VPC
        ['t1#0', 'p-missing'],
        ['p1', 'v-missing'],
        ['p-ghost'],
      ]),
    );
    expect(subjects).toHaveLength(6);
  });

  it('REF_UNKNOWN near miss: other next-hop types carry the cloud’s own IDs', () => {
    const p = plan({
      vpcs: [
        vpc('v1', '10.1.0.0/16', {
          routeTables: [table('t1', [{ destination: '0.0.0.0/0', nextHop: { type: 'nat', id: 'nat-123' } }])],
          subnets: [{ id: 's1', cidr: '10.1.0.0/24', routeTable: 't1' }],
        }),
      ],
    });
    expect(found(p, 'REF_UNKNOWN')).toEqual([]);
  });

  it('REGION_UNKNOWN, and its near miss', () => {
    const p = plan({
      vpcs: [
        vpc('v1', '10.1.0.0/16', { region: 'ap-moon' }),
        vpc('v2', '10.2.0.0/16', { region: 'ap-tokyo' }),
      ],
    });
    const f = found(p, 'REGION_UNKNOWN');
    expect(f.map((x) => x.subjects)).toEqual([['v1']]);
    expect(f[0]!.severity).toBe('warning');
  });
});

describe('CIDRs', () => {
  it('CIDR_INVALID on VPCs, secondaries, subnets and routes', () => {
    const p = plan({
      vpcs: [
        vpc('v1', '10.1.0/16', {
          secondaryCidrs: ['10.300.0.0/16'],
          routeTables: [table('t1', [{ destination: 'everything', nextHop: { type: 'nat', id: 'n' } }])],
          subnets: [{ id: 's1', cidr: '10.1.0.0/33' }],
        }),
      ],
    });
    expect(found(p, 'CIDR_INVALID').map((f) => f.subjects)).toEqual(
      expect.arrayContaining([['v1'], ['v1'], ['s1'], ['t1#0']]),
    );
    expect(found(p, 'CIDR_INVALID')).toHaveLength(4);
  });

  it('CIDR_INVALID near miss: the extreme but well-formed blocks', () => {
    const p = plan({
      vpcs: [
        vpc('v1', '10.0.0.0/16', {
          routeTables: [
            table('t1', [
              { destination: '0.0.0.0/0', nextHop: { type: 'nat', id: 'n' } },
              { destination: '255.255.255.255/32', nextHop: { type: 'nat', id: 'n' } },
            ]),
          ],
          subnets: [{ id: 's1', cidr: '10.0.0.0/28' }],
        }),
      ],
    });
    expect(found(p, 'CIDR_INVALID')).toEqual([]);
    expect(found(p, 'CIDR_HOST_BITS')).toEqual([]);
  });

  it('CIDR_HOST_BITS names the network address to use; near miss: the network address itself', () => {
    const f = found(plan({ vpcs: [vpc('v1', '10.0.0.1/16'), vpc('v2', '10.1.0.0/16')] }), 'CIDR_HOST_BITS');
    expect(f).toHaveLength(1);
    expect(f[0]!.subjects).toEqual(['v1']);
    expect(f[0]!.message).toContain('10.0.0.0/16');
    expect(found(plan({ vpcs: [vpc('v1', '10.0.0.1/16')] }), 'CIDR_INVALID')).toEqual([]);
  });

  it('VPC_CIDR_RANGE: outside the private ranges or their prefix limits', () => {
    const bad = [
      '11.0.0.0/16',
      '10.0.0.0/8',
      '10.0.0.0/29',
      '172.32.0.0/16',
      '172.0.0.0/12',
      '192.168.0.0/29',
      '192.0.0.0/8',
    ];
    const p = plan({ vpcs: bad.map((cidr, i) => vpc(`v${i}`, cidr)) });
    expect(found(p, 'VPC_CIDR_RANGE').map((f) => f.subjects[0])).toEqual(bad.map((_, i) => `v${i}`));
  });

  it('VPC_CIDR_RANGE near miss: the edges of each range', () => {
    const good = [
      '10.0.0.0/12',
      '10.255.255.240/28',
      '172.16.0.0/12',
      '172.31.255.240/28',
      '192.168.0.0/16',
      '192.168.255.240/28',
    ];
    expect(found(plan({ vpcs: good.map((cidr, i) => vpc(`v${i}`, cidr)) }), 'VPC_CIDR_RANGE')).toEqual([]);
  });

  it('VPC_CIDR_RANGE applies to secondary CIDRs', () => {
    const f = found(
      plan({ vpcs: [vpc('v1', '10.0.0.0/16', { secondaryCidrs: ['100.64.0.0/16'] })] }),
      'VPC_CIDR_RANGE',
    );
    expect(f.map((x) => x.subjects)).toEqual([['v1']]);
  });

  it('VPC_CIDR_OVERLAP: a secondary inside the primary or another secondary; near miss: adjacent', () => {
    const p = plan({
      vpcs: [
        vpc('v1', '10.0.0.0/16', { secondaryCidrs: ['10.0.128.0/17'] }),
        vpc('v2', '10.2.0.0/16', { secondaryCidrs: ['172.16.0.0/16', '172.16.1.0/24'] }),
        vpc('v3', '10.4.0.0/16', { secondaryCidrs: ['10.5.0.0/16', '10.3.0.0/16'] }),
      ],
    });
    expect(found(p, 'VPC_CIDR_OVERLAP').map((f) => f.subjects)).toEqual([['v1'], ['v2']]);
  });
});

describe('subnets', () => {
  it('SUBNET_OUTSIDE_VPC names the subnet and its VPC; near miss: inside a secondary CIDR', () => {
    const p = plan({
      vpcs: [
        vpc('v1', '10.0.0.0/16', {
          secondaryCidrs: ['172.16.0.0/16'],
          subnets: [
            { id: 'out', cidr: '10.1.0.0/24' },
            { id: 'straddles', cidr: '10.0.0.0/15' },
            { id: 'in-secondary', cidr: '172.16.4.0/24' },
            { id: 'in-primary', cidr: '10.0.255.0/24' },
            { id: 'whole', cidr: '10.0.0.0/16' },
          ],
        }),
      ],
    });
    expect(found(p, 'SUBNET_OUTSIDE_VPC').map((f) => f.subjects)).toEqual([
      ['out', 'v1'],
      ['straddles', 'v1'],
    ]);
  });

  it('SUBNET_OVERLAP names both subnets; near misses: adjacent, or in different VPCs', () => {
    const p = plan({
      vpcs: [
        vpc('v1', '10.0.0.0/16', {
          subnets: [
            { id: 'a', cidr: '10.0.0.0/24' },
            { id: 'b', cidr: '10.0.0.128/25' },
            { id: 'c', cidr: '10.0.1.0/24' },
          ],
        }),
        vpc('v2', '10.0.0.0/16', { subnets: [{ id: 'd', cidr: '10.0.0.0/24' }] }),
      ],
    });
    expect(found(p, 'SUBNET_OVERLAP').map((f) => f.subjects)).toEqual([['a', 'b']]);
  });

  it('SUBNET_SIZE: outside /16 to /28; near miss: /16 and /28', () => {
    const p = plan({
      vpcs: [
        vpc('v1', '10.0.0.0/12', {
          subnets: [
            { id: 'big', cidr: '10.0.0.0/15' },
            { id: 'tiny', cidr: '10.2.0.0/29' },
            { id: 'max', cidr: '10.4.0.0/16' },
            { id: 'min', cidr: '10.5.0.0/28' },
          ],
        }),
      ],
    });
    expect(found(p, 'SUBNET_SIZE').map((f) => f.subjects)).toEqual([['big'], ['tiny']]);
  });
});

describe('quotas', () => {
  const vpcs = (n: number, extra: (i: number) => Json = () => ({})) =>
    Array.from({ length: n }, (_, i) => vpc(`v${i}`, `10.${i}.0.0/16`, extra(i)));

  it('VPCs per region per account: 21 is one too many, 20 is fine, 21 over two regions is fine', () => {
    const over = found(plan({ vpcs: vpcs(21) }), 'QUOTA_EXCEEDED');
    expect(over).toHaveLength(1);
    expect(over[0]!.subjects).toContain(OWN);
    expect(over[0]!.subjects).toContain('v20');
    expect(found(plan({ vpcs: vpcs(20) }), 'QUOTA_EXCEEDED')).toEqual([]);
    const spread = vpcs(21, (i) => ({ region: i % 2 ? 'ap-beijing' : 'ap-guangzhou' }));
    expect(found(plan({ vpcs: spread }), 'QUOTA_EXCEEDED')).toEqual([]);
  });

  const subnets = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `s${i}`, cidr: `10.0.${i}.0/24` }));
  const tables = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `t${i}`, default: i === 0 }));
  const natRoutes = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      destination: `172.16.${i}.0/24`,
      nextHop: { type: 'nat', id: 'nat-1' },
    }));
  const secondaries = (n: number) => Array.from({ length: n }, (_, i) => `10.${100 + i}.0.0/16`);

  it.each([
    ['subnets per VPC', { subnets: subnets(101) }, { subnets: subnets(100) }, 'v1'],
    ['route tables per VPC', { routeTables: tables(11) }, { routeTables: tables(10) }, 'v1'],
    [
      'routes per route table',
      { routeTables: [table('t', natRoutes(51))] },
      { routeTables: [table('t', natRoutes(50))] },
      't',
    ],
    ['secondary CIDRs per VPC', { secondaryCidrs: secondaries(6) }, { secondaryCidrs: secondaries(5) }, 'v1'],
  ])('%s: one over the quota, and exactly at it', (_label, over, atQuota, subject) => {
    const f = found(plan({ vpcs: [vpc('v1', '10.0.0.0/16', over)] }), 'QUOTA_EXCEEDED');
    expect(f.map((x) => x.subjects)).toEqual([[subject]]);
    expect(found(plan({ vpcs: [vpc('v1', '10.0.0.0/16', atQuota)] }), 'QUOTA_EXCEEDED')).toEqual([]);
  });

  const hubWith = (spokes: number, hubExtra: Json = {}, state = (_i: number): Json => ({})) =>
    plan({
      vpcs: [
        vpc('hub', '10.0.0.0/16', hubExtra),
        ...Array.from({ length: spokes }, (_, i) => vpc(`s${i}`, `10.${i + 1}.0.0/16`)),
      ],
      peerings: Array.from({ length: spokes }, (_, i) => peering(`p${i}`, 'hub', `s${i}`, state(i))),
    });

  it('peerings per VPC: 11 pending or active against the default quota of 10', () => {
    const f = found(
      hubWith(11, {}, (i) => (i === 0 ? { state: 'pending' } : {})),
      'QUOTA_EXCEEDED',
    );
    expect(f).toHaveLength(1);
    expect(f[0]!.subjects[0]).toBe('hub');
    expect(f[0]!.subjects).toContain('p10');
  });

  it('peerings per VPC near misses: exactly 10; a raised peeringQuota; expired and rejected do not count', () => {
    expect(found(hubWith(10), 'QUOTA_EXCEEDED')).toEqual([]);
    expect(found(hubWith(11, { peeringQuota: 11 }), 'QUOTA_EXCEEDED')).toEqual([]);
    const gone = (i: number): Json =>
      i === 0 ? { state: 'rejected' } : i === 1 ? { state: 'pending', requestedAt: daysBefore(8) } : {};
    expect(found(hubWith(12, {}, gone), 'QUOTA_EXCEEDED')).toEqual([]);
  });
});

describe('peerings', () => {
  it('PEERING_SELF; near miss: two VPCs', () => {
    const p = plan({
      vpcs: [vpc('v1', '10.1.0.0/16'), vpc('v2', '10.2.0.0/16')],
      peerings: [peering('p', 'v1', 'v1'), peering('q', 'v1', 'v2')],
    });
    expect(found(p, 'PEERING_SELF').map((f) => f.subjects)).toEqual([['p', 'v1']]);
  });

  it('PEERING_DUPLICATE names every peering of the pair, in either direction', () => {
    const p = plan({
      vpcs: [vpc('v1', '10.1.0.0/16'), vpc('v2', '10.2.0.0/16')],
      peerings: [
        peering('a', 'v1', 'v2'),
        peering('b', 'v2', 'v1', { state: 'pending' }),
        peering('c', 'v1', 'v2'),
      ],
    });
    expect(found(p, 'PEERING_DUPLICATE').map((f) => f.subjects)).toEqual([['a', 'b', 'c']]);
  });

  it('PEERING_DUPLICATE near miss: the other peering is rejected or expired', () => {
    const p = plan({
      vpcs: [vpc('v1', '10.1.0.0/16'), vpc('v2', '10.2.0.0/16')],
      peerings: [
        peering('a', 'v1', 'v2'),
        peering('b', 'v1', 'v2', { state: 'rejected' }),
        peering('c', 'v2', 'v1', { state: 'expired' }),
      ],
    });
    expect(found(p, 'PEERING_DUPLICATE')).toEqual([]);
  });

  it('PEERING_CIDR_OVERLAP names the peering and both VPCs, secondary CIDRs included', () => {
    const p = plan({
      vpcs: [
        vpc('v1', '10.1.0.0/16'),
        vpc('v2', '10.1.128.0/17'),
        vpc('v3', '10.3.0.0/16', { secondaryCidrs: ['10.1.4.0/24'] }),
      ],
      peerings: [peering('p12', 'v1', 'v2'), peering('p31', 'v3', 'v1')],
    });
    expect(found(p, 'PEERING_CIDR_OVERLAP').map((f) => f.subjects)).toEqual([
      ['p12', 'v1', 'v2'],
      ['p31', 'v3', 'v1'],
    ]);
  });

  it('PEERING_CIDR_OVERLAP near miss: adjacent blocks', () => {
    const p = plan({
      vpcs: [vpc('v1', '10.0.0.0/16'), vpc('v2', '10.1.0.0/16')],
      peerings: [peering('p', 'v1', 'v2')],
    });
    expect(found(p, 'PEERING_CIDR_OVERLAP')).toEqual([]);
  });

  it('PEERS_OVERLAP names the two overlapping VPCs, their peerings and the shared VPC', () => {
    const p = plan({
      vpcs: [
        vpc('hub', '10.0.0.0/16'),
        vpc('a', '10.1.0.0/16'),
        vpc('b', '10.1.0.0/20'),
        vpc('c', '10.2.0.0/16'),
      ],
      peerings: [peering('pa', 'hub', 'a'), peering('pb', 'b', 'hub'), peering('pc', 'hub', 'c')],
    });
    const f = found(p, 'PEERS_OVERLAP');
    expect(f).toHaveLength(1);
    expect([...f[0]!.subjects].sort()).toEqual(['a', 'b', 'hub', 'pa', 'pb']);
    expect(f[0]!.subjects[4]).toBe('hub');
  });

  it('PEERS_OVERLAP near miss: the second peering was rejected', () => {
    const p = plan({
      vpcs: [vpc('hub', '10.0.0.0/16'), vpc('a', '10.1.0.0/16'), vpc('b', '10.1.0.0/20')],
      peerings: [peering('pa', 'hub', 'a'), peering('pb', 'b', 'hub', { state: 'rejected' })],
    });
    expect(found(p, 'PEERS_OVERLAP')).toEqual([]);
  });

  const crossRegion = (extra: Json) =>
    plan({
      vpcs: [vpc('gz', '10.1.0.0/16'), vpc('bj', '10.2.0.0/16', { region: 'ap-beijing' })],
      peerings: [peering('p', 'gz', 'bj', extra)],
    });

  it('PEERING_BANDWIDTH_REQUIRED: cross-region without a cap; near miss: with one', () => {
    expect(found(crossRegion({}), 'PEERING_BANDWIDTH_REQUIRED').map((f) => f.subjects)).toEqual([['p']]);
    expect(found(crossRegion({ bandwidthMbps: 100 }), 'PEERING_BANDWIDTH_REQUIRED')).toEqual([]);
  });

  it('PEERING_BANDWIDTH_LIMIT: above the quota; near misses: exactly at it, or under a raised quota', () => {
    expect(
      found(crossRegion({ bandwidthMbps: 1001 }), 'PEERING_BANDWIDTH_LIMIT').map((f) => f.subjects),
    ).toEqual([['p']]);
    expect(found(crossRegion({ bandwidthMbps: 1000 }), 'PEERING_BANDWIDTH_LIMIT')).toEqual([]);
    expect(
      found(crossRegion({ bandwidthMbps: 2000, bandwidthQuotaMbps: 2000 }), 'PEERING_BANDWIDTH_LIMIT'),
    ).toEqual([]);
    expect(
      found(crossRegion({ bandwidthMbps: 2001, bandwidthQuotaMbps: 2000 }), 'PEERING_BANDWIDTH_LIMIT'),
    ).toHaveLength(1);
  });

  it('PEERING_BANDWIDTH_IGNORED: a regional peering with a cap; near miss: without', () => {
    const [vpcs] = cleanPair();
    const withCap = plan({ vpcs: vpcs!, peerings: [peering('p12', 'v1', 'v2', { bandwidthMbps: 100 })] });
    const f = found(withCap, 'PEERING_BANDWIDTH_IGNORED');
    expect(f.map((x) => [x.subjects, x.severity])).toEqual([[['p12'], 'info']]);
    expect(found(withCap, 'PEERING_BANDWIDTH_LIMIT')).toEqual([]);
    expect(
      found(plan({ vpcs: vpcs!, peerings: [peering('p12', 'v1', 'v2')] }), 'PEERING_BANDWIDTH_IGNORED'),
    ).toEqual([]);
  });

  const crossAccount = (extra: Json, requesterAccount = PARTNER) =>
    plan({
      vpcs: [vpc('ours', '10.1.0.0/16'), vpc('theirs', '10.2.0.0/16', { account: requesterAccount })],
      peerings: [peering('p', 'theirs', 'ours', extra)],
    });

  it('PEERING_PENDING: a cross-account request 6 days old is pending, not expired', () => {
    const p = crossAccount({ requestedAt: daysBefore(6) });
    expect(p.peerings[0]!.state).toBe('pending'); // the default across accounts
    const f = found(p, 'PEERING_PENDING');
    expect(f.map((x) => x.subjects)).toEqual([['p']]);
    expect(f[0]!.message).toContain('2026-11-27'); // requested 2026-11-20, expires 7 days later
    expect(found(p, 'PEERING_EXPIRED')).toEqual([]);
  });

  it('PEERING_PENDING near miss: an accepted cross-account peering', () => {
    expect(found(crossAccount({ state: 'active' }), 'PEERING_PENDING')).toEqual([]);
  });

  it('PEERING_EXPIRED: pending 7 days, or marked expired', () => {
    const old = crossAccount({ requestedAt: daysBefore(7) });
    expect(found(old, 'PEERING_EXPIRED').map((f) => f.subjects)).toEqual([['p']]);
    expect(found(old, 'PEERING_PENDING')).toEqual([]);
    expect(found(crossAccount({ state: 'expired' }), 'PEERING_EXPIRED')).toHaveLength(1);
    expect(found(crossAccount({ state: 'active', requestedAt: daysBefore(30) }), 'PEERING_EXPIRED')).toEqual(
      [],
    );
  });

  it('PEERING_SAME_ACCOUNT_PENDING; near miss: pending across accounts', () => {
    const [vpcs] = cleanPair();
    const p = plan({ vpcs: vpcs!, peerings: [peering('p12', 'v1', 'v2', { state: 'pending' })] });
    expect(found(p, 'PEERING_SAME_ACCOUNT_PENDING').map((f) => f.subjects)).toEqual([['p12']]);
    expect(found(p, 'PEERING_PENDING')).toEqual([]);
    expect(found(crossAccount({ state: 'pending' }), 'PEERING_SAME_ACCOUNT_PENDING')).toEqual([]);
  });

  it('PEERING_UNTRUSTED_ACCOUNT: requested from an untrusted account; near misses: trusted, or we request', () => {
    const f = found(crossAccount({}, STRANGER), 'PEERING_UNTRUSTED_ACCOUNT');
    expect(f.map((x) => x.subjects)).toEqual([['p', STRANGER]]);
    expect(found(crossAccount({}, PARTNER), 'PEERING_UNTRUSTED_ACCOUNT')).toEqual([]);
    const weAsk = plan({
      vpcs: [vpc('ours', '10.1.0.0/16'), vpc('theirs', '10.2.0.0/16', { account: STRANGER })],
      peerings: [peering('p', 'ours', 'theirs')],
    });
    expect(found(weAsk, 'PEERING_UNTRUSTED_ACCOUNT')).toEqual([]);
  });

  it('PEERING_NO_ROUTES names the side without a route; a disabled route does not count', () => {
    const [vpcs, peerings] = cleanPair({}, [
      {},
      { routeTables: [table('t2', [route('10.1.0.0/16', 'p12', { enabled: false })])] },
    ]);
    const f = found(plan({ vpcs: vpcs!, peerings }), 'PEERING_NO_ROUTES');
    expect(f.map((x) => x.subjects)).toEqual([['p12', 'v2']]);
  });

  it('PEERING_NO_ROUTES near misses: routes on both sides; a pending peering', () => {
    const [vpcs, peerings] = cleanPair();
    expect(found(plan({ vpcs: vpcs!, peerings }), 'PEERING_NO_ROUTES')).toEqual([]);
    const bare = plan({
      vpcs: [vpc('v1', '10.1.0.0/16'), vpc('v2', '10.2.0.0/16', { account: PARTNER })],
      peerings: [peering('p', 'v1', 'v2')],
    });
    expect(found(bare, 'PEERING_NO_ROUTES')).toEqual([]);
  });

  it('PEERING_CROSS_REGION_LEGACY on a cross-region peering; near miss: regional', () => {
    expect(
      found(crossRegion({ bandwidthMbps: 10 }), 'PEERING_CROSS_REGION_LEGACY').map((f) => f.subjects),
    ).toEqual([['p']]);
    const [vpcs, peerings] = cleanPair();
    expect(found(plan({ vpcs: vpcs!, peerings }), 'PEERING_CROSS_REGION_LEGACY')).toEqual([]);
  });
});

describe('routes', () => {
  it('ROUTE_DEST_IN_VPC: a destination inside (or equal to) its own VPC; near misses: just outside, a supernet', () => {
    const [vpcs, peerings] = cleanPair({}, [
      {
        routeTables: [
          table('t1', [
            route('10.2.0.0/16', 'p12'),
            route('10.1.5.0/24', 'p12'),
            { destination: '10.1.0.0/16', nextHop: { type: 'vpn', id: 'vpn-1' } },
            { destination: '0.0.0.0/0', nextHop: { type: 'nat', id: 'nat-1' } },
            { destination: '10.0.255.0/24', nextHop: { type: 'vpn', id: 'vpn-1' } },
            route('10.0.0.0/8', 'p12'),
          ]),
        ],
      },
      {},
    ]);
    const p = plan({ vpcs: vpcs!, peerings });
    const f = found(p, 'ROUTE_DEST_IN_VPC');
    expect(f.map((x) => x.subjects)).toEqual([['t1#1'], ['t1#2']]);
    // The supernet 0.0.0.0/0 to a NAT gateway is the usual internet route: no finding at all.
    expect(validatePlan(p).filter((x) => x.subjects.includes('t1#3'))).toEqual([]);
    // A supernet through the peering is judged as a peering route: it reaches past the peer.
    expect(found(p, 'ROUTE_DEST_NOT_IN_PEER').map((x) => x.subjects)).toEqual([['t1#5']]);
  });

  it('ROUTE_DUPLICATE names both routes; near miss: the same destination in two tables', () => {
    const natRoute = { destination: '0.0.0.0/0', nextHop: { type: 'nat', id: 'nat-1' } };
    const p = plan({
      vpcs: [
        vpc('v1', '10.1.0.0/16', {
          routeTables: [
            table('t1', [
              natRoute,
              route('172.16.0.0/16', 'x'),
              { ...natRoute, nextHop: { type: 'vpn', id: 'v' } },
            ]),
            table('t2', [natRoute], { default: false }),
          ],
        }),
      ],
    });
    expect(found(p, 'ROUTE_DUPLICATE').map((f) => f.subjects)).toEqual([['t1#0', 't1#2']]);
  });

  it('ROUTE_DUPLICATE in short and long tables alike: groups in order, unparsed destinations by text', () => {
    const nat = (destination: string) => ({ destination, nextHop: { type: 'nat', id: 'nat-1' } });
    // Short tables compare destinations directly, long ones (over 16 routes) through a map: both
    // must group the same way.
    const distinct = Array.from({ length: 20 }, (_, i) => nat(`172.16.${i}.0/24`));
    for (const filler of [distinct.slice(0, 2), distinct]) {
      const routes = [
        nat('0.0.0.0/0'),
        nat('10.9.0.1/16'),
        ...filler,
        nat('10.9.0.1/16'),
        nat('0.0.0.0/0'),
        nat('0.0.0.0/0'),
      ];
      const n = filler.length;
      const p = plan({ vpcs: [vpc('v1', '10.1.0.0/16', { routeTables: [table('t1', routes)] })] });
      expect(found(p, 'ROUTE_DUPLICATE').map((f) => f.subjects)).toEqual([
        ['t1#1', `t1#${n + 2}`],
        ['t1#0', `t1#${n + 3}`, `t1#${n + 4}`],
      ]);
      // Near miss: the same list without the repeated routes.
      const clean = plan({
        vpcs: [vpc('v1', '10.1.0.0/16', { routeTables: [table('t1', routes.slice(0, n + 2))] })],
      });
      expect(found(clean, 'ROUTE_DUPLICATE')).toEqual([]);
    }
  });

  it('ROUTE_PEERING_FOREIGN: a route to a peering of other VPCs', () => {
    const [vpcs, peerings] = cleanPair();
    const p = plan({
      vpcs: [
        ...vpcs!,
        vpc('v3', '10.3.0.0/16', { routeTables: [table('t3', [route('10.2.0.0/16', 'p12')])] }),
      ],
      peerings,
    });
    expect(found(p, 'ROUTE_PEERING_FOREIGN').map((f) => f.subjects)).toEqual([['t3#0']]);
    expect(found(p, 'ROUTE_TRANSITIVE')).toEqual([]);
  });

  it('ROUTE_DEST_NOT_IN_PEER: a destination outside the peer and every other VPC', () => {
    const [vpcs, peerings] = cleanPair({}, [
      {
        routeTables: [
          table('t1', [
            route('10.2.0.0/16', 'p12'),
            route('10.9.0.0/16', 'p12'),
            route('10.2.0.0/15', 'p12'),
          ]),
        ],
      },
      {},
    ]);
    const p = plan({ vpcs: vpcs!, peerings });
    // 10.9.0.0/16 is nowhere; 10.2.0.0/15 is wider than the peer's 10.2.0.0/16.
    expect(found(p, 'ROUTE_DEST_NOT_IN_PEER').map((f) => f.subjects)).toEqual([['t1#1'], ['t1#2']]);
    expect(found(p, 'ROUTE_TRANSITIVE')).toEqual([]);
  });

  it('ROUTE_DEST_NOT_IN_PEER near miss: a peer secondary CIDR and a part of the peer', () => {
    const [vpcs, peerings] = cleanPair({}, [
      {
        routeTables: [
          table('t1', [
            route('10.2.0.0/16', 'p12'),
            route('172.16.0.0/24', 'p12'),
            route('10.2.3.0/24', 'p12'),
          ]),
        ],
      },
      { secondaryCidrs: ['172.16.0.0/16'] },
    ]);
    const p = plan({ vpcs: vpcs!, peerings });
    expect(found(p, 'ROUTE_DEST_NOT_IN_PEER')).toEqual([]);
    expect(found(p, 'ROUTE_DUPLICATE')).toEqual([]);
  });

  it('ROUTE_TRANSITIVE: a destination in a third VPC; near miss: a direct peering', () => {
    const [vpcs, peerings] = cleanPair({}, [
      { routeTables: [table('t1', [route('10.2.0.0/16', 'p12'), route('10.3.0.0/16', 'p12')])] },
      {},
    ]);
    const p = plan({
      vpcs: [...vpcs!, vpc('v3', '10.3.0.0/16')],
      peerings: [...peerings!, peering('p23', 'v2', 'v3')],
    });
    const f = found(p, 'ROUTE_TRANSITIVE');
    expect(f.map((x) => x.subjects)).toEqual([['t1#1']]);
    expect(f[0]!.message).toContain('v3');
    expect(found(p, 'ROUTE_DEST_NOT_IN_PEER')).toEqual([]);
  });

  it('ROUTE_TRANSITIVE also for a destination covering a third VPC', () => {
    const [vpcs, peerings] = cleanPair({}, [
      { routeTables: [table('t1', [route('10.2.0.0/16', 'p12'), route('172.16.0.0/12', 'p12')])] },
      {},
    ]);
    const p = plan({ vpcs: [...vpcs!, vpc('v3', '172.20.0.0/16')], peerings });
    expect(found(p, 'ROUTE_TRANSITIVE').map((x) => x.subjects)).toEqual([['t1#1']]);
  });

  it('ROUTE_TRANSITIVE names the third VPCs in ID order whatever the plan order, and counts the rest', () => {
    const [vpcs, peerings] = cleanPair({}, [
      { routeTables: [table('t1', [route('10.2.0.0/16', 'p12'), route('172.16.0.0/12', 'p12')])] },
      {},
    ]);
    const thirds = ['v7', 'v3', 'v9', 'v5', 'v4'].map((id, i) => vpc(id, `172.${20 + i}.0.0/16`));
    const message = (order: typeof thirds) =>
      found(plan({ vpcs: [...vpcs!, ...order], peerings }), 'ROUTE_TRANSITIVE')[0]!.message;
    expect(message(thirds)).toContain('is in VPC v3, v4, v5 and 2 more, not in the peer v2');
    expect(message([...thirds].reverse())).toBe(message(thirds));
  });

  it('ROUTE_PEERING_INACTIVE: routes to a pending or expired peering; near miss: active, or disabled', () => {
    const [vpcs] = cleanPair();
    const pending = plan({ vpcs: vpcs!, peerings: [peering('p12', 'v1', 'v2', { state: 'pending' })] });
    expect(found(pending, 'ROUTE_PEERING_INACTIVE').map((f) => f.subjects)).toEqual([['t1#0'], ['t2#0']]);
    const expired = plan({ vpcs: vpcs!, peerings: [peering('p12', 'v1', 'v2', { state: 'expired' })] });
    expect(found(expired, 'ROUTE_PEERING_INACTIVE')).toHaveLength(2);
    expect(
      found(plan({ vpcs: vpcs!, peerings: [peering('p12', 'v1', 'v2')] }), 'ROUTE_PEERING_INACTIVE'),
    ).toEqual([]);
    const [disabledVpcs] = cleanPair({}, [
      { routeTables: [table('t1', [route('10.2.0.0/16', 'p12', { enabled: false })])] },
      {},
    ]);
    const disabled = plan({
      vpcs: disabledVpcs!,
      peerings: [peering('p12', 'v1', 'v2', { state: 'pending' })],
    });
    expect(found(disabled, 'ROUTE_PEERING_INACTIVE').map((f) => f.subjects)).toEqual([['t2#0']]);
  });
});

describe('the examples', () => {
  const examples = new URL('../../shared/examples/', import.meta.url);
  const load = (name: string) => {
    const result = parsePlanText(readFileSync(new URL(name, examples), 'utf8'), { today: AS_OF });
    if (!result.ok) throw new Error(result.error.message);
    return result.plan;
  };

  it('quickstart has no error', () => {
    expect(validatePlan(load('quickstart.json')).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('shanghai-hub reports its mistakes', () => {
    const findings = validatePlan(load('shanghai-hub.json'));
    const byCode = (code: FindingCode) => findings.filter((f) => f.code === code).map((f) => f.subjects);
    expect(byCode('ROUTE_TRANSITIVE')).toEqual([['rtb-app#1']]);
    expect(byCode('PEERING_NO_ROUTES')).toEqual([['pcx-data', 'vpc-data']]);
    expect(byCode('PEERING_PENDING')).toEqual([['pcx-pay']]);
    expect(byCode('ROUTE_PEERING_INACTIVE')).toEqual([['rtb-shared#2'], ['rtb-pay#0']]);
  });
});
