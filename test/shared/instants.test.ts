import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant, rememberInstants, sampleInstants } from '../../shared/cost/instants';

const two = (n: number) => String(n).padStart(2, '0');

describe('parseInstant', () => {
  it('reads what Date.parse reads, in the usual shapes and around them', () => {
    const shape = fc.record({
      year: fc.integer({ min: 1970, max: 2100 }),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      hour: fc.integer({ min: 0, max: 25 }),
      minute: fc.integer({ min: 0, max: 61 }),
      second: fc.option(fc.integer({ min: 0, max: 61 })),
      milli: fc.option(fc.stringMatching(/^\d{1,4}$/)),
      zone: fc.oneof(
        fc.constant('Z'),
        fc.constant(''),
        fc
          .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }))
          .map(([sign, h, m]) => `${sign}${two(h)}:${two(m)}`),
      ),
    });
    fc.assert(
      fc.property(shape, ({ year, month, day, hour, minute, second, milli, zone }) => {
        let text = `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}`;
        if (second !== null) text += `:${two(second)}${milli !== null ? `.${milli}` : ''}`;
        text += zone;
        expect(
          Object.is(parseInstant(text), Date.parse(text)) || parseInstant(text) === Date.parse(text),
        ).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the examples of the format and refuses what is not a time', () => {
    expect(parseInstant('2026-11-25T10:05:00+08:00')).toBe(Date.UTC(2026, 10, 25, 2, 5));
    expect(parseInstant('2026-11-25T23:30:00.250Z')).toBe(Date.UTC(2026, 10, 25, 23, 30, 0, 250));
    expect(parseInstant('2026-02-30T00:00:00Z')).toEqual(Date.parse('2026-02-30T00:00:00Z'));
    expect(parseInstant('yesterday')).toBeNaN();
    expect(fc.sample(fc.string(), 200).every((text) => Object.is(parseInstant(text), Date.parse(text)))).toBe(
      true,
    );
  });

  it('reads each traffic array once and takes instants it is given', () => {
    const traffic = [{ peering: 'p', at: '2026-11-25T10:05:00+08:00', inMbps: 1, outMbps: 1 }];
    const first = sampleInstants(traffic);
    expect(sampleInstants(traffic)).toBe(first);
    const other = [...traffic];
    const given = Float64Array.of(42);
    rememberInstants(other, given);
    expect(sampleInstants(other)).toBe(given);
  });
});
