/**
 * `peerplan db [--db FILE] list | import PLAN.json | export ID [-o FILE]`: the SQLite plan
 * library the app uses, from the command line. The library is `--db FILE`, else `PEERPLAN_DB`,
 * else the app's own (see electron/store/location.ts). A library that cannot be used (not SQLite,
 * damaged, newer, read-only for import) prints one line naming the file and exits 2.
 *
 * The command line uses the repository directly, on its own thread: it has no window or other
 * requests to keep answering, and a worker thread would only add its start-up to every command.
 * (The app and the browser-build server go through the worker: electron/store/worker-client.ts.)
 */
import { existsSync, writeFileSync } from 'node:fs';
import { exportPlanJson } from '../../../shared/export/plan-json';
import { StoreError } from '../../../shared/store/repository';
import { resolveLibraryPath } from '../../store/location';
import { SqlitePlanRepository } from '../../store/sqlite-repository';
import { visible } from '../../../shared/text/visible';
import { EXIT_OK, EXIT_UNUSABLE, UsageError, parseCommandArgs, printErrorLine, printJson } from '../command';
import type { CliCommand } from '../command';
import { loadPlanOrExit } from '../load';
import { printTable } from '../table';

const ACTIONS = ['list', 'import', 'export'] as const;

export const dbCommand: CliCommand = {
  name: 'db',
  usage: 'db [--db FILE] list [--json] | import PLAN.json [--json] | export ID [-o FILE]',
  summary: 'the SQLite plan library that the app uses: list its plans, import a plan file, export a plan',
  run(args) {
    const { values, positionals } = parseCommandArgs(
      dbCommand,
      args,
      {
        db: { type: 'string' },
        output: { type: 'string', short: 'o' },
        json: { type: 'boolean', default: false },
      },
      { min: 1, max: 2, names: 'list, import PLAN.json or export ID' },
    );
    const [action, argument] = positionals as [string, string | undefined];
    if (!(ACTIONS as readonly string[]).includes(action)) {
      throw new UsageError(`unknown action "${action}" (list, import or export)`, dbCommand);
    }
    if (action === 'list' && argument !== undefined)
      throw new UsageError(`unexpected argument "${argument}"`, dbCommand);
    if (action !== 'list' && argument === undefined) {
      throw new UsageError(action === 'import' ? 'missing PLAN.json' : 'missing ID', dbCommand);
    }
    if (values.output !== undefined && action !== 'export')
      throw new UsageError('-o is for export', dbCommand);

    const dbPath = resolveLibraryPath({ db: values.db });
    // Plan files are read (and refused) before the library is opened, so a bad file never creates one.
    const plan = action === 'import' ? loadPlanOrExit(argument!) : undefined;
    if (action !== 'import' && !existsSync(dbPath)) {
      // Reading a library that does not exist must not create one.
      if (action === 'export') {
        printErrorLine(`${dbPath}: there is no library here yet (peerplan db import PLAN.json creates it)`);
        return EXIT_UNUSABLE;
      }
      if (values.json) printJson({ library: dbPath, plans: [] });
      else
        process.stdout.write(
          `${visible(dbPath)}: no library yet (peerplan db import PLAN.json creates it)\n`,
        );
      return EXIT_OK;
    }
    let repository: SqlitePlanRepository | undefined;
    try {
      repository = SqlitePlanRepository.open(dbPath);
      if (action === 'list') {
        const plans = repository.list();
        if (values.json) {
          printJson({ library: repository.path, plans });
        } else if (plans.length === 0) {
          process.stdout.write(`${visible(repository.path)}: no plans yet (peerplan db import PLAN.json)\n`);
        } else {
          printTable(
            [
              'ID',
              'name',
              { header: 'VPCs', align: 'right' },
              { header: 'peerings', align: 'right' },
              'saved',
            ],
            plans.map((p) => [p.id, p.name, String(p.vpcCount), String(p.peeringCount), p.updatedAt]),
          );
        }
      } else if (action === 'import') {
        const stored = repository.import(plan!);
        if (values.json) {
          printJson({ id: stored.id, name: stored.plan.name, library: repository.path });
        } else {
          process.stdout.write(
            `${visible(`${stored.id}  ${stored.plan.name}: imported from ${argument} into ${repository.path}`)} (${stored.plan.vpcs.length} VPCs, ${stored.plan.peerings.length} peerings)\n`,
          );
        }
      } else {
        const text = exportPlanJson(repository.export(argument!));
        if (values.output === undefined) {
          process.stdout.write(text);
        } else {
          try {
            writeFileSync(values.output, text);
          } catch (error) {
            printErrorLine(`${values.output}: cannot write the plan file: ${(error as Error).message}`);
            return EXIT_UNUSABLE;
          }
        }
      }
      return EXIT_OK;
    } catch (error) {
      if (error instanceof StoreError) {
        printErrorLine(error.message);
        return EXIT_UNUSABLE;
      }
      throw error;
    } finally {
      repository?.close();
    }
  },
};
