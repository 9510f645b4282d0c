/**
 * The funding claim under the BooO (docs/api-funding.md): per municipality and any period
 * the GOO place-days × the norm of each day, the POO person-days × the monthly norm, and the
 * location-days outside the base rate, with a drill-down to a location's days; and the
 * national cost per municipality of a year. The arithmetic is src/rules/funding.ts; this
 * reads the facts (funding.repository.ts) and checks the question.
 *
 * Aggregates only: places, person-days and amounts, never a person. So no read here writes
 * an audit record, as the national view's reads do not (src/modules/national).
 */
import { Temporal } from "temporal-polyfill";
import type { Queryable } from "../../db/connection";
import { type AccessContext, gemeenteOf } from "../../domain/access";
import { addYears, parseIsoDate, todayNl } from "../../domain/dates";
import { NotFoundError, ValidationError } from "../../domain/errors";
import { toDecimalText } from "../../domain/money";
import {
  type Claim,
  type ClaimFacts,
  type ClaimLocation,
  type ClaimTotals,
  claimPieces,
  computeClaim,
  type FundingPeriod,
  fundingFirstDay,
  fundingPeriods,
  locationClaim,
  locationDays,
  type PlaceRun,
  type PooPiece,
} from "../../rules/funding";
import { getLawbook, type Lawbook } from "../../rules/lawbook";
import * as repo from "./funding.repository";

/** A claim covers at most this many years (to lies before from + 3 years). */
export const MAX_YEARS = 3;

export interface PeriodQuery {
  from?: string;
  to?: string;
}

/**
 * The period asked: both dates required and existing, from not before the first norm
 * (2022-03-01), from not after to, and less than MAX_YEARS years long. Each error names
 * its field.
 */
export function parsePeriod(q: PeriodQuery, lawbook: Lawbook = getLawbook()) {
  const from = parseIsoDate(q.from, "from");
  const to = parseIsoDate(q.to, "to");
  const first = fundingFirstDay(lawbook);
  if (from < first) {
    throw new ValidationError({
      path: "from",
      code: "before_funding",
      message: `the BooO funds from ${first}: from must be on or after it`,
      params: { min: first },
    });
  }
  if (from > to) {
    throw new ValidationError({
      path: "from",
      code: "from_after_to",
      message: "from lies after to",
    });
  }
  const limit = addYears(from, MAX_YEARS);
  if (Temporal.PlainDate.compare(to, limit) >= 0) {
    throw new ValidationError({
      path: "to",
      code: "range_too_long",
      message: `at most ${MAX_YEARS} years at once: to must lie before ${limit}`,
      params: { maxYears: MAX_YEARS },
    });
  }
  return { from, to };
}

/** The year asked for the national view: 2022 (from 2022-03-01) to next year. */
export function parseYear(year: string | undefined, today = todayNl()): number {
  const last = Number(today.slice(0, 4)) + 1;
  if (year === undefined || !/^\d{4}$/.test(year)) {
    throw new ValidationError({
      path: "year",
      code: "year_format",
      message: `expected a year as YYYY, got ${JSON.stringify(year ?? null)}`,
    });
  }
  const first = Number(fundingFirstDay(getLawbook()).slice(0, 4));
  const y = Number(year);
  if (y < first || y > last) {
    throw new ValidationError({
      path: "year",
      code: "year_out_of_range",
      message: `the BooO's years are ${first} to ${last}`,
      params: { min: first, max: last },
    });
  }
  return y;
}

/** The facts of the municipalities asked (all: null), by municipality. */
async function readFacts(
  db: Queryable,
  periods: readonly FundingPeriod[],
  gemeenten: readonly string[] | null,
): Promise<Map<string, { locations: ClaimLocation[]; poo: PooPiece[] }>> {
  const from = periods[0]!.from;
  const to = periods[periods.length - 1]!.to;
  const pieces = claimPieces(periods);
  const runs = await repo.placeRuns(db, from, to, { gemeenten });
  const poo = await repo.pooPersonDays(db, pieces, gemeenten);
  const facts = new Map<string, { locations: ClaimLocation[]; poo: PooPiece[] }>();
  const of = (code: string) => {
    let f = facts.get(code);
    if (!f) {
      f = { locations: [], poo: [] };
      facts.set(code, f);
    }
    return f;
  };
  const locations = new Map<number, { id: number; name: string; kind: string; runs: PlaceRun[] }>();
  for (const r of runs) {
    let location = locations.get(r.location_id);
    if (!location) {
      location = { id: r.location_id, name: r.name, kind: r.kind, runs: [] };
      locations.set(r.location_id, location);
      of(r.gemeente_code).locations.push(location);
    }
    location.runs.push({ from: r.run_from, to: r.run_to, places: r.places, catering: r.catering });
  }
  for (const p of poo) {
    of(p.gemeente_code).poo.push({ ...pieces[p.piece]!, personDays: p.person_days });
  }
  return facts;
}

const NO_FACTS: ClaimFacts = { locations: [], poo: [] };

/** The claim of the caller's municipality over [from, to]. */
export async function gemeenteClaim(db: Queryable, actor: AccessContext, q: PeriodQuery) {
  const gemeente = gemeenteOf(actor);
  const lawbook = getLawbook();
  const { from, to } = parsePeriod(q, lawbook);
  const periods = fundingPeriods(lawbook, from, to);
  const facts = await readFacts(db, periods, [gemeente]);
  const claim = computeClaim(periods, facts.get(gemeente) ?? NO_FACTS);
  return { gemeenteCode: gemeente, lawHash: lawbook.hash, ...claim };
}

