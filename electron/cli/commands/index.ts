/**
 * The registry of `peerplan` commands: one file per command in this folder, listed here in the
 * order `peerplan --help` shows them. To add a command, write `commands/<name>.ts` exporting a
 * `CliCommand` and add it to this list.
 */
import type { CliCommand } from '../command';
import { checkCommand } from './check';
import { costCommand } from './cost';
import { dbCommand } from './db';
import { diffCommand } from './diff';
import { exportCommand } from './export';
import { importTencentCommand } from './import-tencent';
import { migrateCommand } from './migrate';
import { reachCommand } from './reach';
import { routesCommand } from './routes';

export const COMMANDS: readonly CliCommand[] = [
  checkCommand,
  routesCommand,
  reachCommand,
  costCommand,
  migrateCommand,
  exportCommand,
  diffCommand,
  importTencentCommand,
  dbCommand,
];

export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((command) => command.name === name);
}
