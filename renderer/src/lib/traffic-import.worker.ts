/**
 * Reads a traffic CSV off the UI thread: the file's bytes in chunks, decoded as UTF-8, through
 * shared/cost's TrafficCsvReader (the CLI's line format and checks). Progress is posted about
 * ten times a second, samples in batches; the first bad line ends the reading with an error.
 * Cancelling is the page terminating this worker.
 */
import { TrafficCsvReader } from '../../../shared/cost/traffic-csv-reader';
import type { TrafficImportMessage, TrafficImportRequest } from './traffic-import-protocol';

const BATCH = 50_000;
const PROGRESS_EVERY_MS = 100;

function post(message: TrafficImportMessage, transfer: Transferable[] = []): void {
  (
    self as unknown as { postMessage(message: TrafficImportMessage, transfer: Transferable[]): void }
  ).postMessage(message, transfer);
}

async function read({ file, peerings }: TrafficImportRequest): Promise<void> {
  const reader = new TrafficCsvReader(new Set(peerings));
  const decoder = new TextDecoder('utf-8');
  const bytes = file.stream().getReader();
  let read = 0;
  let lastProgress = 0;
  const flush = (force: boolean): void => {
    const now = performance.now();
    if (force || now - lastProgress > PROGRESS_EVERY_MS) {
      lastProgress = now;
      post({ kind: 'progress', bytes: read, total: file.size, lines: reader.lineCount });
    }
  };
  for (;;) {
    const { done, value } = await bytes.read();
    const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
    if (value) read += value.byteLength;
    const error = reader.push(text) ?? (done ? reader.end() : null);
    if (error) {
      post({ kind: 'error', line: error.line, message: error.message });
      return;
    }
    if (done || reader.pending >= BATCH) {
      const { samples, instants } = reader.takeBatch();
      post({ kind: 'samples', samples, instants }, [instants.buffer]);
    }
    flush(done);
    if (done) break;
  }
  post({ kind: 'done', lines: reader.lineCount });
}

self.onmessage = (event: MessageEvent<TrafficImportRequest>) => {
  read(event.data).catch((cause: unknown) =>
    post({ kind: 'error', line: 0, message: cause instanceof Error ? cause.message : String(cause) }),
  );
};
