/**
 * A traffic CSV read from chunks of text (the app reads a file in a Web Worker, chunk by chunk):
 * the chunks are cut into lines, the first line is the header, every other line goes through
 * `parseTrafficLine` (the CLI's format and checks). The first bad line stops the reading with
 * its line number; the caller then imports nothing.
 */
import type { TrafficSample } from '../plan/model';
import { parseInstant } from './instants';
import { checkTrafficHeader, parseTrafficLine, TRAFFIC_CSV_HEADER } from './traffic-csv';

export interface TrafficCsvError {
  /** 1-based line number. */
  readonly line: number;
  readonly message: string;
}

/** A line longer than this is not a sample (a binary file, a missing newline): refused. */
export const MAX_LINE_LENGTH = 4096;

export class TrafficCsvReader {
  /** Lines read so far (complete lines only). */
  lineCount = 0;
  private rest = '';
  private samples: TrafficSample[] = [];
  private instants: number[] = [];
  private failed: TrafficCsvError | null = null;

  /** @param knownPeerings when given, a sample naming another peering is an error */
  constructor(private readonly knownPeerings?: ReadonlySet<string>) {}

  /** Feeds the next chunk of text; the first error (also on later calls), or null. */
  push(text: string): TrafficCsvError | null {
    if (this.failed) return this.failed;
    let start = 0;
    let newline = text.indexOf('\n');
    if (newline >= 0 && this.rest !== '') {
      this.line(this.rest + text.slice(0, newline));
      this.rest = '';
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    while (newline >= 0 && !this.failed) {
      this.line(text.slice(start, newline));
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    if (!this.failed) {
      this.rest += text.slice(start);
      if (this.rest.length > MAX_LINE_LENGTH)
        this.failed = {
          line: this.lineCount + 1,
          message: `a line longer than ${MAX_LINE_LENGTH} characters: not a traffic CSV`,
        };
    }
    return this.failed;
  }

  /** The end of the text: the last line (without a newline) and the empty-file check. */
  end(): TrafficCsvError | null {
    if (this.failed) return this.failed;
    if (this.rest !== '') {
      this.line(this.rest);
      this.rest = '';
    }
    if (!this.failed && this.lineCount === 0)
      this.failed = {
        line: 1,
        message: `empty file: the header "${TRAFFIC_CSV_HEADER.join(',')}" is missing`,
      };
    return this.failed;
  }

  /** How many samples `take` would hand over now. */
  get pending(): number {
    return this.samples.length;
  }

  /** The samples read since the last call (handed over, so a caller can pass them on in batches). */
  take(): TrafficSample[] {
    return this.takeBatch().samples;
  }

  /** The same, with each sample's instant (milliseconds since the epoch, as `parseInstant` reads it). */
  takeBatch(): { samples: TrafficSample[]; instants: Float64Array } {
    const batch = { samples: this.samples, instants: Float64Array.from(this.instants) };
    this.samples = [];
    this.instants = [];
    return batch;
  }

  private line(text: string): void {
    const number = ++this.lineCount;
    if (number === 1) {
      const error = checkTrafficHeader(text);
      if (error) this.failed = { line: 1, message: error };
      return;
    }
    const result = parseTrafficLine(text);
    if (result.kind === 'error') this.failed = { line: number, message: result.message };
    else if (result.kind === 'sample') {
      if (this.knownPeerings && !this.knownPeerings.has(result.sample.peering))
        this.failed = { line: number, message: `peering "${result.sample.peering}" is not in the plan` };
      else {
        this.samples.push(result.sample);
        this.instants.push(parseInstant(result.sample.at));
      }
    }
  }
}
