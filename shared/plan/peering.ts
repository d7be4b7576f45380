/**
 * Facts about a peering that several rules need: its state on the planning date, whether it
 * crosses regions or accounts. One place, so the rules, routes, reachability and costs agree.
 */
import { dayNumberOfDate } from './dates';
import type { Peering, PeeringState, Vpc } from './model';

/** An unaccepted request expires this many days after it was made (the seed: 7 days). */
export const PENDING_EXPIRY_DAYS = 7;

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumberOfDate(to) - dayNumberOfDate(from);
}

/** True when a pending request made on `requestedAt` has expired by `asOf`. */
export function isPendingExpired(peering: Peering, asOf: string): boolean {
  return (
    peering.state === 'pending' &&
    peering.requestedAt !== undefined &&
    daysBetween(peering.requestedAt, asOf) >= PENDING_EXPIRY_DAYS
  );
}

/** The state the cloud would show on `asOf`: a pending request 7 or more days old is expired. */
export function effectivePeeringState(peering: Peering, asOf: string): PeeringState {
  return isPendingExpired(peering, asOf) ? 'expired' : peering.state;
}

/** Pending and active peerings hold a place in quotas and overlap rules; the others do not. */
export function isLivePeering(peering: Peering, asOf: string): boolean {
  const state = effectivePeeringState(peering, asOf);
  return state === 'pending' || state === 'active';
}

/**
 * Pending, active and isolated peerings exist in the cloud (an isolated one is kept but carries
 * nothing): they hold a place in the peering quota and the exports create them.
 */
export function existsInCloud(peering: Peering, asOf: string): boolean {
  const state = effectivePeeringState(peering, asOf);
  return state === 'pending' || state === 'active' || state === 'isolated';
}

export function isCrossRegion(a: Pick<Vpc, 'region'>, b: Pick<Vpc, 'region'>): boolean {
  return a.region !== b.region;
}

export function isCrossAccount(a: Pick<Vpc, 'account'>, b: Pick<Vpc, 'account'>): boolean {
  return a.account !== b.account;
}
