/**
 * Dates of the plan format and the traffic CSV, checked as dates: `2026-02-31` is not a date
 * (JavaScript's Date would roll it into March), and only years 1970–9999 are accepted (before
 * 1970 there was no cloud to bill; after 9999 a date no longer has four digits). Day numbers
 * (days since 1970-01-01) are converted to and from calendar dates by integer arithmetic, not by
 * `Date`, so any day number formats correctly: `Date.UTC` reads years 0–99 as 1900–1999, and
 * `toISOString` writes year 10000 as `+010000`.
 */

export const MIN_YEAR = 1970;
export const MAX_YEAR = 9999;

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO 8601 date and time with an explicit offset (`Z` or `±HH:MM`); seconds and fractions optional. */
const DATE_TIME_SHAPE =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  return (
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Why `text` is not a plan date `YYYY-MM-DD` (a real day of 1970–9999), or null when it is one. */
export function dateProblem(text: string): string | null {
  const match = DATE_SHAPE.exec(text);
  if (!match) return 'must be a date YYYY-MM-DD';
  return dayProblem(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Why `text` is not a sample time (ISO 8601 with an offset, on a real day of 1970–9999), or null. */
export function dateTimeProblem(text: string): string | null {
  const match = DATE_TIME_SHAPE.exec(text);
  if (!match) return 'must be an ISO 8601 time with an offset (e.g. 2026-11-25T10:05:00+08:00)';
  return dayProblem(Number(match[1]), Number(match[2]), Number(match[3]));
}

function dayProblem(year: number, month: number, day: number): string | null {
  if (year < MIN_YEAR || year > MAX_YEAR) return `the year must be between ${MIN_YEAR} and ${MAX_YEAR}`;
  if (!isCalendarDay(year, month, day)) return 'no such day in the calendar';
  return null;
}

export const isPlanDate = (text: string): boolean => dateProblem(text) === null;
export const isSampleTime = (text: string): boolean => dateTimeProblem(text) === null;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The calendar date of a day number (H. Hinnant's civil_from_days). */
export function civilOf(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a day number; a year past 9999 keeps all its digits (`10000-01-01`). */
export function formatDayNumber(dayNumber: number): string {
  const { year, month, day } = civilOf(dayNumber);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Day number of a `YYYY-MM-DD` date (one that `dateProblem` accepts). */
export function dayNumberOfDate(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return dayNumberOf(year, month, day);
}
