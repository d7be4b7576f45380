/**
 * The built-in price catalog (rules.md, "Costs"): Tencent Cloud's list prices for cross-region
 * peering between two mainland China regions, in CNY per Mbps, as data. A plan's `prices`
 * replaces it as a whole (a negotiated catalog); any region pair it does not price is on request.
 */
import type { PriceCatalog } from '../plan/model';
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
