/**
 * The questions of the working day, in SQL: each over one municipality's records only
 * (household.gemeente_code, person.gemeente_code or the account's municipality).
 */
import { sql } from "drizzle-orm";
import { type Queryable, query } from "../../db/connection";

/** A household and the members a worklist item names. */
export interface MemberName {
  personId: number;
  familyName: string;
  givenNames: string;
}

// --- Children turning 18 ------------------------------------------------------------------

export interface BirthdayCandidate {
  person_id: number;
  family_name: string;
  given_names: string;
  birth_date: string;
  household_id: number;
  label: string;
}

/**
 * Current members (on `today`) born in `year` in month `month` or in an unknown month:
 * the service decides who turns 18 in the month by the law's reading of partial dates.
 */
export async function birthdayCandidates(
  db: Queryable,
  gemeente: string,
  today: string,
  year: number,
  month: string,
): Promise<BirthdayCandidate[]> {
  return query<BirthdayCandidate>(
    db,
    sql`select p.id as person_id, p.family_name, p.given_names, p.birth_date,
               h.id as household_id, h.label
        from household h
        join household_membership m on m.household_id = h.id
        join person p on p.id = m.person_id
        where h.gemeente_code = ${gemeente} and p.gemeente_code = ${gemeente}
          and m.valid_from <= ${today}::date and (m.valid_to is null or m.valid_to >= ${today}::date)
          and substr(p.birth_date, 1, 4) = ${String(year).padStart(4, "0")}
          and substr(p.birth_date, 6, 2) in (${month}, '00')`,
  );
}

// --- Placements ending --------------------------------------------------------------------

export interface EndingRow {
  household_id: number;
  label: string;
  ends_on: string;
  persons: number;
  kinds: string[];
  location_names: string[];
  person_ids: number[];
  total: number;
}

/**
 * Households with a member whose placement ends from `from` to `to` (inclusive) without a
 * placement that follows the next day (a move is no ending), earliest ending first.
 */
export async function placementsEnding(
  db: Queryable,
  gemeente: string,
  from: string,
  to: string,
  page: { limit: number; offset: number },
): Promise<EndingRow[]> {
  return query<EndingRow>(
    db,
    sql`with ending as (
          select pl.person_id, pl.kind, pl.valid_to, l.name as location_name
          from placement pl
          join person p on p.id = pl.person_id
          left join location l on l.id = pl.location_id
          where p.gemeente_code = ${gemeente}
            and pl.valid_to between ${from}::date and ${to}::date
            and not exists (select 1 from placement nx
                            where nx.person_id = pl.person_id and nx.valid_from = pl.valid_to + 1)
        ), per_household as (
          select h.id as household_id, h.label, min(e.valid_to) as ends_on,
                 count(distinct e.person_id)::int as persons,
                 array_agg(distinct e.kind) as kinds,
                 coalesce(array_agg(distinct e.location_name)
                   filter (where e.location_name is not null), '{}') as location_names,
                 array_agg(distinct e.person_id) as person_ids
          from ending e
          join household_membership m on m.person_id = e.person_id
            and m.valid_from <= e.valid_to and (m.valid_to is null or m.valid_to >= e.valid_to)
          join household h on h.id = m.household_id and h.gemeente_code = ${gemeente}
          group by h.id, h.label
        )
        select household_id, label, ends_on::text as ends_on, persons, kinds, location_names,
               person_ids, count(*) over ()::int as total
        from per_household
        order by ends_on, label, household_id
        limit ${page.limit} offset ${page.offset}`,
  );
}

export async function countPlacementsEnding(
  db: Queryable,
  gemeente: string,
  from: string,
  to: string,
): Promise<number> {
  const [row] = await query<{ n: number }>(
    db,
    sql`select count(distinct m.household_id)::int as n
        from placement pl
        join person p on p.id = pl.person_id
        join household_membership m on m.person_id = pl.person_id
          and m.valid_from <= pl.valid_to and (m.valid_to is null or m.valid_to >= pl.valid_to)
        join household h on h.id = m.household_id and h.gemeente_code = ${gemeente}
        where p.gemeente_code = ${gemeente}
          and pl.valid_to between ${from}::date and ${to}::date
          and not exists (select 1 from placement nx
                          where nx.person_id = pl.person_id and nx.valid_from = pl.valid_to + 1)`,
  );
  return row?.n ?? 0;
}

