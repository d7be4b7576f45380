/**
 * The effective route tables as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a
 * comma, a quote or a line break, quotes doubled): one row per route, local routes first, then the
 * plan's routes with the findings on them, so a reviewer can filter a spreadsheet by table, origin
 * or finding. The rows are exactly the routes of `peerplan routes`; with `includeSuggestions`
 * (`routes --suggest`), the routes still missing for active peerings follow, origin `suggested`.
 */
import type { Plan } from '../plan/model';
import { routeId } from '../plan/model';
import type { Finding } from '../rules/finding';
import { validatePlan } from '../rules/validate';
import { effectiveRouteTables } from '../routing/route-tables';
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
  for (const table of effectiveRouteTables(plan, { findings })) {
    const subnets = table.subnets.join(' ');
    let planIndex = 0;
    for (const route of table.routes) {
      let id = '';
      let routeFindings: readonly Finding[] = [];
      if (route.origin === 'plan') {
        id = routeId(table.id, planIndex++);
        routeFindings = findingsByRoute.get(id) ?? [];
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
          routeFindings.map((f) => f.code).join(' '),
          routeFindings.map((f) => f.message).join('\n'),
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
        ]),
      );
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
