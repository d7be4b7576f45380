/**
 * Files in and out of the browser build, and the canvas positions: a plan file dropped on the
 * window is imported, Export downloads the plan file, and a VPC dragged on the canvas keeps its
 * new place in the library (read back from the SQLite file itself).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  centredOn,
  dragFromCentre,
  examplePath,
  modelPosition,
  savedPosition,
  screenshot,
  useSession,
  waitSaved,
} from './harness';

const QUICKSTART = examplePath('quickstart.json');
const findingsPanel = (page: Page) => page.getByRole('region', { name: 'Findings' });

describe('plan files and canvas positions (browser build)', () => {
  let page: Page;
  const session = useSession({ onOpen: (s) => (page = s.page) });

  it('imports a plan file dropped on the window', async () => {
    const text = readFileSync(QUICKSTART, 'utf8');
    const transfer = await page.evaluateHandle((contents) => {
      const data = new DataTransfer();
      data.items.add(new File([contents], 'quickstart.json', { type: 'application/json' }));
      return data;
    }, text);
    await page.dispatchEvent('.app', 'dragover', { dataTransfer: transfer });
    await expect.poll(() => page.getByText('Drop a plan file to import it').count()).toBe(1);
    await screenshot(page, '20-drop-overlay');
    await page.dispatchEvent('.app', 'drop', { dataTransfer: transfer });
    await expect
      .poll(() => page.getByRole('button', { name: /^Quick start: Guangzhou to Beijing/ }).count())
      .toBe(1);
    await expect.poll(() => page.getByText('Drop a plan file to import it').count()).toBe(0);
    await expect
      .poll(() => findingsPanel(page).getByText('PEERING_CROSS_REGION_LEGACY').count())
      .toBeGreaterThan(0);
  });

  it('exports the plan file as a download that parses back to the same VPCs and peerings', async () => {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('dialog', { name: 'Export' }).getByRole('button', { name: 'Plan file (JSON)' }).click(),
    ]);
    const path = await download.path();
    const exported = JSON.parse(readFileSync(path, 'utf8')) as {
      format: string;
      vpcs: { id: string; cidr: string }[];
      peerings: { id: string }[];
    };
    const original = JSON.parse(readFileSync(QUICKSTART, 'utf8')) as typeof exported;
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    expect(exported.format).toBe('peerplan/1');
    expect(exported.vpcs.map((v) => [v.id, v.cidr])).toEqual(original.vpcs.map((v) => [v.id, v.cidr]));
    expect(exported.peerings.map((p) => p.id)).toEqual(original.peerings.map((p) => p.id));
  });

  it('keeps a dragged VPC where it was dropped, in the library and after a reload', async () => {
    const original = JSON.parse(readFileSync(QUICKSTART, 'utf8')) as { vpcs: { id: string }[] };
    const vpcId = original.vpcs[0]!.id;
    await waitSaved(page);
    // Opening a plan that was never laid out writes nothing: its layout is saved with the first
    // step the user takes on it (here, the drag).
    expect(savedPosition(session().dbPath, vpcId)).toBeUndefined();
    const before = await modelPosition(page, vpcId);

    // Find centres the VPC in the canvas: drag it from there.
    await page.keyboard.press('Control+f');
    const search = page.getByRole('combobox', { name: 'Find in plan' });
    await search.fill(vpcId);
    await search.press('Enter');
    // The centring animation has ended once the VPC sits at the canvas's centre: drag it from there.
    await expect.poll(() => centredOn(page, vpcId), { timeout: 10_000 }).toBe(true);
    await dragFromCentre(page, 150, 80);
    // Autosave is debounced: wait until the library holds a new place.
    await expect
      .poll(() => savedPosition(session().dbPath, vpcId)?.x, { timeout: 10_000 })
      .not.toBe(undefined);
    await waitSaved(page);
    const after = savedPosition(session().dbPath, vpcId);
    await screenshot(page, '21-dragged-vpc');
    expect(after).toBeDefined();
    // Moved right and down by the drag (in model units, whatever the zoom).
    expect(after!.x).toBeGreaterThan(before.x + 20);
    expect(after!.y).toBeGreaterThan(before.y + 10);
    await screenshot(page, '21-dragged-vpc');

    await page.reload();
    await expect
      .poll(() => page.getByRole('button', { name: /^Quick start: Guangzhou to Beijing/ }).count())
      .toBe(1);
    await waitSaved(page);
    expect(savedPosition(session().dbPath, vpcId)).toEqual(after);
  });
});
