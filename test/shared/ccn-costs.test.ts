/**
 * CCN costs (spec/ccn.md "Costs"; ccn-facts.md Billing). Every expected figure is computed by
 * hand from the list prices of the spec (USD per Mbps per month: PT 55/21/13, AU 37/13/9,
 * AG 28/10/7 for (0,100] / (100,1000] / above 1000), never by the code under test.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { costBreakdown, tierRange } from '../../shared/cost/breakdown';
import { computeCcnCosts } from '../../shared/cost/ccn-costs';
import { computeCosts } from '../../shared/cost/costs';
import { validatePlan } from '../../shared/rules/validate';

/** The price findings a plan gets (the CCN ones come from the CCN rules, rules/ccns.ts). */
const priceFindings = (plan: Plan) =>
  validatePlan(plan).filter((f) => f.code === 'PRICE_ON_REQUEST' || f.code === 'TRAFFIC_OVER_BANDWIDTH');
import type { Plan } from '../../shared/plan/model';
import { parsePlanText } from '../../shared/plan/parse';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/plans/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

function planOf(file: Record<string, unknown>): Plan {
  const parsed = parsePlanText(JSON.stringify(file), { today: '2026-11-29' });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.plan;
}

const ACCOUNT = '100000000001';
/** Peering prices a plan's `prices` must carry beside its `ccn` part (not under test here). */
const MAINLAND_PEERING_PRICES = {
  dailyPeak: [{ upToMbps: null, price: 12 }],
  monthlyP95: [{ upToMbps: null, price: 100 }],
};

function vpc(id: string, region: string, cidr: string, account = ACCOUNT) {
  return { id, name: id, account, region, cidr, subnets: [] };
}

/** A CCN of a Guangzhou and a Beijing VPC (and more VPCs when given), November 2026. */
function twoRegionPlan(
  ccn: Record<string, unknown> = {},
  extra: { vpcs?: unknown[]; traffic?: unknown[]; prices?: unknown } = {},
): Plan {
  const vpcs = [vpc('vpc-gz', 'ap-guangzhou', '10.1.0.0/16'), vpc('vpc-bj', 'ap-beijing', '10.2.0.0/16')];
  return planOf({
    format: 'peerplan/1',
    name: 'ccn costs',
    asOf: '2026-11-29',
    accounts: [{ id: ACCOUNT, name: 'ours', own: true }],
    vpcs: [...vpcs, ...(extra.vpcs ?? [])],
    ccns: [
      {
        id: 'ccn-a',
        account: ACCOUNT,
        attachments: [
          { vpc: 'vpc-gz', attachedAt: '2026-11-01' },
          { vpc: 'vpc-bj', attachedAt: '2026-11-02' },
        ],
        ...ccn,
      },
    ],
    ...(extra.traffic ? { traffic: extra.traffic } : {}),
    ...(extra.prices ? { prices: extra.prices } : {}),
  });
}

function sample(at: string, inMbps: number, outMbps = 0, regions = ['ap-guangzhou', 'ap-beijing']) {
  return { ccn: 'ccn-a', regions, at, inMbps, outMbps };
}

const november = (day: number, time = '10:00') => `2026-11-${String(day).padStart(2, '0')}T${time}:00+08:00`;

