/**
 * Incremental validation for the editor: after an edit, only the neighbourhood of what changed
 * is validated again; the findings of the rest of the plan are kept.
 *
 * Plans are immutable and edits share every untouched object, so what changed is found by object
 * identity: the two arrays of VPCs (and of peerings) differ only between a common head and a
 * common tail. The validator keeps, between edits, an index of the last plan (objects by ID,
 * order keys, peerings by VPC, VPC blocks and peering-route destinations by address, route next
 * hops by peering, subnets and tables by ID, account-region groups) and of its findings (by subject);
 * an edit updates both in time proportional to what it touched, never to the plan.
 *
 * The rules run in three groups, each on the smallest sub-plan that gives it every input it
 * reads about the objects whose findings it recomputes:
 *
 * - The static rules (STATIC_RULES) look at most two peering hops away from an object
 *   (PEERS_OVERLAP: a VPC, its peer, and the peer's other peers), plus a few global lookups that
 *   are added explicitly (the VPCs a peering route's destination falls in, the VPCs of one account in one
 *   region, the VPC of a table a subnet names). So:
 *     seed    = the changed VPCs, both ends of every changed peering, and the VPCs whose routes
 *               name a changed peering;
 *     owned   = the seed, its peers (when addresses or peerings changed), the VPCs whose peering
 *               routes point into a changed address block, and the members of a group a VPC joined or
 *               left: their findings are recomputed;
 *     context = owned, plus two hops of peers, the ends of the peerings their routes use, the
 *               VPCs their peering routes' destinations fall in (only a peering route is checked
 *               against other VPCs: a NAT default route does not pull in the plan), their
 *               account-region groups, and the VPCs of foreign tables their subnets name.
 *   They run on a sub-plan of the context (far VPCs without their subnets and tables, which no
 *   rule about an owned object reads; no traffic, which only names unknown peerings).
 * - Reachability (ROUTE_RETURN_MISSING) of a subnet pair depends only on the two VPCs, the
 *   peerings between them, and which peering IDs their routes name exist. It runs on the seed
 *   and its direct peers, whole, and replaces the findings that name a subnet of the seed.
 * - Costs (TRAFFIC_OVER_BANDWIDTH, PRICE_ON_REQUEST) of a peering depend on the peering, the
 *   regions of its ends, its traffic and the month of the report (that of the plan's latest
 *   sample). They run on the changed peerings and those of changed VPCs, with their ends, their
 *   samples and the plan's latest sample, and replace the findings that name those peerings.
 *   Both analysis rules run on one sub-plan (the cost peerings' ends are among the seed's peers).
 *
 * - The CCN rules (CCN_RULES, spec/ccn.md) run apart, at every validation of a plan with CCNs or
 *   CCN samples, on the CCNs' own sub-plan: every CCN and CCN sample, the VPCs an attachment
 *   names (whole: what they publish and their tables) and the peerings between two of them. Its
 *   size is the CCNs', not the plan's, and it replaces every CCN finding, so any change of
 *   `plan.ccns` (compared by identity: a new array or a new CCN object) and any edit of what a
 *   member publishes or shadows is covered without tracking which CCN changed. Reachability
 *   follows CCN routes, so the members of a CCN that changed (or has a changed member) join the
 *   seed, and a CCN with a member in the reachability sub-plan comes with all its members (a
 *   route's validity depends on every publication). A change of the CCN samples (the report
 *   month) validates in full.
 *
 * Findings are told apart by code (the three analysis codes; a `CCN_*` code, or a message that
 * starts with "CCN " and one of its subjects, for the CCN rules: `isCcnFinding` in
 * rules/ccns.ts; every other code is static), and
 * each group's output is checked against it: a rule set that breaks that falls back to full
 * validations. Anything global (planning date, settings, accounts, prices, traffic, duplicate
 * IDs, a change of the report month, a removed peering that traffic still names) falls back to a
 * full validation too.
 */
import { sampleInstants } from '../cost/instants';
import { checkCosts } from '../cost/cost-rules';
import { tryParseCidr } from '../net/cidr';
import type { Cidr } from '../net/cidr';
import type { Peering, Plan, TrafficSample, Vpc } from '../plan/model';
import { routeId } from '../plan/model';
import { checkReturnRoutes } from '../reach/return-routes';
import { CCN_RULES, isCcnFinding } from '../rules/ccns';
import type { Rule } from '../rules/context';
import type { Finding } from '../rules/finding';
import { RULES, STATIC_RULES, validatePlan } from '../rules/validate';

export interface ValidationStats {
  /** 'full' or 'incremental'. */
  readonly mode: 'full' | 'incremental';
  /** VPCs in the sub-plan of the static rules (the whole plan for a full validation). */
  readonly vpcs: number;
  /** VPCs in the sub-plan of reachability (incremental only). */
  readonly reachVpcs?: number;
  readonly milliseconds: number;
}

/** Above this share of the plan in the context, a full validation is as cheap. */
const FULL_FRACTION = 0.5;

type RuleGroup = 'static' | 'reach' | 'cost' | 'ccn';

/** The codes of the analysis rules; every other code comes from a static rule. */
const ANALYSIS_CODES: ReadonlyMap<string, RuleGroup> = new Map<string, RuleGroup>([
  ['ROUTE_RETURN_MISSING', 'reach'],
  ['TRAFFIC_OVER_BANDWIDTH', 'cost'],
  ['PRICE_ON_REQUEST', 'cost'],
]);

function groupOf(finding: Finding): RuleGroup {
  // A CCN's PRICE_ON_REQUEST is a CCN rule's (its message starts with "CCN "): test that first.
  return isCcnFinding(finding) ? 'ccn' : (ANALYSIS_CODES.get(finding.code) ?? 'static');
}

/** The static rules other than the CCN rules: they run on the static sub-plan. */
const PLAIN_STATIC_RULES = STATIC_RULES.filter((rule) => !CCN_RULES.includes(rule));

