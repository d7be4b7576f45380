/**
 * Daily peaks of 5-minute samples in one pass over typed arrays: the hot path of costing a
 * month of traffic (1,000 peerings × 30 days × 288 samples = 8.64 million samples). Samples are
 * held as columns, not objects, so the pass touches four flat arrays and one output array.
 */
import { DAY_MS } from './billing-day';

/** Samples as columns: sample i is (peering[i], timeMs[i], inMbps[i], outMbps[i]). */
export interface TrafficColumns {
  /** Index of the sample's peering (0 … peeringCount − 1). */
  readonly peering: Uint32Array;
  /** The sample's instant, milliseconds since the epoch. */
  readonly timeMs: Float64Array;
  readonly inMbps: Float64Array | Float32Array;
  readonly outMbps: Float64Array | Float32Array;
}

/** Value of a day without any sample in the output of `dailyPeaks`. */
export const NO_SAMPLE = -1;

/**
 * For each peering and each billing day of [firstDay, firstDay + dayCount): the largest
 * `max(inMbps, outMbps)` of its samples that day, or NO_SAMPLE. The result is row-major:
 * `peaks[peering * dayCount + (day − firstDay)]`. Samples outside the days are skipped.
 */
export function dailyPeaks(
  columns: TrafficColumns,
  options: { peeringCount: number; firstDay: number; dayCount: number; offsetMs: number },
): Float64Array {
  const { peeringCount, firstDay, dayCount, offsetMs } = options;
  const peaks = new Float64Array(peeringCount * dayCount).fill(NO_SAMPLE);
  const { peering, timeMs, inMbps, outMbps } = columns;
  const count = peering.length;
  for (let i = 0; i < count; i++) {
    const day = Math.floor((timeMs[i]! + offsetMs) / DAY_MS) - firstDay;
    if (day < 0 || day >= dayCount) continue;
    const inbound = inMbps[i]!;
    const outbound = outMbps[i]!;
    const value = inbound > outbound ? inbound : outbound;
    const slot = peering[i]! * dayCount + day;
    if (value > peaks[slot]!) peaks[slot] = value;
  }
  return peaks;
}
