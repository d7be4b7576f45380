/**
 * Edit operations as data. Every change the editor makes to a plan is one of these values;
 * `applyEdit` turns (plan, edit) into the new plan and the edit that undoes it, so undo and redo
 * are just more edits (the HistoryManager in `history.ts` keeps them).
 *
 * Plans are immutable: an edit copies only the objects on the path to what it changes, so every
 * untouched VPC, peering and account keeps its identity (caches keyed by object stay valid).
 *
 * The primitive edits add, update or delete one object and remember its position so that the
 * inverse puts it back exactly where it was; `batch` groups edits into one user step. The
 * workflow helpers at the end (create a peering, delete one with its routes, …) build batches.
 */
import type {
  Account,
  Ccn,
  CcnAttachment,
  Peering,
  Plan,
  Route,
  RouteTable,
  Subnet,
  Vpc,
} from '../plan/model';
import { ccnAttachmentId } from '../plan/model';
import { applyIdRename } from './rename-id';

/** A partial object: a key set to `undefined` removes an optional field. */
export type Patch<T> = { readonly [K in keyof T]?: T[K] | undefined };

// `prices` (the catalog) and `traffic` (the samples) are replaced whole: an import or a catalog
// change is one step, and the inverse keeps the previous array by reference.
type PlanFields = Pick<Plan, 'name' | 'asOf' | 'settings' | 'prices' | 'traffic'>;

export type Edit =
  | { readonly kind: 'plan.update'; readonly patch: Patch<PlanFields> }
  | { readonly kind: 'account.add'; readonly account: Account; readonly index?: number }
  | { readonly kind: 'account.update'; readonly id: string; readonly patch: Patch<Account> }
  | { readonly kind: 'account.delete'; readonly id: string }
  | { readonly kind: 'vpc.add'; readonly vpc: Vpc; readonly index?: number }
  | {
      readonly kind: 'vpc.update';
      readonly id: string;
      readonly patch: Patch<Omit<Vpc, 'id' | 'subnets' | 'routeTables'>>;
    }
  | { readonly kind: 'vpc.delete'; readonly id: string }
  | { readonly kind: 'subnet.add'; readonly vpc: string; readonly subnet: Subnet; readonly index?: number }
  | {
      readonly kind: 'subnet.update';
      readonly vpc: string;
      readonly id: string;
      readonly patch: Patch<Subnet>;
    }
  | { readonly kind: 'subnet.delete'; readonly vpc: string; readonly id: string }
  | {
      readonly kind: 'routeTable.add';
      readonly vpc: string;
      readonly routeTable: RouteTable;
      readonly index?: number;
    }
  | {
      readonly kind: 'routeTable.update';
      readonly vpc: string;
      readonly id: string;
      readonly patch: Patch<Omit<RouteTable, 'id' | 'routes'>>;
    }
  | { readonly kind: 'routeTable.delete'; readonly vpc: string; readonly id: string }
  | {
      readonly kind: 'route.add';
      readonly routeTable: string;
      readonly route: Route;
      readonly index?: number;
    }
  | {
      readonly kind: 'route.update';
      readonly routeTable: string;
      readonly index: number;
      readonly patch: Patch<Route>;
    }
  | { readonly kind: 'route.delete'; readonly routeTable: string; readonly index: number }
  | { readonly kind: 'peering.add'; readonly peering: Peering; readonly index?: number }
  | { readonly kind: 'peering.update'; readonly id: string; readonly patch: Patch<Omit<Peering, 'id'>> }
  | { readonly kind: 'peering.delete'; readonly id: string }
  /** A CCN with its attachments (spec/ccn.md); its attachments are edited one by one below. */
  | { readonly kind: 'ccn.add'; readonly ccn: Ccn; readonly index?: number }
  | {
      readonly kind: 'ccn.update';
      readonly id: string;
      readonly patch: Patch<Omit<Ccn, 'id' | 'attachments'>>;
    }
  | { readonly kind: 'ccn.delete'; readonly id: string }
  /** A VPC attached to a CCN: the attachment is known by its CCN and its VPC. */
  | {
      readonly kind: 'ccnAttachment.add';
      readonly ccn: string;
      readonly attachment: CcnAttachment;
      readonly index?: number;
    }
  | {
      readonly kind: 'ccnAttachment.update';
      readonly ccn: string;
      readonly vpc: string;
      readonly patch: Patch<Omit<CcnAttachment, 'vpc'>>;
    }
  | { readonly kind: 'ccnAttachment.delete'; readonly ccn: string; readonly vpc: string }
  /** An object's ID and every reference to it (rename-id.ts). */
  | { readonly kind: 'id.rename'; readonly from: string; readonly to: string }
  | { readonly kind: 'batch'; readonly edits: readonly Edit[] }
  /** The whole plan at once (restoring a revision): its inverse puts the previous plan back. */
  | { readonly kind: 'plan.replace'; readonly plan: Plan };

