/**
 * The trace: every step of a computation with the rule, the article, the source, the
 * parameter values read (with the date they apply from), the inputs and the result. It is
 * stored with each decision so the decision can be replayed and explained years later.
 * Built only when asked: the bulk path never allocates it.
 */

import type { EngineHousehold, HouseholdMonthResult } from "./household-month.js";
import type { Interpretation, ResolvedParameter } from "./lawbook.js";
import type { MonthParams } from "./month-params.js";

export interface TraceParameter {
  name: string;
  /** Cents for euro amounts; numbers for integers; texts for dates, rules and decimals. */
  value: number | string;
  unit: string;
  validFrom: string;
  source: string;
}

export interface TraceStep {
  step: string;
  rule: string;
  article: string;
  source: string;
  parameters: TraceParameter[];
  inputs: Record<string, unknown>;
  result: unknown;
  interpretation?: Interpretation;
  note?: string;
}

/** Steps that are Opvang's own method where the RooO leaves it to the municipality. */
export const OPVANG_CHOICE_SOURCE = "https://wetten.overheid.nl/BWBR0046503";

function traceParameter(r: ResolvedParameter): TraceParameter {
  const v = r.version.value;
  return {
    name: r.parameter.name,
    value: typeof v === "object" && v !== null ? (r.version.text ?? "") : (v as number | string),
    unit: r.parameter.unit === "euro" ? "cents" : r.parameter.unit,
    validFrom: r.version.validFrom,
    source: r.version.source,
  };
}

interface TraceCache {
  parameters: Map<string, TraceParameter>;
  where: Map<string, { article: string; source: string }>;
  dates: string[];
  members: MemberStatic[];
  eb: TraceParameter[];
  ebCatering: TraceParameter[];
  withdrawal: TraceParameter[];
  household: TraceParameter[];
  householdPartial: TraceParameter[];
  /** Article and source of the steps, resolved once per month. */
  at: Record<
    "household" | "kleedgeld" | "withdrawal" | "eigenBijdrage",
    { article: string; source: string }
  >;
}

// Per month, the trace parameters and date texts are built once and shared (frozen), so a
// trace costs little more than its own step objects.
const traceCaches = new WeakMap<MonthParams, TraceCache>();

function cacheFor(p: MonthParams): TraceCache {
  let c = traceCaches.get(p);
  if (c) return c;
  c = {
    parameters: new Map(),
    where: new Map(),
    dates: [],
    members: [],
    eb: [],
    ebCatering: [],
    withdrawal: [],
    household: [],
    householdPartial: [],
    at: { household: NO_WHERE, kleedgeld: NO_WHERE, withdrawal: NO_WHERE, eigenBijdrage: NO_WHERE },
  };
  for (const [name, r] of Object.entries(p.refs)) {
    if (!r) continue;
    c.parameters.set(name, Object.freeze(traceParameter(r)));
    c.where.set(
      name,
      Object.freeze({
        article: `${r.parameter.regulation}, ${r.parameter.article}`,
        source: r.version.source,
      }),
    );
  }
  c.eb = params(c, [
    "rooo.eigen-bijdrage.per-adult",
    "rooo.eigen-bijdrage.max-adults",
    "rooo.eigen-bijdrage.adult-limit",
  ]);
  c.ebCatering = params(c, [
    "rooo.eigen-bijdrage.per-adult",
    "rooo.eigen-bijdrage.catering-per-adult",
    "rooo.eigen-bijdrage.max-adults",
    "rooo.eigen-bijdrage.adult-limit",
  ]);
  c.withdrawal = params(c, ["rooo.withdrawal.rule", "rooo.withdrawal.threshold-factor"]);
  c.at = {
    household: where(c, "rooo.household.adult-age"),
    kleedgeld: where(c, "rooo.kleedgeld"),
    withdrawal: where(c, "rooo.withdrawal.rule"),
    eigenBijdrage: where(c, "rooo.eigen-bijdrage.per-adult"),
  };
  c.household = params(c, ["rooo.household.adult-age"]);
  c.householdPartial = params(c, ["rooo.household.adult-age", "rooo.household.partial-birth-date"]);
  const prefix = p.firstDay.slice(0, 8);
  for (let d = 0; d <= p.daysInMonth; d++) c.dates.push(`${prefix}${String(d).padStart(2, "0")}`);
  traceCaches.set(p, c);
  return c;
}

function params(c: TraceCache, names: string[]): TraceParameter[] {
  const out: TraceParameter[] = [];
  for (const n of names) {
    const tp = c.parameters.get(n);
    if (tp) out.push(tp);
  }
  return out;
}

const NO_WHERE = Object.freeze({ article: "", source: OPVANG_CHOICE_SOURCE });

function where(c: TraceCache, name: string): { article: string; source: string } {
  return c.where.get(name) ?? NO_WHERE;
}

const ymdTexts = new Map<number, string>();

/** yyyymmdd → YYYY-MM-DD; cached, as the same birth dates recur across households. */
export function ymdText(ymd: number): string {
  let text = ymdTexts.get(ymd);
  if (text === undefined) {
    const s = String(ymd).padStart(8, "0");
    text = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
    if (ymdTexts.size < 100_000) ymdTexts.set(ymd, text);
  }
  return text;
}

