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
 * subnets × subnets, and a pair itself costs O(1) to combine. The walk goes VPC by VPC: for a
 * source VPC, its peers (or, for `scope: 'all'`, every other VPC), so the peerings between two
 * VPCs are looked up once per VPC pair, and an unpeered pair only asks whether the source table
 * sends the target anywhere near a peering before concluding `NOT_PEERED`.
 *
 * Which pairs are listed: by default every ordered pair of subnets in different VPCs (`scope:
 * 'all'`), so an unpeered pair shows `NOT_PEERED`; `scope: 'peered'` lists only pairs whose VPCs
 * have a peering between them (in any state), which is what large plans and the
 * `ROUTE_RETURN_MISSING` rule need; `scope: 'related'` (the `reach` command's default, cli.md)
 * lists the pairs whose VPCs share a peering (any state) or a CCN (a route of each to the same
 * CCN), or where the source subnet's table sends part of the target toward a peering (what
 * shows `TRANSITIVE`): the pairs a reviewer can act on, found through the peerings, the CCNs and
 * an index of subnet blocks, never by trying every pair. `from` / `to` keep the pairs from / to
 * one subnet. A subnet whose CIDR does not parse (`CIDR_INVALID`) is in no pair. Order: by
 * source subnet, then target subnet, in plan order.
 *
 * `reachPairs` is a generator: pairs are made one at a time as the caller takes them, so a
 * caller that streams them (the `reach` command) holds one source VPC's caches, never the list.
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
import { firstAtLeast } from '../net/sorted-search';
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
  /**
   * `all` (default): every ordered cross-VPC pair; `peered`: only pairs of peered VPCs;
   * `related`: pairs of VPCs that share a peering or a CCN, or that a route sends toward.
   */
  readonly scope?: 'all' | 'peered' | 'related';
}

/** A subnet of the analysis, with its parsed block and the forwarding of its table. */
interface SubnetEntry {
  readonly subnet: Subnet;
  readonly block: Cidr;
  readonly size: number;
  readonly table: TableEntry;
}

/** A route table as the analysis uses it (or, for subnets served by none, the VPC's local routes). */
interface TableEntry {
  /** The plan's table ID; null when the subnets are served by no table. */
  readonly id: string | null;
  readonly lpm: LongestPrefixMatch<RouteTarget>;
  /** Merged sorted intervals of the enabled routes to each peering ID. */
  readonly coverage: ReadonlyMap<string, Coverage>;
  /** Position among its VPC's tables (a dense index for per-table arrays). */
  readonly index: number;
  /** Merged intervals of the enabled routes to any peering of the plan. */
  readonly anyPeering: Coverage;
}

interface VpcEntry {
  readonly vpc: Vpc;
  readonly order: number;
  readonly subnets: readonly SubnetEntry[];
  readonly tables: readonly TableEntry[];
  /** IDs of the CCNs its route tables send to (a VPC attached to a CCN routes to it). */
  readonly ccns: readonly string[];
}

