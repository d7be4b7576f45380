/**
 * The reference plan (3,000 VPCs in 14 regions) is readable: Fit frames every region whole, one
 * zoom step in shows the regions larger, and a selected VPC's peerings and peers stand out while
 * the rest dims; a minimap shows where the view is. Screenshots: big-plan-fit, -zoom-in,
 * -selected (looked at).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { referencePlanText } from '../bench/reference-plan';
import { openSession, screenshot } from './harness';
import type { Session } from './harness';

interface ViewFacts {
  zoom: number;
  canvas: { w: number; h: number };
  /** Every region backdrop's box on screen, label included. */
  regions: { id: string; x1: number; y1: number; x2: number; y2: number }[];
  faded: number;
  bright: number;
  neighbourhoodEdges: number;
}

const facts = (page: Page): Promise<ViewFacts> =>
  page.evaluate(() => {
    type Box = { x1: number; y1: number; x2: number; y2: number };
    type Element = { id(): string; renderedBoundingBox(o: object): Box; hasClass(c: string): boolean };
    type Collection = {
      map<T>(f: (e: Element) => T): T[];
      filter(f: (e: Element) => boolean): { length: number };
      length: number;
    };
    const canvas = document.querySelector('[data-testid="canvas"]') as HTMLElement & {
      peerplanView?: {
        cy: {
          zoom(): number;
          width(): number;
          height(): number;
          nodes(s: string): Collection;
          edges(s: string): Collection;
        };
      };
    };
    const cy = canvas.peerplanView!.cy;
    const vpcs = cy.nodes('.vpc');
    return {
      zoom: cy.zoom(),
      canvas: { w: cy.width(), h: cy.height() },
      regions: cy
        .nodes('.backdrop')
        .map((n) => ({ id: n.id(), ...n.renderedBoundingBox({ includeLabels: true }) })),
      faded: vpcs.filter((n) => n.hasClass('faded')).length,
      bright: vpcs.filter((n) => !n.hasClass('faded')).length,
      neighbourhoodEdges: cy.edges('.neighbourhood').length,
    };
  });

describe('the reference plan is readable', () => {
  let session: Session;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'peerplan-big-'));
    session = await openSession();
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Fit frames every region whole, labels included', async () => {
    const file = join(dir, 'reference-plan.json');
    writeFileSync(file, referencePlanText());
    await page.getByLabel('Plan file to import').setInputFiles(file);
    await expect
      .poll(() => page.getByTestId('canvas-detail').textContent(), { timeout: 60_000 })
      .toMatch(/Overview: the 5,000 peerings/);
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await expect.poll(async () => (await facts(page)).regions.length).toBeGreaterThan(9);
    const view = await facts(page);
    for (const region of view.regions) {
      expect(region.x1, region.id).toBeGreaterThanOrEqual(0);
      expect(region.y1, region.id).toBeGreaterThanOrEqual(0);
      expect(region.x2, region.id).toBeLessThanOrEqual(view.canvas.w);
      expect(region.y2, region.id).toBeLessThanOrEqual(view.canvas.h);
    }
    expect(await page.getByTestId('minimap').count()).toBe(1);
    await screenshot(page, 'big-plan-fit');
  });

  it('one zoom step in is one key press, and a few steps reach labelled VPCs', async () => {
    const fitted = (await facts(page)).zoom;
    await page.getByTestId('canvas').focus();
    await page.keyboard.press('+');
    await expect.poll(async () => (await facts(page)).zoom).toBeGreaterThan(fitted * 1.5);
    await screenshot(page, 'big-plan-zoom-in');
    // From the whole plan to readable labels (lean mode labels VPCs from zoom 0.45) in a few steps.
    let presses = 1;
    while ((await facts(page)).zoom < 0.45 && presses < 10) {
      await page.keyboard.press('+');
      presses++;
    }
    expect(presses).toBeLessThanOrEqual(6);
  });

  it('a selected VPC’s peerings and peers stand out, the rest dims', async () => {
    const search = page.getByRole('combobox', { name: 'Find in plan' });
    await search.fill('vpc-1207');
    await search.press('Enter');
    await expect.poll(async () => (await facts(page)).neighbourhoodEdges).toBeGreaterThan(0);
    const view = await facts(page);
    expect(view.bright).toBeGreaterThan(1);
    expect(view.bright).toBeLessThan(50);
    expect(view.faded).toBe(3000 - view.bright);
    await expect
      .poll(() => page.getByTestId('canvas-detail').textContent(), { timeout: 10_000 })
      .toMatch(/Peerings of the VPCs in view/);
    await screenshot(page, 'big-plan-selected');
    // Escape clears the selection: nothing dims any more.
    await page.getByTestId('canvas').focus();
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await facts(page)).faded).toBe(0);
  });
});
