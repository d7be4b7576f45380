/**
 * Proposals for new address blocks: the first block of a given size that is inside the allowed
 * ranges and clear of every block already taken. Taken blocks are merged into sorted intervals
 * once; the free gaps between them are walked in order and the first aligned block that fits
 * is returned, so the cost is O(n log n) in the number of taken blocks, never a scan of
 * candidate addresses.
 */
import type { Plan, Vpc } from '../plan/model';
import { blockSize, formatCidr, tryParseCidr } from '../net/cidr';
import type { Cidr } from '../net/cidr';

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
