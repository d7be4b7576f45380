/**
 * Fuzzing the command line's two readers (fast-check): plan files and traffic CSVs damaged at
 * random, run through the real `peerplan` as a user would. Whatever the input: exit 0, 1 or 2
 * only; for 2, exactly one line on stderr; never a stack trace or an internal error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanBuilder } from '../shared/plan-builder';
import { runPeerplan } from './run-peerplan';
import type { PeerplanRun } from './run-peerplan';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-fuzz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SEED = 20261129;
/** Child processes are slow: a few dozen inputs per reader, a fixed seed so a failure repeats. */
const RUNS = 16;

const validPlan = new PlanBuilder()
  .vpc('vpc-sh', { region: 'ap-shanghai', cidr: '10.0.0.0/16', table: 'rtb-sh' })
  .vpc('vpc-gz', { region: 'ap-guangzhou', cidr: '10.1.0.0/16', table: 'rtb-gz' })
  .subnet('vpc-sh', 'sn-sh', '10.0.1.0/24')
  .subnet('vpc-gz', 'sn-gz', '10.1.1.0/24')
  .peering('pcx-1', 'vpc-sh', 'vpc-gz', { bandwidthMbps: 100, requestedAt: '2026-11-20' })
  .route('rtb-sh', '10.1.0.0/16', 'pcx-1')
  .route('rtb-gz', '10.0.0.0/16', 'pcx-1')
  .sample('pcx-1', '2026-11-25T10:05:00+08:00', 30, 20)
  .build();
const validText = JSON.stringify(validPlan, null, 1);

/** Values that have broken readers before: dates, numbers, surrogates, controls, prototype keys. */
const hostileJsonValue = fc.constantFrom(
  '"9999-12-31T20:00:00Z"',
  '"2026-02-31"',
  '"0050-01-01"',
  '"10000-01-01"',
  '1e999',
  '-0',
  '1e-400',
  '"\\ud800"',
  '"\\u001b[2J\\u202e"',
  '"__proto__"',
  '{"__proto__":{"x":1}}',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
  `${'['.repeat(3000)}${']'.repeat(3000)}`,
  'null',
  '""',
  '{}',
  '[]',
);

/** A damage to the plan text: a hostile value put in place of a value, or bytes cut or inserted. */
const damagedPlan = fc.oneof(
  fc.tuple(fc.nat(), hostileJsonValue).map(([at, value]) => {
    // Replace the n-th scalar value (a string or a number) of the text.
    const scalars = [...validText.matchAll(/: ("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false)/g)];
    const match = scalars[at % scalars.length]!;
    const start = match.index + 2;
    return validText.slice(0, start) + value + validText.slice(start + match[1]!.length);
  }),
  fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(([at, length]) => {
    const start = at % validText.length;
    return validText.slice(0, start) + validText.slice(start + length);
  }),
  fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 12 })).map(([at, text]) => {
    const start = at % validText.length;
    return validText.slice(0, start) + text + validText.slice(start);
  }),
);

const csvField = fc.oneof(
  fc.constantFrom(
    'pcx-1',
    'pcx-none',
    '2026-11-25T10:05:00+08:00',
    '9999-12-31T23:59:59-23:59',
    '2026-02-30T00:00:00Z',
    '1969-12-31T23:59:59Z',
    '1e999',
    '1e308',
    '-1',
    'NaN',
    '"a,b"',
    '"unclosed',
    '\u202e\x1b[2J',
    '',
  ),
  fc.string({ maxLength: 10 }),
);
const csvLine = fc.array(csvField, { minLength: 1, maxLength: 6 }).map((fields) => fields.join(','));
const damagedCsv = fc
  .tuple(fc.boolean(), fc.array(csvLine, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'))
  .map(([header, lines, end]) => [...(header ? ['peering,at,inMbps,outMbps'] : []), ...lines].join(end));

function expectWellBehaved(run: PeerplanRun, input: string): void {
  const context = `input: ${JSON.stringify(input).slice(0, 400)}\nstderr: ${run.stderr}`;
  expect([0, 1, 2], context).toContain(run.code);
  expect(run.stderr, context).not.toMatch(/\n\s+at |internal error|Error: /);
  if (run.code === 2) {
    expect(run.stderr.endsWith('\n'), context).toBe(true);
    expect(run.stderr.slice(0, -1), context).not.toContain('\n');
  }
}

/** Runs the inputs `width` at a time (each run is a child process). */
async function inBatches<T>(
  items: readonly T[],
  width: number,
  each: (item: T, index: number) => Promise<void>,
) {
  for (let start = 0; start < items.length; start += width) {
    await Promise.all(items.slice(start, start + width).map((item, k) => each(item, start + k)));
  }
}

describe('fuzzing the readers through the command line', () => {
  it('check, cost and export on damaged plan files', async () => {
    const inputs = fc.sample(damagedPlan, { numRuns: RUNS, seed: SEED });
    const commands = [['check'], ['cost'], ['export', '--to', 'md'], ['reach', '--json']];
    await inBatches(inputs, 4, async (text, index) => {
      const file = join(dir, `plan-${index}.json`);
      writeFileSync(file, text);
      const [command, ...rest] = commands[index % commands.length]!;
      expectWellBehaved(await runPeerplan([command!, file, ...rest], { PEERPLAN_TODAY: '2026-11-26' }), text);
    });
  }, 300_000);

  it('cost --traffic on damaged CSV files', async () => {
    const plan = join(dir, 'valid.json');
    writeFileSync(plan, validText);
    const inputs = fc.sample(damagedCsv, { numRuns: RUNS, seed: SEED });
    await inBatches(inputs, 4, async (text, index) => {
      const file = join(dir, `traffic-${index}.csv`);
      writeFileSync(file, text);
      const run = await runPeerplan(['cost', plan, '--traffic', file, '--json'], {
        PEERPLAN_TODAY: '2026-11-26',
      });
      expectWellBehaved(run, text);
      // Samples of unknown peerings are told on stderr while the command succeeds: one line too.
      if (run.code === 0) expect(run.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(1);
    });
  }, 300_000);
});
