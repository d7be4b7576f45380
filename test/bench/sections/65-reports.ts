/**
 * The review reports of the reference plan as their readers meet them (issue 17): the Markdown
 * report's size (target: under 1 MB) and the size of its Mermaid block against Mermaid's default
 * limits; the HTML report's size and the time Chromium takes to open it (target: under 3 s, from
 * navigation to the load event, median of 3 fresh pages); and the time Mermaid takes to lay out
 * the Markdown report's diagram in Chromium. Without Chromium the browser figures are skipped.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { renderHtmlReport } from '../../../shared/export/report-html';
import { renderMarkdownReport } from '../../../shared/export/report-markdown';
import { buildReview } from '../../../shared/export/review';
import { MERMAID_LIMITS } from '../../../shared/export/topology-mermaid';
import { parsePlanText } from '../../../shared/plan/parse';
import { CHROMIUM, CHROMIUM_BASE_ARGS } from '../../chromium';
import { median, ms } from '../harness';
import type { BenchContext } from '../harness';
import { referencePlanText } from '../reference-plan';

const TODAY = '2026-11-26';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

export default async function reportsSection(ctx: BenchContext): Promise<void> {
  const parsed = parsePlanText(referencePlanText(), { today: TODAY });
  if (!parsed.ok) throw new Error(`the reference plan does not parse: ${parsed.error.message}`);
  const runs = Math.min(ctx.runs, 3);

  let review = buildReview(parsed.plan);
  const buildTime = await median(() => (review = buildReview(parsed.plan)), runs, 0);
  let markdown = '';
  let html = '';
  const mdTime = await median(() => (markdown = renderMarkdownReport(review)), runs, 1);
  const htmlTime = await median(() => (html = renderHtmlReport(review)), runs, 1);
  const mermaid = /^```mermaid\n([\s\S]*?)\n```$/m.exec(markdown)?.[1] ?? '';
  const edges = (mermaid.match(/ ---\|/g) ?? []).length;
  const mdBytes = Buffer.byteLength(markdown);
  const htmlBytes = Buffer.byteLength(html);

  ctx.log(`review model (findings, routes, reach, costs) ${ms(buildTime).padStart(10)}`);
  ctx.log(
    `markdown report   ${ms(mdTime).padStart(10)}  ${kb(mdBytes).padStart(8)}  (target < 1 MB: ${mdBytes < 1_048_576 ? 'met' : 'NOT met'})`,
  );
  ctx.log(
    `  mermaid block   ${mermaid.length.toLocaleString('en-US').padStart(7)} characters, ${edges} edges  (limits ${MERMAID_LIMITS.maxTextSize.toLocaleString('en-US')} / ${MERMAID_LIMITS.maxEdges})`,
  );
  ctx.log(`html report       ${ms(htmlTime).padStart(10)}  ${kb(htmlBytes).padStart(8)}`);

  if (!existsSync(CHROMIUM)) {
    ctx.log(`(${CHROMIUM} not found: browser figures skipped)`);
    return;
  }
  const file = join(mkdtempSync(join(tmpdir(), 'peerplan-bench-report-')), 'reference.html');
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_BASE_ARGS] });
  try {
    const loads: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const start = performance.now();
      await page.goto(url, { waitUntil: 'load' });
      // Until the first screen is laid out: what the reader waits for.
      await page.evaluate(() => document.body.getBoundingClientRect().height);
      loads.push(performance.now() - start);
      await page.close();
    }
    loads.sort((a, b) => a - b);
    const load = loads[1]!;
    ctx.log(
      `html opens in Chromium ${ms(load).padStart(10)}  (median of 3; target < 3 s: ${load < 3000 ? 'met' : 'NOT met'})`,
    );

    const page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body><div id="out"></div></body></html>');
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js') });
    const renderTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      renderTimes.push(
        await page.evaluate(async (code) => {
          const api = (
            window as unknown as {
              mermaid: { initialize(c: object): void; render(id: string, text: string): Promise<unknown> };
            }
          ).mermaid;
          api.initialize({ startOnLoad: false });
          const start = performance.now();
          await api.render(`bench${Math.random().toString(36).slice(2)}`, code);
          return performance.now() - start;
        }, mermaid),
      );
    }
    renderTimes.sort((a, b) => a - b);
    ctx.log(
      `mermaid lays out the markdown diagram ${ms(renderTimes[1]!).padStart(10)}  (default config, median of 3)`,
    );
  } finally {
    await browser.close();
  }
}
