/**
 * `peerplan <command> …`: the engine without a window (cli.md). Dispatches to the registered
 * commands; a bad argument prints the usage on stderr and exits 2.
 */
import { visible } from '../../shared/text/visible';
import { EXIT_INTERNAL, UsageError } from './command';
import type { CliCommand } from './command';
import { COMMANDS, findCommand } from './commands/index';

function generalUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  const lines = COMMANDS.map((c) => `  peerplan ${c.usage.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: peerplan <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  -h, --help  show this help (also: peerplan <command> --help)',
    '',
    'Exit status: 0 fine, 1 the plan has errors (check, diff), 2 unusable file or bad arguments.',
  ].join('\n');
}

function commandUsage(command: CliCommand): string {
  return `Usage: peerplan ${command.usage}\n\n${command.summary}`;
}

export async function main(argv: readonly string[]): Promise<number> {
  endQuietlyOnClosedPipe(process.stdout, 0);
  endQuietlyOnClosedPipe(process.stderr, null);
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(`${generalUsage()}\n`);
    return 2;
  }
  if (name === '-h' || name === '--help' || name === 'help') {
    const topic = name === 'help' && rest[0] ? findCommand(rest[0]) : undefined;
    process.stdout.write(`${topic ? commandUsage(topic) : generalUsage()}\n`);
    return 0;
  }
  const command = findCommand(name);
  if (!command) {
    process.stderr.write(`peerplan: unknown command "${visible(name)}"\n\n${generalUsage()}\n`);
    return 2;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(`${commandUsage(command)}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      const usage = error.command ? commandUsage(error.command) : generalUsage();
      process.stderr.write(`peerplan ${name}: ${visible(error.message)}\n\n${usage}\n`);
      return 2;
    }
    // A bug, not bad input: one line still (the fuzz tests hold every input to that), and an exit
    // status of its own so scripts can tell it from an unusable file.
    const detail = process.env.PEERPLAN_DEBUG ? (error as Error).stack : String(error);
    process.stderr.write(`peerplan ${name}: internal error: ${visible(String(detail))}\n`);
    return EXIT_INTERNAL;
  }
}

/**
 * A reader that stops early (`peerplan export … | head -c1`) closes the pipe; the rest of the
 * output has nowhere to go, and that is not an error: end quietly with status 0. (Node ignores
 * SIGPIPE, so the closed pipe shows up as EPIPE on the next write.)
 */
function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream, exitStatus: number | null): void {
  if (stream.listenerCount('error') > 0) return; // installed by an earlier run in this process
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      if (exitStatus !== null) process.exit(exitStatus);
      return;
    }
    throw error;
  });
}
