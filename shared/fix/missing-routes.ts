/**
 * The missing routes of a peering, or of the whole plan, as one edit: the routes that
 * `suggestRoutes` (rules.md, "Route tables") proposes, added on both sides in one undoable step.
 * A VPC without any route table gets its default table first (the implicit empty one the
 * routing core assumes becomes a real one), so the routes have somewhere to go.
 */
import type { Edit } from '../edit/operations';
import { nextFreeId } from '../edit/workflow';
import { formatCidr, tryParseCidr } from '../net/cidr';
import type { Plan, RouteTable } from '../plan/model';
import { nameWithId } from '../plan/object-names';
import { isLivePeering } from '../plan/peering';
import type { SuggestedRoute } from '../routing/suggest';
import { suggestRoutes } from '../routing/suggest';
import { peeringEndsOverlap, peeringWithId } from './peering-guards';
import type { QuickFix } from './quick-fix-types';

/** Routes named one by one in a fix's report; the rest are counted. */
const ROUTES_LISTED = 4;

const suggestionCache = new WeakMap<Plan, ReadonlyMap<string, readonly SuggestedRoute[]>>();
const blockedCache = new WeakMap<Plan, ReadonlySet<string>>();

/**
 * The suggested routes of every active peering that can be added, by peering ID (computed once
 * per plan value). Left out, with their peering marked blocked: a suggestion whose destination
 * the table already routes elsewhere (it would be a ROUTE_DUPLICATE), the routes of a pair with
 * two live peerings (PEERING_DUPLICATE: delete one) and of a peering whose ends overlap each
 * other or the other end's peers (PEERING_CIDR_OVERLAP, PEERS_OVERLAP: re-address first).
 */
export function suggestionsByPeering(plan: Plan): ReadonlyMap<string, readonly SuggestedRoute[]> {
  let byPeering = suggestionCache.get(plan);
  if (byPeering) return byPeering;
  const grouped = new Map<string, SuggestedRoute[]>();
  const blocked = new Set<string>();
  const destinationsOf = new Map<string, Set<string>>();
  for (const vpc of plan.vpcs) {
    for (const table of vpc.routeTables) {
      const set = new Set<string>();
      for (const route of table.routes) {
        const cidr = tryParseCidr(route.destination);
        if (cidr) set.add(formatCidr(cidr));
      }
      if (!destinationsOf.has(table.id)) destinationsOf.set(table.id, set);
    }
  }
  // Two live peerings of one pair (PEERING_DUPLICATE): routes over either fight over the same
  // blocks; deleting one peering is the fix, so neither gets routes suggested here.
  const livePerPair = new Map<string, number>();
  const pairOf = new Map<string, string>();
  for (const peering of plan.peerings) {
    if (!isLivePeering(peering, plan.asOf)) continue;
    const pair = [peering.requester, peering.accepter].sort().join('\u0000');
    pairOf.set(peering.id, pair);
    livePerPair.set(pair, (livePerPair.get(pair) ?? 0) + 1);
  }
  const overlapsByPeering = new Map<string, boolean>();
  const endsOverlap = (id: string): boolean => {
    let known = overlapsByPeering.get(id);
    if (known === undefined) {
      const peering = peeringWithId(plan, id);
      known = !peering || peeringEndsOverlap(plan, peering);
      overlapsByPeering.set(id, known);
    }
    return known;
  };
  for (const suggestion of suggestRoutes(plan)) {
    const pair = pairOf.get(suggestion.peering);
    if (
      (pair !== undefined && livePerPair.get(pair)! > 1) ||
      endsOverlap(suggestion.peering) ||
      destinationsOf.get(suggestion.routeTable)?.has(suggestion.destination)
    ) {
      blocked.add(suggestion.peering);
      continue;
    }
    const list = grouped.get(suggestion.peering);
    if (list) list.push(suggestion);
    else grouped.set(suggestion.peering, [suggestion]);
  }
  byPeering = grouped;
  suggestionCache.set(plan, byPeering);
  blockedCache.set(plan, blocked);
  return byPeering;
}

