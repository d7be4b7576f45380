/**
 * Issue 13's classes of hostile input, each with several variants (property tests where the class
 * is a space): dates as dates, control and bidi characters, CSV formula cells, deep nesting,
 * lone surrogates, numbers out of range, streamed traffic costed as the plan's own samples.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCosts, measuredDates, trafficAggregateFor } from '../../shared/cost/costs';
import { parseTrafficLine } from '../../shared/cost/traffic-csv';
import { csvField } from '../../shared/export/route-csv';
import { dateProblem, dateTimeProblem, formatDayNumber, dayNumberOf } from '../../shared/plan/dates';
import { firstTooDeep, MAX_JSON_DEPTH } from '../../shared/plan/limits';
import type { Plan } from '../../shared/plan/model';
import { parsePlanText } from '../../shared/plan/parse';
import { computeReachability, reachPairs } from '../../shared/reach/reachability';
import { visible } from '../../shared/text/visible';
import { PlanBuilder } from './plan-builder';

const TODAY = { today: '2026-11-26' };

/** A small valid plan file as JSON, with `patch` applied to it. */
function planText(patch: (file: Record<string, unknown>) => void = () => undefined): string {
  const file: Record<string, unknown> = {
    format: 'peerplan/1',
    name: 'P',
    asOf: '2026-11-26',
    accounts: [{ id: '100000000001' }],
    vpcs: [
      { id: 'vpc-a', account: '100000000001', region: 'ap-guangzhou', cidr: '10.0.0.0/16' },
      { id: 'vpc-b', account: '100000000001', region: 'ap-beijing', cidr: '10.1.0.0/16' },
    ],
    peerings: [
      { id: 'pcx-1', requester: 'vpc-a', accepter: 'vpc-b', bandwidthMbps: 100, requestedAt: '2026-11-20' },
    ],
    traffic: [{ peering: 'pcx-1', at: '2026-11-25T10:05:00+08:00', inMbps: 30, outMbps: 20 }],
  };
  patch(file);
  return JSON.stringify(file);
}

/** The oracle for calendar days: Date in UTC, whose day rolls over when it does not exist. */
function existsByDate(year: number, month: number, day: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

describe('dates are checked as dates', () => {
  it('accepts exactly the real days of 1970–9999 (property, Date as the oracle)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
          const expected = year >= 1970 && year <= 9999 && existsByDate(year, month, day);
          expect(dateProblem(text) === null).toBe(year <= 9999 && expected);
          expect(dateTimeProblem(`${text}T10:05:00+08:00`) === null).toBe(year <= 9999 && expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('formats day numbers as Date does for 1970–9999, and years 0–99 and 10000 by their digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_932_896 }), (dayNumber) => {
        expect(formatDayNumber(dayNumber)).toBe(new Date(dayNumber * 86_400_000).toISOString().slice(0, 10));
      }),
    );
    expect(formatDayNumber(dayNumberOf(50, 3, 1))).toBe('0050-03-01');
    expect(formatDayNumber(dayNumberOf(10000, 1, 1))).toBe('10000-01-01');
    expect(formatDayNumber(dayNumberOf(9999, 12, 31) + 1)).toBe('10000-01-01');
  });

  it.each([
    ['asOf', (f: Record<string, unknown>) => (f.asOf = '2026-02-31'), 'asOf', /no such day/],
    ['asOf before 1970', (f: Record<string, unknown>) => (f.asOf = '1969-12-31'), 'asOf', /1970/],
    ['asOf year 0050', (f: Record<string, unknown>) => (f.asOf = '0050-01-01'), 'asOf', /1970/],
    [
      'requestedAt',
      (f: Record<string, unknown>) =>
        ((f.peerings as Record<string, unknown>[])[0]!.requestedAt = '2026-04-31'),
      'peerings[0].requestedAt',
      /no such day/,
    ],
    [
      'traffic at',
      (f: Record<string, unknown>) =>
        ((f.traffic as Record<string, unknown>[])[0]!.at = '2025-02-29T00:00:00Z'),
      'traffic[0].at',
      /no such day/,
    ],
    [
      'traffic at before 1970',
      (f: Record<string, unknown>) =>
        ((f.traffic as Record<string, unknown>[])[0]!.at = '1960-01-01T00:00:00Z'),
      'traffic[0].at',
      /1970/,
    ],
  ])('refuses a plan whose %s is no date, naming the JSON path', (_name, patch, path, message) => {
    const result = parsePlanText(planText(patch), TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.path).toBe(path);
      expect(result.error.message).toMatch(message);
    }
  });

  it('accepts a leap day, and refuses the same day in a year without one (CSV)', () => {
    expect(parseTrafficLine('pcx-1,2024-02-29T10:00:00Z,1,1').kind).toBe('sample');
    const refused = parseTrafficLine('pcx-1,2023-02-29T10:00:00Z,1,1');
    expect(refused).toMatchObject({ kind: 'error', message: expect.stringMatching(/at: .*no such day/) });
    expect(parseTrafficLine('pcx-1,1969-12-31T23:00:00-08:00,1,1')).toMatchObject({ kind: 'error' });
  });

  it('costs a sample whose billing day falls in year 10000 without throwing', () => {
    const result = parsePlanText(
      planText((f) => ((f.traffic as Record<string, unknown>[])[0]!.at = '9999-12-31T20:00:00Z')),
      TODAY,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const report = computeCosts(result.plan);
    expect(report.peerings[0]!.monthly!.month).toBe('10000-01');
    expect(report.peerings[0]!.days.find((d) => d.peakMbps === 30)?.date).toBe('10000-01-01');
  });
});

