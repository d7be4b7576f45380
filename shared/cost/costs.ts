/**
 * Peering costs (rules.md, "Costs"; the `cost` JSON of cli.md).
 *
 * - A regional peering is free. A cross-region one is paid by the requester's account, per
 *   billing day (`daily-peak`) or per month (`monthly-p95`), at the catalog's tier prices (the
 *   plan's `prices`, else the built-in list prices of mainland China region pairs). A pair the
 *   catalog does not price is on request: its costs are null and `priceOnRequest` is true.
 * - `daily-peak`: a day's peak is the largest max(in, out) of its 5-minute samples in the billing
 *   time zone, capped at the peering's `bandwidthMbps` (traffic above the cap cannot happen on
 *   the wire: it is throttled, `TRAFFIC_OVER_BANDWIDTH`). The tier is the one the peak falls in;
 *   billable = max(0, peak − free bandwidth); cost = billable × the tier's price.
 * - `monthly-p95`: the 95th percentile of the month's (capped) points: sorted, the top 5 %
 *   (rounded down) dropped, the largest left; × valid days (a point above 0.01 Mbps) / days in
 *   the month × the tier's monthly price. The free bandwidth applies to daily peaks only.
 * - Money is exact to the fen (see money.ts).
 *
 * Choices where the spec leaves room:
 * - One month is reported for every peering: `options.month`, else the month of the latest
 *   sample of the plan, else the month of `asOf`.
 * - `days` (daily-peak) lists every day of that month that has samples (as measured) or, when
 *   the peering has `expectedPeakMbps`, a planned value (the other days): so the days add up to
 *   `monthly.cost`. A day with neither is not listed and costs 0. A regional peering lists its
 *   days with samples, all free. A `monthly-p95` peering lists no days (it is not billed by day);
 *   its month without samples is planned as `expectedPeakMbps` on every day.
 * - Only live peerings (pending or active on `asOf`) are billed: an expired, rejected or isolated one, or
 *   one whose VPCs are unknown, is listed with no days and `monthly: null`.
 * - Per payer, `monthlyCost` sums its peerings' months and `dailyCost` the cost of one day now:
 *   each daily-peak peering's latest measured day of the month, else its planned day (monthly
 *   billed peerings do not add to it). A total is null when any of its parts is on request.
 */
import { BUILTIN_PRICE_CATALOG } from '../catalog/prices';
import type { ChargeType, Peering, Plan, PriceCatalog, PriceTier, Vpc } from '../plan/model';
import { effectivePeeringState } from '../plan/peering';
import type { Finding } from '../rules/finding';
import { finding } from '../rules/finding';
import { ANY_MONTH, billingDayOf, dateOfDay, monthOfDay, monthRange, parseOffset } from './billing-day';
import type { CcnCost } from './ccn-costs';
import { ccnTrafficLatestMs, computeCcnCostsInCents } from './ccn-costs';
import { dailyPeaks, NO_SAMPLE } from './daily-peaks';
import { sampleInstants } from './instants';
import type { TrafficColumns } from './daily-peaks';
import { percentile95, VALID_DAY_THRESHOLD_MBPS } from './p95';
import { TrafficAggregate } from './traffic-aggregate';
import type { Decimal } from './money';
import { decimalOf, fenToCny, isPositive, subtract, toFen } from './money';

export interface CostDay {
  readonly date: string;
  readonly peakMbps: number;
  readonly billableMbps: number;
  /** CNY per Mbps per day; null: on request. */
  readonly pricePerMbps: number | null;
  /** CNY; null: on request. */
  readonly cost: number | null;
}

export interface PeeringCost {
  readonly id: string;
  readonly kind: 'regional' | 'cross-region';
  /** The requester's account; null when the requester VPC is unknown. */
  readonly payer: string | null;
  readonly chargeType: ChargeType;
  readonly days: readonly CostDay[];
  readonly monthly: { readonly month: string; readonly cost: number | null } | null;
  readonly priceOnRequest: boolean;
}

