/**
 * The analysis panel under the canvas (issue 10): its tabs (WAI-ARIA tabs pattern), resizing
 * and collapsing, remembered across a reload; the Routes tab and its quick fixes on the seed's
 * billing example with its route tables left empty.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, openSession, screenshot } from './harness';
import type { Session } from './harness';

const BILLING_NO_ROUTES = join(ROOT, 'test', 'fixtures', 'plans', 'billing-no-routes.json');
const TAB_NAMES = ['Findings', 'Routes', 'Reachability', 'Costs', 'Traffic'];

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const findings = (page: Page) => page.getByRole('region', { name: 'Findings' });

/** Imports a plan file through the app's file input and waits until it is open. */
async function importPlan(page: Page, path: string, name: string): Promise<void> {
  await page.getByLabel('Plan file to import').setInputFiles(path);
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).waitFor();
  await tab(page, 'Findings').waitFor();
}

/** A browser-build session with the billing example (no routes) imported and open. */
async function openBillingExample(colorScheme: 'light' | 'dark' = 'light'): Promise<Session> {
  const session = await openSession({ colorScheme });
  await session.page.getByRole('heading', { name: 'Welcome to Peerplan' }).waitFor();
  await importPlan(session.page, BILLING_NO_ROUTES, 'Billing example');
  return session;
}

