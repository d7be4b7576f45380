/**
 * `npm run serve`: the browser build. Serves dist-renderer/ and the API on 127.0.0.1 and prints
 * the URL to open (the secret rides in its fragment). `--db FILE` / `PEERPLAN_DB` choose the
 * library, `--port N` a fixed port.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { StoreError } from '../shared/store/repository';
import { startServer } from './server';
import { resolveLibraryPath } from './store/location';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write('Usage: npm run serve -- [--db FILE] [--port N]\n');
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`serve: --port must be a port number, not "${values.port}"\n`);
    process.exit(2);
  }
  const dbPath = resolveLibraryPath({ db: values.db });
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  try {
    const server = await startServer({ dbPath, port, version });
    process.stdout.write(
      `Peerplan (browser build) on 127.0.0.1, library ${dbPath}\nOpen: ${server.url}\nCtrl+C stops it.\n`,
    );
    const stop = () => void server.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    if (error instanceof StoreError) {
      process.stderr.write(`serve: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

await main();
