/**
 * Subnets: SUBNET_OUTSIDE_VPC, SUBNET_OVERLAP (one sorted sweep per VPC), SUBNET_SIZE,
 * SUBNET_ZONE_MISSING and SUBNET_ZONE_REGION. A subnet whose CIDR does not parse is reported by
 * the CIDR rules and skipped by the CIDR checks here (its zone is still checked).
 */
import { SUBNET_PREFIX } from '../catalog/quotas';
import { isZoneOfRegion, regionOfZone, zonesOfRegion } from '../catalog/zones';
import { findOverlappingPairs, formatCidr, hasOverlap } from '../net/cidr';
import type { Cidr } from '../net/cidr';
import type { CidrColumns } from '../net/cidr-columns';
import type { Subnet } from '../plan/model';
import type { RuleContext } from './context';
import { finding } from './finding';
import type { Finding } from './finding';

export function checkSubnetPlacement(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const { plan, subnets, subnetVpc, subnetCidrs, vpcCidrs, vpcCidrFirst } = context;
  for (let i = 0; i < subnets.length; i++) {
    if (!subnetCidrs.ok(i)) continue;
    const v = subnetVpc[i]!;
    const from = vpcCidrFirst[v]!;
    const to = vpcCidrFirst[v + 1]!;
    // With no usable VPC CIDR there is nothing to be inside; the CIDR rules already speak.
    if (vpcCidrs.anyOk(from, to) && !subnetCidrs.containedIn(i, vpcCidrs, from, to)) {
      const subnet = subnets[i]!;
      const vpc = plan.vpcs[v]!;
      const vpcBlocks: string[] = [];
      for (let c = from; c < to; c++) if (vpcCidrs.ok(c)) vpcBlocks.push(formatCidr(vpcCidrs.cidr(c)));
      findings.push(
        finding(
          'SUBNET_OUTSIDE_VPC',
          `Subnet ${subnet.id} (${subnet.cidr}) is not inside VPC ${vpc.id} (${vpcBlocks.join(', ')}): choose a block inside the VPC's primary or a secondary CIDR.`,
          [subnet.id, vpc.id],
        ),
      );
    }
    const prefix = subnetCidrs.prefix[i]!;
    if (prefix < SUBNET_PREFIX.min || prefix > SUBNET_PREFIX.max) {
      const subnet = subnets[i]!;
      findings.push(
        finding(
          'SUBNET_SIZE',
          `Subnet ${subnet.id} (${subnet.cidr}) has a /${prefix} prefix: subnets must be /${SUBNET_PREFIX.min} to /${SUBNET_PREFIX.max}.`,
          [subnet.id],
        ),
      );
    }
  }
  return findings;
}

/**
 * Whether two of the ok blocks `from` … `to - 1` overlap. A VPC has a handful of subnets, which
 * are compared directly (nothing sorted, nothing allocated); a VPC with many goes through the
 * sorted sweep.
 */
function anyOverlapIn(columns: CidrColumns, from: number, to: number): boolean {
  if (to - from > 16) {
    const blocks: Cidr[] = [];
    for (let i = from; i < to; i++) if (columns.ok(i)) blocks.push(columns.cidr(i));
    return hasOverlap(blocks);
  }
  const { start, end } = columns;
  for (let i = from; i < to; i++) {
    if (!columns.ok(i)) continue;
    for (let j = i + 1; j < to; j++) {
      if (columns.ok(j) && start[i]! <= end[j]! && start[j]! <= end[i]!) return true;
    }
  }
  return false;
}

export function checkSubnetOverlaps(context: RuleContext): Finding[] {
  // First a cheap question per VPC: do any two of its subnets overlap? Most VPCs say no, and
  // only the others pay for tagged blocks and the list of pairs.
  const { plan, subnets, subnetFirst, subnetCidrs } = context;
  const findings: Finding[] = [];
  for (let v = 0; v < plan.vpcs.length; v++) {
    const from = subnetFirst[v]!;
    const to = subnetFirst[v + 1]!;
    if (to - from < 2 || !anyOverlapIn(subnetCidrs, from, to)) continue;
    const blocks: { cidr: Cidr; owner: Subnet }[] = [];
    for (let i = from; i < to; i++) {
      if (subnetCidrs.ok(i)) blocks.push({ cidr: subnetCidrs.cidr(i), owner: subnets[i]! });
    }
    const vpc = plan.vpcs[v]!;
    for (const [a, b] of findOverlappingPairs(blocks)) {
      findings.push(
        finding(
          'SUBNET_OVERLAP',
          `Subnets ${a.owner.id} (${a.owner.cidr}) and ${b.owner.id} (${b.owner.cidr}) of VPC ${vpc.id} overlap: subnets of one VPC must be disjoint; move or shrink one.`,
          [a.owner.id, b.owner.id],
        ),
      );
    }
  }
  return findings;
}

/**
 * SUBNET_ZONE_MISSING: the cloud needs a zone to create a subnet (`CreateSubnet.Zone`, the
 * provider's `availability_zone` are required). SUBNET_ZONE_REGION: the zone is not one of the
 * VPC's region (looked up whole: `ap-shanghai-fsi-1` belongs to `ap-shanghai-fsi`, not to
 * `ap-shanghai`). A VPC whose region is outside the catalog is REGION_UNKNOWN already; its zones
 * are taken when they are named after its region.
 */
export function checkSubnetZones(context: RuleContext): Finding[] {
  const { plan, subnets, subnetVpc } = context;
  const findings: Finding[] = [];
  for (let i = 0; i < subnets.length; i++) {
    const subnet = subnets[i]!;
    const vpc = plan.vpcs[subnetVpc[i]!]!;
    if (subnet.zone === undefined || subnet.zone === '') {
      findings.push(
        finding(
          'SUBNET_ZONE_MISSING',
          `Subnet ${subnet.id} has no zone: the cloud needs one to create it. Pick a zone of ${vpc.region}; exports ask for it until then.`,
          [subnet.id],
        ),
      );
    } else if (!isZoneOfRegion(subnet.zone, vpc.region)) {
      const owner = regionOfZone(subnet.zone);
      const zones = zonesOfRegion(vpc.region);
      const whose = owner ? `it is a zone of ${owner}` : 'no region has it';
      const choose =
        zones.length > 0 ? `choose one of ${zones.join(', ')}` : `choose a zone of ${vpc.region}`;
      findings.push(
        finding(
          'SUBNET_ZONE_REGION',
          `Subnet ${subnet.id} is in zone ${subnet.zone}, which is not a zone of its VPC ${vpc.id}'s region ${vpc.region} (${whose}): ${choose}.`,
          [subnet.id, vpc.id],
        ),
      );
    }
  }
  return findings;
}
