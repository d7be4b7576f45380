/**
 * The CCN findings of spec/ccn.md, each with a plan that triggers it (severity and subjects as
 * the spec lists them) and a near miss that does not; then the reference findings about CCNs,
 * and the legacy peering's message offering the migration. Plans are written as plan files, so
 * the normaliser's defaults (pending cross-account attachments) take part.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../shared/plan/model';
import { parsePlanText } from '../../shared/plan/parse';
import { isCcnFinding } from '../../shared/rules/ccns';
import type { Finding, FindingCode } from '../../shared/rules/finding';
import { finding } from '../../shared/rules/finding';
import { validatePlan } from '../../shared/rules/validate';

const OWN = '100000000001';
const PARTNER = '200000000002';
type Json = Record<string, unknown>;

const vpc = (id: string, cidr: string, extra: Json = {}): Json => ({
  id,
  account: OWN,
  region: 'ap-guangzhou',
  cidr,
  ...extra,
});
const ccn = (id: string, attachments: (string | Json)[], extra: Json = {}): Json => ({
  id,
  account: OWN,
  attachments: attachments.map((a) => (typeof a === 'string' ? { vpc: a } : a)),
  ...extra,
});

function plan(parts: { vpcs: Json[]; ccns: Json[]; peerings?: Json[]; traffic?: Json[] }): Plan {
  const text = JSON.stringify({
    format: 'peerplan/1',
    name: 'ccn rules',
    asOf: '2026-11-29',
    accounts: [
      { id: OWN, name: 'Network' },
      { id: PARTNER, name: 'Partner', own: false, trusted: true },
    ],
    vpcs: parts.vpcs,
    peerings: parts.peerings ?? [],
    traffic: parts.traffic ?? [],
    ccns: parts.ccns,
  });
  const result = parsePlanText(text, { today: '2026-11-29' });
  if (!result.ok) throw new Error(`test plan refused: ${result.error.path}: ${result.error.message}`);
  return result.plan;
}

const found = (p: Plan, code: FindingCode): Finding[] => validatePlan(p).filter((f) => f.code === code);
const subjectsOf = (p: Plan, code: FindingCode) => found(p, code).map((f) => f.subjects);

describe('CCN_ROUTE_CONFLICT (warning)', () => {
  const two = (second: string) =>
    plan({
      vpcs: [vpc('vpc-a', '10.0.0.0/16'), vpc('vpc-b', second)],
      ccns: [
        ccn('ccn-1', [
          { vpc: 'vpc-a', attachedAt: '2026-11-01' },
          { vpc: 'vpc-b', attachedAt: '2026-11-02' },
        ]),
      ],
    });

  it('an overlapping CIDR, either way: subjects the CCN, the later VPC, the earlier VPC', () => {
    for (const second of ['10.0.128.0/17', '10.0.0.0/12', '10.0.0.0/16']) {
      const [f, ...rest] = found(two(second), 'CCN_ROUTE_CONFLICT');
      expect(rest).toEqual([]);
      expect(f!.severity).toBe('warning');
      expect(f!.subjects).toEqual(['ccn-1', 'vpc-b', 'vpc-a']);
      expect(f!.message).toContain(second);
    }
  });

  it('near miss: an adjacent CIDR', () => {
    expect(found(two('10.1.0.0/16'), 'CCN_ROUTE_CONFLICT')).toEqual([]);
  });

  it('ccn-core.json: Beijing (attached third) against Guangzhou', () => {
    const text = readFileSync(new URL('../fixtures/plans/ccn-core.json', import.meta.url), 'utf8');
    const parsed = parsePlanText(text, { today: '2026-11-29' });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const findings = validatePlan(parsed.plan);
    expect(findings.filter((f) => f.code.startsWith('CCN_')).map((f) => [f.code, f.subjects])).toEqual([
      ['CCN_ATTACH_PENDING', ['ccn-core@vpc-data', 'ccn-core', 'vpc-data']],
      ['CCN_ROUTE_CONFLICT', ['ccn-core', 'vpc-bj', 'vpc-gz']],
    ]);
  });
});

describe('CCN_ROUTE_SHADOWED (warning)', () => {
  const withRoute = (destination: string) =>
    plan({
      vpcs: [
        vpc('vpc-gz', '192.168.0.0/16', {
          routeTables: [
            {
              id: 'rtb-gz',
              default: true,
              routes: [
                { destination: '172.16.0.0/16', nextHop: { type: 'nat', id: 'nat-1' } },
                { destination, nextHop: { type: 'peering', id: 'pcx' } },
              ],
            },
          ],
        }),
        vpc('vpc-bj', '10.0.0.0/16', { region: 'ap-beijing' }),
      ],
      peerings: [{ id: 'pcx', requester: 'vpc-gz', accepter: 'vpc-bj', bandwidthMbps: 100 }],
      ccns: [ccn('ccn-1', ['vpc-gz', 'vpc-bj'])],
    });

  it('a plan route with the CCN route’s destination: subjects the table, that route, the CCN', () => {
    const [f, ...rest] = found(withRoute('10.0.0.0/16'), 'CCN_ROUTE_SHADOWED');
    expect(rest).toEqual([]);
    expect(f!.severity).toBe('warning');
    expect(f!.subjects).toEqual(['rtb-gz', 'rtb-gz#1', 'ccn-1']);
  });

  it('near miss: a longer prefix', () => {
    expect(found(withRoute('10.0.1.0/24'), 'CCN_ROUTE_SHADOWED')).toEqual([]);
  });
});

describe('CCN_VPC_MULTIPLE (error)', () => {
  const attach = (state: string) =>
    plan({
      vpcs: [vpc('vpc-a', '10.0.0.0/16'), vpc('vpc-b', '10.1.0.0/16')],
      ccns: [ccn('ccn-1', ['vpc-a']), ccn('ccn-2', ['vpc-b', { vpc: 'vpc-a', state }])],
    });

  it('a VPC attached (active or pending) to two CCNs: subjects the VPC and the CCNs', () => {
    for (const state of ['active', 'pending']) {
      const findings = found(attach(state), 'CCN_VPC_MULTIPLE');
      expect(findings.map((f) => [f.severity, f.subjects])).toEqual([['error', ['vpc-a', 'ccn-1', 'ccn-2']]]);
    }
  });

  it('near miss: the second attachment rejected', () => {
    expect(found(attach('rejected'), 'CCN_VPC_MULTIPLE')).toEqual([]);
  });
});

describe('CCN_QUOTA (error)', () => {
  const vpcs = Array.from({ length: 26 }, (_, i) => vpc(`vpc-${i}`, `10.${i}.0.0/16`));

  it('26 attachments on a CCN; near miss 25', () => {
    const ids = vpcs.map((v) => v.id as string);
    const at = (n: number) => plan({ vpcs, ccns: [ccn('ccn-1', ids.slice(0, n))] });
    expect(found(at(26), 'CCN_QUOTA').map((f) => [f.severity, f.subjects])).toEqual([['error', ['ccn-1']]]);
    expect(found(at(25), 'CCN_QUOTA')).toEqual([]);
  });

  it('6 CCNs owned by one account; near miss 5', () => {
    const at = (n: number) =>
      plan({ vpcs: [], ccns: Array.from({ length: n }, (_, i) => ccn(`ccn-${i}`, [])) });
    expect(found(at(6), 'CCN_QUOTA').map((f) => f.subjects)).toEqual([
      [OWN, 'ccn-0', 'ccn-1', 'ccn-2', 'ccn-3', 'ccn-4', 'ccn-5'],
    ]);
    expect(found(at(5), 'CCN_QUOTA')).toEqual([]);
  });
});

describe('CCN_ATTACH_PENDING (info)', () => {
  it('a cross-account attachment (pending by default): subjects the attachment, the CCN, the VPC', () => {
    const p = plan({
      vpcs: [vpc('vpc-a', '10.0.0.0/16'), vpc('vpc-p', '10.1.0.0/16', { account: PARTNER })],
      ccns: [ccn('ccn-1', ['vpc-a', 'vpc-p'])],
    });
    expect(found(p, 'CCN_ATTACH_PENDING').map((f) => [f.severity, f.subjects])).toEqual([
      ['info', ['ccn-1@vpc-p', 'ccn-1', 'vpc-p']],
    ]);
  });

  it('near miss: the owner accepted it (active)', () => {
    const p = plan({
      vpcs: [vpc('vpc-p', '10.1.0.0/16', { account: PARTNER })],
      ccns: [ccn('ccn-1', [{ vpc: 'vpc-p', state: 'active' }])],
    });
    expect(found(p, 'CCN_ATTACH_PENDING')).toEqual([]);
  });
});

describe('CCN_PREPAID_LIMIT_TYPE (error)', () => {
  const at = (bandwidthLimitType: string) =>
    plan({ vpcs: [], ccns: [ccn('ccn-1', [], { chargeType: 'prepaid', bandwidthLimitType })] });

  it('prepaid with outer-region limits; near miss inter-region', () => {
    expect(found(at('outer-region'), 'CCN_PREPAID_LIMIT_TYPE').map((f) => [f.severity, f.subjects])).toEqual([
      ['error', ['ccn-1']],
    ]);
    expect(found(at('inter-region'), 'CCN_PREPAID_LIMIT_TYPE')).toEqual([]);
  });
});

describe('CCN_BANDWIDTH_MISSING (warning)', () => {
  const at = (limits: Json[], chargeType = 'prepaid') =>
    plan({
      vpcs: [
        vpc('vpc-gz', '10.0.0.0/16'),
        vpc('vpc-sh', '10.1.0.0/16', { region: 'ap-shanghai' }),
        vpc('vpc-bj', '10.2.0.0/16', { region: 'ap-beijing' }),
      ],
      ccns: [
        ccn('ccn-1', ['vpc-gz', 'vpc-sh', { vpc: 'vpc-bj', state: 'pending' }], {
          chargeType,
          bandwidthLimitType: 'inter-region',
          bandwidthLimits: limits,
        }),
      ],
    });

  it('a prepaid CCN with active members in two regions and no limit for the pair', () => {
    const findings = found(at([]), 'CCN_BANDWIDTH_MISSING');
    expect(findings.map((f) => [f.severity, f.subjects])).toEqual([['warning', ['ccn-1']]]);
    expect(findings[0]!.message).toContain('ap-guangzhou and ap-shanghai');
  });

  it('near misses: a limit for the pair (either order), or postpaid', () => {
    expect(
      found(at([{ region: 'ap-shanghai', dstRegion: 'ap-guangzhou', mbps: 50 }]), 'CCN_BANDWIDTH_MISSING'),
    ).toEqual([]);
    expect(found(at([], 'postpaid'), 'CCN_BANDWIDTH_MISSING')).toEqual([]);
  });
});

describe('CCN_LIMIT_UNUSED (warning)', () => {
  const at = (state: string) =>
    plan({
      vpcs: [vpc('vpc-gz', '10.0.0.0/16'), vpc('vpc-sh', '10.1.0.0/16', { region: 'ap-shanghai' })],
      ccns: [
        ccn('ccn-1', ['vpc-gz', { vpc: 'vpc-sh', state }], {
          bandwidthLimits: [{ region: 'ap-shanghai', mbps: 100 }],
        }),
      ],
    });

  it('a limit for a region with only a pending member; near miss an active one', () => {
    expect(found(at('pending'), 'CCN_LIMIT_UNUSED').map((f) => [f.severity, f.subjects])).toEqual([
      ['warning', ['ccn-1']],
    ]);
    expect(found(at('active'), 'CCN_LIMIT_UNUSED')).toEqual([]);
  });
});

describe('CCN_PEERING_MIGRATION (info)', () => {
  const at = (state: string) =>
    plan({
      vpcs: [vpc('vpc-gz', '10.0.0.0/16'), vpc('vpc-bj', '10.1.0.0/16', { region: 'ap-beijing' })],
      peerings: [{ id: 'pcx', requester: 'vpc-gz', accepter: 'vpc-bj', bandwidthMbps: 100 }],
      ccns: [ccn('ccn-1', ['vpc-gz', { vpc: 'vpc-bj', state }])],
    });

  it('a peering between two active members: subjects the peering, the CCN', () => {
    expect(found(at('active'), 'CCN_PEERING_MIGRATION').map((f) => [f.severity, f.subjects])).toEqual([
      ['info', ['pcx', 'ccn-1']],
    ]);
    expect(found(at('active'), 'CCN_PEERING_MIGRATION')[0]!.message).toContain(
      'both active members of CCN ccn-1: once the CCN routes are effective, delete the peering',
    );
  });

  it('near miss: one end only pending', () => {
    expect(found(at('pending'), 'CCN_PEERING_MIGRATION')).toEqual([]);
  });

  it('PEERING_CROSS_REGION_LEGACY keeps its code and now offers the migration', () => {
    const [legacy] = found(at('pending'), 'PEERING_CROSS_REGION_LEGACY');
    expect(legacy!.subjects).toEqual(['pcx']);
    expect(legacy!.message).toContain('Migrate it to a Cloud Connect Network');
    expect(legacy!.message).toContain('peerplan migrate PLAN.json --peering pcx');
  });
});

describe('references about CCNs', () => {
  it('a duplicate CCN ID, a VPC attached twice: ID_DUPLICATE; near miss: distinct', () => {
    const p = plan({
      vpcs: [vpc('vpc-a', '10.0.0.0/16')],
      ccns: [ccn('ccn-1', ['vpc-a', 'vpc-a']), ccn('ccn-1', [])],
    });
    expect(subjectsOf(p, 'ID_DUPLICATE')).toEqual([['ccn-1'], ['ccn-1@vpc-a', 'ccn-1', 'vpc-a']]);
    const fine = plan({
      vpcs: [vpc('vpc-a', '10.0.0.0/16')],
      ccns: [ccn('ccn-1', ['vpc-a']), ccn('ccn-2', [])],
    });
    expect(found(fine, 'ID_DUPLICATE')).toEqual([]);
  });

  it('an unknown VPC, an unknown account, a sample of an unknown CCN, a limit of the wrong shape: REF_UNKNOWN', () => {
    const p = plan({
      vpcs: [vpc('vpc-a', '10.0.0.0/16')],
      ccns: [
        ccn('ccn-1', ['vpc-a', 'vpc-ghost'], {
          bandwidthLimits: [{ region: 'ap-guangzhou', dstRegion: 'ap-beijing', mbps: 5 }],
        }),
        ccn('ccn-2', [], {
          account: '999',
          bandwidthLimitType: 'inter-region',
          bandwidthLimits: [{ region: 'ap-guangzhou', mbps: 5 }],
        }),
      ],
      traffic: [
        {
          ccn: 'ccn-9',
          regions: ['ap-guangzhou', 'ap-beijing'],
          at: '2026-11-20T10:00:00+08:00',
          inMbps: 1,
          outMbps: 1,
        },
      ],
    });
    expect(subjectsOf(p, 'REF_UNKNOWN')).toEqual([
      ['ccn-1@vpc-ghost', 'ccn-1', 'vpc-ghost'],
      ['ccn-1'], // outer-region limit naming a dstRegion
      ['ccn-2', '999'],
      ['ccn-2'], // inter-region limit without a dstRegion
      ['ccn-9'],
    ]);
    // All of them are told apart as CCN findings (the incremental validator recomputes them apart).
    for (const f of found(p, 'REF_UNKNOWN')) expect(isCcnFinding(f)).toBe(true);
  });

  it('near miss: every reference known, limits shaped for their type', () => {
    const p = plan({
      vpcs: [vpc('vpc-a', '10.0.0.0/16'), vpc('vpc-b', '10.1.0.0/16', { region: 'ap-beijing' })],
      ccns: [
        ccn('ccn-1', ['vpc-a', 'vpc-b'], {
          bandwidthLimitType: 'inter-region',
          bandwidthLimits: [{ region: 'ap-guangzhou', dstRegion: 'ap-beijing', mbps: 5 }],
        }),
      ],
      traffic: [
        {
          ccn: 'ccn-1',
          regions: ['ap-guangzhou', 'ap-beijing'],
          at: '2026-11-20T10:00:00+08:00',
          inMbps: 1,
          outMbps: 1,
        },
      ],
    });
    expect(found(p, 'REF_UNKNOWN')).toEqual([]);
    expect(validatePlan(p).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('isCcnFinding', () => {
  it('a CCN_* code, or a message that starts with "CCN " and a subject; never an ID_DUPLICATE', () => {
    expect(isCcnFinding(finding('CCN_QUOTA', 'Account 1 owns 6 CCNs', ['1']))).toBe(true);
    expect(
      isCcnFinding(
        finding('PRICE_ON_REQUEST', 'CCN ccn-1 (a to b, AU, prepaid) has no list price', ['ccn-1']),
      ),
    ).toBe(true);
    expect(isCcnFinding(finding('PRICE_ON_REQUEST', 'Peering pcx (a to b) has no list price', ['pcx']))).toBe(
      false,
    );
    // A subnet whose ID is "CCN": its message starts with "CCN " but not with "CCN CCN".
    expect(
      isCcnFinding(finding('ROUTE_RETURN_MISSING', 'CCN reaches sn-2 over pcx', ['CCN', 'sn-2', 'pcx'])),
    ).toBe(false);
    expect(isCcnFinding(finding('ID_DUPLICATE', 'CCN ID "c" is shared by 2 CCNs', ['c']))).toBe(false);
  });
});
