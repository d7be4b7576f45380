/**
 * Traffic samples summed up as they stream in (`peerplan cost --traffic FILE`): what costing
 * needs of them, never the samples themselves. Per peering and billing day, the peak
 * (max(in, out)) — enough for daily-peak billing, for the measured days of a report and for the
 * valid days of monthly-p95 billing; and, only for peerings billed `monthly-p95`, each sample's
 * value and day in growable typed arrays (12 bytes a sample, not a ~220-byte object), as the
 * 95th percentile needs every point. Memory grows with peerings × days (plus the points of
 * P95-billed peerings), not with the lines of the file.
 */
import type { Plan } from '../plan/model';
import { billingDayOf } from './billing-day';

/** How many IDs of unknown peerings are named in the notice. */
const UNKNOWN_EXAMPLES = 3;
/** Distinct unknown peering IDs counted (a bound, so a file of random IDs stays small). */
const UNKNOWN_TRACKED = 10_000;

/** A growable column of numbers: amortised O(1) appends, no per-item object. */
class GrowableColumn<A extends Float64Array | Int32Array> {
  private data: A;
  length = 0;

  constructor(private readonly create: (size: number) => A) {
    this.data = create(1024);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.create(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  at(index: number): number {
    return this.data[index]!;
  }
}

/** The points of one monthly-p95 peering: value i was measured on billing day `days[i]`. */
interface P95Points {
  readonly values: GrowableColumn<Float64Array>;
  readonly days: GrowableColumn<Int32Array>;
}

export class TrafficAggregate {
  /** Per peering index (plan.peerings order): billing day → peak Mbps. */
  private readonly peaks: Map<number, number>[];
  private readonly p95: (P95Points | null)[];
  private readonly indexById = new Map<string, number>();
  private readonly unknown = new Set<string>();
  private unknownCount = 0;
  /** The latest sample's instant, ms since the epoch; null before the first sample. */
  latestMs: number | null = null;
  /** Samples taken (for a known peering). */
  sampleCount = 0;

  constructor(
    plan: Plan,
    /** Milliseconds east of UTC of the billing day's midnight. */
    private readonly offsetMs: number,
  ) {
    plan.peerings.forEach((peering, index) => {
      if (!this.indexById.has(peering.id)) this.indexById.set(peering.id, index);
    });
    this.peaks = plan.peerings.map(() => new Map());
    this.p95 = plan.peerings.map((peering) =>
      peering.chargeType === 'monthly-p95'
        ? {
            values: new GrowableColumn((n) => new Float64Array(n)),
            days: new GrowableColumn((n) => new Int32Array(n)),
          }
        : null,
    );
  }

  /** Takes one sample; false (and counted) when the plan has no such peering. */
  add(peeringId: string, timeMs: number, inMbps: number, outMbps: number): boolean {
    const index = this.indexById.get(peeringId);
    if (index === undefined) {
      this.unknownCount++;
      if (this.unknown.size < UNKNOWN_TRACKED) this.unknown.add(peeringId);
      return false;
    }
    this.sampleCount++;
    if (this.latestMs === null || timeMs > this.latestMs) this.latestMs = timeMs;
    const day = billingDayOf(timeMs, this.offsetMs);
    const value = inMbps > outMbps ? inMbps : outMbps;
    const peaks = this.peaks[index]!;
    const peak = peaks.get(day);
    if (peak === undefined || value > peak) peaks.set(day, value);
    const points = this.p95[index];
    if (points) {
      points.values.push(value);
      points.days.push(day);
    }
    return true;
  }

  /** Samples for peerings the plan does not have: how many, for how many IDs, a few of them. */
  unknownPeerings(): { samples: number; peerings: number; atLeast: boolean; examples: string[] } {
    return {
      samples: this.unknownCount,
      peerings: this.unknown.size,
      atLeast: this.unknown.size >= UNKNOWN_TRACKED,
      examples: [...this.unknown].slice(0, UNKNOWN_EXAMPLES),
    };
  }

  /** Raises `peaks` (row-major, as `dailyPeaks` returns it) to this traffic's peaks of the days. */
  mergePeaksInto(peaks: Float64Array, firstDay: number, dayCount: number): void {
    this.peaks.forEach((byDay, index) => {
      for (const [day, peak] of byDay) {
        const offset = day - firstDay;
        if (offset < 0 || offset >= dayCount) continue;
        const slot = index * dayCount + offset;
        if (peak > peaks[slot]!) peaks[slot] = peak;
      }
    });
  }

  /** Calls `visit` with each monthly-p95 point of peering `index` in the days given. */
  forEachP95Point(
    index: number,
    firstDay: number,
    dayCount: number,
    visit: (value: number, dayOffset: number) => void,
  ): void {
    const points = this.p95[index];
    if (!points) return;
    for (let i = 0; i < points.values.length; i++) {
      const offset = points.days.at(i) - firstDay;
      if (offset >= 0 && offset < dayCount) visit(points.values.at(i), offset);
    }
  }

  /** The billing days with samples of peering `index`. */
  measuredDays(index: number): Iterable<number> {
    return this.peaks[index]?.keys() ?? [];
  }
}
