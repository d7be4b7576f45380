/**
 * Cloud Connect Network rules (spec/ccn.md, "Findings"): CCN_ROUTE_CONFLICT, CCN_ROUTE_SHADOWED,
 * CCN_VPC_MULTIPLE, CCN_QUOTA, CCN_ATTACH_PENDING, CCN_PREPAID_LIMIT_TYPE, CCN_BANDWIDTH_MISSING,
 * CCN_LIMIT_UNUSED, CCN_PEERING_MIGRATION, and the reference findings about CCNs with the codes
 * of rules.md: ID_DUPLICATE (two CCNs of one ID, a VPC attached twice to one CCN) and
 * REF_UNKNOWN (an attachment naming no VPC, a CCN of an unknown account, a CCN traffic sample
 * naming no CCN, a bandwidth limit whose shape does not fit the CCN's limit type).
 *
 * Every finding of these rules is about a CCN: its code starts with `CCN_`, or its message
 * starts with "CCN " and one of its subjects (`isCcnFinding`: the incremental validator tells
 * them apart by that; other rules' messages start with the object they are about).
 *
 * Interpretations (where ccn.md is silent):
 * - CCN_QUOTA counts every attachment of a CCN, whatever its state (the list is what the CCN
 *   holds), and every CCN an account owns.
 * - CCN_ATTACH_PENDING: a pending attachment of a VPC of another account than the CCN's (a
 *   same-account attachment is active at once).
 * - CCN_BANDWIDTH_MISSING: a limit covers a pair when its `region` and `dstRegion` are the two
 *   regions, in either order; one finding per region pair without one.
 * - CCN_LIMIT_UNUSED: a limit naming a region (or a `dstRegion`) where the CCN has no active
 *   member; one finding per limit.
 * - CCN_PEERING_MIGRATION: a peering in any state whose two ends are active members of one CCN.
 */
import { CCN_QUOTAS } from '../catalog/quotas';
import { ccnRouting } from '../ccn/routes';
import { activeMemberRegions, ccnTiersFor } from '../cost/ccn-costs';
import type { Ccn, Vpc } from '../plan/model';
import { ccnAttachmentId, routeId } from '../plan/model';
import type { Rule, RuleContext } from './context';
import { finding } from './finding';
import type { Finding } from './finding';

function vpcOf(context: RuleContext, id: string): Vpc | undefined {
  const index = context.vpcIndexById.get(id);
  return index === undefined ? undefined : context.plan.vpcs[index];
}

/** ID_DUPLICATE and REF_UNKNOWN about CCNs, their attachments, limits and traffic samples. */
export function checkCcnReferences(context: RuleContext): Finding[] {
  const { plan } = context;
  const findings: Finding[] = [];
  if (plan.ccns.length === 0 && plan.ccnTraffic.length === 0) return findings;
  const ccnIds = new Map<string, number>();
  for (const ccn of plan.ccns) ccnIds.set(ccn.id, (ccnIds.get(ccn.id) ?? 0) + 1);
  for (const [id, count] of ccnIds) {
    if (count > 1)
      findings.push(
        finding(
          'ID_DUPLICATE',
          `CCN ID "${id}" is shared by ${count} CCNs: give each CCN its own ID (IDs are unique within their kind).`,
          [id],
        ),
      );
  }
  for (const ccn of plan.ccns) {
    if (!context.accountById.has(ccn.account)) {
      findings.push(
        finding(
          'REF_UNKNOWN',
          `CCN ${ccn.id} belongs to account "${ccn.account}", which is not in the plan: add the account or fix the ID.`,
          [ccn.id, ccn.account],
        ),
      );
    }
    const attached = new Map<string, number>();
    for (const attachment of ccn.attachments) {
      attached.set(attachment.vpc, (attached.get(attachment.vpc) ?? 0) + 1);
      if (!context.vpcIndexById.has(attachment.vpc)) {
        findings.push(
          finding(
            'REF_UNKNOWN',
            `CCN ${ccn.id} has an attachment of VPC "${attachment.vpc}", which is not in the plan: add the VPC or remove the attachment.`,
            [ccnAttachmentId(ccn.id, attachment.vpc), ccn.id, attachment.vpc],
          ),
        );
      }
    }
    for (const [vpc, count] of attached) {
      if (count > 1)
        findings.push(
          finding(
            'ID_DUPLICATE',
            `CCN ${ccn.id} attaches VPC ${vpc} ${count} times: a VPC is attached to a CCN once; remove the extra attachments.`,
            [ccnAttachmentId(ccn.id, vpc), ccn.id, vpc],
          ),
        );
    }
    ccn.bandwidthLimits.forEach((limit, index) => {
      const where = `bandwidthLimits[${index}] (${limit.region}${limit.dstRegion !== undefined ? ` to ${limit.dstRegion}` : ''})`;
      if (ccn.bandwidthLimitType === 'inter-region' && limit.dstRegion === undefined) {
        findings.push(
          finding(
            'REF_UNKNOWN',
            `CCN ${ccn.id}: ${where} names no dstRegion, but the CCN's limits are inter-region (one per region pair): add the dstRegion.`,
            [ccn.id],
          ),
        );
      } else if (ccn.bandwidthLimitType === 'outer-region' && limit.dstRegion !== undefined) {
        findings.push(
          finding(
            'REF_UNKNOWN',
            `CCN ${ccn.id}: ${where} names a dstRegion, but the CCN's limits are outer-region (one per region): drop the dstRegion or make the limits inter-region.`,
            [ccn.id],
          ),
        );
      }
    });
  }
  plan.ccnTraffic.forEach((sample, index) => {
    if (!ccnIds.has(sample.ccn)) {
      findings.push(
        finding(
          'REF_UNKNOWN',
          `CCN ${sample.ccn}, named by CCN traffic sample ${index + 1} (${sample.at}, ${sample.regions[0]} to ${sample.regions[1]}), is not in the plan: fix the CCN ID or drop the sample.`,
          [sample.ccn],
        ),
      );
    }
  });
  return findings;
}

