/**
 * The library as the Electron main process and the browser-build server use it: every repository
 * operation is a message to the worker thread that owns the SQLite connection
 * (`store-worker.ts`), answered by a promise. Two workers share the file (WAL lets a reader run
 * beside a writer):
 *
 * - the writer does every operation, strictly in the order they were asked, so a read asked after
 *   a save sees the save;
 * - a reader, on a read-only connection, answers the plan list, which therefore never waits for a
 *   save: it shows the library as of its last committed save (a list asked while a save is running
 *   shows the library before that save).
 *
 * Failures come back as the `StoreError` (code and message) the repository threw.
 *
 *   const library = await WorkerPlanRepository.open(dbPath, { workerFile });
 *   await library.save(id, plan);
 *   await library.close();
 */
import { Worker } from 'node:worker_threads';
import type { ApiResult } from '../../shared/ipc/contract';
import type { PlanRepository, RepositoryOperation } from '../../shared/store/repository';
import { emptyPositions, StoreError } from '../../shared/store/repository';
import type { CanvasPositions, PlanLibrary } from '../../shared/store/repository';
import type { RepositoryOptions } from './sqlite-repository';
import type {
  StoreArgs,
  StoreReady,
  StoreRequest,
  StoreResponse,
  StoreResult,
  StoreWorkerData,
} from './worker-protocol';
import { fromFailure } from './worker-protocol';

export interface WorkerClientOptions extends Omit<RepositoryOptions, 'now'> {
  /**
   * The worker's script: dist-electron/store-worker.cjs in the built app, or the source bootstrap
   * `SOURCE_WORKER_FILE` (`worker-file.ts`) under tsx, in tests and benches.
   */
  readonly workerFile: string;
  /** Arguments for the worker's Node (the source bootstrap must not inherit a parent's loader). */
  readonly execArgv?: string[];
  /** Serve whole API calls too (`dispatchJson`), with the handler table of this shell. */
  readonly api?: StoreWorkerData['api'];
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** One worker thread and its pending calls. */
class StoreThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopped: Error | null = null;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly worker: Worker,
    readonly path: string,
    readonly readOnly: boolean,
  ) {
    worker.on('message', (response: StoreResponse) => {
      const call = this.pending.get(response.id);
      if (!call) return;
      this.pending.delete(response.id);
      if (response.ok) call.resolve(response.value);
      else call.reject(fromFailure(response.failure));
    });
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    const stop = (reason: string) => {
      this.stopped ??= new StoreError('IO', `${path}: the library's worker thread stopped (${reason}).`);
      for (const call of this.pending.values()) call.reject(this.stopped);
      this.pending.clear();
    };
    worker.on('error', (error) => stop(error.message));
    worker.on('exit', (code) => stop(`exit code ${code}`));
  }

  /** Starts a worker and waits until it has opened the library (or says why it could not). */
  static start(path: string, options: WorkerClientOptions): Promise<StoreThread> {
    const { workerFile, execArgv, api, ...repositoryOptions } = options;
    const data: StoreWorkerData = { path, options: repositoryOptions, ...(api ? { api } : {}) };
    const worker = new Worker(workerFile, { workerData: data, execArgv: execArgv ?? [] });
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => {
        cleanup();
        reject(
          new StoreError(
            'CANT_OPEN',
            `${path}: the library's worker thread did not start (${error.message}).`,
          ),
        );
      };
      const onExit = (code: number) => {
        cleanup();
        reject(
          new StoreError(
            'CANT_OPEN',
            `${path}: the library's worker thread ended at start (exit code ${code}).`,
          ),
        );
      };
      const onReady = (message: StoreReady) => {
        cleanup();
        if (message.ready) {
          resolve(new StoreThread(worker, message.path, message.readOnly));
        } else {
          void worker.terminate();
          reject(fromFailure(message.failure));
        }
      };
      const cleanup = () => {
        worker.off('error', onError);
        worker.off('exit', onExit);
        worker.off('message', onReady);
      };
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.once('message', onReady);
    });
  }

  call<K extends RepositoryOperation>(op: K, args: StoreArgs<K>): Promise<StoreResult<K>> {
    return this.send(op, args) as Promise<StoreResult<K>>;
  }

  send(op: StoreRequest['op'], args: StoreRequest['args']): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, args } as StoreRequest);
    });
  }

  /** Closes the connection (after every call asked before) and waits for the thread to end. */
  async close(): Promise<void> {
    if (!this.stopped) await this.call('close', []).catch(() => undefined);
    await this.exited;
  }
}

/** API channels the reader answers: they read no plan a save could be changing under them. */
const SNAPSHOT_CHANNELS: ReadonlySet<string> = new Set(['app.info', 'plans.list']);

/**
 * Channels the worker's handler table answers alone (the library and the app's version): the
 * plans and their revisions, and `app.info`. `files.*` and `library.saveCopy` need the main
 * process (native dialogs).
 */
