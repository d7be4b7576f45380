/**
 * Quick fixes on the reference plan: the whole plan's missing routes as one edit (shared/fix)
 * and that edit applied (shared/edit), as the Routes tab's `Add missing routes` does.
 *
 * 1. The reference plan as generated (a few peerings lack routes).
 * 2. The same plan with every route removed: every active peering needs its routes, both sides.
 *    Baseline, same run: the same route additions applied one edit at a time (each looks its
 *    table up and copies the VPC list), timed on the first 1,000 and scaled to all of them.
 */
import { applyEdit } from '../../../shared/edit/operations';
import type { Edit } from '../../../shared/edit/operations';
import { missingRoutesOfPlan } from '../../../shared/fix/quick-fix';
import type { Plan } from '../../../shared/plan/model';
import { parsePlanText } from '../../../shared/plan/parse';
import { medianTiming, ms, ratio } from '../harness';
import type { BenchContext, Timing } from '../harness';
import { referencePlanText } from '../reference-plan';

const TODAY = '2026-11-26';
const BASELINE_SAMPLE = 1000;

/** A fresh plan value each run: the suggestions are cached per plan value. */
const fresh = (plan: Plan): Plan => ({ ...plan });

function computeAndApply(plan: Plan): number {
  const fix = missingRoutesOfPlan(fresh(plan));
  if (!fix) return 0;
  applyEdit(plan, fix.edit);
  return fix.edit.kind === 'batch' ? fix.edit.edits.length : 1;
}

const both = (t: Timing): string => `${ms(t.wall)} wall, ${ms(t.cpu)} CPU`;

export default async function quickFixBench(ctx: BenchContext): Promise<void> {
  const parsed = parsePlanText(referencePlanText(), { today: TODAY });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const plan = parsed.plan;
  const bare: Plan = {
    ...plan,
    vpcs: plan.vpcs.map((vpc) => ({
      ...vpc,
      routeTables: vpc.routeTables.map((t) => ({ ...t, routes: [] })),
    })),
  };

  for (const [name, subject] of [
    ['reference plan as generated', plan],
    ['reference plan without any route', bare],
  ] as const) {
    const fix = missingRoutesOfPlan(fresh(subject));
    const edits: readonly Edit[] = !fix ? [] : fix.edit.kind === 'batch' ? fix.edit.edits : [fix.edit];
    const compute = await medianTiming(() => missingRoutesOfPlan(fresh(subject)), ctx.runs);
    const total = await medianTiming(() => computeAndApply(subject), ctx.runs);
    ctx.log(`${name}: "${fix?.label ?? 'nothing to add'}"`);
    ctx.log(`  find the missing routes:  ${both(compute)};  find + apply as one step:  ${both(total)}`);
    if (edits.length >= BASELINE_SAMPLE) {
      const sample = edits.slice(0, BASELINE_SAMPLE);
      const oneByOne = await medianTiming(
        () => sample.reduce((current, edit) => applyEdit(current, edit).plan, subject),
        3,
        1,
      );
      const scale = edits.length / BASELINE_SAMPLE;
      const applyOnly = await medianTiming(() => applyEdit(subject, fix!.edit), ctx.runs);
      ctx.log(
        `  apply ${edits.length} additions in one pass:  ${both(applyOnly)};  one edit at a time (${BASELINE_SAMPLE} timed, scaled ×${scale.toFixed(1)}):  ${ms(oneByOne.wall * scale)} wall   ${ratio(oneByOne.wall * scale, applyOnly.wall)}`,
      );
    }
  }
}
