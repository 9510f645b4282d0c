/**
 * The funding claim of a municipality, in integer euro cents, from plain facts: no
 * database, no HTTP. Two schemes follow each other (law data decides which is in force on a
 * day): the Bekostigingsregeling opvang ontheemden Oekraïne (BooO, `booo.in-force`) and the
 * doelgroepflexibele opvangregeling (`doelgroepflexibel.in-force`, intended from
 * 2026-05-01), whose amounts are not published.
 *
 * - GOO: Σ over the days of the period of the location's realised places × the norm amount
 *   per place per day in force that day (`booo.goo.per-place-per-day`, or the new scheme's
 *   `doelgroepflexibel.place.per-place-per-day`). Exact in cents: no rounding.
 * - Outside the base rate (BooO): a location-day of a kind listed in
 *   `booo.goo.outside-base-rate.location-kinds`, or with catering while
 *   `booo.goo.outside-base-rate.catering` is `outside-base-rate` (from 2025 hotels, ships
 *   and catering), is counted apart in place-days, with no amount: its funding is not
 *   published.
 * - POO: persons × the norm amount per person per month. A person present on part of a
 *   month counts for those days (`booo.poo.part-month` = `by-person-days`, an
 *   interpretation): the amount of a month is Σ person-days × the monthly norm of each day ÷
 *   the days in the month, rounded half up to the cent once per municipality, month and
 *   scheme.
 * - A scheme whose amount is not published (the new scheme today): its days are counted
 *   (place-days, person-days) and carry no amount (null), never 0.
 * - Other target groups (status holders, asylum seekers) a location houses under the new
 *   scheme: their places per location are counted apart in place-days, never mixed into the
 *   displaced persons' places; an amount only where the scheme's place amount is published.
 * - Transition costs (making buildings fit): actual cost, apart, per location and in total.
 *
 * A claim runs over norm periods: the longest runs of days on which every funding parameter
 * (the schemes' dates included) keeps its value. Every line carries the parameters it read,
 * with the date each applies from and its source, and a sentence saying the arithmetic.
 */
import { ValidationError } from "../domain/errors.js";
import { formatMoney, mulRatio } from "../domain/money.js";
import type { Interpretation, Lawbook, ResolvedParameter } from "./lawbook.js";
import type { TraceParameter } from "./trace.js";

export const GOO_NORM = "booo.goo.per-place-per-day";
export const POO_NORM = "booo.poo.per-person-per-month";
export const OUTSIDE_KINDS = "booo.goo.outside-base-rate.location-kinds";
export const OUTSIDE_CATERING = "booo.goo.outside-base-rate.catering";
export const POO_PART_MONTH = "booo.poo.part-month";
export const BOOO_IN_FORCE = "booo.in-force";
export const DFO_IN_FORCE = "doelgroepflexibel.in-force";
export const DFO_PLACE_NORM = "doelgroepflexibel.place.per-place-per-day";
export const DFO_POO_NORM = "doelgroepflexibel.poo.per-person-per-month";
export const ADVANCE_DEADLINE_MONTH = "booo.advance.deadline-month";
export const ADVANCE_DEADLINE_DAY = "booo.advance.deadline-day";

/** The funding schemes, in the order they follow each other. */
export const FUNDING_SCHEMES = ["booo", "doelgroepflexibel"] as const;
export type FundingScheme = (typeof FUNDING_SCHEMES)[number];

/** Each scheme's parameters: when it is in force, and its two amounts. */
const SCHEME_PARAMETERS: Record<
  FundingScheme,
  { inForce: string; goo: string; poo: string; rules: readonly string[] }
> = {
  booo: {
    inForce: BOOO_IN_FORCE,
    goo: GOO_NORM,
    poo: POO_NORM,
    rules: [OUTSIDE_KINDS, OUTSIDE_CATERING, POO_PART_MONTH],
  },
  doelgroepflexibel: {
    inForce: DFO_IN_FORCE,
    goo: DFO_PLACE_NORM,
    poo: DFO_POO_NORM,
    rules: [POO_PART_MONTH],
  },
};

/**
 * Other target groups a location may house under the doelgroepflexibele opvangregeling,
 * counted apart from the displaced persons (the municipality enters their places).
 */
export const OTHER_TARGET_GROUPS = ["status_holder", "asylum_seeker"] as const;
export type OtherTargetGroup = (typeof OTHER_TARGET_GROUPS)[number];

/** Every parameter a claim reads; a change of any of them starts a new norm period. */
export const FUNDING_PARAMETERS = [
  BOOO_IN_FORCE,
  GOO_NORM,
  POO_NORM,
  OUTSIDE_KINDS,
  OUTSIDE_CATERING,
  POO_PART_MONTH,
  DFO_IN_FORCE,
  DFO_PLACE_NORM,
  DFO_POO_NORM,
] as const;

/** The value a trace shows for an amount the law has not published. */
export const NOT_PUBLISHED = "not_published";

/** Why a location-day is outside the base rate. */
export type OutsideReason = "location_kind" | "catering";

