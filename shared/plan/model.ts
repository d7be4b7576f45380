/**
 * The normalised plan: what every part of Peerplan works on once a plan file has been parsed
 * and its defaults applied (see `normalize.ts`). The plan file format itself (`peerplan/1`,
 * with its optional fields) is described by the schema in `schema.ts`.
 *
 * Plans are treated as immutable values: an edit returns a new plan that shares every object
 * it did not touch, so caches keyed by object identity stay valid across edits.
 */

export const PLAN_FORMAT = 'peerplan/1';

/** One per cloud `GatewayType` (labels and cloud names: shared/catalog/next-hops.ts). */
export type NextHopType =
  | 'peering'
  | 'nat'
  | 'intranat'
  | 'vpn'
  | 'sslvpn'
  | 'directconnect'
  | 'ccn'
  | 'instance'
  | 'cvm'
  | 'havip'
  | 'eip'
  | 'localgateway'
  | 'gwlbendpoint';

export const NEXT_HOP_TYPES: readonly NextHopType[] = [
  'peering',
  'nat',
  'intranat',
  'vpn',
  'sslvpn',
  'directconnect',
  'ccn',
  'instance',
  'cvm',
  'havip',
  'eip',
  'localgateway',
  'gwlbendpoint',
];

/** `isolated`: the cloud's ISOLATED (e.g. an unpaid bill): it exists, counts toward the quota, carries nothing. */
export type PeeringState = 'pending' | 'active' | 'expired' | 'rejected' | 'isolated';
export const PEERING_STATES: readonly PeeringState[] = [
  'pending',
  'active',
  'expired',
  'rejected',
  'isolated',
];

export type ChargeType = 'daily-peak' | 'monthly-p95';
export const CHARGE_TYPES: readonly ChargeType[] = ['daily-peak', 'monthly-p95'];

export interface PlanSettings {
  /** Free bandwidth per cross-region peering, subtracted from each day's peak before pricing. */
  readonly freeBandwidthMbps: number;
  /** `±HH:MM`: the offset whose midnight starts a billing day. */
  readonly billingTimeZone: string;
}

export interface Account {
  readonly id: string;
  readonly name: string;
  readonly own: boolean;
  readonly trusted: boolean;
}

export interface NextHop {
  readonly type: NextHopType;
  readonly id: string;
}

export interface Route {
  readonly destination: string;
  readonly nextHop: NextHop;
  readonly enabled: boolean;
  readonly description?: string;
}

export interface RouteTable {
  readonly id: string;
  readonly name: string;
  readonly default: boolean;
  readonly routes: readonly Route[];
}

export interface Subnet {
  readonly id: string;
  readonly name: string;
  readonly cidr: string;
  readonly zone?: string;
  /**
   * The associated route table. The normaliser fills in the VPC's default table; it stays
   * undefined only when the VPC has no route table at all (the implicit empty default one).
   */
  readonly routeTable?: string;
}

export interface Vpc {
  readonly id: string;
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly cidr: string;
  readonly secondaryCidrs: readonly string[];
  readonly peeringQuota: number;
  readonly routeTables: readonly RouteTable[];
  readonly subnets: readonly Subnet[];
}

export interface Peering {
  readonly id: string;
  readonly name: string;
  /** VPC id of the side that requested the peering; it pays for a cross-region peering. */
  readonly requester: string;
  readonly accepter: string;
  readonly state: PeeringState;
  /** `YYYY-MM-DD` */
  readonly requestedAt?: string;
  /** The cap; required for cross-region peerings. */
  readonly bandwidthMbps?: number;
  readonly bandwidthQuotaMbps: number;
  readonly chargeType: ChargeType;
  readonly expectedPeakMbps?: number;
}

export interface TrafficSample {
  readonly peering: string;
  /** ISO 8601 with an offset. */
  readonly at: string;
  readonly inMbps: number;
  readonly outMbps: number;
}

/** One price tier: applies when the measured value is in (previous tier's upTo, upToMbps]. */
export interface PriceTier {
  /** Upper bound of the tier in Mbps, inclusive; null for the last, open-ended tier. */
  readonly upToMbps: number | null;
  /** CNY per Mbps (per day for daily-peak, per month for monthly-p95); null: on request. */
  readonly price: number | null;
}

/** CCN QoS levels: platinum, gold, silver (ccn.md). */
export type CcnQosLevel = 'PT' | 'AU' | 'AG';
export const CCN_QOS_LEVELS: readonly CcnQosLevel[] = ['PT', 'AU', 'AG'];
export type CcnChargeType = 'postpaid' | 'prepaid';
export const CCN_CHARGE_TYPES: readonly CcnChargeType[] = ['postpaid', 'prepaid'];
export type CcnBandwidthLimitType = 'outer-region' | 'inter-region';
export const CCN_BANDWIDTH_LIMIT_TYPES: readonly CcnBandwidthLimitType[] = ['outer-region', 'inter-region'];
export type CcnAttachmentState = 'pending' | 'active' | 'rejected' | 'expired';
export const CCN_ATTACHMENT_STATES: readonly CcnAttachmentState[] = [
  'pending',
  'active',
  'rejected',
  'expired',
];
/** `vpc`: the VPC's primary and secondary CIDRs; `subnets`: each subnet's CIDR. */
export type CcnPublish = 'vpc' | 'subnets';
export const CCN_PUBLISH_MODES: readonly CcnPublish[] = ['vpc', 'subnets'];

