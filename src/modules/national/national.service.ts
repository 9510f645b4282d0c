/**
 * The national view (docs/api-national.md): for a date, the figures of the nation, a
 * province, a safety region, a municipality or a location and of each unit one level down;
 * the flows per ISO week; the paragraph the Verzamelbrief opens with; open data per
 * municipality and week. Aggregates only: no answer holds a name, BSN, address or person
 * id of a displaced person.
 *
 * Every figure is summed from facts per municipality (and per location), read once per
 * question; a unit's figures are the sum of its municipalities', so the units of a level
 * add up to the level above by construction. The hierarchy on a date:
 *
 *   nation → province (gemeente.province_code) → safety region (the municipality → region
 *   map on the date) → municipality → location (location.gemeente_code)
 *
 * A province's units are the safety regions of its municipalities on the date; a region
 * that crossed a province border would appear under each province with its municipalities
 * there (none does in the 2023 classification). Municipalities without a province or a
 * region on the date form a unit of their own (code null).
 */
import { Temporal } from "temporal-polyfill";
import type { Queryable } from "../../db/connection";
import { parseIsoDate, todayNl } from "../../domain/dates";
import { LOCATION_KINDS, type LocationKind } from "../../domain/enums";
import { NotFoundError, ValidationError } from "../../domain/errors";
import { bezettingsgraad, dateOrToday, gemeenteLocationsOn, type PlaceFacts } from "../occupancy";
import { factsOn, flowsOf, seriesOf } from "./facts.service";
import {
  fill,
  formatCount,
  formatDate,
  formatRate,
  PARAGRAPH,
  type ParagraphLanguage,
} from "./national.catalog";
import * as repo from "./national.repository";
import { suppressWeek } from "./suppression";

export const LEVELS = ["nation", "province", "region", "gemeente", "location"] as const;
export type Level = (typeof LEVELS)[number];

const CHILD: Record<Level, Level | null> = {
  nation: "province",
  province: "region",
  region: "gemeente",
  gemeente: "location",
  location: null,
};

/** At most this many weeks of flows in one answer (five years). */
export const MAX_FLOW_WEEKS = 261;
/** At most this many weeks of open data in one answer (a year). */
export const MAX_OPEN_DATA_WEEKS = 53;
/** Open data leaves out counts from 1 to this many, so no person can be singled out. */
export const SUPPRESS_UP_TO = 4;

// --- Dates and weeks ---------------------------------------------------------------------

const plain = (date: string) => Temporal.PlainDate.from(date);
export const addDays = (date: string, days: number) => plain(date).add({ days }).toString();

/** The Monday of the ISO week of a date. */
export function mondayOf(date: string): string {
  const d = plain(date);
  return d.subtract({ days: d.dayOfWeek - 1 }).toString();
}

/** The ISO week of a date as YYYY-Www (2024-01-19 → 2024-W03). */
export function isoWeek(date: string): string {
  const d = plain(date);
  return `${d.yearOfWeek}-W${String(d.weekOfYear).padStart(2, "0")}`;
}

/** The month before the date's month, as its first day: the latest complete month. */
export function latestCompleteMonth(on: string): string {
  return plain(on).toPlainYearMonth().subtract({ months: 1 }).toPlainDate({ day: 1 }).toString();
}

/** A share as a percentage rounded half up to one decimal (in integers); null of nobody. */
export function percentage(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.floor((part * 2000 + whole) / (2 * whole)) / 10;
}

function weeksBetween(fromMonday: string, toMonday: string) {
  return plain(fromMonday).until(plain(toMonday)).days / 7 + 1;
}

// --- Facts per municipality and location -------------------------------------------------

interface Places {
  realised: number;
  occupied: number;
  free: number;
}
interface Work {
  adults: number;
  withWork: number;
}
interface Facts extends Places {
  ukrainian: number;
  other: number;
  poo: number;
  kinds: Record<LocationKind, Places>;
  workGoo: Work;
  workPoo: Work;
}

function emptyFacts(): Facts {
  const kinds = {} as Record<LocationKind, Places>;
  for (const k of LOCATION_KINDS) kinds[k] = { realised: 0, occupied: 0, free: 0 };
  return {
    ukrainian: 0,
    other: 0,
    poo: 0,
    realised: 0,
    occupied: 0,
    free: 0,
    kinds,
    workGoo: { adults: 0, withWork: 0 },
    workPoo: { adults: 0, withWork: 0 },
  };
}

