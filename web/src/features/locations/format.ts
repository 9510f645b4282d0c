/**
 * Formatting for the locations feature, in the chosen language: numbers, the
 * bezettingsgraad to one decimal ("99,3%" in Dutch), dates, months and euro amounts; and
 * the reverse for amounts typed by a caseworker ("1234,56" → 123456 cents).
 */

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
  return new Intl.NumberFormat(language).format(value);
}

/**
 * The bezettingsgraad (already a percentage to one decimal) with exactly one decimal:
 * 99.3 → "99,3%" (nl), "99.3%" (en). Null (no realised places) → "–".
 */
export function formatPercent(value: number | null, language: string): string {
  if (value === null || !Number.isFinite(value)) return "–";
  // Format in tenths as integers, so no binary fraction changes the shown decimal.
  const tenths = Math.round(value * 10);
  return new Intl.NumberFormat(language, {
    style: "percent",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(tenths / 1000);
}

function utcDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  if (!m) return null;
  const month = Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  if (month < 1 || day < 1) return null; // BRP dates with unknown parts (1968-00-00)
  return new Date(Date.UTC(Number(m[1]), month - 1, day));
}

/** A legal date (YYYY-MM-DD) in the chosen language; unknown parts are shown as given. */
export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return "–";
  const date = utcDate(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(language, {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}

/** A month (YYYY-MM or a month's first day) as "juli 2025". */
export function formatMonth(iso: string, language: string): string {
  const date = utcDate(iso.slice(0, 7));
  if (!date) return iso;
  return new Intl.DateTimeFormat(language, {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}

/** Cents as euros in the chosen language: 123456 → "€ 1.234,56" (nl). */
export function formatCents(cents: number, language: string): string {
  return new Intl.NumberFormat(language, { style: "currency", currency: "EUR" }).format(
    cents / 100,
  );
}

/**
 * An amount in euros as typed (comma or dot decimal, up to two decimals, an optional
 * euro sign, Dutch thousands dots such as "1.234,56") → whole cents; null when it is not
 * an amount.
 */
export function parseEuros(text: string): number | null {
  const value = text.replace(/[€\s\u00a0]/g, "");
  if (!value) return null;
  let whole: string;
  let fraction: string;
  const grouped = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$/.exec(value);
  const plain = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(value);
  if (grouped) {
    whole = grouped[1]!.replace(/\./g, "");
    fraction = grouped[2] ?? "";
  } else if (plain) {
    whole = plain[1]!;
    fraction = plain[2] ?? "";
  } else {
    return null;
  }
  if (whole.length > 9) return null;
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/** A BSN with all but the last three digits hidden: "999993653" → "******653". */
export function maskBsn(bsn: string | null | undefined): string {
  const value = (bsn ?? "").trim();
  if (!value) return "–";
  if (value.length <= 3) return "*".repeat(value.length);
  return `${"*".repeat(value.length - 3)}${value.slice(-3)}`;
}

/** The Dutch BSN check: nine digits, weights 9..2 and −1, sum divisible by 11. */
export function isValidBsn(bsn: string): boolean {
  if (!/^\d{9}$/.test(bsn)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(bsn[i]) * (9 - i);
  sum -= Number(bsn[8]);
  return sum % 11 === 0;
}
