/**
 * Longest-prefix-match forwarding for one route table, as sorted disjoint address intervals.
 *
 * CIDR blocks nest or are disjoint, so a set of routes flattens into a sorted list of disjoint
 * segments, each owned by the most specific route that covers it: one stack sweep over the
 * routes sorted by start (wider first) builds it in O(n log n). A lookup is then a binary search,
 * and the question reachability asks, "for this subnet (an interval), which parts go where?", is
 * a binary search followed by a walk over the few segments inside the interval. No lookup ever
 * scans every route.
 *
 * Two rules of the cloud shape the table before the sweep:
 * - the local routes (the VPC's own CIDRs) always win for addresses of the VPC itself, so a plan
 *   route inside a local block (a `ROUTE_DEST_IN_VPC` error) never forwards anything;
 * - a disabled route (`enabled: false`) does not forward: it is left out, and whatever less
 *   specific route covers its block takes its addresses.
 * Two routes with the same destination (a `ROUTE_DUPLICATE` error): the first one in table
 * order wins, so the answer is deterministic.
 */
import { firstAtLeast } from '../net/sorted-search';

/** One entry of a forwarding table: an address interval and what it forwards to. */
export interface ForwardingEntry<T> {
  readonly start: number;
  readonly end: number;
  readonly prefix: number;
  readonly target: T;
}

/** A part of a queried interval and the entry that forwards it (null: no route covers it). */
export interface ForwardingSegment<T> {
  readonly start: number;
  readonly end: number;
  readonly target: T | null;
}

export class LongestPrefixMatch<T> {
  /** Segment i covers [starts[i], ends[i]] and forwards to targets[i]. */
  // Plain arrays rather than typed arrays: a route table has at most a few dozen segments, and
  // allocating thousands of tiny typed arrays costs more than it saves.
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly targets: T[] = [];

  /**
   * @param local blocks that always win (the VPC's own CIDRs), whatever their prefix length
   * @param routes the table's forwarding routes (already without the disabled ones), in table order
   */
  constructor(local: readonly ForwardingEntry<T>[], routes: readonly ForwardingEntry<T>[]) {
    // Routes inside a local block can never win: drop them, after which "innermost wins"
    // gives the local blocks their priority (a local block is innermost inside any route that
    // contains it). There are at most a handful of local blocks (a primary and 5 secondaries).
    const entries = [...local];
    for (const route of routes) {
      let insideLocal = false;
      for (const block of local) if (block.start <= route.start && route.end <= block.end) insideLocal = true;
      if (!insideLocal) entries.push(route);
    }
    // Sort by start, wider first; the sort is stable, so it keeps table order among equal
    // blocks, and the local blocks (listed first) ahead of any identical plan route.
    entries.sort((a, b) => a.start - b.start || a.prefix - b.prefix);

    const open: ForwardingEntry<T>[] = [];
    let cursor = 0;
    for (const entry of entries) {
      // Close every open block that ends before this one starts, emitting what is left of it.
      while (open.length > 0 && open[open.length - 1]!.end < entry.start) {
        const closing = open.pop()!;
        this.emit(cursor, closing.end, closing.target);
        cursor = closing.end + 1;
      }
      const enclosing = open[open.length - 1];
      if (enclosing !== undefined) {
        // The same block twice: the first one keeps it.
        if (enclosing.start === entry.start && enclosing.end === entry.end) continue;
        this.emit(cursor, entry.start - 1, enclosing.target);
      }
      cursor = entry.start;
      open.push(entry);
    }
    while (open.length > 0) {
      const closing = open.pop()!;
      this.emit(cursor, closing.end, closing.target);
      cursor = closing.end + 1;
    }
  }

  /** Appends a segment; adjacent segments with the same target merge (fewer, simpler answers). */
  private emit(start: number, end: number, target: T): void {
    if (start > end) return;
    const last = this.targets.length - 1;
    if (last >= 0 && this.ends[last]! + 1 === start && this.targets[last] === target) {
      this.ends[last] = end;
      return;
    }
    this.starts.push(start);
    this.ends.push(end);
    this.targets.push(target);
  }

  /** Number of disjoint forwarding segments. */
  get size(): number {
    return this.targets.length;
  }

  /** First address of segment `index`. */
  startOf(index: number): number {
    return this.starts[index]!;
  }

  /** Last address of segment `index`. */
  endOf(index: number): number {
    return this.ends[index]!;
  }

  /** What segment `index` forwards to. */
  targetOf(index: number): T {
    return this.targets[index]!;
  }

  /**
   * Index of the first segment that ends at or after `address` (size when none): with
   * `startOf`, `endOf` and `targetOf`, a walk over the segments of an interval that allocates
   * nothing, for hot loops.
   */
  firstEndingFrom(address: number): number {
    return firstAtLeast(this.ends, address);
  }

  /** The target that forwards `address`, or null when no route covers it. */
  lookup(address: number): T | null {
    const index = this.firstEndingFrom(address);
    if (index < this.size && this.starts[index]! <= address) return this.targets[index]!;
    return null;
  }

  /**
   * How the interval [start, end] is forwarded: consecutive segments that cover it exactly, in
   * address order, each with its target or null where no route covers it.
   */
  lookupRange(start: number, end: number): ForwardingSegment<T>[] {
    const segments: ForwardingSegment<T>[] = [];
    this.forEachSegment(start, end, (from, to, target) => segments.push({ start: from, end: to, target }));
    return segments;
  }

  /** The same walk as `lookupRange`, without allocating: `visit` is called once per segment. */
  forEachSegment(
    start: number,
    end: number,
    visit: (start: number, end: number, target: T | null) => void,
  ): void {
    let cursor = start;
    for (let index = this.firstEndingFrom(start); index < this.size && cursor <= end; index++) {
      const segmentStart = this.starts[index]!;
      if (segmentStart > end) break;
      if (segmentStart > cursor) visit(cursor, segmentStart - 1, null);
      const to = Math.min(end, this.ends[index]!);
      visit(Math.max(cursor, segmentStart), to, this.targets[index]!);
      cursor = to + 1;
    }
    if (cursor <= end) visit(cursor, end, null);
  }
}
