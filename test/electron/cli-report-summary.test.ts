/**
 * The review reports' one-screen summary says what the command line says (issue 17.2): for every
 * shipped example and the benchmark's reference plan, `peerplan export --to md|html` against
 * `peerplan check --json` and `peerplan cost --json` run on the same file, all as child processes.
 * Figures are read from the reports' text (Markdown tables, the HTML's data-figure cells) and
 * recomputed here from the CLI's JSON: counts of findings per severity and per code, the cost per
 * month and per day summed over the paying accounts (in cents), the payers on request, and the
 * payers' order (most expensive first) with their total row.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referencePlanText } from '../bench/reference-plan';
import { REPO_ROOT, runPeerplan } from './run-peerplan';

const EXAMPLES = join(REPO_ROOT, 'shared/examples');
const ENV = { PEERPLAN_TODAY: '2026-11-26' };

interface CheckJson {
  findings: { code: string; severity: 'error' | 'warning' | 'info' }[];
  summary: { errors: number; warnings: number; infos: number };
}
interface CostJson {
  currency: string;
  payers: { account: string; currency: string; dailyCost: number | null; monthlyCost: number | null }[];
}

/** `12345.5` → `12,345.50`, as people read money (written independently of the reports). */
function money(value: number): string {
  const [whole, cents] = value.toFixed(2).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}`;
}
const count = (n: number) => n.toLocaleString('en-US');

/** The cells of the Markdown table row right after the header row `header`. */
function rowAfter(markdown: string, header: string): string[] {
  const lines = markdown.split('\n');
  const at = lines.indexOf(header);
  expect(at, header).toBeGreaterThan(-1);
  return cells(lines[at + 2]!);
}
const cells = (row: string) =>
  row
    .slice(2, -2)
    .split(' | ')
    .map((c) => c.trim());

function tableRows(markdown: string, header: string): string[][] {
  const lines = markdown.split('\n');
  const at = lines.indexOf(header);
  expect(at, header).toBeGreaterThan(-1);
  const rows: string[][] = [];
  for (let i = at + 2; i < lines.length && lines[i]!.startsWith('| '); i++) rows.push(cells(lines[i]!));
  return rows;
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

async function compare(planFile: string): Promise<void> {
  const plan = JSON.parse(readFileSync(planFile, 'utf8')) as {
    vpcs: { subnets?: unknown[] }[];
    peerings: unknown[];
  };
  const [check, cost, md, html] = await Promise.all([
    runPeerplan(['check', planFile, '--json'], ENV),
    runPeerplan(['cost', planFile, '--json'], ENV),
    runPeerplan(['export', planFile, '--to', 'md'], ENV),
    runPeerplan(['export', planFile, '--to', 'html'], ENV),
  ]);
  for (const run of [cost, md, html]) expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(check.stderr).toBe('');
  const findings = JSON.parse(check.stdout) as CheckJson;
  const costs = JSON.parse(cost.stdout) as CostJson;
  const { errors, warnings, infos } = findings.summary;
  const summary = md.stdout.slice(md.stdout.indexOf('\n## Summary\n'), md.stdout.indexOf('\n## Topology\n'));

  // Figures and readiness.
  const subnets = plan.vpcs.reduce((n, v) => n + (v.subnets?.length ?? 0), 0);
  const figures = [plan.vpcs.length, subnets, plan.peerings.length, errors, warnings, infos].map(count);
  expect(rowAfter(summary, '| VPCs | Subnets | Peerings | Errors | Warnings | Infos |')).toEqual(figures);
  expect(summary).toContain(
    errors > 0
      ? `**Not ready:** ${count(errors)} error finding${errors === 1 ? '' : 's'}`
      : '**No error finding.**',
  );
  expect(check.code).toBe(errors > 0 ? 1 : 0);

  // Cost per currency: the sum over the CLI's payers of that currency, to the cent. CCNs (USD) are
  // billed by the month, so their per-day figure is '-'. One currency: a Total row follows; two:
  // none (CNY and USD are never added together, spec/ccn.md).
  const currencies = [...new Set(costs.payers.map((p) => p.currency))].sort();
  const payersIn = (currency: string) => costs.payers.filter((p) => p.currency === currency);
  const known = (currency: string, key: 'monthlyCost' | 'dailyCost') =>
    payersIn(currency).reduce((cents, p) => cents + (p[key] === null ? 0 : Math.round(p[key] * 100)), 0) /
    100;
  const notCountedIn = (currency: string) => {
    const onRequest = payersIn(currency).filter((p) => p.monthlyCost === null || p.dailyCost === null).length;
    return onRequest > 0 ? `${count(onRequest)} on request` : '-';
  };
  const daily = (currency: string) => (currency === 'USD' ? '-' : money(known(currency, 'dailyCost')));
  if (costs.payers.length > 0) {
    const rows = tableRows(summary, '| Currency | Per month | Per day (now) | Payers not counted |');
    const perCurrency = currencies.map((c) => [c, money(known(c, 'monthlyCost')), daily(c), notCountedIn(c)]);
    expect(rows).toEqual(
      currencies.length === 1 ? [...perCurrency, ['**Total**', ...perCurrency[0]!.slice(1)]] : perCurrency,
    );
  }

  // The most frequent codes, with their counts.
  const byCode = new Map<string, { severity: keyof typeof SEVERITY_RANK; count: number }>();
  for (const f of findings.findings) {
    byCode.set(f.code, { severity: f.severity, count: (byCode.get(f.code)?.count ?? 0) + 1 });
  }
  const top = [...byCode]
    .sort(
      ([a, x], [b, y]) =>
        SEVERITY_RANK[x.severity] - SEVERITY_RANK[y.severity] || y.count - x.count || (a < b ? -1 : 1),
    )
    .slice(0, 5)
    .map(([code, c]) => [`**${code}**`, c.severity, count(c.count)]);
  if (top.length > 0) expect(tableRows(summary, '| Code | Severity | Findings |')).toEqual(top);

  // Peering payers (CNY) under Costs: most expensive first (on request last), then a total row.
  const cnyPayers = payersIn('CNY');
  if (cnyPayers.length > 0) {
    const costsSection = md.stdout.slice(md.stdout.indexOf('\n## Costs\n'));
    const rows = tableRows(costsSection, '| Account | Per month | Per day (now) |');
    const sorted = [...cnyPayers].sort((a, b) =>
      a.monthlyCost === b.monthlyCost
        ? a.account < b.account
          ? -1
          : 1
        : a.monthlyCost === null
          ? 1
          : b.monthlyCost === null
            ? -1
            : b.monthlyCost - a.monthlyCost,
    );
    expect(rows).toHaveLength(cnyPayers.length + 1);
    rows.slice(0, -1).forEach((row, i) => {
      const payer = sorted[i]!;
      expect(
        row[0] === payer.account || row[0]!.endsWith(`(${payer.account})`),
        `${row[0]} is ${payer.account}`,
      ).toBe(true);
      expect(row[1]).toBe(payer.monthlyCost === null ? 'on request' : money(payer.monthlyCost));
    });
    const total = rows.at(-1)!;
    expect(total[0]).toMatch(currencies.length === 1 ? /^\*\*Total\*\* \(/ : /^\*\*Total CNY\*\* \(/);
    expect(total.slice(1)).toEqual([
      `**${money(known('CNY', 'monthlyCost'))}**`,
      `**${money(known('CNY', 'dailyCost'))}**`,
    ]);
  }

  // The HTML report's figures are the same.
  const figure = (name: string) =>
    new RegExp(`data-figure="${name}"[^>]*>(?:<div class="value">)?([^<]*)<`).exec(html.stdout)?.[1];
  expect(['vpcs', 'subnets', 'peerings', 'errors', 'warnings', 'infos'].map(figure)).toEqual(figures);
  for (const currency of currencies) {
    expect(figure(`cost-${currency}-monthly`)).toBe(money(known(currency, 'monthlyCost')));
    expect(figure(`cost-${currency}-daily`)).toBe(daily(currency));
  }
  if (currencies.length === 1) {
    expect(figure('cost-total-monthly')).toBe(money(known(currencies[0]!, 'monthlyCost')));
    expect(figure('cost-total-daily')).toBe(daily(currencies[0]!));
  } else {
    expect(figure('cost-total-monthly')).toBeUndefined();
  }
}

describe('the reports’ summary equals `peerplan check` and `peerplan cost`', { timeout: 240_000 }, () => {
  const examples = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.json'))
    .sort();
  it.each(examples)('%s', async (file) => {
    await compare(join(EXAMPLES, file));
  });

  it('the reference plan (3,000 VPCs, 5,000 peerings)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'peerplan-reference-')), 'reference.json');
    writeFileSync(file, referencePlanText());
    await compare(file);
  });
});