/** CCN_ROUTE_CONFLICT and CCN_ROUTE_SHADOWED. */
export function checkCcnRoutes(context: RuleContext): Finding[] {
  const { plan } = context;
  const findings: Finding[] = [];
  if (plan.ccns.length === 0) return findings;
  const routing = ccnRouting(plan);
  for (const { ccn, published } of routing.publications) {
    for (const item of published) {
      if (item.valid || item.conflictsWith === null) continue;
      const earlier = item.conflictsWith;
      const relation = item.cidr === earlier.cidr ? 'equals' : 'overlaps';
      findings.push(
        finding(
          'CCN_ROUTE_CONFLICT',
          `CCN ${ccn.id}: ${item.cidr} published by VPC ${item.vpc} ${relation} ${earlier.cidr}, published earlier by VPC ${earlier.vpc}: its CCN route is invalid everywhere (only the first attached VPC's route takes effect). Change the address plan, publish subnets instead of the VPC CIDR, or detach one of them.`,
          [ccn.id, item.vpc, earlier.vpc],
        ),
      );
    }
  }
  // Shadowing: each member VPC's tables, each plan route shadowing a CCN's route once.
  const seen = new Set<string>();
  for (const { members } of routing.publications) {
    for (const vpc of members) {
      if (seen.has(vpc.id)) continue; // a VPC on two CCNs receives both in one pass
      seen.add(vpc.id);
      for (const table of vpc.routeTables) {
        const reported = new Set<string>();
        for (const route of routing.forTable(vpc, table).notEffective) {
          if (route.code !== 'CCN_ROUTE_SHADOWED' || route.shadowedBy === null) continue;
          const planRoute = routeId(table.id, route.shadowedBy);
          const key = `${route.shadowedBy}\u0000${route.ccn}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const hop = table.routes[route.shadowedBy]!.nextHop;
          findings.push(
            finding(
              'CCN_ROUTE_SHADOWED',
              `Route table ${table.id}: the CCN route to ${route.destination} (CCN ${route.ccn}, from VPC ${route.publisher}) is not effective while route ${planRoute} to the same destination (${hop.type} ${hop.id}) exists. To move this traffic to the CCN, disable or delete that route.`,
              [table.id, planRoute, route.ccn],
            ),
          );
        }
      }
    }
  }
  return findings;
}

function isLive(state: string): boolean {
  return state === 'pending' || state === 'active';
}

/** CCN_VPC_MULTIPLE, CCN_QUOTA, CCN_ATTACH_PENDING. */
export function checkCcnAttachments(context: RuleContext): Finding[] {
  const { plan } = context;
  const findings: Finding[] = [];
  if (plan.ccns.length === 0) return findings;
  // VPC → the CCNs it is attached to (pending or active), each once, in plan order.
  const ccnsOfVpc = new Map<string, string[]>();
  const owned = new Map<string, string[]>();
  for (const ccn of plan.ccns) {
    const ofAccount = owned.get(ccn.account);
    if (ofAccount) ofAccount.push(ccn.id);
    else owned.set(ccn.account, [ccn.id]);
    for (const attachment of ccn.attachments) {
      if (!isLive(attachment.state) || !context.vpcIndexById.has(attachment.vpc)) continue;
      const list = ccnsOfVpc.get(attachment.vpc);
      if (!list) ccnsOfVpc.set(attachment.vpc, [ccn.id]);
      else if (!list.includes(ccn.id)) list.push(ccn.id);
    }
  }
  for (const [vpc, ccns] of ccnsOfVpc) {
    if (ccns.length > 1)
      findings.push(
        finding(
          'CCN_VPC_MULTIPLE',
          `VPC ${vpc} is attached to ${ccns.length} CCNs (${ccns.join(', ')}): a VPC joins one CCN only. Detach it from all but one.`,
          [vpc, ...ccns],
        ),
      );
  }
  for (const ccn of plan.ccns) {
    if (ccn.attachments.length > CCN_QUOTAS.attachmentsPerCcn)
      findings.push(
        finding(
          'CCN_QUOTA',
          `CCN ${ccn.id} has ${ccn.attachments.length} attachments, more than the ${CCN_QUOTAS.attachmentsPerCcn} instances a CCN may hold: split the VPCs over CCNs or raise the quota with a ticket.`,
          [ccn.id],
        ),
      );
  }
  for (const [account, ccns] of owned) {
    if (ccns.length > CCN_QUOTAS.ccnsPerAccount)
      findings.push(
        finding(
          'CCN_QUOTA',
          `Account ${account} owns ${ccns.length} CCNs, more than the ${CCN_QUOTAS.ccnsPerAccount} an account may create: merge CCNs or move some to another account.`,
          [account, ...ccns],
        ),
      );
  }
  for (const ccn of plan.ccns) {
    for (const attachment of ccn.attachments) {
      if (attachment.state !== 'pending') continue;
      const vpc = vpcOf(context, attachment.vpc);
      if (!vpc || vpc.account === ccn.account) continue;
      findings.push(
        finding(
          'CCN_ATTACH_PENDING',
          `CCN ${ccn.id}: the attachment of VPC ${vpc.id} (account ${vpc.account}) waits for the CCN's owner, account ${ccn.account}, to accept it; until then it publishes and receives no route.`,
          [ccnAttachmentId(ccn.id, vpc.id), ccn.id, vpc.id],
        ),
      );
    }
  }
  return findings;
}

