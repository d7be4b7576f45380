/**
 * Quick fixes (architecture example 14, VS Code's code actions): a finding that has a mechanical
 * fix maps to labelled edits through this one function, so the Findings list, the Routes view,
 * the inspectors and the tests offer the same fixes. Each fix is one edit (a batch when it takes
 * several), applied by the editor as one undoable step.
 *
 * A fix is offered only where applying it removes its finding without creating an error: the
 * guards below (no overlap, no duplicate peering, room in the quota, a destination inside the
 * peer) are the conditions the rules would otherwise flag. test/shared/quick-fix.test.ts checks
 * that claim for every fix on plans that trigger each finding.
 */
import type { Edit } from '../edit/operations';
import { applyEdit, EditError, findRouteTableOwner } from '../edit/operations';
import { proposeSubnetCidr, proposeVpcCidr } from '../edit/propose';
import { acceptPeering, createPeering } from '../edit/workflow';
import type { Cidr } from '../net/cidr';
import { cidrContains, cidrOverlaps, formatCidr, tryParseCidr } from '../net/cidr';
import type { Plan, Route, RouteTable, Vpc } from '../plan/model';
import { nameWithId } from '../plan/object-names';
import { effectivePeeringState, isCrossAccount, isLivePeering } from '../plan/peering';
import { vpcBlocks } from '../routing/forwarding';
import type { Finding } from '../rules/finding';
import {
  addRoutesFix,
  hasBlockedRoutes,
  missingRoutesOfPeering,
  suggestionsOfPeering,
} from './missing-routes';
import { canPeer, peeringWithId, vpcWithId } from './peering-guards';
import type { QuickFix } from './quick-fix-types';

export type { QuickFix } from './quick-fix-types';
export { missingRoutesOfPeering, missingRoutesOfPlan } from './missing-routes';

/** The quick fixes of a finding on this plan, best first; empty when none is mechanical. */
export function quickFixes(finding: Finding, plan: Plan): QuickFix[] {
  try {
    return fixesOf(finding, plan).filter((fix): fix is QuickFix => fix !== null);
  } catch (error) {
    // A finding about a broken reference can name what is not there: no fix, never a crash.
    if (error instanceof EditError) return [];
    throw error;
  }
}

