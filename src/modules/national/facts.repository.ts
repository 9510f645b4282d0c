/**
 * The national facts kept per municipality (docs/decisions.md, "National facts kept per
 * municipality"): the counts the dashboard sums, derived from the ledger once and kept as
 * runs of days (national_fact_run) and per month (national_work_month), so that a date's
 * figures are a lookup instead of a scan of every person, placement and income.
 *
 * The runs are the same facts as the ledger's reads in national.repository.ts and the
 * occupancy module's placeFactsOn, written as intervals: a count changes only on the days
 * an interval starts or ends, so the count on a day is the sum of the changes on or
 * before it. Triggers mark a municipality as changed in the changing transaction
 * (migration 0028); its kept facts are not read until they are rebuilt here.
 */
import { type SQL, sql } from "drizzle-orm";
import { dateArray, type Queryable, query, textArray } from "../../db/connection";
import type { PlaceFacts } from "../occupancy";
import {
  adultFromYmd,
  type FlowRow,
  inGemeenten,
  type RegisteredRow,
  type WorkRow,
} from "./national.repository";

/**
 * The intervals behind every kept count, as (gemeente_code, location_id, measure, f, t,
 * value): the count `value` holds from day f to day t (null: on). The same facts as the
 * ledger's reads on a day:
 * - realised: a location's capacity while its status is realised (placeFactsOn);
 * - occupied: a GOO placement, at its location (under the location's municipality);
 * - poo: a POO placement, under the placement's municipality;
 * - ukrainian / other: a person registered in the BRP with temporary protection
 *   (registeredOn): from registration, while a recorded temporary protection covers the
 *   day or, before the first recorded status, from the protection's start (or the RTB's),
 *   never after the RTB; counted where the person was on the day (person_gemeente).
 */
function intervals(rtb: { from: string; to: string }, gemeenten: readonly string[] | null) {
  const rtbFrom = sql`${rtb.from}::date`;
  const rtbTo = sql`${rtb.to}::date`;
  return sql`
    realised_iv as (
      select l.gemeente_code, l.id as location_id, 'realised' as measure,
        greatest(s.valid_from, c.valid_from) as f,
        nullif(least(coalesce(s.valid_to, 'infinity'), coalesce(c.valid_to, 'infinity')), 'infinity') as t,
        c.places as value
      from location_status s
      join location l on l.id = s.location_id
      join location_capacity c on c.location_id = s.location_id
        and c.valid_from <= coalesce(s.valid_to, 'infinity')
        and coalesce(c.valid_to, 'infinity') >= s.valid_from
      where s.status = 'realised'${inGemeenten("l.gemeente_code", gemeenten)}
    ),
    placed_iv as (
      select l.gemeente_code, l.id as location_id, 'occupied' as measure, p.valid_from as f,
        p.valid_to as t, 1 as value
      from placement p join location l on l.id = p.location_id
      where p.kind = 'goo'${
        gemeenten
          ? sql` and p.location_id in (select id from location
              where gemeente_code = any(${textArray(gemeenten)}))`
          : sql``
      }
      union all
      select p.gemeente_code, null, 'poo', p.valid_from, p.valid_to, 1
      from placement p
      where p.kind = 'poo'${inGemeenten("p.gemeente_code", gemeenten)}
    ),
    registrants as (
      select p.id, p.nationality_code, p.brp_registration_date as registered,
        coalesce(p.protection_start, ${rtbFrom}) as implied_from,
        (select min(valid_from) from residence_status s where s.person_id = p.id) as first_status
      from person p
      where p.brp_registration_date is not null and p.brp_registration_date <= ${rtbTo}
        ${
          gemeenten
            ? sql`and p.id in (select person_id from person_gemeente
                where gemeente_code = any(${textArray(gemeenten)}))`
            : sql``
        }
    ),
    protected as (
      -- The days each person is counted, as one multirange: protection (implied, then
      -- recorded) within registration up to the RTB's end.
      select r.id, r.nationality_code,
        range_agg(x.days) * datemultirange(daterange(r.registered, ${rtbTo}, '[]')) as days
      from registrants r
      cross join lateral (
        select daterange(r.implied_from, r.first_status, '[)') as days
        where r.first_status is null or r.implied_from < r.first_status
        union all
        select daterange(s.valid_from, s.valid_to, '[]')
        from residence_status s
        where s.person_id = r.id and s.kind = 'temporary_protection'
      ) x
      group by r.id, r.nationality_code, r.registered
    ),
    registered_iv as (
      select pg.gemeente_code, null::integer as location_id,
        case when pr.nationality_code = '0034' then 'ukrainian' else 'other' end as measure,
        lower(d) as f, upper(d) - 1 as t, 1 as value
      from protected pr
      join person_gemeente pg on pg.person_id = pr.id
      cross join lateral unnest(pr.days * datemultirange(
        daterange(pg.valid_from, pg.valid_to, '[]'))) as d
      where pr.nationality_code is not null${inGemeenten("pg.gemeente_code", gemeenten)}
    ),
    iv as (
      select * from realised_iv
      union all select * from placed_iv
      union all select * from registered_iv
    )`;
}

