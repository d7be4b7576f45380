/**
 * Traffic samples as CSV (`peering,at,inMbps,outMbps`, one 5-minute sample a line), parsed one
 * line at a time so a caller can stream a file of millions of lines. Pure: the reading is the
 * caller's (electron/cli/traffic.ts reads a file with node:readline).
 */
import { dateTimeProblem } from '../plan/dates';
import type { TrafficSample } from '../plan/model';

export const TRAFFIC_CSV_HEADER = ['peering', 'at', 'inMbps', 'outMbps'] as const;

const NUMBER_PATTERN = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export type TrafficLineResult =
  | { readonly kind: 'sample'; readonly sample: TrafficSample }
  | { readonly kind: 'blank' }
  | { readonly kind: 'error'; readonly message: string };

/** Splits a CSV line, honouring double quotes (`"a,b"`, `""` for a quote). */
function splitCsv(line: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

/** Checks the header line (a byte order mark and spaces around names are tolerated). */
export function checkTrafficHeader(line: string): string | null {
  const fields = splitCsv(line.replace(/^\uFEFF/, '').trimEnd())?.map((field) => field.trim());
  if (
    fields &&
    fields.length === TRAFFIC_CSV_HEADER.length &&
    fields.every((f, i) => f === TRAFFIC_CSV_HEADER[i])
  ) {
    return null;
  }
  return `the header must be "${TRAFFIC_CSV_HEADER.join(',')}", found "${line.trim()}"`;
}

/** One data line: a sample, a blank line (skipped), or what is wrong with it. */
export function parseTrafficLine(line: string): TrafficLineResult {
  const text = line.trimEnd();
  if (text.trim() === '') return { kind: 'blank' };
  // Most lines have no quote: split at the commas directly (a file has millions of lines).
  const fields = text.includes('"') ? splitCsv(text) : text.split(',');
  if (!fields) return { kind: 'error', message: 'an unclosed quote' };
  if (fields.length !== 4) {
    return {
      kind: 'error',
      message: `expected 4 fields (peering,at,inMbps,outMbps), found ${fields.length}`,
    };
  }
  const [peering, at, inText, outText] = fields.map((field) => field.trim()) as [
    string,
    string,
    string,
    string,
  ];
  if (peering === '') return { kind: 'error', message: 'peering: empty' };
  const atProblem = dateTimeProblem(at);
  if (atProblem !== null) return { kind: 'error', message: `at: "${at}": ${atProblem}` };
  const numbers: number[] = [];
  for (const [name, value] of [
    ['inMbps', inText],
    ['outMbps', outText],
  ] as const) {
    if (!NUMBER_PATTERN.test(value))
      return { kind: 'error', message: `${name}: "${value}" is not a number ≥ 0` };
    const number = Number(value);
    // `1e999` reads as Infinity: a number, but not one any cost can be computed from.
    if (!Number.isFinite(number))
      return { kind: 'error', message: `${name}: "${value}" is too large to be a bandwidth in Mbps` };
    numbers.push(number);
  }
  return { kind: 'sample', sample: { peering, at, inMbps: numbers[0]!, outMbps: numbers[1]! } };
}
