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
}

/** The ID of a route, as findings name it: `<routeTableId>#<index>`. */
export function routeId(routeTableId: string, index: number): string {
  return `${routeTableId}#${index}`;
}
