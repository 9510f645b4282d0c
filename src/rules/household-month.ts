/**
 * The computation: one household, one month → leefgeld, eigen bijdrage and thresholds in
 * cents, optionally with a trace. The hot path (`computeHouseholdMonth` without trace) takes
 * pre-resolved month parameters and numeric member data and allocates only its result.
 */
import { type Issue, ValidationError } from "../domain/errors.js";
import { mulRatio } from "../domain/money.js";
import { daysInMonthOf } from "../domain/month.js";
import type { Lawbook } from "./lawbook.js";
import { getLawbook } from "./lawbook.js";
import {
  type MonthParams,
  type PartialBirthDateConvention,
  RECEPTIONS,
  type Reception,
  resolveMonth,
} from "./month-params.js";
import { buildTrace, type TraceStep } from "./trace.js";

export interface EngineMember {
  /** yyyymmdd; month and/or day may be 00 when unknown in the BRP. */
  birthYmd: number;
  /** First and last day present in the month (1 … daysInMonth). */
  fromDay: number;
  toDay: number;
  netIncomeCents: number;
}

export interface Maatwerk {
  leefgeldPaidCents?: number;
  eigenBijdrageChargedCents?: number;
  reason: string;
}

export interface EngineHousehold {
  reception: Reception;
  members: readonly EngineMember[];
  maatwerk?: Maatwerk | null;
}

export interface MemberResult {
  index: number;
  /** 18 or older on the first day of the month. */
  adult: boolean;
  /** Adult amounts apply: an adult, or any member of a household without adults. */
  adultAmounts: boolean;
  daysPresent: number;
  eetgeldCents: number;
  kleedgeldCents: number;
  wooncomponentCents: number;
  leefgeldFullCents: number;
  leefgeldPaidCents: number;
}

export interface Thresholds {
  leefgeldFullyWithdrawnAtCents: number;
  eigenBijdrageFullyChargedAtCents: number;
}

export interface HouseholdMonthResult {
  month: string;
  reception: Reception;
  householdSize: number;
  adults: number;
  adultsWithIncome: number;
  incomeCents: number;
  leefgeld: { fullCents: number; withdrawnCents: number; paidCents: number };
  eigenBijdrage: {
    fullCents: number;
    chargedCents: number;
    exploitationFullCents: number;
    cateringFullCents: number;
    exploitationCents: number;
    cateringCents: number;
  };
  thresholds: Thresholds | null;
  members: MemberResult[];
  maatwerk: Maatwerk | null;
  trace: TraceStep[] | null;
}

/** The birth date the adulthood test uses, by the lawbook's convention for unknown parts. */
export function effectiveBirthYmd(ymd: number, convention: PartialBirthDateConvention): number {
  const day = ymd % 100;
  if (day !== 0) return ymd;
  const year = Math.floor(ymd / 10000);
  const month = Math.floor(ymd / 100) % 100;
  if (convention === "latest-possible") {
    // Adult only when certainly 18: the latest date the BRP value allows.
    if (month === 0) return year * 10000 + 1231;
    return year * 10000 + month * 100 + daysInMonthOf(year, month);
  }
  if (month === 0) return year * 10000 + 701;
  return year * 10000 + month * 100 + 1;
}

/** Earliest date a partly unknown birth date allows: used to reject births after the month. */
export function earliestBirthYmd(ymd: number): number {
  const year = Math.floor(ymd / 10000);
  const month = Math.floor(ymd / 100) % 100;
  const day = ymd % 100;
  return year * 10000 + (month || 1) * 100 + (day || 1);
}

/** Withdrawal by the rule of the month. Returns [withdrawn, contribution]. */
function withdraw(p: MonthParams, L: number, E: number, I: number): [number, number] {
  switch (p.rule) {
    case "top-up":
    case "keep-leefgeld-level": {
      const withdrawn = Math.min(I, L);
      const excess = I - L;
      return [withdrawn, excess <= 0 ? 0 : Math.min(excess, E)];
    }
    case "threshold-115":
    case "threshold-115-income-disregard": {
      const f = p.thresholdFactor!;
      const byIncome =
        p.rule === "threshold-115"
          ? mulRatio(I, f.denominator, f.numerator)
          : mulRatio(I, 2 * f.denominator - f.numerator, f.denominator);
      const T = Math.min(byIncome, L + E);
      const withdrawn = Math.min(T, L);
      return [withdrawn, T - withdrawn];
    }
  }
}

