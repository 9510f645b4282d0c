/**
 * The national figures' own reads (aggregates only: counts grouped by municipality,
 * location or week, never a person). Places and persons in reception come from the
 * occupancy module (placeFacts); what is read here is the BRP registration with
 * temporary protection, work participation, the flows of a period and the hierarchy
 * of municipalities, provinces and safety regions on a date.
 *
 * A municipality's figures are where the fact lives: a registration under the municipality
 * responsible for the person on the day (person_gemeente, dated), a placement under
 * placement.gemeente_code (for GOO the location's municipality, as the placements service
 * writes it), a return case under its municipality.
 */
import { type SQL, sql } from "drizzle-orm";
import { type Queryable, query, readWithoutJit, textArray } from "../../db/connection";

/** A dated row covering a day, as plain comparisons (cheaper per row than a daterange). */
const covers = (alias: string, on: SQL) => {
  const a = sql.raw(alias);
  return sql`(${a}.valid_from <= ${on} and (${a}.valid_to is null or ${a}.valid_to >= ${on}))`;
};

/** ` and <column> = any(codes)` for a list of municipalities, nothing for all of them. */
export const inGemeenten = (column: string, gemeenten: readonly string[] | null) =>
  gemeenten ? sql` and ${sql.raw(column)} = any(${textArray(gemeenten)})` : sql``;

export interface GemeenteRow {
  code: string;
  name: string;
  province_code: string | null;
  province_name: string | null;
  region_code: string | null;
  region_name: string | null;
  /** The municipality exists on the date (gemeente.valid_from/valid_to). */
  current: boolean;
}

/** Every municipality with its province and its safety region on the date. */
export async function gemeentenOn(db: Queryable, on: string): Promise<GemeenteRow[]> {
  const d = sql`${on}::date`;
  return query<GemeenteRow>(
    db,
    sql`select g.code, g.name, g.province_code, g.province_name,
          gv.veiligheidsregio_code as region_code, v.name as region_name,
          (coalesce(g.valid_from, '-infinity'::date) <= ${d}
            and coalesce(g.valid_to, 'infinity'::date) >= ${d}) as current
        from gemeente g
        left join gemeente_veiligheidsregio gv on gv.gemeente_code = g.code and ${covers("gv", d)}
        left join veiligheidsregio v on v.code = gv.veiligheidsregio_code
        order by g.code`,
  );
}

export async function findRegion(db: Queryable, code: string) {
  const [row] = await query<{ code: string; name: string }>(
    db,
    sql`select code, name from veiligheidsregio where code = ${code}`,
  );
  return row;
}

export async function findLocation(db: Queryable, id: number) {
  const [row] = await query<{ id: number; gemeente_code: string; name: string; kind: string }>(
    db,
    sql`select id, gemeente_code, name, kind from location where id = ${id}`,
  );
  return row;
}

export interface RegisteredRow {
  gemeente_code: string;
  ukrainian: number;
  other: number;
}

/**
 * Persons registered in the BRP on or before the date who have temporary protection on
 * that date, per municipality, Ukrainian nationality (BRP table 32: 0034) and others
 * apart. Temporary protection on a date is the SQL form of the rules' effectiveStatuses
 * (src/rules/transition.ts): not after the RTB's end (`rtb.to`, from law/), and either a
 * recorded temporary_protection status covers the date, or no status at all is recorded
 * from the date or before while the person's protection has started (protection_start,
 * or the RTB's start when unknown): the protection implied from registration until the
 * first recorded status.
 */
export async function registeredOn(
  db: Queryable,
  on: string,
  rtb: { from: string; to: string },
  gemeenten: readonly string[] | null,
): Promise<RegisteredRow[]> {
  if (on > rtb.to || gemeenten?.length === 0) return [];
  const d = sql`${on}::date`;
  return query<RegisteredRow>(
    db,
    sql`with statuses as (
          select person_id,
            bool_or(kind = 'temporary_protection' and ${covers("residence_status", d)}) as protected,
            bool_or(valid_from <= ${d}) as recorded
          from residence_status
          group by person_id
        )
        select pg.gemeente_code,
          count(*) filter (where p.nationality_code = '0034')::int as ukrainian,
          count(*) filter (where p.nationality_code <> '0034')::int as other
        from person p
        join person_gemeente pg on pg.person_id = p.id
          and (pg.valid_from is null or pg.valid_from <= ${d})
          and (pg.valid_to is null or pg.valid_to >= ${d})
        left join statuses s on s.person_id = p.id
        where p.brp_registration_date <= ${d}${inGemeenten("pg.gemeente_code", gemeenten)}
          and (s.protected
            or (coalesce(p.protection_start, ${rtb.from}::date) <= ${d} and s.recorded is not true))
        group by pg.gemeente_code`,
  );
}

