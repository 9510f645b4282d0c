import { sql } from "drizzle-orm";
import { type Queryable, query } from "../../db/connection";
import type {
  EducationLevel,
  HealthInsuranceKind,
  HousingPlan,
  IndDecision,
  ParticipatiewetOutcome,
  PublicOrderStatus,
  ResidenceStatusKind,
  StatusEndReason,
} from "../../domain/enums";

const ids = (list: readonly number[]) => sql`${`{${list.join(",")}}`}::int[]`;

/** Which persons a read is about: a list, one municipality's, or all (national counts). */
export type PersonSelector = { ids: readonly number[] } | { gemeente: string | null };

function isEmpty(sel: PersonSelector) {
  return "ids" in sel && sel.ids.length === 0;
}

/** The condition on a `person_id` column (or `p.id`) for a selector. */
function personIn(column: ReturnType<typeof sql.raw>, sel: PersonSelector) {
  if ("ids" in sel) return sql`${column} = any(${ids(sel.ids)})`;
  if (sel.gemeente === null) return sql`true`;
  return sql`${column} in (select id from person where gemeente_code = ${sel.gemeente})`;
}

export interface StatusRow {
  id: number;
  person_id: number;
  kind: ResidenceStatusKind;
  valid_from: string;
  valid_to: string | null;
  end_reason: StatusEndReason | null;
  source: string;
}

export interface PersonTransitionRow {
  person_id: number;
  protection_start: string | null;
  public_order: PublicOrderStatus | null;
  public_order_on: string | null;
  asylum_withdrawn: boolean | null;
  asylum_withdrawn_on: string | null;
  ind_decision: IndDecision | null;
  ind_decision_on: string | null;
  ind_reference: string | null;
  education_level: EducationLevel | null;
  version: number;
}

export interface InsuranceRow {
  id: number;
  person_id: number;
  kind: HealthInsuranceKind;
  insurer: string;
  valid_from: string;
  valid_to: string | null;
}

export interface HouseholdTransitionRow {
  household_id: number;
  participatiewet_filed_on: string | null;
  participatiewet_decided_on: string | null;
  participatiewet_outcome: ParticipatiewetOutcome | null;
  housing_plan: HousingPlan | null;
  housing_from: string | null;
  rent_cents: number | null;
  version: number;
}

/** Per person: registration's protection start and the transitiedocument facts (version 0: none yet). */
export async function personTransitions(
  db: Queryable,
  sel: PersonSelector,
): Promise<PersonTransitionRow[]> {
  if (isEmpty(sel)) return [];
  return query<PersonTransitionRow>(
    db,
    sql`select p.id as person_id, p.protection_start::text as protection_start,
          t.public_order, t.public_order_on::text as public_order_on, t.asylum_withdrawn,
          t.asylum_withdrawn_on::text as asylum_withdrawn_on, t.ind_decision,
          t.ind_decision_on::text as ind_decision_on, t.ind_reference, t.education_level,
          coalesce(t.version, 0) as version
        from person p left join person_transition t on t.person_id = p.id
        where ${"ids" in sel ? personIn(sql.raw("p.id"), sel) : sel.gemeente === null ? sql`true` : sql`p.gemeente_code = ${sel.gemeente}`}
        order by p.id`,
  );
}

export async function statusesOf(db: Queryable, sel: PersonSelector): Promise<StatusRow[]> {
  if (isEmpty(sel)) return [];
  return query<StatusRow>(
    db,
    sql`select id, person_id, kind, valid_from::text as valid_from, valid_to::text as valid_to,
          end_reason, source
        from residence_status where ${personIn(sql.raw("person_id"), sel)}
        order by person_id, valid_from`,
  );
}

export async function insurancesOf(db: Queryable, sel: PersonSelector): Promise<InsuranceRow[]> {
  if (isEmpty(sel)) return [];
  return query<InsuranceRow>(
    db,
    sql`select id, person_id, kind, insurer, valid_from::text as valid_from,
          valid_to::text as valid_to
        from health_insurance where ${personIn(sql.raw("person_id"), sel)}
        order by person_id, valid_from`,
  );
}

