/**
 * Reachability for people: why one subnet pair has its status, what a peering switched off or on
 * would change, and the pairs of a plan grouped by VPC pair (what the app's Reachability view
 * shows). Every answer comes from `reachability.ts`, the same analysis `peerplan reach` prints:
 * this module only restricts the plan it runs on and puts the answer into words.
 *
 * A pair S (VPC A) → T (VPC B) depends only on A's and B's route tables, on the peerings (their
 * states, and which VPCs they join: a route to a peering that joins A to a third VPC is
 * `TRANSITIVE`) and on the CCNs A or B is attached to (what their other members publish decides
 * which CCN routes are valid). So the analysis of one pair, or of one VPC pair, runs on a plan
 * holding just the two VPCs, the members of their CCNs, and every peering: the cost does not
 * grow with the rest of the plan.
 */
import type { CcnTableRoute } from '../ccn/routes';
import { ccnRouting } from '../ccn/routes';
import { cidrOverlaps, formatCidr, formatIpv4, tryParseCidr } from '../net/cidr';
import type { Cidr } from '../net/cidr';
import type { Ccn, Peering, PeeringState, Plan, Subnet, Vpc } from '../plan/model';
import { effectivePeeringState } from '../plan/peering';
import { buildForwardingWithCcn, resolveRouteTables } from '../routing/forwarding';
import type { ForwardingTarget, ResolvedRouteTable } from '../routing/forwarding';
import type { SuggestedRoute } from '../routing/suggest';
import { suggestRoutes } from '../routing/suggest';
import type { ReachPair, ReachStatus } from './reachability';
import { computeReachability, forEachReachPair } from './reachability';

// ---------------------------------------------------------------------------------------------
// Restricting the plan

interface SubnetPlace {
  readonly vpc: Vpc;
  readonly subnet: Subnet;
}

/** Subnet ID → its VPC and itself (the first one of a duplicated ID, as the analysis does). */
function subnetPlaces(plan: Plan): Map<string, SubnetPlace> {
  const places = new Map<string, SubnetPlace>();
  for (const vpc of plan.vpcs) {
    for (const subnet of vpc.subnets) if (!places.has(subnet.id)) places.set(subnet.id, { vpc, subnet });
  }
  return places;
}

/**
 * The plan with only these VPCs, first, then the members (any state) of the CCNs they are
 * attached to, whose publications decide which CCN routes are valid; every peering kept (what
 * makes a route TRANSITIVE).
 */
function planOfVpcs(plan: Plan, vpcs: readonly Vpc[]): Plan {
  const kept = new Set(vpcs);
  if (plan.ccns.length > 0) {
    const ids = new Set(vpcs.map((vpc) => vpc.id));
    const members = new Set<string>();
    for (const ccn of plan.ccns) {
      if (!ccn.attachments.some((attachment) => ids.has(attachment.vpc))) continue;
      for (const attachment of ccn.attachments) members.add(attachment.vpc);
    }
    for (const vpc of plan.vpcs) if (members.has(vpc.id)) kept.add(vpc);
  }
  return { ...plan, vpcs: [...kept], traffic: [], ccnTraffic: [] };
}

/** The pairs between two VPCs, both directions (from `a` first), analysed on the plan of just them. */
function reachBetween(plan: Plan, a: Vpc, b: Vpc): ReachPair[] {
  const small = planOfVpcs(plan, [a, b]);
  const pairs = computeReachability(small);
  if (small.vpcs.length === 2) return pairs;
  // The other members of their CCNs are only there for the CCN routes: not their pairs.
  const ends = new Set([...a.subnets, ...b.subnets].map((subnet) => subnet.id));
  return pairs.filter((pair) => ends.has(pair.from) && ends.has(pair.to));
}

