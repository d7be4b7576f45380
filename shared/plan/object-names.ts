/**
 * People read names, tools read IDs: wherever an ID is shown to a person it is shown with the
 * object's name beside it (`sh-main (rtb-sh)`). One index per plan, built once on first use and
 * kept per plan value (plans are immutable, so it never goes stale).
 */
import type { Plan } from './model';

export type ObjectKind = 'account' | 'vpc' | 'subnet' | 'routeTable' | 'peering';

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
