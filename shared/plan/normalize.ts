/**
 * The normaliser: a plan file as written (optional fields may be missing) to the normalised
 * `Plan` that every part of Peerplan works on, applying each default of plan-format.md.
 *
 * It is deterministic (same file, same `today`, same plan) and idempotent: a normalised plan
 * written back as a file and normalised again is identical, because every default it fills in
 * is written out explicitly and every field keeps its value.
 *
 * It never judges the plan: a dangling reference or a bad CIDR passes through unchanged, for the
 * rules to report. Interpretations where the format is silent are noted where they are made.
 */
import type {
  Account,
  Ccn,
  CcnAttachmentState,
  CcnBandwidthLimitType,
  CcnChargeType,
  CcnPriceCatalog,
  CcnPublish,
  CcnQosLevel,
  CcnTrafficSample,
  ChargeType,
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
} from './model';
import { PLAN_FORMAT } from './model';
import type { PlanFile } from './schema';

export const DEFAULT_FREE_BANDWIDTH_MBPS = 0;
export const DEFAULT_BILLING_TIME_ZONE = '+08:00';
export const DEFAULT_PEERING_QUOTA = 10;
export const DEFAULT_BANDWIDTH_QUOTA_MBPS = 1000;
export const DEFAULT_CHARGE_TYPE: ChargeType = 'daily-peak';
export const DEFAULT_CCN_QOS_LEVEL: CcnQosLevel = 'AU';
export const DEFAULT_CCN_CHARGE_TYPE: CcnChargeType = 'postpaid';
export const DEFAULT_CCN_BANDWIDTH_LIMIT_TYPE: CcnBandwidthLimitType = 'outer-region';
export const DEFAULT_CCN_PUBLISH: CcnPublish = 'vpc';

export interface NormalizeOptions {
  /** `YYYY-MM-DD`: the default `asOf` when the file has none. */
  readonly today: string;
  /**
   * The caller owns `file` and drops it afterwards (parsePlanText: a value fresh from
   * JSON.parse or zod): its route objects and arrays may be adopted into the plan, completed in
   * place, rather than copied. On a plan of tens of thousands of routes this spares as many
   * objects, and the garbage collection they cost.
   */
  readonly adoptFileObjects?: boolean;
}

type FileVpc = PlanFile['vpcs'][number];
type FileRouteTable = NonNullable<FileVpc['routeTables']>[number];
type FileSubnet = NonNullable<FileVpc['subnets']>[number];
type FilePeering = NonNullable<PlanFile['peerings']>[number];

export function normalizePlan(file: PlanFile, options: NormalizeOptions): Plan {
  const adopt = options.adoptFileObjects === true;
  const vpcs = file.vpcs.map((vpc) => normalizeVpc(vpc, adopt));
  // The first VPC of an ID wins: a duplicate ID is a finding (ID_DUPLICATE), not a crash.
  const accountOfVpc = new Map<string, string>();
  for (const vpc of vpcs) if (!accountOfVpc.has(vpc.id)) accountOfVpc.set(vpc.id, vpc.account);

  return {
    format: PLAN_FORMAT,
    name: file.name,
    asOf: file.asOf ?? options.today,
    settings: {
      freeBandwidthMbps: file.settings?.freeBandwidthMbps ?? DEFAULT_FREE_BANDWIDTH_MBPS,
      billingTimeZone: file.settings?.billingTimeZone ?? DEFAULT_BILLING_TIME_ZONE,
    },
    accounts: file.accounts.map(normalizeAccount),
    vpcs,
    peerings: (file.peerings ?? []).map((p) => normalizePeering(p, accountOfVpc)),
    ...normalizeTraffic(file.traffic ?? []),
    prices: normalizePrices(file.prices),
    ccns: (file.ccns ?? []).map((ccn) => normalizeCcn(ccn, accountOfVpc)),
  };
}

type FileSample = NonNullable<PlanFile['traffic']>[number];

/** The file's one `traffic` list, split into peering samples and CCN region-pair samples. */
function normalizeTraffic(samples: readonly FileSample[]): {
  traffic: TrafficSample[];
  ccnTraffic: CcnTrafficSample[];
} {
  const traffic: TrafficSample[] = [];
  const ccnTraffic: CcnTrafficSample[] = [];
  for (const sample of samples) {
    if (sample.peering !== undefined) traffic.push(normalizeSample(sample, sample.peering));
    else if (sample.ccn !== undefined && sample.regions !== undefined)
      ccnTraffic.push({
        ccn: sample.ccn,
        regions: [sample.regions[0], sample.regions[1]],
        at: sample.at,
        inMbps: sample.inMbps,
        outMbps: sample.outMbps,
      });
  }
  return { traffic, ccnTraffic };
}

