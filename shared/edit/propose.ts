/**
 * Proposals for new address blocks: the first block of a given size that is inside the allowed
 * ranges and clear of every block already taken. Taken blocks are merged into sorted intervals
 * once; the free gaps between them are walked in order and the first aligned block that fits
 * is returned, so the cost is O(n log n) in the number of taken blocks, never a scan of
 * candidate addresses.
 */
import type { Plan, Route, Vpc } from '../plan/model';
import { blockSize, cidrOverlaps, formatCidr, tryParseCidr } from '../net/cidr';
import type { Cidr } from '../net/cidr';
import { effectivePeeringState } from '../plan/peering';
import { suggestRoutes } from '../routing/suggest';
import { vpcBlocks as cidrsOf } from '../routing/forwarding';
import { findRouteTableOwner } from './operations';

/** The private ranges a VPC CIDR may come from, with the prefixes allowed in each (rules.md). */
export const VPC_CIDR_RANGES: readonly {
  readonly range: string;
  readonly minPrefix: number;
  readonly maxPrefix: number;
}[] = [
  { range: '10.0.0.0/8', minPrefix: 12, maxPrefix: 28 },
  { range: '172.16.0.0/12', minPrefix: 12, maxPrefix: 28 },
  { range: '192.168.0.0/16', minPrefix: 16, maxPrefix: 28 },
];

export const SUBNET_MIN_PREFIX = 16;
export const SUBNET_MAX_PREFIX = 28;

interface Interval {
  start: number;
  end: number;
}

/** Sorts and merges blocks into disjoint intervals. */
export function mergeIntervals(blocks: readonly Interval[]): Interval[] {
  const sorted = [...blocks].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const block of sorted) {
    const last = merged[merged.length - 1];
    if (last && block.start <= last.end + 1) last.end = Math.max(last.end, block.end);
    else merged.push({ start: block.start, end: block.end });
  }
  return merged;
}

/**
 * The first block of `prefix` inside `within` that overlaps no interval of `taken` (merged,
 * sorted). Walks the gaps between taken intervals and aligns up inside each gap.
 */
export function firstFreeBlock(within: Cidr, prefix: number, taken: readonly Interval[]): Cidr | null {
  if (prefix < within.prefix || prefix > 32) return null;
  const size = blockSize(prefix);
  let cursor = within.start;
  const alignUp = (address: number): number => Math.ceil(address / size) * size;
  for (const interval of taken) {
    if (interval.end < within.start) continue;
    if (interval.start > within.end) break;
    const candidate = alignUp(cursor);
    if (candidate + size - 1 < interval.start) return { start: candidate, end: candidate + size - 1, prefix };
    cursor = Math.max(cursor, interval.end + 1);
  }
  const candidate = alignUp(cursor);
  if (candidate + size - 1 <= within.end) return { start: candidate, end: candidate + size - 1, prefix };
  return null;
}

/** Every CIDR of every VPC in the plan that parses (the invalid ones take nothing). */
function vpcBlocks(plan: Plan): Cidr[] {
  const blocks: Cidr[] = [];
  for (const vpc of plan.vpcs) {
    for (const text of [vpc.cidr, ...vpc.secondaryCidrs]) {
      const cidr = tryParseCidr(text);
      if (cidr) blocks.push(cidr);
    }
  }
  return blocks;
}

/**
 * The next free VPC CIDR of `prefix` (default /16) clear of every VPC in the plan, trying the
 * allowed ranges in order (10/8, 172.16/12, 192.168/16). Null when none is left.
 */
export function proposeVpcCidr(plan: Plan, prefix = 16): string | null {
  const taken = mergeIntervals(vpcBlocks(plan));
  for (const { range, minPrefix, maxPrefix } of VPC_CIDR_RANGES) {
    if (prefix < minPrefix || prefix > maxPrefix) continue;
    const block = firstFreeBlock(tryParseCidr(range)!, prefix, taken);
    if (block) return formatCidr(block);
  }
  return null;
}

