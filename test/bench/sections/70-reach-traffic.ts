/**
 * The Reachability and Traffic tabs at scale.
 *
 * In Node (the shared core the tabs read):
 * - the pairs of the reference plan (12,000 subnets) grouped by VPC pair, as the Reachability tab
 *   opens them, beside the bare analysis pass that `peerplan reach` streams (the baseline: the
 *   grouping's own cost is the difference); one pair explained; one what-if switch;
 * - one million CSV lines through the traffic reader (what the import worker runs).
 * In Chromium (the browser build, Debian's Chromium, headless):
 * - opening the Reachability tab on the reference plan (from the Traffic tab): from the click to the frame after the
 *   VPC-pair list is in the page (the first open, then the median of reopenings);
 * - importing 1,002,240 five-minute samples (116 cross-region peerings × a 30-day month, a CSV
 *   of about 60 MB generated in the page): from choosing the file to the step applied and the
 *   chart drawn, with the frames painted while the worker reads (how responsive the window is).
 * The Chromium part is skipped with a note when /usr/bin/chromium is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseInstant } from '../../../shared/cost/instants';
import { TrafficCsvReader } from '../../../shared/cost/traffic-csv-reader';
import type { Plan } from '../../../shared/plan/model';
import { parsePlanText } from '../../../shared/plan/parse';
import { explainReach, reachByVpcPair, whatIfChanges } from '../../../shared/reach/explain';
import { forEachReachPair } from '../../../shared/reach/reachability';
import { CHROMIUM } from '../../chromium';
import { openSession, screenshot } from '../../e2e/harness';
import { medianTiming, ms, ratio } from '../harness';
import type { BenchContext } from '../harness';
import { referencePlanText } from '../reference-plan';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SAMPLE_PEERINGS = 116;
const SAMPLES_PER_PEERING = 30 * 288;

// The in-page parts are plain JavaScript text: tsx would wrap named functions in a helper
// (`__name`) that does not exist in the page.

/** Clicks the Reachability tab; ms until the frame after the VPC-pair list is in the page. */
const OPEN_REACHABILITY_TAB = `(async () => {
  const tab = Array.from(document.querySelectorAll('[role="tab"]')).find((e) => e.textContent.trim() === 'Reachability');
  const started = performance.now();
  tab.click();
  await new Promise((resolve) => {
    const check = () => {
      if (document.querySelector('[aria-label="Peered VPC pairs"] [role="option"]')) requestAnimationFrame(() => resolve());
      else requestAnimationFrame(check);
    };
    check();
  });
  return performance.now() - started;
})()`;

/** Generates the month's CSV in the page (kept on `window` for the import that follows). */
const GENERATE_CSV = `(peerings, perPeering) => {
  const start = Date.parse('2026-11-01T00:00:00+08:00');
  const parts = ['peering,at,inMbps,outMbps\\n'];
  for (let i = 0; i < peerings * perPeering; i++) {
    const slot = Math.floor(i / peerings);
    parts.push('pcx-' + (i % peerings) + ',' + new Date(start + slot * 300000).toISOString() + ',' + ((i * 13) % 97) + ',' + ((i * 7) % 89) + '\\n');
  }
  window.benchCsv = new File(parts, 'month.csv', { type: 'text/csv' });
  return window.benchCsv.size;
}`;

/** Gives the generated CSV to the Traffic tab's file input and follows the import frame by frame until it says it is done. */
const IMPORT_GENERATED_CSV = `async () => {
  const file = window.benchCsv;
  let longestTask = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const input = document.querySelector('input[aria-label="Traffic CSV file"]');
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  const started = performance.now();
  let frames = 0;
  let longestGap = 0;
  let last = started;
  let readingDone = 0;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  const status = await new Promise((resolve) => {
    const tick = (now) => {
      const reading = document.querySelector('progress') !== null;
      if (reading) {
        frames++;
        longestGap = Math.max(longestGap, now - last);
      } else if (readingDone === 0 && frames > 0) readingDone = now;
      last = now;
      const done = Array.from(document.querySelectorAll('[role="status"], [role="alert"]')).find((e) =>
        /^Import .* traffic samples|Nothing was imported/.test(e.textContent.trim()),
      );
      if (done) requestAnimationFrame(() => resolve(done.textContent.trim()));
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const totalMs = performance.now() - started;
  observer.disconnect();
  return {
    totalMs,
    readingMs: (readingDone || performance.now()) - started,
    framesWhileReading: frames,
    longestFrameGapWhileReadingMs: longestGap,
    longestTaskMs: longestTask,
    status,
  };
}`;

