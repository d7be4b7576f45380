/**
 * Peerings: PEERING_SELF, PEERING_DUPLICATE, PEERING_CIDR_OVERLAP, PEERS_OVERLAP, the bandwidth
 * rules, the state rules and PEERING_CROSS_REGION_LEGACY.
 *
 * Interpretations (where rules.md is silent):
 * - Overlap, duplicate and bandwidth rules look at live peerings (pending or active on `asOf`):
 *   an expired or rejected peering carries nothing and holds no place.
 * - PEERING_CROSS_REGION_LEGACY applies to every cross-region peering, whatever its state.
 * - PEERING_NO_ROUTES counts enabled routes only: a disabled route carries no traffic.
 * - PEERING_SAME_ACCOUNT_PENDING looks at the state written in the file; such a peering may
 *   also be reported PEERING_EXPIRED when its request is 7+ days old.
 */
import { PEERING_BANDWIDTH } from '../catalog/quotas';
import { findOverlappingPairs, formatCidr, hasOverlap } from '../net/cidr';
import { anyOverlap } from './cidr-index';
import type { Cidr } from '../net/cidr';
import type { Peering, Vpc } from '../plan/model';
import { daysBetween, isCrossAccount, isCrossRegion, PENDING_EXPIRY_DAYS } from '../plan/peering';
import type { RuleContext } from './context';
import { finding } from './finding';
import type { Finding } from './finding';

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function checkPeeringEnds(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const peering of context.plan.peerings) {
    if (peering.requester === peering.accepter) {
      findings.push(
        finding(
          'PEERING_SELF',
          `Peering ${peering.id} connects VPC ${peering.requester} to itself: a peering joins two different VPCs; fix its requester or accepter.`,
          [peering.id, peering.requester],
        ),
      );
    }
  }
  // Duplicates: live peerings grouped by their unordered pair of VPCs.
  const byPair = new Map<string, Peering[]>();
  for (const { peering } of context.livePeerings) {
    if (peering.requester === peering.accepter) continue;
    const { requester, accepter } = peering;
    const key = requester < accepter ? `${requester}\u0000${accepter}` : `${accepter}\u0000${requester}`;
    let list = byPair.get(key);
    if (!list) byPair.set(key, (list = []));
    list.push(peering);
  }
  for (const peerings of byPair.values()) {
    if (peerings.length < 2) continue;
    const [a, b] = [peerings[0]!.requester, peerings[0]!.accepter].sort();
    findings.push(
      finding(
        'PEERING_DUPLICATE',
        `VPCs ${a} and ${b} have ${peerings.length} pending or active peerings (${peerings.map((p) => p.id).join(', ')}): two VPCs can have only one; keep one and delete the others.`,
        peerings.map((p) => p.id),
      ),
    );
  }
  return findings;
}

