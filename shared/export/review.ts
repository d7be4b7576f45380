/**
 * Everything a review report shows, computed once from the plan: findings, effective route tables
 * with the routes still missing, reachability of subnet pairs, costs, and per peering the facts a
 * reviewer asks about. The Markdown and HTML reports render this same model, so they never
 * disagree; the app can build it once and render either.
 */
import { regionDisplayName } from '../catalog/regions';
import { cidrOverlaps, tryParseCidr } from '../net/cidr';
import type { CostReport } from '../cost/costs';
import { computeCosts } from '../cost/costs';
import type { Ccn, CcnAttachment, Peering, PeeringState, Plan, Vpc } from '../plan/model';
import type { PublishedCidr } from '../ccn/published';
import { attachmentOrder, publicationOf, vpcsById } from '../ccn/published';
import type { CcnTableRoute } from '../ccn/routes';
import { ccnRouting } from '../ccn/routes';
import { resolveRouteTables } from '../routing/forwarding';
import { whyNotEffective } from './route-csv';
import { effectivePeeringState, isCrossAccount, isCrossRegion } from '../plan/peering';
import type { ReachPair, ReachStatus } from '../reach/reachability';
import { computeReachability } from '../reach/reachability';
import type { Finding, FindingSummary } from '../rules/finding';
import { sortFindings, summarizeFindings } from '../rules/finding';
import { validatePlan } from '../rules/validate';
import type { EffectiveRoute, EffectiveRouteTable } from '../routing/route-tables';
import { effectiveRouteTables } from '../routing/route-tables';
import { suggestRoutes } from '../routing/suggest';

/** A table with the routes still missing appended (origin `suggested`). */
export type ReviewRouteTable = EffectiveRouteTable;

export interface ReviewPeering {
  readonly peering: Peering;
  readonly requester: Vpc | undefined;
  readonly accepter: Vpc | undefined;
  /** The state on `asOf` (an old pending request counts as expired). */
  readonly state: PeeringState;
  readonly crossRegion: boolean;
  readonly crossAccount: boolean;
  /** Route tables of the requester's VPC, then of the accepter's. */
  readonly requesterTables: readonly ReviewRouteTable[];
  readonly accepterTables: readonly ReviewRouteTable[];
}

export interface ReviewRegion {
  readonly id: string;
  readonly name: string;
  readonly vpcs: readonly Vpc[];
}

/** A CCN as the reports show it (spec/ccn.md). */
export interface ReviewCcnMember {
  readonly attachment: CcnAttachment;
  /** Undefined when the plan has no VPC with that ID (REF_UNKNOWN). */
  readonly vpc: Vpc | undefined;
  /** 1-based position in attachment order (the first attached wins a route conflict). */
  readonly order: number;
}

export interface ReviewCcnNotEffective {
  readonly table: string;
  readonly vpc: string;
  readonly route: CcnTableRoute;
  /** Why, in one sentence (as the route CSV writes it). */
  readonly why: string;
}

export interface ReviewCcn {
  readonly ccn: Ccn;
  readonly members: readonly ReviewCcnMember[];
  /** The CIDRs the active members publish, in attachment order, each valid or invalid by a conflict. */
  readonly published: readonly PublishedCidr[];
  /** CCN routes that do not take effect in a table because a plan route has the same destination. */
  readonly shadowed: readonly ReviewCcnNotEffective[];
}

export interface Review {
  readonly plan: Plan;
  readonly findings: readonly Finding[];
  readonly summary: FindingSummary;
  readonly subnetCount: number;
  readonly regions: readonly ReviewRegion[];
  readonly routeTables: readonly ReviewRouteTable[];
  readonly peerings: readonly ReviewPeering[];
  /**
   * Ordered pairs of subnets in peered VPCs and in VPCs attached to one CCN; any other cross-VPC
   * pair is unreachable (NOT_PEERED).
   */
  readonly reach: readonly ReachPair[];
  readonly costs: CostReport;
  /** The plan's CCNs in plan order (empty when none). */
  readonly ccns: readonly ReviewCcn[];
  readonly accountName: (id: string | null) => string;
}

