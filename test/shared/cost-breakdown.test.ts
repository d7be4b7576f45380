import { describe, expect, it } from 'vitest';
import {
  costBreakdown,
  measuredDailyPeaks,
  peeringCostRow,
  tierOf,
  tierRange,
} from '../../shared/cost/breakdown';
import { computeCosts } from '../../shared/cost/costs';
import {
  checkTiers,
  importTraffic,
  setBillingTimeZone,
  setFreeBandwidth,
  setPriceCatalog,
} from '../../shared/edit/cost-edits';
import { HistoryManager } from '../../shared/edit/history';
import { EMPTY_LAYOUT } from '../../shared/edit/layout';
import { applyEdit, EditError } from '../../shared/edit/operations';
import type { Plan, PriceCatalog } from '../../shared/plan/model';
import { BUILTIN_PRICE_CATALOG } from '../../shared/catalog/prices';
import { PlanBuilder } from './plan-builder';

/** The seed's billing example: requester in Shanghai, accepter in Guangzhou, a day of 20 in / 30 out. */
function billingExample(): Plan {
  return new PlanBuilder()
    .account('100000000001')
    .vpc('vpc-sh', { region: 'ap-shanghai', cidr: '10.0.0.0/16', table: 'rtb-sh' })
    .subnet('vpc-sh', 'sn-sh', '10.0.1.0/24')
    .vpc('vpc-gz', { region: 'ap-guangzhou', cidr: '10.1.0.0/16', table: 'rtb-gz' })
    .subnet('vpc-gz', 'sn-gz', '10.1.1.0/24')
    .peering('pcx-shgz', 'vpc-sh', 'vpc-gz', { bandwidthMbps: 100 })
    .sample('pcx-shgz', '2026-11-25T10:00:00+08:00', 20, 30)
    .sample('pcx-shgz', '2026-11-25T10:05:00+08:00', 12, 8)
    .build();
}

describe('tiers', () => {
  const tiers = BUILTIN_PRICE_CATALOG.mainland.dailyPeak;
  it('finds the tier a value falls in, bounds included at the top', () => {
    expect(tierOf(tiers, 30)).toEqual({ index: 1, lowerMbps: 20, upToMbps: 100, price: 12 });
    expect(tierOf(tiers, 20)).toMatchObject({ index: 0, price: 20 });
    expect(tierOf(tiers, 20.01)).toMatchObject({ index: 1, price: 12 });
    expect(tierOf(tiers, 0)).toMatchObject({ index: 0 });
    expect(tierOf(tiers, 5000)).toEqual({ index: 4, lowerMbps: 2000, upToMbps: null, price: 5 });
    expect(tierRange(tierOf(tiers, 30)!)).toBe('(20, 100] Mbps');
    expect(tierRange(tierOf(tiers, 5000)!)).toBe('above 2000 Mbps');
  });
});

describe('costBreakdown', () => {
  it('prices the seed example at 360 CNY for the day, paid by the requester account, in the (20, 100] tier', () => {
    const breakdown = costBreakdown(billingExample());
    expect(breakdown.month).toBe('2026-11');
    expect(breakdown.dates).toHaveLength(30);
    const row = breakdown.rows[0]!;
    expect(row.payerAccount?.id).toBe('100000000001');
    expect(row.cost.payer).toBe('100000000001');
    const day = row.cost.days.find((d) => d.date === '2026-11-25')!;
    expect(day).toMatchObject({ peakMbps: 30, billableMbps: 30, pricePerMbps: 12, cost: 360 });
    expect(tierOf(row.tiers!, day.peakMbps)!.price).toBe(12);
    expect(breakdown.report).toEqual(computeCosts(billingExample()));
  });

  it('has no tiers for a pair without a list price (on request)', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-sh', { region: 'ap-shanghai', cidr: '10.0.0.0/16' })
      .vpc('vpc-sg', { region: 'ap-singapore', cidr: '10.1.0.0/16' })
      .peering('pcx', 'vpc-sh', 'vpc-sg', { bandwidthMbps: 50, expectedPeakMbps: 10 })
      .build();
    const row = costBreakdown(plan).rows[0]!;
    expect(row.tiers).toBeNull();
    expect(row.cost.priceOnRequest).toBe(true);
    expect(row.cost.monthly?.cost).toBeNull();
  });

  it('gives the measured daily peaks of the month, uncapped, null where there is no sample', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-sh', { region: 'ap-shanghai', cidr: '10.0.0.0/16' })
      .vpc('vpc-gz', { region: 'ap-guangzhou', cidr: '10.1.0.0/16' })
      .peering('pcx', 'vpc-sh', 'vpc-gz', { bandwidthMbps: 10 })
      .sample('pcx', '2026-11-02T01:00:00+08:00', 4, 25)
      // 23:30 UTC on the 2nd is the 3rd in Beijing.
      .sample('pcx', '2026-11-02T23:30:00Z', 7, 1)
      .build();
    const { month, dates, peaks } = measuredDailyPeaks(plan);
    expect(month).toBe('2026-11');
    expect(dates[0]).toBe('2026-11-01');
    expect(peaks[0]!.slice(0, 4)).toEqual([null, 25, 7, null]);
  });
});

