/**
 * Every Mermaid block the Markdown report writes renders with Mermaid's default configuration,
 * as on GitHub and GitLab: the real library (the `mermaid` dev dependency, v11) loaded into
 * Debian's Chromium, each block parsed and rendered, the SVG checked for the nodes and edges the
 * plan has (counted here from the plan, not from the writer). Plans: the shipped examples, the
 * partner and hostile test plans, plans just under and just over the limits, and the benchmark's
 * reference plan (3,000 VPCs, 5,000 peerings), which must come out drawn by region.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mermaidLabel, visible } from '../../../shared/export/escape';
import { exportMarkdownReport } from '../../../shared/export/report-markdown';
import type { Plan } from '../../../shared/plan/model';
import { parsePlanText } from '../../../shared/plan/parse';
import { referencePlanText } from '../../bench/reference-plan';
import { CHROMIUM, CHROMIUM_BASE_ARGS } from '../../chromium';
import {
  EXAMPLES_DIR,
  PARTNER_PLAN,
  TODAY,
  ccnCorePlan,
  hostilePlan,
  gridPlan,
  hostileString,
  planFromObject,
  planFromText,
} from './plans';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`report-mermaid: ${CHROMIUM} not found, Mermaid checks skipped (apt-get install -y chromium)`);

const MERMAID_JS = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

/** The Mermaid blocks of a Markdown text. */
function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!);
}

interface Rendered {
  readonly error?: string;
  readonly nodes: number;
  readonly edges: number;
  readonly labels: readonly string[];
  readonly errorDiagram: boolean;
}

/** Parses and renders `code` with Mermaid's defaults; what the SVG holds. */
async function render(page: Page, code: string): Promise<Rendered> {
  return page.evaluate(async (code) => {
    const mermaid = (window as unknown as { mermaid: MermaidApi }).mermaid;
    interface MermaidApi {
      initialize(config: object): void;
      parse(text: string): Promise<unknown>;
      render(id: string, text: string): Promise<{ svg: string }>;
    }
    mermaid.initialize({ startOnLoad: false });
    const out = document.getElementById('out')!;
    out.replaceChildren();
    try {
      await mermaid.parse(code);
      const { svg } = await mermaid.render(`d${Math.random().toString(36).slice(2)}`, code);
      out.innerHTML = svg;
    } catch (error) {
      return { error: String(error), nodes: 0, edges: 0, labels: [], errorDiagram: false };
    }
    const root = out.querySelector('svg')!;
    return {
      nodes: root.querySelectorAll('g.node').length,
      edges: root.querySelectorAll('.edgePaths path, path.flowchart-link').length,
      labels: Array.from(root.querySelectorAll('g.node'), (n) => n.textContent ?? ''),
      // Over maxTextSize, Mermaid draws its own error diagram instead of throwing.
      errorDiagram: /Maximum text size in diagram exceeded|Syntax error/.test(root.textContent ?? ''),
    };
  }, code);
}

/** What a plan must show, counted from the plan itself. */
function expected(plan: Plan): { vpcs: number; regions: number; peerings: number; regionPairs: number } {
  const regionOf = new Map<string, string>();
  for (const vpc of plan.vpcs) if (!regionOf.has(vpc.id)) regionOf.set(vpc.id, vpc.region);
  const pairs = new Set<string>();
  let peerings = 0;
  for (const p of plan.peerings) {
    const a = regionOf.get(p.requester);
    const b = regionOf.get(p.accepter);
    if (a === undefined || b === undefined) continue;
    peerings++;
    if (a !== b) pairs.add([a, b].sort().join(' '));
  }
  return {
    vpcs: regionOf.size,
    regions: new Set(regionOf.values()).size,
    peerings,
    regionPairs: pairs.size,
  };
}

function referencePlan(): Plan {
  const parsed = parsePlanText(referencePlanText(), { today: TODAY });
  if (!parsed.ok) throw new Error(`the reference plan does not parse: ${parsed.error.message}`);
  return parsed.plan;
}

const examples = readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f): [string, () => Plan] => [f, () => planFromText(readFileSync(`${EXAMPLES_DIR}${f}`, 'utf8'))]);

