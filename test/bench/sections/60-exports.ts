/**
 * Exports, import and diff on the reference plan: one timed run each (median of a few), so a
 * quadratic slip in a writer shows up. The Markdown and HTML reports include the full analysis
 * (findings, effective route tables, suggestions, reachability of peered pairs, costs); the tf,
 * api, csv and json writers are timed on their own. The import is timed on the reference plan's
 * Describe* answers, the diff on the plan against a copy with one route removed. Then the same
 * writers on the plan with three CCNs of 25 VPCs each (members in a mix of regions, one attached
 * subnet by subnet): what the CCN parts add.
 */
import { diffPlans } from '../../../shared/diff/plan-diff';
import { exportApiSequence } from '../../../shared/export/api-sequence';
import { exportPlanJson } from '../../../shared/export/plan-json';
import { exportHtmlReport } from '../../../shared/export/report-html';
import { exportMarkdownReport } from '../../../shared/export/report-markdown';
import { exportRouteCsv } from '../../../shared/export/route-csv';
import { exportTerraform } from '../../../shared/export/terraform';
import { importTencent } from '../../../shared/import/tencent';
import type { Plan } from '../../../shared/plan/model';
import { parsePlanText } from '../../../shared/plan/parse';
import { describeAnswersOf } from '../../shared/import/describe-answers';
import { median, ms } from '../harness';
import type { BenchContext } from '../harness';
import { referencePlanFile, referencePlanText } from '../reference-plan';

const TODAY = '2026-11-26';

export default async function exportsSection(ctx: BenchContext): Promise<void> {
  const parsed = parsePlanText(referencePlanText(), { today: TODAY });
  if (!parsed.ok) throw new Error(`the reference plan does not parse: ${parsed.error.message}`);
  const plan = parsed.plan;
  const runs = Math.min(ctx.runs, 3);
  const size = (text: string) => `${(text.length / 1_048_576).toFixed(1)} MB`;

  const writers: [string, (p: Plan) => string][] = [
    ['tf', exportTerraform],
    ['api', exportApiSequence],
    ['json', exportPlanJson],
    ['csv', (p) => exportRouteCsv(p)],
    ['md', exportMarkdownReport],
    ['html', exportHtmlReport],
  ];
  for (const [format, write] of writers) {
    let text = '';
    const time = await median(() => (text = write(plan)), runs, 1);
    ctx.log(`export --to ${format.padEnd(4)} ${ms(time).padStart(10)}  (${size(text)})`);
  }

  const answers = describeAnswersOf(plan);
  const importTime = await median(() => importTencent(answers, { asOf: TODAY }), runs, 1);
  ctx.log(`import-tencent  ${ms(importTime).padStart(10)}  (${answers.length} answer files)`);

  const table = plan.vpcs.find((v) => v.routeTables.some((t) => t.routes.length > 0))!;
  const changed: Plan = {
    ...plan,
    vpcs: plan.vpcs.map((v) =>
      v === table
        ? {
            ...v,
            routeTables: v.routeTables.map((t) =>
              t.routes.length > 0 ? { ...t, routes: t.routes.slice(1) } : t,
            ),
          }
        : v,
    ),
  };
  const diffTime = await median(() => diffPlans(plan, changed), runs, 1);
  ctx.log(`diff            ${ms(diffTime).padStart(10)}  (one route removed)`);

  // The same writers with three CCNs of 25 VPCs each (every 40th VPC, so the members spread over
  // the regions and accounts; the third CCN publishes subnets).
  const file = referencePlanFile() as { vpcs: { id: string }[] } & Record<string, unknown>;
  const members = file.vpcs.filter((_, i) => i % 40 === 0).slice(0, 75);
  const withCcns = parsePlanText(
    JSON.stringify({
      ...file,
      ccns: [0, 1, 2].map((n) => ({
        id: `ccn-bench-${n}`,
        name: `bench ${n}`,
        account: (file.accounts as { id: string }[])[0]!.id,
        attachments: members.slice(n * 25, n * 25 + 25).map((vpc, i) => ({
          vpc: vpc.id,
          attachedAt: `2026-11-${String((i % 28) + 1).padStart(2, '0')}`,
          ...(n === 2 ? { publish: 'subnets' } : {}),
        })),
      })),
    }),
    { today: TODAY },
  );
  if (!withCcns.ok) throw new Error(`the plan with CCNs does not parse: ${withCcns.error.message}`);
  for (const [format, write] of writers) {
    let text = '';
    const time = await median(() => (text = write(withCcns.plan)), runs, 1);
    ctx.log(`with 3 CCNs: export --to ${format.padEnd(4)} ${ms(time).padStart(10)}  (${size(text)})`);
  }
}
