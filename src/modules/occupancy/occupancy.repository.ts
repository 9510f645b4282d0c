/**
 * Occupancy computed from the dated facts: realised places are the capacity of locations
 * whose status is `realised` on the date, occupied places are the persons with a GOO
 * placement there on the date. Every condition on a date is written as
 * `daterange(valid_from, valid_to, '[]') @> date`, the expression of the exclusion
 * constraints' GiST indexes (migration 0001), so the planner can use them when the date
 * is selective and scan sequentially when most rows match anyway.
 */
import { type SQL, sql } from "drizzle-orm";
import { type Queryable, query } from "../../db/connection";

const covers = (alias: string, on: SQL) => {
  const a = sql.raw(alias);
  return sql`daterange(${a}.valid_from, ${a}.valid_to, '[]') @> ${on}`;
};

export interface LocationFigures {
  location_id: number;
  on: string;
  status: "planned" | "realised" | "closed" | null;
  capacity: number | null;
  realised: number;
  occupied: number;
}

/** One location's figures on each of the given dates, in one query. */
export async function locationSeries(
  db: Queryable,
  locationId: number,
  dates: string[],
): Promise<LocationFigures[]> {
  if (!dates.length) return [];
  const list = sql`array[${sql.join(
    dates.map((d) => sql`${d}`),
    sql`, `,
  )}]::date[]`;
  const on = sql`d.d`;
  return query<LocationFigures>(
    db,
    sql`select ${locationId}::int as location_id, d.d::text as "on", s.status, c.places as capacity,
          case when s.status = 'realised' then coalesce(c.places, 0) else 0 end as realised,
          (select count(*)::int from placement p
            where p.location_id = ${locationId} and p.kind = 'goo' and ${covers("p", on)}) as occupied
        from unnest(${list}) as d(d)
        left join location_status s on s.location_id = ${locationId} and ${covers("s", on)}
        left join location_capacity c on c.location_id = ${locationId} and ${covers("c", on)}
        order by d.d`,
  );
}

/**
 * The first day in [from, to] (to null = open) on which more persons are placed in the
 * location than its capacity. Occupancy and capacity only change on the days a placement
 * or a capacity row starts, so those days (and `from`) are the only ones to check.
 */
export async function firstDayOverCapacity(
  db: Queryable,
  locationId: number,
  from: string,
  to: string | null,
) {
  const [row] = await query<{ on: string; capacity: number; occupied: number }>(
    db,
    sql`with days as (
          select ${from}::date as d
          union
          select valid_from from placement
            where location_id = ${locationId} and kind = 'goo'
              and daterange(${from}::date, ${to}::date, '[]') @> valid_from
          union
          select valid_from from location_capacity
            where location_id = ${locationId}
              and daterange(${from}::date, ${to}::date, '[]') @> valid_from
        ),
        figures as (
          select d.d,
            coalesce((select c.places from location_capacity c
              where c.location_id = ${locationId} and ${covers("c", sql`d.d`)}), 0) as capacity,
            (select count(*)::int from placement p
              where p.location_id = ${locationId} and p.kind = 'goo' and ${covers("p", sql`d.d`)}) as occupied
          from days d
        )
        select d::text as "on", capacity, occupied from figures
        where occupied > capacity
        order by d
        limit 1`,
  );
  return row;
}

export interface Occupant {
  placement_id: number;
  placement_from: string;
  placement_to: string | null;
  person_id: number;
  family_name: string;
  given_names: string;
  family_name_cyrillic: string | null;
  given_names_cyrillic: string | null;
  birth_date: string;
  household_id: number | null;
}

/** Persons with a GOO placement in the location on a date, by household. Personal data. */
export async function occupantsOn(db: Queryable, locationId: number, on: string) {
  const d = sql`${on}::date`;
  return query<Occupant>(
    db,
    sql`select p.id as placement_id, p.valid_from as placement_from, p.valid_to as placement_to,
          pe.id as person_id, pe.family_name, pe.given_names, pe.family_name_cyrillic,
          pe.given_names_cyrillic, pe.birth_date, m.household_id
        from placement p
        join person pe on pe.id = p.person_id
        left join household_membership m on m.person_id = pe.id and ${covers("m", d)}
        where p.location_id = ${locationId} and p.kind = 'goo' and ${covers("p", d)}
        order by m.household_id nulls last, pe.family_name, pe.given_names, pe.id`,
  );
}

