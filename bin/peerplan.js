#!/usr/bin/env -S node --max-semi-space-size=64
// The `peerplan` command line: runs the plain-JavaScript bundle dist-cli/peerplan.cjs, built from
// electron/cli by esbuild (`npm run build:cli`, run by `prepare` at `npm ci`). No TypeScript
// loader at run time.
//
// Start-up is what CI pays on every `peerplan check` (see the `cli-startup` benchmark section):
// - This file is CommonJS (bin/package.json): an ES module entry starts Node's ES module loader,
//   which loads about 40 more internal modules than the CommonJS one.
// - The bundle is compiled with V8's code cache (as v8-compile-cache and Node 22's
//   module.enableCompileCache do): the first run writes a dist-cli/peerplan.cjs.*.cache beside
//   the bundle, later runs skip most of the parsing and compiling. A cache that cannot be written
//   (a read-only install) is skipped.
//
// --max-semi-space-size=64: V8's young generation (16 MB per semi-space by default) is smaller
// than the object graph of a large plan file, so JSON.parse of a 12 MB plan triggers several
// scavenges that each copy everything parsed so far; with 64 MB it costs about half. The
// Electron main process passes the same flag to its renderers, and `npm run bench` runs with it.
'use strict';
const { readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { createRequire, Module } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist-cli', 'peerplan.cjs');

let source;
let stat;
try {
  source = readFileSync(BUNDLE, 'utf8');
  stat = statSync(BUNDLE);
} catch {
  process.stderr.write(
    'peerplan: the command line is not built yet; run `npm run build:cli` (npm ci does it)\n',
  );
  process.exit(2);
}
// Named by the bundle's size and time (V8 checks only a cache's source length, so a cache of an
// earlier build of the same length would be taken for this one) and by Node's version and flags
// (V8 rejects a cache made under other flags: runs with and without them would keep rewriting it).
const runtime = [process.version, ...process.execArgv].join('_').replace(/[^\w.=-]+/g, '_');
const cache = `${BUNDLE}.${stat.size}-${Math.trunc(stat.mtimeMs)}-${runtime}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cache);
} catch {
  cachedData = undefined;
}
const script = new Script(Module.wrap(source), { filename: BUNDLE, cachedData });
const cli = { exports: {} };
script.runInThisContext()(cli.exports, createRequire(BUNDLE), cli, BUNDLE, dirname(BUNDLE));

void cli.exports.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // After the run, so the cache holds the functions this command compiled too.
  if (cachedData !== undefined && !script.cachedDataRejected) return;
  try {
    const temporary = `${cache}.${process.pid}`;
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cache);
  } catch {
    // A read-only install: run without the cache.
  }
});
