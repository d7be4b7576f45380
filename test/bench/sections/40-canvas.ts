/**
 * The editor at reference-plan scale (3,000 VPCs, 5,000 peerings):
 * - in Node: revalidation after one edit (the incremental validator) against a full validation;
 * - in Chromium (Debian's, headless, software GL): the first draw of the canvas (from the plan
 *   to the first frame painted with every VPC and the peerings as region bundles, as the editor
 *   opens it; wall time and the renderer's CPU time), the frame times of panning and zooming, and
 *   zooming in on a region until its peerings are drawn one by one, with Cytoscape's canvas
 *   renderer and its WebGL renderer. Screenshots of both views go to test-results/.
 * The canvas part is skipped with a note when /usr/bin/chromium is missing.
 */
import { existsSync } from 'node:fs';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { CDPSession } from 'playwright-core';
import { applyEdit } from '../../../shared/edit/operations';
import type { Edit } from '../../../shared/edit/operations';
import { IncrementalValidator } from '../../../shared/edit/revalidate';
import type { Plan } from '../../../shared/plan/model';
import { parsePlanText } from '../../../shared/plan/parse';
import type { Finding } from '../../../shared/rules/finding';
import { validatePlan } from '../../../shared/rules/validate';
import { CHROMIUM, CHROMIUM_CANVAS_ARGS } from '../../chromium';
import { medianTiming, ms, ratio } from '../harness';
import type { BenchContext } from '../harness';
import { referencePlanText } from '../reference-plan';
import type { CanvasDrawResult, CanvasFramesResult } from '../canvas/page';

function loadReferencePlan(): Plan {
  const parsed = parsePlanText(referencePlanText(), { today: '2026-11-26' });
  if (!parsed.ok) throw new Error(`the reference plan does not parse: ${parsed.error.message}`);
  return parsed.plan;
}

/** Typical single edits: a bandwidth, a name, a CIDR, a new peering, a deleted peering. */
function sampleEdits(plan: Plan): { label: string; edit: Edit }[] {
  const peering = plan.peerings[Math.floor(plan.peerings.length / 2)]!;
  const vpc = plan.vpcs[Math.floor(plan.vpcs.length / 3)]!;
  const other = plan.vpcs[Math.floor((plan.vpcs.length * 2) / 3)]!;
  return [
    {
      label: 'set a peering bandwidth',
      edit: { kind: 'peering.update', id: peering.id, patch: { bandwidthMbps: 321 } },
    },
    { label: 'rename a VPC', edit: { kind: 'vpc.update', id: vpc.id, patch: { name: 'renamed' } } },
    { label: 'change a VPC CIDR', edit: { kind: 'vpc.update', id: vpc.id, patch: { cidr: other.cidr } } },
    {
      label: 'add a peering',
      edit: {
        kind: 'peering.add',
        peering: {
          id: 'pcx-bench-new',
          name: 'bench',
          requester: vpc.id,
          accepter: other.id,
          state: 'active',
          bandwidthQuotaMbps: 1000,
          chargeType: 'daily-peak',
        },
      },
    },
    { label: 'delete a peering', edit: { kind: 'peering.delete', id: peering.id } },
  ];
}

/** Findings as comparable text, in a stable order (the incremental merge keeps another order). */
function canonical(findings: readonly Finding[]): string {
  return findings
    .map((f) => JSON.stringify([f.code, f.message, [...f.subjects].sort()]))
    .sort()
    .join('\n');
}

function middle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