describe('CCN costs, postpaid, built-in list prices', () => {
  it('60 Mbps P95, platinum, 14 valid days of a 30-day month: 60 × 14 / 30 × 55 = 1,540 USD', () => {
    // One 60 Mbps point on each of 14 days (14 points: 5 % of 14 rounds down to none dropped).
    const traffic = Array.from({ length: 14 }, (_, i) => sample(november(i + 1), 20, 60));
    const [cost] = computeCcnCosts(twoRegionPlan({ qosLevel: 'PT' }, { traffic }), '2026-11');
    expect(cost).toEqual({
      id: 'ccn-a',
      payer: ACCOUNT,
      currency: 'USD',
      pairs: [
        {
          regions: ['ap-guangzhou', 'ap-beijing'],
          p95Mbps: 60,
          validDays: 14,
          pricePerMbps: 55,
          cost: 1540,
          measured: true,
        },
      ],
      instanceFee: 0,
      monthly: { month: '2026-11', cost: 1540 },
      priceOnRequest: false,
    });
  });

  it('a day whose points are all at most 0.01 Mbps is not a valid day; either region order is the pair', () => {
    const traffic = [
      sample(november(1), 30),
      sample(november(2), 0.01), // not above 10 Kbps: not valid
      sample(november(3), 30, 0, ['ap-beijing', 'ap-guangzhou']),
      sample(november(4), 99, 0, ['ap-guangzhou', 'ap-guangzhou']), // same region: free, ignored
    ];
    const [cost] = computeCcnCosts(twoRegionPlan({ qosLevel: 'AG' }, { traffic }), '2026-11');
    // 3 points of the pair, none dropped: P95 30; 2 valid days: 30 × 2 / 30 × 28 = 56.
    expect(cost!.pairs[0]).toMatchObject({ p95Mbps: 30, validDays: 2, pricePerMbps: 28, cost: 56 });
  });

  it('the top 5 % of points are dropped: spikes do not set the P95', () => {
    // 100 points over 10 days: 95 at 40 Mbps, 5 spikes at 900 → the 5 spikes are dropped.
    const points = (spikes: number) =>
      Array.from({ length: 100 }, (_, i) =>
        sample(november(1 + (i % 10), `${String(i % 24).padStart(2, '0')}:05`), i < spikes ? 900 : 40),
      );
    const [five] = computeCcnCosts(twoRegionPlan({ qosLevel: 'AU' }, { traffic: points(5) }), '2026-11');
    // 40 × 10 / 30 × 37 = 493.333… → 493.33
    expect(five!.pairs[0]).toMatchObject({ p95Mbps: 40, validDays: 10, pricePerMbps: 37, cost: 493.33 });
    // A sixth spike is more than 5 %: the P95 is 900 Mbps, in the (100, 1000] tier: 900 × 10 / 30 × 13 = 3,900.
    const [six] = computeCcnCosts(twoRegionPlan({ qosLevel: 'AU' }, { traffic: points(6) }), '2026-11');
    expect(six!.pairs[0]).toMatchObject({ p95Mbps: 900, pricePerMbps: 13, cost: 3900 });
  });

  it('prices the whole amount at the tier P95 falls in: boundaries at exactly 100 and 1,000 Mbps', () => {
    const costAt = (mbps: number, qosLevel: string) =>
      computeCcnCosts(
        twoRegionPlan({ qosLevel, expectedP95: [{ regions: ['ap-beijing', 'ap-guangzhou'], mbps }] }),
        '2026-11',
      )[0]!.pairs[0]!;
    // expectedP95: every day of the month valid (30 / 30).
    expect(costAt(100, 'PT')).toMatchObject({ pricePerMbps: 55, cost: 5500, validDays: 30, measured: false });
    expect(costAt(100.5, 'PT')).toMatchObject({ pricePerMbps: 21, cost: 2110.5 });
    expect(costAt(1000, 'PT')).toMatchObject({ pricePerMbps: 21, cost: 21000 });
    expect(costAt(1001, 'PT')).toMatchObject({ pricePerMbps: 13, cost: 13013 });
    expect(costAt(100, 'AU')).toMatchObject({ pricePerMbps: 37, cost: 3700 });
    expect(costAt(101, 'AU')).toMatchObject({ pricePerMbps: 13, cost: 1313 });
    expect(costAt(1000, 'AG')).toMatchObject({ pricePerMbps: 10, cost: 10000 });
    expect(costAt(1000.1, 'AG')).toMatchObject({ pricePerMbps: 7, cost: 7000.7 });
  });

  it('expectedP95 prices a pair without samples; a pair with neither costs 0', () => {
    // ccn-core: Guangzhou, Shanghai, Beijing active (the Data team's VPC is pending), gold,
    // 120 Mbps expected between Guangzhou and Shanghai: 120 × 30 / 30 × 13 = 1,560.
    const [cost] = computeCcnCosts(planOf(fixture('ccn-core.json')), '2026-11');
    expect(cost!.pairs).toEqual([
      {
        regions: ['ap-guangzhou', 'ap-shanghai'],
        p95Mbps: 120,
        validDays: 30,
        pricePerMbps: 13,
        cost: 1560,
        measured: false,
      },
      {
        regions: ['ap-guangzhou', 'ap-beijing'],
        p95Mbps: 0,
        validDays: 0,
        pricePerMbps: 37,
        cost: 0,
        measured: false,
      },
      {
        regions: ['ap-shanghai', 'ap-beijing'],
        p95Mbps: 0,
        validDays: 0,
        pricePerMbps: 37,
        cost: 0,
        measured: false,
      },
    ]);
    // The third active instance (vpc-bj, mainland): 720 h × 0.05 = 36; the pending one is free.
    expect(cost!.instanceFee).toBe(36);
    expect(cost!.monthly).toEqual({ month: '2026-11', cost: 1596 });
  });

  it('samples of the month replace expectedP95; samples of another month do not count', () => {
    const expectedP95 = [{ regions: ['ap-guangzhou', 'ap-beijing'], mbps: 50 }];
    const october = [sample('2026-10-20T10:00:00+08:00', 80)];
    const [planned] = computeCcnCosts(twoRegionPlan({ expectedP95 }, { traffic: october }), '2026-11');
    expect(planned!.pairs[0]).toMatchObject({ p95Mbps: 50, validDays: 30, measured: false, cost: 1850 });
    const [measured] = computeCcnCosts(twoRegionPlan({ expectedP95 }, { traffic: october }), '2026-10');
    // October has 31 days: 80 × 1 / 31 × 37 = 95.483… → 95.48
    expect(measured!.pairs[0]).toMatchObject({ p95Mbps: 80, validDays: 1, measured: true, cost: 95.48 });
  });
});

