/**
 * Effective route tables (rules.md, "Route tables"; the `routes` JSON of cli.md): for each table,
 * the implicit `local` route of each of its VPC's CIDRs, then the plan's routes in table order,
 * each with the codes of the findings about it, then the CCN routes the table receives
 * (spec/ccn.md, "Routes"; `ccn/routes.ts`), each with `effective` and, when false, its code.
 */
import { ccnRouting } from '../ccn/routes';
import type { NextHop, Plan } from '../plan/model';
import { routeId } from '../plan/model';
import type { Finding, FindingCode } from '../rules/finding';
import { validatePlan } from '../rules/validate';
import { resolveRouteTables } from './forwarding';
import type { ResolvedRouting } from './forwarding';

export type RouteOrigin = 'local' | 'plan' | 'ccn' | 'suggested';

export interface EffectiveRoute {
  readonly destination: string;
  /** null for a local route; `{ type: 'ccn', id: ccnId }` for a CCN route. */
  readonly nextHop: NextHop | null;
  readonly origin: RouteOrigin;
  /**
   * Codes of the findings whose subjects name this route (`<routeTableId>#<index>`); for a CCN
   * route, why it is not effective (`CCN_ROUTE_CONFLICT`, `CCN_ROUTE_SHADOWED`).
   */
  readonly codes: readonly FindingCode[];
  /** CCN routes only: whether it forwards (absent on every other route). */
  readonly effective?: boolean;
}

export interface EffectiveRouteTable {
  readonly id: string;
  readonly vpc: string;
  /** IDs of the subnets associated with the table. */
  readonly subnets: readonly string[];
  readonly routes: readonly EffectiveRoute[];
}

const NO_CODES: readonly FindingCode[] = Object.freeze([]);

/** Finding codes per route ID, each code once, in finding order. */
export function codesByRoute(findings: readonly Finding[]): Map<string, FindingCode[]> {
  const byRoute = new Map<string, FindingCode[]>();
  for (const f of findings) {
    for (const subject of f.subjects) {
      if (!subject.includes('#')) continue;
      const codes = byRoute.get(subject);
      if (!codes) byRoute.set(subject, [f.code]);
      else if (!codes.includes(f.code)) codes.push(f.code);
    }
  }
  return byRoute;
}

/**
 * Every route table of the plan (an implicit `<vpcId>/default` one for a VPC without tables),
 * in plan order. `findings` saves a second validation when the caller already has them, and
 * `routing` a second resolution of the tables (the same plan's `resolveRouteTables`).
 */
export function effectiveRouteTables(
  plan: Plan,
  options: { findings?: readonly Finding[]; routing?: ResolvedRouting } = {},
): EffectiveRouteTable[] {
  const byRoute = codesByRoute(options.findings ?? validatePlan(plan));
  // Tables with at least one route finding: only their routes need an ID to look up.
  const tablesWithCodes = new Set<string>();
  for (const subject of byRoute.keys()) tablesWithCodes.add(subject.slice(0, subject.lastIndexOf('#')));
  const ccn = ccnRouting(plan);
  return (options.routing ?? resolveRouteTables(plan)).tables.map(({ id, vpc, table, subnets }) => {
    const routes: EffectiveRoute[] = [];
    routes.push({ destination: vpc.cidr, nextHop: null, origin: 'local', codes: NO_CODES });
    for (const destination of vpc.secondaryCidrs)
      routes.push({ destination, nextHop: null, origin: 'local', codes: NO_CODES });
    if (table) {
      const withCodes = tablesWithCodes.has(id);
      table.routes.forEach((route, index) => {
        routes.push({
          destination: route.destination,
          nextHop: route.nextHop, // the plan's own {type, id}: plans are immutable values
          origin: 'plan',
          codes: (withCodes && byRoute.get(routeId(id, index))) || NO_CODES,
        });
      });
    }
    for (const route of ccn.forTable(vpc, table).all) {
      routes.push({
        destination: route.destination,
        nextHop: { type: 'ccn', id: route.ccn },
        origin: 'ccn',
        codes: route.code === null ? NO_CODES : [route.code],
        effective: route.effective,
      });
    }
    return { id, vpc: vpc.id, subnets: subnets.map((subnet) => subnet.id), routes };
  });
}
