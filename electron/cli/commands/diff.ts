/**
 * `peerplan diff A.json B.json [--json | --to md]`: what changed from A to B and what follows
 * (findings, reachability, cost); `--to md` writes it as a pull-request comment. Exit 0 when B introduces no error finding, 1 when it does, 2 when either
 * file cannot be used (cli.md).
 */
import { diffPlans, formatPlanDiff, planDiffJson } from '../../../shared/diff/plan-diff';
import { formatPlanDiffMarkdown } from '../../../shared/diff/plan-diff-markdown';
import { visible } from '../../../shared/text/visible';
import {
  EXIT_FINDINGS,
  EXIT_OK,
  EXIT_UNUSABLE,
  UsageError,
  parseCommandArgs,
  printErrorLine,
  printJson,
} from '../command';
import type { CliCommand } from '../command';
import { loadPlan } from '../load';
import { paint, useColor } from '../table';
import type { Style } from '../table';

export const diffCommand: CliCommand = {
  name: 'diff',
  usage: 'diff A.json B.json [--json | --to md]',
  summary:
    'what changed from A to B and what follows (findings, reachability, cost); exit 0 / 1 (B introduces an error) / 2',
  run(args) {
    const { values, positionals } = parseCommandArgs(
      diffCommand,
      args,
      { json: { type: 'boolean', default: false }, to: { type: 'string' } },
      { min: 2, max: 2, names: 'A.json and B.json' },
    );
    const [fileA, fileB] = positionals as [string, string];
    if (values.to !== undefined && values.to !== 'md')
      throw new UsageError(`unknown format "${values.to}" (diff writes md; --json for JSON)`, diffCommand);
    if (values.to !== undefined && values.json)
      throw new UsageError('--json and --to md exclude each other', diffCommand);
    // Both files are read before failing, so one run reports both unusable files.
    const a = loadPlan(fileA);
    const b = loadPlan(fileB);
    if (!a.ok || !b.ok) {
      for (const result of [a, b]) if (!result.ok) printErrorLine(result.message);
      return EXIT_UNUSABLE;
    }
    const diff = diffPlans(a.plan, b.plan);
    if (values.json) printJson(planDiffJson(diff));
    else if (values.to === 'md')
      process.stdout.write(formatPlanDiffMarkdown(diff, { names: { a: fileA, b: fileB } }));
    else process.stdout.write(colorize(formatPlanDiff(diff, { a: fileA, b: fileB }), useColor()));
    return diff.summary.errorsIntroduced > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
};

/**
 * Colour on a terminal: additions green, removals red, changes yellow, the verdict by outcome.
 * Each line is shown through `visible` first (names in it may hold control or bidi characters).
 */
function colorize(text: string, color: boolean): string {
  if (!color) return text.split('\n').map(visible).join('\n');
  const styleOf = (line: string): Style | undefined => {
    if (/^\s+\+ /.test(line) || line.startsWith('✓')) return 'ok';
    if (/^\s+- /.test(line) || line.startsWith('✗')) return 'error';
    if (/^\s+~ /.test(line)) return 'warning';
    if (/^[A-Z]/.test(line)) return 'bold';
    return undefined;
  };
  return text
    .split('\n')
    .map((line) => paint(visible(line), styleOf(line), color))
    .join('\n');
}
