/**
 * Runs the real `peerplan` bin as a child process, as a user or CI would, and collects its exit
 * code and output. Colour is off so tests can match the text.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(REPO_ROOT, 'bin/peerplan.js');

export interface PeerplanRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runPeerplan(args: readonly string[], env: Record<string, string> = {}): Promise<PeerplanRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
