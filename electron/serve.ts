/**
 * `npm run serve`: the browser build. Serves dist-renderer/ and the API on 127.0.0.1 and prints
 * the URL to open (the secret rides in its fragment). `--db FILE` / `PEERPLAN_DB` choose the
 * library, `--port N` a fixed port. Every problem (a bad option, a port in use, a library that
 * cannot be used) is one line on stderr and exit status 2.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { StoreError } from '../shared/store/repository';
import { visible } from '../shared/text/visible';
import { startServer } from './server';
import { resolveLibraryPath } from './store/location';

const USAGE = 'Usage: npm run serve -- [--db FILE] [--port N]';

function fail(message: string): never {
  process.stderr.write(`serve: ${visible(message)}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { db?: string; port?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { db: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    fail(`${(error as Error).message} (${USAGE})`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || !Number.isInteger(port) || port < 0 || port > 65535) {
    fail(`--port must be a port number, not "${values.port}"`);
  }
  const dbPath = resolveLibraryPath({ db: values.db });
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  try {
    const server = await startServer({ dbPath, port, version });
    // The path is the user's (--db, PEERPLAN_DB): a control character in it must not reach the terminal raw.
    process.stdout.write(
      `Peerplan (browser build) on 127.0.0.1, library ${visible(dbPath)}\nOpen: ${server.url}\nCtrl+C stops it.\n`,
    );
    const stop = () => void server.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    if (error instanceof StoreError) fail(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`port ${port} on 127.0.0.1 is in use (choose another with --port N)`);
    if (code === 'EACCES') fail(`port ${port} on 127.0.0.1 is not allowed for this user`);
    fail(String(error));
  }
}

await main();
