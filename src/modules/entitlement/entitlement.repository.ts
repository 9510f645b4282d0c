import { type SQL, sql } from "drizzle-orm";
import { type Queryable, query } from "../../db/connection";
import type { IncomeKind, IncomeSource, MembershipRole, PlacementKind } from "../../domain/enums";

/** One member's presence in reception during a month, with the kind of reception. */
export interface PresenceRow {
  household_id: number;
  person_id: number;
  birth_date: string;
  given_names: string;
  family_name: string;
  role: MembershipRole;
  from_date: string;
  to_date: string;
  kind: PlacementKind;
  catering: boolean | null;
}

/** Whose presence to read: one household, or a municipality's households (some of them). */
export type PresenceScope =
  | { householdId: number }
  | { gemeente: string; householdIds?: readonly number[] | undefined };

const intArray = (list: readonly number[]) => sql`${`{${list.join(",")}}`}::int[]`;

/**
 * Members of households in a month, each joined with the placements that overlap both
 * the membership and the month, and a GOO placement with its location's catering periods:
 * a member counts on the days they belong to the household AND live in reception. One row
 * per membership × placement × catering piece, ordered by household, person and day (the
 * rules take the role of the stay that ends last; the tie-breakers keep equal ends stable).
 */
export async function presenceInMonth(
  db: Queryable,
  scope: PresenceScope,
  first: string,
  last: string,
): Promise<PresenceRow[]> {
  let where: SQL;
  if ("householdId" in scope) {
    where = sql`hm.household_id = ${scope.householdId}`;
  } else {
    if (scope.householdIds?.length === 0) return [];
    // The municipality's households of the month: with it on the month's first day.
    where = sql`hm.household_id in (select household_id from household_gemeente
      where gemeente_code = ${scope.gemeente}
        and (valid_from is null or valid_from <= ${first}::date)
        and (valid_to is null or valid_to >= ${first}::date))`;
    if (scope.householdIds) {
      where = sql`${where} and hm.household_id = any(${intArray(scope.householdIds)})`;
    }
  }
  return query<PresenceRow>(
    db,
    sql`select hm.household_id, p.id as person_id, p.birth_date, p.given_names, p.family_name,
          hm.role,
          greatest(hm.valid_from, pl.valid_from, k.valid_from, ${first}::date)::text as from_date,
          least(coalesce(hm.valid_to, ${last}::date), coalesce(pl.valid_to, ${last}::date),
                coalesce(k.valid_to, ${last}::date), ${last}::date)::text as to_date,
          pl.kind, k.catering
        from household_membership hm
        join person p on p.id = hm.person_id
        join placement pl on pl.person_id = hm.person_id
          and daterange(pl.valid_from, pl.valid_to, '[]') && daterange(hm.valid_from, hm.valid_to, '[]')
          and daterange(pl.valid_from, pl.valid_to, '[]') && daterange(${first}::date, ${last}::date, '[]')
        left join location_catering k on k.location_id = pl.location_id
          and daterange(k.valid_from, k.valid_to, '[]') && daterange(pl.valid_from, pl.valid_to, '[]')
          and daterange(k.valid_from, k.valid_to, '[]') && daterange(hm.valid_from, hm.valid_to, '[]')
          and daterange(k.valid_from, k.valid_to, '[]') && daterange(${first}::date, ${last}::date, '[]')
        where ${where}
          and daterange(hm.valid_from, hm.valid_to, '[]') && daterange(${first}::date, ${last}::date, '[]')
        order by hm.household_id, p.id, from_date, to_date, hm.id, pl.id, k.id`,
  );
}

export interface IncomeRow {
  person_id: number;
  kind: IncomeKind;
  source: IncomeSource;
  net_cents: number;
}

/**
 * Every income recorded for the persons in a month, with its kind and source: which of
 * them counts is the rules' choice (rooo.income.source-precedence), not this query's.
 * One array parameter, so a municipality's thousands of persons are one short statement.
 */
export async function incomesInMonth(
  db: Queryable,
  personIds: readonly number[],
  month: string,
): Promise<IncomeRow[]> {
  if (personIds.length === 0) return [];
  return query<IncomeRow>(
    db,
    sql`select person_id, kind, source, net_cents from income
        where month = ${month}::date and person_id = any(${intArray(personIds)})
        order by person_id, kind, source`,
  );
}

export interface Baseline {
  month: string;
  leefgeld_paid_cents: number;
  eigen_bijdrage_charged_cents: number;
}

export async function baselines(db: Queryable, householdId: number): Promise<Baseline[]> {
  return query<Baseline>(
    db,
    sql`select month::text as month, leefgeld_paid_cents, eigen_bijdrage_charged_cents
        from entitlement_baseline where household_id = ${householdId} order by month`,
  );
}

export async function upsertBaseline(
  db: Queryable,
  householdId: number,
  month: string,
  leefgeldPaidCents: number,
  eigenBijdrageChargedCents: number,
  acknowledgedBy: number | null,
) {
  await db.execute(
    sql`insert into entitlement_baseline
          (household_id, month, leefgeld_paid_cents, eigen_bijdrage_charged_cents, acknowledged_by)
        values (${householdId}, ${month}::date, ${leefgeldPaidCents}, ${eigenBijdrageChargedCents}, ${acknowledgedBy})
        on conflict (household_id, month) do update set
          leefgeld_paid_cents = excluded.leefgeld_paid_cents,
          eigen_bijdrage_charged_cents = excluded.eigen_bijdrage_charged_cents,
          acknowledged_by = excluded.acknowledged_by, recorded_at = now()`,
  );
}

/** The first month the household had a member in reception, or null. */
export async function firstMonthInReception(db: Queryable, householdId: number) {
  const [row] = await query<{ first: string | null }>(
    db,
    sql`select to_char(min(greatest(hm.valid_from, pl.valid_from)), 'YYYY-MM') as first
        from household_membership hm
        join placement pl on pl.person_id = hm.person_id
          and daterange(pl.valid_from, pl.valid_to, '[]') && daterange(hm.valid_from, hm.valid_to, '[]')
        where hm.household_id = ${householdId}`,
  );
  return row?.first ?? null;
}

/** Everyone who was ever a member of the household. */
export async function memberIdsOfHousehold(db: Queryable, householdId: number) {
  const rows = await query<{ person_id: number }>(
    db,
    sql`select distinct person_id from household_membership where household_id = ${householdId}`,
  );
  return rows.map((r) => r.person_id);
}

/**
 * The municipality responsible for the household on a day (CBS code), whose recorded
 * policy applies; null when there is no such household.
 */
export async function gemeenteOfHousehold(db: Queryable, householdId: number, on: string) {
  const [row] = await query<{ gemeente_code: string }>(
    db,
    sql`select gemeente_code from household_gemeente
        where household_id = ${householdId}
          and (valid_from is null or valid_from <= ${on}::date)
          and (valid_to is null or valid_to >= ${on}::date)`,
  );
  return row?.gemeente_code ?? null;
}
