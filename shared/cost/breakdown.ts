/**
 * Costs as the app's Costs and Traffic views show them: the report of `computeCosts` (the same
 * as `peerplan cost`), with, beside each peering, its names, its payer's account, the tiers that
 * price it and the tier each day's peak falls in; and the measured daily peaks of a month for
 * the traffic chart. Nothing is priced here: every figure comes from `costs.ts`.
 */
import { BUILTIN_PRICE_CATALOG } from '../catalog/prices';
import { CCN_FREE_INSTANCES } from '../catalog/prices';
import type { Account, Ccn, Peering, Plan, PriceTier, TrafficSample, Vpc } from '../plan/model';
import type { CcnCost, CcnPairCost } from './ccn-costs';
import { activeAttachmentsInOrder, ccnTiersFor, ccnTrafficLatestMs } from './ccn-costs';
import { dateOfDay, monthRange } from './billing-day';
import type { CostDay, CostReport, PeeringCost } from './costs';
import {
  billingOffset,
  computeCosts,
  measuredDates,
  monthlyTotalsByCurrency,
  reportMonth,
  tiersFor,
  trafficColumns,
} from './costs';
import { dailyPeaks, NO_SAMPLE } from './daily-peaks';

export interface Tier {
  /** Position in the tier list. */
  readonly index: number;
  /** The tier is (lowerMbps, upToMbps]; null upTo: no upper bound. */
  readonly lowerMbps: number;
  readonly upToMbps: number | null;
  /** CNY per Mbps; null: on request. */
  readonly price: number | null;
}

/** The tier a value falls in: (previous upTo, upTo]; 0 falls in the first. */
export function tierOf(tiers: readonly PriceTier[], mbps: number): Tier | null {
  let lower = 0;
  for (let index = 0; index < tiers.length; index++) {
    const tier = tiers[index]!;
    if (tier.upToMbps === null || mbps <= tier.upToMbps)
      return { index, lowerMbps: lower, upToMbps: tier.upToMbps, price: tier.price };
    lower = tier.upToMbps;
  }
  return null;
}

/** `(20, 100] Mbps`, `above 2000 Mbps`. */
export function tierRange(tier: Pick<Tier, 'lowerMbps' | 'upToMbps'>): string {
  return tier.upToMbps === null
    ? `above ${tier.lowerMbps} Mbps`
    : `(${tier.lowerMbps}, ${tier.upToMbps}] Mbps`;
}

export interface PeeringCostRow {
  readonly peering: Peering;
  readonly requester: Vpc | undefined;
  readonly accepter: Vpc | undefined;
  /** The paying account (the requester's); undefined when it is not in the plan's accounts. */
  readonly payerAccount: Account | undefined;
  readonly cost: PeeringCost;
  /** The tiers that price it for its charge type; null: on request (or regional, free). */
  readonly tiers: readonly PriceTier[] | null;
}

/** A CCN's region pair with the tier its P95 (or, prepaid, its bought bandwidth) falls in. */
export interface CcnPairRow {
  readonly pair: CcnPairCost;
  /** USD per Mbps per month; null: on request. */
  readonly tier: Tier | null;
}

export interface CcnCostRow {
  readonly ccn: Ccn;
  readonly cost: CcnCost;
  /** The CCN's account; undefined when it is not in the plan's accounts. */
  readonly payerAccount: Account | undefined;
  readonly pairs: readonly CcnPairRow[];
  /** Active attachments beyond the first 2 (each pays the instance fee). */
  readonly paidInstances: number;
}

export interface CostBreakdown {
  readonly month: string;
  /** Every date of the month, `YYYY-MM-DD`. */
  readonly dates: readonly string[];
  readonly report: CostReport;
  readonly rows: readonly PeeringCostRow[];
  /** Per CCN (USD), in plan order. */
  readonly ccnRows: readonly CcnCostRow[];
  /** The month's total per currency (CNY peerings, USD CCNs): never one mixed number. */
  readonly totals: readonly { readonly currency: 'CNY' | 'USD'; readonly monthly: number | null }[];
  readonly accounts: ReadonlyMap<string, Account>;
}