interface Coverage {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

interface ForwardSummary {
  /** Forwarded addresses of T per peering of the VPC pair (aligned with its list); 0 if inactive. */
  readonly okByPeering: readonly number[];
  readonly ok: number;
  readonly noRoute: boolean;
  readonly inactive: boolean;
  readonly transitive: boolean;
  readonly overridden: boolean;
}

function overlapsCoverage(coverage: Coverage, start: number, end: number): boolean {
  // First interval ending at or after `start`; it overlaps when it starts by `end`.
  const first = firstAtLeast(coverage.ends, start);
  return first < coverage.starts.length && coverage.starts[first]! <= end;
}

/** Merged sorted intervals of CIDR blocks. */
function mergedCoverage(list: Cidr[]): Coverage {
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
  return { starts, ends };
}

function coverageOf(
  table: ResolvedRouteTable | null,
  peeringIds: ReadonlySet<string>,
): { byPeering: Map<string, Coverage>; anyPeering: Coverage } {
  const blocks = new Map<string, Cidr[]>();
  const toKnownPeerings: Cidr[] = [];
  for (const route of table?.table?.routes ?? []) {
    if (!route.enabled || route.nextHop.type !== 'peering') continue;
    const block = tryParseCidr(route.destination);
    if (!block) continue;
    const list = blocks.get(route.nextHop.id);
    if (list) list.push(block);
    else blocks.set(route.nextHop.id, [block]);
    if (peeringIds.has(route.nextHop.id)) toKnownPeerings.push(block);
  }
  const byPeering = new Map<string, Coverage>();
  for (const [peeringId, list] of blocks) byPeering.set(peeringId, mergedCoverage(list));
  return { byPeering, anyPeering: mergedCoverage(toKnownPeerings) };
}

/**
 * Subnet blocks by start address, to find the subnets a route's interval overlaps: those that
 * start inside it, and those that contain its first address (a CIDR containing an address starts
 * at that address masked to the CIDR's prefix: at most 32 lookups).
 */
class SubnetBlockIndex {
  private readonly starts: number[];
  private readonly byStart = new Map<number, SubnetEntry[]>();

  constructor(subnets: Iterable<SubnetEntry>) {
    for (const entry of subnets) {
      const list = this.byStart.get(entry.block.start);
      if (list) list.push(entry);
      else this.byStart.set(entry.block.start, [entry]);
    }
    this.starts = [...this.byStart.keys()].sort((x, y) => x - y);
  }

  /** Calls `visit` for every subnet overlapping [start, end] (a subnet may come more than once). */
  forEachOverlapping(start: number, end: number, visit: (entry: SubnetEntry) => void): void {
    for (let i = firstAtLeast(this.starts, start); i < this.starts.length && this.starts[i]! <= end; i++) {
      for (const entry of this.byStart.get(this.starts[i]!)!) visit(entry);
    }
    for (let prefix = 0; prefix < 32; prefix++) {
      const size = 2 ** (32 - prefix);
      const blockStart = Math.floor(start / size) * size;
      if (blockStart === start) continue;
      for (const entry of this.byStart.get(blockStart) ?? []) if (entry.block.end >= start) visit(entry);
    }
  }
}

const NOT_PEERED: readonly ReachReason[] = Object.freeze(['NOT_PEERED']);
const TRANSITIVE_NOT_PEERED: readonly ReachReason[] = Object.freeze(['TRANSITIVE', 'NOT_PEERED']);
const NO_REASONS: readonly ReachReason[] = Object.freeze([]);

/** The analysis state of one plan: VPCs with their subnets and tables, peerings by VPC. */
class ReachabilityAnalysis {
  readonly vpcs: VpcEntry[] = [];
  private readonly peeringById = new Map<string, Peering>();
  private readonly vpcsById = new Map<string, VpcEntry[]>();
  private readonly peeringsByVpcId = new Map<string, Peering[]>();
  private readonly rank = new Map<Peering, number>();
  private readonly vpcsByCcn = new Map<string, VpcEntry[]>();
  private readonly vpcOfSubnet = new Map<SubnetEntry, VpcEntry>();
  private subnetIndex: SubnetBlockIndex | null = null;