/** Every pair between two VPCs, both directions (from `a` first), as `peerplan reach` lists them. */
export function reachBetweenVpcs(plan: Plan, vpcA: string, vpcB: string): ReachPair[] {
  const a = plan.vpcs.find((vpc) => vpc.id === vpcA);
  const b = plan.vpcs.find((vpc) => vpc.id === vpcB);
  if (!a || !b || a === b) return [];
  return reachBetween(plan, a, b);
}

// ---------------------------------------------------------------------------------------------
// Grouping by VPC pair

export type ReachCounts = Record<ReachStatus, number>;

export const REACH_STATUSES: readonly ReachStatus[] = ['reachable', 'partial', 'no-return', 'unreachable'];

export interface VpcPairReach {
  /** Source and target VPC IDs. */
  readonly from: string;
  readonly to: string;
  readonly counts: ReachCounts;
  /** The pairs of subnets, by source then target subnet in plan order. */
  readonly pairs: readonly ReachPair[];
}

/**
 * The pairs of every connected VPC pair (peered in any state, or attached to one CCN in any
 * state), grouped by (source VPC, target VPC) in plan order: one pass of the analysis over the
 * plan. Pairs of unconnected VPCs are unreachable by construction (`NOT_PEERED`) and not listed; `explainReach` answers for any pair. With
 * `counts` only, the pairs themselves are not kept (`pairs` is empty): what a view of a large
 * plan needs before it drills down into one VPC pair (`reachBetweenVpcs`).
 */
export function reachByVpcPair(plan: Plan, options: { countsOnly?: boolean } = {}): VpcPairReach[] {
  const vpcOfSubnet = new Map<string, string>();
  for (const [id, place] of subnetPlaces(plan)) vpcOfSubnet.set(id, place.vpc.id);
  const groups = new Map<string, { from: string; to: string; counts: ReachCounts; pairs: ReachPair[] }>();
  let lastFrom = '';
  let lastTo = '';
  let group: { counts: ReachCounts; pairs: ReachPair[] } | undefined;
  forEachReachPair(plan, { scope: 'connected' }, (pair) => {
    const from = vpcOfSubnet.get(pair.from)!;
    const to = vpcOfSubnet.get(pair.to)!;
    if (group === undefined || from !== lastFrom || to !== lastTo) {
      const key = `${from}\u0000${to}`;
      group = groups.get(key);
      if (!group) {
        const created = { from, to, counts: emptyCounts(), pairs: [] as ReachPair[] };
        groups.set(key, created);
        group = created;
      }
      lastFrom = from;
      lastTo = to;
    }
    group.counts[pair.status]++;
    if (!options.countsOnly) group.pairs.push(pair);
  });
  return [...groups.values()];
}

export function emptyCounts(): ReachCounts {
  return { reachable: 0, partial: 0, 'no-return': 0, unreachable: 0 };
}

// ---------------------------------------------------------------------------------------------
// What-if: a peering switched off or on

/** Peering ID → on (active) or off (carries nothing). Not an edit: the plan is never changed. */
export type PeeringSwitches = ReadonlyMap<string, boolean>;

/** The plan as it would be with the switches applied: on is `active`, off is `rejected`. */
export function planWithSwitches(plan: Plan, switches: PeeringSwitches): Plan {
  if (switches.size === 0) return plan;
  const peerings = plan.peerings.map((peering) => {
    const on = switches.get(peering.id);
    if (on === undefined) return peering;
    const state: PeeringState = on ? 'active' : 'rejected';
    return effectivePeeringState(peering, plan.asOf) === state ? peering : { ...peering, state };
  });
  return { ...plan, peerings };
}

export interface ReachChange {
  readonly from: string;
  readonly to: string;
  readonly before: ReachPair;
  readonly after: ReachPair;
}

/**
 * The pairs whose status or route changes when the switches are applied. A peering's state
 * matters only to the pairs between its two VPCs (a route from a third VPC to it is TRANSITIVE
 * whatever its state), so only those VPC pairs are analysed, before and after.
 */