export function checkPeeringOverlaps(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const cidrsOf = (vpc: Vpc): readonly Cidr[] => context.vpcs.get(vpc)!.cidrs;

  // Both ends of one peering.
  for (const { peering, requester, accepter } of context.livePeerings) {
    if (requester === accepter || requester.id === accepter.id) continue;
    if (anyOverlap(cidrsOf(requester), cidrsOf(accepter))) {
      findings.push(
        finding(
          'PEERING_CIDR_OVERLAP',
          `Peering ${peering.id}: VPCs ${requester.id} (${[requester.cidr, ...requester.secondaryCidrs].join(', ')}) and ${accepter.id} (${[accepter.cidr, ...accepter.secondaryCidrs].join(', ')}) overlap: the cloud refuses to peer overlapping VPCs; re-address one of them.`,
          [peering.id, requester.id, accepter.id],
        ),
      );
    }
  }

  // Peers of one hub: a sweep over the CIDRs of every VPC peered with it.
  const peersOfHub = new Map<Vpc, { peer: Vpc; peering: Peering }[]>();
  const addPeer = (hub: Vpc, peer: Vpc, peering: Peering) => {
    let list = peersOfHub.get(hub);
    if (!list) peersOfHub.set(hub, (list = []));
    list.push({ peer, peering });
  };
  for (const { peering, requester, accepter } of context.livePeerings) {
    if (requester.id === accepter.id) continue;
    addPeer(requester, accepter, peering);
    addPeer(accepter, requester, peering);
  }
  // One scratch list of CIDRs for every hub: most hubs have a handful of disjoint peers, and
  // settling them should allocate nothing.
  const hubCidrs: Cidr[] = [];
  for (const [hub, peers] of peersOfHub) {
    if (peers.length < 2) continue;
    hubCidrs.length = 0;
    for (const entry of peers) for (const cidr of cidrsOf(entry.peer)) hubCidrs.push(cidr);
    // Most hubs have disjoint peers: a check that stops at the first overlap settles them, and
    // only a hub with an overlap pays for the list of pairs.
    if (!anyOverlapWithin(hubCidrs)) continue;
    const blocks: { cidr: Cidr; owner: { peer: Vpc; peering: Peering } }[] = [];
    for (const entry of peers) for (const cidr of cidrsOf(entry.peer)) blocks.push({ cidr, owner: entry });
    const pairs = findOverlappingPairs(blocks);
    // One finding per pair of VPCs, however many of their CIDRs overlap.
    const reported = new Set<string>();
    for (const [a, b] of pairs) {
      // The same VPC twice (a duplicate peering) is PEERING_DUPLICATE's business, not an overlap.
      if (a.owner.peer.id === b.owner.peer.id) continue;
      const [x, y] = a.owner.peer.id < b.owner.peer.id ? [a, b] : [b, a];
      const key = `${x.owner.peer.id}\u0000${y.owner.peer.id}`;
      if (reported.has(key)) continue;
      reported.add(key);
      findings.push(
        finding(
          'PEERS_OVERLAP',
          `VPCs ${x.owner.peer.id} (${formatCidr(x.cidr)}) and ${y.owner.peer.id} (${formatCidr(y.cidr)}) overlap and are both peered with VPC ${hub.id} (${x.owner.peering.id}, ${y.owner.peering.id}): the peers of one VPC must not overlap; re-address one of them.`,
          [x.owner.peer.id, y.owner.peer.id, x.owner.peering.id, y.owner.peering.id, hub.id],
        ),
      );
    }
  }
  return findings;
}

/**
 * Whether two of `blocks` overlap. A few blocks (the peers of
 * one hub) are compared directly, which is cheaper than sorting them; more go through the sweep.
 */
function anyOverlapWithin(blocks: Cidr[]): boolean {
  if (blocks.length > 8) return hasOverlap(blocks);
  for (let i = 0; i < blocks.length; i++) {
    const a = blocks[i]!;
    for (let j = i + 1; j < blocks.length; j++) {
      const b = blocks[j]!;
      if (a.start <= b.end && b.start <= a.end) return true;
    }
  }
  return false;
}

export function checkPeeringBandwidth(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { peering, requester, accepter } of context.livePeerings) {
    if (requester.id === accepter.id) continue;
    if (isCrossRegion(requester, accepter)) {
      if (peering.bandwidthMbps === undefined) {
        findings.push(
          finding(
            'PEERING_BANDWIDTH_REQUIRED',
            `Peering ${peering.id} crosses regions (${requester.region} to ${accepter.region}) but has no bandwidthMbps: set its bandwidth cap (at most ${peering.bandwidthQuotaMbps} Mbps without a ticket).`,
            [peering.id],
          ),
        );
      } else if (peering.bandwidthMbps > peering.bandwidthQuotaMbps) {
        findings.push(
          finding(
            'PEERING_BANDWIDTH_LIMIT',
            `Peering ${peering.id}: bandwidthMbps ${peering.bandwidthMbps} is above the quota of ${peering.bandwidthQuotaMbps} Mbps: lower the cap, or raise the quota with a ticket and enter it as bandwidthQuotaMbps.`,
            [peering.id],
          ),
        );
      }
    } else if (peering.bandwidthMbps !== undefined) {
      findings.push(
        finding(
          'PEERING_BANDWIDTH_IGNORED',
          `Peering ${peering.id} is regional (${requester.region}): its bandwidthMbps ${peering.bandwidthMbps} is ignored, regional peering has no cap to set (free up to ${PEERING_BANDWIDTH.regionalFreeMbps / 1000} Gbps; a ticket beyond). Remove it.`,
          [peering.id],
        ),
      );
    }
  }
  return findings;
}

