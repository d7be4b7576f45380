import { describe, expect, it } from 'vitest';
import { exportMarkdownReport, mdText } from '../../../shared/export/report-markdown';
import { marked } from 'marked';
import { PARTNER_PLAN, examplePlan, hostilePlan, planFromObject } from './plans';

function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  expect(start, `section ${title}`).toBeGreaterThan(0);
  const end = markdown.indexOf('\n## ', start + 4);
  return markdown.slice(start, end === -1 ? undefined : end);
}

describe('Markdown review report', () => {
  it('quick start: summary, topology, route tables of both sides, reachability, costs', () => {
    const md = exportMarkdownReport(examplePlan('quickstart'));
    expect(md).toMatch(/^# Peering review: Quick start: Guangzhou to Beijing\n/);
    const summary = section(md, 'Summary');
    expect(summary).toContain('| 2 | 2 | 1 | 0 | 0 | 1 |');
    expect(summary).toContain('**No error finding.**');
    // One payer: 30 days at 360.00 a day (the quick start's planned peak at list price).
    expect(summary).toContain('| CNY | 10,800.00 | 360.00 | - |');
    expect(summary).toContain('| **Total** | 10,800.00 | 360.00 | - |');
    expect(summary).toContain('| **PEERING_CROSS_REGION_LEGACY** | info | 1 |');

    const topology = section(md, 'Topology');
    expect(topology).toContain('```mermaid\nflowchart LR');
    expect(topology).toContain('subgraph r0["Guangzhou (ap-guangzhou)"]');
    expect(topology).toContain('v0["VPC1 · 192.168.0.0/16"]');
    // Active and cross-region: a thick line, styled amber.
    expect(topology).toContain('v0 ===|"PeerConn (active)"| v1');
    expect(topology).toContain('linkStyle 0 stroke:#d97706,stroke-width:3px');

    const findings = section(md, 'Findings');
    expect(findings).toContain('### Infos (1)\n\n- **PEERING_CROSS_REGION_LEGACY** (`pcx-gzbj`)');
    expect(findings).not.toContain('### Errors');

    const peerings = section(md, 'Peerings and route tables');
    expect(peerings).toContain('### PeerConn (`pcx-gzbj`): VPC1 → VPC2');
    // Folded: the tables sit in a <details> whose summary says what is inside.
    expect(peerings).toContain('<details><summary>2 route tables, 2 routes missing</summary>');
    expect(peerings.indexOf('</details>')).toBeGreaterThan(peerings.indexOf('`rtb-bj02`'));
    expect(peerings).toContain('**Requester `vpc-gz01`, route table `rtb-gz01`** (`subnet-gz-a`)');
    expect(peerings).toContain('**Accepter `vpc-bj02`, route table `rtb-bj02`** (`subnet-bj-b`)');
    expect(peerings).toContain('| `10.0.1.0/24` | peering pcx-gzbj | plan |  |');
    expect(peerings).toContain('| `192.168.1.0/24` | peering pcx-gzbj | plan |  |');

    const reach = section(md, 'Reachability');
    expect(reach).toContain('| `subnet-gz-a` | · | ✓ |');
    expect(reach).toContain('| `subnet-bj-b` | ✓ | · |');

    const costs = section(md, 'Costs');
    expect(costs).toContain(
      '| `pcx-gzbj` | cross-region | Platform (100000000001) | daily-peak | 2026-11 | 10,800.00 | list |',
    );
    expect(costs).toContain('| Platform (100000000001) | 10,800.00 | 360.00 |');
    expect(costs).toContain('| **Total** (1 account) | **10,800.00** | **360.00** |');
  });

  it('groups findings by severity and greys out inactive peerings', () => {
    // The partner plan plus one error: a route whose destination lies inside its own VPC.
    const withError = structuredClone(PARTNER_PLAN) as {
      vpcs: { routeTables?: { routes: object[] }[] }[];
    };
    withError.vpcs[0]!.routeTables![1]!.routes.push({
      destination: '10.0.9.0/24',
      nextHop: { type: 'vpn', id: 'vpngw-1' },
    });
    const md = exportMarkdownReport(planFromObject(withError));
    const findings = section(md, 'Findings');
    expect(findings).toContain('ROUTE_DEST_IN_VPC');
    const errors = findings.indexOf('### Errors');
    const warnings = findings.indexOf('### Warnings');
    const infos = findings.indexOf('### Infos');
    expect(errors).toBeGreaterThan(0);
    expect(warnings).toBeGreaterThan(errors);
    expect(infos).toBeGreaterThan(warnings);
    const topology = section(md, 'Topology');
    expect(topology).toMatch(/v0 -\.-\|"to-partner \(pending\)"\| v1/);
    expect(topology).toMatch(/linkStyle 1 stroke:#9ca3af/);
    // Names are escaped for Mermaid labels: no raw quote or line break inside one.
    expect(topology).toContain('["core #quot;gz#quot;#92;nline two · 10.0.0.0/16"]');
    expect(topology).not.toContain('<br');
  });

  it('escapes Markdown in plan text', () => {
    expect(mdText('a|b *c* <x>\nnext')).toBe('a\\|b \\*c\\* \\<x\\>\\\\nnext');
  });
});

describe('Markdown report: plan text cannot change the document (issue 13.5)', () => {
  it('hostile names and IDs stay text in their place: same headings, no image, link or HTML', () => {
    const plan = hostilePlan();
    const md = exportMarkdownReport(plan);
    const html = marked.parse(md, { async: false, gfm: true });
    // The structure is the report's own: one title, its sections, one heading per peering.
    expect(html.match(/<h1>/g)).toHaveLength(1);
    const sections = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(sections).toEqual([...md.matchAll(/^## (.*)$/gm)].map((m) => m[1]!.replace(/&/g, '&amp;')));
    expect(sections.length).toBeGreaterThanOrEqual(6);
    expect(html).not.toMatch(/<img|<a |<script|<[^>]*\sonerror=|<svg/i);
    // Nothing but the report's own elements.
    const tags = new Set([...html.matchAll(/<([a-z0-9]+)[\s>]/g)].map((m) => m[1]));
    for (const tag of tags) {
      expect([
        'h1',
        'h2',
        'h3',
        'p',
        'strong',
        'code',
        'pre',
        'ul',
        'li',
        'table',
        'thead',
        'tbody',
        'tr',
        'th',
        'td',
        'details',
        'summary',
      ]).toContain(tag);
    }
    // The hostile text shows, visibly escaped, where the plan's name goes.
    const title = /<h1>(.*)<\/h1>/.exec(html)![1]!;
    expect(title).toContain(
      'x` | ] !\\n# Owned\\n![i](https://e.example/i.png)&lt;img src=x onerror=alert(1)&gt;',
    );
    // One Mermaid block, and every table row has the cells of its header.
    expect(html.match(/<pre><code class="language-mermaid">/g)).toHaveLength(1);
    for (const tableHtml of html.match(/<table>[\s\S]*?<\/table>/g) ?? []) {
      const header = (/<thead>[\s\S]*?<\/thead>/.exec(tableHtml)![0].match(/<th>/g) ?? []).length;
      for (const row of tableHtml.match(/<tr>[\s\S]*?<\/tr>/g)!.slice(1)) {
        expect((row.match(/<td>/g) ?? []).length, row).toBe(header);
      }
    }
  });
});