/** The regions of a CCN's active members, each once, in member order. */
function activeRegions(ccn: Ccn, context: RuleContext): string[] {
  const regions: string[] = [];
  for (const attachment of ccn.attachments) {
    if (attachment.state !== 'active') continue;
    const vpc = vpcOf(context, attachment.vpc);
    if (vpc && !regions.includes(vpc.region)) regions.push(vpc.region);
  }
  return regions;
}

/** CCN_PREPAID_LIMIT_TYPE, CCN_BANDWIDTH_MISSING, CCN_LIMIT_UNUSED. */
export function checkCcnBandwidth(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const ccn of context.plan.ccns) {
    const prepaid = ccn.chargeType === 'prepaid';
    if (prepaid && ccn.bandwidthLimitType !== 'inter-region')
      findings.push(
        finding(
          'CCN_PREPAID_LIMIT_TYPE',
          `CCN ${ccn.id} is prepaid but its bandwidth limits are ${ccn.bandwidthLimitType}: a prepaid CCN buys bandwidth per region pair, so its limit type must be inter-region.`,
          [ccn.id],
        ),
      );
    if (!prepaid && ccn.bandwidthLimits.length === 0) continue;
    const regions = activeRegions(ccn, context);
    if (prepaid) {
      const covered = new Set<string>();
      for (const limit of ccn.bandwidthLimits) {
        if (limit.dstRegion === undefined) continue;
        covered.add(`${limit.region}\u0000${limit.dstRegion}`);
        covered.add(`${limit.dstRegion}\u0000${limit.region}`);
      }
      for (let i = 0; i < regions.length; i++) {
        for (let k = i + 1; k < regions.length; k++) {
          if (covered.has(`${regions[i]}\u0000${regions[k]}`)) continue;
          findings.push(
            finding(
              'CCN_BANDWIDTH_MISSING',
              `CCN ${ccn.id} is prepaid and has active members in ${regions[i]} and ${regions[k]} but no bandwidth limit for that pair: only the 10 Kbps test bandwidth flows between them. Buy bandwidth for the pair (an inter-region limit).`,
              [ccn.id],
            ),
          );
        }
      }
    }
    ccn.bandwidthLimits.forEach((limit, index) => {
      const unused = [limit.region, ...(limit.dstRegion !== undefined ? [limit.dstRegion] : [])].filter(
        (region) => !regions.includes(region),
      );
      if (unused.length === 0) return;
      findings.push(
        finding(
          'CCN_LIMIT_UNUSED',
          `CCN ${ccn.id}: bandwidthLimits[${index}] is for ${unused.join(' and ')}, where the CCN has no active member: the limit does nothing. Remove it or attach a VPC there.`,
          [ccn.id],
        ),
      );
    });
  }
  return findings;
}

