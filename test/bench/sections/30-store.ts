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
import { SqlitePlanRepository } from '../../../electron/store/sqlite-repository';
import type { Plan } from '../../../shared/plan/model';
import { parsePlanText } from '../../../shared/plan/parse';
import { median, ms, ratio } from '../harness';
import type { BenchContext } from '../harness';
import { referencePlanText } from '../reference-plan';

const TODAY = '2026-11-26';
const NAIVE_RUNS = 3;

type Recorded = [sql: string, args: unknown[]];

/** Records every write statement the repository runs (sql and arguments), while running it. */
function recordWrites(db: Database.Database, log: Recorded[]): void {
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
    const exact = JSON.stringify(recorder.export(recordedId)) === JSON.stringify(plan);
    recorder.close();
    const routes = plan.vpcs.reduce((n, v) => n + v.routeTables.reduce((m, t) => m + t.routes.length, 0), 0);
    const subnets = plan.vpcs.reduce((n, v) => n + v.subnets.length, 0);
    ctx.log(
      `reference plan: ${plan.vpcs.length} VPCs, ${subnets} subnets, ${routes} routes, ${plan.peerings.length} peerings, ${plan.traffic.length} traffic samples = ${log.length} rows; round trip exact: ${exact}`,
    );

    // Save into an empty library: one immediate transaction, prepared statements.
    const save = await median(
      () => {
        const repository = freshLibrary();
        try {
          const start = performance.now();
          repository.import(plan);
          return performance.now() - start;
        } finally {
          repository.close();
        }
      },
      ctx.runs,
      1,
    );
    // median() timed open + close too; time the save alone the same way for the figure we report.
    const saveTimes: number[] = [];
    for (let run = 0; run < ctx.runs; run++) {
      const repository = freshLibrary();
      const start = performance.now();
      repository.import(plan);
      saveTimes.push(performance.now() - start);
      repository.close();
    }
    saveTimes.sort((a, b) => a - b);
    const saveMedian = saveTimes[saveTimes.length >> 1]!;
    const naiveSave = await median(
      () => {
        const repository = freshLibrary();
        const start = performance.now();
        replayRowByRow(repository.database, log);
        const elapsed = performance.now() - start;
        repository.close();
        return elapsed;
      },
      NAIVE_RUNS,
      0,
    );
    ctx.log(
      `save into an empty library: ${ms(saveMedian)} (target < 500 ms; with open/close ${ms(save)}) | one statement per row, autocommit: ${ms(naiveSave)} (${ratio(naiveSave, saveMedian)})`,
    );

    // Load.
    const library = freshLibrary();
    const { id } = library.import(plan);
    const load = await median(() => library.export(id), ctx.runs);
    const naive = await median(() => naiveLoad(library.database, id), NAIVE_RUNS, 1);
    ctx.log(
      `load: ${ms(load)} (target < 250 ms) | one query per VPC, table and collection (rows only, no objects): ${ms(naive)} (${ratio(naive, load)})`,
    );

    // One edit: a VPC renamed, saved incrementally (only that VPC's rows are rewritten).
    library.get(id);
    let current = plan;
    let edits = 0;
    const edit = await median(
      () => {
        current = renameVpc(current, 1234 % plan.vpcs.length, `renamed ${edits++}`);
        library.save(id, current);
      },
      Math.max(ctx.runs, 51),
    );
    const exactAfterEdits =
      JSON.stringify(SqlitePlanRepository.open(library.path).export(id)) === JSON.stringify(current);
    library.close();

    // The naive edit: the whole plan rewritten row by row in autocommit.
    const editLog: Recorded[] = [];
    const editRecorder = freshLibrary();
    recordWrites(editRecorder.database, editLog);
    const edited = renameVpc(plan, 1234 % plan.vpcs.length, 'renamed naive');
    const editedId = editRecorder.import(edited).id;
    const naiveEdit = await median(
      () => {
        editRecorder.database.prepare('DELETE FROM plans WHERE id = ?').run(editedId);
        replayRowByRow(editRecorder.database, editLog);
      },
      NAIVE_RUNS,
      0,
    );
    editRecorder.close();
    ctx.log(
      `one edit (one VPC renamed): ${ms(edit)} (target < 5 ms; saved plan exact: ${exactAfterEdits}) | whole plan rewritten row by row: ${ms(naiveEdit)} (${ratio(naiveEdit, edit)})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