export interface CcnAttachment {
  readonly vpc: string;
  readonly state: CcnAttachmentState;
  /** `YYYY-MM-DD`: attachment order decides route conflicts (ties: list order). */
  readonly attachedAt?: string;
  readonly publish: CcnPublish;
}

export interface CcnBandwidthLimit {
  readonly region: string;
  /** Only with `inter-region` limits. */
  readonly dstRegion?: string;
  readonly mbps: number;
}

export interface CcnExpectedP95 {
  readonly regions: readonly [string, string];
  readonly mbps: number;
}

/** A Cloud Connect Network (spec/ccn.md): owned and paid for by `account`. */
export interface Ccn {
  readonly id: string;
  readonly name: string;
  readonly account: string;
  readonly qosLevel: CcnQosLevel;
  readonly chargeType: CcnChargeType;
  readonly bandwidthLimitType: CcnBandwidthLimitType;
  readonly attachments: readonly CcnAttachment[];
  readonly bandwidthLimits: readonly CcnBandwidthLimit[];
  readonly expectedP95: readonly CcnExpectedP95[];
}

/** A traffic sample of a CCN region pair (in the file: a `traffic[]` item naming `ccn` and `regions`). */
export interface CcnTrafficSample {
  readonly ccn: string;
  readonly regions: readonly [string, string];
  /** ISO 8601 with an offset. */
  readonly at: string;
  readonly inMbps: number;
  readonly outMbps: number;
}

/**
 * Negotiated CCN prices, in USD. `pairs` give a price where the built-in list has none (a pair
 * outside mainland China, a prepaid pair) or override it; a pair item without `qosLevel` or
 * `chargeType` applies to every level or charge type. Instance-hour prices replace the built-in
 * 0.05 (mainland) and 0.06 (elsewhere); 0 turns the fee off.
 */
export interface CcnPriceCatalog {
  readonly currency: 'USD';
  readonly pairs: readonly {
    readonly regions: readonly [string, string];
    readonly qosLevel?: CcnQosLevel;
    readonly chargeType?: CcnChargeType;
    /** USD per Mbps per month, by the tier the P95 (postpaid) or bought bandwidth (prepaid) falls in. */
    readonly monthly: readonly PriceTier[];
  }[];
  readonly instanceHourMainland?: number;
  readonly instanceHourOther?: number;
}

export interface PriceCatalog {
  readonly currency: 'CNY';
  /** Region ids whose pairs share the mainland list price. */
  readonly mainlandRegions: readonly string[];
  /** List prices for cross-region pairs with both ends in `mainlandRegions`. */
  readonly mainland: {
    readonly dailyPeak: readonly PriceTier[];
    readonly monthlyP95: readonly PriceTier[];
  };
  /** Negotiated prices for other region pairs (order of the two regions does not matter). */
  readonly pairs: readonly {
    readonly regions: readonly [string, string];
    readonly dailyPeak?: readonly PriceTier[];
    readonly monthlyP95?: readonly PriceTier[];
  }[];
  /** CCN prices in USD; absent: the built-in list (ccn.md). */
  readonly ccn?: CcnPriceCatalog;
}

export interface Plan {
  readonly format: typeof PLAN_FORMAT;
  readonly name: string;
  /** `YYYY-MM-DD`: the planning date. */
  readonly asOf: string;
  readonly settings: PlanSettings;
  readonly accounts: readonly Account[];
  readonly vpcs: readonly Vpc[];
  readonly peerings: readonly Peering[];
  readonly traffic: readonly TrafficSample[];
  readonly prices: PriceCatalog | null;
  /** Cloud Connect Networks (spec/ccn.md); empty when the file has none. */
  readonly ccns: readonly Ccn[];
  /** Traffic samples of CCN region pairs (the file keeps them in `traffic`, after the peering ones). */
  readonly ccnTraffic: readonly CcnTrafficSample[];
}

/** The subject ID of a CCN attachment, as findings name it: `<ccnId>@<vpcId>`. */
export function ccnAttachmentId(ccnId: string, vpcId: string): string {
  return `${ccnId}@${vpcId}`;
}

/** The ID of a route, as findings name it: `<routeTableId>#<index>`. */
export function routeId(routeTableId: string, index: number): string {
  return `${routeTableId}#${index}`;
}
