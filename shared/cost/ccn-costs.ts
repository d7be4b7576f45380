/**
 * CCN costs (spec/ccn.md, "Costs"; ccn-facts.md, Billing), in USD, paid by the CCN's account.
 *
 * - Same-region traffic is free: only pairs of two different regions that both have an active
 *   member are billed.
 * - Postpaid: per region pair, the month's 95th percentile of the pair's 5-minute samples
 *   (`plan.ccnTraffic`, naming the pair in either order; max(in, out), top 5 % dropped, as
 *   `monthly-p95` peerings), valid days = days with a point above 0.01 Mbps; a pair without
 *   samples that month takes its `expectedP95` (every day valid). Cost = P95 × valid days / days
 *   in the month × the price of the tier P95 falls in (the whole amount at one tier).
 * - Prices: the plan's `prices.ccn.pairs` first (unordered regions; `qosLevel`/`chargeType` when
 *   given; the first match), else the built-in list for a postpaid pair of two mainland China
 *   regions (the mainland list the peering prices use), else on request (cost null).
 * - Instance fee: each active attachment beyond the first 2 (attachment order: `attachedAt`,
 *   undated last, ties by list order) costs the instance-hour price of its VPC's region
 *   (0.05 mainland, 0.06 elsewhere, or the plan's `prices.ccn`) over every hour of the month.
 * - Money is exact to the cent (money.ts); USD is never summed with the CNY of peerings.
 *
 * Choices where the spec leaves room:
 * - A prepaid pair pays for the bandwidth bought (its inter-region `bandwidthLimits` item, 0 when
 *   none) for the whole month at the tier that bandwidth falls in, once `prices.ccn` prices it;
 *   its `p95Mbps` and `validDays` still report the traffic, for comparison.
 * - Pending, rejected and expired attachments carry no traffic and no fee.
 * - `monthly` is null for a CCN without an active attachment (nothing billed).
 */
import { BUILTIN_PRICE_CATALOG } from '../catalog/prices';
import { attachmentOrder } from '../ccn/published';
import {
  BUILTIN_CCN_INSTANCE_HOUR_MAINLAND,
  BUILTIN_CCN_INSTANCE_HOUR_OTHER,
  BUILTIN_CCN_MAINLAND_TIERS,
  CCN_FREE_INSTANCES,
} from '../catalog/prices';
import type { Ccn, CcnAttachment, Plan, PriceTier, Vpc } from '../plan/model';
import { billingDayOf, monthRange, parseOffset } from './billing-day';
import { parseInstant } from './instants';
import { decimalOf, toFen } from './money';
import { percentile95, VALID_DAY_THRESHOLD_MBPS } from './p95';

export interface CcnPairCost {
  readonly regions: readonly [string, string];
  readonly p95Mbps: number;
  readonly validDays: number;
  /** USD per Mbps per month; null: on request. */
  readonly pricePerMbps: number | null;
  /** USD for the month; null: on request. */
  readonly cost: number | null;
  /** True when the P95 comes from samples; false: `expectedP95` (or nothing: 0). */
  readonly measured: boolean;
}

export interface CcnCost {
  readonly id: string;
  /** The CCN's account. */
  readonly payer: string;
  readonly currency: 'USD';
  readonly pairs: readonly CcnPairCost[];
  /** USD for the month: attached instances beyond the first 2. */
  readonly instanceFee: number;
  readonly monthly: { readonly month: string; readonly cost: number | null } | null;
  readonly priceOnRequest: boolean;
}

/** A CCN's cost with its month in exact cents (null: on request), for totals. */
export interface CcnCostCents {
  readonly cost: CcnCost;
  readonly monthCents: bigint | null;
}

const DEFAULT_OFFSET_MS = 8 * 3_600_000;

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

function centsToUsd(cents: bigint): number {
  return Number(cents) / 100;
}

/** The latest CCN sample with a readable time, in ms; null when none. */
export function ccnTrafficLatestMs(plan: Plan): number | null {
  let latest: number | null = null;
  for (const sample of plan.ccnTraffic) {
    const time = parseInstant(sample.at);
    if (Number.isNaN(time)) continue;
    if (latest === null || time > latest) latest = time;
  }
  return latest;
}

