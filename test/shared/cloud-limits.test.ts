import { asPlanFile } from '../../shared/plan/as-file';
/**
 * What the cloud refuses, found before it refuses it (rules.md): NAME_INVALID, SUBNET_ZONE_MISSING
 * and SUBNET_ZONE_REGION, each with triggers and near misses; the zone catalog; the `isolated`
 * peering state through the rules, reachability and costs; and the one-to-one next-hop types.
 * Expected values come from the cloud's own limits (60 bytes of UTF-8, zones as Tencent Cloud
 * lists them), not from the code under test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NEXT_HOP_KINDS, nextHopTypeOfGateway } from '../../shared/catalog/next-hops';
import { REGIONS } from '../../shared/catalog/regions';
import { isZoneOfRegion, regionOfZone, zonesOfRegion } from '../../shared/catalog/zones';
import { computeCosts } from '../../shared/cost/costs';
import type { Plan } from '../../shared/plan/model';
import { NEXT_HOP_TYPES } from '../../shared/plan/model';
import { parsePlanText } from '../../shared/plan/parse';
import { computeReachability } from '../../shared/reach/reachability';
import type { FindingCode } from '../../shared/rules/finding';
import { utf8ByteLength } from '../../shared/rules/names';
import { validatePlan } from '../../shared/rules/validate';
import { PlanBuilder, quickStart } from './plan-builder';

const AS_OF = '2026-11-26';
type Json = Record<string, unknown>;

/** One VPC (region and subnet zone as given) in a plan file, parsed as the CLI would. */
function planWith(options: { region?: string; zone?: string | null; names?: Json } = {}): Plan {
  const names = options.names ?? {};
  const subnet: Json = {
    id: 'sn-1',
    cidr: '10.0.1.0/24',
    ...(names.subnet !== undefined ? { name: names.subnet } : {}),
  };
  if (options.zone !== null) subnet.zone = options.zone ?? 'ap-guangzhou-3';
  const file = {
    format: 'peerplan/1',
    name: 'limits',
    asOf: AS_OF,
    accounts: [{ id: '100000000001' }],
    vpcs: [
      {
        id: 'vpc-1',
        ...(names.vpc !== undefined ? { name: names.vpc } : {}),
        account: '100000000001',
        region: options.region ?? 'ap-guangzhou',
        cidr: '10.0.0.0/16',
        routeTables: [
          { id: 'rtb-1', default: true, ...(names.table !== undefined ? { name: names.table } : {}) },
        ],
        subnets: [subnet],
      },
      { id: 'vpc-2', account: '100000000001', region: 'ap-guangzhou', cidr: '10.1.0.0/16' },
    ],
    peerings: [
      {
        id: 'pcx-1',
        ...(names.peering !== undefined ? { name: names.peering } : {}),
        requester: 'vpc-1',
        accepter: 'vpc-2',
      },
    ],
  };
  const result = parsePlanText(JSON.stringify(file), { today: AS_OF });
  if (!result.ok) throw new Error(result.error.message);
  return result.plan;
}

const codes = (plan: Plan, code: FindingCode) =>
  validatePlan(plan)
    .filter((f) => f.code === code)
    .map((f) => f.subjects);

describe('NAME_INVALID', () => {
  it('an empty name, of each kind the cloud names', () => {
    for (const kind of ['vpc', 'subnet', 'table', 'peering'] as const) {
      const subject = { vpc: 'vpc-1', subnet: 'sn-1', table: 'rtb-1', peering: 'pcx-1' }[kind];
      expect(codes(planWith({ names: { [kind]: '' } }), 'NAME_INVALID')).toEqual([[subject]]);
    }
  });

  it('over 60 bytes of UTF-8: 61 ASCII letters, 21 CJK characters, 16 emoji', () => {
    for (const name of ['a'.repeat(61), '网'.repeat(21), '🚀'.repeat(16)]) {
      const findings = validatePlan(planWith({ names: { vpc: name } })).filter(
        (f) => f.code === 'NAME_INVALID',
      );
      expect(findings.map((f) => f.subjects)).toEqual([['vpc-1']]);
      expect(findings[0]!.severity).toBe('error');
      expect(findings[0]!.message).toContain(`${Buffer.byteLength(name, 'utf8')} bytes`);
    }
  });

  it('near misses: exactly 60 bytes (60 letters, 20 CJK, 15 emoji), a missing name (the ID is used)', () => {
    for (const name of ['a'.repeat(60), '网'.repeat(20), '🚀'.repeat(15), ' ']) {
      expect(
        codes(planWith({ names: { vpc: name, subnet: name, table: name, peering: name } }), 'NAME_INVALID'),
      ).toEqual([]);
    }
    expect(codes(planWith(), 'NAME_INVALID')).toEqual([]);
  });

  it('counts bytes as UTF-8 does (any string, lone surrogates as U+FFFD)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
      }),
    );
  });
});