export interface WorkRow {
  gemeente_code: string;
  location_id: number | null;
  kind: "goo" | "poo";
  adults: number;
  with_work: number;
}

/**
 * Adults in reception on `day` (a placement covering it) and how many of them have a work
 * income (income kind `work`, more than zero, any source) in `month`, per municipality,
 * location and kind of reception. Adult as the law reads it (isAdultOnDate): `age` or
 * older on the day, a partly unknown birth date read by the lawbook's convention
 * (`latest-possible`: an unknown day is the month's last, an unknown month 31 December;
 * `mid-year`: the 1st, 1 July); a wholly unknown date (0000-00-00) is not counted.
 */
export async function workOn(
  db: Queryable,
  month: string,
  day: string,
  adult: { age: number; convention: string },
  gemeenten: readonly string[] | null,
): Promise<WorkRow[]> {
  if (gemeenten?.length === 0) return [];
  const d = sql`${day}::date`;
  const worked = (person: SQL) => sql`exists (select 1 from income i
    where i.person_id = ${person} and i.month = ${month}::date and i.kind = 'work' and i.net_cents > 0)`;
  const isAdult = adultOn(sql`pe.birth_date`, day, adult);
  // All municipalities: one pass over persons and the month's incomes (hash joins). Some:
  // each placed person's birth date and incomes by their keys, never all persons.
  // (`offset 0` keeps each lateral subquery a lookup by key instead of a join over all.)
  const rows = gemeenten
    ? sql`select p.gemeente_code, p.location_id, p.kind, count(*)::int as adults,
            count(*) filter (where w.worked)::int as with_work
          from placement p
          cross join lateral (select 1 from person pe where pe.id = p.person_id and ${isAdult}
            offset 0) a
          cross join lateral (select ${worked(sql`p.person_id`)} as worked offset 0) w
          where ${covers("p", d)}${inGemeenten("p.gemeente_code", gemeenten)}
          group by p.gemeente_code, p.location_id, p.kind`
    : sql`with workers as (
            select distinct person_id from income
            where month = ${month}::date and kind = 'work' and net_cents > 0
          )
          select p.gemeente_code, p.location_id, p.kind, count(*)::int as adults,
            count(w.person_id)::int as with_work
          from placement p
          join person pe on pe.id = p.person_id
          left join workers w on w.person_id = p.person_id
          where ${covers("p", d)} and ${isAdult}
          group by p.gemeente_code, p.location_id, p.kind`;
  return readWithoutJit<WorkRow>(db, rows);
}

/**
 * Whether a BRP birth date (text, YYYY-MM-DD with 00 for unknown parts) makes a person an
 * adult on `day`, as the rules' isAdultOnDate reads it: birth (an unknown part read by the
 * convention) + `age` years on or before the day, compared as yyyymmdd numbers. A complete
 * date compares as text with the day `age` years back (the same order); only a partly
 * unknown one takes the slower path; 0000-00-00 (wholly unknown) and impossible parts are
 * not adult.
 */
