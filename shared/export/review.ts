/**
 * Everything a review report shows, computed once from the plan: findings, effective route tables
 * with the routes still missing, reachability of subnet pairs, costs, and per peering the facts a
 * reviewer asks about. The Markdown and HTML reports render this same model, so they never
 * disagree; the app can build it once and render either.
 */
import { regionDisplayName } from '../catalog/regions';
import type { CostReport } from '../cost/costs';
import { computeCosts } from '../cost/costs';
import type { Peering, PeeringState, Plan, Vpc } from '../plan/model';
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

export interface Review {
  readonly plan: Plan;
  readonly findings: readonly Finding[];
  readonly summary: FindingSummary;
  readonly subnetCount: number;
  readonly regions: readonly ReviewRegion[];
  readonly routeTables: readonly ReviewRouteTable[];
  readonly peerings: readonly ReviewPeering[];
  /** Ordered pairs of subnets in peered VPCs; any other cross-VPC pair is unreachable (NOT_PEERED). */
  readonly reach: readonly ReachPair[];
  readonly costs: CostReport;
  readonly accountName: (id: string | null) => string;
}

export function buildReview(plan: Plan): Review {
  const findings = sortFindings(validatePlan(plan));
  const suggestions = suggestRoutes(plan);
  const routeTables: ReviewRouteTable[] = effectiveRouteTables(plan, { findings }).map((table) => {
    const missing: EffectiveRoute[] = suggestions
      .filter((s) => s.routeTable === table.id)
      .map((s) => ({ destination: s.destination, nextHop: s.nextHop, origin: 'suggested', codes: [] }));
    return missing.length === 0 ? table : { ...table, routes: [...table.routes, ...missing] };
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
    reach: computeReachability(plan, { scope: 'peered' }),
    costs: computeCosts(plan),
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
  const pairs = new Map(review.reach.map((p) => [`${p.from}\u0000${p.to}`, p.status]));
  return {
    subnets,
    cell: (from, to) =>
      vpcOf.get(from) === vpcOf.get(to) ? 'local' : (pairs.get(`${from}\u0000${to}`) ?? 'unreachable'),
  };
}

/** A cost for people: `1,234.50`, or `on request` for null. */
export function formatCny(value: number | null): string {
  if (value === null) return 'on request';
  return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function describeNextHop(route: EffectiveRoute): string {
  return route.nextHop === null ? 'local' : `${route.nextHop.type} ${route.nextHop.id}`;
}
