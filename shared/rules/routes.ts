/**
 * Routes: ROUTE_DEST_IN_VPC, ROUTE_DUPLICATE, ROUTE_PEERING_FOREIGN, ROUTE_DEST_NOT_IN_PEER,
 * ROUTE_TRANSITIVE, ROUTE_PEERING_INACTIVE. A route finding names its route
 * (`<routeTableId>#<index>`).
 *
 * Interpretations:
 * - ROUTE_DEST_IN_VPC fires for a destination inside (or equal to) one of its own VPC's CIDRs:
 *   the local route already covers those addresses and the cloud's CreateRoutes refuses such a
 *   destination. A strict supernet of the VPC (0.0.0.0/0 to a NAT gateway, 10.0.0.0/8) is valid
 *   and common: the local route wins by longest prefix for the VPC's own addresses. (Two CIDRs
 *   either nest or are disjoint, so there is no partial overlap to consider.) Such a route gets
 *   ROUTE_DEST_IN_VPC only; the peering destination checks would add nothing.
 * - ROUTE_TRANSITIVE: a peering route whose destination is not inside the peer VPC and overlaps
 *   a CIDR of a third VPC (one neither this VPC nor the peer): that traffic would have to cross
 *   the peer. Otherwise a destination outside the peer is ROUTE_DEST_NOT_IN_PEER.
 * - ROUTE_DUPLICATE compares destinations as blocks (after parsing), or as text when they do
 *   not parse; one finding per group of routes that share a destination.
 * - ROUTE_PEERING_INACTIVE looks at enabled routes only: a disabled route is no black hole.
 */
import type { CidrColumns } from '../net/cidr-columns';
import type { PeeringState } from '../plan/model';
import { routeId } from '../plan/model';
import { ColumnIndex } from './cidr-index';
import { UNKNOWN_VPC } from './context';
import type { RuleContext } from './context';
import { finding } from './finding';
import type { Finding } from './finding';

/** IDs as people sort them (vpc-51 before vpc-351); IDs the collator finds equal, by code unit. */
const collator = new Intl.Collator('en', { numeric: true });
const BY_NAME = (a: string, b: string): number => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/** Tables up to this many routes compare their destinations directly; longer ones use a map. */
const SMALL_TABLE = 16;

/** What brings a peering that is not active back, for ROUTE_PEERING_INACTIVE's message. */
const INACTIVE_REMEDY: Readonly<Record<PeeringState, string>> = {
  active: 'active',
  pending: 'accepted',
  expired: 're-requested or replaced',
  rejected: 're-requested or replaced',
  isolated: 'restored (isolated: settle the overdue bill)',
};

export function checkRouteDuplicates(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const { routeTables, routeFirst, routeDestinations } = context;
  // One map for the long tables, cleared per table: the index of the first route of each
  // destination, keyed by start × 64 + prefix (exact in a double, unique per block) or, for a
  // destination that does not parse, by its text.
  const firstOf = new Map<string | number, number>();
  for (let t = 0; t < routeTables.length; t++) {
    const table = routeTables[t]!;
    const { routes } = table;
    if (routes.length < 2) continue;
    const base = routeFirst[t]!;
    // Groups of routes sharing a destination, keyed by the group's first route, in the order
    // their second route appears; only built once a duplicate shows up.
    let groups: Map<number, number[]> | null = null;
    const join = (first: number, i: number) => {
      groups ??= new Map();
      const group = groups.get(first);
      if (group) group.push(i);
      else groups.set(first, [first, i]);
    };
    if (routes.length <= SMALL_TABLE) {
      // A typical table has a handful of routes: comparing each with the ones before it costs
      // less than hashing, and allocates nothing.
      for (let i = 1; i < routes.length; i++) {
        for (let j = 0; j < i; j++) {
          if (sameDestination(routeDestinations, base + j, base + i)) {
            join(j, i);
            break;
          }
        }
      }
    } else {
      firstOf.clear();
      const { start, prefix } = routeDestinations;
      for (let i = 0; i < routes.length; i++) {
        const r = base + i;
        const key = routeDestinations.ok(r) ? start[r]! * 64 + prefix[r]! : `text:${routes[i]!.destination}`;
        const first = firstOf.get(key);
        if (first === undefined) firstOf.set(key, i);
        else join(first, i);
      }
    }
    if (!groups) continue;
    for (const indices of (groups as Map<number, number[]>).values()) {
      const ids = indices.map((i) => routeId(table.id, i));
      findings.push(
        finding(
          'ROUTE_DUPLICATE',
          `Routes ${ids.join(', ')} of route table ${table.id} have the same destination ${routes[indices[0]!]!.destination}: keep one route per destination.`,
          ids,
        ),
      );
    }
  }
  return findings;
}

/** Whether routes `a` and `b` have the same destination: the same block, or the same text when it does not parse. */
function sameDestination(destinations: CidrColumns, a: number, b: number): boolean {
  const okA = destinations.ok(a);
  if (okA !== destinations.ok(b)) return false;
  if (!okA) return destinations.text(a) === destinations.text(b);
  return destinations.start[a] === destinations.start[b] && destinations.prefix[a] === destinations.prefix[b];
}