// --- Days as integers --------------------------------------------------------------------

/**
 * An ISO date as a day number (days since 1970-01-01), by the proleptic Gregorian calendar
 * in integers only (no JS Date): claims count days over years and many locations.
 */
export function dayNumber(iso: string): number {
  const y0 = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** The ISO date of a day number (the inverse of dayNumber). */
export function dateOfDay(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;
}

/** Days in the calendar month of an ISO date. */
export function daysInMonthOf(iso: string): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const next = m === 12 ? `${y + 1}-01-01` : `${iso.slice(0, 4)}-${pad2(m + 1)}-01`;
  return dayNumber(next) - dayNumber(`${iso.slice(0, 7)}-01`);
}

/** The last day of the month of an ISO date. */
function monthEnd(iso: string): string {
  return `${iso.slice(0, 7)}-${pad2(daysInMonthOf(iso))}`;
}

const overlap = (aFrom: number, aTo: number, bFrom: number, bTo: number) =>
  Math.max(0, Math.min(aTo, bTo) - Math.max(aFrom, bFrom) + 1);

// --- Norm periods -------------------------------------------------------------------------

export interface FundingPeriod {
  from: string;
  to: string;
  /** The scheme in force on every day of the period. */
  scheme: FundingScheme;
  /** Null: the scheme's amount is not published (days are counted, without an amount). */
  gooPerPlacePerDayCents: number | null;
  pooPerPersonPerMonthCents: number | null;
  /** What the base rate does not fund in this period (codes of LOCATION_KINDS). */
  outsideBaseRate: { locationKinds: string[]; catering: boolean };
  /** How a POO person on part of a month counts (`by-person-days`). */
  pooPartMonth: string;
  /** Every funding parameter in force in the period, with its date and source. */
  parameters: TraceParameter[];
  /** Where the law text leaves the reading open (booo.poo.part-month, the scheme dates). */
  interpretations: { parameter: string; interpretation: Interpretation }[];
}

function traceParameter(name: string, r: ResolvedParameter): TraceParameter {
  const v = r.version.value;
  const isList = name === OUTSIDE_KINDS;
  return {
    name,
    value: isList ? r.version.text || "none" : (v as number | string),
    unit: r.parameter.unit === "euro" ? "cents" : r.parameter.unit,
    validFrom: r.version.validFrom,
    source: r.version.source,
  };
}

/** The first day any GOO norm amount is in force (2022-03-01): claims start there or later. */
export function fundingFirstDay(lawbook: Lawbook): string {
  const first = lawbook.get(GOO_NORM).versions.find((v) => v.value !== null);
  if (!first) throw new Error(`${GOO_NORM} has no value`);
  return first.validFrom;
}

const noLaw = (date: string, parameter: string) =>
  new ValidationError({
    path: "from",
    code: "no_law_in_force",
    message: `no law in force on ${date}: ${parameter}`,
    params: { date, parameter },
  });

/**
 * The scheme in force on a date, with its in-force version; null when none is. Two schemes
 * in force on one day is an error in the law data, never a choice.
 */
export function schemeOn(
  lawbook: Lawbook,
  date: string,
): { scheme: FundingScheme; inForce: ResolvedParameter } | null {
  const found = FUNDING_SCHEMES.flatMap((scheme) => {
    const r = lawbook.at(SCHEME_PARAMETERS[scheme].inForce, date);
    return r ? [{ scheme, inForce: r }] : [];
  });
  if (found.length > 1) {
    throw new Error(`two funding schemes in force on ${date}: ${found.map((f) => f.scheme)}`);
  }
  return found[0] ?? null;
}

/**
 * The norm periods of [from, to]: a new period starts on `from` and on every date in the
 * range where a funding parameter takes a new value (the start of a scheme among them). A
 * day without a scheme in force, or under the BooO without one of its parameters, is an
 * error on `from`. Under a scheme whose amounts are not published the norms are null.
 */
