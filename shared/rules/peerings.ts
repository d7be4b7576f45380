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
import type { Cidr } from '../net/cidr';
import type { CidrColumns } from '../net/cidr-columns';
import { dayNumberOfDate, formatDayNumber } from '../plan/dates';
import type { Peering, Vpc } from '../plan/model';
import { daysBetween, isCrossAccount, isCrossRegion, PENDING_EXPIRY_DAYS } from '../plan/peering';
import { UNKNOWN_VPC } from './context';
import type { RuleContext } from './context';
import { finding } from './finding';
import type { Finding } from './finding';

function addDays(date: string, days: number): string {
  return formatDayNumber(dayNumberOfDate(date) + days);
}

export function checkPeeringEnds(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const { peerings } = context.plan;
  for (const peering of peerings) {
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
  // Duplicates: live peerings grouped by their unordered pair of VPCs (by position: a pair of
  // VPC IDs resolves to one pair of positions), keyed by one number.
  const { livePeerings, peeringRequester, peeringAccepter } = context;
  const vpcCount = context.plan.vpcs.length;
  const firstOfPair = new Map<number, number>();
  let groups: Map<number, Peering[]> | null = null;
  for (const p of livePeerings) {
    const requester = peeringRequester[p]!;
    const accepter = peeringAccepter[p]!;
    if (requester === accepter) continue;
    const key = requester < accepter ? requester * vpcCount + accepter : accepter * vpcCount + requester;
    const first = firstOfPair.get(key);
    if (first === undefined) {
      firstOfPair.set(key, p);
      continue;
    }
    groups ??= new Map();
    const group = groups.get(first);
    if (group) group.push(peerings[p]!);
    else groups.set(first, [peerings[first]!, peerings[p]!]);
  }
  if (!groups) return findings;
  for (const group of groups.values()) {
    const [a, b] = [group[0]!.requester, group[0]!.accepter].sort();
    findings.push(
      finding(
        'PEERING_DUPLICATE',
        `VPCs ${a} and ${b} have ${group.length} pending or active peerings (${group.map((p) => p.id).join(', ')}): two VPCs can have only one; keep one and delete the others.`,
        group.map((p) => p.id),
      ),
    );
  }
  return findings;
}

/** A VPC's CIDR texts, for messages. */
function cidrList(vpc: Vpc): string {
  return [vpc.cidr, ...vpc.secondaryCidrs].join(', ');
}

export function checkPeeringOverlaps(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const { plan, livePeerings, peeringRequester, peeringAccepter, vpcCidrs, vpcCidrFirst } = context;

  // Both ends of one peering.
  for (const p of livePeerings) {
    const r = peeringRequester[p]!;
    const a = peeringAccepter[p]!;
    if (r === a) continue;
    if (!vpcsOverlap(vpcCidrs, vpcCidrFirst, r, a)) continue;
    const peering = plan.peerings[p]!;
    const requester = plan.vpcs[r]!;
    const accepter = plan.vpcs[a]!;
    findings.push(
      finding(
        'PEERING_CIDR_OVERLAP',
        `Peering ${peering.id}: VPCs ${requester.id} (${cidrList(requester)}) and ${accepter.id} (${cidrList(accepter)}) overlap: the cloud refuses to peer overlapping VPCs; re-address one of them.`,
        [peering.id, requester.id, accepter.id],
      ),
    );
  }

  // Peers of one hub: the live peerings of each VPC as an adjacency list (counting sort by hub,
  // in plan order), then one overlap question over the CIDRs of every VPC peered with it.
  const degree = new Int32Array(plan.vpcs.length + 1);
  for (const p of livePeerings) {
    const r = peeringRequester[p]!;
    const a = peeringAccepter[p]!;
    if (r === a) continue;
    degree[r]!++;
    degree[a]!++;
  }
  const firstPeer = new Int32Array(plan.vpcs.length + 1);
  for (let v = 0; v < plan.vpcs.length; v++) firstPeer[v + 1] = firstPeer[v]! + degree[v]!;
  const fill = firstPeer.slice(0, plan.vpcs.length);
  const peerVpc = new Int32Array(firstPeer[plan.vpcs.length]!);
  const peerPeering = new Int32Array(peerVpc.length);
  for (const p of livePeerings) {
    const r = peeringRequester[p]!;
    const a = peeringAccepter[p]!;
    if (r === a) continue;
    peerVpc[fill[r]!] = a;
    peerPeering[fill[r]!++] = p;
    peerVpc[fill[a]!] = r;
    peerPeering[fill[a]!++] = p;
  }

  // Hubs are visited in the order they first appear as an end of a live peering.
  const visited = new Uint8Array(plan.vpcs.length);
  const hubs: number[] = [];
  for (const p of livePeerings) {
    const r = peeringRequester[p]!;
    const a = peeringAccepter[p]!;
    if (r === a) continue;
    if (!visited[r]) hubs.push(r);
    visited[r] = 1;
    if (!visited[a]) hubs.push(a);
    visited[a] = 1;
  }
  for (const hub of hubs) {
    const from = firstPeer[hub]!;
    const to = firstPeer[hub + 1]!;
    if (to - from < 2 || !peersOverlap(vpcCidrs, vpcCidrFirst, peerVpc, from, to)) continue;
    const blocks: { cidr: Cidr; owner: { peer: Vpc; peering: Peering } }[] = [];
    for (let k = from; k < to; k++) {
      const owner = { peer: plan.vpcs[peerVpc[k]!]!, peering: plan.peerings[peerPeering[k]!]! };
      const v = peerVpc[k]!;
      for (let c = vpcCidrFirst[v]!; c < vpcCidrFirst[v + 1]!; c++) {
        if (vpcCidrs.ok(c)) blocks.push({ cidr: vpcCidrs.cidr(c), owner });
      }
    }
    const hubVpc = plan.vpcs[hub]!;
    // One finding per pair of VPCs, however many of their CIDRs overlap.
    const reported = new Set<string>();
    for (const [a, b] of findOverlappingPairs(blocks)) {
      // The same VPC twice (a duplicate peering) is PEERING_DUPLICATE's business, not an overlap.
      if (a.owner.peer.id === b.owner.peer.id) continue;
      const [x, y] = a.owner.peer.id < b.owner.peer.id ? [a, b] : [b, a];
      const key = `${x.owner.peer.id}\u0000${y.owner.peer.id}`;
      if (reported.has(key)) continue;
      reported.add(key);
      findings.push(
        finding(
          'PEERS_OVERLAP',
          `VPCs ${x.owner.peer.id} (${formatCidr(x.cidr)}) and ${y.owner.peer.id} (${formatCidr(y.cidr)}) overlap and are both peered with VPC ${hubVpc.id} (${x.owner.peering.id}, ${y.owner.peering.id}): the peers of one VPC must not overlap; re-address one of them.`,
          [x.owner.peer.id, y.owner.peer.id, x.owner.peering.id, y.owner.peering.id, hubVpc.id],
        ),
      );
    }
  }
  return findings;
}

/** Whether any ok CIDR of VPC `a` overlaps any ok CIDR of VPC `b` (a handful each: compared directly). */
function vpcsOverlap(cidrs: CidrColumns, first: Int32Array, a: number, b: number): boolean {
  const bFrom = first[b]!;
  const bTo = first[b + 1]!;
  for (let c = first[a]!; c < first[a + 1]!; c++) {
    if (cidrs.ok(c) && cidrs.overlapsAnyOf(c, cidrs, bFrom, bTo)) return true;
  }
  return false;
}

/**
 * Whether the CIDRs of two different peers (`peerVpc[from]` … `peerVpc[to - 1]`) overlap. Most
 * hubs have a handful of disjoint peers, which are compared directly without allocating; a hub
 * with many peers goes through the sorted sweep. The same VPC listed twice (a duplicate
 * peering) may "overlap" itself here: the exact pass after this filters it out.
 */
function peersOverlap(
  cidrs: CidrColumns,
  first: Int32Array,
  peerVpc: Int32Array,
  from: number,
  to: number,
): boolean {
  if (to - from > 8) {
    const blocks: Cidr[] = [];
    for (let k = from; k < to; k++) {
      const v = peerVpc[k]!;
      for (let c = first[v]!; c < first[v + 1]!; c++) if (cidrs.ok(c)) blocks.push(cidrs.cidr(c));
    }
    return hasOverlap(blocks);
  }
  for (let k = from; k < to; k++) {
    for (let l = k + 1; l < to; l++) if (vpcsOverlap(cidrs, first, peerVpc[k]!, peerVpc[l]!)) return true;
  }
  return false;
}

export function checkPeeringBandwidth(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const { plan, livePeerings, peeringRequester, peeringAccepter } = context;
  for (const p of livePeerings) {
    const peering = plan.peerings[p]!;
    const requester = plan.vpcs[peeringRequester[p]!]!;
    const accepter = plan.vpcs[peeringAccepter[p]!]!;
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
  const { plan, accountById, peeringState, peeringRequester, peeringAccepter } = context;
  const findings: Finding[] = [];
  for (let p = 0; p < plan.peerings.length; p++) {
    const peering = plan.peerings[p]!;
    const state = peeringState[p]!;
    const requester = peeringRequester[p] === UNKNOWN_VPC ? undefined : plan.vpcs[peeringRequester[p]!];
    const accepter = peeringAccepter[p] === UNKNOWN_VPC ? undefined : plan.vpcs[peeringAccepter[p]!];
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
          `Peering ${peering.id} crosses regions (${ends.requester.region} to ${ends.accepter.region}): Tencent Cloud stopped creating cross-region peerings on 2022-06-30 and carrying their traffic on 2023-10-31. Migrate it to a Cloud Connect Network (CCN): attach both VPCs to a CCN, switch each side's route from the peering to the CCN route, then delete the peering's routes and the peering (the app's migration, or \`peerplan migrate PLAN.json --peering ${peering.id}\`, proposes the CCN and the steps).`,
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
  const { plan, routeTables, routeTableVpc, routeFirst, routeNextHop } = context;
  const routedEnds = new Uint8Array(plan.peerings.length);
  for (let t = 0; t < routeTables.length; t++) {
    const { routes } = routeTables[t]!;
    const vpcId = plan.vpcs[routeTableVpc[t]!]!.id;
    const first = routeFirst[t]!;
    for (let i = 0; i < routes.length; i++) {
      const p = routeNextHop[first + i]!;
      if (p < 0 || !routes[i]!.enabled) continue;
      const peering = plan.peerings[p]!;
      routedEnds[p] =
        routedEnds[p]! | (peering.requester === vpcId ? 1 : 0) | (peering.accepter === vpcId ? 2 : 0);
    }
  }
  const findings: Finding[] = [];
  const { livePeerings, peeringRequester, peeringAccepter, peeringState } = context;
  for (const p of livePeerings) {
    const requester = plan.vpcs[peeringRequester[p]!]!;
    const accepter = plan.vpcs[peeringAccepter[p]!]!;
    if (requester.id === accepter.id || peeringState[p] !== 'active') continue;
    const routed = routedEnds[p]!;
    if (routed === 3) continue;
    const peering = plan.peerings[p]!;
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
