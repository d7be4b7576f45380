/**
 * The conditions of the peering rules that a fix must not break (rules.md: PEERING_CIDR_OVERLAP,
 * PEERS_OVERLAP, PEERING_DUPLICATE, the peerings-per-VPC quota), checked before a fix that makes
 * a peering live or sends traffic over one is offered.
 */
import type { Peering, Plan, Vpc } from '../plan/model';
import { cidrOverlaps } from '../net/cidr';
import { isLivePeering } from '../plan/peering';
import { vpcBlocks } from '../routing/forwarding';

const peeringById = (plan: Plan, id: string): Peering | undefined => plan.peerings.find((p) => p.id === id);
const vpcById = (plan: Plan, id: string): Vpc | undefined => plan.vpcs.find((v) => v.id === id);

function liveCount(plan: Plan, vpcId: string): number {
  let count = 0;
  for (const p of plan.peerings)
    if ((p.requester === vpcId || p.accepter === vpcId) && isLivePeering(p, plan.asOf)) count++;
  return count;
}

export const overlapping = (a: Vpc, b: Vpc): boolean =>
  vpcBlocks(a).some((x) => vpcBlocks(b).some((y) => cidrOverlaps(x, y)));

/** The VPCs at the other end of `vpc`'s live peerings. */
export function livePeersOf(plan: Plan, vpc: Vpc, except?: string): Vpc[] {
  const peers: Vpc[] = [];
  for (const p of plan.peerings) {
    if (p.id === except || !isLivePeering(p, plan.asOf)) continue;
    const other = p.requester === vpc.id ? p.accepter : p.accepter === vpc.id ? p.requester : null;
    const peer = other === null ? undefined : vpcById(plan, other);
    if (peer) peers.push(peer);
  }
  return peers;
}

/**
 * Whether a live peering between `a` and `b` would pass the peering rules: not the same VPC, no
 * other live peering of the pair, no overlap between them or with the other's peers, room in
 * both quotas. `except` is a peering that is being made live again (it does not count itself).
 */
export function canPeer(plan: Plan, a: Vpc, b: Vpc, except?: string): boolean {
  if (a.id === b.id || overlapping(a, b)) return false;
  for (const p of plan.peerings) {
    if (p.id === except || !isLivePeering(p, plan.asOf)) continue;
    if ((p.requester === a.id && p.accepter === b.id) || (p.requester === b.id && p.accepter === a.id))
      return false;
  }
  if (livePeersOf(plan, a, except).some((peer) => overlapping(peer, b))) return false;
  if (livePeersOf(plan, b, except).some((peer) => overlapping(peer, a))) return false;
  const selfCounts = (id: string): number => {
    const p = except ? peeringById(plan, except) : undefined;
    return p && isLivePeering(p, plan.asOf) && (p.requester === id || p.accepter === id) ? 1 : 0;
  };
  return (
    liveCount(plan, a.id) - selfCounts(a.id) < a.peeringQuota &&
    liveCount(plan, b.id) - selfCounts(b.id) < b.peeringQuota
  );
}

/**
 * Whether the two ends of a peering overlap each other or a live peer of the other end: routes
 * over such a peering cannot work (the local route or the other peer takes the traffic), so no
 * route is suggested as a fix before the overlap itself is fixed.
 */
export function peeringEndsOverlap(plan: Plan, peering: Peering): boolean {
  const a = vpcById(plan, peering.requester);
  const b = vpcById(plan, peering.accepter);
  if (!a || !b) return true;
  if (overlapping(a, b)) return true;
  if (livePeersOf(plan, a, peering.id).some((peer) => peer.id !== b.id && overlapping(peer, b))) return true;
  return livePeersOf(plan, b, peering.id).some((peer) => peer.id !== a.id && overlapping(peer, a));
}
