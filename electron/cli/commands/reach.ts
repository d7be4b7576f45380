/**
 * `peerplan reach PLAN.json [--from SUBNET] [--to SUBNET] [--json]`: reachability of subnet
 * pairs across VPCs, with the peering used and the reasons when it fails (cli.md, rules.md).
 */
import type { ReachPair, ReachStatus } from '../../../shared/reach/reachability';
import { computeReachability } from '../../../shared/reach/reachability';
import { EXIT_OK, parseCommandArgs, printJson, UsageError } from '../command';
import type { CliCommand } from '../command';
import { loadPlanOrExit } from '../load';
import type { Style } from '../table';
import { formatTable, useColor } from '../table';

const STATUS_STYLE: Record<ReachStatus, Style> = {
  reachable: 'ok',
  partial: 'warning',
  'no-return': 'warning',
  unreachable: 'error',
};

export const reachCommand: CliCommand = {
  name: 'reach',
  usage: 'reach PLAN.json [--from SUBNET] [--to SUBNET] [--json]',
  summary: 'reachability of subnet pairs across VPCs (peering, return route, reasons)',
  run(args) {
    const { values, positionals } = parseCommandArgs(
      reachCommand,
      args,
      {
        json: { type: 'boolean', default: false },
        from: { type: 'string' },
        to: { type: 'string' },
      },
      { min: 1, max: 1, names: 'PLAN.json' },
    );
    const file = positionals[0]!;
    const plan = loadPlanOrExit(file);
    const subnetIds = new Set(plan.vpcs.flatMap((vpc) => vpc.subnets.map((subnet) => subnet.id)));
    for (const option of ['from', 'to'] as const) {
      const id = values[option];
      if (id !== undefined && !subnetIds.has(id)) {
        throw new UsageError(`--${option}: no subnet "${id}" in ${file}`, reachCommand);
      }
    }
    const pairs = computeReachability(plan, {
      ...(values.from !== undefined ? { from: values.from } : {}),
      ...(values.to !== undefined ? { to: values.to } : {}),
    });
    if (values.json) printJson({ pairs });
    else process.stdout.write(formatReach(pairs, useColor()));
    return EXIT_OK;
  },
};

/** For people: one row per pair, then the count of each status. */
export function formatReach(pairs: readonly ReachPair[], color: boolean): string {
  if (pairs.length === 0) return 'No subnet pairs across VPCs.\n';
  const table = formatTable(
    ['FROM', 'TO', 'STATUS', 'VIA', 'REASONS'],
    pairs.map((pair) => [
      pair.from,
      pair.to,
      { text: pair.status, style: STATUS_STYLE[pair.status] },
      pair.via ?? '-',
      pair.reasons.join(', '),
    ]),
    { color },
  );
  const counts = new Map<ReachStatus, number>();
  for (const pair of pairs) counts.set(pair.status, (counts.get(pair.status) ?? 0) + 1);
  const summary = (['reachable', 'partial', 'no-return', 'unreachable'] as const)
    .map((status) => `${counts.get(status) ?? 0} ${status}`)
    .join(', ');
  return `${table}\n${pairs.length} pair${pairs.length === 1 ? '' : 's'}: ${summary}\n`;
}