describe('SUBNET_ZONE_MISSING', () => {
  it('a subnet without a zone is a warning naming the subnet', () => {
    const findings = validatePlan(planWith({ zone: null })).filter((f) => f.code === 'SUBNET_ZONE_MISSING');
    expect(findings.map((f) => [f.severity, f.subjects])).toEqual([['warning', ['sn-1']]]);
  });

  it('near miss: a subnet with its zone', () => {
    expect(codes(planWith({ zone: 'ap-guangzhou-3' }), 'SUBNET_ZONE_MISSING')).toEqual([]);
  });
});

describe('SUBNET_ZONE_REGION', () => {
  const trigger = (region: string, zone: string) => codes(planWith({ region, zone }), 'SUBNET_ZONE_REGION');

  it('a zone of another region', () => {
    expect(trigger('ap-guangzhou', 'ap-shanghai-2')).toEqual([['sn-1', 'vpc-1']]);
    // The careful case: Shanghai Finance's zone is not a zone of Shanghai, and the other way round.
    expect(trigger('ap-shanghai', 'ap-shanghai-fsi-1')).toEqual([['sn-1', 'vpc-1']]);
    expect(trigger('ap-shanghai-fsi', 'ap-shanghai-2')).toEqual([['sn-1', 'vpc-1']]);
    expect(trigger('ap-beijing', 'ap-beijing-fsi-1')).toEqual([['sn-1', 'vpc-1']]);
  });

  it('a zone the region does not have, or no zone at all', () => {
    expect(trigger('ap-shanghai', 'ap-shanghai-6')).toEqual([['sn-1', 'vpc-1']]);
    expect(trigger('ap-guangzhou', 'guangzhou-3')).toEqual([['sn-1', 'vpc-1']]);
    const message = validatePlan(planWith({ region: 'ap-shanghai', zone: 'ap-shanghai-fsi-1' })).find(
      (f) => f.code === 'SUBNET_ZONE_REGION',
    )!.message;
    expect(message).toContain('it is a zone of ap-shanghai-fsi');
    expect(message).toContain('ap-shanghai-2');
  });

  it('near misses: the zones Tencent Cloud lists for the region', () => {
    expect(trigger('ap-shanghai', 'ap-shanghai-2')).toEqual([]);
    expect(trigger('ap-shanghai-fsi', 'ap-shanghai-fsi-1')).toEqual([]);
    expect(trigger('ap-guangzhou', 'ap-guangzhou-7')).toEqual([]);
    expect(trigger('ap-beijing-fsi', 'ap-beijing-fsi-2')).toEqual([]);
    // A region outside the catalog: REGION_UNKNOWN already; a zone named after it is taken.
    expect(trigger('ap-xiamen', 'ap-xiamen-1')).toEqual([]);
    expect(trigger('ap-xiamen', 'ap-shanghai-2')).toEqual([['sn-1', 'vpc-1']]);
  });
});

describe('the zone catalog', () => {
  it('has zones for every region of the region catalog, each named after its region', () => {
    for (const region of REGIONS) {
      const zones = zonesOfRegion(region.id);
      expect(zones.length, region.id).toBeGreaterThan(0);
      for (const zone of zones) {
        expect(zone).toMatch(new RegExp(`^${region.id}-\\d+$`));
        expect(regionOfZone(zone)).toBe(region.id);
        expect(isZoneOfRegion(zone, region.id)).toBe(true);
      }
    }
  });

  it('knows the zones Tencent Cloud documents, and not the fsi ones under the plain region', () => {
    expect(zonesOfRegion('ap-shanghai')).toEqual(
      expect.arrayContaining(['ap-shanghai-2', 'ap-shanghai-5', 'ap-shanghai-8']),
    );
    expect(zonesOfRegion('ap-shanghai')).not.toContain('ap-shanghai-fsi-1');
    expect(zonesOfRegion('ap-guangzhou')).toEqual(
      expect.arrayContaining(['ap-guangzhou-3', 'ap-guangzhou-6', 'ap-guangzhou-7']),
    );
    expect(regionOfZone('ap-shanghai-fsi-1')).toBe('ap-shanghai-fsi');
    expect(zonesOfRegion('toString')).toEqual([]);
    expect(regionOfZone('__proto__')).toBeUndefined();
  });
});

