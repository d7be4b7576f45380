/**
 * The reference plan (3,000 VPCs in 14 regions) is readable: Fit frames every region whole, one
 * zoom step in shows the regions larger, and a selected VPC's peerings and peers stand out while
 * the rest dims; a minimap shows where the view is. Screenshots: big-plan-fit, -zoom-in,
 * -selected (looked at). The Findings tab lists every finding of the plan (thousands): filtered
 * by text and severity, grouped by code in groups that fold, the last one reachable by scrolling.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parsePlanText } from '../../shared/plan/parse';
import type { Plan } from '../../shared/plan/model';
import { FINDING_SEVERITY } from '../../shared/rules/finding';
import type { Finding } from '../../shared/rules/finding';
import { validatePlan } from '../../shared/rules/validate';
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
  /** VPCs drawn with their label (lean mode labels those in view once zoomed in enough). */
  labelled: number;
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
      labelled: vpcs.filter((n) => n.hasClass('labelled')).length,
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
    // Framed close enough to read: the VPCs in view carry their labels.
    await expect.poll(async () => (await facts(page)).labelled, { timeout: 10_000 }).toBeGreaterThan(0);
    await screenshot(page, 'big-plan-selected');
    // Escape clears the selection: nothing dims any more.
    await page.getByTestId('canvas').focus();
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await facts(page)).faded).toBe(0);
  });
});

/** The plan's findings as the rules give them, and every object's name, derived here. */
function expectedFindings(): { plan: Plan; findings: Finding[]; names: Map<string, string> } {
  const parsed = parsePlanText(referencePlanText(), { today: '2026-11-26' });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const plan = parsed.plan;
  const names = new Map<string, string>();
  for (const vpc of plan.vpcs) {
    names.set(vpc.id, vpc.name);
    for (const subnet of vpc.subnets) names.set(subnet.id, subnet.name);
    for (const table of vpc.routeTables) names.set(table.id, table.name);
  }
  for (const peering of plan.peerings) names.set(peering.id, peering.name);
  return { plan, findings: validatePlan(plan), names };
}

