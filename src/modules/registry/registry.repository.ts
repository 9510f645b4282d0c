import { and, desc, eq, isNull, type Placeholder, type SQL, sql } from "drizzle-orm";
import { preparedStatement, type Queryable, query } from "../../db/connection";
import { household, householdMembership, person } from "../../db/schema";
import type { AccessContext, AccessScope } from "../../domain/access";
import { searchKeys } from "../../domain/transliteration";
import { auditActorValues, auditInsertPrepared } from "../audit";

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
function residentHouseholds(personId: number | Placeholder) {
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

/** The first page of a household's history, read with the household. */
const HISTORY_PAGE = 200;

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
 *
 * The questions are the SQL function audit_household_history (migration 0023): the audit
 * log is partitioned by month and they ask every month, so planning them cost about 0.2 ms
 * per month kept on every read; the function keeps its plan per connection.
 */
export async function historyOfHousehold(
  db: Queryable,
  householdId: number,
  personIds: number[],
  page: { before?: number | undefined; limit: number } = { limit: HISTORY_PAGE },
) {
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
    sql`select h.id::int as id, h.at, h.username, h.role, h.action,
          h.entity_type as "entityType", h.entity_id as "entityId",
          coalesce(h.person_id, shared.id) as "personId", h.fields, h.reason
        from audit_household_history(${String(householdId)}, ${sql.param(personIds)}::int[],
          ${page.before ?? null}::bigint, ${page.limit}::int) h
        left join lateral unnest(h.shared) as shared(id) on true
        order by h.id desc, shared.id`,
  );
}

/** A household's history entry (historyOfHousehold's row). */
export type HistoryRow = Awaited<ReturnType<typeof historyOfHousehold>>[number];

/** The person's columns the API shows (publicPerson's allow-list in the service). */
export type PublicPersonRow = Pick<
  PersonRow,
  | "id"
  | "gemeenteCode"
  | "bsn"
  | "vNumber"
  | "familyName"
  | "givenNames"
  | "familyNameCyrillic"
  | "givenNamesCyrillic"
  | "birthDate"
  | "sex"
  | "nationalityCode"
  | "protectionStart"
  | "brpRegistrationDate"
  | "brpGemeenteCode"
  | "contactLanguage"
  | "version"
  | "updatedAt"
>;

export interface HouseholdReadRow {
  id: number;
  label: string;
  gemeenteCode: string;
  version: number;
  members: {
    membershipId: number;
    role: (typeof householdMembership.$inferSelect)["role"];
    validFrom: string;
    validTo: string | null;
    reason: string | null;
    person: PublicPersonRow;
  }[];
  history: HistoryRow[];
}

/**
 * The household read as one statement: the household in the caller's scope, its members
 * over time, the audit record of the read and the household's history of changes (the
 * first page of historyOfHousehold). One statement is atomic, so the record is written
 * with the read or not at all without a transaction of several statements (seven
 * statements a read became two with the session's: docs/performance.md), and it is
 * prepared once per connection. Dates and timestamps go as text, as the drivers give them
 * (a timestamptz in JSON would be ISO with a T); members in membershipsOfHousehold's order.
 * `fields`: the person fields the record names. Call once per process (the statement's name).
 */
