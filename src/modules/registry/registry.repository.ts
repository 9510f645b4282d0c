import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { type Queryable, query } from "../../db/connection";
import { auditRecord, household, householdMembership, person } from "../../db/schema";
import type { AccessScope } from "../../domain/access";
import { searchKeys } from "../../domain/transliteration";

export type PersonRow = typeof person.$inferSelect;
export type NewPerson = Omit<typeof person.$inferInsert, "id" | "nameKeys" | "version">;

/** All name parts in both scripts, as search keys (see transliteration.searchKeys). */
export function nameKeysOf(p: {
  familyName: string;
  givenNames: string;
  familyNameCyrillic?: string | null;
  givenNamesCyrillic?: string | null;
}): string[] {
  const parts = [
    p.familyName,
    p.givenNames,
    p.familyNameCyrillic ?? "",
    p.givenNamesCyrillic ?? "",
  ];
  return [...new Set(parts.flatMap((x) => searchKeys(x)))];
}

export async function insertPerson(db: Queryable, p: NewPerson): Promise<PersonRow> {
  const [row] = await db
    .insert(person)
    .values({ ...p, nameKeys: nameKeysOf(p) })
    .returning();
  return row!;
}

export async function findPerson(db: Queryable, id: number, gemeenteCode: string) {
  const [row] = await db
    .select()
    .from(person)
    .where(and(eq(person.id, id), eq(person.gemeenteCode, gemeenteCode)));
  return row;
}

