/**
 * The library in its worker thread (electron/store/worker-client.ts), as the app and the
 * browser-build server use it:
 *
 * - a save of the reference plan over a small plan, and the restore of a revision of the
 *   reference plan over a small plan, through the worker (target < 500 ms each), with how long the
 *   main thread was busy meanwhile (its event loop's active time: the structured clone of the
 *   plan on the way out);
 * - the latency of `plans.list` asked of the client while its writer saves the reference plan;
 * - the latency of `app.info` and `plans.list` asked every 10 ms during a save of the reference
 *   plan through `npm run serve`, run as a child process as a user runs it (HTTP, as the browser
 *   build sends it; target < 50 ms). The server's worker parses and checks the save's body too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TOKEN_HEADER } from '../../../electron/server';
import { WorkerPlanRepository } from '../../../electron/store/worker-client';
import { SOURCE_WORKER_FILE } from '../../../electron/store/worker-file';
import type { Plan } from '../../../shared/plan/model';
import { PLAN_FORMAT } from '../../../shared/plan/model';
import { normalizePlan } from '../../../shared/plan/normalize';
import { asPlanFile } from '../../../shared/plan/as-file';
import { parsePlanText } from '../../../shared/plan/parse';
import { ms } from '../harness';
import type { BenchContext } from '../harness';
import { referencePlanText } from '../reference-plan';

const TODAY = '2026-11-26';
/** Saves of the reference plan are seconds of CPU each on a loaded machine: fewer runs. */
const RUNS = 5;
const PROBE_INTERVAL_MS = 10;
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Measured {
  readonly wall: number;
  readonly cpu: number;
  /** Time the main thread's event loop was busy during the call. */
  readonly mainBusy: number;
}