export interface PayerCost {
  readonly account: string;
  /** CNY for peerings, USD for CCNs: one entry per account and currency, never summed across. */
  readonly currency: 'CNY' | 'USD';
  readonly dailyCost: number | null;
  readonly monthlyCost: number | null;
}

export interface CostReport {
  /** The currency of `peerings` (CCNs carry theirs: USD). */
  readonly currency: 'CNY';
  readonly peerings: readonly PeeringCost[];
  /** Per CCN, in USD (ccn-costs.ts); empty when the plan has none. */
  readonly ccns: readonly CcnCost[];
  /** CNY payers (peerings) first, then USD payers (CCNs). */
  readonly payers: readonly PayerCost[];
}

const DEFAULT_OFFSET_MS = 8 * 3_600_000;

/** The tiers that price a region pair for a charge type; null: on request. */
export function tiersFor(
  catalog: PriceCatalog,
  regionA: string,
  regionB: string,
  chargeType: ChargeType,
): readonly PriceTier[] | null {
  const pick = (prices: { dailyPeak?: readonly PriceTier[]; monthlyP95?: readonly PriceTier[] }) =>
    chargeType === 'daily-peak' ? prices.dailyPeak : prices.monthlyP95;
  for (const pair of catalog.pairs) {
    const [x, y] = pair.regions;
    if ((x === regionA && y === regionB) || (x === regionB && y === regionA)) {
      const tiers = pick(pair);
      if (tiers) return tiers;
    }
  }
  if (catalog.mainlandRegions.includes(regionA) && catalog.mainlandRegions.includes(regionB)) {
    return pick(catalog.mainland) ?? null;
  }
  return null;
}

/** The price of the tier `mbps` falls in: tiers are (previous upTo, upToMbps]; 0 takes the first. */
export function tierPrice(tiers: readonly PriceTier[], mbps: number): number | null {
  for (const tier of tiers) if (tier.upToMbps === null || mbps <= tier.upToMbps) return tier.price;
  return null;
}

function toNumber(value: Decimal): number {
  return Number(value.units) / 10 ** value.scale;
}

/** Samples of known peerings with a readable time, as columns (peering = index in plan.peerings). */
export function trafficColumns(plan: Plan): { columns: TrafficColumns; latestMs: number | null } {
  const indexById = new Map<string, number>();
  plan.peerings.forEach((peering, index) => {
    if (!indexById.has(peering.id)) indexById.set(peering.id, index);
  });
  const count = plan.traffic.length;
  const peering = new Uint32Array(count);
  const timeMs = new Float64Array(count);
  const inMbps = new Float64Array(count);
  const outMbps = new Float64Array(count);
  let kept = 0;
  let latestMs: number | null = null;
  const instants = sampleInstants(plan.traffic);
  for (let i = 0; i < count; i++) {
    const sample = plan.traffic[i]!;
    const index = indexById.get(sample.peering);
    const time = instants[i]!;
    if (index === undefined || Number.isNaN(time)) continue;
    if (!Number.isFinite(sample.inMbps) || !Number.isFinite(sample.outMbps)) continue;
    peering[kept] = index;
    timeMs[kept] = time;
    inMbps[kept] = sample.inMbps;
    outMbps[kept] = sample.outMbps;
    kept++;
    if (latestMs === null || time > latestMs) latestMs = time;
  }
  return {
    columns: {
      peering: peering.subarray(0, kept),
      timeMs: timeMs.subarray(0, kept),
      inMbps: inMbps.subarray(0, kept),
      outMbps: outMbps.subarray(0, kept),
    },
    latestMs,
  };
}

interface PeeringEnds {
  readonly requester: Vpc | undefined;
  readonly accepter: Vpc | undefined;
}

