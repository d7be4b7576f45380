/**
 * The missing routes of a peering, or of the whole plan, as one edit: the routes that
 * `suggestRoutes` (rules.md, "Route tables") proposes, added on both sides in one undoable step.
 * A VPC without any route table gets its default table first (the implicit empty one the
 * routing core assumes becomes a real one), so the routes have somewhere to go.
 */
import type { Edit } from '../edit/operations';
import { findRouteTableOwner } from '../edit/operations';
import { nextFreeId } from '../edit/workflow';
import { formatCidr, tryParseCidr } from '../net/cidr';
import type { Plan, RouteTable } from '../plan/model';
import { nameWithId } from '../plan/object-names';
import type { SuggestedRoute } from '../routing/suggest';
import { suggestRoutes } from '../routing/suggest';
import { livePeeringsOfPair, peeringEndsOverlap, peeringWithId, vpcWithId } from './peering-guards';
import type { QuickFix } from './quick-fix-types';

/** Routes named one by one in a fix's report; the rest are counted. */
const ROUTES_LISTED = 4;

interface Screened {
  /** The routes that can be added, by peering ID. */
  readonly byPeering: ReadonlyMap<string, readonly SuggestedRoute[]>;
  /** Peerings some of whose suggested routes cannot be added. */
  readonly blocked: ReadonlySet<string>;
}

const wholePlanCache = new WeakMap<Plan, Screened>();
const perPeeringCache = new WeakMap<Plan, Map<string, Screened>>();

/**
 * Keeps the suggestions that can be added. Left out, with their peering marked blocked: a
 * suggestion whose destination the table already routes elsewhere (it would be a
 * ROUTE_DUPLICATE), the routes of a pair with two live peerings (PEERING_DUPLICATE: delete one)
 * and of a peering whose ends overlap each other or the other end's peers
 * (PEERING_CIDR_OVERLAP, PEERS_OVERLAP: re-address first).
 */
function screen(plan: Plan, suggestions: readonly SuggestedRoute[]): Screened {
  const byPeering = new Map<string, SuggestedRoute[]>();
  const blocked = new Set<string>();
  const destinations = new Map<string, Set<string>>();
  const destinationsOf = (tableId: string): Set<string> => {
    let set = destinations.get(tableId);
    if (!set) {
      set = new Set();
      for (const route of findRouteTableOwner(plan, tableId)?.table.routes ?? []) {
        const cidr = tryParseCidr(route.destination);
        if (cidr) set.add(formatCidr(cidr));
      }
      destinations.set(tableId, set);
    }
    return set;
  };
  const unusable = new Map<string, boolean>();
  const peeringUnusable = (id: string): boolean => {
    let known = unusable.get(id);
    if (known === undefined) {
      const peering = peeringWithId(plan, id);
      known = !peering || livePeeringsOfPair(plan, peering) > 1 || peeringEndsOverlap(plan, peering);
      unusable.set(id, known);
    }
    return known;
  };
  for (const suggestion of suggestions) {
    if (
      peeringUnusable(suggestion.peering) ||
      destinationsOf(suggestion.routeTable).has(suggestion.destination)
    ) {
      blocked.add(suggestion.peering);
      continue;
    }
    const list = byPeering.get(suggestion.peering);
    if (list) list.push(suggestion);
    else byPeering.set(suggestion.peering, [suggestion]);
  }
  return { byPeering, blocked };
}

/** The suggested routes of every active peering that can be added, by peering ID (once per plan value). */
export function suggestionsByPeering(plan: Plan): ReadonlyMap<string, readonly SuggestedRoute[]> {
  return wholePlan(plan).byPeering;
}

function wholePlan(plan: Plan): Screened {
  let screened = wholePlanCache.get(plan);
  if (!screened) {
    screened = screen(plan, suggestRoutes(plan));
    wholePlanCache.set(plan, screened);
  }
  return screened;
}

/**
 * The suggestions of one peering, without suggesting routes for the whole plan: suggestRoutes
 * on the plan cut down to the peering and its two VPCs gives the same routes (a suggestion
 * depends only on them), screened against the whole plan.
 */
function ofPeering(plan: Plan, peeringId: string): Screened {
  const whole = wholePlanCache.get(plan);
  if (whole) return whole;
  let cache = perPeeringCache.get(plan);
  if (!cache) {
    cache = new Map();
    perPeeringCache.set(plan, cache);
  }
  let screened = cache.get(peeringId);
  if (!screened) {
    const peering = peeringWithId(plan, peeringId);
    const ends = peering
      ? [vpcWithId(plan, peering.requester), vpcWithId(plan, peering.accepter)].filter((v) => v !== undefined)
      : [];
    const suggestions = peering
      ? suggestRoutes({ ...plan, vpcs: [...new Set(ends)], peerings: [peering] })
      : [];
    screened = screen(plan, suggestions);
    cache.set(peeringId, screened);
  }
  return screened;
}

/** The routes of one peering that can be added (see `screen`). */
export function suggestionsOfPeering(plan: Plan, peeringId: string): readonly SuggestedRoute[] {
  return ofPeering(plan, peeringId).byPeering.get(peeringId) ?? [];
}

/** Whether some suggested route of the peering cannot be added (see `screen`). */
export function hasBlockedRoutes(plan: Plan, peeringId: string): boolean {
  return ofPeering(plan, peeringId).blocked.has(peeringId);
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
  if (hasBlockedRoutes(plan, peeringId)) return null;
  const suggestions = suggestionsOfPeering(plan, peeringId);
  return addRoutesFix(plan, suggestions, `of ${nameWithId(plan, peeringId)}`);
}

/** Every missing route of the plan, as one edit (null: none missing). */
export function missingRoutesOfPlan(plan: Plan): QuickFix | null {
  const all: SuggestedRoute[] = [];
  for (const list of suggestionsByPeering(plan).values()) all.push(...list);
  return addRoutesFix(plan, all);
}