// --- Incomes missing ----------------------------------------------------------------------

export interface IncomeMissingRow {
  household_id: number;
  label: string;
  last_month: string;
  persons: MemberName[];
  total: number;
}

/**
 * The missing-income question as SQL: current members (on `today`) with a work income in a
 * month from `fromMonth` up to, not including, `latestMonth`, and no income at all in
 * `latestMonth` (months as first days).
 */
function missingIncome(gemeente: string, today: string, fromMonth: string, latestMonth: string) {
  return sql`select h.id as household_id, h.label, p.id as person_id, p.family_name, p.given_names,
                    (select max(i.month) from income i
                     where i.person_id = p.id and i.kind = 'work' and i.net_cents > 0
                       and i.month >= ${fromMonth}::date and i.month < ${latestMonth}::date) as last_month
             from household h
             join household_membership m on m.household_id = h.id
             join person p on p.id = m.person_id
             where h.gemeente_code = ${gemeente} and p.gemeente_code = ${gemeente}
               and m.valid_from <= ${today}::date and (m.valid_to is null or m.valid_to >= ${today}::date)
               and exists (select 1 from income i
                           where i.person_id = p.id and i.kind = 'work' and i.net_cents > 0
                             and i.month >= ${fromMonth}::date and i.month < ${latestMonth}::date)
               and not exists (select 1 from income i
                               where i.person_id = p.id and i.month = ${latestMonth}::date)`;
}

/** Households with such a member, the longest missing (earliest last income) first. */
export async function incomesMissing(
  db: Queryable,
  gemeente: string,
  today: string,
  fromMonth: string,
  latestMonth: string,
  page: { limit: number; offset: number },
): Promise<IncomeMissingRow[]> {
  return query<IncomeMissingRow>(
    db,
    sql`with missing as (${missingIncome(gemeente, today, fromMonth, latestMonth)})
        select household_id, label, to_char(max(last_month), 'YYYY-MM') as last_month,
               json_agg(json_build_object('personId', person_id, 'familyName', family_name,
                                          'givenNames', given_names)
                        order by family_name, given_names, person_id) as persons,
               count(*) over ()::int as total
        from missing
        group by household_id, label
        order by max(last_month), label, household_id
        limit ${page.limit} offset ${page.offset}`,
  );
}

export async function countIncomesMissing(
  db: Queryable,
  gemeente: string,
  today: string,
  fromMonth: string,
  latestMonth: string,
): Promise<number> {
  const [row] = await query<{ n: number }>(
    db,
    sql`select count(distinct household_id)::int as n
        from (${missingIncome(gemeente, today, fromMonth, latestMonth)}) missing`,
  );
  return row?.n ?? 0;
}

// --- Changes with effect ------------------------------------------------------------------

export interface ChangedHousehold {
  householdId: number;
  label: string;
  /** Decided months whose facts changed after their latest decision. */
  months: number;
  firstMonth: string;
  lastChangeAt: string;
}

/**
 * Households with a decision (the latest of a past month from `fromMonth` up to, not
 * including, `beforeMonth`) whose facts changed after it: a member's income of that month
 * stored or corrected later (income.received_at), or a later change to a member's
 * person, membership, placement, residence status or a deleted income (the audit log's
 * change records; an income import's shared record is left out, the income table says
 * which month it touched). Whether the amounts now differ is for the household page to
 * compute (GET /households/{id}/changes): this is the list of households to look at,
 * earliest month first.
 *
 * Three plain questions joined here rather than in one statement: the planner's guess for
 * a decision table without fresh statistics (PGlite has no autovacuum) turned one
 * statement's joins into nested loops that took 45 s for Amsterdam with three decided
 * months per household; these take about 0.15 s together (docs/performance.md).
 */
