/**
 * Issue 12, "the editor an engineer can trust", in the browser build: nothing changes that the
 * user did not touch, every move is undoable, deletes say what they removed, badges count
 * findings, and the whole flow works from the keyboard. What was saved is read back from the
 * library through the real handlers (the loopback server's API), never from the page.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { StoredPlan } from '../../shared/ipc/contract';
import { routeId } from '../../shared/plan/model';
import { validatePlan } from '../../shared/rules/validate';
import { callApi, examplePath, openSession, screenshot, waitSaved } from './harness';
import type { Session } from './harness';

type Positions = Record<string, { x: number; y: number }>;

const storedPlan = (session: Session, id: string) => callApi<StoredPlan>(session, 'plans.get', { id });

async function importPlan(session: Session, file: string, name: string): Promise<StoredPlan> {
  const text = readFileSync(examplePath(file), 'utf8').replace(
    /"name": "[^"]*"/,
    `"name": ${JSON.stringify(name)}`,
  );
  return callApi<StoredPlan>(session, 'plans.import', { text, fileName: file });
}

/** The open plan's canvas has drawn it and no layout is running (two frames after, for the paint). */
async function canvasSettled(page: Page, planId: string): Promise<void> {
  const wrap = page.locator(`.canvas-wrap[data-plan-id="${planId}"]`);
  await expect.poll(() => wrap.getAttribute('data-layout'), { timeout: 15_000 }).toBe('idle');
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
  await expect.poll(() => wrap.getAttribute('data-layout')).toBe('idle');
}

async function openFromSidebar(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Plans' })
    .getByRole('button', { name: new RegExp(`^${name}`) })
    .click();
}

/** Where a VPC is drawn, in page coordinates (the canvas view knows; the mouse does the rest). */
async function vpcOnScreen(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.evaluate((vpcId) => {
    const element = document.querySelector('[data-testid="canvas"]') as HTMLElement & {
      peerplanView?: { cy: { getElementById(id: string): { renderedPosition(): { x: number; y: number } } } };
    };
    const at = element.peerplanView!.cy.getElementById(vpcId).renderedPosition();
    const box = element.getBoundingClientRect();
    return { x: box.left + at.x, y: box.top + at.y };
  }, id);
}

