/**
 * Reachability of subnet pairs (rules.md, "Reachability"; the `reach` JSON of cli.md).
 *
 * For an ordered pair S (VPC A) → T (VPC B), A ≠ B:
 * - forward: every address of T, looked up in S's route table, goes to an active peering
 *   between A and B;
 * - return: every address of S, looked up in T's route table, goes back over that same peering.
 *
 * Everything is computed over address intervals: T's block is split by S's table into the parts
 * each route takes (a route can cover part of T; a more specific route can take part away), and
 * the parts are counted, never the addresses. The forward answer depends only on (S's table, T)
 * and the return answer only on (T's table, S), so both are computed once per such pair and
 * shared by every subnet of the table: the work grows with tables × subnets, not with
 * subnets × subnets, and a pair itself costs O(1) to combine.
 *
 * Which pairs are listed: by default every ordered pair of subnets in different VPCs (`scope:
 * 'all'`), so an unpeered pair shows `NOT_PEERED`; `scope: 'peered'` lists only pairs whose VPCs
 * have a peering between them (in any state), which is what large plans and the
 * `ROUTE_RETURN_MISSING` rule need. `from` / `to` keep the pairs from / to one subnet. A subnet
 * whose CIDR does not parse (`CIDR_INVALID`) is in no pair. Order: by source subnet, then target
 * subnet, in plan order.
 *
 * Choices where rules.md is silent:
 * - `via` is the A–B peering that carries the most forwarded addresses; when none carries any,
 *   the first A–B peering in plan order, preferring an active one, then a pending one.
 *   With two peerings between A and B (a `PEERING_DUPLICATE` error), forward counts both.
 * - `NO_RETURN_ROUTE` is about routes: it is reported whenever part of S is not routed back to
 *   `via` in T's table, whatever the peering's state (a pending peering shows both what is
 *   inactive and what routes are missing).
 * - `PEERING_INACTIVE`: part of T is routed to an A–B peering that is not active, or A and B are
 *   peered only by peerings that are not active.
 * - Part of T routed to a non-peering next hop (a NAT gateway…) counts as `OVERRIDDEN` when a
 *   less specific route to an A–B peering covers it, else as `NO_ROUTE`. Part of T routed to a
 *   peering that does not connect A and B is `TRANSITIVE` (and `OVERRIDDEN` too when an A–B
 *   route was shadowed). Part of T that falls in A's own CIDRs (a `PEERING_CIDR_OVERLAP` error)
 *   stays local: `NO_ROUTE`.
 * - Without any peering between A and B the pair is `unreachable` with `NOT_PEERED` (and
 *   `TRANSITIVE` when S's table sends part of T to some other peering); `NO_ROUTE` is not added,
 *   as no route could help.
 */
import type { Cidr } from '../net/cidr';
import { tryParseCidr } from '../net/cidr';
import type { Peering, Plan, Subnet, Vpc } from '../plan/model';
import { effectivePeeringState } from '../plan/peering';
import type { ResolvedRouteTable, RouteTarget } from '../routing/forwarding';
import { buildForwarding, resolveRouteTables } from '../routing/forwarding';
import type { LongestPrefixMatch } from '../routing/lpm';

export type ReachStatus = 'reachable' | 'partial' | 'no-return' | 'unreachable';

export type ReachReason =
  'NO_ROUTE' | 'PEERING_INACTIVE' | 'NO_RETURN_ROUTE' | 'TRANSITIVE' | 'OVERRIDDEN' | 'NOT_PEERED';

/** The order reasons are listed in (rules.md's order). */
export const REACH_REASONS: readonly ReachReason[] = [
  'NO_ROUTE',
  'PEERING_INACTIVE',
  'NO_RETURN_ROUTE',
  'TRANSITIVE',
  'OVERRIDDEN',
  'NOT_PEERED',
];

export interface ReachPair {
  readonly from: string;
  readonly to: string;
  readonly status: ReachStatus;
  /** The peering between the two VPCs, when there is one. */
  readonly via: string | null;
  readonly reasons: readonly ReachReason[];
}

export interface ReachOptions {
  /** Only pairs from this subnet ID. */
  readonly from?: string;
  /** Only pairs to this subnet ID. */
  readonly to?: string;
  /** `all` (default): every ordered cross-VPC pair; `peered`: only pairs of peered VPCs. */
  readonly scope?: 'all' | 'peered';
}

/** A pair with what produced it, for rules that need the tables (ROUTE_RETURN_MISSING). */
export interface ReachPairDetail extends ReachPair {
  /** The route table that serves the target subnet (where the return route belongs). */
  readonly returnTable: string | null;
}