export function whatIfChanges(plan: Plan, switches: PeeringSwitches): ReachChange[] {
  const after = planWithSwitches(plan, switches);
  const vpcById = new Map<string, Vpc>();
  for (const vpc of plan.vpcs) if (!vpcById.has(vpc.id)) vpcById.set(vpc.id, vpc);
  const seen = new Set<string>();
  const changes: ReachChange[] = [];
  for (const peering of plan.peerings) {
    if (!switches.has(peering.id)) continue;
    const a = vpcById.get(peering.requester);
    const b = vpcById.get(peering.accepter);
    if (!a || !b || a === b) continue;
    const key = a.id < b.id ? `${a.id}\u0000${b.id}` : `${b.id}\u0000${a.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const beforePairs = reachBetween(plan, a, b);
    const afterPairs = reachBetween(after, a, b);
    beforePairs.forEach((before, index) => {
      const changed = afterPairs[index]!;
      if (before.status !== changed.status || before.via !== changed.via || !sameReasons(before, changed))
        changes.push({ from: before.from, to: before.to, before, after: changed });
    });
  }
  return changes;
}

function sameReasons(x: ReachPair, y: ReachPair): boolean {
  return x.reasons.length === y.reasons.length && x.reasons.every((reason, i) => reason === y.reasons[i]);
}

// ---------------------------------------------------------------------------------------------
// Explaining one pair

/** What one part of the looked-up block meets in a route table. */
export type LookupOutcome =
  /** Routed to a peering between the two VPCs that is active: it gets there. */
  | 'peering'
  /** Routed to a peering between the two VPCs that is not active. */
  | 'inactive'
  /** Routed to a peering that does not join the two VPCs (peering is not transitive). */
  | 'transitive'
  /** Routed to the other VPC's effective CCN route on a CCN both are attached to: it gets there. */
  | 'ccn'
  /** Routed to a CCN route toward a third VPC (the other VPC's own route is invalid or missing). */
  | 'ccn-other'
  /** Routed to something else (a NAT gateway, a VPN…). */
  | 'other-hop'
  /** Inside the table's own VPC: the local route keeps it (overlapping CIDRs). */
  | 'local'
  /** No route covers it. */
  | 'none';

export interface LookupPart {
  /** The part of the looked-up block, as a CIDR when it is one, else `first – last`. */
  readonly range: string;
  readonly outcome: LookupOutcome;
  /** The matched route of the plan (null: the local route, a CCN route or none). */
  readonly route: {
    readonly table: string;
    readonly index: number;
    readonly destination: string;
    readonly nextHop: { readonly type: string; readonly id: string };
  } | null;
  /** The matched CCN route (only on `ccn` and `ccn-other` parts): its CCN and publishing VPC. */
  readonly ccnRoute?: {
    readonly destination: string;
    readonly ccn: string;
    readonly publisher: string;
  };
}

export interface ReachLookup {
  /** The VPC whose table is consulted, and the table (null: the subnet is served by no table). */
  readonly vpc: string;
  readonly table: string | null;
  /** The block looked up (the other subnet's CIDR). */
  readonly block: string;
  readonly parts: readonly LookupPart[];
}

export interface ReachExplanation {
  readonly pair: ReachPair;
  /** The peering the pair goes through (`via`); null when none (not peered, or through a CCN). */
  readonly peering: Peering | null;
  /** The CCN the pair goes through (`via`); null when none. */
  readonly ccn: Ccn | null;
  /** The target subnet's addresses in the source subnet's table. */
  readonly forward: ReachLookup;
  /** The source subnet's addresses in the target subnet's table. */
  readonly back: ReachLookup;
  /** The reasons in plain words, with names. */
  readonly sentences: readonly string[];
  /** The routes that would fix the pair (the suggestions of `peerplan routes --suggest` for its two tables). */
  readonly fixRoutes: readonly SuggestedRoute[];
}

/** `10.0.1.0/24`, or `10.0.1.0 – 10.0.1.99` for a range that is not one block. */
export function formatRange(start: number, end: number): string {
  const size = end - start + 1;
  const prefix = 32 - Math.log2(size);
  if (Number.isInteger(prefix) && start % size === 0) return formatCidr({ start, end, prefix } as Cidr);
  return `${formatIpv4(start)} – ${formatIpv4(end)}`;
}

interface LookupContext {
  readonly pairPeerings: ReadonlySet<string>;
  /** The CCNs both VPCs are attached to (any state). */
  readonly pairCcns: ReadonlySet<string>;
  readonly peeringById: ReadonlyMap<string, Peering>;
  readonly asOf: string;
  /** The effective CCN routes of a table of the analysed plan. */
  readonly ccnRoutesOf: (vpc: Vpc, served: ResolvedRouteTable) => readonly CcnTableRoute[];
}

function lookup(
  vpc: Vpc,
  resolved: ResolvedRouteTable | undefined,
  block: Cidr,
  otherVpc: string,
  context: LookupContext,
): ReachLookup {
  const { pairPeerings, pairCcns, peeringById, asOf } = context;
  const served = resolved && resolved.vpc === vpc ? resolved : undefined;
  const lpm = buildForwardingWithCcn(
    vpc,
    served ? served.table : null,
    served ? context.ccnRoutesOf(vpc, served) : [],
  );
  const parts: LookupPart[] = [];
  lpm.forEachSegment(block.start, block.end, (start, end, target: ForwardingTarget | null) => {
    const range = formatRange(start, end);
    if (target === null) return parts.push({ range, outcome: 'none', route: null });
    if (target.kind === 'local') return parts.push({ range, outcome: 'local', route: null });
    if (target.kind === 'ccn') {
      const { destination, ccn, publisher } = target.route;
      const outcome: LookupOutcome = publisher === otherVpc && pairCcns.has(ccn) ? 'ccn' : 'ccn-other';
      return parts.push({ range, outcome, route: null, ccnRoute: { destination, ccn, publisher } });
    }
    const { route, index } = target;
    const matched = {
      table: served!.id,
      index,
      destination: route.destination,
      nextHop: { type: route.nextHop.type, id: route.nextHop.id },
    };
    let outcome: LookupOutcome;
    if (route.nextHop.type !== 'peering') outcome = 'other-hop';
    else if (!peeringById.has(route.nextHop.id)) outcome = 'none';
    else if (!pairPeerings.has(route.nextHop.id)) outcome = 'transitive';
    else
      outcome =
        effectivePeeringState(peeringById.get(route.nextHop.id)!, asOf) === 'active' ? 'peering' : 'inactive';
    parts.push({ range, outcome, route: matched });
  });
  return { vpc: vpc.id, table: served ? served.id : null, block: formatCidr(block), parts };
}

/**
 * Why `from` reaches `to` as it does (null when either subnet is unknown, has no valid CIDR, or
 * both are in one VPC). The status and reasons are those of `computeReachability`.
 */
export function explainReach(plan: Plan, from: string, to: string): ReachExplanation | null {
  const places = subnetPlaces(plan);
  const source = places.get(from);
  const target = places.get(to);
  if (!source || !target || source.vpc === target.vpc) return null;
  const sourceBlock = tryParseCidr(source.subnet.cidr);
  const targetBlock = tryParseCidr(target.subnet.cidr);
  if (!sourceBlock || !targetBlock) return null;
  const small = planOfVpcs(plan, [source.vpc, target.vpc]);
  const pair = computeReachability(small, { from, to })[0];
  if (!pair) return null;
  const routing = ccnRouting(small);

  const peeringById = new Map<string, Peering>();
  for (const peering of plan.peerings) if (!peeringById.has(peering.id)) peeringById.set(peering.id, peering);
  const joins = (peering: Peering) =>
    peering.requester !== peering.accepter &&
    [peering.requester, peering.accepter].includes(source.vpc.id) &&
    [peering.requester, peering.accepter].includes(target.vpc.id);
  const pairPeerings = new Set(plan.peerings.filter(joins).map((peering) => peering.id));
  const sharedCcns = plan.ccns.filter(
    (ccn) =>
      ccn.attachments.some((attachment) => attachment.vpc === source.vpc.id) &&
      ccn.attachments.some((attachment) => attachment.vpc === target.vpc.id),
  );
  const context: LookupContext = {
    pairPeerings,
    pairCcns: new Set(sharedCcns.map((ccn) => ccn.id)),
    peeringById,
    asOf: plan.asOf,
    ccnRoutesOf: (vpc, served) => routing.forTable(vpc, served.table).effective,
  };
  const { tableOfSubnet } = resolveRouteTables(small);
  const forward = lookup(source.vpc, tableOfSubnet.get(from), targetBlock, target.vpc.id, context);
  const back = lookup(target.vpc, tableOfSubnet.get(to), sourceBlock, source.vpc.id, context);
  const peering =
    pair.via === null || !pairPeerings.has(pair.via) ? null : (peeringById.get(pair.via) ?? null);
  const ccn = peering === null ? (sharedCcns.find((candidate) => candidate.id === pair.via) ?? null) : null;

  // The suggestions for the pair's two tables that touch the blocks this pair misses: a table
  // may miss routes to other parts of the peer VPC, which this pair does not need.
  const forwardMissing = forward.parts.some(
    (part) => part.outcome !== 'peering' && part.outcome !== 'inactive',
  );
  const backMissing = back.parts.some(
    (part) => !(part.route?.nextHop.type === 'peering' && part.route.nextHop.id === pair.via),
  );
  const touches = (destination: string, block: Cidr) => {
    const parsed = tryParseCidr(destination);
    return parsed !== null && cidrOverlaps(parsed, block);
  };
  const fixRoutes =
    pair.status === 'reachable' || peering === null
      ? []
      : suggestRoutes(small).filter(
          (route) =>
            route.peering === peering.id &&
            ((forwardMissing &&
              route.vpc === source.vpc.id &&
              route.routeTable === forward.table &&
              touches(route.destination, targetBlock)) ||
              (backMissing &&
                route.vpc === target.vpc.id &&
                route.routeTable === back.table &&
                touches(route.destination, sourceBlock))),
        );
  const sentences = describe(plan, {
    source,
    target,
    pair,
    peering,
    ccn,
    sharedCcns,
    forward,
    back,
    peeringById,
    invalid: invalidPublications(small, sharedCcns, source.vpc.id, targetBlock, target.vpc.id, sourceBlock),
  });
  return { pair, peering, ccn, forward, back, sentences, fixRoutes };
}

/** An invalid published CIDR (`CCN_ROUTE_CONFLICT`) that the pair runs into. */
interface InvalidPublication {
  readonly ccn: Ccn;
  readonly vpc: string;
  readonly cidr: string;
  readonly conflictsWith: { readonly vpc: string; readonly cidr: string } | null;
}

/**
 * The invalid CIDRs the target VPC published over the target block, and the source VPC over
 * the source block, in the CCNs both are attached to (what `CCN_ROUTE_INVALID` is about).
 */
function invalidPublications(
  small: Plan,
  sharedCcns: readonly Ccn[],
  sourceVpc: string,
  targetBlock: Cidr,
  targetVpc: string,
  sourceBlock: Cidr,
): InvalidPublication[] {
  const out: InvalidPublication[] = [];
  for (const { ccn, published } of ccnRouting(small).publications) {
    if (!sharedCcns.includes(ccn)) continue;
    for (const item of published) {
      if (item.valid) continue;
      const block = item.vpc === targetVpc ? targetBlock : item.vpc === sourceVpc ? sourceBlock : null;
      if (block && cidrOverlaps(item.block, block))
        out.push({ ccn, vpc: item.vpc, cidr: item.cidr, conflictsWith: item.conflictsWith });
    }
  }
  return out;
}

interface Described {
  readonly source: SubnetPlace;
  readonly target: SubnetPlace;
  readonly pair: ReachPair;
  readonly peering: Peering | null;
  readonly ccn: Ccn | null;
  /** The CCNs both VPCs are attached to (any state). */
  readonly sharedCcns: readonly Ccn[];
  readonly forward: ReachLookup;
  readonly back: ReachLookup;
  readonly peeringById: ReadonlyMap<string, Peering>;
  readonly invalid: readonly InvalidPublication[];
}

function nameOf(object: { readonly id: string; readonly name: string }): string {
  return object.name || object.id;
}

/** Sentences about the CCNs of the pair: attachments not active, routes invalid by a conflict. */
function describeCcns(plan: Plan, d: Described, vpcName: (id: string) => string): string[] {
  const out: string[] = [];
  if (d.pair.reasons.includes('CCN_ATTACHMENT_INACTIVE')) {
    for (const ccn of d.sharedCcns) {
      for (const vpc of [d.source.vpc, d.target.vpc]) {
        const states = ccn.attachments.filter((attachment) => attachment.vpc === vpc.id).map((a) => a.state);
        if (states.length === 0 || states.includes('active')) continue;
        const state = states[0]!;
        const owner = plan.accounts.find((account) => account.id === ccn.account);
        const remedy =
          state === 'pending'
            ? `until the CCN's owner (${owner ? nameOf(owner) : ccn.account}) accepts it`
            : state === 'expired'
              ? 'until the attachment request is sent again'
              : 'until it is attached again';
        out.push(
          `${nameOf(vpc)}'s attachment to ${nameOf(ccn)} is ${state}: the CCN carries nothing to or from it ${remedy}.`,
        );
      }
    }
  }
  if (d.pair.reasons.includes('CCN_ROUTE_INVALID')) {
    for (const item of d.invalid) {
      const earlier = item.conflictsWith
        ? `it overlaps ${item.conflictsWith.cidr}, published earlier by ${vpcName(item.conflictsWith.vpc)}`
        : 'it conflicts with an earlier publication';
      out.push(
        `${vpcName(item.vpc)} publishes ${item.cidr} to ${nameOf(item.ccn)}, but that route is invalid: ${earlier} (CCN_ROUTE_CONFLICT). Only the first attached VPC's route takes effect, so those addresses go there or nowhere.`,
      );
    }
  }
  return out;
}

