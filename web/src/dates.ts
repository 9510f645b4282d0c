/**
 * Dates as people type them. The pages show dates as "14 mrt 1984"; typing one, a Dutch
 * caseworker writes 14-03-1984 and a Ukrainian one 14.03.1984, so every date field takes
 * those as well as the ISO form (1984-03-14) the API speaks, and the page sends ISO.
 */

export interface DateInputOptions {
  /**
   * A BRP date: 00 for an unknown day, or an unknown day and month (00-05-1968 →
   * 1968-05-00, 00-00-1968 → 1968-00-00), as the BRP writes a partly known birth date.
   */
  partial?: boolean;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** Day first: 14-03-1984, 14.03.1984, 14/03/1984, 14 03 1984, 4-3-1984. */
const DAY_FIRST = /^(\d{1,2})\s*[-./\s]\s*(\d{1,2})\s*[-./\s]\s*(\d{4})\.?$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A typed date as YYYY-MM-DD, or null when it is not a date (an impossible day such as
 * 31-02-2024 included). Years have four digits: "84" could be 1884 or 1984.
 */
export function parseDateInput(text: string, options: DateInputOptions = {}): string | null {
  const value = text.trim();
  let year: number;
  let month: number;
  let day: number;
  const iso = ISO.exec(value);
  const dayFirst = iso ? null : DAY_FIRST.exec(value);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dayFirst)
    [day, month, year] = [Number(dayFirst[1]), Number(dayFirst[2]), Number(dayFirst[3])];
  else return null;
  if (year < 1000 || month > 12) return null;
  if (month === 0 || day === 0) {
    // Only a BRP date may leave a part unknown, and an unknown month leaves the day unknown.
    if (!options.partial || (month === 0 && day !== 0)) return null;
    return `${year}-${pad(month)}-${pad(day)}`;
  }
  if (day > daysIn(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * An ISO date as a date field starts with it, the way the reader writes dates: 14-03-1984
 * (Dutch, English), 14.03.1984 (Ukrainian). Anything else is left as it is.
 */
export function formatDateInput(iso: string, language: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return language === "uk" ? `${m[3]}.${m[2]}.${m[1]}` : `${m[3]}-${m[2]}-${m[1]}`;
}

/** Whether the text is a date in one of the accepted forms. */
export function isDateInput(text: string, options: DateInputOptions = {}): boolean {
  return parseDateInput(text, options) !== null;
}

/** Whether the text has the shape of a date (digits in three parts), though maybe not a real one. */
export function looksLikeDate(text: string): boolean {
  const value = text.trim();
  return ISO.test(value) || DAY_FIRST.test(value);
}
