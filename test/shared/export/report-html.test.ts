/**
 * The HTML report in a real browser: Debian's Chromium through playwright-core. It must load with
 * no network request and no console error, draw the topology, and print. Screenshots go to
 * test-results/ for a person to look at. Without Chromium (/usr/bin/chromium) the browser part
 * is skipped with a message; CI installs it.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_BASE_ARGS } from '../../chromium';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportHtmlReport } from '../../../shared/export/report-html';
import { escapeXml } from '../../../shared/export/topology-svg';
import type { Plan } from '../../../shared/plan/model';
import { PARTNER_PLAN, examplePlan, gridPlan, hostilePlan, planFromObject } from './plans';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`report-html: ${CHROMIUM} not found, browser checks skipped (apt-get install -y chromium)`);

const PLANS: [string, () => Plan][] = [
  ['quickstart', () => examplePlan('quickstart')],
  ['shanghai-hub', () => examplePlan('shanghai-hub')],
  ['partner', () => planFromObject(PARTNER_PLAN)],
  ['hostile', hostilePlan],
];

describe('HTML report (static)', () => {
  it('is self-contained: no script, no external URL, a CSP that forbids fetching', () => {
    for (const [name, plan] of PLANS) {
      if (name === 'hostile') continue; // its names hold URLs, as text (next test)
      const html = exportHtmlReport(plan());
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).toContain("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"");
      expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
      // The only URL is the SVG namespace (an identifier, never fetched).
      expect(html.match(/https?:\/\/[^"\s]+/g)).toEqual(['http://www.w3.org/2000/svg']);
    }
  });

  it('escapeXml: any text reads back as itself, with no markup character left', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'<>&"\'`x /=;#\n') }), (text) => {
        const escaped = escapeXml(text);
        expect(escaped).not.toMatch(/[<>"']|&(?!(?:amp|lt|gt|quot|#39);)/);
        const back = escaped.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) =>
          name === '#39' ? "'" : { amp: '&', lt: '<', gt: '>', quot: '"' }[name]!,
        );
        expect(back).toBe(text);
      }),
    );
  });

  it('hostile names and IDs make no element or attribute (issue 13.5)', () => {
    const html = exportHtmlReport(hostilePlan());
    expect(html).not.toMatch(/<img|<script|<a /i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // Control and bidi characters are shown, not sent: U+202E would reverse the text on screen.
    // eslint-disable-next-line no-control-regex -- looking for control characters
    expect(html).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u202a-\u202e\u2066-\u2069]/);
    expect(html).toContain('\\u202e\\x1b[2J');
  });

  it('escapes plan text', () => {
    const plan = planFromObject({ ...PARTNER_PLAN, name: '<script>alert(1)</script> & "x"' });
    const html = exportHtmlReport(plan);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
  });
});

describe.skipIf(!hasChromium)('HTML report in Chromium', () => {
  let browser: Browser;
  const dir = join(tmpdir(), `peerplan-report-${process.pid}`);
  const results = join(process.cwd(), 'test-results');

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    mkdirSync(results, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...CHROMIUM_BASE_ARGS],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('a plan over 300 VPCs: drawn by region, one line per pair of regions, route tables folded', async () => {
    const plan = gridPlan(400, 700);
    const file = join(dir, 'grid.html');
    writeFileSync(file, exportHtmlReport(plan));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    expect(problems).toEqual([]);
    expect(await page.locator('svg.topology g.vpc').count()).toBe(0);
    // Three regions; peerings join VPCs of every pair of them (ids taken from the plan).
    const regionOf = new Map(plan.vpcs.map((v) => [v.id, v.region]));
    const pairs = new Set(
      plan.peerings
        .map((p) => [regionOf.get(p.requester)!, regionOf.get(p.accepter)!].sort())
        .filter(([a, b]) => a !== b)
        .map((pair) => pair.join(' ')),
    );
    expect(await page.locator('svg.regions-view g.region-node').count()).toBe(3);
    const drawn = await page
      .locator('svg.regions-view g.bundle')
      .evaluateAll((groups) =>
        groups.map((g) => g.getAttribute('data-regions')!.split(' ').sort().join(' ')),
      );
    expect(new Set(drawn)).toEqual(pairs);
    expect(await page.getByText('Drawn by region:').count()).toBe(1);
    // Folded: each peering section's tables are in a closed <details>, not laid out.
    const details = page.locator('#peerings details.tables');
    expect(await details.count()).toBeGreaterThan(0);
    expect(await page.locator('#peerings details.tables[open]').count()).toBe(0);
    await page.locator('#topology .figure').screenshot({ path: join(results, 'report-grid-topology.png') });
    await page.close();
  });

  for (const [name, plan] of PLANS) {
    it(`${name}: loads with no request and no console error, draws the topology, prints`, async () => {
      const file = join(dir, `${name}.html`);
      const reviewed = plan();
      writeFileSync(file, exportHtmlReport(reviewed));
      const url = pathToFileURL(file).href;
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      const problems: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(url, { waitUntil: 'load' });

      expect(requests).toEqual([url]);
      expect(problems).toEqual([]);
      // Plan text made no element: no image, script, link, or event handler anywhere.
      expect(await page.locator('img, script, a, iframe, [onerror], [onload]').count()).toBe(0);
      expect(await page.locator('svg.topology g.vpc').count()).toBe(reviewed.vpcs.length);
      expect(await page.locator('svg.topology g.region').count()).toBe(
        new Set(reviewed.vpcs.map((v) => v.region)).size,
      );
      const drawn = await page.locator('svg.topology g.peering').evaluateAll((groups) =>
        groups.map((g) => ({
          id: g.getAttribute('data-peering'),
          classes: g.getAttribute('class'),
          dash: getComputedStyle(g.querySelector('path')!).strokeDasharray,
        })),
      );
      for (const p of drawn) {
        if (p.classes!.includes('state-active')) expect(p.dash).toBe('none');
        else expect(p.dash).not.toBe('none');
      }
      // Every VPC box lies inside its region's box, and no two boxes overlap.
      const boxes = await page
        .locator('svg.topology g.vpc rect')
        .evaluateAll((rects) =>
          rects
            .map((r) => (r as SVGGraphicsElement).getBBox())
            .map((b) => ({ x: b.x, y: b.y, w: b.width, h: b.height })),
        );
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          expect(overlap, `VPC boxes ${i} and ${j} overlap`).toBe(false);
        }
      }
      await page.screenshot({ path: join(results, `report-${name}.png`), fullPage: true });
      await page
        .locator('#topology .figure')
        .screenshot({ path: join(results, `report-${name}-topology.png`) });
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', landscape: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await page.screenshot({ path: join(results, `report-${name}-print.png`), fullPage: true });
      expect(requests).toEqual([url]);
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