/** The analysis rules of RULES are exactly reachability and costs: each runs on its own sub-plan. */
const ANALYSIS_RULES = RULES.filter((rule) => !STATIC_RULES.includes(rule));
const SPLIT_RULES =
  ANALYSIS_RULES.length === 2 &&
  ANALYSIS_RULES.includes(checkReturnRoutes) &&
  ANALYSIS_RULES.includes(checkCosts);

export class IncrementalValidator {
  private lastPlan: Plan | null = null;
  private store: FindingStore | null = null;
  private index: PlanIndex | null = null;
  /** Cleared when a rule group reports a code of another group: then every validation is full. */
  private split = SPLIT_RULES;
  lastStats: ValidationStats | null = null;

  /**
   * @param validate the rules (validatePlan), with an optional subset of RULES
   * @param fullFraction above this share of the plan's VPCs in the context, validate in full
   */
  constructor(
    private readonly validate: (plan: Plan, rules?: readonly Rule[]) => Finding[] = validatePlan,
    private readonly fullFraction = FULL_FRACTION,
  ) {}

  /** The findings of `plan`: incremental from the previous call's plan when possible. */
  findings(plan: Plan): Finding[] {
    if (plan === this.lastPlan && this.store) return this.store.list;
    const started = now();
    const previous = this.lastPlan;
    let result: Incremental | null = null;
    if (previous && this.store && this.index) {
      const change = this.index.advance(plan);
      if (change) result = this.incremental(previous, plan, change, this.index, this.store);
      else this.index = null; // it could not follow (duplicate IDs): rebuilt below
    }
    this.lastPlan = plan;
    if (result) {
      this.lastStats = {
        mode: 'incremental',
        vpcs: result.vpcs,
        reachVpcs: result.reachVpcs,
        milliseconds: now() - started,
      };
      return this.store!.list;
    }
    this.store = new FindingStore(this.validate(plan));
    if (!this.index || this.index.vpcs !== plan.vpcs || this.index.peerings !== plan.peerings)
      this.index = PlanIndex.build(plan);
    this.lastStats = { mode: 'full', vpcs: plan.vpcs.length, milliseconds: now() - started };
    return this.store.list;
  }

  /** Starts from findings already known for `plan` (a plan validated elsewhere). */
  prime(plan: Plan, findings: Finding[]): void {
    this.lastPlan = plan;
    this.store = new FindingStore(findings);
    this.index = PlanIndex.build(plan);
  }

