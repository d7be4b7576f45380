import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffPlans, formatPlanDiff, planDiffJson } from '../../../shared/diff/plan-diff';
import { formatPlanDiffMarkdown } from '../../../shared/diff/plan-diff-markdown';
import { EXAMPLES_DIR, examplePlan, planFromObject } from '../export/plans';

type QuickStart = {
  vpcs: { cidr: string; routeTables: { routes: unknown[] }[]; subnets: unknown[] }[];
  peerings: Record<string, unknown>[];
  prices?: unknown;
};

/** The quick-start plan file, changed by `edit`. */
function quickStartWith(edit: (file: QuickStart) => void) {
  const file = JSON.parse(readFileSync(`${EXAMPLES_DIR}quickstart.json`, 'utf8')) as QuickStart;
  edit(file);
  return planFromObject(file);
}

describe('plan diff', () => {
  it('a plan against itself: nothing changes', () => {
    const diff = diffPlans(examplePlan('shanghai-hub'), examplePlan('shanghai-hub'));
    expect(diff.changes).toEqual([]);
    expect(diff.findings).toEqual({ introduced: [], resolved: [] });
    expect(diff.reachability).toEqual([]);
    expect(diff.costs.payers).toEqual([]);
    expect(formatPlanDiff(diff)).toContain('✓ B introduces no error finding');
  });

  it('removing the return route: a warning, and the pair loses its way back', () => {
    const before = examplePlan('quickstart');
    const after = quickStartWith((f) => (f.vpcs[1]!.routeTables[0]!.routes = []));
    const diff = diffPlans(before, after);
    expect(diff.changes).toEqual([
      {
        object: 'route',
        change: 'removed',
        id: 'rtb-bj02#0',
        label: '192.168.1.0/24 via peering pcx-gzbj',
        fields: [],
      },
    ]);
    expect(diff.findings.introduced.map((f) => f.code)).toContain('PEERING_NO_ROUTES');
    expect(diff.summary.errorsIntroduced).toBe(0);
    expect(diff.reachability).toEqual(
      expect.arrayContaining([
        {
          from: 'subnet-gz-a',
          to: 'subnet-bj-b',
          before: 'reachable',
          after: 'no-return',
          viaBefore: 'pcx-gzbj',
          viaAfter: 'pcx-gzbj',
        },
        {
          from: 'subnet-bj-b',
          to: 'subnet-gz-a',
          before: 'reachable',
          after: 'unreachable',
          viaBefore: 'pcx-gzbj',
          viaAfter: 'pcx-gzbj',
        },
      ]),
    );
  });

  it('an overlapping CIDR: changed VPC field and an error introduced', () => {
    const after = quickStartWith((f) => {
      f.vpcs[1]!.cidr = '192.168.0.0/16';
    });
    const diff = diffPlans(examplePlan('quickstart'), after);
    expect(diff.changes).toContainEqual(
      expect.objectContaining({
        object: 'vpc',
        change: 'changed',
        id: 'vpc-bj02',
        fields: [{ field: 'cidr', before: '10.0.0.0/16', after: '192.168.0.0/16' }],
      }),
    );
    expect(diff.findings.introduced.map((f) => f.code)).toContain('PEERING_CIDR_OVERLAP');
    expect(diff.summary.errorsIntroduced).toBeGreaterThan(0);
    expect(formatPlanDiff(diff, { a: 'a.json', b: 'b.json' })).toMatch(
      /✗ b\.json introduces \d+ error findings?\n$/,
    );
  });

  it("a higher expected peak: the peering changes and so does the payer's monthly cost", () => {
    const after = quickStartWith((f) => (f.peerings[0]!.expectedPeakMbps = 120));
    const diff = diffPlans(examplePlan('quickstart'), after);
    expect(diff.changes).toEqual([
      expect.objectContaining({
        object: 'peering',
        id: 'pcx-gzbj',
        fields: [{ field: 'expectedPeakMbps', before: 30, after: 120 }],
      }),
    ]);
    // 30 Mbps × 12 CNY × 30 days before; the cap is 100 Mbps, so 100 × 12 × 30 after.
    expect(diff.costs).toEqual({
      currency: 'CNY',
      month: '2026-11',
      payers: [{ account: '100000000001', before: 10800, after: 36000, change: 25200 }],
      ccn: { currency: 'USD', payers: [] },
    });
  });

  it('added subnets and peerings, removed secondary CIDRs, changed prices', () => {
    const after = quickStartWith((f) => {
      f.vpcs[0]!.subnets.push({
        id: 'subnet-gz-c',
        name: 'C',
        cidr: '192.168.3.0/24',
        zone: 'ap-guangzhou-3',
      });
      f.peerings[0]!.state = 'rejected';
      f.prices = {
        currency: 'CNY',
        mainlandRegions: ['ap-guangzhou', 'ap-beijing'],
        mainland: {
          dailyPeak: [{ upToMbps: null, price: 10 }],
          monthlyP95: [{ upToMbps: null, price: 100 }],
        },
      };
    });
    const diff = diffPlans(examplePlan('quickstart'), after);
    const kinds = diff.changes.map((c) => `${c.change} ${c.object} ${c.id}`);
    expect(kinds).toEqual(['added subnet subnet-gz-c', 'changed peering pcx-gzbj', 'changed prices prices']);
    const prices = diff.changes.find((c) => c.object === 'prices')!;
    expect(prices.fields).toContainEqual({ field: 'catalog', before: 'built-in', after: 'plan' });
    // The new subnet reaches nothing (no route): not a reachability change; the old pair is cut.
    expect(diff.reachability.every((r) => r.after === 'unreachable')).toBe(true);
    expect(diff.reachability.some((r) => r.from === 'subnet-gz-c' || r.to === 'subnet-gz-c')).toBe(false);
    expect(diff.costs.payers).toEqual([{ account: '100000000001', before: 10800, after: 0, change: -10800 }]);
    const json = planDiffJson(diff) as { summary: { added: number; changed: number } };
    expect(json.summary).toMatchObject({ added: 1, changed: 2 });
  });
});