async function measure(fn: () => Promise<unknown>): Promise<Measured> {
  const cpuStart = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  const start = performance.now();
  await fn();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const busy = performance.eventLoopUtilization(elu);
  return { wall, cpu: (cpu.user + cpu.system) / 1000, mainBusy: busy.active };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function summary(runs: readonly Measured[]): string {
  return `${ms(median(runs.map((r) => r.wall)))} (CPU of all threads ${ms(median(runs.map((r) => r.cpu)))}, main thread busy ${ms(median(runs.map((r) => r.mainBusy)))})`;
}

function smallPlan(name: string): Plan {
  return normalizePlan({ format: PLAN_FORMAT, name, accounts: [], vpcs: [] }, { today: TODAY });
}

export default async function storeWorkerSection(ctx: BenchContext): Promise<void> {
  const parsed = parsePlanText(referencePlanText(), { today: TODAY });
  if (!parsed.ok) throw new Error(`the reference plan does not parse: ${parsed.error.message}`);
  const reference = parsed.plan;
  const dir = mkdtempSync(join(tmpdir(), 'peerplan-bench-worker-'));
  try {
    const library = await WorkerPlanRepository.open(join(dir, 'library.sqlite'), {
      workerFile: SOURCE_WORKER_FILE,
      api: { shell: 'electron', version: '0.0.0' },
    });
    try {
      const small = await library.create(smallPlan('Small'));
      // Warm-up: the worker's statements prepared, its code compiled.
      await library.save(small.id, reference);
      await library.save(small.id, small.plan);

      const saves: Measured[] = [];
      for (let run = 0; run < RUNS; run++) {
        saves.push(await measure(() => library.save(small.id, reference)));
        await library.save(small.id, small.plan);
      }
      ctx.log(
        `save of the reference plan over a small plan, through the worker: ${summary(saves)} (target < 500 ms)`,
      );

      // Electron's path: plans.save with the plan file as the renderer sends it, checked in the worker.
      const referenceFile = asPlanFile(reference);
      const ipcSaves: Measured[] = [];
      for (let run = 0; run < RUNS; run++) {
        ipcSaves.push(
          await measure(async () => {
            const answer = await library.dispatch('plans.save', { id: small.id, plan: referenceFile });
            if (!answer.ok) throw new Error(`plans.save: ${answer.error.message}`);
          }),
        );
        await library.save(small.id, small.plan);
      }
      ctx.log(
        `plans.save of the reference plan as Electron's IPC hands it over (checked, normalised and saved in the worker): ${summary(ipcSaves)}`,
      );

      // A revision of the reference plan, restored over the small plan.
      await library.save(small.id, reference);
      const revision = await library.saveRevision(small.id, 'reference');
      const restores: Measured[] = [];
      for (let run = 0; run < RUNS; run++) {
        await library.save(small.id, small.plan);
        restores.push(await measure(() => library.restoreRevision(revision.id)));
      }
      ctx.log(
        `restore of a revision of the reference plan over a small plan, through the worker: ${summary(restores)} (target < 500 ms; it also keeps the replaced content as a revision first)`,
      );

      // The plan list (reader thread) while the writer saves the reference plan.
      await library.save(small.id, small.plan);
      const listLatencies: number[] = [];
      let saving = true;
      const save = library.save(small.id, reference).finally(() => (saving = false));
      while (saving) {
        const start = performance.now();
        await library.list();
        listLatencies.push(performance.now() - start);
        await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
      }
      await save;
      ctx.log(
        `plans.list through the worker client during that save: median ${ms(median(listLatencies))}, p95 ${ms(percentile(listLatencies, 95))}, max ${ms(Math.max(...listLatencies))} over ${listLatencies.length} calls`,
      );
    } finally {
      await library.close();
    }

    await serverDuringSave(ctx, dir, reference);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run serve` in a child process (its own main thread, as a user runs it); resolves once it listens. */
async function startServeProcess(
  dbPath: string,
): Promise<{ origin: string; token: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'electron/serve.ts'), '--db', dbPath],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let banner = '';
  const url = await new Promise<URL>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      banner += chunk;
      const match = /Open: (\S+)/.exec(banner);
      if (match) resolve(new URL(match[1]!));
    });
    child.once('exit', (code) => reject(new Error(`serve ended (${code}) before it listened: ${banner}`)));
  });
  return {
    origin: url.origin,
    token: url.hash.slice('#token='.length),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function serverDuringSave(ctx: BenchContext, dir: string, reference: Plan): Promise<void> {
  const server = await startServeProcess(join(dir, 'server.sqlite'));
  const api = async (channel: string, body: string) => {
    const response = await fetch(`${server.origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: server.token },
      body,
    });
    const answer = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!answer.ok) throw new Error(`${channel}: ${answer.error?.message}`);
    return answer.value;
  };
  try {
    const { id } = (await api('plans.create', JSON.stringify({ name: 'Small' }))) as { id: string };
    const smallBody = JSON.stringify({ id, plan: asPlanFile(smallPlan('Small')) });
    const referenceBody = JSON.stringify({ id, plan: asPlanFile(reference) });
    // Warm-up.
    await api('plans.save', referenceBody);
    await api('plans.save', smallBody);

    const probes: { channel: string; latency: number }[] = [];
    const saveWalls: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      let saving = true;
      const start = performance.now();
      const save = api('plans.save', referenceBody).finally(() => (saving = false));
      const pending: Promise<void>[] = [];
      while (saving) {
        for (const channel of ['app.info', 'plans.list']) {
          const sentAt = performance.now();
          pending.push(
            api(channel, '{}').then(() => void probes.push({ channel, latency: performance.now() - sentAt })),
          );
        }
        await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
      }
      await save;
      saveWalls.push(performance.now() - start);
      await Promise.all(pending);
      await api('plans.save', smallBody);
    }
    for (const channel of ['app.info', 'plans.list']) {
      const latencies = probes.filter((probe) => probe.channel === channel).map((probe) => probe.latency);
      ctx.log(
        `${channel} asked every ${PROBE_INTERVAL_MS} ms during a save of the reference plan through \`npm run serve\` (a child process): median ${ms(median(latencies))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(Math.max(...latencies))} over ${latencies.length} requests (target < 50 ms)`,
      );
    }
    ctx.log(
      `that save, the whole HTTP call (${(referenceBody.length / 1e6).toFixed(1)} MB of JSON parsed, checked, normalised and saved in the worker): ${ms(median(saveWalls))}`,
    );
  } finally {
    await server.stop();
  }
}