interface SubnetEntry {
  readonly subnet: Subnet;
  readonly vpc: Vpc;
  readonly block: Cidr;
  readonly size: number;
  /** The table serving the subnet; null: served by no table (only local routes apply). */
  readonly table: ResolvedRouteTable | null;
}

interface ForwardSummary {
  /** Forwarded addresses of T per active A–B peering. */
  readonly okByPeering: ReadonlyMap<Peering, number>;
  readonly ok: number;
  readonly noRoute: boolean;
  readonly inactive: boolean;
  readonly transitive: boolean;
  readonly overridden: boolean;
}

/** Merged sorted intervals of a table's enabled routes to one peering. */
interface Coverage {
  readonly starts: number[];
  readonly ends: number[];
}

function overlapsCoverage(coverage: Coverage, start: number, end: number): boolean {
  // First interval ending at or after `start`; it overlaps when it starts by `end`.
  let low = 0;
  let high = coverage.ends.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (coverage.ends[middle]! < start) low = middle + 1;
    else high = middle;
  }
  return low < coverage.starts.length && coverage.starts[low]! <= end;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** The analysis state of one plan: tables, forwarding structures and per-(table, subnet) caches. */
class ReachabilityAnalysis {
  private readonly peeringById = new Map<string, Peering>();
  private readonly peeringsBetween = new Map<string, Peering[]>();
  private readonly active = new Set<Peering>();
  private readonly forwarding = new Map<ResolvedRouteTable | Vpc, LongestPrefixMatch<RouteTarget>>();
  private readonly coverage = new Map<ResolvedRouteTable, Map<string, Coverage>>();
  private readonly forwardCache = new Map<ResolvedRouteTable | Vpc, Map<SubnetEntry, ForwardSummary>>();
  private readonly returnCache = new Map<ResolvedRouteTable | Vpc, Map<SubnetEntry, Map<string, number>>>();
  readonly subnets: SubnetEntry[] = [];
  readonly subnetsByVpc = new Map<Vpc, SubnetEntry[]>();
  private readonly vpcsById = new Map<string, Vpc[]>();
  private readonly peeringsByVpcId = new Map<string, Peering[]>();

  constructor(private readonly plan: Plan) {
    const { tableOfSubnet } = resolveRouteTables(plan);
    for (const vpc of plan.vpcs) {
      const sameId = this.vpcsById.get(vpc.id);
      if (sameId) sameId.push(vpc);
      else this.vpcsById.set(vpc.id, [vpc]);
      const list: SubnetEntry[] = [];
      for (const subnet of vpc.subnets) {
        const block = tryParseCidr(subnet.cidr);
        if (!block) continue;
        const served = tableOfSubnet.get(subnet.id);
        const entry: SubnetEntry = {
          subnet,
          vpc,
          block,
          size: block.end - block.start + 1,
          table: served && served.vpc === vpc ? served : null,
        };
        list.push(entry);
        this.subnets.push(entry);
      }
      this.subnetsByVpc.set(vpc, list);
    }
    for (const peering of plan.peerings) {
      if (!this.peeringById.has(peering.id)) this.peeringById.set(peering.id, peering);
      if (peering.requester === peering.accepter) continue;
      for (const end of [peering.requester, peering.accepter]) {
        const ofEnd = this.peeringsByVpcId.get(end);
        if (ofEnd) ofEnd.push(peering);
        else this.peeringsByVpcId.set(end, [peering]);
      }
      const key = pairKey(peering.requester, peering.accepter);
      const list = this.peeringsBetween.get(key);
      if (list) list.push(peering);
      else this.peeringsBetween.set(key, [peering]);
      if (effectivePeeringState(peering, plan.asOf) === 'active') this.active.add(peering);
    }
  }

  peeringsOf(vpcId: string): readonly Peering[] {
    return this.peeringsByVpcId.get(vpcId) ?? [];
  }

  vpcsWithId(id: string): readonly Vpc[] {
    return this.vpcsById.get(id) ?? [];
  }

  between(a: Vpc, b: Vpc): readonly Peering[] {
    return this.peeringsBetween.get(pairKey(a.id, b.id)) ?? [];
  }

  /** The forwarding of a subnet's table (or, with no table, of its VPC's local routes alone). */
  private forwardingOf(entry: SubnetEntry): {
    key: ResolvedRouteTable | Vpc;
    lpm: LongestPrefixMatch<RouteTarget>;
  } {
    const key = entry.table ?? entry.vpc;
    let lpm = this.forwarding.get(key);
    if (!lpm) {
      lpm = buildForwarding(entry.vpc, entry.table ? entry.table.table : null);
      this.forwarding.set(key, lpm);
    }
    return { key, lpm };
  }

