import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PRICE_CATALOG } from '../../shared/catalog/prices';
import { costFindings, computeCosts, measuredDates } from '../../shared/cost/costs';
import { dailyPeaks, NO_SAMPLE } from '../../shared/cost/daily-peaks';
import { decimalOf, toFen } from '../../shared/cost/money';
import type { ChargeType } from '../../shared/plan/model';
import { PlanBuilder, quickStart } from './plan-builder';

/** Shanghai (requester, account A) to Guangzhou (account B): the seed's billing example. */
function shanghaiToGuangzhou(
  options: {
    bandwidthMbps?: number;
    chargeType?: ChargeType;
    expectedPeakMbps?: number;
    accepterRegion?: string;
  } = {},
) {
  return new PlanBuilder()
    .account('100000000001')
    .account('200000000002', { own: false, trusted: true })
    .vpc('vpc-sh', { region: 'ap-shanghai', cidr: '10.0.0.0/16', account: '100000000001' })
    .vpc('vpc-gz', {
      region: options.accepterRegion ?? 'ap-guangzhou',
      cidr: '10.1.0.0/16',
      account: '200000000002',
    })
    .peering('pcx-shgz', 'vpc-sh', 'vpc-gz', {
      bandwidthMbps: options.bandwidthMbps ?? 3000,
      chargeType: options.chargeType ?? 'daily-peak',
      ...(options.expectedPeakMbps !== undefined ? { expectedPeakMbps: options.expectedPeakMbps } : {}),
    });
}

