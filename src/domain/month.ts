/**
 * Calendar months and legal dates as Temporal values (temporal-polyfill), never JS Date:
 * a legal date has no time zone, and Date would shift it.
 */
import { Temporal } from "temporal-polyfill";

export type Month = Temporal.PlainYearMonth;

const MONTH_RE = /^(\d{4})-(\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses "2025-11". Throws RangeError on anything else (no "2025-1", no day part). */
export function parseMonth(text: string): Month {
  const m = MONTH_RE.exec(text);
  if (!m) throw new RangeError(`not a month (YYYY-MM): ${JSON.stringify(text)}`);
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new RangeError(`month out of range: ${text}`);
  return Temporal.PlainYearMonth.from({ year: Number(m[1]), month });
}

/** Parses a full ISO date "2025-11-03", rejecting impossible dates such as 2025-02-29. */
export function parseDate(text: string): Temporal.PlainDate {
  const m = DATE_RE.exec(text);
  if (!m) throw new RangeError(`not a date (YYYY-MM-DD): ${JSON.stringify(text)}`);
  return Temporal.PlainDate.from(
    { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) },
    { overflow: "reject" },
  );
}

export function isValidMonth(text: string): boolean {
  try {
    parseMonth(text);
    return true;
  } catch {
    return false;
  }
}

export function isValidDate(text: string): boolean {
  try {
    parseDate(text);
    return true;
  } catch {
    return false;
  }
}

export function firstDay(month: Month): Temporal.PlainDate {
  return month.toPlainDate({ day: 1 });
}

export function lastDay(month: Month): Temporal.PlainDate {
  return month.toPlainDate({ day: month.daysInMonth });
}

export function daysInMonth(month: Month): number {
  return month.daysInMonth;
}

export function compareMonths(a: Month, b: Month): number {
  return Temporal.PlainYearMonth.compare(a, b);
}

export function monthOf(date: Temporal.PlainDate): Month {
  return date.toPlainYearMonth();
}

export function addMonths(month: Month, months: number): Month {
  return month.add({ months });
}

export function formatMonth(month: Month): string {
  return month.toString();
}

/** Date as the integer yyyymmdd: fast ordering in hot loops without allocating. */
export function dateToYmd(date: Temporal.PlainDate): number {
  return date.year * 10000 + date.month * 100 + date.day;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month by number, without Temporal: used on hot paths. */
export function daysInMonthOf(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return DAYS[month - 1]!;
}
