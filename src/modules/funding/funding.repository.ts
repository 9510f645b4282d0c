/**
 * The facts a funding claim reads (aggregates only: places and counts, never a person):
 *
 * - per location, the runs of days on which its realised places and its catering stay the
 *   same: realised places on a day are the location's capacity on days its status is
 *   `realised` (the occupancy module's definition, placeFacts), catering from
 *   location_catering (none recorded: no catering). The dated rows of status, capacity and
 *   catering are intersected as periods: every date on which one of them starts or ends
 *   cuts the period, and the facts are read once per piece, not once per day.
 * - per municipality, the person-days in private reception (placement kind `poo`, under
 *   placement.gemeente_code, valid_from and valid_to inclusive, null open) in each piece of
 *   the period the rules ask for (a month within one norm period).
 *
 * A location belongs to the municipality of location.gemeente_code.
 */
import { type SQL, sql } from "drizzle-orm";
import { dateArray, type Queryable, query, readWithoutJit, textArray } from "../../db/connection";
import { dayAfter } from "../../domain/dates";

/** A dated row covering a day: the exclusion constraints' expression (GiST indexes). */
const covers = (alias: string, on: SQL) => {
  const a = sql.raw(alias);
  return sql`daterange(${a}.valid_from, ${a}.valid_to, '[]') @> ${on}`;
};

/** A dated row touching [from, to]. */
const touches = (alias: string, from: SQL, to: SQL) => {
  const a = sql.raw(alias);
  return sql`(${a}.valid_from <= ${to} and (${a}.valid_to is null or ${a}.valid_to >= ${from}))`;
};

/** Which locations: the municipalities listed, all of them (null), or one location. */
export type LocationScope = { gemeenten: readonly string[] | null } | { locationId: number };

export interface PlaceRunRow {
  gemeente_code: string;
  location_id: number;
  name: string;
  kind: string;
  run_from: string;
  run_to: string;
  places: number;
  catering: boolean;
}

/**
 * The runs of days in [from, to] on which each location has realised places (more than 0),
 * with its places and catering; adjacent runs with the same facts are joined. Ordered by
 * municipality, location and date.
 */
export async function placeRuns(
  db: Queryable,
  from: string,
  to: string,
  scope: LocationScope,
): Promise<PlaceRunRow[]> {
  if ("gemeenten" in scope && scope.gemeenten?.length === 0) return [];
  const f = sql`${from}::date`;
  const t = sql`${to}::date`;
  const which =
    "locationId" in scope
      ? sql`l.id = ${scope.locationId}`
      : scope.gemeenten
        ? sql`l.gemeente_code = any(${textArray(scope.gemeenten)})`
        : sql`true`;
  const rows = await readWithoutJit<PlaceRunRow>(
    db,
    sql`with locs as materialized (
          -- Only locations realised on some day of the period.
          select l.id, l.gemeente_code, l.name, l.kind
          from location l
          where ${which} and exists (select 1 from location_status s
            where s.location_id = l.id and s.status = 'realised' and ${touches("s", f, t)})
        ),
        dated as (
          select s.location_id, s.valid_from, s.valid_to from location_status s
            join locs on locs.id = s.location_id where ${touches("s", f, t)}
          union all
          select c.location_id, c.valid_from, c.valid_to from location_capacity c
            join locs on locs.id = c.location_id where ${touches("c", f, t)}
          union all
          select k.location_id, k.valid_from, k.valid_to from location_catering k
            join locs on locs.id = k.location_id where ${touches("k", f, t)}
        ),
        cuts as (
          select location_id, greatest(valid_from, ${f}) as d from dated
          union
          select location_id, valid_to + 1 from dated where valid_to < ${t}
        ),
        pieces as (
          select location_id, d as piece_from,
            coalesce(lead(d) over (partition by location_id order by d) - 1, ${t}) as piece_to
          from cuts
        )
        select l.gemeente_code, l.id as location_id, l.name, l.kind,
          p.piece_from::text as run_from, p.piece_to::text as run_to, c.places::int as places,
          coalesce(k.catering, false) as catering
        from pieces p
        join locs l on l.id = p.location_id
        join location_status s on s.location_id = p.location_id and s.status = 'realised'
          and ${covers("s", sql`p.piece_from`)}
        join location_capacity c on c.location_id = p.location_id
          and ${covers("c", sql`p.piece_from`)}
        left join location_catering k on k.location_id = p.location_id
          and ${covers("k", sql`p.piece_from`)}
        where c.places > 0
        order by l.gemeente_code, l.id, p.piece_from`,
  );
  return joinAdjacent(rows);
}

/** Joins a run to the one before when it follows it the next day with the same facts. */
function joinAdjacent(rows: PlaceRunRow[]): PlaceRunRow[] {
  const out: PlaceRunRow[] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (
      last &&
      last.location_id === r.location_id &&
      last.places === r.places &&
      last.catering === r.catering &&
      dayAfter(last.run_to) === r.run_from
    ) {
      last.run_to = r.run_to;
    } else {
      out.push({ ...r });
    }
  }
  return out;
}

