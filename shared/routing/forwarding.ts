/**
 * Which route table serves which subnet, and each table's forwarding structure.
 *
 * One place decides the associations, so the route-table view, the suggestions and
 * reachability agree:
 * - a subnet uses its `routeTable` when that names a table of its own VPC;
 * - a subnet without one uses its VPC's default table (the one marked `default`, else the
 *   first), and a VPC with no route table at all has an implicit empty default table whose ID
 *   is `<vpcId>/default` (a slash never appears in cloud IDs, so it cannot clash);
 * - a subnet naming an unknown table, or a table of another VPC (a `REF_UNKNOWN` error), is
 *   served by no table: nothing but its local routes applies, so nothing leaves the VPC.
 */
import type { Cidr } from '../net/cidr';
import { tryParseCidr } from '../net/cidr';
import type { CcnTableRoute } from '../ccn/routes';
import type { Route, RouteTable, Subnet, Vpc, Plan } from '../plan/model';
import type { ForwardingEntry } from './lpm';
import { LongestPrefixMatch } from './lpm';

/** ID of the implicit empty default route table of a VPC that has none. */
export function implicitRouteTableId(vpcId: string): string {
  return `${vpcId}/default`;
}

export interface ResolvedRouteTable {
  readonly id: string;
  readonly vpc: Vpc;
  /** The plan's table; null for the implicit empty default table. */
  readonly table: RouteTable | null;
  readonly subnets: readonly Subnet[];
}

/** What an address is forwarded to: the VPC itself, or the plan route at `index` of the table. */
export type RouteTarget =
  { readonly kind: 'local' } | { readonly kind: 'route'; readonly index: number; readonly route: Route };

export const LOCAL_TARGET: RouteTarget = { kind: 'local' };

/** An effective CCN route (spec/ccn.md): the addresses go to the CCN, towards `route.publisher`. */
export interface CcnRouteTarget {
  readonly kind: 'ccn';
  readonly route: CcnTableRoute;
}

/** What an address is forwarded to once CCN routes count: local, a plan route or a CCN route. */
export type ForwardingTarget = RouteTarget | CcnRouteTarget;

export interface ResolvedRouting {
  /** Every route table, in plan order (VPCs, then their tables; an implicit one in its VPC's place). */
  readonly tables: readonly ResolvedRouteTable[];
  /** Subnet ID → the table serving it (absent: served by no table). */
  readonly tableOfSubnet: ReadonlyMap<string, ResolvedRouteTable>;
}

function defaultTableOf(vpc: Vpc): RouteTable | undefined {
  return vpc.routeTables.find((table) => table.default) ?? vpc.routeTables[0];
}

export function resolveRouteTables(plan: Plan): ResolvedRouting {
  const tables: ResolvedRouteTable[] = [];
  const tableOfSubnet = new Map<string, ResolvedRouteTable>();
  for (const vpc of plan.vpcs) {
    const defaultTable = defaultTableOf(vpc);
    const defaultId = defaultTable ? defaultTable.id : implicitRouteTableId(vpc.id);
    // Subnets by table ID; a VPC has at most 10 tables, so a list search beats a map here.
    const ids: string[] = defaultTable ? [] : [defaultId];
    const owners: (RouteTable | null)[] = defaultTable ? [] : [null];
    for (const table of vpc.routeTables) {
      // A duplicate table ID (ID_DUPLICATE): the first one serves.
      if (!ids.includes(table.id)) {
        ids.push(table.id);
        owners.push(table);
      }
    }
    const members: Subnet[][] = ids.map(() => []);
    for (const subnet of vpc.subnets) {
      const position = ids.indexOf(subnet.routeTable ?? defaultId);
      if (position >= 0) members[position]!.push(subnet);
    }
    ids.forEach((id, position) => {
      const resolved: ResolvedRouteTable = { id, vpc, table: owners[position]!, subnets: members[position]! };
      tables.push(resolved);
      for (const subnet of resolved.subnets)
        if (!tableOfSubnet.has(subnet.id)) tableOfSubnet.set(subnet.id, resolved);
    });
  }
  return { tables, tableOfSubnet };
}

/** The VPC's CIDR blocks that parse (primary first, then secondaries). */
export function vpcBlocks(vpc: Vpc): Cidr[] {
  const blocks: Cidr[] = [];
  for (const text of [vpc.cidr, ...vpc.secondaryCidrs]) {
    const block = tryParseCidr(text);
    if (block) blocks.push(block);
  }
  return blocks;
}

/**
 * The forwarding structure of a table: the VPC's local blocks, and the plan's enabled routes
 * whose destination parses (a `CIDR_INVALID` route forwards nothing).
 */
export function buildForwarding(vpc: Vpc, table: RouteTable | null): LongestPrefixMatch<RouteTarget> {
  return new LongestPrefixMatch<RouteTarget>(localEntries(vpc), planEntries(table));
}

/**
 * The forwarding structure of a table with its CCN routes (`ccnRouting(plan).forTable(vpc,
 * table).effective`): longest prefix match over local, plan and effective CCN routes, the local
 * routes winning for the VPC's own addresses. A CCN route never has a plan route's destination
 * (it would be shadowed, not effective); should two effective CCN routes share one (a VPC on two
 * CCNs, a `CCN_VPC_MULTIPLE` error), the first one forwards.
 */
export function buildForwardingWithCcn(
  vpc: Vpc,
  table: RouteTable | null,
  ccnRoutes: readonly CcnTableRoute[],
): LongestPrefixMatch<ForwardingTarget> {
  const routes: ForwardingEntry<ForwardingTarget>[] = planEntries(table);
  for (const route of ccnRoutes) {
    if (!route.effective) continue;
    const { start, end, prefix } = route.block;
    routes.push({ start, end, prefix, target: { kind: 'ccn', route } });
  }
  return new LongestPrefixMatch<ForwardingTarget>(localEntries(vpc), routes);
}

function localEntries(vpc: Vpc): ForwardingEntry<RouteTarget>[] {
  return vpcBlocks(vpc).map((block) => ({
    start: block.start,
    end: block.end,
    prefix: block.prefix,
    target: LOCAL_TARGET,
  }));
}

function planEntries(table: RouteTable | null): ForwardingEntry<RouteTarget>[] {
  const routes: ForwardingEntry<RouteTarget>[] = [];
  if (table) {
    table.routes.forEach((route, index) => {
      if (!route.enabled) return;
      const block = tryParseCidr(route.destination);
      if (!block) return;
      routes.push({
        start: block.start,
        end: block.end,
        prefix: block.prefix,
        target: { kind: 'route', index, route },
      });
    });
  }
  return routes;
}