/**
 * The next free subnet block of `prefix` (default /24) inside the VPC's primary or secondary
 * CIDRs, clear of its subnets. Null when the VPC has no room (or no valid CIDR).
 */
export function proposeSubnetCidr(vpc: Vpc, prefix = 24): string | null {
  if (prefix < SUBNET_MIN_PREFIX || prefix > SUBNET_MAX_PREFIX) return null;
  const taken = mergeIntervals(
    vpc.subnets.map((s) => tryParseCidr(s.cidr)).filter((c): c is Cidr => c !== null),
  );
  for (const text of [vpc.cidr, ...vpc.secondaryCidrs]) {
    const within = tryParseCidr(text);
    if (!within) continue;
    const block = firstFreeBlock(within, Math.max(prefix, within.prefix), taken);
    if (block) return formatCidr(block);
  }
  return null;
}

/**
 * What "Add route" adds to a route table: the next route that is actually missing, never one
 * that repeats a destination of the table (ROUTE_DUPLICATE compares blocks, whatever the next
 * hop) and never a next hop the plan does not have.
 *
 * In order: the table's first missing route as `suggestRoutes` sees it (an active peering whose
 * peer CIDRs its subnets cannot reach yet); then, for a table those rules skip (no subnet of its
 * own), a CIDR of a peer of its VPC (active, then pending peerings) that no route of the table
 * has as destination. Otherwise an empty row (no destination, no next hop) for the user to fill
 * in — unless the table already holds one, which is then the row to fill (`existing`).
 */
export type RouteProposal =
  | { readonly kind: 'route'; readonly route: Route }
  | { readonly kind: 'empty'; readonly route: Route }
  | { readonly kind: 'existing'; readonly index: number };

export const EMPTY_ROUTE: Route = { destination: '', nextHop: { type: 'peering', id: '' }, enabled: true };

export function proposeRoute(plan: Plan, routeTableId: string): RouteProposal | null {
  const owner = findRouteTableOwner(plan, routeTableId);
  if (!owner) return null;
  const { vpc, table } = owner;
  const taken = new Set<string>();
  for (const route of table.routes) taken.add(destinationKey(route.destination));
  const free = (destination: string): boolean => !taken.has(destinationKey(destination));

  for (const suggestion of suggestRoutes(plan)) {
    if (suggestion.routeTable !== routeTableId || !free(suggestion.destination)) continue;
    return {
      kind: 'route',
      route: { destination: suggestion.destination, nextHop: suggestion.nextHop, enabled: true },
    };
  }
  const ownBlocks = cidrsOf(vpc);
  const vpcById = new Map<string, Vpc>();
  for (const v of plan.vpcs) if (!vpcById.has(v.id)) vpcById.set(v.id, v);
  for (const wanted of ['active', 'pending'] as const) {
    for (const peering of plan.peerings) {
      if (peering.requester !== vpc.id && peering.accepter !== vpc.id) continue;
      if (effectivePeeringState(peering, plan.asOf) !== wanted) continue;
      const peer = vpcById.get(peering.requester === vpc.id ? peering.accepter : peering.requester);
      if (!peer || peer.id === vpc.id) continue;
      for (const block of cidrsOf(peer)) {
        // A peer block overlapping this VPC cannot be routed (the local route wins).
        if (ownBlocks.some((own) => cidrOverlaps(own, block))) continue;
        const destination = formatCidr(block);
        if (free(destination))
          return {
            kind: 'route',
            route: { destination, nextHop: { type: 'peering', id: peering.id }, enabled: true },
          };
      }
    }
  }
  const emptyIndex = table.routes.findIndex((route) => route.destination.trim() === '');
  if (emptyIndex >= 0) return { kind: 'existing', index: emptyIndex };
  return { kind: 'empty', route: EMPTY_ROUTE };
}

/** Destinations compared as ROUTE_DUPLICATE compares them: as blocks, or as text when they do not parse. */
function destinationKey(destination: string): string {
  const block = tryParseCidr(destination.trim());
  return block ? `${block.start}/${block.prefix}` : `text:${destination}`;
}