function endsOf(peering: Peering, vpcById: ReadonlyMap<string, Vpc>): PeeringEnds {
  return { requester: vpcById.get(peering.requester), accepter: vpcById.get(peering.accepter) };
}

/** Milliseconds east of UTC of the plan's billing time zone (+08:00 when it does not parse). */
export function billingOffset(plan: Plan): number {
  return parseOffset(plan.settings.billingTimeZone) ?? DEFAULT_OFFSET_MS;
}

/** The month a report covers (see the module comment). */
export function reportMonth(plan: Plan, latestMs: number | null, month?: string): string {
  if (month !== undefined) {
    if (!ANY_MONTH.test(month)) throw new RangeError(`not a month YYYY-MM: ${month}`);
    return month;
  }
  if (latestMs !== null) return monthOfDay(billingDayOf(latestMs, billingOffset(plan)));
  return plan.asOf.slice(0, 7);
}

function sumFen(parts: readonly (bigint | null)[]): bigint | null {
  let total = 0n;
  for (const part of parts) {
    if (part === null) return null;
    total += part;
  }
  return total;
}

function cny(fen: bigint | null): number | null {
  return fen === null ? null : fenToCny(fen);
}

/** An empty aggregate of streamed traffic for `plan` (its peerings, its billing time zone). */
export function trafficAggregateFor(plan: Plan): TrafficAggregate {
  return new TrafficAggregate(plan, billingOffset(plan));
}

export interface CostOptions {
  readonly month?: string;
  /** Traffic streamed from a file, costed together with the plan's own samples. */
  readonly traffic?: TrafficAggregate;
  /**
   * False: the peerings only (`ccns` empty, no USD payers). The cost rule needs no CCN cost (a
   * CCN pair's PRICE_ON_REQUEST is a CCN rule's), and a CCN's P95 over its samples is the
   * largest part of a validation of a plan with CCN traffic. The month still counts CCN samples.
   */
  readonly ccns?: boolean;
}

function laterOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

