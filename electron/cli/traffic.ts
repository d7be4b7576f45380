/**
 * Reading a traffic CSV (`peering,at,inMbps,outMbps`) as a stream into a TrafficAggregate:
 * chunks of the file are cut into lines as they come, each line parsed (shared/cost/traffic-csv)
 * and summed up at once, so memory stays flat however long the file is. A line longer than
 * MAX_CSV_LINE_CHARS is refused as soon as it gets that long (a file without line breaks must
 * not be gathered into memory). An error names the file and the line.
 */
import { createReadStream } from 'node:fs';
import type { TrafficAggregate } from '../../shared/cost/traffic-aggregate';
import { checkTrafficHeader, parseTrafficLine } from '../../shared/cost/traffic-csv';
import { MAX_CSV_LINE_CHARS } from '../../shared/plan/limits';
import { readProblem } from './command';

export type TrafficReadResult =
  { readonly ok: true; readonly lines: number } | { readonly ok: false; readonly message: string };

class LineError extends Error {}

export async function readTrafficCsv(path: string, into: TrafficAggregate): Promise<TrafficReadResult> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let lineNumber = 0;
  const takeLine = (raw: string): void => {
    lineNumber++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.length > MAX_CSV_LINE_CHARS) throw new LineError(tooLong());
    if (lineNumber === 1) {
      const headerError = checkTrafficHeader(line);
      if (headerError) throw new LineError(headerError);
      return;
    }
    const result = parseTrafficLine(line);
    if (result.kind === 'error') throw new LineError(result.message);
    if (result.kind === 'sample') {
      const { peering, at, inMbps, outMbps } = result.sample;
      into.add(peering, Date.parse(at), inMbps, outMbps);
    }
  };
  const tooLong = () => `a line longer than ${MAX_CSV_LINE_CHARS} characters: not a traffic CSV line`;
  let pending = '';
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      let text = pending + chunk;
      let start = 0;
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        takeLine(text.slice(start, end));
        start = end + 1;
      }
      pending = text.slice(start);
      text = '';
      if (pending.length > MAX_CSV_LINE_CHARS + 1) {
        lineNumber++;
        throw new LineError(tooLong());
      }
    }
    if (pending === '' && lineNumber === 0) {
      return {
        ok: false,
        message: `${path}:1: empty file: the header "peering,at,inMbps,outMbps" is missing`,
      };
    }
    if (pending !== '') takeLine(pending);
  } catch (error) {
    if (error instanceof LineError) return { ok: false, message: `${path}:${lineNumber}: ${error.message}` };
    const problem = readProblem(error as NodeJS.ErrnoException, 'a CSV file');
    return { ok: false, message: `${path}: cannot read the traffic file: ${problem}` };
  } finally {
    stream.destroy();
  }
  return { ok: true, lines: lineNumber };
}
