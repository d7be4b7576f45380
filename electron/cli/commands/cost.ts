/**
 * `peerplan cost PLAN.json [--json] [--month YYYY-MM] [--traffic FILE]`: cost per peering, per
 * day and month, per CCN (USD, spec/ccn.md "Costs"), and per paying account and currency (cli.md,
 * rules.md "Costs"). CNY and USD are never added together: totals are per currency. `--traffic` merges a CSV of
 * 5-minute samples (`peering,at,inMbps,outMbps`), read as a stream.
 */
import { MONTH_PATTERN } from '../../../shared/cost/billing-day';
import { MAX_YEAR, MIN_YEAR } from '../../../shared/plan/dates';
import type { CostReport } from '../../../shared/cost/costs';
import {
  computeCosts,
  measuredDates,
  monthlyTotalsByCurrency,
  trafficAggregateFor,
} from '../../../shared/cost/costs';
import { visible } from '../../../shared/text/visible';
import { EXIT_OK, EXIT_UNUSABLE, parseCommandArgs, printErrorLine, printJson, UsageError } from '../command';
import type { CliCommand } from '../command';
import { loadPlanOrExit } from '../load';
import { formatTable, paint, useColor } from '../table';
import { readTrafficCsv } from '../traffic';

export const costCommand: CliCommand = {
  name: 'cost',
  usage: 'cost PLAN.json [--json] [--month YYYY-MM] [--traffic FILE]',
  summary: 'cost per peering (CNY) and CCN (USD), per day and month, and per paying account and currency',
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
  if (report.peerings.length === 0 && report.ccns.length === 0) return 'No peerings: nothing to pay.\n';
  const month =
    report.peerings.find((p) => p.monthly)?.monthly?.month ??
    report.ccns.find((c) => c.monthly)?.monthly?.month ??
    '';
  const out: string[] = [];
  if (report.peerings.length > 0) out.push(...formatPeerings(report, month, color, measured));
  if (report.ccns.length > 0) out.push(...formatCcns(report.ccns, month, color));
  out.push(paint('Paying accounts', 'bold', color));
  out.push(
    formatTable(
      ['ACCOUNT', 'CURRENCY', { header: 'PER DAY', align: 'right' }, { header: 'PER MONTH', align: 'right' }],
      report.payers.map((payer) => [
        payer.account,
        payer.currency,
        payer.currency === 'USD' ? { text: 'monthly', style: 'dim' } : money(payer.dailyCost),
        money(payer.monthlyCost),
      ]),
      { color },
    ),
  );
  out.push(paint(`Total per month${month ? ` (${month})` : ''}, per currency`, 'bold', color));
  out.push(
    formatTable(
      ['CURRENCY', { header: 'PER MONTH', align: 'right' }],
      monthlyTotalsByCurrency(report).map(({ currency, monthly }) => [currency, money(monthly)]),
      { color },
    ),
  );
  return out.join('\n');
}

function formatCcns(ccns: CostReport['ccns'], month: string, color: boolean): string[] {
  const out: string[] = [];
  out.push(paint(`CCNs (USD, month ${month})`, 'bold', color));
  out.push(
    formatTable(
      [
        'CCN',
        'PAYER',
        { header: 'PAIRS', align: 'right' },
        { header: 'INSTANCE FEE', align: 'right' },
        { header: 'MONTH COST', align: 'right' },
        'NOTE',
      ],
      ccns.map((ccn) => [
        ccn.id,
        ccn.payer,
        String(ccn.pairs.length),
        ccn.instanceFee.toFixed(2),
        ccn.monthly ? money(ccn.monthly.cost) : '-',
        ccn.monthly === null
          ? { text: 'not billed (no active member)', style: 'dim' }
          : ccn.priceOnRequest
            ? { text: 'price on request', style: 'warning' }
            : '',
      ]),
      { color },
    ),
  );
  for (const ccn of ccns) {
    if (ccn.pairs.length === 0) continue;
    out.push(paint(`${visible(ccn.id)}: region pairs (monthly 95th percentile)`, 'bold', color));
    out.push(
      formatTable(
        [
          'REGIONS',
          { header: 'P95 MBPS', align: 'right' },
          { header: 'VALID DAYS', align: 'right' },
          { header: 'PRICE/MBPS', align: 'right' },
          { header: 'COST', align: 'right' },
          'SOURCE',
        ],
        ccn.pairs.map((pair) => [
          `${pair.regions[0]} - ${pair.regions[1]}`,
          mbps(pair.p95Mbps),
          String(pair.validDays),
          pair.pricePerMbps === null ? { text: 'on request', style: 'warning' } : String(pair.pricePerMbps),
          money(pair.cost),
          pair.measured
            ? 'measured'
            : pair.p95Mbps === 0
              ? { text: 'no samples, no expectedP95', style: 'dim' }
              : { text: 'planned (expectedP95)', style: 'dim' },
        ]),
        { color },
      ),
    );
  }
  return out;
}

function formatPeerings(
  report: CostReport,
  month: string,
  color: boolean,
  measured: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
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
  return out;
}
