/**
 * The benchmark's reference plan (3,000 VPCs, 5,000 peerings) in the browser build: lean mode
 * draws every VPC with the peerings as region bundles, says so, and draws the peerings of the
 * VPCs in view once zoomed in (here by finding a VPC).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { referencePlanText } from '../bench/reference-plan';
import { centredOn, dragFromCentre, modelPosition, openSession, savedPosition, screenshot } from './harness';
import type { Session } from './harness';

const detailNote = (page: Page) => page.getByTestId('canvas-detail');

/** The elements whose canvas position the library holds (read from the file, sorted). */
function savedElementIds(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT element_id FROM canvas_positions ORDER BY element_id')
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}

describe('a plan of 3,000 VPCs', () => {
  let session: Session;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'peerplan-large-'));
    session = await openSession();
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens on the overview: every region, the peerings between regions as bundles, said on the canvas', async () => {
    const file = join(dir, 'reference-plan.json');
    writeFileSync(file, referencePlanText());
    await page.getByLabel('Plan file to import').setInputFiles(file);
    await expect
      .poll(() => detailNote(page).textContent(), { timeout: 60_000 })
      .toMatch(/Overview: the 5,000 peerings are drawn as \d+ bundles between regions/);
    await page.waitForTimeout(500);
    await screenshot(page, 'large-plan-overview');
  });

  it('draws the peerings of the VPCs in view once a VPC is found and framed, and goes back on Fit', async () => {
    const search = page.getByRole('combobox', { name: 'Find in plan' });
    await search.fill('vpc-1207');
    await search.press('Enter');
    await expect
      .poll(() => detailNote(page).textContent(), { timeout: 10_000 })
      .toMatch(/Peerings of the VPCs in view: [1-9][\d,]* of 5,000/);
    await page.waitForTimeout(500);
    await screenshot(page, 'large-plan-detail');
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await expect
      .poll(() => detailNote(page).textContent(), { timeout: 10_000 })
      .toMatch(/Overview: the 5,000 peerings/);
  });

  it('puts a VPC moved off the region grid back on it with Auto layout, as one undo step, and saves it', async () => {
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    const moved = 'vpc-1207';
    const vpcIds = (JSON.parse(referencePlanText()) as { vpcs: { id: string }[] }).vpcs.map((vpc) => vpc.id);
    // A plan never laid out sits on the region grid, which is what Auto layout draws in lean mode:
    // first take one VPC off it (found, then dragged from the centre), so the layout has work to do.
    const search = page.getByRole('combobox', { name: 'Find in plan' });
    await search.fill(moved);
    await search.press('Enter');
    await expect.poll(() => centredOn(page, moved), { timeout: 10_000 }).toBe(true);
    const onGrid = await modelPosition(page, moved);
    // The VPC's peerings, highlighted, meet at its centre and come from the left: grab its right part.
    await dragFromCentre(page, 150, 80, { x: 70, y: 0 });
    await expect
      .poll(async () => (await modelPosition(page, moved)).x - onGrid.x, { timeout: 10_000 })
      .toBeGreaterThan(20);
    await expect
      .poll(() => undo.getAttribute('title'), { timeout: 10_000 })
      .toBe(`Undo Move ${moved} (Ctrl+Z)`);
    // Before: the VPC is off the grid, in the window and in the library.
    await expect
      .poll(() => savedPosition(session.dbPath, moved)?.x, { timeout: 30_000 })
      .toBeGreaterThan(onGrid.x + 20);
    await page.getByRole('button', { name: 'Fit', exact: true }).click();

    await page.getByRole('button', { name: 'Auto layout' }).click();
    // After: one undo step named for it, the VPC back on its grid place, drawn and saved, and every
    // VPC's place in the library.
    await expect
      .poll(() => undo.getAttribute('title'), { timeout: 60_000 })
      .toBe('Undo Auto layout (Ctrl+Z)');
    expect(await modelPosition(page, moved)).toEqual(onGrid);
    await expect.poll(() => savedPosition(session.dbPath, moved), { timeout: 30_000 }).toEqual(onGrid);
    expect(savedElementIds(session.dbPath)).toEqual([...vpcIds].sort());
    await expect.poll(() => detailNote(page).textContent()).toMatch(/Overview: the 5,000 peerings/);
  });
});
