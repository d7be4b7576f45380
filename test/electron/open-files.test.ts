/**
 * Plan files opened from outside the window (electron/shell/open-files.ts): which arguments of a
 * launch are plan files, and the import-or-focus against a real library. Without Electron.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cliArgsOf,
  commandShim,
  openPlanFile,
  planFilesInArgv,
  withRecentFile,
} from '../../electron/shell/open-files';
import { SqlitePlanRepository } from '../../electron/store/sqlite-repository';

const QUICK_START = new URL('../../shared/examples/quickstart.json', import.meta.url);
const today = () => '2026-11-26';

describe('plan files in a launch’s arguments', () => {
  it('takes the .json arguments after the executable, resolved against the launch folder', () => {
    expect(
      planFilesInArgv(['/opt/Peerplan/peerplan-desktop', 'a.peerplan.json', '/abs/b.JSON', 'notes.txt'], {
        isPackaged: true,
        workingDirectory: '/home/ada/plans',
      }),
    ).toEqual(['/home/ada/plans/a.peerplan.json', '/abs/b.JSON']);
  });

  it('skips the app folder of `electron .`, options and the value of --db; `--` ends the options', () => {
    expect(
      planFilesInArgv(
        ['electron', '.', '--db', 'lib.json', '--enable-logging', 'x.json', '--', '--odd.json'],
        {
          isPackaged: false,
          workingDirectory: '/w',
        },
      ),
    ).toEqual(['/w/x.json', '/w/--odd.json']);
    // Packaged, the first argument is already a file.
    expect(planFilesInArgv(['/opt/app', 'only.json'], { isPackaged: true, workingDirectory: '/w' })).toEqual([
      '/w/only.json',
    ]);
    expect(planFilesInArgv(['/opt/app'], { isPackaged: true, workingDirectory: '/w' })).toEqual([]);
  });
});

describe('the command-line mode of the app binary', () => {
  it('takes what follows --cli (and a -- right after it), or nothing when absent', () => {
    expect(
      cliArgsOf(['/opt/Peerplan/peerplan-desktop', '--headless', '--cli', '--', 'check', 'x.json']),
    ).toEqual(['check', 'x.json']);
    expect(cliArgsOf(['/opt/app', '--cli', 'db', 'list', '--', 'x'])).toEqual(['db', 'list', '--', 'x']);
    expect(cliArgsOf(['/opt/app', 'plan.json'])).toBeNull();
  });

  it('writes an AppImage shim that passes every argument through, quoting the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerplan-shim-'));
    try {
      // A stand-in for the app binary that prints the arguments it was given, one per line.
      const fakeApp = join(dir, "Peer plan's.AppImage");
      writeFileSync(fakeApp, '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n');
      chmodSync(fakeApp, 0o755);
      const shim = join(dir, 'peerplan');
      writeFileSync(shim, commandShim(fakeApp));
      chmodSync(shim, 0o755);
      const printed = execFileSync(shim, ['check', 'my plan.json', '--json'])
        .toString()
        .trimEnd()
        .split('\n');
      expect(printed).toEqual([
        '--headless',
        '--disable-gpu',
        '--cli',
        '--',
        'check',
        'my plan.json',
        '--json',
      ]);
      expect(cliArgsOf(['app', ...printed])).toEqual(['check', 'my plan.json', '--json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('opening a plan file into the library', () => {
  let dir: string;
  let repository: SqlitePlanRepository;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'peerplan-open-'));
    repository = SqlitePlanRepository.open(join(dir, 'library.sqlite'));
  });
  afterEach(() => {
    repository.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a new plan, then focuses it when the same file is opened again', async () => {
    const path = join(dir, 'quick.peerplan.json');
    writeFileSync(path, readFileSync(QUICK_START));
    const name = (JSON.parse(readFileSync(QUICK_START, 'utf8')) as { name: string }).name;

    const first = await openPlanFile(path, { repository, today });
    expect(first).toMatchObject({ kind: 'imported', name });
    expect(repository.list().map((plan) => plan.name)).toEqual([name]);

    const again = await openPlanFile(path, { repository, today });
    expect(again).toEqual({ kind: 'focused', planId: (first as { planId: string }).planId, name });
    expect(repository.list()).toHaveLength(1);
  });

  it('imports a changed file with the same name as a new plan (the library one stays as it was)', async () => {
    const path = join(dir, 'quick.json');
    const file = JSON.parse(readFileSync(QUICK_START, 'utf8')) as { vpcs: { name: string }[] };
    writeFileSync(path, JSON.stringify(file));
    const first = await openPlanFile(path, { repository, today });
    file.vpcs[0]!.name = 'Renamed in the file';
    writeFileSync(path, JSON.stringify(file));
    const second = await openPlanFile(path, { repository, today });
    expect(second.kind).toBe('imported');
    expect((second as { planId: string }).planId).not.toBe((first as { planId: string }).planId);
    expect(repository.list()).toHaveLength(2);
  });

  it('refuses a missing file, a folder and a broken plan with one message naming it, importing nothing', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"format": "peerplan/1",\n  "name": }');
    mkdirSync(join(dir, 'folder.json'));
    expect(await openPlanFile(join(dir, 'missing.json'), { repository, today })).toEqual({
      kind: 'refused',
      message: `${join(dir, 'missing.json')}: no such file.`,
    });
    expect(await openPlanFile(join(dir, 'folder.json'), { repository, today })).toEqual({
      kind: 'refused',
      message: `${join(dir, 'folder.json')}: a folder, not a file.`,
    });
    const refused = await openPlanFile(broken, { repository, today });
    expect(refused.kind).toBe('refused');
    expect((refused as { message: string }).message).toMatch(/^broken\.json:2:\d+: /);
    expect(repository.list()).toEqual([]);
  });
});

describe('the recent files', () => {
  it('puts the newest first, keeps each path once and at most ten', () => {
    expect(withRecentFile(['/a', '/b', '/c'], '/b')).toEqual(['/b', '/a', '/c']);
    const many = Array.from({ length: 10 }, (_, i) => `/p${i}`);
    expect(withRecentFile(many, '/new')).toEqual(['/new', ...many.slice(0, 9)]);
  });
});
