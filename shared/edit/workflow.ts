/**
 * The user-level edits, built from the primitive ones in `operations.ts`: each returns one Edit
 * (often a batch) that the editor applies as one undo step, with a label for the Undo menu.
 *
 * The peering workflow follows the seed: a request between VPCs of one account is active at
 * once; across accounts it is pending (requested on the plan's date) until the accepter accepts
 * or rejects it, and expires after 7 days; an expired or rejected peering can be re-enabled
 * (a new request); deleting a peering deletes every route that points at it.
 */
import type { Peering, Plan, Vpc } from '../plan/model';
import { isCrossAccount } from '../plan/peering';
import { applyEdit, EditError, findVpc, routesThroughPeering } from './operations';
import type { Edit } from './operations';

export interface LabelledEdit {
  readonly label: string;
  readonly edit: Edit;
}

/** A fresh id `<prefix>-<n>` that no object of the plan uses yet. */
export function nextFreeId(plan: Plan, prefix: string): string {
  const used = allIds(plan);
  for (let n = 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!used.has(id)) return id;
  }
}

const idsOfPlan = new WeakMap<Plan, ReadonlySet<string>>();

/** Every object ID of the plan (once per plan value: fixes and dialogs ask for a free ID often). */
export function allIds(plan: Plan): ReadonlySet<string> {
  const known = idsOfPlan.get(plan);
  if (known) return known;
  const ids = new Set<string>();
  for (const account of plan.accounts) ids.add(account.id);
  for (const vpc of plan.vpcs) {
    ids.add(vpc.id);
    for (const subnet of vpc.subnets) ids.add(subnet.id);
    for (const table of vpc.routeTables) ids.add(table.id);
  }
  for (const peering of plan.peerings) ids.add(peering.id);
  idsOfPlan.set(plan, ids);
  return ids;
}

export interface NewPeering {
  readonly id?: string;
  readonly name?: string;
  readonly requester: string;
  readonly accepter: string;
  readonly bandwidthMbps?: number;
}

/** Creates a peering request: active at once within one account, pending across accounts. */
export function createPeering(plan: Plan, request: NewPeering): LabelledEdit {
  const requester = requireVpc(plan, request.requester);
  const accepter = requireVpc(plan, request.accepter);
  const crossAccount = isCrossAccount(requester, accepter);
  const id = request.id ?? nextFreeId(plan, 'pcx');
  const peering: Peering = {
    id,
    name: request.name ?? `${requester.name} – ${accepter.name}`,
    requester: requester.id,
    accepter: accepter.id,
    state: crossAccount ? 'pending' : 'active',
    requestedAt: plan.asOf,
    ...(request.bandwidthMbps !== undefined ? { bandwidthMbps: request.bandwidthMbps } : {}),
    bandwidthQuotaMbps: 1000,
    chargeType: 'daily-peak',
  };
  return {
    label: crossAccount ? `Request peering ${id}` : `Create peering ${id}`,
    edit: { kind: 'peering.add', peering },
  };
}

export function acceptPeering(plan: Plan, id: string): LabelledEdit {
  const peering = requirePeering(plan, id);
  if (peering.state !== 'pending')
    throw new EditError(`Peering ${id} is ${peering.state}: only a pending request can be accepted.`);
  return { label: `Accept peering ${id}`, edit: { kind: 'peering.update', id, patch: { state: 'active' } } };
}

export function rejectPeering(plan: Plan, id: string): LabelledEdit {
  const peering = requirePeering(plan, id);
  if (peering.state !== 'pending')
    throw new EditError(`Peering ${id} is ${peering.state}: only a pending request can be rejected.`);
  return {
    label: `Reject peering ${id}`,
    edit: { kind: 'peering.update', id, patch: { state: 'rejected' } },
  };
}

