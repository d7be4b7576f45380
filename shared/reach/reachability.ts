/**
 * Reachability of subnet pairs (rules.md, "Reachability"; ccn.md, "Reachability"; the `reach`
 * JSON of cli.md).
 *
 * For an ordered pair S (VPC A) → T (VPC B), A ≠ B, A and B connected by peerings and by CCNs
 * both are attached to:
 * - forward: every address of T, looked up by longest prefix match in S's route table (local,
 *   plan and effective CCN routes: `ccn/routes.ts`), goes to an active peering between A and B,
 *   or to an effective CCN route published by B;
 * - return: every address of S, looked up in T's route table, goes back over that same
 *   connection (see below for a migration's mix).
 *
 * Everything is computed over address intervals: T's block is split by S's table into the parts
 * each route takes (a route can cover part of T; a more specific route can take part away), and
 * the parts are counted, never the addresses. The forward answer depends only on (S's table, T)
 * and the return answer only on (T's table, S), so both are computed once per such pair and
 * shared by every subnet of the table: the work grows with tables × subnets, not with
 * subnets × subnets, and a pair itself costs O(1) to combine. The walk goes VPC by VPC: for a
 * source VPC, its peers and fellow CCN members (or, for `scope: 'all'`, every other VPC), so the
 * connections between two VPCs are looked up once per VPC pair, and an unconnected pair only
 * asks whether the source table sends the target anywhere near a peering before concluding
 * `NOT_PEERED`.
 *
 * Which pairs are listed: by default every ordered pair of subnets in different VPCs (`scope:
 * 'all'`), so an unpeered pair shows `NOT_PEERED`; `scope: 'peered'` lists only pairs whose VPCs
 * have a peering between them (in any state), which is what the `ROUTE_RETURN_MISSING` rule
 * needs; `scope: 'connected'` also the pairs whose VPCs are attached to one CCN (in any state):
 * what the app's Reachability view and the diff compare; `scope: 'related'` (the `reach`
 * command's default, cli.md) lists those and the pairs whose VPCs route to one CCN, or where the
 * source subnet's table sends part of the target toward a peering (what shows `TRANSITIVE`): the
 * pairs a reviewer can act on, found through the peerings, the CCNs and an index of subnet
 * blocks, never by trying every pair. `from` / `to` keep the pairs from / to one subnet. A
 * subnet whose CIDR does not parse (`CIDR_INVALID`) is in no pair. Order: by source subnet, then
 * target subnet, in plan order.
 *
 * `reachPairs` is a generator: pairs are made one at a time as the caller takes them, so a
 * caller that streams them (the `reach` command) holds one source VPC's caches, never the list.
 *
 * Choices where rules.md and ccn.md are silent:
 * - `via` is the connection (a peering of A and B, or a CCN both are attached to) that carries
 *   the most forwarded addresses; when none carries any, the first, in plan order, of: an active
 *   peering, a CCN with both ends active, a pending peering, another peering, another CCN.
 *   With two peerings between A and B (a `PEERING_DUPLICATE` error), forward counts both.
 * - The return goes over `via`; in the middle of a migration it may come back over a connection
 *   of the other kind (a peering's replies through S's VPC's CCN route, a CCN's replies through
 *   an active A–B peering): the cloud's migration steps leave traffic asymmetric for a while and
 *   it flows. Between two peerings the return stays strict, as before CCNs.
 * - `NO_RETURN_ROUTE` is about routes: over a peering it is reported whenever part of S is not
 *   routed back in T's table, whatever the peering's state (a pending peering shows both what is
 *   inactive and what routes are missing); over a CCN, when a local or plan route of T's table
 *   takes part of S elsewhere, or nothing takes it and the CCN does not say why (below).
 * - `PEERING_INACTIVE`: part of T is routed to an A–B peering that is not active, or `via` is a
 *   peering and A and B are peered only by peerings that are not active.
 * - Part of T that no route takes, or that a CCN route takes toward another VPC: `CCN_ROUTE_INVALID`
 *   where B published it in a CCN where both are active and that CIDR is invalid by a conflict
 *   (it goes to the earlier publisher or nowhere); else `CCN_ATTACHMENT_INACTIVE` when A and B
 *   share a CCN where an end is pending, rejected or expired; else `NO_ROUTE`. `NO_ROUTE` is
 *   added whenever A and B have a peering, as a route to it could carry that part. The return
 *   over a CCN is the same test from T's side (S's invalid CIDRs, the same CCN's states).
 * - Part of T routed to a non-peering next hop (a NAT gateway…, or a CCN route toward another
 *   VPC) counts as `OVERRIDDEN` when a less specific route to an A–B peering, or B's CCN route,
 *   covers it, else as `NO_ROUTE` (or the CCN reasons above). Part of T routed to a peering
 *   that does not connect A and B is `TRANSITIVE` (and `OVERRIDDEN` too when an A–B route was
 *   shadowed). Part of T that falls in A's own CIDRs (a `PEERING_CIDR_OVERLAP` error, or VPCs
 *   on one CCN that overlap) stays local: `NO_ROUTE`.
 * - Without any peering or shared CCN between A and B the pair is `unreachable` with
 *   `NOT_PEERED` (and `TRANSITIVE` when S's table sends part of T to some other peering);
 *   `NO_ROUTE` is not added, as no route could help. A VPC peered with a CCN member but not
 *   attached itself is such a pair with the other members: peering is not transitive.
 */
