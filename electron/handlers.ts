/**
 * Every API channel's implementation, as a plain function table: Electron's IPC wrapper
 * (`electron/ipc/register.ts`) and the loopback server (`electron/server.ts`) both call it through
 * `dispatch`, which has already parsed the request with the channel's schema. The `Handlers` type
 * makes a missing channel a compile error.
 */
import { dirname, join } from 'node:path';
import type {
  AppInfo,
  Handlers,
  PlanExportFormat,
  RevisionListItem,
  StoredPlan,
} from '../shared/ipc/contract';
import { planStats } from '../shared/diff/plan-stats';
import type { PlanStats } from '../shared/diff/plan-stats';
import { findExportFormat } from '../shared/export/formats';
import { planFileName } from '../shared/export/names';
import { exportTopologySvg } from '../shared/export/topology-picture';
import type { Plan } from '../shared/plan/model';
import { PLAN_FORMAT } from '../shared/plan/model';
import { normalizePlan } from '../shared/plan/normalize';
import { formatPlanError, parsePlanText } from '../shared/plan/parse';
import type { PlanFile } from '../shared/plan/schema';
import type { PlanLibrary } from '../shared/store/repository';
import { ApiFailure } from './ipc/api-failure';

/** What only a desktop shell can do: native dialogs and the file system the user chose. */
export interface NativeFiles {
  /** Writes `text` to `path` (one the user chose before) or to a path asked in a save dialog; null when cancelled. */
  saveText(suggestedName: string, text: string, path?: string): Promise<string | null>;
  /** Asks for a plan file in an open dialog; null when cancelled. */
  openText(title?: string): Promise<{ fileName: string; text: string } | null>;
  /** Writes bytes (a picture) like saveText. */
  saveBytes(suggestedName: string, bytes: Uint8Array, path?: string): Promise<string | null>;
  /** Prints an HTML document to PDF and asks where to save it; null when cancelled. */
  savePdf(suggestedName: string, html: string): Promise<string | null>;
  /** Asks where to write a copy of the library (or checks a path chosen before); null when cancelled. */
  libraryCopyPath(path?: string): Promise<string | null>;
}

export interface HandlerDeps {
  /** The library: the worker's client in the app and the server; the repository itself in tests. */
  readonly repository: PlanLibrary;
  readonly shell: AppInfo['shell'];
  readonly version: string;
  /** `YYYY-MM-DD`: the default `asOf` of a plan without one. */
  readonly today: () => string;
  /** Present in Electron; the browser build has no native dialogs. */
  readonly files?: NativeFiles;
  /** The time used to name a library copy in the browser build. */
  readonly now?: () => Date;
}

function unsupported(what: string): ApiFailure {
  return new ApiFailure({
    code: 'UNSUPPORTED',
    message: `${what} is not available in the browser build; the browser downloads the file instead.`,
  });
}

/** A stored plan as `peerplan export --to FORMAT` writes it, or its topology drawing (`svg`). */
export function exportStoredPlan(plan: Plan, format: PlanExportFormat): { fileName: string; text: string } {
  if (format === 'svg') {
    return { fileName: planFileName(plan.name, '.svg'), text: exportTopologySvg(plan) };
  }
  const exporter = findExportFormat(format)!;
  return { fileName: planFileName(plan.name, exporter.extension), text: exporter.write(plan) };
}

/** Revisions never change: their figures are computed once per library session. */
const REVISION_STATS_CACHE_MAX = 500;

export function createHandlers(deps: HandlerDeps): Handlers {
  const { repository } = deps;
  const normalize = (file: PlanFile) => normalizePlan(file, { today: deps.today() });
  const revisionStats = new Map<number, PlanStats>();
  const statsOf = async (revisionId: number): Promise<PlanStats> => {
    let stats = revisionStats.get(revisionId);
    if (!stats) {
      stats = planStats((await repository.openRevision(revisionId)).plan);
      if (revisionStats.size >= REVISION_STATS_CACHE_MAX) revisionStats.clear();
      revisionStats.set(revisionId, stats);
    }
    return stats;
  };

  return {
    'app.info': () => ({ version: deps.version, libraryPath: repository.path, shell: deps.shell }),
    'plans.list': () => repository.list(),
    'plans.get': ({ id }) => repository.get(id),
    'plans.create': ({ name, plan }): StoredPlan | Promise<StoredPlan> => {
      const file: PlanFile = plan ?? { format: PLAN_FORMAT, name, accounts: [], vpcs: [] };
      return repository.create(normalize(file), { name });
    },
    'plans.save': ({ id, plan }) => repository.save(id, normalize(plan)),
    'plans.rename': ({ id, name }) => repository.rename(id, name),
    'plans.duplicate': ({ id, name }) => repository.duplicate(id, name),
    'plans.delete': async ({ id }) => {
      await repository.delete(id);
      return { deleted: true as const };
    },
    'plans.savePositions': ({ id, positions }) => repository.savePositions(id, positions),
    'plans.import': ({ text, fileName }) => {
      const result = parsePlanText(text, { today: deps.today() });
      if (!result.ok) {
        const { path, line, column } = result.error;
        throw new ApiFailure({
          code: 'PLAN_INVALID',
          message: formatPlanError(fileName || 'plan.json', result.error),
          ...(path !== undefined ? { path } : {}),
          ...(line !== undefined ? { line } : {}),
          ...(column !== undefined ? { column } : {}),
        });
      }
      return repository.import(result.plan);
    },
    'plans.export': async ({ id, format }) => exportStoredPlan(await repository.export(id), format ?? 'json'),
    'revisions.list': async ({ planId }): Promise<RevisionListItem[]> => {
      const list: RevisionListItem[] = [];
      for (const revision of await repository.revisions(planId)) {
        list.push({ ...revision, stats: await statsOf(revision.id) });
      }
      return list;
    },
    'revisions.save': ({ planId, message }) => repository.saveRevision(planId, message),
    'revisions.open': ({ revisionId }) => repository.openRevision(revisionId),
    'revisions.restore': ({ revisionId }) => repository.restoreRevision(revisionId),
    'files.saveText': async ({ suggestedName, text, path, encoding }) => {
      if (!deps.files) throw unsupported('Saving a file');
      if (encoding === 'base64') {
        const bytes = Buffer.from(text, 'base64');
        return { path: await deps.files.saveBytes(suggestedName, bytes, path) };
      }
      return { path: await deps.files.saveText(suggestedName, text, path) };
    },
    'files.savePdf': async ({ suggestedName, html }) => {
      if (!deps.files) throw unsupported('Printing to PDF');
      return { path: await deps.files.savePdf(suggestedName, html) };
    },
    'files.openText': async ({ title }) => {
      if (!deps.files) throw unsupported('Opening a file');
      return deps.files.openText(title);
    },
    'library.saveCopy': async ({ path }) => {
      let destination: string | null;
      if (deps.files) {
        destination = await deps.files.libraryCopyPath(path);
      } else {
        // The browser build has no dialog: the copy goes beside the library, named by the time.
        if (path !== undefined) throw unsupported('Choosing where to copy the library');
        const stamp = (deps.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
        destination = join(dirname(repository.path), `library-copy-${stamp}.peerplan.sqlite`);
      }
      if (destination === null) return { path: null };
      await repository.saveCopy(destination);
      return { path: destination };
    },
  };
}