function loadReferencePlan(text: string): Plan {
  const parsed = parsePlanText(text, { today: '2026-11-26' });
  if (!parsed.ok) throw new Error(`the reference plan does not parse: ${parsed.error.message}`);
  return parsed.plan;
}

/** 116 cross-region peerings (Shanghai requesters, Guangzhou accepters), for the traffic import. */
function trafficPlanJson(): object {
  const vpcs: object[] = [];
  const peerings: object[] = [];
  for (let i = 0; i < SAMPLE_PEERINGS; i++) {
    for (const [side, region, cidr] of [
      ['sh', 'ap-shanghai', `10.${i}.0.0/16`],
      ['gz', 'ap-guangzhou', `172.16.${i}.0/24`],
    ] as const) {
      vpcs.push({ id: `vpc-${side}-${i}`, name: `${side}-${i}`, account: '100000000001', region, cidr });
    }
    peerings.push({
      id: `pcx-${i}`,
      name: `peering ${i}`,
      requester: `vpc-sh-${i}`,
      accepter: `vpc-gz-${i}`,
      state: 'active',
      bandwidthMbps: 200,
    });
  }
  return {
    format: 'peerplan/1',
    name: 'A month of traffic',
    asOf: '2026-11-26',
    accounts: [{ id: '100000000001', name: 'Platform', own: true }],
    vpcs,
    peerings,
    traffic: [],
  };
}

function csvLines(count: number): string {
  const start = Date.parse('2026-11-01T00:00:00+08:00');
  const lines = ['peering,at,inMbps,outMbps'];
  for (let i = 0; i < count; i++) {
    const peering = i % SAMPLE_PEERINGS;
    const slot = Math.floor(i / SAMPLE_PEERINGS);
    lines.push(
      `pcx-${peering},${new Date(start + slot * 300_000).toISOString()},${(i * 13) % 97},${(i * 7) % 89}`,
    );
  }
  return lines.join('\n');
}

async function inNode(ctx: BenchContext, plan: Plan): Promise<void> {
  let pairs = 0;
  const bare = await medianTiming(() => {
    pairs = 0;
    forEachReachPair(plan, { scope: 'peered' }, () => pairs++);
  }, 5);
  let groups = 0;
  const grouped = await medianTiming(() => (groups = reachByVpcPair(plan).length), 5);
  ctx.log(
    `reachability of the reference plan grouped by VPC pair (${pairs.toLocaleString('en-US')} pairs in ${groups.toLocaleString('en-US')} VPC pairs): ${ms(grouped.wall)} median (CPU ${ms(grouped.cpu)}); the bare analysis pass: ${ms(bare.wall)} (grouping costs ${ratio(grouped.wall, bare.wall)} of it)`,
  );
  const source = plan.vpcs[1207]!;
  const peering = plan.peerings.find((p) => p.requester === source.id || p.accepter === source.id)!;
  const otherId = peering.requester === source.id ? peering.accepter : peering.requester;
  const target = plan.vpcs.find((vpc) => vpc.id === otherId)!;
  const explain = await medianTiming(
    () => explainReach(plan, source.subnets[0]!.id, target.subnets[0]!.id),
    11,
  );
  const whatIf = await medianTiming(() => whatIfChanges(plan, new Map([[peering.id, false]])), 11);
  ctx.log(
    `one pair explained: ${ms(explain.wall)}; one peering switched off (what-if, its VPC pair before and after): ${ms(whatIf.wall)}`,
  );

  const text = csvLines(SAMPLE_PEERINGS * SAMPLES_PER_PEERING);
  const times = text
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[1]!);
  const byDateParse = await medianTiming(
    () => {
      let sum = 0;
      for (const time of times) sum += Date.parse(time);
      return sum;
    },
    3,
    1,
  );
  const byReader = await medianTiming(
    () => {
      let sum = 0;
      for (const time of times) sum += parseInstant(time);
      return sum;
    },
    3,
    1,
  );
  ctx.log(
    `1,002,240 sample times read: parseInstant ${ms(byReader.wall)} (CPU ${ms(byReader.cpu)}), Date.parse ${ms(byDateParse.wall)} (CPU ${ms(byDateParse.cpu)}): ${ratio(byDateParse.cpu, byReader.cpu)} less CPU`,
  );
  const read = await medianTiming(
    () => {
      const reader = new TrafficCsvReader();
      for (let at = 0; at < text.length; at += 65_536) reader.push(text.slice(at, at + 65_536));
      reader.end();
      return reader.take().length;
    },
    3,
    1,
  );
  ctx.log(
    `1,002,240 CSV lines (${(text.length / 1e6).toFixed(0)} MB) through the traffic reader in 64 KB chunks: ${ms(read.wall)} median (CPU ${ms(read.cpu)})`,
  );
}

