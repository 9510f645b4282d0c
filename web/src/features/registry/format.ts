/**
 * Formatting and small date helpers for the registry pages. Amounts are integer euro cents
 * and always shown in Dutch style (€ 1.234,56), as on the municipality's letters; dates are
 * ISO strings (YYYY-MM-DD, BRP birth dates may hold 00 for an unknown month or day).
 */

const EURO = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" });

/** € 1.234,56 (with the narrow no-break space Intl puts after the sign, made a plain one). */
export function formatEuro(cents: number): string {
  return EURO.format(cents / 100).replace(/\u00a0/g, " ");
}

/** A difference with its sign spelled out: + € 12,34 or − € 12,34 (or € 0,00). */
export function formatEuroDifference(cents: number): string {
  if (cents === 0) return formatEuro(0);
  return `${cents > 0 ? "+" : "−"} ${formatEuro(Math.abs(cents))}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's date in the Netherlands, as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

export function currentMonth(now: Date = new Date()): string {
  return todayIso(now).slice(0, 7);
}

/** True for an existing calendar date YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * A BRP date: a full date, or 00 for an unknown day (1968-05-00) or an unknown month and
 * day (1968-00-00). An unknown month with a known day does not exist.
 */
export function isBrpDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [month, day] = [m[2], m[3]];
  if (month === "00") return day === "00";
  if (day === "00") return Number(month) >= 1 && Number(month) <= 12;
  return isIsoDate(value);
}

export function addDays(iso: string, days: number): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return date.toISOString().slice(0, 10);
}

/** The 18th birthday of a (full or partial) BRP birth date; partial dates round up. */
export function eighteenthBirthday(birthDate: string): string | null {
  const m = ISO_DATE.exec(birthDate);
  if (!m) return null;
  const year = Number(m[1]) + 18;
  if (m[2] === "00") return `${year}-12-31`;
  if (m[3] === "00") {
    const next =
      Number(m[2]) === 12
        ? `${year + 1}-01-01`
        : `${year}-${String(Number(m[2]) + 1).padStart(2, "0")}-01`;
    return addDays(next, -1);
  }
  // 29 February: the birthday falls on 1 March in a year without it.
  const candidate = `${year}-${m[2]}-${m[3]}`;
  return isIsoDate(candidate) ? candidate : `${year}-03-01`;
}

function locale(language: string): string {
  return language === "uk" ? "uk-UA" : language === "en" ? "en-GB" : "nl-NL";
}

/** 13 apr. 1993 / 13 квіт. 1993 р. / 13 Apr 1993; a partial BRP date keeps what is known. */
export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return "";
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

/** november 2026 / листопад 2026 р. / November 2026 */
export function formatMonth(month: string, language: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month.slice(0, 7));
  if (!m) return month;
  return new Intl.DateTimeFormat(locale(language), {
    year: "numeric",
    month: "long",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}

/** A timestamp (UTC from the API) in the Dutch time zone. */
export function formatDateTime(value: string, language: string): string {
  const date = new Date(value.includes("T") ? value : value.replace(" ", "T"));
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(language), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  }).format(date);
}

export function fullName(p: { givenNames: string; familyName: string }): string {
  return `${p.givenNames} ${p.familyName}`.trim();
}

export function fullNameCyrillic(p: {
  givenNamesCyrillic?: string | null;
  familyNameCyrillic?: string | null;
}): string {
  return [p.givenNamesCyrillic, p.familyNameCyrillic].filter(Boolean).join(" ");
}
