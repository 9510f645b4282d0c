import { and, asc, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
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
// Each column travels as ONE text parameter, its values joined by the unit separator
// (U+001F, which no accepted value contains), and string_to_array() + unnest() turn them
// back into rows inside the database. A statement has a handful of parameters whatever
// the number of rows, never nearing the 65,535 limit, and matching, storing and
// classifying happen in one statement that answers with one text, not a row per row:
// measured on PGlite, decoding 150,000 result rows costs more than storing them.

export const SEPARATOR = "\u001f";

/** Matched rows to store: one array per column, equal lengths. */
export interface ImportColumns {
  personIds: number[];
  /** First days of months, YYYY-MM-01. */
  months: string[];
  netCents: number[];
  kinds: string[];
  payers: string[];
}

/** What one chunk's statement answers (decodeOutcome). */
export interface ImportOutcome {
  /** Positions in the columns of the rows whose stored amount changed (or would). */
  changed: number[];
  /** Positions of the rows whose stored amount is the same: nothing written. */
  same: number[];
  /** Of the BSNs not found in the municipality: those of persons elsewhere. */
  elsewhere: Set<string>;
}

const joined = (values: readonly (string | number)[]) => values.join(SEPARATOR);

/**
 * The municipality's persons with a BSN: person id by BSN (as a number: nine digits fit an
 * int, and number keys hash faster than strings). An import reads it once, after
 * lockImports, and matches its rows on it: one index scan instead of a lookup per row. It
 * travels as one text of `bsn:id` items, cheaper to decode than a result row per person.
 */
export async function municipalityPersonsByBsn(
  db: Queryable,
  gemeenteCode: string,
): Promise<Map<number, number>> {
  const [row] = await query<{ items: string | null }>(
    db,
    sql`select string_agg(bsn || ':' || id::text, ',') as items from person
        where gemeente_code = ${gemeenteCode} and bsn is not null`,
  );
  const persons = new Map<number, number>();
  // Read digit by digit: no string per item.
  const items = row?.items ?? "";
  const COLON = 58;
  const COMMA = 44;
  let at = 0;
  while (at < items.length) {
    let bsn = 0;
    for (
      let ch = items.charCodeAt(at);
      at < items.length && ch !== COLON;
      ch = items.charCodeAt(++at)
    ) {
      bsn = bsn * 10 + ch - 48;
    }
    let id = 0;
    for (
      let ch = items.charCodeAt(++at);
      at < items.length && ch !== COMMA;
      ch = items.charCodeAt(++at)
    ) {
      id = id * 10 + ch - 48;
    }
    persons.set(bsn, id);
    at++; // past the comma
  }
  return persons;
}

/**
 * Settings for the import's transaction only: hash joins, never nested loops, and tables
 * read through their indexes. The statistics of `income` can be far off while imports run:
 * an ANALYZE (autovacuum's) that meets another import's uncommitted rows counts their
 * pages but not the rows, and the planner then takes income for nearly empty. With nested
 * loops allowed it rescanned income for every row of a chunk: 215 s for one statement
 * (plan in docs/performance.md). A hash join costs about the same whatever the estimate.
 */
export async function prepareImportTransaction(db: Queryable) {
  // Room for a chunk's rows in memory (the hash tables and the trigger's new rows).
  await db.execute(sql`set local work_mem = '64MB'`);
  await db.execute(sql`set local enable_nestloop = off`);
  await db.execute(sql`set local enable_seqscan = off`);
}

/**
 * Serialises imports per municipality until the transaction ends, then takes income's
 * lock for imports (migrations 0013, 0014): a person the import reads from here on cannot
 * be deleted before it commits, so its statements need no person check of their own. Call
 * it at READ COMMITTED (the database refuses other levels) before the import reads any
 * person, and write only Inlichtingenbureau incomes of persons read after it. The
 * municipality's lock comes first so that an import waiting for another one holds no lock
 * on income meanwhile.
 */
export async function lockImports(db: Queryable, gemeenteCode: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`income_import:${gemeenteCode}`}))`);
  await db.execute(sql`select income_lock_for_import()`);
}

/**
 * Sends one chunk's statement (importChunkStatement) and answers its outcome, for
 * decodeOutcome: the import reads one chunk's answer while later chunks' statements run.
 */
export async function runImportChunk(
  db: Queryable,
  statement: SQL,
): Promise<{ outcome: string; elsewhere: string }> {
  const [out] = await query<{ outcome: string | null; elsewhere: string | null }>(db, statement);
  return { outcome: out?.outcome ?? "", elsewhere: out?.elsewhere ?? "" };
}

/** The answer of importChunkStatement: `index:c` and `index:s` items, and BSNs. */
export function decodeOutcome(answer: { outcome: string; elsewhere: string }): ImportOutcome {
  const outcome: ImportOutcome = { changed: [], same: [], elsewhere: new Set() };
  for (const item of answer.outcome.split(",")) {
    if (!item) continue;
    const colon = item.indexOf(":");
    const index = Number(item.slice(0, colon));
    if (item[colon + 1] === "c") outcome.changed.push(index);
    else outcome.same.push(index);
  }
  for (const bsn of answer.elsewhere.split(",")) if (bsn) outcome.elsewhere.add(bsn);
  return outcome;
}

/**
 * The statement for one chunk: stores (unless dryRun) the rows matched to the
 * municipality's persons (municipalityPersonsByBsn): new keys inserted, changed amounts
 * updated; an amount equal to the stored one is not touched, so a repeated import changes
 * nothing. When audit is given, the statement also writes the audit record listing the
 * chunk's persons (audit gets their ids as an int[] expression). And it tells which of the
 * BSNs not found in the municipality are persons elsewhere. Run it after
 * prepareImportTransaction and lockImports. Changed/same are classified against the state
 * before the statement (every part of one statement sees the same snapshot), so a dry run
 * answers the same. It answers two texts (decodeOutcome): the positions of changed and
 * same rows (the others are new), and the BSNs found elsewhere.
 */
export function importChunkStatement(
  c: ImportColumns,
  unmatchedBsns: readonly string[],
  dryRun: boolean,
  audit?: (personIds: SQL) => SQL,
): SQL {
  const rows = sql`
    u as materialized (
      select u.person_id, u.month, u.net_cents, u.kind, u.payer, u.ord - 1 as ord
      from unnest(
        string_to_array(${joined(c.personIds)}, ${SEPARATOR})::int[],
        string_to_array(${joined(c.months)}, ${SEPARATOR})::date[],
        string_to_array(${joined(c.netCents)}, ${SEPARATOR})::int[],
        string_to_array(${joined(c.kinds)}, ${SEPARATOR}),
        string_to_array(${joined(c.payers)}, ${SEPARATOR})
      ) with ordinality as u(person_id, month, net_cents, kind, payer, ord)
    ),
    -- The chunk's stored incomes, read through the unique key (= any), so that the join
    -- below is between a chunk's rows, not whole tables.
    i as materialized (
      select id, person_id, month, kind, payer, net_cents from income
      where person_id = any(array(select person_id from u))
        and month = any(array(select distinct month from u))
        and source = 'inlichtingenbureau'
    ),
    m as materialized (
      select u.*, i.net_cents as stored_cents, i.id as income_id
      from u
      left join i on i.person_id = u.person_id and i.month = u.month and i.kind = u.kind
        and i.payer = u.payer
    )`;
  const audited =
    audit && c.personIds.length > 0
      ? sql`,
    audited as (
      ${audit(sql`(select array_agg(distinct person_id order by person_id) from u)`)}
    )`
      : sql``;
  // New rows are inserted and changed amounts updated by id; rows with the same amount are
  // not touched at all. Plain inserts (no ON CONFLICT) are a third faster than an upsert on
  // PGlite; they are safe because importIncomeFile holds the municipality's import lock,
  // and only imports write Inlichtingenbureau rows. Should anything else race, the unique
  // key refuses the statement and the whole import rolls back.
  const write = dryRun
    ? sql``
    : sql`,
    inserted as (
      insert into income (person_id, month, net_cents, kind, source, payer)
      select person_id, month, net_cents, kind, 'inlichtingenbureau', payer
      from m where income_id is null
    ),
    changed as materialized (
      select income_id, net_cents from m where stored_cents <> net_cents
    ),
    updated as (
      -- A new version with every change, as for a correction by hand (API consumers can
      -- tell a row changed), although Inlichtingenbureau rows are never corrected by hand.
      update income set net_cents = changed.net_cents, received_at = now(),
        version = income.version + 1
      from changed
      where income.id = changed.income_id
        and income.id = any(array(select income_id from changed))
    )`;
  return sql`with ${rows}${audited}${write}
        select
          (select string_agg(
             case when stored_cents <> net_cents then ord || ':c' else ord || ':s' end, ',')
           from m where income_id is not null) as outcome,
          (select string_agg(bsn, ',') from person
           where bsn = any(string_to_array(${joined(unmatchedBsns)}, ${SEPARATOR}))) as elsewhere`;
}
