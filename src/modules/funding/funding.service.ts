/**
 * The funding claim (docs/api-funding.md): per municipality and any period the GOO
 * place-days × the norm of each day, the POO person-days × the monthly norm, the
 * location-days outside the base rate, the days under a scheme whose amounts are not
 * published (the doelgroepflexibele opvangregeling), the other target groups' places and the
 * transition costs, with a drill-down to a location's days; and the national cost per
 * municipality of a year. The arithmetic is src/rules/funding.ts; this reads the facts
 * (funding.repository.ts) and checks the question.
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
  addTotals,
  type Claim,
  type ClaimFacts,
  type ClaimLocation,
  claimPieces,
  computeClaim,
  type FundingPeriod,
  fundingFirstDay,
  fundingPeriods,
  locationClaim,
  locationDays,
  type OtherPlaceRun,
  type PlaceRun,
  type PooPiece,
  type TransitionCostFact,
  zeroTotals,
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

type Facts = {
  locations: ClaimLocation[];
  poo: PooPiece[];
  transitionCosts: TransitionCostFact[];
};

/** The facts of the municipalities asked (all: null), by municipality. */
export async function readFacts(
  db: Queryable,
  periods: readonly FundingPeriod[],
  gemeenten: readonly string[] | null,
): Promise<Map<string, Facts>> {
  const from = periods[0]!.from;
  const to = periods[periods.length - 1]!.to;
  const pieces = claimPieces(periods);
  const runs = await repo.placeRuns(db, from, to, { gemeenten });
  const others = await repo.otherPlaceRuns(db, from, to, { gemeenten });
  const poo = await repo.pooPersonDays(db, pieces, gemeenten);
  const costs = await repo.transitionCostsIn(db, from, to, gemeenten);
  const facts = new Map<string, Facts>();
  const of = (code: string) => {
    let f = facts.get(code);
    if (!f) {
      f = { locations: [], poo: [], transitionCosts: [] };
      facts.set(code, f);
    }
    return f;
  };
  type Location = ClaimLocation & { runs: PlaceRun[]; otherPlaces: OtherPlaceRun[] };
  const locations = new Map<number, Location>();
  const locationOf = (r: {
    gemeente_code: string;
    location_id: number;
    name: string;
    kind: string;
  }) => {
    let location = locations.get(r.location_id);
    if (!location) {
      location = { id: r.location_id, name: r.name, kind: r.kind, runs: [], otherPlaces: [] };
      locations.set(r.location_id, location);
      of(r.gemeente_code).locations.push(location);
    }
    return location;
  };
  for (const r of runs) {
    locationOf(r).runs.push({
      from: r.run_from,
      to: r.run_to,
      places: r.places,
      catering: r.catering,
    });
  }
  for (const r of others) {
    locationOf(r).otherPlaces.push({
      from: r.run_from,
      to: r.run_to,
      group: r.target_group,
      places: r.places,
    });
  }
  for (const f of facts.values()) f.locations.sort((a, b) => a.id - b.id);
  for (const p of poo) {
    of(p.gemeente_code).poo.push({ ...pieces[p.piece]!, personDays: p.person_days });
  }
  for (const c of costs) {
    of(c.gemeente_code).transitionCosts.push({
      id: c.id,
      locationId: c.location_id,
      locationName: c.location_name,
      incurredOn: c.incurred_on,
      description: c.description,
      amountCents: c.amount_cents,
    });
  }
  return facts;
}

const NO_FACTS: ClaimFacts = { locations: [], poo: [], transitionCosts: [] };

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
  const others = await repo.otherPlaceRuns(db, from, to, { locationId: id });
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
    otherPlaces: others.map((r) => ({
      from: r.run_from,
      to: r.run_to,
      group: r.target_group,
      places: r.places,
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
      notPublishedPlaceDays: claim.notPublishedPlaceDays,
      outsideBaseRatePlaceDays: claim.outsideBaseRatePlaceDays,
      statusHolderPlaceDays: claim.statusHolderPlaceDays,
      asylumSeekerPlaceDays: claim.asylumSeekerPlaceDays,
    },
    lines: claim.lines,
    days: locationDays(periods, location),
  };
}

// --- CSV ---------------------------------------------------------------------------------

/** The claim's CSV columns (English codes, as the other exports). */
export const CLAIM_CSV_COLUMNS = [
  "line",
  "scheme",
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
  "no_amount_reason",
  "description",
] as const;

