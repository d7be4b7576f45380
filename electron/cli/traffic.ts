/**
 * Reading a traffic CSV (`peering,at,inMbps,outMbps`) as a stream: node:readline over a file
 * stream, so a month of 5-minute samples for many peerings never sits in memory as text. The
 * per-line parsing is pure, in shared/cost/traffic-csv.ts. An error names the file and the line.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { checkTrafficHeader, parseTrafficLine } from '../../shared/cost/traffic-csv';
import type { Plan, TrafficSample } from '../../shared/plan/model';

export type TrafficReadResult =
  { readonly ok: true; readonly samples: TrafficSample[] } | { readonly ok: false; readonly message: string };

export async function readTrafficCsv(path: string): Promise<TrafficReadResult> {
  const samples: TrafficSample[] = [];
  const stream = createReadStream(path, { encoding: 'utf8' });
  const opened = new Promise<string | null>((resolve) => {
    stream.once('open', () => resolve(null));
    stream.once('error', (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === 'ENOENT'
          ? 'no such file'
          : error.code === 'EISDIR'
            ? 'is a directory, not a CSV file'
            : error.message,
      ),
    );
  });
  const openError = await opened;
  if (openError !== null)
    return { ok: false, message: `${path}: cannot read the traffic file: ${openError}` };
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (lineNumber === 1) {
        const headerError = checkTrafficHeader(line);
        if (headerError) return { ok: false, message: `${path}:1: ${headerError}` };
        continue;
      }
      const result = parseTrafficLine(line);
      if (result.kind === 'error') return { ok: false, message: `${path}:${lineNumber}: ${result.message}` };
      if (result.kind === 'sample') samples.push(result.sample);
    }
  } catch (error) {
    return {
      ok: false,
      message: `${path}: cannot read the traffic file: ${error instanceof Error ? error.message : String(error)}`,
    };
  } finally {
    lines.close();
    stream.destroy();
  }
  if (lineNumber === 0)
    return { ok: false, message: `${path}:1: empty file: the header "peering,at,inMbps,outMbps" is missing` };
  return { ok: true, samples };
}

/** The plan with the samples added to its own traffic. */
export function withTraffic(plan: Plan, samples: readonly TrafficSample[]): Plan {
  return { ...plan, traffic: [...plan.traffic, ...samples] };
}
