/**
 * `peerplan reach` on the reference plan (3,000 VPCs, 12,000 subnets, 5,000 peerings), the whole
 * process as a user runs it. Targets (issue 13): the default `reach --json` under 2 s and under
 * 400 MB peak RSS; `--all` (144 million pairs) streams in under 500 MB. `--all` is stopped after
 * 200 MB of output (about 2 million pairs): memory that stays flat that far stays flat to the
 * end, as each pair is written when it is made. The same plan's `check` is run beside it, as the
 * baseline of loading and analysing the plan at all.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mb, runPeerplanMeasured } from '../child-process';
import type { ChildRun } from '../child-process';
import { ms, ratio } from '../harness';
import type { BenchContext } from '../harness';
import { referencePlanText } from '../reference-plan';

function medianRun(runs: ChildRun[]): ChildRun {
  return [...runs].sort((a, b) => a.wallMs - b.wallMs)[runs.length >> 1]!;
}

export default async function reachStreamSection(ctx: BenchContext): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'peerplan-bench-reach-'));
  try {
    const plan = join(dir, 'reference.json');
    writeFileSync(plan, referencePlanText());
    const runs = Math.min(ctx.runs, 5);
    const reach: ChildRun[] = [];
    const check: ChildRun[] = [];
    await runPeerplanMeasured(['reach', plan, '--json']); // warm-up: file cache, code cache
    for (let i = 0; i < runs; i++) {
      reach.push(await runPeerplanMeasured(['reach', plan, '--json']));
      check.push(await runPeerplanMeasured(['check', plan, '--json']));
    }
    for (const run of [...reach, ...check]) {
      if (run.status !== 0 && run.status !== 1)
        throw new Error(`peerplan exited ${run.status}: ${run.stderr}`);
    }
    const r = medianRun(reach);
    const c = medianRun(check);
    const peak = Math.max(...reach.map((run) => run.peakRssMb ?? Infinity));
    const cpu = (list: ChildRun[]) =>
      ms([...list.map((run) => run.cpuMs ?? NaN)].sort((a, b) => a - b)[list.length >> 1]!);
    ctx.log(
      `reach --json (default scope), whole process: ${ms(r.wallMs)} wall, ${cpu(reach)} CPU (target < 2 s), peak RSS ${mb(peak)} (largest of ${runs} runs; target < 400 MB), ${(r.stdoutLines - 4).toLocaleString('en')} pairs, ${(r.stdoutBytes / 1e6).toFixed(1)} MB of JSON`,
    );
    ctx.log(
      `check --json on the same plan (loading and the rules): ${ms(c.wallMs)} wall, ${cpu(check)} CPU, peak RSS ${mb(c.peakRssMb)}; reach / check: ${ratio(r.wallMs, c.wallMs)}`,
    );
    const all = await runPeerplanMeasured(['reach', plan, '--all', '--json'], { stopAfterBytes: 200e6 });
    const pairs = all.stdoutLines - 2;
    ctx.log(
      `reach --all --json: ${pairs.toLocaleString('en')} pairs streamed in ${ms(all.wallMs)} (${Math.round(pairs / (all.wallMs / 1000)).toLocaleString('en')} pairs/s), then stopped; peak RSS ${mb(all.peakRssMb)} (target < 500 MB)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