export function computeCosts(plan: Plan, options: CostOptions = {}): CostReport {
  const catalog = plan.prices ?? BUILTIN_PRICE_CATALOG;
  const offsetMs = billingOffset(plan);
  const vpcById = new Map<string, Vpc>();
  for (const vpc of plan.vpcs) if (!vpcById.has(vpc.id)) vpcById.set(vpc.id, vpc);
  const { columns, latestMs: planLatestMs } = trafficColumns(plan);
  const streamed = options.traffic;
  const latestMs = laterOf(
    laterOf(planLatestMs, streamed ? streamed.latestMs : null),
    ccnTrafficLatestMs(plan),
  );
  const month = reportMonth(plan, latestMs, options.month);
  const { firstDay, dayCount } = monthRange(month);
  const peaks = dailyPeaks(columns, { peeringCount: plan.peerings.length, firstDay, dayCount, offsetMs });
  streamed?.mergePeaksInto(peaks, firstDay, dayCount);
  const free = decimalOf(Math.max(0, plan.settings.freeBandwidthMbps));
  const dates = Array.from({ length: dayCount }, (_, day) => dateOfDay(firstDay + day));

  // The month's points of each monthly-p95 peering (few peerings are billed that way).
  const p95Points = new Map<number, number[]>();
  const p95ValidDays = new Map<number, Set<number>>();
  plan.peerings.forEach((peering, index) => {
    if (peering.chargeType === 'monthly-p95') {
      p95Points.set(index, []);
      p95ValidDays.set(index, new Set());
    }
  });
  if (p95Points.size > 0) {
    for (let i = 0; i < columns.peering.length; i++) {
      const points = p95Points.get(columns.peering[i]!);
      if (!points) continue;
      const day = billingDayOf(columns.timeMs[i]!, offsetMs) - firstDay;
      if (day < 0 || day >= dayCount) continue;
      const value = Math.max(columns.inMbps[i]!, columns.outMbps[i]!);
      points.push(value);
      if (value > VALID_DAY_THRESHOLD_MBPS) p95ValidDays.get(columns.peering[i]!)!.add(day);
    }
    for (const [index, points] of p95Points) {
      const validDays = p95ValidDays.get(index)!;
      streamed?.forEachP95Point(index, firstDay, dayCount, (value, day) => {
        points.push(value);
        if (value > VALID_DAY_THRESHOLD_MBPS) validDays.add(day);
      });
    }
  }

  const peerings: PeeringCost[] = [];
  /** Per peering: fen of the month and of one day (null: on request). */
  const totals: { payer: string | null; monthFen: bigint | null; dayFen: bigint | null }[] = [];

  plan.peerings.forEach((peering, index) => {
    const { requester, accepter } = endsOf(peering, vpcById);
    const payer = requester ? requester.account : null;
    const regional =
      requester !== undefined && accepter !== undefined && requester.region === accepter.region;
    const kind = regional ? 'regional' : 'cross-region';
    const base = { id: peering.id, kind, payer, chargeType: peering.chargeType } as const;
    const state = effectivePeeringState(peering, plan.asOf);
    const billable = (state === 'active' || state === 'pending') && requester && accepter;

    if (!billable) {
      peerings.push({ ...base, days: [], monthly: null, priceOnRequest: false });
      totals.push({ payer, monthFen: 0n, dayFen: 0n });
      return;
    }
    if (regional) {
      const days: CostDay[] = [];
      for (let day = 0; day < dayCount; day++) {
        const peak = peaks[index * dayCount + day]!;
        if (peak === NO_SAMPLE) continue;
        days.push({
          date: dates[day]!,
          peakMbps: peak,
          billableMbps: 0,
          pricePerMbps: 0,
          cost: 0,
        });
      }
      peerings.push({ ...base, days, monthly: { month, cost: 0 }, priceOnRequest: false });
      totals.push({ payer, monthFen: 0n, dayFen: 0n });
      return;
    }

    const cap = peering.bandwidthMbps;
    const capped = (mbps: number): number => (cap !== undefined && mbps > cap ? cap : mbps);
    const tiers = tiersFor(catalog, requester.region, accepter.region, peering.chargeType);
    let onRequest = tiers === null;

    if (peering.chargeType === 'monthly-p95') {
      const points = p95Points.get(index) ?? [];
      let p95: number;
      let validDays: number;
      if (points.length > 0) {
        p95 = percentile95(Float64Array.from(points, capped));
        validDays = p95ValidDays.get(index)!.size;
      } else {
        p95 = peering.expectedPeakMbps === undefined ? 0 : capped(peering.expectedPeakMbps);
        validDays = p95 > VALID_DAY_THRESHOLD_MBPS ? dayCount : 0;
      }
      let monthFen: bigint | null = 0n;
      if (p95 > 0 && validDays > 0) {
        const price = tiers ? tierPrice(tiers, p95) : null;
        if (price === null) onRequest = true;
        monthFen =
          price === null
            ? null
            : toFen([decimalOf(p95), decimalOf(price)], BigInt(validDays), BigInt(dayCount));
      }
      if (tiers === null) monthFen = null;
      peerings.push({
        ...base,
        days: [],
        monthly: { month, cost: cny(monthFen) },
        priceOnRequest: onRequest,
      });
      totals.push({ payer, monthFen, dayFen: 0n });
      return;
    }

    const priceDay = (peak: number): { day: Omit<CostDay, 'date'>; fen: bigint | null } => {
      const billableMbps = subtract(decimalOf(peak), free);
      const positive = isPositive(billableMbps);
      const price = tiers ? tierPrice(tiers, peak) : null;
      let fen: bigint | null;
      if (tiers === null) fen = null;
      else if (!positive)
        fen = 0n; // nothing billable: free whatever the price
      else if (price === null) fen = null;
      else fen = toFen([billableMbps, decimalOf(price)]);
      if (fen === null) onRequest = true;
      return {
        day: {
          peakMbps: peak,
          billableMbps: positive ? toNumber(billableMbps) : 0,
          pricePerMbps: price,
          cost: cny(fen),
        },
        fen,
      };
    };
    // Every planned day of a peering is the same: price it once.
    const planned =
      peering.expectedPeakMbps === undefined ? null : priceDay(capped(peering.expectedPeakMbps));
    const days: CostDay[] = [];
    const dayFens: (bigint | null)[] = [];
    let latestMeasuredFen: bigint | null | undefined;
    for (let day = 0; day < dayCount; day++) {
      const measured = peaks[index * dayCount + day]!;
      const priced = measured !== NO_SAMPLE ? priceDay(capped(measured)) : planned;
      if (!priced) continue;
      days.push({ date: dates[day]!, ...priced.day });
      dayFens.push(priced.fen);
      if (measured !== NO_SAMPLE) latestMeasuredFen = priced.fen;
    }
    const plannedFen = planned ? planned.fen : 0n;
    const monthFen = sumFen(dayFens);
    peerings.push({
      ...base,
      days,
      monthly: { month, cost: tiers === null ? null : cny(monthFen) },
      priceOnRequest: onRequest,
    });
    totals.push({
      payer,
      monthFen: tiers === null ? null : monthFen,
      dayFen: tiers === null ? null : latestMeasuredFen !== undefined ? latestMeasuredFen : plannedFen,
    });
  });

  const payers = new Map<string, { month: (bigint | null)[]; day: (bigint | null)[] }>();
  for (const total of totals) {
    if (total.payer === null) continue;
    let entry = payers.get(total.payer);
    if (!entry) payers.set(total.payer, (entry = { month: [], day: [] }));
    entry.month.push(total.monthFen);
    entry.day.push(total.dayFen);
  }
  const ccnCosts = options.ccns === false ? [] : computeCcnCostsInCents(plan, month);
  // CCNs are billed by the month: they add nothing to a payer's cost of one day.
  const usdPayers = new Map<string, (bigint | null)[]>();
  for (const { cost, monthCents } of ccnCosts) {
    let parts = usdPayers.get(cost.payer);
    if (!parts) usdPayers.set(cost.payer, (parts = []));
    parts.push(monthCents);
  }
  return {
    currency: 'CNY',
    peerings,
    ccns: ccnCosts.map((entry) => entry.cost),
    payers: [
      ...[...payers].map(([account, parts]) => ({
        account,
        currency: 'CNY' as const,
        dailyCost: cny(sumFen(parts.day)),
        monthlyCost: cny(sumFen(parts.month)),
      })),
      ...[...usdPayers].map(([account, parts]) => ({
        account,
        currency: 'USD' as const,
        dailyCost: 0,
        monthlyCost: cny(sumFen(parts)),
      })),
    ],
  };
}

