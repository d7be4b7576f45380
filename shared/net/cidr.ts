/**
 * IPv4 addresses and CIDR blocks as integer intervals.
 *
 * An address is an unsigned 32-bit integer held in a JS number (0 … 2^32 − 1, exact in a
 * double). A CIDR block is the closed interval [start, end]. Two CIDR blocks either nest or are
 * disjoint, which is what lets the sweeps in this module find every overlap in one sorted pass.
 */

export interface Cidr {
  /** The network address (host bits cleared). */
  readonly start: number;
  /** The last address of the block, inclusive. */
  readonly end: number;
  readonly prefix: number;
}

export type CidrParseResult =
  | { readonly ok: true; readonly cidr: Cidr }
  /** `syntax`: not `a.b.c.d/n`. `host-bits`: a valid address and prefix, but host bits set. */
  | {
      readonly ok: false;
      readonly reason: 'syntax' | 'host-bits';
      /** For `host-bits`: the block the user probably meant (host bits cleared). */
      readonly network?: Cidr;
    };

const TWO_32 = 2 ** 32;

/** `BLOCK_SIZES[p]` = 2^(32 - p), the number of addresses in a /p block. */
const BLOCK_SIZES: readonly number[] = Array.from({ length: 33 }, (_, prefix) => 2 ** (32 - prefix));

// Strict dotted quad: decimal octets without leading zeros (a leading zero is octal to
// inet_aton, so `010.0.0.0` is ambiguous and refused, as current IP stacks do).
const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const IPV4_PATTERN = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/** Parses a strict dotted-quad IPv4 address; null when it is not one. */
export function parseIpv4(text: string): number | null {
  const match = IPV4_PATTERN.exec(text);
  if (!match) return null;
  return Number(match[1]) * 16777216 + Number(match[2]) * 65536 + Number(match[3]) * 256 + Number(match[4]);
}

export function formatIpv4(address: number): string {
  return `${Math.floor(address / 16777216) % 256}.${Math.floor(address / 65536) % 256}.${
    Math.floor(address / 256) % 256
  }.${address % 256}`;
}

/** Number of addresses in a block of this prefix length. */
export function blockSize(prefix: number): number {
  // A table rather than `2 ** (32 - prefix)`: the power is a call to Math.pow, and this runs
  // several times for every CIDR of a plan. Outside 0-32 (never for a parsed CIDR) it is computed.
  return BLOCK_SIZES[prefix] ?? 2 ** (32 - prefix);
}

/**
 * The host part of `address` in a block of `prefix` (0-32): integer masking rather than a
 * floating-point remainder, which is several times slower and runs for every CIDR of a plan.
 * Bitwise operators work on 32-bit integers: `address & mask` keeps the low bits of the
 * unsigned address (mask < 2^31 for a prefix of 1 or more); a /0 block's host part is the
 * whole address.
 */
export function hostBits(address: number, prefix: number): number {
  return prefix === 0 ? address : address & (blockSize(prefix) - 1);
}

/** The block of `prefix` that contains `address`. */
export function cidrOf(address: number, prefix: number): Cidr {
  const size = blockSize(prefix);
  const start = address - hostBits(address, prefix);
  return { start, end: start + size - 1, prefix };
}

/** `scanCidr` results. */
export const SCAN_OK = 0;
export const SCAN_SYNTAX = 1;
export const SCAN_HOST_BITS = 2;

/**
 * Scans `text` as a CIDR without allocating anything: returns SCAN_OK, SCAN_SYNTAX or
 * SCAN_HOST_BITS and, unless SCAN_SYNTAX, leaves the address in `out[0]` and the prefix in
 * `out[1]`. The allocation-free core of `parseCidr`, for the rule index, which parses every CIDR
 * of a plan (tens of thousands) into typed columns.
 *
 * A hand-written scanner rather than the regular expressions above: four decimal octets 0-255
 * without leading zeros, a slash, a prefix 0-32 without a leading zero.
 */