import type { CcnRouting } from '../ccn/routes';
import { ccnRouting } from '../ccn/routes';
import type { Cidr } from '../net/cidr';
import { tryParseCidr } from '../net/cidr';
import { firstAtLeast } from '../net/sorted-search';
import type { Peering, Plan, Subnet, Vpc } from '../plan/model';
import { effectivePeeringState } from '../plan/peering';
import type { ForwardingTarget, ResolvedRouteTable } from '../routing/forwarding';
import { buildForwardingWithCcn, resolveRouteTables } from '../routing/forwarding';
import type { LongestPrefixMatch } from '../routing/lpm';

export type ReachStatus = 'reachable' | 'partial' | 'no-return' | 'unreachable';

export type ReachReason =
  | 'NO_ROUTE'
  | 'PEERING_INACTIVE'
  | 'NO_RETURN_ROUTE'
  | 'TRANSITIVE'
  | 'OVERRIDDEN'
  | 'NOT_PEERED'
  | 'CCN_ROUTE_INVALID'
  | 'CCN_ATTACHMENT_INACTIVE';

/** The order reasons are listed in (rules.md's order, then ccn.md's). */
export const REACH_REASONS: readonly ReachReason[] = [
  'NO_ROUTE',
  'PEERING_INACTIVE',
  'NO_RETURN_ROUTE',
  'TRANSITIVE',
  'OVERRIDDEN',
  'NOT_PEERED',
  'CCN_ROUTE_INVALID',
  'CCN_ATTACHMENT_INACTIVE',
];

export interface ReachPair {
  readonly from: string;
  readonly to: string;
  readonly status: ReachStatus;
  /** The peering or CCN between the two VPCs that the pair uses, when there is one. */
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
   * `connected`: pairs of VPCs that share a peering or are attached to one CCN (any state);
   * `related`: those, and the pairs a route sends toward.
   */
  readonly scope?: 'all' | 'peered' | 'connected' | 'related';
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
  readonly lpm: LongestPrefixMatch<ForwardingTarget>;
  /** Merged sorted intervals of the enabled routes to each peering ID. */
  readonly coverage: ReadonlyMap<string, Coverage>;
  /** Merged intervals of the effective CCN routes, per `ccnKey(ccn, publishing VPC)`. */
  readonly ccnCoverage: ReadonlyMap<string, Coverage>;
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
  /**
   * IDs of the CCNs it is related to: attached in any state, or a route of its tables sends to
   * (what `related` lists every pair of).
   */
  readonly ccns: readonly string[];
  /** The CCNs it is attached to (any state), each once, in plan order. */
  readonly memberships: readonly string[];
}

/** A CCN that both VPCs of a pair are attached to (in any state). */
interface CcnLink {
  readonly id: string;
  /** Both VPCs actively attached: the CCN routes between them exist. */
  readonly bothActive: boolean;
  /** The source VPC's invalid published CIDRs in this CCN (when both are active), for the return. */
  readonly sourceInvalid: Coverage | null;
  /** The target VPC's invalid published CIDRs in this CCN (when both are active), for the forward. */
  readonly targetInvalid: Coverage | null;
}