export function adultOn(birth: SQL, day: string | SQL, adult: { age: number; convention: string }) {
  // A day given as text is folded into constants; a column (a month's last day in the kept
  // work facts) gets the same arithmetic in SQL.
  let ymd: SQL;
  let cutoff: SQL;
  if (typeof day === "string") {
    const n = Number(day.replaceAll("-", ""));
    const back = String(n - adult.age * 10000).padStart(8, "0");
    ymd = sql`${n}`;
    cutoff = sql`${`${back.slice(0, 4)}-${back.slice(4, 6)}-${back.slice(6, 8)}`}`;
  } else {
    ymd = sql`to_char(${day}, 'YYYYMMDD')::int`;
    const back = sql`lpad((${ymd} - ${adult.age * 10000})::text, 8, '0')`;
    cutoff = sql`(substr(${back}, 1, 4) || '-' || substr(${back}, 5, 2) || '-' || substr(${back}, 7, 2))`;
  }
  const latest = adult.convention === "latest-possible";
  const year = sql`substr(${birth}, 1, 4)::int`;
  const month = sql`substr(${birth}, 6, 2)::int`;
  const lastDay = sql`extract(day from make_date(${year}, ${month}, 1) + interval '1 month' - interval '1 day')::int`;
  return sql`(case
      when right(${birth}, 3) <> '-00' then ${birth} <= ${cutoff}
      when substr(${birth}, 1, 4) = '0000' or substr(${birth}, 6, 2) > '12' then false
      when substr(${birth}, 6, 2) = '00' then ${year} * 10000 + ${latest ? 1231 : 701} + ${adult.age * 10000} <= ${ymd}
      else ${year} * 10000 + ${month} * 100 + ${latest ? lastDay : sql`1`} + ${adult.age * 10000} <= ${ymd}
    end)`;
}

/**
 * The first day (as a yyyymmdd number) on which a BRP birth date makes a person an adult,
 * by the same reading as adultOn: adult on a day exactly when this is on or before it;
 * null for a wholly unknown or impossible date. For reads over many days at once (the kept
 * work facts), where a number per person is cheaper than adultOn's test per day.
 */
export function adultFromYmd(birth: SQL, adult: { age: number; convention: string }) {
  const latest = adult.convention === "latest-possible";
  const year = sql`substr(${birth}, 1, 4)::int`;
  const month = sql`substr(${birth}, 6, 2)::int`;
  const lastDay = sql`extract(day from make_date(${year}, ${month}, 1) + interval '1 month' - interval '1 day')::int`;
  return sql`(case
      when right(${birth}, 3) <> '-00' then replace(${birth}, '-', '')::int + ${adult.age * 10000}
      when substr(${birth}, 1, 4) = '0000' or substr(${birth}, 6, 2) > '12' then null
      when substr(${birth}, 6, 2) = '00' then ${year} * 10000 + ${latest ? 1231 : 701} + ${adult.age * 10000}
      else ${year} * 10000 + ${month} * 100 + ${latest ? lastDay : sql`1`} + ${adult.age * 10000}
    end)`;
}

/** Which placements, persons and return cases a flow counts: everywhere, a set of
 * municipalities, or one location (placements only). */
export type FlowUnit =
  | { kind: "all" }
  | { kind: "gemeenten"; codes: readonly string[] }
  | { kind: "location"; id: number };

export interface FlowRow {
  week: string;
  arrivals: number;
  departures: number;
  moves: number;
  moved_in: number;
  moved_out: number;
  registrations: number;
  deregistrations: number;
  returns: number;
}

/**
 * Per ISO week (Monday to Sunday) from the week of `from` to the week of `to` (both
 * Mondays): the placements that start and end, and the registrations, deregistrations and
 * returns. A placement starting on a day is a move when a placement of the same person
 * ended the day before, else an arrival; a placement ending is a departure when no
 * placement of the same person starts the day after. Whatever ends on a day counts in the
 * week of the next day, the first day the person is no longer there: so a week's
 * arrivals − departures (+ moves in − moves out of a unit) is exactly the change in
 * persons in reception from the Sunday before the week to its Sunday.
 */
