/**
 * Calendar dates as day numbers since 1970-01-01 (UTC): the generator does millions of
 * date steps and integer arithmetic keeps it fast. Converted to ISO strings only at the
 * edge. Date.UTC is exact for calendar dates (no zone, no DST).
 */
const MS_PER_DAY = 86_400_000;

export function day(iso: string): number {
  return (
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) /
    MS_PER_DAY
  );
}

export function iso(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The same calendar day `years` later; 29 February rolls to 1 March. */
export function addYears(dayNumber: number, years: number): number {
  const d = new Date(dayNumber * MS_PER_DAY);
  return Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()) / MS_PER_DAY;
}

/** First day of the month `dayNumber` falls in. */
export function monthStart(dayNumber: number): number {
  const d = new Date(dayNumber * MS_PER_DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / MS_PER_DAY;
}

/** First day of the month `months` after the month of `dayNumber`. */
export function addMonths(dayNumber: number, months: number): number {
  const d = new Date(dayNumber * MS_PER_DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1) / MS_PER_DAY;
}