describe('daily-peak billing', () => {
  it('prices the seed’s example: inbound 30, outbound 20 → 30 × 12 = 360 CNY, paid by the requester', () => {
    const plan = shanghaiToGuangzhou()
      .sample('pcx-shgz', '2026-11-25T10:00:00+08:00', 30, 20)
      .sample('pcx-shgz', '2026-11-25T10:05:00+08:00', 12, 18)
      .build();
    const report = computeCosts(plan);
    expect(report.currency).toBe('CNY');
    expect(report.peerings).toEqual([
      {
        id: 'pcx-shgz',
        kind: 'cross-region',
        payer: '100000000001',
        chargeType: 'daily-peak',
        days: [{ date: '2026-11-25', peakMbps: 30, billableMbps: 30, pricePerMbps: 12, cost: 360 }],
        monthly: { month: '2026-11', cost: 360 },
        priceOnRequest: false,
      },
    ]);
    expect(report.payers).toEqual([
      { account: '100000000001', currency: 'CNY', dailyCost: 360, monthlyCost: 360 },
    ]);
  });

  it('subtracts the free bandwidth but keeps the tier of the peak: (30 − 10) × 12 = 240', () => {
    const plan = shanghaiToGuangzhou()
      .settings({ freeBandwidthMbps: 10 })
      .sample('pcx-shgz', '2026-11-25T10:00:00+08:00', 30, 20)
      .build();
    expect(computeCosts(plan).peerings[0]!.days).toEqual([
      { date: '2026-11-25', peakMbps: 30, billableMbps: 20, pricePerMbps: 12, cost: 240 },
    ]);
  });

  it('costs nothing on a day whose peak is within the free bandwidth', () => {
    const plan = shanghaiToGuangzhou()
      .settings({ freeBandwidthMbps: 100 })
      .sample('pcx-shgz', '2026-11-25T10:00:00+08:00', 30, 20)
      .build();
    expect(computeCosts(plan).peerings[0]!.days[0]).toMatchObject({ billableMbps: 0, cost: 0 });
  });

  it.each([
    [20, 20, 400],
    [20.5, 12, 246],
    [100, 12, 1200],
    [100.5, 9, 904.5],
    [500, 9, 4500],
    [500.5, 7, 3503.5],
    [2000, 7, 14000],
    [2500, 5, 12500],
  ])('a peak of %s Mbps is priced at %s CNY per Mbps for the whole amount (%s CNY)', (peak, price, cost) => {
    const plan = shanghaiToGuangzhou().sample('pcx-shgz', '2026-11-25T10:00:00+08:00', peak, 0).build();
    expect(computeCosts(plan).peerings[0]!.days[0]).toMatchObject({
      peakMbps: peak,
      pricePerMbps: price,
      cost,
    });
  });

  it('counts a sample at 23:30 UTC in the next Beijing day', () => {
    const plan = shanghaiToGuangzhou()
      .sample('pcx-shgz', '2026-11-24T23:30:00Z', 50, 0)
      .sample('pcx-shgz', '2026-11-24T15:30:00Z', 10, 0)
      .build();
    expect(computeCosts(plan).peerings[0]!.days.map((d) => [d.date, d.peakMbps])).toEqual([
      ['2026-11-24', 10],
      ['2026-11-25', 50],
    ]);
  });

  it('follows settings.billingTimeZone', () => {
    const plan = shanghaiToGuangzhou()
      .settings({ billingTimeZone: '+00:00' })
      .sample('pcx-shgz', '2026-11-24T23:30:00Z', 50, 0)
      .build();
    expect(computeCosts(plan).peerings[0]!.days[0]!.date).toBe('2026-11-24');
  });

  it('prices a peak above the cap at the cap and reports TRAFFIC_OVER_BANDWIDTH', () => {
    const plan = shanghaiToGuangzhou({ bandwidthMbps: 50 })
      .sample('pcx-shgz', '2026-11-25T10:00:00+08:00', 80, 20)
      .build();
    expect(computeCosts(plan).peerings[0]!.days[0]).toMatchObject({ peakMbps: 50, cost: 600 });
    const findings = costFindings(plan);
    expect(findings.map((f) => [f.code, f.severity, f.subjects])).toEqual([
      ['TRAFFIC_OVER_BANDWIDTH', 'warning', ['pcx-shgz']],
    ]);
  });

  it('does not report traffic exactly at the cap (near miss)', () => {
    const plan = shanghaiToGuangzhou({ bandwidthMbps: 50, expectedPeakMbps: 50 })
      .sample('pcx-shgz', '2026-11-25T10:00:00+08:00', 50, 50)
      .build();
    expect(costFindings(plan)).toEqual([]);
  });

  it('reports an expected peak above the cap, and plans it at the cap', () => {
    const plan = shanghaiToGuangzhou({ bandwidthMbps: 50, expectedPeakMbps: 60 }).build();
    expect(costFindings(plan).map((f) => f.code)).toEqual(['TRAFFIC_OVER_BANDWIDTH']);
    expect(computeCosts(plan).peerings[0]!.days[0]).toMatchObject({ peakMbps: 50, cost: 600 });
  });

  it('does not throttle a regional peering (its bandwidthMbps is ignored) and does not bill it', () => {
    const plan = shanghaiToGuangzhou({ bandwidthMbps: 50, accepterRegion: 'ap-shanghai' })
      .sample('pcx-shgz', '2026-11-25T10:00:00+08:00', 80, 20)
      .build();
    expect(costFindings(plan)).toEqual([]);
    expect(computeCosts(plan).peerings[0]).toEqual({
      id: 'pcx-shgz',
      kind: 'regional',
      payer: '100000000001',
      chargeType: 'daily-peak',
      days: [{ date: '2026-11-25', peakMbps: 80, billableMbps: 0, pricePerMbps: 0, cost: 0 }],
      monthly: { month: '2026-11', cost: 0 },
      priceOnRequest: false,
    });
  });

  it('plans the month of asOf from expectedPeakMbps for every day (the quick start)', () => {
    const report = computeCosts(quickStart());
    const [peering] = report.peerings;
    expect(peering!.monthly).toEqual({ month: '2026-11', cost: 30 * 30 * 12 });
    expect(peering!.days).toHaveLength(30);
    expect(report.payers).toEqual([
      { account: '100000000001', currency: 'CNY', dailyCost: 360, monthlyCost: 10800 },
    ]);
  });

  it('mixes measured days and planned days in the month of the latest sample', () => {
    const plan = shanghaiToGuangzhou({ expectedPeakMbps: 10 })
      .sample('pcx-shgz', '2026-02-10T10:00:00+08:00', 30, 0)
      .build();
    const [peering] = computeCosts(plan).peerings;
    expect(peering!.monthly).toEqual({ month: '2026-02', cost: 27 * 200 + 360 });
    expect(peering!.days.find((d) => d.date === '2026-02-10')).toMatchObject({ peakMbps: 30, cost: 360 });
    expect(computeCosts(plan).payers[0]).toMatchObject({ dailyCost: 360 });
  });

  it('tells measured days from planned ones', () => {
    const plan = shanghaiToGuangzhou({ expectedPeakMbps: 10 })
      .sample('pcx-shgz', '2026-11-24T23:30:00Z', 30, 0)
      .build();
    expect(measuredDates(plan)).toEqual(new Map([['pcx-shgz', new Set(['2026-11-25'])]]));
  });

  it('reports the month asked for', () => {
    const plan = shanghaiToGuangzhou().sample('pcx-shgz', '2026-11-25T10:00:00+08:00', 30, 0).build();
    expect(computeCosts(plan, { month: '2026-10' }).peerings[0]).toMatchObject({
      days: [],
      monthly: { month: '2026-10', cost: 0 },
    });
    expect(() => computeCosts(plan, { month: '2026-13' })).toThrow(/YYYY-MM/);
  });

  it('sums money exactly to the fen', () => {
    // 33.33 × 12 = 399.96 a day; 30 days in floating point would drift (11998.800000000001).
    const plan = shanghaiToGuangzhou({ expectedPeakMbps: 33.33 }).settings({ asOf: '2026-11-26' }).build();
    expect(computeCosts(plan).peerings[0]!.monthly).toEqual({ month: '2026-11', cost: 11998.8 });
    expect(toFen([decimalOf(0.1), decimalOf(0.2)])).toBe(2n); // 0.02 CNY, not 0.020000000000000004
    expect(toFen([decimalOf(0.125)])).toBe(13n); // half up
  });

  it('bills nothing for an expired or rejected peering', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-sh', { region: 'ap-shanghai', cidr: '10.0.0.0/16' })
      .vpc('vpc-gz', { region: 'ap-guangzhou', cidr: '10.1.0.0/16' })
      .peering('pcx', 'vpc-sh', 'vpc-gz', { state: 'rejected', bandwidthMbps: 10, expectedPeakMbps: 10 })
      .build();
    expect(computeCosts(plan).peerings[0]).toMatchObject({ days: [], monthly: null, priceOnRequest: false });
  });

  it('sums per paying account', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-sh', { region: 'ap-shanghai', cidr: '10.0.0.0/16', account: '1' })
      .vpc('vpc-gz', { region: 'ap-guangzhou', cidr: '10.1.0.0/16', account: '2' })
      .vpc('vpc-bj', { region: 'ap-beijing', cidr: '10.2.0.0/16', account: '2' })
      .peering('pcx-1', 'vpc-sh', 'vpc-gz', { bandwidthMbps: 100, expectedPeakMbps: 30 })
      .peering('pcx-2', 'vpc-sh', 'vpc-bj', { bandwidthMbps: 100, expectedPeakMbps: 10 })
      .peering('pcx-3', 'vpc-bj', 'vpc-gz', { bandwidthMbps: 100, expectedPeakMbps: 50 })
      .build();
    expect(computeCosts(plan).payers).toEqual([
      { account: '1', currency: 'CNY', dailyCost: 360 + 200, monthlyCost: (360 + 200) * 30 },
      { account: '2', currency: 'CNY', dailyCost: 600, monthlyCost: 600 * 30 },
    ]);
  });
});

