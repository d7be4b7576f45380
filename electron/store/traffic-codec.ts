/**
 * Traffic samples ↔ library rows. Five-minute samples of one peering and one day become one row
 * holding a 288-slot BLOB, which keeps a month of traffic for hundreds of peerings small and fast to
 * load. The encoding is exact: decoding gives back the same samples, with the same `at` strings, in
 * the same order. A run of samples shares a row while they have the same peering, day, offset and
 * time spelling and move forward in time; anything else (an off-grid time, seconds or fractions,
 * samples out of order) starts a new row, so unusual input costs space, never correctness.
 */
import type { TrafficSample } from '../../shared/plan/model';

export const SLOTS_PER_DAY = 288;
const BYTES_PER_SLOT = 16;
const BLOB_BYTES = SLOTS_PER_DAY * BYTES_PER_SLOT;

/** `time_style`: how the time of day was spelt, so that `at` comes back character for character. */
const STYLE_MINUTES = 0; // 10:05+08:00
const STYLE_SECONDS = 1; // 10:05:00+08:00

export interface TrafficRow {
  readonly peeringId: string;
  readonly day: string | null;
  readonly utcOffset: string | null;
  readonly timeStyle: number | null;
  readonly samples: Uint8Array | null;
  readonly at: string | null;
  readonly inMbps: number | null;
  readonly outMbps: number | null;
}

const GRID_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(:00)?(Z|[+-]\d{2}:\d{2})$/;

interface GridTime {
  readonly day: string;
  readonly slot: number;
  readonly style: number;
  readonly offset: string;
}

function parseGridTime(at: string): GridTime | null {
  const match = GRID_TIME.exec(at);
  if (!match) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (hours > 23 || minutes > 59 || minutes % 5 !== 0) return null;
  return {
    day: match[1]!,
    slot: hours * 12 + minutes / 5,
    style: match[4] ? STYLE_SECONDS : STYLE_MINUTES,
    offset: match[5]!,
  };
}

const TIME_OF_SLOT: readonly string[] = Array.from({ length: SLOTS_PER_DAY }, (_, slot) => {
  const minutes = slot * 5;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
});

interface Run {
  readonly peeringId: string;
  readonly time: GridTime;
  readonly view: DataView;
  readonly bytes: Uint8Array;
  lastSlot: number;
}

function newRun(peeringId: string, time: GridTime): Run {
  const bytes = new Uint8Array(BLOB_BYTES);
  const view = new DataView(bytes.buffer);
  for (let slot = 0; slot < SLOTS_PER_DAY; slot++) view.setFloat64(slot * BYTES_PER_SLOT, Number.NaN, true);
  return { peeringId, time, view, bytes, lastSlot: -1 };
}

export function encodeTraffic(samples: readonly TrafficSample[]): TrafficRow[] {
  const rows: TrafficRow[] = [];
  let run: Run | null = null;
  const flush = (): void => {
    if (!run) return;
    const { time } = run;
    rows.push({
      peeringId: run.peeringId,
      day: time.day,
      utcOffset: time.offset,
      timeStyle: time.style,
      samples: run.bytes,
      at: null,
      inMbps: null,
      outMbps: null,
    });
    run = null;
  };
  for (const sample of samples) {
    const time = parseGridTime(sample.at);
    if (!time) {
      flush();
      rows.push({
        peeringId: sample.peering,
        day: null,
        utcOffset: null,
        timeStyle: null,
        samples: null,
        at: sample.at,
        inMbps: sample.inMbps,
        outMbps: sample.outMbps,
      });
      continue;
    }
    const current: Run | null = run;
    const continues =
      current !== null &&
      current.peeringId === sample.peering &&
      current.time.day === time.day &&
      current.time.offset === time.offset &&
      current.time.style === time.style &&
      time.slot > current.lastSlot;
    if (!continues) {
      flush();
      run = newRun(sample.peering, time);
    }
    const target = run!;
    target.view.setFloat64(time.slot * BYTES_PER_SLOT, sample.inMbps, true);
    target.view.setFloat64(time.slot * BYTES_PER_SLOT + 8, sample.outMbps, true);
    target.lastSlot = time.slot;
  }
  flush();
  return rows;
}

export function decodeTraffic(rows: Iterable<TrafficRow>): TrafficSample[] {
  const samples: TrafficSample[] = [];
  for (const row of rows) {
    if (!row.samples) {
      samples.push({ peering: row.peeringId, at: row.at!, inMbps: row.inMbps!, outMbps: row.outMbps! });
      continue;
    }
    if (row.samples.byteLength !== BLOB_BYTES) {
      throw new Error(`a traffic row of ${row.peeringId} on ${row.day} has ${row.samples.byteLength} bytes`);
    }
    const view = new DataView(row.samples.buffer, row.samples.byteOffset, row.samples.byteLength);
    const prefix = `${row.day}T`;
    const suffix = `${row.timeStyle === STYLE_SECONDS ? ':00' : ''}${row.utcOffset}`;
    for (let slot = 0; slot < SLOTS_PER_DAY; slot++) {
      const inMbps = view.getFloat64(slot * BYTES_PER_SLOT, true);
      if (Number.isNaN(inMbps)) continue;
      samples.push({
        peering: row.peeringId,
        at: prefix + TIME_OF_SLOT[slot]! + suffix,
        inMbps,
        outMbps: view.getFloat64(slot * BYTES_PER_SLOT + 8, true),
      });
    }
  }
  return samples;
}
