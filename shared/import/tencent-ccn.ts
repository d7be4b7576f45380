/**
 * CCNs from saved answers of `DescribeCcns` (CcnSet), `DescribeCcnAttachedInstances` (InstanceSet)
 * and `DescribeCcnRegionBandwidthLimits` (CcnRegionBandwidthLimitSet), field names as the SDK's
 * models have them (tencentcloud-sdk-nodejs, vpc_models.ts: CCN, CcnAttachedInstance,
 * CcnRegionBandwidthLimit).
 *
 * - Attachment states map one-to-one (ACTIVE, PENDING, REJECTED, EXPIRED); an attachment in any
 *   other state (DELETED, FAILED, ATTACHING, DETACHING, DETACHFAILED) is not a member the plan can
 *   hold: dropped, with one note each. Attachments are ordered by `AttachedTime` (ties by answer
 *   order), and the date is the plan's `attachedAt`: the order decides route conflicts.
 * - Only VPCs are modelled: a Direct Connect gateway, VPN gateway or bare-metal VPC is listed as
 *   not modelled.
 * - The CCN's owner is the `CcnUin` its attached instances name, else the account the VPCs share
 *   (the answers are that account's); its attached VPCs' `InstanceUin` tell their accounts and
 *   `InstanceRegion` their regions.
 * - A bandwidth limit answer does not name its CCN: the file's path must (`ccn-xxxx/…` or
 *   `DescribeCcnRegionBandwidthLimits.ccn-xxxx.json`), unless only one CCN is imported.
 *
 * Every cloud string used as a key goes through a Map or a Set.
 */
import type { CcnAttachmentState, CcnBandwidthLimitType } from '../plan/model';
import type { PlanFile } from '../plan/schema';
import { regionIdOf } from '../catalog/region-codes';
import { CCN_CHARGE_TYPE_OF_API, CCN_LIMIT_TYPE_OF_API } from '../export/tencent-vocabulary';
import type { Json, Located } from './answer-values';
import { str, uin } from './answer-values';

type FileCcn = NonNullable<PlanFile['ccns']>[number];

const CCN_STATE_OF_API: ReadonlyMap<string, CcnAttachmentState> = new Map([
  ['ACTIVE', 'active'],
  ['PENDING', 'pending'],
  ['REJECTED', 'rejected'],
  ['EXPIRED', 'expired'],
]);
const QOS_LEVELS: ReadonlySet<string> = new Set(['PT', 'AU', 'AG']);
/** A CCN ID in a file path. */
const CCN_IN_PATH = /(?:^|[/\\._ -])(ccn-[A-Za-z0-9]+)(?=$|[/\\._ -])/;

export interface CcnAnswerSets {
  readonly CcnSet: readonly Located<Json>[];
  readonly InstanceSet: readonly Located<Json>[];
  readonly CcnRegionBandwidthLimitSet: readonly Located<Json>[];
}

export interface CcnImportContext {
  note(item: Located<unknown>, suffix: string, message: string): void;
  /** Filled from the attachments: VPC ID → region, VPC ID → account. */
  readonly regionOfVpc: Map<string, string>;
  readonly accountOfVpc: Map<string, string>;
  /** Accounts seen: owners of CCNs and of attached VPCs. */
  readonly peerAccounts: Set<string>;
}

interface AttachmentDraft {
  readonly vpc: string;
  readonly state: CcnAttachmentState;
  readonly attachedTime: string;
  readonly order: number;
}

interface CcnDraft {
  readonly id: string;
  name?: string;
  owner?: string;
  qosLevel?: string;
  chargeType?: FileCcn['chargeType'];
  bandwidthLimitType?: CcnBandwidthLimitType;
  readonly attachments: AttachmentDraft[];
  readonly limits: NonNullable<FileCcn['bandwidthLimits']>[number][];
  /** Its DescribeCcns entry. */
  from?: Located<Json>;
  /** The first answer that named it (for notes when there is no DescribeCcns entry). */
  seenAt?: Located<Json>;
}

export interface CcnDrafts {
  readonly byId: ReadonlyMap<string, CcnDraft>;
}

