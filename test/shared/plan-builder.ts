/**
 * A small builder of normalised plans for tests: say only what the test is about, get a full
 * `Plan` with the normaliser's defaults (own trusted account, default route table filled in on
 * subnets, same-account peerings active, cross-region `daily-peak`, 1000 Mbps quota).
 *
 *   const plan = new PlanBuilder()
 *     .vpc('vpc-gz', { region: 'ap-guangzhou', cidr: '192.168.0.0/16', table: 'rtb-gz' })
 *     .subnet('vpc-gz', 'sn-a', '192.168.1.0/24')
 *     .vpc('vpc-bj', { region: 'ap-beijing', cidr: '10.0.0.0/16', table: 'rtb-bj' })
 *     .subnet('vpc-bj', 'sn-b', '10.0.1.0/24')
 *     .peering('pcx', 'vpc-gz', 'vpc-bj', { bandwidthMbps: 100 })
 *     .route('rtb-gz', '10.0.1.0/24', 'pcx')
 *     .build();
 */
import type {
  Account,
  Ccn,
  CcnAttachment,
  ChargeType,
  NextHop,
  NextHopType,
  Peering,
  PeeringState,
  Plan,
  PriceCatalog,
  Route,
  RouteTable,
  Subnet,
  TrafficSample,
  Vpc,
} from '../../shared/plan/model';
import { PLAN_FORMAT } from '../../shared/plan/model';

export const DEFAULT_ACCOUNT = '100000000001';

interface VpcDraft {
  id: string;
  account: string;
  region: string;
  cidr: string;
  secondaryCidrs: string[];
  peeringQuota: number;
  routeTables: { id: string; default: boolean; routes: Route[] }[];
  subnets: { id: string; cidr: string; routeTable?: string }[];
}

export interface VpcOptions {
  region?: string;
  cidr: string;
  secondaryCidrs?: string[];
  account?: string;
  /** Creates the VPC's default route table with this ID (none: the implicit empty default). */
  table?: string;
  peeringQuota?: number;
}

export interface PeeringOptions {
  state?: PeeringState;
  requestedAt?: string;
  bandwidthMbps?: number;
  bandwidthQuotaMbps?: number;
  chargeType?: ChargeType;
  expectedPeakMbps?: number;
}

export class PlanBuilder {
  private asOf = '2026-11-26';
  private freeBandwidthMbps = 0;
  private billingTimeZone = '+08:00';
  private readonly accounts: Account[] = [];
  private readonly vpcs: VpcDraft[] = [];
  private readonly peerings: Peering[] = [];
  private readonly traffic: TrafficSample[] = [];
  private prices: PriceCatalog | null = null;
  private readonly ccns: Ccn[] = [];

  settings(options: { asOf?: string; freeBandwidthMbps?: number; billingTimeZone?: string }): this {
    if (options.asOf !== undefined) this.asOf = options.asOf;
    if (options.freeBandwidthMbps !== undefined) this.freeBandwidthMbps = options.freeBandwidthMbps;
    if (options.billingTimeZone !== undefined) this.billingTimeZone = options.billingTimeZone;
    return this;
  }

  account(id: string, options: { own?: boolean; trusted?: boolean } = {}): this {
    const own = options.own ?? true;
    this.accounts.push({ id, name: id, own, trusted: options.trusted ?? own });
    return this;
  }

  vpc(id: string, options: VpcOptions): this {
    this.vpcs.push({
      id,
      account: options.account ?? DEFAULT_ACCOUNT,
      region: options.region ?? 'ap-guangzhou',
      cidr: options.cidr,
      secondaryCidrs: options.secondaryCidrs ?? [],
      peeringQuota: options.peeringQuota ?? 10,
      routeTables: options.table ? [{ id: options.table, default: true, routes: [] }] : [],
      subnets: [],
    });
    return this;
  }

  /** A further (custom, non-default) route table of the VPC. */
  routeTable(vpcId: string, id: string): this {
    this.vpcOf(vpcId).routeTables.push({ id, default: false, routes: [] });
    return this;
  }

  subnet(vpcId: string, id: string, cidr: string, routeTable?: string): this {
    this.vpcOf(vpcId).subnets.push(routeTable === undefined ? { id, cidr } : { id, cidr, routeTable });
    return this;
  }

  /** A route; a bare string next hop is a peering ID. */
  route(
    tableId: string,
    destination: string,
    nextHop: string | NextHop,
    options: { enabled?: boolean; type?: NextHopType } = {},
  ): this {
    const table = this.vpcs.flatMap((vpc) => vpc.routeTables).find((candidate) => candidate.id === tableId);
    if (!table) throw new Error(`PlanBuilder: no route table ${tableId}`);
    const hop: NextHop =
      typeof nextHop === 'string' ? { type: options.type ?? 'peering', id: nextHop } : nextHop;
    table.routes.push({ destination, nextHop: hop, enabled: options.enabled ?? true });
    return this;
  }

  peering(id: string, requester: string, accepter: string, options: PeeringOptions = {}): this {
    const peering: Peering = {
      id,
      name: id,
      requester,
      accepter,
      state: options.state ?? 'active',
      bandwidthQuotaMbps: options.bandwidthQuotaMbps ?? 1000,
      chargeType: options.chargeType ?? 'daily-peak',
      ...(options.requestedAt !== undefined ? { requestedAt: options.requestedAt } : {}),
      ...(options.bandwidthMbps !== undefined ? { bandwidthMbps: options.bandwidthMbps } : {}),
      ...(options.expectedPeakMbps !== undefined ? { expectedPeakMbps: options.expectedPeakMbps } : {}),
    };
    this.peerings.push(peering);
    return this;
  }