function addInto(t: Facts, f: Facts): Facts {
  t.ukrainian += f.ukrainian;
  t.other += f.other;
  t.poo += f.poo;
  t.realised += f.realised;
  t.occupied += f.occupied;
  t.free += f.free;
  for (const k of LOCATION_KINDS) {
    t.kinds[k].realised += f.kinds[k].realised;
    t.kinds[k].occupied += f.kinds[k].occupied;
    t.kinds[k].free += f.kinds[k].free;
  }
  t.workGoo.adults += f.workGoo.adults;
  t.workGoo.withWork += f.workGoo.withWork;
  t.workPoo.adults += f.workPoo.adults;
  t.workPoo.withWork += f.workPoo.withWork;
  return t;
}

const isEmpty = (f: Facts) =>
  f.ukrainian + f.other + f.poo + f.realised + f.occupied + f.workGoo.adults + f.workPoo.adults ===
  0;

interface Gathered {
  gemeenten: Map<string, Facts>;
  locations: Map<number, Facts>;
}

function addPlaces(facts: Facts, row: PlaceFacts) {
  facts.poo += row.poo;
  if (row.location_id === null) return;
  facts.realised += row.realised;
  facts.occupied += row.occupied;
  facts.free += row.free;
  const kind = facts.kinds[row.kind as LocationKind];
  if (kind) {
    kind.realised += row.realised;
    kind.occupied += row.occupied;
    kind.free += row.free;
  }
}

/**
 * The facts of every municipality (all, or those listed) and of each location on a date,
 * from three reads (places and persons in reception, registrations, work); work is of the
 * latest complete month, read on its last day.
 */
async function gather(
  db: Queryable,
  on: string,
  gemeenten: readonly string[] | null,
  withWork: boolean,
): Promise<Gathered> {
  const { places, registered, work } = await factsOn(
    db,
    on,
    gemeenten,
    withWork ? { month: latestCompleteMonth(on) } : null,
  );
  const byGemeente = new Map<string, Facts>();
  const byLocation = new Map<number, Facts>();
  const of = <K>(map: Map<K, Facts>, key: K) => {
    let f = map.get(key);
    if (!f) {
      f = emptyFacts();
      map.set(key, f);
    }
    return f;
  };
  for (const row of places) {
    addPlaces(of(byGemeente, row.gemeente_code), row);
    if (row.location_id !== null) addPlaces(of(byLocation, row.location_id), row);
  }
  for (const row of registered) {
    const f = of(byGemeente, row.gemeente_code);
    f.ukrainian += row.ukrainian;
    f.other += row.other;
  }
  for (const row of work) {
    const target = (f: Facts) => (row.kind === "goo" ? f.workGoo : f.workPoo);
    for (const f of [
      of(byGemeente, row.gemeente_code),
      ...(row.location_id !== null ? [of(byLocation, row.location_id)] : []),
    ]) {
      target(f).adults += row.adults;
      target(f).withWork += row.with_work;
    }
  }
  return { gemeenten: byGemeente, locations: byLocation };
}

// --- Where a question is about -----------------------------------------------------------

interface Scope {
  level: Level;
  code: string | null;
  name: string;
  /** The municipalities the figures sum; null: all. */
  gemeenten: string[] | null;
  location: { id: number; gemeente_code: string; name: string; kind: string } | null;
}

const required = (path: string) =>
  new ValidationError({ path, code: "required", message: `${path} is required for this level` });

async function resolveScope(
  db: Queryable,
  level: Level,
  code: string | undefined,
  geo: repo.GemeenteRow[],
): Promise<Scope> {
  const c = code?.trim() ?? "";
  const base = { level, code: c, location: null };
  if (level === "nation") {
    return { ...base, code: null, name: "Nederland", gemeenten: null };
  }
  if (!c) throw required("code");
  switch (level) {
    case "province": {
      const members = geo.filter((g) => g.province_code === c);
      if (!members.length) throw new NotFoundError("province");
      const name = members.find((g) => g.province_name)?.province_name ?? c;
      return { ...base, name, gemeenten: members.map((g) => g.code) };
    }
    case "region": {
      const region = await repo.findRegion(db, c);
      if (!region) throw new NotFoundError("veiligheidsregio");
      const members = geo.filter((g) => g.region_code === c).map((g) => g.code);
      return { ...base, name: region.name, gemeenten: members };
    }
    case "gemeente": {
      const g = geo.find((x) => x.code === c);
      if (!g) throw new NotFoundError("gemeente");
      return { ...base, name: g.name, gemeenten: [g.code] };
    }
    case "location": {
      if (!/^[1-9]\d{0,9}$/.test(c) || Number(c) > 2_147_483_647) {
        throw new ValidationError({
          path: "code",
          code: "location_id",
          message: "a location is named by its id, a positive whole number",
        });
      }
      const location = await repo.findLocation(db, Number(c));
      if (!location) throw new NotFoundError("location");
      return { ...base, name: location.name, gemeenten: [location.gemeente_code], location };
    }
  }
}

