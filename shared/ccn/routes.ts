/**
 * CCN routes in VPC route tables (spec/ccn.md, "Routes"). Each CIDR published by an active
 * attachment becomes, in every route table of every other actively attached VPC of that CCN, a
 * route to the CCN (route type `CCN`, not editable). Such a route is
 * - invalid (`CCN_ROUTE_CONFLICT`) everywhere when its CIDR conflicts with an earlier
 *   publication (`published.ts`);
 * - else not effective in a table (`CCN_ROUTE_SHADOWED`) while an enabled plan route of that
 *   table has the same destination (a peering or any other next hop: the middle of a migration;
 *   disabling that plan route, as the migration's steps do, lets the CCN route take effect);
 * - else effective: forwarding is longest prefix match over local, plan and effective CCN
 *   routes (`buildForwardingWithCcn` in `routing/forwarding.ts`).
 *
 * `ccnRouting(plan)` computes the publications once per plan value (plans are immutable);
 * the routes a VPC receives and a table's view of them are derived on demand.
 */
import type { Cidr } from '../net/cidr';
import { tryParseCidr } from '../net/cidr';
import type { Plan, RouteTable, Vpc } from '../plan/model';
import { implicitRouteTableId } from '../routing/forwarding';
import type { CcnPublication, PublishedCidr } from './published';
import { ccnPublications } from './published';

/** Why a CCN route does not take effect in a table. */
export type CcnRouteCode = 'CCN_ROUTE_CONFLICT' | 'CCN_ROUTE_SHADOWED';

/** A CCN route as one route table sees it. */
export interface CcnTableRoute {
  /** The published CIDR, as the publishing VPC writes it. */
  readonly destination: string;
  readonly block: Cidr;
  /** The CCN: the route's next hop is `{ type: 'ccn', id: ccn }`. */
  readonly ccn: string;
  /** The VPC that published the CIDR. */
  readonly publisher: string;
  /** The publisher's subnet, when the attachment publishes subnets. */
  readonly subnet?: string;
  readonly effective: boolean;
  /** null when effective. */
  readonly code: CcnRouteCode | null;
  /** For `CCN_ROUTE_CONFLICT`: the earlier publication it conflicts with. */
  readonly conflictsWith: { readonly vpc: string; readonly cidr: string } | null;
  /** For `CCN_ROUTE_SHADOWED`: the index, in the table's `routes`, of the plan route with the same destination. */
  readonly shadowedBy: number | null;
}

/** What a route table gets from the CCNs its VPC is actively attached to. */
export interface TableCcnRoutes {
  /** Every CCN route of the table, in CCN order, then publication order. */
  readonly all: readonly CcnTableRoute[];
  /** The ones that forward. */
  readonly effective: readonly CcnTableRoute[];
  /** The ones that do not, each with its `code`. */
  readonly notEffective: readonly CcnTableRoute[];
}

export interface CcnRouting {
  readonly publications: readonly CcnPublication[];
  /** The CCN routes a VPC receives, before any table's plan routes shadow them (empty when none). */
  receivedBy(vpcId: string): readonly ReceivedCcnRoute[];
  /** The CCN routes of one of `vpc`'s route tables (`table` null: its implicit empty default table). */
  forTable(vpc: Vpc, table: RouteTable | null): TableCcnRoutes;
}

export interface ReceivedCcnRoute {
  readonly ccn: string;
  readonly published: PublishedCidr;
}

const NO_RECEIVED: readonly ReceivedCcnRoute[] = Object.freeze([]);
const NO_TABLE_ROUTES: TableCcnRoutes = Object.freeze({
  all: Object.freeze([]),
  effective: Object.freeze([]),
  notEffective: Object.freeze([]),
});

/** A key for a parsed block: start and prefix, exact in a double (2^32 × 64 < 2^53). */
function blockKey(block: Cidr): number {
  return block.start * 64 + block.prefix;
}