/** Peerings some of whose suggested routes cannot be added (see `suggestionsByPeering`). */
export function peeringsWithBlockedRoutes(plan: Plan): ReadonlySet<string> {
  suggestionsByPeering(plan);
  return blockedCache.get(plan)!;
}

/** `sh-main (rtb-sh) 10.2.0.0/16 → sh-gz (pcx-sh-gz)`: a route as people read it. */
export function describeRoute(plan: Plan, routeTable: string, destination: string, peering: string): string {
  return `${nameWithId(plan, routeTable)} ${destination} → ${nameWithId(plan, peering)}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * One edit that adds `suggestions` (in their order). `scope` ends the label: "of sh-gz
 * (pcx-sh-gz)" or "" for the whole plan. Null when there is nothing to add.
 */
export function addRoutesFix(
  plan: Plan,
  suggestions: readonly SuggestedRoute[],
  scope = '',
): QuickFix | null {
  if (suggestions.length === 0) return null;
  const edits: Edit[] = [];
  // Implicit tables (a VPC without any table) become real default tables, one per VPC.
  const createdTables = new Map<string, string>();
  const existingTables = new Set<string>();
  for (const vpc of plan.vpcs) for (const table of vpc.routeTables) existingTables.add(table.id);
  let planWithTables = plan;
  for (const suggestion of suggestions) {
    if (existingTables.has(suggestion.routeTable) || createdTables.has(suggestion.routeTable)) continue;
    const id = nextFreeId(planWithTables, 'rtb');
    const routeTable: RouteTable = { id, name: 'default', default: true, routes: [] };
    edits.push({ kind: 'routeTable.add', vpc: suggestion.vpc, routeTable });
    createdTables.set(suggestion.routeTable, id);
    // The next fresh ID must not reuse this one.
    planWithTables = {
      ...planWithTables,
      vpcs: planWithTables.vpcs.map((v) =>
        v.id === suggestion.vpc ? { ...v, routeTables: [routeTable] } : v,
      ),
    };
  }
  const described: string[] = [];
  for (const suggestion of suggestions) {
    const routeTable = createdTables.get(suggestion.routeTable) ?? suggestion.routeTable;
    edits.push({
      kind: 'route.add',
      routeTable,
      route: { destination: suggestion.destination, nextHop: suggestion.nextHop, enabled: true },
    });
    if (described.length < ROUTES_LISTED)
      described.push(describeRoute(planWithTables, routeTable, suggestion.destination, suggestion.peering));
  }
  const more = suggestions.length > ROUTES_LISTED ? `, … and ${suggestions.length - ROUTES_LISTED} more` : '';
  const count = plural(suggestions.length, 'route');
  return {
    label: `Add ${plural(suggestions.length, 'missing route')}${scope ? ` ${scope}` : ''}`,
    edit: edits.length === 1 ? edits[0]! : { kind: 'batch', edits },
    done: `Added ${count}: ${described.join(', ')}${more}`,
  };
}

/**
 * The missing routes of one peering, on both sides, as one edit (null: none missing, or some
 * cannot be added without a duplicate, so adding the others would not make it work).
 */
export function missingRoutesOfPeering(plan: Plan, peeringId: string): QuickFix | null {
  if (peeringsWithBlockedRoutes(plan).has(peeringId)) return null;
  const suggestions = suggestionsByPeering(plan).get(peeringId) ?? [];
  return addRoutesFix(plan, suggestions, `of ${nameWithId(plan, peeringId)}`);
}

/** Every missing route of the plan, as one edit (null: none missing). */
export function missingRoutesOfPlan(plan: Plan): QuickFix | null {
  const all: SuggestedRoute[] = [];
  for (const list of suggestionsByPeering(plan).values()) all.push(...list);
  return addRoutesFix(plan, all);
}