describe('monthly-p95 billing', () => {
  function p95Plan(points: (day: number, slot: number) => number, days: number) {
    const builder = shanghaiToGuangzhou({ chargeType: 'monthly-p95' });
    for (let day = 1; day <= days; day++) {
      for (let slot = 0; slot < 288; slot++) {
        const minutes = slot * 5;
        const at = `2026-11-${String(day).padStart(2, '0')}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`;
        builder.sample('pcx-shgz', at, points(day, slot), 0);
      }
    }
    return builder.build();
  }

  it('prices rules.md’s example: 60 Mbps, 14 valid days of 30, tier 220 → 6160 CNY', () => {
    // 14 days of traffic at 60 Mbps, with bursts of 500 Mbps in fewer than 5 % of the points.
    const plan = p95Plan((day, slot) => (slot < 10 ? 500 : 60), 14);
    expect(computeCosts(plan).peerings[0]).toMatchObject({
      chargeType: 'monthly-p95',
      days: [],
      monthly: { month: '2026-11', cost: 6160 },
      priceOnRequest: false,
    });
  });

  it('counts only days with a point above 0.01 Mbps as valid', () => {
    // Days 1-14 at 60 Mbps; days 15-20 carry only 0.01 Mbps: not valid days.
    const plan = p95Plan((day) => (day <= 14 ? 60 : 0.01), 20);
    // 20 days of points: 14 × 288 at 60 dominate the 95th percentile.
    expect(computeCosts(plan).peerings[0]!.monthly).toEqual({ month: '2026-11', cost: 6160 });
  });

  it.each([
    [10, 550],
    [10.5, 410],
    [20, 410],
    [50, 290],
    [100, 220],
    [200, 165],
    [500, 115],
    [1000, 88],
    [2000, 69],
    [2500, 65],
  ])('a P95 of %s Mbps is priced at %s CNY per Mbps per month', (p95, price) => {
    const plan = shanghaiToGuangzhou({ chargeType: 'monthly-p95', expectedPeakMbps: p95 }).build();
    expect(computeCosts(plan).peerings[0]!.monthly!.cost).toBeCloseTo(p95 * price, 2);
  });

  it('plans a month without samples from expectedPeakMbps on every day', () => {
    const plan = shanghaiToGuangzhou({ chargeType: 'monthly-p95', expectedPeakMbps: 10 }).build();
    expect(computeCosts(plan).peerings[0]!.monthly).toEqual({ month: '2026-11', cost: 5500 });
  });
});

