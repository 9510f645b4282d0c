import { and, asc, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import { PgliteDatabase, PgliteTransaction } from "drizzle-orm/pglite";
import { type Queryable, query } from "../../db/connection";
import { income, type incomeKinds, type incomeSources, person } from "../../db/schema";

export type IncomeRow = typeof income.$inferSelect;
export type IncomeKind = (typeof incomeKinds)[number];
export type IncomeSource = (typeof incomeSources)[number];
export type NewIncome = Omit<typeof income.$inferInsert, "id" | "receivedAt" | "version">;

/** The person's id when the person belongs to the municipality; undefined otherwise. */
export async function findPersonId(db: Queryable, id: number, gemeenteCode: string) {
  const [row] = await db
    .select({ id: person.id })
    .from(person)
    .where(and(eq(person.id, id), eq(person.gemeenteCode, gemeenteCode)));
  return row?.id;
}

/** One income, only when its person belongs to the municipality. */
export async function findIncome(db: Queryable, id: number, gemeenteCode: string) {
  const [row] = await db
    .select({ income })
    .from(income)
    .innerJoin(person, eq(person.id, income.personId))
    .where(and(eq(income.id, id), eq(person.gemeenteCode, gemeenteCode)));
  return row?.income;
}

/** The income with the same unique key (payer null matches null: NULLS NOT DISTINCT). */
export async function findIncomeByKey(
  db: Queryable,
  k: Pick<NewIncome, "personId" | "month" | "kind" | "source" | "payer">,
) {
  const [row] = await db
    .select()
    .from(income)
    .where(
      and(
        eq(income.personId, k.personId),
        eq(income.month, k.month),
        eq(income.kind, k.kind),
        eq(income.source, k.source),
        sql`${income.payer} is not distinct from ${k.payer ?? null}`,
      ),
    );
  return row;
}

export async function insertIncome(db: Queryable, row: NewIncome): Promise<IncomeRow> {
  const [inserted] = await db.insert(income).values(row).returning();
  return inserted!;
}

/** Updates when the version still matches; undefined when someone else was first. */
export async function updateIncome(
  db: Queryable,
  id: number,
  version: number,
  changes: Partial<NewIncome>,
): Promise<IncomeRow | undefined> {
  const [row] = await db
    .update(income)
    .set({ ...changes, receivedAt: sql`now()`, version: sql`${income.version} + 1` })
    .where(and(eq(income.id, id), eq(income.version, version)))
    .returning();
  return row;
}

/** Deletes when the version still matches; false when someone else was first. */
export async function deleteIncome(db: Queryable, id: number, version: number) {
  const deleted = await db
    .delete(income)
    .where(and(eq(income.id, id), eq(income.version, version)))
    .returning({ id: income.id });
  return deleted.length > 0;
}

/** A person's incomes, newest month first; from/to are first days of months, inclusive. */
export async function incomesOfPerson(
  db: Queryable,
  personId: number,
  from?: string,
  to?: string,
): Promise<IncomeRow[]> {
  const where = [eq(income.personId, personId)];
  if (from) where.push(gte(income.month, from));
  if (to) where.push(lte(income.month, to));
  return db
    .select()
    .from(income)
    .where(and(...where))
    .orderBy(desc(income.month), asc(income.kind), asc(income.source), asc(income.id));
}

// --- Bulk import ----------------------------------------------------------------------
// An import stages its checked rows in a temporary table (stageRows), then one statement
// (mergeStagedStatement) matches them on the persons, stores them with INSERT … ON CONFLICT
// … DO UPDATE … WHERE changed, and answers what it did per line. The foreign key
// income → person checks every row it writes.

/** One checked row of the file, as staged. */
export interface StagedRow {
  line: number;
  bsn: string;
  /** First day of the month, YYYY-MM-01. */
  month: string;
  netCents: number;
  kind: IncomeKind;
  payer: string;
}

/**
 * Serialises imports per municipality until the transaction ends: two imports of one file
 * cannot interleave. Dry runs do not take it.
 */
export async function lockImports(db: Queryable, gemeenteCode: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`income_import:${gemeenteCode}`}))`);
}

/**
 * The staging table of this transaction; dropped when it ends. The merge keeps a file's
 * rows in memory (its CTEs and the join with person) with room to spare: with the default
 * 4 MB they went to disk.
 */
export async function createStaging(db: Queryable) {
  await db.execute(sql`set local work_mem = '64MB'`);
  await db.execute(sql`
    create temporary table income_staging (
      line integer not null,
      bsn text not null,
      month date not null,
      net_cents integer not null,
      kind text not null,
      payer text not null
    ) on commit drop`);
}

/**
 * Adds rows to the staging table. PGlite: COPY from a blob (its /dev/blob device).
 * PostgreSQL: one INSERT whose columns each travel as one text parameter, split by
 * string_to_array (the node driver has no COPY FROM STDIN without pg-copy-streams, which
 * is not a dependency); a handful of parameters whatever the number of rows.
 */
export async function stageRows(db: Queryable, rows: readonly StagedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const lite = pgliteClientOf(db);
  if (lite) {
    let text = "";
    for (const r of rows) {
      // COPY's text format: tabs between fields, a backslash escaped; the payer has no
      // control characters (the parser refuses them), the other fields are checked values.
      const payer = r.payer.includes("\\") ? r.payer.replaceAll("\\", "\\\\") : r.payer;
      text += `${r.line}\t${r.bsn}\t${r.month}\t${r.netCents}\t${r.kind}\t${payer}\n`;
    }
    await lite.query(
      "copy income_staging (line, bsn, month, net_cents, kind, payer) from '/dev/blob'",
      [],
      { blob: new Blob([text]) },
    );
    return;
  }
  const lines: number[] = [];
  const bsns: string[] = [];
  const months: string[] = [];
  const cents: number[] = [];
  const kinds: string[] = [];
  const payers: string[] = [];
  for (const r of rows) {
    lines.push(r.line);
    bsns.push(r.bsn);
    months.push(r.month);
    cents.push(r.netCents);
    kinds.push(r.kind);
    payers.push(r.payer);
  }
  // U+001F (unit separator) between values: no accepted value contains it.
  const col = (values: (string | number)[]) => sql`string_to_array(${values.join(SEP)}, ${SEP})`;
  await db.execute(sql`
    insert into income_staging (line, bsn, month, net_cents, kind, payer)
    select * from unnest(${col(lines)}::int[], ${col(bsns)}, ${col(months)}::date[],
      ${col(cents)}::int[], ${col(kinds)}, ${col(payers)})`);
}

const SEP = "\u001f";

interface PgliteQuery {
  query(text: string, params: unknown[], options: { blob: Blob }): Promise<unknown>;
}

/** The PGlite connection (or transaction) under a drizzle handle; undefined for pg. */
function pgliteClientOf(db: Queryable): PgliteQuery | undefined {
  if (!(db instanceof PgliteDatabase || db instanceof PgliteTransaction)) return undefined;
  // drizzle keeps the driver's client private; PGlite's query() takes the blob for COPY.
  return (db as unknown as { session: { client: PgliteQuery } }).session.client;
}

/** What mergeStaged answers. */
export interface MergeOutcome {
  /** Staged rows of the municipality's persons: line, person and what was done. */
  matched: { line: number; personId: number; change: "inserted" | "updated" | "unchanged" }[];
  /** Lines whose BSN is no person of the municipality (unknown, or of another one). */
  notFound: number[];
  /** Persons of other municipalities whose BSN was in the file, by municipality. */
  elsewhere: Map<string, number[]>;
}

/**
 * The one statement that stores the staged rows (unless dryRun) and tells what it did.
 * Rows are matched on BSN to persons of the municipality; each one's stored amount is
 * looked up through the unique key (a subquery per row: an index probe whatever the
 * statistics say), which every part of the statement sees as it was before the statement,
 * so a dry run answers the same as an import. Rows with a new key are inserted, changed
 * amounts replace the stored one with a new version; a row with the amount already stored
 * is not written at all, so a repeated import changes nothing. When audit is given, the
 * statement also writes the audit record listing the matched persons.
 */
export function mergeStagedStatement(
  gemeenteCode: string,
  dryRun: boolean,
  audit?: (personIds: SQL) => SQL,
): SQL {
  const write = dryRun
    ? sql``
    : sql`,
    written as (
      insert into income (person_id, month, net_cents, kind, source, payer)
      select person_id, month, net_cents, kind, 'inlichtingenbureau', payer
      from m where stored_cents is distinct from net_cents
      on conflict on constraint income_unique_per_source do update
        set net_cents = excluded.net_cents, received_at = now(), version = income.version + 1
        where income.net_cents <> excluded.net_cents
    )`;
  const audited = audit
    ? sql`,
    audited as (
      ${audit(sql`(select array_agg(distinct person_id order by person_id) from m)`)}
    )`
    : sql``;
  return sql`
    with s as materialized (
      select s.line, s.month, s.net_cents, s.kind, s.payer, p.id as person_id,
        p.gemeente_code
      from income_staging s left join person p on p.bsn = s.bsn
    ),
    m as materialized (
      select s.line, s.person_id, s.month, s.net_cents, s.kind, s.payer,
        (select i.net_cents from income i
         where i.person_id = s.person_id and i.month = s.month and i.kind = s.kind
           and i.source = 'inlichtingenbureau' and i.payer = s.payer) as stored_cents
      from s where s.gemeente_code = ${gemeenteCode}
    )${write}${audited}
    select
      (select string_agg(line || ':' || person_id || ':' || case
         when stored_cents is null then 'i' when stored_cents <> net_cents then 'c' else 's' end,
         ',') from m) as matched,
      (select string_agg(line::text, ',') from s
       where gemeente_code is distinct from ${gemeenteCode}) as not_found,
      (select string_agg(distinct gemeente_code || ':' || person_id, ',') from s
       where gemeente_code <> ${gemeenteCode}) as elsewhere`;
}

const CHANGES = { i: "inserted", c: "updated", s: "unchanged" } as const;

/** Runs mergeStagedStatement and decodes its answer. */
export async function mergeStaged(db: Queryable, statement: SQL): Promise<MergeOutcome> {
  const [row] = await query<{
    matched: string | null;
    not_found: string | null;
    elsewhere: string | null;
  }>(db, statement);
  const out: MergeOutcome = { matched: [], notFound: [], elsewhere: new Map() };
  for (const item of row?.matched ? row.matched.split(",") : []) {
    const a = item.indexOf(":");
    const b = item.indexOf(":", a + 1);
    out.matched.push({
      line: Number(item.slice(0, a)),
      personId: Number(item.slice(a + 1, b)),
      change: CHANGES[item[b + 1] as keyof typeof CHANGES],
    });
  }
  for (const line of row?.not_found ? row.not_found.split(",") : []) out.notFound.push(+line);
  for (const item of row?.elsewhere ? row.elsewhere.split(",") : []) {
    const [gemeente, personId] = item.split(":") as [string, string];
    const ids = out.elsewhere.get(gemeente) ?? [];
    ids.push(Number(personId));
    out.elsewhere.set(gemeente, ids);
  }
  return out;
}
