/**
 * CIDR syntax and VPC ranges: CIDR_INVALID, CIDR_HOST_BITS, VPC_CIDR_RANGE, VPC_CIDR_OVERLAP.
 *
 * Every CIDR of the plan is checked here once (VPC primary and secondary, subnet, route
 * destination); the other rules simply skip a CIDR that does not parse.
 */
import { VPC_CIDR_RANGES } from '../catalog/quotas';
import { findOverlappingPairs, formatCidr, tryParseCidr } from '../net/cidr';
import type { Cidr, CidrParseResult } from '../net/cidr';
import { routeId } from '../plan/model';
import type { RuleContext } from './context';
import { finding } from './finding';
import type { Finding } from './finding';

function checkSyntax(
  result: CidrParseResult,
  text: string,
  what: string,
  subjects: string[],
  out: Finding[],
): void {
  if (result.ok) return;
  if (result.reason === 'host-bits' && result.network) {
    const network = formatCidr(result.network);
    out.push(
      finding(
        'CIDR_HOST_BITS',
        `${what} ${text} has host bits set: the cloud only takes the network address. Use ${network}.`,
        subjects,
      ),
    );
  } else {
    out.push(
      finding(
        'CIDR_INVALID',
        `${what} "${text}" is not an IPv4 CIDR a.b.c.d/n (octets 0-255 without leading zeros, prefix 0-32).`,
        subjects,
      ),
    );
  }
}

export function checkCidrSyntax(context: RuleContext): Finding[] {
  // Nearly every CIDR parses: only the ones that do not are looked at again, so the pass over
  // tens of thousands of routes builds no message text or subject list for the valid ones.
  const findings: Finding[] = [];
  const { plan, vpcCidrs, vpcCidrFirst } = context;
  for (let v = 0; v < plan.vpcs.length; v++) {
    const vpc = plan.vpcs[v]!;
    const first = vpcCidrFirst[v]!;
    for (let c = first; c < vpcCidrFirst[v + 1]!; c++) {
      if (vpcCidrs.ok(c)) continue;
      const what = c === first ? `VPC ${vpc.id}: CIDR` : `VPC ${vpc.id}: secondary CIDR`;
      checkSyntax(vpcCidrs.result(c), vpcCidrs.text(c), what, [vpc.id], findings);
    }
  }
  const { routeTables, routeFirst, routeDestinations } = context;
  for (let t = 0; t < routeTables.length; t++) {
    const table = routeTables[t]!;
    const first = routeFirst[t]!;
    for (let i = 0; i < table.routes.length; i++) {
      if (routeDestinations.ok(first + i)) continue;
      const id = routeId(table.id, i);
      checkSyntax(
        routeDestinations.result(first + i),
        table.routes[i]!.destination,
        `Route ${id}: destination`,
        [id],
        findings,
      );
    }
  }
  const { subnets, subnetCidrs } = context;
  for (let i = 0; i < subnets.length; i++) {
    if (subnetCidrs.ok(i)) continue;
    const subnet = subnets[i]!;
    checkSyntax(subnetCidrs.result(i), subnet.cidr, `Subnet ${subnet.id}: CIDR`, [subnet.id], findings);
  }
  return findings;
}

const PRIVATE_RANGES = VPC_CIDR_RANGES.map((range) => ({ ...range, cidr: tryParseCidr(range.block)! }));

/** Whether a VPC may use this block: inside a private range, with a prefix allowed there. */
export function isAllowedVpcCidr(cidr: Cidr): boolean {
  return isAllowedVpcBlock(cidr.start, cidr.end, cidr.prefix);
}

function isAllowedVpcBlock(start: number, end: number, prefix: number): boolean {
  for (const range of PRIVATE_RANGES) {
    if (
      range.cidr.start <= start &&
      end <= range.cidr.end &&
      prefix >= range.minPrefix &&
      prefix <= range.maxPrefix
    )
      return true;
  }
  return false;
}

const RANGE_HINT =
  '10.0.0.0/8 or 172.16.0.0/12 with a prefix of /12 to /28, or 192.168.0.0/16 with /16 to /28';

export function checkVpcCidrRanges(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const { plan, vpcCidrs, vpcCidrFirst } = context;
  for (let v = 0; v < plan.vpcs.length; v++) {
    const first = vpcCidrFirst[v]!;
    for (let c = first; c < vpcCidrFirst[v + 1]!; c++) {
      if (!vpcCidrs.ok(c) || isAllowedVpcBlock(vpcCidrs.start[c]!, vpcCidrs.end[c]!, vpcCidrs.prefix[c]!))
        continue;
      const vpc = plan.vpcs[v]!;
      findings.push(
        finding(
          'VPC_CIDR_RANGE',
          `VPC ${vpc.id}: ${c === first ? 'CIDR' : 'secondary CIDR'} ${formatCidr(vpcCidrs.cidr(c))} is outside the ranges a VPC may use: choose a block in ${RANGE_HINT}.`,
          [vpc.id],
        ),
      );
    }
  }
  return findings;
}

export function checkVpcCidrOverlaps(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const { plan, vpcCidrs, vpcCidrFirst } = context;
  for (let v = 0; v < plan.vpcs.length; v++) {
    const first = vpcCidrFirst[v]!;
    const end = vpcCidrFirst[v + 1]!;
    if (end - first < 2) continue; // no secondary CIDR
    const blocks: { cidr: Cidr; owner: string }[] = [];
    for (let c = first; c < end; c++) {
      if (vpcCidrs.ok(c))
        blocks.push({ cidr: vpcCidrs.cidr(c), owner: c === first ? 'primary' : 'secondary' });
    }
    for (const [a, b] of findOverlappingPairs(blocks)) {
      // Sorted by start, wider first: a primary overlapping a secondary is named first either way.
      const [first, second] = a.owner === 'primary' || b.owner !== 'primary' ? [a, b] : [b, a];
      findings.push(
        finding(
          'VPC_CIDR_OVERLAP',
          `VPC ${plan.vpcs[v]!.id}: secondary CIDR ${formatCidr(second.cidr)} overlaps its ${first.owner} CIDR ${formatCidr(first.cidr)}: a VPC's CIDRs must be disjoint; choose another secondary block.`,
          [plan.vpcs[v]!.id],
        ),
      );
    }
  }
  return findings;
}
