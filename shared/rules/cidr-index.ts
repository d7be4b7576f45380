import { blockSize } from '../net/cidr';
import type { CidrColumns } from '../net/cidr-columns';
import { firstAtLeast } from '../net/sorted-search';

/**
 * Which of the ok blocks of a `CidrColumns` (e.g. every VPC CIDR of a plan, as the rule index
 * holds them) overlap a query block? Built once in O(n log n); each query is O(33 log n + k) for
 * k hits, and answers with block positions.
 *
 * Since blocks nest or are disjoint, the blocks overlapping a query Q are its ancestors (blocks
 * containing Q, at most one per prefix length present: found by binary search for Q's enclosing
 * block at that length) and its descendants (blocks inside Q: the contiguous run of the list
 * sorted by start that starts inside Q). The sorted list lives in typed arrays: nothing is
 * allocated per block or per query.
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
