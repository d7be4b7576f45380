/**
 * Binary search over a sorted list of numbers (addresses, interval starts or ends): the one
 * search that the interval structures of the domain share.
 */

/** The index of the first element `>= value` in ascending `sorted` (its length when none). */
export function firstAtLeast(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
