import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePlanFiles, parseOrThrow } from './fixtures/library-plans';

const BIN = resolve(import.meta.dirname, '../../bin/peerplan.js');
let dir: string;

function peerplan(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', PEERPLAN_TODAY: '2026-11-26', ...env },
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-cli-db-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('peerplan db', () => {
  it('imports a plan file, lists it, and exports exactly the normalised plan', () => {
    const db = join(dir, 'library.peerplan.sqlite');
    const example = examplePlanFiles()[0]!;
    const file = join(dir, example.name);
    writeFileSync(file, example.text);

    const imported = peerplan(['db', '--db', db, 'import', file, '--json']);
    expect(imported.status, imported.stderr).toBe(0);
    const { id, name } = JSON.parse(imported.stdout) as { id: string; name: string };

    const listed = peerplan(['db', 'list'], { PEERPLAN_DB: db });
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(`^${id}\\s+${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+\\d+\\s+\\d+\\s`, 'm'),
    );

    const out = join(dir, 'exported.json');
    const exported = peerplan(['db', '--db', db, 'export', id, '-o', out]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(parseOrThrow(readFileSync(out, 'utf8'))).toStrictEqual(parseOrThrow(example.text));
    expect(peerplan(['db', '--db', db, 'export', id]).stdout).toBe(readFileSync(out, 'utf8'));
  }, 30_000);

  it('refuses what it cannot use with one line and exit 2', () => {
    const bad = join(dir, 'not-a-library.sqlite');
    writeFileSync(bad, 'hello, this is not SQLite at all; it is long enough to have a header. '.repeat(3));
    const refused = peerplan(['db', '--db', bad, 'list']);
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim()).toBe(
      `${bad}: not a Peerplan library (it is not a SQLite database). It was left untouched.`,
    );

    const missing = peerplan(['db', '--db', join(dir, 'lib2.sqlite'), 'export', 'nope']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no library here yet/);

    const usage = peerplan(['db', 'drop']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/unknown action "drop"[\s\S]*Usage: peerplan db/);
  }, 30_000);
});