export function householdReader(fields: string[]) {
  const statement = (scope: "gemeente" | "household") => {
    const inScope =
      scope === "gemeente"
        ? sql`h.gemeente_code = ${sql.placeholder("gemeenteCode")}::text`
        : sql`h.id in ${residentHouseholds(sql.placeholder("personId"))}`;
    return preparedStatement<HouseholdReadRow>(`registry_household_read_${scope}`, () => {
      const audit = auditInsertPrepared(
        { action: "read", entityType: "household", fields },
        { entityId: sql`h.id::text`, gemeenteCode: sql`h.gemeente_code`, personIds: sql`ids.ids` },
        sql`h, ids`,
        sql`cardinality(ids.ids) > 0`,
      );
      return sql`with h as (
          select h.id, h.label, h.gemeente_code, h.version from household h
          where h.id = ${sql.placeholder("id")}::int and ${inScope}
        ), m as (
          select hm.id, hm.role, hm.valid_from, hm.valid_to, hm.reason, p.id as person_id,
            p.gemeente_code, p.bsn, p.v_number, p.family_name, p.given_names,
            p.family_name_cyrillic, p.given_names_cyrillic, p.birth_date, p.sex,
            p.nationality_code, p.protection_start, p.brp_registration_date,
            p.brp_gemeente_code, p.contact_language, p.version, p.updated_at
          from h join household_membership hm on hm.household_id = h.id
          join person p on p.id = hm.person_id
        ), ids as (
          select coalesce(array_agg(distinct m.person_id order by m.person_id), '{}') as ids
          from m
        ), audit as (${audit})
        select h.id, h.label, h.gemeente_code as "gemeenteCode", h.version,
          coalesce((select json_agg(json_build_object('membershipId', m.id, 'role', m.role,
              'validFrom', m.valid_from::text, 'validTo', m.valid_to::text, 'reason', m.reason,
              'person', json_build_object('id', m.person_id, 'gemeenteCode', m.gemeente_code,
                'bsn', m.bsn, 'vNumber', m.v_number, 'familyName', m.family_name,
                'givenNames', m.given_names, 'familyNameCyrillic', m.family_name_cyrillic,
                'givenNamesCyrillic', m.given_names_cyrillic, 'birthDate', m.birth_date,
                'sex', m.sex, 'nationalityCode', m.nationality_code,
                'protectionStart', m.protection_start::text,
                'brpRegistrationDate', m.brp_registration_date::text,
                'brpGemeenteCode', m.brp_gemeente_code, 'contactLanguage', m.contact_language,
                'version', m.version, 'updatedAt', m.updated_at::text))
            order by m.valid_from, m.id) from m), '[]') as members,
          coalesce((select json_agg(json_build_object('id', x.id::int, 'at', x.at::text,
              'username', x.username, 'role', x.role, 'action', x.action,
              'entityType', x.entity_type, 'entityId', x.entity_id,
              'personId', coalesce(x.person_id, shared.id), 'fields', x.fields,
              'reason', x.reason)
            order by x.id desc, shared.id)
            from ids, audit_household_history(h.id::text, ids.ids, null::bigint,
              ${HISTORY_PAGE}::int) x
            left join lateral unnest(x.shared) as shared(id) on true), '[]') as history
        from h`;
    });
  };
  const inGemeente = statement("gemeente");
  const asResident = statement("household");
  /** Undefined outside the caller's scope: nothing is read and nothing recorded then. */
  return async (
    db: Queryable,
    actor: AccessContext,
    id: number,
  ): Promise<HouseholdReadRow | undefined> => {
    const scope = actor.scope;
    const who = auditActorValues(actor);
    const [row] =
      scope.kind === "gemeente"
        ? await inGemeente(db, { id, gemeenteCode: scope.gemeente, ...who })
        : scope.kind === "household"
          ? await asResident(db, { id, personId: scope.personId, ...who })
          : [];
    return row;
  };
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
 * Persons of one municipality by name keys (all must match) or the first letters of the
 * family name, BSN, V-number or current location, with their household and placement on
 * the given date.
 *
 * Each way a name can match is its own question with its own index (the keys within the
 * municipality: GIN on person_search_keys; the prefix: a btree on the lower-cased family
 * name per script), and the matches are collected whole before they are sorted and cut to
 * the page. As one ordered query with OR, PostgreSQL walked the municipality in name
 * order until the page was full, assuming matches spread evenly: a prefix or a family name
 * late in the alphabet (Shev…, Tkachenko) walked 13,000 of Amsterdam's 17,702 persons
 * (docs/performance.md, "Search").
 */
export async function searchPersons(db: Queryable, f: SearchFilter): Promise<SearchHit[]> {
  const common = [sql`p.gemeente_code = ${f.gemeenteCode}`];
  if (f.bsn) common.push(sql`p.bsn = ${f.bsn}`);
  if (f.vNumber) common.push(sql`p.v_number = ${f.vNumber}`);
  if (f.locationId) {
    // One placement per person at a time (placement_no_overlap): a filter, not a join.
    common.push(sql`exists (select from placement x where x.person_id = p.id
      and x.location_id = ${f.locationId}
      and daterange(x.valid_from, x.valid_to, '[]') @> ${f.on}::date)`);
  }
  // Either every key matches (names in any spelling), or the text is a plain prefix of the
  // family name: in Latin letters, and when typed in Cyrillic also in Cyrillic letters.
  const ways: SQL[] = [];
  if (f.keys?.length) {
    const prefix = `${(f.text ?? "").toLowerCase()}%`;
    ways.push(
      sql`${searchKeysOf(sql`p.gemeente_code`, sql`p.name_keys`)} @> ${searchKeysOf(
        sql`${f.gemeenteCode}::text`,
        sql`array[${sql.join(
          f.keys.map((k) => sql`${k}`),
          sql`, `,
        )}]::text[]`,
      )}`,
      sql`lower(p.family_name) like ${prefix}`,
    );
    if (CYRILLIC.test(f.text ?? "")) ways.push(sql`lower(p.family_name_cyrillic) like ${prefix}`);
  }
  const select = (where: SQL[]) =>
    sql`select p.id, p.family_name, p.given_names, p.family_name_cyrillic,
          p.given_names_cyrillic, p.birth_date, p.bsn, p.v_number
        from person p where ${sql.join(where, sql` and `)}`;
  const matches =
    ways.length === 0
      ? select(common)
      : sql.join(
          ways.map((w) => select([...common, w])),
          sql` union `,
        );
  return query<SearchHit>(
    db,
    // "materialized": the matches are collected whole and sorted, never found by walking
    // the name order (see above); then only the page's persons are joined.
    sql`with hits as materialized (${matches}),
        page as (select * from hits order by family_name, given_names, id limit ${f.limit})
        select p.id, p.family_name, p.given_names, p.family_name_cyrillic, p.given_names_cyrillic,
          p.birth_date, p.bsn, p.v_number, m.household_id, pl.location_id, l.name as location_name
        from page p
        left join household_membership m on m.person_id = p.id
          and daterange(m.valid_from, m.valid_to, '[]') @> ${f.on}::date
        left join placement pl on pl.person_id = p.id
          and daterange(pl.valid_from, pl.valid_to, '[]') @> ${f.on}::date
        left join location l on l.id = pl.location_id
        order by p.family_name, p.given_names, p.id`,
  );
}

const CYRILLIC = /\p{Script=Cyrillic}/u;

/**
 * The name keys within a municipality ("GM0363:ALKSNDR"), as the GIN index
 * person_search_keys_idx holds them (migration 0023): a common key's matches are then the
 * municipality's, not the nation's.
 */
function searchKeysOf(gemeenteCode: SQL, keys: SQL): SQL {
  return sql`person_search_keys(${gemeenteCode}, ${keys})`;
}
