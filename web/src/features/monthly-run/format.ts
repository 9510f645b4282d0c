/**
 * Formatting for the monthly run: months, amounts, numbers and timestamps in the chosen
 * language (shared, web/src/format.ts), and the months a finance officer may pick.
 */
import { thisMonthNl } from "../../format";

export {
  formatCents,
  formatCentsDifference,
  formatDateTime,
  formatMonth,
  formatNumber,
  isoTimestamp,
  thisMonthNl,
} from "../../format";

/** YYYY-MM moved by `n` months (negative: back). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * The months offered to prepare, as many as `count`: next month first (leefgeld is paid
 * ahead, so that is the usual one), this month, then the months before, newest first.
 */
export function monthChoices(count: number, now: Date = new Date()): string[] {
  const next = addMonths(thisMonthNl(now), 1);
  return Array.from({ length: count }, (_, i) => addMonths(next, -i));
}

export const isMonth = (value: string | null): value is string =>
  value !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