  private coverageOf(table: ResolvedRouteTable): Map<string, Coverage> {
    let byPeering = this.coverage.get(table);
    if (byPeering) return byPeering;
    const blocks = new Map<string, Cidr[]>();
    for (const route of table.table?.routes ?? []) {
      if (!route.enabled || route.nextHop.type !== 'peering') continue;
      const block = tryParseCidr(route.destination);
      if (!block) continue;
      const list = blocks.get(route.nextHop.id);
      if (list) list.push(block);
      else blocks.set(route.nextHop.id, [block]);
    }
    byPeering = new Map();
    for (const [peeringId, list] of blocks) {
      list.sort((x, y) => x.start - y.start || x.prefix - y.prefix);
      const starts: number[] = [];
      const ends: number[] = [];
      for (const block of list) {
        const last = ends.length - 1;
        if (last >= 0 && block.start <= ends[last]! + 1) ends[last] = Math.max(ends[last]!, block.end);
        else {
          starts.push(block.start);
          ends.push(block.end);
        }
      }
      byPeering.set(peeringId, { starts, ends });
    }
    this.coverage.set(table, byPeering);
    return byPeering;
  }

  private connects(peering: Peering, a: Vpc, b: Vpc): boolean {
    return (
      (peering.requester === a.id && peering.accepter === b.id) ||
      (peering.requester === b.id && peering.accepter === a.id)
    );
  }

  /** How S's table (that of `source`) forwards the addresses of `target`. */
  forward(source: SubnetEntry, target: SubnetEntry): ForwardSummary {
    const { key, lpm } = this.forwardingOf(source);
    let cache = this.forwardCache.get(key);
    if (!cache) this.forwardCache.set(key, (cache = new Map()));
    const cached = cache.get(target);
    if (cached) return cached;

    const a = source.vpc;
    const b = target.vpc;
    const pairPeerings = this.between(a, b);
    const okByPeering = new Map<Peering, number>();
    let ok = 0;
    let noRoute = false;
    let inactive = false;
    let transitive = false;
    let overridden = false;
    const shadowsPairRoute = (start: number, end: number): boolean => {
      if (!source.table || pairPeerings.length === 0) return false;
      const coverage = this.coverageOf(source.table);
      return pairPeerings.some((peering) => {
        const c = coverage.get(peering.id);
        return c !== undefined && overlapsCoverage(c, start, end);
      });
    };
    for (const segment of lpm.lookupRange(target.block.start, target.block.end)) {
      const length = segment.end - segment.start + 1;
      const route = segment.target?.kind === 'route' ? segment.target.route : null;
      if (!route) {
        noRoute = true; // no route, or the part of T inside A's own CIDRs
        continue;
      }
      if (route.nextHop.type !== 'peering') {
        if (shadowsPairRoute(segment.start, segment.end)) overridden = true;
        else noRoute = true;
        continue;
      }
      const peering = this.peeringById.get(route.nextHop.id);
      if (!peering) {
        noRoute = true;
        continue;
      }
      if (!this.connects(peering, a, b)) {
        transitive = true;
        if (shadowsPairRoute(segment.start, segment.end)) overridden = true;
        continue;
      }
      if (!this.active.has(peering)) {
        inactive = true;
        continue;
      }
      ok += length;
      okByPeering.set(peering, (okByPeering.get(peering) ?? 0) + length);
    }
    const summary: ForwardSummary = { okByPeering, ok, noRoute, inactive, transitive, overridden };
    cache.set(target, summary);
    return summary;
  }

  /** Per peering ID: how many addresses of `source` the table of `target` routes back to it. */
  returnCounts(target: SubnetEntry, source: SubnetEntry): ReadonlyMap<string, number> {
    const { key, lpm } = this.forwardingOf(target);
    let cache = this.returnCache.get(key);
    if (!cache) this.returnCache.set(key, (cache = new Map()));
    const cached = cache.get(source);
    if (cached) return cached;
    const counts = new Map<string, number>();
    for (const segment of lpm.lookupRange(source.block.start, source.block.end)) {
      if (segment.target?.kind !== 'route' || segment.target.route.nextHop.type !== 'peering') continue;
      const id = segment.target.route.nextHop.id;
      counts.set(id, (counts.get(id) ?? 0) + segment.end - segment.start + 1);
    }
    cache.set(source, counts);
    return counts;
  }

