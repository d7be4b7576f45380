/**
 * Loading a plan file for a command: read, parse, normalise. An unusable file prints one line on
 * stderr naming the file (and the JSON path or line:column) and exits 2, as cli.md asks.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { describeBytes, MAX_PLAN_FILE_BYTES } from '../../shared/plan/limits';
import type { Plan } from '../../shared/plan/model';
import { formatPlanError, parsePlanText } from '../../shared/plan/parse';
import type { ParseResult } from '../../shared/plan/parse';
import { EXIT_UNUSABLE, printErrorLine, readProblem } from './command';

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

/**
 * The text of a plan file, read up to MAX_PLAN_FILE_BYTES: a larger file (or an endless one such
 * as /dev/zero, whose size says 0) is refused as soon as it passes the limit.
 */
function readPlanText(path: string): { ok: true; text: string } | { ok: false; reason: string } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    return { ok: false, reason: readProblem(error as NodeJS.ErrnoException, 'a plan file') };
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 22, MAX_PLAN_FILE_BYTES + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
      total += read;
      if (total > MAX_PLAN_FILE_BYTES) {
        return { ok: false, reason: `larger than ${describeBytes(MAX_PLAN_FILE_BYTES)}: not a plan file` };
      }
    }
    return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (error) {
    return { ok: false, reason: readProblem(error as NodeJS.ErrnoException, 'a plan file') };
  } finally {
    closeSync(fd);
  }
}

/** Reads and parses a plan file; the error, if any, is already one line naming the file. */
export function loadPlan(path: string): { ok: true; plan: Plan } | { ok: false; message: string } {
  const read = readPlanText(path);
  if (!read.ok) return { ok: false, message: `${path}: cannot read the plan file: ${read.reason}` };
  const result: ParseResult = parsePlanText(read.text, { today: today() });
  return result.ok ? result : { ok: false, message: formatPlanError(path, result.error) };
}

/** The plan in `path`, or (for an unusable file) one line on stderr and exit status 2. */
export function loadPlanOrExit(path: string): Plan {
  const result = loadPlan(path);
  if (result.ok) return result.plan;
  printErrorLine(result.message);
  process.exit(EXIT_UNUSABLE);
}