export interface PooPieceRow {
  gemeente_code: string;
  /** The index of the piece asked (0-based). */
  piece: number;
  person_days: number;
}

/**
 * Person-days in private reception per municipality in each piece (a piece's days × the
 * persons with a POO placement on each of them), for the municipalities listed or all.
 */
export async function pooPersonDays(
  db: Queryable,
  pieces: readonly { from: string; to: string }[],
  gemeenten: readonly string[] | null,
): Promise<PooPieceRow[]> {
  if (pieces.length === 0 || gemeenten?.length === 0) return [];
  const which = gemeenten ? sql` and p.gemeente_code = any(${textArray(gemeenten)})` : sql``;
  return readWithoutJit<PooPieceRow>(
    db,
    sql`select p.gemeente_code, (x.i - 1)::int as piece,
          sum(least(coalesce(p.valid_to, x.t), x.t) - greatest(p.valid_from, x.f) + 1)::int
            as person_days
        from unnest(${dateArray(pieces.map((p) => p.from))}, ${dateArray(pieces.map((p) => p.to))})
          with ordinality as x(f, t, i)
        join placement p on p.kind = 'poo' and p.valid_from <= x.t
          and (p.valid_to is null or p.valid_to >= x.f)${which}
        group by p.gemeente_code, x.i
        order by p.gemeente_code, x.i`,
  );
}

/** A location of the municipality, or undefined (another municipality's is not found). */
export async function findLocationOf(db: Queryable, id: number, gemeente: string) {
  const [row] = await query<{ id: number; name: string; kind: string }>(
    db,
    sql`select id, name, kind from location where id = ${id} and gemeente_code = ${gemeente}`,
  );
  return row;
}

/** The names of the municipalities listed. */
export async function gemeenteNames(db: Queryable, codes: readonly string[]) {
  if (codes.length === 0) return new Map<string, string>();
  const rows = await query<{ code: string; name: string }>(
    db,
    sql`select code, name from gemeente where code = any(${textArray(codes)})`,
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}

export interface OtherPlaceRunRow {
  gemeente_code: string;
  location_id: number;
  name: string;
  kind: string;
  target_group: "status_holder" | "asylum_seeker";
  run_from: string;
  run_to: string;
  places: number;
}

/**
 * The places of other target groups (status holders, asylum seekers) per location in
 * [from, to], each dated row cut to the period; rows with 0 places are left out. Ordered by
 * municipality, location, group and date.
 */
export async function otherPlaceRuns(
  db: Queryable,
  from: string,
  to: string,
  scope: LocationScope,
): Promise<OtherPlaceRunRow[]> {
  if ("gemeenten" in scope && scope.gemeenten?.length === 0) return [];
  const f = sql`${from}::date`;
  const t = sql`${to}::date`;
  const which =
    "locationId" in scope
      ? sql`l.id = ${scope.locationId}`
      : scope.gemeenten
        ? sql`l.gemeente_code = any(${textArray(scope.gemeenten)})`
        : sql`true`;
  return query<OtherPlaceRunRow>(
    db,
    sql`select l.gemeente_code, l.id as location_id, l.name, l.kind, g.target_group,
          greatest(g.valid_from, ${f})::text as run_from,
          least(coalesce(g.valid_to, ${t}), ${t})::text as run_to, g.places::int as places
        from location_target_group_places g
        join location l on l.id = g.location_id
        where ${which} and g.places > 0 and ${touches("g", f, t)}
        order by l.gemeente_code, l.id, g.target_group, g.valid_from`,
  );
}

export interface TransitionCostRow {
  id: number;
  gemeente_code: string;
  location_id: number;
  location_name: string;
  incurred_on: string;
  description: string;
  amount_cents: number;
}

/**
 * The transition costs incurred in [from, to] that are not withdrawn, of the municipalities
 * listed or all. Amounts read as text and converted here: bigint, which pg returns as text.
 */
export async function transitionCostsIn(
  db: Queryable,
  from: string,
  to: string,
  gemeenten: readonly string[] | null,
): Promise<TransitionCostRow[]> {
  if (gemeenten?.length === 0) return [];
  const which = gemeenten ? sql` and c.gemeente_code = any(${textArray(gemeenten)})` : sql``;
  const rows = await query<Omit<TransitionCostRow, "amount_cents"> & { amount_cents: string }>(
    db,
    sql`select c.id, c.gemeente_code, c.location_id, l.name as location_name,
          c.incurred_on::text as incurred_on, c.description, c.amount_cents::text as amount_cents
        from transition_cost c join location l on l.id = c.location_id
        where c.withdrawn_at is null and c.incurred_on between ${from}::date and ${to}::date${which}
        order by c.gemeente_code, c.location_id, c.incurred_on, c.id`,
  );
  return rows.map((r) => ({ ...r, amount_cents: Number(r.amount_cents) }));
}
