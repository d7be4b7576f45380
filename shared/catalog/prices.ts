/**
 * The built-in price catalog (rules.md, "Costs"): Tencent Cloud's list prices for cross-region
 * peering between two mainland China regions, in CNY per Mbps, as data. A plan's `prices`
 * replaces it as a whole (a negotiated catalog); any region pair it does not price is on request.
 */
import type { CcnQosLevel, PriceCatalog, PriceTier } from '../plan/model';
import { MAINLAND_REGION_IDS } from './regions';

export const BUILTIN_PRICE_CATALOG: PriceCatalog = {
  currency: 'CNY',
  mainlandRegions: MAINLAND_REGION_IDS,
  mainland: {
    // CNY per Mbps per day, by the day's peak: the whole peak at the price of its tier.
    dailyPeak: [
      { upToMbps: 20, price: 20 },
      { upToMbps: 100, price: 12 },
      { upToMbps: 500, price: 9 },
      { upToMbps: 2000, price: 7 },
      { upToMbps: null, price: 5 },
    ],
    // CNY per Mbps per month, by the month's 95th percentile.
    monthlyP95: [
      { upToMbps: 10, price: 550 },
      { upToMbps: 20, price: 410 },
      { upToMbps: 50, price: 290 },
      { upToMbps: 100, price: 220 },
      { upToMbps: 200, price: 165 },
      { upToMbps: 500, price: 115 },
      { upToMbps: 1000, price: 88 },
      { upToMbps: 2000, price: 69 },
      { upToMbps: null, price: 65 },
    ],
  },
  pairs: [],
};

/**
 * CCN list prices (spec/ccn.md, "Costs"; ccn-facts.md, Billing): USD per Mbps per month by the
 * month's 95th percentile of a region pair, both regions in mainland China, postpaid, per QoS
 * level; the whole amount at the price of the tier the P95 falls in. Prepaid pairs and any other
 * pair have no list price (on request until the plan's `prices.ccn` gives one).
 */
export const BUILTIN_CCN_MAINLAND_TIERS: Readonly<Record<CcnQosLevel, readonly PriceTier[]>> = {
  PT: [
    { upToMbps: 100, price: 55 },
    { upToMbps: 1000, price: 21 },
    { upToMbps: null, price: 13 },
  ],
  AU: [
    { upToMbps: 100, price: 37 },
    { upToMbps: 1000, price: 13 },
    { upToMbps: null, price: 9 },
  ],
  AG: [
    { upToMbps: 100, price: 28 },
    { upToMbps: 1000, price: 10 },
    { upToMbps: null, price: 7 },
  ],
};

/** USD per attached instance-hour beyond the first 2 of a CCN (from 2023-07-03). */
export const BUILTIN_CCN_INSTANCE_HOUR_MAINLAND = 0.05;
export const BUILTIN_CCN_INSTANCE_HOUR_OTHER = 0.06;
/** Instances of a CCN that carry no instance fee. */
export const CCN_FREE_INSTANCES = 2;
