/**
 * The effective route tables as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a
 * comma, a quote or a line break, quotes doubled): one row per route, local routes first, then the
 * plan's routes with the findings on them, so a reviewer can filter a spreadsheet by table, origin
 * or finding. The rows are exactly the routes of `peerplan routes`; with `includeSuggestions`
 * (`routes --suggest`), the routes still missing for active peerings follow, origin `suggested`.
 * CCN routes (origin `ccn`, next hop the CCN) come after the plan's: `effective` is `true` or
 * `false`, and a route that is not effective has its code (`CCN_ROUTE_CONFLICT`,
 * `CCN_ROUTE_SHADOWED`) and why in the finding columns; `effective` is empty on other rows.
 */
import type { Plan } from '../plan/model';
import { routeId } from '../plan/model';
import type { Finding } from '../rules/finding';
import { validatePlan } from '../rules/validate';
import { effectiveRouteTables } from '../routing/route-tables';
import { resolveRouteTables } from '../routing/forwarding';
import type { CcnTableRoute } from '../ccn/routes';
import { ccnRouting } from '../ccn/routes';
import type { SuggestedRoute } from '../routing/suggest';
import { suggestRoutes } from '../routing/suggest';

export const ROUTE_CSV_COLUMNS = [
  'route_table',
  'vpc',
  'subnets',
  'route_id',
  'destination',
  'next_hop_type',
  'next_hop_id',
  'origin',
  'finding_codes',
  'finding_messages',
  'effective',
] as const;

/**
 * One RFC 4180 field, safe to open in a spreadsheet: a cell starting with `=`, `+`, `-`, `@`, a
 * tab or a CR would be read as a formula (CSV injection), so it gets a leading `'` (OWASP's
 * advice), which spreadsheets show as text and do not display.
 */
export function csvField(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(values: readonly string[]): string {
  return values.map(csvField).join(',');
}

export interface RouteCsvInput {
  /** The plan's findings, when the caller has them already (the app does). */
  readonly findings?: readonly Finding[];
  /** Append the routes still missing for active peerings (origin `suggested`). */
  readonly includeSuggestions?: boolean;
  readonly suggestions?: readonly SuggestedRoute[];
}

export function exportRouteCsv(plan: Plan, input: RouteCsvInput = {}): string {
  const findings = input.findings ?? validatePlan(plan);
  const suggestions = input.includeSuggestions ? (input.suggestions ?? suggestRoutes(plan)) : [];
  const findingsByRoute = new Map<string, Finding[]>();
  for (const f of findings) {
    for (const subject of f.subjects) {
      if (!subject.includes('#')) continue;
      const list = findingsByRoute.get(subject);
      if (list) {
        if (!list.includes(f)) list.push(f);
      } else findingsByRoute.set(subject, [f]);
    }
  }
  const suggestionsByTable = new Map<string, SuggestedRoute[]>();
  for (const s of suggestions) {
    const list = suggestionsByTable.get(s.routeTable);
    if (list) list.push(s);
    else suggestionsByTable.set(s.routeTable, [s]);
  }

  const rows: string[] = [csvRecord(ROUTE_CSV_COLUMNS)];
  const routing = resolveRouteTables(plan);
  const ccn = ccnRouting(plan);
  effectiveRouteTables(plan, { findings, routing }).forEach((table, tableIndex) => {
    const subnets = table.subnets.join(' ');
    const resolved = routing.tables[tableIndex]!;
    // The table's CCN routes, in the order effectiveRouteTables lists them, with why each is not effective.
    const ccnRoutes = ccn.forTable(resolved.vpc, resolved.table).all;
    let planIndex = 0;
    let ccnIndex = 0;
    for (const route of table.routes) {
      let id = '';
      let codes = '';
      let messages = '';
      let effective = '';
      if (route.origin === 'plan') {
        id = routeId(table.id, planIndex++);
        const routeFindings = findingsByRoute.get(id) ?? [];
        codes = routeFindings.map((f) => f.code).join(' ');
        messages = routeFindings.map((f) => f.message).join('\n');
      } else if (route.origin === 'ccn') {
        const ccnRoute = ccnRoutes[ccnIndex++];
        effective = String(route.effective ?? true);
        codes = route.codes.join(' ');
        messages = ccnRoute === undefined ? '' : whyNotEffective(ccnRoute, table.id);
      }
      rows.push(
        csvRecord([
          table.id,
          table.vpc,
          subnets,
          id,
          route.destination,
          route.nextHop?.type ?? 'local',
          route.nextHop?.id ?? 'local',
          route.origin,
          codes,
          messages,
          effective,
        ]),
      );
    }
    for (const s of suggestionsByTable.get(table.id) ?? []) {
      rows.push(
        csvRecord([
          table.id,
          table.vpc,
          subnets,
          '',
          s.destination,
          'peering',
          s.peering,
          'suggested',
          '',
          '',
          '',
        ]),
      );
    }
  });
  return `${rows.join('\r\n')}\r\n`;
}

/** Why a CCN route does not forward in a table, in one sentence; empty when it does. */
export function whyNotEffective(route: CcnTableRoute, tableId: string): string {
  if (route.code === 'CCN_ROUTE_CONFLICT' && route.conflictsWith !== null)
    return `invalid on ${route.ccn}: ${route.destination} of ${route.publisher} conflicts with ${route.conflictsWith.cidr} published earlier by ${route.conflictsWith.vpc}`;
  if (route.code === 'CCN_ROUTE_SHADOWED' && route.shadowedBy !== null)
    return `not effective: plan route ${routeId(tableId, route.shadowedBy)} has the same destination`;
  return '';
}