  constructor(plan: Plan) {
    const { tableOfSubnet } = resolveRouteTables(plan);
    const peeringIds = new Set(plan.peerings.map((peering) => peering.id));
    plan.vpcs.forEach((vpc, order) => {
      const tables = new Map<ResolvedRouteTable | null, TableEntry>();
      const tableEntry = (resolved: ResolvedRouteTable | null): TableEntry => {
        let entry = tables.get(resolved);
        if (!entry) {
          const { byPeering, anyPeering } = coverageOf(resolved, peeringIds);
          entry = {
            id: resolved ? resolved.id : null,
            lpm: buildForwarding(vpc, resolved ? resolved.table : null),
            coverage: byPeering,
            index: tables.size,
            anyPeering,
          };
          tables.set(resolved, entry);
        }
        return entry;
      };
      const subnets: SubnetEntry[] = [];
      for (const subnet of vpc.subnets) {
        const block = tryParseCidr(subnet.cidr);
        if (!block) continue;
        const served = tableOfSubnet.get(subnet.id);
        subnets.push({
          subnet,
          block,
          size: block.end - block.start + 1,
          table: tableEntry(served && served.vpc === vpc ? served : null),
        });
      }
      const ccns = new Set<string>();
      for (const table of vpc.routeTables)
        for (const route of table.routes) if (route.nextHop.type === 'ccn') ccns.add(route.nextHop.id);
      const entry: VpcEntry = { vpc, order, subnets, tables: [...tables.values()], ccns: [...ccns] };
      for (const subnet of subnets) this.vpcOfSubnet.set(subnet, entry);
      for (const ccn of ccns) {
        const members = this.vpcsByCcn.get(ccn);
        if (members) members.push(entry);
        else this.vpcsByCcn.set(ccn, [entry]);
      }
      this.vpcs.push(entry);
      const sameId = this.vpcsById.get(vpc.id);
      if (sameId) sameId.push(entry);
      else this.vpcsById.set(vpc.id, [entry]);
    });
    for (const peering of plan.peerings) {
      if (!this.peeringById.has(peering.id)) this.peeringById.set(peering.id, peering);
      const state = effectivePeeringState(peering, plan.asOf);
      this.rank.set(peering, state === 'active' ? 0 : state === 'pending' ? 1 : 2);
      if (peering.requester === peering.accepter) continue;
      for (const end of [peering.requester, peering.accepter]) {
        const ofEnd = this.peeringsByVpcId.get(end);
        if (ofEnd) ofEnd.push(peering);
        else this.peeringsByVpcId.set(end, [peering]);
      }
    }
  }

  private isActive(peering: Peering): boolean {
    return this.rank.get(peering) === 0;
  }

  /** The VPCs peered with `source` (in any state), in plan order, each with the peerings between. */
  peersOf(source: VpcEntry): { target: VpcEntry; peerings: Peering[] }[] {
    const byTarget = new Map<VpcEntry, Peering[]>();
    for (const peering of this.peeringsByVpcId.get(source.vpc.id) ?? []) {
      const otherId = peering.requester === source.vpc.id ? peering.accepter : peering.requester;
      for (const target of this.vpcsById.get(otherId) ?? []) {
        if (target === source) continue;
        const list = byTarget.get(target);
        if (list) list.push(peering);
        else byTarget.set(target, [peering]);
      }
    }
    return [...byTarget]
      .sort(([x], [y]) => x.order - y.order)
      .map(([target, peerings]) => ({ target, peerings }));
  }

  /** The VPCs sharing a CCN with `source`. */
  ccnPeersOf(source: VpcEntry): Set<VpcEntry> {
    const peers = new Set<VpcEntry>();
    for (const ccn of source.ccns) for (const member of this.vpcsByCcn.get(ccn)!) peers.add(member);
    peers.delete(source);
    return peers;
  }

  /** The VPCs with a subnet that a table of `source` routes toward a peering (any part of it). */
  routedTargetsOf(source: VpcEntry): Set<VpcEntry> {
    this.subnetIndex ??= new SubnetBlockIndex(this.vpcs.flatMap((entry) => entry.subnets));
    const index = this.subnetIndex;
    const targets = new Set<VpcEntry>();
    for (const table of source.tables) {
      const { starts, ends } = table.anyPeering;
      for (let k = 0; k < starts.length; k++) {
        index.forEachOverlapping(starts[k]!, ends[k]!, (entry) => targets.add(this.vpcOfSubnet.get(entry)!));
      }
    }
    targets.delete(source);
    return targets;
  }

