/**
 * The browser-build server with the library in its worker thread: a request made while a save of
 * the reference plan runs is answered before that save finishes (the latency itself is measured by
 * the `store-worker` bench section, not here), and `serve` shows the library path with its control
 * characters escaped in its start banner.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TOKEN_HEADER } from '../../electron/server';
import type { RunningServer } from '../../electron/server';
import { asPlanFile } from '../../shared/plan/as-file';
import { referencePlanText } from '../bench/reference-plan';
import { parseOrThrow } from './fixtures/library-plans';
import { REPO_ROOT } from './run-peerplan';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-serve-worker-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the server during a long save', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ dbPath: join(dir, 'library.peerplan.sqlite'), staticDir: dir });
  });

  afterAll(async () => {
    await server.close();
  });

  async function api(channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown }> {
    const response = await fetch(`${server.origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: server.token },
      body: JSON.stringify(payload),
    });
    return (await response.json()) as { ok: boolean; value?: unknown };
  }

  it('answers app.info and plans.list before a save of the reference plan over a small plan finishes', async () => {
    const created = await api('plans.create', { name: 'Small' });
    expect(created.ok).toBe(true);
    const id = (created.value as { id: string }).id;
    const reference = asPlanFile(parseOrThrow(referencePlanText(), 'reference.json'));

    const finished: string[] = [];
    const save = api('plans.save', { id, plan: reference }).then((answer) => {
      finished.push('save');
      return answer;
    });
    const info = api('app.info', {}).then((answer) => {
      finished.push('app.info');
      return answer;
    });
    const list = api('plans.list', {}).then((answer) => {
      finished.push('plans.list');
      return answer;
    });
    const [saved, infoAnswer, listAnswer] = await Promise.all([save, info, list]);

    expect(saved.ok).toBe(true);
    expect(infoAnswer).toMatchObject({ ok: true, value: { shell: 'browser' } });
    expect(listAnswer.ok).toBe(true);
    expect(finished.at(-1)).toBe('save');
    expect(finished.slice(0, 2).sort()).toEqual(['app.info', 'plans.list']);
    // Once the save is answered, the list shows it.
    const after = await api('plans.list', {});
    expect((after.value as { vpcCount: number }[]).map((summary) => summary.vpcCount)).toEqual([
      reference.vpcs.length,
    ]);
  }, 120_000);
});

describe('npm run serve', () => {
  it('shows the library path with control characters escaped in its start banner', async () => {
    // A folder name with an escape sequence (red text) and a line break in it.
    const library = join(dir, 'evil\u001b[31mred\nline', 'library.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'electron/serve.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, PEERPLAN_DB: library },
    });
    let stdout = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve printed no banner: ${stdout}`)), 60_000);
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
          if (stdout.includes('Ctrl+C stops it.')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`serve ended (${code}) before its banner: ${stdout}`)));
      });
    } finally {
      child.kill('SIGTERM');
    }
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(
      `Peerplan (browser build) on 127.0.0.1, library ${dir}/evil\\x1b[31mred\\nline/library.sqlite`,
    );
    expect(lines[1]).toMatch(/^Open: http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+$/);
    expect(stdout).not.toContain('\u001b');
  }, 90_000);
});
