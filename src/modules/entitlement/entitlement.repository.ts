import { sql } from "drizzle-orm";
import { type Queryable, query } from "../../db/connection";

/** One member's presence in reception during a month, with the kind of reception. */
export interface PresenceRow {
  person_id: number;
  birth_date: string;
  role: "head" | "partner" | "child" | "guardian";
  from_date: string;
  to_date: string;
  kind: "goo" | "poo";
  catering: boolean | null;
}

/**
 * Members of a household in a month, each joined with the placements that overlap both
 * the membership and the month, and a GOO placement with its location's catering periods:
 * a member counts on the days they belong to the household AND live in reception. One row
 * per membership × placement × catering piece.
 */
export async function presenceInMonth(
  db: Queryable,
  householdId: number,
  first: string,
  last: string,
): Promise<PresenceRow[]> {
  return query<PresenceRow>(
    db,
    sql`select p.id as person_id, p.birth_date, hm.role,
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
        where hm.household_id = ${householdId}
          and daterange(hm.valid_from, hm.valid_to, '[]') && daterange(${first}::date, ${last}::date, '[]')
        order by p.id, from_date`,
  );
}

/**
 * Net income per person for a month. Per kind of income one source counts: a caseworker's
 * figures over the Inlichtingenbureau's over the person's own report. Within that source
 * every payer counts (two employers are two incomes); across sources nothing is added, so
 * a self-report and the bureau's figure for the same work are never summed, even when the
 * payer is written differently or missing.
 */
export async function incomeInMonth(
  db: Queryable,
  personIds: number[],
  month: string,
): Promise<Map<number, number>> {
  if (personIds.length === 0) return new Map();
  const rows = await query<{ person_id: number; cents: number }>(
    db,
    sql`select person_id, sum(net_cents)::int as cents from (
          select person_id, net_cents,
            rank() over (
              partition by person_id, kind
              order by case source when 'caseworker' then 0 when 'inlichtingenbureau' then 1 else 2 end
            ) as precedence
          from income
          where month = ${month}::date
            and person_id in (${sql.join(
              personIds.map((id) => sql`${id}`),
              sql`, `,
            )})
        ) ranked where precedence = 1 group by person_id`,
  );
  return new Map(rows.map((r) => [r.person_id, r.cents]));
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