  private incremental(
    before: Plan,
    after: Plan,
    change: Change,
    index: PlanIndex,
    store: FindingStore,
  ): Incremental | null {
    if (
      !this.split ||
      before.asOf !== after.asOf ||
      before.settings !== after.settings ||
      before.accounts !== after.accounts ||
      before.prices !== after.prices ||
      before.traffic !== after.traffic ||
      before.ccnTraffic !== after.ccnTraffic || // CCN samples: the report month may move
      before.format !== after.format
    ) {
      return null;
    }
    if (store.duplicates > 0) return null;
    const { changedVpcs, changedPeerings } = change;
    // The CCN rules run apart, on the CCNs' VPCs (see `ccnSubPlan`), whenever there are CCNs.
    let ccnFresh: Finding[] | null = null;
    if (
      before.ccns.length > 0 ||
      after.ccns.length > 0 ||
      before.ccnTraffic.length > 0 ||
      after.ccnTraffic.length > 0
    ) {
      ccnFresh = this.validate(ccnSubPlan(after, index), CCN_RULES);
      for (const f of ccnFresh) {
        if (f.code === 'ID_DUPLICATE') return null; // a duplicate CCN or attachment: validate in full
        if (groupOf(f) !== 'ccn') {
          this.split = false;
          return null;
        }
      }
    }
    // A CCN carries traffic between its members (and back: ROUTE_RETURN_MISSING of a peered pair
    // of members may be answered over the CCN), so a change of the CCNs, or of a member, re-runs
    // the analysis of every member of the CCNs concerned.
    const ccnMembersTouched = touchedCcnMembers(before, after, changedVpcs);
    if (changedVpcs.size === 0 && changedPeerings.size === 0 && ccnMembersTouched.size === 0) {
      store.replace(ccnFresh ? store.ofGroupCcn() : new Set(), ccnFresh ?? []);
      return { vpcs: 0, reachVpcs: 0 };
    }
    const traffic = after.traffic.length === 0 ? null : trafficIndexOf(after.traffic);
    if (traffic) {
      // A removed peering that samples still name (REF_UNKNOWN with the sample's position), or a
      // new latest sample (another month for every peering's cost): everything changes.
      for (const id of changedPeerings)
        if (!index.peeringById.has(id) && traffic.byPeering.has(id)) return null;
      if (
        traffic.latestKnown(change.previousPeeringIds)?.time !== traffic.latestKnown(index.peeringById)?.time
      )
        return null;
    }

    // 1. Seed: changed VPCs, ends of changed peerings, VPCs whose routes name a changed peering,
    //    the members of the CCNs a change touches.
    const seed = new Set(changedVpcs);
    for (const id of ccnMembersTouched) if (index.vpcById.has(id) || change.oldVpcs.has(id)) seed.add(id);
    for (const id of changedPeerings) for (const vpcId of index.routesNaming(id)) seed.add(vpcId);
    for (const id of changedVpcs) {
      for (const vpc of [change.oldVpcs.get(id), index.vpcById.get(id)]) {
        if (!vpc) continue;
        for (const table of vpc.routeTables)
          for (const vpcId of index.subnetsNaming(table.id)) seed.add(vpcId);
      }
    }
    const adjacency = index.adjacency;

    // 2. Owned (static rules).
    const owned = new Set(seed);
    if (change.addressesChanged || change.structureChanged) {
      for (const id of seed) for (const p of adjacency.get(id) ?? []) owned.add(otherEnd(p, id));
    }
    if (change.addressesChanged) {
      for (const block of change.changedBlocks)
        index.routeBlocks.forEachOverlapping(block, (id) => owned.add(id));
    }
    for (const key of change.regrouped) for (const id of index.groups.get(key) ?? []) owned.add(id);

    // 3. Context: two hops of peers, route next hops and destinations, groups, foreign tables.
    const full = new Set<string>(owned);
    for (const id of owned) for (const p of adjacency.get(id) ?? []) full.add(otherEnd(p, id));
    const context = new Set<string>(full);
    for (const id of full) for (const p of adjacency.get(id) ?? []) context.add(otherEnd(p, id));
    for (const id of owned) {
      const vpc = index.vpcById.get(id) ?? change.oldVpcs.get(id);
      if (vpc) for (const member of index.groups.get(groupKey(vpc)) ?? []) context.add(member);
    }
    const whole = new Set<string>(); // outside `full`, but their tables are named by a subnet of it
    const extraPeerings = new Set<Peering>();
    const destinations = new Set<string>();
    for (const id of full) {
      const vpc = index.vpcById.get(id);
      if (!vpc) continue;
      for (const subnet of vpc.subnets) {
        if (subnet.routeTable === undefined || vpc.routeTables.some((t) => t.id === subnet.routeTable))
          continue;
        const holder = index.tableOwner.get(subnet.routeTable);
        if (holder !== undefined && !full.has(holder)) {
          whole.add(holder);
          context.add(holder);
        }
      }
      for (const table of vpc.routeTables) {
        for (const route of table.routes) {
          if (route.nextHop.type === 'peering') {
            const peering = index.peeringById.get(route.nextHop.id);
            if (peering) {
              extraPeerings.add(peering);
              context.add(peering.requester);
              context.add(peering.accepter);
            }
            // Only a peering route is checked against other VPCs' blocks (ROUTE_TRANSITIVE,
            // ROUTE_DEST_NOT_IN_PEER); any route against its own VPC's.
            destinations.add(route.destination);
          }
        }
      }
    }
    // A subnet elsewhere that names a table of an owned VPC (REF_UNKNOWN, naming that table).
    for (const id of owned) {
      for (const vpc of [change.oldVpcs.get(id), index.vpcById.get(id)]) {
        if (!vpc) continue;
        for (const table of vpc.routeTables) {
          for (const holder of index.subnetsNaming(table.id)) {
            if (full.has(holder)) continue;
            whole.add(holder);
            context.add(holder);
          }
        }
      }
    }
    for (const destination of destinations)
      for (const hit of index.vpcsOverlapping(destination)) context.add(hit);
    if (context.size > after.vpcs.length * this.fullFraction) return null;

    // 4. The static sub-plan, in plan order (rules that report in order say the same as a full
    //    validation): full VPCs keep their subnets and tables, the far ones only their addresses.
    const subVpcs: Vpc[] = [];
    for (const id of index.inVpcOrder(context)) {
      const vpc = index.vpcById.get(id)!;
      subVpcs.push(full.has(id) || whole.has(id) ? vpc : stripped(vpc));
    }
    const candidates = new Set<Peering>(extraPeerings);
    for (const id of full) for (const p of adjacency.get(id) ?? []) candidates.add(p);
    const subPeerings: Peering[] = [];
    for (const peering of index.inPeeringOrder(candidates)) {
      const inside = context.has(peering.requester) && context.has(peering.accepter);
      const touchesFull = full.has(peering.requester) || full.has(peering.accepter);
      if (
        (inside && touchesFull) ||
        extraPeerings.has(peering) ||
        (touchesFull &&
          !inside &&
          !(index.vpcById.has(peering.requester) && index.vpcById.has(peering.accepter)))
      ) {
        subPeerings.push(peering);
      }
    }
    const staticPlan: Plan = {
      ...after,
      vpcs: subVpcs,
      peerings: subPeerings,
      traffic: [],
      ccns: [], // the CCN rules run apart
      ccnTraffic: [],
    };

    // 5. The reachability sub-plan: the seed and its peers, whole; the peerings of the seed and
    //    the peerings their routes name (whose existence decides NO_ROUTE against TRANSITIVE).
    const reachIds = new Set<string>(seed);
    const reachCandidates = new Set<Peering>();
    for (const id of seed) {
      for (const p of adjacency.get(id) ?? []) {
        reachCandidates.add(p);
        reachIds.add(otherEnd(p, id));
      }
    }
    // Reachability over a CCN depends on every member's publication (the earlier publisher wins a
    // conflict): a CCN with a member in the sub-plan comes with all its members.
    for (const ccn of after.ccns)
      if (ccn.attachments.some((a) => reachIds.has(a.vpc)))
        for (const a of ccn.attachments) reachIds.add(a.vpc);
    const reachVpcs: Vpc[] = [];
    for (const id of index.inVpcOrder(reachIds)) {
      const vpc = index.vpcById.get(id);
      if (!vpc) continue;
      reachVpcs.push(vpc);
      for (const table of vpc.routeTables) {
        for (const route of table.routes) {
          if (route.nextHop.type !== 'peering') continue;
          const peering = index.peeringById.get(route.nextHop.id);
          if (peering) reachCandidates.add(peering);
        }
      }
    }
    const seedSubnets = new Set<string>();
    for (const id of seed) {
      for (const vpc of [change.oldVpcs.get(id), index.vpcById.get(id)])
        if (vpc) for (const subnet of vpc.subnets) seedSubnets.add(subnet.id);
    }

    // 6. Costs on the same sub-plan: the changed peerings and those of changed VPCs (whose ends
    //    are in it already), their samples, and the plan's latest sample (which sets the month of
    //    the report).
    const costIds = new Set<string>(changedPeerings);
    for (const id of changedVpcs) for (const p of adjacency.get(id) ?? []) costIds.add(p.id);
    let analysisTraffic: TrafficSample[] = [];
    if (traffic) {
      for (const id of costIds) {
        const samples = index.peeringById.has(id) ? traffic.byPeering.get(id) : undefined;
        if (samples) analysisTraffic = analysisTraffic.concat(samples);
      }
      const latest = traffic.latestKnown(index.peeringById);
      if (latest && !costIds.has(latest.peering)) {
        reachCandidates.add(index.peeringById.get(latest.peering)!);
        analysisTraffic.push(latest.sample);
      }
    }
    const analysisPlan: Plan = {
      ...after,
      vpcs: reachVpcs,
      peerings: index.inPeeringOrder(reachCandidates),
      traffic: analysisTraffic,
    };

    // 7. Run the rules, then merge: the owned findings of each group are replaced.
    const ownedIds = new Set<string>();
    for (const id of owned) {
      ownedIds.add(id);
      for (const vpc of [change.oldVpcs.get(id), index.vpcById.get(id)]) if (vpc) addChildIds(vpc, ownedIds);
      for (const p of adjacency.get(id) ?? []) ownedIds.add(p.id);
    }
    for (const id of changedPeerings) ownedIds.add(id);
    const ownedBy: Record<Exclude<RuleGroup, 'ccn'>, ReadonlySet<string>> = {
      static: ownedIds,
      reach: seedSubnets,
      cost: costIds,
    };

    const fresh: Finding[] = [];
    const runs: [Plan, readonly Rule[], readonly Exclude<RuleGroup, 'ccn'>[]][] = [
      [staticPlan, PLAIN_STATIC_RULES, ['static']],
      [analysisPlan, ANALYSIS_RULES, ['reach', 'cost']],
    ];
    for (const [plan, rules, groups] of runs) {
      for (const f of this.validate(plan, rules)) {
        const group = groupOf(f);
        if (group === 'ccn' || !groups.includes(group)) {
          this.split = false; // a rule reports outside its group: validate in full from now on
          return null;
        }
        if (names(f, ownedBy[group])) fresh.push(f);
      }
    }
    const stale = new Set<Finding>();
    for (const group of ['static', 'reach', 'cost'] as const) store.collect(ownedBy[group], group, stale);
    if (ccnFresh) {
      for (const f of store.ofGroupCcn()) stale.add(f);
      for (const f of ccnFresh) fresh.push(f);
    }
    store.replace(stale, fresh);
    return { vpcs: subVpcs.length, reachVpcs: reachVpcs.length };
  }
}

