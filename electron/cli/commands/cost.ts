/**
 * `peerplan cost PLAN.json [--json] [--month YYYY-MM] [--traffic FILE]`: cost per peering, per
 * day and month, and per paying account (cli.md, rules.md "Costs"). `--traffic` merges a CSV of
 * 5-minute samples (`peering,at,inMbps,outMbps`), read as a stream.
 */
import { MONTH_PATTERN } from '../../../shared/cost/billing-day';
import { MAX_YEAR, MIN_YEAR } from '../../../shared/plan/dates';
import type { CostReport } from '../../../shared/cost/costs';
import { computeCosts, measuredDates, trafficAggregateFor } from '../../../shared/cost/costs';
import { visible } from '../../../shared/text/visible';
import { EXIT_OK, EXIT_UNUSABLE, parseCommandArgs, printErrorLine, printJson, UsageError } from '../command';
import type { CliCommand } from '../command';
import { loadPlanOrExit } from '../load';
import { formatTable, paint, useColor } from '../table';
import { readTrafficCsv } from '../traffic';

export const costCommand: CliCommand = {
  name: 'cost',
  usage: 'cost PLAN.json [--json] [--month YYYY-MM] [--traffic FILE]',
  summary: 'cost per peering, per day and month, and per paying account',
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      costCommand,
      args,
      {
        json: { type: 'boolean', default: false },
        month: { type: 'string' },
        traffic: { type: 'string' },
      },
      { min: 1, max: 1, names: 'PLAN.json' },
    );
    if (values.month !== undefined) {
      const match = MONTH_PATTERN.exec(values.month);
      if (!match) throw new UsageError(`--month: "${values.month}" is not a month YYYY-MM`, costCommand);
      const year = Number(match[1]);
      if (year < MIN_YEAR || year > MAX_YEAR)
        throw new UsageError(`--month: the year must be between ${MIN_YEAR} and ${MAX_YEAR}`, costCommand);
    }
    const plan = loadPlanOrExit(positionals[0]!);
    const traffic = trafficAggregateFor(plan);
    if (values.traffic !== undefined) {
      const read = await readTrafficCsv(values.traffic, traffic);
      if (!read.ok) {
        printErrorLine(read.message);
        return EXIT_UNUSABLE;
      }
      const unknown = traffic.unknownPeerings();
      if (unknown.samples > 0) {
        const peerings = `${unknown.atLeast ? 'at least ' : ''}${unknown.peerings} peering${unknown.peerings === 1 ? '' : 's'}`;
        printErrorLine(
          `${values.traffic}: ignored ${unknown.samples} sample${unknown.samples === 1 ? '' : 's'} of ${peerings} not in the plan (${unknown.examples.join(', ')}${unknown.peerings > unknown.examples.length ? ', …' : ''})`,
        );
      }
    }
    const options = { traffic, ...(values.month !== undefined ? { month: values.month } : {}) };
    const report = computeCosts(plan, options);
    if (values.json) printJson(report);
    else process.stdout.write(formatCostReport(report, useColor(), measuredDates(plan, traffic)));
    return EXIT_OK;
  },
};

function money(cost: number | null): string {
  return cost === null ? 'on request' : cost.toFixed(2);
}

function mbps(value: number): string {
  return String(value);
}

/** For people: the peerings, the days of each billed cross-region peering, then the payers. */
export function formatCostReport(
  report: CostReport,
  color: boolean,
  measured: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): string {
  if (report.peerings.length === 0) return 'No peerings: nothing to pay.\n';
  const month = report.peerings.find((p) => p.monthly)?.monthly?.month ?? '';
  const out: string[] = [];
  out.push(paint(`Peerings (${report.currency}, month ${month})`, 'bold', color));
  out.push(
    formatTable(
      ['PEERING', 'KIND', 'PAYER', 'CHARGE', { header: 'MONTH COST', align: 'right' }, 'NOTE'],
      report.peerings.map((p) => [
        p.id,
        p.kind,
        p.payer ?? '-',
        p.chargeType,
        p.monthly ? money(p.monthly.cost) : '-',
        p.monthly === null
          ? { text: 'not billed (not live)', style: 'dim' }
          : p.priceOnRequest
            ? { text: 'price on request', style: 'warning' }
            : p.kind === 'regional'
              ? { text: 'free', style: 'ok' }
              : '',
      ]),
      { color },
    ),
  );
  for (const peering of report.peerings) {
    if (peering.kind !== 'cross-region' || peering.days.length === 0) continue;
    out.push(paint(`${visible(peering.id)}: daily peaks`, 'bold', color));
    out.push(
      formatTable(
        [
          'DATE',
          { header: 'PEAK MBPS', align: 'right' },
          { header: 'BILLABLE MBPS', align: 'right' },
          { header: 'PRICE/MBPS', align: 'right' },
          { header: 'COST', align: 'right' },
          'SOURCE',
        ],
        peering.days.map((day) => [
          day.date,
          mbps(day.peakMbps),
          mbps(day.billableMbps),
          day.pricePerMbps === null ? 'on request' : String(day.pricePerMbps),
          money(day.cost),
          measured.get(peering.id)?.has(day.date)
            ? 'measured'
            : { text: 'planned (expectedPeakMbps)', style: 'dim' },
        ]),
        { color },
      ),
    );
  }
  out.push(paint('Paying accounts', 'bold', color));
  out.push(
    formatTable(
      ['ACCOUNT', { header: 'PER DAY', align: 'right' }, { header: 'PER MONTH', align: 'right' }],
      report.payers.map((payer) => [payer.account, money(payer.dailyCost), money(payer.monthlyCost)]),
      { color },
    ),
  );
  return out.join('\n');
}
