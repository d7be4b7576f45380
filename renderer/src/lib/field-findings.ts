/**
 * Which findings belong next to which field of the inspector, so each field shows the message
 * of the rule it breaks. Findings not tied to a field are listed at the top of the section.
 */
import type { Finding, FindingCode } from '../../../shared/rules/finding';

export const FIELD_CODES: Record<string, readonly FindingCode[]> = {
  'vpc.cidr': [
    'CIDR_INVALID',
    'CIDR_HOST_BITS',
    'VPC_CIDR_RANGE',
    'VPC_CIDR_OVERLAP',
    'PEERING_CIDR_OVERLAP',
    'PEERS_OVERLAP',
  ],
  'vpc.region': ['REGION_UNKNOWN'],
  'vpc.account': ['REF_UNKNOWN'],
  'vpc.peeringQuota': ['QUOTA_EXCEEDED'],
  'peering.bandwidthMbps': [
    'PEERING_BANDWIDTH_REQUIRED',
    'PEERING_BANDWIDTH_LIMIT',
    'PEERING_BANDWIDTH_IGNORED',
    'TRAFFIC_OVER_BANDWIDTH',
  ],
  'subnet.cidr': ['CIDR_INVALID', 'CIDR_HOST_BITS', 'SUBNET_OUTSIDE_VPC', 'SUBNET_OVERLAP', 'SUBNET_SIZE'],
  'route.destination': [
    'CIDR_INVALID',
    'CIDR_HOST_BITS',
    'ROUTE_DEST_IN_VPC',
    'ROUTE_DUPLICATE',
    'ROUTE_DEST_NOT_IN_PEER',
    'ROUTE_TRANSITIVE',
  ],
  'route.nextHop': ['REF_UNKNOWN', 'ROUTE_PEERING_FOREIGN', 'ROUTE_PEERING_INACTIVE', 'ROUTE_RETURN_MISSING'],
};

export function fieldFindings(findings: readonly Finding[] | undefined, field: string): Finding[] {
  const codes = FIELD_CODES[field] ?? [];
  return (findings ?? []).filter((f) => codes.includes(f.code));
}

/** Findings on the object that no field of `fields` shows. */
export function otherFindings(
  findings: readonly Finding[] | undefined,
  fields: readonly string[],
): Finding[] {
  const shown = new Set(fields.flatMap((field) => FIELD_CODES[field] ?? []));
  return (findings ?? []).filter((f) => !shown.has(f.code));
}