export function scanCidr(text: string, out: Float64Array): number {
  const length = text.length;
  let address = 0;
  let i = 0;
  for (let octet = 0; octet < 4; octet++) {
    const first = i;
    let value = 0;
    while (i < length) {
      const code = text.charCodeAt(i);
      if (code < 48 || code > 57) break;
      value = value * 10 + (code - 48);
      i++;
    }
    const digits = i - first;
    if (digits === 0 || digits > 3 || value > 255 || (digits > 1 && text.charCodeAt(first) === 48)) {
      return SCAN_SYNTAX;
    }
    address = address * 256 + value;
    const separator = octet < 3 ? 46 /* . */ : 47; /* / */
    if (i >= length || text.charCodeAt(i) !== separator) return SCAN_SYNTAX;
    i++;
  }
  const prefixStart = i;
  let prefix = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return SCAN_SYNTAX;
    prefix = prefix * 10 + (code - 48);
    i++;
  }
  const prefixDigits = i - prefixStart;
  if (
    prefixDigits === 0 ||
    prefixDigits > 2 ||
    prefix > 32 ||
    (prefixDigits > 1 && text.charCodeAt(prefixStart) === 48)
  ) {
    return SCAN_SYNTAX;
  }
  out[0] = address;
  out[1] = prefix;
  return hostBits(address, prefix) === 0 ? SCAN_OK : SCAN_HOST_BITS;
}

const scanned = new Float64Array(2);

export function parseCidr(text: string): CidrParseResult {
  const status = scanCidr(text, scanned);
  if (status === SCAN_SYNTAX) return SYNTAX_ERROR;
  const network = cidrOf(scanned[0]!, scanned[1]!);
  if (status === SCAN_HOST_BITS) return { ok: false, reason: 'host-bits', network };
  return { ok: true, cidr: network };
}

const SYNTAX_ERROR: CidrParseResult = Object.freeze({ ok: false, reason: 'syntax' });

/** The parsed block, or null for anything that is not a canonical CIDR. */
export function tryParseCidr(text: string): Cidr | null {
  const result = parseCidr(text);
  return result.ok ? result.cidr : null;
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.start)}/${cidr.prefix}`;
}

/** True when `inner` lies entirely within `outer` (a block contains itself). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function cidrEquals(a: Cidr, b: Cidr): boolean {
  return a.start === b.start && a.prefix === b.prefix;
}

/** Sort order for blocks: by start, then wider (shorter prefix) first, so a parent precedes its children. */
export function compareCidrs(a: Cidr, b: Cidr): number {
  return a.start - b.start || a.prefix - b.prefix;
}

export function isValidAddress(address: number): boolean {
  return Number.isInteger(address) && address >= 0 && address < TWO_32;
}

/** A block tagged with whatever it belongs to. */
export interface OwnedCidr<T> {
  readonly cidr: Cidr;
  readonly owner: T;
}

/**
 * Every pair of overlapping blocks, in one sorted pass.
 *
 * Sorted by start (wider first), each block overlaps exactly the blocks still open on the stack
 * when it arrives: since blocks nest or are disjoint, the open ones are its ancestors. The work
 * is O(n log n + number of overlapping pairs), never a comparison of all pairs.
 */
export function findOverlappingPairs<T>(
  blocks: readonly OwnedCidr<T>[],
): Array<[OwnedCidr<T>, OwnedCidr<T>]> {
  const sorted = [...blocks].sort((a, b) => compareCidrs(a.cidr, b.cidr));
  const pairs: Array<[OwnedCidr<T>, OwnedCidr<T>]> = [];
  const open: OwnedCidr<T>[] = [];
  for (const block of sorted) {
    while (open.length > 0 && open[open.length - 1]!.cidr.end < block.cidr.start) open.pop();
    for (const ancestor of open) pairs.push([ancestor, block]);
    open.push(block);
  }
  return pairs;
}

/**
 * Whether any two blocks overlap: the same sweep, stopping at the first overlap.
 */
export function hasOverlap(blocks: readonly Cidr[]): boolean {
  const sorted = [...blocks].sort(compareCidrs);
  let reach = -1;
  for (const block of sorted) {
    if (block.start <= reach) return true;
    reach = Math.max(reach, block.end);
  }
  return false;
}