/** One location of the caller's municipality day by day; another's answers 404. */
export async function locationClaimDays(
  db: Queryable,
  actor: AccessContext,
  id: number,
  q: PeriodQuery,
) {
  const gemeente = gemeenteOf(actor);
  const lawbook = getLawbook();
  const { from, to } = parsePeriod(q, lawbook);
  const found = await repo.findLocationOf(db, id, gemeente);
  if (!found) throw new NotFoundError("location");
  const periods = fundingPeriods(lawbook, from, to);
  const runs = await repo.placeRuns(db, from, to, { locationId: id });
  const location: ClaimLocation = {
    id: found.id,
    name: found.name,
    kind: found.kind,
    runs: runs.map((r) => ({
      from: r.run_from,
      to: r.run_to,
      places: r.places,
      catering: r.catering,
    })),
  };
  const claim = locationClaim(periods, location);
  return {
    gemeenteCode: gemeente,
    from,
    to,
    lawHash: lawbook.hash,
    location: { id: found.id, name: found.name, kind: found.kind },
    totals: {
      placeDays: claim.placeDays,
      amountCents: claim.amountCents,
      outsideBaseRatePlaceDays: claim.outsideBaseRatePlaceDays,
    },
    lines: claim.lines,
    days: locationDays(periods, location),
  };
}

// --- CSV ---------------------------------------------------------------------------------

/** The claim's CSV columns (English codes, as the other exports). */
export const CLAIM_CSV_COLUMNS = [
  "line",
  "gemeente_code",
  "location_id",
  "location_name",
  "location_kind",
  "month",
  "from",
  "to",
  "place_days",
  "person_days",
  "days_in_month",
  "norm",
  "amount",
  "outside_base_rate_reason",
] as const;

/**
 * The claim as CSV rows in CLAIM_CSV_COLUMNS order: per location and norm period a `goo`
 * line (place-days in the base rate, norm, amount) and a `goo_outside_base_rate` line
 * (place-days, no norm or amount) where there are such days; per month a `poo` line. The
 * amounts add up to the claim's total. Amounts in euros with a decimal point.
 */
export function claimCsvRows(gemeente: string, claim: Claim) {
  const rows: (string | number | null)[][] = [];
  for (const l of claim.locations) {
    for (const line of l.lines) {
      const location = [gemeente, l.locationId, l.name, l.kind, null, line.from, line.to];
      if (line.placeDays > 0) {
        rows.push([
          "goo",
          ...location,
          line.placeDays,
          null,
          null,
          toDecimalText(line.perPlacePerDayCents),
          toDecimalText(line.amountCents),
          null,
        ]);
      }
      if (line.outsideBaseRatePlaceDays > 0) {
        rows.push([
          "goo_outside_base_rate",
          ...location,
          line.outsideBaseRatePlaceDays,
          null,
          null,
          null,
          null,
          line.outsideBaseRateReasons.join(";"),
        ]);
      }
    }
  }
  for (const m of claim.poo) {
    rows.push([
      "poo",
      gemeente,
      null,
      null,
      null,
      m.month,
      m.from,
      m.to,
      null,
      m.personDays,
      m.daysInMonth,
      m.parts.map((p) => toDecimalText(p.perPersonPerMonthCents)).join(";"),
      toDecimalText(m.amountCents),
      null,
    ]);
  }
  return rows;
}

// --- The national view -------------------------------------------------------------------

const zeroTotals = (): ClaimTotals => ({
  gooPlaceDays: 0,
  gooCents: 0,
  outsideBaseRatePlaceDays: 0,
  pooPersonDays: 0,
  pooCents: 0,
  totalCents: 0,
});

function addTotals(into: ClaimTotals, t: ClaimTotals) {
  into.gooPlaceDays += t.gooPlaceDays;
  into.gooCents += t.gooCents;
  into.outsideBaseRatePlaceDays += t.outsideBaseRatePlaceDays;
  into.pooPersonDays += t.pooPersonDays;
  into.pooCents += t.pooCents;
  into.totalCents += t.totalCents;
}

/**
 * The cost of a year per municipality (each municipality's claim over the year, from
 * 2022-03-01 in 2022) and nationally: aggregates only. Municipalities without place-days or
 * person-days in the year are left out. Days after today are read from today's facts as
 * they stand (open capacities and placements run on).
 */
export async function nationalFunding(db: Queryable, q: { year?: string }) {
  const year = parseYear(q.year);
  const lawbook = getLawbook();
  const first = fundingFirstDay(lawbook);
  const from = `${year}-01-01` < first ? first : `${year}-01-01`;
  const to = `${year}-12-31`;
  const periods = fundingPeriods(lawbook, from, to);
  const facts = await readFacts(db, periods, null);
  const names = await repo.gemeenteNames(db, [...facts.keys()]);
  const total = zeroTotals();
  const byPeriod = periods.map((p) => ({
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
  const gemeenten = [...facts.keys()].sort().map((code) => {
    const claim = computeClaim(periods, facts.get(code)!);
    addTotals(total, claim.totals);
    claim.periods.forEach((p, i) => {
      const n = byPeriod[i]!;
      n.gooPlaceDays += p.gooPlaceDays;
      n.gooCents += p.gooCents;
      n.outsideBaseRatePlaceDays += p.outsideBaseRatePlaceDays;
      n.pooPersonDays += p.pooPersonDays;
    });
    return { code, name: names.get(code) ?? code, ...claim.totals };
  });
  return { year, from, to, lawHash: lawbook.hash, periods: byPeriod, gemeenten, total };
}
