/**
 * Lean renderer bundles (issue 16 item 4): Cytoscape and fcose (the canvas), uPlot (the traffic
 * chart), the review views and zod with the example plans (plan-files) are chunks of their own,
 * loaded on first use. The renderer is built
 * here into a temporary folder (Vite's own report read back: no chunk-size warning), every JS chunk
 * is under Vite's 500 kB limit, and in Chromium every script the page loads at start, a plan open
 * on the canvas included, is under it too; the review views load only when opened.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, openSession } from './harness';
import type { Session } from './harness';

/** Vite's chunk-size warning limit, in bytes (its default: 500 kB, kB being 1,000 bytes). */
const LIMIT = 500 * 1000;

describe('the renderer bundle', () => {
  let out: string;
  let report: string;

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'peerplan-bundle-'));
    // Vite prints its warnings on stdout and stderr: both, merged.
    report = execFileSync(
      'sh',
      ['-c', `npx vite build --config renderer/vite.config.ts --outDir "${out}" --emptyOutDir 2>&1`],
      { cwd: ROOT, encoding: 'utf8' },
    );
  });
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
  });

  it('builds with no chunk-size warning', () => {
    expect(report).toMatch(/built in/);
    expect(report).not.toMatch(/larger than 500 kB/i);
    expect(report).not.toMatch(/chunkSizeWarningLimit/);
  });

  it('has every JS chunk under 500 kB, the canvas and the review views in chunks of their own', () => {
    const chunks = readdirSync(join(out, 'assets')).filter((name) => name.endsWith('.js'));
    const sizes = new Map(chunks.map((name) => [name, statSync(join(out, 'assets', name)).size]));
    for (const [name, size] of sizes) expect(size, name).toBeLessThan(LIMIT);
    for (const own of [
      'canvas-view',
      'cytoscape-fcose',
      'TrafficChart',
      'ExportDialog',
      'HistoryDialog',
      'RevisionView',
      'CompareView',
    ])
      expect(
        chunks.some((name) => name.startsWith(`${own}-`)),
        own,
      ).toBe(true);
  });
});

describe('the scripts the page loads (browser build)', () => {
  let session: Session;
  let page: Page;
  const scripts = new Map<string, number>();

  beforeAll(async () => {
    session = await openSession();
    page = session.page;
    // The first load settles before the reload, so no response of it is read after its page is
    // gone (its body is then unavailable); a name is recorded at once, its size when read.
    await page.waitForLoadState('networkidle');
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (!path.endsWith('.js')) return;
      const name = path.slice(path.lastIndexOf('/') + 1);
      if (!scripts.has(name)) scripts.set(name, -1);
      response.body().then(
        (body) => scripts.set(name, body.length),
        () => undefined,
      );
    });
    await page.reload();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('loads only chunks under 500 kB at start, the canvas when a plan is open, a review view when opened', async () => {
    await page.getByRole('button', { name: /Open the quick-start example/ }).click();
    const wrap = page.locator('.canvas-wrap');
    await expect.poll(() => wrap.getAttribute('data-layout'), { timeout: 15_000 }).toBe('idle');
    await page.waitForLoadState('networkidle');
    const loaded = [...scripts.keys()];
    expect(loaded.some((name) => name.startsWith('index-'))).toBe(true);
    expect(loaded.some((name) => name.startsWith('canvas-view-'))).toBe(true);
    for (const [name, size] of scripts) expect(size, name).toBeLessThan(LIMIT);
    const sizeOf = (prefix: string) => [...scripts].find(([name]) => name.startsWith(prefix))?.[1] ?? -1;
    expect(sizeOf('index-')).toBeGreaterThan(0);
    expect(sizeOf('canvas-view-')).toBeGreaterThan(0);
    // Not opened yet, not loaded.
    expect(
      loaded.filter((name) => /^(ExportDialog|HistoryDialog|CompareView|RevisionView)-/.test(name)),
    ).toEqual([]);

    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('dialog', { name: /Export/ }).waitFor();
    expect([...scripts.keys()].some((name) => name.startsWith('ExportDialog-'))).toBe(true);
  });
});
