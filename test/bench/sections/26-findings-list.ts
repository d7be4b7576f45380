/**
 * The Findings tab on the reference plan (3,000 VPCs, thousands of findings): the work the tab
 * does before it can show, outside a browser (no DOM; the page's own figure is in the e2e note).
 *
 * 1. The list as it is: the findings grouped by code once, the rows of the groups with no filter
 *    and with a typed query, and the rows in view (40, the tallest panel's worth and its overscan)
 *    each named (`withNames`, `nameWithId`) and given its quick fixes.
 * 2. Baseline, same run: what the tab did before it was virtualised: the first 300 findings of
 *    each severity, every one named and given its quick fixes, before anything showed.
 */
import { quickFixes } from '../../../shared/fix/quick-fix';
import type { Plan } from '../../../shared/plan/model';
import { nameOf, nameWithId, withNames } from '../../../shared/plan/object-names';
import { parsePlanText } from '../../../shared/plan/parse';
import type { Finding } from '../../../shared/rules/finding';
import { sortFindings } from '../../../shared/rules/finding';
import { validatePlan } from '../../../shared/rules/validate';
import { groupFindings, rowsOfGroups } from '../../../renderer/src/lib/finding-rows';
import { medianTiming, ms, ratio } from '../harness';
import type { BenchContext, Timing } from '../harness';
import { referencePlanText } from '../reference-plan';

const TODAY = '2026-11-26';
const IN_VIEW = 40;
const OLD_LIMIT = 300;
const ALL = new Set(['error', 'warning', 'info'] as const);

/** What one row shows: its message and subjects with names, and its quick fixes. */
function rowWork(plan: Plan, f: Finding): number {
  const message = withNames(plan, f.message, f.subjects);
  const subjects = f.subjects.map((id) => nameWithId(plan, id)).join(', ');
  return message.length + subjects.length + quickFixes(f, plan).length;
}

const both = (t: Timing): string => `${ms(t.wall)} wall, ${ms(t.cpu)} CPU`;

export default async function findingsListBench(ctx: BenchContext): Promise<void> {
  const parsed = parsePlanText(referencePlanText(), { today: TODAY });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const plan = parsed.plan;
  const findings = sortFindings(validatePlan(plan));
  const groups = groupFindings(findings);
  const filter = { query: '', severities: ALL, code: null, nameOf: (id: string) => nameOf(plan, id) };

  const grouping = await medianTiming(() => groupFindings(findings), ctx.runs);
  const rows = await medianTiming(() => rowsOfGroups(groups, filter, new Set()), ctx.runs);
  const query = 'vpc-1';
  const queried = rowsOfGroups(groups, { ...filter, query }, new Set());
  const typed = await medianTiming(() => rowsOfGroups(groups, { ...filter, query }, new Set()), ctx.runs);
  // The rows in view of the biggest group unfolded: the worst case for the per-row work.
  const biggest = [...groups.byCode.keys()].reduce((a, b) =>
    groups.byCode.get(a)!.length >= groups.byCode.get(b)!.length ? a : b,
  );
  const unfolded = rowsOfGroups(groups, filter, new Set([biggest]));
  const inView = unfolded.flatMap((r) => (r.kind === 'finding' ? [r.finding] : [])).slice(0, IN_VIEW);
  const view = await medianTiming(() => inView.reduce((n, f) => n + rowWork(plan, f), 0), ctx.runs);
  const total = grouping.wall + rows.wall + view.wall;

  const bySeverity = (['error', 'warning', 'info'] as const).flatMap((s) =>
    findings.filter((f) => f.severity === s).slice(0, OLD_LIMIT),
  );
  const old = await medianTiming(() => bySeverity.reduce((n, f) => n + rowWork(plan, f), 0), 3, 1);

  ctx.log(
    `${findings.length} findings in ${groups.byCode.size} codes (${groups.bySeverity.error} errors, ${groups.bySeverity.warning} warnings, ${groups.bySeverity.info} infos)`,
  );
  ctx.log(`group by code (once per findings change):  ${both(grouping)}`);
  ctx.log(
    `rows, no filter:  ${both(rows)};  rows for the query "${query}" (${queried.length} rows):  ${both(typed)}`,
  );
  ctx.log(`${inView.length} rows in view named and given their quick fixes:  ${both(view)}`);
  ctx.log(
    `the tab before it shows: ${ms(total)} wall;  before (${bySeverity.length} rows named and fixed up front): ${ms(old.wall)} wall   ${ratio(old.wall, total)}`,
  );
}
