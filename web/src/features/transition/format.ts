/**
 * Formatting for the transition pages: dates, numbers and amounts in the chosen language
 * (shared, web/src/format.ts), a date check for typed dates, and amounts typed in euros.
 */
import { locale } from "../../format";

export { formatCents, formatDate, formatDateTime, formatNumber, todayNl } from "../../format";
export { parseEuros } from "../locations/format";
export { isIsoDate } from "../registry/format";

/** A share as a whole percentage in the chosen language; "–" when there is no whole. */
export function formatShare(part: number, whole: number, language: string): string {
  if (whole <= 0) return "–";
  return new Intl.NumberFormat(locale(language), {
    style: "percent",
    maximumFractionDigits: 0,
  }).format(part / whole);
}

/** Cents as a plain euro amount for a text field: 65000 → "650,00" (nl, uk) or "650.00" (en). */
export function centsForInput(cents: number | null, language: string): string {
  if (cents === null) return "";
  const text = (cents / 100).toFixed(2);
  return language === "en" ? text : text.replace(".", ",");
}