export interface EditResult {
  readonly plan: Plan;
  /** Applying it to `plan` gives back the original plan. */
  readonly inverse: Edit;
}

/** Refusal of an edit that does not fit the plan (an unknown id, an index out of range). */
export class EditError extends Error {
  override readonly name = 'EditError';
}

export function applyEdit(plan: Plan, edit: Edit): EditResult {
  switch (edit.kind) {
    case 'plan.update': {
      const { next, previous } = patchObject(plan as PlanFields, edit.patch);
      return { plan: { ...plan, ...next } as Plan, inverse: { kind: 'plan.update', patch: previous } };
    }
    case 'account.add': {
      const accounts = insertAt(plan.accounts, edit.account, edit.index, 'account', edit.account.id);
      return { plan: { ...plan, accounts }, inverse: { kind: 'account.delete', id: edit.account.id } };
    }
    case 'account.update': {
      const { list, previous } = updateById(plan.accounts, edit.id, edit.patch, 'account');
      return {
        plan: { ...plan, accounts: list },
        inverse: { kind: 'account.update', id: edit.id, patch: previous },
      };
    }
    case 'account.delete': {
      const { list, removed, index } = removeById(plan.accounts, edit.id, 'account');
      return { plan: { ...plan, accounts: list }, inverse: { kind: 'account.add', account: removed, index } };
    }
    case 'vpc.add': {
      const vpcs = insertAt(plan.vpcs, edit.vpc, edit.index, 'VPC', edit.vpc.id);
      return { plan: { ...plan, vpcs }, inverse: { kind: 'vpc.delete', id: edit.vpc.id } };
    }
    case 'vpc.update': {
      const { list, previous } = updateById(plan.vpcs, edit.id, edit.patch, 'VPC');
      return { plan: { ...plan, vpcs: list }, inverse: { kind: 'vpc.update', id: edit.id, patch: previous } };
    }
    case 'vpc.delete': {
      const { list, removed, index } = removeById(plan.vpcs, edit.id, 'VPC');
      return { plan: { ...plan, vpcs: list }, inverse: { kind: 'vpc.add', vpc: removed, index } };
    }
    case 'subnet.add':
      return editVpc(plan, edit.vpc, (vpc) => ({
        vpc: { ...vpc, subnets: insertAt(vpc.subnets, edit.subnet, edit.index, 'subnet', edit.subnet.id) },
        inverse: { kind: 'subnet.delete', vpc: edit.vpc, id: edit.subnet.id },
      }));
    case 'subnet.update':
      return editVpc(plan, edit.vpc, (vpc) => {
        const { list, previous } = updateById(vpc.subnets, edit.id, edit.patch, 'subnet');
        return { vpc: { ...vpc, subnets: list }, inverse: { ...edit, patch: previous } };
      });
    case 'subnet.delete':
      return editVpc(plan, edit.vpc, (vpc) => {
        const { list, removed, index } = removeById(vpc.subnets, edit.id, 'subnet');
        return {
          vpc: { ...vpc, subnets: list },
          inverse: { kind: 'subnet.add', vpc: edit.vpc, subnet: removed, index },
        };
      });
    case 'routeTable.add':
      return editVpc(plan, edit.vpc, (vpc) => ({
        vpc: {
          ...vpc,
          routeTables: insertAt(
            vpc.routeTables,
            edit.routeTable,
            edit.index,
            'route table',
            edit.routeTable.id,
          ),
        },
        inverse: { kind: 'routeTable.delete', vpc: edit.vpc, id: edit.routeTable.id },
      }));
    case 'routeTable.update':
      return editVpc(plan, edit.vpc, (vpc) => {
        const { list, previous } = updateById(vpc.routeTables, edit.id, edit.patch, 'route table');
        return { vpc: { ...vpc, routeTables: list }, inverse: { ...edit, patch: previous } };
      });
    case 'routeTable.delete':
      return editVpc(plan, edit.vpc, (vpc) => {
        const { list, removed, index } = removeById(vpc.routeTables, edit.id, 'route table');
        return {
          vpc: { ...vpc, routeTables: list },
          inverse: { kind: 'routeTable.add', vpc: edit.vpc, routeTable: removed, index },
        };
      });
    case 'route.add':
      return editRouteTable(plan, edit.routeTable, (table) => {
        const index = edit.index ?? table.routes.length;
        checkIndex(index, table.routes.length + 1, edit.routeTable);
        const routes = [...table.routes];
        routes.splice(index, 0, edit.route);
        return {
          table: { ...table, routes },
          inverse: { kind: 'route.delete', routeTable: edit.routeTable, index },
        };
      });
    case 'route.update':
      return editRouteTable(plan, edit.routeTable, (table) => {
        checkIndex(edit.index, table.routes.length, edit.routeTable);
        const routes = [...table.routes];
        const { next, previous } = patchObject(routes[edit.index]!, edit.patch);
        routes[edit.index] = next;
        return { table: { ...table, routes }, inverse: { ...edit, patch: previous } };
      });
    case 'route.delete':
      return editRouteTable(plan, edit.routeTable, (table) => {
        checkIndex(edit.index, table.routes.length, edit.routeTable);
        const routes = [...table.routes];
        const [removed] = routes.splice(edit.index, 1);
        return {
          table: { ...table, routes },
          inverse: { kind: 'route.add', routeTable: edit.routeTable, route: removed!, index: edit.index },
        };
      });
    case 'peering.add': {
      const peerings = insertAt(plan.peerings, edit.peering, edit.index, 'peering', edit.peering.id);
      return { plan: { ...plan, peerings }, inverse: { kind: 'peering.delete', id: edit.peering.id } };
    }
    case 'peering.update': {
      const { list, previous } = updateById(plan.peerings, edit.id, edit.patch, 'peering');
      return {
        plan: { ...plan, peerings: list },
        inverse: { kind: 'peering.update', id: edit.id, patch: previous },
      };
    }
    case 'peering.delete': {
      const { list, removed, index } = removeById(plan.peerings, edit.id, 'peering');
      return { plan: { ...plan, peerings: list }, inverse: { kind: 'peering.add', peering: removed, index } };
    }
    case 'ccn.add': {
      const ccns = insertAt(plan.ccns, edit.ccn, edit.index, 'CCN', edit.ccn.id);
      return { plan: { ...plan, ccns }, inverse: { kind: 'ccn.delete', id: edit.ccn.id } };
    }
    case 'ccn.update': {
      const { list, previous } = updateById(plan.ccns, edit.id, edit.patch, 'CCN');
      return { plan: { ...plan, ccns: list }, inverse: { kind: 'ccn.update', id: edit.id, patch: previous } };
    }
    case 'ccn.delete': {
      const { list, removed, index } = removeById(plan.ccns, edit.id, 'CCN');
      return { plan: { ...plan, ccns: list }, inverse: { kind: 'ccn.add', ccn: removed, index } };
    }
    case 'ccnAttachment.add':
      return editCcn(plan, edit.ccn, (ccn) => {
        const vpc = edit.attachment.vpc;
        if (ccn.attachments.some((a) => a.vpc === vpc))
          throw new EditError(`VPC ${vpc} is already attached to CCN ${ccn.id}.`);
        const at = edit.index ?? ccn.attachments.length;
        checkIndex(at, ccn.attachments.length + 1, `the attachments of ${ccn.id}`);
        const attachments = [...ccn.attachments];
        attachments.splice(at, 0, edit.attachment);
        return {
          ccn: { ...ccn, attachments },
          inverse: { kind: 'ccnAttachment.delete', ccn: edit.ccn, vpc },
        };
      });
    case 'ccnAttachment.update':
      return editCcn(plan, edit.ccn, (ccn) => {
        const at = attachmentIndex(ccn, edit.vpc);
        const attachments = [...ccn.attachments];
        const { next, previous } = patchObject(attachments[at]!, edit.patch);
        attachments[at] = next;
        return { ccn: { ...ccn, attachments }, inverse: { ...edit, patch: previous } };
      });
    case 'ccnAttachment.delete':
      return editCcn(plan, edit.ccn, (ccn) => {
        const at = attachmentIndex(ccn, edit.vpc);
        const attachments = [...ccn.attachments];
        const [removed] = attachments.splice(at, 1);
        return {
          ccn: { ...ccn, attachments },
          inverse: { kind: 'ccnAttachment.add', ccn: edit.ccn, attachment: removed!, index: at },
        };
      });
    case 'plan.replace':
      return { plan: edit.plan, inverse: { kind: 'plan.replace', plan } };
    case 'id.rename':
      return applyIdRename(plan, edit.from, edit.to);
    case 'batch': {
      let current = plan;
      const inverses: Edit[] = [];
      const steps = edit.edits;
      for (let at = 0; at < steps.length;) {
        // A run of route additions (the missing routes of a plan can be thousands) is applied
        // in one pass: each step alone would look its table up and copy the VPC list again.
        let end = at;
        while (end < steps.length && steps[end]!.kind === 'route.add') end++;
        if (end - at >= ROUTE_RUN_MIN) {
          const result = addRoutes(current, steps.slice(at, end) as RouteAdd[]);
          current = result.plan;
          inverses.push(...result.inverses);
          at = end;
          continue;
        }
        const result = applyEdit(current, steps[at]!);
        current = result.plan;
        inverses.push(result.inverse);
        at++;
      }
      return { plan: current, inverse: { kind: 'batch', edits: inverses.reverse() } };
    }
  }
}

