/**
 * The shipped command line is plain JavaScript that stands alone: the bin and the bundle copied
 * into an empty folder (no node_modules: no tsx, no zod, no jsonc-parser) still check a plan, as
 * in the packaged app. Also the code cache: a second run reuses the cache the first one wrote.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './run-peerplan';

const work = mkdtempSync(join(tmpdir(), 'peerplan-bundle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(bin: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: work, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('the bundled command line', () => {
  it('checks a plan from a folder with no node_modules, and reuses its code cache', async () => {
    mkdirSync(join(work, 'bin'));
    mkdirSync(join(work, 'dist-cli'));
    for (const file of ['bin/peerplan.js', 'bin/package.json', 'dist-cli/peerplan.cjs']) {
      copyFileSync(join(REPO_ROOT, file), join(work, file));
    }
    copyFileSync(join(REPO_ROOT, 'shared/examples/shanghai-hub.json'), join(work, 'hub.json'));
    const bin = join(work, 'bin/peerplan.js');

    const first = await run(bin, ['check', 'hub.json', '--json']);
    expect(first.stderr).toBe('');
    // The hub example routes from one spoke to another through the hub: a transitive route, an
    // error, so exit 1 with the finding in the JSON.
    expect(first.code).toBe(1);
    const findings = (JSON.parse(first.stdout) as { findings: { code: string; severity: string }[] })
      .findings;
    expect(findings).toContainEqual(expect.objectContaining({ code: 'ROUTE_TRANSITIVE', severity: 'error' }));
    const caches = readdirSync(join(work, 'dist-cli')).filter((name) => name.endsWith('.cache'));
    expect(caches).toHaveLength(1);

    const second = await run(bin, ['check', 'hub.json', '--json']);
    expect(second.stdout).toBe(first.stdout);
    expect(readdirSync(join(work, 'dist-cli')).filter((name) => name.endsWith('.cache'))).toEqual(caches);
  });

  it('says how to build it when the bundle is missing', async () => {
    const bare = join(work, 'bare');
    mkdirSync(join(bare, 'bin'), { recursive: true });
    for (const file of ['bin/peerplan.js', 'bin/package.json'])
      copyFileSync(join(REPO_ROOT, file), join(bare, file));
    const result = await run(join(bare, 'bin/peerplan.js'), ['check', 'x.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'peerplan: the command line is not built yet; run `npm run build:cli` (npm ci does it)\n',
    );
  });
});
