import { and, eq, gte, inArray, isNull, or, sql } from "drizzle-orm";
import { type Db, type Queryable, query, type Tx } from "../../db/connection";
import { placement } from "../../db/schema";

export type PlacementRow = typeof placement.$inferSelect;
export type NewPlacement = Omit<typeof placement.$inferInsert, "id" | "createdAt">;

export interface Member {
  person_id: number;
  family_name: string;
  given_names: string;
}

/** The persons who are members of the household on a date. */
export async function membersOn(db: Queryable, householdId: number, on: string) {
  return query<Member>(
    db,
    sql`select pe.id as person_id, pe.family_name, pe.given_names
        from household_membership m
        join person pe on pe.id = m.person_id
        where m.household_id = ${householdId}
          and daterange(m.valid_from, m.valid_to, '[]') @> ${on}::date
        order by m.id`,
  );
}

/**
 * Locks the persons' rows in id order (FOR NO KEY UPDATE) for the rest of the transaction.
 * Every change to a person's placements takes this lock before it reads their placements,
 * so two changes for the same persons run one after the other, each seeing what the other
 * saved, and always lock in the same order (no deadlock). FOR NO KEY UPDATE does not
 * block rows that merely reference the person (memberships, incomes, audit records).
 */
export async function lockPersons(db: Queryable, personIds: number[]) {
  if (!personIds.length) return;
  const ids = [...new Set(personIds)].sort((a, b) => a - b);
  await db.execute(
    sql`select id from person where id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}) order by id for no key update`,
  );
}

const RETRIED = new Set(["40P01", "40001"]);

/** The SQLSTATE of a database error, also when the driver wraps it in `cause`. */
export function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.cause?.code ?? e?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Runs the transaction and runs it again (at most `attempts` times in all) when the
 * database aborted it for a deadlock (40P01) or a serialization failure (40001): the
 * transaction was rolled back whole, so trying again is safe. The last failure is thrown
 * (the API answers it with 409).
 */
export async function retryingTransaction<T>(
  db: Db,
  fn: (tx: Tx) => Promise<T>,
  attempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (err) {
      if (attempt >= attempts || !RETRIED.has(sqlState(err) ?? "")) throw err;
    }
  }
}

export interface Overlap {
  id: number;
  person_id: number;
  family_name: string;
  given_names: string;
  kind: "goo" | "poo";
  location_name: string | null;
  city: string | null;
  valid_from: string;
  valid_to: string | null;
}

/** Placements of these persons that overlap [from, to] (to null = open). */
export async function overlappingPlacements(
  db: Queryable,
  personIds: number[],
  from: string,
  to: string | null,
): Promise<Overlap[]> {
  if (!personIds.length) return [];
  return query<Overlap>(
    db,
    sql`select p.id, p.person_id, pe.family_name, pe.given_names, p.kind, l.name as location_name,
          p.city, p.valid_from, p.valid_to
        from placement p
        join person pe on pe.id = p.person_id
        left join location l on l.id = p.location_id
        where p.person_id in (${sql.join(
          personIds.map((id) => sql`${id}`),
          sql`, `,
        )})
          and daterange(p.valid_from, p.valid_to, '[]') && daterange(${from}::date, ${to}::date, '[]')
        order by p.person_id, p.valid_from`,
  );
}

export async function insertPlacements(db: Queryable, rows: NewPlacement[]) {
  if (!rows.length) return [];
  return db.insert(placement).values(rows).returning();
}

/** Placements of these persons that run on the date or start later (to end or refuse). */
export async function placementsOnOrAfter(db: Queryable, personIds: number[], on: string) {
  if (!personIds.length) return [];
  return db
    .select()
    .from(placement)
    .where(
      and(
        inArray(placement.personId, personIds),
        or(isNull(placement.validTo), gte(placement.validTo, on)),
      ),
    )
    .orderBy(placement.personId, placement.validFrom);
}

export async function setPlacementEnd(db: Queryable, id: number, validTo: string) {
  await db.update(placement).set({ validTo }).where(eq(placement.id, id));
}

/** A placement of a person of the municipality (scope by the person's municipality). */
export async function findPlacement(db: Queryable, id: number, gemeenteCode: string) {
  const [row] = await query<{
    id: number;
    person_id: number;
    location_id: number | null;
    valid_from: string;
    valid_to: string | null;
  }>(
    db,
    sql`select p.id, p.person_id, p.location_id, p.valid_from, p.valid_to
        from placement p
        join person pe on pe.id = p.person_id
        where p.id = ${id} and pe.gemeente_code = ${gemeenteCode}`,
  );
  return row;
}

export interface HistoryRow {
  id: number;
  person_id: number;
  family_name: string;
  given_names: string;
  kind: "goo" | "poo";
  location_id: number | null;
  location_name: string | null;
  street: string | null;
  house_number: string | null;
  postcode: string | null;
  city: string | null;
  host_name: string | null;
  valid_from: string;
  valid_to: string | null;
  reason: string | null;
}

/**
 * Placements of the household's members while they were members, current and past,
 * newest first.
 */
export async function householdPlacements(db: Queryable, householdId: number) {
  return query<HistoryRow>(
    db,
    sql`select distinct on (p.valid_from, p.id) p.id, p.person_id, pe.family_name, pe.given_names,
          p.kind, p.location_id, l.name as location_name, p.street, p.house_number, p.postcode,
          p.city, p.host_name, p.valid_from, p.valid_to, p.reason
        from household_membership m
        join placement p on p.person_id = m.person_id
          and daterange(p.valid_from, p.valid_to, '[]') && daterange(m.valid_from, m.valid_to, '[]')
        join person pe on pe.id = p.person_id
        left join location l on l.id = p.location_id
        where m.household_id = ${householdId}
        order by p.valid_from desc, p.id`,
  );
}
