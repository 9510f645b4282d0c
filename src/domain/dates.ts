import { Temporal } from "temporal-polyfill";
import { ValidationError } from "./errors";

/**
 * Legal dates are calendar dates without a time zone (Temporal.PlainDate, ISO strings in
 * storage and JSON). The BRP allows partly unknown dates: "1968-00-00" (month and day
 * unknown) or "1968-05-00" (day unknown).
 */

/** Parses a complete ISO date (YYYY-MM-DD) that exists in the calendar. */
export function parseIsoDate(value: unknown, path: string): string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new ValidationError({
      path,
      code: "date_format",
      message: `expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`,
    });
  }
  try {
    return Temporal.PlainDate.from(value, { overflow: "reject" }).toString();
  } catch {
    throw new ValidationError({
      path,
      code: "date_nonexistent",
      message: `${value} is not a date that exists`,
    });
  }
}

export interface BrpDate {
  year: number;
  /** 0 when unknown */
  month: number;
  /** 0 when unknown */
  day: number;
}

/** Parses a BRP date that may be partly unknown; the known parts must exist. */
export function parseBrpDate(value: unknown, path: string): string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new ValidationError({
      path,
      code: "date_format",
      message: `expected a date as YYYY-MM-DD (00 for an unknown month or day), got ${JSON.stringify(value)}`,
    });
  }
  const { year, month, day } = splitBrpDate(value);
  const bad = () =>
    new ValidationError({
      path,
      code: "date_nonexistent",
      message: `${value} is not a date that exists`,
    });
  // 0000-00-00 is the BRP's wholly unknown date; otherwise the known parts must exist.
  if (value === "0000-00-00") return value;
  if (year < 1850 || month > 12 || (month === 0 && day !== 0)) throw bad();
  if (month > 0 && day > 0) {
    try {
      Temporal.PlainDate.from({ year, month, day }, { overflow: "reject" });
    } catch {
      throw bad();
    }
  }
  return value;
}

export function splitBrpDate(value: string): BrpDate {
  return {
    year: Number(value.slice(0, 4)),
    month: Number(value.slice(5, 7)),
    day: Number(value.slice(8, 10)),
  };
}

/** The calendar day before an ISO date: the last day of a period that ends when another starts. */
export function dayBefore(date: string): string {
  return Temporal.PlainDate.from(date).subtract({ days: 1 }).toString();
}

/** The calendar day after an ISO date: the first day after a period ends. */
export function dayAfter(date: string): string {
  return Temporal.PlainDate.from(date).add({ days: 1 }).toString();
}

/** The same calendar day `years` later (29 February becomes 28 February when needed). */
export function addYears(date: string, years: number): string {
  return Temporal.PlainDate.from(date).add({ years }).toString();
}

/** Days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to)).days;
}

/** Today's date in the Netherlands: "today" for a law date is the Dutch calendar day. */
export function todayNl(): string {
  return Temporal.Now.plainDateISO("Europe/Amsterdam").toString();
}

/** A timestamp as the database gives it ("2026-12-05 02:36:13.99+00") or ISO, as an instant. */
function instantOf(timestamp: string): Temporal.Instant {
  const iso = timestamp.includes("T") ? timestamp : timestamp.replace(" ", "T");
  return Temporal.Instant.from(/[zZ]|[+-]\d\d(:?\d\d)?$/.test(iso) ? iso : `${iso}Z`);
}

/** The Dutch calendar day of a UTC timestamp. */
export function dateNlOf(timestamp: string): string {
  return instantOf(timestamp).toZonedDateTimeISO("Europe/Amsterdam").toPlainDate().toString();
}

/** A timestamp in UTC to the second, ISO 8601 with Z ("2026-12-05T02:36:13Z"). */
export function utcSecondsOf(timestamp: string): string {
  return `${instantOf(timestamp)
    .round({ smallestUnit: "second", roundingMode: "floor" })
    .toString()
    .replace(/\.\d+Z$/, "Z")}`;
}

/** Converts a BRP yyyymmdd (as in RvIG files) to YYYY-MM-DD, keeping 00 parts. */
export function fromBrpCompact(value: string): string {
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}