function describe(plan: Plan, d: Described): string[] {
  const { source, target, pair, peering, ccn, forward, back, peeringById } = d;
  const vpcName = (id: string) => {
    const vpc = plan.vpcs.find((candidate) => candidate.id === id);
    return vpc ? nameOf(vpc) : id;
  };
  const ccnName = (id: string) => {
    const found = plan.ccns.find((candidate) => candidate.id === id);
    return found ? nameOf(found) : id;
  };
  const a = nameOf(source.vpc);
  const b = nameOf(target.vpc);
  const s = `${nameOf(source.subnet)} (${source.subnet.cidr})`;
  const t = `${nameOf(target.subnet)} (${target.subnet.cidr})`;
  const out: string[] = [];
  if (peering === null && ccn === null) {
    out.push(
      `${a} and ${b} are not peered: no route can carry traffic between them. Create a peering first.`,
    );
  }
  const via = peering ? nameOf(peering) : ccn ? `the CCN ${nameOf(ccn)}` : '';
  const state = peering ? effectivePeeringState(peering, plan.asOf) : null;
  // A back part that comes through the pair's connection: `via`, or in the middle of a migration
  // a connection of the other kind (the engine's rule).
  const comesBack = (part: LookupPart): boolean => {
    if (part.outcome === 'ccn') return ccn ? part.ccnRoute!.ccn === ccn.id : peering !== null;
    if (part.route?.nextHop.type !== 'peering') return false;
    if (peering) return part.route.nextHop.id === peering.id;
    return part.outcome === 'peering';
  };
  if (pair.status === 'reachable') {
    const other = back.parts.find(
      (part) => !(part.outcome === 'ccn' && ccn) && !(peering && part.route?.nextHop.id === peering.id),
    );
    const replies = !other
      ? 'the replies come back the same way'
      : other.outcome === 'ccn'
        ? `the replies come back through the CCN ${ccnName(other.ccnRoute!.ccn)} (the middle of a migration)`
        : `the replies come back through ${nameOf(peeringById.get(other.route!.nextHop.id) ?? { id: other.route!.nextHop.id, name: '' })} (the middle of a migration)`;
    out.push(`${s} in ${a} reaches ${t} in ${b} through ${via}, and ${replies}.`);
    return out;
  }
  if (peering && state !== 'active') {
    const remedy =
      state === 'pending'
        ? 'until the accepter accepts it'
        : state === 'expired'
          ? 'until it is re-enabled'
          : 'until it is requested again';
    out.push(`${via} is ${state}: it carries no traffic ${remedy}.`);
  }
  out.push(...describeCcns(plan, d, vpcName));
  const hop = (part: LookupPart) => `${part.route!.nextHop.type} ${part.route!.nextHop.id}`;
  for (const part of forward.parts) {
    switch (part.outcome) {
      case 'none':
        out.push(
          peering
            ? `${a} has no route to ${part.range} (${nameOf(target.subnet)}) through ${via}.`
            : `${a} has no route to ${part.range} (${nameOf(target.subnet)}).`,
        );
        break;
      case 'local':
        out.push(`${part.range} is inside ${a}'s own CIDRs: ${a} keeps it local (the two VPCs overlap).`);
        break;
      case 'transitive': {
        const other = peeringById.get(part.route!.nextHop.id)!;
        const third = other.requester === source.vpc.id ? other.accepter : other.requester;
        const thirdVpc = plan.vpcs.find((vpc) => vpc.id === third);
        out.push(
          `${a} sends ${part.range} through ${nameOf(other)}, which joins ${a} to ${thirdVpc ? nameOf(thirdVpc) : third}, not to ${b}: peering is not transitive, so it is dropped there.`,
        );
        break;
      }
      case 'ccn-other': {
        const route = part.ccnRoute!;
        out.push(
          `${a} sends ${part.range} through the CCN ${ccnName(route.ccn)} to ${vpcName(route.publisher)} (its route ${route.destination}), not to ${b}.`,
        );
        break;
      }
      case 'other-hop':
        out.push(
          `${a} sends ${part.range} to ${hop(part)} (route ${part.route!.destination} in ${forward.table}), not ${peering || ccn ? `through ${via}` : 'to a peering'}.`,
        );
        break;
      default:
        break;
    }
  }
  if (!peering && !ccn) return out;
  const forwardReaches = forward.parts.some(
    (part) => part.outcome === 'peering' || part.outcome === 'inactive' || part.outcome === 'ccn',
  );
  if (!forwardReaches) return out;
  for (const part of back.parts) {
    if (comesBack(part)) continue;
    if (part.outcome === 'local')
      out.push(
        `${part.range} is inside ${b}'s own CIDRs: ${b} keeps the replies local (the two VPCs overlap).`,
      );
    else if (part.outcome === 'other-hop')
      out.push(
        `${b} sends the replies for ${part.range} to ${hop(part)} (route ${part.route!.destination} in ${back.table}) instead of back through ${via}.`,
      );
    else if (part.outcome === 'ccn-other' || part.outcome === 'ccn')
      out.push(
        `${b} sends the replies for ${part.range} through the CCN ${ccnName(part.ccnRoute!.ccn)} to ${vpcName(part.ccnRoute!.publisher)} instead of back to ${a}.`,
      );
    else if (part.route && part.route.nextHop.type === 'peering')
      out.push(
        `${b} sends the replies for ${part.range} through ${nameOf(peeringById.get(part.route.nextHop.id) ?? { id: part.route.nextHop.id, name: '' })} instead of back through ${via}.`,
      );
    else out.push(`${b} has no route back to ${part.range} through ${via}.`);
  }
  return out;
}