export function isLibraryChannel(channel: string): boolean {
  return channel === 'app.info' || channel.startsWith('plans.') || channel.startsWith('revisions.');
}

/** Positions travel as plain objects; element IDs are user strings, so they land in a null-prototype record again. */
function positionsRecord(positions: CanvasPositions): CanvasPositions {
  return Object.assign(emptyPositions(), positions);
}

export class WorkerPlanRepository implements PlanLibrary {
  private constructor(
    private readonly writer: StoreThread,
    private readonly reader: StoreThread | null,
  ) {}

  /**
   * Opens the library in a writer thread (which creates or upgrades the file), then a reader
   * beside it; without a reader (a library that cannot be opened twice) the writer lists too.
   */
  static async open(path: string, options: WorkerClientOptions): Promise<WorkerPlanRepository> {
    const writer = await StoreThread.start(path, options);
    const reader = await StoreThread.start(writer.path, { ...options, readOnly: true }).catch(() => null);
    return new WorkerPlanRepository(writer, reader);
  }

  get path(): string {
    return this.writer.path;
  }

  get readOnly(): boolean {
    return this.writer.readOnly;
  }

  list(): Promise<ReturnType<PlanRepository['list']>> {
    return (this.reader ?? this.writer).call('list', []);
  }

  async get(id: string): Promise<ReturnType<PlanRepository['get']>> {
    const stored = await this.writer.call('get', [id]);
    return { ...stored, positions: positionsRecord(stored.positions) };
  }

  create(...args: StoreArgs<'create'>): Promise<StoreResult<'create'>> {
    return this.writer.call('create', args);
  }

  save(...args: StoreArgs<'save'>): Promise<StoreResult<'save'>> {
    return this.writer.call('save', args);
  }

  rename(...args: StoreArgs<'rename'>): Promise<StoreResult<'rename'>> {
    return this.writer.call('rename', args);
  }

  duplicate(...args: StoreArgs<'duplicate'>): Promise<StoreResult<'duplicate'>> {
    return this.writer.call('duplicate', args);
  }

  delete(...args: StoreArgs<'delete'>): Promise<StoreResult<'delete'>> {
    return this.writer.call('delete', args);
  }

  async positions(...args: StoreArgs<'positions'>): Promise<StoreResult<'positions'>> {
    return positionsRecord(await this.writer.call('positions', args));
  }

  savePositions(...args: StoreArgs<'savePositions'>): Promise<StoreResult<'savePositions'>> {
    return this.writer.call('savePositions', args);
  }

  revisions(...args: StoreArgs<'revisions'>): Promise<StoreResult<'revisions'>> {
    return this.writer.call('revisions', args);
  }

  saveRevision(...args: StoreArgs<'saveRevision'>): Promise<StoreResult<'saveRevision'>> {
    return this.writer.call('saveRevision', args);
  }

  async openRevision(...args: StoreArgs<'openRevision'>): Promise<StoreResult<'openRevision'>> {
    const opened = await this.writer.call('openRevision', args);
    return { ...opened, positions: positionsRecord(opened.positions) };
  }

  async restoreRevision(...args: StoreArgs<'restoreRevision'>): Promise<StoreResult<'restoreRevision'>> {
    const stored = await this.writer.call('restoreRevision', args);
    return { ...stored, positions: positionsRecord(stored.positions) };
  }

  import(...args: StoreArgs<'import'>): Promise<StoreResult<'import'>> {
    return this.writer.call('import', args);
  }

  export(...args: StoreArgs<'export'>): Promise<StoreResult<'export'>> {
    return this.writer.call('export', args);
  }

  saveCopy(...args: StoreArgs<'saveCopy'>): Promise<StoreResult<'saveCopy'>> {
    return this.writer.call('saveCopy', args);
  }

  /**
   * A whole API call of the browser build, `body` as the server received it: parsed, checked
   * against the channel's schema and answered in the worker, so the server's main thread only
   * moves text. The answer is the `ApiResult` as JSON. `app.info` and `plans.list` go to the
   * reader (they never wait for a save); everything else to the writer, in order. Needs `api` at
   * open.
   */
  dispatchJson(channel: string, body: string): Promise<string> {
    const thread = SNAPSHOT_CHANNELS.has(channel) && this.reader ? this.reader : this.writer;
    return thread.send('dispatchJson', [channel, body]) as Promise<string>;
  }

  /**
   * The same with the payload as a value, as Electron's IPC delivers it: checked and answered in
   * the worker; the answer is the `ApiResult`. For the channels of `isLibraryChannel`.
   */
  dispatch(channel: string, payload: unknown): Promise<ApiResult<unknown>> {
    const thread = SNAPSHOT_CHANNELS.has(channel) && this.reader ? this.reader : this.writer;
    return thread.send('dispatch', [channel, payload]) as Promise<ApiResult<unknown>>;
  }

  /** Closes both connections after every call asked before, and ends the threads. */
  async close(): Promise<void> {
    await Promise.all([this.writer.close(), this.reader?.close()]);
  }
}