describe('CCN instance fee', () => {
  const fourVpcs = (regionOfFourth = 'ap-shanghai') => ({
    vpcs: [vpc('vpc-sh', 'ap-shanghai', '10.3.0.0/16'), vpc('vpc-x', regionOfFourth, '10.4.0.0/16')],
  });
  const attachments = [
    { vpc: 'vpc-gz', attachedAt: '2026-11-01' },
    { vpc: 'vpc-bj', attachedAt: '2026-11-02' },
    { vpc: 'vpc-sh', attachedAt: '2026-11-03' },
    { vpc: 'vpc-x', attachedAt: '2026-11-04' },
  ];

  it('the first 2 instances are free; a third and a fourth add 2 × 720 h × 0.05 = 72 USD in November', () => {
    const two = computeCcnCosts(twoRegionPlan(), '2026-11')[0]!;
    expect(two.instanceFee).toBe(0);
    const four = computeCcnCosts(twoRegionPlan({ attachments }, fourVpcs()), '2026-11')[0]!;
    expect(four.instanceFee).toBe(72);
    expect(four.monthly).toEqual({ month: '2026-11', cost: 72 });
    // December has 744 hours: 2 × 744 × 0.05 = 74.40.
    expect(computeCcnCosts(twoRegionPlan({ attachments }, fourVpcs()), '2026-12')[0]!.instanceFee).toBe(74.4);
  });

  it('outside mainland China an instance-hour is 0.06: 720 × 0.05 + 720 × 0.06 = 79.20', () => {
    const [cost] = computeCcnCosts(twoRegionPlan({ attachments }, fourVpcs('ap-hongkong')), '2026-11');
    expect(cost!.instanceFee).toBe(79.2);
  });

  it('attachment order, not list order, picks the free two; pending instances pay nothing', () => {
    // vpc-x in Hong Kong attached first, so it is free; Beijing and Shanghai (3rd, 4th) pay 0.05.
    const reordered = [...attachments.slice(0, 3), { vpc: 'vpc-x', attachedAt: '2026-10-01' }];
    const [cost] = computeCcnCosts(
      twoRegionPlan({ attachments: reordered }, fourVpcs('ap-hongkong')),
      '2026-11',
    );
    expect(cost!.instanceFee).toBe(72);
    const pending = attachments.map((a, i) => (i >= 2 ? { ...a, state: 'pending' } : a));
    expect(
      computeCcnCosts(twoRegionPlan({ attachments: pending }, fourVpcs()), '2026-11')[0]!.instanceFee,
    ).toBe(0);
  });

  it("the plan's prices.ccn replace the instance-hour prices; 0 turns the fee off", () => {
    const prices = (ccn: Record<string, unknown>) => ({
      currency: 'CNY',
      mainlandRegions: ['ap-guangzhou', 'ap-beijing', 'ap-shanghai'],
      mainland: MAINLAND_PEERING_PRICES,
      ccn: { currency: 'USD', pairs: [], ...ccn },
    });
    const fee = (ccn: Record<string, unknown>, region?: string) =>
      computeCcnCosts(
        twoRegionPlan({ attachments }, { ...fourVpcs(region), prices: prices(ccn) }),
        '2026-11',
      )[0]!.instanceFee;
    expect(fee({ instanceHourMainland: 0 })).toBe(0);
    expect(fee({ instanceHourMainland: 0.1 })).toBe(144);
    expect(fee({ instanceHourOther: 0 }, 'ap-hongkong')).toBe(36);
  });
});

