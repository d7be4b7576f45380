/**
 * CCN validation (spec/ccn.md) on the reference plan plus three CCNs of 25 VPCs each, one per
 * region pair class: all in one region, across mainland regions, and mainland with regions
 * abroad (75 attached VPCs; the reference plan's reused blocks give a few route conflicts, and
 * its peerings between members give shadowed CCN routes and migration findings).
 *
 * Figures, each against the plan without the CCNs in the same run:
 * - parse + static rules (target < 150 ms);
 * - the editor's incremental revalidation after an edit of one attachment (its state toggled
 *   between active and pending; target < 16 ms), and after the same route edit in a member VPC
 *   on both plans (what the CCN group adds to every edit).
 */
import { applyEdit } from '../../../shared/edit/operations';
import type { Edit } from '../../../shared/edit/operations';
import { IncrementalValidator } from '../../../shared/edit/revalidate';
import { isMainlandRegion } from '../../../shared/catalog/regions';
import type { Ccn, Plan } from '../../../shared/plan/model';
import { parsePlanText } from '../../../shared/plan/parse';
import type { Finding } from '../../../shared/rules/finding';
import { STATIC_RULES, validatePlan } from '../../../shared/rules/validate';
import { ms, ratio } from '../harness';
import type { BenchContext, Timing } from '../harness';
import { referencePlanFile } from '../reference-plan';

const TODAY = '2026-11-26';
const MEMBERS = 25;

interface FileVpc {
  readonly id: string;
  readonly account: string;
  readonly region: string;
}

function parseOrThrow(text: string): Plan {
  const result = parsePlanText(text, { today: TODAY });
  if (!result.ok) throw new Error(`the plan does not parse: ${result.error.message}`);
  return result.plan;
}

/** Takes `count` VPCs not used yet that `accept`, round robin over their regions. */
function pickVpcs(
  vpcs: readonly FileVpc[],
  used: Set<string>,
  count: number,
  accept: (vpc: FileVpc) => boolean,
) {
  const byRegion = new Map<string, FileVpc[]>();
  for (const vpc of vpcs) {
    if (used.has(vpc.id) || !accept(vpc)) continue;
    const list = byRegion.get(vpc.region);
    if (list) list.push(vpc);
    else byRegion.set(vpc.region, [vpc]);
  }
  const lists = [...byRegion.values()];
  const picked: FileVpc[] = [];
  for (let round = 0; picked.length < count; round++) {
    let any = false;
    for (const list of lists) {
      const vpc = list[round];
      if (!vpc || picked.length >= count) continue;
      any = true;
      picked.push(vpc);
      used.add(vpc.id);
    }
    if (!any) throw new Error('not enough VPCs for a CCN');
  }
  return picked;
}

function ccnFile(id: string, members: readonly FileVpc[]) {
  return {
    id,
    name: id,
    account: members[0]!.account,
    attachments: members.map((vpc, k) => ({
      vpc: vpc.id,
      state: 'active',
      attachedAt: `2026-10-${String(1 + k).padStart(2, '0')}`,
    })),
  };
}

function canonical(findings: readonly Finding[]): string {
  return findings
    .map((f) => JSON.stringify([f.code, f.message, [...f.subjects].sort()]))
    .sort()
    .join('\n');
}

interface Sample {
  wall: number[];
  cpu: number[];
}

function timed(sample: Sample, fn: () => void): void {
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  fn();
  sample.wall.push(performance.now() - started);
  const cpu = process.cpuUsage(cpuStart);
  sample.cpu.push((cpu.user + cpu.system) / 1000);
}