export async function householdTransitions(
  db: Queryable,
  sel: { ids: readonly number[] } | { gemeente: string | null },
): Promise<HouseholdTransitionRow[]> {
  if ("ids" in sel && sel.ids.length === 0) return [];
  const where =
    "ids" in sel
      ? sql`household_id = any(${ids(sel.ids)})`
      : sel.gemeente === null
        ? sql`true`
        : sql`household_id in (select id from household where gemeente_code = ${sel.gemeente})`;
  return query<HouseholdTransitionRow>(
    db,
    sql`select household_id, participatiewet_filed_on::text as participatiewet_filed_on,
          participatiewet_decided_on::text as participatiewet_decided_on,
          participatiewet_outcome, housing_plan, housing_from::text as housing_from,
          rent_cents, version
        from household_transition where ${where}`,
  );
}

/** The household each person belongs to on a date (null when none). */
export async function householdsOn(
  db: Queryable,
  sel: PersonSelector,
  on: string,
): Promise<Map<number, number>> {
  if (isEmpty(sel)) return new Map();
  const rows = await query<{ person_id: number; household_id: number }>(
    db,
    sql`select person_id, household_id from household_membership
        where ${personIn(sql.raw("person_id"), sel)} and valid_from <= ${on}::date
          and (valid_to is null or valid_to >= ${on}::date)`,
  );
  return new Map(rows.map((r) => [r.person_id, r.household_id]));
}

/** A household's members on a date, with their role and name. */
export async function householdMembersOn(db: Queryable, householdId: number, on: string) {
  return query<{ person_id: number; role: string; given_names: string; family_name: string }>(
    db,
    sql`select m.person_id, m.role, p.given_names, p.family_name
        from household_membership m join person p on p.id = m.person_id
        where m.household_id = ${householdId} and m.valid_from <= ${on}::date
          and (m.valid_to is null or m.valid_to >= ${on}::date)
        order by m.person_id`,
  );
}

/** Persons with income from work in the months from `fromMonth` (first day) on. */
export async function personsWithWork(
  db: Queryable,
  sel: PersonSelector,
  fromMonth: string,
): Promise<Set<number>> {
  if (isEmpty(sel)) return new Set();
  const rows = await query<{ person_id: number }>(
    db,
    sql`select distinct person_id from income
        where ${personIn(sql.raw("person_id"), sel)} and kind = 'work' and month >= ${fromMonth}::date
          and net_cents > 0`,
  );
  return new Set(rows.map((r) => r.person_id));
}

/** A municipality's persons (or all, for the national count) with names for worklists. */
export interface CohortPersonRow {
  id: number;
  gemeente_code: string;
  family_name: string;
  given_names: string;
  birth_date: string;
}

export async function cohortPersons(
  db: Queryable,
  gemeente: string | null,
): Promise<CohortPersonRow[]> {
  return query<CohortPersonRow>(
    db,
    sql`select id, gemeente_code, family_name, given_names, birth_date from person
        ${gemeente === null ? sql`` : sql`where gemeente_code = ${gemeente}`}
        order by id`,
  );
}

/** The municipality's persons with what the IND export carries. */
export async function exportPersons(db: Queryable, gemeente: string) {
  return query<{
    id: number;
    bsn: string | null;
    v_number: string | null;
    family_name: string;
    given_names: string;
    birth_date: string;
    nationality_code: string;
    gemeente_code: string;
  }>(
    db,
    sql`select id, bsn, v_number, family_name, given_names, birth_date, nationality_code, gemeente_code
        from person where gemeente_code = ${gemeente} order by family_name, given_names, id`,
  );
}