describe.skipIf(!hasChromium)('Mermaid blocks render with Mermaid defaults (Chromium)', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_BASE_ARGS] });
    page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body><div id="out"></div></body></html>');
    await page.addScriptTag({ path: MERMAID_JS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('labels: any text shows as written, control characters made visible', async () => {
    const texts = fc.sample(hostileString, { numRuns: 150, seed: 17 });
    const code = ['flowchart LR', ...texts.map((t, i) => `  n${i}["${mermaidLabel(`<${t}>`)}"]`)].join('\n');
    const result = await render(page, code);
    expect(result.error).toBeUndefined();
    expect(result.labels).toEqual(texts.map((t) => visible(`<${t}>`)));
  }, 60_000);

  it("the limits are Mermaid's: 500 edges render, 501 do not; over 50,000 characters do not", async () => {
    const chain = (edges: number) =>
      ['flowchart LR', ...Array.from({ length: edges }, (_, i) => `  n${i % 20} --- n${(i % 20) + 1}`)].join(
        '\n',
      );
    expect((await render(page, chain(500))).edges).toBe(500);
    expect((await render(page, chain(501))).error).toMatch(/Edge limit exceeded/);
    const long = `flowchart LR\n  a["${'x'.repeat(50_000)}"]`;
    expect((await render(page, long)).errorDiagram).toBe(true);
  }, 60_000);

  const perVpc: [string, () => Plan][] = [
    ...examples,
    ['partner plan', () => planFromObject(PARTNER_PLAN)],
    ['hostile names and IDs', hostilePlan],
    ['100 VPCs, 150 peerings (the most drawn VPC by VPC)', () => gridPlan(100, 150)],
  ];
  for (const [name, plan] of perVpc) {
    it(`${name}: one block, drawn VPC by VPC`, async () => {
      const p = plan();
      const blocks = mermaidBlocks(exportMarkdownReport(p));
      expect(blocks).toHaveLength(1);
      const result = await render(page, blocks[0]!);
      const want = expected(p);
      expect(result.error).toBeUndefined();
      expect(result.errorDiagram).toBe(false);
      // A CCN is a hub node with an edge to each attachment of a plan VPC (the CCN test below).
      const attachments = p.ccns.flatMap((c) =>
        c.attachments.filter((a) => p.vpcs.some((v) => v.id === a.vpc)),
      );
      expect(result.nodes).toBe(want.vpcs + p.ccns.length);
      expect(result.edges).toBe(want.peerings + attachments.length);
      // Each VPC's box shows its name as written (control characters made visible) and its CIDR.
      for (const vpc of p.vpcs) {
        expect(result.labels, vpc.name).toContain(`${visible(vpc.name)} · ${vpc.cidr}`);
      }
    }, 60_000);
  }

  it('CCN core: each CCN a hub node with an edge to each member of the plan', async () => {
    const p = ccnCorePlan();
    const blocks = mermaidBlocks(exportMarkdownReport(p));
    expect(blocks).toHaveLength(1);
    const result = await render(page, blocks[0]!);
    expect(result.error).toBeUndefined();
    expect(result.errorDiagram).toBe(false);
    const members = p.ccns.flatMap((c) => c.attachments.filter((a) => p.vpcs.some((v) => v.id === a.vpc)));
    expect(result.nodes).toBe(expected(p).vpcs + p.ccns.length);
    expect(result.edges).toBe(expected(p).peerings + members.length);
    for (const ccn of p.ccns) expect(result.labels).toContain(`${ccn.name} · CCN ${ccn.id}`);
  }, 60_000);

  const byRegion: [string, () => Plan][] = [
    ['100 VPCs, 151 peerings', () => gridPlan(100, 151)],
    ['600 VPCs, 501 peerings (over the edge limit)', () => gridPlan(600, 501)],
    ['the reference plan (3,000 VPCs, 5,000 peerings)', referencePlan],
  ];
  for (const [name, plan] of byRegion) {
    it(`${name}: one block, drawn by region, and the report says so`, async () => {
      const p = plan();
      const markdown = exportMarkdownReport(p);
      const blocks = mermaidBlocks(markdown);
      expect(blocks).toHaveLength(1);
      const result = await render(page, blocks[0]!);
      const want = expected(p);
      expect(result.error).toBeUndefined();
      expect(result.errorDiagram).toBe(false);
      expect(result.nodes).toBe(want.regions);
      expect(result.edges).toBe(want.regionPairs);
      expect(markdown).toContain('Drawn by region:');
      // Each region node counts its VPCs.
      const vpcsIn = new Map<string, number>();
      for (const vpc of p.vpcs) vpcsIn.set(vpc.region, (vpcsIn.get(vpc.region) ?? 0) + 1);
      for (const [region, count] of vpcsIn) {
        expect(
          result.labels.some(
            (l) => l.includes(`(${region})`) && l.includes(`${count.toLocaleString('en-US')} VPC`),
          ),
          region,
        ).toBe(true);
      }
    }, 180_000);
  }
});