interface Incremental {
  readonly vpcs: number;
  readonly reachVpcs: number;
}

/**
 * What the CCN rules read: every CCN and CCN sample, the accounts, the VPCs an attachment names
 * (whole: what they publish, their tables for shadowing, their region and account) and the
 * peerings between two of them (CCN_PEERING_MIGRATION). An attachment naming a VPC the plan
 * lacks stays unknown. Its size is that of the CCNs, not the plan's.
 */
function ccnSubPlan(after: Plan, index: PlanIndex): Plan {
  const named = new Set<string>();
  for (const ccn of after.ccns)
    for (const attachment of ccn.attachments)
      if (index.vpcById.has(attachment.vpc)) named.add(attachment.vpc);
  const vpcs: Vpc[] = [];
  for (const id of index.inVpcOrder(named)) vpcs.push(index.vpcById.get(id)!);
  const peerings = new Set<Peering>();
  for (const id of named)
    for (const p of index.adjacency.get(id) ?? []) if (named.has(otherEnd(p, id))) peerings.add(p);
  return { ...after, vpcs, peerings: index.inPeeringOrder(peerings), traffic: [] };
}

/**
 * The members (before and after) of every CCN when the CCNs changed, else of the CCNs that have a
 * changed VPC as a member; empty in a plan without CCNs.
 */
function touchedCcnMembers(before: Plan, after: Plan, changedVpcs: ReadonlySet<string>): Set<string> {
  const members = new Set<string>();
  if (before.ccns.length === 0 && after.ccns.length === 0) return members;
  const all = before.ccns !== after.ccns;
  for (const ccns of [before.ccns, after.ccns])
    for (const ccn of ccns)
      if (all || ccn.attachments.some((a) => changedVpcs.has(a.vpc)))
        for (const a of ccn.attachments) members.add(a.vpc);
  return members;
}

function names(finding: Finding, ids: ReadonlySet<string>): boolean {
  for (const subject of finding.subjects) if (ids.has(subject)) return true;
  return false;
}

/** shared/ has no DOM or Node types; both runtimes have a global `performance`. */
const clock = (globalThis as { performance?: { now(): number } }).performance;
function now(): number {
  return clock ? clock.now() : Date.now();
}

/** The findings of the last plan, indexed by subject, with the count of ID_DUPLICATE findings. */
class FindingStore {
  list: Finding[];
  duplicates = 0;
  private readonly bySubject = new Map<string, Set<Finding>>();

  constructor(findings: Finding[]) {
    this.list = findings;
    for (const f of findings) this.add(f);
  }

  /** The CCN rules' findings: the CCN group is replaced whole at each validation. */
  private readonly ccn = new Set<Finding>();

  ofGroupCcn(): Set<Finding> {
    return new Set(this.ccn);
  }

  private add(f: Finding): void {
    if (f.code === 'ID_DUPLICATE') this.duplicates++;
    if (groupOf(f) === 'ccn') this.ccn.add(f);
    for (const subject of f.subjects) {
      const set = this.bySubject.get(subject);
      if (set) set.add(f);
      else this.bySubject.set(subject, new Set([f]));
    }
  }

  private remove(f: Finding): void {
    if (f.code === 'ID_DUPLICATE') this.duplicates--;
    this.ccn.delete(f);
    for (const subject of f.subjects) {
      const set = this.bySubject.get(subject);
      if (!set) continue;
      set.delete(f);
      if (set.size === 0) this.bySubject.delete(subject);
    }
  }

  /** Adds to `out` the findings of `group` that name one of `ids`. */
  collect(ids: ReadonlySet<string>, group: RuleGroup, out: Set<Finding>): void {
    for (const id of ids) {
      const set = this.bySubject.get(id);
      if (set) for (const f of set) if (groupOf(f) === group) out.add(f);
    }
  }

