/**
 * The cost settings of a plan as user steps: the free bandwidth and billing time zone
 * (`settings`), the price catalog (`prices`: tiers of the mainland list and negotiated prices for
 * other region pairs) and imported traffic samples. Each returns one labelled edit (a
 * `plan.update`), so the editor records it as one undoable step; a value that does not fit is
 * refused with an `EditError` that says what to enter.
 */
import { BUILTIN_PRICE_CATALOG } from '../catalog/prices';
import { parseOffset } from '../cost/billing-day';
import { rememberInstants, sampleInstants } from '../cost/instants';
import type { Plan, PriceCatalog, PriceTier, TrafficSample } from '../plan/model';
import { EditError } from './operations';
import type { LabelledEdit } from './workflow';

/** Tiers above this are not a plan: the catalog editor keeps lists short. */
export const MAX_TIERS = 20;
/** Negotiated region pairs a plan can hold. */
export const MAX_PRICE_PAIRS = 200;

export function setFreeBandwidth(plan: Plan, mbps: number): LabelledEdit {
  if (!Number.isFinite(mbps) || mbps < 0 || mbps > 1_000_000)
    throw new EditError('Free bandwidth: enter a number of Mbps, 0 or more.');
  return {
    label: `Set free bandwidth to ${mbps} Mbps`,
    edit: { kind: 'plan.update', patch: { settings: { ...plan.settings, freeBandwidthMbps: mbps } } },
  };
}

export function setBillingTimeZone(plan: Plan, zone: string): LabelledEdit {
  const text = zone.trim();
  if (parseOffset(text) === null)
    throw new EditError(`Billing time zone: "${zone}" is not an offset ±HH:MM (Beijing time is +08:00).`);
  return {
    label: `Set billing time zone to ${text}`,
    edit: { kind: 'plan.update', patch: { settings: { ...plan.settings, billingTimeZone: text } } },
  };
}

/** The catalog that prices the plan: its own, else the built-in list prices. */
export function effectiveCatalog(plan: Plan): PriceCatalog {
  return plan.prices ?? BUILTIN_PRICE_CATALOG;
}

/** Checks a tier list: upper bounds increasing, the last one open (null), prices ≥ 0 or null. */
export function checkTiers(tiers: readonly PriceTier[], what: string): void {
  if (tiers.length === 0 || tiers.length > MAX_TIERS)
    throw new EditError(`${what}: between 1 and ${MAX_TIERS} tiers.`);
  let lower = 0;
  tiers.forEach((tier, index) => {
    const last = index === tiers.length - 1;
    if (last && tier.upToMbps !== null) throw new EditError(`${what}: the last tier has no upper bound.`);
    if (!last) {
      if (tier.upToMbps === null || !Number.isFinite(tier.upToMbps) || tier.upToMbps <= lower)
        throw new EditError(
          `${what}: tier ${index + 1} must end above ${lower} Mbps (upper bounds increase from tier to tier).`,
        );
      lower = tier.upToMbps;
    }
    if (tier.price !== null && (!Number.isFinite(tier.price) || tier.price < 0))
      throw new EditError(
        `${what}: tier ${index + 1}'s price must be a number of CNY, 0 or more (or empty: on request).`,
      );
  });
}

/** Replaces the plan's catalog (null: back to the built-in list prices). */
export function setPriceCatalog(plan: Plan, catalog: PriceCatalog | null, label: string): LabelledEdit {
  if (catalog) {
    checkTiers(catalog.mainland.dailyPeak, 'Mainland daily-peak prices');
    checkTiers(catalog.mainland.monthlyP95, 'Mainland monthly-P95 prices');
    if (catalog.pairs.length > MAX_PRICE_PAIRS)
      throw new EditError(`Negotiated prices: at most ${MAX_PRICE_PAIRS} region pairs.`);
    const seen = new Set<string>();
    for (const pair of catalog.pairs) {
      const [x, y] = pair.regions;
      const what = `Negotiated price ${x} – ${y}`;
      if (x === y) throw new EditError(`${what}: choose two different regions.`);
      const key = x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
      if (seen.has(key)) throw new EditError(`${what}: this pair is priced twice.`);
      seen.add(key);
      if (!pair.dailyPeak && !pair.monthlyP95)
        throw new EditError(`${what}: give a daily or a monthly price.`);
      if (pair.dailyPeak) checkTiers(pair.dailyPeak, `${what}, daily peak`);
      if (pair.monthlyP95) checkTiers(pair.monthlyP95, `${what}, monthly P95`);
    }
  }
  return { label, edit: { kind: 'plan.update', patch: { prices: catalog } } };
}

/**
 * Imported samples as one step: they join the plan's traffic, replacing the samples the plan
 * already has for the same peering and instant (importing a file twice does not count it twice).
 */
export function importTraffic(plan: Plan, samples: readonly TrafficSample[], source: string): LabelledEdit {
  let traffic: readonly TrafficSample[] = samples;
  if (plan.traffic.length > 0) {
    const existing = sampleInstants(plan.traffic);
    const incoming = sampleInstants(samples);
    const keys = new Set<string>();
    for (let i = 0; i < samples.length; i++) keys.add(sampleKey(samples[i]!.peering, incoming[i]!));
    const kept: TrafficSample[] = [];
    const instants: number[] = [];
    plan.traffic.forEach((sample, i) => {
      if (keys.has(sampleKey(sample.peering, existing[i]!))) return;
      kept.push(sample);
      instants.push(existing[i]!);
    });
    traffic = kept.concat(samples);
    const combined = new Float64Array(traffic.length);
    combined.set(instants);
    combined.set(incoming, instants.length);
    rememberInstants(traffic, combined);
  }
  const count = samples.length.toLocaleString('en-US');
  return {
    label: `Import ${count} traffic sample${samples.length === 1 ? '' : 's'} from ${source}`,
    edit: { kind: 'plan.update', patch: { traffic } },
  };
}

/** A sample's identity: its peering and its instant (the same instant written with another offset is the same). */
function sampleKey(peering: string, instant: number): string {
  return `${peering}\u0000${instant}`;
}