export function fundingPeriods(lawbook: Lawbook, from: string, to: string): FundingPeriod[] {
  const starts = new Set([from]);
  for (const name of FUNDING_PARAMETERS) {
    for (const v of lawbook.get(name).versions) {
      if (v.validFrom > from && v.validFrom <= to) starts.add(v.validFrom);
    }
  }
  const sorted = [...starts].sort();
  return sorted.map((start, i) => {
    const end = i + 1 < sorted.length ? dateOfDay(dayNumber(sorted[i + 1]!) - 1) : to;
    const found = schemeOn(lawbook, start);
    if (!found) throw noLaw(start, `${BOOO_IN_FORCE} or ${DFO_IN_FORCE}`);
    const { scheme, inForce } = found;
    const names = SCHEME_PARAMETERS[scheme];
    const resolved = new Map<string, ResolvedParameter>([[names.inForce, inForce]]);
    const required = scheme === "booo" ? [names.goo, names.poo, ...names.rules] : names.rules;
    for (const name of required) {
      const r = lawbook.at(name, start);
      if (!r) throw noLaw(start, name);
      resolved.set(name, r);
    }
    // A scheme's amount that is not (yet) published: counted, without an amount.
    const norm = (name: string) => {
      const r = resolved.get(name) ?? lawbook.at(name, start);
      if (r) resolved.set(name, r);
      return r ? (r.version.value as number) : null;
    };
    const goo = norm(names.goo);
    const poo = norm(names.poo);
    const interpretations: FundingPeriod["interpretations"] = [];
    for (const [name, r] of resolved) {
      if (r.version.interpretation) {
        interpretations.push({ parameter: name, interpretation: r.version.interpretation });
      }
    }
    const trace = (name: string): TraceParameter => {
      const r = resolved.get(name);
      if (r) return traceParameter(name, r);
      return {
        name,
        value: NOT_PUBLISHED,
        unit: "cents",
        validFrom: inForce.version.validFrom,
        source: inForce.version.source,
      };
    };
    return {
      from: start,
      to: end,
      scheme,
      gooPerPlacePerDayCents: goo,
      pooPerPersonPerMonthCents: poo,
      outsideBaseRate:
        scheme === "booo"
          ? lawbook.fundingOutsideBaseRate(start)!
          : { locationKinds: [], catering: false },
      pooPartMonth: resolved.get(POO_PART_MONTH)!.version.value as string,
      parameters: [names.inForce, names.goo, names.poo, ...names.rules].map(trace),
      interpretations,
    };
  });
}

/**
 * The pieces of [from, to] in which month and every norm are constant: each norm period
 * cut at month ends. POO person-days are counted per piece (the repository's question).
 */
export function claimPieces(periods: readonly FundingPeriod[]): { from: string; to: string }[] {
  const pieces: { from: string; to: string }[] = [];
  for (const p of periods) {
    let start = p.from;
    while (start <= p.to) {
      const end = monthEnd(start) < p.to ? monthEnd(start) : p.to;
      pieces.push({ from: start, to: end });
      start = dateOfDay(dayNumber(end) + 1);
    }
  }
  return pieces;
}

/**
 * The advance deadline for a book year under the law in force on `on` (the day of the
 * request): the first day on which a request for the year is too late (1 November of the
 * book year), and the last day it is in time; null when no deadline is in force on `on`.
 */
export function advanceDeadline(
  lawbook: Lawbook,
  year: number,
  on: string,
): { tooLateFrom: string; lastDay: string; parameters: TraceParameter[] } | null {
  const month = lawbook.at(ADVANCE_DEADLINE_MONTH, on);
  const day = lawbook.at(ADVANCE_DEADLINE_DAY, on);
  if (!month || !day) return null;
  const tooLateFrom = `${String(year).padStart(4, "0")}-${pad2(month.version.value as number)}-${pad2(day.version.value as number)}`;
  return {
    tooLateFrom,
    lastDay: dateOfDay(dayNumber(tooLateFrom) - 1),
    parameters: [
      traceParameter(ADVANCE_DEADLINE_MONTH, month),
      traceParameter(ADVANCE_DEADLINE_DAY, day),
    ],
  };
}

// --- The facts a claim reads -------------------------------------------------------------

/** A run of days on which a location's realised places and catering do not change. */
export interface PlaceRun {
  from: string;
  to: string;
  /** Realised places: the capacity on days the location's status is `realised`. */
  places: number;
  /** Meals provided (location_catering); no recorded catering is none. */
  catering: boolean;
}

/** A run of days on which a location houses `places` places of another target group. */
export interface OtherPlaceRun {
  from: string;
  to: string;
  group: OtherTargetGroup;
  places: number;
}

export interface ClaimLocation {
  id: number;
  name: string;
  /** A code of LOCATION_KINDS. */
  kind: string;
  /** Disjoint runs; days outside every run have no realised places. */
  runs: readonly PlaceRun[];
  /** Places of other target groups (status holders, asylum seekers), disjoint per group. */
  otherPlaces?: readonly OtherPlaceRun[];
}

/** POO person-days in a piece of the period that lies within one month and one norm period. */
export interface PooPiece {
  from: string;
  to: string;
  personDays: number;
}

/** A transition cost entered by the municipality (not withdrawn), with its location. */
export interface TransitionCostFact {
  id: number;
  locationId: number;
  locationName: string;
  incurredOn: string;
  description: string;
  amountCents: number;
}

export interface ClaimFacts {
  locations: readonly ClaimLocation[];
  poo: readonly PooPiece[];
  /** Transition costs incurred in the period (the caller selects them by date). */
  transitionCosts?: readonly TransitionCostFact[];
}

// --- The claim ---------------------------------------------------------------------------

/** One location in one norm period. */
export interface GooLine {
  from: string;
  to: string;
  scheme: FundingScheme;
  /** Realised place-days (displaced persons) the scheme's norm applies to. */
  placeDays: number;
  /** Null: the scheme's amount is not published. */
  perPlacePerDayCents: number | null;
  /** placeDays × perPlacePerDayCents; null: not published (never 0 for that). */
  amountCents: number | null;
  /** Place-days outside the base rate: counted, no amount. */
  outsideBaseRatePlaceDays: number;
  outsideBaseRateReasons: OutsideReason[];
  /** Places of other target groups × days, counted apart from the displaced persons. */
  statusHolderPlaceDays: number;
  asylumSeekerPlaceDays: number;
  /** (status holder + asylum seeker place-days) × the norm; null: not published. */
  otherTargetGroupAmountCents: number | null;
  parameters: TraceParameter[];
  explanation: string;
}

