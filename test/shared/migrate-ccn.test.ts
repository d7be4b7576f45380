/**
 * Migration from a cross-region peering to a CCN (spec/ccn.md "Migration"; ccn-facts.md
 * MIG:36-55), on the seed's Guangzhou–Beijing peering `pcx-peerconn`: monthly-p95, 100 Mbps cap,
 * 60 Mbps expected, routes on both sides. Expected costs by hand: the peering 60 Mbps × 220 CNY
 * (tier (50, 100]) × 30 / 30 = 13,200 CNY; the CCN (gold, both regions mainland) 60 × 37 = 2,220
 * USD; two instances, no instance fee.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ccnRoutesOfTable } from '../../shared/ccn/routes';
import { applyEdit } from '../../shared/edit/operations';
import { migrationEdit, proposeCcnMigration } from '../../shared/edit/migrate-ccn';
import type { CcnMigration } from '../../shared/edit/migrate-ccn';
import type { Plan } from '../../shared/plan/model';
import { parsePlanText } from '../../shared/plan/parse';

type PlanFile = Record<string, unknown> & { vpcs: Record<string, unknown>[] };

const seedFile = (): PlanFile =>
  JSON.parse(
    readFileSync(new URL('../fixtures/plans/seed-gz-bj-peering.json', import.meta.url), 'utf8'),
  ) as PlanFile;

function planOf(file: Record<string, unknown>): Plan {
  const parsed = parsePlanText(JSON.stringify(file), { today: '2026-11-29' });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.plan;
}

function migrate(plan: Plan, options: { ccnId?: string } = {}, peering = 'pcx-peerconn'): CcnMigration {
  const result = proposeCcnMigration(plan, peering, options);
  if (!result.ok) throw new Error(result.message);
  return result.migration;
}

const codes = (migration: CcnMigration, step: number) =>
  migration.steps[step - 1]!.findings.map((f) => f.code);

const routesOf = (plan: Plan, table: string) =>
  plan.vpcs
    .flatMap((vpc) => vpc.routeTables)
    .find((t) => t.id === table)!
    .routes.map((r) => [r.destination, r.nextHop.id, r.enabled]);

describe('CCN migration of the seed peering', () => {
  const plan = planOf(seedFile());
  const migration = migrate(plan);

  it('proposes a new CCN of the requester account with both VPCs, limits and expectedP95 from the peering', () => {
    expect(migration.newCcn).toBe(true);
    expect(migration.ccnId).toBe('ccn-1');
    expect(migration.plan.ccns).toEqual([
      {
        id: 'ccn-1',
        name: 'PeerConn',
        account: '100000000001',
        qosLevel: 'AU',
        chargeType: 'postpaid',
        bandwidthLimitType: 'outer-region',
        attachments: [
          { vpc: 'vpc-gz', state: 'active', attachedAt: '2026-11-29', publish: 'subnets' },
          { vpc: 'vpc-bj', state: 'active', attachedAt: '2026-11-29', publish: 'subnets' },
        ],
        bandwidthLimits: [
          { region: 'ap-guangzhou', mbps: 100 },
          { region: 'ap-beijing', mbps: 100 },
        ],
        expectedP95: [{ regions: ['ap-guangzhou', 'ap-beijing'], mbps: 60 }],
      },
    ]);
    // The proposal keeps the peering and its routes: the real middle state.
    expect(migration.plan.peerings.map((p) => p.id)).toEqual(['pcx-peerconn']);
    expect(routesOf(migration.plan, 'rtb-gz')).toEqual([['10.0.1.0/24', 'pcx-peerconn', true]]);
    // The input plan is not changed.
    expect(plan.ccns).toEqual([]);
  });

  it("lists the cloud's five steps, each with its plan", () => {
    expect(migration.steps.map((s) => [s.number, s.title])).toEqual([
      [1, 'Attach both VPCs to the CCN'],
      [2, 'Check the CCN routes'],
      [3, 'Switch VPC1 (vpc-gz) to the CCN'],
      [4, 'Switch VPC2 (vpc-bj) to the CCN'],
      [5, 'Delete the peering'],
    ]);
    expect(migration.steps[0]!.plan).toBe(migration.plan);
    expect(migration.steps[1]!.plan).toBe(migration.plan);
    // Step 3: only the first VPC's peering route is disabled; the asymmetric traffic is a note.
    const third = migration.steps[2]!;
    expect(routesOf(third.plan, 'rtb-gz')).toEqual([['10.0.1.0/24', 'pcx-peerconn', false]]);
    expect(routesOf(third.plan, 'rtb-bj')).toEqual([['192.168.1.0/24', 'pcx-peerconn', true]]);
    expect(third.note).toMatch(/asymmetric/);
    expect(migration.steps.filter((s) => s.note !== undefined)).toHaveLength(1);
    // Step 4: both disabled.
    const fourth = migration.steps[3]!.plan;
    expect(routesOf(fourth, 'rtb-gz')).toEqual([['10.0.1.0/24', 'pcx-peerconn', false]]);
    expect(routesOf(fourth, 'rtb-bj')).toEqual([['192.168.1.0/24', 'pcx-peerconn', false]]);
    // Step 5: the routes and the peering are gone, the CCN stays.
    const fifth = migration.steps[4]!.plan;
    expect(fifth.peerings).toEqual([]);
    expect(routesOf(fifth, 'rtb-gz')).toEqual([]);
    expect(routesOf(fifth, 'rtb-bj')).toEqual([]);
    expect(fifth.ccns.map((c) => c.id)).toEqual(['ccn-1']);
  });

  it('the CCN routes replace the peering routes: shadowed at steps 1-2, then effective table by table', () => {
    const ccnRoutes = (step: number, table: string) =>
      ccnRoutesOfTable(migration.steps[step - 1]!.plan, table)!.all.map((r) => [
        r.destination,
        r.effective,
        r.code,
      ]);
    // Each VPC publishes its subnet, the destination of the peering route toward it.
    expect(ccnRoutes(2, 'rtb-gz')).toEqual([['10.0.1.0/24', false, 'CCN_ROUTE_SHADOWED']]);
    expect(ccnRoutes(2, 'rtb-bj')).toEqual([['192.168.1.0/24', false, 'CCN_ROUTE_SHADOWED']]);
    expect(ccnRoutes(3, 'rtb-gz')).toEqual([['10.0.1.0/24', true, null]]);
    expect(ccnRoutes(3, 'rtb-bj')).toEqual([['192.168.1.0/24', false, 'CCN_ROUTE_SHADOWED']]);
    expect(ccnRoutes(4, 'rtb-bj')).toEqual([['192.168.1.0/24', true, null]]);
    expect(ccnRoutes(5, 'rtb-gz')).toEqual([['10.0.1.0/24', true, null]]);
    expect(ccnRoutes(5, 'rtb-bj')).toEqual([['192.168.1.0/24', true, null]]);
  });

  it("each step's findings: shadowed CCN routes on both tables, then one, then none; the last step clean", () => {
    const findings = (step: number) =>
      migration.steps[step - 1]!.findings.map((f) => `${f.code} ${f.subjects.join(' ')}`).sort();
    const middle = ['CCN_PEERING_MIGRATION pcx-peerconn ccn-1', 'PEERING_CROSS_REGION_LEGACY pcx-peerconn'];
    const shadowedGz = 'CCN_ROUTE_SHADOWED rtb-gz rtb-gz#0 ccn-1';
    const shadowedBj = 'CCN_ROUTE_SHADOWED rtb-bj rtb-bj#0 ccn-1';
    expect(findings(1)).toEqual([...middle, shadowedBj, shadowedGz].sort());
    expect(findings(2)).toEqual([...middle, shadowedBj, shadowedGz].sort());
    // The first VPC switched: its CCN route takes effect; the peering has routes on one side only.
    expect(findings(3)).toEqual([...middle, shadowedBj, 'PEERING_NO_ROUTES pcx-peerconn vpc-gz'].sort());
    expect(findings(4)).toEqual([...middle, 'PEERING_NO_ROUTES pcx-peerconn vpc-gz vpc-bj'].sort());
    expect(findings(5)).toEqual([]);
  });

  it('the legacy cross-region peering finding lasts until the peering is deleted', () => {
    expect(codes(migration, 1)).toContain('PEERING_CROSS_REGION_LEGACY');
    expect(codes(migration, 4)).toContain('PEERING_CROSS_REGION_LEGACY');
    expect(codes(migration, 5)).not.toContain('PEERING_CROSS_REGION_LEGACY');
    // The last step leaves no finding at all on the seed: no route points anywhere wrong.
    expect(migration.steps[4]!.findings).toEqual([]);
  });

  it('costs each step per currency: CNY for the peering, USD for the CCN; before and after', () => {
    expect(migration.month).toBe('2026-11');
    expect(migration.before).toEqual({ CNY: 13200, USD: 0 });
    expect(migration.steps.map((s) => s.monthlyCost)).toEqual([
      { CNY: 13200, USD: 2220 },
      { CNY: 13200, USD: 2220 },
      { CNY: 13200, USD: 2220 },
      { CNY: 13200, USD: 2220 },
      { CNY: 0, USD: 2220 },
    ]);
    expect(migration.after).toEqual({ CNY: 0, USD: 2220 });
  });

  it('is one undoable edit', () => {
    const { plan: applied, inverse } = applyEdit(plan, migrationEdit(migration).edit);
    expect(applied).toBe(migration.plan);
    expect(applyEdit(applied, inverse).plan).toBe(plan);
    expect(migrationEdit(migration).label).toBe('Propose CCN ccn-1 for peering pcx-peerconn');
  });
});

describe('CCN migration: which CCN', () => {
  /** The seed with a CCN `ccn-x` of the requester's account holding `others` more VPCs. */
  function seedWithCcn(others: number, account = '100000000001'): Plan {
    const file = seedFile();
    const vpcs = Array.from({ length: others }, (_, i) => ({
      id: `vpc-o${i}`,
      name: `other ${i}`,
      account,
      region: 'ap-shanghai',
      cidr: `172.${16 + (i % 16)}.${Math.floor(i / 16) * 16}.0/20`,
      subnets: [],
    }));
    if (account !== '100000000001')
      file.accounts = [...(file.accounts as unknown[]), { id: account, name: 'x' }];
    file.vpcs = [...file.vpcs, ...vpcs];
    file.ccns = [
      {
        id: 'ccn-x',
        account,
        qosLevel: 'PT',
        attachments: vpcs.map((vpc) => ({ vpc: vpc.id, attachedAt: '2026-10-01' })),
        expectedP95: [{ regions: ['ap-beijing', 'ap-guangzhou'], mbps: 15 }],
      },
    ];
    return planOf(file);
  }

  it('reuses an existing CCN of the requester account with room (23 + 2 = 25)', () => {
    const migration = migrate(seedWithCcn(23));
    expect(migration).toMatchObject({ ccnId: 'ccn-x', newCcn: false });
    const ccn = migration.plan.ccns[0]!;
    expect(ccn.attachments).toHaveLength(25);
    expect(ccn.attachments.slice(23).map((a) => [a.vpc, a.state, a.attachedAt])).toEqual([
      ['vpc-gz', 'active', '2026-11-29'],
      ['vpc-bj', 'active', '2026-11-29'],
    ]);
    // The pair's estimate grows by the peering's expected peak: 15 + 60.
    expect(ccn.expectedP95).toEqual([{ regions: ['ap-beijing', 'ap-guangzhou'], mbps: 75 }]);
  });

  it('does not reuse a full one (24 + 2 > 25): a new CCN', () => {
    const migration = migrate(seedWithCcn(24));
    expect(migration).toMatchObject({ ccnId: 'ccn-1', newCcn: true });
    expect(migration.plan.ccns.map((c) => [c.id, c.attachments.length])).toEqual([
      ['ccn-x', 24],
      ['ccn-1', 2],
    ]);
  });

  it("does not reuse another account's CCN unless asked; asked, the VPCs' attachments wait for its owner", () => {
    expect(migrate(seedWithCcn(2, '300000000003')).ccnId).toBe('ccn-1');
    const asked = migrate(seedWithCcn(2, '300000000003'), { ccnId: 'ccn-x' });
    expect(asked.plan.ccns[0]!.attachments.slice(2).map((a) => [a.vpc, a.state])).toEqual([
      ['vpc-gz', 'pending'],
      ['vpc-bj', 'pending'],
    ]);
  });

  it('refuses an unknown or full --ccn, an unknown peering and a regional peering, with one line', () => {
    const refuse = (plan: Plan, peering: string, options: { ccnId?: string } = {}) => {
      const result = proposeCcnMigration(plan, peering, options);
      return result.ok ? null : [result.problem, result.message];
    };
    expect(refuse(seedWithCcn(2), 'pcx-peerconn', { ccnId: 'ccn-nope' })).toEqual([
      'unknown-ccn',
      'no CCN "ccn-nope" in the plan',
    ]);
    expect(refuse(seedWithCcn(24), 'pcx-peerconn', { ccnId: 'ccn-x' })).toEqual([
      'ccn-full',
      'CCN ccn-x is full: 24 attachments, at most 25 per CCN',
    ]);
    expect(refuse(seedWithCcn(23), 'pcx-peerconn', { ccnId: 'ccn-x' })).toBeNull();
    expect(refuse(seedWithCcn(0), 'pcx-nope')).toEqual([
      'unknown-peering',
      'no peering "pcx-nope" in the plan',
    ]);
    const regional = seedFile();
    regional.vpcs[1]!.region = 'ap-guangzhou';
    regional.vpcs[1]!.subnets = [{ id: 'subnet-b', cidr: '10.0.1.0/24', zone: 'ap-guangzhou-3' }];
    expect(refuse(planOf(regional), 'pcx-peerconn')).toEqual([
      'not-cross-region',
      'peering pcx-peerconn is not cross-region (both VPCs in ap-guangzhou): a CCN is proposed only to replace a cross-region peering',
    ]);
  });

  it('a fresh CCN ID skips IDs already used', () => {
    const file = seedFile();
    file.ccns = [{ id: 'ccn-1', account: '200000000009', attachments: [] }];
    expect(migrate(planOf(file)).ccnId).toBe('ccn-2');
  });
});