describe('the reference plan’s findings list', () => {
  let session: Session;
  let page: Page;
  let dir: string;
  const { findings, names } = expectedFindings();
  const total = findings.length.toLocaleString('en-US');
  const list = (p: Page) => p.getByRole('region', { name: 'Findings' });
  const summary = (p: Page) => p.getByRole('group', { name: 'Finding filters' }).getByRole('status');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'peerplan-big-findings-'));
    session = await openSession();
    page = session.page;
    const file = join(dir, 'reference-plan.json');
    writeFileSync(file, referencePlanText());
    await page.getByLabel('Plan file to import').setInputFiles(file);
    await page
      .getByTestId('canvas-detail')
      .filter({ hasText: 'Overview: the 5,000 peerings' })
      .waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows every finding at once, grouped by code (the time it takes is printed)', async () => {
    expect(findings.length).toBeGreaterThan(1000);
    await page.getByRole('button', { name: 'Collapse the analysis panel' }).click();
    const started = Date.now();
    await page.getByRole('tab', { name: 'Findings', exact: true }).click();
    await expect.poll(() => summary(page).textContent(), { timeout: 30_000 }).toBe(`${total} findings`);
    await list(page).getByRole('listitem').first().waitFor();
    console.log(`Findings tab of the reference plan shown in ${Date.now() - started} ms`);
    // One header per code, with its count; a big group starts folded (here picked by the code filter).
    const codes = new Map<string, number>();
    for (const f of findings) codes.set(f.code, (codes.get(f.code) ?? 0) + 1);
    const [code, count] = [...codes].find(([, n]) => n > 100)!;
    await page.getByLabel('Code', { exact: true }).selectOption(code);
    await expect
      .poll(() => summary(page).textContent())
      .toBe(`${count.toLocaleString('en-US')} of ${total} findings`);
    const items = list(page).getByRole('listitem');
    expect(await items.count()).toBe(1);
    const header = items.getByRole('button');
    expect(await header.getAttribute('aria-expanded')).toBe('false');
    expect((await header.textContent())!.replace(/[▸▾]/g, '').trim()).toBe(
      `${code} ${count.toLocaleString('en-US')}`,
    );
    await page.getByLabel('Code', { exact: true }).selectOption('');
    await expect.poll(() => summary(page).textContent()).toBe(`${total} findings`);
    await screenshot(page, 'big-plan-findings');
  });

  it('a typed filter narrows the list to the findings that name what was typed', async () => {
    const query = 'vpc-1207';
    const expected = findings.filter((f) =>
      [f.code, f.message, ...f.subjects, ...f.subjects.map((s) => names.get(s) ?? '')].some((t) =>
        t.toLowerCase().includes(query),
      ),
    );
    expect(expected.length).toBeGreaterThan(0);
    await page.getByRole('searchbox', { name: 'Filter findings' }).fill(query);
    await expect
      .poll(() => summary(page).textContent())
      .toBe(`${expected.length.toLocaleString('en-US')} of ${total} findings`);
    // Groups unfold while a query is typed: every match is a row under its code's header.
    const rows = await list(page).getByRole('listitem').count();
    expect(rows).toBe(expected.length + new Set(expected.map((f) => f.code)).size);
    await screenshot(page, 'big-plan-findings-filtered');
    await page.getByRole('searchbox', { name: 'Filter findings' }).fill('');
    await expect.poll(() => summary(page).textContent()).toBe(`${total} findings`);
  });

  it('a severity filter hides that severity, and pressing it again shows it back', async () => {
    const warnings = page.getByRole('button', { name: /^Warnings / });
    expect(await warnings.getAttribute('aria-pressed')).toBe('true');
    await warnings.click();
    expect(await warnings.getAttribute('aria-pressed')).toBe('false');
    const others = findings.filter((f) => FINDING_SEVERITY[f.code] !== 'warning').length;
    await expect
      .poll(() => summary(page).textContent())
      .toBe(`${others.toLocaleString('en-US')} of ${total} findings`);
    await warnings.click();
    await expect.poll(() => summary(page).textContent()).toBe(`${total} findings`);
  });

  it('a group folds and unfolds, and the last finding is reachable by scrolling', async () => {
    const scroller = list(page).locator('.scroller');
    const spacer = list(page).getByRole('list', { name: 'Findings list' });
    /** Scrolls to the end and waits until the list has drawn its last row there. */
    const toBottom = async () => {
      await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
      await expect
        .poll(() =>
          spacer.evaluate((el: HTMLElement) => {
            const last = el.lastElementChild as HTMLElement | null;
            return last !== null && last.offsetTop + last.offsetHeight === el.offsetHeight;
          }),
        )
        .toBe(true);
    };
    // At the bottom of the list (groups as they are), the last header is the last code's.
    await toBottom();
    const lastCode = (await list(page).locator('button.group .code').last().textContent())!;
    const lastHeader = list(page)
      .locator('button.group')
      .filter({ has: page.locator('.code', { hasText: new RegExp(`^${lastCode}$`) }) });
    if ((await lastHeader.getAttribute('aria-expanded')) === 'false') await lastHeader.click();
    expect(await lastHeader.getAttribute('aria-expanded')).toBe('true');
    const ofLastCode = findings.filter((f) => f.code === lastCode);
    await toBottom();
    // The last row is in view: a finding of the last group, with its subjects' IDs.
    const last = list(page).getByRole('listitem').last();
    await expect.poll(() => last.locator('.subjects').count()).toBe(1);
    const subjects = (await last.locator('.subjects').textContent())!;
    expect(ofLastCode.some((f) => f.subjects.every((id) => subjects.includes(id)))).toBe(true);
    const [rowBox, viewBox] = [(await last.boundingBox())!, (await scroller.boundingBox())!];
    expect(rowBox.y + rowBox.height).toBeLessThanOrEqual(viewBox.y + viewBox.height + 1);
    expect(rowBox.y).toBeGreaterThanOrEqual(viewBox.y);
    await screenshot(page, 'big-plan-findings-last');

    // Folding it again takes its rows out of the list (each row is 30 px of the list's height).
    const height = () => spacer.evaluate((el) => el.getBoundingClientRect().height);
    const unfolded = await height();
    // Up to the group's header: it sits right above the group's rows, at the end of the list.
    await scroller.evaluate(
      (el, rows) => (el.scrollTop = el.scrollHeight - (rows + 1) * 30),
      ofLastCode.length,
    );
    await lastHeader.click();
    expect(await lastHeader.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(height).toBe(unfolded - ofLastCode.length * 30);
  });
});
