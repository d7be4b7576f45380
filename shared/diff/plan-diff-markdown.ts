/**
 * The plan diff as a pull-request comment (`peerplan diff A B --to md`): one summary line first,
 * then the findings introduced, the reachability and cost changes, and the object changes folded
 * in `<details>`. Code hosts refuse comments above 65,536 characters, so the comment is built to a
 * budget whatever the change: each section lists rows until its share is spent and says how many
 * more there are (the whole diff is in `peerplan diff --json`). Every user string goes through
 * shared/export/escape (code spans for IDs and values, escaped text for messages), cut first to a
 * length that keeps one huge name from taking the budget.
 */
import { mdCellCode, mdCode, mdText } from '../export/escape';
import type { Finding } from '../rules/finding';
import type { FieldValue, ObjectChange, PlanDiff } from './plan-diff';

/** Characters above which a single value is cut (a plan name of a megabyte stays one line). */
const VALUE_MAX_CHARS = 200;
const MESSAGE_MAX_CHARS = 400;

/** Cuts text to `max` characters (whole code points), marking the cut with an ellipsis. */
function truncate(text: string, max = VALUE_MAX_CHARS): string {
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/** A value in a table cell: a code span, or a mark for nothing. */
function code(text: string, max?: number): string {
  return text === '' ? '_(empty)_' : mdCellCode(truncate(text, max));
}

/** GitHub's and GitLab's limit on a comment body. */
export const PR_COMMENT_MAX_CHARS = 65_536;

export interface DiffMarkdownOptions {
  /** What A and B are called (file names). */
  readonly names?: { readonly a: string; readonly b: string };
  /** The most characters the comment may have (JavaScript string length, i.e. UTF-16 code units). */
  readonly maxChars?: number;
}

const CHANGE_WORD = { added: 'added', removed: 'removed', changed: 'changed' } as const;
const CHANGE_MARK = { added: '➕', removed: '➖', changed: '✏️' } as const;
const SEVERITY_MARK = { error: '🛑 error', warning: '⚠️ warning', info: 'ℹ️ info' } as const;

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function cell(value: FieldValue): string {
  return value === null ? '_(none)_' : code(String(value));
}

function money(value: number | null): string {
  return value === null ? 'on request' : value.toFixed(2);
}

function signedMoney(value: number | null): string {
  if (value === null) return 'unknown';
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(2)}`;
}

/** A section: a fixed head and foot around rows, of which as many as the budget allows are shown. */
interface Section {
  readonly head: string;
  readonly rows: readonly string[];
  readonly foot: string;
  /** Rows this section gets before later sections get any (in the first round). */
  readonly firstShare: number;
  /** "and N more" line, shown when rows are left out. */
  readonly more: (left: number) => string;
}

function findingRow(f: Finding): string {
  const subjects = f.subjects.map((s) => code(s, 80)).join(' ');
  return `| ${SEVERITY_MARK[f.severity]} | ${code(f.code)} | ${subjects || '—'} | ${mdText(truncate(f.message, MESSAGE_MAX_CHARS))} |`;
}

function objectRows(change: ObjectChange): string {
  const what = `${CHANGE_MARK[change.change]} ${CHANGE_WORD[change.change]}`;
  const fields =
    change.fields.length === 0
      ? '—'
      : change.fields
          .slice(0, 12)
          .map((f) => `${code(f.field)}: ${cell(f.before)} → ${cell(f.after)}`)
          .join('<br>') + (change.fields.length > 12 ? `<br>and ${change.fields.length - 12} more` : '');
  return `| ${what} | ${change.object} | ${code(change.id, 120)} | ${code(change.label)} | ${fields} |`;
}

function moreLine(left: number, what: string): string {
  return `\n\n… and ${left.toLocaleString('en-US')} more ${what} (the full list: \`peerplan diff --json\`)`;
}

export function formatPlanDiffMarkdown(diff: PlanDiff, options: DiffMarkdownOptions = {}): string {
  const names = options.names ?? { a: 'A', b: 'B' };
  const maxChars = options.maxChars ?? PR_COMMENT_MAX_CHARS;
  const s = diff.summary;
  // One figure per currency: peerings in CNY, CCNs in USD, never one mixed number.
  const costTexts = [
    { currency: diff.costs.currency, payers: diff.costs.payers },
    { currency: diff.costs.ccn.currency, payers: diff.costs.ccn.payers },
  ]
    .filter((part) => part.payers.length > 0)
    .map(({ currency, payers }) => {
      const delta = payers.reduce<number | null>(
        (sum, p) => (sum === null || p.change === null ? null : sum + p.change),
        0,
      );
      return delta === null
        ? `${currency} cost change unknown (a price on request)`
        : `cost ${signedMoney(Math.round(delta * 100) / 100)} ${currency}/month`;
    });
  const costText = costTexts.length === 0 ? 'cost unchanged' : costTexts.join(', ');
  const verdict =
    s.errorsIntroduced > 0
      ? `🛑 **introduces ${plural(s.errorsIntroduced, 'error')}**`
      : '✅ **introduces no error**';
  const summary =
    `**Peerplan** ${mdCode(truncate(names.a, 120)) || '(unnamed)'} → ${mdCode(truncate(names.b, 120)) || '(unnamed)'}: ${verdict} · ` +
    `${s.added} added, ${s.removed} removed, ${s.changed} changed · ` +
    `${plural(s.findingsIntroduced, 'finding')} introduced, ${s.findingsResolved} resolved · ` +
    `${plural(s.reachabilityChanges, 'reachability change')} · ${costText}`;

  const sections: Section[] = [];
  sections.push({
    head:
      `\n\n### Findings introduced (${s.findingsIntroduced})\n\n` +
      (s.findingsIntroduced === 0
        ? 'None.'
        : '| Severity | Code | Subjects | Message |\n| --- | --- | --- | --- |'),
    rows: diff.findings.introduced.map(findingRow),
    foot: '',
    firstShare: 40,
    more: (left) => moreLine(left, 'findings introduced'),
  });
  sections.push({
    head:
      `\n\n### Reachability changes (${s.reachabilityChanges})\n\n` +
      (s.reachabilityChanges === 0
        ? 'None.'
        : '| From | To | Before | After | Via |\n| --- | --- | --- | --- | --- |'),
    rows: diff.reachability.map((r) => {
      const via = r.viaAfter ?? r.viaBefore;
      return `| ${code(r.from)} | ${code(r.to)} | ${r.before ?? '_(no pair)_'} | ${r.after ?? '_(no pair)_'} | ${via ? code(via) : '—'} |`;
    }),
    foot: '',
    firstShare: 30,
    more: (left) => moreLine(left, 'reachability changes'),
  });
  const month = diff.costs.month ? `, ${diff.costs.month}` : '';
  sections.push({
    head:
      `\n\n### Monthly cost per paying account (${diff.costs.currency}${month})\n\n` +
      (diff.costs.payers.length === 0
        ? 'No change.'
        : '| Account | Before | After | Change |\n| --- | ---: | ---: | ---: |'),
    rows: diff.costs.payers.map(
      (p) => `| ${code(p.account)} | ${money(p.before)} | ${money(p.after)} | ${signedMoney(p.change)} |`,
    ),
    foot: '',
    firstShare: 30,
    more: (left) => moreLine(left, 'paying accounts'),
  });
  if (diff.costs.ccn.payers.length > 0)
    sections.push({
      head: `\n\n### Monthly CCN cost per paying account (${diff.costs.ccn.currency}${month})\n\n| Account | Before | After | Change |\n| --- | ---: | ---: | ---: |`,
      rows: diff.costs.ccn.payers.map(
        (p) => `| ${code(p.account)} | ${money(p.before)} | ${money(p.after)} | ${signedMoney(p.change)} |`,
      ),
      foot: '',
      firstShare: 10,
      more: (left) => moreLine(left, 'CCN paying accounts'),
    });
  sections.push({
    head:
      `\n\n<details><summary>Findings resolved (${s.findingsResolved})</summary>\n\n` +
      (s.findingsResolved === 0
        ? 'None.'
        : '| Severity | Code | Subjects | Message |\n| --- | --- | --- | --- |'),
    rows: diff.findings.resolved.map(findingRow),
    foot: '\n\n</details>',
    firstShare: 20,
    more: (left) => moreLine(left, 'findings resolved'),
  });
  sections.push({
    head:
      `\n\n<details><summary>Object changes: ${s.added} added, ${s.removed} removed, ${s.changed} changed</summary>\n\n` +
      (diff.changes.length === 0
        ? 'No object changed.'
        : '| Change | Object | ID | What | Fields (before → after) |\n| --- | --- | --- | --- | --- |'),
    rows: diff.changes.map(objectRows),
    foot: '\n\n</details>',
    firstShare: 60,
    more: (left) => moreLine(left, 'object changes'),
  });

  const trailer = '\n';
  // The skeleton: summary, every head and foot, and room for each section's "and N more" line.
  const moreReserve = sections.map((section) =>
    section.rows.length > 0 ? section.more(section.rows.length).length : 0,
  );
  let budget =
    maxChars -
    summary.length -
    trailer.length -
    sections.reduce((n, section, i) => n + section.head.length + section.foot.length + moreReserve[i]!, 0);
  const shown = sections.map(() => 0);
  // Round one: each section its first share, in order of importance; round two: the rest in order.
  for (const round of [0, 1]) {
    sections.forEach((section, i) => {
      const cap = round === 0 ? Math.min(section.firstShare, section.rows.length) : section.rows.length;
      while (shown[i]! < cap) {
        const cost = section.rows[shown[i]!]!.length + 1;
        if (cost > budget) return;
        budget -= cost;
        shown[i]!++;
      }
    });
  }

  let out = summary;
  sections.forEach((section, i) => {
    out += section.head;
    for (const row of section.rows.slice(0, shown[i])) out += `\n${row}`;
    const left = section.rows.length - shown[i]!;
    if (left > 0) out += section.more(left);
    out += section.foot;
  });
  return out + trailer;
}
