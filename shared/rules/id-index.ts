/**
 * Position of the first item of each ID in a list (VPCs, subnets, route tables, peerings): an
 * open-addressing hash table over the IDs, in one typed array.
 *
 * Why not a `Map`: the rule index is rebuilt for every validation and needs four of these,
 * together about 26,000 IDs on the reference plan. Building a `Map` of that size costs about
 * 250 ns an entry (its table grows by doubling and re-inserting; each growth allocates anew),
 * which made the ID maps a third of all static validation. Lookups in a `Map` are fast, but so
 * are these; the table here is sized once and filled with one probe sequence per ID.
 */

const EMPTY = 0;

export class IdIndex {
  /** Item position + 1 per slot; EMPTY where no ID hashes. Twice the items, a power of two. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** The number of distinct IDs. */
  readonly size: number;
  /** The items' IDs by position: one array of strings, read monomorphically whatever the kind. */
  private readonly ids: string[];

  constructor(items: readonly { readonly id: string }[]) {
    this.ids = new Array<string>(items.length);
    let capacity = 8;
    while (capacity < items.length * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    let distinct = 0;
    for (let i = 0; i < items.length; i++) {
      const id = items[i]!.id;
      this.ids[i] = id;
      let slot = hash(id) & this.mask;
      for (;;) {
        const held = this.slots[slot]!;
        if (held === EMPTY) {
          this.slots[slot] = i + 1;
          distinct++;
          break;
        }
        if (this.ids[held - 1] === id) break; // a later duplicate: the first item keeps the ID
        slot = (slot + 1) & this.mask;
      }
    }
    this.size = distinct;
  }

  /** The position of the first item with this ID, or undefined. */
  get(id: string): number | undefined {
    let slot = hash(id) & this.mask;
    for (;;) {
      const held = this.slots[slot]!;
      if (held === EMPTY) return undefined;
      if (this.ids[held - 1] === id) return held - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }
}

/** FNV-1a over the UTF-16 code units, mixed at the end so that the low bits spread well. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x45d9f3b);
  return h ^ (h >>> 16);
}