/**
 * Per-location and private-reception facts on a date, optionally for a set of
 * municipalities (a subquery or list in parentheses): (gemeente_code, location_id,
 * realised, occupied, free, poo). A CTE for the aggregate queries below.
 */
function factsOn(on: SQL, gemeenten?: SQL) {
  const inGemeente = (col: string) =>
    gemeenten ? sql` and ${sql.raw(col)} in ${gemeenten}` : sql``;
  return sql`
    realised as (
      select s.location_id, c.places
      from location_status s
      join location l on l.id = s.location_id
      join location_capacity c on c.location_id = s.location_id and ${covers("c", on)}
      where s.status = 'realised' and ${covers("s", on)}${inGemeente("l.gemeente_code")}
    ),
    placed as (
      -- A location's occupants are its municipality's, whatever a placement records (as
      -- per_location counts them for all municipalities); private reception the placement's.
      select p.kind, p.location_id, p.gemeente_code, count(*)::int as n
      from placement p
      where ${covers("p", on)}${
        gemeenten
          ? sql` and (p.location_id in (select id from location where gemeente_code in ${gemeenten})
              or (p.location_id is null and p.gemeente_code in ${gemeenten}))`
          : sql``
      }
      group by p.kind, p.location_id, p.gemeente_code
    ),
    occupied as (
      select location_id, sum(n)::int as n from placed where kind = 'goo' group by location_id
    ),
    per_location as (
      select l.gemeente_code, l.id as location_id, coalesce(r.places, 0) as realised,
        coalesce(o.n, 0) as occupied
      from location l
      left join realised r on r.location_id = l.id
      left join occupied o on o.location_id = l.id
      where (r.location_id is not null or o.location_id is not null)${inGemeente("l.gemeente_code")}
    ),
    poo as (
      select gemeente_code, sum(n)::int as n from placed where kind = 'poo' group by gemeente_code
    ),
    facts as (
      select gemeente_code, location_id, realised, occupied,
        greatest(realised - occupied, 0) as free, 0 as poo
      from per_location
      union all
      select gemeente_code, null, 0, 0, 0, n from poo
    )`;
}

export interface Totals {
  realised: number;
  occupied: number;
  free: number;
  poo: number;
}

const sums = sql`coalesce(sum(f.realised), 0)::int as realised,
  coalesce(sum(f.occupied), 0)::int as occupied,
  coalesce(sum(f.free), 0)::int as free,
  coalesce(sum(f.poo), 0)::int as poo`;

/** The municipality's locations with figures (realised, occupied, free) on a date. */
export async function gemeenteLocationsOn(db: Queryable, gemeenteCode: string, on: string) {
  const d = sql`${on}::date`;
  return query<
    { location_id: number; name: string; kind: string; status: string | null } & Omit<Totals, "poo">
  >(
    db,
    sql`with ${factsOn(d, sql`(${gemeenteCode})`)}
        select l.id as location_id, l.name, l.kind, s.status,
          coalesce(f.realised, 0)::int as realised, coalesce(f.occupied, 0)::int as occupied,
          coalesce(f.free, 0)::int as free
        from location l
        left join facts f on f.location_id = l.id
        left join location_status s on s.location_id = l.id and ${covers("s", d)}
        where l.gemeente_code = ${gemeenteCode}
        order by l.name, l.id`,
  );
}

/** Persons in private reception (POO) in a municipality on a date. */
export async function pooPersonsOn(db: Queryable, gemeenteCode: string, on: string) {
  const [row] = await query<{ n: number }>(
    db,
    sql`select count(*)::int as n from placement p
        where p.kind = 'poo' and p.gemeente_code = ${gemeenteCode}
          and ${covers("p", sql`${on}::date`)}`,
  );
  return row?.n ?? 0;
}