/** Income at which leefgeld is fully withdrawn / the contribution fully charged. */
export function thresholdsFor(p: MonthParams, L: number, E: number): Thresholds | null {
  const f = p.thresholdFactor;
  if (!f) return null;
  if (p.rule === "threshold-115") {
    return {
      leefgeldFullyWithdrawnAtCents: mulRatio(L, f.numerator, f.denominator),
      eigenBijdrageFullyChargedAtCents: mulRatio(L + E, f.numerator, f.denominator),
    };
  }
  if (p.rule === "threshold-115-income-disregard") {
    const keep = 2 * f.denominator - f.numerator;
    return {
      leefgeldFullyWithdrawnAtCents: mulRatio(L, f.denominator, keep),
      eigenBijdrageFullyChargedAtCents: mulRatio(L + E, f.denominator, keep),
    };
  }
  return null;
}

/** Full eigen bijdrage parts for `earners` adults with income, capped at the maximum count. */
export function eigenBijdrageFull(
  p: MonthParams,
  reception: Reception,
  earners: number,
): [exploitation: number, catering: number] {
  if (reception === "poo") return [0, 0];
  const counted = Math.min(earners, p.eigenBijdrageMaxAdults);
  return [
    p.eigenBijdragePerAdult * counted,
    reception === "goo-catering" ? p.cateringPerAdult * counted : 0,
  ];
}

/** Splits `paid` over members in proportion to their full leefgeld (largest remainder). */
function distributePaid(members: MemberResult[], L: number, paid: number): void {
  if (paid === L) {
    for (const m of members) m.leefgeldPaidCents = m.leefgeldFullCents;
    return;
  }
  if (paid === 0 || L === 0) {
    for (const m of members) m.leefgeldPaidCents = 0;
    return;
  }
  let given = 0;
  const remainders: number[] = [];
  for (const m of members) {
    const exact = m.leefgeldFullCents * paid;
    const share = Math.floor(exact / L);
    m.leefgeldPaidCents = share;
    remainders.push(exact - share * L);
    given += share;
  }
  let left = paid - given;
  // Ties go to the lower index, so the split is deterministic.
  while (left > 0) {
    let best = -1;
    for (let i = 0; i < members.length; i++) {
      if (remainders[i]! >= 0 && (best < 0 || remainders[i]! > remainders[best]!)) best = i;
    }
    members[best]!.leefgeldPaidCents += 1;
    remainders[best] = -1;
    left -= 1;
  }
}

/**
 * Computes one household-month. Expects validated input (see `normalizeHousehold`);
 * throws ValidationError only for maatwerk outside the full amounts.
 */
