/**
 * `peerplan import-tencent DIR -o PLAN.json`: a plan from saved answers of DescribeVpcs,
 * DescribeSubnets, DescribeRouteTables, DescribeVpcPeeringConnections and the CCN answers
 * DescribeCcns, DescribeCcnAttachedInstances, DescribeCcnRegionBandwidthLimits (every `*.json` under
 * DIR, recognised by content; a region in the path, e.g. `ap-guangzhou/DescribeVpcs.json`, places
 * the VPCs of that file). Whatever cannot be mapped is listed on stderr, one line each, naming the
 * file and the JSON path. Exit 0 when a plan was written, 2 when DIR cannot be used, the answers
 * cannot make a correct plan (a VPC whose region cannot be found) or the output cannot be written;
 * each of these is said in one line.
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
    'a plan from saved answers of DescribeVpcs, DescribeSubnets, DescribeRouteTables, DescribeVpcPeeringConnections, DescribeCcns, DescribeCcnAttachedInstances, DescribeCcnRegionBandwidthLimits',
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
      printErrorLine(`${dir}: cannot read the directory: ${(error as Error).message}`);
      return EXIT_UNUSABLE;
    }
    if (files.length === 0) {
      printErrorLine(`${dir}: no .json file (saved Describe* answers) found`);
      return EXIT_UNUSABLE;
    }
    const asOf = today();
    const { file, unmapped, errors } = importTencent(files, {
      asOf,
      ...(values.region !== undefined ? { region: values.region } : {}),
      ...(values.account !== undefined ? { account: values.account } : {}),
      ...(values.name !== undefined ? { name: values.name } : {}),
    });
    // Cloud answers are input like any other: their strings are shown with controls escaped.
    for (const item of unmapped) printErrorLine(formatUnmapped(item));
    if (errors.length > 0) {
      for (const item of errors) printErrorLine(formatUnmapped(item));
      printErrorLine(
        `${dir}: no plan written (${errors.length} error${errors.length === 1 ? '' : 's'} above)`,
      );
      return EXIT_UNUSABLE;
    }
    // The import builds the file itself; checking it against the schema keeps a bug from
    // writing a plan that the other commands would refuse. One line: the first problem and its path.
    const checked = planFileSchema.safeParse(file);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const path = issue.path
        .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
        .join('')
        .replace(/^\./, '');
      printErrorLine(`${dir}: the imported plan does not fit peerplan/1: ${path}: ${issue.message}`);
      return EXIT_UNUSABLE;
    }
    const plan = normalizePlan(checked.data, { today: asOf });
    const text = exportPlanJson(plan);
    if (values.output !== undefined) {
      try {
        writeFileSync(values.output, text);
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        printErrorLine(`${values.output}: cannot write the plan (${reason})`);
        return EXIT_UNUSABLE;
      }
    } else process.stdout.write(text);
    const subnets = plan.vpcs.reduce((n, v) => n + v.subnets.length, 0);
    const routes = plan.vpcs.reduce((n, v) => n + v.routeTables.reduce((m, t) => m + t.routes.length, 0), 0);
    printErrorLine(
      `imported ${plan.vpcs.length} VPCs, ${subnets} subnets, ${routes} routes, ${plan.peerings.length} peerings` +
        (plan.ccns.length > 0 ? `, ${plan.ccns.length} CCNs` : '') +
        ` from ${files.length} files${unmapped.length > 0 ? `; ${unmapped.length} items not mapped (listed above)` : ''}` +
        `${values.output !== undefined ? ` -> ${values.output}` : ''}`,
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
