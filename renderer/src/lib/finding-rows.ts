/**
 * The rows of the findings list: the findings that pass the filters (text, severities, code),
 * grouped by code under one header row each, in the order the findings come (errors first).
 * Pure, so the list can draw any slice of thousands of rows (it is virtualised) and tests can
 * check the filtering without a page.
 *
 * Two steps, so that a big plan pays for the grouping once per findings change and not once per
 * keystroke or fold: `groupFindings` (one pass over the findings), then `rowsOfGroups` (the
 * filters over the groups; with no filter, a folded group costs one row and no pass at all).
 */
import type { Finding, FindingCode, Severity } from '../../../shared/rules/finding';

export interface FindingFilter {
  /** Matched, case-insensitively, against the code, the message, the subject IDs and their names. */
  readonly query: string;
  readonly severities: ReadonlySet<Severity>;
  /** One code only, or null for all. */
  readonly code: FindingCode | null;
  /** The name of a subject, when the caller knows the plan (so a VPC can be found by name). */
  readonly nameOf?: (id: string) => string | null;
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

/** The findings by code, in first-seen order, with the counts the filters show. */
export interface FindingGroups {
  readonly total: number;
  readonly byCode: ReadonlyMap<FindingCode, readonly Finding[]>;
  readonly bySeverity: Readonly<Record<Severity, number>>;
}

/** Groups larger than this start folded (a plan of thousands shows its codes first). */
export const FOLDED_FROM = 21;

export function findingMatches(finding: Finding, filter: FindingFilter): boolean {
  if (!filter.severities.has(finding.severity)) return false;
  if (filter.code !== null && finding.code !== filter.code) return false;
  const query = filter.query.trim().toLowerCase();
  if (query === '') return true;
  if (finding.code.toLowerCase().includes(query) || finding.message.toLowerCase().includes(query))
    return true;
  const nameOf = filter.nameOf;
  return finding.subjects.some(
    (subject) =>
      subject.toLowerCase().includes(query) ||
      (nameOf !== undefined && (nameOf(subject)?.toLowerCase().includes(query) ?? false)),
  );
}

/** One pass over the findings: by code, and the count of each severity. */
export function groupFindings(findings: readonly Finding[]): FindingGroups {
  const byCode = new Map<FindingCode, Finding[]>();
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) {
    bySeverity[f.severity]++;
    const list = byCode.get(f.code);
    if (list) list.push(f);
    else byCode.set(f.code, [f]);
  }
  return { total: findings.length, byCode, bySeverity };
}

/**
 * `toggled`: the codes whose group the user folded or unfolded, against the default (a group
 * is unfolded when small, or while a text query is typed).
 */
export function rowsOfGroups(
  groups: FindingGroups,
  filter: FindingFilter,
  toggled: ReadonlySet<FindingCode>,
): FindingRow[] {
  const searching = filter.query.trim() !== '';
  const rows: FindingRow[] = [];
  for (const [code, all] of groups.byCode) {
    if (filter.code !== null && code !== filter.code) continue;
    // A group's findings share its code, hence its severity.
    if (!filter.severities.has(all[0]!.severity)) continue;
    const list = searching ? all.filter((f) => findingMatches(f, filter)) : all;
    if (list.length === 0) continue;
    const unfoldedByDefault = searching || list.length < FOLDED_FROM;
    const expanded = toggled.has(code) ? !unfoldedByDefault : unfoldedByDefault;
    rows.push({ kind: 'group', code, severity: all[0]!.severity, count: list.length, expanded });
    if (expanded) for (const f of list) rows.push({ kind: 'finding', finding: f });
  }
  return rows;
}

export function findingRows(
  findings: readonly Finding[],
  filter: FindingFilter,
  toggled: ReadonlySet<FindingCode>,
): FindingRow[] {
  return rowsOfGroups(groupFindings(findings), filter, toggled);
}

/** How many findings of each code there are (for the code filter's choices), in first-seen order. */
export function codeCounts(findings: readonly Finding[]): Map<FindingCode, number> {
  const counts = new Map<FindingCode, number>();
  for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return counts;
}
