/**
 * The funding claim of a municipality under the BooO (Bekostigingsregeling opvang
 * ontheemden Oekraïne), in integer euro cents, from plain facts: no database, no HTTP.
 *
 * - GOO: Σ over the days of the period of the location's realised places × the norm amount
 *   per place per day in force that day (`booo.goo.per-place-per-day`). Exact in cents: no
 *   rounding.
 * - Outside the base rate: a location-day of a kind listed in
 *   `booo.goo.outside-base-rate.location-kinds`, or with catering while
 *   `booo.goo.outside-base-rate.catering` is `outside-base-rate` (from 2025 hotels, ships
 *   and catering), is counted apart in place-days, with no amount: its funding is not
 *   published.
 * - POO: persons × the norm amount per person per month (`booo.poo.per-person-per-month`).
 *   A person present on part of a month counts for those days (`booo.poo.part-month` =
 *   `by-person-days`, an interpretation): the amount of a month is Σ person-days × the
 *   monthly norm of each day ÷ the days in the month, rounded half up to the cent once per
 *   municipality and month.
 *
 * A claim runs over norm periods: the longest runs of days on which every funding parameter
 * keeps its value (the GOO norm changed on 2022-10-15, 2024-01-01 and 2025-01-01; the
 * exclusions start on 2025-01-01). Every line carries the parameters it read, with the date
 * each applies from and its source, and a sentence saying the arithmetic.
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

/** Every parameter a claim reads; a change of any of them starts a new norm period. */
export const FUNDING_PARAMETERS = [
  GOO_NORM,
  POO_NORM,
  OUTSIDE_KINDS,
  OUTSIDE_CATERING,
  POO_PART_MONTH,
] as const;

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
  gooPerPlacePerDayCents: number;
  pooPerPersonPerMonthCents: number;
  /** What the base rate does not fund in this period (codes of LOCATION_KINDS). */
  outsideBaseRate: { locationKinds: string[]; catering: boolean };
  /** How a POO person on part of a month counts (`by-person-days`). */
  pooPartMonth: string;
  /** Every funding parameter in force in the period, with its date and source. */
  parameters: TraceParameter[];
  /** Where the law text leaves the reading open (booo.poo.part-month). */
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

/**
 * The norm periods of [from, to]: a new period starts on `from` and on every date in the
 * range where a funding parameter takes a new value. A day without a value of any of them
 * (before 2022-03-01, or after a value that ends validity) is an error on `from`.
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
    const resolved = new Map<string, ResolvedParameter>();
    for (const name of FUNDING_PARAMETERS) {
      const r = lawbook.at(name, start);
      if (!r) {
        throw new ValidationError({
          path: "from",
          code: "no_law_in_force",
          message: `no law in force on ${start}: ${name}`,
          params: { date: start, parameter: name },
        });
      }
      resolved.set(name, r);
    }
    const interpretations: FundingPeriod["interpretations"] = [];
    for (const [name, r] of resolved) {
      if (r.version.interpretation) {
        interpretations.push({ parameter: name, interpretation: r.version.interpretation });
      }
    }
    return {
      from: start,
      to: end,
      gooPerPlacePerDayCents: resolved.get(GOO_NORM)!.version.value as number,
      pooPerPersonPerMonthCents: resolved.get(POO_NORM)!.version.value as number,
      outsideBaseRate: lawbook.fundingOutsideBaseRate(start)!,
      pooPartMonth: resolved.get(POO_PART_MONTH)!.version.value as string,
      parameters: FUNDING_PARAMETERS.map((name) => traceParameter(name, resolved.get(name)!)),
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

export interface ClaimLocation {
  id: number;
  name: string;
  /** A code of LOCATION_KINDS. */
  kind: string;
  /** Disjoint runs; days outside every run have no realised places. */
  runs: readonly PlaceRun[];
}

/** POO person-days in a piece of the period that lies within one month and one norm period. */
export interface PooPiece {
  from: string;
  to: string;
  personDays: number;
}

export interface ClaimFacts {
  locations: readonly ClaimLocation[];
  poo: readonly PooPiece[];
}

// --- The claim ---------------------------------------------------------------------------

/** One location in one norm period. */
export interface GooLine {
  from: string;
  to: string;
  /** Place-days funded by the base rate. */
  placeDays: number;
  perPlacePerDayCents: number;
  /** placeDays × perPlacePerDayCents. */
  amountCents: number;
  /** Place-days outside the base rate: counted, no amount. */
  outsideBaseRatePlaceDays: number;
  outsideBaseRateReasons: OutsideReason[];
  parameters: TraceParameter[];
  explanation: string;
}