/** Active attachments in attachment order (`attachedAt`, undated last, ties by list order). */
export function activeAttachmentsInOrder(ccn: Ccn): CcnAttachment[] {
  return attachmentOrder(ccn).filter((attachment) => attachment.state === 'active');
}

/**
 * The regions of a CCN's active members that are plan VPCs, each once, in attachment order: the
 * CCN's priced region pairs are the pairs of these (the costs, and PRICE_ON_REQUEST).
 */
export function activeMemberRegions(ccn: Ccn, regionOf: (vpcId: string) => string | undefined): string[] {
  const regions: string[] = [];
  for (const attachment of activeAttachmentsInOrder(ccn)) {
    const region = regionOf(attachment.vpc);
    if (region !== undefined && !regions.includes(region)) regions.push(region);
  }
  return regions;
}

/** The tiers pricing a region pair of this CCN (USD per Mbps per month); null: on request. */
export function ccnTiersFor(
  plan: Plan,
  ccn: Ccn,
  regionA: string,
  regionB: string,
): readonly PriceTier[] | null {
  for (const pair of plan.prices?.ccn?.pairs ?? []) {
    const [x, y] = pair.regions;
    const sameRegions = (x === regionA && y === regionB) || (x === regionB && y === regionA);
    if (!sameRegions) continue;
    if (pair.qosLevel !== undefined && pair.qosLevel !== ccn.qosLevel) continue;
    if (pair.chargeType !== undefined && pair.chargeType !== ccn.chargeType) continue;
    return pair.monthly;
  }
  const mainland = (plan.prices ?? BUILTIN_PRICE_CATALOG).mainlandRegions;
  if (ccn.chargeType === 'postpaid' && mainland.includes(regionA) && mainland.includes(regionB))
    return BUILTIN_CCN_MAINLAND_TIERS[ccn.qosLevel];
  return null;
}

function priceOf(tiers: readonly PriceTier[], mbps: number): number | null {
  for (const tier of tiers) if (tier.upToMbps === null || mbps <= tier.upToMbps) return tier.price;
  return null;
}

/** The instance-hour price of a VPC's region (USD). */
function instanceHourPrice(plan: Plan, region: string | undefined): number {
  const mainland = (plan.prices ?? BUILTIN_PRICE_CATALOG).mainlandRegions;
  const prices = plan.prices?.ccn;
  return region !== undefined && mainland.includes(region)
    ? (prices?.instanceHourMainland ?? BUILTIN_CCN_INSTANCE_HOUR_MAINLAND)
    : (prices?.instanceHourOther ?? BUILTIN_CCN_INSTANCE_HOUR_OTHER);
}