/** The connections of a VPC pair: its peerings (any state) and the CCNs both are attached to. */
interface PairLinks {
  readonly peerings: readonly Peering[];
  readonly ccns: readonly CcnLink[];
  /** The source and target VPC IDs (CCN routes name their publisher by ID). */
  readonly sourceId: string;
  readonly targetId: string;
}

interface Coverage {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

interface ForwardSummary {
  /** Forwarded addresses of T per peering of the VPC pair (aligned with its list); 0 if inactive. */
  readonly okByPeering: readonly number[];
  /** Forwarded addresses of T per CCN of the pair (aligned with its list). */
  readonly okByCcn: readonly number[];
  readonly ok: number;
  readonly noRoute: boolean;
  readonly inactive: boolean;
  readonly transitive: boolean;
  readonly overridden: boolean;
  readonly ccnInvalid: boolean;
  readonly ccnInactive: boolean;
}

/** How a table sends the addresses of S back: per connection of the pair, and why not through a CCN. */
interface ReturnSummary {
  /** Addresses routed back per peering of the pair, then per CCN (to the source VPC's CCN route). */
  readonly counts: readonly number[];
  /** Per CCN of the pair: a bit set of RETURN_INVALID, RETURN_INACTIVE, RETURN_MISSING. */
  readonly ccnFlags: readonly number[];
}

const RETURN_INVALID = 1;
const RETURN_INACTIVE = 2;
const RETURN_MISSING = 4;
const NO_FLAGS: readonly number[] = Object.freeze([]);

/** The key of a (CCN, VPC) pair in maps: cloud IDs never hold a NUL. */
function ccnKey(ccn: string, vpc: string): string {
  return `${ccn}\u0000${vpc}`;
}

/** How many addresses of [start, end] any of the coverages holds (usually none or one of them). */
function coveredCountOfAny(coverages: readonly Coverage[], start: number, end: number): number {
  if (coverages.length <= 1) return coverages.length === 0 ? 0 : coveredCount(coverages[0]!, start, end);
  const parts: Cidr[] = [];
  for (const coverage of coverages) {
    for (let k = firstAtLeast(coverage.ends, start); k < coverage.starts.length; k++) {
      if (coverage.starts[k]! > end) break;
      const from = Math.max(start, coverage.starts[k]!);
      parts.push({ start: from, end: Math.min(end, coverage.ends[k]!), prefix: 0 });
    }
  }
  const merged = mergedCoverage(parts);
  return coveredCount(merged, start, end);
}

/** How many addresses of [start, end] a coverage holds. */
function coveredCount(coverage: Coverage, start: number, end: number): number {
  let count = 0;
  for (let k = firstAtLeast(coverage.ends, start); k < coverage.starts.length; k++) {
    const from = coverage.starts[k]!;
    if (from > end) break;
    count += Math.min(end, coverage.ends[k]!) - Math.max(start, from) + 1;
  }
  return count;
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

/** Merged intervals of the effective CCN routes of a table, per (CCN, publishing VPC). */
function ccnCoverageOf(routes: ReturnType<CcnRouting['forTable']>['effective']): Map<string, Coverage> {
  const blocks = new Map<string, Cidr[]>();
  for (const route of routes) {
    const key = ccnKey(route.ccn, route.publisher);
    const list = blocks.get(key);
    if (list) list.push(route.block);
    else blocks.set(key, [route.block]);
  }
  const byKey = new Map<string, Coverage>();
  for (const [key, list] of blocks) byKey.set(key, mergedCoverage(list));
  return byKey;
}

/** The fallback order of `via`, by a peering's rank (active, pending, other); a CCN with both ends active is 1, another CCN 4. */
const PEERING_VIA_RANK: readonly number[] = Object.freeze([0, 2, 3]);
const NO_CCN_COVERAGE: ReadonlyMap<string, Coverage> = new Map();
const NO_CCN_LINKS: readonly CcnLink[] = Object.freeze([]);
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
  /** `ccnKey(ccn, vpc)` of every active member of a CCN. */
  private readonly activeMembers = new Set<string>();
  /** Merged intervals of the invalid CIDRs (`CCN_ROUTE_CONFLICT`) a VPC published, per `ccnKey(ccn, vpc)`. */
  private readonly invalidPublished = new Map<string, Coverage>();
  /** The CCN links of a VPC pair, by the two VPC entries (only for VPCs with memberships). */
  private readonly ccnLinkCache = new Map<VpcEntry, Map<VpcEntry, readonly CcnLink[]>>();
  private subnetIndex: SubnetBlockIndex | null = null;

  constructor(plan: Plan) {
    const { tableOfSubnet } = resolveRouteTables(plan);
    const peeringIds = new Set(plan.peerings.map((peering) => peering.id));
    const routing = ccnRouting(plan);
    const invalidBlocks = new Map<string, Cidr[]>();
    for (const { ccn, members, published } of routing.publications) {
      for (const member of members) this.activeMembers.add(ccnKey(ccn.id, member.id));
      for (const item of published) {
        if (item.valid) continue;
        const key = ccnKey(ccn.id, item.vpc);
        const list = invalidBlocks.get(key);
        if (list) list.push(item.block);
        else invalidBlocks.set(key, [item.block]);
      }
    }
    for (const [key, list] of invalidBlocks) this.invalidPublished.set(key, mergedCoverage(list));
    const membershipsOf = new Map<string, string[]>();
    for (const ccn of plan.ccns) {
      for (const attachment of ccn.attachments) {
        const list = membershipsOf.get(attachment.vpc);
        if (!list) membershipsOf.set(attachment.vpc, [ccn.id]);
        else if (!list.includes(ccn.id)) list.push(ccn.id);
      }
    }
    plan.vpcs.forEach((vpc, order) => {
      const tables = new Map<ResolvedRouteTable | null, TableEntry>();
      const tableEntry = (resolved: ResolvedRouteTable | null): TableEntry => {
        let entry = tables.get(resolved);
        if (!entry) {
          const { byPeering, anyPeering } = coverageOf(resolved, peeringIds);
          // A subnet served by no table gets no CCN route either; an implicit default table does.
          const ccnRoutes = resolved ? routing.forTable(vpc, resolved.table).effective : [];
          entry = {
            id: resolved ? resolved.id : null,
            lpm: buildForwardingWithCcn(vpc, resolved ? resolved.table : null, ccnRoutes),
            coverage: byPeering,
            ccnCoverage: ccnRoutes.length === 0 ? NO_CCN_COVERAGE : ccnCoverageOf(ccnRoutes),
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
      const memberships = membershipsOf.get(vpc.id) ?? [];
      const ccns = new Set<string>(memberships);
      for (const table of vpc.routeTables)
        for (const route of table.routes) if (route.nextHop.type === 'ccn') ccns.add(route.nextHop.id);
      const entry: VpcEntry = {
        vpc,
        order,
        subnets,
        tables: [...tables.values()],
        ccns: [...ccns],
        memberships,
      };
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

  /**
   * The VPCs sharing a CCN with `source`: attached to one CCN (any state), or, with `byRoute`,
   * also routed to one CCN (a route of each to it).
   */
  ccnPeersOf(source: VpcEntry, byRoute: boolean): Set<VpcEntry> {
    const peers = new Set<VpcEntry>();
    for (const ccn of byRoute ? source.ccns : source.memberships) {
      for (const member of this.vpcsByCcn.get(ccn)!)
        if (byRoute || member.memberships.includes(ccn)) peers.add(member);
    }
    peers.delete(source);
    return peers;
  }

  /** The CCNs both VPCs are attached to (any state), in plan order, with what the walk needs of each. */
  ccnLinks(source: VpcEntry, target: VpcEntry): readonly CcnLink[] {
    if (source.memberships.length === 0 || target.memberships.length === 0) return NO_CCN_LINKS;
    let bySource = this.ccnLinkCache.get(source);
    if (!bySource) this.ccnLinkCache.set(source, (bySource = new Map()));
    let links = bySource.get(target);
    if (links) return links;
    const list: CcnLink[] = [];
    for (const id of source.memberships) {
      if (!target.memberships.includes(id)) continue;
      const bothActive =
        this.activeMembers.has(ccnKey(id, source.vpc.id)) &&
        this.activeMembers.has(ccnKey(id, target.vpc.id));
      list.push({
        id,
        bothActive,
        sourceInvalid: bothActive ? (this.invalidPublished.get(ccnKey(id, source.vpc.id)) ?? null) : null,
        targetInvalid: bothActive ? (this.invalidPublished.get(ccnKey(id, target.vpc.id)) ?? null) : null,
      });
    }
    links = list.length === 0 ? NO_CCN_LINKS : list;
    bySource.set(target, links);
    return links;
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
  forward(table: TableEntry, target: SubnetEntry, links: PairLinks): ForwardSummary {
    const pairPeerings = links.peerings;
    const pairCcns = links.ccns;
    const okByPeering = pairPeerings.length === 1 ? [0] : pairPeerings.map(() => 0);
    const okByCcn = pairCcns.length === 0 ? NO_FLAGS : pairCcns.map(() => 0);
    let ok = 0;
    let noRoute = false;
    let inactive = false;
    let transitive = false;
    let overridden = false;
    let ccnInvalid = false;
    let ccnInactive = false;
    // Part of T that no route, or a CCN route toward another VPC, takes: why it does not get
    // there (ccn.md): T's VPC published it but its route is invalid, or an end of a shared CCN
    // is not actively attached; else there is simply no route.
    const unrouted = (start: number, end: number): void => {
      // A route to a peering of the pair could take it (with a CCN, there is no route to add).
      if (pairPeerings.length > 0) noRoute = true;
      if (pairCcns.length === 0) return;
      let inactiveLink = false;
      const invalidCoverages: Coverage[] = [];
      for (const link of pairCcns) {
        if (!link.bothActive) inactiveLink = true;
        else if (link.targetInvalid) invalidCoverages.push(link.targetInvalid);
      }
      const invalid = coveredCountOfAny(invalidCoverages, start, end);
      if (invalid > 0) ccnInvalid = true;
      if (invalid < end - start + 1) {
        if (inactiveLink) ccnInactive = true;
        else noRoute = true;
      }
    };
    // A manual walk over the table's segments (no callback): this runs for every pair of
    // (source table, target subnet) of every connected VPC pair.
    const { lpm } = table;
    const last = target.block.end;
    let cursor = target.block.start;
    for (let index = lpm.firstEndingFrom(cursor); index < lpm.size && cursor <= last; index++) {
      const segmentStart = lpm.startOf(index);
      if (segmentStart > last) break;
      if (segmentStart > cursor) unrouted(cursor, segmentStart - 1); // a gap: no route covers it
      const start = Math.max(cursor, segmentStart);
      const end = Math.min(last, lpm.endOf(index));
      cursor = end + 1;
      const hit = lpm.targetOf(index);
      if (hit.kind === 'local') {
        noRoute = true; // the part of T inside A's own CIDRs stays local
        continue;
      }
      if (hit.kind === 'ccn') {
        const position =
          hit.route.publisher === links.targetId
            ? pairCcns.findIndex((link) => link.id === hit.route.ccn)
            : -1;
        if (position >= 0) {
          ok += end - start + 1;
          (okByCcn as number[])[position]! += end - start + 1;
        } else if (this.shadowsPairRoute(table, links, start, end)) overridden = true;
        else unrouted(start, end);
        continue;
      }
      const route = hit.route;
      if (route.nextHop.type !== 'peering') {
        if (this.shadowsPairRoute(table, links, start, end)) overridden = true;
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
        if (this.shadowsPairRoute(table, links, start, end)) overridden = true;
        continue;
      }
      if (!this.isActive(peering)) {
        inactive = true;
        continue;
      }
      ok += end - start + 1;
      okByPeering[position]! += end - start + 1;
    }
    if (cursor <= last) unrouted(cursor, last);
    return { okByPeering, okByCcn, ok, noRoute, inactive, transitive, overridden, ccnInvalid, ccnInactive };
  }

  /**
   * Whether an enabled route of `table` to a peering of the pair, or an effective CCN route to
   * the target VPC, covers [start, end] too.
   */
  private shadowsPairRoute(table: TableEntry, links: PairLinks, start: number, end: number): boolean {
    for (const peering of links.peerings) {
      const coverage = table.coverage.get(peering.id);
      if (coverage && overlapsCoverage(coverage, start, end)) return true;
    }
    if (table.ccnCoverage.size === 0) return false;
    for (const link of links.ccns) {
      const coverage = table.ccnCoverage.get(ccnKey(link.id, links.targetId));
      if (coverage && overlapsCoverage(coverage, start, end)) return true;
    }
    return false;
  }

  /**
   * How a table of the target VPC sends the addresses of `source` back: per peering of the pair,
   * the addresses routed to it; per CCN of the pair, the addresses routed to the source VPC's
   * CCN route, and why the others are not (the same test as the forward one, from T's side).
   */
  returnCounts(table: TableEntry, source: SubnetEntry, links: PairLinks): ReturnSummary {
    const pairPeerings = links.peerings;
    const pairCcns = links.ccns;
    const size = pairPeerings.length + pairCcns.length;
    const counts = size === 1 ? [0] : new Array<number>(size).fill(0);
    const ccnFlags = pairCcns.length === 0 ? NO_FLAGS : pairCcns.map(() => 0);
    // Part of S that no route, or a CCN route not toward S's VPC through that CCN, takes.
    const unrouted = (k: number, start: number, end: number): void => {
      const link = pairCcns[k]!;
      let flags = 0;
      const invalid = link.sourceInvalid ? coveredCount(link.sourceInvalid, start, end) : 0;
      if (invalid > 0) flags |= RETURN_INVALID;
      if (invalid < end - start + 1) flags |= link.bothActive ? RETURN_MISSING : RETURN_INACTIVE;
      (ccnFlags as number[])[k]! |= flags;
    };
    const unroutedAll = (start: number, end: number): void => {
      for (let k = 0; k < pairCcns.length; k++) unrouted(k, start, end);
    };
    // Part of S that a local or plan route takes: not back through any CCN of the pair.
    const elsewhere = (): void => {
      for (let k = 0; k < pairCcns.length; k++) (ccnFlags as number[])[k]! |= RETURN_MISSING;
    };
    const { lpm } = table;
    const last = source.block.end;
    let cursor = source.block.start;
    for (let index = lpm.firstEndingFrom(cursor); index < lpm.size && cursor <= last; index++) {
      const segmentStart = lpm.startOf(index);
      if (segmentStart > last) break;
      if (segmentStart > cursor) unroutedAll(cursor, segmentStart - 1);
      const start = Math.max(cursor, segmentStart);
      const end = Math.min(last, lpm.endOf(index));
      cursor = end + 1;
      const hit = lpm.targetOf(index);
      if (hit.kind === 'ccn') {
        const back = hit.route.publisher === links.sourceId;
        for (let k = 0; k < pairCcns.length; k++) {
          if (back && pairCcns[k]!.id === hit.route.ccn) counts[pairPeerings.length + k]! += end - start + 1;
          else unrouted(k, start, end);
        }
        continue;
      }
      if (hit.kind !== 'route' || hit.route.nextHop.type !== 'peering') {
        elsewhere();
        continue;
      }
      const id = hit.route.nextHop.id;
      let backOverActivePeering = false;
      for (let k = 0; k < pairPeerings.length; k++) {
        if (pairPeerings[k]!.id !== id) continue;
        counts[k]! += end - start + 1;
        if (this.isActive(pairPeerings[k]!)) backOverActivePeering = true;
      }
      if (!backOverActivePeering) elsewhere();
    }
    if (cursor <= last) unroutedAll(cursor, last);
    return { counts, ccnFlags };
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

  /**
   * The connection a pair uses (see the module comment), as an index into the pair's peerings
   * followed by its CCNs: the one that carries the most addresses of T; else an active peering,
   * a CCN with both ends active, a pending peering, another peering, another CCN (plan order).
   */
  via(links: PairLinks, forward: ForwardSummary): number {
    let best = -1;
    let bestCount = 0;
    forward.okByPeering.forEach((count, k) => {
      if (count > bestCount) [best, bestCount] = [k, count];
    });
    const peerings = links.peerings.length;
    forward.okByCcn.forEach((count, k) => {
      if (count > bestCount) [best, bestCount] = [peerings + k, count];
    });
    if (best >= 0) return best;
    let bestRank = Infinity;
    for (let k = 0; k < peerings + links.ccns.length; k++) {
      const rank =
        k < peerings
          ? PEERING_VIA_RANK[this.rank.get(links.peerings[k]!)!]!
          : links.ccns[k - peerings]!.bothActive
            ? 1
            : 4;
      if (rank < bestRank) [best, bestRank] = [k, rank];
    }
    return best;
  }

  /** Combines the forward and return answers of one pair of a connected VPC pair. */
  pair(
    source: SubnetEntry,
    target: SubnetEntry,
    links: PairLinks,
    forward: ForwardSummary,
    back: ReturnSummary,
    only: ReachStatus | undefined,
  ): ReachPair | null {
    const pairPeerings = links.peerings;
    const via = this.via(links, forward);
    const viaPeering = via < pairPeerings.length ? pairPeerings[via]! : null;
    // Back over `via`, or, in the middle of a migration, over a connection of the other kind
    // (a peering's replies through the CCN, a CCN's replies through an active peering).
    let backCount = back.counts[via]!;
    if (links.ccns.length > 0) {
      if (viaPeering)
        for (let k = pairPeerings.length; k < back.counts.length; k++) backCount += back.counts[k]!;
      else
        for (let k = 0; k < pairPeerings.length; k++)
          if (this.isActive(pairPeerings[k]!)) backCount += back.counts[k]!;
    }
    const returnOk = viaPeering === null || this.isActive(viaPeering) ? backCount : 0;
    const status: ReachStatus =
      forward.ok === 0
        ? 'unreachable'
        : returnOk === 0
          ? 'no-return'
          : forward.ok === target.size && returnOk === source.size
            ? 'reachable'
            : 'partial';
    if (only !== undefined && status !== only) return null;
    const viaId = viaPeering ? viaPeering.id : links.ccns[via - pairPeerings.length]!.id;
    const ccnFlags = viaPeering ? 0 : back.ccnFlags[via - pairPeerings.length]!;
    const noActive = viaPeering !== null && !pairPeerings.some((peering) => this.isActive(peering));
    const noReturn = viaPeering ? backCount < source.size : (ccnFlags & RETURN_MISSING) !== 0;
    let reasons: ReachReason[] | readonly ReachReason[] = NO_REASONS;
    if (
      forward.noRoute ||
      forward.inactive ||
      noActive ||
      noReturn ||
      forward.transitive ||
      forward.overridden ||
      forward.ccnInvalid ||
      forward.ccnInactive ||
      ccnFlags !== 0
    ) {
      const list: ReachReason[] = [];
      if (forward.noRoute) list.push('NO_ROUTE');
      if (forward.inactive || noActive) list.push('PEERING_INACTIVE');
      if (noReturn) list.push('NO_RETURN_ROUTE');
      if (forward.transitive) list.push('TRANSITIVE');
      if (forward.overridden) list.push('OVERRIDDEN');
      if (forward.ccnInvalid || (ccnFlags & RETURN_INVALID) !== 0) list.push('CCN_ROUTE_INVALID');
      if (forward.ccnInactive || (ccnFlags & RETURN_INACTIVE) !== 0) list.push('CCN_ATTACHMENT_INACTIVE');
      reasons = list;
    }
    return { from: source.subnet.id, to: target.subnet.id, status, via: viaId, reasons };
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
    } else if (scope === 'connected') {
      const peered = new Map(peers.map(({ target, peerings }) => [target, peerings]));
      const connected = new Set([...peered.keys(), ...analysis.ccnPeersOf(sourceVpc, false)]);
      targetVpcs = [...connected]
        .sort((x, y) => x.order - y.order)
        .map((target) => ({ target, peerings: peered.get(target) ?? [], everyPair: true }));
    } else {
      const ccnPeers = analysis.ccnPeersOf(sourceVpc, true);
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
      const links: PairLinks = {
        peerings,
        ccns: analysis.ccnLinks(sourceVpc, target),
        sourceId: sourceVpc.vpc.id,
        targetId: target.vpc.id,
      };
      return {
        links,
        connected: peerings.length > 0 || links.ccns.length > 0,
        everyPair,
        targets,
        forward: new Array<ForwardSummary | undefined>(sourceVpc.tables.length * targets.length),
        back: new Array<ReturnSummary | undefined>(target.tables.length * sources.length),
      };
    });
    for (let s = 0; s < sources.length; s++) {
      const source = sources[s]!;
      for (const { links, connected, everyPair, targets, forward, back } of prepared) {
        for (let t = 0; t < targets.length; t++) {
          const target = targets[t]!;
          if (!everyPair && !overlapsCoverage(source.table.anyPeering, target.block.start, target.block.end))
            continue;
          cursor.returnTable = target.table.id;
          if (!connected) {
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
          const forwardSummary = (forward[forwardSlot] ??= analysis.forward(source.table, target, links));
          const backSlot = target.table.index * sources.length + s;
          const backSummary = (back[backSlot] ??= analysis.returnCounts(target.table, source, links));
          const pair = analysis.pair(source, target, links, forwardSummary, backSummary, only);
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