const BANDS = ["size-1-2", "size-3", "size-4-plus"] as const;

const RULE_TEXT: Record<string, string> = {
  "top-up":
    "Before 2024-07-01 (top-up practice): leefgeld paid = max(0, L - I); no eigen bijdrage.",
  "keep-leefgeld-level":
    "2024-07-01 to 2025-09-30: leefgeld paid = max(0, L - I); " +
    "contribution = min(E, max(0, I - L)); the household keeps at least its leefgeld level.",
  "threshold-115":
    "From 2025-10-01 (115% rule): taken back T = min(L + E, I / 1.15) rounded half up; " +
    "withdrawn = min(L, T) from leefgeld first, contribution = T - withdrawn. " +
    "Thresholds 1.15 x L and 1.15 x (L + E), rounded half up.",
  "threshold-115-income-disregard":
    "115% rule, income-disregard reading: T = min(L + E, 0.85 x I) rounded half up; " +
    "withdrawn = min(L, T), contribution = T - withdrawn.",
};

const STEP_NAMES = Array.from({ length: 30 }, (_, i) => `members.${i}.leefgeld`);

const PRORATION_NOTE =
  "Proration by days is Opvang's choice; the RooO leaves the method to the municipality.";

const MEMBER_RULE: Record<string, string> = {
  goo: "GOO: eetgeld + kleedgeld.",
  "goo-catering": "GOO with catering: kleedgeld only (meals provided).",
  poo: "POO: eetgeld + kleedgeld + wooncomponent.",
};

interface MemberStatic {
  rule: string;
  article: string;
  source: string;
  parameters: TraceParameter[];
}

/** The parts of a member step that depend only on the month, reception, kind and band. */
function memberStatic(
  c: TraceCache,
  reception: string,
  adultAmounts: boolean,
  band: number,
): MemberStatic {
  const key =
    (reception === "goo" ? 0 : reception === "poo" ? 6 : 12) + (adultAmounts ? 0 : 3) + band;
  let ms = c.members[key];
  if (ms) return ms;
  const kind = adultAmounts ? "adult" : "minor";
  const names: string[] = [];
  if (reception !== "goo-catering") names.push(`rooo.eetgeld.${kind}.${BANDS[band]}`);
  names.push("rooo.kleedgeld");
  if (reception === "poo") names.push(`rooo.wooncomponent.${kind}`);
  ms = Object.freeze({
    rule:
      `${MEMBER_RULE[reception]} A member present part of the month gets amount x days ` +
      "present / days in month, rounded half up to the cent once per amount.",
    ...where(c, names[0]!),
    parameters: Object.freeze(params(c, names)) as TraceParameter[],
  });
  c.members[key] = ms;
  return ms;
}