export interface PlaceFacts {
  gemeente_code: string;
  /** Null on a municipality's private reception row. */
  location_id: number | null;
  kind: string | null;
  realised: number;
  occupied: number;
  free: number;
  poo: number;
}

/**
 * The facts behind every occupancy answer on a date, one row per location with places or
 * occupants (with its kind) and one per municipality with persons in private reception,
 * for all municipalities or the ones listed: what the national figures sum by their own
 * hierarchy (src/modules/national). Aggregates only.
 */
export async function placeFactsOn(
  db: Queryable,
  on: string,
  gemeenten?: readonly string[],
): Promise<PlaceFacts[]> {
  if (gemeenten && gemeenten.length === 0) return [];
  const d = sql`${on}::date`;
  const only = gemeenten
    ? sql`(${sql.join(
        gemeenten.map((g) => sql`${g}`),
        sql`, `,
      )})`
    : undefined;
  return query<PlaceFacts>(
    db,
    sql`with ${factsOn(d, only)}
        select f.gemeente_code, f.location_id, l.kind, f.realised::int as realised,
          f.occupied::int as occupied, f.free::int as free, f.poo::int as poo
        from facts f left join location l on l.id = f.location_id`,
  );
}

export type RegionRow = Totals & {
  part: "region" | "unassigned" | "national";
  code: string | null;
  name: string | null;
};

/**
 * Occupancy per safety region and nationally on a date, in one query: every region
 * (also those without places), municipalities without a region on that date as
 * `unassigned`, and the national total. Aggregates only.
 */
export async function regionsOn(db: Queryable, on: string): Promise<RegionRow[]> {
  const d = sql`${on}::date`;
  return query<RegionRow>(
    db,
    sql`with ${factsOn(d)},
        mapped as (
          select f.*, gv.veiligheidsregio_code as region
          from facts f
          left join gemeente_veiligheidsregio gv on gv.gemeente_code = f.gemeente_code
            and ${covers("gv", d)}
        ),
        by_region as (
          select f.region, ${sums} from mapped f group by f.region
        )
        select 'region' as part, v.code, v.name, coalesce(b.realised, 0)::int as realised,
          coalesce(b.occupied, 0)::int as occupied, coalesce(b.free, 0)::int as free,
          coalesce(b.poo, 0)::int as poo
        from veiligheidsregio v left join by_region b on b.region = v.code
        union all
        select 'unassigned', null, null, b.realised, b.occupied, b.free, b.poo
        from by_region b where b.region is null
        union all
        select 'national', null, null, ${sums} from facts f`,
  );
}

/** The municipalities of one safety region on a date, with their figures. */
export async function regionGemeentenOn(db: Queryable, regionCode: string, on: string) {
  const d = sql`${on}::date`;
  const inRegion = sql`(select gemeente_code from gemeente_veiligheidsregio gv
    where gv.veiligheidsregio_code = ${regionCode} and ${covers("gv", d)})`;
  return query<Totals & { code: string; name: string }>(
    db,
    sql`with ${factsOn(d, inRegion)}
        select g.code, g.name, ${sums}
        from gemeente_veiligheidsregio gv
        join gemeente g on g.code = gv.gemeente_code
        left join facts f on f.gemeente_code = gv.gemeente_code
        where gv.veiligheidsregio_code = ${regionCode} and ${covers("gv", d)}
        group by g.code, g.name
        order by g.name`,
  );
}

export async function findRegion(db: Queryable, code: string) {
  const [row] = await query<{ code: string; name: string }>(
    db,
    sql`select code, name from veiligheidsregio where code = ${code}`,
  );
  return row;
}

/** The version every committed change of occupancy's facts bumps (migration 0020). */
export async function occupancyVersion(db: Queryable): Promise<number> {
  const [row] = await query<{ version: string }>(
    db,
    sql`select version::text as version from occupancy_version where id = 1`,
  );
  return Number(row?.version ?? 0);
}