/** A string drawn from characters that matter to a terminal, mixed with plain ones. */
const hostileChar = fc.oneof(
  fc.constantFrom(
    '\x1b',
    '\r',
    '\n',
    '\t',
    '\x00',
    '\x07',
    '\x7f',
    '\x9b',
    '\u202e',
    '\u2066',
    '\u200f',
    '\u2028',
  ),
  fc.constantFrom('a', 'Z', '-', ' ', '名', '\\', '😀'),
);
const hostileText = fc.array(hostileChar, { maxLength: 12 }).map((chars) => chars.join(''));
// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const INVISIBLE_AFTER_ESCAPE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069]/;

describe('terminal text shows control and bidi characters escaped', () => {
  it('leaves none in the output and loses nothing else (property)', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const shown = visible(text);
        expect(shown).not.toMatch(INVISIBLE_AFTER_ESCAPE);
        // Removing the escapes from the shown text gives the plain characters of the original.
        const plain = text.replace(new RegExp(INVISIBLE_AFTER_ESCAPE.source, 'g'), '');
        expect(shown.replace(/\\x[0-9a-f]{2}|\\u[0-9a-f]{4}|\\[nrt]/g, '')).toBe(plain);
      }),
    );
  });

  it.each([
    ['vpc\x1b[2J', 'vpc\\x1b[2J'],
    ['a\rb\nc', 'a\\rb\\nc'],
    ['evil\u202egnp.exe', 'evil\\u202egnp.exe'],
    ['名前', '名前'],
  ])('%j → %s', (text, shown) => expect(visible(text)).toBe(shown));
});

describe('CSV cells cannot be formulas', () => {
  /** The cell as a spreadsheet reads it: RFC 4180 quotes removed. */
  const unquote = (field: string) => (field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field);

  it('starts no cell with = + - @ tab or CR, and keeps the text after the guard (property)', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', 'a', '1', ' ', '"', ','), fc.string()),
        ([first, rest]) => {
          const value = first + rest;
          const cell = unquote(csvField(value));
          expect(cell).not.toMatch(/^[=+\-@\t\r]/);
          expect(cell).toBe(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
        },
      ),
    );
  });

  it.each(['=HYPERLINK("http://x")', '+1+1', '-2', '@SUM(A1)', '\tcmd', '\r=1'])('guards %j', (value) => {
    expect(unquote(csvField(value)).startsWith("'")).toBe(true);
  });
});

