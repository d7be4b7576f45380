/**
 * `peerplan export PLAN.json --to md|html|csv|tf|api|json [-o FILE]`: the plan in the forms
 * reviewers use. Every format is a pure function of the plan in shared/export (the app's export
 * menu calls the same ones); this command only picks one and writes its text to FILE or stdout.
 */
import { writeFileSync } from 'node:fs';
import { exportApiSequence } from '../../../shared/export/api-sequence';
import { exportPlanJson } from '../../../shared/export/plan-json';
import { exportHtmlReport } from '../../../shared/export/report-html';
import { exportMarkdownReport } from '../../../shared/export/report-markdown';
import { exportRouteCsv } from '../../../shared/export/route-csv';
import { exportTerraform } from '../../../shared/export/terraform';
import type { Plan } from '../../../shared/plan/model';
import { EXIT_OK, EXIT_UNUSABLE, UsageError, parseCommandArgs } from '../command';
import type { CliCommand } from '../command';
import { loadPlanOrExit } from '../load';

/** Each format's writer; the keys are the values `--to` accepts. */
export const EXPORT_FORMATS: Readonly<Record<string, (plan: Plan) => string>> = {
  md: exportMarkdownReport,
  html: exportHtmlReport,
  csv: (plan) => exportRouteCsv(plan),
  tf: exportTerraform,
  api: exportApiSequence,
  json: exportPlanJson,
};

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export PLAN.json --to md|html|csv|tf|api|json [-o FILE]',
  summary:
    'review report (Markdown, HTML), route tables as CSV, Terraform, the Tencent Cloud API call sequence, plan JSON',
  run(args) {
    const { values, positionals } = parseCommandArgs(
      exportCommand,
      args,
      { to: { type: 'string' }, output: { type: 'string', short: 'o' } },
      { min: 1, max: 1, names: 'PLAN.json' },
    );
    const format = values.to;
    if (format === undefined) throw new UsageError('missing --to FORMAT', exportCommand);
    const write = EXPORT_FORMATS[format];
    if (!write) {
      throw new UsageError(
        `unknown format "${format}" (one of ${Object.keys(EXPORT_FORMATS).join(', ')})`,
        exportCommand,
      );
    }
    const plan = loadPlanOrExit(positionals[0]!);
    const text = write(plan);
    if (values.output === undefined) {
      process.stdout.write(text);
      return EXIT_OK;
    }
    try {
      writeFileSync(values.output, text);
    } catch (error) {
      process.stderr.write(`${values.output}: cannot write the export: ${(error as Error).message}\n`);
      return EXIT_UNUSABLE;
    }
    return EXIT_OK;
  },
};