/** Every CCN's cost for `month` (`YYYY-MM`), with exact cents for totals. */
export function computeCcnCostsInCents(plan: Plan, month: string): CcnCostCents[] {
  if (plan.ccns.length === 0) return [];
  const { firstDay, dayCount } = monthRange(month);
  const offsetMs = parseOffset(plan.settings.billingTimeZone) ?? DEFAULT_OFFSET_MS;
  const vpcById = new Map<string, Vpc>();
  for (const vpc of plan.vpcs) if (!vpcById.has(vpc.id)) vpcById.set(vpc.id, vpc);

  // The month's points and valid days of each CCN's pairs: CCN ID → pair key → points.
  const points = new Map<string, Map<string, { values: number[]; days: Set<number> }>>();
  for (const sample of plan.ccnTraffic) {
    const [a, b] = sample.regions;
    if (a === b) continue; // same-region traffic is free
    if (!Number.isFinite(sample.inMbps) || !Number.isFinite(sample.outMbps)) continue;
    const time = parseInstant(sample.at);
    if (Number.isNaN(time)) continue;
    const day = billingDayOf(time, offsetMs) - firstDay;
    if (day < 0 || day >= dayCount) continue;
    let byPair = points.get(sample.ccn);
    if (!byPair) points.set(sample.ccn, (byPair = new Map()));
    const key = pairKey(a, b);
    let pair = byPair.get(key);
    if (!pair) byPair.set(key, (pair = { values: [], days: new Set() }));
    const value = Math.max(sample.inMbps, sample.outMbps);
    pair.values.push(value);
    if (value > VALID_DAY_THRESHOLD_MBPS) pair.days.add(day);
  }

  const hours = BigInt(dayCount * 24);
  return plan.ccns.map((ccn): CcnCostCents => {
    const active = activeAttachmentsInOrder(ccn).filter((attachment) => vpcById.has(attachment.vpc));
    const regions = activeMemberRegions(ccn, (id) => vpcById.get(id)?.region);
    const expected = new Map<string, number>();
    for (const item of ccn.expectedP95) {
      const key = pairKey(item.regions[0], item.regions[1]);
      if (!expected.has(key)) expected.set(key, item.mbps);
    }
    const measuredPairs = points.get(ccn.id);
    const pairs: CcnPairCost[] = [];
    let pairsCents: bigint | null = 0n;
    for (let i = 0; i < regions.length; i++) {
      for (let j = i + 1; j < regions.length; j++) {
        const a = regions[i]!;
        const b = regions[j]!;
        const key = pairKey(a, b);
        const samples = measuredPairs?.get(key);
        let p95: number;
        let validDays: number;
        if (samples) {
          p95 = percentile95(Float64Array.from(samples.values));
          validDays = samples.days.size;
        } else {
          p95 = expected.get(key) ?? 0;
          validDays = p95 > VALID_DAY_THRESHOLD_MBPS ? dayCount : 0;
        }
        const tiers = ccnTiersFor(plan, ccn, a, b);
        let price: number | null;
        let cents: bigint | null = null;
        if (ccn.chargeType === 'prepaid') {
          const bought = boughtMbps(ccn, a, b);
          price = tiers ? priceOf(tiers, bought) : null;
          if (price !== null) cents = toFen([decimalOf(bought), decimalOf(price)]);
        } else {
          price = tiers ? priceOf(tiers, p95) : null;
          if (price !== null)
            cents =
              p95 > 0 && validDays > 0
                ? toFen([decimalOf(p95), decimalOf(price)], BigInt(validDays), BigInt(dayCount))
                : 0n;
        }
        pairs.push({
          regions: [a, b],
          p95Mbps: p95,
          validDays,
          pricePerMbps: price,
          cost: cents === null ? null : centsToUsd(cents),
          measured: samples !== undefined,
        });
        pairsCents = pairsCents === null || cents === null ? null : pairsCents + cents;
      }
    }
    let feeCents = 0n;
    active.slice(CCN_FREE_INSTANCES).forEach((attachment) => {
      const rate = instanceHourPrice(plan, vpcById.get(attachment.vpc)?.region);
      feeCents += toFen([decimalOf(rate)], hours);
    });
    const monthCents = pairsCents === null ? null : pairsCents + feeCents;
    const cost: CcnCost = {
      id: ccn.id,
      payer: ccn.account,
      currency: 'USD',
      pairs,
      instanceFee: centsToUsd(feeCents),
      monthly:
        active.length === 0 ? null : { month, cost: monthCents === null ? null : centsToUsd(monthCents) },
      priceOnRequest: pairsCents === null,
    };
    return { cost, monthCents: active.length === 0 ? 0n : monthCents };
  });
}

/** Every CCN's cost for `month` (`YYYY-MM`). */
export function computeCcnCosts(plan: Plan, month: string): CcnCost[] {
  return computeCcnCostsInCents(plan, month).map((entry) => entry.cost);
}

/** The bandwidth a prepaid CCN bought for a region pair (an inter-region limit, either way). */
function boughtMbps(ccn: Ccn, a: string, b: string): number {
  for (const limit of ccn.bandwidthLimits) {
    if (limit.dstRegion === undefined) continue;
    if ((limit.region === a && limit.dstRegion === b) || (limit.region === b && limit.dstRegion === a))
      return limit.mbps;
  }
  return 0;
}