describe('cost edits', () => {
  it('free bandwidth: one undoable step, 10 Mbps free makes the example 240 CNY', () => {
    const plan = billingExample();
    const history = new HistoryManager();
    const step = history.apply(
      { plan, layout: EMPTY_LAYOUT },
      { edit: setFreeBandwidth(plan, 10).edit },
      'free',
    );
    const day = computeCosts(step.document.plan).peerings[0]!.days.find((d) => d.date === '2026-11-25')!;
    expect(day.cost).toBe(240);
    expect(history.undo(step.document)!.document.plan).toEqual(plan);
  });

  it('refuses a negative free bandwidth and a malformed time zone', () => {
    const plan = billingExample();
    expect(() => setFreeBandwidth(plan, -1)).toThrow(EditError);
    expect(() => setFreeBandwidth(plan, Number.NaN)).toThrow(EditError);
    expect(() => setBillingTimeZone(plan, '+8')).toThrow(/not an offset ±HH:MM/);
  });

  it('a billing time zone moves a sample into another day', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-sh', { region: 'ap-shanghai', cidr: '10.0.0.0/16' })
      .vpc('vpc-gz', { region: 'ap-guangzhou', cidr: '10.1.0.0/16' })
      .peering('pcx', 'vpc-sh', 'vpc-gz', { bandwidthMbps: 100 })
      .sample('pcx', '2026-11-25T23:30:00Z', 30, 0)
      .build();
    expect(computeCosts(plan).peerings[0]!.days.map((d) => d.date)).toEqual(['2026-11-26']);
    const utc = applyEdit(plan, setBillingTimeZone(plan, '+00:00').edit).plan;
    expect(computeCosts(utc).peerings[0]!.days.map((d) => d.date)).toEqual(['2026-11-25']);
  });

  it('a negotiated price for a pair without a list price prices it; checks the tiers', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-sh', { region: 'ap-shanghai', cidr: '10.0.0.0/16' })
      .vpc('vpc-sg', { region: 'ap-singapore', cidr: '10.1.0.0/16' })
      .peering('pcx', 'vpc-sh', 'vpc-sg', { bandwidthMbps: 50, expectedPeakMbps: 10 })
      .build();
    const catalog: PriceCatalog = {
      ...BUILTIN_PRICE_CATALOG,
      pairs: [{ regions: ['ap-singapore', 'ap-shanghai'], dailyPeak: [{ upToMbps: null, price: 40 }] }],
    };
    const priced = applyEdit(plan, setPriceCatalog(plan, catalog, 'Price').edit).plan;
    const cost = computeCosts(priced).peerings[0]!;
    expect(cost.priceOnRequest).toBe(false);
    expect(cost.days[0]!.cost).toBe(400); // 10 Mbps × 40 CNY
    expect(cost.monthly!.cost).toBe(12000); // 30 planned days
    const back = applyEdit(priced, setPriceCatalog(priced, null, 'Reset').edit).plan;
    expect(back.prices).toBeNull();

    expect(() => checkTiers([{ upToMbps: 20, price: 5 }], 'T')).toThrow(/last tier has no upper bound/);
    expect(() =>
      checkTiers(
        [
          { upToMbps: 20, price: 5 },
          { upToMbps: 10, price: 5 },
          { upToMbps: null, price: 1 },
        ],
        'T',
      ),
    ).toThrow(/tier 2 must end above 20/);
    expect(() => checkTiers([{ upToMbps: null, price: -1 }], 'T')).toThrow(/price/);
    expect(() =>
      setPriceCatalog(
        plan,
        {
          ...catalog,
          pairs: [
            ...catalog.pairs,
            { regions: ['ap-shanghai', 'ap-singapore'], dailyPeak: [{ upToMbps: null, price: 1 }] },
          ],
        },
        'x',
      ),
    ).toThrow(/priced twice/);
  });

  it('imports traffic as one step that replaces samples of the same peering and instant', () => {
    const plan = billingExample();
    const samples = [
      { peering: 'pcx-shgz', at: '2026-11-25T02:00:00Z', inMbps: 50, outMbps: 1 }, // = 10:00 +08:00
      { peering: 'pcx-shgz', at: '2026-11-26T10:00:00+08:00', inMbps: 5, outMbps: 5 },
    ];
    const step = importTraffic(plan, samples, 'day.csv');
    expect(step.label).toBe('Import 2 traffic samples from day.csv');
    const { plan: imported, inverse } = applyEdit(plan, step.edit);
    expect(imported.traffic).toHaveLength(3);
    expect(imported.traffic.map((s) => s.inMbps).sort((a, b) => a - b)).toEqual([5, 12, 50]);
    expect(applyEdit(imported, inverse).plan).toEqual(plan);
  });
});

describe('peeringCostRow', () => {
  it('gives one peering the figures of the whole plan, with its latest measured day', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-sh', { region: 'ap-shanghai', cidr: '10.0.0.0/16' })
      .vpc('vpc-gz', { region: 'ap-guangzhou', cidr: '10.1.0.0/16' })
      .vpc('vpc-bj', { region: 'ap-beijing', cidr: '10.2.0.0/16' })
      .peering('pcx-a', 'vpc-sh', 'vpc-gz', { bandwidthMbps: 100, expectedPeakMbps: 30 })
      .peering('pcx-b', 'vpc-sh', 'vpc-bj', { bandwidthMbps: 100 })
      .sample('pcx-a', '2026-11-20T10:00:00+08:00', 50, 1)
      .sample('pcx-b', '2026-11-25T10:00:00+08:00', 5, 1)
      .build();
    const row = peeringCostRow(plan, 'pcx-a')!;
    expect(row.cost).toEqual(computeCosts(plan).peerings[0]);
    expect(row.latestMeasured).toMatchObject({ date: '2026-11-20', peakMbps: 50, cost: 600 });
    expect(peeringCostRow(plan, 'nope')).toBeNull();
  });
});