function parseLevel(level: string | undefined): Level {
  if (level === undefined || level === "") return "nation";
  if ((LEVELS as readonly string[]).includes(level)) return level as Level;
  throw new ValidationError({
    path: "level",
    code: "level",
    message: `level is one of ${LEVELS.join(", ")}`,
  });
}

// --- Figures -----------------------------------------------------------------------------

export interface WorkShare {
  adults: number;
  withWork: number;
  /** withWork ÷ adults in %, one decimal; null without adults. */
  share: number | null;
}

export interface UnitFigures {
  level: Level;
  /** Null for a unit of municipalities without a province or region on the date. */
  code: string | null;
  name: string | null;
  /** A location's status on the date (planned, realised, closed). */
  status?: string | null;
  /** Persons registered in the BRP with temporary protection; null for a location. */
  registered: { ukrainian: number; otherNationalities: number; total: number } | null;
  /** Persons in reception: GOO (= occupied places) and POO (null for a location). */
  persons: { goo: number; poo: number | null };
  places: {
    realisedPlaces: number;
    occupied: number;
    free: number;
    bezettingsgraad: number | null;
  };
  placesByKind: {
    kind: LocationKind;
    realisedPlaces: number;
    occupied: number;
    free: number;
    bezettingsgraad: number | null;
  }[];
  work: { goo: WorkShare; poo: WorkShare | null };
}

const share = (w: Work): WorkShare => ({ ...w, share: percentage(w.withWork, w.adults) });

function present(
  f: Facts,
  label: { level: Level; code: string | null; name: string | null },
  locationKind?: LocationKind,
): UnitFigures {
  const location = locationKind !== undefined;
  return {
    ...label,
    registered: location
      ? null
      : { ukrainian: f.ukrainian, otherNationalities: f.other, total: f.ukrainian + f.other },
    persons: { goo: f.occupied, poo: location ? null : f.poo },
    places: {
      realisedPlaces: f.realised,
      occupied: f.occupied,
      free: f.free,
      bezettingsgraad: bezettingsgraad(f.occupied, f.realised),
    },
    // A location has one kind: only that one.
    placesByKind: LOCATION_KINDS.filter((k) => !location || k === locationKind).map((kind) => ({
      kind,
      realisedPlaces: f.kinds[kind].realised,
      occupied: f.kinds[kind].occupied,
      free: f.kinds[kind].free,
      bezettingsgraad: bezettingsgraad(f.kinds[kind].occupied, f.kinds[kind].realised),
    })),
    work: { goo: share(f.workGoo), poo: location ? null : share(f.workPoo) },
  };
}

/** Sums the facts of municipalities grouped by a key (province, region, municipality). */
function groupUnits(
  gemeenten: repo.GemeenteRow[],
  facts: Map<string, Facts>,
  key: (g: repo.GemeenteRow) => { code: string | null; name: string | null },
) {
  const units = new Map<string | null, { name: string | null; facts: Facts; shown: boolean }>();
  for (const g of gemeenten) {
    const k = key(g);
    let u = units.get(k.code);
    if (!u) {
      u = { name: k.name, facts: emptyFacts(), shown: false };
      units.set(k.code, u);
    }
    u.name ??= k.name;
    const f = facts.get(g.code);
    if (f) addInto(u.facts, f);
    // A unit is listed when it exists on the date or holds any figure.
    u.shown ||= g.current || (f !== undefined && !isEmpty(f));
  }
  return [...units.entries()]
    .filter(([, u]) => u.shown)
    .map(([code, u]) => ({ code, name: u.name, facts: u.facts }));
}

