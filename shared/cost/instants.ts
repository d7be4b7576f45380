/**
 * The instants of traffic samples, read once per traffic array. A month of samples of many
 * peerings is millions of ISO 8601 texts, and `Date.parse` costs about a microsecond and a half
 * each: reading the plan format's usual shapes by character codes is several times faster,
 * and each traffic array is read only once, however many views and rules ask.
 */
import type { TrafficSample } from '../plan/model';

const ZERO = 48;

function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Milliseconds since the epoch of an ISO 8601 time with an offset, exactly as `Date.parse`
 * reads it (NaN when it does not). The usual shapes (`YYYY-MM-DDTHH:MM[:SS[.mmm]]` then `Z` or
 * `±HH:MM`, days up to 28) are read by hand; anything else goes to `Date.parse`.
 */
export function parseInstant(text: string): number {
  const length = text.length;
  if (length < 17 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84)
    return Date.parse(text);
  if (text.charCodeAt(13) !== 58) return Date.parse(text);
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 28 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59
  )
    return Date.parse(text);
  let at = 16;
  let second = 0;
  let milli = 0;
  if (text.charCodeAt(at) === 58) {
    second = digits(text, at + 1, 2);
    if (second < 0 || second > 59) return Date.parse(text);
    at += 3;
    if (text.charCodeAt(at) === 46) {
      milli = digits(text, at + 1, 3);
      if (milli < 0) return Date.parse(text);
      at += 4;
    }
  }
  let offsetMinutes: number;
  const sign = text.charCodeAt(at);
  if (sign === 90 && at + 1 === length) offsetMinutes = 0;
  else if ((sign === 43 || sign === 45) && at + 6 === length && text.charCodeAt(at + 3) === 58) {
    const hours = digits(text, at + 1, 2);
    const minutes = digits(text, at + 4, 2);
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return Date.parse(text);
    offsetMinutes = (sign === 45 ? -1 : 1) * (hours * 60 + minutes);
  } else return Date.parse(text);
  return Date.UTC(year, month - 1, day, hour, minute, second, milli) - offsetMinutes * 60_000;
}

const instantsByTraffic = new WeakMap<readonly TrafficSample[], Float64Array>();

/** Each sample's instant (NaN when its time does not read), computed once per traffic array. */
export function sampleInstants(traffic: readonly TrafficSample[]): Float64Array {
  let instants = instantsByTraffic.get(traffic);
  if (!instants) {
    instants = new Float64Array(traffic.length);
    for (let i = 0; i < traffic.length; i++) instants[i] = parseInstant(traffic[i]!.at);
    instantsByTraffic.set(traffic, instants);
  }
  return instants;
}

/**
 * Records instants already computed for a traffic array (the import worker reads each time as
 * it checks the line): the first view or rule that asks does not read them again.
 */
export function rememberInstants(traffic: readonly TrafficSample[], instants: Float64Array): void {
  if (instants.length === traffic.length) instantsByTraffic.set(traffic, instants);
}