interface ImportFigures {
  readonly totalMs: number;
  readonly readingMs: number;
  readonly framesWhileReading: number;
  readonly longestFrameGapWhileReadingMs: number;
  readonly longestTaskMs: number;
  readonly status: string;
}

async function inChromium(ctx: BenchContext, referenceText: string): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    ctx.log(`skipped in Chromium: ${CHROMIUM} is missing (apt-get install -y chromium)`);
    return;
  }
  execFileSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const dir = mkdtempSync(join(tmpdir(), 'peerplan-bench-'));
  const session = await openSession();
  try {
    const page = session.page;
    await page.getByRole('heading', { name: 'Welcome to Peerplan' }).waitFor();
    const planFile = join(dir, 'reference-plan.json');
    writeFileSync(planFile, referenceText);
    await page.getByLabel('Plan file to import').setInputFiles(planFile);
    await page.getByTestId('canvas-detail').filter({ hasText: 'Overview' }).waitFor({ timeout: 120_000 });
    await page.getByRole('tab', { name: 'Traffic', exact: true }).click();

    // Main-thread CPU time (CDP's ThreadTime) beside the wall time: on a machine shared with
    // other work the wall time includes waiting for a core.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const busyMs = async (): Promise<number> => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((metric) => metric.name === 'ThreadTime')?.value ?? 0) * 1000;
    };
    const openTab = async (): Promise<{ wall: number; busy: number }> => {
      const before = await busyMs();
      const wall = await page.evaluate<number>(OPEN_REACHABILITY_TAB);
      return { wall, busy: (await busyMs()) - before };
    };
    const first = await openTab();
    const again: { wall: number; busy: number }[] = [];
    for (let run = 0; run < 5; run++) {
      await page.getByRole('tab', { name: 'Traffic', exact: true }).click();
      await page.waitForTimeout(200);
      again.push(await openTab());
    }
    const middle = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
    const pairCount = await page.getByText(/VPC pairs peered or on a CCN$/).textContent();
    ctx.log(
      `Reachability tab on the reference plan (target < 1 s): first open ${ms(first.wall)} (main-thread CPU ${ms(first.busy)}), reopened ${ms(middle(again.map((r) => r.wall)))} median (CPU ${ms(middle(again.map((r) => r.busy)))}); ${pairCount}`,
    );

    // What the tab shows there: a VPC pair drilled into, a cell explained.
    await page.getByRole('listbox', { name: 'Peered VPC pairs' }).getByRole('option').first().click();
    await page.getByRole('gridcell').getByRole('button').first().click();
    await page.getByRole('region', { name: 'Explanation of the selected pair' }).waitFor();
    await screenshot(page, 'bench-reachability-reference-plan');

    // The traffic import: a plan of 116 cross-region peerings, a month of their samples.
    await page.getByLabel('Plan file to import').setInputFiles({
      name: 'traffic-month.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(trafficPlanJson())),
    });
    await page.getByRole('heading', { name: 'Plan', exact: true }).waitFor();
    await page.waitForTimeout(1500); // the automatic layout of a new plan
    await page.getByRole('tab', { name: 'Traffic', exact: true }).click();
    await page.getByRole('button', { name: 'Import traffic CSV…' }).waitFor();
    const csvBytes = await page.evaluate<number>(
      `(${GENERATE_CSV})(${SAMPLE_PEERINGS}, ${SAMPLES_PER_PEERING})`,
    );
    const busyBefore = await busyMs();
    const figures = await page.evaluate<ImportFigures>(`(${IMPORT_GENERATED_CSV})()`);
    const importBusy = (await busyMs()) - busyBefore;
    ctx.log(
      `1,002,240-sample import (target < 5 s): ${ms(figures.totalMs)} from choosing the file to the step applied and drawn ("${figures.status}"); main-thread CPU ${ms(importBusy)} (a CSV of ${(csvBytes / 1e6).toFixed(0)} MB)`,
    );
    ctx.log(
      `  while the worker read (${ms(figures.readingMs)}): ${figures.framesWhileReading} frames painted, longest gap between frames ${ms(figures.longestFrameGapWhileReadingMs)}; longest main-thread task of the whole import ${ms(figures.longestTaskMs)} (taking the samples into the plan, validating, drawing)`,
    );
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function reachTraffic(ctx: BenchContext): Promise<void> {
  const text = referencePlanText();
  await inNode(ctx, loadReferencePlan(text));
  await inChromium(ctx, text);
}