describe('the editor an engineer can trust', () => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await openSession();
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
  });

  it('Auto layout in plan A leaves plan B’s saved positions alone, however often B is opened', async () => {
    const a = await importPlan(session, 'shanghai-hub.json', 'Plan A');
    const b = await importPlan(session, 'shanghai-hub.json', 'Plan B');
    const bPositions: Positions = {
      'vpc-shared': { x: 100, y: 100 },
      'vpc-app': { x: 400, y: 100 },
      'vpc-data': { x: 100, y: 400 },
      'vpc-pay': { x: 400, y: 400 },
    };
    await callApi(session, 'plans.savePositions', { id: b.id, positions: bPositions });
    await page.reload();

    await openFromSidebar(page, 'Plan A');
    await canvasSettled(page, a.id);
    const aBefore = (await storedPlan(session, a.id)).positions;
    await page.getByRole('button', { name: 'Auto layout' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Undo', exact: true }).getAttribute('title'))
      .toMatch(/Undo Auto layout/);
    await waitSaved(page);
    await expect.poll(async () => (await storedPlan(session, a.id)).positions).not.toEqual(aBefore);

    for (let round = 0; round < 2; round++) {
      await openFromSidebar(page, 'Plan B');
      await canvasSettled(page, b.id);
      await openFromSidebar(page, 'Plan A');
      await canvasSettled(page, a.id);
      await waitSaved(page);
      expect((await storedPlan(session, b.id)).positions).toEqual(bPositions);
    }
    // And B opened last, left open: still nothing written for it.
    await openFromSidebar(page, 'Plan B');
    await canvasSettled(page, b.id);
    await expect.poll(() => page.getByRole('button', { name: 'Undo', exact: true }).isDisabled()).toBe(true);
    expect((await storedPlan(session, b.id)).positions).toEqual(bPositions);
  });

  it('a drag is an undo step: Undo puts the VPC back, in the library too; Auto layout is undone the same way', async () => {
    const plan = await importPlan(session, 'quickstart.json', 'Drag plan');
    await callApi(session, 'plans.savePositions', {
      id: plan.id,
      positions: { 'vpc-gz01': { x: 0, y: 0 }, 'vpc-bj02': { x: 500, y: 0 } },
    });
    await page.reload();
    await openFromSidebar(page, 'Drag plan');
    await canvasSettled(page, plan.id);

    const start = await vpcOnScreen(page, 'vpc-gz01');
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 60, start.y + 90, { steps: 8 });
    await page.mouse.move(start.x + 120, start.y + 180, { steps: 8 });
    await page.mouse.up();
    await expect
      .poll(() => page.getByRole('button', { name: 'Undo', exact: true }).getAttribute('title'))
      .toMatch(/Undo Move vpc-gz01/);
    await waitSaved(page);
    const moved = (await storedPlan(session, plan.id)).positions['vpc-gz01']!;
    expect(moved.x).toBeGreaterThan(0);
    expect(moved.y).toBeGreaterThan(0);

    await page.keyboard.press('Control+z');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Undone: Move vpc-gz01' }).count())
      .toBe(1);
    await waitSaved(page);
    expect((await storedPlan(session, plan.id)).positions['vpc-gz01']).toEqual({ x: 0, y: 0 });
    // The drawing follows the document: the VPC is back where the drag started.
    await expect
      .poll(async () => {
        const now = await vpcOnScreen(page, 'vpc-gz01');
        return Math.round(Math.hypot(now.x - start.x, now.y - start.y));
      })
      .toBeLessThan(2);

    await page.getByRole('button', { name: 'Auto layout' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Undo', exact: true }).getAttribute('title'))
      .toMatch(/Undo Auto layout/);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await waitSaved(page);
    expect((await storedPlan(session, plan.id)).positions).toEqual({
      'vpc-gz01': { x: 0, y: 0 },
      'vpc-bj02': { x: 500, y: 0 },
    });
  });

  it('clicking the open plan’s own row keeps its undo history', async () => {
    await page.getByRole('button', { name: 'Auto layout' }).click();
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    await expect.poll(() => undo.isDisabled()).toBe(false);
    await openFromSidebar(page, 'Drag plan');
    await canvasSettled(page, (await page.locator('.canvas-wrap').getAttribute('data-plan-id'))!);
    expect(await undo.isDisabled()).toBe(false);
    expect(await undo.getAttribute('title')).toMatch(/Undo Auto layout/);
  });

  it('each VPC’s badge counts the findings that name it or its parts, each finding once', async () => {
    const stored = await importPlan(session, 'shanghai-hub.json', 'Badge plan');
    await page.reload();
    await openFromSidebar(page, 'Badge plan');
    await canvasSettled(page, stored.id);
    // Expected counts, derived here from the rules on the plan as the library holds it.
    const plan = stored.plan;
    const findings = validatePlan(plan);
    const expected: string[] = [];
    for (const vpc of plan.vpcs) {
      const ids = new Set<string>([vpc.id, ...vpc.subnets.map((s) => s.id)]);
      for (const table of vpc.routeTables) {
        ids.add(table.id);
        table.routes.forEach((_, index) => ids.add(routeId(table.id, index)));
      }
      const naming = findings.filter((f) => f.subjects.some((s) => ids.has(s)));
      const errors = naming.filter((f) => f.severity === 'error').length;
      const warnings = naming.filter((f) => f.severity === 'warning').length;
      const parts = [];
      if (errors > 0) parts.push(`✖ ${errors} error${errors === 1 ? '' : 's'}`);
      if (warnings > 0) parts.push(`▲ ${warnings} warning${warnings === 1 ? '' : 's'}`);
      if (parts.length > 0) expected.push(`${vpc.name}: ${parts.join('  ')}`);
    }
    expect(expected.length).toBeGreaterThan(1);
    const marks = page.getByTestId('canvas-marks').getByRole('listitem');
    await expect
      .poll(async () =>
        (await marks.allTextContents()).filter((t) =>
          expected.some((e) => e.split(':')[0] === t.split(':')[0]),
        ),
      )
      .toEqual(expected);
    // Never more warnings on one VPC than the plan has.
    const total = findings.filter((f) => f.severity === 'warning').length;
    for (const text of await marks.allTextContents()) {
      const shown = /▲ (\d+) warning/.exec(text);
      if (shown) expect(Number(shown[1])).toBeLessThanOrEqual(total);
    }
  });

  it('Delete removes a VPC and its peerings as one step that says so, with Undo; Undo restores them', async () => {
    const search = page.getByRole('combobox', { name: 'Find in plan' });
    await search.fill('vpc-shared');
    await search.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: /VPC vpc-shared/ }).count()).toBe(1);
    await page.getByTestId('canvas').focus();
    await page.keyboard.press('Delete');
    const notice = page.getByRole('status').filter({ hasText: 'Deleted VPC' });
    await expect
      .poll(() => notice.textContent())
      .toMatch(/Deleted VPC .*vpc-shared.*3 peerings \(pcx-app, pcx-data, pcx-pay\)/);
    expect(await notice.textContent()).toContain('Undo');
    await screenshot(page, 'trust-delete-notice');
    const id = (await page.locator('.canvas-wrap').getAttribute('data-plan-id'))!;
    await waitSaved(page);
    const deleted = (await storedPlan(session, id)).plan;
    expect(deleted.vpcs.map((v) => v.id)).not.toContain('vpc-shared');
    expect(deleted.peerings).toHaveLength(0);

    await notice.getByRole('button', { name: 'Undo' }).click();
    await waitSaved(page);
    const restored = (await storedPlan(session, id)).plan;
    expect(restored.vpcs.map((v) => v.id)).toContain('vpc-shared');
    expect(restored.peerings.map((p) => p.id).sort()).toEqual(['pcx-app', 'pcx-data', 'pcx-pay']);
  });
});