/** Applies edits in order; the plan after the last one. */
export function applyEdits(plan: Plan, edits: readonly Edit[]): Plan {
  return applyEdit(plan, { kind: 'batch', edits }).plan;
}

/** The VPC, peering, … ids an edit touches: what incremental validation and the canvas refresh. */
export function touchedIds(edit: Edit, out: Set<string> = new Set()): Set<string> {
  switch (edit.kind) {
    case 'plan.update':
    case 'plan.replace':
    case 'id.rename': // references anywhere in the plan
      out.add('*');
      break;
    case 'account.add':
      out.add(edit.account.id);
      break;
    case 'vpc.add':
      out.add(edit.vpc.id);
      break;
    case 'peering.add':
      out.add(edit.peering.id);
      break;
    case 'ccn.add':
      out.add(edit.ccn.id);
      for (const attachment of edit.ccn.attachments) out.add(attachment.vpc);
      break;
    case 'ccn.update':
    case 'ccn.delete':
      out.add(edit.id);
      break;
    case 'ccnAttachment.add':
      out.add(edit.ccn).add(edit.attachment.vpc).add(ccnAttachmentId(edit.ccn, edit.attachment.vpc));
      break;
    case 'ccnAttachment.update':
    case 'ccnAttachment.delete':
      out.add(edit.ccn).add(edit.vpc).add(ccnAttachmentId(edit.ccn, edit.vpc));
      break;
    case 'account.update':
    case 'account.delete':
    case 'vpc.update':
    case 'vpc.delete':
    case 'peering.update':
    case 'peering.delete':
      out.add(edit.id);
      break;
    case 'subnet.add':
    case 'subnet.update':
    case 'subnet.delete':
    case 'routeTable.add':
    case 'routeTable.update':
    case 'routeTable.delete':
      out.add(edit.vpc);
      break;
    case 'route.add':
    case 'route.update':
    case 'route.delete':
      out.add(edit.routeTable);
      break;
    case 'batch':
      for (const step of edit.edits) touchedIds(step, out);
      break;
  }
  return out;
}

