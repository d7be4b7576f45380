/**
 * `peerplan import-tencent DIR -o PLAN.json`: a plan from saved answers of DescribeVpcs,
 * DescribeSubnets, DescribeRouteTables and DescribeVpcPeeringConnections (every `*.json` under
 * DIR, recognised by content; a region in the path, e.g. `ap-guangzhou/DescribeVpcs.json`, places
 * the VPCs of that file). Whatever cannot be mapped is listed on stderr, one line each, naming the
 * file and the JSON path. Exit 0 when a plan was written, 2 when DIR cannot be used.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { exportPlanJson } from '../../../shared/export/plan-json';
import { formatUnmapped, importTencent } from '../../../shared/import/tencent';
import type { ImportSourceFile } from '../../../shared/import/tencent';
import { normalizePlan } from '../../../shared/plan/normalize';
import { planFileSchema } from '../../../shared/plan/schema';
import { EXIT_OK, EXIT_UNUSABLE, parseCommandArgs, printErrorLine } from '../command';
import type { CliCommand } from '../command';
import { today } from '../load';

export const importTencentCommand: CliCommand = {
  name: 'import-tencent',
  usage: 'import-tencent DIR -o PLAN.json [--region REGION] [--account UIN] [--name NAME]',
  summary:
    'a plan from saved answers of DescribeVpcs, DescribeSubnets, DescribeRouteTables, DescribeVpcPeeringConnections',
  run(args) {
    const { values, positionals } = parseCommandArgs(
      importTencentCommand,
      args,
      {
        output: { type: 'string', short: 'o' },
        region: { type: 'string' },
        account: { type: 'string' },
        name: { type: 'string' },
      },
      { min: 1, max: 1, names: 'DIR' },
    );
    const dir = positionals[0]!;
    let files: ImportSourceFile[];
    try {
      files = readAnswers(dir);
    } catch (error) {
      process.stderr.write(`${dir}: cannot read the directory: ${(error as Error).message}\n`);
      return EXIT_UNUSABLE;
    }
    if (files.length === 0) {
      process.stderr.write(`${dir}: no .json file (saved Describe* answers) found\n`);
      return EXIT_UNUSABLE;
    }
    const asOf = today();
    const { file, unmapped } = importTencent(files, {
      asOf,
      ...(values.region !== undefined ? { region: values.region } : {}),
      ...(values.account !== undefined ? { account: values.account } : {}),
      ...(values.name !== undefined ? { name: values.name } : {}),
    });
    // Cloud answers are input like any other: their strings are shown with controls escaped.
    for (const item of unmapped) printErrorLine(formatUnmapped(item));
    // The import builds the file itself; checking it against the schema keeps a bug from
    // writing a plan that the other commands would refuse.
    const checked = planFileSchema.safeParse(file);
    if (!checked.success) {
      process.stderr.write(`${dir}: the imported plan does not fit peerplan/1: ${checked.error.message}\n`);
      return EXIT_UNUSABLE;
    }
    const plan = normalizePlan(checked.data, { today: asOf });
    const text = exportPlanJson(plan);
    if (values.output !== undefined) writeFileSync(values.output, text);
    else process.stdout.write(text);
    const subnets = plan.vpcs.reduce((n, v) => n + v.subnets.length, 0);
    const routes = plan.vpcs.reduce((n, v) => n + v.routeTables.reduce((m, t) => m + t.routes.length, 0), 0);
    process.stderr.write(
      `imported ${plan.vpcs.length} VPCs, ${subnets} subnets, ${routes} routes, ${plan.peerings.length} peerings` +
        ` from ${files.length} files${unmapped.length > 0 ? `; ${unmapped.length} items not mapped (listed above)` : ''}` +
        `${values.output !== undefined ? ` -> ${values.output}` : ''}\n`,
    );
    return EXIT_OK;
  },
};

/** Every `*.json` under `dir`, by path relative to it (forward slashes), sorted; or the one file `dir` names. */
function readAnswers(dir: string): ImportSourceFile[] {
  // A single saved answer works too: it is read alone, named as given.
  if (statSync(dir).isFile()) return [{ name: dir.split(sep).join('/'), text: readFileSync(dir, 'utf8') }];
  if (!statSync(dir).isDirectory()) throw new Error('not a directory');
  const paths: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) paths.push(full);
    }
  };
  walk(dir);
  return paths
    .map((full) => ({ full, name: relative(dir, full).split(sep).join('/') }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ full, name }) => ({ name, text: readFileSync(full, 'utf8') }));
}
