/**
 * Migration from a cross-region peering to a CCN (spec/ccn.md, "Migration"; ccn-facts.md,
 * MIG:36-55): the CCN that replaces a peering, and the cloud's documented steps, each as a plan
 * with its findings and its monthly cost per currency (CNY for peerings, USD for CCNs).
 *
 * The proposal keeps the peering and its routes, so its findings show the real middle state
 * (the CCN routes not effective while the peering routes exist: CCN_ROUTE_SHADOWED).
 *
 * Choices where the spec leaves room:
 * - The CCN: `options.ccnId` when given; else an existing CCN of the requester's account with room
 *   (at most 25 attachments once both VPCs are on it) and neither VPC on another CCN, one that
 *   already holds either VPC first, then plan order; else a new `ccn-<n>` named after the peering,
 *   owned by the requester's account (the payer of the peering), gold, postpaid.
 * - "The first VPC" of the steps is the requester, the second the accepter.
 * - Each VPC publishes its subnets when the peering routes toward it name subnet CIDRs (as the
 *   seed's do), else its VPC CIDRs: each CCN route then has the destination of the peering route
 *   it replaces, so it is shadowed until that route is disabled, and effective after.
 * - Limits: the peering's cap becomes the limit of each of the two regions (outer-region) or of
 *   the pair (inter-region), where the CCN has none yet. `expectedP95` of the pair: the peering's
 *   `expectedPeakMbps`, else the P95 of its samples of the report month (capped); added to the
 *   pair's estimate when the CCN already has one (the peering's traffic joins it).
 * - The peering is billed at every step while it exists (its expected peak or samples), so the
 *   middle steps show both costs: the most a month of migration can cost.
 * - Step 5 deletes the peering, every route through it and its traffic samples.
 */
import { ccnTrafficLatestMs } from '../cost/ccn-costs';
import { billingDayOf, monthOfDay } from '../cost/billing-day';
import {
  billingOffset,
  computeCosts,
  monthlyTotalsByCurrency,
  reportMonth,
  trafficColumns,
} from '../cost/costs';
import { parseInstant } from '../cost/instants';
import { percentile95 } from '../cost/p95';
import type {
  Ccn,
  CcnAttachment,
  CcnBandwidthLimit,
  CcnExpectedP95,
  CcnPublish,
  Peering,
  Plan,
  Vpc,
} from '../plan/model';
import type { Finding } from '../rules/finding';
import { validatePlan } from '../rules/validate';
import { applyEdit, routesThroughPeering } from './operations';
import type { Edit } from './operations';
import type { LabelledEdit } from './workflow';
import { allIds, deletePeering } from './workflow';

/** Attachments a CCN may have (ccn-facts.md, Quotas: 25 instances per CCN). */
export const CCN_MAX_ATTACHMENTS = 25;

/** A month's cost per currency; null: a price on request. */
export interface MonthlyCostByCurrency {
  /** Peerings. */
  readonly CNY: number | null;
  /** CCNs. */
  readonly USD: number | null;
}

export interface MigrationStep {
  /** 1 to 5, as the cloud's guide numbers them. */
  readonly number: number;
  readonly title: string;
  /** What to do, for people. */
  readonly detail: string;
  /** A warning about the state this step leaves (the asymmetric traffic of step 3). */
  readonly note?: string;
  /** The plan once this step is done. */
  readonly plan: Plan;
  readonly findings: readonly Finding[];
  readonly monthlyCost: MonthlyCostByCurrency;
}

export interface CcnMigration {
  readonly peeringId: string;
  readonly ccnId: string;
  /** True when the proposal creates the CCN. */
  readonly newCcn: boolean;
  /** The proposal: the CCN with both VPCs attached, the peering kept (= step 1's plan). */
  readonly plan: Plan;
  readonly steps: readonly MigrationStep[];
  /** The month the costs are for (`YYYY-MM`). */
  readonly month: string;
  /** The monthly cost of the plan as it is, and once the peering is gone. */
  readonly before: MonthlyCostByCurrency;
  readonly after: MonthlyCostByCurrency;
}

export type MigrationProblem =
  'unknown-peering' | 'unknown-vpc' | 'not-cross-region' | 'unknown-ccn' | 'ccn-full' | 'vpc-on-other-ccn';

export type MigrationResult =
  | { readonly ok: true; readonly migration: CcnMigration }
  | { readonly ok: false; readonly problem: MigrationProblem; readonly message: string };

export interface MigrationOptions {
  /** The CCN to attach both VPCs to (else one is chosen or created). */
  readonly ccnId?: string;
}