describe('isolated peerings', () => {
  it('count toward the peering quota', () => {
    const builder = new PlanBuilder().vpc('hub', { cidr: '10.0.0.0/16', peeringQuota: 2 });
    for (let i = 1; i <= 3; i++) {
      builder.vpc(`spoke-${i}`, { cidr: `10.${i}.0.0/16` });
      builder.peering(`pcx-${i}`, 'hub', `spoke-${i}`, { state: i === 3 ? 'isolated' : 'active' });
    }
    expect(codes(builder.build(), 'QUOTA_EXCEEDED')).toEqual([['hub', 'pcx-1', 'pcx-2', 'pcx-3']]);
    // Near miss: a rejected one does not.
    const rejected = new PlanBuilder().vpc('hub', { cidr: '10.0.0.0/16', peeringQuota: 2 });
    for (let i = 1; i <= 3; i++) {
      rejected.vpc(`spoke-${i}`, { cidr: `10.${i}.0.0/16` });
      rejected.peering(`pcx-${i}`, 'hub', `spoke-${i}`, { state: i === 3 ? 'rejected' : 'active' });
    }
    expect(codes(rejected.build(), 'QUOTA_EXCEEDED')).toEqual([]);
  });

  it('carry no traffic: routes to them are black holes, pairs are PEERING_INACTIVE, nothing is billed', () => {
    const plan = quickStart({ state: 'isolated' });
    const inactive = validatePlan(plan).filter((f) => f.code === 'ROUTE_PEERING_INACTIVE');
    expect(inactive.map((f) => f.subjects)).toEqual([['rtb-gz01#0'], ['rtb-bj02#0']]);
    expect(inactive[0]!.message).toContain('isolated');
    const pair = computeReachability(plan).find((p) => p.from === 'subnet-gz-a')!;
    expect(pair.status).toBe('unreachable');
    expect(pair.reasons).toContain('PEERING_INACTIVE');
    const cost = computeCosts(plan).peerings[0]!;
    expect(cost.monthly).toBeNull();
    expect(cost.days).toEqual([]);
    // Near miss: the same plan active is reachable and billed.
    const active = quickStart({ state: 'active' });
    expect(computeReachability(active).find((p) => p.from === 'subnet-gz-a')!.status).toBe('reachable');
    expect(computeCosts(active).peerings[0]!.monthly).not.toBeNull();
  });

  it('parse from a plan file', () => {
    const plan = planWith();
    const file = JSON.parse(
      JSON.stringify({ ...asPlanFile(plan), peerings: [{ ...plan.peerings[0], state: 'isolated' }] }),
    );
    const parsed = parsePlanText(JSON.stringify(file), { today: AS_OF });
    expect(parsed.ok && parsed.plan.peerings[0]!.state).toBe('isolated');
  });
});

describe('next-hop types', () => {
  it('one plan type per cloud GatewayType the provider accepts, both ways', () => {
    // The provider's ALL_GATE_WAY_TYPES without the system CCN type.
    const cloud = [
      'CVM',
      'VPN',
      'DIRECTCONNECT',
      'PEERCONNECTION',
      'SSLVPN',
      'HAVIP',
      'NAT',
      'NORMAL_CVM',
      'EIP',
      'LOCAL_GATEWAY',
      'INTRANAT',
      'USER_CCN',
      'GWLB_ENDPOINT',
    ];
    expect(NEXT_HOP_KINDS.map((k) => k.gatewayType).sort()).toEqual([...cloud].sort());
    expect(NEXT_HOP_KINDS.map((k) => k.type)).toEqual(NEXT_HOP_TYPES);
    expect(nextHopTypeOfGateway('INTRANAT')).toBe('intranat');
    expect(nextHopTypeOfGateway('SSLVPN')).toBe('sslvpn');
    expect(nextHopTypeOfGateway('CVM')).toBe('cvm');
    expect(nextHopTypeOfGateway('CCN')).toBeUndefined();
    expect(nextHopTypeOfGateway('toString')).toBeUndefined();
  });

  it('every type parses, and a route of a new type shadows a peering like any other next hop', () => {
    for (const type of NEXT_HOP_TYPES.filter((t) => t !== 'peering')) {
      const plan = new PlanBuilder()
        .vpc('vpc-a', { cidr: '10.0.0.0/16', table: 'rtb-a' })
        .subnet('vpc-a', 'sn-a', '10.0.1.0/24')
        .vpc('vpc-b', { cidr: '10.1.0.0/16', table: 'rtb-b' })
        .subnet('vpc-b', 'sn-b', '10.1.1.0/24')
        .peering('pcx', 'vpc-a', 'vpc-b')
        .route('rtb-a', '10.1.0.0/16', 'pcx')
        .route('rtb-a', '10.1.1.0/24', { type, id: 'gw-1' })
        .route('rtb-b', '10.0.0.0/16', 'pcx')
        .build();
      const pair = computeReachability(plan).find((p) => p.from === 'sn-a')!;
      expect([type, pair.status, pair.reasons]).toEqual([type, 'unreachable', ['OVERRIDDEN']]);
      expect(validatePlan(plan).filter((f) => f.severity === 'error')).toEqual([]);
    }
  });
});
