/**
 * The rows of the findings list: the findings that pass the filters (text, severities, code),
 * grouped by code under one header row each, in the order the findings come (errors first).
 * Pure, so the list can draw any slice of thousands of rows (it is virtualised) and tests can
 * check the filtering without a page.
 */
import type { Finding, FindingCode, Severity } from '../../../shared/rules/finding';

export interface FindingFilter {
  /** Matched, case-insensitively, against the code, the message and the subject IDs. */
  readonly query: string;
  readonly severities: ReadonlySet<Severity>;
  /** One code only, or null for all. */
  readonly code: FindingCode | null;
}

export type FindingRow =
  | {
      readonly kind: 'group';
      readonly code: FindingCode;
      readonly severity: Severity;
      /** Findings of this code that pass the filter. */
      readonly count: number;
      readonly expanded: boolean;
    }
  | { readonly kind: 'finding'; readonly finding: Finding };

/** Groups larger than this start folded (a plan of thousands shows its codes first). */
export const FOLDED_FROM = 21;

export function findingMatches(finding: Finding, filter: FindingFilter): boolean {
  if (!filter.severities.has(finding.severity)) return false;
  if (filter.code !== null && finding.code !== filter.code) return false;
  const query = filter.query.trim().toLowerCase();
  if (query === '') return true;
  if (finding.code.toLowerCase().includes(query) || finding.message.toLowerCase().includes(query))
    return true;
  return finding.subjects.some((subject) => subject.toLowerCase().includes(query));
}

/**
 * `toggled`: the codes whose group the user folded or unfolded, against the default (a group
 * is unfolded when small, or while a text query is typed).
 */
export function findingRows(
  findings: readonly Finding[],
  filter: FindingFilter,
  toggled: ReadonlySet<FindingCode>,
): FindingRow[] {
  const byCode = new Map<FindingCode, Finding[]>();
  for (const f of findings) {
    if (!findingMatches(f, filter)) continue;
    const list = byCode.get(f.code);
    if (list) list.push(f);
    else byCode.set(f.code, [f]);
  }
  const searching = filter.query.trim() !== '';
  const rows: FindingRow[] = [];
  for (const [code, list] of byCode) {
    const unfoldedByDefault = searching || list.length < FOLDED_FROM;
    const expanded = toggled.has(code) ? !unfoldedByDefault : unfoldedByDefault;
    rows.push({ kind: 'group', code, severity: list[0]!.severity, count: list.length, expanded });
    if (expanded) for (const f of list) rows.push({ kind: 'finding', finding: f });
  }
  return rows;
}

/** How many findings of each code there are (for the code filter's choices), in first-seen order. */
export function codeCounts(findings: readonly Finding[]): Map<FindingCode, number> {
  const counts = new Map<FindingCode, number>();
  for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return counts;
}