export async function flowsBetween(
  db: Queryable,
  fromMonday: string,
  toMonday: string,
  unit: FlowUnit,
): Promise<FlowRow[]> {
  const from = sql`${fromMonday}::date`;
  const last = sql`(${toMonday}::date + 6)`;
  const placed = (alias: string) => {
    const a = sql.raw(alias);
    if (unit.kind === "all") return sql`true`;
    if (unit.kind === "location") return sql`coalesce(${a}.location_id = ${unit.id}, false)`;
    return sql`coalesce(${a}.gemeente_code = any(${textArray(unit.codes)}), false)`;
  };
  // Person-level facts have no location: at a location they are not counted (0 here; the
  // service answers null).
  const of = (column: string) =>
    unit.kind === "all"
      ? sql`true`
      : unit.kind === "location"
        ? sql`false`
        : sql`${sql.raw(column)} = any(${textArray(unit.codes)})`;
  // A person's fact counts where the person was on its day (person_gemeente, dated); for
  // the nation too, so that the nation is the sum of its municipalities (as registeredOn).
  const personOf = (personId: string, day: SQL) =>
    unit.kind === "location"
      ? sql`false`
      : sql`exists (select 1 from person_gemeente pg
          where pg.person_id = ${sql.raw(personId)}${unit.kind === "all" ? sql`` : sql` and pg.gemeente_code = any(${textArray(unit.codes)})`}
            and (pg.valid_from is null or pg.valid_from <= ${day})
            and (pg.valid_to is null or pg.valid_to >= ${day}))`;
  const week = (day: SQL) => sql`date_trunc('week', (${day})::timestamp)::date`;
  return readWithoutJit<FlowRow>(
    db,
    sql`with win as materialized (
          -- One read of the placements: those starting in the period and those ending the
          -- day before a day in it. A move's previous placement ends the day before the
          -- next one starts, so both halves of every move in the period are here.
          select id, person_id, gemeente_code, location_id, valid_from, valid_to
          from placement
          where valid_from between ${from} and ${last} or valid_to between ${from} - 1 and ${last} - 1
        ),
        starts as (
          select ${week(sql`p.valid_from`)} as week,
            count(*) filter (where prev.id is null and ${placed("p")})::int as arrivals,
            count(*) filter (where prev.id is not null and ${placed("p")} and ${placed("prev")})::int as moves,
            count(*) filter (where prev.id is not null and ${placed("p")} and not ${placed("prev")})::int as moved_in,
            count(*) filter (where prev.id is not null and not ${placed("p")} and ${placed("prev")})::int as moved_out
          from win p
          left join win prev on prev.person_id = p.person_id and prev.valid_to = p.valid_from - 1
          where p.valid_from between ${from} and ${last}
          group by 1
        ),
        ends as (
          select ${week(sql`p.valid_to + 1`)} as week, count(*)::int as departures
          from win p
          where p.valid_to between ${from} - 1 and ${last} - 1 and ${placed("p")}
            and not exists (select 1 from win nx
              where nx.person_id = p.person_id and nx.valid_from = p.valid_to + 1)
          group by 1
        ),
        registrations as (
          select ${week(sql`brp_registration_date`)} as week, count(*)::int as n
          from person
          where brp_registration_date between ${from} and ${last}
            and ${personOf("person.id", sql`brp_registration_date`)}
          group by 1
        ),
        deregistrations as (
          select ${week(sql`m.valid_to + 1`)} as week, count(*)::int as n
          from household_membership m
          join person pe on pe.id = m.person_id
          where m.reason in ('departure', 'return')
            and m.valid_to between ${from} - 1 and ${last} - 1 and ${personOf("pe.id", sql`m.valid_to`)}
          group by 1
        ),
        returns as (
          select ${week(sql`departed_on + 1`)} as week, count(*)::int as n
          from return_case
          where status = 'departed' and departed_on between ${from} - 1 and ${last} - 1
            and ${of("gemeente_code")}
          group by 1
        )
        select w.week::text as week,
          coalesce(s.arrivals, 0)::int as arrivals, coalesce(e.departures, 0)::int as departures,
          coalesce(s.moves, 0)::int as moves, coalesce(s.moved_in, 0)::int as moved_in,
          coalesce(s.moved_out, 0)::int as moved_out, coalesce(r.n, 0)::int as registrations,
          coalesce(dr.n, 0)::int as deregistrations, coalesce(rt.n, 0)::int as returns
        from (select generate_series(${from}::timestamp, ${toMonday}::date::timestamp,
                interval '7 days')::date as week) w
        left join starts s on s.week = w.week
        left join ends e on e.week = w.week
        left join registrations r on r.week = w.week
        left join deregistrations dr on dr.week = w.week
        left join returns rt on rt.week = w.week
        order by w.week`,
  );
}