export async function changedHouseholds(
  db: Queryable,
  gemeente: string,
  fromMonth: string,
  beforeMonth: string,
): Promise<ChangedHousehold[]> {
  const latest = await query<{
    household_id: number;
    label: string;
    month: string;
    decided_ms: number;
  }>(
    db,
    sql`select distinct on (d.household_id, d.month) d.household_id, h.label,
               to_char(d.month, 'YYYY-MM') as month,
               (extract(epoch from d.decided_at) * 1000)::float8 as decided_ms
        from decision d
        join household h on h.id = d.household_id and h.gemeente_code = ${gemeente}
        where d.gemeente_code = ${gemeente}
          and d.month >= ${fromMonth}::date and d.month < ${beforeMonth}::date
        order by d.household_id, d.month, d.id desc`,
  );
  if (latest.length === 0) return [];
  const ids = `{${[...new Set(latest.map((l) => l.household_id))].join(",")}}`;
  // A filter ahead of the exact comparison below (milliseconds; one less, for the micro ones).
  const earliest = latest.reduce((min, l) => Math.min(min, l.decided_ms), Number.POSITIVE_INFINITY);
  const since = new Date(earliest - 1).toISOString();
  const [facts, incomes] = [
    await query<{ household_id: number; at: string; at_ms: number }>(
      db,
      sql`select m.household_id, max(a.at) as at, (extract(epoch from max(a.at)) * 1000)::float8 as at_ms
          from household_membership m
          join audit_record a on a.person_id = m.person_id
          where m.household_id = any(${ids}::int[])
            and a.action not in ('read', 'search')
            and a.at > ${since}::timestamptz
            and a.entity_type in ('person', 'household', 'income', 'residence_status')
            and (a.entity_type <> 'income' or a.action = 'delete')
          group by m.household_id`,
    ),
    await query<{ household_id: number; month: string; at: string; at_ms: number }>(
      db,
      sql`select m.household_id, to_char(i.month, 'YYYY-MM') as month, max(i.received_at) as at,
                 (extract(epoch from max(i.received_at)) * 1000)::float8 as at_ms
          from (select distinct household_id, person_id from household_membership
                where household_id = any(${ids}::int[])) m
          join income i on i.person_id = m.person_id
          where i.month >= ${fromMonth}::date and i.month < ${beforeMonth}::date
            and i.received_at > ${since}::timestamptz
          group by m.household_id, i.month`,
    ),
  ];
  const factAt = new Map(facts.map((f) => [f.household_id, f]));
  const incomeAt = new Map(incomes.map((i) => [`${i.household_id}/${i.month}`, i]));
  const byHousehold = new Map<number, ChangedHousehold & { lastMs: number }>();
  for (const l of latest) {
    const changes = [factAt.get(l.household_id), incomeAt.get(`${l.household_id}/${l.month}`)]
      .filter((c) => c !== undefined && c.at_ms > l.decided_ms)
      .map((c) => c!);
    if (changes.length === 0) continue;
    const last = changes.reduce((x, y) => (y.at_ms > x.at_ms ? y : x));
    const h = byHousehold.get(l.household_id);
    if (!h) {
      byHousehold.set(l.household_id, {
        householdId: l.household_id,
        label: l.label,
        months: 1,
        firstMonth: l.month,
        lastChangeAt: last.at,
        lastMs: last.at_ms,
      });
      continue;
    }
    h.months += 1;
    if (l.month < h.firstMonth) h.firstMonth = l.month;
    if (last.at_ms > h.lastMs) {
      h.lastChangeAt = last.at;
      h.lastMs = last.at_ms;
    }
  }
  return [...byHousehold.values()]
    .map(({ lastMs: _lastMs, ...h }) => h)
    .sort(
      (a, b) =>
        a.firstMonth.localeCompare(b.firstMonth) ||
        a.label.localeCompare(b.label) ||
        a.householdId - b.householdId,
    );
}

// --- Members of households (for the audit record of a page) -------------------------------

/** Everyone who was ever a member of these households: whose data the page shows. */
export async function memberIds(db: Queryable, householdIds: readonly number[]) {
  if (householdIds.length === 0) return [];
  const rows = await query<{ person_id: number }>(
    db,
    sql`select distinct person_id from household_membership
        where household_id = any(${`{${householdIds.join(",")}}`}::int[])`,
  );
  return rows.map((r) => r.person_id);
}

// --- The municipal admin --------------------------------------------------------------------