/**
 * Counted days and amounts, as totals of a claim, a scheme or a municipality. The amounts
 * hold what has a published norm; the days without one are counted apart (notPublished…).
 */
export interface ClaimTotals {
  /** Realised place-days with an amount. */
  gooPlaceDays: number;
  gooCents: number;
  outsideBaseRatePlaceDays: number;
  /** POO person-days with an amount. */
  pooPersonDays: number;
  pooCents: number;
  /** Realised place-days under a scheme whose amount is not published. */
  notPublishedPlaceDays: number;
  notPublishedPersonDays: number;
  statusHolderPlaceDays: number;
  asylumSeekerPlaceDays: number;
  /** The other target groups' place-days with an amount, and the amount. */
  otherTargetGroupCents: number;
  otherTargetGroupNotPublishedPlaceDays: number;
  /** gooCents + pooCents + otherTargetGroupCents: the norm amounts. */
  totalCents: number;
  /** Transition costs at actual cost (apart from the norm amounts). */
  transitionCostCents: number;
  /** totalCents + transitionCostCents. */
  totalWithTransitionCostsCents: number;
}

export interface LocationClaim {
  locationId: number;
  name: string;
  kind: string;
  /** Place-days with an amount. */
  placeDays: number;
  amountCents: number;
  notPublishedPlaceDays: number;
  outsideBaseRatePlaceDays: number;
  statusHolderPlaceDays: number;
  asylumSeekerPlaceDays: number;
  lines: GooLine[];
}

/** The part of a POO month under one monthly norm. */
export interface PooPart {
  from: string;
  to: string;
  personDays: number;
  /** Null: not published. */
  perPersonPerMonthCents: number | null;
}

export interface PooMonth {
  /** YYYY-MM */
  month: string;
  scheme: FundingScheme;
  /** The days of the month in the claim's period (and the scheme). */
  from: string;
  to: string;
  daysInMonth: number;
  personDays: number;
  parts: PooPart[];
  /** Σ personDays × norm ÷ daysInMonth, rounded half up to the cent once; null: not published. */
  amountCents: number | null;
  parameters: TraceParameter[];
  interpretation?: Interpretation;
  explanation: string;
}

export interface PeriodSummary {
  from: string;
  to: string;
  scheme: FundingScheme;
  gooPerPlacePerDayCents: number | null;
  pooPerPersonPerMonthCents: number | null;
  outsideBaseRate: { locationKinds: string[]; catering: boolean };
  gooPlaceDays: number;
  gooCents: number;
  outsideBaseRatePlaceDays: number;
  /** POO person-days (the amount is per month: see `poo`). */
  pooPersonDays: number;
  notPublishedPlaceDays: number;
  statusHolderPlaceDays: number;
  asylumSeekerPlaceDays: number;
  parameters: TraceParameter[];
}

/** One scheme's part of the claim: its days, counts and amounts. */
export interface SchemeSummary extends ClaimTotals {
  scheme: FundingScheme;
  from: string;
  to: string;
  /** Whether the scheme's GOO and POO amounts are published on every day of its part. */
  gooAmountPublished: boolean;
  pooAmountPublished: boolean;
}

export interface TransitionCostLocation {
  locationId: number;
  name: string;
  amountCents: number;
  entries: {
    id: number;
    incurredOn: string;
    scheme: FundingScheme;
    description: string;
    amountCents: number;
  }[];
}

export interface Claim {
  from: string;
  to: string;
  totals: ClaimTotals;
  schemes: SchemeSummary[];
  periods: PeriodSummary[];
  locations: LocationClaim[];
  poo: PooMonth[];
  transitionCosts: { totalCents: number; locations: TransitionCostLocation[] };
}

export const zeroTotals = (): ClaimTotals => ({
  gooPlaceDays: 0,
  gooCents: 0,
  outsideBaseRatePlaceDays: 0,
  pooPersonDays: 0,
  pooCents: 0,
  notPublishedPlaceDays: 0,
  notPublishedPersonDays: 0,
  statusHolderPlaceDays: 0,
  asylumSeekerPlaceDays: 0,
  otherTargetGroupCents: 0,
  otherTargetGroupNotPublishedPlaceDays: 0,
  totalCents: 0,
  transitionCostCents: 0,
  totalWithTransitionCostsCents: 0,
});

/** Adds `t` into `into` (every count and amount). */
export function addTotals(into: ClaimTotals, t: ClaimTotals): ClaimTotals {
  for (const key of Object.keys(into) as (keyof ClaimTotals)[]) into[key] += t[key];
  return into;
}