  /** A new list: the old one without `stale`, then `fresh`. */
  replace(stale: ReadonlySet<Finding>, fresh: readonly Finding[]): void {
    for (const f of stale) this.remove(f);
    const list = stale.size === 0 ? this.list.slice() : this.list.filter((f) => !stale.has(f));
    for (const f of fresh) {
      list.push(f);
      this.add(f);
    }
    this.list = list;
  }
}

/** What an edit changed, as the index saw it. */
interface Change {
  /** VPCs replaced, added or removed, and both ends (before and after) of changed peerings. */
  readonly changedVpcs: Set<string>;
  /** The previous version of each replaced or removed VPC. */
  readonly oldVpcs: Map<string, Vpc>;
  readonly addressesChanged: boolean;
  /** The old and new CIDRs of the VPCs whose addresses changed. */
  readonly changedBlocks: Cidr[];
  /** A peering's ends or state changed, or a VPC or a peering came or went. */
  readonly structureChanged: boolean;
  /** Account-region groups a VPC joined or left. */
  readonly regrouped: Set<string>;
  /** Peerings replaced, added or removed. */
  readonly changedPeerings: Set<string>;
  /** Membership test of the previous plan's peering IDs. */
  readonly previousPeeringIds: { has(id: string): boolean };
}

/**
 * The index of the last plan, kept up to date edit by edit. Every map is by ID; a plan with a
 * duplicate VPC, peering, subnet or table ID has no index (its validations are full).
 */
class PlanIndex {
  vpcs: readonly Vpc[] = [];
  peerings: readonly Peering[] = [];
  readonly vpcById = new Map<string, Vpc>();
  readonly peeringById = new Map<string, Peering>();
  /** Increasing along the plan's arrays: sorting by them gives plan order. */
  private readonly vpcKey = new Map<string, number>();
  private readonly peeringKey = new Map<string, number>();
  /** Peerings by end VPC (a self-peering once). */
  readonly adjacency = new Map<string, Peering[]>();
  readonly vpcBlocks = new BlockIndex();
  readonly routeBlocks = new BlockIndex();
  /** Peering ID → the VPCs whose routes name it, with the number of such routes. */
  private readonly hops = new Map<string, Map<string, number>>();
  readonly groups = new Map<string, Set<string>>();
  readonly tableOwner = new Map<string, string>();
  private readonly subnetOwner = new Map<string, string>();
  /** Destination text → the VPCs it overlaps, valid while `blocksVersion` stays. */
  private readonly overlaps = new Map<string, readonly string[]>();
  private blocksVersion = 0;
  private overlapsVersion = 0;
  /** Table ID → the VPCs with a subnet that names it without having it (REF_UNKNOWN). */
  private readonly foreignTables = new Map<string, Map<string, number>>();

  static build(plan: Plan): PlanIndex | null {
    const index = new PlanIndex();
    index.vpcBlocks.startLoading();
    index.routeBlocks.startLoading();
    for (const vpc of plan.vpcs) if (!index.addVpc(vpc)) return null;
    index.vpcBlocks.endLoading();
    index.routeBlocks.endLoading();
    for (const peering of plan.peerings) if (!index.addPeering(peering)) return null;
    index.vpcs = plan.vpcs;
    index.peerings = plan.peerings;
    renumber(index.vpcKey, plan.vpcs);
    renumber(index.peeringKey, plan.peerings);
    return index;
  }

  /** Moves the index to `after`; null when it cannot follow (the index is then unusable). */
  advance(after: Plan): Change | null {
    const changedVpcs = new Set<string>();
    const oldVpcs = new Map<string, Vpc>();
    const changedBlocks: Cidr[] = [];
    const regrouped = new Set<string>();
    let addressesChanged = false;
    let structureChanged = false;

    const vpcDiff = diff(this.vpcs, after.vpcs);
    const replacements = new Map<string, Vpc>();
    for (const vpc of vpcDiff.added) replacements.set(vpc.id, vpc);
    for (const old of vpcDiff.removed) {
      const next = replacements.get(old.id);
      this.removeVpc(old, next ? changedParts(old, next) : ALL_PARTS);
      oldVpcs.set(old.id, old);
      changedVpcs.add(old.id);
    }
    for (const vpc of vpcDiff.added) {
      const old = oldVpcs.get(vpc.id);
      if (!this.addVpc(vpc, old ? changedParts(old, vpc) : ALL_PARTS)) return null;
      changedVpcs.add(vpc.id);
    }
    for (const id of changedVpcs) {
      const old = oldVpcs.get(id);
      const vpc = this.vpcById.get(id);
      if (!old || !vpc || old.cidr !== vpc.cidr || !sameList(old.secondaryCidrs, vpc.secondaryCidrs)) {
        addressesChanged = true;
        collectBlocks(old, changedBlocks);
        collectBlocks(vpc, changedBlocks);
      }
      if (!old || !vpc || old.account !== vpc.account || old.region !== vpc.region) {
        structureChanged = true;
        if (old) regrouped.add(groupKey(old));
        if (vpc) regrouped.add(groupKey(vpc));
      }
    }

    const previousPeerings = this.peerings;
    const peeringDiff = diff(this.peerings, after.peerings);
    const changedPeerings = new Set<string>();
    const oldPeerings = new Map<string, Peering>();
    for (const old of peeringDiff.removed) {
      this.removePeering(old);
      oldPeerings.set(old.id, old);
      changedPeerings.add(old.id);
    }
    for (const peering of peeringDiff.added) {
      if (!this.addPeering(peering)) return null;
      changedPeerings.add(peering.id);
    }
    for (const id of changedPeerings) {
      const old = oldPeerings.get(id);
      const peering = this.peeringById.get(id);
      if (
        !old ||
        !peering ||
        old.state !== peering.state ||
        old.requester !== peering.requester ||
        old.accepter !== peering.accepter
      ) {
        structureChanged = true;
      }
      for (const p of [old, peering]) {
        if (!p) continue;
        changedVpcs.add(p.requester);
        changedVpcs.add(p.accepter);
      }
    }

    this.rekey(this.vpcKey, after.vpcs, vpcDiff, (id) => this.vpcById.has(id));
    this.rekey(this.peeringKey, after.peerings, peeringDiff, (id) => this.peeringById.has(id));
    this.vpcs = after.vpcs;
    this.peerings = after.peerings;
    const removedPeerings = new Set([...oldPeerings.keys()].filter((id) => !this.peeringById.has(id)));
    const addedPeerings = new Set(peeringDiff.added.map((p) => p.id).filter((id) => !oldPeerings.has(id)));
    const peeringById = this.peeringById;
    return {
      changedVpcs,
      oldVpcs,
      addressesChanged,
      changedBlocks,
      structureChanged,
      regrouped,
      changedPeerings,
      previousPeeringIds:
        previousPeerings === after.peerings
          ? peeringById
          : { has: (id) => removedPeerings.has(id) || (peeringById.has(id) && !addedPeerings.has(id)) },
    };
  }