const byCode = (a: { code: string | null }, b: { code: string | null }) =>
  a.code === null ? 1 : b.code === null ? -1 : a.code.localeCompare(b.code);

export interface FiguresQuery {
  on?: string;
  level?: string;
  code?: string;
}

/**
 * The figures on a date of the level asked (`total`) and of each unit one level down
 * (`units`); the units add up to the total, figure by figure.
 */
export async function nationalFigures(db: Queryable, q: FiguresQuery) {
  const on = dateOrToday(q.on);
  const level = parseLevel(q.level);
  const geo = await repo.gemeentenOn(db, on);
  const scope = await resolveScope(db, level, q.code, geo);
  const facts = await gather(db, on, scope.gemeenten, true);
  const members = scope.gemeenten ? new Set(scope.gemeenten) : null;
  const inScope = members ? geo.filter((g) => members.has(g.code)) : geo;
  const total = emptyFacts();
  for (const g of inScope) {
    const f = facts.gemeenten.get(g.code);
    if (f) addInto(total, f);
  }
  const child = CHILD[level];
  let units: UnitFigures[] = [];
  if (level === "nation" || level === "province" || level === "region") {
    const key =
      level === "nation"
        ? (g: repo.GemeenteRow) => ({ code: g.province_code, name: g.province_name })
        : level === "province"
          ? (g: repo.GemeenteRow) => ({ code: g.region_code, name: g.region_name })
          : (g: repo.GemeenteRow) => ({ code: g.code, name: g.name });
    units = groupUnits(inScope, facts.gemeenten, key)
      .sort(
        level === "region" ? (a, b) => (a.name ?? "").localeCompare(b.name ?? "", "nl") : byCode,
      )
      .map((u) => present(u.facts, { level: child!, code: u.code, name: u.name }));
  } else {
    // The municipality's locations with their names and status on the date (the occupancy
    // module's list); their figures are the facts read above, as the total's.
    const gemeente = scope.location?.gemeente_code ?? scope.code!;
    const locations = await gemeenteLocationsOn(db, gemeente, on);
    const unit = (l: (typeof locations)[number]) => ({
      ...present(
        facts.locations.get(l.location_id) ?? emptyFacts(),
        { level: "location", code: String(l.location_id), name: l.name },
        l.kind as LocationKind,
      ),
      status: l.status,
    });
    if (scope.location) {
      const own = locations.find((l) => l.location_id === scope.location!.id);
      if (!own) throw new NotFoundError("location");
      return {
        on,
        level,
        code: scope.code,
        name: scope.name,
        workMonth: latestCompleteMonth(on).slice(0, 7),
        total: unit(own),
        units,
      };
    }
    units = locations
      .filter((l) => l.status !== null || l.realised > 0 || l.occupied > 0)
      .map(unit);
  }
  return {
    on,
    level,
    code: scope.code,
    name: scope.name,
    /** The month whose work incomes the work participation counts. */
    workMonth: latestCompleteMonth(on).slice(0, 7),
    total: present(total, { level, code: scope.code, name: scope.name }),
    units,
  };
}

// --- Weeks -------------------------------------------------------------------------------

/**
 * The ISO weeks from the week of `from` to the week of `to` (default: the `weeks` weeks up
 * to today's), at most `max`; refused by field when reversed or too long.
 */
function weekRange(q: { from?: string; to?: string }, weeks: number, max: number) {
  const to = q.to ? parseIsoDate(q.to, "to") : todayNl();
  const from = q.from ? parseIsoDate(q.from, "from") : addDays(mondayOf(to), -(weeks - 1) * 7);
  const fromMonday = mondayOf(from);
  const toMonday = mondayOf(to);
  if (fromMonday > toMonday) {
    throw new ValidationError({
      path: "from",
      code: "from_after_to",
      message: "from lies in a week after to",
    });
  }
  if (weeksBetween(fromMonday, toMonday) > max) {
    throw new ValidationError({
      path: "to",
      code: "range_too_long",
      message: `at most ${max} weeks at once`,
      params: { max },
    });
  }
  return { to, fromMonday, toMonday };
}

// --- Series ------------------------------------------------------------------------------

export interface SeriesQuery {
  from?: string;
  to?: string;
  level?: string;
  code?: string;
}