/**
 * Rebuilds the runs of the municipalities listed (all: null) from the ledger, in the
 * caller's transaction: the changes of every interval summed per day, and the count from
 * one change to the next.
 */
export async function rebuildRuns(
  tx: Queryable,
  rtb: { from: string; to: string },
  gemeenten: readonly string[] | null,
): Promise<void> {
  await tx.execute(
    gemeenten
      ? sql`delete from national_fact_run where gemeente_code = any(${textArray(gemeenten)})`
      : sql`delete from national_fact_run`,
  );
  await tx.execute(
    sql`insert into national_fact_run (gemeente_code, location_id, measure, valid_from, valid_to, value)
        with ${intervals(rtb, gemeenten)},
        changes as (
          select gemeente_code, location_id, measure, day, sum(delta)::int as delta
          from (
            select gemeente_code, location_id, measure, f as day, value as delta from iv
            union all
            select gemeente_code, location_id, measure, t + 1, -value from iv where t is not null
          ) e
          group by gemeente_code, location_id, measure, day
        ),
        runs as (
          select gemeente_code, location_id, measure, day as valid_from,
            lead(day) over w - 1 as valid_to, sum(delta) over w as value
          from changes
          window w as (partition by gemeente_code, location_id, measure order by day)
        )
        select gemeente_code, location_id, measure, valid_from, valid_to, value
        from runs where value <> 0`,
  );
}

/**
 * Rebuilds the work facts of the months from `from` to `to` (first days) for the
 * municipalities listed (all: null), with the adult rule of each group of months: adults in
 * reception on the month's last day and those of them with work income in the month, as
 * workOn reads them.
 */
export async function rebuildWorkMonths(
  tx: Queryable,
  groups: readonly { from: string; to: string; adult: { age: number; convention: string } }[],
  gemeenten: readonly string[] | null,
): Promise<void> {
  await tx.execute(
    gemeenten
      ? sql`delete from national_work_month where gemeente_code = any(${textArray(gemeenten)})`
      : sql`delete from national_work_month`,
  );
  // A rebuild of some municipalities reads only the persons ever placed there.
  const placedIn = (column: string) =>
    gemeenten
      ? sql` and ${sql.raw(column)} in (select person_id from placement
          where gemeente_code = any(${textArray(gemeenten)}))`
      : sql``;
  for (const g of groups) {
    // Each placement over the months whose last day it covers (57 months × placements,
    // compared as dates), each person's adult day once (materialized: not once per
    // placement-month), the month's workers by hash.
    await tx.execute(
      sql`insert into national_work_month (month, gemeente_code, location_id, kind, adults, with_work)
          with months as materialized (
            select month::date as month, (month + interval '1 month' - interval '1 day')::date as day,
              to_char(month + interval '1 month' - interval '1 day', 'YYYYMMDD')::int as ymd
            from generate_series(${g.from}::date, ${g.to}::date, interval '1 month') month
          ),
          workers as (
            select distinct person_id, month from income
            where month between ${g.from}::date and ${g.to}::date and kind = 'work' and net_cents > 0
              ${placedIn("person_id")}
          ),
          adults as materialized (
            select id, ${adultFromYmd(sql`birth_date`, g.adult)} as adult_from from person
            where true${placedIn("id")}
          )
          select m.month, p.gemeente_code, p.location_id, p.kind, count(*)::int,
            count(w.person_id)::int
          from placement p
          join months m on m.day >= p.valid_from and (p.valid_to is null or m.day <= p.valid_to)
          join adults a on a.id = p.person_id and a.adult_from <= m.ymd
          left join workers w on w.person_id = p.person_id and w.month = m.month
          where true${inGemeenten("p.gemeente_code", gemeenten)}
          group by m.month, p.gemeente_code, p.location_id, p.kind`,
    );
  }
}

