import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqlitePlanRepository } from '../../electron/store/sqlite-repository';
import type { Plan, Vpc } from '../../shared/plan/model';
import { StoreError } from '../../shared/store/repository';
import { chainPlan, examplePlanFiles, parseOrThrow, richPlan } from './fixtures/library-plans';

let dir: string;
let dbPath: string;
const open: SqlitePlanRepository[] = [];

function openRepository(path = dbPath): SqlitePlanRepository {
  const repository = SqlitePlanRepository.open(path);
  open.push(repository);
  return repository;
}

/** A second connection, as the next start of the app or another process would see the file. */
function reopen(): SqlitePlanRepository {
  return openRepository();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-store-'));
  dbPath = join(dir, 'library.peerplan.sqlite');
});

afterEach(() => {
  for (const repository of open.splice(0)) repository.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('import and export', () => {
  const examples = examplePlanFiles();

  it('finds the example plans that ship in shared/examples', () => {
    // Named here, so a fixture loader that silently finds nothing (or another folder) fails.
    expect(examples.map((example) => example.name)).toEqual(
      expect.arrayContaining(['multi-region.json', 'quickstart.json', 'shanghai-hub.json']),
    );
  });

  it.each(examples.map((example) => [example.name, example.text]))(
    '%s: plan file → library → plan is the normalised plan, exactly',
    (name, text) => {
      const plan = parseOrThrow(text, name);
      const { id } = openRepository().import(plan);
      expect(reopen().export(id)).toStrictEqual(plan);
    },
  );

  it('keeps every field of a rich plan: optional fields, duplicates, dangling references, prices, traffic', () => {
    const plan = richPlan();
    const { id } = openRepository().import(plan);
    const exported = reopen().export(id);
    expect(exported).toStrictEqual(plan);
    expect(exported.traffic).toHaveLength(plan.traffic.length);
    expect(exported.vpcs.map((vpc) => vpc.id)).toEqual(['vpc-gz', 'vpc-bj', 'vpc-bj']);
  });

  it('stores a day of five-minute traffic as one row', () => {
    const repository = openRepository();
    const { id } = repository.import(richPlan());
    const rows = repository.database
      .prepare("SELECT count(*) FROM traffic WHERE plan_id = ? AND day = '2026-11-18'")
      .pluck()
      .get(id);
    expect(rows).toBe(1);
  });

  it('names a plan on import when asked, and lists it', () => {
    const repository = openRepository();
    const stored = repository.import(chainPlan(3), { name: 'Renamed on import' });
    expect(stored.plan.name).toBe('Renamed on import');
    expect(reopen().list()).toEqual([
      { id: stored.id, name: 'Renamed on import', updatedAt: stored.updatedAt, vpcCount: 3, peeringCount: 2 },
    ]);
  });
});

describe('saving edits', () => {
  function replaceVpc(plan: Plan, index: number, change: (vpc: Vpc) => Vpc): Plan {
    return { ...plan, vpcs: plan.vpcs.map((vpc, i) => (i === index ? change(vpc) : vpc)) };
  }

  it('saves each kind of edit so that a fresh connection loads exactly the saved plan', () => {
    const repository = openRepository();
    let plan = richPlan();
    const { id } = repository.import(plan);
    const edits: ((plan: Plan) => Plan)[] = [
      (p) => replaceVpc(p, 0, (vpc) => ({ ...vpc, name: 'GZ renamed', secondaryCidrs: ['172.18.0.0/20'] })),
      (p) =>
        replaceVpc(p, 0, (vpc) => ({
          ...vpc,
          routeTables: [
            { ...vpc.routeTables[0]!, routes: vpc.routeTables[0]!.routes.slice(1) },
            { ...vpc.routeTables[1]!, name: 'renamed table', default: false },
            {
              id: 'rtb-new',
              name: 'new',
              default: false,
              routes: [
                { destination: '10.0.0.0/8', nextHop: { type: 'peering', id: 'pcx-gzbj' }, enabled: true },
              ],
            },
          ],
          subnets: [
            ...vpc.subnets,
            { id: 'subnet-new', name: 'new', cidr: '192.168.9.0/24', routeTable: 'rtb-new' },
          ],
        })),
      (p) =>
        replaceVpc(p, 0, (vpc) => ({
          ...vpc,
          routeTables: vpc.routeTables.slice(0, 1),
          subnets: vpc.subnets.slice(1),
        })),
      (p) => ({ ...p, peerings: p.peerings.map((e, i) => (i === 0 ? { ...e, id: 'pcx-renamed' } : e)) }),
      (p) => ({ ...p, peerings: p.peerings.slice(1) }),
      (p) => ({ ...p, vpcs: p.vpcs.slice(0, 2) }),
      (p) => ({
        ...p,
        vpcs: [...p.vpcs, ...chainPlan(2).vpcs],
        peerings: [...p.peerings, ...chainPlan(2).peerings],
      }),
      (p) => ({ ...p, traffic: p.traffic.slice(0, 10), prices: null }),
      (p) => ({ ...p, accounts: p.accounts.slice(0, 1), settings: { ...p.settings, freeBandwidthMbps: 5 } }),
      (p) => ({ ...p, name: 'After all edits', asOf: '2026-12-01' }),
    ];
    for (const edit of edits) {
      plan = edit(plan);
      repository.save(id, plan);
      expect(reopen().export(id)).toStrictEqual(plan);
      expect(repository.export(id)).toStrictEqual(plan);
    }
  });

  it('a save after another connection wrote the plan rewrites it whole', () => {
    const first = openRepository();
    const { id, plan } = first.import(chainPlan(4));
    first.get(id);
    const second = reopen();
    const secondPlan = replaceVpc(plan, 1, (vpc) => ({ ...vpc, name: 'from the second window' }));
    second.save(id, secondPlan);
    const firstPlan = replaceVpc(plan, 2, (vpc) => ({ ...vpc, name: 'from the first window' }));
    first.save(id, firstPlan);
    expect(reopen().export(id)).toStrictEqual(firstPlan);
  });

  it('links routes and traffic to the peering they name, and relinks when a peering is renamed', () => {
    const repository = openRepository();
    const plan = richPlan();
    const { id } = repository.import(plan);
    const linkedRoutes = () =>
      repository.database
        .prepare(
          `SELECT r.next_hop_id, p.peering_id FROM routes r LEFT JOIN peerings p ON p.row_id = r.peering_row
           WHERE r.next_hop_type = 'peering' ORDER BY r.route_table_row, r.ordinal`,
        )
        .raw()
        .all();
    expect(linkedRoutes()).toEqual([
      ['pcx-gzbj', 'pcx-gzbj'],
      ['pcx-missing', null],
      ['pcx-gzbj', 'pcx-gzbj'],
    ]);
    repository.save(id, {
      ...plan,
      peerings: plan.peerings.map((e) => (e.id === 'pcx-gzbj' ? { ...e, id: 'pcx-new' } : e)),
    });
    expect(linkedRoutes()).toEqual([
      ['pcx-gzbj', null],
      ['pcx-missing', null],
      ['pcx-gzbj', null],
    ]);
  });
});

describe('cascades', () => {
  it('deleting a peering deletes the routes and traffic that point at it, as the cloud does', () => {
    const repository = openRepository();
    const { id } = repository.import(richPlan());
    const db = repository.database;
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    expect(count("SELECT count(*) FROM routes WHERE next_hop_id = 'pcx-gzbj'")).toBe(2);
    expect(count("SELECT count(*) FROM traffic WHERE peering_id = 'pcx-gzbj'")).toBeGreaterThan(0);
    db.prepare("DELETE FROM peerings WHERE plan_id = ? AND peering_id = 'pcx-gzbj'").run(id);
    expect(count("SELECT count(*) FROM routes WHERE next_hop_id = 'pcx-gzbj'")).toBe(0);
    expect(count("SELECT count(*) FROM traffic WHERE peering_id = 'pcx-gzbj'")).toBe(0);
    // Routes to other next hops, and the dangling one, stay.
    expect(count('SELECT count(*) FROM routes')).toBe(2);
  });

  it('deleting a plan deletes everything it owns', () => {
    const repository = openRepository();
    const { id } = repository.import(richPlan());
    repository.savePositions(id, { 'vpc-gz': { x: 1, y: 2 } });
    repository.saveRevision(id, 'first');
    repository.delete(id);
    const db = repository.database;
    for (const table of [
      'plans',
      'accounts',
      'vpcs',
      'vpc_cidrs',
      'route_tables',
      'routes',
      'subnets',
      'peerings',
      'price_catalogs',
      'traffic',
      'canvas_positions',
      'revisions',
    ]) {
      expect([table, db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()]).toEqual([table, 0]);
    }
    expect(() => repository.get(id)).toThrow(StoreError);
    expect(() => repository.delete(id)).toThrow(/no plan with ID/);
  });
});

describe('plans, positions and revisions', () => {
  it('renames, duplicates (with positions) and deletes', () => {
    const repository = openRepository();
    const { id } = repository.import(chainPlan(2));
    repository.savePositions(id, { 'vpc-0': { x: 10, y: -20.5 } });
    expect(repository.rename(id, 'Renamed').name).toBe('Renamed');
    expect(reopen().export(id).name).toBe('Renamed');
    const copy = repository.duplicate(id);
    expect(copy.name).toBe('Renamed (copy)');
    expect(repository.get(copy.id).positions).toEqual({ 'vpc-0': { x: 10, y: -20.5 } });
    expect({ ...reopen().export(copy.id), name: 'Renamed' }).toStrictEqual(reopen().export(id));
  });

  it('saves a revision with a message and time, opens it read-only and restores it', () => {
    let tick = Date.parse('2026-11-26T08:00:00Z');
    const repository = SqlitePlanRepository.open(dbPath, { now: () => new Date((tick += 1000)) });
    open.push(repository);
    const original = chainPlan(3);
    const { id } = repository.import(original);
    repository.savePositions(id, { 'vpc-0': { x: 1, y: 1 } });
    const revision = repository.saveRevision(id, 'Before the big change');
    expect(revision).toEqual({
      id: revision.id,
      planId: id,
      message: 'Before the big change',
      createdAt: '2026-11-26T08:00:03.000Z',
    });

    const edited = { ...original, name: 'Edited', vpcs: original.vpcs.slice(1) };
    repository.save(id, edited);
    repository.savePositions(id, { 'vpc-1': { x: 5, y: 5 } });

    const opened = reopen().openRevision(revision.id);
    expect(opened.plan).toStrictEqual(original);
    expect(reopen().export(id)).toStrictEqual(edited);

    const restored = repository.restoreRevision(revision.id);
    expect(restored.plan).toStrictEqual(original);
    expect(restored.positions).toEqual({ 'vpc-0': { x: 1, y: 1 } });
    expect(reopen().export(id)).toStrictEqual(original);

    const revisions = repository.revisions(id);
    expect(revisions.map((r) => r.message)).toEqual([
      `Before restoring revision ${revision.id} (Before the big change)`,
      'Before the big change',
    ]);
    expect(reopen().openRevision(revisions[0]!.id).plan).toStrictEqual(edited);
    expect(() => repository.openRevision(9999)).toThrow(/no revision 9999/);
  });

  it('saves a copy of the library through the backup API while it is open', async () => {
    const repository = openRepository();
    const { id, plan } = repository.import(richPlan());
    const copyPath = join(dir, 'copy.peerplan.sqlite');
    await repository.saveCopy(copyPath);
    repository.save(id, { ...plan, name: 'changed after the copy' });
    const copy = openRepository(copyPath);
    expect(copy.export(id)).toStrictEqual(plan);
  });
});

describe('the library with plain SQL', () => {
  const sqlite3 = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
  const available = sqlite3.status === 0;

  const title = `Debian's sqlite3 lists plans and VPCs with plain SQL${available ? '' : ' (skipped: the sqlite3 command is not installed; apt-get install -y sqlite3)'}`;
  it.skipIf(!available)(title, () => {
    const repository = openRepository();
    const text = examplePlanFiles()[0]?.text ?? JSON.stringify(chainPlan(2));
    const { id } = repository.import(parseOrThrow(text));
    repository.close();
    // What sqlite3 must print, read from the plan file itself (plain JSON, not our parser).
    const fileVpcs = (JSON.parse(text) as { vpcs: { id: string; region: string; cidr: string }[] }).vpcs;
    const run = (sql: string) => spawnSync('sqlite3', ['-readonly', dbPath, sql], { encoding: 'utf8' });
    const plans = run('SELECT id, name FROM plans;');
    expect(plans.status, plans.stderr).toBe(0);
    expect(plans.stdout).toContain(id);
    const vpcs = run(`SELECT vpc_id, region, cidr FROM vpcs WHERE plan_id = '${id}' ORDER BY ordinal;`);
    expect(vpcs.status, vpcs.stderr).toBe(0);
    expect(vpcs.stdout.trim().split('\n')).toEqual(
      fileVpcs.map((vpc) => `${vpc.id}|${vpc.region}|${vpc.cidr}`),
    );
    expect(run('PRAGMA application_id;').stdout.trim()).toBe(String(0x50504c4e));
  });
});
