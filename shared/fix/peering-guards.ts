/**
 * The conditions of the peering rules that a fix must not break (rules.md: PEERING_CIDR_OVERLAP,
 * PEERS_OVERLAP, PEERING_DUPLICATE, the peerings-per-VPC quota), checked before a fix that makes
 * a peering live or sends traffic over one is offered.
 */
import type { Peering, Plan, Vpc } from '../plan/model';
import type { Cidr } from '../net/cidr';
import { cidrOverlaps } from '../net/cidr';
import { isLivePeering } from '../plan/peering';
import { vpcBlocks } from '../routing/forwarding';

/** Per plan value: VPCs and peerings by ID, each VPC's blocks and live peerings. */
interface PeeringIndex {
  readonly vpcs: ReadonlyMap<string, Vpc>;
  readonly peerings: ReadonlyMap<string, Peering>;
  readonly live: ReadonlyMap<string, readonly { peering: Peering; peer: Vpc }[]>;
  readonly blocks: Map<Vpc, Cidr[]>;
}

const indexes = new WeakMap<Plan, PeeringIndex>();

function indexOf(plan: Plan): PeeringIndex {
  let index = indexes.get(plan);
  if (index) return index;
  const vpcs = new Map<string, Vpc>();
  for (const vpc of plan.vpcs) if (!vpcs.has(vpc.id)) vpcs.set(vpc.id, vpc);
  const peerings = new Map<string, Peering>();
  const live = new Map<string, { peering: Peering; peer: Vpc }[]>();
  const link = (from: string, peering: Peering, peer: Vpc | undefined): void => {
    if (!peer) return;
    const list = live.get(from);
    if (list) list.push({ peering, peer });
    else live.set(from, [{ peering, peer }]);
  };
  for (const peering of plan.peerings) {
    if (!peerings.has(peering.id)) peerings.set(peering.id, peering);
    if (!isLivePeering(peering, plan.asOf)) continue;
    link(peering.requester, peering, vpcs.get(peering.accepter));
    if (peering.accepter !== peering.requester) link(peering.accepter, peering, vpcs.get(peering.requester));
  }
  index = { vpcs, peerings, live, blocks: new Map() };
  indexes.set(plan, index);
  return index;
}

function blocksOf(index: PeeringIndex, vpc: Vpc): Cidr[] {
  let blocks = index.blocks.get(vpc);
  if (!blocks) {
    blocks = vpcBlocks(vpc);
    index.blocks.set(vpc, blocks);
  }
  return blocks;
}

function overlapsIn(index: PeeringIndex, a: Vpc, b: Vpc): boolean {
  const blocksOfB = blocksOf(index, b);
  return blocksOf(index, a).some((x) => blocksOfB.some((y) => cidrOverlaps(x, y)));
}

export function overlapping(plan: Plan, a: Vpc, b: Vpc): boolean {
  return overlapsIn(indexOf(plan), a, b);
}

/** The VPC with this ID (the first one when the ID is taken twice). */
export function vpcWithId(plan: Plan, id: string): Vpc | undefined {
  return indexOf(plan).vpcs.get(id);
}

/** The peering with this ID (the first one when the ID is taken twice). */
export function peeringWithId(plan: Plan, id: string): Peering | undefined {
  return indexOf(plan).peerings.get(id);
}

/** The live peerings of a VPC with the VPC at their other end, `except` left out. */
function liveOf(index: PeeringIndex, vpcId: string, except?: string): { peering: Peering; peer: Vpc }[] {
  return (index.live.get(vpcId) ?? []).filter((link) => link.peering.id !== except);
}

/**
 * Whether a live peering between `a` and `b` would pass the peering rules: not the same VPC, no
 * other live peering of the pair, no overlap between them or with the other's peers, room in
 * both quotas. `except` is a peering that is being made live again (it does not count itself).
 */
export function canPeer(plan: Plan, a: Vpc, b: Vpc, except?: string): boolean {
  const index = indexOf(plan);
  if (a.id === b.id || overlapsIn(index, a, b)) return false;
  const ofA = liveOf(index, a.id, except);
  const ofB = liveOf(index, b.id, except);
  if (ofA.some((link) => link.peer.id === b.id)) return false; // a second live peering of the pair
  if (ofA.some((link) => overlapsIn(index, link.peer, b))) return false;
  if (ofB.some((link) => overlapsIn(index, link.peer, a))) return false;
  return ofA.length < a.peeringQuota && ofB.length < b.peeringQuota;
}

/**
 * Whether the two ends of a peering overlap each other or a live peer of the other end: routes
 * over such a peering cannot work (the local route or the other peer takes the traffic), so no
 * route is suggested as a fix before the overlap itself is fixed.
 */
export function peeringEndsOverlap(plan: Plan, peering: Peering): boolean {
  const index = indexOf(plan);
  const a = index.vpcs.get(peering.requester);
  const b = index.vpcs.get(peering.accepter);
  if (!a || !b) return true;
  if (overlapsIn(index, a, b)) return true;
  if (liveOf(index, a.id, peering.id).some(({ peer }) => peer.id !== b.id && overlapsIn(index, peer, b)))
    return true;
  return liveOf(index, b.id, peering.id).some(({ peer }) => peer.id !== a.id && overlapsIn(index, peer, a));
}

/** How many live peerings join the two ends of `peering` (itself included when it is live). */
export function livePeeringsOfPair(plan: Plan, peering: Peering): number {
  const index = indexOf(plan);
  const other = peering.requester === peering.accepter ? null : peering.accepter;
  return (index.live.get(peering.requester) ?? []).filter((link) => link.peer.id === other).length;
}