export function buildTrace(
  p: MonthParams,
  h: EngineHousehold,
  r: HouseholdMonthResult,
  computed: { withdrawn: number; charged: number },
): TraceStep[] {
  const c = cacheFor(p);
  const steps: TraceStep[] = [];
  const size = r.householdSize;
  const band = size <= 2 ? 0 : size === 3 ? 1 : 2;
  const partial = h.members.some((m) => m.birthYmd % 100 === 0);

  const household: TraceStep = {
    step: "household",
    rule:
      "Adult = 18 or older on the first day of the month. Household size counts every member " +
      "present on any day of the month. A household without adults gets adult amounts.",
    article: c.at.household.article,
    source: c.at.household.source,
    parameters: partial ? c.householdPartial : c.household,
    inputs: {
      month: p.month,
      firstDay: p.firstDay,
      daysInMonth: p.daysInMonth,
      reception: h.reception,
      members: h.members.map((m, i) => ({
        index: i,
        birthDate: ymdText(m.birthYmd),
        presentFrom: c.dates[m.fromDay],
        presentTo: c.dates[m.toDay],
      })),
    },
    result: {
      householdSize: size,
      adults: r.adults,
      minors: size - r.adults,
      adultAmountsForMinors: r.adults === 0,
    },
  };
  if (partial) {
    const ip = p.refs["rooo.household.partial-birth-date"]?.version.interpretation;
    if (ip) household.interpretation = ip;
  }
  steps.push(household);

  for (const m of r.members) {
    const ms = memberStatic(c, h.reception, m.adultAmounts, band);
    const step: TraceStep = {
      step: STEP_NAMES[m.index] ?? `members.${m.index}.leefgeld`,
      rule: ms.rule,
      article: ms.article,
      source: ms.source,
      parameters: ms.parameters,
      inputs: {
        adult: m.adult,
        adultAmounts: m.adultAmounts,
        householdSize: size,
        daysPresent: m.daysPresent,
        daysInMonth: p.daysInMonth,
      },
      result: {
        eetgeldCents: m.eetgeldCents,
        kleedgeldCents: m.kleedgeldCents,
        wooncomponentCents: m.wooncomponentCents,
        leefgeldFullCents: m.leefgeldFullCents,
      },
    };
    if (m.daysPresent !== p.daysInMonth) step.note = PRORATION_NOTE;
    steps.push(step);
  }

  steps.push({
    step: "leefgeld.full",
    rule: "L = the sum of the members' full leefgeld for the month.",
    article: c.at.kleedgeld.article,
    source: c.at.kleedgeld.source,
    parameters: [],
    inputs: { members: r.members.map((m) => m.leefgeldFullCents) },
    result: { leefgeldFullCents: r.leefgeld.fullCents },
  });

  steps.push({
    step: "income",
    rule:
      "I = the sum of the adults' net monthly income; a minor's income does not count. " +
      "Adults with income are counted for the eigen bijdrage.",
    article: c.at.withdrawal.article,
    source: c.at.withdrawal.source,
    parameters: [],
    inputs: {
      members: h.members.map((m, i) => ({
        index: i,
        adult: r.members[i]!.adult,
        netIncomeCents: m.netIncomeCents,
      })),
    },
    result: { incomeCents: r.incomeCents, adultsWithIncome: r.adultsWithIncome },
  });

  const ebInForce = p.refs["rooo.eigen-bijdrage.per-adult"] !== null;
  const ebStep: TraceStep = {
    step: "eigen-bijdrage.full",
    rule:
      "E = amount per adult with income (at most the maximum number of adults), only in a " +
      "GOO; plus the catering surcharge per adult with income in a GOO with catering. " +
      "One adult's amount is at most that adult's own income (Opvang's interpretation).",
    article: c.at.eigenBijdrage.article,
    source: c.at.eigenBijdrage.source,
    parameters: h.reception === "goo-catering" ? c.ebCatering : c.eb,
    inputs: {
      reception: h.reception,
      adultsWithIncome: r.adultsWithIncome,
      counted: Math.min(r.adultsWithIncome, p.eigenBijdrageMaxAdults),
    },
    result: {
      exploitationFullCents: r.eigenBijdrage.exploitationFullCents,
      cateringFullCents: r.eigenBijdrage.cateringFullCents,
      eigenBijdrageFullCents: r.eigenBijdrage.fullCents,
    },
  };
  const limit = c.where.has("rooo.eigen-bijdrage.adult-limit")
    ? p.refs["rooo.eigen-bijdrage.adult-limit"]?.version.interpretation
    : undefined;
  if (ebInForce && limit && h.reception !== "poo") ebStep.interpretation = limit;
  if (!ebInForce) ebStep.note = "No eigen bijdrage is in force before 2024-07-01.";
  else if (h.reception === "poo") ebStep.note = "No eigen bijdrage in private reception (POO).";
  steps.push(ebStep);

  const withdrawal: TraceStep = {
    step: "withdrawal",
    rule: RULE_TEXT[p.rule] ?? p.rule,
    article: c.at.withdrawal.article,
    source: c.at.withdrawal.source,
    parameters: c.withdrawal,
    inputs: {
      leefgeldFullCents: r.leefgeld.fullCents,
      eigenBijdrageFullCents: r.eigenBijdrage.fullCents,
      incomeCents: r.incomeCents,
    },
    result: {
      leefgeldWithdrawnCents: computed.withdrawn,
      leefgeldPaidCents: r.leefgeld.fullCents - computed.withdrawn,
      eigenBijdrageChargedCents: computed.charged,
      thresholds: r.thresholds,
    },
  };
  if (p.ruleInterpretation) withdrawal.interpretation = p.ruleInterpretation;
  if (r.thresholds && r.adultsWithIncome === 0 && r.adults > 0) {
    withdrawal.note = "No adult has income: the thresholds shown assume one adult starts to earn.";
  }
  steps.push(withdrawal);

  if (r.maatwerk) {
    steps.push({
      step: "maatwerk",
      rule:
        "Maatwerk: a recorded, reasoned deviation by the municipality, applied last, within " +
        "the full amounts.",
      article: c.at.eigenBijdrage.article,
      source: c.at.eigenBijdrage.source,
      parameters: [],
      inputs: {
        computedLeefgeldPaidCents: r.leefgeld.fullCents - computed.withdrawn,
        computedEigenBijdrageChargedCents: computed.charged,
        ...r.maatwerk,
      },
      result: {
        leefgeldPaidCents: r.leefgeld.paidCents,
        eigenBijdrageChargedCents: r.eigenBijdrage.chargedCents,
      },
    });
  }

  steps.push({
    step: "leefgeld.per-member",
    rule:
      "Leefgeld paid is split over the members in proportion to their full leefgeld " +
      "(largest remainder, ties to the lower index); the eigen bijdrage is charged for the " +
      "exploitation part first, then the catering part.",
    article: "Opvang",
    source: OPVANG_CHOICE_SOURCE,
    parameters: [],
    inputs: { leefgeldPaidCents: r.leefgeld.paidCents },
    result: {
      members: r.members.map((m) => m.leefgeldPaidCents),
      exploitationCents: r.eigenBijdrage.exploitationCents,
      cateringCents: r.eigenBijdrage.cateringCents,
    },
  });
  return steps;
}