  /** The VPCs with a subnet that names table `id` without having it. */
  subnetsNaming(id: string): Iterable<string> {
    return this.foreignTables.get(id)?.keys() ?? [];
  }

  /** The VPCs whose routes name peering `id`. */
  routesNaming(id: string): Iterable<string> {
    return this.hops.get(id)?.keys() ?? [];
  }

  /** The known IDs of `ids`, in plan order. */
  inVpcOrder(ids: Iterable<string>): string[] {
    const known: string[] = [];
    for (const id of ids) if (this.vpcKey.has(id)) known.push(id);
    return known.sort((a, b) => this.vpcKey.get(a)! - this.vpcKey.get(b)!);
  }

  /** The peerings of the plan among `peerings`, in plan order. */
  inPeeringOrder(peerings: Iterable<Peering>): Peering[] {
    const known: Peering[] = [];
    for (const p of peerings) if (this.peeringById.get(p.id) === p) known.push(p);
    return known.sort((a, b) => this.peeringKey.get(a.id)! - this.peeringKey.get(b.id)!);
  }

  /** The VPCs whose blocks overlap the destination `text` (cached until a VPC block changes). */
  vpcsOverlapping(text: string): readonly string[] {
    if (this.overlapsVersion !== this.blocksVersion) {
      this.overlaps.clear();
      this.overlapsVersion = this.blocksVersion;
    }
    let hits = this.overlaps.get(text);
    if (hits === undefined) {
      const cidr = parseCached(text);
      const found = new Set<string>();
      if (cidr) this.vpcBlocks.forEachOverlapping(cidr, (id) => found.add(id));
      hits = [...found];
      if (this.overlaps.size > 100_000) this.overlaps.clear();
      this.overlaps.set(text, hits);
    }
    return hits;
  }

  /** Indexes `parts` of `vpc` (all of a new VPC; what differs from the old version of a replaced one). */
  private addVpc(vpc: Vpc, parts: number = ALL_PARTS): boolean {
    if (this.vpcById.has(vpc.id)) return false;
    this.vpcById.set(vpc.id, vpc);
    if (parts & SUBNETS) {
      for (const subnet of vpc.subnets) {
        if (this.subnetOwner.has(subnet.id)) return false;
        this.subnetOwner.set(subnet.id, vpc.id);
      }
      forForeignTables(vpc, (id) => count(this.foreignTables, id, vpc.id, 1));
    }
    if (parts & TABLES) {
      for (const table of vpc.routeTables) {
        if (this.tableOwner.has(table.id)) return false;
        this.tableOwner.set(table.id, vpc.id);
      }
      this.forRoutes(
        vpc,
        (cidr) => this.routeBlocks.add(cidr, vpc.id),
        (hop) => count(this.hops, hop, vpc.id, 1),
      );
    }
    if (parts & BLOCKS) {
      this.blocksVersion++;
      this.forBlocks(vpc, (cidr) => this.vpcBlocks.add(cidr, vpc.id));
    }
    if (parts & GROUP) addToSet(this.groups, groupKey(vpc), vpc.id);
    return true;
  }

  private removeVpc(vpc: Vpc, parts: number = ALL_PARTS): void {
    this.vpcById.delete(vpc.id);
    if (parts & SUBNETS) {
      for (const subnet of vpc.subnets) this.subnetOwner.delete(subnet.id);
      forForeignTables(vpc, (id) => count(this.foreignTables, id, vpc.id, -1));
    }
    if (parts & TABLES) {
      for (const table of vpc.routeTables) this.tableOwner.delete(table.id);
      this.forRoutes(
        vpc,
        (cidr) => this.routeBlocks.remove(cidr, vpc.id),
        (hop) => count(this.hops, hop, vpc.id, -1),
      );
    }
    if (parts & BLOCKS) {
      this.blocksVersion++;
      this.forBlocks(vpc, (cidr) => this.vpcBlocks.remove(cidr, vpc.id));
    }
    if (parts & GROUP) {
      const group = this.groups.get(groupKey(vpc));
      group?.delete(vpc.id);
      if (group?.size === 0) this.groups.delete(groupKey(vpc));
    }
  }

  private addPeering(peering: Peering): boolean {
    if (this.peeringById.has(peering.id)) return false;
    this.peeringById.set(peering.id, peering);
    addToList(this.adjacency, peering.requester, peering);
    if (peering.accepter !== peering.requester) addToList(this.adjacency, peering.accepter, peering);
    return true;
  }

