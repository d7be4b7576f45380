/**
 * The precomputed index of a plan that every rule reads. Built once per validation in linear
 * time, so each rule is a pass over the plan plus lookups, never a comparison of all pairs.
 *
 * It is columnar: VPCs, subnets, route tables, routes and peerings are numbered in plan order,
 * their CIDRs are parsed into typed columns (`CidrColumns`), and their links (a subnet's VPC, a
 * route's peering, a peering's ends) are integer arrays. On the reference plan (40,000 routes,
 * 12,000 subnets) one object per CIDR or per route made the index as large as the plan itself,
 * and the garbage collector's copying of it cost more than all the rules; the columns are a few
 * dozen allocations whatever the plan's size.
 *
 * Where an ID is duplicated (ID_DUPLICATE), the first object of that ID is the one references
 * resolve to; per-object data (a VPC's CIDRs, a table's VPC) is kept by position, so duplicates
 * are still checked on their own.
 */
import { CidrColumns } from '../net/cidr-columns';
import type { Account, PeeringState, Plan, RouteTable, Subnet } from '../plan/model';
import { effectivePeeringState } from '../plan/peering';
import type { Finding } from './finding';
import { IdIndex } from './id-index';

/** `routeNextHop` for a route whose next hop is not a peering. */
export const NOT_A_PEERING_HOP = -1;
/** `routeNextHop` for a route to a peering ID that is not in the plan. */
export const UNKNOWN_PEERING = -2;
/** `peeringRequester` / `peeringAccepter` for an end that names no VPC of the plan. */
export const UNKNOWN_VPC = -1;

export interface RuleContext {
  readonly plan: Plan;
  readonly accountById: ReadonlyMap<string, Account>;
  /** VPC position (in `plan.vpcs`) of the first VPC of each ID. */
  readonly vpcIndexById: IdIndex;
  /** Peering position (in `plan.peerings`) of the first peering of each ID. */
  readonly peeringIndexById: IdIndex;

  /**
   * Every CIDR of every VPC, primary first, then the secondaries in file order: VPC `v` owns
   * blocks `vpcCidrFirst[v]` … `vpcCidrFirst[v + 1] - 1`.
   */
  readonly vpcCidrs: CidrColumns;
  readonly vpcCidrFirst: Int32Array;
  /** The owning VPC position of each block of `vpcCidrs`. */
  readonly vpcCidrOwner: Int32Array;

  /** Every subnet in plan order; VPC `v` owns subnets `subnetFirst[v]` … `subnetFirst[v + 1] - 1`. */
  readonly subnets: readonly Subnet[];
  readonly subnetFirst: Int32Array;
  readonly subnetVpc: Int32Array;
  readonly subnetCidrs: CidrColumns;
  /** Subnet position of the first subnet of each ID. */
  readonly subnetIndexById: IdIndex;

  /** Every route table in plan order, with its VPC's position. */
  readonly routeTables: readonly RouteTable[];
  readonly routeTableVpc: Int32Array;
  /** Routes of table `t` are `routeFirst[t]` … `routeFirst[t + 1] - 1` (route `r` of the table is `routeFirst[t] + r`). */
  readonly routeFirst: Int32Array;
  /** Route table position of the first table of each ID. */
  readonly routeTableIndexById: IdIndex;
  /** Every route destination, by route position. */
  readonly routeDestinations: CidrColumns;
  /** The peering position each route's next hop names, or NOT_A_PEERING_HOP / UNKNOWN_PEERING. */
  readonly routeNextHop: Int32Array;

  /** Each peering's state on `plan.asOf` (a pending request 7+ days old is expired). */
  readonly peeringState: readonly PeeringState[];
  /** VPC position of each peering's requester / accepter, or UNKNOWN_VPC. */
  readonly peeringRequester: Int32Array;
  readonly peeringAccepter: Int32Array;
  /** Positions of the pending or active peerings whose two ends name known VPCs, in plan order. */
  readonly livePeerings: Int32Array;
}

/** A rule: one concept's checks over the index. Rules are independent and run in list order. */
export type Rule = (context: RuleContext) => Finding[];

function firstById<T extends { readonly id: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.id)) map.set(item.id, item);
  return map;
}