export interface FactMeta {
  law_key: string;
  work_months_from: string;
  work_months_to: string;
}

export async function readMeta(db: Queryable): Promise<FactMeta | undefined> {
  const [row] = await query<FactMeta>(
    db,
    sql`select law_key, work_months_from::text, work_months_to::text
        from national_fact_meta where id = 1`,
  );
  return row;
}

export async function writeMeta(tx: Queryable, meta: FactMeta): Promise<void> {
  await tx.execute(
    sql`insert into national_fact_meta (id, law_key, work_months_from, work_months_to, built_at)
        values (1, ${meta.law_key}, ${meta.work_months_from}::date, ${meta.work_months_to}::date, now())
        on conflict (id) do update set law_key = excluded.law_key,
          work_months_from = excluded.work_months_from,
          work_months_to = excluded.work_months_to, built_at = excluded.built_at`,
  );
}

/** The first month with a placement (its first day), if any. */
export async function firstPlacementMonth(db: Queryable): Promise<string | null> {
  const [row] = await query<{ month: string | null }>(
    db,
    sql`select date_trunc('month', min(valid_from))::date::text as month from placement`,
  );
  return row?.month ?? null;
}

/** The municipalities marked as changed (of those listed) and the last mark seen. */
export async function changed(
  db: Queryable,
  gemeenten: readonly string[] | null = null,
): Promise<{ codes: string[]; upTo: number }> {
  const rows = await query<{ gemeente_code: string; up_to: string }>(
    db,
    sql`select gemeente_code, max(seq)::text as up_to from national_fact_dirty
        where true${inGemeenten("gemeente_code", gemeenten)} group by gemeente_code`,
  );
  return {
    codes: rows.map((r) => r.gemeente_code).sort(),
    upTo: Math.max(0, ...rows.map((r) => Number(r.up_to))),
  };
}

/** Clears the marks of the municipalities rebuilt, up to the last one the rebuild saw. */
export async function clearChanged(
  tx: Queryable,
  upTo: number,
  gemeenten: readonly string[] | null,
): Promise<void> {
  await tx.execute(
    sql`delete from national_fact_dirty where seq <= ${upTo}${inGemeenten("gemeente_code", gemeenten)}`,
  );
}

const excluding = (column: string, codes: readonly string[]) =>
  codes.length ? sql` and ${sql.raw(column)} <> all(${textArray(codes)})` : sql``;

/**
 * The kept facts on a day of the municipalities listed (all: null) except those changed:
 * places per location and private reception per municipality (as placeFactsOn answers
 * them) and registrations per municipality (as registeredOn does).
 */
export async function keptOn(
  db: Queryable,
  on: string,
  gemeenten: readonly string[] | null,
  changedCodes: readonly string[],
): Promise<{ places: PlaceFacts[]; registered: RegisteredRow[] }> {
  const rows = await query<{
    gemeente_code: string;
    location_id: number | null;
    kind: string | null;
    realised: number;
    occupied: number;
    poo: number;
    ukrainian: number;
    other: number;
  }>(
    db,
    sql`select r.gemeente_code, r.location_id, l.kind,
          coalesce(sum(r.value) filter (where r.measure = 'realised'), 0)::int as realised,
          coalesce(sum(r.value) filter (where r.measure = 'occupied'), 0)::int as occupied,
          coalesce(sum(r.value) filter (where r.measure = 'poo'), 0)::int as poo,
          coalesce(sum(r.value) filter (where r.measure = 'ukrainian'), 0)::int as ukrainian,
          coalesce(sum(r.value) filter (where r.measure = 'other'), 0)::int as other
        from national_fact_run r
        left join location l on l.id = r.location_id
        where daterange(r.valid_from, r.valid_to, '[]') @> ${on}::date
          ${inGemeenten("r.gemeente_code", gemeenten)}${excluding("r.gemeente_code", changedCodes)}
        group by r.gemeente_code, r.location_id, l.kind`,
  );
  const places: PlaceFacts[] = [];
  const registered: RegisteredRow[] = [];
  for (const r of rows) {
    if (r.location_id !== null) {
      places.push({
        gemeente_code: r.gemeente_code,
        location_id: r.location_id,
        kind: r.kind,
        realised: r.realised,
        occupied: r.occupied,
        free: Math.max(r.realised - r.occupied, 0),
        poo: 0,
      });
      continue;
    }
    if (r.poo) {
      places.push({
        gemeente_code: r.gemeente_code,
        location_id: null,
        kind: null,
        realised: 0,
        occupied: 0,
        free: 0,
        poo: r.poo,
      });
    }
    if (r.ukrainian || r.other) {
      registered.push({ gemeente_code: r.gemeente_code, ukrainian: r.ukrainian, other: r.other });
    }
  }
  return { places, registered };
}

