/**
 * `peerplan check PLAN.json [--json]`: validates a plan and prints its findings.
 * Exit 0 when no finding is an error, 1 when any is, 2 when the file cannot be used (cli.md).
 */
import { sortFindings, summarizeFindings } from '../../../shared/rules/finding';
import type { Finding, FindingSummary } from '../../../shared/rules/finding';
import { validatePlan } from '../../../shared/rules/validate';
import { visible } from '../../../shared/text/visible';
import { EXIT_FINDINGS, EXIT_OK, parseCommandArgs, printJson } from '../command';
import type { CliCommand } from '../command';
import { loadPlanOrExit } from '../load';
import { formatTable, paint, useColor } from '../table';

export const checkCommand: CliCommand = {
  name: 'check',
  usage: 'check PLAN.json [--json]',
  summary: 'validates a plan; prints its findings; exit 0 / 1 (errors found) / 2 (unusable file)',
  run(args) {
    const { values, positionals } = parseCommandArgs(
      checkCommand,
      args,
      { json: { type: 'boolean', default: false } },
      { min: 1, max: 1, names: 'PLAN.json' },
    );
    const file = positionals[0]!;
    const plan = loadPlanOrExit(file);
    const findings = sortFindings(validatePlan(plan));
    const summary = summarizeFindings(findings);
    if (values.json) {
      printJson({
        findings: findings.map(({ code, severity, message, subjects }) => ({
          code,
          severity,
          message,
          subjects,
        })),
        summary,
      });
    } else {
      process.stdout.write(formatCheckReport(file, findings, summary, useColor()));
    }
    return summary.errors > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
};

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The people's report: a table of findings (errors first), then a one-line summary. */
export function formatCheckReport(
  file: string,
  findings: readonly Finding[],
  summary: FindingSummary,
  color: boolean,
): string {
  const shown = visible(file);
  const counts = `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}`;
  if (findings.length === 0) {
    return `${paint('✓', 'ok', color)} ${shown}: no findings (0 errors, 0 warnings, 0 infos)\n`;
  }
  const table = formatTable(
    ['SEVERITY', 'CODE', 'SUBJECTS', 'MESSAGE'],
    findings.map((f) => [{ text: f.severity, style: f.severity }, f.code, f.subjects.join(', '), f.message]),
    { color },
  );
  const verdict =
    summary.errors > 0
      ? paint(`✗ ${shown}: ${counts}`, 'error', color)
      : paint(`✓ ${shown}: ${counts}`, 'ok', color);
  return `${table}\n${verdict}\n`;
}