describe('price on request', () => {
  it('a pair with an end outside mainland China has no list price (PRICE_ON_REQUEST)', () => {
    const plan = shanghaiToGuangzhou({ accepterRegion: 'ap-hongkong', expectedPeakMbps: 30 }).build();
    const [peering] = computeCosts(plan).peerings;
    expect(peering).toMatchObject({ priceOnRequest: true, monthly: { month: '2026-11', cost: null } });
    expect(peering!.days[0]).toMatchObject({ pricePerMbps: null, cost: null });
    expect(computeCosts(plan).payers[0]).toEqual({
      account: '100000000001',
      currency: 'CNY',
      dailyCost: null,
      monthlyCost: null,
    });
    expect(costFindings(plan).map((f) => [f.code, f.severity, f.subjects])).toEqual([
      ['PRICE_ON_REQUEST', 'info', ['pcx-shgz']],
    ]);
  });

  it('a negotiated price in the plan’s catalog prices the pair (near miss)', () => {
    const plan = shanghaiToGuangzhou({ accepterRegion: 'ap-hongkong', expectedPeakMbps: 30 })
      .priceCatalog({
        ...BUILTIN_PRICE_CATALOG,
        pairs: [{ regions: ['ap-hongkong', 'ap-shanghai'], dailyPeak: [{ upToMbps: null, price: 15 }] }],
      })
      .build();
    expect(computeCosts(plan).peerings[0]).toMatchObject({
      priceOnRequest: false,
      monthly: { cost: 30 * 15 * 30 },
    });
    expect(costFindings(plan)).toEqual([]);
  });

  it('a tier without a price is on request only for the days that fall in it', () => {
    const plan = shanghaiToGuangzhou()
      .priceCatalog({
        ...BUILTIN_PRICE_CATALOG,
        mainland: {
          ...BUILTIN_PRICE_CATALOG.mainland,
          dailyPeak: [
            { upToMbps: 100, price: 12 },
            { upToMbps: null, price: null },
          ],
        },
      })
      .sample('pcx-shgz', '2026-11-24T10:00:00+08:00', 30, 0)
      .sample('pcx-shgz', '2026-11-25T10:00:00+08:00', 300, 0)
      .build();
    const [peering] = computeCosts(plan).peerings;
    expect(peering!.days.map((d) => d.cost)).toEqual([360, null]);
    expect(peering).toMatchObject({ priceOnRequest: true, monthly: { cost: null } });
    expect(costFindings(plan).map((f) => f.code)).toEqual(['PRICE_ON_REQUEST']);
  });

  it('a mainland pair has a list price (near miss)', () => {
    expect(costFindings(shanghaiToGuangzhou({ expectedPeakMbps: 30 }).build())).toEqual([]);
  });
});