/** First pass: CCNs and their members; the members tell the regions and accounts of VPCs. */
export function readCcnAnswers(sets: CcnAnswerSets, context: CcnImportContext): CcnDrafts {
  const { note } = context;
  const byId = new Map<string, CcnDraft>();
  const draftOf = (id: string): CcnDraft => {
    let draft = byId.get(id);
    if (!draft) {
      draft = { id, attachments: [], limits: [] };
      byId.set(id, draft);
    }
    return draft;
  };

  for (const item of sets.CcnSet) {
    const c = item.value;
    const id = str(c.CcnId);
    if (!id) {
      note(item, '', 'a CCN without CcnId: skipped');
      continue;
    }
    const draft = draftOf(id);
    if (draft.from) continue; // the same CCN in two answers (pages, accounts)
    draft.from = item;
    draft.name = str(c.CcnName) ?? id;
    const qos = str(c.QosLevel);
    if (qos !== undefined) {
      if (QOS_LEVELS.has(qos)) draft.qosLevel = qos;
      else note(item, 'QosLevel', `QoS level ${qos} is not PT, AU or AG: the default AU is used`);
    }
    const charge = str(c.InstanceChargeType);
    if (charge !== undefined) {
      const mapped = CCN_CHARGE_TYPE_OF_API.get(charge);
      if (mapped) draft.chargeType = mapped;
      else note(item, 'InstanceChargeType', `charge type ${charge} is not POSTPAID or PREPAID: default used`);
    }
    const limitType = str(c.BandwidthLimitType);
    if (limitType !== undefined) {
      const mapped = CCN_LIMIT_TYPE_OF_API.get(limitType);
      if (mapped) draft.bandwidthLimitType = mapped;
      else
        note(
          item,
          'BandwidthLimitType',
          `limit type ${limitType} is not OUTER_REGION_LIMIT or INTER_REGION_LIMIT: default used`,
        );
    }
    const metering = str(c.InstanceMeteringType);
    if (metering === 'TRAFFIC')
      note(item, 'InstanceMeteringType', `CCN ${id} is metered by traffic: the plan prices bandwidth`);
    const state = str(c.State);
    if (state !== undefined && state !== 'AVAILABLE')
      note(
        item,
        'State',
        `CCN ${id} is ${state} in the cloud${state === 'ISOLATED' ? ' (isolated, e.g. for an overdue bill)' : ''}: imported as planned`,
      );
  }

  let order = 0;
  const seenMembers = new Set<string>();
  for (const item of sets.InstanceSet) {
    const a = item.value;
    const ccnId = str(a.CcnId);
    const instanceId = str(a.InstanceId);
    const type = str(a.InstanceType) ?? '';
    if (!ccnId || !instanceId) {
      note(
        item,
        '',
        'an InstanceSet item without CcnId or InstanceId (not a DescribeCcnAttachedInstances answer): skipped',
      );
      continue;
    }
    const key = `${ccnId}\u0000${instanceId}`;
    if (seenMembers.has(key)) continue; // seen from both accounts, or overlapping pages
    seenMembers.add(key);
    if (type !== 'VPC') {
      note(
        item,
        'InstanceType',
        `${type || 'an instance of no type'} ${instanceId} attached to ${ccnId}: only VPCs are modelled, not imported`,
      );
      continue;
    }
    const draft = draftOf(ccnId);
    draft.seenAt ??= item;
    const ccnUin = uin(a.CcnUin);
    if (ccnUin) {
      draft.owner ??= ccnUin;
      context.peerAccounts.add(ccnUin);
    }
    const apiState = str(a.State) ?? '';
    const state = CCN_STATE_OF_API.get(apiState.toUpperCase());
    if (!state) {
      note(
        item,
        'State',
        `attachment of ${instanceId} to ${ccnId} is ${apiState || 'in no state'}: not a member the plan holds, dropped`,
      );
      continue;
    }
    const rawRegion = str(a.InstanceRegion);
    if (rawRegion !== undefined) {
      const region = regionIdOf(rawRegion);
      if (region) context.regionOfVpc.set(instanceId, region);
      else
        note(
          item,
          'InstanceRegion',
          `region ${rawRegion} is neither a region ID nor a known short code: not used`,
        );
    }
    const instanceUin = uin(a.InstanceUin);
    if (instanceUin) {
      context.accountOfVpc.set(instanceId, instanceUin);
      context.peerAccounts.add(instanceUin);
    }
    draft.attachments.push({
      vpc: instanceId,
      state,
      attachedTime: str(a.AttachedTime) ?? '',
      order: order++,
    });
  }

  for (const item of sets.CcnRegionBandwidthLimitSet) {
    const l = item.value;
    const named = CCN_IN_PATH.exec(item.file)?.[1];
    const ccnId = named ?? (byId.size === 1 ? [...byId.keys()][0] : undefined);
    if (ccnId === undefined) {
      note(
        item,
        '',
        'a bandwidth limit answer names no CCN: put the CCN ID in the file name (DescribeCcnRegionBandwidthLimits.ccn-xxxx.json); skipped',
      );
      continue;
    }
    const region = str(l.Region);
    const mbps = typeof l.BandwidthLimit === 'number' ? l.BandwidthLimit : Number(str(l.BandwidthLimit));
    if (!region) {
      note(item, '', 'a bandwidth limit without Region: skipped');
      continue;
    }
    if (!Number.isFinite(mbps) || mbps <= 0) {
      note(
        item,
        'BandwidthLimit',
        `limit of ${region}: ${String(l.BandwidthLimit)} Mbps is no limit the plan holds, skipped`,
      );
      continue;
    }
    const regionId = regionIdOf(region) ?? region;
    const rawDst = str(l.DstRegion);
    const limit: CcnDraft['limits'][number] = { region: regionId, mbps };
    if (rawDst !== undefined) limit.dstRegion = regionIdOf(rawDst) ?? rawDst;
    const draft = draftOf(ccnId);
    draft.seenAt ??= item;
    draft.limits.push(limit);
  }
  return { byId };
}

