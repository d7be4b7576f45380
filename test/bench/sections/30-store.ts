/**
 * The plan library (SQLite): save of the reference plan into an empty library, load of it, and
 * the save of a single edit (one VPC renamed: an incremental upsert of that VPC's rows), each
 * beside the same work done with one statement per row outside a transaction.
 *
 * The baselines replay exactly the rows our save writes (recorded from a real save), each as its
 * own prepared-and-run statement in autocommit mode; the naive load asks one query per VPC, route
 * table and collection (the N+1 pattern); the naive edit rewrites the whole plan row by row.
 */
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { SqlitePlanRepository } from '../../../electron/store/sqlite-repository';
import type { Plan } from '../../../shared/plan/model';
import { parsePlanText } from '../../../shared/plan/parse';
import { ms, ratio } from '../harness';
import type { BenchContext } from '../harness';
import { referencePlanText } from '../reference-plan';

const TODAY = '2026-11-26';
/** The row-by-row baselines take tens of seconds each: fewer runs. */
const NAIVE_RUNS = 2;
const EDITED_VPC = 1234;

/** Wall time, and the CPU time of this process (the honest figure on a machine other jobs share). */
interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

function timed(fn: () => unknown): Timing {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  fn();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

function medianTiming(timings: readonly Timing[]): Timing {
  const middle = (values: number[]) => {
    values.sort((a, b) => a - b);
    const mid = values.length >> 1;
    return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
  };
  return { wall: middle(timings.map((t) => t.wall)), cpu: middle(timings.map((t) => t.cpu)) };
}

function show(timing: Timing): string {
  return `${ms(timing.wall)} (CPU ${ms(timing.cpu)})`;
}

type Recorded = [sql: string, args: unknown[]];

/** Records every write statement the repository runs (sql and arguments), while running it. */
/** Returns the function that stops recording. */
function recordWrites(db: Database.Database, log: Recorded[]): () => void {
  const original = db.prepare;
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const statement = prepare(sql);
    return new Proxy(statement, {
      get(target, property) {
        if (property === 'run') {
          return (...args: unknown[]) => {
            log.push([sql, args]);
            return target.run(...args);
          };
        }
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }) as typeof db.prepare;
  return () => {
    db.prepare = original;
  };
}

function replayRowByRow(db: Database.Database, log: readonly Recorded[]): void {
  for (const [sql, args] of log) db.prepare(sql).run(...args);
}

/** Loads the plan's rows with one query per VPC, route table and collection (N+1 queries). */
function naiveLoad(db: Database.Database, planId: string): number {
  let rows = 0;
  const all = (sql: string, ...args: unknown[]) => {
    const result = db.prepare(sql).all(...args) as Record<string, unknown>[];
    rows += result.length;
    return result;
  };
  all('SELECT * FROM plans WHERE id = ?', planId);
  all('SELECT * FROM accounts WHERE plan_id = ? ORDER BY ordinal', planId);
  for (const vpc of all('SELECT * FROM vpcs WHERE plan_id = ? ORDER BY ordinal', planId)) {
    all('SELECT * FROM vpc_cidrs WHERE vpc_row = ? ORDER BY ordinal', vpc.row_id);
    for (const table of all('SELECT * FROM route_tables WHERE vpc_row = ? ORDER BY ordinal', vpc.row_id)) {
      all('SELECT * FROM routes WHERE route_table_row = ? ORDER BY ordinal', table.row_id);
    }
    all('SELECT * FROM subnets WHERE vpc_row = ? ORDER BY ordinal', vpc.row_id);
  }
  all('SELECT * FROM peerings WHERE plan_id = ? ORDER BY ordinal', planId);
  all('SELECT * FROM price_catalogs WHERE plan_id = ?', planId);
  all('SELECT * FROM traffic WHERE plan_id = ? ORDER BY ordinal', planId);
  return rows;
}

function addRoute(plan: Plan, index: number, destination: string): Plan {
  return {
    ...plan,
    vpcs: plan.vpcs.map((vpc, i) =>
      i !== index || vpc.routeTables.length === 0
        ? vpc
        : {
            ...vpc,
            routeTables: vpc.routeTables.map((table, t) =>
              t === 0
                ? {
                    ...table,
                    routes: [
                      ...table.routes,
                      { destination, nextHop: { type: 'nat', id: 'nat-bench' }, enabled: true },
                    ],
                  }
                : table,
            ),
          },
    ),
  };
}

function renameVpc(plan: Plan, index: number, name: string): Plan {
  return { ...plan, vpcs: plan.vpcs.map((vpc, i) => (i === index ? { ...vpc, name } : vpc)) };
}

export default async function storeSection(ctx: BenchContext): Promise<void> {
  const parsed = parsePlanText(referencePlanText(), { today: TODAY });
  if (!parsed.ok) throw new Error(`the reference plan does not parse: ${parsed.error.message}`);
  const plan = parsed.plan;
  const dir = mkdtempSync(join(tmpdir(), 'peerplan-bench-store-'));
  let fileCount = 0;
  const freshLibrary = () => SqlitePlanRepository.open(join(dir, `library-${fileCount++}.sqlite`));

  try {
    // The rows one save writes, recorded once (and the round trip checked while we are at it).
    const recorder = freshLibrary();
    const log: Recorded[] = [];
    recordWrites(recorder.database, log);
    const { id: recordedId } = recorder.import(plan);
    const exact = isDeepStrictEqual(recorder.export(recordedId), plan);
    recorder.close();
    const routes = plan.vpcs.reduce((n, v) => n + v.routeTables.reduce((m, t) => m + t.routes.length, 0), 0);
    const subnets = plan.vpcs.reduce((n, v) => n + v.subnets.length, 0);
    ctx.log(
      `reference plan: ${plan.vpcs.length} VPCs, ${subnets} subnets, ${routes} routes, ${plan.peerings.length} peerings, ${plan.traffic.length} traffic samples = ${log.length} rows; round trip exact: ${exact}`,
    );

    // Save into an empty library: one immediate transaction, prepared statements. Each run opens a
    // fresh library first (not timed) and times the save alone.
    const saves: Timing[] = [];
    for (let run = 0; run < ctx.runs + 1; run++) {
      const repository = freshLibrary();
      saves.push(timed(() => repository.import(plan)));
      repository.close();
    }
    const save = medianTiming(saves.slice(1));
    const naiveSaves: Timing[] = [];
    for (let run = 0; run < NAIVE_RUNS; run++) {
      const repository = freshLibrary();
      naiveSaves.push(timed(() => replayRowByRow(repository.database, log)));
      repository.close();
    }
    const naiveSave = medianTiming(naiveSaves);
    ctx.log(
      `save into an empty library: ${show(save)} (target < 500 ms) | one statement per row, autocommit: ${show(naiveSave)} (${ratio(naiveSave.wall, save.wall)})`,
    );

    // Load.
    const library = freshLibrary();
    const { id } = library.import(plan);
    library.export(id);
    const load = medianTiming(Array.from({ length: ctx.runs }, () => timed(() => library.export(id))));
    const naive = medianTiming(
      Array.from({ length: NAIVE_RUNS }, () => timed(() => naiveLoad(library.database, id))),
    );
    ctx.log(
      `load: ${show(load)} (target < 250 ms) | one query per VPC, table and collection (rows only, no objects): ${show(naive)} (${ratio(naive.wall, load.wall)})`,
    );

    // One edit: a VPC renamed, saved incrementally (only that VPC's rows are rewritten).
    library.get(id);
    let current = plan;
    let edits = 0;
    const edit = medianTiming(
      Array.from({ length: Math.max(ctx.runs, 51) }, () => {
        current = renameVpc(current, EDITED_VPC % plan.vpcs.length, `renamed ${edits++}`);
        return timed(() => library.save(id, current));
      }),
    );
    // A heavier edit: a route added to that VPC's first route table (its routes are rewritten).
    const routeEdit = medianTiming(
      Array.from({ length: Math.max(ctx.runs, 51) }, (_, n) => {
        current = addRoute(current, EDITED_VPC % plan.vpcs.length, `172.16.${n % 256}.0/24`);
        return timed(() => library.save(id, current));
      }),
    );
    library.close();
    const reopened = SqlitePlanRepository.open(library.path);
    const exactAfterEdits = isDeepStrictEqual(reopened.export(id), current);
    reopened.close();

    // The naive edit: the whole plan rewritten row by row in autocommit.
    const editLog: Recorded[] = [];
    const editRecorder = freshLibrary();
    const stopRecording = recordWrites(editRecorder.database, editLog);
    const edited = renameVpc(plan, EDITED_VPC % plan.vpcs.length, 'renamed naive');
    const editedId = editRecorder.import(edited).id;
    stopRecording();
    const naiveEdit = medianTiming(
      Array.from({ length: NAIVE_RUNS }, () =>
        timed(() => {
          editRecorder.database.prepare('DELETE FROM plans WHERE id = ?').run(editedId);
          replayRowByRow(editRecorder.database, editLog);
        }),
      ),
    );
    editRecorder.close();
    ctx.log(
      `one edit (one VPC renamed): ${show(edit)} (target < 5 ms; saved plan exact: ${exactAfterEdits}) | whole plan rewritten row by row: ${show(naiveEdit)} (${ratio(naiveEdit.wall, edit.wall)})`,
    );
    ctx.log(
      `one edit (a route added to that VPC's table, its routes rewritten): ${show(routeEdit)} (target < 5 ms)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
