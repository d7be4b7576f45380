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
import { ccnAttachmentId } from '../plan/model';
import {
  applyEdit,
  attachmentsOfVpc,
  EditError,
  findRouteTableOwner,
  findVpc,
  routesThroughPeering,
} from './operations';
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
  for (const ccn of plan.ccns) ids.add(ccn.id);
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

/**
 * Deletes a VPC together with its peerings (and their routes on the other side) and its CCN
 * attachments (undo puts each back at its place in its CCN's list: the order decides conflicts).
 */
export function deleteVpc(plan: Plan, id: string): LabelledEdit {
  requireVpc(plan, id);
  const edits: Edit[] = attachmentsOfVpc(plan, id).map(({ ccn }) => ({
    kind: 'ccnAttachment.delete',
    ccn: ccn.id,
    vpc: id,
  }));
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

/** A delete as one undo step, with a sentence saying everything it removes. */
export interface Deletion extends LabelledEdit {
  /** "Deleted VPC Web (vpc-1), its 2 peerings (pcx-1, pcx-2) and 3 routes through them." */
  readonly summary: string;
}

/**
 * Deletes any object by id (VPC, peering, subnet, route table, route `<table>#<index>`,
 * account) with what goes with it, and says what was removed; null when nothing has that id.
 */
export function deleteObject(plan: Plan, id: string): Deletion | null {
  const named = (object: { id: string; name: string }): string =>
    object.name && object.name !== object.id ? `${object.name} (${object.id})` : object.id;
  const vpc = findVpc(plan, id);
  if (vpc) {
    const peerings = plan.peerings.filter((p) => p.requester === id || p.accepter === id);
    let routes = 0;
    for (const peering of peerings) routes += countForeignRoutes(plan, peering.id, id);
    const parts = [`Deleted VPC ${named(vpc)}`];
    if (peerings.length > 0)
      parts.push(`its ${plural(peerings.length, 'peering')} (${listIds(peerings.map((p) => p.id))})`);
    const attached = attachmentsOfVpc(plan, id);
    if (attached.length > 0)
      parts.push(
        `its ${attached.length === 1 ? 'attachment' : 'attachments'} to ${listIds(attached.map((a) => a.ccn.id))}`,
      );
    if (routes > 0) parts.push(`${plural(routes, 'route')} through them in other VPCs`);
    return { ...deleteVpc(plan, id), summary: `${joinParts(parts)}.` };
  }
  const peering = plan.peerings.find((p) => p.id === id);
  if (peering) {
    const routes = routesThroughPeering(plan, id).length;
    return {
      ...deletePeering(plan, id),
      summary: `Deleted peering ${named(peering)}${routes > 0 ? ` and the ${plural(routes, 'route')} through it` : ''}.`,
    };
  }
  const ccn = plan.ccns.find((c) => c.id === id);
  if (ccn) {
    const members = ccn.attachments.length;
    return {
      label: `Delete CCN ${id}`,
      edit: { kind: 'ccn.delete', id },
      summary: `Deleted CCN ${named(ccn)}${members > 0 ? ` and its ${plural(members, 'attachment')}` : ''}.`,
    };
  }
  const at = id.lastIndexOf('@');
  if (at > 0) {
    const attachedTo = plan.ccns.find((c) => c.id === id.slice(0, at));
    const vpcId = id.slice(at + 1);
    if (attachedTo && attachedTo.attachments.some((a) => a.vpc === vpcId)) {
      return {
        ...detachVpc(plan, attachedTo.id, vpcId),
        summary: `Detached VPC ${vpcId} from CCN ${named(attachedTo)}.`,
      };
    }
  }
  const account = plan.accounts.find((a) => a.id === id);
  if (account) {
    return {
      label: `Delete account ${id}`,
      edit: { kind: 'account.delete', id },
      summary: `Deleted account ${named(account)}.`,
    };
  }
  for (const owner of plan.vpcs) {
    const subnet = owner.subnets.find((s) => s.id === id);
    if (subnet) {
      return {
        label: `Delete subnet ${id}`,
        edit: { kind: 'subnet.delete', vpc: owner.id, id },
        summary: `Deleted subnet ${named(subnet)} of ${named(owner)}.`,
      };
    }
    const table = owner.routeTables.find((t) => t.id === id);
    if (table) {
      const routes = table.routes.length;
      return {
        label: `Delete route table ${id}`,
        edit: { kind: 'routeTable.delete', vpc: owner.id, id },
        summary: `Deleted route table ${named(table)} of ${named(owner)}${routes > 0 ? ` with its ${plural(routes, 'route')}` : ''}.`,
      };
    }
  }
  const hash = id.lastIndexOf('#');
  if (hash > 0) {
    const owner = findRouteTableOwner(plan, id.slice(0, hash));
    const index = Number(id.slice(hash + 1));
    const route = owner && Number.isInteger(index) ? owner.table.routes[index] : undefined;
    if (owner && route) {
      return {
        label: `Delete route in ${owner.table.id}`,
        edit: { kind: 'route.delete', routeTable: owner.table.id, index },
        summary: `Deleted route ${route.destination} → ${route.nextHop.type} ${route.nextHop.id} from ${named(owner.table)}.`,
      };
    }
  }
  return null;
}

/** Routes through a peering in VPCs other than `except` (those of a deleted VPC go with it). */
function countForeignRoutes(plan: Plan, peeringId: string, except: string): number {
  return routesThroughPeering(plan, peeringId).filter((r) => r.vpc.id !== except).length;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Up to five ids, then how many more. */
function listIds(ids: readonly string[]): string {
  return ids.length <= 5 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more`;
}

function joinParts(parts: readonly string[]): string {
  if (parts.length <= 2) return parts.join(parts.length === 2 ? ' and ' : '');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
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
  if (plan.ccns.some((c) => c.id === id))
    return { label: `Rename ${id}`, edit: { kind: 'ccn.update', id, patch: { name } } };
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

/** Detaches a VPC from a CCN (its routes on the CCN go with the attachment). */
export function detachVpc(plan: Plan, ccnId: string, vpcId: string): LabelledEdit {
  const ccn = plan.ccns.find((c) => c.id === ccnId);
  if (!ccn) throw new EditError(`No CCN with id "${ccnId}".`);
  if (!ccn.attachments.some((a) => a.vpc === vpcId))
    throw new EditError(`VPC ${vpcId} is not attached to CCN ${ccnId}.`);
  return {
    label: `Detach ${ccnAttachmentId(ccnId, vpcId)}`,
    edit: { kind: 'ccnAttachment.delete', ccn: ccnId, vpc: vpcId },
  };
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
