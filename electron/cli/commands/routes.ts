/**
 * `peerplan routes PLAN.json [--json] [--suggest]`: the effective route tables (local routes,
 * then the plan's routes with the findings on each, then the CCN routes with `effective` and,
 * where not effective, their code: spec/ccn.md); with `--suggest`, the routes each active
 * peering still needs, appended to their tables with origin "suggested" (cli.md).
 */
import type { RouteTable } from '../../../shared/plan/model';
import type { EffectiveRoute, EffectiveRouteTable } from '../../../shared/routing/route-tables';
import { effectiveRouteTables } from '../../../shared/routing/route-tables';
import { suggestRoutes } from '../../../shared/routing/suggest';
import { visible } from '../../../shared/text/visible';
import { EXIT_OK, parseCommandArgs, printJson } from '../command';
import type { CliCommand } from '../command';
import { loadPlanOrExit } from '../load';
import type { Cell } from '../table';
import { formatTable, paint, useColor } from '../table';

/** The tables with the suggested routes appended to the tables they belong to. */
export function withSuggestions(
  tables: readonly EffectiveRouteTable[],
  suggestions: ReturnType<typeof suggestRoutes>,
): EffectiveRouteTable[] {
  return tables.map((table) => {
    const added: EffectiveRoute[] = suggestions
      .filter((suggestion) => suggestion.routeTable === table.id)
      .map((suggestion) => ({
        destination: suggestion.destination,
        nextHop: suggestion.nextHop,
        origin: 'suggested',
        codes: [],
      }));
    return added.length === 0 ? table : { ...table, routes: [...table.routes, ...added] };
  });
}

export const routesCommand: CliCommand = {
  name: 'routes',
  usage: 'routes PLAN.json [--json] [--suggest]',
  summary: 'effective route tables; with --suggest, the routes still missing for each active peering',
  run(args) {
    const { values, positionals } = parseCommandArgs(
      routesCommand,
      args,
      { json: { type: 'boolean', default: false }, suggest: { type: 'boolean', default: false } },
      { min: 1, max: 1, names: 'PLAN.json' },
    );
    const plan = loadPlanOrExit(positionals[0]!);
    let tables = effectiveRouteTables(plan);
    if (values.suggest) tables = withSuggestions(tables, suggestRoutes(plan));
    if (values.json) {
      printJson({ routeTables: tables });
      return EXIT_OK;
    }
    const planTables = new Map<string, RouteTable>();
    for (const vpc of plan.vpcs) for (const table of vpc.routeTables) planTables.set(table.id, table);
    process.stdout.write(formatRouteTables(tables, planTables, useColor()));
    return EXIT_OK;
  },
};

/** For people: one block per table, its subnets, then its routes as an aligned table. */
export function formatRouteTables(
  tables: readonly EffectiveRouteTable[],
  planTables: ReadonlyMap<string, RouteTable>,
  color: boolean,
): string {
  if (tables.length === 0) return 'No route tables (the plan has no VPC).\n';
  const blocks = tables.map((table) => {
    const subnets = table.subnets.length > 0 ? table.subnets.map(visible).join(', ') : 'no subnet';
    const title = `${paint(visible(table.id), 'bold', color)}  (VPC ${visible(table.vpc)}; subnets: ${subnets})`;
    const localCount = table.routes.filter((route) => route.origin === 'local').length;
    const rows: Cell[][] = table.routes.map((route, index) => {
      const planRoute =
        route.origin === 'plan' ? planTables.get(table.id)?.routes[index - localCount] : undefined;
      const nextHop = route.nextHop ? `${route.nextHop.type} ${route.nextHop.id}` : 'local';
      const origin =
        route.origin === 'suggested'
          ? { text: 'suggested', style: 'ok' as const }
          : route.origin === 'ccn' && route.effective === false
            ? { text: 'ccn (not effective)', style: 'dim' as const }
            : planRoute && !planRoute.enabled
              ? { text: 'plan (disabled)', style: 'dim' as const }
              : route.origin;
      const codes = route.codes.length > 0 ? { text: route.codes.join(', '), style: 'warning' as const } : '';
      return [route.destination, nextHop, origin, codes];
    });
    return `${title}\n${formatTable(['DESTINATION', 'NEXT HOP', 'ORIGIN', 'FINDINGS'], rows, { color })}`;
  });
  return blocks.join('\n');
}
