/**
 * `npm run bench`: runs every section in test/bench/sections/*.ts, sorted by file name. Each
 * section exports `default async function (ctx: BenchContext)` and prints its own figures.
 * `npm run bench -- validation` runs only the sections whose file name contains a filter word.
 */
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createContext } from './harness';
import type { BenchContext } from './harness';

const sectionsDir = new URL('./sections/', import.meta.url);
const filters = process.argv.slice(2);
const files = readdirSync(sectionsDir)
  .filter((name) => name.endsWith('.ts'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();

const context = createContext();
process.stdout.write(`Peerplan benchmark (Node ${process.version}, median of ${context.runs} runs)\n`);
for (const file of files) {
  process.stdout.write(`\n== ${file.replace(/\.ts$/, '')}\n`);
  const section = (await import(pathToFileURL(new URL(file, sectionsDir).pathname).href)) as {
    default: (ctx: BenchContext) => Promise<void>;
  };
  await section.default(context);
}
