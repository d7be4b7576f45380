/**
 * Billing days: a day starts at midnight in the billing time zone (`settings.billingTimeZone`,
 * `+08:00` by default, Beijing time), so a sample at 23:30 UTC counts in the next Beijing day.
 * Days are numbered as whole days since 1970-01-01 in that zone, which makes bucketing one
 * division and a month a contiguous range of numbers. Day numbers become dates by integer
 * arithmetic (plan/dates.ts), so a sample late on 9999-12-31 UTC, whose billing day is in year
 * 10000, is still a day like any other.
 */
import { dayNumberOf, daysInMonth, formatDayNumber } from '../plan/dates';

export const DAY_MS = 86_400_000;

/** `±HH:MM` → milliseconds east of UTC (null when malformed). */
export function parseOffset(text: string): number | null {
  const match = /^([+-])([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return (match[1] === '-' ? -minutes : minutes) * 60_000;
}

/** The billing day number of an instant (milliseconds since the epoch). */
export function billingDayOf(instantMs: number, offsetMs: number): number {
  return Math.floor((instantMs + offsetMs) / DAY_MS);
}

/** `YYYY-MM-DD` of a day number. */
export function dateOfDay(day: number): string {
  return formatDayNumber(day);
}

/** A month as a user gives it (`--month`). */
export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** A month as a day number formats it: the year may have more than four digits. */
export const ANY_MONTH = /^(\d{4,})-(0[1-9]|1[0-2])$/;

/** The first day number and the number of days of a `YYYY-MM` month. */
export function monthRange(month: string): { firstDay: number; dayCount: number } {
  const match = ANY_MONTH.exec(month);
  if (!match) throw new RangeError(`not a month YYYY-MM: ${month}`);
  const year = Number(match[1]);
  const monthNumber = Number(match[2]);
  return { firstDay: dayNumberOf(year, monthNumber, 1), dayCount: daysInMonth(year, monthNumber) };
}

/** `YYYY-MM` of a day number. */
export function monthOfDay(day: number): string {
  return dateOfDay(day).slice(0, -3);
}
