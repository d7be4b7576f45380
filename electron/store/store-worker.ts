/**
 * The worker thread that owns the library's SQLite connection (as Signal Desktop's SQL worker
 * does): a long save runs here and never blocks the Electron main process or the browser-build
 * server. It answers repository operations and, for the browser build, whole API calls (the JSON
 * body parsed and checked here: a big save costs the server's main thread nothing but the body's
 * bytes). Calls are answered strictly in the order they came (an async one, the backup behind
 * "Save a copy", finishes before the next starts), so a read made after a save sees that save.
 *
 * Bundled as its own file, dist-electron/store-worker.cjs (package.json `build:electron`); run
 * from the TypeScript sources through `store-worker-source.mjs`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { StoreRequest, StoreResponse, StoreReady, StoreWorkerData } from './worker-protocol';
import { toFailure } from './worker-protocol';
import { SqlitePlanRepository } from './sqlite-repository';
import { today } from '../cli/load';
import { createHandlers } from '../handlers';
import { dispatch } from '../ipc/dispatch';

const port = parentPort;
if (!port) throw new Error('store-worker.ts runs as a worker thread (see worker-client.ts).');

const { path, options, api } = workerData as StoreWorkerData;
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
  const handlers = api
    ? createHandlers({ repository: library, shell: api.shell, version: api.version, today })
    : null;
  /** A whole API call: the body parsed and the payload checked here, the answer as JSON text. */
  const dispatchJson = async (channel: string, body: string): Promise<string> => {
    if (!handlers) throw new Error('this worker was started without the API (StoreWorkerData.api)');
    let payload: unknown;
    try {
      payload = body === '' ? undefined : JSON.parse(body);
    } catch {
      return JSON.stringify({
        ok: false,
        error: { code: 'BAD_REQUEST', message: 'The request is not JSON.' },
      });
    }
    return JSON.stringify(await dispatch(handlers, channel, payload));
  };
  /** A whole API call with its payload as a value (Electron's IPC), checked here. */
  const dispatchValue = (channel: string, payload: unknown) => {
    if (!handlers) throw new Error('this worker was started without the API (StoreWorkerData.api)');
    return dispatch(handlers, channel, payload);
  };
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (request: StoreRequest) => {
    queue = queue.then(async () => {
      let response: StoreResponse;
      try {
        const value =
          request.op === 'dispatchJson'
            ? await dispatchJson(...request.args)
            : request.op === 'dispatch'
              ? await dispatchValue(...request.args)
              : await (library[request.op] as (...args: unknown[]) => unknown).apply(library, request.args);
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