/** The kept work facts of a month (its first day), except the changed municipalities. */
export async function keptWork(
  db: Queryable,
  month: string,
  gemeenten: readonly string[] | null,
  changedCodes: readonly string[],
): Promise<WorkRow[]> {
  return query<WorkRow>(
    db,
    sql`select gemeente_code, location_id, kind, adults, with_work
        from national_work_month
        where month = ${month}::date${inGemeenten("gemeente_code", gemeenten)}${excluding("gemeente_code", changedCodes)}`,
  );
}

/**
 * Rebuilds the weekly flows of the municipalities listed (all: null): every row that names
 * one of them, as the municipality or as where a move came from, from the placements of the
 * persons ever placed or registered there, by the rules of flowsBetween (a start is a move
 * when the same person's placement ended the day before, else an arrival; an end is a
 * departure when none starts the day after; whatever ends on a day counts in the week of
 * the next day).
 */
export async function rebuildFlows(tx: Queryable, gemeenten: readonly string[] | null) {
  const codes = gemeenten ? textArray(gemeenten) : null;
  await tx.execute(
    codes
      ? sql`delete from national_flow_week
            where gemeente_code = any(${codes}) or from_gemeente_code = any(${codes})`
      : sql`delete from national_flow_week`,
  );
  const touched = (column: string) =>
    codes
      ? sql` and ${sql.raw(column)} in (select person_id from placement where gemeente_code = any(${codes})
          union select person_id from person_gemeente where gemeente_code = any(${codes}))`
      : sql``;
  const week = (day: SQL) => sql`date_trunc('week', (${day})::timestamp)::date`;
  const coveringPeriod = (person: string, day: string) =>
    sql`pg.person_id = ${sql.raw(person)} and (pg.valid_from is null or pg.valid_from <= ${sql.raw(day)})
      and (pg.valid_to is null or pg.valid_to >= ${sql.raw(day)})`;
  await tx.execute(
    sql`insert into national_flow_week (week, gemeente_code, from_gemeente_code, measure, n)
        with pl as materialized (
          select id, person_id, gemeente_code, valid_from, valid_to from placement
          where true${touched("person_id")}
        ),
        starts as (
          select ${week(sql`p.valid_from`)} as week, p.gemeente_code, prev.gemeente_code as from_g,
            prev.id is not null as moved
          from pl p left join pl prev on prev.person_id = p.person_id and prev.valid_to = p.valid_from - 1
        ),
        ends as (
          select ${week(sql`p.valid_to + 1`)} as week, p.gemeente_code
          from pl p
          where p.valid_to is not null
            and not exists (select 1 from pl nx where nx.person_id = p.person_id and nx.valid_from = p.valid_to + 1)
        ),
        flows as (
          select week, gemeente_code, null::text as from_g, 'arrivals' as measure, count(*)::int as n
          from starts where not moved group by 1, 2
          union all
          select week, gemeente_code, from_g, 'moves', count(*)::int from starts where moved group by 1, 2, 3
          union all
          select week, gemeente_code, null, 'departures', count(*)::int from ends group by 1, 2
          union all
          select ${week(sql`p.brp_registration_date`)}, pg.gemeente_code, null, 'registrations', count(*)::int
          from person p join person_gemeente pg on ${coveringPeriod("p.id", "p.brp_registration_date")}
          where p.brp_registration_date is not null${touched("p.id")}
          group by 1, 2
          union all
          select ${week(sql`m.valid_to + 1`)}, pg.gemeente_code, null, 'deregistrations', count(*)::int
          from household_membership m join person_gemeente pg on ${coveringPeriod("m.person_id", "m.valid_to")}
          where m.reason in ('departure', 'return') and m.valid_to is not null${touched("m.person_id")}
          group by 1, 2
          union all
          select ${week(sql`departed_on + 1`)}, gemeente_code, null, 'returns', count(*)::int
          from return_case
          where status = 'departed' and departed_on is not null${codes ? sql` and gemeente_code = any(${codes})` : sql``}
          group by 1, 2
        )
        select week, gemeente_code, from_g, measure, n from flows
        ${codes ? sql`where gemeente_code = any(${codes}) or from_g = any(${codes})` : sql``}`,
  );
}