function middle(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * `a` and `b` run alternately (after 2 untimed rounds), so both see the same load of a shared
 * machine: median wall time, and mean CPU time (the kernel counts CPU in ticks, too coarse for
 * one run of a few ms).
 */
function interleaved(a: () => void, b: () => void, runs: number): [Timing, Timing] {
  const samples: [Sample, Sample] = [
    { wall: [], cpu: [] },
    { wall: [], cpu: [] },
  ];
  for (let run = 0; run < 2 + runs; run++) {
    const keep = run >= 2;
    [a, b].forEach((fn, k) => (keep ? timed(samples[k]!, fn) : fn()));
  }
  return samples.map((sample) => ({ wall: middle(sample.wall), cpu: mean(sample.cpu) })) as [Timing, Timing];
}

/** A revalidation after `edit` and one after its undo, per run, as the editor follows them. */
function revalidating(plan: Plan, edit: (plan: Plan) => Plan) {
  const validator = new IncrementalValidator();
  validator.prime(plan, validatePlan(plan));
  const edited = edit(plan);
  const modes = new Set<string>();
  let checked: Finding[] | null = null;
  return {
    step: () => {
      for (const next of [edited, plan]) {
        const findings = validator.findings(next);
        modes.add(validator.lastStats?.mode ?? '?');
        checked ??= findings;
      }
    },
    report: () => ({
      modes: [...modes].join('+'),
      exact: canonical(checked!) === canonical(validatePlan(edited)),
    }),
  };
}

export default async function ccnValidationBench(ctx: BenchContext): Promise<void> {
  const file = referencePlanFile();
  const vpcs = file.vpcs as FileVpc[];
  const used = new Set<string>();
  const sameRegion = vpcs[0]!.region;
  const classes: [string, FileVpc[]][] = [
    ['ccn-same-region', pickVpcs(vpcs, used, MEMBERS, (vpc) => vpc.region === sameRegion)],
    ['ccn-mainland', pickVpcs(vpcs, used, MEMBERS, (vpc) => isMainlandRegion(vpc.region))],
    ['ccn-abroad', pickVpcs(vpcs, used, MEMBERS, () => true)],
  ];
  const plainText = JSON.stringify(file);
  const ccnText = JSON.stringify({ ...file, ccns: classes.map(([id, members]) => ccnFile(id, members)) });
  const plain = parseOrThrow(plainText);
  const withCcns = parseOrThrow(ccnText);
  const regionsOf = (members: FileVpc[]) => new Set(members.map((vpc) => vpc.region)).size;
  ctx.log(
    `reference plan + ${classes.map(([id, members]) => `${id} (${members.length} VPCs, ${regionsOf(members)} regions)`).join(', ')}`,
  );
  const ccnFindings = validatePlan(withCcns).filter((f) => f.code.startsWith('CCN_'));
  const counts = new Map<string, number>();
  for (const f of ccnFindings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  ctx.log(`CCN findings: ${[...counts].map(([code, n]) => `${code} ${n}`).join(', ') || 'none'}`);

  const show = (t: Timing) => `${ms(t.wall).padStart(9)} wall, ${ms(t.cpu).padStart(9)} CPU`;
  const [plainStatic, ccnStatic] = interleaved(
    () => validatePlan(parseOrThrow(plainText), STATIC_RULES),
    () => validatePlan(parseOrThrow(ccnText), STATIC_RULES),
    ctx.runs,
  );
  ctx.log(`parse + static rules, without CCNs:  ${show(plainStatic)}`);
  ctx.log(
    `parse + static rules, with the CCNs: ${show(ccnStatic)}   (target < 150 ms; ${ratio(ccnStatic.wall, plainStatic.wall)} wall, ${ratio(ccnStatic.cpu, plainStatic.cpu)} CPU of the plan without CCNs)`,
  );

  // One attachment of the mainland CCN, toggled between active and pending.
  const target = withCcns.ccns.findIndex((ccn) => ccn.id === 'ccn-mainland');
  const toggleAttachment = (plan: Plan): Plan => {
    const ccn = plan.ccns[target]!;
    const attachments = ccn.attachments.map((a, k) =>
      k === 3 ? { ...a, state: a.state === 'active' ? ('pending' as const) : ('active' as const) } : a,
    );
    const ccns: Ccn[] = plan.ccns.map((c, k) => (k === target ? { ...c, attachments } : c));
    return { ...plan, ccns };
  };
  // The same route edit on both plans: the first route of a member VPC's first table, disabled.
  const member = withCcns.vpcs.find(
    (vpc) => used.has(vpc.id) && (vpc.routeTables[0]?.routes.length ?? 0) > 0,
  )!;
  const routeEdit: Edit = {
    kind: 'route.update',
    routeTable: member.routeTables[0]!.id,
    index: 0,
    patch: { enabled: false },
  };
  const editRoute = (plan: Plan): Plan => applyEdit(plan, routeEdit).plan;

  const runs = Math.max(21, ctx.runs);
  const attachment = revalidating(withCcns, toggleAttachment);
  const routeWithout = revalidating(plain, editRoute);
  const routeWith = revalidating(withCcns, editRoute);
  const [attachmentTime, routeWithoutTime] = interleaved(attachment.step, routeWithout.step, runs);
  const [routeWithTime] = interleaved(routeWith.step, routeWithout.step, runs);
  const exact = (r: { exact: boolean }) =>
    r.exact ? 'findings as a full validation' : 'FINDINGS DIFFER FROM A FULL VALIDATION';
  const perEdit = (t: Timing) => `${ms(t.wall / 2)} wall, ${ms(t.cpu / 2)} CPU`;
  const a = attachment.report();
  const w = routeWith.report();
  const o = routeWithout.report();
  ctx.log(
    `revalidation after an attachment edit (with the CCNs): ${perEdit(attachmentTime)} per edit (target < 16 ms; ${a.modes}; ${exact(a)})`,
  );
  ctx.log(
    `revalidation after a route edit in ${member.id}: ${perEdit(routeWithTime)} with the CCNs, ${perEdit(routeWithoutTime)} without (${ratio(routeWithTime.wall, routeWithoutTime.wall)} wall, ${ratio(routeWithTime.cpu, routeWithoutTime.cpu)} CPU; ${w.modes}/${o.modes}; ${exact(w)}, ${exact(o)})`,
  );
  ctx.log(
    `attachment edit against that route edit on the plan without CCNs: ${ratio(attachmentTime.wall, routeWithoutTime.wall)} wall, ${ratio(attachmentTime.cpu, routeWithoutTime.cpu)} CPU (the edit and its undo each time; medians of ${runs})`,
  );
}
