/**
 * Keyboard only, in the browser build: a new plan, two VPCs, a peering between them and the
 * routes it needs, without the mouse. Then the `?` sheet lists every shortcut, and the first Tab
 * after a dialog closes lands where the user was, never on the hidden file input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHORTCUTS } from '../../shared/ui/shortcuts';
import { openSession, screenshot } from './harness';
import type { Session } from './harness';

const findingsPanel = (page: Page) => page.getByRole('region', { name: 'Findings' });
const focusedLabel = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return active
      ? `${active.tagName}:${active.getAttribute('aria-label') ?? active.textContent?.trim() ?? ''}`
      : '';
  });

describe('keyboard only', () => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await openSession();
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
  });

  it('creates a plan and two VPCs, connects them and adds the missing routes without the mouse', async () => {
    await expect.poll(() => page.getByRole('heading', { name: 'Welcome to Peerplan' }).count()).toBe(1);
    await page.keyboard.press('Control+n');
    const newPlan = page.getByRole('dialog', { name: 'New plan' });
    await expect.poll(() => newPlan.count()).toBe(1);
    // The default name is selected: typing replaces it.
    await page.keyboard.type('Keyboard plan');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('navigation', { name: 'Plans' }).textContent())
      .toContain('Keyboard plan');

    for (const name of ['Web', 'Data']) {
      await page.keyboard.press('a');
      const dialog = page.getByRole('dialog', { name: 'Add VPC' });
      await expect.poll(() => dialog.count()).toBe(1);
      await page.keyboard.type(name);
      await expect.poll(() => dialog.getByLabel('Name').inputValue()).toBe(name);
      await page.keyboard.press('Enter');
      await expect.poll(() => dialog.count()).toBe(0);
    }
    await expect.poll(() => page.getByRole('heading', { name: /VPC vpc-2/ }).count()).toBe(1);

    // To the canvas, Connect from the selected VPC (Data), arrows to the other one, Enter.
    await page.keyboard.press('g');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('canvas');
    await page.keyboard.press('c');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Connect from' }).count()).toBe(1);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.getByRole('heading', { name: /VPC vpc-1/ }).count()).toBe(1);
    await page.keyboard.press('Enter');
    const connect = page.getByRole('dialog', { name: 'Connect two VPCs' });
    await expect.poll(() => connect.count()).toBe(1);
    expect(await connect.getByLabel('Requester (pays for cross-region)').inputValue()).toBe('vpc-2');
    expect(await connect.getByLabel('Accepter').inputValue()).toBe('vpc-1');
    await page.keyboard.press('Enter');
    await expect.poll(() => connect.count()).toBe(0);
    await expect.poll(() => findingsPanel(page).getByText('PEERING_NO_ROUTES').count()).toBeGreaterThan(0);

    // Each side: select its VPC on the canvas, Enter into the inspector, Tab to Add route, Enter.
    for (const vpc of ['vpc-1', 'vpc-2']) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('g');
      // Arrows walk the VPCs from the middle of the view until the wanted one is selected.
      const heading = page.getByRole('heading', { name: new RegExp(`VPC ${vpc}`) });
      for (const arrow of ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']) {
        if ((await heading.count()) === 1) break;
        await page.keyboard.press(arrow);
      }
      await expect.poll(() => heading.count()).toBe(1);
      await page.keyboard.press('Enter');
      for (let i = 0; i < 40 && (await focusedLabel(page)) !== 'BUTTON:Add route'; i++)
        await page.keyboard.press('Tab');
      expect(await focusedLabel(page)).toBe('BUTTON:Add route');
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => findingsPanel(page).getByText('PEERING_NO_ROUTES').count()).toBe(0);
    await expect.poll(() => findingsPanel(page).getByText('ROUTE_RETURN_MISSING').count()).toBe(0);
    await expect.poll(() => findingsPanel(page).getByText('ROUTE_DUPLICATE').count()).toBe(0);
    await screenshot(page, 'keyboard-only-flow');
  });

  it('? lists every shortcut of the table; after the sheet closes, Tab does not land on the file input', async () => {
    await page.getByTestId('canvas').focus();
    await page.keyboard.press('Shift+?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => sheet.count()).toBe(1);
    for (const shortcut of SHORTCUTS)
      expect(await sheet.getByRole('rowheader', { name: shortcut.label, exact: true }).count()).toBe(1);
    await screenshot(page, 'shortcut-sheet');
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.count()).toBe(0);
    // Focus is back on the canvas, and the next Tab goes to a visible control.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('canvas');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).not.toBe(
      'file',
    );
  });

  it('zoom keys and Fit work in the browser build too', async () => {
    await page.getByTestId('canvas').focus();
    const zoom = () =>
      page.evaluate(() => {
        const canvas = document.querySelector('[data-testid="canvas"]') as HTMLElement & {
          peerplanView?: { cy: { zoom(): number } };
        };
        return canvas.peerplanView!.cy.zoom();
      });
    const start = await zoom();
    await page.keyboard.press('Control+=');
    await expect.poll(zoom).toBeGreaterThan(start);
    await page.keyboard.press('Control+-');
    await page.keyboard.press('Control+-');
    await expect.poll(zoom).toBeLessThan(start);
    const zoomedOut = await zoom();
    // Ctrl+1 frames the plan exactly as the Fit button does.
    await page.keyboard.press('Control+1');
    await expect.poll(zoom).not.toBe(zoomedOut);
    const fitted = await zoom();
    await page.keyboard.press('Control+=');
    await expect.poll(zoom).toBeGreaterThan(fitted);
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await expect.poll(zoom).toBeCloseTo(fitted, 5);
  });
});
