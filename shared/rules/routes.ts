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
import { containedInAny } from '../net/cidr';
import type { Vpc } from '../plan/model';
import { routeId } from '../plan/model';
import { CidrIndex } from './cidr-index';
import type { RuleContext } from './context';
import { finding } from './finding';
import type { Finding } from './finding';

export function checkRouteDuplicates(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  // One map, cleared per table: the index of the first route of each destination. A block's key
  // is start × 64 + prefix (exact in a double, unique per block); a destination that does not
  // parse is keyed by its text. Groups are only built once a duplicate shows up.
  const firstOf = new Map<string | number, number>();
  for (const { table, destinations } of context.routeTables) {
    const { routes } = table;
    if (routes.length < 2) continue;
    firstOf.clear();
    let groups: Map<number, number[]> | null = null;
    for (let i = 0; i < routes.length; i++) {
      const result = destinations[i]!;
      const key = result.ok ? result.cidr.start * 64 + result.cidr.prefix : `text:${routes[i]!.destination}`;
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
  // Every VPC CIDR of the plan, for the "third VPC" lookup of ROUTE_TRANSITIVE.
  let allVpcCidrs: CidrIndex<Vpc> | null = null;
  const vpcCidrIndex = (): CidrIndex<Vpc> => {
    if (!allVpcCidrs) {
      const blocks = [];
      for (const { vpc, cidrs } of context.vpcs.values())
        for (const cidr of cidrs) blocks.push({ cidr, owner: vpc });
      allVpcCidrs = new CidrIndex(blocks);
    }
    return allVpcCidrs;
  };

  for (const { table, vpc, destinations, nextHopPeerings } of context.routeTables) {
    const ownCidrs = context.vpcs.get(vpc)!.cidrs;
    const { routes } = table;
    for (let index = 0; index < routes.length; index++) {
      const route = routes[index]!;
      const parsed = destinations[index]!;
      if (!parsed.ok) continue; // CIDR_INVALID / CIDR_HOST_BITS
      const destination = parsed.cidr;
      if (containedInAny(destination, ownCidrs)) {
        findings.push(
          finding(
            'ROUTE_DEST_IN_VPC',
            `Route ${routeId(table.id, index)}: destination ${route.destination} lies inside VPC ${vpc.id}'s own CIDRs, which the local route already covers (the cloud refuses it): remove it or point it at addresses outside the VPC.`,
            [routeId(table.id, index)],
          ),
        );
        continue;
      }
      const peering = nextHopPeerings[index];
      if (!peering) continue; // not a peering hop, or REF_UNKNOWN
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
      const ends = context.peeringEnds.get(peering)!;
      const state = ends.state;
      if (route.enabled && state !== 'active') {
        findings.push(
          finding(
            'ROUTE_PEERING_INACTIVE',
            `Route ${routeId(table.id, index)} goes to peering ${peering.id}, which is ${state}: a black hole until the peering is ${state === 'pending' ? 'accepted' : 're-enabled or replaced'}.`,
            [routeId(table.id, index)],
          ),
        );
      }
      const peerIndex = peering.requester === vpc.id ? ends.accepter : ends.requester;
      if (!peerIndex || peerIndex.vpc.id === vpc.id) continue; // REF_UNKNOWN or PEERING_SELF
      const peer = peerIndex.vpc;
      const peerCidrs = peerIndex.cidrs;
      if (peerCidrs.length === 0 || containedInAny(destination, peerCidrs)) continue;
      const thirdVpcs = new Set<string>();
      vpcCidrIndex().someOverlapping(destination, ({ owner }) => {
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
