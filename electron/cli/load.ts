/**
 * Loading a plan file for a command: read, parse, normalise. An unusable file prints one line on
 * stderr naming the file (and the JSON path or line:column) and exits 2, as cli.md asks.
 */
import { readFileSync } from 'node:fs';
import type { Plan } from '../../shared/plan/model';
import { formatPlanError, parsePlanText } from '../../shared/plan/parse';
import type { ParseResult } from '../../shared/plan/parse';
import { EXIT_UNUSABLE } from './command';

/**
 * Today's date on this machine (`YYYY-MM-DD`, local time): the default `asOf` of a plan.
 * `PEERPLAN_TODAY` overrides it, so scripts and tests get the same answer every day.
 */
export function today(): string {
  const fixed = process.env.PEERPLAN_TODAY;
  if (fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Reads and parses a plan file; the error, if any, is already one line naming the file. */
export function loadPlan(path: string): { ok: true; plan: Plan } | { ok: false; message: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, not a plan file'
          : code === 'EACCES'
            ? 'permission denied'
            : error instanceof Error
              ? error.message
              : String(error);
    return { ok: false, message: `${path}: cannot read the plan file: ${reason}` };
  }
  const result: ParseResult = parsePlanText(text, { today: today() });
  return result.ok ? result : { ok: false, message: formatPlanError(path, result.error) };
}

/** The plan in `path`, or (for an unusable file) one line on stderr and exit status 2. */
export function loadPlanOrExit(path: string): Plan {
  const result = loadPlan(path);
  if (result.ok) return result.plan;
  process.stderr.write(`${result.message}\n`);
  process.exit(EXIT_UNUSABLE);
}