describe('dailyPeaks', () => {
  it('buckets typed-array samples by peering and billing day in one pass', () => {
    const day = 86_400_000;
    const firstDay = 20_000;
    const peaks = dailyPeaks(
      {
        peering: Uint32Array.from([0, 0, 1, 1, 0]),
        timeMs: Float64Array.from([
          firstDay * day,
          firstDay * day + 1000,
          (firstDay + 1) * day - 1,
          (firstDay + 2) * day,
          0,
        ]),
        inMbps: Float64Array.from([5, 7, 1, 9, 100]),
        outMbps: Float64Array.from([6, 2, 3, 0, 100]),
      },
      { peeringCount: 2, firstDay, dayCount: 2, offsetMs: 0 },
    );
    expect([...peaks]).toEqual([7, NO_SAMPLE, 3, NO_SAMPLE]);
  });

  it('agrees with a per-sample object loop on random samples (property)', () => {
    const day = 86_400_000;
    const firstDay = 20_000;
    const sample = fc.record({
      peering: fc.integer({ min: 0, max: 2 }),
      // From a day before the range to a day after it, with an offset that shifts days.
      time: fc.integer({ min: (firstDay - 1) * day, max: (firstDay + 4) * day }),
      inMbps: fc.double({ min: 0, max: 1000, noNaN: true }),
      outMbps: fc.double({ min: 0, max: 1000, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(sample, { maxLength: 60 }),
        fc.integer({ min: -12, max: 14 }),
        (samples, hours) => {
          const offsetMs = hours * 3_600_000;
          const peaks = dailyPeaks(
            {
              peering: Uint32Array.from(samples.map((x) => x.peering)),
              timeMs: Float64Array.from(samples.map((x) => x.time)),
              inMbps: Float64Array.from(samples.map((x) => x.inMbps)),
              outMbps: Float64Array.from(samples.map((x) => x.outMbps)),
            },
            { peeringCount: 3, firstDay, dayCount: 3, offsetMs },
          );
          const naive = new Map<string, number>();
          for (const x of samples) {
            const date = new Date(x.time + offsetMs).toISOString().slice(0, 10);
            const key = `${x.peering}|${date}`;
            naive.set(key, Math.max(naive.get(key) ?? NO_SAMPLE, x.inMbps, x.outMbps));
          }
          for (let p = 0; p < 3; p++) {
            for (let d = 0; d < 3; d++) {
              const date = new Date((firstDay + d) * day).toISOString().slice(0, 10);
              expect(peaks[p * 3 + d]).toBe(naive.get(`${p}|${date}`) ?? NO_SAMPLE);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