/** The ID renames an edit makes, in order (the editor's selection and positions follow them). */
export function idRenames(
  edit: Edit,
  out: { from: string; to: string }[] = [],
): { from: string; to: string }[] {
  if (edit.kind === 'id.rename') out.push({ from: edit.from, to: edit.to });
  else if (edit.kind === 'batch') for (const step of edit.edits) idRenames(step, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Lookups the editor needs

export function findVpc(plan: Plan, id: string): Vpc | undefined {
  return plan.vpcs.find((vpc) => vpc.id === id);
}

export function findCcn(plan: Plan, id: string): Ccn | undefined {
  return plan.ccns.find((ccn) => ccn.id === id);
}

/** The CCNs a VPC is attached to (in any state), with its attachment to each. */
export function attachmentsOfVpc(
  plan: Plan,
  vpcId: string,
): Array<{ ccn: Ccn; attachment: CcnAttachment; index: number }> {
  const found: Array<{ ccn: Ccn; attachment: CcnAttachment; index: number }> = [];
  for (const ccn of plan.ccns)
    ccn.attachments.forEach((attachment, index) => {
      if (attachment.vpc === vpcId) found.push({ ccn, attachment, index });
    });
  return found;
}

/** The VPC that owns a route table. */
export function findRouteTableOwner(
  plan: Plan,
  routeTableId: string,
): { vpc: Vpc; table: RouteTable } | undefined {
  for (const vpc of plan.vpcs) {
    const table = vpc.routeTables.find((t) => t.id === routeTableId);
    if (table) return { vpc, table };
  }
  return undefined;
}

/** Every route, in any VPC, whose next hop is this peering. */
export function routesThroughPeering(
  plan: Plan,
  peeringId: string,
): Array<{ vpc: Vpc; table: RouteTable; index: number; route: Route }> {
  const found: Array<{ vpc: Vpc; table: RouteTable; index: number; route: Route }> = [];
  for (const vpc of plan.vpcs) {
    for (const table of vpc.routeTables) {
      table.routes.forEach((route, index) => {
        if (route.nextHop.type === 'peering' && route.nextHop.id === peeringId)
          found.push({ vpc, table, index, route });
      });
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Internals

type RouteAdd = Extract<Edit, { kind: 'route.add' }>;

/** Below this many route additions in a row, the one-by-one path is as fast. */
const ROUTE_RUN_MIN = 8;

/**
 * Route additions in order, with the same result, inverses and refusals as applying them one
 * by one: tables found through one index, each changed table copied once, the VPC list once.
 */
function addRoutes(plan: Plan, adds: readonly RouteAdd[]): { plan: Plan; inverses: Edit[] } {
  // Table ID → [VPC position, table position], the first table of an ID as findRouteTableOwner.
  const where = new Map<string, readonly [number, number]>();
  plan.vpcs.forEach((vpc, v) =>
    vpc.routeTables.forEach((table, t) => {
      if (!where.has(table.id)) where.set(table.id, [v, t]);
    }),
  );
  const changed = new Map<string, Route[]>();
  const inverses: Edit[] = [];
  for (const add of adds) {
    const position = where.get(add.routeTable);
    if (!position) throw new EditError(`No route table with id "${add.routeTable}".`);
    let routes = changed.get(add.routeTable);
    if (!routes) {
      routes = [...plan.vpcs[position[0]]!.routeTables[position[1]]!.routes];
      changed.set(add.routeTable, routes);
    }
    const index = add.index ?? routes.length;
    checkIndex(index, routes.length + 1, add.routeTable);
    routes.splice(index, 0, add.route);
    inverses.push({ kind: 'route.delete', routeTable: add.routeTable, index });
  }
  const vpcs = [...plan.vpcs];
  const tablesOf = new Map<number, RouteTable[]>();
  for (const [tableId, routes] of changed) {
    const [v, t] = where.get(tableId)!;
    let tables = tablesOf.get(v);
    if (!tables) {
      tables = [...plan.vpcs[v]!.routeTables];
      tablesOf.set(v, tables);
    }
    tables[t] = { ...tables[t]!, routes };
  }
  for (const [v, routeTables] of tablesOf) vpcs[v] = { ...vpcs[v]!, routeTables };
  return { plan: { ...plan, vpcs }, inverses };
}

function insertAt<T extends { id: string }>(
  list: readonly T[],
  item: T,
  index: number | undefined,
  kind: string,
  id: string,
): T[] {
  if (list.some((existing) => existing.id === id))
    throw new EditError(`A ${kind} with id "${id}" already exists.`);
  const at = index ?? list.length;
  checkIndex(at, list.length + 1, kind);
  const next = [...list];
  next.splice(at, 0, item);
  return next;
}

function removeById<T extends { id: string }>(
  list: readonly T[],
  id: string,
  kind: string,
): { list: T[]; removed: T; index: number } {
  const index = list.findIndex((item) => item.id === id);
  if (index < 0) throw new EditError(`No ${kind} with id "${id}".`);
  const next = [...list];
  const [removed] = next.splice(index, 1);
  return { list: next, removed: removed!, index };
}

function updateById<T extends { id: string }, P extends object>(
  list: readonly T[],
  id: string,
  patch: P,
  kind: string,
): { list: T[]; previous: P } {
  const index = list.findIndex((item) => item.id === id);
  if (index < 0) throw new EditError(`No ${kind} with id "${id}".`);
  const next = [...list];
  const { next: updated, previous } = patchObject(list[index]!, patch);
  next[index] = updated;
  return { list: next, previous };
}

/** Applies a patch; `previous` holds the old value of every patched key (undefined when absent). */
function patchObject<T extends object, P extends object>(object: T, patch: P): { next: T; previous: P } {
  const next: Record<string, unknown> = { ...(object as Record<string, unknown>) };
  const previous: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    previous[key] = (object as Record<string, unknown>)[key];
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return { next: next as T, previous: previous as P };
}

function checkIndex(index: number, limit: number, where: string): void {
  if (!Number.isInteger(index) || index < 0 || index >= limit) {
    throw new EditError(`Position ${index} is out of range in ${where}.`);
  }
}

function editVpc(plan: Plan, vpcId: string, change: (vpc: Vpc) => { vpc: Vpc; inverse: Edit }): EditResult {
  const index = plan.vpcs.findIndex((vpc) => vpc.id === vpcId);
  if (index < 0) throw new EditError(`No VPC with id "${vpcId}".`);
  const { vpc, inverse } = change(plan.vpcs[index]!);
  const vpcs = [...plan.vpcs];
  vpcs[index] = vpc;
  return { plan: { ...plan, vpcs }, inverse };
}

function editCcn(plan: Plan, ccnId: string, change: (ccn: Ccn) => { ccn: Ccn; inverse: Edit }): EditResult {
  const index = plan.ccns.findIndex((ccn) => ccn.id === ccnId);
  if (index < 0) throw new EditError(`No CCN with id "${ccnId}".`);
  const { ccn, inverse } = change(plan.ccns[index]!);
  const ccns = [...plan.ccns];
  ccns[index] = ccn;
  return { plan: { ...plan, ccns }, inverse };
}

function attachmentIndex(ccn: Ccn, vpcId: string): number {
  const index = ccn.attachments.findIndex((a) => a.vpc === vpcId);
  if (index < 0) throw new EditError(`VPC ${vpcId} is not attached to CCN ${ccn.id}.`);
  return index;
}

function editRouteTable(
  plan: Plan,
  routeTableId: string,
  change: (table: RouteTable) => { table: RouteTable; inverse: Edit },
): EditResult {
  const owner = findRouteTableOwner(plan, routeTableId);
  if (!owner) throw new EditError(`No route table with id "${routeTableId}".`);
  return editVpc(plan, owner.vpc.id, (vpc) => {
    const { table, inverse } = change(owner.table);
    return {
      vpc: { ...vpc, routeTables: vpc.routeTables.map((t) => (t.id === routeTableId ? table : t)) },
      inverse,
    };
  });
}