export interface LocationClaim {
  locationId: number;
  name: string;
  kind: string;
  placeDays: number;
  amountCents: number;
  outsideBaseRatePlaceDays: number;
  lines: GooLine[];
}

/** The part of a POO month under one monthly norm. */
export interface PooPart {
  from: string;
  to: string;
  personDays: number;
  perPersonPerMonthCents: number;
}

export interface PooMonth {
  /** YYYY-MM */
  month: string;
  /** The days of the month in the claim's period. */
  from: string;
  to: string;
  daysInMonth: number;
  personDays: number;
  parts: PooPart[];
  /** Σ personDays × norm ÷ daysInMonth, rounded half up to the cent once. */
  amountCents: number;
  parameters: TraceParameter[];
  interpretation?: Interpretation;
  explanation: string;
}

export interface PeriodSummary {
  from: string;
  to: string;
  gooPerPlacePerDayCents: number;
  pooPerPersonPerMonthCents: number;
  outsideBaseRate: { locationKinds: string[]; catering: boolean };
  gooPlaceDays: number;
  gooCents: number;
  outsideBaseRatePlaceDays: number;
  pooPersonDays: number;
  parameters: TraceParameter[];
}

export interface ClaimTotals {
  gooPlaceDays: number;
  gooCents: number;
  outsideBaseRatePlaceDays: number;
  pooPersonDays: number;
  pooCents: number;
  totalCents: number;
}

export interface Claim {
  from: string;
  to: string;
  totals: ClaimTotals;
  periods: PeriodSummary[];
  locations: LocationClaim[];
  poo: PooMonth[];
}

const euro = (cents: number) => formatMoney(cents, "en");
/** A count with thousands separated by commas, without Intl (the same on every ICU build). */
const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

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
  const norm = line.parameters.find((p) => p.name === GOO_NORM)!;
  const parts = [
    `${line.from} to ${line.to} (${count(days)} ${days === 1 ? "day" : "days"}): ${count(line.placeDays)} place-days × ${euro(line.perPlacePerDayCents)} per place per day (${GOO_NORM} from ${norm.validFrom}) = ${euro(line.amountCents)}`,
  ];
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
  return `${parts.join("; ")}.`;
}

