/**
 * The editor's main flows in the browser build (Chromium + helper-3's loopback server).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { examplePath, openSession, screenshot, waitSaved } from './harness';
import type { Session } from './harness';

const findingsPanel = (page: Page) => page.getByRole('region', { name: 'Findings' });
const canvasMarks = (page: Page) => page.getByTestId('canvas-marks');

async function addVpc(page: Page, name: string, region: string): Promise<string> {
  await page.getByRole('button', { name: 'Add VPC', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add VPC' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Region').selectOption(region);
  const cidr = await dialog.getByLabel('CIDR').inputValue();
  await dialog.getByRole('button', { name: 'Create VPC' }).click();
  await expect.poll(() => dialog.count()).toBe(0);
  return cidr;
}

for (const theme of ['light', 'dark'] as const) {
  describe(`editor (${theme} theme)`, () => {
    let session: Session;
    let page: Page;

    beforeAll(async () => {
      session = await openSession({ colorScheme: theme });
      page = session.page;
    });
    afterAll(async () => {
      await session?.close();
    });

    it('opens an empty library on the start screen', async () => {
      await expect.poll(() => page.getByRole('heading', { name: 'Welcome to Peerplan' }).count()).toBe(1);
      await screenshot(page, `01-start-${theme}`);
    });

    it('creates two VPCs in two regions and connects them; a bandwidth clears PEERING_BANDWIDTH_REQUIRED', async () => {
      await page.getByRole('button', { name: /Create a plan/ }).click();
      await page.getByRole('dialog', { name: 'New plan' }).getByLabel('Plan name').fill('E2E plan');
      await page.getByRole('button', { name: 'Create plan' }).click();

      const first = await addVpc(page, 'Guangzhou app', 'ap-guangzhou');
      const second = await addVpc(page, 'Beijing data', 'ap-beijing');
      expect(first).toBe('10.0.0.0/16');
      expect(second).toBe('10.1.0.0/16');

      // Connect mode: the selected VPC (the one just added) is the requester; finish in the form.
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.getByRole('button', { name: 'Use the form' }).click();
      const dialog = page.getByRole('dialog', { name: 'Connect two VPCs' });
      await expect.poll(() => dialog.getByText(/Cross-region: a bandwidth cap is required/).count()).toBe(1);
      await dialog.getByRole('button', { name: 'Create peering' }).click();

      await expect
        .poll(() => findingsPanel(page).getByText('PEERING_BANDWIDTH_REQUIRED').count())
        .toBeGreaterThan(0);
      // The sidebar counts the open plan as it is, not as last saved.
      await expect
        .poll(() => page.getByRole('navigation', { name: 'Plans' }).textContent())
        .toContain('2 VPCs · 1 peering');
      await page.waitForTimeout(400); // the new peering's framing animation
      await screenshot(page, `02-bandwidth-required-${theme}`);

      // The new peering is selected: its inspector shows the message next to the field.
      const bandwidth = page.getByLabel('Bandwidth cap (Mbps)');
      await expect.poll(() => bandwidth.getAttribute('aria-invalid')).toBe('true');
      await bandwidth.fill('100');
      await bandwidth.press('Enter');
      await expect.poll(() => findingsPanel(page).getByText('PEERING_BANDWIDTH_REQUIRED').count()).toBe(0);
      await screenshot(page, `03-bandwidth-set-${theme}`);
    });

    it('shows an overlap on the canvas and in the panel, and undo removes it', async () => {
      const search = page.getByRole('combobox', { name: 'Find in plan' });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+f');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('canvas-search');
      await search.fill('Guangzhou');
      await search.press('Enter');
      const cidr = page.getByRole('textbox', { name: 'CIDR', exact: true });
      await expect.poll(() => cidr.inputValue()).toBe('10.0.0.0/16');
      await cidr.fill('10.1.0.0/16');
      await cidr.press('Enter');

      await expect
        .poll(() => findingsPanel(page).getByText('PEERING_CIDR_OVERLAP').count())
        .toBeGreaterThan(0);
      await expect.poll(() => canvasMarks(page).textContent()).toMatch(/Guangzhou app: ✖ \d+ error/);
      await expect.poll(() => cidr.getAttribute('aria-invalid')).toBe('true');
      await screenshot(page, `04-overlap-${theme}`);

      await page.getByRole('button', { name: 'Undo', exact: true }).click();
      await expect.poll(() => findingsPanel(page).getByText('PEERING_CIDR_OVERLAP').count()).toBe(0);
      await expect.poll(() => canvasMarks(page).textContent()).not.toMatch(/Guangzhou app: ✖/);
      await expect.poll(() => cidr.inputValue()).toBe('10.0.0.0/16');
      // Redo by keyboard brings it back, undo again removes it.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+Shift+z');
      await expect
        .poll(() => findingsPanel(page).getByText('PEERING_CIDR_OVERLAP').count())
        .toBeGreaterThan(0);
      await page.keyboard.press('Control+z');
      await expect.poll(() => findingsPanel(page).getByText('PEERING_CIDR_OVERLAP').count()).toBe(0);
    });

    it('keeps the plan across a reload (autosave)', async () => {
      await waitSaved(page);
      await page.reload();
      await expect.poll(() => page.getByRole('button', { name: /E2E plan/ }).count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByText('2 VPCs · 1 peering').count()).toBeGreaterThan(0);
      await expect.poll(() => canvasMarks(page).count()).toBe(1);
      await screenshot(page, `05-reloaded-${theme}`);
    });

    it('imports shanghai-hub.json and shows its findings', async () => {
      await page.getByLabel('Plan file to import').setInputFiles(examplePath('shanghai-hub.json'));
      await expect.poll(() => findingsPanel(page).getByText('ROUTE_TRANSITIVE').count()).toBeGreaterThan(0);
      await expect.poll(() => findingsPanel(page).getByText('PEERING_PENDING').count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: /ROUTE_TRANSITIVE/ }).click();
      await page.waitForTimeout(400);
      await screenshot(page, `06-shanghai-hub-${theme}`);
    });

    it('deletes a peering and says which routes went with it; undo restores them', async () => {
      const search = page.getByRole('combobox', { name: 'Find in plan' });
      await page.keyboard.press('Control+f');
      await search.fill('pcx-pay');
      await search.press('Enter');
      await expect.poll(() => page.getByRole('heading', { name: /Peering pcx-pay/ }).count()).toBe(1);
      await page.keyboard.press('Delete');
      const notice = page.getByRole('status').filter({ hasText: 'Deleted peering' });
      await expect.poll(() => notice.textContent()).toMatch(/pcx-pay.* and the 2 routes through it\..*Undo/);
      await screenshot(page, `07-delete-peering-${theme}`);
      await expect.poll(() => findingsPanel(page).getByText('ROUTE_PEERING_INACTIVE').count()).toBe(0);
      await page.keyboard.press('Control+z');
      // The two findings of that code are back, under one header that counts them.
      await expect
        .poll(() => findingsPanel(page).getByRole('button', { name: 'ROUTE_PEERING_INACTIVE 2' }).count())
        .toBe(1);
    });

    it('saves a revision with Ctrl+S and a message', async () => {
      await page.keyboard.press('Control+s');
      const dialog = page.getByRole('dialog', { name: 'Save revision' });
      await dialog.getByLabel('Message').fill('Reviewed the hub');
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => page.getByText('Revision saved: Reviewed the hub').count()).toBe(1);
    });

    it('deletes a plan after confirming, then opens the quick-start example', async () => {
      await page.getByRole('button', { name: /^Delete Shanghai/ }).click();
      const dialog = page.getByRole('dialog', { name: /^Delete plan/ });
      await dialog.getByRole('button', { name: 'Delete plan' }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Open a plan' }).count()).toBe(1);
      await page.getByRole('button', { name: /Open the quick-start example/ }).click();
      await expect
        .poll(() => page.getByRole('button', { name: /^Quick start: Guangzhou to Beijing/ }).count())
        .toBe(1);
      await expect.poll(() => findingsPanel(page).count()).toBe(1);
      await page.waitForTimeout(300);
      await screenshot(page, `08-quickstart-${theme}`);
    });

    it('refuses a broken file with the parser message', async () => {
      await page.getByLabel('Plan file to import').setInputFiles({
        name: 'broken.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{\n  "format": "peerplan/1",\n  "name": 3\n}'),
      });
      const alert = page.getByRole('dialog', { name: 'This file cannot be imported' });
      await expect.poll(() => alert.textContent()).toMatch(/broken\.json:\d+:\d+: /);
      await screenshot(page, `09-import-error-${theme}`);
      await alert.getByRole('button', { name: 'OK' }).click();
    });
  });
}