export function buildRuleContext(plan: Plan): RuleContext {
  const { vpcs, peerings } = plan;
  const vpcIndexById = new IdIndex(vpcs);
  const peeringIndexById = new IdIndex(peerings);

  // Sizes first, so every column is allocated once at its final length.
  let cidrCount = 0;
  let subnetCount = 0;
  let tableCount = 0;
  let routeCount = 0;
  for (const vpc of vpcs) {
    cidrCount += 1 + vpc.secondaryCidrs.length;
    subnetCount += vpc.subnets.length;
    tableCount += vpc.routeTables.length;
    for (const table of vpc.routeTables) routeCount += table.routes.length;
  }

  const vpcCidrs = new CidrColumns(cidrCount);
  const vpcCidrFirst = new Int32Array(vpcs.length + 1);
  const vpcCidrOwner = new Int32Array(cidrCount);
  const subnets = new Array<Subnet>(subnetCount);
  const subnetFirst = new Int32Array(vpcs.length + 1);
  const subnetVpc = new Int32Array(subnetCount);
  const subnetCidrs = new CidrColumns(subnetCount);
  const routeTables = new Array<RouteTable>(tableCount);
  const routeTableVpc = new Int32Array(tableCount);
  const routeFirst = new Int32Array(tableCount + 1);
  const routeDestinations = new CidrColumns(routeCount);
  const routeNextHop = new Int32Array(routeCount);

  let c = 0;
  let s = 0;
  let t = 0;
  let r = 0;
  for (let v = 0; v < vpcs.length; v++) {
    const vpc = vpcs[v]!;
    vpcCidrFirst[v] = c;
    vpcCidrOwner[c] = v;
    vpcCidrs.set(c++, vpc.cidr);
    for (const secondary of vpc.secondaryCidrs) {
      vpcCidrOwner[c] = v;
      vpcCidrs.set(c++, secondary);
    }
    subnetFirst[v] = s;
    for (const subnet of vpc.subnets) {
      subnets[s] = subnet;
      subnetVpc[s] = v;
      subnetCidrs.set(s++, subnet.cidr);
    }
    for (const table of vpc.routeTables) {
      routeTables[t] = table;
      routeTableVpc[t] = v;
      routeFirst[t++] = r;
      for (const route of table.routes) {
        routeDestinations.set(r, route.destination);
        routeNextHop[r++] =
          route.nextHop.type === 'peering'
            ? (peeringIndexById.get(route.nextHop.id) ?? UNKNOWN_PEERING)
            : NOT_A_PEERING_HOP;
      }
    }
  }
  vpcCidrFirst[vpcs.length] = c;
  subnetFirst[vpcs.length] = s;
  routeFirst[tableCount] = r;

  const peeringState = new Array<PeeringState>(peerings.length);
  const peeringRequester = new Int32Array(peerings.length);
  const peeringAccepter = new Int32Array(peerings.length);
  const live: number[] = [];
  for (let p = 0; p < peerings.length; p++) {
    const peering = peerings[p]!;
    const state = effectivePeeringState(peering, plan.asOf);
    peeringState[p] = state;
    const requester = vpcIndexById.get(peering.requester) ?? UNKNOWN_VPC;
    const accepter = vpcIndexById.get(peering.accepter) ?? UNKNOWN_VPC;
    peeringRequester[p] = requester;
    peeringAccepter[p] = accepter;
    if (
      (state === 'pending' || state === 'active') &&
      requester !== UNKNOWN_VPC &&
      accepter !== UNKNOWN_VPC
    ) {
      live.push(p);
    }
  }

  return {
    plan,
    accountById: firstById(plan.accounts),
    vpcIndexById,
    peeringIndexById,
    vpcCidrs,
    vpcCidrFirst,
    vpcCidrOwner,
    subnets,
    subnetFirst,
    subnetVpc,
    subnetCidrs,
    subnetIndexById: new IdIndex(subnets),
    routeTables,
    routeTableVpc,
    routeFirst,
    routeTableIndexById: new IdIndex(routeTables),
    routeDestinations,
    routeNextHop,
    peeringState,
    peeringRequester,
    peeringAccepter,
    livePeerings: Int32Array.from(live),
  };
}