describe('CCN pairs on request', () => {
  const hongKong = { vpcs: [vpc('vpc-hk', 'ap-hongkong', '10.5.0.0/16')] };
  const withHongKong = {
    qosLevel: 'PT',
    attachments: [
      { vpc: 'vpc-gz', attachedAt: '2026-11-01' },
      { vpc: 'vpc-hk', attachedAt: '2026-11-02' },
    ],
    expectedP95: [{ regions: ['ap-guangzhou', 'ap-hongkong'], mbps: 50 }],
  };

  it('a Hong Kong pair has no list price until prices.ccn gives one', () => {
    const plan = twoRegionPlan(withHongKong, hongKong);
    const [cost] = computeCcnCosts(plan, '2026-11');
    expect(cost!.pairs[0]).toMatchObject({ pricePerMbps: null, cost: null, p95Mbps: 50 });
    expect(cost).toMatchObject({ priceOnRequest: true, monthly: { month: '2026-11', cost: null } });
    expect(priceFindings(plan).map((f) => [f.code, f.subjects])).toEqual([['PRICE_ON_REQUEST', ['ccn-a']]]);

    const priced = twoRegionPlan(withHongKong, {
      ...hongKong,
      prices: {
        currency: 'CNY',
        mainlandRegions: ['ap-guangzhou'],
        mainland: MAINLAND_PEERING_PRICES,
        ccn: {
          currency: 'USD',
          pairs: [
            // Another level does not apply; the platinum line does (regions in either order).
            {
              regions: ['ap-hongkong', 'ap-guangzhou'],
              qosLevel: 'AU',
              monthly: [{ upToMbps: null, price: 1 }],
            },
            {
              regions: ['ap-hongkong', 'ap-guangzhou'],
              qosLevel: 'PT',
              monthly: [
                { upToMbps: 40, price: 90 },
                { upToMbps: null, price: 80 },
              ],
            },
          ],
        },
      },
    });
    const [pricedCost] = computeCcnCosts(priced, '2026-11');
    // 50 Mbps in the second tier: 50 × 30 / 30 × 80 = 4,000.
    expect(pricedCost!.pairs[0]).toMatchObject({ pricePerMbps: 80, cost: 4000 });
    expect(pricedCost).toMatchObject({ priceOnRequest: false, monthly: { cost: 4000 } });
    expect(priceFindings(priced)).toEqual([]);
  });

  it('every prepaid pair is on request, even in mainland China; priced, it pays for the bandwidth bought', () => {
    const prepaid = {
      chargeType: 'prepaid',
      bandwidthLimitType: 'inter-region',
      bandwidthLimits: [{ region: 'ap-beijing', dstRegion: 'ap-guangzhou', mbps: 20 }],
      expectedP95: [{ regions: ['ap-guangzhou', 'ap-beijing'], mbps: 60 }],
    };
    const [onRequest] = computeCcnCosts(twoRegionPlan(prepaid), '2026-11');
    expect(onRequest).toMatchObject({ priceOnRequest: true, monthly: { cost: null } });
    const prices = {
      currency: 'CNY',
      mainlandRegions: ['ap-guangzhou', 'ap-beijing'],
      mainland: MAINLAND_PEERING_PRICES,
      ccn: {
        currency: 'USD',
        pairs: [
          {
            regions: ['ap-guangzhou', 'ap-beijing'],
            chargeType: 'prepaid',
            monthly: [{ upToMbps: null, price: 30 }],
          },
        ],
      },
    };
    const [priced] = computeCcnCosts(twoRegionPlan(prepaid, { prices }), '2026-11');
    // 20 Mbps bought × 30 USD = 600 for the month, whatever the traffic (60 Mbps expected).
    expect(priced!.pairs[0]).toMatchObject({ pricePerMbps: 30, cost: 600, p95Mbps: 60 });
    // The postpaid near miss: the prepaid-only price line does not apply, the list price does.
    const [postpaid] = computeCcnCosts(
      twoRegionPlan({ ...prepaid, chargeType: 'postpaid' }, { prices }),
      '2026-11',
    );
    expect(postpaid!.pairs[0]).toMatchObject({ pricePerMbps: 37, cost: 2220 });
    expect(priceFindings(twoRegionPlan({ ...prepaid, chargeType: 'postpaid' }, { prices }))).toEqual([]);
  });
});

