import { sql } from "drizzle-orm";
import { type Queryable, query } from "../../db/connection";
import type { TargetSplit } from "../../domain/enums";

export interface TargetRow {
  id: number;
  places: number;
  deadline: string;
  set_on: string;
  split: TargetSplit;
  note: string | null;
  set_by_name: string | null;
}

const targetColumns = sql`t.id, t.places, t.deadline::text, t.set_on::text, t.split, t.note,
  u.display_name as set_by_name`;

export async function listTargets(db: Queryable) {
  return query<TargetRow>(
    db,
    sql`select ${targetColumns} from place_target t left join app_user u on u.id = t.set_by
        order by t.set_on desc`,
  );
}

/** The target in force on a day: the latest set on or before it. */
export async function targetOn(db: Queryable, on: string) {
  const [row] = await query<TargetRow>(
    db,
    sql`select ${targetColumns} from place_target t left join app_user u on u.id = t.set_by
        where t.set_on <= ${on}::date order by t.set_on desc limit 1`,
  );
  return row;
}

export async function targetSetOn(db: Queryable, setOn: string) {
  const [row] = await query<{ id: number }>(
    db,
    sql`select id from place_target where set_on = ${setOn}::date`,
  );
  return row;
}

export async function regionsOfTargets(db: Queryable, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return query<{ target_id: number; code: string; places: number }>(
    db,
    sql`select target_id, veiligheidsregio_code as code, places from place_target_region
        where target_id = any(${`{${ids.join(",")}}`}::int[])
        order by target_id, veiligheidsregio_code`,
  );
}

export async function regions(db: Queryable) {
  return query<{ code: string; name: string }>(
    db,
    sql`select code, name from veiligheidsregio order by code`,
  );
}

export async function insertTarget(
  db: Queryable,
  t: {
    places: number;
    deadline: string;
    setOn: string;
    split: TargetSplit;
    note: string | null;
    setBy: number | null;
  },
  shares: ReadonlyMap<string, number>,
) {
  const [row] = await query<{ id: number }>(
    db,
    sql`insert into place_target (places, deadline, set_on, split, note, set_by)
        values (${t.places}, ${t.deadline}::date, ${t.setOn}::date, ${t.split}, ${t.note}, ${t.setBy})
        returning id`,
  );
  const id = row!.id;
  const values = [...shares].map(([code, places]) => sql`(${id}, ${code}, ${places})`);
  await db.execute(
    sql`insert into place_target_region (target_id, veiligheidsregio_code, places)
        values ${sql.join(values, sql`, `)}`,
  );
  return id;
}

/**
 * The pipeline on a day: locations not realised on it that become realised later, per safety
 * region of their municipality (on the day), with the date they are expected and the places
 * they then have.
 */
export async function pipelineOn(db: Queryable, on: string) {
  return query<{ region: string | null; expected: string; places: number }>(
    db,
    sql`with next_realised as (
          select s.location_id, min(s.valid_from) as expected
          from location_status s
          where s.status = 'realised' and s.valid_from > ${on}::date
          group by s.location_id
        )
        select gv.veiligheidsregio_code as region, n.expected::text as expected,
          coalesce(c.places, 0)::int as places
        from next_realised n
        join location l on l.id = n.location_id
        left join location_status now_s on now_s.location_id = l.id
          and now_s.valid_from <= ${on}::date and (now_s.valid_to is null or now_s.valid_to >= ${on}::date)
        left join location_capacity c on c.location_id = l.id
          and c.valid_from <= n.expected and (c.valid_to is null or c.valid_to >= n.expected)
        left join gemeente_veiligheidsregio gv on gv.gemeente_code = l.gemeente_code
          and gv.valid_from <= ${on}::date and (gv.valid_to is null or gv.valid_to >= ${on}::date)
        where now_s.status is distinct from 'realised'
        order by n.expected`,
  );
}

/** The safety region of a municipality on a day. */
export async function regionOfGemeente(db: Queryable, gemeente: string, on: string) {
  const [row] = await query<{ code: string }>(
    db,
    sql`select veiligheidsregio_code as code from gemeente_veiligheidsregio
        where gemeente_code = ${gemeente}
          and valid_from <= ${on}::date and (valid_to is null or valid_to >= ${on}::date)`,
  );
  return row?.code;
}
