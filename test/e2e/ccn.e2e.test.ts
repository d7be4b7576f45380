/**
 * CCN in the app (issue 15, items 4 and 5) in the browser build: Add CCN, attach two VPCs in two
 * regions (Connect with the mouse, then with the keyboard), the hub outside the regions and kept
 * across a reload, the CCN routes in the Routes tab, and Migrate to CCN on the seed's
 * Guangzhou–Beijing peering: the steps, the middle one's CCN_ROUTE_SHADOWED and asymmetric-traffic
 * note, the costs per currency, Apply as one step and Undo.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { importPlan, ROOT, screenshot, useSession, waitSaved } from './harness';

const TWO_REGIONS = join(ROOT, 'test', 'fixtures', 'plans', 'two-regions-no-link.json');
const SEED = join(ROOT, 'test', 'fixtures', 'plans', 'seed-gz-bj-peering.json');

const inspector = (page: Page) => page.getByRole('complementary', { name: 'Inspector' });

/** Imports a plan file and waits until its first layout is done. */
async function importLaidOut(page: Page, path: string, name: string): Promise<void> {
  await importPlan(page, path, name);
  // The first layout of a plan never laid out: it starts two frames after the drawing, then runs.
  await page.waitForFunction(() => {
    const canvas = document.querySelector('[data-testid="canvas"]') as CanvasElement | null;
    return (canvas?.peerplanView?.cy.nodes('.vpc').map((n) => n.id()).length ?? 0) > 0;
  });
  await page.waitForTimeout(500);
  await page.waitForSelector('[data-layout="idle"]', { timeout: 15_000 });
}

type CanvasElement = HTMLElement & {
  peerplanView?: {
    cy: {
      getElementById(id: string): {
        length: number;
        renderedPosition(): { x: number; y: number };
        position(): { x: number; y: number };
        boundingBox(): { x1: number; y1: number; x2: number; y2: number };
        data(key: string): unknown;
      };
      nodes(selector: string): { map<T>(f: (n: { id(): string }) => T): T[] };
      animated(): boolean;
      elements(selector: string): { length: number };
    };
  };
};

/** Where a node is drawn, in page coordinates. */
async function onScreen(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.evaluate((nodeId) => {
    const element = document.querySelector('[data-testid="canvas"]') as CanvasElement;
    const at = element.peerplanView!.cy.getElementById(nodeId).renderedPosition();
    const box = element.getBoundingClientRect();
    return { x: box.left + at.x, y: box.top + at.y };
  }, id);
}

async function drawn(page: Page, id: string): Promise<boolean> {
  return page.evaluate(
    (nodeId) =>
      (document.querySelector('[data-testid="canvas"]') as CanvasElement).peerplanView!.cy.getElementById(
        nodeId,
      ).length > 0,
    id,
  );
}

/** Fit, once a framing animation (a selection) is over: every node is then on screen. */
async function fitAll(page: Page): Promise<void> {
  await page.waitForTimeout(400);
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
}

