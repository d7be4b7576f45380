/**
 * Route suggestions (rules.md, "Route tables"): for each active peering, the routes both sides
 * still need so that every subnet associated with a route table on one side reaches the whole
 * peer VPC and back. A suggested route's destination is a peer VPC CIDR (the primary and each
 * secondary); it is not suggested when the enabled routes of that table to that peering already
 * cover the block, alone or together (a disabled route forwards nothing, so it does not count).
 *
 * Which tables: those with at least one associated subnet. A VPC without any subnet yet gets the
 * suggestion on its default table, so the routes are ready when its first subnet arrives.
 * A peer block that overlaps the table's own VPC (a `PEERING_CIDR_OVERLAP` error) is never
 * suggested: the local route would win, no route can fix that.
 */
import type { Cidr } from '../net/cidr';
import { cidrOverlaps, formatCidr, tryParseCidr } from '../net/cidr';
import type { Plan, RouteTable, Vpc } from '../plan/model';
import { effectivePeeringState } from '../plan/peering';
import type { ResolvedRouteTable } from './forwarding';
import { resolveRouteTables, vpcBlocks } from './forwarding';

export interface SuggestedRoute {
  readonly routeTable: string;
  readonly vpc: string;
  readonly peering: string;
  readonly destination: string;
  readonly nextHop: { readonly type: 'peering'; readonly id: string };
}

function tablesNeedingRoutes(vpc: Vpc, tablesOfVpc: readonly ResolvedRouteTable[]): ResolvedRouteTable[] {
  const withSubnets = tablesOfVpc.filter((table) => table.subnets.length > 0);
  if (withSubnets.length > 0 || vpc.subnets.length > 0) return withSubnets;
  const defaultTable =
    tablesOfVpc.find((table) => table.table === null || table.table.default) ?? tablesOfVpc[0];
  return defaultTable ? [defaultTable] : [];
}

/**
 * Whether the enabled routes of `table` to `peeringId` cover all of `block`: one route that
 * contains it, or several that together do (two /17 routes cover a /16 peer).
 */
function covered(
  table: ResolvedRouteTable,
  peeringId: string,
  block: Cidr,
  destinationsOf: (table: RouteTable) => readonly (Cidr | null)[],
): boolean {
  if (!table.table) return false;
  const parts: Cidr[] = [];
  const destinations = destinationsOf(table.table);
  for (const [index, route] of table.table.routes.entries()) {
    if (!route.enabled || route.nextHop.type !== 'peering' || route.nextHop.id !== peeringId) continue;
    const destination = destinations[index]!;
    if (destination && cidrOverlaps(destination, block)) parts.push(destination);
  }
  parts.sort((x, y) => x.start - y.start);
  let next = block.start; // the first address of the block not yet covered
  for (const part of parts) {
    if (part.start > next) return false;
    next = Math.max(next, part.end + 1);
    if (next > block.end) return true;
  }
  return next > block.end;
}

export function suggestRoutes(plan: Plan): SuggestedRoute[] {
  const { tables } = resolveRouteTables(plan);
  const tablesByVpc = new Map<Vpc, ResolvedRouteTable[]>();
  for (const table of tables) {
    const list = tablesByVpc.get(table.vpc);
    if (list) list.push(table);
    else tablesByVpc.set(table.vpc, [table]);
  }
  const vpcById = new Map<string, Vpc>();
  for (const vpc of plan.vpcs) if (!vpcById.has(vpc.id)) vpcById.set(vpc.id, vpc);

  // Each table's destinations parsed once: a VPC with many peerings looks at its tables once per
  // peering (about 260,000 parses on the reference plan otherwise).
  const parsed = new Map<RouteTable, (Cidr | null)[]>();
  const destinationsOf = (table: RouteTable): readonly (Cidr | null)[] => {
    let list = parsed.get(table);
    if (!list) {
      list = table.routes.map((route) => tryParseCidr(route.destination));
      parsed.set(table, list);
    }
    return list;
  };
  const suggestions: SuggestedRoute[] = [];
  for (const peering of plan.peerings) {
    if (effectivePeeringState(peering, plan.asOf) !== 'active') continue;
    const requester = vpcById.get(peering.requester);
    const accepter = vpcById.get(peering.accepter);
    if (!requester || !accepter || requester === accepter) continue;
    for (const [local, peer] of [
      [requester, accepter],
      [accepter, requester],
    ] as const) {
      const ownBlocks = vpcBlocks(local);
      const peerBlocks = vpcBlocks(peer).filter(
        (block) => !ownBlocks.some((own) => cidrOverlaps(own, block)),
      );
      for (const table of tablesNeedingRoutes(local, tablesByVpc.get(local) ?? [])) {
        for (const block of peerBlocks) {
          if (covered(table, peering.id, block, destinationsOf)) continue;
          suggestions.push({
            routeTable: table.id,
            vpc: local.id,
            peering: peering.id,
            destination: formatCidr(block),
            nextHop: { type: 'peering', id: peering.id },
          });
        }
      }
    }
  }
  return suggestions;
}