export function computeHouseholdMonth(
  p: MonthParams,
  h: EngineHousehold,
  options: { trace?: boolean } = {},
): HouseholdMonthResult {
  const { members: input, reception } = h;
  const size = input.length;
  const first = p.firstDayYmd;
  const ageOffset = p.adultAge * 10000;
  let adults = 0;
  const isAdult: boolean[] = new Array(size);
  for (let i = 0; i < size; i++) {
    const a = effectiveBirthYmd(input[i]!.birthYmd, p.partialBirthDate) + ageOffset <= first;
    isAdult[i] = a;
    if (a) adults++;
  }
  const band = size <= 2 ? 0 : size === 3 ? 1 : 2;
  const noAdults = adults === 0;
  const dim = p.daysInMonth;
  const members: MemberResult[] = new Array(size);
  let L = 0;
  let I = 0;
  let earners = 0;
  const perExpl = reception === "poo" ? 0 : p.eigenBijdragePerAdult;
  const perAdult = perExpl + (reception === "goo-catering" ? p.cateringPerAdult : 0);
  const limitToIncome = p.eigenBijdrageAdultLimit === "limited-to-own-income";
  let top1 = 0;
  let top2 = 0;
  for (let i = 0; i < size; i++) {
    const m = input[i]!;
    const adult = isAdult[i]!;
    const adultAmounts = adult || noAdults;
    let eet =
      reception === "goo-catering" ? 0 : adultAmounts ? p.eetgeldAdult[band] : p.eetgeldMinor[band];
    let kleed = p.kleedgeld;
    let woon =
      reception === "poo" ? (adultAmounts ? p.wooncomponentAdult : p.wooncomponentMinor) : 0;
    const days = m.toDay - m.fromDay + 1;
    if (days !== dim) {
      // Prorate each amount once, rounded half up to the cent.
      eet = mulRatio(eet, days, dim);
      kleed = mulRatio(kleed, days, dim);
      woon = mulRatio(woon, days, dim);
    }
    const full = eet + kleed + woon;
    L += full;
    if (adult && m.netIncomeCents > 0) {
      I += m.netIncomeCents;
      earners++;
      if (perAdult > 0) {
        // Keep the two largest per-adult contributions (the cap counts at most two adults).
        const lim = limitToIncome && m.netIncomeCents < perAdult ? m.netIncomeCents : perAdult;
        if (lim > top1) {
          top2 = top1;
          top1 = lim;
        } else if (lim > top2) top2 = lim;
      }
    }
    members[i] = {
      index: i,
      adult,
      adultAmounts,
      daysPresent: days,
      eetgeldCents: eet,
      kleedgeldCents: kleed,
      wooncomponentCents: woon,
      leefgeldFullCents: full,
      leefgeldPaidCents: 0,
    };
  }
  const maxAdults = p.eigenBijdrageMaxAdults;
  const E = maxAdults >= 2 ? top1 + top2 : maxAdults === 1 ? top1 : 0;
  // Each counted adult's amount goes to the exploitation part first, then catering.
  const eExpl =
    maxAdults >= 2
      ? Math.min(top1, perExpl) + Math.min(top2, perExpl)
      : maxAdults === 1
        ? Math.min(top1, perExpl)
        : 0;
  const eCat = E - eExpl;
  let [withdrawn, charged] = withdraw(p, L, E, I);
  let thresholds: Thresholds | null = null;
  if (p.thresholdFactor) {
    // Thresholds as municipalities publish them: the nominal amount per counted earner
    // (with no earner yet, for one adult starting to earn).
    const [x, c] = eigenBijdrageFull(p, reception, earners === 0 && adults > 0 ? 1 : earners);
    thresholds = thresholdsFor(p, L, x + c);
  }
  const computed = options.trace ? { withdrawn, charged } : null;
  const maatwerk = h.maatwerk ?? null;
  if (maatwerk) {
    const issues: Issue[] = [];
    const mp = maatwerk.leefgeldPaidCents;
    if (mp !== undefined) {
      if (mp > L) {
        issues.push({
          path: "maatwerk.leefgeldPaidCents",
          code: "too_big",
          message: `maatwerk leefgeld paid ${mp} exceeds the full leefgeld ${L}`,
        });
      } else withdrawn = L - mp;
    }
    const mc = maatwerk.eigenBijdrageChargedCents;
    if (mc !== undefined) {
      if (mc > E) {
        issues.push({
          path: "maatwerk.eigenBijdrageChargedCents",
          code: "too_big",
          message: `maatwerk eigen bijdrage ${mc} exceeds the full eigen bijdrage ${E}`,
        });
      } else charged = mc;
    }
    if (issues.length > 0) throw new ValidationError(issues);
  }
  const paid = L - withdrawn;
  distributePaid(members, L, paid);
  const explCharged = Math.min(charged, eExpl);
  const result: HouseholdMonthResult = {
    month: p.month,
    reception,
    householdSize: size,
    adults,
    adultsWithIncome: earners,
    incomeCents: I,
    leefgeld: { fullCents: L, withdrawnCents: withdrawn, paidCents: paid },
    eigenBijdrage: {
      fullCents: E,
      chargedCents: charged,
      exploitationFullCents: eExpl,
      cateringFullCents: eCat,
      exploitationCents: explCharged,
      cateringCents: charged - explCharged,
    },
    thresholds,
    members,
    maatwerk,
    trace: null,
  };
  if (computed) result.trace = buildTrace(p, h, result, computed);
  return result;
}

/** Input as other systems give it: texts for dates, optional presence and income. */
export interface HouseholdMonthInput {
  month: string;
  reception: string;
  members: ReadonlyArray<{
    birthDate: string;
    presentFrom?: string | undefined;
    presentTo?: string | undefined;
    netIncomeCents?: number | undefined;
  }>;
  maatwerk?: Maatwerk | null | undefined;
}