/** Index, in `table.routes`, of the first enabled plan route per destination block. */
function enabledDestinations(table: RouteTable | null): Map<number, number> {
  const byBlock = new Map<number, number>();
  if (table === null) return byBlock;
  table.routes.forEach((route, index) => {
    if (!route.enabled) return;
    const block = tryParseCidr(route.destination);
    if (block === null) return;
    const key = blockKey(block);
    if (!byBlock.has(key)) byBlock.set(key, index);
  });
  return byBlock;
}

/** The CCN routes of a table, given what its VPC receives. */
export function tableCcnRoutes(
  received: readonly ReceivedCcnRoute[],
  table: RouteTable | null,
): TableCcnRoutes {
  if (received.length === 0) return NO_TABLE_ROUTES;
  const planDestinations = enabledDestinations(table);
  const all: CcnTableRoute[] = [];
  const effective: CcnTableRoute[] = [];
  const notEffective: CcnTableRoute[] = [];
  for (const { ccn, published } of received) {
    const shadowedBy = published.valid ? (planDestinations.get(blockKey(published.block)) ?? null) : null;
    const code: CcnRouteCode | null = !published.valid
      ? 'CCN_ROUTE_CONFLICT'
      : shadowedBy !== null
        ? 'CCN_ROUTE_SHADOWED'
        : null;
    const route: CcnTableRoute = {
      destination: published.cidr,
      block: published.block,
      ccn,
      publisher: published.vpc,
      ...(published.subnet !== undefined ? { subnet: published.subnet } : {}),
      effective: code === null,
      code,
      conflictsWith: published.conflictsWith,
      shadowedBy,
    };
    all.push(route);
    (code === null ? effective : notEffective).push(route);
  }
  return { all, effective, notEffective };
}

class PlanCcnRouting implements CcnRouting {
  readonly publications: readonly CcnPublication[];
  /** VPC ID → the publications it is a member of. */
  private readonly memberships = new Map<string, CcnPublication[]>();
  private readonly received = new Map<string, readonly ReceivedCcnRoute[]>();

  constructor(plan: Plan) {
    this.publications = ccnPublications(plan);
    for (const publication of this.publications) {
      for (const member of publication.members) {
        const list = this.memberships.get(member.id);
        if (list) list.push(publication);
        else this.memberships.set(member.id, [publication]);
      }
    }
  }

  receivedBy(vpcId: string): readonly ReceivedCcnRoute[] {
    const cached = this.received.get(vpcId);
    if (cached) return cached;
    const publications = this.memberships.get(vpcId);
    if (!publications) return NO_RECEIVED;
    const routes: ReceivedCcnRoute[] = [];
    for (const { ccn, published } of publications)
      for (const item of published) if (item.vpc !== vpcId) routes.push({ ccn: ccn.id, published: item });
    this.received.set(vpcId, routes);
    return routes;
  }

  forTable(vpc: Vpc, table: RouteTable | null): TableCcnRoutes {
    return tableCcnRoutes(this.receivedBy(vpc.id), table);
  }
}

const EMPTY_ROUTING: CcnRouting = {
  publications: [],
  receivedBy: () => NO_RECEIVED,
  forTable: () => NO_TABLE_ROUTES,
};

const routings = new WeakMap<Plan, CcnRouting>();

/** The CCN routing of a plan, computed once per plan value. */
export function ccnRouting(plan: Plan): CcnRouting {
  if (plan.ccns.length === 0) return EMPTY_ROUTING;
  let routing = routings.get(plan);
  if (!routing) {
    routing = new PlanCcnRouting(plan);
    routings.set(plan, routing);
  }
  return routing;
}

/**
 * For reachability and the views: the CCN routes of the route table `tableId` (a plan table or
 * an implicit `<vpcId>/default` one), split into effective ones (destination, CCN, publishing
 * VPC) and the others with their reason; null when no VPC of the plan has that table.
 */
export function ccnRoutesOfTable(plan: Plan, tableId: string): TableCcnRoutes | null {
  for (const vpc of plan.vpcs) {
    const table = vpc.routeTables.find((candidate) => candidate.id === tableId);
    if (table) return ccnRouting(plan).forTable(vpc, table);
    if (vpc.routeTables.length === 0 && tableId === implicitRouteTableId(vpc.id))
      return ccnRouting(plan).forTable(vpc, null);
  }
  return null;
}
