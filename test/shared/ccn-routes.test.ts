/**
 * CCN routes (spec/ccn.md, "Routes"): what each active attachment publishes, in attachment
 * order; which published CIDRs are invalid by a conflict; the CCN routes in the route tables
 * of the other members (conflict, shadowed, effective); forwarding with them. Expectations are
 * worked out by hand from the spec, and the conflict rule is checked against a brute-force
 * reference written straight from its sentence.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ccnPublications } from '../../shared/ccn/published';
import { ccnRouting, ccnRoutesOfTable } from '../../shared/ccn/routes';
import { cidrOverlaps, parseIpv4, tryParseCidr } from '../../shared/net/cidr';
import type { CcnAttachmentState, Plan } from '../../shared/plan/model';
import { parsePlanText } from '../../shared/plan/parse';
import { buildForwardingWithCcn } from '../../shared/routing/forwarding';
import type { ForwardingTarget } from '../../shared/routing/forwarding';
import { effectiveRouteTables } from '../../shared/routing/route-tables';
import { PlanBuilder } from './plan-builder';

function fixturePlan(name: string): Plan {
  const text = readFileSync(new URL(`../fixtures/plans/${name}`, import.meta.url), 'utf8');
  const parsed = parsePlanText(text, { today: '2026-11-29' });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.plan;
}

const summary = (plan: Plan) =>
  ccnPublications(plan).map((publication) => ({
    ccn: publication.ccn.id,
    members: publication.members.map((vpc) => vpc.id),
    published: publication.published.map((p) => [p.vpc, p.cidr, p.valid, p.conflictsWith?.vpc ?? null]),
  }));

describe('published CIDRs', () => {
  it('ccn-core.json: the Beijing VPC, attached third, conflicts with Guangzhou; the pending member publishes nothing', () => {
    // gz 10.1.0.0/16 (11-02), sh 10.2.0.0/16 (11-03), bj 10.1.128.0/17 (11-04, inside gz's),
    // data 10.9.0.0/16 (11-05) of another account: pending by default.
    expect(summary(fixturePlan('ccn-core.json'))).toEqual([
      {
        ccn: 'ccn-core',
        members: ['vpc-gz', 'vpc-sh', 'vpc-bj'],
        published: [
          ['vpc-gz', '10.1.0.0/16', true, null],
          ['vpc-sh', '10.2.0.0/16', true, null],
          ['vpc-bj', '10.1.128.0/17', false, 'vpc-gz'],
        ],
      },
    ]);
  });

  it('orders by attachedAt, an undated attachment after every dated one, ties by list order', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-a', { cidr: '10.0.0.0/16' })
      .vpc('vpc-b', { cidr: '10.0.0.0/16' })
      .vpc('vpc-c', { cidr: '10.0.0.0/16' })
      .vpc('vpc-d', { cidr: '10.0.0.0/16' })
      .ccn('ccn-1', [
        'vpc-a', // no date: last
        { vpc: 'vpc-b', attachedAt: '2026-11-05' },
        { vpc: 'vpc-c', attachedAt: '2026-11-01' },
        { vpc: 'vpc-d', attachedAt: '2026-11-05' }, // ties with b: after it
      ])
      .build();
    expect(summary(plan)[0]!.published).toEqual([
      ['vpc-c', '10.0.0.0/16', true, null],
      ['vpc-b', '10.0.0.0/16', false, 'vpc-c'],
      ['vpc-d', '10.0.0.0/16', false, 'vpc-c'],
      ['vpc-a', '10.0.0.0/16', false, 'vpc-c'],
    ]);
  });

  it('overlap either way conflicts, adjacent blocks do not; a VPC never conflicts with itself', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-a', { cidr: '10.0.0.0/16', secondaryCidrs: ['172.16.0.0/16'] })
      .vpc('vpc-b', { cidr: '10.1.0.0/16' }) // adjacent to a's primary
      .vpc('vpc-c', { cidr: '172.16.0.0/12' }) // contains a's secondary
      .vpc('vpc-d', { cidr: '10.0.0.0/8', secondaryCidrs: ['10.0.0.0/16'] }) // its own two CIDRs overlap
      .ccn('ccn-1', ['vpc-a', 'vpc-b', 'vpc-c'])
      .ccn('ccn-2', ['vpc-d'])
      .build();
    expect(summary(plan)).toEqual([
      {
        ccn: 'ccn-1',
        members: ['vpc-a', 'vpc-b', 'vpc-c'],
        published: [
          ['vpc-a', '10.0.0.0/16', true, null],
          ['vpc-a', '172.16.0.0/16', true, null],
          ['vpc-b', '10.1.0.0/16', true, null],
          ['vpc-c', '172.16.0.0/12', false, 'vpc-a'],
        ],
      },
      {
        ccn: 'ccn-2',
        members: ['vpc-d'],
        published: [
          ['vpc-d', '10.0.0.0/8', true, null],
          ['vpc-d', '10.0.0.0/16', true, null],
        ],
      },
    ]);
  });

  it('publish: subnets publishes each subnet CIDR; only active attachments of plan VPCs publish', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-a', { cidr: '10.0.0.0/16' })
      .subnet('vpc-a', 'sn-a1', '10.0.1.0/24')
      .subnet('vpc-a', 'sn-a2', '10.0.2.0/24')
      .vpc('vpc-b', { cidr: '10.0.0.0/16' }) // would conflict with a, but is pending
      .vpc('vpc-c', { cidr: '10.0.2.0/23' })
      .ccn('ccn-1', [
        { vpc: 'vpc-a', publish: 'subnets' },
        { vpc: 'vpc-b', state: 'pending' },
        { vpc: 'vpc-x' }, // REF_UNKNOWN: nothing
        'vpc-c', // 10.0.2.0/23 contains sn-a2, not sn-a1
      ])
      .build();
    const [publication] = ccnPublications(plan);
    expect(publication!.members.map((vpc) => vpc.id)).toEqual(['vpc-a', 'vpc-c']);
    expect(publication!.published.map((p) => [p.cidr, p.subnet ?? null, p.valid])).toEqual([
      ['10.0.1.0/24', 'sn-a1', true],
      ['10.0.2.0/24', 'sn-a2', true],
      ['10.0.2.0/23', null, false],
    ]);
    expect(publication!.published[2]!.conflictsWith).toEqual({ vpc: 'vpc-a', cidr: '10.0.2.0/24' });
  });
});

describe('CCN routes in route tables', () => {
  it('ccn-core.json: every other active member gets each CIDR; the conflict is invalid everywhere', () => {
    const tables = effectiveRouteTables(fixturePlan('ccn-core.json'));
    const ccn = { type: 'ccn', id: 'ccn-core' };
    const conflict = {
      destination: '10.1.128.0/17',
      nextHop: ccn,
      origin: 'ccn',
      codes: ['CCN_ROUTE_CONFLICT'],
      effective: false,
    };
    const local = (destination: string) => ({ destination, nextHop: null, origin: 'local', codes: [] });
    const live = (destination: string) => ({
      destination,
      nextHop: ccn,
      origin: 'ccn',
      codes: [],
      effective: true,
    });
    expect(tables.map((t) => [t.id, t.routes])).toEqual([
      ['vpc-gz/default', [local('10.1.0.0/16'), live('10.2.0.0/16'), conflict]],
      ['vpc-sh/default', [local('10.2.0.0/16'), live('10.1.0.0/16'), conflict]],
      ['vpc-bj/default', [local('10.1.128.0/17'), live('10.1.0.0/16'), live('10.2.0.0/16')]],
      ['vpc-data/default', [local('10.9.0.0/16')]], // pending: receives nothing
    ]);
  });

  it('a plan route with the same destination shadows the CCN route; a longer prefix or a disabled route does not', () => {
    const build = (destination: string, enabled: boolean) =>
      new PlanBuilder()
        .vpc('vpc-gz', { region: 'ap-guangzhou', cidr: '192.168.0.0/16', table: 'rtb-gz' })
        .vpc('vpc-bj', { region: 'ap-beijing', cidr: '10.0.0.0/16', table: 'rtb-bj' })
        .peering('pcx', 'vpc-gz', 'vpc-bj', { bandwidthMbps: 100 })
        .route('rtb-gz', destination, 'pcx', { enabled })
        .ccn('ccn-1', ['vpc-gz', 'vpc-bj'])
        .build();
    const routesOf = (plan: Plan) => ccnRoutesOfTable(plan, 'rtb-gz')!;

    const shadowed = routesOf(build('10.0.0.0/16', true));
    expect(shadowed.effective).toEqual([]);
    expect(shadowed.notEffective.map((r) => [r.destination, r.publisher, r.code, r.shadowedBy])).toEqual([
      ['10.0.0.0/16', 'vpc-bj', 'CCN_ROUTE_SHADOWED', 0],
    ]);

    for (const plan of [build('10.0.1.0/24', true), build('10.0.0.0/16', false)]) {
      const routes = routesOf(plan);
      expect(routes.notEffective).toEqual([]);
      expect(routes.effective.map((r) => [r.destination, r.ccn, r.publisher])).toEqual([
        ['10.0.0.0/16', 'ccn-1', 'vpc-bj'],
      ]);
    }
    // The other side has no plan route: effective there.
    expect(
      ccnRoutesOfTable(build('10.0.0.0/16', true), 'rtb-bj')!.effective.map((r) => r.destination),
    ).toEqual(['192.168.0.0/16']);
    expect(ccnRoutesOfTable(build('10.0.0.0/16', true), 'rtb-nope')).toBeNull();
  });

  it('the shadowing plan route and the shadowed CCN route both show in the effective table', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-gz', { region: 'ap-guangzhou', cidr: '192.168.0.0/16', table: 'rtb-gz' })
      .vpc('vpc-bj', { region: 'ap-beijing', cidr: '10.0.0.0/16', table: 'rtb-bj' })
      .peering('pcx', 'vpc-gz', 'vpc-bj', { bandwidthMbps: 100 })
      .route('rtb-gz', '10.0.0.0/16', 'pcx')
      .ccn('ccn-1', ['vpc-gz', 'vpc-bj'])
      .build();
    const [gz] = effectiveRouteTables(plan, { findings: [] });
    expect(gz!.routes.map((r) => [r.destination, r.origin, r.codes, r.effective])).toEqual([
      ['192.168.0.0/16', 'local', [], undefined],
      ['10.0.0.0/16', 'plan', [], undefined],
      ['10.0.0.0/16', 'ccn', ['CCN_ROUTE_SHADOWED'], false],
    ]);
  });
});

describe('forwarding with CCN routes', () => {
  const hop = (target: ForwardingTarget | null): string =>
    target === null
      ? 'none'
      : target.kind === 'local'
        ? 'local'
        : target.kind === 'ccn'
          ? `ccn ${target.route.ccn} → ${target.route.publisher}`
          : `route ${target.index}`;

  it('longest prefix over local, plan and effective CCN routes; local always wins', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-a', { cidr: '10.0.0.0/16', table: 'rtb-a' })
      .vpc('vpc-b', { cidr: '10.8.0.0/16' })
      .vpc('vpc-c', { cidr: '10.0.0.0/8' }) // attached after a: invalid (contains a)
      .vpc('vpc-d', { cidr: '172.16.0.0/16' })
      .route('rtb-a', '10.8.1.0/24', { type: 'nat', id: 'nat-1' }) // more specific than b's CCN route
      .route('rtb-a', '172.16.0.0/16', { type: 'vpn', id: 'vpngw-1' }) // shadows d's
      .ccn('ccn-1', ['vpc-a', 'vpc-b', 'vpc-c', 'vpc-d'])
      .build();
    const a = plan.vpcs[0]!;
    const table = a.routeTables[0]!;
    const lpm = buildForwardingWithCcn(a, table, ccnRouting(plan).forTable(a, table).all);
    const at = (address: string) => hop(lpm.lookup(parseIpv4(address)!));
    expect(at('10.0.5.5')).toBe('local');
    expect(at('10.8.0.1')).toBe('ccn ccn-1 → vpc-b');
    expect(at('10.8.1.1')).toBe('route 0');
    expect(at('10.9.0.1')).toBe('none'); // only c's invalid 10.0.0.0/8 covers it
    expect(at('172.16.3.3')).toBe('route 1');

    // From b: a's 10.0.0.0/16 is effective, c's invalid one is not used.
    const b = plan.vpcs[1]!;
    const fromB = buildForwardingWithCcn(b, null, ccnRouting(plan).forTable(b, null).all);
    expect(hop(fromB.lookup(parseIpv4('10.0.0.9')!))).toBe('ccn ccn-1 → vpc-a');
    expect(hop(fromB.lookup(parseIpv4('10.8.0.9')!))).toBe('local');
    expect(hop(fromB.lookup(parseIpv4('10.20.0.1')!))).toBe('none');
  });
});

// A brute-force reference written from the sentence of the spec: a published CIDR is invalid
// iff an earlier attachment of another VPC published a CIDR that equals or overlaps it.
describe('the conflict rule against a brute-force reference', () => {
  const states: CcnAttachmentState[] = ['active', 'active', 'active', 'pending', 'rejected', 'expired'];
  // Small blocks in a small space, so that equal, nested and disjoint blocks all happen often.
  const cidr = fc
    .tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 12, max: 16 }))
    .map(([n, prefix]) => {
      const size = 2 ** (32 - prefix);
      const start = 10 * 2 ** 24 + ((n * 2 ** 16) % 2 ** 20) - (((n * 2 ** 16) % 2 ** 20) % size);
      return `10.${Math.floor(start / 65536) % 256}.${Math.floor(start / 256) % 256}.0/${prefix}`;
    });
  const vpcDraft = fc.record({
    cidr,
    secondary: fc.array(cidr, { maxLength: 2 }),
    subnets: fc.array(cidr, { maxLength: 3 }),
  });
  const attachmentDraft = fc.record({
    vpc: fc.integer({ min: 0, max: 5 }),
    state: fc.constantFrom(...states),
    day: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    subnets: fc.boolean(),
  });

  it('agrees on validity for random CCNs', () => {
    fc.assert(
      fc.property(
        fc.array(vpcDraft, { minLength: 6, maxLength: 6 }),
        fc.array(attachmentDraft, { maxLength: 9 }),
        (vpcs, attachments) => {
          const builder = new PlanBuilder();
          vpcs.forEach((vpc, i) => {
            builder.vpc(`vpc-${i}`, { cidr: vpc.cidr, secondaryCidrs: vpc.secondary });
            vpc.subnets.forEach((subnet, k) => builder.subnet(`vpc-${i}`, `sn-${i}-${k}`, subnet));
          });
          builder.ccn(
            'ccn-p',
            attachments.map((a) => ({
              vpc: `vpc-${a.vpc}`,
              state: a.state,
              publish: a.subnets ? ('subnets' as const) : ('vpc' as const),
              ...(a.day !== undefined ? { attachedAt: `2026-11-0${a.day}` } : {}),
            })),
          );
          const plan = builder.build();

          // Reference: order by (day ?? infinity, list index); active only; a VPC once.
          const ordered = attachments
            .map((a, index) => ({ ...a, index }))
            .filter((a) => a.state === 'active')
            .sort((x, y) => (x.day ?? 99) - (y.day ?? 99) || x.index - y.index);
          const seen = new Set<number>();
          const expected: { vpc: string; cidr: string; valid: boolean }[] = [];
          const earlier: { vpc: number; cidr: string }[] = [];
          for (const a of ordered) {
            if (seen.has(a.vpc)) continue;
            seen.add(a.vpc);
            const draft = vpcs[a.vpc]!;
            const cidrs = a.subnets ? draft.subnets : [draft.cidr, ...draft.secondary];
            for (const text of cidrs) {
              const block = tryParseCidr(text)!;
              const conflict = earlier.some(
                (e) => e.vpc !== a.vpc && cidrOverlaps(tryParseCidr(e.cidr)!, block),
              );
              expected.push({ vpc: `vpc-${a.vpc}`, cidr: text, valid: !conflict });
            }
            for (const text of cidrs) earlier.push({ vpc: a.vpc, cidr: text });
          }
          const actual = ccnPublications(plan)[0]!.published;
          expect(actual.map((p) => ({ vpc: p.vpc, cidr: p.cidr, valid: p.valid }))).toEqual(expected);
          // The named earlier VPC really published an overlapping CIDR before.
          for (const p of actual) {
            if (p.valid) continue;
            expect(p.conflictsWith!.vpc).not.toBe(p.vpc);
            expect(cidrOverlaps(tryParseCidr(p.conflictsWith!.cidr)!, p.block)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
