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
import { sql } from "drizzle-orm";
import { type Queryable, query } from "../../db/connection";
import type { PlaceFacts } from "../occupancy";
import { adultFromYmd, type RegisteredRow, textArray, type WorkRow } from "./national.repository";

/** ` and <column> = any(codes)` for a list of municipalities, nothing for all of them. */
const within = (column: string, gemeenten: readonly string[] | null) =>
  gemeenten ? sql` and ${sql.raw(column)} = any(${textArray(gemeenten)})` : sql``;

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
      where s.status = 'realised'${within("l.gemeente_code", gemeenten)}
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
      where p.kind = 'poo'${within("p.gemeente_code", gemeenten)}
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
      where pr.nationality_code is not null${within("pg.gemeente_code", gemeenten)}
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
          where true${within("p.gemeente_code", gemeenten)}
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
        where true${within("gemeente_code", gemeenten)} group by gemeente_code`,
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
    sql`delete from national_fact_dirty where seq <= ${upTo}${within("gemeente_code", gemeenten)}`,
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
          ${within("r.gemeente_code", gemeenten)}${excluding("r.gemeente_code", changedCodes)}
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
        where month = ${month}::date${within("gemeente_code", gemeenten)}${excluding("gemeente_code", changedCodes)}`,
  );
}