export function checkPeeringStates(context: RuleContext): Finding[] {
  const { plan, vpcById, accountById } = context;
  const findings: Finding[] = [];
  for (const peering of plan.peerings) {
    const state = context.peeringState.get(peering)!;
    const requester = vpcById.get(peering.requester);
    const accepter = vpcById.get(peering.accepter);
    const ends = requester && accepter && requester.id !== accepter.id ? { requester, accepter } : null;

    if (state === 'expired') {
      const why =
        peering.state === 'expired'
          ? 'it is marked expired'
          : `its request of ${peering.requestedAt} was not accepted within ${PENDING_EXPIRY_DAYS} days (${daysBetween(peering.requestedAt!, plan.asOf)} days before ${plan.asOf})`;
      findings.push(
        finding(
          'PEERING_EXPIRED',
          `Peering ${peering.id} has expired: ${why}. Nothing flows over it; send a new request or delete it.`,
          [peering.id],
        ),
      );
    }
    if (!ends) continue;
    const crossAccount = isCrossAccount(ends.requester, ends.accepter);
    if (state === 'pending' && crossAccount) {
      const expiry = peering.requestedAt
        ? ` It expires on ${addDays(peering.requestedAt, PENDING_EXPIRY_DAYS)}, ${PENDING_EXPIRY_DAYS} days after the request of ${peering.requestedAt}.`
        : ` It expires ${PENDING_EXPIRY_DAYS} days after the request.`;
      findings.push(
        finding(
          'PEERING_PENDING',
          `Peering ${peering.id} waits for account ${ends.accepter.account} to accept it.${expiry} Ask the peer to accept it in time.`,
          [peering.id],
        ),
      );
    }
    if (peering.state === 'pending' && !crossAccount) {
      findings.push(
        finding(
          'PEERING_SAME_ACCOUNT_PENDING',
          `Peering ${peering.id} is pending but both VPCs belong to account ${ends.requester.account}: a peering within one account is active at once. Mark it active.`,
          [peering.id],
        ),
      );
    }
    if (crossAccount && (state === 'pending' || state === 'active')) {
      const account = accountById.get(ends.requester.account);
      if (account && !account.trusted) {
        findings.push(
          finding(
            'PEERING_UNTRUSTED_ACCOUNT',
            `Peering ${peering.id} is requested from account ${account.id} (${account.name}), which is not trusted: do not accept requests from unknown accounts; verify the account and mark it trusted, or reject the request.`,
            [peering.id, account.id],
          ),
        );
      }
    }
    if (isCrossRegion(ends.requester, ends.accepter)) {
      findings.push(
        finding(
          'PEERING_CROSS_REGION_LEGACY',
          `Peering ${peering.id} crosses regions (${ends.requester.region} to ${ends.accepter.region}): Tencent Cloud stopped creating cross-region peerings on 2022-06-30 and carrying their traffic on 2023-10-31. Use Cloud Connect Network (CCN) instead.`,
          [peering.id],
        ),
      );
    }
  }
  return findings;
}

export function checkPeeringRoutes(context: RuleContext): Finding[] {
  // For each peering, which of its ends has an enabled route pointing at it (bit 1: requester,
  // bit 2: accepter). One pass over the routes, with the next hops resolved by the index.
  const routedEnds = new Map<Peering, number>();
  for (const { table, vpc, nextHopPeerings } of context.routeTables) {
    const { routes } = table;
    for (let i = 0; i < routes.length; i++) {
      const peering = nextHopPeerings[i];
      if (!peering || !routes[i]!.enabled) continue;
      const bit = (peering.requester === vpc.id ? 1 : 0) | (peering.accepter === vpc.id ? 2 : 0);
      if (bit !== 0) routedEnds.set(peering, (routedEnds.get(peering) ?? 0) | bit);
    }
  }
  const findings: Finding[] = [];
  for (const { peering, requester, accepter } of context.livePeerings) {
    if (requester.id === accepter.id || context.peeringState.get(peering) !== 'active') continue;
    const routed = routedEnds.get(peering) ?? 0;
    if (routed === 3) continue;
    const missing = [requester, accepter].filter((_, side) => (routed & (side + 1)) === 0);
    const sides =
      missing.length === 2
        ? `neither ${requester.id} nor ${accepter.id} has a route`
        : `${missing[0]!.id} has no route`;
    findings.push(
      finding(
        'PEERING_NO_ROUTES',
        `Peering ${peering.id} is active but ${sides} pointing at it: no traffic can flow. Add routes to the peer VPC's CIDR on both sides (peerplan routes --suggest).`,
        [peering.id, ...missing.map((v) => v.id)],
      ),
    );
  }
  return findings;
}