  sample(peering: string, at: string, inMbps: number, outMbps: number): this {
    this.traffic.push({ peering, at, inMbps, outMbps });
    return this;
  }

  /**
   * A CCN (normalised defaults: AU, postpaid, outer-region, no limits); an attachment given as a
   * bare VPC ID is active and publishes the VPC's CIDRs, without a date.
   */
  ccn(
    id: string,
    attachments: readonly (string | (Partial<CcnAttachment> & { vpc: string }))[],
    options: Partial<Omit<Ccn, 'id' | 'attachments'>> = {},
  ): this {
    this.ccns.push({
      id,
      name: options.name ?? id,
      account: options.account ?? DEFAULT_ACCOUNT,
      qosLevel: options.qosLevel ?? 'AU',
      chargeType: options.chargeType ?? 'postpaid',
      bandwidthLimitType: options.bandwidthLimitType ?? 'outer-region',
      attachments: attachments.map((item) =>
        typeof item === 'string'
          ? { vpc: item, state: 'active', publish: 'vpc' }
          : { state: 'active', publish: 'vpc', ...item },
      ),
      bandwidthLimits: options.bandwidthLimits ?? [],
      expectedP95: options.expectedP95 ?? [],
    });
    return this;
  }

  priceCatalog(prices: PriceCatalog | null): this {
    this.prices = prices;
    return this;
  }

  build(): Plan {
    const accountIds = new Set(this.accounts.map((account) => account.id));
    const accounts = [...this.accounts];
    for (const vpc of this.vpcs) {
      if (!accountIds.has(vpc.account)) {
        accountIds.add(vpc.account);
        accounts.push({ id: vpc.account, name: vpc.account, own: true, trusted: true });
      }
    }
    const vpcs: Vpc[] = this.vpcs.map((draft) => {
      const defaultTable = draft.routeTables.find((table) => table.default) ?? draft.routeTables[0];
      const routeTables: RouteTable[] = draft.routeTables.map((table) => ({
        id: table.id,
        name: table.id,
        default: table.default,
        routes: [...table.routes],
      }));
      const subnets: Subnet[] = draft.subnets.map((subnet) => {
        const routeTable = subnet.routeTable ?? defaultTable?.id;
        return { id: subnet.id, name: subnet.id, cidr: subnet.cidr, ...(routeTable ? { routeTable } : {}) };
      });
      return {
        id: draft.id,
        name: draft.id,
        account: draft.account,
        region: draft.region,
        cidr: draft.cidr,
        secondaryCidrs: [...draft.secondaryCidrs],
        peeringQuota: draft.peeringQuota,
        routeTables,
        subnets,
      };
    });
    return {
      format: PLAN_FORMAT,
      name: 'test plan',
      asOf: this.asOf,
      settings: { freeBandwidthMbps: this.freeBandwidthMbps, billingTimeZone: this.billingTimeZone },
      accounts,
      vpcs,
      peerings: [...this.peerings],
      traffic: [...this.traffic],
      prices: this.prices,
      ccns: [...this.ccns],
      ccnTraffic: [],
    };
  }

  private vpcOf(id: string): VpcDraft {
    const vpc = this.vpcs.find((candidate) => candidate.id === id);
    if (!vpc) throw new Error(`PlanBuilder: no VPC ${id}`);
    return vpc;
  }
}

/** The seed's quick start: Guangzhou VPC1 subnet A 192.168.1.0/24, Beijing VPC2 subnet B 10.0.1.0/24. */
export function quickStart(routes: { gzToBj?: boolean; bjToGz?: boolean; state?: PeeringState } = {}): Plan {
  const builder = new PlanBuilder()
    .vpc('vpc-gz01', { region: 'ap-guangzhou', cidr: '192.168.0.0/16', table: 'rtb-gz01' })
    .subnet('vpc-gz01', 'subnet-gz-a', '192.168.1.0/24')
    .vpc('vpc-bj02', { region: 'ap-beijing', cidr: '10.0.0.0/16', table: 'rtb-bj02' })
    .subnet('vpc-bj02', 'subnet-bj-b', '10.0.1.0/24')
    .peering('pcx-gzbj', 'vpc-gz01', 'vpc-bj02', {
      state: routes.state ?? 'active',
      requestedAt: '2026-11-20',
      bandwidthMbps: 100,
      expectedPeakMbps: 30,
    });
  if (routes.gzToBj ?? true) builder.route('rtb-gz01', '10.0.1.0/24', 'pcx-gzbj');
  if (routes.bjToGz ?? true) builder.route('rtb-bj02', '192.168.1.0/24', 'pcx-gzbj');
  return builder.build();
}

/**
 * Two peered VPCs where the reply covers only half of the source: subnet sn-a is 10.0.0.0/23,
 * vpc-a routes all of vpc-b (10.1.0.0/16), and vpc-b's return route covers only 10.0.0.0/24.
 */
export function partialReturnPlan(): Plan {
  return new PlanBuilder()
    .vpc('vpc-a', { cidr: '10.0.0.0/16', table: 'rtb-a' })
    .subnet('vpc-a', 'sn-a', '10.0.0.0/23')
    .vpc('vpc-b', { cidr: '10.1.0.0/16', table: 'rtb-b' })
    .subnet('vpc-b', 'sn-b', '10.1.0.0/24')
    .peering('pcx-ab', 'vpc-a', 'vpc-b')
    .route('rtb-a', '10.1.0.0/16', 'pcx-ab')
    .route('rtb-b', '10.0.0.0/24', 'pcx-ab')
    .build();
}
