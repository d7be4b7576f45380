/**
 * The messages between the library's client (the Electron main process, the browser-build server)
 * and the worker thread that owns the SQLite connection (`store-worker.ts`). Values travel by
 * structured clone; a failure travels as data and becomes a `StoreError` again on the client's side,
 * with its code and message, so callers cannot tell the worker from the repository itself.
 */
import type { AppInfo } from '../../shared/ipc/contract';
import type { PlanRepository, RepositoryOperation, StoreErrorCode } from '../../shared/store/repository';
import { StoreError } from '../../shared/store/repository';
import type { RepositoryOptions } from './sqlite-repository';

/** What the worker is started with (`workerData`). */
export interface StoreWorkerData {
  readonly path: string;
  /** Repository options that survive a structured clone (the clock stays the worker's own). */
  readonly options: Omit<RepositoryOptions, 'now'>;
  /**
   * When present, the worker also serves whole API calls (`dispatchJson`) with the handler table
   * of this shell, so a big request is parsed, checked and answered off the caller's thread.
   */
  readonly api?: { readonly shell: AppInfo['shell']; readonly version: string };
}

export type StoreArgs<K extends RepositoryOperation> = Parameters<PlanRepository[K]>;
export type StoreResult<K extends RepositoryOperation> = Awaited<ReturnType<PlanRepository[K]>>;

/** One call of a repository operation; `id` pairs it with its answer. */
export type StoreRequest =
  | {
      [K in RepositoryOperation]: { readonly id: number; readonly op: K; readonly args: StoreArgs<K> };
    }[RepositoryOperation]
  /** A whole API call as the browser build's server receives it: the answer is the `ApiResult` as JSON. */
  | { readonly id: number; readonly op: 'dispatchJson'; readonly args: [channel: string, body: string] }
  /** A whole API call with its payload as a value (Electron's IPC): the answer is the `ApiResult`. */
  | { readonly id: number; readonly op: 'dispatch'; readonly args: [channel: string, payload: unknown] };

/** A failure as data: a `StoreError` keeps its code; anything else keeps its name and message. */
export type StoreFailure =
  | { readonly kind: 'store'; readonly code: StoreErrorCode; readonly message: string }
  | { readonly kind: 'error'; readonly name: string; readonly message: string; readonly stack?: string };

export type StoreResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly failure: StoreFailure };

/** The worker's first message: the library is open (its absolute path), or why it is not. */
export type StoreReady =
  | { readonly ready: true; readonly path: string; readonly readOnly: boolean }
  | { readonly ready: false; readonly failure: StoreFailure };

export function toFailure(error: unknown): StoreFailure {
  if (error instanceof StoreError) return { kind: 'store', code: error.code, message: error.message };
  if (error instanceof Error) {
    return {
      kind: 'error',
      name: error.name,
      message: error.message,
      ...(error.stack ? { stack: error.stack } : {}),
    };
  }
  return { kind: 'error', name: 'Error', message: String(error) };
}

export function fromFailure(failure: StoreFailure): Error {
  if (failure.kind === 'store') return new StoreError(failure.code, failure.message);
  const error = new Error(failure.message);
  error.name = failure.name;
  if (failure.stack) error.stack = failure.stack;
  return error;
}
