/**
 * `peerplan migrate PLAN.json --peering ID [--ccn ID] [-o FILE]`: the CCN that replaces a
 * cross-region peering (spec/ccn.md "Migration"; `shared/edit/migrate-ccn.ts`). The proposal is
 * a normalised plan file, written to FILE or stdout; the checklist (the cloud's five steps, each
 * with its findings and monthly cost per currency, and the cost before and after) goes to stdout
 * with -o, and to stderr when the plan is on stdout, so a pipe receives the plan alone.
 */
import { writeFileSync } from 'node:fs';
import { exportPlanJson } from '../../../shared/export/plan-json';
import type { CcnMigration, MonthlyCostByCurrency } from '../../../shared/edit/migrate-ccn';
import { proposeCcnMigration } from '../../../shared/edit/migrate-ccn';
import type { Finding } from '../../../shared/rules/finding';
import { summarizeFindings } from '../../../shared/rules/finding';
import { visible } from '../../../shared/text/visible';
import { EXIT_OK, EXIT_UNUSABLE, UsageError, parseCommandArgs, printErrorLine } from '../command';
import type { CliCommand } from '../command';
import { loadPlanOrExit } from '../load';
import { paint, useColor } from '../table';

/** Findings listed per step; the rest are counted. */
const FINDINGS_PER_STEP = 20;

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'migrate PLAN.json --peering ID [--ccn ID] [-o FILE]',
  summary:
    'propose the CCN that replaces a cross-region peering: the plan to FILE or stdout, the five steps with findings and monthly cost each (on stderr when the plan is on stdout)',
  run(args) {
    const { values, positionals } = parseCommandArgs(
      migrateCommand,
      args,
      {
        peering: { type: 'string' },
        ccn: { type: 'string' },
        output: { type: 'string', short: 'o' },
      },
      { min: 1, max: 1, names: 'PLAN.json' },
    );
    if (values.peering === undefined) throw new UsageError('missing --peering ID', migrateCommand);
    const path = positionals[0]!;
    const plan = loadPlanOrExit(path);
    const result = proposeCcnMigration(
      plan,
      values.peering,
      values.ccn === undefined ? {} : { ccnId: values.ccn },
    );
    if (!result.ok) {
      printErrorLine(`${path}: ${result.message}`);
      return EXIT_UNUSABLE;
    }
    const text = exportPlanJson(result.migration.plan);
    if (values.output === undefined) {
      process.stdout.write(text);
      process.stderr.write(formatMigration(result.migration, useColor(process.stderr)));
      return EXIT_OK;
    }
    try {
      writeFileSync(values.output, text);
    } catch (error) {
      printErrorLine(`${values.output}: cannot write the plan: ${(error as Error).message}`);
      return EXIT_UNUSABLE;
    }
    process.stdout.write(formatMigration(result.migration, useColor(), values.output));
    return EXIT_OK;
  },
};

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function money(value: number | null): string {
  return value === null ? 'on request' : value.toFixed(2);
}

/** `13200.00 CNY + 2220.00 USD` would be one mixed number: each currency stands alone. */
export function formatCostByCurrency(cost: MonthlyCostByCurrency): string {
  return `${money(cost.CNY)} CNY (peerings), ${money(cost.USD)} USD (CCNs)`;
}

function findingLine(finding: Finding): string {
  return `${finding.severity} ${finding.code} [${finding.subjects.join(', ')}] ${finding.message}`;
}

/** The checklist for people: the CCN, the cost before and after, then each step. */
export function formatMigration(migration: CcnMigration, color: boolean, writtenTo?: string): string {
  const ccn = migration.plan.ccns.find((c) => c.id === migration.ccnId)!;
  const lines: string[] = [];
  const bold = (text: string) => paint(visible(text), 'bold', color);
  lines.push(
    bold(
      `Migration of peering ${migration.peeringId} to ${migration.newCcn ? 'a new' : 'the existing'} CCN ${ccn.id} (${ccn.name}, account ${ccn.account}), costs of ${migration.month}`,
    ),
  );
  lines.push(`  Monthly cost before: ${formatCostByCurrency(migration.before)}`);
  lines.push(`  Monthly cost after:  ${formatCostByCurrency(migration.after)}`);
  for (const step of migration.steps) {
    lines.push('', bold(`${step.number}. ${step.title}`));
    lines.push(`   ${visible(step.detail)}`);
    if (step.note !== undefined) lines.push(paint(`   Note: ${visible(step.note)}`, 'warning', color));
    const { errors, warnings, infos } = summarizeFindings(step.findings);
    lines.push(
      `   Findings: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')}`,
    );
    for (const finding of step.findings.slice(0, FINDINGS_PER_STEP)) {
      const style =
        finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'dim';
      lines.push(paint(`     ${visible(findingLine(finding))}`, style, color));
    }
    if (step.findings.length > FINDINGS_PER_STEP)
      lines.push(
        `     … and ${step.findings.length - FINDINGS_PER_STEP} more (peerplan check on the plan of this step)`,
      );
    lines.push(`   Monthly cost: ${formatCostByCurrency(step.monthlyCost)}`);
  }
  lines.push(
    '',
    writtenTo === undefined
      ? 'The proposal (step 1, the peering kept) is the plan on stdout.'
      : `The proposal (step 1, the peering kept) is written to ${visible(writtenTo)}.`,
  );
  return `${lines.join('\n')}\n`;
}
