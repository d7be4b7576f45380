/**
 * The user-level CCN edits (spec/ccn.md), each one undo step with a label: create a CCN, attach
 * a VPC to it (the Connect gesture onto a hub), accept or reject a cross-account attachment, and
 * the bandwidth limits and expected P95 lists, edited whole (a list is small, and an add or a
 * remove is then one patch whose inverse is the previous list).
 *
 * An attachment within the CCN owner's account is active at once; from another account it is
 * pending until the owner accepts it (as the cloud's AttachCcnInstances / AcceptAttachCcnInstances).
 */
import type {
  Ccn,
  CcnAttachment,
  CcnAttachmentState,
  CcnBandwidthLimit,
  CcnChargeType,
  CcnExpectedP95,
  CcnPublish,
  CcnQosLevel,
  Plan,
} from '../plan/model';
import { ccnAttachmentId } from '../plan/model';
import { EditError, findCcn, findVpc } from './operations';
import { MAX_ID_LENGTH } from './rename-id';
import { allIds, nextFreeId } from './workflow';
import type { LabelledEdit } from './workflow';

/** Platinum, gold, silver: the cloud's names of the QoS levels (they decide the price). */
export const CCN_QOS_NAMES: Readonly<Record<CcnQosLevel, string>> = {
  PT: 'platinum',
  AU: 'gold',
  AG: 'silver',
};

export interface NewCcn {
  readonly id?: string;
  readonly name?: string;
  readonly account: string;
  readonly qosLevel?: CcnQosLevel;
  readonly chargeType?: CcnChargeType;
}

/** A fresh CCN ID (`ccn-<n>`) no object of the plan uses. */
export function nextCcnId(plan: Plan): string {
  return nextFreeId(plan, 'ccn');
}

/** Why `id` cannot be a new CCN's ID, or null. */
export function ccnIdProblem(plan: Plan, id: string): string | null {
  if (id.trim() === '') return 'Enter an ID for the CCN.';
  if (id !== id.trim()) return 'An ID cannot start or end with a space.';
  if (id.length > MAX_ID_LENGTH) return `An ID is at most ${MAX_ID_LENGTH} characters.`;
  if (id.includes('#') || id.includes('@'))
    return 'A CCN ID cannot contain "#" or "@" (an attachment is <ccnId>@<vpcId>).';
  if (allIds(plan).has(id)) return `"${id}" is already the ID of another object.`;
  return null;
}

/**
 * A new CCN without members. A prepaid CCN limits bandwidth per region pair (the cloud allows
 * nothing else: CCN_PREPAID_LIMIT_TYPE), a postpaid one per region by default.
 */
export function createCcn(plan: Plan, request: NewCcn): LabelledEdit {
  const id = request.id ?? nextCcnId(plan);
  const problem = ccnIdProblem(plan, id);
  if (problem) throw new EditError(problem);
  const chargeType = request.chargeType ?? 'postpaid';
  const ccn: Ccn = {
    id,
    name: request.name?.trim() || id,
    account: request.account,
    qosLevel: request.qosLevel ?? 'AU',
    chargeType,
    bandwidthLimitType: chargeType === 'prepaid' ? 'inter-region' : 'outer-region',
    attachments: [],
    bandwidthLimits: [],
    expectedP95: [],
  };
  return { label: `Add CCN ${id}`, edit: { kind: 'ccn.add', ccn } };
}

/** The state an attachment starts in: active in the CCN owner's account, else pending. */
export function initialAttachmentState(plan: Plan, ccn: Ccn, vpcId: string): CcnAttachmentState {
  return findVpc(plan, vpcId)?.account === ccn.account ? 'active' : 'pending';
}

/**
 * Attaches a VPC to a CCN, last in attachment order, on the plan's date. Refused when it is
 * attached already; a VPC attached to another CCN may be attached (CCN_VPC_MULTIPLE says why not).
 */
export function attachVpc(
  plan: Plan,
  ccnId: string,
  vpcId: string,
  options: { readonly publish?: CcnPublish } = {},
): LabelledEdit {
  const ccn = findCcn(plan, ccnId);
  if (!ccn) throw new EditError(`No CCN with id "${ccnId}".`);
  if (!findVpc(plan, vpcId)) throw new EditError(`No VPC with id "${vpcId}".`);
  if (ccn.attachments.some((a) => a.vpc === vpcId))
    throw new EditError(`VPC ${vpcId} is already attached to CCN ${ccnId}.`);
  const state = initialAttachmentState(plan, ccn, vpcId);
  const attachment: CcnAttachment = {
    vpc: vpcId,
    state,
    attachedAt: plan.asOf,
    publish: options.publish ?? 'vpc',
  };
  return {
    label:
      state === 'pending'
        ? `Request attachment ${ccnAttachmentId(ccnId, vpcId)}`
        : `Attach ${vpcId} to ${ccnId}`,
    edit: { kind: 'ccnAttachment.add', ccn: ccnId, attachment },
  };
}