/**
 * The claim as CSV rows in CLAIM_CSV_COLUMNS order: per location and norm period a `goo`
 * line (place-days of displaced persons, norm, amount; no norm or amount and the reason
 * `not_published` where the scheme's amount is not published), a `goo_outside_base_rate`
 * line where there are such days, and a `status_holder` and `asylum_seeker` line where the
 * location housed other target groups; per month and scheme a `poo` line; per transition
 * cost a `transition_cost` line (its date as from and to). The amounts add up to the
 * claim's totalWithTransitionCostsCents. Amounts in euros with a decimal point.
 */
export function claimCsvRows(gemeente: string, claim: Claim) {
  const rows: (string | number | null)[][] = [];
  const money = (cents: number | null) => (cents === null ? null : toDecimalText(cents));
  const noAmount = (cents: number | null) => (cents === null ? "not_published" : null);
  for (const l of claim.locations) {
    for (const line of l.lines) {
      const at = (kind: string) => [kind, line.scheme, gemeente, l.locationId, l.name, l.kind];
      const span = [null, line.from, line.to];
      const norm = money(line.perPlacePerDayCents);
      if (line.placeDays > 0) {
        rows.push([
          ...at("goo"),
          ...span,
          line.placeDays,
          null,
          null,
          norm,
          money(line.amountCents),
          noAmount(line.amountCents),
          null,
        ]);
      }
      if (line.outsideBaseRatePlaceDays > 0) {
        rows.push([
          ...at("goo_outside_base_rate"),
          ...span,
          line.outsideBaseRatePlaceDays,
          null,
          null,
          null,
          null,
          line.outsideBaseRateReasons.join(";"),
          null,
        ]);
      }
      for (const [kind, days] of [
        ["status_holder", line.statusHolderPlaceDays],
        ["asylum_seeker", line.asylumSeekerPlaceDays],
      ] as const) {
        if (days === 0) continue;
        const cents = norm === null ? null : days * line.perPlacePerDayCents!;
        rows.push([
          ...at(kind),
          ...span,
          days,
          null,
          null,
          norm,
          money(cents),
          noAmount(cents),
          null,
        ]);
      }
    }
  }
  for (const m of claim.poo) {
    rows.push([
      "poo",
      m.scheme,
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
      m.amountCents === null
        ? null
        : m.parts.map((p) => toDecimalText(p.perPersonPerMonthCents!)).join(";"),
      money(m.amountCents),
      noAmount(m.amountCents),
      null,
    ]);
  }
  for (const l of claim.transitionCosts.locations) {
    for (const e of l.entries) {
      rows.push([
        "transition_cost",
        e.scheme,
        gemeente,
        l.locationId,
        l.name,
        claim.locations.find((x) => x.locationId === l.locationId)?.kind ?? null,
        null,
        e.incurredOn,
        e.incurredOn,
        null,
        null,
        null,
        null,
        toDecimalText(e.amountCents),
        null,
        e.description,
      ]);
    }
  }
  return rows;
}

// --- The national view -------------------------------------------------------------------

/**
 * The cost of a year per municipality (each municipality's claim over the year, from
 * 2022-03-01 in 2022) and nationally: aggregates only. Municipalities without place-days,
 * person-days, other target groups' places or transition costs in the year are left out.
 * Days after today are read from today's facts as they stand (open capacities and
 * placements run on). `periods` are the norm periods with published amounts (the BooO's);
 * `schemePeriods` are all of them, with null norms where an amount is not published.
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
  const gemeenten = [...facts.keys()].sort().map((code) => {
    const claim = computeClaim(periods, facts.get(code)!);
    addTotals(total, claim.totals);
    claim.periods.forEach((p, i) => {
      const n = byPeriod[i]!;
      n.gooPlaceDays += p.gooPlaceDays;
      n.gooCents += p.gooCents;
      n.outsideBaseRatePlaceDays += p.outsideBaseRatePlaceDays;
      n.pooPersonDays += p.pooPersonDays;
      n.notPublishedPlaceDays += p.notPublishedPlaceDays;
      n.statusHolderPlaceDays += p.statusHolderPlaceDays;
      n.asylumSeekerPlaceDays += p.asylumSeekerPlaceDays;
    });
    return { code, name: names.get(code) ?? code, ...claim.totals };
  });
  const published = byPeriod.flatMap((p) =>
    p.gooPerPlacePerDayCents !== null && p.pooPerPersonPerMonthCents !== null
      ? [
          {
            ...p,
            gooPerPlacePerDayCents: p.gooPerPlacePerDayCents,
            pooPerPersonPerMonthCents: p.pooPerPersonPerMonthCents,
          },
        ]
      : [],
  );
  return {
    year,
    from,
    to,
    lawHash: lawbook.hash,
    periods: published,
    schemePeriods: byPeriod,
    gemeenten,
    total,
  };
}
