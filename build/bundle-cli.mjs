// Bundles the `peerplan` command line into one plain-JavaScript file, dist-cli/peerplan.cjs, so
// `npx peerplan` (bin/peerplan.js) and the packaged app run it without a TypeScript loader.
// Run by `npm run build:cli`, by the `prepare` script at `npm ci`, and by the unit tests' global
// setup (so the tests always run the bundle of the current sources).
//
// CommonJS because the Electron main process `require`s the same file for `peerplan --cli …`
// inside the packaged app. Minified because V8 compiles every byte at start-up (`peerplan check`
// in CI pays it on every run; see the `cli` benchmark section).
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI_BUNDLE = fileURLToPath(new URL('../dist-cli/peerplan.cjs', import.meta.url));

/**
 * Native and built-in modules that only some commands need, loaded on their first use instead of
 * at start-up: better-sqlite3 (the `db` commands; a native addon), node:crypto (the library's IDs)
 * and node:readline (streamed traffic CSV). Together they were about 10 ms of every `peerplan
 * check`. better-sqlite3 stays external (built for Node by `npm ci`, for Electron by
 * electron-builder): its stand-in forwards `new`, calls and properties; a built-in's stand-in
 * has a getter per export (the names read from Node itself here).
 */
const LAZY_EXTERNALS = ['better-sqlite3', 'node:crypto', 'node:readline'];

const lazyExternals = {
  name: 'lazy-externals',
  setup(pluginBuild) {
    const filter = new RegExp(
      `^(${LAZY_EXTERNALS.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`,
    );
    pluginBuild.onResolve({ filter }, (args) =>
      args.namespace === 'lazy-external'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'lazy-external' },
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy-external' }, async (args) => {
      const load = `let loaded;
const load = () => (loaded ??= require(${JSON.stringify(args.path)}));`;
      if (!args.path.startsWith('node:')) {
        return {
          contents: `${load}
module.exports = new Proxy(function () {}, {
  construct: (_target, args) => new (load())(...args),
  apply: (_target, self, args) => load().apply(self, args),
  get: (_target, key) => load()[key],
  has: (_target, key) => key in load(),
});`,
          loader: 'js',
        };
      }
      const names = Object.keys(await import(args.path)).filter((name) => name !== 'default');
      return {
        contents: `${load}
${names.map((name) => `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: () => load()[${JSON.stringify(name)}] });`).join('\n')}`,
        loader: 'js',
      };
    });
  },
};

/**
 * Modules loaded on first use instead of at start-up: the plan file schema is where zod comes
 * in, and zod is more than half of the command line's start-up (about 25 ms of 40), while only a
 * plan file that fails the fast shape check (shared/plan/fast-shape.ts) needs it. Importers get
 * a stand-in whose exports are getters that `require` the real module (which esbuild then wraps
 * in a lazy initialiser, zod with it). The export names come from esbuild itself, so a new
 * export of the module is never missing from the stand-in.
 */
const LAZY_MODULES = ['shared/plan/schema.ts'];

const lazyModules = {
  name: 'lazy-modules',
  setup(pluginBuild) {
    const lazyPaths = new Set(LAZY_MODULES.map((file) => join(ROOT, file)));
    pluginBuild.onResolve({ filter: /\/schema$/ }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const resolved = await pluginBuild.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: { real: true },
      });
      if (!lazyPaths.has(resolved.path) || args.kind === 'require-call') return undefined;
      return { path: resolved.path, namespace: 'lazy-module' };
    });
    pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy-module' }, async (args) => {
      const probe = await build({
        entryPoints: [args.path],
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      const names = Object.values(probe.metafile.outputs)[0].exports;
      return {
        contents: `let loaded;
const load = () => (loaded ??= require(${JSON.stringify(args.path)}));
${names.map((name) => `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: () => load()[${JSON.stringify(name)}] });`).join('\n')}`,
        loader: 'js',
        resolveDir: dirname(args.path),
      };
    });
  },
};

export async function bundleCli() {
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['electron/cli/main.ts'],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // The oldest Node that runs it: package.json's engines (the app's Electron 45 has Node 24).
    target: 'node20.19',
    // jsonc-parser's "main" is a UMD build whose dynamic requires a bundler cannot follow.
    mainFields: ['module', 'main'],
    plugins: [lazyExternals, lazyModules],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // The code caches bin/peerplan.js wrote for earlier builds (see there).
  for (const name of readdirSync(dirname(CLI_BUNDLE))) {
    if (name.endsWith('.cache')) rmSync(join(dirname(CLI_BUNDLE), name), { force: true });
  }
  return CLI_BUNDLE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await bundleCli();