const BIRTH_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** yyyymmdd of a BRP birth date (00 allowed for unknown month/day), or an error message. */
export function parseBirthDate(text: string): number | string {
  const m = BIRTH_RE.exec(text);
  if (!m) return "must be a date YYYY-MM-DD (00 for an unknown month or day)";
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1850) return "year must be known and after 1850";
  if (month > 12) return "month out of range";
  if (month === 0 && day !== 0) return "a known day needs a known month";
  if (day > (month === 0 ? 0 : daysInMonthOf(year, month))) {
    return "day out of range for the month";
  }
  return year * 10000 + month * 100 + day;
}

/** Validates domain-level input against the month and converts it for the engine. */
export function normalizeHousehold(p: MonthParams, input: HouseholdMonthInput): EngineHousehold {
  const issues: Issue[] = [];
  if (!RECEPTIONS.includes(input.reception as Reception)) {
    issues.push({
      path: "reception",
      code: "invalid_reception",
      message: `unknown reception ${JSON.stringify(input.reception)}: use ${RECEPTIONS.join(", ")}`,
    });
  }
  if (!Array.isArray(input.members) || input.members.length === 0) {
    issues.push({ path: "members", code: "empty_household", message: "at least one member" });
  }
  const members: EngineMember[] = [];
  const dayOf = (text: string | undefined, path: string, fallback: number): number => {
    if (text === undefined) return fallback;
    const m = DATE_RE.exec(text);
    const ymd = m ? Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]) : Number.NaN;
    if (!m || ymd < p.firstDayYmd || ymd > p.lastDayYmd) {
      issues.push({
        path,
        code: "outside_month",
        message: `must be a date within ${p.month} (${p.firstDay} … ${p.lastDay})`,
      });
      return fallback;
    }
    return ymd % 100;
  };
  (input.members ?? []).forEach((m, i) => {
    const base = `members.${i}`;
    const birth = parseBirthDate(String(m.birthDate));
    let birthYmd = 0;
    if (typeof birth === "string") {
      issues.push({ path: `${base}.birthDate`, code: "invalid_date", message: birth });
    } else if (earliestBirthYmd(birth) > p.lastDayYmd) {
      issues.push({
        path: `${base}.birthDate`,
        code: "born_after_month",
        message: `birth date ${m.birthDate} is after the end of ${p.month}`,
      });
    } else birthYmd = birth;
    const fromDay = dayOf(m.presentFrom, `${base}.presentFrom`, 1);
    const toDay = dayOf(m.presentTo, `${base}.presentTo`, p.daysInMonth);
    if (fromDay > toDay) {
      issues.push({
        path: `${base}.presentTo`,
        code: "before_present_from",
        message: "presentTo is before presentFrom",
      });
    }
    const income = m.netIncomeCents ?? 0;
    if (!Number.isSafeInteger(income) || income < 0) {
      issues.push({
        path: `${base}.netIncomeCents`,
        code: "invalid_income",
        message: "net income must be whole cents, 0 or more",
      });
    }
    members.push({ birthYmd, fromDay, toDay, netIncomeCents: income });
  });
  const mw = input.maatwerk;
  if (mw) {
    if (typeof mw.reason !== "string" || mw.reason.trim() === "") {
      issues.push({ path: "maatwerk.reason", code: "required", message: "a reason is required" });
    }
    for (const key of ["leefgeldPaidCents", "eigenBijdrageChargedCents"] as const) {
      const v = mw[key];
      if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) {
        issues.push({
          path: `maatwerk.${key}`,
          code: "invalid_amount",
          message: "must be whole cents, 0 or more",
        });
      }
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { reception: input.reception as Reception, members, maatwerk: mw ?? null };
}

/** Validates, resolves the month and computes: the entry point for modules. */
export function calculateHouseholdMonth(
  input: HouseholdMonthInput,
  options: { trace?: boolean; lawbook?: Lawbook } = {},
): HouseholdMonthResult & { params: MonthParams } {
  const lawbook = options.lawbook ?? getLawbook();
  const p = resolveMonth(lawbook, input.month);
  const household = normalizeHousehold(p, input);
  return { ...computeHouseholdMonth(p, household, { trace: options.trace ?? true }), params: p };
}
