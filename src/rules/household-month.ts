/**
 * The computation: one household, one month → leefgeld, eigen bijdrage and thresholds in
 * cents, optionally with a trace. The hot path (`computeHouseholdMonth` without trace) takes
 * pre-resolved month parameters and numeric member data and allocates only its result.
 */

import { MEMBERSHIP_ROLES, type MembershipRole } from "../domain/enums.js";
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
import { type Thresholds, WITHDRAWAL_RULES, type WithdrawalRuleDefinition } from "./withdrawal.js";

export type { Thresholds } from "./withdrawal.js";

import { step, TraceRecorder, type TraceStep, ymdText } from "./trace.js";

export interface EngineMember {
  /** yyyymmdd; month and/or day may be 00 when unknown in the BRP. */
  birthYmd: number;
  /** Days present in the month (in the household and in reception): 0 … daysInMonth. */
  days: number;
  netIncomeCents: number;
  /** A child of the household (membership role): one who is an adult has an own household. */
  child?: boolean;
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
  /** Counted in the household this month (present, and not a child who is an adult). */
  counted: boolean;
  /** Adult (rooo.household.adult-age or older) on the first day of the month. */
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

/** Facts the engine found that a person must act on; `member` is the input's index. */
export interface Notice {
  code: "child_turned_18" | "no_adult" | "adult_aged_18";
  member: number | null;
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
  notices: readonly Notice[];
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
    // Adult only when certainly of age: the latest date the BRP value allows.
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

/** Whether a birth date makes a person an adult on the month's first day. */
export function isAdultIn(p: MonthParams, birthYmd: number): boolean {
  return effectiveBirthYmd(birthYmd, p.partialBirthDate) + p.adultAge * 10000 <= p.firstDayYmd;
}

/** Income at which leefgeld is fully withdrawn / the contribution fully charged. */
export function thresholdsFor(p: MonthParams, L: number, E: number): Thresholds | null {
  const f = p.thresholdFactor;
  const rule: WithdrawalRuleDefinition = WITHDRAWAL_RULES[p.rule];
  return f && rule.thresholds ? rule.thresholds(f, L, E) : null;
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

// --- The steps. Each names the parameters it reads; its formula text names no value. ---

const HOUSEHOLD_USES = [
  "rooo.household.adult-age",
  "rooo.household.adult-child",
  "rooo.household.partial-birth-date",
] as const;
const HOUSEHOLD_RULE =
  "Counted: members present on at least one day of the month, except a child who is an " +
  "adult (rooo.household.adult-child). Adult: rooo.household.adult-age or older on the " +
  "first day of the month (partly unknown birth dates by rooo.household.partial-birth-date). " +
  "A household without adults gets adult amounts.";

const BANDS = ["size-1-2", "size-3", "size-4-plus"] as const;
const MEMBER_RULE: Record<Reception, string> = {
  goo: "GOO: eetgeld (by adult or minor amounts and household size band) + kleedgeld",
  "goo-catering": "GOO with catering: kleedgeld only (meals provided)",
  poo: "POO: eetgeld (by adult or minor amounts and household size band) + kleedgeld + wooncomponent",
};
const PRORATION_RULE =
  "; a member present part of the month gets each amount x days present / days in the " +
  "month, rounded half up to the cent once per amount (rooo.leefgeld.proration).";
const memberUses: (readonly string[] | undefined)[] = [];
function usesOfMember(reception: Reception, adultAmounts: boolean, band: number, partial: boolean) {
  const key =
    (reception === "goo" ? 0 : reception === "poo" ? 12 : 24) +
    (adultAmounts ? 0 : 6) +
    band * 2 +
    (partial ? 1 : 0);
  let uses = memberUses[key];
  if (!uses) {
    const kind = adultAmounts ? "adult" : "minor";
    const list: string[] = [];
    if (reception !== "goo-catering") list.push(`rooo.eetgeld.${kind}.${BANDS[band]}`);
    list.push("rooo.kleedgeld");
    if (reception === "poo") list.push(`rooo.wooncomponent.${kind}`);
    if (partial) list.push("rooo.leefgeld.proration");
    uses = Object.freeze(list);
    memberUses[key] = uses;
  }
  return uses;
}
const STEP_NAMES = Array.from({ length: 30 }, (_, i) => `members.${i}.leefgeld`);

const FULL_USES = ["rooo.kleedgeld"] as const;
const NO_USES: readonly string[] = Object.freeze([]);
const INCOME_USES = ["rooo.income.source-precedence"] as const;
const INCOME_RULE =
  "I = the sum of the counted adults' net income in the month; a minor's income does not " +
  "count. Adults with income are counted for the eigen bijdrage.";

const EB_USES = [
  "rooo.eigen-bijdrage.charging",
  "rooo.eigen-bijdrage.per-adult",
  "rooo.eigen-bijdrage.catering-per-adult",
  "rooo.eigen-bijdrage.max-adults",
  "rooo.eigen-bijdrage.adult-limit",
] as const;
const EB_NOT_CHARGED_USES = ["rooo.eigen-bijdrage.charging"] as const;
const EB_RULE =
  "Where rooo.eigen-bijdrage.charging is charged and the household lives in a GOO: E = " +
  "rooo.eigen-bijdrage.per-adult per adult with income, plus rooo.eigen-bijdrage.catering-" +
  "per-adult in a GOO with catering, for at most rooo.eigen-bijdrage.max-adults adults; one " +
  "adult's amount limited by rooo.eigen-bijdrage.adult-limit.";

const WITHDRAWAL_USES = ["rooo.withdrawal.rule", "rooo.withdrawal.threshold-factor"] as const;
const MAATWERK_RULE =
  "Maatwerk: a recorded, reasoned deviation by the municipality, applied last, within the " +
  "full amounts.";
const PER_MEMBER_RULE =
  "Leefgeld paid is split over the members in proportion to their full leefgeld (largest " +
  "remainder, ties to the lower index), or as the rule withdrew it per member; the eigen " +
  "bijdrage is charged for the exploitation part first, then the catering part.";
const PER_MEMBER_USES = ["rooo.leefgeld.proration"] as const;

const NO_NOTICES: readonly Notice[] = Object.freeze([]);

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

interface Composition {
  counted: boolean[];
  adult: boolean[];
  size: number;
  adults: number;
  band: number;
  notices: readonly Notice[];
}

function composition(p: MonthParams, input: readonly EngineMember[]): Composition {
  const n = input.length;
  const counted: boolean[] = new Array(n);
  const adult: boolean[] = new Array(n);
  let size = 0;
  let adults = 0;
  // Allocated only when there is something to say (no closure: the bulk path makes none).
  let notices: Notice[] | null = null;
  for (let i = 0; i < n; i++) {
    const m = input[i]!;
    const a = isAdultIn(p, m.birthYmd);
    adult[i] = a;
    let c = m.days > 0;
    if (c && a && m.child === true) {
      // rooo.household.adult-child = own-household: not a member of this household.
      c = false;
      if (notices === null) notices = [];
      notices.push({ code: "child_turned_18", member: i });
    }
    counted[i] = c;
    if (c) {
      size++;
      if (a) adults++;
    }
  }
  if (size > 0 && adults === 0) {
    if (notices === null) notices = [];
    notices.push({ code: "no_adult", member: null });
  }
  if (adults > 1) {
    // Without a role the engine cannot tell a partner from a child who just came of age.
    const nextYear = p.firstDayYmd - 10000;
    for (let i = 0; i < n; i++) {
      const m = input[i]!;
      if (counted[i] && adult[i] && m.child === undefined && !isAdultBy(p, m.birthYmd, nextYear)) {
        if (notices === null) notices = [];
        notices.push({ code: "adult_aged_18", member: i });
      }
    }
  }
  return {
    counted,
    adult,
    size,
    adults,
    band: size <= 2 ? 0 : size === 3 ? 1 : 2,
    notices: notices ?? NO_NOTICES,
  };
}

/**
 * Whether a person is an adult on a date (YYYY-MM-DD) by the law in force then:
 * rooo.household.adult-age, with partly unknown birth dates read by
 * rooo.household.partial-birth-date. A wholly unknown date (0000-00-00) answers null.
 */
export function isAdultOnDate(
  birthDate: string,
  date: string,
  lawbook: Lawbook = getLawbook(),
): boolean | null {
  const birth = parseBirthDate(birthDate);
  if (typeof birth === "string") return null;
  // Persons arrived from March 2022, before the RooO: its first values answer for them.
  const lawDate = date < lawbook.firstDayInForce ? lawbook.firstDayInForce : date;
  const age = lawbook.at("rooo.household.adult-age", lawDate);
  const convention = lawbook.at("rooo.household.partial-birth-date", lawDate);
  if (!age || !convention) {
    throw new ValidationError({
      path: "date",
      code: "no_law_in_force",
      message: `no law in force on ${date}: rooo.household.adult-age`,
    });
  }
  const ymd =
    Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
  return (
    effectiveBirthYmd(birth, convention.version.value as PartialBirthDateConvention) +
      (age.version.value as number) * 10000 <=
    ymd
  );
}

/** Whether the person was already of age on `ymd` (for "aged exactly the adult age"). */
function isAdultBy(p: MonthParams, birthYmd: number, ymd: number): boolean {
  return effectiveBirthYmd(birthYmd, p.partialBirthDate) + p.adultAge * 10000 <= ymd;
}

function memberLeefgeld(
  p: MonthParams,
  reception: Reception,
  i: number,
  days: number,
  adult: boolean,
  adultAmounts: boolean,
  band: number,
): MemberResult {
  let eet =
    reception === "goo-catering" ? 0 : adultAmounts ? p.eetgeldAdult[band]! : p.eetgeldMinor[band]!;
  let kleed = p.kleedgeld;
  let woon = reception === "poo" ? (adultAmounts ? p.wooncomponentAdult : p.wooncomponentMinor) : 0;
  const dim = p.daysInMonth;
  if (days !== dim) {
    // rooo.leefgeld.proration = by-days-present: each amount once, rounded half up.
    eet = mulRatio(eet, days, dim);
    kleed = mulRatio(kleed, days, dim);
    woon = mulRatio(woon, days, dim);
  }
  return {
    index: i,
    counted: true,
    adult,
    adultAmounts,
    daysPresent: days,
    eetgeldCents: eet,
    kleedgeldCents: kleed,
    wooncomponentCents: woon,
    leefgeldFullCents: eet + kleed + woon,
    leefgeldPaidCents: 0,
  };
}

/**
 * Computes one household-month. Expects validated input (see `normalizeHousehold`);
 * throws ValidationError only for maatwerk outside the full amounts. With `trace` the
 * steps are recorded as they run.
 */
export function computeHouseholdMonth(
  p: MonthParams,
  h: EngineHousehold,
  options: { trace?: boolean } = {},
): HouseholdMonthResult {
  const rec = options.trace ? new TraceRecorder(p) : null;
  const { members: input, reception } = h;
  const n = input.length;

  // Steps run through `step` only with a recorder: the bulk path creates no closures.
  const comp = rec
    ? step(
        rec,
        "household",
        HOUSEHOLD_RULE,
        HOUSEHOLD_USES,
        () => ({
          month: p.month,
          firstDay: p.firstDay,
          daysInMonth: p.daysInMonth,
          reception,
          members: input.map((m, i) => {
            const x: Record<string, unknown> = {
              index: i,
              birthDate: ymdText(m.birthYmd),
              daysPresent: m.days,
            };
            if (m.child !== undefined) x.child = m.child;
            return x;
          }),
        }),
        () => composition(p, input),
      )
    : composition(p, input);
  const { counted, adult: isAdult, size, adults, band } = comp;
  const noAdults = adults === 0;

  const members: MemberResult[] = new Array(n);
  let L = 0;
  for (let i = 0; i < n; i++) {
    const m = input[i]!;
    if (!counted[i]) {
      members[i] = {
        index: i,
        counted: false,
        adult: isAdult[i]!,
        adultAmounts: false,
        daysPresent: m.days,
        eetgeldCents: 0,
        kleedgeldCents: 0,
        wooncomponentCents: 0,
        leefgeldFullCents: 0,
        leefgeldPaidCents: 0,
      };
      continue;
    }
    const adultAmounts = isAdult[i]! || noAdults;
    const partial = m.days !== p.daysInMonth;
    const r = rec
      ? step(
          rec,
          STEP_NAMES[i] ?? `members.${i}.leefgeld`,
          MEMBER_RULE[reception] + (partial ? PRORATION_RULE : "."),
          usesOfMember(reception, adultAmounts, band, partial),
          () => ({
            adult: isAdult[i]!,
            adultAmounts,
            householdSize: size,
            daysPresent: m.days,
            daysInMonth: p.daysInMonth,
          }),
          () => memberLeefgeld(p, reception, i, m.days, isAdult[i]!, adultAmounts, band),
        )
      : memberLeefgeld(p, reception, i, m.days, isAdult[i]!, adultAmounts, band);
    members[i] = r;
    L += r.leefgeldFullCents;
  }
  if (rec) {
    rec.record(
      "leefgeld.full",
      "L = the sum of the counted members' full leefgeld for the month.",
      FULL_USES,
      { members: members.map((m) => m.leefgeldFullCents) },
      { leefgeldFullCents: L },
    );
  }

  // Income, and what each adult with income can be charged (the two largest count).
  const charging = reception !== "poo" && p.eigenBijdrageCharged;
  const perExpl = charging ? p.eigenBijdragePerAdult : 0;
  const perAdult = perExpl + (charging && reception === "goo-catering" ? p.cateringPerAdult : 0);
  const limitToIncome = p.eigenBijdrageAdultLimit === "limited-to-own-income";
  let I = 0;
  let earners = 0;
  let earnersLeefgeld = 0;
  let top1 = 0;
  let top2 = 0;
  for (let i = 0; i < n; i++) {
    const income = input[i]!.netIncomeCents;
    if (!counted[i] || !isAdult[i] || income <= 0) continue;
    I += income;
    earners++;
    earnersLeefgeld += members[i]!.leefgeldFullCents;
    if (perAdult > 0) {
      const lim = limitToIncome && income < perAdult ? income : perAdult;
      if (lim > top1) {
        top2 = top1;
        top1 = lim;
      } else if (lim > top2) top2 = lim;
    }
  }
  if (rec) {
    rec.record(
      "income",
      INCOME_RULE,
      INCOME_USES,
      {
        members: input.map((m, i) => ({
          index: i,
          counted: counted[i]!,
          adult: isAdult[i]!,
          netIncomeCents: m.netIncomeCents,
        })),
      },
      { incomeCents: I, adultsWithIncome: earners },
    );
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
  if (rec) {
    rec.record(
      "eigen-bijdrage.full",
      EB_RULE,
      p.eigenBijdrageCharged ? EB_USES : EB_NOT_CHARGED_USES,
      {
        reception,
        charged: p.eigenBijdrageCharged,
        adultsWithIncome: earners,
        counted: Math.min(earners, maxAdults),
      },
      { exploitationFullCents: eExpl, cateringFullCents: eCat, eigenBijdrageFullCents: E },
    );
  }

  let thresholds: Thresholds | null = null;
  if (p.thresholdFactor) {
    // Thresholds as municipalities publish them: the nominal amount per counted earner
    // (with no earner yet, for one adult starting to earn).
    const [x, c] = eigenBijdrageFull(
      p,
      charging ? reception : "poo",
      earners === 0 && adults > 0 ? 1 : earners,
    );
    thresholds = thresholdsFor(p, L, x + c);
  }
  const rule: WithdrawalRuleDefinition = WITHDRAWAL_RULES[p.rule];
  const withdrawalInput = { L, E, I, earnersLeefgeld, factor: p.thresholdFactor };
  let [withdrawn, charged] = rec
    ? step(
        rec,
        "withdrawal",
        rule.formula,
        WITHDRAWAL_USES,
        () => ({
          rule: p.rule,
          leefgeldFullCents: L,
          eigenBijdrageFullCents: E,
          incomeCents: I,
          earnersLeefgeldCents: earnersLeefgeld,
        }),
        () => rule.withdraw(withdrawalInput),
      )
    : rule.withdraw(withdrawalInput);
  if (rec) {
    const last = rec.steps[rec.steps.length - 1]!;
    last.result = {
      leefgeldWithdrawnCents: withdrawn,
      leefgeldPaidCents: L - withdrawn,
      eigenBijdrageChargedCents: charged,
      thresholds,
    };
  }

  const maatwerk = h.maatwerk ?? null;
  if (maatwerk) {
    const computedPaid = L - withdrawn;
    const computedCharged = charged;
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
    rec?.record(
      "maatwerk",
      MAATWERK_RULE,
      NO_USES,
      {
        computedLeefgeldPaidCents: computedPaid,
        computedEigenBijdrageChargedCents: computedCharged,
        ...maatwerk,
      },
      { leefgeldPaidCents: L - withdrawn, eigenBijdrageChargedCents: charged },
    );
  }

  const paid = L - withdrawn;
  let countedMembers = members;
  if (size !== n) {
    countedMembers = [];
    for (const m of members) if (m.counted) countedMembers.push(m);
  }
  if (rule.perEarner && !(maatwerk && maatwerk.leefgeldPaidCents !== undefined)) {
    // The rule withdrew per member: earners get nothing, the others their full leefgeld.
    for (const m of countedMembers) {
      m.leefgeldPaidCents = m.adult && input[m.index]!.netIncomeCents > 0 ? 0 : m.leefgeldFullCents;
    }
  } else distributePaid(countedMembers, L, paid);
  const explCharged = Math.min(charged, eExpl);
  if (rec) {
    rec.record(
      "leefgeld.per-member",
      PER_MEMBER_RULE,
      PER_MEMBER_USES,
      { leefgeldPaidCents: paid },
      {
        members: members.map((m) => m.leefgeldPaidCents),
        exploitationCents: explCharged,
        cateringCents: charged - explCharged,
      },
    );
  }
  return {
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
    notices: comp.notices,
    maatwerk,
    trace: rec ? rec.steps : null,
  };
}

/** The membership roles of the registry; only "child" changes what the engine does. */
/** The membership roles of the registry (domain/enums). */
export const MEMBER_ROLES = MEMBERSHIP_ROLES;
export type MemberRole = MembershipRole;

/** A stretch of days present, both ends included. */
export interface PresencePeriod {
  from: string;
  to: string;
}

/** Input as other systems give it: texts for dates, optional presence and income. */
export interface HouseholdMonthInput {
  month: string;
  reception: string;
  /** The municipality (CBS code) whose recorded policy applies; none: national law only. */
  gemeente?: string | undefined;
  members: ReadonlyArray<{
    birthDate: string;
    /** Presence: at most one of `days`, `periods` or `presentFrom`/`presentTo`; none = all. */
    days?: number | undefined;
    periods?: readonly PresencePeriod[] | undefined;
    presentFrom?: string | undefined;
    presentTo?: string | undefined;
    netIncomeCents?: number | undefined;
    role?: MemberRole | undefined;
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
  const dayOf = (text: string, path: string): number | null => {
    const m = DATE_RE.exec(text);
    const ymd = m ? Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]) : Number.NaN;
    if (!m || ymd < p.firstDayYmd || ymd > p.lastDayYmd) {
      issues.push({
        path,
        code: "outside_month",
        message: `must be a date within ${p.month} (${p.firstDay} … ${p.lastDay})`,
      });
      return null;
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
    const ways = [
      m.days !== undefined,
      m.periods !== undefined,
      m.presentFrom !== undefined || m.presentTo !== undefined,
    ].filter(Boolean).length;
    if (ways > 1) {
      issues.push({
        path: base,
        code: "presence_twice",
        message: "give presence once: days, periods, or presentFrom/presentTo",
      });
    }
    let days = p.daysInMonth;
    if (m.days !== undefined) {
      if (!Number.isInteger(m.days) || m.days < 0 || m.days > p.daysInMonth) {
        issues.push({
          path: `${base}.days`,
          code: "invalid_days",
          message: `days present must be a whole number from 0 to ${p.daysInMonth}`,
        });
      } else days = m.days;
    } else if (m.periods !== undefined) {
      // The set of days present: overlapping periods count each day once.
      const present = new Uint8Array(p.daysInMonth + 1);
      m.periods.forEach((period, k) => {
        const from = dayOf(period.from, `${base}.periods.${k}.from`);
        const to = dayOf(period.to, `${base}.periods.${k}.to`);
        if (from === null || to === null) return;
        if (from > to) {
          issues.push({
            path: `${base}.periods.${k}.to`,
            code: "before_from",
            message: "the period ends before it starts",
          });
          return;
        }
        for (let d = from; d <= to; d++) present[d] = 1;
      });
      days = present.reduce((a, b) => a + b, 0);
    } else if (m.presentFrom !== undefined || m.presentTo !== undefined) {
      const from = m.presentFrom === undefined ? 1 : dayOf(m.presentFrom, `${base}.presentFrom`);
      const to =
        m.presentTo === undefined ? p.daysInMonth : dayOf(m.presentTo, `${base}.presentTo`);
      if (from !== null && to !== null) {
        if (from > to) {
          issues.push({
            path: `${base}.presentTo`,
            code: "before_present_from",
            message: "presentTo is before presentFrom",
          });
        } else days = to - from + 1;
      }
    }
    const income = m.netIncomeCents ?? 0;
    if (!Number.isSafeInteger(income) || income < 0) {
      issues.push({
        path: `${base}.netIncomeCents`,
        code: "invalid_income",
        message: "net income must be whole cents, 0 or more",
      });
    }
    const member: EngineMember = { birthYmd, days, netIncomeCents: income };
    if (m.role !== undefined) member.child = m.role === "child";
    members.push(member);
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
  if (!members.some((m) => m.days > 0)) {
    throw new ValidationError({
      path: "members",
      code: "nobody_present",
      message: `no member is present on any day of ${p.month}`,
    });
  }
  return { reception: input.reception as Reception, members, maatwerk: mw ?? null };
}

/** Validates, resolves the month and computes: the entry point for modules. */
export function calculateHouseholdMonth(
  input: HouseholdMonthInput,
  options: { trace?: boolean; lawbook?: Lawbook } = {},
): HouseholdMonthResult & { params: MonthParams } {
  const lawbook = options.lawbook ?? getLawbook();
  const gemeente = input.gemeente ?? null;
  if (gemeente !== null && !/^GM\d{4}$/.test(gemeente)) {
    throw new ValidationError({
      path: "gemeente",
      code: "invalid_gemeente",
      message: `not a CBS municipality code such as GM0344: ${JSON.stringify(gemeente)}`,
    });
  }
  const p = resolveMonth(lawbook, input.month, gemeente);
  const household = normalizeHousehold(p, input);
  return { ...computeHouseholdMonth(p, household, { trace: options.trace ?? true }), params: p };
}
