/**
 * The library off the main thread: the client of the worker thread that owns the SQLite connection
 * does every repository operation with the repository's own results and errors (a `StoreError`
 * with its code and message), answers the plan list while a long save runs, keeps reads asked
 * after a save behind it, and the built app's worker bundle runs on plain Node.
 */
import { build } from 'esbuild';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqlitePlanRepository } from '../../electron/store/sqlite-repository';
import { isLibraryChannel, WorkerPlanRepository } from '../../electron/store/worker-client';
import { CHANNELS } from '../../shared/ipc/contract';
import { SOURCE_WORKER_FILE } from '../../electron/store/worker-file';
import type { Plan } from '../../shared/plan/model';
import { StoreError } from '../../shared/store/repository';
import { referencePlanText } from '../bench/reference-plan';
import { chainPlan, parseOrThrow, richPlan } from './fixtures/library-plans';
import { REPO_ROOT } from './run-peerplan';

let dir: string;
let dbPath: string;
const opened: { close(): unknown }[] = [];

async function openClient(path = dbPath, workerFile = SOURCE_WORKER_FILE): Promise<WorkerPlanRepository> {
  const library = await WorkerPlanRepository.open(path, { workerFile });
  opened.push(library);
  return library;
}

/** The file as another process sees it (the repository itself, no worker). */
function openDirect(path = dbPath): SqlitePlanRepository {
  const repository = SqlitePlanRepository.open(path);
  opened.push(repository);
  return repository;
}