describe('analysis panel (browser build)', () => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await openBillingExample();
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
  });

  it('has one tab per view, named exactly, with Findings selected at first', async () => {
    const tablist = page.getByRole('tablist', { name: 'Analysis views' });
    const names = await tablist
      .getByRole('tab')
      .evaluateAll((tabs) => tabs.map((t) => t.getAttribute('aria-label')));
    expect(names).toEqual(TAB_NAMES);
    expect(await tab(page, 'Findings').getAttribute('aria-selected')).toBe('true');
    expect(await findings(page).getByText('PEERING_NO_ROUTES').count()).toBe(1);
    await screenshot(page, 'analysis-shell');
    // Each tab controls its own panel, labelled by the tab.
    for (const name of TAB_NAMES) {
      const controls = await tab(page, name).getAttribute('aria-controls');
      const labelledBy = await page.locator(`#${controls}`).getAttribute('aria-labelledby');
      expect(await page.locator(`#${labelledBy}`).getAttribute('aria-label')).toBe(name);
    }
  });

  it('moves between tabs with the arrow keys, Home and End (roving focus, automatic activation)', async () => {
    await tab(page, 'Findings').focus();
    await page.keyboard.press('ArrowRight');
    expect(await tab(page, 'Routes').getAttribute('aria-selected')).toBe('true');
    expect(await tab(page, 'Findings').getAttribute('aria-selected')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Routes');
    expect(await tab(page, 'Routes').getAttribute('tabindex')).toBe('0');
    expect(await tab(page, 'Findings').getAttribute('tabindex')).toBe('-1');
    await page.keyboard.press('End');
    expect(await tab(page, 'Traffic').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowRight'); // wraps around
    expect(await tab(page, 'Findings').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    expect(await tab(page, 'Traffic').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Home');
    expect(await tab(page, 'Findings').getAttribute('aria-selected')).toBe('true');
    // Only the selected panel is shown.
    expect(await page.getByRole('tabpanel').count()).toBe(1);
  });

  it('resizes with the keyboard and the mouse, collapses, and remembers tab and height after a reload', async () => {
    const handle = page.getByRole('separator', { name: 'Resize the analysis panel' });
    const panel = page.getByRole('region', { name: 'Analysis' });
    const before = Number(await handle.getAttribute('aria-valuenow'));
    await handle.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(before + 48);
    expect((await panel.boundingBox())!.height).toBeCloseTo(before + 48, 0);

    // Dragging the handle up by 60 px makes the panel 60 px taller.
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + 200, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 200, box.y + box.height / 2 - 60, { steps: 4 });
    await page.mouse.up();
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(before + 108);

    // Never beyond 70 % of the window.
    await page.keyboard.press('End');
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(Math.round(900 * 0.7));
    await page.keyboard.press('Home');
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(120);
    await page.keyboard.press('PageUp');
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(216);

    await tab(page, 'Costs').click();
    await page.reload();
    await expect
      .poll(() => tab(page, 'Costs').getAttribute('aria-selected'), { timeout: 10_000 })
      .toBe('true');
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(216);

    const collapse = page.getByRole('button', { name: 'Collapse the analysis panel' });
    await collapse.click();
    expect(await page.getByRole('tabpanel').count()).toBe(0);
    const expand = page.getByRole('button', { name: 'Expand the analysis panel' });
    expect(await expand.getAttribute('aria-expanded')).toBe('false');
    expect((await panel.boundingBox())!.height).toBeLessThan(60);
    await page.reload();
    await expect.poll(() => expand.count(), { timeout: 10_000 }).toBe(1);
    // Choosing a tab opens the panel again, at its remembered height.
    await tab(page, 'Findings').click();
    expect(await page.getByRole('tabpanel').count()).toBe(1);
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(216);
  });
});

describe('Routes tab and quick fixes (browser build)', () => {
  let session: Session;
  let page: Page;
  const routes = (p: Page) => p.getByRole('tabpanel', { name: 'Routes' });

  beforeAll(async () => {
    session = await openBillingExample();
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
  });

  it('shows each route table with its subnets, local routes and the missing ones as ghosts', async () => {
    await expect.poll(() => findings(page).getByText('PEERING_NO_ROUTES').count()).toBe(1);
    await tab(page, 'Routes').click();
    const view = routes(page);
    await view.getByText('Routes of every VPC (2)').waitFor();
    const sh = view.getByRole('list', { name: 'Routes of sh-main (rtb-sh)' });
    expect(await sh.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/^10\.1\.0\.0\/16\s*→ local\s*local$/),
      expect.stringMatching(/^10\.2\.0\.0\/16\s*→ sh-gz \(pcx-sh-gz\)\s*missing\s*Add$/),
    ]);
    expect(await view.getByText('sh-web').count()).toBe(1); // the table's subnet
    expect(await view.getByText('2 missing routes in the plan').count()).toBe(1);
    await screenshot(page, 'analysis-routes-missing');
  });

  it('Add missing routes adds both sides in one step, says what it added, and one undo takes both back', async () => {
    const view = routes(page);
    await view.getByRole('button', { name: 'Add missing routes', exact: true }).click();
    const added =
      'Added 2 routes: sh-main (rtb-sh) 10.2.0.0/16 → sh-gz (pcx-sh-gz), gz-main (rtb-gz) 10.1.0.0/16 → sh-gz (pcx-sh-gz)';
    await expect.poll(() => view.getByRole('status').textContent()).toBe(added);
    expect(await view.getByText('No routes to add').count()).toBe(1);
    // The plan's routes, edited in place: the next hop is the peering, picked by name and state.
    const hop = view.getByLabel('Next hop peering of route 1 of sh-main');
    expect(await hop.inputValue()).toBe('pcx-sh-gz');
    expect(await hop.locator('option:checked').textContent()).toBe('sh-gz → guangzhou-data (active)');
    expect(await view.getByLabel('Destination of route 1 of gz-main').inputValue()).toBe('10.1.0.0/16');
    await screenshot(page, 'analysis-routes-added');

    await tab(page, 'Findings').click();
    const codes = await findings(page).locator('.code').allInnerTexts();
    expect(codes.filter((code) => code.startsWith('ROUTE_') || code === 'PEERING_NO_ROUTES')).toEqual([]);

    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => findings(page).getByText('PEERING_NO_ROUTES').count()).toBe(1);
    await tab(page, 'Routes').click();
    expect(await view.getByLabel(/^Destination of route/).count()).toBe(0);
    expect(await view.getByText('2 missing routes in the plan').count()).toBe(1);
  });

  it('offers the fix next to the finding in the Findings tab, labelled by what it does', async () => {
    await tab(page, 'Findings').click();
    const fix = findings(page).getByRole('button', { name: 'Add 2 missing routes of sh-gz (pcx-sh-gz)' });
    await fix.click();
    await expect.poll(() => findings(page).getByText('PEERING_NO_ROUTES').count()).toBe(0);
    expect(await page.getByRole('status').filter({ hasText: 'Added 2 routes' }).count()).toBeGreaterThan(0);
    // Names beside IDs in the remaining finding's message and subjects.
    expect(
      await findings(page)
        .getByText(/pcx-sh-gz \(sh-gz\) crosses regions/)
        .count(),
    ).toBe(1);
  });

  it('edits a route in the Routes tab and the inspector shows the same route (one edit)', async () => {
    await tab(page, 'Routes').click();
    const view = routes(page);
    const type = view.getByLabel('Next hop type of route 1 of sh-main');
    await type.selectOption('nat');
    const id = view.getByLabel('Next hop ID of route 1 of sh-main');
    await id.fill('nat-0001');
    await id.press('Enter');
    // The route no longer goes to the peering: this side lacks a route to it, the other side's
    // traffic has no way back (two warnings), and no
    // route is proposed in its place (the table already routes that destination elsewhere).
    const counts = page.getByLabel('Finding counts');
    await expect.poll(() => counts.textContent()).toContain('2 warnings');
    expect(await view.getByText('No routes to add').count()).toBe(1);
    await view.getByRole('button', { name: 'shanghai-app' }).click();
    await view.getByText('Routes of shanghai-app (vpc-sh)').waitFor();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    expect(await inspector.getByLabel('Next hop ID of route 1 of sh-main').inputValue()).toBe('nat-0001');
    await inspector.getByLabel('Next hop type of route 1 of sh-main').selectOption('peering');
    await expect
      .poll(() => view.getByLabel('Next hop peering of route 1 of sh-main').inputValue())
      .toBe('pcx-sh-gz');
    await expect.poll(() => counts.textContent()).toContain('0 warnings');
    await screenshot(page, 'analysis-routes-vpc');
  });
});

