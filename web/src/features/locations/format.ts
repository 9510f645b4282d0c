/**
 * Formatting for the locations feature, in the chosen language: numbers, the
 * bezettingsgraad to one decimal ("99,3%" in Dutch), dates, months and euro amounts; and
 * the reverse for amounts typed by a caseworker ("1234,56" → 123456 cents).
 */

export { isValidBsn } from "../../../../src/domain/bsn";
export {
  formatCents,
  formatDate,
  formatMonth,
  formatNumber,
  thisMonthNl,
  todayNl,
} from "../../format";

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

/** A date typed in a date field is usable once it is a whole YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}