export function buildReview(plan: Plan): Review {
  const findings = sortFindings(validatePlan(plan));
  const suggestions = suggestRoutes(plan);
  const missingByTable = new Map<string, EffectiveRoute[]>();
  for (const s of suggestions) {
    const route: EffectiveRoute = {
      destination: s.destination,
      nextHop: s.nextHop,
      origin: 'suggested',
      codes: [],
    };
    const list = missingByTable.get(s.routeTable);
    if (list) list.push(route);
    else missingByTable.set(s.routeTable, [route]);
  }
  const routeTables: ReviewRouteTable[] = effectiveRouteTables(plan, { findings }).map((table) => {
    const missing = missingByTable.get(table.id);
    return missing === undefined ? table : { ...table, routes: [...table.routes, ...missing] };
  });

  const vpcById = new Map<string, Vpc>();
  for (const vpc of plan.vpcs) if (!vpcById.has(vpc.id)) vpcById.set(vpc.id, vpc);
  const tablesByVpc = new Map<string, ReviewRouteTable[]>();
  for (const table of routeTables) {
    const list = tablesByVpc.get(table.vpc);
    if (list) list.push(table);
    else tablesByVpc.set(table.vpc, [table]);
  }

  const peerings: ReviewPeering[] = plan.peerings.map((peering) => {
    const requester = vpcById.get(peering.requester);
    const accepter = vpcById.get(peering.accepter);
    return {
      peering,
      requester,
      accepter,
      state: effectivePeeringState(peering, plan.asOf),
      crossRegion: requester !== undefined && accepter !== undefined && isCrossRegion(requester, accepter),
      crossAccount: requester !== undefined && accepter !== undefined && isCrossAccount(requester, accepter),
      requesterTables: tablesByVpc.get(peering.requester) ?? [],
      accepterTables: tablesByVpc.get(peering.accepter) ?? [],
    };
  });

  const regions: ReviewRegion[] = [];
  const regionIndex = new Map<string, number>();
  for (const vpc of vpcById.values()) {
    let index = regionIndex.get(vpc.region);
    if (index === undefined) {
      index = regions.length;
      regionIndex.set(vpc.region, index);
      regions.push({ id: vpc.region, name: regionDisplayName(vpc.region), vpcs: [] });
    }
    (regions[index]!.vpcs as Vpc[]).push(vpc);
  }

  const accounts = new Map(plan.accounts.map((a) => [a.id, a]));
  return {
    plan,
    findings,
    summary: summarizeFindings(findings),
    subnetCount: plan.vpcs.reduce((n, v) => n + v.subnets.length, 0),
    regions,
    routeTables,
    peerings,
    // Peered VPCs, and VPCs attached to one CCN (the same as 'peered' for a plan without CCNs).
    reach: computeReachability(plan, { scope: plan.ccns.length > 0 ? 'connected' : 'peered' }),
    costs: computeCosts(plan),
    ccns: reviewCcns(plan),
    accountName: (id) => {
      if (id === null) return '(unknown)';
      const account = accounts.get(id);
      return account && account.name !== id ? `${account.name} (${id})` : id;
    },
  };
}

/** One character per status, for matrices (with a legend). */
export const REACH_SYMBOL: Record<ReachStatus, string> = {
  reachable: '✓',
  partial: '◐',
  'no-return': '→',
  unreachable: '✗',
};

/** Above this many subnets a matrix stops being readable: the reports list the pairs instead. */
export const REACH_MATRIX_MAX_SUBNETS = 30;

export interface ReachMatrix {
  readonly subnets: readonly { readonly id: string; readonly name: string; readonly vpc: string }[];
  /** `cell(from, to)`: the pair's status; `local` inside one VPC; `unreachable` for unpeered VPCs. */
  readonly cell: (from: string, to: string) => ReachStatus | 'local';
}