/** Person ids by BSN, of the municipality's persons only. */
export async function personsByBsn(
  db: Queryable,
  gemeente: string,
  bsns: readonly string[],
): Promise<Map<string, number>> {
  if (bsns.length === 0) return new Map();
  const rows = await query<{ id: number; bsn: string }>(
    db,
    sql`select id, bsn from person where gemeente_code = ${gemeente}
          and bsn = any(${`{${bsns.join(",")}}`}::text[])`,
  );
  return new Map(rows.map((r) => [r.bsn, r.id]));
}

/** Municipality names by CBS code (reference data, public). */
export async function gemeenteNames(db: Queryable): Promise<Map<string, string>> {
  const rows = await query<{ code: string; name: string }>(
    db,
    sql`select code, name from gemeente`,
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}

// --- Writes ---------------------------------------------------------------------------

export async function lockPerson(db: Queryable, personId: number) {
  await db.execute(sql`select id from person where id = ${personId} for no key update`);
}

export async function insertStatus(
  db: Queryable,
  s: {
    personId: number;
    kind: ResidenceStatusKind;
    from: string;
    to: string | null;
    endReason: StatusEndReason | null;
    source: string;
    recordedBy: number | null;
  },
): Promise<number> {
  const [row] = await query<{ id: number }>(
    db,
    sql`insert into residence_status (person_id, kind, valid_from, valid_to, end_reason, source, recorded_by)
        values (${s.personId}, ${s.kind}, ${s.from}::date, ${s.to}::date, ${s.endReason}, ${s.source}, ${s.recordedBy})
        returning id`,
  );
  return row!.id;
}

export async function deleteStatus(db: Queryable, id: number) {
  await db.execute(sql`delete from residence_status where id = ${id}`);
}

export async function endStatus(
  db: Queryable,
  id: number,
  to: string,
  endReason: StatusEndReason | null,
) {
  await db.execute(
    sql`update residence_status set valid_to = ${to}::date, end_reason = ${endReason} where id = ${id}`,
  );
}

/** Upserts the person's transitiedocument facts when the version still matches (0: new). */
export async function savePersonTransition(
  db: Queryable,
  personId: number,
  version: number,
  v: {
    publicOrder: PublicOrderStatus | null;
    publicOrderOn: string | null;
    asylumWithdrawn: boolean | null;
    asylumWithdrawnOn: string | null;
    indDecision: IndDecision | null;
    indDecisionOn: string | null;
    indReference: string | null;
    educationLevel: EducationLevel | null;
  },
  by: number | null,
): Promise<number | undefined> {
  if (version === 0) {
    const [row] = await query<{ version: number }>(
      db,
      sql`insert into person_transition (person_id, public_order, public_order_on, asylum_withdrawn,
            asylum_withdrawn_on, ind_decision, ind_decision_on, ind_reference, education_level,
            updated_by)
          values (${personId}, ${v.publicOrder}, ${v.publicOrderOn}::date, ${v.asylumWithdrawn},
            ${v.asylumWithdrawnOn}::date, ${v.indDecision}, ${v.indDecisionOn}::date,
            ${v.indReference}, ${v.educationLevel}, ${by})
          on conflict (person_id) do nothing returning version`,
    );
    return row?.version;
  }
  const [row] = await query<{ version: number }>(
    db,
    sql`update person_transition set
          public_order = ${v.publicOrder}, public_order_on = ${v.publicOrderOn}::date,
          asylum_withdrawn = ${v.asylumWithdrawn}, asylum_withdrawn_on = ${v.asylumWithdrawnOn}::date,
          ind_decision = ${v.indDecision}, ind_decision_on = ${v.indDecisionOn}::date,
          ind_reference = ${v.indReference}, education_level = ${v.educationLevel},
          updated_by = ${by}, updated_at = now(), version = version + 1
        where person_id = ${personId} and version = ${version}
        returning version`,
  );
  return row?.version;
}

export async function insertInsurance(
  db: Queryable,
  i: {
    personId: number;
    kind: HealthInsuranceKind;
    insurer: string;
    from: string;
    to: string | null;
  },
): Promise<number> {
  const [row] = await query<{ id: number }>(
    db,
    sql`insert into health_insurance (person_id, kind, insurer, valid_from, valid_to)
        values (${i.personId}, ${i.kind}, ${i.insurer}, ${i.from}::date, ${i.to}::date)
        returning id`,
  );
  return row!.id;
}

export async function saveHouseholdTransition(
  db: Queryable,
  householdId: number,
  version: number,
  v: Omit<HouseholdTransitionRow, "household_id" | "version">,
  by: number | null,
): Promise<number | undefined> {
  const values = sql`${v.participatiewet_filed_on}::date, ${v.participatiewet_decided_on}::date,
    ${v.participatiewet_outcome}, ${v.housing_plan}, ${v.housing_from}::date, ${v.rent_cents}::int, ${by}::int`;
  if (version === 0) {
    const [row] = await query<{ version: number }>(
      db,
      sql`insert into household_transition (household_id, participatiewet_filed_on,
            participatiewet_decided_on, participatiewet_outcome, housing_plan, housing_from,
            rent_cents, updated_by)
          values (${householdId}, ${values})
          on conflict (household_id) do nothing returning version`,
    );
    return row?.version;
  }
  const [row] = await query<{ version: number }>(
    db,
    sql`update household_transition set
          (participatiewet_filed_on, participatiewet_decided_on, participatiewet_outcome,
           housing_plan, housing_from, rent_cents, updated_by) = (${values}),
          updated_at = now(), version = version + 1
        where household_id = ${householdId} and version = ${version}
        returning version`,
  );
  return row?.version;
}

export interface TransformationRow {
  location_id: number;
  transformable: boolean;
  transform_from: string | null;
  note: string | null;
  version: number;
}

export async function transformationsOf(
  db: Queryable,
  gemeente: string,
): Promise<(TransformationRow & { name: string })[]> {
  return query(
    db,
    sql`select l.id as location_id, l.name, t.transformable, t.transform_from::text as transform_from,
          t.note, coalesce(t.version, 0) as version
        from location l left join location_transformation t on t.location_id = l.id
        where l.gemeente_code = ${gemeente} order by l.name, l.id`,
  );
}

export async function saveTransformation(
  db: Queryable,
  locationId: number,
  version: number,
  v: { transformable: boolean; transformFrom: string | null; note: string | null },
): Promise<number | undefined> {
  if (version === 0) {
    const [row] = await query<{ version: number }>(
      db,
      sql`insert into location_transformation (location_id, transformable, transform_from, note)
          values (${locationId}, ${v.transformable}, ${v.transformFrom}::date, ${v.note})
          on conflict (location_id) do nothing returning version`,
    );
    return row?.version;
  }
  const [row] = await query<{ version: number }>(
    db,
    sql`update location_transformation set transformable = ${v.transformable},
          transform_from = ${v.transformFrom}::date, note = ${v.note}, updated_at = now(),
          version = version + 1
        where location_id = ${locationId} and version = ${version} returning version`,
  );
  return row?.version;
}

export interface ScenarioRow {
  parameter: string;
  value: string;
  note: string | null;
  set_at: string;
  set_by: string | null;
}

export async function scenarioValues(db: Queryable): Promise<ScenarioRow[]> {
  return query<ScenarioRow>(
    db,
    sql`select s.parameter, s.value, s.note, s.set_at::text as set_at, u.username as set_by
        from law_scenario s left join app_user u on u.id = s.set_by order by s.parameter`,
  );
}

export async function setScenario(
  db: Queryable,
  parameter: string,
  value: string | null,
  note: string | null,
  by: number,
) {
  if (value === null) {
    await db.execute(sql`delete from law_scenario where parameter = ${parameter}`);
    return;
  }
  await db.execute(
    sql`insert into law_scenario (parameter, value, note, set_by) values (${parameter}, ${value}, ${note}, ${by})
        on conflict (parameter) do update set value = excluded.value, note = excluded.note,
          set_by = excluded.set_by, set_at = now()`,
  );
}