describe('deep nesting is refused with one line, never a stack overflow', () => {
  const deep = (open: string, close: string, depth: number) => open.repeat(depth) + close.repeat(depth);

  it.each([
    ['arrays at the top', deep('[', ']', 5000)],
    ['objects at the top', deep('{"a":', '}', 5000).replace(/}$/, '1}')],
    ['in an unknown field', planText().replace(/}$/, `,"x":${deep('[', ']', 5000)}}`)],
    ['in a known field', planText().replace('"name":"P"', `"name":${deep('[', ']', 5000)}`)],
    ['with a syntax error', `${'['.repeat(5000)}1,]`],
    ['unclosed', '{"a":'.repeat(100_000)],
  ])('%s', (_name, text) => {
    const result = parsePlanText(text, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/nested more than 64 levels/);
  });

  it('is measured outside strings only', () => {
    expect(firstTooDeep(JSON.stringify({ name: '['.repeat(1000) }), MAX_JSON_DEPTH)).toBe(-1);
    expect(firstTooDeep(JSON.stringify({ name: '\\"['.repeat(1000) }), MAX_JSON_DEPTH)).toBe(-1);
    expect(firstTooDeep(deep('[', ']', 64), 64)).toBe(-1);
    expect(firstTooDeep(deep('[', ']', 65), 64)).toBe(64);
  });
});

describe('lone surrogates are refused on input', () => {
  const lone = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff');
  it('in IDs, references and names, wherever they sit in the string (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 5 }),
        lone,
        fc.string({ maxLength: 5 }),
        fc.constantFrom('vpcs.0.id', 'vpcs.1.name', 'peerings.0.accepter', 'accounts.0.id', 'name'),
        (before, surrogate, after, where) => {
          const text = planText((file) => {
            const keys = where.split('.');
            let node = file as Record<string, unknown>;
            for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
            node[keys.at(-1)!] =
              `${before}${surrogate}${after}`.replace(/[\ud800-\udfff]{2}/g, 'x') || surrogate;
          });
          const result = parsePlanText(text, TODAY);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.error.message).toMatch(/lone UTF-16 surrogate/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('while a well-formed pair (an emoji) is accepted', () => {
    expect(
      parsePlanText(
        planText((f) => (f.name = 'plan 😀')),
        TODAY,
      ).ok,
    ).toBe(true);
  });
});

describe('numbers in a traffic CSV', () => {
  it.each(['1e999', '1E400', '9'.repeat(400)])('refuses %s, which reads as Infinity', (value) => {
    expect(parseTrafficLine(`pcx-1,2026-11-25T10:05:00Z,${value},1`)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/^inMbps: .*too large/),
    });
  });
  it('accepts large finite numbers', () => {
    expect(parseTrafficLine('pcx-1,2026-11-25T10:05:00Z,1e300,1').kind).toBe('sample');
  });
});