describe('plan diff: CCN costs per currency', () => {
  const seed = () =>
    JSON.parse(
      readFileSync(new URL('../../fixtures/plans/seed-gz-bj-peering.json', import.meta.url), 'utf8'),
    ) as Record<string, unknown>;
  const withCcn = (mbps: number) => ({
    ...seed(),
    ccns: [
      {
        id: 'ccn-a',
        account: '100000000001',
        qosLevel: 'PT',
        attachments: [{ vpc: 'vpc-gz' }, { vpc: 'vpc-bj' }],
        expectedP95: [{ regions: ['ap-guangzhou', 'ap-beijing'], mbps }],
      },
    ],
  });

  it('a CCN added beside the peering: its USD cost is its own line, the CNY one does not change', () => {
    const diff = diffPlans(planFromObject(seed()), planFromObject(withCcn(60)));
    // 60 Mbps expected, platinum, every day of November: 60 × 55 = 3,300 USD.
    expect(diff.costs.payers).toEqual([]);
    expect(diff.costs.ccn).toEqual({
      currency: 'USD',
      payers: [{ account: '100000000001', before: 0, after: 3300, change: 3300 }],
    });
    const text = formatPlanDiff(diff);
    expect(text).toContain('Monthly CCN cost per paying account, USD (2026-11):');
    expect(text).toContain('100000000001: 0.00 -> 3300.00 (+3300.00)');
    expect(formatPlanDiffMarkdown(diff)).toContain('cost +3300.00 USD/month');
  });

  it('the same CCN on both sides: no USD line (near miss)', () => {
    const diff = diffPlans(planFromObject(withCcn(60)), planFromObject(withCcn(60)));
    expect(diff.costs.ccn.payers).toEqual([]);
    expect(formatPlanDiff(diff)).not.toContain('CCN cost');
  });
});