async function revalidation(ctx: BenchContext, plan: Plan): Promise<Finding[]> {
  // The baseline warmed up and taken as a median like everything else here: a first, cold
  // validation (JIT compiling every rule) takes about three times as long and flattered the ratios.
  const full = validatePlan(plan);
  const fullTiming = await medianTiming(() => validatePlan(plan), 5);
  const fullMs = fullTiming.wall;
  ctx.log(
    `full validation of the reference plan: ${ms(fullMs)} median (CPU ${ms(fullTiming.cpu)}, ${full.length} findings)`,
  );
  // As in the editor: one validator follows the plan from edit to edit (the edit, then its
  // undo), keeping its index of the plan and its findings between calls. Two untimed rounds per
  // edit first, as the harness warms up (the first one is checked against a full validation at
  // the end). CPU time is the process's (GC helper threads included), summed over the timed
  // runs: the kernel counts it in ticks, too coarse for one run of a few ms.
  const validator = new IncrementalValidator();
  validator.prime(plan, full);
  let current = plan;
  const checks: { label: string; plan: Plan; findings: Finding[] }[] = [];
  for (const { label, edit } of sampleEdits(plan)) {
    const walls: number[] = [];
    let cpuTotal = 0;
    let stats = validator.lastStats;
    const warmup = 2;
    for (let run = 0; run < warmup + Math.max(11, ctx.runs); run++) {
      const { plan: edited, inverse } = applyEdit(current, edit);
      const cpuStart = process.cpuUsage();
      const started = performance.now();
      const findings = validator.findings(edited);
      const wall = performance.now() - started;
      const cpu = process.cpuUsage(cpuStart);
      if (run >= warmup) {
        walls.push(wall);
        cpuTotal += (cpu.user + cpu.system) / 1000;
      }
      stats = validator.lastStats;
      if (run === 0) checks.push({ label, plan: edited, findings });
      current = applyEdit(edited, inverse).plan;
      validator.findings(current);
    }
    const wall = middle(walls);
    ctx.log(
      `revalidation after one edit (${label}): ${ms(wall)} median, ${ms(Math.min(...walls))} best, CPU ${ms(cpuTotal / walls.length)} mean; ${ratio(fullMs, wall)} faster than full; ${stats?.mode}, sub-plans of ${stats?.vpcs} VPCs (static rules) and ${stats?.reachVpcs ?? '-'} (reachability, costs)`,
    );
  }
  // After the timings, so that the garbage of these full validations does not weigh on them.
  const differ = checks.filter((c) => canonical(c.findings) !== canonical(validatePlan(c.plan)));
  ctx.log(
    differ.length === 0
      ? `each edit's findings are those of a full validation of the edited plan`
      : `FINDINGS DIFFER FROM A FULL VALIDATION after: ${differ.map((c) => c.label).join(', ')}`,
  );
  return full;
}

interface Cpu {
  /** The renderer's main thread, ms. */
  readonly thread: number;
  /** The whole renderer process (raster and GC threads included), ms. */
  readonly process: number;
}

async function rendererCpu(cdp: CDPSession): Promise<Cpu> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string): number => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { thread: value('ThreadTime'), process: value('ProcessTime') };
}