/** The CCN that replaces a cross-region peering and the steps to get there. */
export function proposeCcnMigration(
  plan: Plan,
  peeringId: string,
  options: MigrationOptions = {},
): MigrationResult {
  const peering = plan.peerings.find((p) => p.id === peeringId);
  if (!peering) return fail('unknown-peering', `no peering "${peeringId}" in the plan`);
  const requester = plan.vpcs.find((vpc) => vpc.id === peering.requester);
  const accepter = plan.vpcs.find((vpc) => vpc.id === peering.accepter);
  if (!requester || !accepter) {
    const missing = requester ? peering.accepter : peering.requester;
    return fail('unknown-vpc', `peering ${peeringId}: its VPC "${missing}" is not in the plan`);
  }
  if (requester.region === accepter.region)
    return fail(
      'not-cross-region',
      `peering ${peeringId} is not cross-region (both VPCs in ${requester.region}): a CCN is proposed only to replace a cross-region peering`,
    );

  const chosen = chooseCcn(plan, peering, requester, accepter, options.ccnId);
  if (!chosen.ok) return chosen;
  const month = costMonth(plan);
  const ccn = ccnWithBothVpcs(plan, chosen.ccn, peering, requester, accepter, month);
  const proposal: Plan = chosen.isNew
    ? { ...plan, ccns: [...plan.ccns, ccn] }
    : { ...plan, ccns: plan.ccns.map((c) => (c.id === ccn.id ? ccn : c)) };

  const firstSwitched = withPeeringRoutesDisabled(proposal, peeringId, [requester.id]);
  const bothSwitched = withPeeringRoutesDisabled(firstSwitched, peeringId, [requester.id, accepter.id]);
  const deleted = withoutPeering(bothSwitched, peeringId);
  const names = { first: vpcLabel(requester), second: vpcLabel(accepter), ccn: ccn.id, peering: peeringId };
  const step = (
    number: number,
    title: string,
    detail: string,
    stepPlan: Plan,
    note?: string,
  ): MigrationStep => ({
    number,
    title,
    detail,
    ...(note === undefined ? {} : { note }),
    plan: stepPlan,
    findings: validatePlan(stepPlan),
    monthlyCost: monthlyCost(stepPlan, month),
  });
  const attachDetail = chosen.isNew
    ? `Create CCN ${names.ccn} in account ${ccn.account}, then attach ${names.first} and ${names.second}.`
    : `Attach ${names.first} and ${names.second} to CCN ${names.ccn}.`;
  const steps: MigrationStep[] = [
    step(1, 'Attach both VPCs to the CCN', attachDetail, proposal),
    step(
      2,
      'Check the CCN routes',
      `In each VPC's route table the CCN routes to the other VPC are not effective while the peering routes to the same destinations exist (CCN_ROUTE_SHADOWED): check that they are there and that nothing else conflicts.`,
      proposal,
    ),
    step(
      3,
      `Switch ${names.first} to the CCN`,
      `In ${names.first}, enable the CCN route and disable the peering route to ${names.second}.`,
      firstSwitched,
      `Traffic is asymmetric until ${names.second} is switched: ${names.first} sends over the CCN while ${names.second} still answers over the peering (one or two packets may be lost at the switch).`,
    ),
    step(
      4,
      `Switch ${names.second} to the CCN`,
      `Once traffic from ${names.first} flows over the CCN, do the same in ${names.second}: enable the CCN route, disable the peering route.`,
      bothSwitched,
    ),
    step(
      5,
      'Delete the peering',
      `After a week without traffic on peering ${names.peering}, delete its routes and then the peering.`,
      deleted,
    ),
  ];
  return {
    ok: true,
    migration: {
      peeringId,
      ccnId: ccn.id,
      newCcn: chosen.isNew,
      plan: proposal,
      steps,
      month,
      before: monthlyCost(plan, month),
      after: steps[steps.length - 1]!.monthlyCost,
    },
  };
}

/** The proposal as one undoable edit (the whole plan replaced: its inverse puts it back). */
export function migrationEdit(migration: CcnMigration): LabelledEdit {
  return {
    label: `Propose CCN ${migration.ccnId} for peering ${migration.peeringId}`,
    edit: { kind: 'plan.replace', plan: migration.plan },
  };
}

function fail(problem: MigrationProblem, message: string): MigrationResult {
  return { ok: false, problem, message };
}

function vpcLabel(vpc: Vpc): string {
  return vpc.name && vpc.name !== vpc.id ? `${vpc.name} (${vpc.id})` : vpc.id;
}

/** Pending or active: the attachment holds the VPC (CCN_VPC_MULTIPLE counts both). */
function holds(attachment: CcnAttachment): boolean {
  return attachment.state === 'pending' || attachment.state === 'active';
}

