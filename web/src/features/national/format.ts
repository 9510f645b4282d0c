/**
 * Formatting for the national view in the chosen language (shared, web/src/format.ts):
 * counts, the bezettingsgraad and shares to one decimal ("96,7%" in Dutch and Ukrainian,
 * "96.7%" in English), signed net figures, ISO weeks; and the CSV the tables download as.
 */
import type { TFunction } from "i18next";
import { locale } from "../../format";

export { formatCents, formatDate, formatMonth, formatNumber, todayNl } from "../../format";

/** A percentage already rounded to one decimal, shown with exactly one: 96.7 → "96,7%". */
export function formatPercent(value: number | null, language: string): string {
  if (value === null || !Number.isFinite(value)) return "–";
  // In tenths as integers, so no binary fraction changes the decimal shown.
  const tenths = Math.round(value * 10);
  return new Intl.NumberFormat(locale(language), {
    style: "percent",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  })
    .format(tenths / 1000)
    .replace(/[\u00a0\u202f]/g, " ");
}

/** A whole percentage, as an axis names it: 90 → "90%". */
export function formatWholePercent(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { style: "percent", maximumFractionDigits: 0 })
    .format(value / 100)
    .replace(/[\u00a0\u202f]/g, " ");
}

/** A month and year, short, as an axis over years names a week: "jan 2024". */
export function formatShortMonth(iso: string, language: string): string {
  const [y, m] = iso.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale(language), {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  })
    .format(new Date(Date.UTC(y, m - 1, 1)))
    .replace(/[\u2009\u202f\u00a0]/g, " ");
}

/** A number with one decimal: 0.7 → "0,7" (nl, uk), "0.7" (en). */
export function formatDecimal(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(Math.round(value * 10) / 10);
}

/** A net figure with its sign: +64, −3, 0. */
export function formatSigned(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { signDisplay: "exceptZero" })
    .format(value)
    .replace("-", "−");
}

/** A count, or "–" where the figure does not apply (a location's registrations). */
export function formatCount(value: number | null | undefined, language: string): string {
  return value === null || value === undefined
    ? "–"
    : new Intl.NumberFormat(locale(language)).format(value);
}

/** The days of a week without their year (the week's name has it): "30 nov – 6 dec". */
export function formatDayRange(from: string, to: string, language: string): string {
  const day = (iso: string) => {
    const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d));
  };
  return new Intl.DateTimeFormat(locale(language), {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  })
    .formatRange(day(from), day(to))
    .replace(/[\u2009\u202f\u00a0]/g, " ");
}

/** "2026-W49" → its year and week number. */
export function weekParts(week: string): { year: number; week: number } | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  return m ? { year: Number(m[1]), week: Number(m[2]) } : null;
}

/** A week's short name under a chart ("wk 14"), or the week as it came when unreadable. */
export function weekLabel(t: TFunction, week: string): string {
  const parts = weekParts(week);
  return parts ? t("flows.weekShort", { week: parts.week }) : week;
}

/** A week named in full with its days, as a chart's tooltip heads it: "Week 48, 2026 (30 nov – 6 dec)". */
export function weekTitle(t: TFunction, week: string, monday: string, language: string): string {
  const parts = weekParts(week);
  const name = parts ? t("flows.week", { week: parts.week, year: parts.year }) : week;
  return `${name} (${formatDayRange(monday, addDays(monday, 6), language)})`;
}

/** A name as part of a file name: "Opvangschip Rijnvaart" → "opvangschip-rijnvaart". */
export function slug(name: string): string {
  return (
    name
      .normalize("NFC")
      .toLocaleLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "") || "opvang"
  );
}

/** A CSV field, quoted when it holds a separator, quote or line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Lines of fields as CSV: CRLF line ends and a byte-order mark, so a spreadsheet opens the
 * Cyrillic headings as UTF-8.
 */
export function csvText(lines: string[][]): string {
  return `\uFEFF${lines.map((fields) => fields.map(csvField).join(",")).join("\r\n")}\r\n`;
}

/**
 * A decimal for a CSV in the chosen language: 96,7 (nl, uk) or 96.7 (en); empty for none.
 * The field is quoted when it holds a comma, so a spreadsheet in that language reads it.
 */
export function csvDecimal(value: number | null, language: string): string {
  if (value === null || !Number.isFinite(value)) return "";
  const text = (Math.round(value * 10) / 10).toFixed(1);
  return language === "en" ? text : text.replace(".", ",");
}

/** A count for a CSV; empty for none. */
export function csvCount(value: number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

/** Cents as a CSV amount in euros with two decimals: 12345 → 123,45 (nl, uk), 123.45 (en). */
export function csvEuros(cents: number, language: string): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const text = `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
  return language === "en" ? text : text.replace(".", ",");
}

/** A net figure with one decimal and its sign: +2,1, −3,6, 0,0. */
export function formatSignedDecimal(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language), {
    signDisplay: "exceptZero",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  })
    .format(Math.round(value * 10) / 10)
    .replace("-", "−");
}

/** The Monday of the ISO week an ISO date lies in. */
export function mondayOf(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday 0
  return addDays(iso, -weekday);
}

/** The day `days` after an ISO date (the Sunday of a week from its Monday). */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
