/**
 * The municipality's households as a list: every household (not only those a search
 * finds), filtered by location, kind of reception, size, income in the latest complete
 * month and contact language, sorted by label, size or arrival, a page at a time. What a
 * page shows is recorded in the audit log for the persons of its households.
 */
import { type SQL, sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { type Db, query } from "../../db/connection";
import { type AccessContext, gemeenteOf, type Language } from "../../domain/access";
import { todayNl } from "../../domain/dates";
import type { PlacementKind } from "../../domain/enums";
import { recordAuditForPersons } from "../audit";

export const HOUSEHOLD_SORTS = ["label", "-label", "size", "-size", "arrival", "-arrival"] as const;
export type HouseholdSort = (typeof HOUSEHOLD_SORTS)[number];

export interface HouseholdListFilter {
  /** A current member placed at this location today. */
  locationId?: number | undefined;
  /** A current member placed in this kind of reception today. */
  reception?: PlacementKind | undefined;
  /** Current members, at least and at most. */
  minSize?: number | undefined;
  maxSize?: number | undefined;
  /** Whether a current member has an income in the latest complete month. */
  income?: "yes" | "no" | undefined;
  /** The household's contact language: the head's (or the first current member's). */
  language?: Language | undefined;
  /** current (default): households with a member today; all: also those that ended. */
  include: "current" | "all";
  sort: HouseholdSort;
  limit: number;
  offset: number;
}

interface Row {
  id: number;
  label: string;
  size: number;
  arrival: string | null;
  kinds: PlacementKind[];
  locations: { id: number; name: string }[];
  income: boolean;
  contact_language: Language | null;
  total: number;
}

const ORDER: Record<HouseholdSort, string> = {
  label: "lower(label), id",
  "-label": "lower(label) desc, id desc",
  size: "size, lower(label), id",
  "-size": "size desc, lower(label), id",
  arrival: "arrival nulls last, lower(label), id",
  "-arrival": "arrival desc nulls last, lower(label), id",
};

/** The latest complete month (the month before today's), as its first day. */
export function latestCompleteMonth(today: string): string {
  return Temporal.PlainDate.from(today).toPlainYearMonth().subtract({ months: 1 }).toString();
}

function listQuery(gemeente: string, today: string, latestMonth: string, f: HouseholdListFilter) {
  const where: SQL[] = [];
  if (f.include === "current") where.push(sql`size > 0`);
  if (f.locationId !== undefined) where.push(sql`${f.locationId}::int = any(location_ids)`);
  if (f.reception !== undefined) where.push(sql`${f.reception}::text = any(kinds)`);
  if (f.minSize !== undefined) where.push(sql`size >= ${f.minSize}`);
  if (f.maxSize !== undefined) where.push(sql`size <= ${f.maxSize}`);
  if (f.income === "yes") where.push(sql`income`);
  if (f.income === "no") where.push(sql`not income`);
  if (f.language !== undefined) where.push(sql`contact_language = ${f.language}`);
  const filter = where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``;
  return sql`with cur as (
      select m.household_id, m.person_id, m.role, m.id as membership_id
      from household_membership m
      join household h on h.id = m.household_id and h.gemeente_code = ${gemeente}
      where m.valid_from <= ${today}::date and (m.valid_to is null or m.valid_to >= ${today}::date)
    ), sizes as (
      select household_id, count(distinct person_id)::int as size from cur group by household_id
    ), languages as (
      select distinct on (c.household_id) c.household_id, p.contact_language
      from cur c join person p on p.id = c.person_id
      order by c.household_id, (c.role = 'head') desc, c.membership_id
    ), places as (
      select c.household_id, array_agg(distinct pl.kind) as kinds,
             array_agg(distinct pl.location_id) filter (where pl.location_id is not null) as location_ids,
             coalesce(jsonb_agg(distinct jsonb_build_object('id', l.id, 'name', l.name))
                      filter (where l.id is not null), '[]'::jsonb) as locations
      from cur c
      join placement pl on pl.person_id = c.person_id
        and pl.valid_from <= ${today}::date and (pl.valid_to is null or pl.valid_to >= ${today}::date)
      left join location l on l.id = pl.location_id
      group by c.household_id
    ), incomes as (
      select distinct c.household_id from cur c
      join income i on i.person_id = c.person_id and i.month = ${`${latestMonth}-01`}::date
    ), arrivals as (
      select m.household_id, min(m.valid_from) as arrival
      from household_membership m
      join household h on h.id = m.household_id and h.gemeente_code = ${gemeente}
      group by m.household_id
    ), list as (
      select h.id, h.label, coalesce(s.size, 0) as size, a.arrival::text as arrival,
             coalesce(pl.kinds, '{}') as kinds, pl.location_ids,
             coalesce(pl.locations, '[]'::jsonb) as locations,
             (i.household_id is not null) as income, lg.contact_language
      from household h
      left join sizes s on s.household_id = h.id
      left join arrivals a on a.household_id = h.id
      left join places pl on pl.household_id = h.id
      left join incomes i on i.household_id = h.id
      left join languages lg on lg.household_id = h.id
      where h.gemeente_code = ${gemeente}
    )
    select id, label, size, arrival, kinds, locations, income, contact_language,
           count(*) over ()::int as total
    from list ${filter}
    order by ${sql.raw(ORDER[f.sort])}
    limit ${f.limit} offset ${f.offset}`;
}

/** The fields a page of the list shows, for its audit record. */
const LIST_FIELDS = ["name", "validFrom", "placement", "income", "contactLanguage"];

export async function listHouseholds(db: Db, actor: AccessContext, f: HouseholdListFilter) {
  const gemeente = gemeenteOf(actor);
  const today = todayNl();
  const latestMonth = latestCompleteMonth(today);
  let rows = await query<Row>(db, listQuery(gemeente, today, latestMonth, f));
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && f.offset > 0) {
    // Past the last page: the total from the first.
    const first = await query<Row>(
      db,
      listQuery(gemeente, today, latestMonth, { ...f, limit: 1, offset: 0 }),
    );
    total = first[0]?.total ?? 0;
    rows = [];
  }
  if (rows.length > 0) {
    const ids = rows.map((r) => r.id);
    const members = await query<{ person_id: number }>(
      db,
      sql`select distinct person_id from household_membership
          where household_id = any(${`{${ids.join(",")}}`}::int[])`,
    );
    await recordAuditForPersons(
      db,
      actor,
      { action: "search", entityType: "household", gemeenteCode: gemeente, fields: LIST_FIELDS },
      members.map((m) => m.person_id),
    );
  }
  return {
    today,
    latestMonth,
    total,
    offset: f.offset,
    limit: f.limit,
    items: rows.map((r) => ({
      id: r.id,
      label: r.label,
      size: r.size,
      arrival: r.arrival,
      receptionKinds: [...r.kinds].sort(),
      locations: [...r.locations].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id),
      incomeInLatestMonth: r.income,
      contactLanguage: r.contact_language,
    })),
  };
}