  /** The chosen peering of a pair (see the module comment). */
  private via(pairPeerings: readonly Peering[], forward: ForwardSummary): Peering | null {
    let best: Peering | null = null;
    let bestCount = 0;
    for (const [peering, count] of forward.okByPeering) {
      if (count > bestCount) {
        best = peering;
        bestCount = count;
      }
    }
    if (best) return best;
    const rank = (peering: Peering): number => {
      const state = effectivePeeringState(peering, this.plan.asOf);
      return state === 'active' ? 0 : state === 'pending' ? 1 : 2;
    };
    for (const peering of pairPeerings) if (!best || rank(peering) < rank(best)) best = peering;
    return best;
  }

  pair(source: SubnetEntry, target: SubnetEntry): ReachPairDetail {
    const pairPeerings = this.between(source.vpc, target.vpc);
    const returnTable = target.table ? target.table.id : null;
    if (pairPeerings.length === 0) {
      const forward = this.forward(source, target);
      const reasons: ReachReason[] = forward.transitive ? ['TRANSITIVE', 'NOT_PEERED'] : ['NOT_PEERED'];
      return {
        from: source.subnet.id,
        to: target.subnet.id,
        status: 'unreachable',
        via: null,
        reasons,
        returnTable,
      };
    }
    const forward = this.forward(source, target);
    const via = this.via(pairPeerings, forward);
    const back = via ? (this.returnCounts(target, source).get(via.id) ?? 0) : 0;
    const returnOk = via && this.active.has(via) ? back : 0;
    const status: ReachStatus =
      forward.ok === 0
        ? 'unreachable'
        : returnOk === 0
          ? 'no-return'
          : forward.ok === target.size && returnOk === source.size
            ? 'reachable'
            : 'partial';
    const flags: Record<ReachReason, boolean> = {
      NO_ROUTE: forward.noRoute,
      PEERING_INACTIVE: forward.inactive || !pairPeerings.some((peering) => this.active.has(peering)),
      NO_RETURN_ROUTE: back < source.size,
      TRANSITIVE: forward.transitive,
      OVERRIDDEN: forward.overridden,
      NOT_PEERED: false,
    };
    return {
      from: source.subnet.id,
      to: target.subnet.id,
      status,
      via: via ? via.id : null,
      reasons: REACH_REASONS.filter((reason) => flags[reason]),
      returnTable,
    };
  }
}

/** The ordered pairs to list, as subnet entries (see the module comment for which). */
function* pairsToList(
  analysis: ReachabilityAnalysis,
  options: ReachOptions,
): Generator<[SubnetEntry, SubnetEntry]> {
  const sources = analysis.subnets.filter(
    (entry) => options.from === undefined || entry.subnet.id === options.from,
  );
  const targetFilter = (entry: SubnetEntry): boolean =>
    options.to === undefined || entry.subnet.id === options.to;
  if (options.scope === 'peered') {
    // Visit, for each source, only the VPCs peered with its own: unpeered VPC pairs cost nothing.
    const peersOf = new Map<Vpc, Vpc[]>();
    const planOrder = new Map([...analysis.subnetsByVpc.keys()].map((vpc, index) => [vpc, index]));
    for (const vpc of analysis.subnetsByVpc.keys()) {
      const peers = new Set<Vpc>();
      for (const peering of analysis.peeringsOf(vpc.id)) {
        const otherId = peering.requester === vpc.id ? peering.accepter : peering.requester;
        for (const other of analysis.vpcsWithId(otherId)) if (other !== vpc) peers.add(other);
      }
      peersOf.set(
        vpc,
        [...peers].sort((x, y) => planOrder.get(x)! - planOrder.get(y)!),
      );
    }
    for (const source of sources) {
      for (const peer of peersOf.get(source.vpc) ?? []) {
        for (const target of analysis.subnetsByVpc.get(peer) ?? [])
          if (targetFilter(target)) yield [source, target];
      }
    }
    return;
  }
  const targets = analysis.subnets.filter(targetFilter);
  for (const source of sources) {
    for (const target of targets) if (target.vpc !== source.vpc) yield [source, target];
  }
}

/** Reachability with the return table of each pair (for rules and the UI). */
export function computeReachabilityDetails(plan: Plan, options: ReachOptions = {}): ReachPairDetail[] {
  const analysis = new ReachabilityAnalysis(plan);
  const pairs: ReachPairDetail[] = [];
  for (const [source, target] of pairsToList(analysis, options)) pairs.push(analysis.pair(source, target));
  return pairs;
}

export function computeReachability(plan: Plan, options: ReachOptions = {}): ReachPair[] {
  return computeReachabilityDetails(plan, options).map(({ from, to, status, via, reasons }) => ({
    from,
    to,
    status,
    via,
    reasons,
  }));
}
