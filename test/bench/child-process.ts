/**
 * Runs `peerplan` as a child process for the benchmarks that measure a whole command: its wall
 * time, its output (counted as it streams, never kept), and its peak resident memory — read from
 * the child itself (`process.resourceUsage().maxRSS`, written by a preloaded hook at exit), or,
 * for a run stopped early, from Linux's /proc/PID/status (VmHWM) just before it is stopped.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildRun {
  readonly status: number | null;
  readonly wallMs: number;
  /** Peak resident set size, MB (null when it could not be read). */
  readonly peakRssMb: number | null;
  /**
   * CPU time of the child (user + system, all its threads), ms; null for a run stopped early. On
   * a machine shared with other work, wall time includes waiting for a core; this does not.
   */
  readonly cpuMs: number | null;
  readonly stdoutBytes: number;
  /** Lines of stdout (for `reach --json`: about one per pair). */
  readonly stdoutLines: number;
  readonly stderr: string;
}

function peakFromProc(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Runs `peerplan ARGS` (the bin, as `npx peerplan` does, with the flags of its shebang). With
 * `stopAfterBytes`, the run is stopped once that much output has come (its peak is read first).
 */
export function runPeerplanMeasured(
  args: readonly string[],
  options: { stopAfterBytes?: number } = {},
): Promise<ChildRun> {
  const dir = mkdtempSync(join(tmpdir(), 'peerplan-bench-child-'));
  const hook = join(dir, 'peak.cjs');
  const report = join(dir, 'peak.txt');
  writeFileSync(
    hook,
    `process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify([u.maxRSS, (u.userCPUTime + u.systemCPUTime) / 1000])); });\n`,
  );
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(
      process.execPath,
      ['--max-semi-space-size=64', '--require', hook, join(ROOT, 'bin/peerplan.js'), ...args],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
    );
    let stdoutBytes = 0;
    let stdoutLines = 0;
    let stderr = '';
    let stoppedPeak: number | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) stdoutLines++;
      if (
        options.stopAfterBytes !== undefined &&
        stdoutBytes >= options.stopAfterBytes &&
        stoppedPeak === null
      ) {
        stoppedPeak = peakFromProc(child.pid!) ?? -1;
        child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (status) => {
      const wallMs = performance.now() - start;
      let peakRssMb: number | null = stoppedPeak !== null && stoppedPeak >= 0 ? stoppedPeak : null;
      let cpuMs: number | null = null;
      if (stoppedPeak === null) {
        try {
          const [maxRssKb, cpu] = JSON.parse(readFileSync(report, 'utf8')) as [number, number];
          peakRssMb = maxRssKb / 1024;
          cpuMs = cpu;
        } catch {
          peakRssMb = null;
        }
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ status, wallMs, peakRssMb, cpuMs, stdoutBytes, stdoutLines, stderr });
    });
  });
}

export function mb(value: number | null): string {
  return value === null ? 'n/a' : `${value.toFixed(0)} MB`;
}
