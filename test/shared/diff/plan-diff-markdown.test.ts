/**
 * `peerplan diff --to md`: a PR comment that leads with its summary, folds the object changes,
 * escapes every user string, and stays within a code host's 65,536 characters however big the
 * change (the benchmark's reference plan against a heavily changed copy). Rendered with marked
 * (a GFM renderer, as code hosts use) to check what a reviewer would see.
 */
import { readFileSync } from 'node:fs';
import { marked } from 'marked';
import type { Token, Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { diffPlans } from '../../../shared/diff/plan-diff';
import { formatPlanDiffMarkdown, PR_COMMENT_MAX_CHARS } from '../../../shared/diff/plan-diff-markdown';
import { referencePlanFile } from '../../bench/reference-plan';
import { EXAMPLES_DIR, examplePlan, planFromObject } from '../export/plans';

type PlanFileObject = {
  name: string;
  vpcs: { id: string; name: string; cidr: string; subnets: { cidr: string }[] }[];
  peerings: { id: string }[];
};

/** The GFM tables of a Markdown text, as a code host parses them (marked's lexer). */
function tables(markdown: string): Tokens.Table[] {
  return marked.lexer(markdown, { gfm: true }).filter((t): t is Tokens.Table => t.type === 'table');
}

/** Every inline token of a text, depth first. */
function inline(tokens: readonly Token[]): Token[] {
  return tokens.flatMap((t) => [t, ...inline('tokens' in t && t.tokens ? t.tokens : [])]);
}

function codeSpans(markdown: string): string[] {
  const all = marked.lexer(markdown, { gfm: true });
  const inlineOf = (t: Token): Token[] =>
    t.type === 'table'
      ? [...(t as Tokens.Table).header, ...(t as Tokens.Table).rows.flat()].flatMap((c) => inline(c.tokens))
      : inline('tokens' in t && t.tokens ? t.tokens : []);
  return all
    .flatMap(inlineOf)
    .filter((t) => t.type === 'codespan')
    .map((t) => (t as Tokens.Codespan).text);
}

describe('diff as Markdown for a PR comment', () => {
  it('leads with the summary, then findings introduced, reachability, cost, and folds the objects', () => {
    const before = examplePlan('quickstart');
    const file = JSON.parse(JSON.stringify(examplePlanFile())) as PlanFileObject;
    file.name = 'Renamed | `plan` @platform-team <b>x</b>';
    file.vpcs[1]!.cidr = file.vpcs[0]!.cidr; // the peered VPCs now overlap: errors introduced
    const after = planFromObject(file);
    const markdown = formatPlanDiffMarkdown(diffPlans(before, after), {
      names: { a: 'a.json', b: 'b.json' },
    });
    const lines = markdown.split('\n');
    expect(lines[0]).toMatch(/^\*\*Peerplan\*\* `a\.json` → `b\.json`: 🛑 \*\*introduces \d+ errors?\*\*/);
    const order = [
      '### Findings introduced',
      '### Reachability changes',
      '### Monthly cost',
      '<details><summary>Findings resolved',
      '<details><summary>Object changes',
    ];
    const positions = order.map((heading) => markdown.indexOf(heading));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);

    // The plan's new name is shown as typed, in a code span (no bold, no HTML, no mention).
    expect(codeSpans(markdown)).toContain(' Renamed | `plan` @platform-team <b>x</b> '.trim());
    // The overlap is listed among the findings introduced, in a table with four cells per row.
    const [introduced, ...others] = tables(markdown);
    for (const row of introduced!.rows) expect(row).toHaveLength(4);
    expect(introduced!.rows.map((row) => row[1]!.text)).toContain('`PEERING_CIDR_OVERLAP`');
    // The object changes are folded: their table sits between <details> and </details>.
    expect(markdown).toMatch(/<details><summary>Findings resolved \(0\)<\/summary>/);
    const folded =
      /<details><summary>Object changes: 0 added, 0 removed, 2 changed<\/summary>\n\n([^]*?)\n\n<\/details>/.exec(
        markdown,
      );
    expect(folded).not.toBeNull();
    const objects = others.at(-1)!;
    expect(
      objects.rows.map(
        (row) => row[2]!.tokens[0]!.type === 'codespan' && (row[2]!.tokens[0] as Tokens.Codespan).text,
      ),
    ).toEqual([expect.any(String), 'vpc-bj02']);
    expect(folded![1]).toContain('`10.0.0.0/16`');
  });

  it('no change: a short comment that says so', () => {
    const plan = examplePlan('shanghai-hub');
    const markdown = formatPlanDiffMarkdown(diffPlans(plan, plan));
    expect(markdown.split('\n')[0]).toBe(
      '**Peerplan** `A` → `B`: ✅ **introduces no error** · 0 added, 0 removed, 0 changed · 0 findings introduced, 0 resolved · 0 reachability changes · cost unchanged',
    );
    expect(markdown).toContain('No object changed.');
    expect(markdown.length).toBeLessThan(1000);
  });

  it(
    'the reference plan against a heavily changed copy: within 65,536 characters, every section cut with "and N more"',
    { timeout: 240_000 },
    () => {
      const original = referencePlanFile() as unknown as PlanFileObject;
      const changed = JSON.parse(JSON.stringify(original)) as PlanFileObject;
      // Every third VPC renamed (with Markdown in the name), every fifth moved onto its neighbour's
      // block (overlaps: errors, reachability lost), a tenth of the peerings removed.
      changed.vpcs.forEach((vpc, i) => {
        if (i % 3 === 0) vpc.name = `${vpc.name} | **renamed** \`${i}\``;
        if (i % 5 === 0 && i > 0) vpc.cidr = changed.vpcs[i - 1]!.cidr;
      });
      changed.peerings = changed.peerings.filter((_, i) => i % 10 !== 0);
      const diff = diffPlans(planFromObject(original), planFromObject(changed));
      expect(diff.changes.length).toBeGreaterThan(1000);
      expect(diff.findings.introduced.length).toBeGreaterThan(100);
      expect(diff.reachability.length).toBeGreaterThan(1000);

      const markdown = formatPlanDiffMarkdown(diff, {
        names: { a: 'main.peerplan.json', b: 'pr.peerplan.json' },
      });
      expect(markdown.length).toBeLessThanOrEqual(PR_COMMENT_MAX_CHARS);
      expect(markdown.length).toBeGreaterThan(PR_COMMENT_MAX_CHARS * 0.9); // the budget is used, not wasted
      expect(markdown).toMatch(/… and [\d,]+ more findings introduced/);
      expect(markdown).toMatch(/… and [\d,]+ more reachability changes/);
      expect(markdown).toMatch(/… and [\d,]+ more object changes/);
      const shownObjects = tables(markdown).at(-1)!.rows.length;
      const said = Number(/… and ([\d,]+) more object changes/.exec(markdown)![1]!.replace(/,/g, ''));
      expect(shownObjects + said).toBe(diff.changes.length);
      expect(markdown.split('\n')[0]).toContain(`${diff.summary.changed} changed`);

      // A smaller budget is kept too, with the summary still first.
      const small = formatPlanDiffMarkdown(diff, { maxChars: 10_000 });
      expect(small.length).toBeLessThanOrEqual(10_000);
      expect(small.startsWith('**Peerplan**')).toBe(true);
    },
  );
});

function examplePlanFile(): object {
  // The quick-start plan file as written (not normalised), so the test edits what users edit.
  return JSON.parse(readFileSync(`${EXAMPLES_DIR}quickstart.json`, 'utf8')) as object;
}