export function expirePeering(plan: Plan, id: string): LabelledEdit {
  const peering = requirePeering(plan, id);
  if (peering.state !== 'pending')
    throw new EditError(`Peering ${id} is ${peering.state}: only a pending request can expire.`);
  return { label: `Expire peering ${id}`, edit: { kind: 'peering.update', id, patch: { state: 'expired' } } };
}

/** Sends the request again: same rules as creating it, requested on the plan's date. */
export function reenablePeering(plan: Plan, id: string): LabelledEdit {
  const peering = requirePeering(plan, id);
  if (peering.state !== 'expired' && peering.state !== 'rejected') {
    throw new EditError(
      `Peering ${id} is ${peering.state}: only an expired or rejected peering can be re-enabled.`,
    );
  }
  const crossAccount = isCrossAccount(
    requireVpc(plan, peering.requester),
    requireVpc(plan, peering.accepter),
  );
  return {
    label: `Re-enable peering ${id}`,
    edit: {
      kind: 'peering.update',
      id,
      patch: { state: crossAccount ? 'pending' : 'active', requestedAt: plan.asOf },
    },
  };
}

/** Deletes a peering and every route that points at it (routes first, highest index first). */
export function deletePeering(plan: Plan, id: string): LabelledEdit {
  requirePeering(plan, id);
  const routes = routesThroughPeering(plan, id);
  // Found in plan order, ascending within a table: reversed, each deletion leaves the indices
  // of the routes still to delete unchanged.
  const routeDeletes: Edit[] = routes
    .reverse()
    .map(({ table, index }) => ({ kind: 'route.delete', routeTable: table.id, index }));
  return {
    label: `Delete peering ${id}`,
    edit: { kind: 'batch', edits: [...routeDeletes, { kind: 'peering.delete', id }] },
  };
}

/** Deletes a VPC together with its peerings (and their routes on the other side). */
export function deleteVpc(plan: Plan, id: string): LabelledEdit {
  requireVpc(plan, id);
  const edits: Edit[] = [];
  let current = plan;
  for (const peering of plan.peerings) {
    if (peering.requester !== id && peering.accepter !== id) continue;
    const step = deletePeering(current, peering.id).edit;
    edits.push(step);
    // Later route indices are computed on the plan as it will be after this step.
    current = applyLocal(current, step);
  }
  edits.push({ kind: 'vpc.delete', id });
  return { label: `Delete VPC ${id}`, edit: { kind: 'batch', edits } };
}

export function renameObject(plan: Plan, id: string, name: string): LabelledEdit {
  if (plan.vpcs.some((v) => v.id === id))
    return { label: `Rename ${id}`, edit: { kind: 'vpc.update', id, patch: { name } } };
  if (plan.peerings.some((p) => p.id === id)) {
    return { label: `Rename ${id}`, edit: { kind: 'peering.update', id, patch: { name } } };
  }
  if (plan.accounts.some((a) => a.id === id)) {
    return { label: `Rename ${id}`, edit: { kind: 'account.update', id, patch: { name } } };
  }
  for (const vpc of plan.vpcs) {
    if (vpc.subnets.some((s) => s.id === id)) {
      return { label: `Rename ${id}`, edit: { kind: 'subnet.update', vpc: vpc.id, id, patch: { name } } };
    }
    if (vpc.routeTables.some((t) => t.id === id)) {
      return { label: `Rename ${id}`, edit: { kind: 'routeTable.update', vpc: vpc.id, id, patch: { name } } };
    }
  }
  throw new EditError(`Nothing with id "${id}" to rename.`);
}

function requireVpc(plan: Plan, id: string): Vpc {
  const vpc = findVpc(plan, id);
  if (!vpc) throw new EditError(`No VPC with id "${id}".`);
  return vpc;
}

function requirePeering(plan: Plan, id: string): Peering {
  const peering = plan.peerings.find((p) => p.id === id);
  if (!peering) throw new EditError(`No peering with id "${id}".`);
  return peering;
}

function applyLocal(plan: Plan, edit: Edit): Plan {
  return applyEdit(plan, edit).plan;
}
