/**
 * Findings: what Peerplan tells the user about a plan. Codes and severities are a public
 * contract (`rules.md`): tools match on them, so they never change meaning.
 */

export type Severity = 'error' | 'warning' | 'info';

export const FINDING_SEVERITY = {
  ID_DUPLICATE: 'error',
  REF_UNKNOWN: 'error',
  REGION_UNKNOWN: 'warning',
  NAME_INVALID: 'error',
  SUBNET_ZONE_MISSING: 'warning',
  SUBNET_ZONE_REGION: 'error',
  CIDR_INVALID: 'error',
  CIDR_HOST_BITS: 'error',
  VPC_CIDR_RANGE: 'error',
  VPC_CIDR_OVERLAP: 'error',
  SUBNET_OUTSIDE_VPC: 'error',
  SUBNET_OVERLAP: 'error',
  SUBNET_SIZE: 'error',
  QUOTA_EXCEEDED: 'error',
  PEERING_SELF: 'error',
  PEERING_DUPLICATE: 'error',
  PEERING_CIDR_OVERLAP: 'error',
  PEERS_OVERLAP: 'error',
  PEERING_BANDWIDTH_REQUIRED: 'error',
  PEERING_BANDWIDTH_LIMIT: 'error',
  PEERING_BANDWIDTH_IGNORED: 'info',
  PEERING_PENDING: 'info',
  PEERING_EXPIRED: 'warning',
  PEERING_SAME_ACCOUNT_PENDING: 'warning',
  PEERING_UNTRUSTED_ACCOUNT: 'warning',
  PEERING_NO_ROUTES: 'warning',
  PEERING_CROSS_REGION_LEGACY: 'info',
  ROUTE_DEST_IN_VPC: 'error',
  ROUTE_DUPLICATE: 'error',
  ROUTE_PEERING_FOREIGN: 'error',
  ROUTE_DEST_NOT_IN_PEER: 'error',
  ROUTE_TRANSITIVE: 'error',
  ROUTE_PEERING_INACTIVE: 'warning',
  ROUTE_RETURN_MISSING: 'warning',
  TRAFFIC_OVER_BANDWIDTH: 'warning',
  PRICE_ON_REQUEST: 'info',
  // Cloud Connect Network (spec/ccn.md, "Findings")
  CCN_ROUTE_CONFLICT: 'warning',
  CCN_ROUTE_SHADOWED: 'warning',
  CCN_VPC_MULTIPLE: 'error',
  CCN_QUOTA: 'error',
  CCN_ATTACH_PENDING: 'info',
  CCN_PREPAID_LIMIT_TYPE: 'error',
  CCN_BANDWIDTH_MISSING: 'warning',
  CCN_LIMIT_UNUSED: 'warning',
  CCN_PEERING_MIGRATION: 'info',
} as const satisfies Record<string, Severity>;

export type FindingCode = keyof typeof FINDING_SEVERITY;

export const FINDING_CODES = Object.keys(FINDING_SEVERITY) as FindingCode[];

export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  /** For people: what is wrong and what to do. */
  readonly message: string;
  /** IDs of every plan object the finding is about; a route is `<routeTableId>#<index>`. */
  readonly subjects: readonly string[];
}

export function finding(code: FindingCode, message: string, subjects: readonly string[]): Finding {
  return { code, severity: FINDING_SEVERITY[code], message, subjects };
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then infos; stable within a severity. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

export interface FindingSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export function summarizeFindings(findings: readonly Finding[]): FindingSummary {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}
