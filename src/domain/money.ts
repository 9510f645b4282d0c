/**
 * Money as integer euro cents. Legal amounts are stored and computed in cents only; a ratio
 * (proration by days, the 115% factor) is applied with integer arithmetic and rounded half
 * up exactly once, so no binary floating-point error can reach a decision.
 */
export type Cents = number;

export type MoneyLocale = "nl" | "en" | "uk";

/** Throws unless `value` is a safe integer: cents are never fractional. */
export function assertCents(value: number, what = "amount"): Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be integer cents`);
  return value;
}

/**
 * `cents × numerator / denominator`, rounded half up (away from zero for halves of
 * non-negative values; negative inputs are mirrored so -0.5 becomes -1).
 * Integer-only: callers keep cents × numerator within 2^53 (true for any household amount).
 */
export function mulRatio(cents: Cents, numerator: number, denominator: number): Cents {
  if (denominator <= 0 || !Number.isInteger(denominator) || !Number.isInteger(numerator)) {
    throw new RangeError("ratio must be integers with a positive denominator");
  }
  const product = cents * numerator;
  if (product < 0) return -Math.floor((-2 * product + denominator) / (2 * denominator));
  return Math.floor((2 * product + denominator) / (2 * denominator));
}

/** Parses a decimal euro text with exactly two decimals ("205.00") into cents, exactly. */
export function parseEuro(text: string): Cents {
  const m = /^(-?)(\d{1,9})\.(\d{2})$/.exec(text);
  if (!m) throw new RangeError(`not a euro amount with two decimals: ${JSON.stringify(text)}`);
  const cents = Number(m[2]) * 100 + Number(m[3]);
  return m[1] === "-" ? -cents : cents;
}

/** Cents as a plain decimal text with a dot ("1234.56"), e.g. for YAML and CSV. */
export function toDecimalText(cents: Cents): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

function groupThousands(whole: number, separator: string): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

const NBSP = "\u00a0";

/**
 * Formats cents for people, without Intl so the output is the same on every ICU build:
 * nl "€ 1.234,56", en "€1,234.56", uk "1 234,56 €" (no-break spaces, as Ukrainian writes).
 */
export function formatMoney(cents: Cents, locale: MoneyLocale = "nl"): string {
  assertCents(cents);
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const fraction = String(abs % 100).padStart(2, "0");
  switch (locale) {
    case "nl":
      return `€${NBSP}${negative ? "-" : ""}${groupThousands(whole, ".")},${fraction}`;
    case "en":
      return `${negative ? "-" : ""}€${groupThousands(whole, ",")}.${fraction}`;
    case "uk":
      return `${negative ? "-" : ""}${groupThousands(whole, NBSP)},${fraction}${NBSP}€`;
  }
}
