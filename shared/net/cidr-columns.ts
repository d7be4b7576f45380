/**
 * Many CIDR blocks parsed into typed columns: block `i` is `[start[i], end[i]]` with
 * `prefix[i]`, or a text that did not parse (`status[i]`).
 *
 * Why columns rather than one `Cidr` object per block: a plan of tens of thousands of routes
 * and subnets would otherwise allocate two or three small objects per CIDR on every validation,
 * and the garbage collector's copying of those objects (they live as long as the validation)
 * cost more than the rules themselves. Typed arrays hold the same numbers in four allocations.
 * Objects are made only on the rare paths that need one (a finding's message, a sweep over the
 * few blocks of one VPC).
 */
import { blockSize, cidrOf, hostBits, parseCidr, SCAN_OK, SCAN_SYNTAX, scanCidr } from './cidr';
import type { Cidr, CidrParseResult } from './cidr';

const scanned = new Float64Array(2);

export class CidrColumns {
  /** The network address (host bits cleared); for a SCAN_HOST_BITS block, of the block meant. */
  readonly start: Float64Array;
  /** The last address, inclusive. */
  readonly end: Float64Array;
  readonly prefix: Uint8Array;
  /** SCAN_OK, SCAN_SYNTAX or SCAN_HOST_BITS. */
  readonly status: Uint8Array;
  private readonly texts: string[];

  constructor(readonly length: number) {
    this.start = new Float64Array(length);
    this.end = new Float64Array(length);
    this.prefix = new Uint8Array(length);
    this.status = new Uint8Array(length);
    this.texts = new Array<string>(length);
  }

  /** Parses `text` into block `i`. */
  set(i: number, text: string): void {
    this.texts[i] = text;
    const status = scanCidr(text, scanned);
    this.status[i] = status;
    if (status === SCAN_SYNTAX) return;
    const prefix = scanned[1]!;
    const size = blockSize(prefix);
    const start = scanned[0]! - hostBits(scanned[0]!, prefix);
    this.start[i] = start;
    this.end[i] = start + size - 1;
    this.prefix[i] = prefix;
  }

  ok(i: number): boolean {
    return this.status[i] === SCAN_OK;
  }

  /** Whether any of blocks `from` … `to - 1` parsed. */
  anyOk(from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (this.status[i] === SCAN_OK) return true;
    return false;
  }

  /** The text block `i` was parsed from. */
  text(i: number): string {
    return this.texts[i]!;
  }

  /** Block `i` as an object (it must be ok): for messages and small sweeps. */
  cidr(i: number): Cidr {
    return cidrOf(this.start[i]!, this.prefix[i]!);
  }

  /** What `parseCidr` says of block `i`'s text (allocates: for the rare block that is wrong). */
  result(i: number): CidrParseResult {
    return parseCidr(this.texts[i]!);
  }

  /** Whether block `i` lies inside one of the ok blocks `from` … `to - 1` of `outer`. */
  containedIn(i: number, outer: CidrColumns, from: number, to: number): boolean {
    return this.meets(i, outer, from, to, true);
  }

  /** Whether block `i` overlaps one of the ok blocks `from` … `to - 1` of `other`. */
  overlapsAnyOf(i: number, other: CidrColumns, from: number, to: number): boolean {
    return this.meets(i, other, from, to, false);
  }

  /**
   * Whether an ok block of `other` in `from` … `to - 1` holds block `i` (`inside`) or overlaps
   * it. Blocks nest or are disjoint, so overlapping one means holding it or lying inside it.
   */
  private meets(i: number, other: CidrColumns, from: number, to: number, inside: boolean): boolean {
    const start = this.start[i]!;
    const end = this.end[i]!;
    for (let j = from; j < to; j++) {
      if (other.status[j] !== SCAN_OK || other.start[j]! > end || start > other.end[j]!) continue;
      if (!inside || (other.start[j]! <= start && end <= other.end[j]!)) return true;
    }
    return false;
  }
}
