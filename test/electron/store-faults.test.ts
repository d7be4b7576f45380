import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../electron/store/schema';
import { SqlitePlanRepository } from '../../electron/store/sqlite-repository';
import { StoreError } from '../../shared/store/repository';
import type { StoreErrorCode } from '../../shared/store/repository';
import { planForIteration } from './fixtures/crash-plans';
import { chainPlan, richPlan } from './fixtures/library-plans';

let dir: string;
let dbPath: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-faults-'));
  dbPath = join(dir, 'library.peerplan.sqlite');
});

afterEach(() => {
  try {
    chmodSync(dbPath, 0o644);
  } catch {
    // the file may not exist
  }
  rmSync(dir, { recursive: true, force: true });
});

function openError(path: string): StoreError {
  try {
    SqlitePlanRepository.open(path).close();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error(`${path} opened, but it should have been refused`);
}

function expectRefusedUntouched(path: string, code: StoreErrorCode, message: RegExp): void {
  const before = readFileSync(path);
  const mtime = statSync(path).mtimeMs;
  const error = openError(path);
  expect(error.code).toBe(code);
  expect(error.message).toContain(path);
  expect(error.message).toMatch(message);
  expect(readFileSync(path).equals(before)).toBe(true);
  expect(statSync(path).mtimeMs).toBe(mtime);
}

function librarySnapshot(path: string): { id: string; plan: ReturnType<typeof richPlan> } {
  const repository = SqlitePlanRepository.open(path);
  const { id, plan } = repository.import(richPlan());
  repository.close();
  return { id, plan };
}

describe('files that are not a usable library are refused and left untouched', () => {
  it('a text file', () => {
    writeFileSync(dbPath, '{"format": "peerplan/1"} is a plan file, not a library\n'.repeat(10));
    expectRefusedUntouched(dbPath, 'NOT_SQLITE', /not a Peerplan library \(it is not a SQLite database\)/);
  });

  it('a file too short to be SQLite', () => {
    writeFileSync(dbPath, 'SQLite');
    expectRefusedUntouched(dbPath, 'NOT_SQLITE', /too short/);
  });

  it('a corrupted library (damaged pages after a valid header)', () => {
    librarySnapshot(dbPath);
    const bytes = readFileSync(dbPath);
    const pageSize = bytes.readUInt16BE(16);
    for (let offset = pageSize; offset < bytes.length; offset += 7) bytes[offset] = (offset * 31) & 0xff;
    writeFileSync(dbPath, bytes);
    expectRefusedUntouched(dbPath, 'CORRUPT', /damaged.*left untouched/);
  });

  it('a library written by a newer schema', () => {
    librarySnapshot(dbPath);
    const raw = new Database(dbPath);
    raw.pragma('user_version = 99');
    raw.close();
    expectRefusedUntouched(
      dbPath,
      'NEWER_SCHEMA',
      new RegExp(`newer Peerplan \\(schema 99; this one knows up to ${SCHEMA_VERSION}\\)`),
    );
  });

  it("another application's SQLite file", () => {
    const raw = new Database(dbPath);
    raw.pragma('application_id = 1234');
    raw.exec('CREATE TABLE notes (text TEXT)');
    raw.close();
    expectRefusedUntouched(dbPath, 'FOREIGN_FILE', /another application, application_id 1234/);
  });

  it('a SQLite file without our mark that already has tables', () => {
    const raw = new Database(dbPath);
    raw.exec('CREATE TABLE notes (text TEXT)');
    raw.close();
    expectRefusedUntouched(dbPath, 'FOREIGN_FILE', /without Peerplan's mark/);
  });
});

describe('read-only and full', () => {
  it('a read-only library opens for reading and refuses every write with a message', () => {
    const { id, plan } = librarySnapshot(dbPath);
    chmodSync(dbPath, 0o444);
    const before = readFileSync(dbPath);
    const repository = SqlitePlanRepository.open(dbPath);
    try {
      expect(repository.readOnly).toBe(true);
      expect(repository.export(id)).toStrictEqual(plan);
      expect(() => repository.save(id, { ...plan, name: 'x' })).toThrow(/read-only; nothing was saved/);
      expect(() => repository.import(plan)).toThrow(StoreError);
      expect(() => repository.saveRevision(id, 'r')).toThrow(expect.objectContaining({ code: 'READ_ONLY' }));
    } finally {
      repository.close();
    }
    expect(readFileSync(dbPath).equals(before)).toBe(true);
  });

  it('a full disk fails the save with a message and keeps the last save', () => {
    const { id, plan } = librarySnapshot(dbPath);
    const pages = new Database(dbPath).pragma('page_count', { simple: true }) as number;
    const repository = SqlitePlanRepository.open(dbPath, { maxPageCount: pages + 2 });
    try {
      const big = { ...chainPlan(2000), name: 'too big for the disk' };
      let failure: unknown;
      try {
        repository.save(id, big);
      } catch (error) {
        failure = error;
      }
      expect(failure).toBeInstanceOf(StoreError);
      expect((failure as StoreError).code).toBe('DISK_FULL');
      expect((failure as StoreError).message).toMatch(/disk is full.*last save is intact/);
      expect(repository.export(id)).toStrictEqual(plan);
    } finally {
      repository.close();
    }
    const reopened = SqlitePlanRepository.open(dbPath);
    expect(reopened.export(id)).toStrictEqual(plan);
    reopened.close();
  });
});

const SAVE_LOOP = resolve(import.meta.dirname, 'fixtures/save-loop.ts');

/** Starts a writer that saves in a loop; resolves with the last save it reported once killed. */
function killWriterAfter(
  planId: string,
  saves: number,
): Promise<{ lastReported: number; signal: NodeJS.Signals | null }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SAVE_LOOP, dbPath, planId], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lastReported = 0;
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const match = /^saved (\d+)$/.exec(line);
        if (match) lastReported = Number(match[1]);
      }
      if (lastReported >= saves && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the writer exited by itself (${code}): ${stderr}`));
      else resolvePromise({ lastReported, signal });
    });
  });
}

describe('a writer killed in the middle of a save', () => {
  it('leaves a library that opens with the last committed save', async () => {
    const first = SqlitePlanRepository.open(dbPath);
    const { id } = first.import(planForIteration(0));
    first.close();
    for (const saves of [15, 40]) {
      const { lastReported } = await killWriterAfter(id, saves);
      const repository = SqlitePlanRepository.open(dbPath);
      try {
        expect(repository.database.pragma('integrity_check', { simple: true })).toBe('ok');
        const plan = repository.export(id);
        const iteration = Number(/^iteration (\d+)$/.exec(plan.name)?.[1]);
        // The save it reported is committed; at most the one after it was committed unreported.
        expect(iteration).toBeGreaterThanOrEqual(lastReported);
        expect(iteration).toBeLessThanOrEqual(lastReported + 1);
        expect(plan).toStrictEqual(planForIteration(iteration));
      } finally {
        repository.close();
      }
    }
  }, 60_000);

  it('two writers at once wait for each other instead of corrupting the library', async () => {
    const setup = SqlitePlanRepository.open(dbPath);
    const a = setup.import(planForIteration(0)).id;
    const b = setup.import(planForIteration(0)).id;
    setup.close();
    const [first, second] = await Promise.all([killWriterAfter(a, 30), killWriterAfter(b, 30)]);
    expect(first.lastReported).toBeGreaterThanOrEqual(30);
    expect(second.lastReported).toBeGreaterThanOrEqual(30);
    const repository = SqlitePlanRepository.open(dbPath);
    try {
      expect(repository.database.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const id of [a, b]) {
        const plan = repository.export(id);
        expect(plan).toStrictEqual(planForIteration(Number(plan.name.split(' ')[1])));
      }
    } finally {
      repository.close();
    }
  }, 60_000);
});
