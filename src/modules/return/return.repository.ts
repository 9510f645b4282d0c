import { and, eq, getTableColumns, sql } from "drizzle-orm";
import { type Queryable, query } from "../../db/connection";
import { type consent, household, returnCase, returnCaseEvent } from "../../db/schema";
import type { ConsentPurpose, ReturnStatus } from "../../domain/enums";

export type ReturnCaseRow = typeof returnCase.$inferSelect;
export type ConsentRow = typeof consent.$inferSelect;

export interface Member {
  person_id: number;
  family_name: string;
  given_names: string;
  family_name_cyrillic: string | null;
  given_names_cyrillic: string | null;
  birth_date: string;
}

/** The persons who are members of the household on a date, in person id order. */
export async function membersOn(db: Queryable, householdId: number, on: string) {
  return query<Member>(
    db,
    sql`select pe.id as person_id, pe.family_name, pe.given_names, pe.family_name_cyrillic,
          pe.given_names_cyrillic, pe.birth_date
        from household_membership m
        join person pe on pe.id = m.person_id
        where m.household_id = ${householdId}
          and daterange(m.valid_from, m.valid_to, '[]') @> ${on}::date
        order by pe.id`,
  );
}

/**
 * Locks the household's row until the transaction ends, so two requests opening a case for
 * the same household run one after the other and the second sees the first's case.
 * FOR NO KEY UPDATE leaves rows that merely reference the household (the case) free.
 */
export async function lockHousehold(db: Queryable, householdId: number) {
  await db.execute(sql`select id from household where id = ${householdId} for no key update`);
}

/** The household's latest case (the current one), if any. */
export async function latestCase(db: Queryable, householdId: number) {
  const [row] = await db
    .select()
    .from(returnCase)
    .where(eq(returnCase.householdId, householdId))
    .orderBy(sql`${returnCase.id} desc`)
    .limit(1);
  return row;
}

/** A case of a household of the municipality (scope by the household's municipality). */
export async function findCase(db: Queryable, id: number, gemeenteCode: string) {
  const [row] = await db
    .select(getTableColumns(returnCase))
    .from(returnCase)
    .innerJoin(household, eq(household.id, returnCase.householdId))
    .where(and(eq(returnCase.id, id), eq(household.gemeenteCode, gemeenteCode)));
  return row;
}

export async function insertCase(
  db: Queryable,
  values: { householdId: number; gemeenteCode: string; status: ReturnStatus },
) {
  const [row] = await db.insert(returnCase).values(values).returning();
  return row!;
}

export type CaseChange = Partial<
  Pick<
    ReturnCaseRow,
    | "status"
    | "plannedDeparture"
    | "departedOn"
    | "travelSupport"
    | "financialSupportCents"
    | "partnerMunicipality"
  >
>;

/**
 * Changes the case only if it still has the version the caller read, and gives it the next
 * version; undefined when someone else changed it first.
 */
export async function updateCase(db: Queryable, id: number, version: number, change: CaseChange) {
  const [row] = await db
    .update(returnCase)
    .set({ ...change, version: sql`${returnCase.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(returnCase.id, id), eq(returnCase.version, version)))
    .returning();
  return row;
}

export async function insertEvent(
  db: Queryable,
  values: {
    returnCaseId: number;
    status: ReturnStatus;
    on: string;
    note: string | null;
    by: number;
  },
) {
  await db.insert(returnCaseEvent).values(values);
}

export interface EventRow {
  status: ReturnStatus;
  on: string;
  note: string | null;
  username: string | null;
  at: string;
}

/** The case's steps in the order they were taken, each with the username of who took it. */
export async function caseEvents(db: Queryable, returnCaseId: number) {
  return query<EventRow>(
    db,
    sql`select e.status, e."on"::text as "on", e.note, u.username, e.at::text as at
        from return_case_event e
        left join app_user u on u.id = e.by
        where e.return_case_id = ${returnCaseId}
        order by e.id`,
  );
}

// --- Consent ------------------------------------------------------------------------------

/** The latest consent row of the person per purpose (live or revoked). */
export async function latestConsents(db: Queryable, personId: number) {
  return query<{
    purpose: ConsentPurpose;
    given_at: string;
    revoked_at: string | null;
  }>(
    db,
    sql`select distinct on (purpose) purpose, given_at::text as given_at, revoked_at::text as revoked_at
        from consent
        where person_id = ${personId}
        order by purpose, id desc`,
  );
}

/**
 * Records the consent unless a live one exists (the partial unique index decides, so two
 * requests at once record it once); true when this call recorded it.
 */
export async function giveConsent(
  db: Queryable,
  personId: number,
  purpose: ConsentPurpose,
  recordedBy: number,
) {
  const rows = await query<{ id: number }>(
    db,
    sql`insert into consent (person_id, purpose, recorded_by)
        values (${personId}, ${purpose}, ${recordedBy})
        on conflict (person_id, purpose) where revoked_at is null do nothing
        returning id`,
  );
  return rows.length > 0;
}

/** Revokes the live consent, if any; true when there was one. */
export async function revokeConsent(db: Queryable, personId: number, purpose: ConsentPurpose) {
  const rows = await query<{ id: number }>(
    db,
    sql`update consent set revoked_at = now()
        where person_id = ${personId} and purpose = ${purpose} and revoked_at is null
        returning id`,
  );
  return rows.length > 0;
}

/**
 * The persons among these with a live consent for the purpose. The rows are locked FOR
 * SHARE, so a revocation made while the data is being shared waits until the sharing is
 * recorded, and one made earlier is seen: consent is checked at the moment of use.
 */
export async function consentingPersons(
  db: Queryable,
  personIds: number[],
  purpose: ConsentPurpose,
): Promise<Set<number>> {
  if (!personIds.length) return new Set();
  const rows = await query<{ person_id: number }>(
    db,
    sql`select person_id from consent
        where purpose = ${purpose} and revoked_at is null
          and person_id in (${sql.join(
            personIds.map((id) => sql`${id}`),
            sql`, `,
          )})
        for share`,
  );
  return new Set(rows.map((r) => r.person_id));
}

// --- Aggregates ---------------------------------------------------------------------------

export interface StatusCount {
  gemeente_code: string;
  status: ReturnStatus;
  count: number;
}

/**
 * Households per status of their current (latest) case, per municipality of the household;
 * one municipality's when `gemeenteCode` is given. Counts only: no household, person or name.
 */
export async function statusCounts(db: Queryable, gemeenteCode?: string) {
  const where = gemeenteCode ? sql`where h.gemeente_code = ${gemeenteCode}` : sql``;
  return query<StatusCount>(
    db,
    sql`select gemeente_code, status, count(*)::int as count
        from (select distinct on (rc.household_id) rc.household_id, h.gemeente_code, rc.status
              from return_case rc
              join household h on h.id = rc.household_id
              ${where}
              order by rc.household_id, rc.id desc) latest
        group by gemeente_code, status
        order by gemeente_code, status`,
  );
}

export async function gemeenteNames(db: Queryable, codes: string[]) {
  if (!codes.length) return new Map<string, string>();
  const rows = await query<{ code: string; name: string }>(
    db,
    sql`select code, name from gemeente where code in (${sql.join(
      codes.map((c) => sql`${c}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}