type Chosen =
  | { readonly ok: true; readonly ccn: Ccn; readonly isNew: boolean }
  | { readonly ok: false; readonly problem: MigrationProblem; readonly message: string };

function chooseCcn(
  plan: Plan,
  peering: Peering,
  requester: Vpc,
  accepter: Vpc,
  ccnId: string | undefined,
): Chosen {
  const vpcIds = [requester.id, accepter.id];
  /** CCNs holding either VPC. */
  const holding = plan.ccns.filter((ccn) => ccn.attachments.some((a) => holds(a) && vpcIds.includes(a.vpc)));
  /** Attachments the CCN would have with both VPCs on it. */
  const countWithBoth = (ccn: Ccn): number =>
    ccn.attachments.filter((a) => !vpcIds.includes(a.vpc)).length + vpcIds.length;
  const elsewhere = (ccn: Ccn): Ccn | undefined => holding.find((other) => other.id !== ccn.id);

  if (ccnId !== undefined) {
    const ccn = plan.ccns.find((c) => c.id === ccnId);
    if (!ccn) return { ok: false, problem: 'unknown-ccn', message: `no CCN "${ccnId}" in the plan` };
    if (countWithBoth(ccn) > CCN_MAX_ATTACHMENTS)
      return {
        ok: false,
        problem: 'ccn-full',
        message: `CCN ${ccnId} is full: ${ccn.attachments.length} attachments, at most ${CCN_MAX_ATTACHMENTS} per CCN`,
      };
    const other = elsewhere(ccn);
    if (other)
      return {
        ok: false,
        problem: 'vpc-on-other-ccn',
        message: `a VPC of peering ${peering.id} is already attached to CCN ${other.id}: a VPC joins one CCN`,
      };
    return { ok: true, ccn, isNew: false };
  }

  if (holding.length > 1)
    return {
      ok: false,
      problem: 'vpc-on-other-ccn',
      message: `the VPCs of peering ${peering.id} are attached to different CCNs (${holding.map((c) => c.id).join(', ')}): a VPC joins one CCN`,
    };
  const candidates =
    holding.length === 1 ? holding : plan.ccns.filter((c) => c.account === requester.account);
  const existing = candidates.find((ccn) => countWithBoth(ccn) <= CCN_MAX_ATTACHMENTS);
  if (existing) return { ok: true, ccn: existing, isNew: false };
  if (holding.length === 1)
    return {
      ok: false,
      problem: 'ccn-full',
      message: `a VPC of peering ${peering.id} is attached to CCN ${holding[0]!.id}, which has no room for the other (at most ${CCN_MAX_ATTACHMENTS} attachments)`,
    };
  return { ok: true, ccn: newCcn(plan, peering, requester), isNew: true };
}

function newCcn(plan: Plan, peering: Peering, requester: Vpc): Ccn {
  const used = new Set(allIds(plan));
  for (const ccn of plan.ccns) used.add(ccn.id);
  let n = 1;
  while (used.has(`ccn-${n}`)) n++;
  return {
    id: `ccn-${n}`,
    name: peering.name && peering.name !== peering.id ? peering.name : `${peering.id} CCN`,
    account: requester.account,
    qosLevel: 'AU',
    chargeType: 'postpaid',
    bandwidthLimitType: 'outer-region',
    attachments: [],
    bandwidthLimits: [],
    expectedP95: [],
  };
}

function ccnWithBothVpcs(
  plan: Plan,
  ccn: Ccn,
  peering: Peering,
  requester: Vpc,
  accepter: Vpc,
  month: string,
): Ccn {
  const attachments = [...ccn.attachments];
  for (const vpc of [requester, accepter]) {
    const index = attachments.findIndex((a) => a.vpc === vpc.id);
    if (index >= 0 && holds(attachments[index]!)) continue;
    const attachment: CcnAttachment = {
      vpc: vpc.id,
      state: vpc.account === ccn.account ? 'active' : 'pending',
      attachedAt: plan.asOf,
      publish: publishModeFor(plan, vpc, peering.id),
    };
    // A rejected or expired attachment is applied for again.
    if (index >= 0) attachments[index] = attachment;
    else attachments.push(attachment);
  }

  const bandwidthLimits: CcnBandwidthLimit[] = [...ccn.bandwidthLimits];
  const cap = peering.bandwidthMbps;
  if (cap !== undefined) {
    if (ccn.bandwidthLimitType === 'inter-region') {
      const [a, b] = [requester.region, accepter.region];
      const known = bandwidthLimits.some(
        (l) => (l.region === a && l.dstRegion === b) || (l.region === b && l.dstRegion === a),
      );
      if (!known) bandwidthLimits.push({ region: a, dstRegion: b, mbps: cap });
    } else {
      for (const region of [requester.region, accepter.region])
        if (!bandwidthLimits.some((l) => l.region === region && l.dstRegion === undefined))
          bandwidthLimits.push({ region, mbps: cap });
    }
  }

  const expectedP95: CcnExpectedP95[] = [...ccn.expectedP95];
  const peak = expectedPeak(plan, peering, month);
  if (peak !== null && peak > 0) {
    const [a, b] = [requester.region, accepter.region];
    const index = expectedP95.findIndex(
      (e) => (e.regions[0] === a && e.regions[1] === b) || (e.regions[0] === b && e.regions[1] === a),
    );
    if (index >= 0) expectedP95[index] = { ...expectedP95[index]!, mbps: expectedP95[index]!.mbps + peak };
    else expectedP95.push({ regions: [a, b], mbps: peak });
  }
  return { ...ccn, attachments, bandwidthLimits, expectedP95 };
}