/** CCN_PEERING_MIGRATION. */
export function checkCcnPeerings(context: RuleContext): Finding[] {
  const { plan } = context;
  const findings: Finding[] = [];
  if (plan.ccns.length === 0 || plan.peerings.length === 0) return findings;
  const ccnsOfMember = new Map<string, string[]>();
  for (const { ccn, members } of ccnRouting(plan).publications) {
    for (const vpc of members) {
      const list = ccnsOfMember.get(vpc.id);
      if (!list) ccnsOfMember.set(vpc.id, [ccn.id]);
      else if (!list.includes(ccn.id)) list.push(ccn.id);
    }
  }
  for (const peering of plan.peerings) {
    const a = ccnsOfMember.get(peering.requester);
    const b = ccnsOfMember.get(peering.accepter);
    if (!a || !b || peering.requester === peering.accepter) continue;
    for (const ccn of a) {
      if (!b.includes(ccn)) continue;
      findings.push(
        finding(
          'CCN_PEERING_MIGRATION',
          `Peering ${peering.id} joins VPCs ${peering.requester} and ${peering.accepter}, which are both active members of CCN ${ccn}: once the CCN routes are effective, delete the peering's routes, then the peering.`,
          [peering.id, ccn],
        ),
      );
    }
  }
  return findings;
}

/**
 * PRICE_ON_REQUEST (rules.md) for each cross-region pair of a CCN's active members that has no
 * price: not a list-price pair (both regions in mainland China, postpaid) and not in the plan's
 * `prices.ccn`. Independent of the month, so the CCN sub-plan of the editor gives the same.
 */
export function checkCcnPrices(context: RuleContext): Finding[] {
  const { plan } = context;
  const findings: Finding[] = [];
  const regionOf = new Map<string, string>();
  for (const vpc of plan.vpcs) if (!regionOf.has(vpc.id)) regionOf.set(vpc.id, vpc.region);
  for (const ccn of plan.ccns) {
    const regions = activeMemberRegions(ccn, (id) => regionOf.get(id));
    for (let i = 0; i < regions.length; i++)
      for (let j = i + 1; j < regions.length; j++) {
        if (ccnTiersFor(plan, ccn, regions[i]!, regions[j]!) !== null) continue;
        findings.push(
          finding(
            'PRICE_ON_REQUEST',
            `CCN ${ccn.id} (${regions[i]} to ${regions[j]}, ${ccn.qosLevel}, ${ccn.chargeType}) has no list price: its cost is unknown until a negotiated price is entered in the plan's prices.ccn.`,
            [ccn.id],
          ),
        );
      }
  }
  return findings;
}

/** The CCN rules, in the order validatePlan runs them. */
export const CCN_RULES: readonly Rule[] = [
  checkCcnReferences,
  checkCcnAttachments,
  checkCcnBandwidth,
  checkCcnRoutes,
  checkCcnPeerings,
  checkCcnPrices,
];

/**
 * Whether a finding is about a CCN as a whole: a `CCN_*` code, or another code (not
 * ID_DUPLICATE) whose message starts with "CCN " and one of its subjects, as the reference
 * findings above and the CCN cost findings (PRICE_ON_REQUEST) do. The incremental validator
 * recomputes these on the CCNs' own sub-plan.
 */
export function isCcnFinding(f: Finding): boolean {
  if (f.code.startsWith('CCN_')) return true;
  if (f.code === 'ID_DUPLICATE' || !f.message.startsWith('CCN ')) return false;
  for (const subject of f.subjects) {
    if (!f.message.startsWith(subject, 4)) continue;
    const after = f.message.charAt(4 + subject.length);
    if (after === ' ' || after === ':' || after === ',' || after === '(') return true;
  }
  return false;
}
