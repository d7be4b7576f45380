/**
 * A lookup structure over many owned CIDR blocks (e.g. every VPC CIDR of a plan): which blocks
 * overlap a query block? Built once in O(n log n); each query is O(33 + k log n) for k hits.
 *
 * Since blocks nest or are disjoint, the blocks overlapping a query Q are its ancestors (blocks
 * containing Q, at most one per prefix length: found by exact lookup of Q's enclosing block at
 * each prefix length present) and its descendants (blocks inside Q: a contiguous run of the
 * list sorted by start, found by binary search).
 */
import { blockSize, cidrOverlaps, compareCidrs, setsOverlap } from '../net/cidr';
import type { Cidr, OwnedCidr } from '../net/cidr';
import type { CidrColumns } from '../net/cidr-columns';
import { firstAtLeast } from '../net/sorted-search';

export class CidrIndex<T> {
  private readonly sorted: OwnedCidr<T>[];
  private readonly starts: number[];
  /** Exact blocks, by prefix length then network address. */
  private readonly byPrefix = new Map<number, Map<number, OwnedCidr<T>[]>>();

  constructor(blocks: readonly OwnedCidr<T>[]) {
    this.sorted = [...blocks].sort((a, b) => compareCidrs(a.cidr, b.cidr));
    this.starts = this.sorted.map((b) => b.cidr.start);
    for (const block of this.sorted) {
      let atPrefix = this.byPrefix.get(block.cidr.prefix);
      if (!atPrefix) this.byPrefix.set(block.cidr.prefix, (atPrefix = new Map()));
      const list = atPrefix.get(block.cidr.start);
      if (list) list.push(block);
      else atPrefix.set(block.cidr.start, [block]);
    }
  }

  /**
   * Calls `visit` for every block overlapping `query` (ancestors first, then descendants) until
   * it returns true; returns whether one did.
   */
  someOverlapping(query: Cidr, visit: (block: OwnedCidr<T>) => boolean): boolean {
    for (const [prefix, atPrefix] of this.byPrefix) {
      if (prefix >= query.prefix) continue; // same-size and smaller blocks come from the sorted run
      const size = blockSize(prefix);
      const enclosing = atPrefix.get(query.start - (query.start % size));
      if (enclosing) for (const block of enclosing) if (visit(block)) return true;
    }
    // Blocks starting inside the query lie inside it (or equal it), except the wider blocks that
    // start at the same address: those are ancestors, already visited above.
    for (
      let i = firstAtLeast(this.starts, query.start);
      i < this.sorted.length && this.starts[i]! <= query.end;
      i++
    ) {
      const block = this.sorted[i]!;
      if (block.cidr.prefix >= query.prefix && visit(block)) return true;
    }
    return false;
  }

  /** Every block overlapping `query`. */
  overlapping(query: Cidr): OwnedCidr<T>[] {
    const hits: OwnedCidr<T>[] = [];
    this.someOverlapping(query, (block) => {
      hits.push(block);
      return false;
    });
    return hits;
  }
}

/**
 * Whether any block of `a` overlaps any block of `b`. A VPC has a handful of CIDRs (a primary and
 * at most five secondaries), so small sets are compared directly, without the sorting and copying
 * of `setsOverlap`; larger sets take the sorted merge.
 */
export function anyOverlap(a: readonly Cidr[], b: readonly Cidr[]): boolean {
  if (a.length * b.length > 64) return setsOverlap(a, b);
  for (const x of a) for (const y of b) if (cidrOverlaps(x, y)) return true;
  return false;
}

/** Whether `cidr` overlaps any block of `blocks` (a VPC's few CIDRs): no copy, no sort. */
export function overlapsAny(cidr: Cidr, blocks: readonly Cidr[]): boolean {
  for (const block of blocks) if (cidrOverlaps(cidr, block)) return true;
  return false;
}

/**
 * The same lookup over the ok blocks of a `CidrColumns` (e.g. every VPC CIDR of a plan, as the
 * rule index holds them), answering with block positions: the blocks sorted by start (wider
 * first) in typed arrays; the ancestors of a query are found by binary search for the enclosing
 * block at each prefix length present, its descendants as the contiguous run that starts inside
 * it. Nothing is allocated per block or per query.
 */
export class ColumnIndex {
  private readonly order: Int32Array;
  private readonly starts: Float64Array;
  private readonly prefixes: Uint8Array;
  private readonly prefixPresent = new Uint8Array(33);

  constructor(blocks: CidrColumns) {
    const ok: number[] = [];
    for (let i = 0; i < blocks.length; i++) if (blocks.ok(i)) ok.push(i);
    const { start, prefix } = blocks;
    this.order = Int32Array.from(ok).sort((a, b) => start[a]! - start[b]! || prefix[a]! - prefix[b]!);
    this.starts = new Float64Array(this.order.length);
    this.prefixes = new Uint8Array(this.order.length);
    for (let k = 0; k < this.order.length; k++) {
      this.starts[k] = start[this.order[k]!]!;
      this.prefixes[k] = prefix[this.order[k]!]!;
      this.prefixPresent[this.prefixes[k]!] = 1;
    }
  }

  /**
   * Calls `visit` with the position of every block overlapping block `i` of `query` (ancestors
   * first, then descendants) until it returns true; returns whether one did.
   */
  someOverlapping(query: CidrColumns, i: number, visit: (block: number) => boolean): boolean {
    const queryStart = query.start[i]!;
    const queryEnd = query.end[i]!;
    const queryPrefix = query.prefix[i]!;
    for (let prefix = 0; prefix < queryPrefix; prefix++) {
      if (!this.prefixPresent[prefix]) continue; // same-size and smaller blocks come from the run below
      const enclosing = queryStart - (queryStart % blockSize(prefix));
      for (
        let k = firstAtLeast(this.starts, enclosing);
        k < this.starts.length && this.starts[k] === enclosing;
        k++
      ) {
        if (this.prefixes[k] === prefix && visit(this.order[k]!)) return true;
      }
    }
    // Blocks starting inside the query lie inside it (or equal it), except the wider blocks that
    // start at the same address: those are ancestors, already visited above.
    for (
      let k = firstAtLeast(this.starts, queryStart);
      k < this.starts.length && this.starts[k]! <= queryEnd;
      k++
    ) {
      if (this.prefixes[k]! >= queryPrefix && visit(this.order[k]!)) return true;
    }
    return false;
  }
}