/**
 * The month's total per currency (CNY: peerings, USD: CCNs), exact to the cent; null when a part
 * is on request. Never one mixed number: a currency without payers is left out.
 */
export function monthlyTotalsByCurrency(
  report: CostReport,
): { readonly currency: 'CNY' | 'USD'; readonly monthly: number | null }[] {
  const totals = new Map<'CNY' | 'USD', bigint | null>();
  for (const payer of report.payers) {
    const sum = totals.has(payer.currency) ? totals.get(payer.currency)! : 0n;
    totals.set(
      payer.currency,
      sum === null || payer.monthlyCost === null ? null : sum + BigInt(Math.round(payer.monthlyCost * 100)),
    );
  }
  return [...totals].map(([currency, cents]) => ({ currency, monthly: cny(cents) }));
}

/** TRAFFIC_OVER_BANDWIDTH and PRICE_ON_REQUEST, for validatePlan. */
export function costFindings(plan: Plan): Finding[] {
  const findings: Finding[] = [];
  const vpcById = new Map<string, Vpc>();
  for (const vpc of plan.vpcs) if (!vpcById.has(vpc.id)) vpcById.set(vpc.id, vpc);
  const capped = new Map<string, { peering: Peering; count: number; max: number; at: string }>();
  for (const peering of plan.peerings) {
    const { requester, accepter } = endsOf(peering, vpcById);
    // A regional peering has no cap to set (its bandwidthMbps is ignored): nothing is throttled.
    if (
      !requester ||
      !accepter ||
      requester.region === accepter.region ||
      peering.bandwidthMbps === undefined
    )
      continue;
    if (!capped.has(peering.id)) capped.set(peering.id, { peering, count: 0, max: 0, at: '' });
    if (peering.expectedPeakMbps !== undefined && peering.expectedPeakMbps > peering.bandwidthMbps) {
      findings.push(
        finding(
          'TRAFFIC_OVER_BANDWIDTH',
          `Peering ${peering.id}: the expected peak of ${peering.expectedPeakMbps} Mbps is above its ${peering.bandwidthMbps} Mbps cap; traffic will be throttled at the cap. Raise bandwidthMbps or plan for less.`,
          [peering.id],
        ),
      );
    }
  }
  for (const sample of plan.traffic) {
    const over = capped.get(sample.peering);
    if (!over) continue;
    const value = Math.max(sample.inMbps, sample.outMbps);
    if (value <= over.peering.bandwidthMbps!) continue;
    over.count++;
    if (value > over.max) {
      over.max = value;
      over.at = sample.at;
    }
  }
  for (const { peering, count, max, at } of capped.values()) {
    if (count === 0) continue;
    findings.push(
      finding(
        'TRAFFIC_OVER_BANDWIDTH',
        `Peering ${peering.id}: ${count} traffic sample${count === 1 ? '' : 's'} above the ${peering.bandwidthMbps} Mbps cap (largest ${max} Mbps at ${at}); such traffic is throttled and priced at the cap. Raise bandwidthMbps if the traffic is real.`,
        [peering.id],
      ),
    );
  }
  const report = computeCosts(plan, { ccns: false });
  report.peerings.forEach((cost, index) => {
    if (!cost.priceOnRequest) return;
    const peering = plan.peerings[index]!;
    const { requester, accepter } = endsOf(peering, vpcById);
    findings.push(
      finding(
        'PRICE_ON_REQUEST',
        `Peering ${peering.id} (${requester?.region} to ${accepter?.region}, ${peering.chargeType}) has no list price: its cost is unknown until a negotiated price is entered in the plan's prices.`,
        [peering.id],
      ),
    );
  });
  // A CCN pair without a price is reported by the CCN rules (rules/ccns.ts: checkCcnPrices),
  // which the editor revalidates with the other CCN findings.
  return findings;
}

/**
 * Per peering ID, the billing dates (`YYYY-MM-DD`) that have samples: what tells a measured day
 * from a planned one in a report (the report's days carry no such flag, as cli.md fixes them).
 */
export function measuredDates(plan: Plan, streamed?: TrafficAggregate): Map<string, Set<string>> {
  const offsetMs = billingOffset(plan);
  const { columns } = trafficColumns(plan);
  const dayNumbers = plan.peerings.map(() => new Set<number>());
  for (let i = 0; i < columns.peering.length; i++) {
    dayNumbers[columns.peering[i]!]!.add(billingDayOf(columns.timeMs[i]!, offsetMs));
  }
  if (streamed)
    dayNumbers.forEach((days, index) => {
      for (const day of streamed.measuredDays(index)) days.add(day);
    });
  const byPeering = new Map<string, Set<string>>();
  plan.peerings.forEach((peering, index) => {
    if (!byPeering.has(peering.id))
      byPeering.set(peering.id, new Set([...dayNumbers[index]!].map(dateOfDay)));
  });
  return byPeering;
}