describe('streamed traffic costs what the same samples in the plan cost', () => {
  const base = (chargeType: 'daily-peak' | 'monthly-p95') =>
    new PlanBuilder()
      .account('100000000001')
      .vpc('vpc-sh', { region: 'ap-shanghai', cidr: '10.0.0.0/16', account: '100000000001' })
      .vpc('vpc-gz', { region: 'ap-guangzhou', cidr: '10.1.0.0/16', account: '100000000001' })
      .peering('pcx-a', 'vpc-sh', 'vpc-gz', { bandwidthMbps: 500, chargeType })
      .peering('pcx-b', 'vpc-gz', 'vpc-sh', { bandwidthMbps: 200, chargeType: 'daily-peak' });
  const sample = fc.record({
    peering: fc.constantFrom('pcx-a', 'pcx-b', 'pcx-unknown'),
    minute: fc.integer({ min: 0, max: 60 * 24 * 70 }),
    inMbps: fc.double({ min: 0, max: 800, noNaN: true }),
    outMbps: fc.double({ min: 0, max: 800, noNaN: true }),
  });

  it('for daily peaks and P95, measured days and unknown peerings (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('daily-peak' as const, 'monthly-p95' as const),
        fc.array(sample, { maxLength: 300 }),
        fc.option(fc.constantFrom('2026-10', '2026-11', '2026-12'), { nil: undefined }),
        (chargeType, samples, month) => {
          const at = (minute: number) => new Date(Date.UTC(2026, 9, 1) + minute * 60_000).toISOString();
          let inPlan = base(chargeType);
          for (const s of samples) inPlan = inPlan.sample(s.peering, at(s.minute), s.inMbps, s.outMbps);
          const withSamples: Plan = inPlan.build();
          const withoutSamples: Plan = base(chargeType).build();
          const streamed = trafficAggregateFor(withoutSamples);
          for (const s of samples) streamed.add(s.peering, Date.parse(at(s.minute)), s.inMbps, s.outMbps);
          const options = month === undefined ? {} : { month };
          expect(computeCosts(withoutSamples, { ...options, traffic: streamed })).toEqual(
            computeCosts(withSamples, options),
          );
          expect(measuredDates(withoutSamples, streamed)).toEqual(measuredDates(withSamples));
          const unknown = samples.filter((s) => s.peering === 'pcx-unknown').length;
          expect(streamed.unknownPeerings()).toMatchObject({
            samples: unknown,
            peerings: unknown > 0 ? 1 : 0,
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("reach's default scope: VPCs sharing a peering or a CCN, or that a route sends toward", () => {
  /**
   * A–B peered (any state: pending here); A and D on the same CCN; A's table sends C's first
   * subnet (not its second) toward pcx-ab (transitive); E related to nothing; F on another CCN.
   */
  function plan(): Plan {
    return new PlanBuilder()
      .vpc('vpc-a', { cidr: '10.0.0.0/16', table: 'rtb-a' })
      .vpc('vpc-b', { cidr: '10.1.0.0/16', table: 'rtb-b' })
      .vpc('vpc-c', { cidr: '10.2.0.0/16', table: 'rtb-c' })
      .vpc('vpc-d', { cidr: '10.3.0.0/16', table: 'rtb-d' })
      .vpc('vpc-e', { cidr: '10.4.0.0/16', table: 'rtb-e' })
      .vpc('vpc-f', { cidr: '10.5.0.0/16', table: 'rtb-f' })
      .subnet('vpc-a', 'sn-a', '10.0.1.0/24')
      .subnet('vpc-b', 'sn-b', '10.1.1.0/24')
      .subnet('vpc-c', 'sn-c1', '10.2.1.0/24')
      .subnet('vpc-c', 'sn-c2', '10.2.2.0/24')
      .subnet('vpc-d', 'sn-d', '10.3.1.0/24')
      .subnet('vpc-e', 'sn-e', '10.4.1.0/24')
      .subnet('vpc-f', 'sn-f', '10.5.1.0/24')
      .peering('pcx-ab', 'vpc-a', 'vpc-b', { state: 'pending', requestedAt: '2026-11-25' })
      .route('rtb-a', '10.1.0.0/16', 'pcx-ab')
      .route('rtb-a', '10.2.1.0/25', 'pcx-ab')
      .route('rtb-a', '10.3.0.0/16', { type: 'ccn', id: 'ccn-1' })
      .route('rtb-d', '10.0.0.0/16', { type: 'ccn', id: 'ccn-1' })
      .route('rtb-f', '10.0.0.0/16', { type: 'ccn', id: 'ccn-2' })
      .build();
  }
  const key = (pair: { from: string; to: string }) => `${pair.from}→${pair.to}`;

  it('lists exactly those pairs, in the order of --all, with the same answers', () => {
    const all = computeReachability(plan(), { scope: 'all' });
    const related = computeReachability(plan(), { scope: 'related' });
    expect(related.map(key)).toEqual(['sn-a→sn-b', 'sn-a→sn-c1', 'sn-a→sn-d', 'sn-b→sn-a', 'sn-d→sn-a']);
    const byKey = new Map(all.map((pair) => [key(pair), pair]));
    for (const pair of related) expect(pair).toEqual(byKey.get(key(pair)));
    expect(all).toHaveLength(7 * 6 - 2);
  });

  it('streams: the generator yields the first pair before the walk is done', () => {
    const pairs = reachPairs(plan(), { scope: 'all' });
    expect(pairs.next().value).toMatchObject({ from: 'sn-a', to: 'sn-b' });
    expect([...pairs]).toHaveLength(7 * 6 - 3);
  });
});