export function normalizeCcn(
  ccn: NonNullable<PlanFile['ccns']>[number],
  accountOfVpc: ReadonlyMap<string, string>,
): Ccn {
  return {
    id: ccn.id,
    name: ccn.name ?? ccn.id,
    account: ccn.account,
    qosLevel: (ccn.qosLevel as CcnQosLevel | undefined) ?? DEFAULT_CCN_QOS_LEVEL,
    chargeType: (ccn.chargeType as CcnChargeType | undefined) ?? DEFAULT_CCN_CHARGE_TYPE,
    bandwidthLimitType:
      (ccn.bandwidthLimitType as CcnBandwidthLimitType | undefined) ?? DEFAULT_CCN_BANDWIDTH_LIMIT_TYPE,
    attachments: (ccn.attachments ?? []).map((attachment) => {
      // Default state: active when the VPC's account owns the CCN; a cross-account attachment
      // waits for the owner to accept it (and so does one whose VPC is unknown: REF_UNKNOWN).
      const state =
        (attachment.state as CcnAttachmentState | undefined) ??
        (accountOfVpc.get(attachment.vpc) === ccn.account ? 'active' : 'pending');
      return {
        vpc: attachment.vpc,
        state,
        ...(attachment.attachedAt !== undefined ? { attachedAt: attachment.attachedAt } : {}),
        publish: (attachment.publish as CcnPublish | undefined) ?? DEFAULT_CCN_PUBLISH,
      };
    }),
    bandwidthLimits: (ccn.bandwidthLimits ?? []).map((limit) => ({
      region: limit.region,
      ...(limit.dstRegion !== undefined ? { dstRegion: limit.dstRegion } : {}),
      mbps: limit.mbps,
    })),
    expectedP95: (ccn.expectedP95 ?? []).map((item) => ({
      regions: [item.regions[0], item.regions[1]] as const,
      mbps: item.mbps,
    })),
  };
}

function normalizeAccount(account: PlanFile['accounts'][number]): Account {
  const own = account.own ?? true;
  return { id: account.id, name: account.name ?? account.id, own, trusted: account.trusted ?? own };
}

function normalizeVpc(vpc: FileVpc, adopt: boolean): Vpc {
  const routeTables = (vpc.routeTables ?? []).map((table) =>
    adopt ? adoptRouteTable(table) : normalizeRouteTable(table),
  );
  // Subnets without a table use the VPC's default: the first table marked default. When no table
  // is marked (a finding-free reading of a sloppy file), the first table stands in for it; a VPC
  // with no table at all has only the implicit empty default, and its subnets keep no table id.
  const defaultTable = routeTables.find((t) => t.default) ?? routeTables[0];
  return {
    id: vpc.id,
    name: vpc.name ?? vpc.id,
    account: vpc.account,
    region: vpc.region,
    cidr: vpc.cidr,
    secondaryCidrs: [...(vpc.secondaryCidrs ?? [])],
    peeringQuota: vpc.peeringQuota ?? DEFAULT_PEERING_QUOTA,
    routeTables,
    subnets: adopt
      ? adoptSubnets(vpc.subnets ?? [], defaultTable?.id)
      : (vpc.subnets ?? []).map((s) => normalizeSubnet(s, defaultTable?.id)),
  };
}

function normalizeRouteTable(table: FileRouteTable): RouteTable {
  const fileRoutes = table.routes ?? [];
  const routes = new Array<Route>(fileRoutes.length);
  // Plain loops and object literals: this runs for tens of thousands of routes, and spreads of
  // conditional objects cost several times as much.
  for (let i = 0; i < fileRoutes.length; i++) {
    const route = fileRoutes[i]!;
    // The file's next hop is shared, not copied: it has exactly the plan's shape once checked.
    const nextHop = route.nextHop as { type: NextHopType; id: string };
    const enabled = route.enabled ?? true;
    routes[i] =
      route.description === undefined
        ? { destination: route.destination, nextHop, enabled }
        : { destination: route.destination, nextHop, enabled, description: route.description };
  }
  return { id: table.id, name: table.name ?? table.id, default: table.default ?? false, routes };
}

/**
 * A route table whose route objects become the plan's own: a checked file route has exactly the
 * plan's fields but for the `enabled` default, which is filled in place.
 */
function adoptRouteTable(table: FileRouteTable): RouteTable {
  const routes = table.routes ?? [];
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i] as { enabled?: boolean };
    if (route.enabled === undefined) route.enabled = true;
  }
  return {
    id: table.id,
    name: table.name ?? table.id,
    default: table.default ?? false,
    routes: routes as Route[],
  };
}