async function canvas(ctx: BenchContext, plan: Plan, findings: readonly Finding[]): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    ctx.log(`canvas: skipped (${CHROMIUM} is missing: apt-get install -y chromium)`);
    return;
  }
  const bundle = await build({
    entryPoints: [new URL('../canvas/page.ts', import.meta.url).pathname],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_CANVAS_ARGS] });
  type PageApi = {
    loadCanvasBench: (plan: unknown, findings: unknown) => void;
    drawCanvasBench: (webgl: boolean) => Promise<CanvasDrawResult>;
    measureCanvasBench: (keep: boolean) => Promise<CanvasFramesResult>;
  };
  try {
    // BENCH_CANVAS_RENDERERS=webgl (or canvas) measures one renderer only.
    const only = process.env.BENCH_CANVAS_RENDERERS;
    const renderers = [false, true].filter(
      (webgl) => !only || only.split(',').includes(webgl ? 'webgl' : 'canvas'),
    );
    for (const webgl of renderers) {
      const name = webgl ? 'webgl' : 'canvas';
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.setContent(
        '<!doctype html><body style="margin:0"><div id="canvas" style="width:1440px;height:900px"></div></body>',
      );
      await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.evaluate(([p, f]) => (window as unknown as PageApi).loadCanvasBench(p, f), [
        plan,
        findings,
      ] as const);
      // Each draw in a fresh view; the median of a few, as the machine may be shared. Software
      // GL can be very slow: a renderer that does not finish in time is reported as such.
      const draws = webgl ? 1 : Math.max(1, Number(process.env.BENCH_CANVAS_DRAWS) || 3);
      const timeLimitMs = 240_000;
      const results: { draw: CanvasDrawResult; cpu: Cpu }[] = [];
      for (let i = 0; i < draws; i++) {
        const before = await rendererCpu(cdp);
        const draw = await Promise.race([
          page.evaluate((w) => (window as unknown as PageApi).drawCanvasBench(w), webgl),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), timeLimitMs)),
        ]);
        if (draw === null) break;
        const after = await rendererCpu(cdp);
        results.push({
          draw,
          cpu: { thread: after.thread - before.thread, process: after.process - before.process },
        });
      }
      if (results.length < draws) {
        ctx.log(`canvas (${name} renderer): did not finish within ${timeLimitMs / 1000} s`);
        await page.close();
        continue;
      }
      // In the order drawn (the first one in a page where Cytoscape's code is not yet compiled
      // by the JIT, as when a plan is opened for the first time), then the median.
      const walls = results.map((r) => ms(r.draw.drawMs)).join(', ');
      results.sort((a, b) => a.draw.drawMs - b.draw.drawMs);
      const { draw } = results[results.length >> 1]!;
      const cpu = (key: keyof Cpu): string => {
        const sorted = results.map((r) => r.cpu[key]).sort((a, b) => a - b);
        return ms(sorted[sorted.length >> 1]!);
      };
      await page.screenshot({ path: `test-results/bench-canvas-${name}-overview.png` });
      ctx.log(
        `canvas (${name} renderer): first draw ${ms(draw.drawMs)} median of ${draws} (in order: ${walls}); renderer CPU ${cpu('thread')} main thread, ${cpu('process')} process`,
      );
      ctx.log(
        `  describe ${ms(draw.describeMs)}, add and fit ${ms(draw.syncMs)}, first frame ${ms(draw.drawMs - draw.describeMs - draw.syncMs)}; ${draw.elements} elements: ${draw.vpcs} VPCs, ${draw.peeringsDrawn} of ${draw.peerings} peerings drawn singly, ${draw.bundles} region bundles`,
      );
      const frames = await page.evaluate(() => (window as unknown as PageApi).measureCanvasBench(true));
      const line = (label: string, s: CanvasFramesResult['panFrames']): string =>
        `${label} frames ${ms(s.medianMs)} median, ${ms(s.p95Ms)} p95, ${ms(s.maxMs)} max (${(1000 / s.medianMs).toFixed(0)} fps)`;
      ctx.log(`  ${line('pan', frames.panFrames)}`);
      ctx.log(`  ${line('zoom', frames.zoomFrames)}`);
      if (frames.detail) {
        await page.screenshot({ path: `test-results/bench-canvas-${name}-detail.png` });
        ctx.log(
          `  zoom in on a region: ${frames.detail.drawn} peerings drawn singly in ${ms(frames.detail.ms)} (after the view rests 120 ms)`,
        );
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

export default async function canvasSection(ctx: BenchContext): Promise<void> {
  const plan = loadReferencePlan();
  ctx.log(`reference plan: ${plan.vpcs.length} VPCs, ${plan.peerings.length} peerings`);
  const findings = await revalidation(ctx, plan);
  if (process.env.BENCH_CANVAS_RENDERERS === 'none')
    return ctx.log('canvas: skipped (BENCH_CANVAS_RENDERERS=none)');
  await canvas(ctx, plan, findings);
}