const euro = (cents: number) => formatMoney(cents, "en");
/** A count with thousands separated by commas, without Intl (the same on every ICU build). */
const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const SCHEME_NAMES: Record<FundingScheme, string> = {
  booo: "BooO",
  doelgroepflexibel: "doelgroepflexibele opvangregeling",
};

const pick = (period: FundingPeriod, names: readonly string[]) =>
  period.parameters.filter((p) => names.includes(p.name));

/** Why a location's days are outside the base rate in a period (kind first, then catering). */
function outsideReason(
  period: FundingPeriod,
  kind: string,
  catering: boolean,
): OutsideReason | null {
  if (period.outsideBaseRate.locationKinds.includes(kind)) return "location_kind";
  if (catering && period.outsideBaseRate.catering) return "catering";
  return null;
}

function gooExplanation(line: Omit<GooLine, "explanation">, kind: string): string {
  const days = dayNumber(line.to) - dayNumber(line.from) + 1;
  const normName = SCHEME_PARAMETERS[line.scheme].goo;
  const norm = line.parameters.find((p) => p.name === normName)!;
  const span = `${line.from} to ${line.to} (${count(days)} ${days === 1 ? "day" : "days"})`;
  const parts: string[] = [];
  if (line.perPlacePerDayCents === null) {
    parts.push(
      `${span}, ${SCHEME_NAMES[line.scheme]}: ${count(line.placeDays)} place-days; amount not published (${normName})`,
    );
  } else {
    parts.push(
      `${span}: ${count(line.placeDays)} place-days × ${euro(line.perPlacePerDayCents)} per place per day (${normName} from ${norm.validFrom}) = ${euro(line.amountCents!)}`,
    );
  }
  if (line.outsideBaseRatePlaceDays > 0) {
    const why = line.outsideBaseRateReasons
      .map((r) =>
        r === "location_kind"
          ? `a ${kind} location (${OUTSIDE_KINDS} from ${line.parameters.find((p) => p.name === OUTSIDE_KINDS)!.validFrom})`
          : `catering (${OUTSIDE_CATERING} from ${line.parameters.find((p) => p.name === OUTSIDE_CATERING)!.validFrom})`,
      )
      .join(" and ");
    parts.push(
      `${count(line.outsideBaseRatePlaceDays)} place-days outside the base rate for ${why}: counted, no amount`,
    );
  }
  const other = line.statusHolderPlaceDays + line.asylumSeekerPlaceDays;
  if (other > 0) {
    const groups = `status holders ${count(line.statusHolderPlaceDays)} and asylum seekers ${count(line.asylumSeekerPlaceDays)} place-days, counted apart`;
    parts.push(
      line.otherTargetGroupAmountCents === null
        ? `${groups}: amount not published`
        : `${groups}: ${count(other)} × ${euro(line.perPlacePerDayCents!)} = ${euro(line.otherTargetGroupAmountCents)}`,
    );
  }
  return `${parts.join("; ")}.`;
}

/** Place-days of each other target group in [pFrom, pTo] (day numbers). */
function otherPlaceDays(location: ClaimLocation, pFrom: number, pTo: number) {
  const out: Record<OtherTargetGroup, number> = { status_holder: 0, asylum_seeker: 0 };
  for (const run of location.otherPlaces ?? []) {
    const days = overlap(dayNumber(run.from), dayNumber(run.to), pFrom, pTo);
    if (days > 0 && run.places > 0) out[run.group] += days * run.places;
  }
  return out;
}

/** A location's lines: one per norm period with place-days (of any group) in it. */
export function locationClaim(
  periods: readonly FundingPeriod[],
  location: ClaimLocation,
): LocationClaim {
  const lines: GooLine[] = [];
  const runs = location.runs.map((r) => ({
    from: dayNumber(r.from),
    to: dayNumber(r.to),
    places: r.places,
    catering: r.catering,
  }));
  for (const period of periods) {
    const pFrom = dayNumber(period.from);
    const pTo = dayNumber(period.to);
    let placeDays = 0;
    let outside = 0;
    const reasons = new Set<OutsideReason>();
    for (const run of runs) {
      const days = overlap(run.from, run.to, pFrom, pTo);
      if (days === 0 || run.places <= 0) continue;
      const reason = outsideReason(period, location.kind, run.catering);
      if (reason) {
        outside += days * run.places;
        reasons.add(reason);
      } else {
        placeDays += days * run.places;
      }
    }
    const other = otherPlaceDays(location, pFrom, pTo);
    if (placeDays === 0 && outside === 0 && other.status_holder + other.asylum_seeker === 0) {
      continue;
    }
    const names = SCHEME_PARAMETERS[period.scheme];
    const uses = [
      names.inForce,
      names.goo,
      ...(outside > 0 ? [OUTSIDE_KINDS, OUTSIDE_CATERING] : []),
    ];
    const norm = period.gooPerPlacePerDayCents;
    const line = {
      from: period.from,
      to: period.to,
      scheme: period.scheme,
      placeDays,
      perPlacePerDayCents: norm,
      amountCents: norm === null ? null : placeDays * norm,
      outsideBaseRatePlaceDays: outside,
      outsideBaseRateReasons: [...reasons].sort(),
      statusHolderPlaceDays: other.status_holder,
      asylumSeekerPlaceDays: other.asylum_seeker,
      otherTargetGroupAmountCents:
        norm === null ? null : (other.status_holder + other.asylum_seeker) * norm,
      parameters: pick(period, uses),
    };
    lines.push({ ...line, explanation: gooExplanation(line, location.kind) });
  }
  const sum = (f: (l: GooLine) => number) => lines.reduce((s, l) => s + f(l), 0);
  return {
    locationId: location.id,
    name: location.name,
    kind: location.kind,
    placeDays: sum((l) => (l.amountCents === null ? 0 : l.placeDays)),
    amountCents: sum((l) => l.amountCents ?? 0),
    notPublishedPlaceDays: sum((l) => (l.amountCents === null ? l.placeDays : 0)),
    outsideBaseRatePlaceDays: sum((l) => l.outsideBaseRatePlaceDays),
    statusHolderPlaceDays: sum((l) => l.statusHolderPlaceDays),
    asylumSeekerPlaceDays: sum((l) => l.asylumSeekerPlaceDays),
    lines,
  };
}