export interface SeriesPoint {
  week: string;
  sunday: string;
  /** The date the figures are of: the week's Sunday, or `to` in its last week. */
  on: string;
  realised: number;
  occupied: number;
  free: number;
  bezettingsgraad: number | null;
  /** Persons registered with temporary protection; null for a location. */
  registered: number | null;
  /** Persons in private reception; null for a location. */
  poo: number | null;
}

/**
 * A unit's places and persons per ISO week from the week of `from` to the week of `to`
 * (default: the 52 weeks up to today), each on the week's Sunday (on `to` in the last week
 * when `to` comes first): the same figures as GET /national/figures on those dates. A
 * region's or province's municipalities are those on the `to` date.
 */
export async function nationalSeries(db: Queryable, q: SeriesQuery) {
  const { to, fromMonday, toMonday } = weekRange(q, 52, MAX_FLOW_WEEKS);
  const level = parseLevel(q.level);
  const geo = await repo.gemeentenOn(db, to);
  const scope = await resolveScope(db, level, q.code, geo);
  const weeks: { monday: string; sunday: string; on: string }[] = [];
  for (let monday = fromMonday; monday <= toMonday; monday = addDays(monday, 7)) {
    const sunday = addDays(monday, 6);
    weeks.push({ monday, sunday, on: sunday < to ? sunday : to });
  }
  const locationId = scope.location?.id ?? null;
  const totals =
    (await seriesOf(
      db,
      weeks.map((w) => w.on),
      { gemeenten: scope.gemeenten, locationId },
    )) ??
    (await ledgerSeries(
      db,
      weeks.map((w) => w.on),
      scope,
    ));
  const points: SeriesPoint[] = weeks.map((w, i) => {
    const t = totals[i]!;
    return {
      week: isoWeek(w.monday),
      sunday: w.sunday,
      on: w.on,
      realised: t.realised,
      occupied: t.occupied,
      free: t.free,
      bezettingsgraad: bezettingsgraad(t.occupied, t.realised),
      registered: locationId === null ? t.registered : null,
      poo: locationId === null ? t.poo : null,
    };
  });
  return {
    level,
    code: scope.code,
    name: scope.name,
    from: fromMonday,
    to: addDays(toMonday, 6),
    points,
  };
}

/** A unit's totals on each day from the ledger, day by day (nothing kept yet). */
async function ledgerSeries(db: Queryable, days: readonly string[], scope: Scope) {
  const members = scope.gemeenten ? new Set(scope.gemeenten) : null;
  const out = [];
  for (const on of days) {
    const facts = await gather(db, on, scope.gemeenten, false);
    let f: Facts;
    if (scope.location) {
      f = facts.locations.get(scope.location.id) ?? emptyFacts();
    } else {
      f = emptyFacts();
      for (const [code, g] of facts.gemeenten) if (!members || members.has(code)) addInto(f, g);
    }
    out.push({
      on,
      realised: f.realised,
      occupied: f.occupied,
      free: f.free,
      poo: f.poo,
      registered: f.ukrainian + f.other,
    });
  }
  return out;
}

// --- Flows -------------------------------------------------------------------------------

export interface FlowsQuery {
  from?: string;
  to?: string;
  level?: string;
  code?: string;
}

export interface FlowWeek {
  week: string;
  monday: string;
  sunday: string;
  arrivals: number;
  departures: number;
  moves: number;
  movedIn: number;
  movedOut: number;
  registrations: number | null;
  deregistrations: number | null;
  returns: number | null;
  netInflow: number;
  netInflowAverage3w: number;
}

/** Rounded half up to one decimal, in integers (three weeks' average). */
const oneDecimal = (sum: number, n: number) =>
  (Math.sign(sum) * Math.floor((Math.abs(sum) * 20 + n) / (2 * n))) / 10;

/**
 * Per ISO week from the week of `from` to the week of `to` (default: the 26 weeks up to
 * today): arrivals, departures, moves, registrations, deregistrations, returns, the net
 * inflow (arrivals − departures, plus moves into and minus moves out of the unit) and its
 * average over the week and the two before it. A region's municipalities are those on the
 * `to` date.
 */