/** A location's lines: one per norm period with place-days in it. */
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
    if (placeDays === 0 && outside === 0) continue;
    const uses = [GOO_NORM, ...(outside > 0 ? [OUTSIDE_KINDS, OUTSIDE_CATERING] : [])];
    const line = {
      from: period.from,
      to: period.to,
      placeDays,
      perPlacePerDayCents: period.gooPerPlacePerDayCents,
      amountCents: placeDays * period.gooPerPlacePerDayCents,
      outsideBaseRatePlaceDays: outside,
      outsideBaseRateReasons: [...reasons].sort(),
      parameters: pick(period, uses),
    };
    lines.push({ ...line, explanation: gooExplanation(line, location.kind) });
  }
  return {
    locationId: location.id,
    name: location.name,
    kind: location.kind,
    placeDays: lines.reduce((s, l) => s + l.placeDays, 0),
    amountCents: lines.reduce((s, l) => s + l.amountCents, 0),
    outsideBaseRatePlaceDays: lines.reduce((s, l) => s + l.outsideBaseRatePlaceDays, 0),
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

/** The POO months: person-days × monthly norm ÷ days in the month, rounded once per month. */
export function pooMonths(periods: readonly FundingPeriod[], pieces: readonly PooPiece[]) {
  const byMonth = new Map<string, { pieces: PooPiece[]; periods: FundingPeriod[] }>();
  for (const piece of [...pieces].sort((a, b) => (a.from < b.from ? -1 : 1))) {
    if (piece.personDays <= 0) continue;
    const period = periodOf(periods, piece);
    const month = piece.from.slice(0, 7);
    let m = byMonth.get(month);
    if (!m) {
      m = { pieces: [], periods: [] };
      byMonth.set(month, m);
    }
    m.pieces.push(piece);
    m.periods.push(period);
  }
  const claimFrom = periods[0]!.from;
  const claimTo = periods[periods.length - 1]!.to;
  const out: PooMonth[] = [];
  for (const [month, m] of byMonth) {
    const first = `${month}-01`;
    const daysInMonth = daysInMonthOf(first);
    // Parts with the same norm (same value from the same date) are one part.
    const parts: (PooPart & { key: string; validFrom: string })[] = [];
    let weighted = 0;
    m.pieces.forEach((piece, i) => {
      const period = m.periods[i]!;
      const norm = period.parameters.find((p) => p.name === POO_NORM)!;
      const key = `${norm.validFrom}:${norm.value}`;
      weighted += piece.personDays * period.pooPerPersonPerMonthCents;
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
    const amountCents = mulRatio(weighted, 1, daysInMonth);
    const personDays = parts.reduce((s, p) => s + p.personDays, 0);
    const parameters: TraceParameter[] = [];
    for (const period of m.periods) {
      for (const p of pick(period, [POO_NORM, POO_PART_MONTH])) {
        if (!parameters.some((q) => q.name === p.name && q.validFrom === p.validFrom)) {
          parameters.push(p);
        }
      }
    }
    const interpretation = m.periods[0]!.interpretations.find(
      (x) => x.parameter === POO_PART_MONTH,
    )?.interpretation;
    const sum = parts
      .map(
        (p) =>
          `${count(p.personDays)} person-days × ${euro(p.perPersonPerMonthCents)} per person per month (${POO_NORM} from ${p.validFrom})`,
      )
      .join(" + ");
    const line: PooMonth = {
      month,
      from: first < claimFrom ? claimFrom : first,
      to: monthEnd(first) > claimTo ? claimTo : monthEnd(first),
      daysInMonth,
      personDays,
      parts: parts.map(({ key: _key, validFrom: _from, ...p }) => p),
      amountCents,
      parameters,
      explanation: `${month}: (${sum}) ÷ ${daysInMonth} days in the month = ${euro(amountCents)}, rounded half up to the cent once for the month (${POO_PART_MONTH}: by-person-days).`,
    };
    if (interpretation) line.interpretation = interpretation;
    out.push(line);
  }
  return out;
}

/**
 * A municipality's claim over [from, to] (the periods' range) from its locations' runs of
 * realised places and its POO person-days per piece. Lines, periods and totals add up.
 */
export function computeClaim(periods: readonly FundingPeriod[], facts: ClaimFacts): Claim {
  if (periods.length === 0) throw new Error("a claim needs at least one norm period");
  const locations = facts.locations
    .map((l) => locationClaim(periods, l))
    .filter((l) => l.lines.length > 0);
  const poo = pooMonths(periods, facts.poo);
  const summaries: PeriodSummary[] = periods.map((p) => ({
    from: p.from,
    to: p.to,
    gooPerPlacePerDayCents: p.gooPerPlacePerDayCents,
    pooPerPersonPerMonthCents: p.pooPerPersonPerMonthCents,
    outsideBaseRate: p.outsideBaseRate,
    gooPlaceDays: 0,
    gooCents: 0,
    outsideBaseRatePlaceDays: 0,
    pooPersonDays: 0,
    parameters: p.parameters,
  }));
  for (const l of locations) {
    for (const line of l.lines) {
      const s = summaries.find((x) => x.from === line.from)!;
      s.gooPlaceDays += line.placeDays;
      s.gooCents += line.amountCents;
      s.outsideBaseRatePlaceDays += line.outsideBaseRatePlaceDays;
    }
  }
  for (const piece of facts.poo) {
    if (piece.personDays <= 0) continue;
    const s = summaries.find((x) => x.from <= piece.from && piece.to <= x.to)!;
    s.pooPersonDays += piece.personDays;
  }
  const gooCents = locations.reduce((s, l) => s + l.amountCents, 0);
  const pooCents = poo.reduce((s, m) => s + m.amountCents, 0);
  return {
    from: periods[0]!.from,
    to: periods[periods.length - 1]!.to,
    totals: {
      gooPlaceDays: locations.reduce((s, l) => s + l.placeDays, 0),
      gooCents,
      outsideBaseRatePlaceDays: locations.reduce((s, l) => s + l.outsideBaseRatePlaceDays, 0),
      pooPersonDays: poo.reduce((s, m) => s + m.personDays, 0),
      pooCents,
      totalCents: gooCents + pooCents,
    },
    periods: summaries,
    locations,
    poo,
  };
}

// --- The drill-down: one location day by day ---------------------------------------------

export interface LocationDay {
  date: string;
  realisedPlaces: number;
  catering: boolean;
  perPlacePerDayCents: number;
  /** Null when the day is outside the base rate (no amount). */
  amountCents: number | null;
  outsideBaseRateReason: OutsideReason | null;
}

/**
 * Every day of the periods' range for one location: its realised places, catering, the
 * day's norm and amount (places × norm), or the reason it is outside the base rate. The
 * days add up to the location's lines of computeClaim.
 */
export function locationDays(
  periods: readonly FundingPeriod[],
  location: ClaimLocation,
): LocationDay[] {
  const runs = [...location.runs].sort((a, b) => (a.from < b.from ? -1 : 1));
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
      days.push({
        date,
        realisedPlaces: places,
        catering,
        perPlacePerDayCents: period.gooPerPlacePerDayCents,
        amountCents: reason ? null : places * period.gooPerPlacePerDayCents,
        outsideBaseRateReason: reason,
      });
    }
  }
  return days;
}
