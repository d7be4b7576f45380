/**
 * The worker thread that owns the library's SQLite connection (as Signal Desktop's SQL worker
 * does): a long save runs here and never blocks the Electron main process or the browser-build
 * server. Calls are answered strictly in the order they came (an async one, the backup behind
 * "Save a copy", finishes before the next starts), so a read made after a save sees that save.
 *
 * Bundled as its own file, dist-electron/store-worker.cjs (package.json `build:electron`); run
 * from the TypeScript sources through `store-worker-source.mjs`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { StoreRequest, StoreResponse, StoreReady, StoreWorkerData } from './worker-protocol';
import { toFailure } from './worker-protocol';
import { SqlitePlanRepository } from './sqlite-repository';

const port = parentPort;
if (!port) throw new Error('store-worker.ts runs as a worker thread (see worker-client.ts).');

const { path, options } = workerData as StoreWorkerData;
let repository: SqlitePlanRepository | undefined;
try {
  repository = SqlitePlanRepository.open(path, options);
  port.postMessage({
    ready: true,
    path: repository.path,
    readOnly: repository.readOnly,
  } satisfies StoreReady);
} catch (error) {
  port.postMessage({ ready: false, failure: toFailure(error) } satisfies StoreReady);
}

if (repository) {
  const library = repository;
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (request: StoreRequest) => {
    queue = queue.then(async () => {
      let response: StoreResponse;
      try {
        const operation = library[request.op] as (...args: unknown[]) => unknown;
        const value = await operation.apply(library, request.args);
        response = { id: request.id, ok: true, value };
      } catch (error) {
        response = { id: request.id, ok: false, failure: toFailure(error) };
      }
      port.postMessage(response);
      // After `close` nothing more can be answered: let the thread end.
      if (request.op === 'close') port.close();
    });
  });
}