function fixesOf(finding: Finding, plan: Plan): (QuickFix | null)[] {
  const [first, second] = finding.subjects;
  switch (finding.code) {
    case 'PEERING_NO_ROUTES':
      return first === undefined ? [] : [missingRoutesOfPeering(plan, first)];
    case 'ROUTE_RETURN_MISSING':
      return [returnRouteFix(plan, finding.subjects)];
    case 'ROUTE_TRANSITIVE':
      return first === undefined ? [] : transitiveRouteFixes(plan, first);
    case 'ROUTE_PEERING_INACTIVE':
      return first === undefined ? [] : inactiveRouteFixes(plan, first);
    case 'PEERING_PENDING':
    case 'PEERING_SAME_ACCOUNT_PENDING':
      return first === undefined ? [] : [acceptFix(plan, first)];
    case 'PEERING_EXPIRED':
      return first === undefined ? [] : [reenableFix(plan, first)];
    case 'ROUTE_DUPLICATE':
      return duplicateRouteFixes(plan, finding.subjects);
    case 'SUBNET_OVERLAP':
      return first === undefined || second === undefined ? [] : [moveSubnetFix(plan, second, first)];
    case 'PEERING_CIDR_OVERLAP':
      // Subjects: the peering, then its two VPCs; moving the accepter is the smaller surprise.
      return [moveVpcFix(plan, finding.subjects[2]), moveVpcFix(plan, finding.subjects[1])];
    case 'PEERS_OVERLAP':
      return [moveVpcFix(plan, second), moveVpcFix(plan, first)];
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Lookups

const peeringById = peeringWithId;
const vpcById = vpcWithId;

/** A route named as findings name it (`<tableId>#<index>`), with its table and VPC. */
function routeAt(
  plan: Plan,
  id: string,
): { vpc: Vpc; table: RouteTable; index: number; route: Route } | null {
  const hash = id.lastIndexOf('#');
  if (hash <= 0) return null;
  const owner = findRouteTableOwner(plan, id.slice(0, hash));
  const index = Number(id.slice(hash + 1));
  const route = owner?.table.routes[index];
  return owner && route ? { ...owner, index, route } : null;
}

function describePlanRoute(plan: Plan, table: RouteTable, route: Route): string {
  const hop = route.nextHop.type === 'peering' ? nameWithId(plan, route.nextHop.id) : route.nextHop.id;
  return `${nameWithId(plan, table.id)} ${route.destination} → ${hop}`;
}

// ---------------------------------------------------------------------------------------------
// Peering state

function acceptFix(plan: Plan, peeringId: string): QuickFix | null {
  const peering = peeringById(plan, peeringId);
  if (!peering || effectivePeeringState(peering, plan.asOf) !== 'pending') return null;
  const { edit } = acceptPeering(plan, peeringId);
  const name = nameWithId(plan, peeringId);
  return { label: `Accept peering ${name}`, edit, done: `Accepted peering ${name}: it is active.` };
}

/** Sends the request again on the plan's date (active at once within one account). */
function reenableFix(plan: Plan, peeringId: string): QuickFix | null {
  const peering = peeringById(plan, peeringId);
  if (!peering) return null;
  const state = effectivePeeringState(peering, plan.asOf);
  if (state !== 'expired' && state !== 'rejected') return null;
  const requester = vpcById(plan, peering.requester);
  const accepter = vpcById(plan, peering.accepter);
  if (!requester || !accepter || !canPeer(plan, requester, accepter, peering.id)) return null;
  const next = isCrossAccount(requester, accepter) ? 'pending' : 'active';
  const name = nameWithId(plan, peeringId);
  return {
    label: `Re-enable peering ${name}`,
    edit: { kind: 'peering.update', id: peeringId, patch: { state: next, requestedAt: plan.asOf } },
    done: `Re-enabled peering ${name}: requested on ${plan.asOf}, ${next === 'active' ? 'active at once (one account)' : 'pending until the peer accepts it'}.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Routes

function deleteRouteFix(plan: Plan, routeId: string): QuickFix | null {
  const found = routeAt(plan, routeId);
  if (!found) return null;
  const what = describePlanRoute(plan, found.table, found.route);
  return {
    label: `Delete route ${what}`,
    edit: { kind: 'route.delete', routeTable: found.table.id, index: found.index },
    done: `Deleted route ${what}.`,
  };
}

function inactiveRouteFixes(plan: Plan, routeId: string): (QuickFix | null)[] {
  const found = routeAt(plan, routeId);
  if (!found || found.route.nextHop.type !== 'peering') return [];
  const peering = peeringById(plan, found.route.nextHop.id);
  if (!peering) return [];
  const state = effectivePeeringState(peering, plan.asOf);
  const revive = state === 'pending' ? acceptFix(plan, peering.id) : reenableFix(plan, peering.id);
  // Re-enabling across accounts only makes it pending again: the route stays a black hole.
  const revives =
    revive &&
    (state === 'pending' || (revive.edit.kind === 'peering.update' && revive.edit.patch.state === 'active'));
  return [revives ? revive : null, deleteRouteFix(plan, routeId)];
}

/**
 * ROUTE_RETURN_MISSING: the suggested routes of the peering, when the table that lacks the way
 * back is among them. All of the peering's, not only that table's: a return route alone opens
 * the reverse direction, whose own return may be missing in turn.
 */
function returnRouteFix(plan: Plan, subjects: readonly string[]): QuickFix | null {
  const [fromSubnet, , peeringId, returnTable] = subjects;
  if (fromSubnet === undefined || peeringId === undefined || returnTable === undefined) return null;
  if (hasBlockedRoutes(plan, peeringId)) return null;
  const owner = findRouteTableOwner(plan, returnTable);
  const source = plan.vpcs.flatMap((v) => v.subnets).find((s) => s.id === fromSubnet);
  const sourceBlock = source ? tryParseCidr(source.cidr) : null;
  // A route of the return table that takes part of the source subnet elsewhere (another
  // peering, a gateway) is the user's to decide on: adding routes would not bring the reply back.
  const elsewhere = owner?.table.routes.some((r) => {
    const destination = tryParseCidr(r.destination);
    return (
      r.enabled &&
      destination !== null &&
      sourceBlock !== null &&
      cidrOverlaps(destination, sourceBlock) &&
      !(r.nextHop.type === 'peering' && r.nextHop.id === peeringId)
    );
  });
  if (elsewhere) return null;
  const suggestions = suggestionsOfPeering(plan, peeringId);
  if (suggestions.some((s) => s.routeTable === returnTable))
    return addRoutesFix(plan, suggestions, `of ${nameWithId(plan, peeringId)}`);
  // The table covers the peer VPC but something more specific takes the source subnet: a route
  // to the subnet itself wins by longest prefix match.
  if (!owner || !source || owner.table.routes.some((r) => r.destination === source.cidr)) return null;
  return addRoutesFix(
    plan,
    [
      {
        routeTable: returnTable,
        vpc: owner.vpc.id,
        peering: peeringId,
        destination: source.cidr,
        nextHop: { type: 'peering', id: peeringId },
      },
    ],
    `of ${nameWithId(plan, peeringId)}`,
  );
}

/** ROUTE_DUPLICATE: keep one route of the group and delete the others, in one step. */
function duplicateRouteFixes(plan: Plan, routeIds: readonly string[]): QuickFix[] {
  const found = routeIds.map((id) => routeAt(plan, id)).filter((r) => r !== null);
  if (found.length < 2 || found.some((r) => r.table.id !== found[0]!.table.id)) return [];
  const table = found[0]!.table;
  // One fix per distinct next hop: keeping the first route of that hop.
  const keepers = new Map<string, (typeof found)[number]>();
  for (const r of found) {
    const key = `${r.route.nextHop.type}\u0000${r.route.nextHop.id}\u0000${r.route.enabled}`;
    if (!keepers.has(key)) keepers.set(key, r);
  }
  return [...keepers.values()].map((keep) => {
    const drop = found.filter((r) => r !== keep).sort((x, y) => y.index - x.index); // highest first
    const edits: Edit[] = drop.map((r) => ({ kind: 'route.delete', routeTable: table.id, index: r.index }));
    const kept = describePlanRoute(plan, table, keep.route);
    const count = drop.length === 1 ? 'the duplicate route' : `the ${drop.length} duplicate routes`;
    return {
      label:
        keepers.size === 1
          ? `Delete ${count}`
          : `Keep ${kept}, delete the other${drop.length === 1 ? '' : 's'}`,
      edit: edits.length === 1 ? edits[0]! : { kind: 'batch', edits },
      done: `Deleted ${count} of ${nameWithId(plan, table.id)}; kept ${kept}.`,
    };
  });
}

/**
 * ROUTE_TRANSITIVE: the destination lies in a third VPC. Offered: re-point the route to a live
 * peering with that VPC, or create that direct peering (with the routes it needs) and re-point
 * the route to it; and always, delete the route.
 */
function transitiveRouteFixes(plan: Plan, routeId: string): (QuickFix | null)[] {
  const found = routeAt(plan, routeId);
  if (!found) return [];
  const remove = deleteRouteFix(plan, routeId);
  const destination = tryParseCidr(found.route.destination);
  if (!destination || found.route.nextHop.type !== 'peering') return [remove];
  const viaPeering = peeringById(plan, found.route.nextHop.id);
  const peerId = viaPeering
    ? viaPeering.requester === found.vpc.id
      ? viaPeering.accepter
      : viaPeering.requester
    : null;
  const thirds = plan.vpcs.filter(
    (v) => v.id !== found.vpc.id && v.id !== peerId && vpcBlocks(v).some((b) => cidrOverlaps(b, destination)),
  );
  // Only when the destination lies wholly inside one third VPC: otherwise re-pointing it would
  // send it where it does not belong (ROUTE_DEST_NOT_IN_PEER).
  const third = thirds.length === 1 ? thirds[0]! : null;
  if (!third || !vpcBlocks(third).some((b: Cidr) => cidrContains(b, destination))) return [remove];
  const direct = plan.peerings.find(
    (p) =>
      isLivePeering(p, plan.asOf) &&
      ((p.requester === found.vpc.id && p.accepter === third.id) ||
        (p.accepter === found.vpc.id && p.requester === third.id)),
  );
  const what = describePlanRoute(plan, found.table, found.route);
  const duplicateOf = (peering: string): boolean =>
    found.table.routes.some(
      (r, i) =>
        i !== found.index &&
        r.destination === found.route.destination &&
        r.nextHop.type === 'peering' &&
        r.nextHop.id === peering,
    );
  if (direct) {
    if (duplicateOf(direct.id)) return [remove];
    const name = nameWithId(plan, direct.id);
    return [
      {
        label: `Route ${found.route.destination} through ${name}`,
        edit: repoint(found.table.id, found.index, direct.id),
        done: `Re-pointed ${what} to ${name}, the direct peering with ${nameWithId(plan, third.id)}.`,
      },
      remove,
    ];
  }
  if (!canPeer(plan, found.vpc, third)) return [remove];
  const create = createPeering(plan, { requester: found.vpc.id, accepter: third.id });
  const peering = (create.edit as Extract<Edit, { kind: 'peering.add' }>).peering;
  const edits: Edit[] = [create.edit, repoint(found.table.id, found.index, peering.id)];
  // The new peering's routes depend only on its two VPCs: worked out on the plan cut down to
  // them (applying the edits to the whole plan and suggesting there cost about 150 ms per
  // finding on the reference plan), then added to the whole plan.
  let after: Plan = { ...plan, vpcs: [found.vpc, third], peerings: [] };
  for (const edit of edits) after = applyStep(after, edit);
  const routes = addRoutesFix(plan, suggestionsOfPeering(after, peering.id));
  if (routes) edits.push(routes.edit);
  const thirdName = nameWithId(plan, third.id);
  return [
    {
      label: `Peer ${nameWithId(plan, found.vpc.id)} with ${thirdName} directly`,
      edit: { kind: 'batch', edits },
      done:
        `Created peering ${peering.id} (${peering.state}) with ${thirdName} and re-pointed ${what} to it` +
        (routes ? `; ${routes.done.charAt(0).toLowerCase()}${routes.done.slice(1)}` : '.'),
    },
    remove,
  ];
}

function repoint(routeTable: string, index: number, peeringId: string): Edit {
  return { kind: 'route.update', routeTable, index, patch: { nextHop: { type: 'peering', id: peeringId } } };
}

// ---------------------------------------------------------------------------------------------
// Addresses

/** SUBNET_OVERLAP: moves `subnetId` to the first free block of its size in its VPC. */
function moveSubnetFix(plan: Plan, subnetId: string, otherId: string): QuickFix | null {
  const vpc = plan.vpcs.find((v) => v.subnets.some((s) => s.id === subnetId));
  const subnet = vpc?.subnets.find((s) => s.id === subnetId);
  const size = subnet ? tryParseCidr(subnet.cidr) : null;
  if (!vpc || !subnet || !size) return null;
  const cidr = proposeSubnetCidr(vpc, size.prefix);
  if (!cidr) return null;
  const name = nameWithId(plan, subnetId);
  return {
    label: `Move subnet ${name} to ${cidr}`,
    edit: { kind: 'subnet.update', vpc: vpc.id, id: subnetId, patch: { cidr } },
    done: `Moved subnet ${name} from ${subnet.cidr} to ${cidr}, clear of ${nameWithId(plan, otherId)}.`,
  };
}

/**
 * PEERING_CIDR_OVERLAP, PEERS_OVERLAP: re-addresses a VPC to the first free block of the size of
 * its primary CIDR (shared/edit/propose.ts). Its subnets keep their place inside it, and every
 * route of the plan whose destination lies inside the old block follows to the new one.
 */
function moveVpcFix(plan: Plan, vpcId: string | undefined): QuickFix | null {
  const vpc = vpcId === undefined ? undefined : vpcById(plan, vpcId);
  const old = vpc ? tryParseCidr(vpc.cidr) : null;
  if (!vpc || !old) return null;
  const proposed = proposeVpcCidr(plan, old.prefix);
  const target = proposed ? tryParseCidr(proposed) : null;
  if (!target) return null;
  const shift = (cidr: Cidr): string =>
    formatCidr({
      start: cidr.start - old.start + target.start,
      end: cidr.end - old.start + target.start,
      prefix: cidr.prefix,
    });
  const edits: Edit[] = [{ kind: 'vpc.update', id: vpc.id, patch: { cidr: formatCidr(target) } }];
  for (const subnet of vpc.subnets) {
    const cidr = tryParseCidr(subnet.cidr);
    if (cidr && cidrContains(old, cidr))
      edits.push({ kind: 'subnet.update', vpc: vpc.id, id: subnet.id, patch: { cidr: shift(cidr) } });
  }
  let routes = 0;
  // Only a peer of this VPC can route to it over a peering of theirs.
  const peerIds = new Set<string>();
  for (const p of plan.peerings) {
    if (p.requester === vpc.id) peerIds.add(p.accepter);
    else if (p.accepter === vpc.id) peerIds.add(p.requester);
  }
  peerIds.delete(vpc.id);
  for (const peerId of peerIds) {
    const other = vpcById(plan, peerId);
    if (!other) continue;
    const ownBlocks = vpcBlocks(other);
    for (const table of other.routeTables) {
      table.routes.forEach((route, index) => {
        const destination = tryParseCidr(route.destination);
        if (!destination || !cidrContains(old, destination) || route.nextHop.type !== 'peering') return;
        // A route into its own VPC (ROUTE_DEST_IN_VPC) leads nowhere: it stays as it is.
        if (ownBlocks.some((own) => cidrOverlaps(own, destination))) return;
        const peering = peeringById(plan, route.nextHop.id);
        // Only a route of the peer's table over a peering of this pair leads to this VPC.
        const pair = peering && new Set([peering.requester, peering.accepter]);
        if (!pair || !pair.has(vpc.id) || !pair.has(other.id)) return;
        edits.push({
          kind: 'route.update',
          routeTable: table.id,
          index,
          patch: { destination: shift(destination) },
        });
        routes++;
      });
    }
  }
  const name = nameWithId(plan, vpc.id);
  const subnets = edits.length - 1 - routes;
  const followers = [
    subnets > 0 ? `${subnets} subnet${subnets === 1 ? '' : 's'}` : '',
    routes > 0 ? `${routes} route${routes === 1 ? '' : 's'} to it` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return {
    label: `Move ${name} to ${formatCidr(target)}`,
    edit: edits.length === 1 ? edits[0]! : { kind: 'batch', edits },
    done: `Moved ${name} from ${vpc.cidr} to ${formatCidr(target)}${followers ? ` with its ${followers}` : ''}.`,
  };
}

function applyStep(plan: Plan, edit: Edit): Plan {
  return applyEdit(plan, edit).plan;
}
