/**
 * Names for exported objects that come from plan IDs: Terraform resource names and provider
 * aliases must be identifiers (`[A-Za-z_][A-Za-z0-9_-]*`) and unique within their kind, while
 * plan IDs are arbitrary strings. One allocator per kind keeps the mapping stable (the same ID
 * always gets the same name) and collision-free (`vpc-a` and `vpc_a` do not both become `vpc_a`).
 */

/** `vpc-gz01` → `vpc_gz01`; anything outside `[A-Za-z0-9_]` becomes `_`; a leading digit gets `_`. */
export function toIdentifier(raw: string): string {
  let name = raw.replace(/[^A-Za-z0-9_]/g, '_');
  if (name === '') name = '_';
  if (/^[0-9]/.test(name)) name = `_${name}`;
  return name;
}

export class IdentifierAllocator {
  private readonly byId = new Map<string, string>();
  private readonly taken = new Set<string>();

  /**
   * The identifier of `id`, allocating it on first use (`base`, then `base_2`, `base_3`, …); the
   * base is the ID made an identifier unless another is given.
   */
  nameOf(id: string, base: string = toIdentifier(id)): string {
    const known = this.byId.get(id);
    if (known !== undefined) return known;
    let candidate = base;
    for (let n = 2; this.taken.has(candidate); n++) candidate = `${base}_${n}`;
    this.byId.set(id, candidate);
    this.taken.add(candidate);
    return candidate;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }
}

/** A file name from a plan name: letters, digits and dashes only, then `extension`. */
export function planFileName(name: string, extension = '.json'): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-')
    .toLowerCase()
    .slice(0, 80);
  return `${slug || 'plan'}${extension}`;
}
