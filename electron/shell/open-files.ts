/**
 * Plan files opened from outside the window: named on the command line at start, passed to a
 * second launch (which hands its argv to the running instance), or sent by macOS (`open-file`:
 * a double-click in Finder, a drop on the Dock icon). Each is imported into the library, or, if
 * the library already holds exactly that plan, the plan is focused instead of imported twice.
 * Plain functions (no Electron) so they are unit-tested; electron/main.ts wires them to the app.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { formatPlanError, parsePlanText } from '../../shared/plan/parse';
import type { PlanLibrary } from '../../shared/store/repository';

/** The same limit as an import from the window (`plans.import`). */
export const MAX_PLAN_FILE_BYTES = 64 * 1024 * 1024;

/** Options of the app that take a value: their value is not a file to open. */
const OPTIONS_WITH_VALUE = new Set(['--db']);

/**
 * The plan files named in an app's argv: the arguments after the executable (and, unpackaged,
 * after the app folder `electron .` is given) that are not options and end in `.json`, resolved
 * against the directory the launch came from. `--` ends the options.
 */
export function planFilesInArgv(
  argv: readonly string[],
  options: { readonly isPackaged: boolean; readonly workingDirectory: string },
): string[] {
  const files: string[] = [];
  let onlyFiles = false;
  for (let index = options.isPackaged ? 1 : 2; index < argv.length; index++) {
    const arg = argv[index]!;
    if (!onlyFiles && arg === '--') {
      onlyFiles = true;
      continue;
    }
    if (!onlyFiles && arg.startsWith('-')) {
      if (OPTIONS_WITH_VALUE.has(arg)) index++;
      continue;
    }
    if (!/\.json$/i.test(arg)) continue;
    files.push(isAbsolute(arg) ? arg : resolve(options.workingDirectory, arg));
  }
  return files;
}

export type OpenOutcome =
  | { readonly kind: 'imported'; readonly planId: string; readonly name: string }
  | { readonly kind: 'focused'; readonly planId: string; readonly name: string }
  | { readonly kind: 'refused'; readonly message: string };

/**
 * Imports the plan file at `path`, or finds the library plan that already holds exactly this plan
 * (same name, and the same content once normalised: an import then export gives the normalised
 * plan back exactly). Never throws for a bad file: the outcome carries a message naming the file.
 */
export async function openPlanFile(
  path: string,
  deps: { readonly repository: PlanLibrary; readonly today: () => string },
): Promise<OpenOutcome> {
  const name = basename(path);
  let text: string;
  try {
    const { size } = await stat(path);
    if (size > MAX_PLAN_FILE_BYTES) {
      return { kind: 'refused', message: `${path}: the plan file is larger than 64 MB.` };
    }
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'a folder, not a file'
            : 'cannot be read';
    return { kind: 'refused', message: `${path}: ${reason}.` };
  }
  const parsed = parsePlanText(text, { today: deps.today() });
  if (!parsed.ok) return { kind: 'refused', message: formatPlanError(name, parsed.error) };
  const plan = parsed.plan;
  for (const summary of await deps.repository.list()) {
    if (summary.name !== plan.name) continue;
    if (isDeepStrictEqual(await deps.repository.export(summary.id), plan)) {
      return { kind: 'focused', planId: summary.id, name: summary.name };
    }
  }
  const stored = await deps.repository.import(plan);
  return { kind: 'imported', planId: stored.id, name: stored.plan.name };
}

/** The File › Open Recent list: the newest first, each path once, at most `limit`. */
export function withRecentFile(recent: readonly string[], path: string, limit = 10): string[] {
  return [path, ...recent.filter((entry) => entry !== path)].slice(0, limit);
}

/**
 * `peerplan --cli …` (or the app binary given `--cli`): the arguments of the bundled command line,
 * or null when the app is launched as the app. A `--` right after `--cli` is dropped (the shim
 * passes one so Chromium does not read the command's options as its own switches).
 */
export function cliArgsOf(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--cli');
  if (at < 0) return null;
  const rest = argv.slice(at + 1);
  return rest[0] === '--' ? rest.slice(1) : rest;
}

/**
 * The `peerplan` command for an AppImage (which has no install scripts): a shell script for
 * ~/.local/bin that runs the command line inside the AppImage at `appImage`. Headless, so it runs
 * on a machine without a display (CI, SSH).
 */
export function commandShim(appBinary: string): string {
  const quoted = `'${appBinary.replaceAll("'", `'\\''`)}'`;
  return `#!/bin/sh\n# The Peerplan command line, run by the Peerplan app (installed from its Help menu).\nexec ${quoted} --headless --disable-gpu --cli -- "$@"\n`;
}