  private removePeering(peering: Peering): void {
    this.peeringById.delete(peering.id);
    for (const end of new Set([peering.requester, peering.accepter])) {
      const list = this.adjacency.get(end);
      if (!list) continue;
      const at = list.indexOf(peering);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) this.adjacency.delete(end);
    }
  }

  private forBlocks(vpc: Vpc, visit: (cidr: Cidr) => void): void {
    const primary = parseCached(vpc.cidr);
    if (primary) visit(primary);
    for (const text of vpc.secondaryCidrs) {
      const cidr = parseCached(text);
      if (cidr) visit(cidr);
    }
  }

  /** The destinations and next hops of the peering routes of `vpc`. */
  private forRoutes(vpc: Vpc, destination: (cidr: Cidr) => void, hop: (peering: string) => void): void {
    for (const table of vpc.routeTables) {
      for (const route of table.routes) {
        if (route.nextHop.type !== 'peering') continue;
        const cidr = parseCached(route.destination);
        if (cidr) destination(cidr);
        hop(route.nextHop.id);
      }
    }
  }

  /** Gives the middle of `after` (between the common head and tail) new keys between its neighbours'. */
  private rekey(
    keys: Map<string, number>,
    after: readonly { readonly id: string }[],
    { head, afterEnd, removed }: Diff<{ readonly id: string }>,
    present: (id: string) => boolean,
  ): void {
    for (const old of removed) if (!present(old.id)) keys.delete(old.id);
    const count = afterEnd - head;
    if (count === 0) return;
    const low = head > 0 ? keys.get(after[head - 1]!.id) : undefined;
    const high = afterEnd < after.length ? keys.get(after[afterEnd]!.id) : undefined;
    const from = low ?? (high === undefined ? 0 : high - count - 1);
    const to = high ?? from + count + 1;
    const step = (to - from) / (count + 1);
    let previous = from;
    for (let i = 0; i < count; i++) {
      const key = from + step * (i + 1);
      if (!(key > previous && key < to)) {
        renumber(keys, after); // the gap is exhausted: number the whole array again
        return;
      }
      keys.set(after[head + i]!.id, key);
      previous = key;
    }
  }
}

// The parts of a VPC the index holds, each updated only when it changed.
const BLOCKS = 1; // its CIDRs
const SUBNETS = 2; // its subnets (and the foreign tables they name)
const TABLES = 4; // its tables and their peering routes
const GROUP = 8; // its account and region
const ALL_PARTS = BLOCKS | SUBNETS | TABLES | GROUP;

function changedParts(old: Vpc, vpc: Vpc): number {
  let parts = 0;
  if (old.cidr !== vpc.cidr || !sameList(old.secondaryCidrs, vpc.secondaryCidrs)) parts |= BLOCKS;
  if (old.subnets !== vpc.subnets || old.routeTables !== vpc.routeTables) parts |= SUBNETS;
  if (old.routeTables !== vpc.routeTables) parts |= TABLES;
  if (old.account !== vpc.account || old.region !== vpc.region) parts |= GROUP;
  return parts;
}

interface Diff<T> {
  /** Length of the common head. */
  readonly head: number;
  /** End of the middle of `after`. */
  readonly afterEnd: number;
  /** Objects of the middle of `before` that are not in `after`'s. */
  readonly removed: readonly T[];
  /** Objects of the middle of `after` that are not in `before`'s. */
  readonly added: readonly T[];
}

/** The objects that differ between two versions of an array, by identity, past the common head and tail. */
function diff<T>(before: readonly T[], after: readonly T[]): Diff<T> {
  if (before === after) return { head: after.length, afterEnd: after.length, removed: [], added: [] };
  const shorter = Math.min(before.length, after.length);
  let head = 0;
  while (head < shorter && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < shorter - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const beforeMiddle = before.slice(head, before.length - tail);
  const afterMiddle = after.slice(head, after.length - tail);
  if (beforeMiddle.length <= 1 && afterMiddle.length <= 1) {
    const same = beforeMiddle.length === 1 && beforeMiddle[0] === afterMiddle[0];
    return {
      head,
      afterEnd: after.length - tail,
      removed: same ? [] : beforeMiddle,
      added: same ? [] : afterMiddle,
    };
  }
  const inBefore = new Set(beforeMiddle);
  const inAfter = new Set(afterMiddle);
  const kept = beforeMiddle.filter((x) => inAfter.has(x));
  const keptAfter = afterMiddle.filter((x) => inBefore.has(x));
  // An object that moved changes the plan order some findings follow: every object of the
  // middle counts as changed then.
  const moved = kept.some((x, i) => keptAfter[i] !== x);
  return {
    head,
    afterEnd: after.length - tail,
    removed: moved ? beforeMiddle : beforeMiddle.filter((x) => !inAfter.has(x)),
    added: moved ? afterMiddle : afterMiddle.filter((x) => !inBefore.has(x)),
  };
}

/** The table IDs that subnets of `vpc` name but `vpc` does not have. */
function forForeignTables(vpc: Vpc, visit: (id: string) => void): void {
  for (const subnet of vpc.subnets) {
    const id = subnet.routeTable;
    if (id !== undefined && !vpc.routeTables.some((table) => table.id === id)) visit(id);
  }
}

function renumber(keys: Map<string, number>, items: readonly { readonly id: string }[]): void {
  keys.clear();
  items.forEach((item, position) => keys.set(item.id, position));
}

function count(map: Map<string, Map<string, number>>, key: string, id: string, delta: number): void {
  let counts = map.get(key);
  if (!counts) map.set(key, (counts = new Map()));
  const next = (counts.get(id) ?? 0) + delta;
  if (next > 0) counts.set(id, next);
  else {
    counts.delete(id);
    if (counts.size === 0) map.delete(key);
  }
}

function addToList<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addToSet<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}

const parsedCidrs = new Map<string, Cidr | null>();
function parseCached(text: string): Cidr | null {
  let cidr = parsedCidrs.get(text);
  if (cidr === undefined) {
    cidr = tryParseCidr(text);
    if (parsedCidrs.size > 200_000) parsedCidrs.clear();
    parsedCidrs.set(text, cidr);
  }
  return cidr;
}

function collectBlocks(vpc: Vpc | undefined, out: Cidr[]): void {
  if (!vpc) return;
  for (const text of [vpc.cidr, ...vpc.secondaryCidrs]) {
    const cidr = parseCached(text);
    if (cidr) out.push(cidr);
  }
}

