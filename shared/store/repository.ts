/**
 * The plan library as the rest of Peerplan sees it: a repository of plans, their canvas
 * positions and their revisions. The SQLite implementation lives in `electron/store/`; this file
 * holds only the types so that `shared/`, the handlers and the tests agree on one interface.
 */
import type { PlanSummary, RevisionSummary, StoredPlan } from '../ipc/contract';
import type { Plan } from '../plan/model';

export type CanvasPositions = Record<string, { x: number; y: number }>;

/**
 * An empty positions record without a prototype: element IDs are user strings, and on a plain
 * object an ID such as `__proto__` would set the prototype instead of storing a position.
 */
export function emptyPositions(): CanvasPositions {
  return Object.create(null) as CanvasPositions;
}

export interface PlanRepository {
  /** Absolute path of the library file. */
  readonly path: string;
  /** True when the file could only be opened for reading (every write then fails with READ_ONLY). */
  readonly readOnly: boolean;

  list(): PlanSummary[];
  get(id: string): StoredPlan;
  /** Stores a new plan (already normalised) and returns it with its new ID. */
  create(plan: Plan, options?: { name?: string }): StoredPlan;
  /** Replaces a plan's content in one transaction; only the parts that changed are rewritten. */
  save(id: string, plan: Plan): { updatedAt: string };
  rename(id: string, name: string): PlanSummary;
  duplicate(id: string, name?: string): PlanSummary;
  delete(id: string): void;

  positions(id: string): CanvasPositions;
  savePositions(id: string, positions: CanvasPositions): { updatedAt: string };

  revisions(planId: string): RevisionSummary[];
  /** An explicit save: a snapshot of the plan's current content with a message and the time. */
  saveRevision(planId: string, message: string): RevisionSummary;
  /** A revision's plan and the canvas positions it was saved with. */
  openRevision(revisionId: number): { revision: RevisionSummary; plan: Plan; positions: CanvasPositions };
  /** Makes a revision current; the content it replaces is kept as a revision first. */
  restoreRevision(revisionId: number): StoredPlan;

  /** A plan read from a plan file (already parsed and normalised) becomes a new library plan. */
  import(plan: Plan, options?: { name?: string }): StoredPlan;
  /** The normalised plan, exactly as it was imported or last saved. */
  export(id: string): Plan;

  /** A consistent copy of the whole library (SQLite's online backup), safe while the app writes. */
  saveCopy(destination: string): Promise<void>;
  close(): void;
}

/** The operations of a repository (everything but its two properties). */
export type RepositoryOperation = Exclude<keyof PlanRepository, 'path' | 'readOnly'>;

/**
 * The library as the handlers use it: each operation may answer at once (the repository itself,
 * as the CLI and the tests use it) or later (the client of the worker thread that owns the
 * connection in the app and the browser-build server: `electron/store/worker-client.ts`).
 */
export type PlanLibrary = { readonly path: string; readonly readOnly: boolean } & {
  readonly [K in RepositoryOperation]: (
    ...args: Parameters<PlanRepository[K]>
  ) => Awaited<ReturnType<PlanRepository[K]>> | Promise<Awaited<ReturnType<PlanRepository[K]>>>;
};

export type StoreErrorCode =
  | 'NOT_FOUND'
  | 'NOT_SQLITE'
  | 'CORRUPT'
  | 'FOREIGN_FILE'
  | 'NEWER_SCHEMA'
  | 'READ_ONLY'
  | 'DISK_FULL'
  | 'BUSY'
  | 'CANT_OPEN'
  | 'IO'
  /** SQLite is healthy but a plan's rows do not make a valid plan. */
  | 'DAMAGED_PLAN';

/** A library failure with a message for the user: which file, what is wrong, what is safe. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}