  /** How a table of the source VPC forwards the addresses of `target`, a subnet of the peer VPC. */
  forward(table: TableEntry, target: SubnetEntry, pairPeerings: readonly Peering[]): ForwardSummary {
    const okByPeering = pairPeerings.length === 1 ? [0] : pairPeerings.map(() => 0);
    let ok = 0;
    let noRoute = false;
    let inactive = false;
    let transitive = false;
    let overridden = false;
    // A manual walk over the table's segments (no callback): this runs for every pair of
    // (source table, target subnet) of every peered VPC pair.
    const { lpm } = table;
    const last = target.block.end;
    let cursor = target.block.start;
    for (let index = lpm.firstEndingFrom(cursor); index < lpm.size && cursor <= last; index++) {
      const segmentStart = lpm.startOf(index);
      if (segmentStart > last) break;
      if (segmentStart > cursor) noRoute = true; // a gap: no route covers it
      const start = Math.max(cursor, segmentStart);
      const end = Math.min(last, lpm.endOf(index));
      cursor = end + 1;
      const hit = lpm.targetOf(index);
      const route = hit.kind === 'route' ? hit.route : null;
      if (!route) {
        noRoute = true; // the part of T inside A's own CIDRs stays local
        continue;
      }
      if (route.nextHop.type !== 'peering') {
        if (this.shadowsPairRoute(table, pairPeerings, start, end)) overridden = true;
        else noRoute = true;
        continue;
      }
      const peering = this.peeringById.get(route.nextHop.id);
      if (!peering) {
        noRoute = true;
        continue;
      }
      const position = pairPeerings.indexOf(peering);
      if (position < 0) {
        transitive = true;
        if (this.shadowsPairRoute(table, pairPeerings, start, end)) overridden = true;
        continue;
      }
      if (!this.isActive(peering)) {
        inactive = true;
        continue;
      }
      ok += end - start + 1;
      okByPeering[position]! += end - start + 1;
    }
    if (cursor <= last) noRoute = true;
    return { okByPeering, ok, noRoute, inactive, transitive, overridden };
  }

  /** Whether an enabled route of `table` to a peering of the pair covers [start, end] too. */
  private shadowsPairRoute(
    table: TableEntry,
    pairPeerings: readonly Peering[],
    start: number,
    end: number,
  ): boolean {
    for (const peering of pairPeerings) {
      const coverage = table.coverage.get(peering.id);
      if (coverage && overlapsCoverage(coverage, start, end)) return true;
    }
    return false;
  }

  /** Per peering of the pair: how many addresses of `source` the `table` routes back to it. */
  returnCounts(table: TableEntry, source: SubnetEntry, pairPeerings: readonly Peering[]): number[] {
    const counts = pairPeerings.length === 1 ? [0] : pairPeerings.map(() => 0);
    const { lpm } = table;
    const last = source.block.end;
    let cursor = source.block.start;
    for (let index = lpm.firstEndingFrom(cursor); index < lpm.size && cursor <= last; index++) {
      const segmentStart = lpm.startOf(index);
      if (segmentStart > last) break;
      const start = Math.max(cursor, segmentStart);
      const end = Math.min(last, lpm.endOf(index));
      cursor = end + 1;
      const hit = lpm.targetOf(index);
      if (hit.kind !== 'route' || hit.route.nextHop.type !== 'peering') continue;
      const id = hit.route.nextHop.id;
      for (let k = 0; k < pairPeerings.length; k++)
        if (pairPeerings[k]!.id === id) counts[k]! += end - start + 1;
    }
    return counts;
  }

  /** Whether a table sends any part of `target` to a peering (for an unpeered pair: TRANSITIVE). */
  sendsToSomePeering(table: TableEntry, target: SubnetEntry): boolean {
    if (table.coverage.size === 0) return false;
    let found = false;
    table.lpm.forEachSegment(target.block.start, target.block.end, (_start, _end, hit) => {
      if (
        hit?.kind === 'route' &&
        hit.route.nextHop.type === 'peering' &&
        this.peeringById.has(hit.route.nextHop.id)
      ) {
        found = true;
      }
    });
    return found;
  }