export interface UserCounts {
  total: number;
  active: number;
  inactive: number;
  never_signed_in: number;
}

/** The municipality's staff accounts (residents left out). */
export async function userCounts(db: Queryable, gemeente: string): Promise<UserCounts> {
  const [row] = await query<UserCounts>(
    db,
    sql`select count(*)::int as total,
               count(*) filter (where active)::int as active,
               count(*) filter (where not active)::int as inactive,
               count(*) filter (where active and last_sign_in_at is null)::int as never_signed_in
        from app_user where gemeente_code = ${gemeente} and role <> 'resident'`,
  );
  return row ?? { total: 0, active: 0, inactive: 0, never_signed_in: 0 };
}

export interface NeverSignedInRow {
  id: number;
  username: string;
  display_name: string;
  role: string;
  created_at: string;
}

/** Active staff accounts that never signed in, the oldest first. */
export async function neverSignedIn(db: Queryable, gemeente: string, limit: number) {
  return query<NeverSignedInRow>(
    db,
    sql`select id, username, display_name, role, created_at from app_user
        where gemeente_code = ${gemeente} and role <> 'resident' and active
          and last_sign_in_at is null
        order by created_at, id limit ${limit}`,
  );
}

export interface AnomalyRow {
  user_id: number;
  username: string;
  display_name: string;
  role: string;
  day: string;
  reads: number;
  total: number;
}

export type AnomalyKind = "many_reads" | "out_of_hours";

/**
 * Per staff account and day (Europe/Amsterdam) of the period, the reads of personal data
 * (audit records with action read or search that name a person), where the day has more
 * than `manyReads` of them (many_reads), or counting only those before 07:00, from 19:00
 * or at a weekend (out_of_hours). Served by the index on (user_id, at).
 */
function anomalies(
  gemeente: string,
  kind: AnomalyKind,
  from: string,
  to: string,
  manyReads: number,
  hours: { start: number; end: number },
) {
  const local = sql.raw("(a.at at time zone 'Europe/Amsterdam')");
  const outside = sql`(extract(isodow from ${local}) >= 6
                       or extract(hour from ${local}) < ${hours.start}
                       or extract(hour from ${local}) >= ${hours.end})`;
  return sql`select u.id as user_id, u.username, u.display_name, u.role,
                    to_char(${local}, 'YYYY-MM-DD') as day, count(*)::int as reads
             from app_user u
             join audit_record a on a.user_id = u.id
             where u.gemeente_code = ${gemeente} and u.role <> 'resident'
               and a.at >= (${from}::date::timestamp at time zone 'Europe/Amsterdam')
               and a.at < ((${to}::date + 1)::timestamp at time zone 'Europe/Amsterdam')
               and a.action in ('read', 'search')
               and (a.person_id is not null or a.person_ids is not null)
               ${kind === "out_of_hours" ? sql`and ${outside}` : sql``}
             group by u.id, u.username, u.display_name, u.role, to_char(${local}, 'YYYY-MM-DD')
             ${kind === "many_reads" ? sql`having count(*) > ${manyReads}` : sql``}`;
}

/** One page of anomalies, the latest day first and within a day the most reads first. */
export async function listAnomalies(
  db: Queryable,
  gemeente: string,
  kind: AnomalyKind,
  period: { from: string; to: string },
  manyReads: number,
  hours: { start: number; end: number },
  page: { limit: number; offset: number },
): Promise<AnomalyRow[]> {
  return query<AnomalyRow>(
    db,
    sql`select x.*, count(*) over ()::int as total
        from (${anomalies(gemeente, kind, period.from, period.to, manyReads, hours)}) x
        order by x.day desc, x.reads desc, x.user_id
        limit ${page.limit} offset ${page.offset}`,
  );
}

export async function countAnomalies(
  db: Queryable,
  gemeente: string,
  kind: AnomalyKind,
  period: { from: string; to: string },
  manyReads: number,
  hours: { start: number; end: number },
): Promise<number> {
  const [row] = await query<{ n: number }>(
    db,
    sql`select count(*)::int as n
        from (${anomalies(gemeente, kind, period.from, period.to, manyReads, hours)}) x`,
  );
  return row?.n ?? 0;
}
