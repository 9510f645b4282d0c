import { sql } from "drizzle-orm";
import { type Queryable, query } from "../../db/connection";

/** A period with one municipality; `from` null: since the record began. */
export interface GemeentePeriod {
  gemeente_code: string;
  gemeente_name: string;
  valid_from: string | null;
  valid_to: string | null;
  reason: string | null;
}

/** An int[] parameter in PostgreSQL's array text, as the other repositories pass id lists. */
const intArray = (ids: readonly number[]) => `{${ids.join(",")}}`;

/** A municipality's name, or undefined when there is no such municipality. */
export async function gemeenteName(db: Queryable, code: string) {
  const [row] = await query<{ name: string }>(
    db,
    sql`select name from gemeente where code = ${code}`,
  );
  return row?.name;
}

export async function householdPeriods(db: Queryable, householdId: number) {
  return query<GemeentePeriod>(
    db,
    sql`select hg.gemeente_code, g.name as gemeente_name, hg.valid_from::text, hg.valid_to::text,
          hg.reason
        from household_gemeente hg join gemeente g on g.code = hg.gemeente_code
        where hg.household_id = ${householdId}
        order by hg.valid_from nulls first`,
  );
}

/**
 * The persons who move with the household on `from`: members on that day or later. Locked
 * in id order, FOR NO KEY UPDATE, as placements lock a household's persons: a transfer and
 * a placement of the same persons run one after the other instead of deadlocking.
 */
export async function movingMembers(db: Queryable, householdId: number, from: string) {
  const rows = await query<{ id: number; gemeente_code: string }>(
    db,
    sql`select p.id, p.gemeente_code from person p
        where p.id in (select m.person_id from household_membership m
                       where m.household_id = ${householdId}
                         and (m.valid_to is null or m.valid_to >= ${from}::date))
        order by p.id
        for no key update of p`,
  );
  return rows;
}

/** The open period of each person, to check where a transfer may start. */
export async function openPersonPeriods(db: Queryable, personIds: readonly number[]) {
  if (personIds.length === 0) return [];
  return query<{ person_id: number; gemeente_code: string; valid_from: string | null }>(
    db,
    sql`select person_id, gemeente_code, valid_from::text from person_gemeente
        where valid_to is null
          and person_id = any(${intArray(personIds)}::int[])`,
  );
}

export async function openHouseholdPeriod(db: Queryable, householdId: number) {
  const [row] = await query<{ gemeente_code: string; valid_from: string | null }>(
    db,
    sql`select gemeente_code, valid_from::text from household_gemeente
        where household_id = ${householdId} and valid_to is null`,
  );
  return row;
}

/**
 * Closes the open periods on the day before `from` and opens one with `to` from `from`, for
 * the household and the persons, and points the records at it: one statement per table,
 * checked at commit by the database (migration 0024).
 */
export async function moveToGemeente(
  db: Queryable,
  householdId: number,
  personIds: readonly number[],
  to: string,
  from: string,
  reason: string,
) {
  const ids = sql`${intArray(personIds)}::int[]`;
  await db.execute(
    sql`update household_gemeente set valid_to = ${from}::date - 1
        where household_id = ${householdId} and valid_to is null`,
  );
  await db.execute(
    sql`insert into household_gemeente (household_id, gemeente_code, valid_from, reason)
        values (${householdId}, ${to}, ${from}::date, ${reason})`,
  );
  await db.execute(sql`update household set gemeente_code = ${to} where id = ${householdId}`);
  if (personIds.length === 0) return;
  await db.execute(
    sql`update person_gemeente set valid_to = ${from}::date - 1
        where person_id = any(${ids}) and valid_to is null`,
  );
  await db.execute(
    sql`insert into person_gemeente (person_id, gemeente_code, valid_from, reason)
        select unnest(${ids}), ${to}, ${from}::date, ${reason}`,
  );
  await db.execute(
    sql`update person set gemeente_code = ${to}, version = version + 1, updated_at = now()
        where id = any(${ids})`,
  );
}
