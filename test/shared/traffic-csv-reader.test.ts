import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_LENGTH, TrafficCsvReader } from '../../shared/cost/traffic-csv-reader';

const HEADER = 'peering,at,inMbps,outMbps';

function readAll(text: string, cuts: readonly number[] = [], known?: Set<string>) {
  const reader = new TrafficCsvReader(known);
  let at = 0;
  let error = null;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    error ??= reader.push(text.slice(at, cut));
    at = cut;
  }
  error ??= reader.push(text.slice(at));
  error ??= reader.end();
  return { error, samples: reader.take(), lines: reader.lineCount };
}

describe('TrafficCsvReader', () => {
  const file = [
    HEADER,
    'pcx-1,2026-11-25T10:00:00+08:00,20,30',
    '',
    'pcx-2,2026-11-25T10:05:00Z,1.5,0',
    'pcx-1,2026-11-25T10:10:00+08:00,4,5',
  ].join('\r\n');

  it('reads samples, skipping blank lines, with CRLF or LF and no final newline', () => {
    const { error, samples, lines } = readAll(file);
    expect(error).toBeNull();
    expect(lines).toBe(5);
    expect(samples).toEqual([
      { peering: 'pcx-1', at: '2026-11-25T10:00:00+08:00', inMbps: 20, outMbps: 30 },
      { peering: 'pcx-2', at: '2026-11-25T10:05:00Z', inMbps: 1.5, outMbps: 0 },
      { peering: 'pcx-1', at: '2026-11-25T10:10:00+08:00', inMbps: 4, outMbps: 5 },
    ]);
  });

  it('gives the same samples however the text is cut into chunks', () => {
    const whole = readAll(file).samples;
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: file.length }), { maxLength: 12 }), (cuts) => {
        expect(readAll(file, cuts).samples).toEqual(whole);
      }),
    );
  });

  it('names the line of the first bad sample', () => {
    const bad = [
      HEADER,
      'pcx-1,2026-11-25T10:00:00+08:00,20,30',
      'pcx-1,yesterday,20,30',
      'pcx-1,x,1,1',
    ].join('\n');
    expect(readAll(bad).error).toEqual({
      line: 3,
      message: expect.stringMatching(/^at: "yesterday"/),
    });
    expect(readAll(bad, [50, 60]).error?.line).toBe(3);
  });

  it('refuses a wrong header, an empty file, an unknown peering and an endless line', () => {
    expect(readAll('a,b,c\n').error).toMatchObject({
      line: 1,
      message: expect.stringMatching(/header must be/),
    });
    expect(readAll('').error).toMatchObject({ line: 1, message: expect.stringMatching(/empty file/) });
    const unknown = `${HEADER}\npcx-1,2026-11-25T10:00:00Z,1,1\npcx-9,2026-11-25T10:00:00Z,1,1\n`;
    expect(readAll(unknown, [], new Set(['pcx-1'])).error).toEqual({
      line: 3,
      message: 'peering "pcx-9" is not in the plan',
    });
    expect(readAll(unknown, [], new Set(['pcx-1', 'pcx-9'])).error).toBeNull();
    expect(readAll(`${HEADER}\n${'x'.repeat(MAX_LINE_LENGTH + 1)}`).error).toMatchObject({ line: 2 });
  });
});