/**
 * The traffic of a plan by peering, and each peering's latest sample that the cost engine counts
 * (a readable time, finite rates): the report month is that of the latest such sample of a
 * peering in the plan. Built once per traffic array (incremental validation keeps it).
 */
class TrafficIndex {
  readonly byPeering = new Map<string, TrafficSample[]>();
  /** Per peering, its latest counted sample; sorted latest first. */
  private readonly latest: { peering: string; time: number; sample: TrafficSample }[] = [];

  constructor(traffic: readonly TrafficSample[]) {
    const latest = new Map<string, { peering: string; time: number; sample: TrafficSample }>();
    const instants = sampleInstants(traffic);
    for (let i = 0; i < traffic.length; i++) {
      const sample = traffic[i]!;
      addToList(this.byPeering, sample.peering, sample);
      const time = instants[i]!;
      if (Number.isNaN(time) || !Number.isFinite(sample.inMbps) || !Number.isFinite(sample.outMbps)) continue;
      const known = latest.get(sample.peering);
      if (!known || time > known.time) latest.set(sample.peering, { peering: sample.peering, time, sample });
    }
    this.latest = [...latest.values()].sort((a, b) => b.time - a.time);
  }

  /** The latest counted sample of a peering that `peerings` has. */
  latestKnown(peerings: {
    has(id: string): boolean;
  }): { peering: string; time: number; sample: TrafficSample } | null {
    for (const entry of this.latest) if (peerings.has(entry.peering)) return entry;
    return null;
  }
}

const trafficIndexes = new WeakMap<readonly TrafficSample[], TrafficIndex>();
function trafficIndexOf(traffic: readonly TrafficSample[]): TrafficIndex {
  let index = trafficIndexes.get(traffic);
  if (!index) trafficIndexes.set(traffic, (index = new TrafficIndex(traffic)));
  return index;
}

function groupKey(vpc: Vpc): string {
  return `${vpc.account}\u0000${vpc.region}`;
}

function otherEnd(peering: Peering, id: string): string {
  return peering.requester === id ? peering.accepter : peering.requester;
}

function stripped(vpc: Vpc): Vpc {
  return vpc.subnets.length === 0 && vpc.routeTables.length === 0
    ? vpc
    : { ...vpc, subnets: [], routeTables: [] };
}

function addChildIds(vpc: Vpc, out: Set<string>): void {
  for (const subnet of vpc.subnets) out.add(subnet.id);
  for (const table of vpc.routeTables) {
    out.add(table.id);
    for (let i = 0; i < table.routes.length; i++) out.add(routeId(table.id, i));
  }
}

/**
 * Blocks with their owners, for "which owners have a block overlapping this one" in
 * O(log n + k), updated one block at a time. CIDR blocks nest or are disjoint, so the blocks
 * overlapping Q are those starting inside Q (one range of the sorted starts) and Q's ancestors,
 * of which there is at most one per shorter prefix length (looked up by network address). Each
 * distinct block is stored once, with a count per owner (a route destination repeats).
 */
class BlockIndex {
  private readonly starts: number[] = [];
  private readonly entries: { readonly cidr: Cidr; readonly owners: Map<string, number> }[] = [];
  private readonly byBlock = new Map<number, { readonly cidr: Cidr; readonly owners: Map<string, number> }>();
  /** While loading, new blocks are appended, and sorted once at the end. */
  private loading = false;

  startLoading(): void {
    this.loading = true;
  }

  endLoading(): void {
    this.loading = false;
    this.entries.sort((a, b) => a.cidr.start - b.cidr.start);
    this.starts.length = 0;
    for (const entry of this.entries) this.starts.push(entry.cidr.start);
  }

  /** Distinct blocks per prefix length: ancestors are looked up only at lengths in use. */
  private readonly prefixes = new Array<number>(33).fill(0);

  add(cidr: Cidr, owner: string): void {
    const key = blockKey(cidr);
    let entry = this.byBlock.get(key);
    if (!entry) {
      entry = { cidr, owners: new Map() };
      this.byBlock.set(key, entry);
      this.prefixes[cidr.prefix]!++;
      if (this.loading) this.entries.push(entry);
      else {
        const at = upperBound(this.starts, cidr.start);
        this.starts.splice(at, 0, cidr.start);
        this.entries.splice(at, 0, entry);
      }
    }
    entry.owners.set(owner, (entry.owners.get(owner) ?? 0) + 1);
  }

  remove(cidr: Cidr, owner: string): void {
    const key = blockKey(cidr);
    const entry = this.byBlock.get(key);
    if (!entry) return;
    const left = (entry.owners.get(owner) ?? 0) - 1;
    if (left > 0) {
      entry.owners.set(owner, left);
      return;
    }
    entry.owners.delete(owner);
    if (entry.owners.size > 0) return;
    this.byBlock.delete(key);
    this.prefixes[cidr.prefix]!--;
    for (let at = upperBound(this.starts, cidr.start - 1); at < this.starts.length; at++) {
      if (this.entries[at] === entry) {
        this.starts.splice(at, 1);
        this.entries.splice(at, 1);
        break;
      }
    }
  }

  forEachOverlapping(block: Cidr, visit: (owner: string) => void): void {
    const from = upperBound(this.starts, block.start - 1);
    const to = upperBound(this.starts, block.end);
    for (let i = from; i < to; i++) for (const owner of this.entries[i]!.owners.keys()) visit(owner);
    for (let prefix = 0; prefix < block.prefix; prefix++) {
      if (this.prefixes[prefix] === 0) continue;
      const size = 2 ** (32 - prefix);
      const start = block.start - (block.start % size);
      const ancestor = this.byBlock.get(start * 64 + prefix);
      if (ancestor) for (const owner of ancestor.owners.keys()) visit(owner);
    }
  }
}

function blockKey(cidr: Cidr): number {
  return cidr.start * 64 + cidr.prefix;
}

function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