/** Second pass, once the VPCs' accounts are known: the plan's `ccns`. */
export function finishCcns(
  drafts: CcnDrafts,
  options: {
    readonly fallbackOwner: string | undefined;
    readonly vpcIds: ReadonlySet<string>;
    readonly unknownAccount: string;
  },
  context: CcnImportContext,
): FileCcn[] {
  const ccns: FileCcn[] = [];
  for (const draft of drafts.byId.values()) {
    const where: Located<unknown> = draft.from ?? draft.seenAt!;
    if (!draft.from)
      context.note(
        where,
        '',
        `CCN ${draft.id}: only its attached instances are in the answers (no DescribeCcns): imported with defaults`,
      );
    const owner = draft.owner ?? options.fallbackOwner;
    if (!owner)
      context.note(
        where,
        '',
        `CCN ${draft.id}: its owner is unknown (no attached instance names CcnUin): use --account UIN`,
      );
    const limitType = draft.bandwidthLimitType ?? 'outer-region';
    const limits = draft.limits.map((limit) => {
      if (limitType === 'outer-region' && limit.dstRegion !== undefined) {
        const { dstRegion: _pair, ...regionOnly } = limit;
        return regionOnly;
      }
      return limit;
    });
    const attachments = [...draft.attachments]
      .sort((a, b) =>
        a.attachedTime === b.attachedTime
          ? a.order - b.order
          : a.attachedTime === ''
            ? 1
            : b.attachedTime === ''
              ? -1
              : a.attachedTime < b.attachedTime
                ? -1
                : 1,
      )
      .map((a) => {
        const entry: NonNullable<FileCcn['attachments']>[number] = { vpc: a.vpc, state: a.state };
        const date = a.attachedTime.slice(0, 10);
        if (/^\d{4}-\d{2}-\d{2}$/.test(date)) entry.attachedAt = date;
        if (!options.vpcIds.has(a.vpc)) {
          const account = context.accountOfVpc.get(a.vpc);
          context.note(
            where,
            '',
            `CCN ${draft.id}: attached VPC ${a.vpc}${account ? ` of account ${account}` : ''} is not in the DescribeVpcs answers; add that account's answers to import it`,
          );
        }
        return entry;
      });
    const ccn: FileCcn = {
      id: draft.id,
      name: draft.name ?? draft.id,
      account: owner ?? options.unknownAccount,
    };
    if (draft.qosLevel !== undefined) ccn.qosLevel = draft.qosLevel as FileCcn['qosLevel'];
    if (draft.chargeType !== undefined) ccn.chargeType = draft.chargeType;
    if (draft.bandwidthLimitType !== undefined) ccn.bandwidthLimitType = draft.bandwidthLimitType;
    ccn.attachments = attachments;
    if (limits.length > 0) ccn.bandwidthLimits = limits;
    ccns.push(ccn);
  }
  return ccns;
}