describe('CCN costs in the cost report', () => {
  it('payers carry their currency: CNY for peerings, USD for CCNs, never summed', () => {
    const file = fixture('seed-gz-bj-peering.json');
    file.ccns = [
      {
        id: 'ccn-a',
        account: ACCOUNT,
        qosLevel: 'PT',
        attachments: [{ vpc: 'vpc-gz' }, { vpc: 'vpc-bj' }],
        expectedP95: [{ regions: ['ap-guangzhou', 'ap-beijing'], mbps: 60 }],
      },
    ];
    const report = computeCosts(planOf(file));
    // The peering: monthly-p95, 60 Mbps expected every day, tier (50, 100] at 220 CNY: 60 × 220 = 13,200 CNY.
    // The CCN: 60 × 30 / 30 × 55 = 3,300 USD.
    expect(report.payers).toEqual([
      { account: ACCOUNT, currency: 'CNY', dailyCost: 0, monthlyCost: 13200 },
      { account: ACCOUNT, currency: 'USD', dailyCost: 0, monthlyCost: 3300 },
    ]);
    expect(report.ccns.map((c) => [c.id, c.monthly])).toEqual([['ccn-a', { month: '2026-11', cost: 3300 }]]);
  });

  it('a plan without CCNs keeps its report, with ccns empty and CNY payers', () => {
    const report = computeCosts(planOf(fixture('seed-gz-bj-peering.json')));
    expect(report.ccns).toEqual([]);
    expect(report.payers).toEqual([{ account: ACCOUNT, currency: 'CNY', dailyCost: 0, monthlyCost: 13200 }]);
  });

  it('the latest CCN sample sets the report month when no month is given', () => {
    const traffic = [sample('2026-12-03T10:00:00+08:00', 10)];
    const report = computeCosts(twoRegionPlan({}, { traffic }));
    // 10 × 1 / 31 × 37 = 11.935… → 11.94
    expect(report.ccns[0]!.monthly).toEqual({ month: '2026-12', cost: 11.94 });
  });
});

describe('CCN costs as the Costs view shows them', () => {
  it('each pair with the tier of its P95, the instances paying the fee, and a total per currency', () => {
    const file = fixture('seed-gz-bj-peering.json');
    file.ccns = [
      {
        id: 'ccn-a',
        account: ACCOUNT,
        qosLevel: 'AG',
        attachments: [{ vpc: 'vpc-gz' }, { vpc: 'vpc-bj' }],
        expectedP95: [{ regions: ['ap-guangzhou', 'ap-beijing'], mbps: 150 }],
      },
    ];
    const breakdown = costBreakdown(planOf(file));
    const [row] = breakdown.ccnRows;
    // 150 Mbps, silver: the (100, 1000] tier at 10 USD: 1,500 USD.
    expect(row!.pairs.map(({ pair, tier }) => [pair.cost, tier && tierRange(tier), tier?.price])).toEqual([
      [1500, '(100, 1000] Mbps', 10],
    ]);
    expect(row!.paidInstances).toBe(0);
    expect(breakdown.totals).toEqual([
      { currency: 'CNY', monthly: 13200 },
      { currency: 'USD', monthly: 1500 },
    ]);
  });
});
