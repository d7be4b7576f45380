/**
 * The benchmark's reference plan (3,000 VPCs, 5,000 peerings) in the browser build: lean mode
 * draws every VPC with the peerings as region bundles, says so, and draws the peerings of the
 * VPCs in view once zoomed in (here by finding a VPC).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { referencePlanText } from '../bench/reference-plan';
import { openSession, screenshot } from './harness';
import type { Session } from './harness';

const detailNote = (page: Page) => page.getByTestId('canvas-detail');

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

  it('lays the plan out at once with Auto layout, still on the overview', async () => {
    await page.getByRole('button', { name: 'Auto layout' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Laying out' }).count()).toBe(0);
    await expect.poll(() => detailNote(page).textContent()).toMatch(/Overview: the 5,000 peerings/);
  });
});
