/**
 * What the exports (Terraform, the API sequence) create for the plan's CCNs (spec/ccn.md): each
 * CCN once, its pending and active attachments in attachment order, and its bandwidth limits as the
 * limit type allows; everything else with the reason it is left out, so each export says it once.
 *
 * Attachment order is the routes' (`attachmentOrder` of ccn/published.ts: `attachedAt`, undated
 * after dated, ties by list order): the cloud lets the first attached instance's route win a
 * conflict, so the exports attach in that order. Rejected and expired attachments do not exist in the cloud as
 * members: they are not created.
 */
import type { Ccn, CcnAttachment, CcnBandwidthLimit, Plan, Vpc } from '../plan/model';
import { ccnAttachmentId } from '../plan/model';
import { attachmentOrder } from '../ccn/published';

export interface CcnMemberToCreate {
  readonly attachment: CcnAttachment;
  readonly vpc: Vpc;
  /** The VPC's account is not the CCN's: the VPC's account applies, the CCN owner accepts. */
  readonly crossAccount: boolean;
}

export interface CcnLimitToSet {
  readonly limit: CcnBandwidthLimit;
  /** Only for `inter-region` CCNs. */
  readonly dstRegion?: string;
  /** What the export changed from the plan (a destination an outer-region CCN cannot have). */
  readonly note?: string;
}

export interface CcnToCreate {
  readonly ccn: Ccn;
  readonly members: readonly CcnMemberToCreate[];
  readonly limits: readonly CcnLimitToSet[];
}

export interface CcnExportPlan {
  readonly ccns: readonly CcnToCreate[];
  /** Plan objects (a CCN ID, `<ccnId>@<vpcId>`, `<ccnId> limit <region>`) not created, with why. */
  readonly skipped: readonly { readonly planObject: string; readonly reason: string }[];
}

export function ccnsToCreate(plan: Plan): CcnExportPlan {
  const skipped: { planObject: string; reason: string }[] = [];
  const vpcById = new Map<string, Vpc>();
  for (const vpc of plan.vpcs) if (!vpcById.has(vpc.id)) vpcById.set(vpc.id, vpc);
  const seen = new Set<string>();
  const ccns: CcnToCreate[] = [];
  for (const ccn of plan.ccns) {
    if (seen.has(ccn.id)) {
      skipped.push({ planObject: ccn.id, reason: 'a second CCN with this ID (ID_DUPLICATE): not created' });
      continue;
    }
    seen.add(ccn.id);
    const members: CcnMemberToCreate[] = [];
    const attached = new Set<string>();
    for (const attachment of attachmentOrder(ccn)) {
      const planObject = ccnAttachmentId(ccn.id, attachment.vpc);
      const vpc = vpcById.get(attachment.vpc);
      if (attachment.state === 'rejected' || attachment.state === 'expired') {
        skipped.push({
          planObject,
          reason: `${attachment.state}: not a member in the cloud, not created (attach it again to make it one)`,
        });
      } else if (!vpc) {
        skipped.push({ planObject, reason: 'its VPC is not in the plan (REF_UNKNOWN): not created' });
      } else if (attached.has(vpc.id)) {
        skipped.push({ planObject, reason: 'the VPC is attached to this CCN twice: created once' });
      } else {
        attached.add(vpc.id);
        members.push({ attachment, vpc, crossAccount: vpc.account !== ccn.account });
      }
    }
    const limits: CcnLimitToSet[] = [];
    for (const limit of ccn.bandwidthLimits) {
      const planObject = `${ccn.id} limit ${limit.region}${limit.dstRegion === undefined ? '' : ` -> ${limit.dstRegion}`}`;
      if (ccn.bandwidthLimitType === 'inter-region') {
        if (limit.dstRegion === undefined) {
          skipped.push({
            planObject,
            reason: 'an inter-region limit needs a destination region (dstRegion): not set',
          });
        } else limits.push({ limit, dstRegion: limit.dstRegion });
      } else if (limit.dstRegion !== undefined) {
        limits.push({
          limit,
          note: `${planObject}: an outer-region CCN limits a region, not a pair: set for ${limit.region} alone`,
        });
      } else limits.push({ limit });
    }
    ccns.push({ ccn, members, limits });
  }
  return { ccns, skipped };
}

/** The CCN's description in the cloud (at most 100 bytes of UTF-8 there): where the plan's ID is kept. */
export function ccnDescription(ccn: Ccn): string {
  let out = '';
  let bytes = 0;
  for (const ch of `Peerplan CCN ${ccn.id}`) {
    const code = ch.codePointAt(0)!;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > 100) break;
    bytes += size;
    out += ch;
  }
  return out;
}

/**
 * Where the CCN owner's calls go (the CCN, accepts, limits): a CCN is global, but an API call and a
 * Terraform provider have a region. The region of the owner's first member VPC, else of the
 * owner's first VPC in the plan, else of the first member, else Guangzhou.
 */
export function ccnOwnerRegion(
  ccn: Ccn,
  members: readonly CcnMemberToCreate[],
  vpcs: readonly Vpc[],
): string {
  return (
    members.find((m) => !m.crossAccount)?.vpc.region ??
    vpcs.find((v) => v.account === ccn.account)?.region ??
    members[0]?.vpc.region ??
    'ap-guangzhou'
  );
}