  /** The chosen peering of a pair (see the module comment), as an index into `pairPeerings`. */
  via(pairPeerings: readonly Peering[], forward: ForwardSummary): number {
    let best = -1;
    let bestCount = 0;
    forward.okByPeering.forEach((count, k) => {
      if (count > bestCount) [best, bestCount] = [k, count];
    });
    if (best >= 0) return best;
    best = 0;
    for (let k = 1; k < pairPeerings.length; k++) {
      if (this.rank.get(pairPeerings[k]!)! < this.rank.get(pairPeerings[best]!)!) best = k;
    }
    return best;
  }

  /** Combines the forward and return answers of one pair of a peered VPC pair. */
  pair(
    source: SubnetEntry,
    target: SubnetEntry,
    pairPeerings: readonly Peering[],
    forward: ForwardSummary,
    back: readonly number[],
    only: ReachStatus | undefined,
  ): ReachPair | null {
    const via = this.via(pairPeerings, forward);
    const viaPeering = pairPeerings[via]!;
    const backCount = back[via]!;
    const returnOk = this.isActive(viaPeering) ? backCount : 0;
    const status: ReachStatus =
      forward.ok === 0
        ? 'unreachable'
        : returnOk === 0
          ? 'no-return'
          : forward.ok === target.size && returnOk === source.size
            ? 'reachable'
            : 'partial';
    if (only !== undefined && status !== only) return null;
    const noActive = !pairPeerings.some((peering) => this.isActive(peering));
    let reasons: ReachReason[] | readonly ReachReason[] = NO_REASONS;
    if (
      forward.noRoute ||
      forward.inactive ||
      noActive ||
      backCount < source.size ||
      forward.transitive ||
      forward.overridden
    ) {
      const list: ReachReason[] = [];
      if (forward.noRoute) list.push('NO_ROUTE');
      if (forward.inactive || noActive) list.push('PEERING_INACTIVE');
      if (backCount < source.size) list.push('NO_RETURN_ROUTE');
      if (forward.transitive) list.push('TRANSITIVE');
      if (forward.overridden) list.push('OVERRIDDEN');
      reasons = list;
    }
    return { from: source.subnet.id, to: target.subnet.id, status, via: viaPeering.id, reasons };
  }
}

/** Where a walk is: the route table that serves the target of the pair just yielded. */
interface WalkCursor {
  returnTable: string | null;
}

/**
 * The listed pairs, in order, made as they are taken. With `only`, just the pairs of that status
 * (the others are never built). `cursor.returnTable` names, at each pair, the ID of the route
 * table that serves the target subnet (where the return route belongs; null when no table does).
 */
function* walkReachPairs(
  plan: Plan,
  options: ReachOptions,
  only: ReachStatus | undefined,
  cursor: WalkCursor,
): Generator<ReachPair, void, undefined> {
  const analysis = new ReachabilityAnalysis(plan);
  const keepSource = (entry: SubnetEntry) => options.from === undefined || entry.subnet.id === options.from;
  const keepTarget = (entry: SubnetEntry) => options.to === undefined || entry.subnet.id === options.to;
  const scope = options.scope ?? 'all';
  for (const sourceVpc of analysis.vpcs) {
    const sources = options.from === undefined ? sourceVpc.subnets : sourceVpc.subnets.filter(keepSource);
    if (sources.length === 0) continue;
    const peers = analysis.peersOf(sourceVpc);
    // The target VPCs of this source VPC, in plan order, each with the peerings between; for
    // `related`, whether they share a CCN (else only the pairs a route sends toward are listed).
    let targetVpcs: { target: VpcEntry; peerings: readonly Peering[]; everyPair: boolean }[];
    if (scope === 'peered') targetVpcs = peers.map((peer) => ({ ...peer, everyPair: true }));
    else if (scope === 'all') {
      const peered = new Map(peers.map(({ target, peerings }) => [target, peerings]));
      targetVpcs = analysis.vpcs
        .filter((target) => target !== sourceVpc)
        .map((target) => ({ target, peerings: peered.get(target) ?? [], everyPair: true }));
    } else {
      const ccnPeers = analysis.ccnPeersOf(sourceVpc);
      const peered = new Map(peers.map(({ target, peerings }) => [target, peerings]));
      const related = new Set([...peered.keys(), ...ccnPeers, ...analysis.routedTargetsOf(sourceVpc)]);
      targetVpcs = [...related]
        .sort((x, y) => x.order - y.order)
        .map((target) => {
          const peerings = peered.get(target) ?? [];
          return { target, peerings, everyPair: peerings.length > 0 || ccnPeers.has(target) };
        });
    }
    // Per target VPC: forward summaries per (source table, target subnet) and return counts per
    // (target table, source subnet), computed on first use and shared by the subnets of a table.
    const prepared = targetVpcs.map(({ target, peerings, everyPair }) => {
      const targets = options.to === undefined ? target.subnets : target.subnets.filter(keepTarget);
      return {
        peerings,
        everyPair,
        targets,
        forward: new Array<ForwardSummary | undefined>(sourceVpc.tables.length * targets.length),
        back: new Array<number[] | undefined>(target.tables.length * sources.length),
      };
    });
    for (let s = 0; s < sources.length; s++) {
      const source = sources[s]!;
      for (const { peerings, everyPair, targets, forward, back } of prepared) {
        for (let t = 0; t < targets.length; t++) {
          const target = targets[t]!;
          if (!everyPair && !overlapsCoverage(source.table.anyPeering, target.block.start, target.block.end))
            continue;
          cursor.returnTable = target.table.id;
          if (peerings.length === 0) {
            if (only !== undefined && only !== 'unreachable') continue;
            const transitive = analysis.sendsToSomePeering(source.table, target);
            yield {
              from: source.subnet.id,
              to: target.subnet.id,
              status: 'unreachable',
              via: null,
              reasons: transitive ? TRANSITIVE_NOT_PEERED : NOT_PEERED,
            };
            continue;
          }
          const forwardSlot = source.table.index * targets.length + t;
          const forwardSummary = (forward[forwardSlot] ??= analysis.forward(source.table, target, peerings));
          const backSlot = target.table.index * sources.length + s;
          const backCounts = (back[backSlot] ??= analysis.returnCounts(target.table, source, peerings));
          const pair = analysis.pair(source, target, peerings, forwardSummary, backCounts, only);
          if (pair) yield pair;
        }
      }
    }
  }
}

/** The listed pairs (see the module comment), one at a time: a caller can stream any number. */
export function reachPairs(plan: Plan, options: ReachOptions = {}): Generator<ReachPair, void, undefined> {
  return walkReachPairs(plan, options, undefined, { returnTable: null });
}

/**
 * Calls `visit` for every listed pair, in order, with the ID of the route table that serves the
 * target subnet (where the return route belongs; null when no table serves it). With `only`,
 * just the pairs of that status (the others are never built: what a rule that looks for one
 * status needs on a large plan).
 */
export function forEachReachPair(
  plan: Plan,
  options: ReachOptions,
  visit: (pair: ReachPair, returnTable: string | null) => void,
  only?: ReachStatus,
): void {
  const cursor: WalkCursor = { returnTable: null };
  for (const pair of walkReachPairs(plan, options, only, cursor)) visit(pair, cursor.returnTable);
}

export function computeReachability(plan: Plan, options: ReachOptions = {}): ReachPair[] {
  return [...reachPairs(plan, options)];
}