export function reachMatrix(review: Review): ReachMatrix {
  const subnets = review.plan.vpcs.flatMap((vpc) =>
    vpc.subnets.map((s) => ({ id: s.id, name: s.name, vpc: vpc.id })),
  );
  const vpcOf = new Map(subnets.map((s) => [s.id, s.vpc]));
  // Built on the first cell asked for: a big plan's report lists pairs and never draws a matrix.
  let pairs: Map<string, ReachStatus> | undefined;
  return {
    subnets,
    cell: (from, to) => {
      if (vpcOf.get(from) === vpcOf.get(to)) return 'local';
      pairs ??= new Map(review.reach.map((p) => [`${p.from}\u0000${p.to}`, p.status]));
      return pairs.get(`${from}\u0000${to}`) ?? 'unreachable';
    },
  };
}

/** A cost for people: `1,234.50`, or `on request` for null. */
export function formatCny(value: number | null): string {
  if (value === null) return 'on request';
  // By hand rather than toLocaleString: the same output whatever the runtime's locale data.
  const [whole, fraction] = Math.abs(value).toFixed(2).split('.') as [string, string];
  return `${value < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${fraction}`;
}

export function describeNextHop(route: EffectiveRoute): string {
  return route.nextHop === null ? 'local' : `${route.nextHop.type} ${route.nextHop.id}`;
}

/** A route table shown for one peering: full when short, else only the routes that matter to it. */
export interface PeeringTableView {
  readonly routes: readonly EffectiveRoute[];
  /** How many routes of the table are left out (they neither use this peering nor cover the peer). */
  readonly hidden: number;
}

/** Up to this many routes, a table is shown whole in each peering's section. */
export const FULL_TABLE_MAX_ROUTES = 20;
/** Rows of the "not fully reachable" list in a report; the rest is counted (`peerplan reach`). */
export const REACH_LIST_MAX_ROWS = 500;

/**
 * What a reviewer of one peering needs from one side's table: the local routes, the routes to
 * this peering (planned or still missing), and any other route whose destination overlaps the
 * peer's CIDRs (it may take part of the peer's traffic by longest prefix match). A hub VPC's table
 * can hold hundreds of routes to other peerings; repeating them under every peering would make a
 * report of a large plan unreadable.
 */
export function peeringTableView(
  table: ReviewRouteTable,
  peeringId: string,
  peer: Vpc | undefined,
): PeeringTableView {
  if (table.routes.length <= FULL_TABLE_MAX_ROUTES) return { routes: table.routes, hidden: 0 };
  const peerBlocks = peer
    ? [peer.cidr, ...peer.secondaryCidrs].map(tryParseCidr).filter((b) => b !== null)
    : [];
  const routes = table.routes.filter((route) => {
    if (route.origin === 'local' || route.nextHop?.id === peeringId) return true;
    const block = tryParseCidr(route.destination);
    return block !== null && peerBlocks.some((peerBlock) => cidrOverlaps(block, peerBlock));
  });
  return { routes, hidden: table.routes.length - routes.length };
}

/** Each CCN's members in attachment order, its published CIDRs, and its CCN routes shadowed in tables. */
export function reviewCcns(plan: Plan): ReviewCcn[] {
  if (plan.ccns.length === 0) return [];
  const byId = vpcsById(plan);
  const shadowedByCcn = new Map<string, ReviewCcnNotEffective[]>();
  const routing = ccnRouting(plan);
  for (const { id, vpc, table } of resolveRouteTables(plan).tables) {
    for (const route of routing.forTable(vpc, table).notEffective) {
      if (route.code !== 'CCN_ROUTE_SHADOWED') continue;
      const entry = { table: id, vpc: vpc.id, route, why: whyNotEffective(route, id) };
      const list = shadowedByCcn.get(route.ccn);
      if (list) list.push(entry);
      else shadowedByCcn.set(route.ccn, [entry]);
    }
  }
  return plan.ccns.map((ccn) => ({
    ccn,
    members: attachmentOrder(ccn).map((attachment, index) => ({
      attachment,
      vpc: byId.get(attachment.vpc),
      order: index + 1,
    })),
    published: publicationOf(ccn, byId).published,
    shadowed: shadowedByCcn.get(ccn.id) ?? [],
  }));
}

/** How the reports name the VPC pairs they check: peered ones, and CCN members when there are CCNs. */
export function connectedVpcsText(review: Review): string {
  return review.plan.ccns.length > 0 ? 'peered or CCN-attached VPCs' : 'peered VPCs';
}