/**
 * What the VPC publishes to the CCN: `subnets` when the peering routes toward it name its subnet
 * CIDRs rather than its VPC CIDRs (as in the cloud's guide), so that each CCN route has the
 * destination of the peering route it replaces (shadowed until that route is disabled); else `vpc`.
 */
function publishModeFor(plan: Plan, vpc: Vpc, peeringId: string): CcnPublish {
  const vpcCidrs = new Set([vpc.cidr, ...vpc.secondaryCidrs]);
  const subnetCidrs = new Set(vpc.subnets.map((subnet) => subnet.cidr));
  let subnets = false;
  for (const { vpc: owner, route } of routesThroughPeering(plan, peeringId)) {
    if (owner.id === vpc.id) continue;
    if (vpcCidrs.has(route.destination)) return 'vpc';
    if (subnetCidrs.has(route.destination)) subnets = true;
  }
  return subnets ? 'subnets' : 'vpc';
}

/** The peering's expected peak, else the P95 of its samples in `month` (capped); null: neither. */
function expectedPeak(plan: Plan, peering: Peering, month: string): number | null {
  const cap = peering.bandwidthMbps;
  const capped = (mbps: number) => (cap !== undefined && mbps > cap ? cap : mbps);
  if (peering.expectedPeakMbps !== undefined) return capped(peering.expectedPeakMbps);
  const offsetMs = billingOffset(plan);
  const values: number[] = [];
  for (const sample of plan.traffic) {
    if (sample.peering !== peering.id) continue;
    const time = parseInstant(sample.at);
    if (Number.isNaN(time) || monthOfDay(billingDayOf(time, offsetMs)) !== month) continue;
    values.push(capped(Math.max(sample.inMbps, sample.outMbps)));
  }
  return values.length === 0 ? null : percentile95(Float64Array.from(values));
}

/** The plan with every route of these VPCs through the peering disabled. */
function withPeeringRoutesDisabled(plan: Plan, peeringId: string, vpcIds: readonly string[]): Plan {
  const edits: Edit[] = routesThroughPeering(plan, peeringId)
    .filter(({ vpc, route }) => vpcIds.includes(vpc.id) && route.enabled)
    .map(({ table, index }) => ({
      kind: 'route.update',
      routeTable: table.id,
      index,
      patch: { enabled: false },
    }));
  return edits.length === 0 ? plan : applyEdit(plan, { kind: 'batch', edits }).plan;
}

/** The plan without the peering, its routes and its samples. */
function withoutPeering(plan: Plan, peeringId: string): Plan {
  const deleted = applyEdit(plan, deletePeering(plan, peeringId).edit).plan;
  const traffic = deleted.traffic.filter((sample) => sample.peering !== peeringId);
  return traffic.length === deleted.traffic.length ? deleted : { ...deleted, traffic };
}

/** The month a migration is costed for: the plan's report month (its latest sample, else asOf). */
function costMonth(plan: Plan): string {
  return reportMonth(plan, laterOf(trafficColumns(plan).latestMs, ccnTrafficLatestMs(plan)));
}

function laterOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

/** Monthly cost per currency: CNY of the peerings, USD of the CCNs, each summed over payers. */
export function monthlyCost(plan: Plan, month: string): MonthlyCostByCurrency {
  const totals = monthlyTotalsByCurrency(computeCosts(plan, { month }));
  const total = (currency: 'CNY' | 'USD') => {
    const found = totals.find((t) => t.currency === currency);
    return found ? found.monthly : 0;
  };
  return { CNY: total('CNY'), USD: total('USD') };
}
