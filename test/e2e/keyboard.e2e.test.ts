/**
 * Keyboard only, in the browser build: a new plan, two VPCs, a peering between them and the
 * routes it needs (the peering's quick fix), without one mouse event; the routes are read back
 * from the library. Then the `?` sheet lists every shortcut, and the first Tab
 * after a dialog closes lands where the user was, never on the hidden file input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { StoredPlan } from '../../shared/ipc/contract';
import { SHORTCUTS } from '../../shared/ui/shortcuts';
import { callApi, openSession, screenshot } from './harness';
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
    // Every mouse, pointer and wheel event the page receives, from the first script on.
    await page.context().addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __pointerEvents: string[] }).__pointerEvents = seen;
      for (const type of [
        'mousedown',
        'mouseup',
        'pointerdown',
        'pointerup',
        'wheel',
        'contextmenu',
        'dblclick',
      ])
        window.addEventListener(
          type,
          (event) => seen.push(`${event.type} on ${(event.target as Element).tagName}`),
          true,
        );
    });
    await page.reload();
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

    // The new peering is selected: Enter takes the keyboard into its inspector, Tab walks to its
    // quick fix (Add the missing routes of both sides, one step), Enter applies it.
    await expect.poll(() => page.getByRole('heading', { name: /Peering pcx-/ }).count()).toBe(1);
    await page.keyboard.press('g');
    await page.keyboard.press('Enter');
    const fix = /^Add 2 missing routes of /;
    for (let i = 0; i < 40 && !fix.test((await focusedLabel(page)).replace(/^BUTTON:/, '')); i++)
      await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toMatch(/^BUTTON:Add 2 missing routes of .*\(pcx-1\)$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Added 2 routes' }).count()).toBe(1);
    await expect.poll(() => findingsPanel(page).getByText('PEERING_NO_ROUTES').count()).toBe(0);
    await expect.poll(() => findingsPanel(page).getByText('ROUTE_RETURN_MISSING').count()).toBe(0);
    await expect.poll(() => findingsPanel(page).getByText('ROUTE_DUPLICATE').count()).toBe(0);
    await screenshot(page, 'keyboard-only-flow');

    // The routes as the library holds them: each VPC routes the other's CIDR through the peering.
    const planId = (await page.locator('.canvas-wrap').getAttribute('data-plan-id'))!;
    await expect.poll(() => page.getByRole('status', { name: 'Save state' }).textContent()).toBe('Saved');
    const stored = await callApi<StoredPlan>(session, 'plans.get', { id: planId });
    const [web, data] = ['Web', 'Data'].map((name) => stored.plan.vpcs.find((v) => v.name === name)!);
    const peering = stored.plan.peerings[0]!;
    expect(stored.plan.peerings).toHaveLength(1);
    for (const [vpc, peer] of [
      [web!, data!],
      [data!, web!],
    ] as const) {
      const routes = vpc.routeTables.flatMap((t) => t.routes);
      expect(routes).toEqual([
        expect.objectContaining({ destination: peer.cidr, nextHop: { type: 'peering', id: peering.id } }),
      ]);
    }
    // Not one mouse or pointer event in the whole flow.
    expect(
      await page.evaluate(() => (window as unknown as { __pointerEvents: string[] }).__pointerEvents),
    ).toEqual([]);
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