/** Every tab at both window sizes the issue names, for looking at. */
async function screenshotTabs(page: Page, theme: string): Promise<void> {
  for (const [width, height] of [
    [1440, 900],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const name of TAB_NAMES) {
      await tab(page, name).click();
      await page.getByRole('tabpanel', { name }).waitFor();
      await page.waitForTimeout(150);
      await screenshot(page, `analysis-tab-${name.toLowerCase()}-${theme}-${width}x${height}`);
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe('IDs and screenshots (browser build)', () => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await openBillingExample();
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
  });

  it('renames an ID in the inspector: every reference follows, one undo takes it back', async () => {
    await tab(page, 'Routes').click();
    const view = page.getByRole('tabpanel', { name: 'Routes' });
    await view.getByRole('button', { name: 'Add missing routes', exact: true }).click();
    await view.getByRole('button', { name: 'shanghai-app' }).click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const id = inspector.getByLabel('VPC ID');
    expect(await id.inputValue()).toBe('vpc-sh');
    await id.fill('vpc-gz');
    await id.press('Enter');
    await expect
      .poll(() => inspector.getByRole('alert').textContent())
      .toBe('"vpc-gz" is already the ID of another object.');
    await id.fill('vpc-shanghai');
    await id.press('Enter');
    await view.getByText('Routes of shanghai-app (vpc-shanghai)').waitFor();
    // The peering's end followed: no unknown reference, the route still picks the peering.
    await tab(page, 'Findings').click();
    expect(await findings(page).getByText('REF_UNKNOWN').count()).toBe(0);
    expect(await page.getByLabel('Finding counts').textContent()).toContain('0 errors');
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => inspector.getByLabel('VPC ID').inputValue()).toBe('vpc-sh');
  });

  it('shows every tab in the light theme at 1440×900 and 1024×700', async () => {
    await page.getByRole('button', { name: 'Undo', exact: true }).click(); // back to no routes
    await page.keyboard.press('Escape');
    await screenshotTabs(page, 'light');
  });
});

describe('analysis panel, dark theme (browser build)', () => {
  let session: Session;

  beforeAll(async () => {
    session = await openBillingExample('dark');
  });
  afterAll(async () => {
    await session?.close();
  });

  it('shows every tab in the dark theme at 1440×900 and 1024×700', async () => {
    await screenshotTabs(session.page, 'dark');
  });
});