export function checkRouteTargets(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const { plan, routeTables, routeTableVpc, routeFirst, routeDestinations, routeNextHop } = context;
  const { vpcCidrs, vpcCidrFirst, peeringState, peeringRequester, peeringAccepter } = context;
  // Every VPC CIDR of the plan, for the "third VPC" lookup of ROUTE_TRANSITIVE: built on first use.
  let allVpcCidrs: ColumnIndex | null = null;

  for (let t = 0; t < routeTables.length; t++) {
    const table = routeTables[t]!;
    const v = routeTableVpc[t]!;
    const vpc = plan.vpcs[v]!;
    // Ends of peerings are compared by position (the first VPC of an ID), not by ID text.
    const self = context.vpcIndexById.get(vpc.id)!;
    const { routes } = table;
    const base = routeFirst[t]!;
    for (let index = 0; index < routes.length; index++) {
      const r = base + index;
      if (!routeDestinations.ok(r)) continue; // CIDR_INVALID / CIDR_HOST_BITS
      if (routeDestinations.containedIn(r, vpcCidrs, vpcCidrFirst[v]!, vpcCidrFirst[v + 1]!)) {
        const route = routes[index]!;
        const id = routeId(table.id, index);
        findings.push(
          finding(
            'ROUTE_DEST_IN_VPC',
            `Route ${id}: destination ${route.destination} lies inside VPC ${vpc.id}'s own CIDRs, which the local route already covers (the cloud refuses it): remove it or point it at addresses outside the VPC.`,
            [id],
          ),
        );
        continue;
      }
      const p = routeNextHop[r]!;
      if (p < 0) continue; // not a peering hop, or REF_UNKNOWN
      const peering = plan.peerings[p]!;
      const isRequester = peeringRequester[p] === self;
      if (!isRequester && peeringAccepter[p] !== self) {
        const id = routeId(table.id, index);
        findings.push(
          finding(
            'ROUTE_PEERING_FOREIGN',
            `Route ${id} goes to peering ${peering.id}, which connects ${peering.requester} and ${peering.accepter}, not this route table's VPC ${vpc.id}: point it at a peering of ${vpc.id}.`,
            [id],
          ),
        );
        continue;
      }
      const route = routes[index]!;
      const state = peeringState[p]!;
      if (state !== 'active' && route.enabled) {
        const id = routeId(table.id, index);
        findings.push(
          finding(
            'ROUTE_PEERING_INACTIVE',
            `Route ${id} goes to peering ${peering.id}, which is ${state}: a black hole until the peering is ${INACTIVE_REMEDY[state]}.`,
            [id],
          ),
        );
      }
      const peerPosition = isRequester ? peeringAccepter[p]! : peeringRequester[p]!;
      if (peerPosition === UNKNOWN_VPC) continue; // REF_UNKNOWN
      const peer = plan.vpcs[peerPosition]!;
      if (peer.id === vpc.id) continue; // PEERING_SELF
      const peerFrom = vpcCidrFirst[peerPosition]!;
      const peerTo = vpcCidrFirst[peerPosition + 1]!;
      if (!vpcCidrs.anyOk(peerFrom, peerTo)) continue;
      if (routeDestinations.containedIn(r, vpcCidrs, peerFrom, peerTo)) continue;
      allVpcCidrs ??= new ColumnIndex(vpcCidrs);
      // Every third VPC, named in ID order (never in the order the index meets them, which
      // follows plan order: the same plan must give the same message whatever its order).
      const thirdVpcs = new Set<string>();
      allVpcCidrs.someOverlapping(routeDestinations, r, (block) => {
        const owner = plan.vpcs[context.vpcCidrOwner[block]!]!;
        if (owner.id !== vpc.id && owner.id !== peer.id) thirdVpcs.add(owner.id);
        return false;
      });
      const id = routeId(table.id, index);
      if (thirdVpcs.size > 0) {
        const names = [...thirdVpcs].sort(BY_NAME);
        const named =
          names.length > 3
            ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`
            : names.join(', ');
        findings.push(
          finding(
            'ROUTE_TRANSITIVE',
            `Route ${id}: destination ${route.destination} is in VPC ${named}, not in the peer ${peer.id}: peering is not transitive, ${peer.id} drops this traffic. Peer ${vpc.id} with that VPC directly (or use CCN).`,
            [id],
          ),
        );
      } else {
        findings.push(
          finding(
            'ROUTE_DEST_NOT_IN_PEER',
            `Route ${id}: destination ${route.destination} is not inside the peer VPC ${peer.id} (${[peer.cidr, ...peer.secondaryCidrs].join(', ')}): a peering route must point at the peer's CIDRs; narrow the destination.`,
            [id],
          ),
        );
      }
    }
  }
  return findings;
}