describe('CCN in the app (browser build)', () => {
  let page: Page;
  useSession({ onOpen: (s) => (page = s.page) });
  beforeAll(() => importLaidOut(page, TWO_REGIONS, 'Two regions'));

  it('Add CCN: a dialog with a free ID, then a hub outside every region, selected in the CCN inspector', async () => {
    await page.getByRole('button', { name: 'Add CCN', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add CCN' });
    expect(await dialog.getByLabel('CCN ID').inputValue()).toBe('ccn-1');
    await dialog.getByLabel('Name').fill('core');
    await dialog.getByLabel('QoS').selectOption('PT');
    await screenshot(page, 'ccn-01-add-dialog');
    await dialog.getByRole('button', { name: 'Create CCN' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await inspector(page).getByRole('heading', { name: 'CCN ccn-1' }).waitFor();
    expect(await inspector(page).getByLabel('QoS').inputValue()).toBe('PT');
    expect(await inspector(page).getByText('platinum', { exact: true }).count()).toBe(1);

    // The hub is no region's child and overlaps no region's box.
    const placement = await page.evaluate(() => {
      const cy = (document.querySelector('[data-testid="canvas"]') as CanvasElement).peerplanView!.cy;
      const hub = cy.getElementById('ccn-1');
      const box = hub.boundingBox();
      const regions = cy.nodes('.region').map((n) => cy.getElementById(n.id()).boundingBox());
      const overlaps = regions.some((r) => box.x1 < r.x2 && box.x2 > r.x1 && box.y1 < r.y2 && box.y2 > r.y1);
      return { parent: hub.data('parent') ?? null, overlaps, regions: regions.length };
    });
    expect(placement).toEqual({ parent: null, overlaps: false, regions: 2 });
    expect(await page.getByRole('button', { name: 'Undo' }).getAttribute('title')).toBe(
      'Undo Add CCN ccn-1 (Ctrl+Z)',
    );
  });

  it('attaches a VPC by Connect with the mouse (VPC, then hub): an attachment, not a peering', async () => {
    await fitAll(page);
    // The VPC selected, Connect (it is the first end), then the hub.
    const gz = await onScreen(page, 'vpc-gz');
    await page.mouse.click(gz.x, gz.y);
    await inspector(page).getByRole('heading', { name: 'VPC vpc-gz' }).waitFor();
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    expect(await page.getByRole('status').filter({ hasText: 'Connect from' }).textContent()).toMatch(
      /Connect from\s+vpc-gz:\s+now click the accepter VPC or a CCN\s+hub/,
    );
    const hub = await onScreen(page, 'ccn-1');
    await page.mouse.click(hub.x, hub.y);
    await inspector(page).getByRole('heading', { name: 'CCN attachment ccn-1@vpc-gz' }).waitFor();
    expect(await inspector(page).getByLabel('State').inputValue()).toBe('active');
    expect(await inspector(page).getByLabel('Publishes').inputValue()).toBe('vpc');
    expect(await drawn(page, 'ccn-1@vpc-gz')).toBe(true);
    // No peering dialog opened, no peering made.
    expect(await page.getByRole('dialog', { name: 'Connect two VPCs' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Undo' }).getAttribute('title')).toBe(
      'Undo Attach vpc-gz to ccn-1 (Ctrl+Z)',
    );
  });

  it('attaches the other VPC by keyboard: the hub selected, C, arrows to the VPC, Enter', async () => {
    const hub = await onScreen(page, 'ccn-1');
    await page.mouse.click(hub.x, hub.y);
    await inspector(page).getByRole('heading', { name: 'CCN ccn-1' }).waitFor();
    await page.getByTestId('canvas').focus();
    await page.keyboard.press('c');
    const selected = page.locator('#canvas-selected');
    // Arrows walk the canvas; some way round leads to sh-db.
    for (const key of [
      'ArrowDown',
      'ArrowRight',
      'ArrowLeft',
      'ArrowDown',
      'ArrowUp',
      'ArrowRight',
      'ArrowLeft',
    ]) {
      if ((await selected.textContent())?.includes('sh-db')) break;
      await page.keyboard.press(key);
    }
    const said = (await selected.textContent())!.replace(/\s+/g, ' ');
    expect(said).toContain('Selected VPC sh-db (vpc-sh)');
    expect(said).toContain('press Enter to connect ccn-1 to it');
    await page.keyboard.press('Enter');
    await inspector(page).getByRole('heading', { name: 'CCN attachment ccn-1@vpc-sh' }).waitFor();
    await inspector(page).getByRole('button', { name: 'CCN core' }).click();
    const members = inspector(page).getByRole('list', { name: 'Attached VPCs, in attachment order' });
    expect(await members.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^gz-app\s+ap-guangzhou · active$/),
      expect.stringMatching(/^sh-db\s+ap-shanghai · active$/),
    ]);
    expect(await inspector(page).getByText('2 attached').count()).toBe(1);
    await screenshot(page, 'ccn-02-canvas-hub-and-inspector');
  });

  it('edits the CCN in its inspector: a limit per region, an expected P95, each one undo step; a bad value says why', async () => {
    const limits = inspector(page).getByRole('group', { name: 'New bandwidth limit' });
    await limits.getByLabel('Limit region').selectOption('ap-shanghai');
    await limits.getByLabel('Limit (Mbps)').fill('0');
    await limits.getByRole('button', { name: 'Add limit' }).click();
    expect(await inspector(page).getByRole('alert').textContent()).toBe('Enter a bandwidth above 0 Mbps.');
    await limits.getByLabel('Limit (Mbps)').fill('200');
    await limits.getByRole('button', { name: 'Add limit' }).click();
    expect(await inspector(page).getByLabel('Limit ap-shanghai (Mbps)').inputValue()).toBe('200');
    const p95 = inspector(page).getByRole('group', { name: 'New expected P95' });
    await p95.getByLabel('P95 first region').selectOption('ap-guangzhou');
    await p95.getByLabel('P95 second region').selectOption('ap-shanghai');
    await p95.getByLabel('Expected P95 (Mbps)').fill('120');
    await p95.getByRole('button', { name: 'Add P95' }).click();
    expect(
      await inspector(page).getByLabel('Expected P95 ap-guangzhou – ap-shanghai (Mbps)').inputValue(),
    ).toBe('120');
    expect(await page.getByRole('button', { name: 'Undo' }).getAttribute('title')).toBe(
      'Undo Add expected P95 ap-guangzhou – ap-shanghai on ccn-1 (Ctrl+Z)',
    );
    await screenshot(page, 'ccn-03-inspector-limits');
  });

  it('lists the CCN routes in the Routes tab: each member reaches the other via the CCN, effective', async () => {
    await page.getByRole('tab', { name: 'Routes', exact: true }).click();
    const routes = page.getByRole('list', { name: /Routes of default \(rtb-gz\)/ });
    const ccnRow = routes.getByRole('listitem').filter({ hasText: '10.2.0.0/16' });
    expect(await ccnRow.textContent()).toMatch(
      /10\.2\.0\.0\/16\s*→\s*core \(ccn-1\)\s*CCN\s*from sh-db \(vpc-sh\)\s*effective/,
    );
  });

  it('shows the pair reachable via the CCN in the Reachability tab, and the CCN on the canvas for it', async () => {
    await page.getByRole('tab', { name: 'Reachability', exact: true }).click();
    const cell = (from: string, to: string) =>
      page.getByRole('gridcell').getByRole('button', { name: new RegExp(`^${from} to ${to}: `) });
    expect(await cell('app', 'db').getAttribute('aria-label')).toMatch(/: reachable both ways$/);
    expect(await cell('db', 'app').getAttribute('aria-label')).toMatch(/: reachable both ways$/);
    await cell('app', 'db').click();
    const explanation = page.getByRole('region', { name: 'Explanation of the selected pair' });
    expect((await explanation.locator('.status').textContent())!.replace(/\s+/g, ' ')).toMatch(
      /reachable both ways via core \(ccn-1\)/,
    );
    // The path is selected: the CCN in the inspector, its members put forward on the canvas.
    await inspector(page).getByRole('heading', { name: 'CCN ccn-1' }).waitFor();
    const forward = await page.evaluate(() => {
      const cy = (document.querySelector('[data-testid="canvas"]') as CanvasElement).peerplanView!.cy;
      const has = (id: string, cls: string) =>
        (cy.getElementById(id) as unknown as { hasClass(c: string): boolean }).hasClass(cls);
      return {
        edges: ['ccn-1@vpc-gz', 'ccn-1@vpc-sh'].map((id) => has(id, 'neighbourhood')),
        faded: ['vpc-gz', 'vpc-sh', 'ccn-1'].map((id) => has(id, 'faded')),
      };
    });
    expect(forward).toEqual({ edges: [true, true], faded: [false, false, false] });
    await screenshot(page, 'ccn-04-reachability-via-ccn');
  });

  it('shows the CCN’s cost in the Costs tab: 120 Mbps planned P95 at the platinum tier, in USD', async () => {
    await page.getByRole('tab', { name: 'Costs', exact: true }).click();
    const ccns = page.getByRole('region', { name: 'CCN costs' });
    const pair = ccns.getByRole('row').filter({ hasText: /Guangzhou.*↔.*Shanghai|Shanghai.*↔.*Guangzhou/ });
    // spec/ccn.md: platinum, (100, 1000] Mbps: 21 USD/Mbps; planned P95 over every day of November.
    await expect.poll(() => pair.textContent()).toContain('2,520 USD');
    expect(await pair.textContent()).toContain('(100, 1000] Mbps at 21 USD/Mbps');
    expect(await pair.textContent()).toContain('(planned)');
    expect(await pair.getByRole('cell').nth(2).textContent()).toBe('30');
    await ccns.scrollIntoViewIfNeeded();
    await screenshot(page, 'ccn-05-costs');
  });

  it('keeps the hub where it was dragged across a reload', async () => {
    await fitAll(page);
    const hub = await onScreen(page, 'ccn-1');
    await page.mouse.move(hub.x, hub.y);
    await page.mouse.down();
    await page.mouse.move(hub.x + 60, hub.y - 40, { steps: 5 });
    await page.mouse.up();
    await expect
      .poll(() => page.getByRole('button', { name: 'Undo' }).getAttribute('title'))
      .toBe('Undo Move ccn-1 (Ctrl+Z)');
    const position = () =>
      page.evaluate(() =>
        (document.querySelector('[data-testid="canvas"]') as CanvasElement)
          .peerplanView!.cy.getElementById('ccn-1')
          .position(),
      );
    const before = await position();
    await waitSaved(page);
    await page.reload();
    await page.getByRole('tab', { name: 'Findings', exact: true }).waitFor();
    await expect.poll(() => drawn(page, 'ccn-1')).toBe(true);
    const after = await position();
    expect({ x: Math.round(after.x), y: Math.round(after.y) }).toEqual({
      x: Math.round(before.x),
      y: Math.round(before.y),
    });
  });
});

describe('Migrate to CCN on the seed peering (browser build)', () => {
  let page: Page;
  useSession({ onOpen: (s) => (page = s.page) });
  beforeAll(() => importLaidOut(page, SEED, 'Seed'));

  it('opens the proposal from the peering: the CCN, the costs per currency side by side, the five steps', async () => {
    await page.getByLabel('Find in plan').fill('PeerConn');
    await page.keyboard.press('Enter');
    await inspector(page).getByRole('heading', { name: 'Peering pcx-peerconn' }).waitFor();
    await inspector(page).getByRole('button', { name: 'Migrate to CCN' }).click();
    const view = page.getByRole('complementary', { name: 'Migration to CCN' });
    await view.getByRole('heading', { name: 'Migrate to CCN' }).waitFor();
    expect(await view.getByText(/A new CCN PeerConn\s*ccn-1/).count()).toBe(1);
    const costs = view.getByRole('region', { name: 'Monthly cost before and after' });
    const rows = await costs.getByRole('row').allTextContents();
    // Before: the peering in CNY; after: the CCN in USD. Each currency on its own row.
    expect(rows[0]).toMatch(/Currency\s*Before\s*After/);
    expect(rows[1]).toMatch(/^CNY \(peering\)\s*[\d,]+\.\d\d CNY\s*0\.00 CNY$/);
    expect(rows[2]).toMatch(/^USD \(CCN\)\s*0\.00 USD\s*[\d,]+\.\d\d USD$/);
    const steps = view.getByRole('region', { name: 'Migration steps' });
    expect(await steps.getByRole('button', { pressed: false }).allTextContents()).toEqual([
      '1. Attach both VPCs to the CCN',
      '2. Check the CCN routes',
      '3. Switch VPC1 (vpc-gz) to the CCN',
      '4. Switch VPC2 (vpc-bj) to the CCN',
      '5. Delete the peering',
    ]);
    await screenshot(page, 'ccn-06-migration-view');
  });

  it('previews a step on the canvas, read-only, with its findings; the middle one shows CCN_ROUTE_SHADOWED and the asymmetric traffic', async () => {
    const view = page.getByRole('complementary', { name: 'Migration to CCN' });
    await view.getByRole('button', { name: '2. Check the CCN routes' }).click();
    await page.getByTestId('migration-preview').waitFor();
    expect(await drawn(page, 'ccn-1')).toBe(true);
    const step2 = view.getByRole('group', { name: 'Step 2 details' });
    const codes = (group: typeof step2) =>
      group.getByRole('list', { name: 'Findings on this object' }).locator('.code').allTextContents();
    expect(await codes(step2)).toContain('CCN_ROUTE_SHADOWED');
    await view.getByRole('button', { name: '3. Switch VPC1 (vpc-gz) to the CCN' }).click();
    const step3 = view.getByRole('group', { name: 'Step 3 details' });
    expect(await step3.getByRole('note').textContent()).toMatch(/asymmetric/);
    expect(await codes(step3)).toContain('CCN_ROUTE_SHADOWED');
    expect(await page.getByTestId('migration-preview').textContent()).toMatch(/Preview\s*of step 3/);
    await screenshot(page, 'ccn-07-migration-preview-step3');
    // The preview is not the plan: nothing was added to it, and Escape leaves it.
    expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true);
    await page.getByTestId('canvas').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('migration-preview').count()).toBe(0);
    await expect.poll(() => drawn(page, 'ccn-1')).toBe(false);
  });

  it('Apply adds the CCN with both VPCs as one undo step, keeping the peering; Undo removes it all', async () => {
    const view = page.getByRole('complementary', { name: 'Migration to CCN' });
    await view.getByRole('button', { name: 'Apply' }).click();
    await inspector(page).getByRole('heading', { name: 'CCN ccn-1' }).waitFor();
    expect(await drawn(page, 'ccn-1@vpc-gz')).toBe(true);
    expect(await drawn(page, 'ccn-1@vpc-bj')).toBe(true);
    expect(await drawn(page, 'pcx-peerconn')).toBe(true);
    expect(await page.getByRole('button', { name: 'Undo' }).getAttribute('title')).toBe(
      'Undo Propose CCN ccn-1 for peering pcx-peerconn (Ctrl+Z)',
    );
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => drawn(page, 'ccn-1')).toBe(false);
    expect(await drawn(page, 'ccn-1@vpc-gz')).toBe(false);
    expect(await drawn(page, 'pcx-peerconn')).toBe(true);
    expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true);
  });

  it('the peering’s context menu offers Migrate to CCN (right click, and Shift+F10 on the selection)', async () => {
    // Apply closed the view.
    expect(await page.getByRole('complementary', { name: 'Migration to CCN' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    // Fit animates the viewport: the point to click is read once the view has come to rest.
    await page.waitForFunction(() => {
      const canvas = document.querySelector('[data-testid="canvas"]') as CanvasElement | null;
      const cy = canvas?.peerplanView?.cy;
      return cy !== undefined && !cy.animated() && cy.elements(':animated').length === 0;
    });
    const middle = await page.evaluate(() => {
      const element = document.querySelector('[data-testid="canvas"]') as HTMLElement & {
        peerplanView?: { renderedPoint(id: string): { x: number; y: number } | null };
      };
      const at = element.peerplanView!.renderedPoint('pcx-peerconn')!;
      const box = element.getBoundingClientRect();
      return { x: box.left + at.x, y: box.top + at.y };
    });
    await page.mouse.click(middle.x, middle.y, { button: 'right' });
    const menu = page.getByRole('menu', { name: 'Peering PeerConn' });
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Migrate to CCN', 'Delete peering']);
    await screenshot(page, 'ccn-08-context-menu');
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    // By keyboard: the selected peering's menu, then Enter on its first item.
    await page.getByTestId('canvas').focus();
    await page.keyboard.press('Shift+F10');
    await menu.waitFor();
    await page.keyboard.press('Enter');
    await page
      .getByRole('complementary', { name: 'Migration to CCN' })
      .getByRole('heading', { name: 'Migrate to CCN' })
      .waitFor();
  });
});

describe('the shipped CCN example (browser build)', () => {
  let page: Page;
  useSession({ onOpen: (s) => (page = s.page) });

  it('opens from the start screen with its hub; Attach VPC and Accept are one undo step each', async () => {
    await page.getByRole('button', { name: /^Open the CCN example/ }).click();
    await page.waitForFunction(() => {
      const canvas = document.querySelector('[data-testid="canvas"]') as CanvasElement | null;
      return (canvas?.peerplanView?.cy.getElementById('ccn-core').length ?? 0) > 0;
    });
    await page.waitForSelector('[data-layout="idle"]');
    expect(await drawn(page, 'ccn-core@vpc-sh-data')).toBe(true);
    // The pending member of the other account is dashed like a pending peering.
    const pending = await page.evaluate(() =>
      (
        (document.querySelector('[data-testid="canvas"]') as CanvasElement).peerplanView!.cy.getElementById(
          'ccn-core@vpc-sh-data',
        ) as unknown as { style(name: string): string }
      ).style('line-style'),
    );
    expect(pending).toBe('dashed');
    await page.waitForTimeout(300);
    await screenshot(page, 'ccn-09-example');

    const hub = await onScreen(page, 'ccn-core');
    await page.mouse.click(hub.x, hub.y);
    await inspector(page).getByRole('heading', { name: 'CCN ccn-core' }).waitFor();
    await inspector(page).getByRole('button', { name: 'Attach VPC' }).click();
    const dialog = page.getByRole('dialog', { name: 'Attach VPC to core' });
    // Only the VPC not yet attached is offered.
    expect(await dialog.getByLabel('VPC').locator('option').allTextContents()).toEqual([
      'batch-chengdu · 10.50.0.0/16 · ap-chengdu',
    ]);
    await dialog.getByRole('button', { name: 'Attach' }).click();
    await inspector(page).getByRole('heading', { name: 'CCN attachment ccn-core@vpc-cd-batch' }).waitFor();
    expect(await page.getByRole('button', { name: 'Undo' }).getAttribute('title')).toBe(
      'Undo Attach vpc-cd-batch to ccn-core (Ctrl+Z)',
    );

    await inspector(page).getByRole('button', { name: 'CCN core' }).click();
    await inspector(page).getByRole('button', { name: 'data-lake' }).click();
    await inspector(page).getByRole('heading', { name: 'CCN attachment ccn-core@vpc-sh-data' }).waitFor();
    expect(await inspector(page).getByLabel('State').inputValue()).toBe('pending');
    await inspector(page).getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => inspector(page).getByLabel('State').inputValue()).toBe('active');
    expect(await page.getByRole('button', { name: 'Undo' }).getAttribute('title')).toBe(
      'Undo Accept attachment ccn-core@vpc-sh-data (Ctrl+Z)',
    );
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => inspector(page).getByLabel('State').inputValue()).toBe('pending');
  });
});
