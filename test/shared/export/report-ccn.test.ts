/**
 * CCNs in the Markdown and HTML review reports (spec/ccn.md): a CCN section (members with state
 * and attachment order, published CIDRs with the invalid ones and why, shadowed CCN routes, bandwidth
 * limits), and costs in USD beside peering costs in CNY with a total per currency, never one mixed
 * number. Plan strings are escaped where they land.
 */
import { readFileSync } from 'node:fs';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { exportHtmlReport } from '../../../shared/export/report-html';
import { exportMarkdownReport } from '../../../shared/export/report-markdown';
import { buildReview } from '../../../shared/export/review';
import { mermaidTopology } from '../../../shared/export/topology-mermaid';
import { renderTopologySvg } from '../../../shared/export/topology-svg';
import { ccnCorePlan, examplePlan, planFromObject } from './plans';

const SEED = JSON.parse(
  readFileSync(new URL('../../fixtures/plans/seed-gz-bj-peering.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

/** The seed's Guangzhou–Beijing peering in the middle of a migration: both VPCs on a CCN that publishes subnets. */
function seedWithCcn(name = 'migration') {
  return planFromObject({
    ...SEED,
    ccns: [
      {
        id: 'ccn-mig',
        name,
        account: '100000000001',
        attachments: [
          { vpc: 'vpc-gz', attachedAt: '2026-11-10', publish: 'subnets' },
          { vpc: 'vpc-bj', attachedAt: '2026-11-11', publish: 'subnets' },
        ],
        bandwidthLimits: [{ region: 'ap-guangzhou', mbps: 100 }],
        expectedP95: [{ regions: ['ap-guangzhou', 'ap-beijing'], mbps: 60 }],
      },
    ],
  });
}

/** The section of a Markdown report from `## title` to the next `## `. */
function mdSection(text: string, title: string): string {
  const start = text.indexOf(`\n## ${title}\n`);
  expect(start, title).toBeGreaterThan(0);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

describe('reports: CCNs', () => {
  it('Markdown: members in attachment order with their state, the invalid CIDR and why', () => {
    const section = mdSection(exportMarkdownReport(ccnCorePlan()), 'CCNs');
    expect(section).toContain('### core (`ccn-core`)');
    const memberRows = section.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(memberRows).toEqual([
      '| 1 | gz-app (`vpc-gz`) | ap-guangzhou | Network account (100000000001) | **active** | 2026-11-02 | VPC CIDRs |',
      '| 2 | sh-app (`vpc-sh`) | ap-shanghai | Network account (100000000001) | **active** | 2026-11-03 | VPC CIDRs |',
      '| 3 | bj-overlap (`vpc-bj`) | ap-beijing | Network account (100000000001) | **active** | 2026-11-04 | VPC CIDRs |',
      '| 4 | data (`vpc-data`) | ap-shanghai | Data team (200000000002) | **pending** | 2026-11-05 | VPC CIDRs |',
    ]);
    // The pending member publishes nothing; bj's /17 inside gz's earlier /16 is invalid.
    expect(section).toContain('3 published CIDRs, 1 invalid (CCN_ROUTE_CONFLICT):');
    expect(section).toContain(
      '| `10.1.128.0/17` | `vpc-bj` | **invalid** | CCN_ROUTE_CONFLICT: overlaps `10.1.0.0/16` published earlier by `vpc-gz` |',
    );
    expect(section).toContain('| `10.2.0.0/16` | `vpc-sh` | valid | - |');
    expect(section).not.toContain('10.9.0.0/16');
    expect(section).toContain('No bandwidth limit set.');
  });

  it('a plan without CCNs has no CCN section and its costs read as before', () => {
    const text = exportMarkdownReport(examplePlan('quickstart'));
    expect(text).not.toContain('## CCNs');
    expect(text).not.toContain('USD');
    expect(text).toMatch(/\| \*\*Total\*\* \|/);
    expect(exportHtmlReport(examplePlan('quickstart'))).not.toContain('id="ccns"');
  });

  it('the middle of a migration: shadowed CCN routes named with the plan route, the limit, CNY and USD totals apart', () => {
    const text = exportMarkdownReport(seedWithCcn());
    const section = mdSection(text, 'CCNs');
    expect(section).toContain('2 CCN routes not effective (CCN_ROUTE_SHADOWED):');
    expect(section).toContain(
      '| `rtb-gz` | `10.0.1.0/24` | not effective: plan route rtb-gz#0 has the same destination |',
    );
    expect(section).toContain(
      '| `rtb-bj` | `192.168.1.0/24` | not effective: plan route rtb-bj#0 has the same destination |',
    );
    expect(section).toContain('| ap-guangzhou | (out of the region) | 100 |');

    // Summary: one row per currency and no total row (no mixed number).
    const summary = mdSection(text, 'Summary');
    const currencyRows = summary.split('\n').filter((l) => /^\| (CNY|USD|\*\*Total\*\*) \|/.test(l));
    expect(currencyRows.map((l) => l.split(' | ')[0])).toEqual(['| CNY', '| USD']);
    expect(summary).toContain('each currency has its own total, never added together');
    // Costs: the peering's payer in CNY, the CCN's in USD, each with its own total. The CCN:
    // 60 Mbps expected P95, gold, mainland pair: tier (0, 100] at 37 USD, all 30 days of November.
    const costs = mdSection(text, 'Costs');
    expect(costs).toContain('### Peerings (CNY)');
    expect(costs).toContain('### CCNs (USD)');
    expect(costs).toMatch(/\| \*\*Total CNY\*\* \(1 account\) \| \*\*[\d,.]+\*\* \|/);
    expect(costs).toContain('| **Total USD** (1 account) | **2,220.00** |');
    expect(costs).toContain(
      '| `ccn-mig` | ap-guangzhou – ap-beijing | 60 Mbps | expected | 30 | 37.00 | 2,220.00 |',
    );
  });

  it('HTML: the same CCN facts, the currencies apart, and every plan string escaped', () => {
    const hostile = '<img src=x onerror=alert(1)> | **x** ${y}';
    const html = exportHtmlReport(seedWithCcn(hostile));
    expect(html).toContain('<section id="ccns"><h2>CCNs</h2>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; | **x** ${y} (<code>ccn-mig</code>)');
    expect(html).toContain('<caption>2 CCN routes not effective (CCN_ROUTE_SHADOWED)</caption>');
    expect(html).toMatch(/data-figure="cost-CNY-monthly"/);
    expect(html).toMatch(/data-figure="cost-USD-monthly">2,220.00</);
    expect(html).not.toContain('data-figure="cost-total-monthly"');
    expect(html).toContain('data-figure="ccn-total-usd">2,220.00<');

    const core = exportHtmlReport(ccnCorePlan());
    expect(core).toContain(
      '<tr class="state-pending"><td class="num">4</td><td>data (<code>vpc-data</code>)',
    );
    expect(core).toContain(
      'CCN_ROUTE_CONFLICT: overlaps <code>10.1.0.0/16</code> published earlier by <code>vpc-gz</code>',
    );
  });

  it('Markdown: a hostile CCN name stays one run of text in its heading', () => {
    const hostile = '<img src=x onerror=alert(1)> | **x** [l](http://e.com)';
    const section = mdSection(exportMarkdownReport(seedWithCcn(hostile)), 'CCNs');
    const heading = section.split('\n').find((l) => l.startsWith('### '))!;
    const rendered = marked.parse(heading, { async: false });
    expect(rendered).not.toMatch(/<img|<strong>|<a /);
    expect(rendered).toContain(
      '&lt;img src=x onerror=alert(1)&gt; | **x** [l](http://e.com) (<code>ccn-mig</code>)',
    );
  });

  it('topology: the CCN is a hub with an edge to each member, the pending one dashed (Mermaid and SVG)', () => {
    const review = buildReview(ccnCorePlan());
    const mermaid = mermaidTopology(review);
    const lines = mermaid.code.split('\n');
    expect(lines).toContain('  c0(("core · CCN ccn-core"))');
    // vpc-gz, vpc-sh, vpc-bj active (solid), vpc-data pending (dashed), labelled with the order.
    const nodeOf = (name: string) => /^\s+(v\d+)\[/.exec(lines.find((l) => l.includes(`["${name} ·`))!)![1];
    expect(lines.filter((l) => l.startsWith('  c0 '))).toEqual([
      `  c0 ---|"1. active"| ${nodeOf('gz-app')}`,
      `  c0 ---|"2. active"| ${nodeOf('sh-app')}`,
      `  c0 ---|"3. active"| ${nodeOf('bj-overlap')}`,
      `  c0 -.-|"4. pending"| ${nodeOf('data')}`,
    ]);
    expect(mermaid.edges).toBe(4);

    const svg = renderTopologySvg(review);
    expect(svg.match(/<g class="ccn-hub" data-ccn="ccn-core">/g)).toHaveLength(1);
    const links = [
      ...svg.matchAll(/<g class="ccn-link state-(\w+)" data-ccn="ccn-core" data-vpc="([^"]+)">/g),
    ].map((m) => [m[2], m[1]]);
    expect(links).toEqual([
      ['vpc-gz', 'active'],
      ['vpc-sh', 'active'],
      ['vpc-bj', 'active'],
      ['vpc-data', 'pending'],
    ]);
    // The near miss: a plan without CCNs draws no hub.
    expect(renderTopologySvg(buildReview(examplePlan('quickstart')))).not.toContain('ccn-hub');
    expect(mermaidTopology(buildReview(examplePlan('quickstart'))).code).not.toContain('((');
  });

  it('reachability covers CCN members: gz and sh reach each other over the CCN, the pending member does not', () => {
    const text = exportMarkdownReport(ccnCorePlan());
    const section = mdSection(text, 'Reachability');
    expect(section).toContain('| `subnet-gz-a` | · | ✓ |');
    expect(section).toContain('| `subnet-sh-a` | ✓ | · |');
    expect(section).toContain(
      '| `subnet-gz-a` | `subnet-data-a` | unreachable | `ccn-core` | CCN\\_ATTACHMENT\\_INACTIVE |',
    );
    expect(section).toContain(
      'Pairs of subnets in peered or CCN-attached VPCs that are not fully reachable:',
    );
    // The near miss: a plan without CCNs keeps its wording.
    expect(mdSection(exportMarkdownReport(examplePlan('quickstart')), 'Reachability')).toContain(
      'peered VPCs',
    );
    expect(mdSection(exportMarkdownReport(examplePlan('quickstart')), 'Reachability')).not.toContain('CCN');
  });
});
