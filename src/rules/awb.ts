/**
 * The objection term of a decision (beschikking) under the Algemene wet bestuursrecht (Awb)
 * and its extension under the Algemene termijnenwet (Atw).
 *
 * - Awb art. 6:7: the term is six weeks (law/awb/awb.yaml, `awb.objection.term-weeks`).
 * - Awb art. 6:8 lid 1: it starts on the day after the day the decision was made known
 *   (for a letter: sent), so six weeks end on the same weekday as the day of sending.
 * - Atw art. 1 lid 1: a term that ends on a Saturday, Sunday or generally recognised
 *   holiday is extended to and including the next day that is none of these.
 * - Atw art. 3 lid 1: the generally recognised holidays; art. 3 lid 2 equates Goede Vrijdag.
 *   Days equated by royal decree (art. 3 lid 3) are not applied: see the interpretation in
 *   law/awb/awb.yaml (the printed last day is never later than the legal one).
 *
 * Sources: https://wetten.overheid.nl/BWBR0005537 (Awb),
 * https://wetten.overheid.nl/BWBR0002448 (Algemene termijnenwet).
 */
import { Temporal } from "temporal-polyfill";
import { parseDate } from "../domain/month.js";
import { getLawbook, type Lawbook } from "./lawbook.js";

export interface ObjectionDeadline {
  /** The last day (inclusive) an objection can be made, YYYY-MM-DD. */
  lastDay: string;
  /** The day the six weeks ended before the Atw extended them; null when not extended. */
  extendedFrom: string | null;
}

/** A generally recognised holiday (or a day equated with one) under Atw art. 3. */
export type AtwHoliday =
  | "nieuwjaarsdag"
  | "goede-vrijdag"
  | "eerste-paasdag"
  | "tweede-paasdag"
  | "koningsdag"
  | "bevrijdingsdag"
  | "hemelvaartsdag"
  | "eerste-pinksterdag"
  | "tweede-pinksterdag"
  | "eerste-kerstdag"
  | "tweede-kerstdag";

/** Koningsdag as celebrated on 27 April (26 April when that is a Sunday) dates from 2014. */
const FIRST_SUPPORTED_YEAR = 2014;

/**
 * Easter Sunday of a Gregorian year by the anonymous Gregorian algorithm
 * (Meeus/Jones/Butcher).
 */
export function easterSunday(year: number): Temporal.PlainDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Temporal.PlainDate.from({ year, month, day });
}

/** Koningsdag: 27 April, or 26 April when 27 April is a Sunday (Atw art. 3 lid 1). */
function koningsdag(year: number): Temporal.PlainDate {
  const april27 = Temporal.PlainDate.from({ year, month: 4, day: 27 });
  return april27.dayOfWeek === 7 ? april27.subtract({ days: 1 }) : april27;
}

const holidayCache = new Map<number, ReadonlyMap<string, AtwHoliday>>();

/** The Atw art. 3 lid 1 and lid 2 days of a year, by ISO date. */
export function atwHolidays(year: number): ReadonlyMap<string, AtwHoliday> {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > 9999) {
    throw new RangeError(`holidays are known from ${FIRST_SUPPORTED_YEAR} on, not ${year}`);
  }
  let days = holidayCache.get(year);
  if (!days) {
    const easter = easterSunday(year);
    const fixed = (month: number, day: number) =>
      Temporal.PlainDate.from({ year, month, day }).toString();
    const fromEaster = (days: number) => easter.add({ days }).toString();
    days = new Map<string, AtwHoliday>([
      [fixed(1, 1), "nieuwjaarsdag"],
      [fromEaster(-2), "goede-vrijdag"], // art. 3 lid 2
      [fromEaster(0), "eerste-paasdag"],
      [fromEaster(1), "tweede-paasdag"],
      [koningsdag(year).toString(), "koningsdag"],
      [fixed(5, 5), "bevrijdingsdag"],
      [fromEaster(39), "hemelvaartsdag"],
      [fromEaster(49), "eerste-pinksterdag"],
      [fromEaster(50), "tweede-pinksterdag"],
      [fixed(12, 25), "eerste-kerstdag"],
      [fixed(12, 26), "tweede-kerstdag"],
    ]);
    holidayCache.set(year, days);
  }
  return days;
}

/** The holiday on an ISO date under Atw art. 3 lid 1 or 2, or null. */
export function atwHolidayOn(date: string): AtwHoliday | null {
  return atwHolidays(parseDate(date).year).get(date) ?? null;
}

/** Saturday, Sunday or a generally recognised holiday: a day a term cannot end on (Atw art. 1). */
export function isNonTermDay(date: Temporal.PlainDate): boolean {
  return date.dayOfWeek >= 6 || atwHolidays(date.year).has(date.toString());
}

/**
 * The last day to object to a decision sent on `sentOn` (YYYY-MM-DD): the term of
 * `awb.objection.term-weeks` weeks in force on that day, counted from the next day
 * (Awb art. 6:7 and 6:8 lid 1), extended past Saturdays, Sundays and holidays (Atw art. 1).
 */
export function objectionDeadline(sentOn: string, law: Lawbook = getLawbook()): ObjectionDeadline {
  const sent = parseDate(sentOn);
  const term = law.at("awb.objection.term-weeks", sent.toString());
  if (!term || typeof term.version.value !== "number") {
    throw new Error(`no law in force on ${sentOn}: awb.objection.term-weeks`);
  }
  // The term runs from the day after sending through the same weekday `weeks` weeks on.
  const firstDay = sent.add({ days: 1 });
  const end = firstDay.add({ weeks: term.version.value }).subtract({ days: 1 });
  let last = end;
  while (isNonTermDay(last)) last = last.add({ days: 1 });
  return {
    lastDay: last.toString(),
    extendedFrom: Temporal.PlainDate.compare(last, end) === 0 ? null : end.toString(),
  };
}