export async function nationalFlows(db: Queryable, q: FlowsQuery) {
  const { fromMonday, toMonday } = weekRange(q, 26, MAX_FLOW_WEEKS);
  const level = parseLevel(q.level);
  const toSunday = addDays(toMonday, 6);
  const geo = await repo.gemeentenOn(db, toSunday);
  const scope = await resolveScope(db, level, q.code, geo);
  const unit: repo.FlowUnit = scope.location
    ? { kind: "location", id: scope.location.id }
    : scope.gemeenten
      ? { kind: "gemeenten", codes: scope.gemeenten }
      : { kind: "all" };
  // Two weeks before the first, for its three weeks' average.
  const rows = await flowsOf(db, addDays(fromMonday, -14), toMonday, unit);
  const personal = unit.kind !== "location";
  const nets = rows.map((r) => r.arrivals - r.departures + r.moved_in - r.moved_out);
  const out: FlowWeek[] = rows.slice(2).map((r, i) => {
    const net = nets[i + 2]!;
    return {
      week: isoWeek(r.week),
      monday: r.week,
      sunday: addDays(r.week, 6),
      arrivals: r.arrivals,
      departures: r.departures,
      moves: r.moves,
      movedIn: r.moved_in,
      movedOut: r.moved_out,
      registrations: personal ? r.registrations : null,
      deregistrations: personal ? r.deregistrations : null,
      returns: personal ? r.returns : null,
      netInflow: net,
      netInflowAverage3w: oneDecimal(nets[i]! + nets[i + 1]! + net, 3),
    };
  });
  const sum = (f: (w: FlowWeek) => number | null) =>
    personal || out.every((w) => f(w) !== null) ? out.reduce((s, w) => s + (f(w) ?? 0), 0) : null;
  return {
    from: fromMonday,
    to: toSunday,
    level,
    code: scope.code,
    name: scope.name,
    weeks: out,
    totals: {
      arrivals: sum((w) => w.arrivals)!,
      departures: sum((w) => w.departures)!,
      moves: sum((w) => w.moves)!,
      movedIn: sum((w) => w.movedIn)!,
      movedOut: sum((w) => w.movedOut)!,
      registrations: sum((w) => w.registrations),
      deregistrations: sum((w) => w.deregistrations),
      returns: sum((w) => w.returns),
      netInflow: sum((w) => w.netInflow)!,
    },
  };
}

// --- The paragraph -----------------------------------------------------------------------

export interface ParagraphQuery {
  date?: string;
  brpDate?: string;
  lang?: ParagraphLanguage;
}

export interface ParagraphFigures {
  ukrainiansRegistered: number;
  realisedPlaces: number;
  occupied: number;
  bezettingsgraad: number | null;
}

/** The paragraph's text from its figures; `today` decides "jl." and whether years show. */
export function paragraphText(
  figures: ParagraphFigures,
  dates: { date: string; brpDate: string },
  lang: ParagraphLanguage,
  today: string,
): string {
  const c = PARAGRAPH[lang];
  const sentences = [
    fill(figures.ukrainiansRegistered === 1 ? c.registeredOne : c.registered, {
      brpDate: formatDate(dates.brpDate, lang, today, true),
      ukrainians: formatCount(figures.ukrainiansRegistered, lang),
    }),
  ];
  const date = formatDate(dates.date, lang, today);
  if (figures.realisedPlaces > 0 && figures.bezettingsgraad !== null) {
    sentences.push(
      fill(c.places, {
        date,
        realised: formatCount(figures.realisedPlaces, lang),
        occupied: formatCount(figures.occupied, lang),
      }),
      fill(c.occupancy, { rate: formatRate(figures.bezettingsgraad, lang) }),
    );
  } else {
    sentences.push(fill(c.noPlaces, { date }));
  }
  return sentences.join(" ");
}

/**
 * The paragraph the Verzamelbrief opens with: Ukrainians registered in the BRP with
 * temporary protection on `brpDate` (default: `date`), the municipal places realised and
 * occupied on `date` (default today) and the bezettingsgraad: the nation's figures of
 * GET /national/figures on those dates.
 */
export async function figuresParagraph(db: Queryable, q: ParagraphQuery, today = todayNl()) {
  const date = q.date ? parseIsoDate(q.date, "date") : today;
  const brpDate = q.brpDate ? parseIsoDate(q.brpDate, "brpDate") : date;
  const lang = q.lang ?? "nl";
  const [atDate, atBrpDate] = await Promise.all([
    factsOn(db, date, null, null),
    brpDate === date ? null : factsOn(db, brpDate, null, null),
  ]);
  const { places } = atDate;
  const { registered } = atBrpDate ?? atDate;
  let realised = 0;
  let occupied = 0;
  for (const p of places) {
    realised += p.realised;
    occupied += p.occupied;
  }
  const figures: ParagraphFigures = {
    ukrainiansRegistered: registered.reduce((s, r) => s + r.ukrainian, 0),
    realisedPlaces: realised,
    occupied,
    bezettingsgraad: bezettingsgraad(occupied, realised),
  };
  return {
    date,
    brpDate,
    lang,
    text: paragraphText(figures, { date, brpDate }, lang, today),
    figures,
  };
}

