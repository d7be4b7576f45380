/**
 * `peerplan reach PLAN.json [--from SUBNET] [--to SUBNET] [--all] [--json]`: reachability of
 * subnet pairs across VPCs, with the peering or CCN used (`via`) and the reasons when it fails
 * (cli.md, rules.md, ccn.md). By default the pairs of VPCs that share a peering (any state) or a
 * CCN (attached in any state), or that a route sends toward; with `--from`/`--to`, every pair of
 * those subnets; `--all`, every ordered pair.
 *
 * The pairs are streamed: each is printed as the analysis makes it, so memory stays flat however
 * many there are (`--all` on 12,000 subnets is 144 million pairs). The table for people is
 * aligned without seeing the rows first: its columns are as wide as the plan's longest subnet
 * and peering IDs.
 */
import type { ReachOptions, ReachPair, ReachStatus } from '../../../shared/reach/reachability';
import { reachPairs } from '../../../shared/reach/reachability';
import { visible } from '../../../shared/text/visible';
import { EXIT_OK, parseCommandArgs, UsageError } from '../command';
import type { CliCommand } from '../command';
import { loadPlanOrExit } from '../load';
import { StreamedOutput } from '../stream-output';
import type { Style } from '../table';
import { paint, useColor } from '../table';

const STATUS_STYLE: Record<ReachStatus, Style> = {
  reachable: 'ok',
  partial: 'warning',
  'no-return': 'warning',
  unreachable: 'error',
};

const STATUSES: readonly ReachStatus[] = ['reachable', 'partial', 'no-return', 'unreachable'];

export const reachCommand: CliCommand = {
  name: 'reach',
  usage: 'reach PLAN.json [--from SUBNET] [--to SUBNET] [--all] [--json]',
  summary:
    'reachability of subnet pairs: of VPCs sharing a peering or CCN or a route (default), of --from/--to, or --all',
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      reachCommand,
      args,
      {
        json: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
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
    const named = values.from !== undefined || values.to !== undefined;
    const options: ReachOptions = {
      scope: values.all || named ? 'all' : 'related',
      ...(values.from !== undefined ? { from: values.from } : {}),
      ...(values.to !== undefined ? { to: values.to } : {}),
    };
    const pairs = reachPairs(plan, options);
    const out = new StreamedOutput();
    if (values.json) await writeReachJson(pairs, out);
    else {
      const widths = {
        subnet: Math.max(4, ...[...subnetIds].map((id) => visible(id).length)),
        peering: Math.max(
          3,
          ...plan.peerings.map((peering) => visible(peering.id).length),
          ...plan.ccns.map((ccn) => visible(ccn.id).length),
        ),
      };
      await writeReachTable(pairs, out, widths, useColor());
    }
    await out.flush();
    return EXIT_OK;
  },
};

/** cli.md's `{ "pairs": [ … ] }`, one pair a line, written as the pairs come. */
export async function writeReachJson(pairs: Iterable<ReachPair>, out: StreamedOutput): Promise<void> {
  let first = true;
  await out.write('{\n  "pairs": [');
  for (const { from, to, status, via, reasons } of pairs) {
    // Awaited only when the reader is behind: an await per pair would cost more than the pair.
    const wait = out.write(
      `${first ? '\n' : ',\n'}    ${JSON.stringify({ from, to, status, via, reasons })}`,
    );
    if (wait) await wait;
    first = false;
  }
  await out.write(first ? ']\n}\n' : '\n  ]\n}\n');
}

/** For people: one row per pair under a header, then the count of each status. */
export async function writeReachTable(
  pairs: Iterable<ReachPair>,
  out: StreamedOutput,
  widths: { subnet: number; peering: number },
  color: boolean,
): Promise<void> {
  const statusWidth = Math.max(...STATUSES.map((status) => status.length));
  const columns = [widths.subnet, widths.subnet, statusWidth, widths.peering];
  const row = (cells: readonly string[], styles: readonly (Style | undefined)[]): string =>
    `${cells
      .map((cell, i) => {
        const pad = i < columns.length ? ' '.repeat(Math.max(0, columns[i]! - cell.length)) : '';
        return paint(cell, styles[i], color) + pad;
      })
      .join('  ')
      .trimEnd()}\n`;
  const counts = new Map<ReachStatus, number>();
  let total = 0;
  for (const pair of pairs) {
    if (total === 0) {
      const header = ['FROM', 'TO', 'STATUS', 'VIA', 'REASONS'];
      await out.write(
        row(
          header,
          header.map(() => 'bold'),
        ),
      );
      await out.write(`${[...columns, 'REASONS'.length].map((w) => '-'.repeat(w)).join('  ')}\n`);
    }
    total++;
    counts.set(pair.status, (counts.get(pair.status) ?? 0) + 1);
    const wait = out.write(
      row(
        [
          visible(pair.from),
          visible(pair.to),
          pair.status,
          visible(pair.via ?? '-'),
          pair.reasons.join(', '),
        ],
        [undefined, undefined, STATUS_STYLE[pair.status]],
      ),
    );
    if (wait) await wait;
  }
  if (total === 0) {
    await out.write('No subnet pairs across VPCs.\n');
    return;
  }
  const summary = STATUSES.map((status) => `${counts.get(status) ?? 0} ${status}`).join(', ');
  await out.write(`\n${total} pair${total === 1 ? '' : 's'}: ${summary}\n`);
}