function normalizeSubnet(subnet: FileSubnet, defaultTableId: string | undefined): Subnet {
  const normalized: { id: string; name: string; cidr: string; zone?: string; routeTable?: string } = {
    id: subnet.id,
    name: subnet.name ?? subnet.id,
    cidr: subnet.cidr,
  };
  if (subnet.zone !== undefined) normalized.zone = subnet.zone;
  const routeTable = subnet.routeTable ?? defaultTableId;
  if (routeTable !== undefined) normalized.routeTable = routeTable;
  return normalized;
}

/** Subnets adopted like routes: the `name` and `routeTable` defaults are filled in place. */
function adoptSubnets(subnets: FileSubnet[], defaultTableId: string | undefined): Subnet[] {
  for (let i = 0; i < subnets.length; i++) {
    const subnet = subnets[i] as { id: string; name?: string; routeTable?: string };
    if (subnet.name === undefined) subnet.name = subnet.id;
    if (subnet.routeTable === undefined && defaultTableId !== undefined) subnet.routeTable = defaultTableId;
  }
  return subnets as Subnet[];
}

function normalizePeering(peering: FilePeering, accountOfVpc: ReadonlyMap<string, string>): Peering {
  // Default state: a peering inside one account is active at once; across accounts the request
  // waits for the peer. When an end names no VPC (REF_UNKNOWN) the account is unknown, and the
  // safe reading is `pending` (nothing flows over it).
  let state = peering.state as PeeringState | undefined;
  if (state === undefined) {
    const requesterAccount = accountOfVpc.get(peering.requester);
    const sameAccount =
      requesterAccount !== undefined && requesterAccount === accountOfVpc.get(peering.accepter);
    state = sameAccount ? 'active' : 'pending';
  }
  const normalized: {
    -readonly [K in keyof Peering]: Peering[K];
  } = {
    id: peering.id,
    name: peering.name ?? peering.id,
    requester: peering.requester,
    accepter: peering.accepter,
    state,
    bandwidthQuotaMbps: peering.bandwidthQuotaMbps ?? DEFAULT_BANDWIDTH_QUOTA_MBPS,
    chargeType: (peering.chargeType as ChargeType | undefined) ?? DEFAULT_CHARGE_TYPE,
  };
  if (peering.requestedAt !== undefined) normalized.requestedAt = peering.requestedAt;
  if (peering.bandwidthMbps !== undefined) normalized.bandwidthMbps = peering.bandwidthMbps;
  if (peering.expectedPeakMbps !== undefined) normalized.expectedPeakMbps = peering.expectedPeakMbps;
  return normalized;
}

function normalizeSample(sample: FileSample, peering: string): TrafficSample {
  return { peering, at: sample.at, inMbps: sample.inMbps, outMbps: sample.outMbps };
}

function normalizePrices(prices: PlanFile['prices']): PriceCatalog | null {
  if (!prices) return null;
  return {
    currency: prices.currency,
    mainlandRegions: [...prices.mainlandRegions],
    mainland: { dailyPeak: prices.mainland.dailyPeak, monthlyP95: prices.mainland.monthlyP95 },
    pairs: (prices.pairs ?? []).map((pair) => ({
      regions: [pair.regions[0], pair.regions[1]] as const,
      ...(pair.dailyPeak === undefined ? {} : { dailyPeak: pair.dailyPeak }),
      ...(pair.monthlyP95 === undefined ? {} : { monthlyP95: pair.monthlyP95 }),
    })),
    ...(prices.ccn === undefined ? {} : { ccn: normalizeCcnPrices(prices.ccn) }),
  };
}

function normalizeCcnPrices(prices: NonNullable<NonNullable<PlanFile['prices']>['ccn']>): CcnPriceCatalog {
  return {
    currency: prices.currency,
    pairs: (prices.pairs ?? []).map((pair) => ({
      regions: [pair.regions[0], pair.regions[1]] as const,
      ...(pair.qosLevel === undefined ? {} : { qosLevel: pair.qosLevel as CcnQosLevel }),
      ...(pair.chargeType === undefined ? {} : { chargeType: pair.chargeType as CcnChargeType }),
      monthly: pair.monthly,
    })),
    ...(prices.instanceHourMainland === undefined
      ? {}
      : { instanceHourMainland: prices.instanceHourMainland }),
    ...(prices.instanceHourOther === undefined ? {} : { instanceHourOther: prices.instanceHourOther }),
  };
}
