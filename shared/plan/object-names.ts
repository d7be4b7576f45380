/**
 * People read names, tools read IDs: wherever an ID is shown to a person it is shown with the
 * object's name beside it (`sh-main (rtb-sh)`). One index per plan, built once on first use and
 * kept per plan value (plans are immutable, so it never goes stale).
 */
import type { Plan } from './model';

export type ObjectKind = 'account' | 'vpc' | 'subnet' | 'routeTable' | 'peering' | 'ccn';

export interface NamedObject {
  readonly kind: ObjectKind;
  readonly name: string;
}

const indexes = new WeakMap<Plan, Map<string, NamedObject>>();

/** Every named object of the plan by ID (the first one when an ID is taken twice). */
export function objectNames(plan: Plan): ReadonlyMap<string, NamedObject> {
  let index = indexes.get(plan);
  if (index) return index;
  index = new Map();
  const add = (id: string, kind: ObjectKind, name: string): void => {
    if (!index!.has(id)) index!.set(id, { kind, name });
  };
  // VPCs and peerings first: when an account shares an ID with a VPC, the VPC is meant.
  for (const vpc of plan.vpcs) add(vpc.id, 'vpc', vpc.name);
  for (const peering of plan.peerings) add(peering.id, 'peering', peering.name);
  for (const ccn of plan.ccns) add(ccn.id, 'ccn', ccn.name);
  for (const vpc of plan.vpcs) {
    for (const subnet of vpc.subnets) add(subnet.id, 'subnet', subnet.name);
    for (const table of vpc.routeTables) add(table.id, 'routeTable', table.name);
  }
  for (const account of plan.accounts) add(account.id, 'account', account.name);
  indexes.set(plan, index);
  return index;
}

/** The name of the object with this ID; a route (`<tableId>#<i>`) is named after its table. */
export function nameOf(plan: Plan, id: string): string | null {
  const direct = objectNames(plan).get(id);
  if (direct) return direct.name;
  const hash = id.lastIndexOf('#');
  if (hash > 0) {
    const table = objectNames(plan).get(id.slice(0, hash));
    if (table) return `${table.name} #${id.slice(hash + 1)}`;
  }
  return null;
}

/** `name (id)`, or the ID alone when the object has no name, an empty one, or its ID as name. */
export function nameWithId(plan: Plan, id: string): string {
  const name = nameOf(plan, id);
  return name && name !== id ? `${name} (${id})` : id;
}

const ID_CHAR = /[A-Za-z0-9_.-]/;

/**
 * `text` with each of `ids` followed by its object's name: "Peering pcx-1 (sh-gz) is active …".
 * Only whole IDs are named (`vpc-1` is not found inside `vpc-10`), an ID with no name or named
 * after itself is left as it is, and a route ID names its table. One pass over the text.
 */
export function withNames(plan: Plan, text: string, ids: readonly string[]): string {
  const names = new Map<string, string>();
  for (const id of ids) {
    const hash = id.lastIndexOf('#');
    for (const candidate of hash > 0 ? [id, id.slice(0, hash)] : [id]) {
      const name = nameOf(plan, candidate);
      if (candidate !== '' && name && name !== candidate && !names.has(candidate)) names.set(candidate, name);
    }
  }
  if (names.size === 0) return text;
  // Longest first, so that `rtb-1#0` is matched before `rtb-1`.
  const sorted = [...names.keys()].sort((a, b) => b.length - a.length);
  let out = '';
  let at = 0;
  while (at < text.length) {
    let matched: string | null = null;
    const before = at > 0 ? text[at - 1]! : '';
    if (!ID_CHAR.test(before) || before === '.') {
      for (const id of sorted) {
        if (!text.startsWith(id, at)) continue;
        const after = text[at + id.length] ?? '';
        // A sentence's full stop may follow an ID; a dot inside an ID continues it.
        const continues =
          ID_CHAR.test(after) && !(after === '.' && !ID_CHAR.test(text[at + id.length + 1] ?? ''));
        if (!continues && after !== '#') {
          matched = id;
          break;
        }
      }
    }
    if (matched !== null) {
      out += `${matched} (${names.get(matched)})`;
      at += matched.length;
    } else {
      out += text[at];
      at++;
    }
  }
  return out;
}
