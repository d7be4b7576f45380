/**
 * Builds the CLI bundle (dist-cli/peerplan.cjs) once before the unit tests, so the tests that run
 * the real bin (test/electron/run-peerplan.ts) always run the current sources, on a fresh clone
 * as in a worktree whose bundle is older than its edits. `npm ci` builds it too (`prepare`).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../build/bundle-cli.mjs', import.meta.url))], {
    stdio: 'inherit',
  });
}
