/**
 * CIDR syntax and VPC ranges: CIDR_INVALID, CIDR_HOST_BITS, VPC_CIDR_RANGE, VPC_CIDR_OVERLAP.
 *
 * Every CIDR of the plan is checked here once (VPC primary and secondary, subnet, route
 * destination); the other rules simply skip a CIDR that does not parse.
 */
import { VPC_CIDR_RANGES } from '../catalog/quotas';
import { cidrContains, findOverlappingPairs, formatCidr, parseCidr, tryParseCidr } from '../net/cidr';
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
  const findings: Finding[] = [];
  for (const vpc of context.plan.vpcs) {
    const index = context.vpcs.get(vpc)!;
    if (!index.primary) checkSyntax(parseCidr(vpc.cidr), vpc.cidr, `VPC ${vpc.id}: CIDR`, [vpc.id], findings);
    index.secondaries.forEach((result, i) =>
      checkSyntax(result, vpc.secondaryCidrs[i]!, `VPC ${vpc.id}: secondary CIDR`, [vpc.id], findings),
    );
  }
  for (const { table, destinations } of context.routeTables) {
    destinations.forEach((result, i) => {
      const id = routeId(table.id, i);
      checkSyntax(result, table.routes[i]!.destination, `Route ${id}: destination`, [id], findings);
    });
  }
  for (const { subnet, cidr } of context.subnets) {
    checkSyntax(cidr, subnet.cidr, `Subnet ${subnet.id}: CIDR`, [subnet.id], findings);
  }
  return findings;
}

const PRIVATE_RANGES = VPC_CIDR_RANGES.map((range) => ({ ...range, cidr: tryParseCidr(range.block)! }));

/** Whether a VPC may use this block: inside a private range, with a prefix allowed there. */
export function isAllowedVpcCidr(cidr: Cidr): boolean {
  return PRIVATE_RANGES.some(
    (range) =>
      cidrContains(range.cidr, cidr) && cidr.prefix >= range.minPrefix && cidr.prefix <= range.maxPrefix,
  );
}

const RANGE_HINT =
  '10.0.0.0/8 or 172.16.0.0/12 with a prefix of /12 to /28, or 192.168.0.0/16 with /16 to /28';

export function checkVpcCidrRanges(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { vpc, primary, secondaries } of context.vpcs.values()) {
    const blocks: [string, Cidr][] = [];
    if (primary) blocks.push(['CIDR', primary]);
    for (const s of secondaries) if (s.ok) blocks.push(['secondary CIDR', s.cidr]);
    for (const [what, cidr] of blocks) {
      if (!isAllowedVpcCidr(cidr)) {
        findings.push(
          finding(
            'VPC_CIDR_RANGE',
            `VPC ${vpc.id}: ${what} ${formatCidr(cidr)} is outside the ranges a VPC may use: choose a block in ${RANGE_HINT}.`,
            [vpc.id],
          ),
        );
      }
    }
  }
  return findings;
}

export function checkVpcCidrOverlaps(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { vpc, primary, secondaries } of context.vpcs.values()) {
    if (secondaries.length === 0) continue;
    const blocks: { cidr: Cidr; owner: string }[] = [];
    if (primary) blocks.push({ cidr: primary, owner: 'primary' });
    for (const s of secondaries) if (s.ok) blocks.push({ cidr: s.cidr, owner: 'secondary' });
    for (const [a, b] of findOverlappingPairs(blocks)) {
      // Sorted by start, wider first: a primary overlapping a secondary is named first either way.
      const [first, second] = a.owner === 'primary' || b.owner !== 'primary' ? [a, b] : [b, a];
      findings.push(
        finding(
          'VPC_CIDR_OVERLAP',
          `VPC ${vpc.id}: secondary CIDR ${formatCidr(second.cidr)} overlaps its ${first.owner} CIDR ${formatCidr(first.cidr)}: a VPC's CIDRs must be disjoint; choose another secondary block.`,
          [vpc.id],
        ),
      );
    }
  }
  return findings;
}