/** A changed attachment state (accept, reject, expire, re-request) as one step. */
export function setAttachmentState(
  plan: Plan,
  ccnId: string,
  vpcId: string,
  state: CcnAttachmentState,
): LabelledEdit {
  const attachment = requireAttachment(plan, ccnId, vpcId);
  if (attachment.state === state)
    throw new EditError(`${ccnAttachmentId(ccnId, vpcId)} is already ${state}.`);
  const verb: Record<CcnAttachmentState, string> = {
    active: attachment.state === 'pending' ? 'Accept' : 'Activate',
    pending: 'Request again',
    rejected: 'Reject',
    expired: 'Expire',
  };
  return {
    label: `${verb[state]} attachment ${ccnAttachmentId(ccnId, vpcId)}`,
    edit: { kind: 'ccnAttachment.update', ccn: ccnId, vpc: vpcId, patch: { state } },
  };
}

/** Why a bandwidth limit cannot be added, or null (the inspector shows it next to the fields). */
export function bandwidthLimitProblem(ccn: Ccn, limit: CcnBandwidthLimit): string | null {
  if (!Number.isFinite(limit.mbps) || limit.mbps <= 0) return 'Enter a bandwidth above 0 Mbps.';
  if (limit.region.trim() === '') return 'Choose a region.';
  if (ccn.bandwidthLimitType === 'inter-region') {
    if (limit.dstRegion === undefined || limit.dstRegion.trim() === '')
      return 'A limit per region pair needs a destination region.';
    if (limit.dstRegion === limit.region) return 'Choose two different regions.';
  } else if (limit.dstRegion !== undefined) return 'A limit per region has no destination region.';
  const same = ccn.bandwidthLimits.some((l) =>
    ccn.bandwidthLimitType === 'inter-region'
      ? (l.region === limit.region && l.dstRegion === limit.dstRegion) ||
        (l.region === limit.dstRegion && l.dstRegion === limit.region)
      : l.region === limit.region,
  );
  return same ? 'There is a limit for that already: change it instead.' : null;
}

/** The CCN's bandwidth limits replaced (an add, a change or a removal) as one step. */
export function setBandwidthLimits(
  plan: Plan,
  ccnId: string,
  limits: readonly CcnBandwidthLimit[],
  label: string,
): LabelledEdit {
  if (!findCcn(plan, ccnId)) throw new EditError(`No CCN with id "${ccnId}".`);
  return { label, edit: { kind: 'ccn.update', id: ccnId, patch: { bandwidthLimits: limits } } };
}

/** Why an expected P95 cannot be added, or null. */
export function expectedP95Problem(ccn: Ccn, item: CcnExpectedP95): string | null {
  const [a, b] = item.regions;
  if (!Number.isFinite(item.mbps) || item.mbps <= 0) return 'Enter a bandwidth above 0 Mbps.';
  if (a.trim() === '' || b.trim() === '') return 'Choose two regions.';
  if (a === b) return 'Traffic within one region is free on a CCN: choose two different regions.';
  const same = ccn.expectedP95.some(
    (e) => (e.regions[0] === a && e.regions[1] === b) || (e.regions[0] === b && e.regions[1] === a),
  );
  return same ? 'That pair has an expected P95 already: change it instead.' : null;
}

/** The CCN's expected P95 list replaced, as one step. */
export function setExpectedP95(
  plan: Plan,
  ccnId: string,
  items: readonly CcnExpectedP95[],
  label: string,
): LabelledEdit {
  if (!findCcn(plan, ccnId)) throw new EditError(`No CCN with id "${ccnId}".`);
  return { label, edit: { kind: 'ccn.update', id: ccnId, patch: { expectedP95: items } } };
}

function requireAttachment(plan: Plan, ccnId: string, vpcId: string): CcnAttachment {
  const ccn = findCcn(plan, ccnId);
  if (!ccn) throw new EditError(`No CCN with id "${ccnId}".`);
  const attachment = ccn.attachments.find((a) => a.vpc === vpcId);
  if (!attachment) throw new EditError(`VPC ${vpcId} is not attached to CCN ${ccnId}.`);
  return attachment;
}
