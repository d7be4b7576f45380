/**
 * shared/ is provably pure: its compiler configuration (lib ES2022, no types) rejects DOM and
 * Node globals. The test compiles probe files with a tsconfig that extends shared/tsconfig.json,
 * as `npm run typecheck` does, and expects `document` and `process` to fail.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const dir = mkdtempSync(join(tmpdir(), 'peerplan-purity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function typecheck(name: string, source: string): Promise<{ code: number; output: string }> {
  writeFileSync(join(dir, `${name}.ts`), source);
  writeFileSync(
    join(dir, `${name}.tsconfig.json`),
    JSON.stringify({ extends: join(root, 'shared/tsconfig.json'), include: [], files: [`${name}.ts`] }),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsc, '-p', join(dir, `${name}.tsconfig.json`), '--noEmit'],
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr });
      },
    );
  });
}

describe('the shared/ compiler configuration', { timeout: 120_000 }, () => {
  it('compiles pure code', async () => {
    const result = await typecheck('pure', 'export const twice = (n: number): number => n * 2;\n');
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('refuses the DOM', async () => {
    const result = await typecheck('dom', 'export const title = document.title;\n');
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/Cannot find name 'document'/);
  });

  it('refuses Node globals', async () => {
    const result = await typecheck('node', 'export const home = process.env.HOME;\n');
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/Cannot find name 'process'/);
  });
});