/** The kept flows per week from the week of `fromMonday` to that of `toMonday`, as flowsBetween answers them (a unit of all or of some municipalities). */
export async function keptFlows(
  db: Queryable,
  fromMonday: string,
  toMonday: string,
  gemeenten: readonly string[] | null,
): Promise<FlowRow[]> {
  const inUnit = (column: string) =>
    gemeenten ? sql`coalesce(${sql.raw(column)} = any(${textArray(gemeenten)}), false)` : sql`true`;
  const sum = (measure: string, where: SQL = sql`${inUnit("f.gemeente_code")}`) =>
    sql`coalesce(sum(f.n) filter (where f.measure = ${measure} and ${where}), 0)::int`;
  return query<FlowRow>(
    db,
    sql`select w.week::text as week,
          ${sum("arrivals")} as arrivals,
          ${sum("departures")} as departures,
          ${sum("moves", sql`${inUnit("f.gemeente_code")} and ${inUnit("f.from_gemeente_code")}`)} as moves,
          ${gemeenten ? sum("moves", sql`${inUnit("f.gemeente_code")} and not ${inUnit("f.from_gemeente_code")}`) : sql`0`} as moved_in,
          ${gemeenten ? sum("moves", sql`not ${inUnit("f.gemeente_code")} and ${inUnit("f.from_gemeente_code")}`) : sql`0`} as moved_out,
          ${sum("registrations")} as registrations,
          ${sum("deregistrations")} as deregistrations,
          ${sum("returns")} as returns
        from (select generate_series(${fromMonday}::date::timestamp, ${toMonday}::date::timestamp,
                interval '7 days')::date as week) w
        left join national_flow_week f on f.week = w.week
        group by w.week
        order by w.week`,
  );
}

export interface SeriesRow {
  on: string;
  realised: number;
  occupied: number;
  free: number;
  poo: number;
  registered: number;
}

/**
 * The kept totals of the municipalities listed (all: null; or one location) on each of the
 * days, except the changed municipalities: one read of the runs for all days, free places
 * summed per location as the figures do.
 */
export async function keptSeries(
  db: Queryable,
  days: readonly string[],
  scope: { gemeenten: readonly string[] | null; locationId: number | null },
  changedCodes: readonly string[],
): Promise<SeriesRow[]> {
  const dayList = dateArray(days);
  return query<SeriesRow>(
    db,
    sql`with per as (
          select s.day, r.location_id,
            coalesce(sum(r.value) filter (where r.measure = 'realised'), 0) as realised,
            coalesce(sum(r.value) filter (where r.measure = 'occupied'), 0) as occupied,
            coalesce(sum(r.value) filter (where r.measure = 'poo'), 0) as poo,
            coalesce(sum(r.value) filter (where r.measure in ('ukrainian', 'other')), 0) as registered
          from unnest(${dayList}) as s(day)
          join national_fact_run r on daterange(r.valid_from, r.valid_to, '[]') @> s.day
          where true${inGemeenten("r.gemeente_code", scope.gemeenten)}${excluding("r.gemeente_code", changedCodes)}
            ${scope.locationId === null ? sql`` : sql`and r.location_id = ${scope.locationId}`}
          group by s.day, r.gemeente_code, r.location_id
        )
        select s.day::text as "on", coalesce(sum(p.realised), 0)::int as realised,
          coalesce(sum(p.occupied), 0)::int as occupied,
          coalesce(sum(greatest(p.realised - p.occupied, 0)), 0)::int as free,
          coalesce(sum(p.poo), 0)::int as poo, coalesce(sum(p.registered), 0)::int as registered
        from unnest(${dayList}) as s(day)
        left join per p on p.day = s.day
        group by s.day
        order by s.day`,
  );
}
