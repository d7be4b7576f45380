/**
 * The quota and limit catalog: every number the static rules check, as data (rules.md,
 * "Findings"; reference/cloud-peering-facts.md §1.5 and §2.1). A rule reads its limit here,
 * never a literal of its own.
 */

export type QuotaKey =
  | 'vpcsPerRegionPerAccount'
  | 'subnetsPerVpc'
  | 'routeTablesPerVpc'
  | 'routesPerRouteTable'
  | 'secondaryCidrsPerVpc'
  | 'peeringsPerVpc';

export interface Quota {
  readonly key: QuotaKey;
  /** For messages: what is counted, e.g. `subnets per VPC`. */
  readonly label: string;
  /** The default limit; for `peeringsPerVpc` each VPC may raise it with its `peeringQuota`. */
  readonly limit: number;
}

export const QUOTAS: Readonly<Record<QuotaKey, Quota>> = {
  vpcsPerRegionPerAccount: {
    key: 'vpcsPerRegionPerAccount',
    label: 'VPCs per region per account',
    limit: 20,
  },
  subnetsPerVpc: { key: 'subnetsPerVpc', label: 'subnets per VPC', limit: 100 },
  routeTablesPerVpc: { key: 'routeTablesPerVpc', label: 'route tables per VPC', limit: 10 },
  routesPerRouteTable: { key: 'routesPerRouteTable', label: 'routes per route table', limit: 50 },
  secondaryCidrsPerVpc: { key: 'secondaryCidrsPerVpc', label: 'secondary CIDRs per VPC', limit: 5 },
  // Counts pending and active peerings (the legacy doc: "including connected and pending").
  peeringsPerVpc: { key: 'peeringsPerVpc', label: 'peering connections per VPC', limit: 10 },
};

/** An address range a VPC CIDR must lie in, with the prefix lengths allowed there. */
export interface VpcCidrRange {
  readonly block: string;
  readonly minPrefix: number;
  readonly maxPrefix: number;
}

/**
 * VPC CIDRs (primary and, as the docs say nothing else, secondary): /12–/28 inside 10.0.0.0/8
 * and 172.16.0.0/12, /16–/28 inside 192.168.0.0/16 (CreateVpc, current documentation).
 */
export const VPC_CIDR_RANGES: readonly VpcCidrRange[] = [
  { block: '10.0.0.0/8', minPrefix: 12, maxPrefix: 28 },
  { block: '172.16.0.0/12', minPrefix: 12, maxPrefix: 28 },
  { block: '192.168.0.0/16', minPrefix: 16, maxPrefix: 28 },
];

/** Subnet prefix lengths: /16 (65,536 addresses) to /28 (16 addresses). */
export const SUBNET_PREFIX = { min: 16, max: 28 } as const;

/** Peering bandwidth facts (Mbps). */
export const PEERING_BANDWIDTH = {
  /** The largest cross-region cap allowed without a ticket (default of `bandwidthQuotaMbps`). */
  crossRegionQuotaMbps: 1000,
  /** Regional peering is free up to this much; more needs a ticket. */
  regionalFreeMbps: 5000,
} as const;

/**
 * Cloud Connect Network quotas (spec/ccn.md; reference/ccn-facts.md "Quotas": 5 CCNs per
 * account, 25 attached instances per CCN, raisable by a ticket). Attachments count whatever
 * their state: a pending or expired one still holds its place until it is removed.
 */
export const CCN_QUOTAS = {
  /** CCNs one account may own. */
  ccnsPerAccount: 5,
  /** Instances (here: VPC attachments) one CCN may hold. */
  attachmentsPerCcn: 25,
} as const;