/** The period a piece lies in, or an error naming the piece (the caller's facts are wrong). */
function periodOf(periods: readonly FundingPeriod[], piece: { from: string; to: string }) {
  const p = periods.find((x) => x.from <= piece.from && piece.to <= x.to);
  if (!p || piece.from.slice(0, 7) !== piece.to.slice(0, 7) || piece.from > piece.to) {
    throw new Error(
      `POO piece ${piece.from}–${piece.to} does not lie within one month of one norm period`,
    );
  }
  return p;
}

/** The run of consecutive periods with the scheme (and POO publishedness) of `period`. */
function runOf(periods: readonly FundingPeriod[], period: FundingPeriod) {
  const same = (p: FundingPeriod) =>
    p.scheme === period.scheme &&
    (p.pooPerPersonPerMonthCents === null) === (period.pooPerPersonPerMonthCents === null);
  let i = periods.indexOf(period);
  let j = i;
  while (i > 0 && same(periods[i - 1]!)) i--;
  while (j + 1 < periods.length && same(periods[j + 1]!)) j++;
  return { from: periods[i]!.from, to: periods[j]!.to };
}

/**
 * The POO months: person-days × monthly norm ÷ days in the month, rounded once per month and
 * scheme. A month under two schemes (or under a published and an unpublished norm) has a
 * line for each; a line without a published norm is counted, without an amount.
 */