export function costBreakdown(plan: Plan, options: { month?: string } = {}): CostBreakdown {
  const report = computeCosts(plan, options);
  const month =
    report.peerings.find((p) => p.monthly)?.monthly?.month ??
    report.ccns.find((c) => c.monthly)?.monthly?.month ??
    monthOf(plan, options.month);
  const { firstDay, dayCount } = monthRange(month);
  const catalog = plan.prices ?? BUILTIN_PRICE_CATALOG;
  const vpcById = new Map<string, Vpc>();
  for (const vpc of plan.vpcs) if (!vpcById.has(vpc.id)) vpcById.set(vpc.id, vpc);
  const accounts = new Map<string, Account>();
  for (const account of plan.accounts) if (!accounts.has(account.id)) accounts.set(account.id, account);
  const rows = plan.peerings.map((peering, index): PeeringCostRow => {
    const requester = vpcById.get(peering.requester);
    const accepter = vpcById.get(peering.accepter);
    const cost = report.peerings[index]!;
    const tiers =
      requester && accepter && cost.kind === 'cross-region'
        ? tiersFor(catalog, requester.region, accepter.region, peering.chargeType)
        : null;
    const payerAccount = cost.payer === null ? undefined : accounts.get(cost.payer);
    return { peering, requester, accepter, payerAccount, cost, tiers };
  });
  const dates = Array.from({ length: dayCount }, (_, day) => dateOfDay(firstDay + day));
  const ccnRows = plan.ccns.map((ccn, index): CcnCostRow => {
    const cost = report.ccns[index]!;
    const pairs = cost.pairs.map((pair): CcnPairRow => {
      const tiers = ccnTiersFor(plan, ccn, pair.regions[0], pair.regions[1]);
      const measure = ccn.chargeType === 'prepaid' ? null : pair.p95Mbps;
      return { pair, tier: tiers && measure !== null ? tierOf(tiers, measure) : null };
    });
    const paidInstances = Math.max(0, activeAttachmentsInOrder(ccn).length - CCN_FREE_INSTANCES);
    return { ccn, cost, payerAccount: accounts.get(cost.payer), pairs, paidInstances };
  });
  return { month, dates, report, rows, ccnRows, totals: monthlyTotalsByCurrency(report), accounts };
}

function monthOf(plan: Plan, month: string | undefined): string {
  const peerings = trafficColumns(plan).latestMs;
  const ccns = ccnTrafficLatestMs(plan);
  const latest = peerings === null ? ccns : ccns === null ? peerings : Math.max(peerings, ccns);
  return reportMonth(plan, latest, month);
}

export interface MonthPeaks {
  readonly month: string;
  readonly dates: readonly string[];
  /** Per peering (plan order): each day's measured peak, max(in, out), not capped; null: no sample. */
  readonly peaks: readonly (readonly (number | null)[])[];
}

/** The measured daily peaks of a month (the report's month by default), for the traffic chart. */
export function measuredDailyPeaks(plan: Plan, options: { month?: string } = {}): MonthPeaks {
  const { columns, latestMs } = trafficColumns(plan);
  const month = reportMonth(plan, latestMs, options.month);
  const { firstDay, dayCount } = monthRange(month);
  const flat = dailyPeaks(columns, {
    peeringCount: plan.peerings.length,
    firstDay,
    dayCount,
    offsetMs: billingOffset(plan),
  });
  const peaks = plan.peerings.map((_, index) =>
    Array.from({ length: dayCount }, (_, day) => {
      const value = flat[index * dayCount + day]!;
      return value === NO_SAMPLE ? null : value;
    }),
  );
  return { month, dates: Array.from({ length: dayCount }, (_, day) => dateOfDay(firstDay + day)), peaks };
}

/** Per paying account: the cost of one date (null when any of its peerings is on request that day). */
export function payerDayCosts(report: CostReport, date: string): Map<string, number | null> {
  const fen = new Map<string, bigint | null>();
  for (const peering of report.peerings) {
    if (peering.payer === null) continue;
    const day = peering.days.find((d) => d.date === date);
    const part = day === undefined ? 0n : day.cost === null ? null : BigInt(Math.round(day.cost * 100));
    const total = fen.has(peering.payer) ? fen.get(peering.payer)! : 0n;
    fen.set(peering.payer, total === null || part === null ? null : total + part);
  }
  return new Map([...fen].map(([account, total]) => [account, total === null ? null : Number(total) / 100]));
}

const latestByTraffic = new WeakMap<readonly TrafficSample[], number | null>();

/** The month a report of this plan covers (cached per traffic array: a million samples parse once). */
export function planReportMonth(plan: Plan): string {
  let latest = latestByTraffic.get(plan.traffic);
  if (latest === undefined) {
    latest = trafficColumns(plan).latestMs;
    latestByTraffic.set(plan.traffic, latest);
  }
  return reportMonth(plan, latest);
}

/**
 * The cost of one peering, as `computeCosts` gives it for the whole plan, computed on the plan
 * cut down to that peering, its two VPCs and its samples (the inspector shows it on every edit).
 */
export function peeringCostRow(
  plan: Plan,
  peeringId: string,
): (PeeringCostRow & { readonly latestMeasured: CostDay | null }) | null {
  const peering = plan.peerings.find((p) => p.id === peeringId);
  if (!peering) return null;
  const month = planReportMonth(plan);
  const vpcs = plan.vpcs.filter((vpc) => vpc.id === peering.requester || vpc.id === peering.accepter);
  const traffic = plan.traffic.filter((sample) => sample.peering === peeringId);
  const small: Plan = { ...plan, vpcs, peerings: [peering], traffic };
  const row = costBreakdown(small, { month }).rows[0];
  if (!row) return null;
  const measured = measuredDates(small).get(peeringId);
  let latestMeasured: CostDay | null = null;
  for (const day of row.cost.days) if (measured?.has(day.date)) latestMeasured = day;
  return { ...row, latestMeasured };
}
