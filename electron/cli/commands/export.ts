/**
 * `peerplan export PLAN.json --to md|html|csv|tf|api|json [-o FILE]`: the plan in the forms
 * reviewers use. Every format is a pure function of the plan in shared/export (the app's export
 * menu calls the same ones); this command only picks one and writes its text to FILE or stdout.
 */
import { writeFileSync } from 'node:fs';
import { EXPORT_FORMATS, findExportFormat } from '../../../shared/export/formats';
import { EXIT_OK, EXIT_UNUSABLE, UsageError, parseCommandArgs, printErrorLine } from '../command';
import type { CliCommand } from '../command';
import { loadPlanOrExit } from '../load';

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
    const exporter = findExportFormat(format);
    if (!exporter) {
      throw new UsageError(
        `unknown format "${format}" (one of ${EXPORT_FORMATS.map((f) => f.id).join(', ')})`,
        exportCommand,
      );
    }
    const plan = loadPlanOrExit(positionals[0]!);
    const text = exporter.write(plan);
    if (values.output === undefined) {
      process.stdout.write(text);
      return EXIT_OK;
    }
    try {
      writeFileSync(values.output, text);
    } catch (error) {
      printErrorLine(`${values.output}: cannot write the export: ${(error as Error).message}`);
      return EXIT_UNUSABLE;
    }
    return EXIT_OK;
  },
};
