/**
 * Date checks and name helpers for the registry pages; formatting of dates and amounts is
 * shared (web/src/format.ts). Dates are ISO strings (YYYY-MM-DD, BRP birth dates may hold
 * 00 for an unknown month or day).
 */

/** Dates as typed (14-03-1984, 14.03.1984 or 1984-03-14) → ISO: web/src/dates.ts. */
export { formatDateInput, looksLikeDate, parseDateInput } from "../../dates";
export {
  formatCents,
  formatCentsDifference,
  formatDate,
  formatDateTime,
  formatMonth,
  thisMonthNl,
  todayNl,
} from "../../format";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

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

export function fullName(p: { givenNames: string; familyName: string }): string {
  return `${p.givenNames} ${p.familyName}`.trim();
}

export function fullNameCyrillic(p: {
  givenNamesCyrillic?: string | null;
  familyNameCyrillic?: string | null;
}): string {
  return [p.givenNamesCyrillic, p.familyNameCyrillic].filter(Boolean).join(" ");
}
