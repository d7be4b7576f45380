import { describe, expect, it } from 'vitest';
import { checkTrafficHeader, parseTrafficLine } from '../../shared/cost/traffic-csv';

describe('traffic CSV lines', () => {
  it('reads a sample, with quoted fields and CRLF endings', () => {
    expect(parseTrafficLine('"pcx-1",2026-11-25T10:05:00+08:00,30.5,20\r')).toEqual({
      kind: 'sample',
      sample: { peering: 'pcx-1', at: '2026-11-25T10:05:00+08:00', inMbps: 30.5, outMbps: 20 },
    });
  });

  it('skips blank lines', () => {
    expect(parseTrafficLine('   ')).toEqual({ kind: 'blank' });
  });

  it.each([
    ['pcx-1,2026-11-25T10:05:00+08:00,30', /expected 4 fields/],
    ['pcx-1,2026-11-25 10:05,30,20', /at: .*must be an ISO 8601 time/],
    ['pcx-1,2026-11-25T10:05:00,30,20', /with an offset/],
    ['pcx-1,2026-11-25T10:05:00Z,-3,20', /inMbps: "-3" is not a number/],
    ['pcx-1,2026-11-25T10:05:00Z,3,lots', /outMbps: "lots"/],
    [',2026-11-25T10:05:00Z,3,4', /peering: empty/],
    ['"pcx-1,2026-11-25T10:05:00Z,3,4', /unclosed quote/],
  ])('refuses %s', (line, message) => {
    const result = parseTrafficLine(line);
    expect(result.kind).toBe('error');
    expect(result.kind === 'error' && result.message).toMatch(message);
  });

  it('checks the header', () => {
    expect(checkTrafficHeader('\uFEFFpeering,at,inMbps,outMbps\r')).toBeNull();
    expect(checkTrafficHeader('peering,time,in,out')).toMatch(/the header must be/);
  });
});
