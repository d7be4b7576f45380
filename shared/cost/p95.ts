/**
 * The month's 95th percentile of 5-minute points (rules.md `monthly-p95`; the same for CCN
 * region pairs, spec/ccn.md "Costs"): sort the points, drop the top 5 % (rounded down), take the
 * largest left. Shared by peering and CCN costs so both bill the same way.
 */

/** The P95 of `points` (sorted in place); 0 when there are none. */
export function percentile95(points: Float64Array): number {
  if (points.length === 0) return 0;
  points.sort();
  const dropped = Math.floor((points.length * 5) / 100);
  return points[points.length - 1 - dropped]!;
}

/** A valid day of P95 billing has a point above 10 Kbps. */
export const VALID_DAY_THRESHOLD_MBPS = 0.01;