async function storeErrorOf(promise: Promise<unknown>): Promise<StoreError> {
  const error: unknown = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

function renamed(plan: Plan, name: string): Plan {
  return {
    ...plan,
    name,
    vpcs: plan.vpcs.map((vpc, i) => (i === 0 ? { ...vpc, name: `${name} VPC` } : vpc)),
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-store-worker-'));
  dbPath = join(dir, 'library.peerplan.sqlite');
});

afterEach(async () => {
  for (const library of opened.splice(0).reverse()) await library.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the worker client', () => {
  it('does every repository operation, with what the file holds afterwards', async () => {
    const library = await openClient();
    expect(library.path).toBe(dbPath);
    expect(library.readOnly).toBe(false);
    expect(await library.list()).toEqual([]);

    const rich = richPlan();
    const imported = await library.import(rich);
    expect(imported.plan).toStrictEqual(rich);
    const created = await library.create(chainPlan(3), { name: 'Chain' });
    expect(created.plan.name).toBe('Chain');

    // Read back through the worker and through a second connection: the same plan, exactly.
    expect(await library.export(imported.id)).toStrictEqual(rich);
    expect(openDirect().export(imported.id)).toStrictEqual(rich);
    const got = await library.get(imported.id);
    expect(got.plan).toStrictEqual(rich);

    const edited = renamed(rich, 'Edited');
    const { updatedAt } = await library.save(imported.id, edited);
    expect(typeof updatedAt).toBe('string');
    expect(await library.export(imported.id)).toStrictEqual(edited);

    // Positions: an element named like an Object.prototype key is kept as a position of its own.
    const positions = { 'vpc-a': { x: 1, y: 2 }, ['__proto__']: { x: 3, y: 4 }, toString: { x: 5, y: 6 } };
    await library.savePositions(imported.id, positions);
    const stored = await library.positions(imported.id);
    expect(Object.getPrototypeOf(stored)).toBeNull();
    expect(Object.keys(stored).sort()).toEqual(['__proto__', 'toString', 'vpc-a']);
    expect(stored['__proto__']).toEqual({ x: 3, y: 4 });
    expect(stored['toString']).toEqual({ x: 5, y: 6 });

    const renamedSummary = await library.rename(imported.id, 'Renamed');
    expect(renamedSummary.name).toBe('Renamed');
    const copy = await library.duplicate(imported.id, 'Copy');
    expect(copy.name).toBe('Copy');
    expect(copy.id).not.toBe(imported.id);

    const revision = await library.saveRevision(imported.id, 'first');
    expect(revision).toMatchObject({ planId: imported.id, message: 'first' });
    await library.save(imported.id, renamed(rich, 'Later'));
    expect((await library.revisions(imported.id)).map((r) => r.message)).toEqual(['first']);
    const openedRevision = await library.openRevision(revision.id);
    expect(openedRevision.plan.vpcs[0]!.name).toBe('Edited VPC');
    expect(openedRevision.positions['__proto__']).toEqual({ x: 3, y: 4 });
    const restored = await library.restoreRevision(revision.id);
    expect(restored.plan.vpcs[0]!.name).toBe('Edited VPC');
    expect(restored.positions['toString']).toEqual({ x: 5, y: 6 });
    // Restoring keeps what it replaced as a revision first.
    expect((await library.revisions(imported.id)).map((r) => r.message).sort()).toEqual([
      'Before restoring revision ' + revision.id + ' (first)',
      'first',
    ]);

    await library.delete(created.id);
    const names = (await library.list()).map((summary) => summary.name).sort();
    expect(names).toEqual(['Copy', 'Renamed']);

    const copyPath = join(dir, 'copy.peerplan.sqlite');
    await library.saveCopy(copyPath);
    expect(
      openDirect(copyPath)
        .list()
        .map((summary) => summary.name)
        .sort(),
    ).toEqual(['Copy', 'Renamed']);
  });

  it('maps failures back to StoreError with the code and message the repository gives', async () => {
    const library = await openClient();
    const direct = openDirect();
    const directMessage = (() => {
      try {
        direct.get('nope');
      } catch (error) {
        return (error as StoreError).message;
      }
      return '';
    })();
    const missing = await storeErrorOf(library.get('nope'));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toBe(directMessage);
    expect(missing.message).toContain('"nope"');
    expect((await storeErrorOf(library.openRevision(999))).code).toBe('NOT_FOUND');
    expect((await storeErrorOf(library.save('nope', chainPlan(1)))).code).toBe('NOT_FOUND');
    // The worker goes on answering after a failure.
    expect(await library.list()).toEqual([]);
  });

  it('answers whole API calls as JSON when opened with the API: parsed and checked in the worker', async () => {
    const library = await WorkerPlanRepository.open(dbPath, {
      workerFile: SOURCE_WORKER_FILE,
      api: { shell: 'browser', version: '9.9.9' },
    });
    opened.push(library);
    expect(JSON.parse(await library.dispatchJson('app.info', ''))).toEqual({
      ok: true,
      value: { version: '9.9.9', libraryPath: dbPath, shell: 'browser' },
    });
    const created = JSON.parse(
      await library.dispatchJson('plans.create', JSON.stringify({ name: 'From JSON' })),
    );
    expect(created).toMatchObject({ ok: true, value: { plan: { name: 'From JSON', vpcs: [] } } });
    expect(JSON.parse(await library.dispatchJson('plans.list', '{}')).value).toEqual([
      expect.objectContaining({ id: created.value.id, name: 'From JSON', vpcCount: 0 }),
    ]);
    expect(JSON.parse(await library.dispatchJson('plans.list', '{"x'))).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'The request is not JSON.' },
    });
    expect(
      JSON.parse(await library.dispatchJson('plans.get', JSON.stringify({ id: 'nope' }))).error.code,
    ).toBe('NOT_FOUND');
    expect(JSON.parse(await library.dispatchJson('plans.nothing', '{}')).error.code).toBe('UNKNOWN_CHANNEL');
    expect(JSON.parse(await library.dispatchJson('plans.rename', JSON.stringify({ id: 1 }))).error.code).toBe(
      'BAD_REQUEST',
    );
  });

  it('answers whole API calls with the payload as a value (Electron IPC), checked in the worker', async () => {
    const library = await WorkerPlanRepository.open(dbPath, {
      workerFile: SOURCE_WORKER_FILE,
      api: { shell: 'electron', version: '1.0.0' },
    });
    opened.push(library);
    expect(await library.dispatch('app.info', {})).toEqual({
      ok: true,
      value: { version: '1.0.0', libraryPath: dbPath, shell: 'electron' },
    });
    const created = await library.dispatch('plans.create', { name: 'By IPC' });
    expect(created).toMatchObject({ ok: true, value: { plan: { name: 'By IPC' } } });
    expect(await library.dispatch('plans.rename', { id: 7 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await library.dispatch('plans.delete', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('sends the library channels to the worker and keeps the ones with native dialogs in the main process', () => {
    const library = CHANNELS.filter((channel) => isLibraryChannel(channel)).sort();
    expect(library).toEqual(
      [
        'app.info',
        'plans.list',
        'plans.get',
        'plans.create',
        'plans.save',
        'plans.rename',
        'plans.duplicate',
        'plans.delete',
        'plans.savePositions',
        'plans.import',
        'plans.export',
        'revisions.list',
        'revisions.save',
        'revisions.open',
        'revisions.restore',
      ].sort(),
    );
    expect(CHANNELS.filter((channel) => !isLibraryChannel(channel)).sort()).toEqual([
      'files.openText',
      'files.savePdf',
      'files.saveText',
      'library.saveCopy',
    ]);
  });

  it('refuses to open a file that is not a library, with the repository error', async () => {
    const notLibrary = join(dir, 'notes.txt');
    writeFileSync(notLibrary, 'just some text, long enough to have a header of a hundred bytes. '.repeat(4));
    const error = await storeErrorOf(
      WorkerPlanRepository.open(notLibrary, { workerFile: SOURCE_WORKER_FILE }),
    );
    expect(error.code).toBe('NOT_SQLITE');
    expect(error.message).toContain(notLibrary);
  });

  it('reports READ_ONLY for a write to a read-only library, and still reads it', async () => {
    const direct = SqlitePlanRepository.open(dbPath);
    const { id } = direct.import(chainPlan(2));
    direct.close();
    chmodSync(dbPath, 0o444);
    const library = await openClient();
    expect(library.readOnly).toBe(true);
    expect((await library.list()).map((summary) => summary.id)).toEqual([id]);
    const error = await storeErrorOf(library.rename(id, 'x'));
    expect(error.code).toBe('READ_ONLY');
    expect(error.message).toContain('nothing was saved');
  });

  it('answers the plan list while a save of the reference plan runs, and keeps later reads behind the save', async () => {
    const reference = parseOrThrow(referencePlanText(), 'reference.json');
    const library = await openClient();
    const small = await library.import(chainPlan(2, 'Small'));

    const finished: string[] = [];
    const save = library.save(small.id, reference).then(() => finished.push('save'));
    const list = library.list().then((summaries) => {
      finished.push('list');
      return summaries;
    });
    // Asked after the save: answered after it, and sees it.
    const exported = library.export(small.id).then((plan) => {
      finished.push('export');
      return plan;
    });
    await Promise.all([save, list, exported]);

    expect(finished).toEqual(['list', 'save', 'export']);
    // The list shows the library as of its last commit: the small plan, before the save.
    expect((await list).map((summary) => [summary.name, summary.vpcCount])).toEqual([['Small', 2]]);
    expect((await exported).vpcs).toHaveLength(reference.vpcs.length);
    expect(await exported).toStrictEqual(reference);
    expect((await library.list()).map((summary) => summary.vpcCount)).toEqual([reference.vpcs.length]);
  }, 120_000);

  it('fails a call made once its thread is gone, instead of leaving it waiting', async () => {
    const library = await openClient();
    await library.close();
    const error = await storeErrorOf(library.list());
    expect(error.code).toBe('IO');
    expect(error.message).toContain('worker thread stopped');
  });
});

describe('the built app', () => {
  const buildScript = (
    JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts['build:electron']!;

  it('bundles the worker as its own file beside main.cjs, where the main process looks for it', () => {
    const entry =
      / esbuild electron\/store\/store-worker\.ts (.*?)--outfile=dist-electron\/store-worker\.cjs/.exec(
        buildScript,
      );
    expect(entry).not.toBeNull();
    expect(readFileSync(join(REPO_ROOT, 'electron/main.ts'), 'utf8')).toContain(
      "join(__dirname, 'store-worker.cjs')",
    );
    // electron-builder packs all of dist-electron/.
    expect(readFileSync(join(REPO_ROOT, 'build/electron-builder.yml'), 'utf8')).toMatch(
      /^files:\n(?: {2}- .*\n)*? {2}- dist-electron\/\*\*\/\*\n/m,
    );
  });

  it('runs the bundled worker on plain Node (no TypeScript loader) and opens a library with it', async () => {
    const built = join(REPO_ROOT, 'dist-electron', `store-worker.test-${process.pid}.cjs`);
    await build({
      absWorkingDir: REPO_ROOT,
      entryPoints: ['electron/store/store-worker.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      mainFields: ['module', 'main'],
      external: ['better-sqlite3'],
      // better-sqlite3 is resolved from the repository, as from the app's node_modules.
      outfile: built,
      logLevel: 'silent',
    });
    try {
      expect(buildScript).toContain('--main-fields=module,main');
      const source = readFileSync(built, 'utf8');
      expect(source).not.toMatch(/require\("\.\/impl\//);
      const library = await openClient(dbPath, built);
      const { id } = await library.import(chainPlan(2, 'Bundled'));
      expect((await library.list()).map((summary) => [summary.id, summary.name])).toEqual([[id, 'Bundled']]);
    } finally {
      rmSync(built, { force: true });
    }
  });
});
