/**
 * Formatting shared by every page, in the chosen language: legal dates (ISO; BRP birth
 * dates may hold 00 for an unknown month or day), months, timestamps (UTC from the API,
 * shown in Dutch time), numbers and euro amounts (integer cents).
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function locale(language: string): string {
  return language === "uk" ? "uk-UA" : language === "en" ? "en-GB" : "nl-NL";
}

/** Today's date in the Netherlands as YYYY-MM-DD (the server's default too). */
export function todayNl(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** This month in the Netherlands as YYYY-MM. */
export function thisMonthNl(now: Date = new Date()): string {
  return todayNl(now).slice(0, 7);
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language)).format(value);
}

/** 13 apr. 1993 / 13 квіт. 1993 р. / 13 Apr 1993; a partial BRP date keeps what is known. */
export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return "–";
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo === 0) return String(y);
  const date = new Date(Date.UTC(y, mo - 1, d || 1));
  const options: Intl.DateTimeFormatOptions =
    d === 0
      ? { year: "numeric", month: "long", timeZone: "UTC" }
      : { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" };
  return new Intl.DateTimeFormat(locale(language), options).format(date);
}

/** A month (YYYY-MM or a month's first day): november 2026 / листопад 2026 р. / November 2026 */
export function formatMonth(month: string, language: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month.slice(0, 7));
  if (!m) return month;
  return new Intl.DateTimeFormat(locale(language), {
    year: "numeric",
    month: "long",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}

/**
 * A timestamp from the API (UTC, as ISO 8601 or as PostgreSQL writes it:
 * 2026-11-22 06:26:20.123+00) as a Date, or null when it cannot be read.
 */
export function parseTimestamp(value: string): Date | null {
  let text = value.trim().replace(" ", "T");
  text = text.replace(/([+-]\d{2})$/, "$1:00").replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) text += "Z"; // no zone: UTC
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** 22 nov 2026, 07:26 / 22 лист. 2026 р., 07:26 / 22 Nov 2026, 07:26 (Europe/Amsterdam). */
export function formatDateTime(value: string, language: string): string {
  const date = parseTimestamp(value);
  if (!date) return value;
  return new Intl.DateTimeFormat(locale(language), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  }).format(date);
}

/** The timestamp for a <time> element's datetime attribute (ISO 8601, UTC). */
export function isoTimestamp(value: string): string | undefined {
  return parseTimestamp(value)?.toISOString();
}

/** Cents as euros in the chosen language: 123456 → "€ 1.234,56" (nl), "1 234,56 €" (uk). */
export function formatCents(cents: number, language: string): string {
  // narrowSymbol: "€" in every language (uk-UA would otherwise write "EUR").
  return new Intl.NumberFormat(locale(language), {
    style: "currency",
    currency: "EUR",
    currencyDisplay: "narrowSymbol",
  })
    .format(cents / 100)
    .replace(/[\u00a0\u202f]/g, " ");
}

/** A difference with its sign spelled out: + € 12,34 or − € 12,34 (or € 0,00). */
export function formatCentsDifference(cents: number, language: string): string {
  if (cents === 0) return formatCents(0, language);
  return `${cents > 0 ? "+" : "−"} ${formatCents(Math.abs(cents), language)}`;
}
