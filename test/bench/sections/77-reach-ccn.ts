/**
 * `peerplan reach --json` (default scope) on the reference plan with one CCN of 25 VPCs (the
 * quota), every attachment active, against the same plan without the CCN: the whole process as
 * a user runs it. The CCN adds the pairs of its members (25 × 24 VPC pairs of 4 × 4 subnets) and
 * CCN routes in 50 route tables; the figures are the ratios of time and peak RSS to the plan
 * without it. The members are spread over the plan (every 120th VPC: many accounts and regions),
 * so some reuse another member's block and their routes conflict, as in a real plan.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mb, runPeerplanMeasured } from '../child-process';
import type { ChildRun } from '../child-process';
import { ms } from '../harness';
import type { BenchContext } from '../harness';
import { referencePlanFile } from '../reference-plan';

const MEMBERS = 25;

function medianRun(runs: ChildRun[]): ChildRun {
  return [...runs].sort((a, b) => a.wallMs - b.wallMs)[runs.length >> 1]!;
}

/** The reference plan with one CCN of `MEMBERS` VPCs, all actively attached, a day apart. */
export function referencePlanWithCcn(): Record<string, unknown> {
  const file = referencePlanFile();
  const vpcs = file.vpcs as { id: string; account: string }[];
  const step = Math.floor(vpcs.length / MEMBERS);
  const members = Array.from({ length: MEMBERS }, (_, i) => vpcs[i * step]!);
  file.ccns = [
    {
      id: 'ccn-bench',
      name: 'bench',
      account: members[0]!.account,
      attachments: members.map((vpc, i) => ({
        vpc: vpc.id,
        state: 'active',
        attachedAt: `2026-10-${String(1 + i).padStart(2, '0')}`,
      })),
    },
  ];
  return file;
}

export default async function reachCcnSection(ctx: BenchContext): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'peerplan-bench-reach-ccn-'));
  try {
    const without = join(dir, 'reference.json');
    const withCcn = join(dir, 'reference-ccn.json');
    writeFileSync(without, JSON.stringify(referencePlanFile(), null, 2));
    writeFileSync(withCcn, JSON.stringify(referencePlanWithCcn(), null, 2));
    const runs = Math.min(ctx.runs, 5);
    const base: ChildRun[] = [];
    const ccn: ChildRun[] = [];
    await runPeerplanMeasured(['reach', without, '--json']); // warm-up: file cache, code cache
    for (let i = 0; i < runs; i++) {
      base.push(await runPeerplanMeasured(['reach', without, '--json']));
      ccn.push(await runPeerplanMeasured(['reach', withCcn, '--json']));
    }
    for (const run of [...base, ...ccn]) {
      if (run.status !== 0) throw new Error(`peerplan exited ${run.status}: ${run.stderr}`);
    }
    const b = medianRun(base);
    const c = medianRun(ccn);
    const peak = (list: ChildRun[]) => Math.max(...list.map((run) => run.peakRssMb ?? Infinity));
    const cpu = (list: ChildRun[]) =>
      [...list.map((run) => run.cpuMs ?? NaN)].sort((x, y) => x - y)[list.length >> 1]!;
    const pairs = (run: ChildRun) => (run.stdoutLines - 4).toLocaleString('en');
    const times = (x: number, y: number) => `${(x / y).toFixed(2)}x`;
    ctx.log(
      `reach --json without the CCN: ${ms(b.wallMs)} wall, ${ms(cpu(base))} CPU, peak RSS ${mb(peak(base))}, ${pairs(b)} pairs`,
    );
    ctx.log(
      `reach --json with one CCN of ${MEMBERS} VPCs: ${ms(c.wallMs)} wall, ${ms(cpu(ccn))} CPU, peak RSS ${mb(peak(ccn))}, ${pairs(c)} pairs`,
    );
    ctx.log(
      `with / without the CCN: wall ${times(c.wallMs, b.wallMs)}, CPU ${times(cpu(ccn), cpu(base))}, peak RSS ${times(peak(ccn), peak(base))} (medians; peak: largest of ${runs} runs each)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
