/**
 * Subnets: SUBNET_OUTSIDE_VPC, SUBNET_OVERLAP (one sorted sweep per VPC), SUBNET_SIZE.
 * A subnet whose CIDR does not parse is reported by the CIDR rules and skipped here.
 */
import { SUBNET_PREFIX } from '../catalog/quotas';
import { containedInAny, findOverlappingPairs, formatCidr, hasOverlap } from '../net/cidr';
import type { Cidr } from '../net/cidr';
import type { Subnet, Vpc } from '../plan/model';
import type { RuleContext } from './context';
import { finding } from './finding';
import type { Finding } from './finding';

export function checkSubnetPlacement(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { subnet, vpc, cidr } of context.subnets) {
    if (!cidr.ok) continue;
    const vpcCidrs = context.vpcs.get(vpc)!.cidrs;
    // With no usable VPC CIDR there is nothing to be inside; the CIDR rules already speak.
    if (vpcCidrs.length > 0 && !containedInAny(cidr.cidr, vpcCidrs)) {
      findings.push(
        finding(
          'SUBNET_OUTSIDE_VPC',
          `Subnet ${subnet.id} (${subnet.cidr}) is not inside VPC ${vpc.id} (${vpcCidrs.map(formatCidr).join(', ')}): choose a block inside the VPC's primary or a secondary CIDR.`,
          [subnet.id, vpc.id],
        ),
      );
    }
    if (cidr.cidr.prefix < SUBNET_PREFIX.min || cidr.cidr.prefix > SUBNET_PREFIX.max) {
      findings.push(
        finding(
          'SUBNET_SIZE',
          `Subnet ${subnet.id} (${subnet.cidr}) has a /${cidr.cidr.prefix} prefix: subnets must be /${SUBNET_PREFIX.min} to /${SUBNET_PREFIX.max}.`,
          [subnet.id],
        ),
      );
    }
  }
  return findings;
}

export function checkSubnetOverlaps(context: RuleContext): Finding[] {
  // First a cheap question per VPC, on a scratch list of its blocks: do any two overlap? Most
  // VPCs say no, and only the others pay for tagged blocks and the list of pairs.
  const scratch: Cidr[] = [];
  const overlapping = new Set<Vpc>();
  const seen = new Set<Vpc>();
  const { subnets } = context;
  for (let i = 0; i < subnets.length;) {
    const vpc = subnets[i]!.vpc;
    scratch.length = 0;
    for (; i < subnets.length && subnets[i]!.vpc === vpc; i++) {
      const parsed = subnets[i]!.cidr;
      if (parsed.ok) scratch.push(parsed.cidr);
    }
    // A VPC met again in a later run (a hand-built plan listing one VPC twice) takes the exact path.
    if ((scratch.length > 1 && hasOverlap(scratch)) || seen.has(vpc)) overlapping.add(vpc);
    seen.add(vpc);
  }
  if (overlapping.size === 0) return [];
  const byVpc = new Map<Vpc, { cidr: Cidr; owner: Subnet }[]>();
  for (const { subnet, vpc, cidr } of subnets) {
    if (!cidr.ok || !overlapping.has(vpc)) continue;
    let blocks = byVpc.get(vpc);
    if (!blocks) byVpc.set(vpc, (blocks = []));
    blocks.push({ cidr: cidr.cidr, owner: subnet });
  }
  const findings: Finding[] = [];
  for (const [vpc, blocks] of byVpc) {
    if (blocks.length < 2) continue;
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