export function pooMonths(periods: readonly FundingPeriod[], pieces: readonly PooPiece[]) {
  const byMonth = new Map<string, { pieces: PooPiece[]; periods: FundingPeriod[] }>();
  for (const piece of [...pieces].sort((a, b) => (a.from < b.from ? -1 : 1))) {
    if (piece.personDays <= 0) continue;
    const period = periodOf(periods, piece);
    const published = period.pooPerPersonPerMonthCents !== null;
    const key = `${piece.from.slice(0, 7)}:${period.scheme}:${published}`;
    let m = byMonth.get(key);
    if (!m) {
      m = { pieces: [], periods: [] };
      byMonth.set(key, m);
    }
    m.pieces.push(piece);
    m.periods.push(period);
  }
  const claimFrom = periods[0]!.from;
  const claimTo = periods[periods.length - 1]!.to;
  const out: PooMonth[] = [];
  for (const m of byMonth.values()) {
    const month = m.pieces[0]!.from.slice(0, 7);
    const scheme = m.periods[0]!.scheme;
    const normName = SCHEME_PARAMETERS[scheme].poo;
    const first = `${month}-01`;
    const daysInMonth = daysInMonthOf(first);
    // Parts with the same norm (same value from the same date) are one part.
    const parts: (PooPart & { key: string; validFrom: string })[] = [];
    let weighted = 0;
    m.pieces.forEach((piece, i) => {
      const period = m.periods[i]!;
      const norm = period.parameters.find((p) => p.name === normName)!;
      const key = `${norm.validFrom}:${norm.value}`;
      weighted += piece.personDays * (period.pooPerPersonPerMonthCents ?? 0);
      const last = parts[parts.length - 1];
      if (last && last.key === key) {
        last.to = piece.to;
        last.personDays += piece.personDays;
      } else {
        parts.push({
          key,
          validFrom: norm.validFrom,
          from: piece.from,
          to: piece.to,
          personDays: piece.personDays,
          perPersonPerMonthCents: period.pooPerPersonPerMonthCents,
        });
      }
    });
    const published = m.periods[0]!.pooPerPersonPerMonthCents !== null;
    const amountCents = published ? mulRatio(weighted, 1, daysInMonth) : null;
    const personDays = parts.reduce((s, p) => s + p.personDays, 0);
    const parameters: TraceParameter[] = [];
    for (const period of m.periods) {
      for (const p of pick(period, [normName, POO_PART_MONTH])) {
        if (!parameters.some((q) => q.name === p.name && q.validFrom === p.validFrom)) {
          parameters.push(p);
        }
      }
    }
    const interpretation = m.periods[0]!.interpretations.find(
      (x) => x.parameter === POO_PART_MONTH,
    )?.interpretation;
    // The month's days in the claim and in the run of periods under the same scheme (and
    // the same publishedness of its norm).
    const run = runOf(periods, m.periods[0]!);
    const span = {
      from: [first, claimFrom, run.from].reduce((a, b) => (a > b ? a : b)),
      to: [monthEnd(first), claimTo, run.to].reduce((a, b) => (a < b ? a : b)),
    };
    const explanation =
      amountCents === null
        ? `${month}, ${SCHEME_NAMES[scheme]}: ${count(personDays)} person-days in private reception; amount not published (${normName}).`
        : `${month}: (${parts
            .map(
              (p) =>
                `${count(p.personDays)} person-days × ${euro(p.perPersonPerMonthCents!)} per person per month (${normName} from ${p.validFrom})`,
            )
            .join(
              " + ",
            )}) ÷ ${daysInMonth} days in the month = ${euro(amountCents)}, rounded half up to the cent once for the month (${POO_PART_MONTH}: by-person-days).`;
    const line: PooMonth = {
      month,
      scheme,
      from: span.from,
      to: span.to,
      daysInMonth,
      personDays,
      parts: parts.map(({ key: _key, validFrom: _from, ...p }) => p),
      amountCents,
      parameters,
      explanation,
    };
    if (interpretation) line.interpretation = interpretation;
    out.push(line);
  }
  return out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** The transition costs per location (ordered by location and date), at actual cost. */
export function transitionCostSummary(
  periods: readonly FundingPeriod[],
  costs: readonly TransitionCostFact[],
): Claim["transitionCosts"] {
  const byLocation = new Map<number, TransitionCostLocation>();
  const sorted = [...costs].sort(
    (a, b) =>
      a.locationId - b.locationId || a.incurredOn.localeCompare(b.incurredOn) || a.id - b.id,
  );
  for (const c of sorted) {
    const period = periods.find((p) => p.from <= c.incurredOn && c.incurredOn <= p.to);
    if (!period) throw new Error(`transition cost ${c.id} lies outside the claim's period`);
    let l = byLocation.get(c.locationId);
    if (!l) {
      l = { locationId: c.locationId, name: c.locationName, amountCents: 0, entries: [] };
      byLocation.set(c.locationId, l);
    }
    l.amountCents += c.amountCents;
    l.entries.push({
      id: c.id,
      incurredOn: c.incurredOn,
      scheme: period.scheme,
      description: c.description,
      amountCents: c.amountCents,
    });
  }
  const locations = [...byLocation.values()];
  return { totalCents: locations.reduce((s, l) => s + l.amountCents, 0), locations };
}

/** Finishes totals: the sums that follow from the counted parts. */
function finish(t: ClaimTotals): ClaimTotals {
  t.totalCents = t.gooCents + t.pooCents + t.otherTargetGroupCents;
  t.totalWithTransitionCostsCents = t.totalCents + t.transitionCostCents;
  return t;
}

/**
 * A municipality's claim over [from, to] (the periods' range) from its locations' runs of
 * realised places (and other target groups' places), its POO person-days per piece and its
 * transition costs. Lines, periods, schemes and totals add up.
 */
export function computeClaim(periods: readonly FundingPeriod[], facts: ClaimFacts): Claim {
  if (periods.length === 0) throw new Error("a claim needs at least one norm period");
  const locations = facts.locations
    .map((l) => locationClaim(periods, l))
    .filter((l) => l.lines.length > 0);
  const poo = pooMonths(periods, facts.poo);
  const transitionCosts = transitionCostSummary(periods, facts.transitionCosts ?? []);
  const summaries: PeriodSummary[] = periods.map((p) => ({
    from: p.from,
    to: p.to,
    scheme: p.scheme,
    gooPerPlacePerDayCents: p.gooPerPlacePerDayCents,
    pooPerPersonPerMonthCents: p.pooPerPersonPerMonthCents,
    outsideBaseRate: p.outsideBaseRate,
    gooPlaceDays: 0,
    gooCents: 0,
    outsideBaseRatePlaceDays: 0,
    pooPersonDays: 0,
    notPublishedPlaceDays: 0,
    statusHolderPlaceDays: 0,
    asylumSeekerPlaceDays: 0,
    parameters: p.parameters,
  }));
  // One scheme's part per run of periods under it.
  const schemes: SchemeSummary[] = [];
  for (const p of periods) {
    const last = schemes[schemes.length - 1];
    if (last && last.scheme === p.scheme) {
      last.to = p.to;
      last.gooAmountPublished &&= p.gooPerPlacePerDayCents !== null;
      last.pooAmountPublished &&= p.pooPerPersonPerMonthCents !== null;
    } else {
      schemes.push({
        scheme: p.scheme,
        from: p.from,
        to: p.to,
        gooAmountPublished: p.gooPerPlacePerDayCents !== null,
        pooAmountPublished: p.pooPerPersonPerMonthCents !== null,
        ...zeroTotals(),
      });
    }
  }
  const schemeOf = (date: string) => schemes.find((s) => s.from <= date && date <= s.to)!;
  for (const l of locations) {
    for (const line of l.lines) {
      const p = summaries.find((x) => x.from === line.from)!;
      const s = schemeOf(line.from);
      const withAmount = line.amountCents !== null;
      p.gooPlaceDays += withAmount ? line.placeDays : 0;
      p.gooCents += line.amountCents ?? 0;
      p.notPublishedPlaceDays += withAmount ? 0 : line.placeDays;
      p.outsideBaseRatePlaceDays += line.outsideBaseRatePlaceDays;
      p.statusHolderPlaceDays += line.statusHolderPlaceDays;
      p.asylumSeekerPlaceDays += line.asylumSeekerPlaceDays;
      s.gooPlaceDays += withAmount ? line.placeDays : 0;
      s.gooCents += line.amountCents ?? 0;
      s.notPublishedPlaceDays += withAmount ? 0 : line.placeDays;
      s.outsideBaseRatePlaceDays += line.outsideBaseRatePlaceDays;
      s.statusHolderPlaceDays += line.statusHolderPlaceDays;
      s.asylumSeekerPlaceDays += line.asylumSeekerPlaceDays;
      const other = line.statusHolderPlaceDays + line.asylumSeekerPlaceDays;
      if (line.otherTargetGroupAmountCents === null)
        s.otherTargetGroupNotPublishedPlaceDays += other;
      else s.otherTargetGroupCents += line.otherTargetGroupAmountCents;
    }
  }
  for (const piece of facts.poo) {
    if (piece.personDays <= 0) continue;
    const p = summaries.find((x) => x.from <= piece.from && piece.to <= x.to)!;
    p.pooPersonDays += piece.personDays;
  }
  for (const m of poo) {
    const s = schemeOf(m.from);
    if (m.amountCents === null) s.notPublishedPersonDays += m.personDays;
    else {
      s.pooPersonDays += m.personDays;
      s.pooCents += m.amountCents;
    }
  }
  for (const l of transitionCosts.locations) {
    for (const e of l.entries) schemeOf(e.incurredOn).transitionCostCents += e.amountCents;
  }
  for (const s of schemes) finish(s);
  const totals = zeroTotals();
  for (const s of schemes) {
    const {
      scheme: _s,
      from: _f,
      to: _t,
      gooAmountPublished: _g,
      pooAmountPublished: _p,
      ...t
    } = s;
    addTotals(totals, t);
  }
  return {
    from: periods[0]!.from,
    to: periods[periods.length - 1]!.to,
    totals,
    schemes,
    periods: summaries,
    locations,
    poo,
    transitionCosts,
  };
}

// --- The drill-down: one location day by day ---------------------------------------------

export interface LocationDay {
  date: string;
  scheme: FundingScheme;
  realisedPlaces: number;
  catering: boolean;
  /** Null: the scheme's amount is not published. */
  perPlacePerDayCents: number | null;
  /** Null when the day is outside the base rate or its amount is not published. */
  amountCents: number | null;
  outsideBaseRateReason: OutsideReason | null;
  /** Places of other target groups that day, counted apart. */
  statusHolderPlaces: number;
  asylumSeekerPlaces: number;
}

/**
 * Every day of the periods' range for one location: its realised places, catering, the
 * day's scheme, norm and amount (places × norm), or why it has none (outside the base rate,
 * or not published), and the other target groups' places. The days add up to the
 * location's lines of computeClaim.
 */
export function locationDays(
  periods: readonly FundingPeriod[],
  location: ClaimLocation,
): LocationDay[] {
  const runs = [...location.runs].sort((a, b) => (a.from < b.from ? -1 : 1));
  const others = location.otherPlaces ?? [];
  const days: LocationDay[] = [];
  let r = 0;
  for (const period of periods) {
    const end = dayNumber(period.to);
    for (let d = dayNumber(period.from); d <= end; d++) {
      const date = dateOfDay(d);
      while (r < runs.length && runs[r]!.to < date) r++;
      const run = runs[r] && runs[r]!.from <= date ? runs[r]! : null;
      const places = run ? run.places : 0;
      const catering = run ? run.catering : false;
      const reason = places > 0 ? outsideReason(period, location.kind, catering) : null;
      const other = (group: OtherTargetGroup) =>
        others
          .filter((o) => o.group === group && o.from <= date && date <= o.to)
          .reduce((s, o) => s + o.places, 0);
      const norm = period.gooPerPlacePerDayCents;
      days.push({
        date,
        scheme: period.scheme,
        realisedPlaces: places,
        catering,
        perPlacePerDayCents: norm,
        amountCents: reason || norm === null ? null : places * norm,
        outsideBaseRateReason: reason,
        statusHolderPlaces: other("status_holder"),
        asylumSeekerPlaces: other("asylum_seeker"),
      });
    }
  }
  return days;
}
