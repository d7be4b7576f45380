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
import { routeId } from '../plan/model';
import { ColumnIndex } from './cidr-index';
import { UNKNOWN_VPC } from './context';
import type { RuleContext } from './context';
import { finding } from './finding';
import type { Finding } from './finding';

export function checkRouteDuplicates(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  // One map, cleared per table: the position of the first route of each destination. A block's
  // key is start × 64 + prefix (exact in a double, unique per block); a destination that does not
  // parse is keyed by its text. Groups are only built once a duplicate shows up.
  const firstOf = new Map<string | number, number>();
  const { routeTables, routeFirst, routeDestinations } = context;
  const { start, prefix } = routeDestinations;
  for (let t = 0; t < routeTables.length; t++) {
    const table = routeTables[t]!;
    const { routes } = table;
    if (routes.length < 2) continue;
    const base = routeFirst[t]!;
    firstOf.clear();
    let groups: Map<number, number[]> | null = null;
    for (let i = 0; i < routes.length; i++) {
      const r = base + i;
      const key = routeDestinations.ok(r) ? start[r]! * 64 + prefix[r]! : `text:${routes[i]!.destination}`;
      const first = firstOf.get(key);
      if (first === undefined) {
        firstOf.set(key, i);
        continue;
      }
      groups ??= new Map();
      const group = groups.get(first);
      if (group) group.push(i);
      else groups.set(first, [first, i]);
    }
    if (!groups) continue;
    for (const indices of groups.values()) {
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
    const { routes } = table;
    const base = routeFirst[t]!;
    for (let index = 0; index < routes.length; index++) {
      const r = base + index;
      if (!routeDestinations.ok(r)) continue; // CIDR_INVALID / CIDR_HOST_BITS
      if (routeDestinations.containedIn(r, vpcCidrs, vpcCidrFirst[v]!, vpcCidrFirst[v + 1]!)) {
        const route = routes[index]!;
        findings.push(
          finding(
            'ROUTE_DEST_IN_VPC',
            `Route ${routeId(table.id, index)}: destination ${route.destination} lies inside VPC ${vpc.id}'s own CIDRs, which the local route already covers (the cloud refuses it): remove it or point it at addresses outside the VPC.`,
            [routeId(table.id, index)],
          ),
        );
        continue;
      }
      const p = routeNextHop[r]!;
      if (p < 0) continue; // not a peering hop, or REF_UNKNOWN
      const peering = plan.peerings[p]!;
      if (peering.requester !== vpc.id && peering.accepter !== vpc.id) {
        findings.push(
          finding(
            'ROUTE_PEERING_FOREIGN',
            `Route ${routeId(table.id, index)} goes to peering ${peering.id}, which connects ${peering.requester} and ${peering.accepter}, not this route table's VPC ${vpc.id}: point it at a peering of ${vpc.id}.`,
            [routeId(table.id, index)],
          ),
        );
        continue;
      }
      const route = routes[index]!;
      const state = peeringState[p]!;
      if (route.enabled && state !== 'active') {
        findings.push(
          finding(
            'ROUTE_PEERING_INACTIVE',
            `Route ${routeId(table.id, index)} goes to peering ${peering.id}, which is ${state}: a black hole until the peering is ${state === 'pending' ? 'accepted' : 're-enabled or replaced'}.`,
            [routeId(table.id, index)],
          ),
        );
      }
      const peerPosition = peering.requester === vpc.id ? peeringAccepter[p]! : peeringRequester[p]!;
      if (peerPosition === UNKNOWN_VPC) continue; // REF_UNKNOWN
      const peer = plan.vpcs[peerPosition]!;
      if (peer.id === vpc.id) continue; // PEERING_SELF
      const peerFrom = vpcCidrFirst[peerPosition]!;
      const peerTo = vpcCidrFirst[peerPosition + 1]!;
      if (!vpcCidrs.anyOk(peerFrom, peerTo)) continue;
      if (routeDestinations.containedIn(r, vpcCidrs, peerFrom, peerTo)) continue;
      allVpcCidrs ??= new ColumnIndex(vpcCidrs);
      const thirdVpcs = new Set<string>();
      allVpcCidrs.someOverlapping(routeDestinations, r, (block) => {
        const owner = plan.vpcs[context.vpcCidrOwner[block]!]!;
        if (owner.id !== vpc.id && owner.id !== peer.id) thirdVpcs.add(owner.id);
        return thirdVpcs.size >= 3; // enough to name in a message
      });
      if (thirdVpcs.size > 0) {
        findings.push(
          finding(
            'ROUTE_TRANSITIVE',
            `Route ${routeId(table.id, index)}: destination ${route.destination} is in VPC ${[...thirdVpcs].join(', ')}, not in the peer ${peer.id}: peering is not transitive, ${peer.id} drops this traffic. Peer ${vpc.id} with that VPC directly (or use CCN).`,
            [routeId(table.id, index)],
          ),
        );
      } else {
        findings.push(
          finding(
            'ROUTE_DEST_NOT_IN_PEER',
            `Route ${routeId(table.id, index)}: destination ${route.destination} is not inside the peer VPC ${peer.id} (${[peer.cidr, ...peer.secondaryCidrs].join(', ')}): a peering route must point at the peer's CIDRs; narrow the destination.`,
            [routeId(table.id, index)],
          ),
        );
      }
    }
  }
  return findings;
}
