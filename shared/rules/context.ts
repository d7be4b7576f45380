/**
 * The precomputed index of a plan that every rule reads: objects by ID, parsed CIDRs, effective
 * peering states. Built once per validation in linear time, so each rule is a pass over the
 * plan plus map lookups, never a comparison of all pairs.
 *
 * Where an ID is duplicated (ID_DUPLICATE), the first object of that ID is the one references
 * resolve to; per-object data (a VPC's CIDRs, a table's VPC) is keyed by the object itself, so
 * duplicates are still checked on their own.
 */
import type { Cidr } from '../net/cidr';
import { parseCidr } from '../net/cidr';
import type { CidrParseResult } from '../net/cidr';
import type { Account, Peering, PeeringState, Plan, RouteTable, Subnet, Vpc } from '../plan/model';
import { effectivePeeringState } from '../plan/peering';
import type { Finding } from './finding';

export interface VpcIndex {
  readonly vpc: Vpc;
  /** The primary CIDR when it parses, else null. */
  readonly primary: Cidr | null;
  /** Every CIDR of the VPC that parses (primary first, then secondaries in file order). */
  readonly cidrs: readonly Cidr[];
  /** Parse results of the secondary CIDRs, in file order. */
  readonly secondaries: readonly CidrParseResult[];
}

export interface RouteTableIndex {
  readonly table: RouteTable;
  readonly vpc: Vpc;
  /** Parse results of the routes' destinations, by route index. */
  readonly destinations: readonly CidrParseResult[];
  /** The peering each route's next hop names, by route index (undefined: not a peering hop, or unknown). */
  readonly nextHopPeerings: readonly (Peering | undefined)[];
}

export interface PeeringEnds {
  readonly state: PeeringState;
  readonly requester: VpcIndex | undefined;
  readonly accepter: VpcIndex | undefined;
}

export interface SubnetIndex {
  readonly subnet: Subnet;
  readonly vpc: Vpc;
  readonly cidr: CidrParseResult;
}

export interface RuleContext {
  readonly plan: Plan;
  readonly accountById: ReadonlyMap<string, Account>;
  readonly vpcById: ReadonlyMap<string, Vpc>;
  readonly peeringById: ReadonlyMap<string, Peering>;
  readonly routeTableById: ReadonlyMap<string, RouteTableIndex>;
  readonly subnetById: ReadonlyMap<string, SubnetIndex>;
  /** Per VPC object (duplicates included). */
  readonly vpcs: ReadonlyMap<Vpc, VpcIndex>;
  /** Per route table object (duplicates included), in plan order. */
  readonly routeTables: readonly RouteTableIndex[];
  /** Per subnet object, in plan order. */
  readonly subnets: readonly SubnetIndex[];
  /** Per peering object: its state on `plan.asOf` (a pending request 7+ days old is expired). */
  readonly peeringState: ReadonlyMap<Peering, PeeringState>;
  /** Per peering object: its state and its two ends resolved (undefined: an unknown VPC). */
  readonly peeringEnds: ReadonlyMap<Peering, PeeringEnds>;
  /** Pending or active peerings whose two ends name known VPCs, with those VPCs. */
  readonly livePeerings: readonly {
    readonly peering: Peering;
    readonly requester: Vpc;
    readonly accepter: Vpc;
  }[];
}

/** A rule: one concept's checks over the index. Rules are independent and run in list order. */
export type Rule = (context: RuleContext) => Finding[];

function firstById<T extends { readonly id: string }>(items: Iterable<T>): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.id)) map.set(item.id, item);
  return map;
}

export function buildRuleContext(plan: Plan): RuleContext {
  const peeringById = firstById(plan.peerings);
  const vpcs = new Map<Vpc, VpcIndex>();
  const routeTableById = new Map<string, RouteTableIndex>();
  const routeTables: RouteTableIndex[] = [];
  const subnetById = new Map<string, SubnetIndex>();
  const subnets: SubnetIndex[] = [];
  // Route destinations repeat (the same peer CIDR in many tables): parse each text once and share
  // the (immutable) result, which spares tens of thousands of short-lived objects on a big plan.
  const parsedDestinations = new Map<string, CidrParseResult>();
  for (const vpc of plan.vpcs) {
    const primaryResult = parseCidr(vpc.cidr);
    const primary = primaryResult.ok ? primaryResult.cidr : null;
    const secondaries = vpc.secondaryCidrs.map(parseCidr);
    const cidrs: Cidr[] = primary ? [primary] : [];
    for (const s of secondaries) if (s.ok) cidrs.push(s.cidr);
    vpcs.set(vpc, { vpc, primary, cidrs, secondaries });
    for (const table of vpc.routeTables) {
      const { routes } = table;
      const destinations = new Array<CidrParseResult>(routes.length);
      const nextHopPeerings = new Array<Peering | undefined>(routes.length);
      for (let i = 0; i < routes.length; i++) {
        const route = routes[i]!;
        const text = route.destination;
        let parsed = parsedDestinations.get(text);
        if (parsed === undefined) parsedDestinations.set(text, (parsed = parseCidr(text)));
        destinations[i] = parsed;
        nextHopPeerings[i] = route.nextHop.type === 'peering' ? peeringById.get(route.nextHop.id) : undefined;
      }
      const entry: RouteTableIndex = { table, vpc, destinations, nextHopPeerings };
      routeTables.push(entry);
      if (!routeTableById.has(table.id)) routeTableById.set(table.id, entry);
    }
    for (const subnet of vpc.subnets) {
      const entry: SubnetIndex = { subnet, vpc, cidr: parseCidr(subnet.cidr) };
      subnets.push(entry);
      if (!subnetById.has(subnet.id)) subnetById.set(subnet.id, entry);
    }
  }
  const vpcById = firstById(plan.vpcs);
  const peeringState = new Map<Peering, PeeringState>();
  const livePeerings: { peering: Peering; requester: Vpc; accepter: Vpc }[] = [];
  const peeringEnds = new Map<Peering, PeeringEnds>();
  for (const peering of plan.peerings) {
    const state = effectivePeeringState(peering, plan.asOf);
    peeringState.set(peering, state);
    const requesterVpc = vpcById.get(peering.requester);
    const accepterVpc = vpcById.get(peering.accepter);
    peeringEnds.set(peering, {
      state,
      requester: requesterVpc && vpcs.get(requesterVpc),
      accepter: accepterVpc && vpcs.get(accepterVpc),
    });
    if ((state === 'pending' || state === 'active') && requesterVpc && accepterVpc) {
      livePeerings.push({ peering, requester: requesterVpc, accepter: accepterVpc });
    }
  }
  return {
    plan,
    accountById: firstById(plan.accounts),
    vpcById,
    peeringById,
    routeTableById,
    subnetById,
    vpcs,
    routeTables,
    subnets,
    peeringState,
    peeringEnds,
    livePeerings,
  };
}