/** Updates when the version still matches; returns undefined when someone else was first. */
export async function updatePerson(
  db: Queryable,
  id: number,
  version: number,
  changes: Partial<NewPerson>,
  current: PersonRow,
) {
  const merged = { ...current, ...changes };
  const [row] = await db
    .update(person)
    .set({
      ...changes,
      nameKeys: nameKeysOf(merged),
      version: sql`${person.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(person.id, id), eq(person.version, version)))
    .returning();
  return row;
}

export async function findPersonIdBy(db: Queryable, field: "bsn" | "vNumber", value: string) {
  const [row] = await db
    .select({ id: person.id, gemeenteCode: person.gemeenteCode })
    .from(person)
    .where(eq(field === "bsn" ? person.bsn : person.vNumber, value));
  return row;
}

export async function insertHousehold(db: Queryable, gemeenteCode: string, label: string) {
  const [row] = await db.insert(household).values({ gemeenteCode, label }).returning();
  return row!;
}

export async function findHousehold(db: Queryable, id: number, gemeenteCode: string) {
  const [row] = await db
    .select()
    .from(household)
    .where(and(eq(household.id, id), eq(household.gemeenteCode, gemeenteCode)));
  return row;
}

/**
 * The households a resident may read: those their person belongs to today (a membership
 * that has not ended before today). Past households are the municipality's, not theirs.
 */
function residentHouseholds(personId: number) {
  return sql`(select hm.household_id from household_membership hm
              where hm.person_id = ${personId}
                and (hm.valid_to is null or hm.valid_to >= current_date))`;
}

/** A household in the caller's scope: their municipality's, or a resident's own. */
export async function findHouseholdInScope(db: Queryable, id: number, scope: AccessScope) {
  if (scope.kind === "gemeente") return findHousehold(db, id, scope.gemeente);
  if (scope.kind !== "household") return undefined;
  const [row] = await db
    .select()
    .from(household)
    .where(
      and(eq(household.id, id), sql`${household.id} in ${residentHouseholds(scope.personId)}`),
    );
  return row;
}

/** A person in the caller's scope: their municipality's, or a member of a resident's household. */
export async function findPersonInScope(db: Queryable, id: number, scope: AccessScope) {
  if (scope.kind === "gemeente") return findPerson(db, id, scope.gemeente);
  if (scope.kind !== "household") return undefined;
  const [row] = await db
    .select()
    .from(person)
    .where(
      and(
        eq(person.id, id),
        sql`${person.id} in (select m.person_id from household_membership m
              where m.household_id in ${residentHouseholds(scope.personId)}
                and (m.valid_to is null or m.valid_to >= current_date))`,
      ),
    );
  return row;
}

/** Bumps the version when it still matches: every change to a household goes through here. */
export async function bumpHouseholdVersion(db: Queryable, id: number, version: number) {
  const [row] = await db
    .update(household)
    .set({ version: sql`${household.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(household.id, id), eq(household.version, version)))
    .returning({ version: household.version });
  return row?.version;
}

export async function insertMembership(db: Queryable, m: typeof householdMembership.$inferInsert) {
  const [row] = await db.insert(householdMembership).values(m).returning();
  return row!;
}

/** Memberships of a person that overlap [from, to] (to null = open). */
export async function overlappingMemberships(
  db: Queryable,
  personId: number,
  from: string,
  to: string | null,
) {
  return query<{ id: number; household_id: number; valid_from: string; valid_to: string | null }>(
    db,
    sql`select id, household_id, valid_from, valid_to from household_membership
        where person_id = ${personId}
          and daterange(valid_from, valid_to, '[]') && daterange(${from}::date, ${to}::date, '[]')`,
  );
}

export async function membershipsOfHousehold(db: Queryable, householdId: number) {
  return db
    .select({ membership: householdMembership, person })
    .from(householdMembership)
    .innerJoin(person, eq(person.id, householdMembership.personId))
    .where(eq(householdMembership.householdId, householdId))
    .orderBy(householdMembership.validFrom, householdMembership.id);
}

export async function membershipsOfPerson(db: Queryable, personId: number) {
  return db
    .select()
    .from(householdMembership)
    .where(eq(householdMembership.personId, personId))
    .orderBy(desc(householdMembership.validFrom));
}

export async function findMembership(db: Queryable, id: number, householdId: number) {
  const [row] = await db
    .select()
    .from(householdMembership)
    .where(and(eq(householdMembership.id, id), eq(householdMembership.householdId, householdId)));
  return row;
}

export async function endMembershipRow(db: Queryable, id: number, validTo: string, reason: string) {
  await db
    .update(householdMembership)
    .set({ validTo, reason })
    .where(and(eq(householdMembership.id, id), isNull(householdMembership.validTo)));
}

/**
 * Changes to a household and its members, newest first: who changed what, when. A record
 * shared by many persons (an income import) appears once per member it lists.
 *
 * Three questions, each served by its own partial index on the changes (reads and searches
 * left out: migration 0019), and their union: the household's own records, the records of
 * one member, and the shared records listing a member. An OR across them made PostgreSQL
 * scan the whole audit table on every household read (docs/performance.md).
 * `before`: an audit record id; the page holds the `limit` records older than it (a shared
 * record gives a row per member it lists).
 */
export async function historyOfHousehold(
  db: Queryable,
  householdId: number,
  personIds: number[],
  page: { before?: number | undefined; limit: number } = { limit: 200 },
) {
  const a = auditRecord;
  const ids = sql`${sql.param(personIds)}::int[]`;
  const changes = sql`${a.action} not in ('read', 'search')`;
  const older = page.before === undefined ? sql`true` : sql`${a.id} < ${page.before}`;
  const limit = page.limit;
  return query<{
    id: number;
    at: string;
    username: string | null;
    role: string | null;
    action: string;
    entityType: string;
    entityId: string | null;
    personId: number | null;
    fields: string[] | null;
    reason: string | null;
  }>(
    db,
    sql`with hits as (
          (select ${a.id} from ${a}
            where ${a.entityType} = 'household' and ${a.entityId} = ${String(householdId)}
              and ${changes} and ${older}
            order by ${a.id} desc limit ${limit})
          union
          (select ${a.id} from ${a}
            where ${a.personId} = any(${ids}) and ${changes} and ${older}
            order by ${a.id} desc limit ${limit})
          union
          (select ${a.id} from ${a}
            where ${a.personIds} && ${ids} and ${changes} and ${older}
            order by ${a.id} desc limit ${limit})
        ),
        top as (select id from hits order by id desc limit ${limit})
        select ${a.id}::int as id, ${a.at}, ${a.username}, ${a.role}, ${a.action},
          ${a.entityType} as "entityType", ${a.entityId} as "entityId",
          coalesce(${a.personId}, shared.id) as "personId", ${a.fields}, ${a.reason}
        from top join ${a} on ${a.id} = top.id
        left join lateral (
          -- The members the record lists (not the whole list: an import names 150,000).
          select id from unnest(${ids}) as id where id = any(${a.personIds})
        ) shared on true
        order by ${a.id} desc, shared.id`,
  );
}

export interface SearchFilter {
  gemeenteCode: string;
  keys?: string[];
  text?: string;
  bsn?: string;
  vNumber?: string;
  locationId?: number;
  on: string;
  limit: number;
}

export interface SearchHit {
  id: number;
  family_name: string;
  given_names: string;
  family_name_cyrillic: string | null;
  given_names_cyrillic: string | null;
  birth_date: string;
  bsn: string | null;
  v_number: string | null;
  household_id: number | null;
  location_id: number | null;
  location_name: string | null;
}

/**
 * Persons of one municipality by name keys (all must match), BSN, V-number or current
 * location, with their household and placement on the given date.
 */
export async function searchPersons(db: Queryable, f: SearchFilter): Promise<SearchHit[]> {
  const where = [sql`p.gemeente_code = ${f.gemeenteCode}`];
  if (f.keys?.length) {
    const keyArray = sql`array[${sql.join(
      f.keys.map((k) => sql`${k}`),
      sql`, `,
    )}]::text[]`;
    // Either every key matches (names in any spelling), or the text is a plain prefix.
    where.push(
      sql`(p.name_keys @> ${keyArray} or lower(p.family_name) like ${`${(f.text ?? "").toLowerCase()}%`})`,
    );
  }
  if (f.bsn) where.push(sql`p.bsn = ${f.bsn}`);
  if (f.vNumber) where.push(sql`p.v_number = ${f.vNumber}`);
  if (f.locationId) where.push(sql`pl.location_id = ${f.locationId}`);
  return query<SearchHit>(
    db,
    sql`select p.id, p.family_name, p.given_names, p.family_name_cyrillic, p.given_names_cyrillic,
          p.birth_date, p.bsn, p.v_number, m.household_id, pl.location_id, l.name as location_name
        from person p
        left join household_membership m on m.person_id = p.id
          and daterange(m.valid_from, m.valid_to, '[]') @> ${f.on}::date
        left join placement pl on pl.person_id = p.id
          and daterange(pl.valid_from, pl.valid_to, '[]') @> ${f.on}::date
        left join location l on l.id = pl.location_id
        where ${sql.join(where, sql` and `)}
        order by p.family_name, p.given_names, p.id
        limit ${f.limit}`,
  );
}