// --- Open data ---------------------------------------------------------------------------

export interface OpenDataRow {
  week: string;
  sunday: string;
  gemeenteCode: string;
  gemeenteName: string;
  registered: number | null;
  inGoo: number | null;
  inPoo: number | null;
  placesRealised: number | null;
  placesOccupied: number | null;
}

export const OPEN_DATA_COLUMNS = [
  "week",
  "sunday",
  "gemeente_code",
  "gemeente_name",
  "registered",
  "in_goo",
  "in_poo",
  "places_realised",
  "places_occupied",
] as const;

/** The counts of an open-data row, each protected on its own (suppression.ts). */
const OPEN_DATA_COUNTS = [
  "registered",
  "inGoo",
  "inPoo",
  "placesRealised",
  "placesOccupied",
] as const;
type OpenDataCount = (typeof OPEN_DATA_COUNTS)[number];

/**
 * Per municipality and ISO week, the figures on the week's Sunday (the same as
 * GET /national/figures on that date), counts from 1 to 4 left out (null) and as many
 * others as keep them from being given back by the totals of regions, provinces and the
 * nation (suppression.ts). Default: the 13 weeks up to the last Sunday on or before today;
 * at most 53 weeks.
 */
export async function openDataFigures(db: Queryable, q: { from?: string; to?: string }) {
  // Default: up to the last complete week (the last Sunday on or before today).
  const lastSunday = addDays(mondayOf(addDays(todayNl(), 1)), -1);
  const { fromMonday, toMonday } = weekRange(
    { from: q.from, to: q.to ?? lastSunday },
    13,
    MAX_OPEN_DATA_WEEKS,
  );
  const rows: OpenDataRow[] = [];
  for (let monday = fromMonday; monday <= toMonday; monday = addDays(monday, 7)) {
    const sunday = addDays(monday, 6);
    const [geo, facts] = await Promise.all([
      repo.gemeentenOn(db, sunday),
      gather(db, sunday, null, false),
    ]);
    const week = geo.flatMap((g) => {
      const f = facts.gemeenten.get(g.code);
      if (!g.current && (!f || isEmpty(f))) return [];
      const n = f ?? emptyFacts();
      // places_occupied is in_goo: the same counts, so the same cells are left out.
      const counts: Record<OpenDataCount, number> = {
        registered: n.ukrainian + n.other,
        inGoo: n.occupied,
        inPoo: n.poo,
        placesRealised: n.realised,
        placesOccupied: n.occupied,
      };
      return [
        {
          code: g.code,
          name: g.name,
          regionCode: g.region_code,
          provinceCode: g.province_code,
          counts,
        },
      ];
    });
    const left = suppressWeek(week, OPEN_DATA_COUNTS, SUPPRESS_UP_TO);
    for (const g of week) {
      const shown = (c: OpenDataCount) => (left.get(g.code)?.has(c) ? null : g.counts[c]);
      rows.push({
        week: isoWeek(sunday),
        sunday,
        gemeenteCode: g.code,
        gemeenteName: g.name,
        registered: shown("registered"),
        inGoo: shown("inGoo"),
        inPoo: shown("inPoo"),
        placesRealised: shown("placesRealised"),
        placesOccupied: shown("placesOccupied"),
      });
    }
  }
  return { from: fromMonday, to: addDays(toMonday, 6), suppressedUpTo: SUPPRESS_UP_TO, rows };
}

/** The open data as CSV rows in OPEN_DATA_COLUMNS order (a suppressed count is empty). */
export function openDataCsvRows(rows: readonly OpenDataRow[]) {
  return rows.map((r) => [
    r.week,
    r.sunday,
    r.gemeenteCode,
    r.gemeenteName,
    r.registered,
    r.inGoo,
    r.inPoo,
    r.placesRealised,
    r.placesOccupied,
  ]);
}
