/**
 * What every `peerplan` command shares: its entry in the registry, argument parsing with
 * `node:util` parseArgs, and the usage error that makes the command line print the usage and
 * exit 2.
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { visible } from '../../shared/text/visible';

export interface CliCommand {
  /** The word after `peerplan`. */
  readonly name: string;
  /** The synopsis, e.g. `check PLAN.json [--json]`. */
  readonly usage: string;
  /** One line for `peerplan --help`. */
  readonly summary: string;
  /** Runs with the arguments after the command name; resolves to the exit status. */
  run(args: readonly string[]): number | Promise<number>;
}

/** A bad argument: the command line prints the message and the usage, and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to print; undefined for the general usage. */
    readonly command?: CliCommand,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit statuses shared by all commands (cli.md). */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNUSABLE = 2;
/** A bug in peerplan itself (EX_SOFTWARE of sysexits.h), told by one line on stderr. */
export const EXIT_INTERNAL = 70;

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * parseArgs in strict mode, with the positional count checked; any problem becomes a
 * UsageError naming this command.
 */
export function parseCommandArgs<T extends Options>(
  command: CliCommand,
  args: readonly string[],
  options: T,
  positionals: { min: number; max: number; names?: string },
): {
  values: ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>>['values'];
  positionals: string[];
} {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), command);
  }
  const count = parsed.positionals.length;
  if (count < positionals.min) {
    throw new UsageError(`missing ${positionals.names ?? 'argument'}`, command);
  }
  if (count > positionals.max) {
    throw new UsageError(`unexpected argument "${parsed.positionals[positionals.max]}"`, command);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/**
 * One line on stderr: an error or a notice. The text is shown with its control and bidi
 * characters escaped (names and file contents end up in these messages), so it stays one line
 * and cannot drive the terminal.
 */
export function printErrorLine(message: string): void {
  process.stderr.write(`${visible(message)}\n`);
}

/** Writes one JSON document to stdout (the `--json` contract: exactly one document). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Why a file cannot be read, in words. */
export function readProblem(error: NodeJS.ErrnoException, what: string): string {
  return error.code === 'ENOENT'
    ? 'no such file'
    : error.code === 'EISDIR'
      ? `is a directory, not ${what}`
      : error.code === 'EACCES'
        ? 'permission denied'
        : error.message;
}
