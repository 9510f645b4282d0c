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

/** Rows to match and store: one array per column, equal lengths. */
export interface ImportColumns {
  bsns: string[];
  /** First days of months, YYYY-MM-01. */
  months: string[];
  netCents: number[];
  kinds: string[];
  payers: string[];
}

/** Per row (0-based position in the columns) what happened: u(nknown BSN), o(ther
 * municipality), or for a matched row i(nserted), c(hanged) or s(ame), with the person. */
export interface ImportOutcome {
  unknown: number[];
  other: number[];
  matched: { index: number; personId: number; change: "inserted" | "updated" | "unchanged" }[];
}

const joined = (values: readonly (string | number)[]) => values.join(SEPARATOR);
const CHANGES = { i: "inserted", c: "updated", s: "unchanged" } as const;

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
 * Serialises imports per municipality until the transaction ends. First it takes income's
 * lock for imports (migration 0013): a person the import reads from here on cannot be
 * deleted before it commits, so its statements need no person check of their own. Call it
 * before the import reads any person, and write only incomes of persons read after it.
 */
export async function lockImports(db: Queryable, gemeenteCode: string) {
  await db.execute(sql`select income_lock_for_import()`);
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`income_import:${gemeenteCode}`}))`);
}

/**
 * Sends one chunk's statement (importChunkStatement) and answers its outcome text, for
 * decodeOutcome: the import reads one chunk's answer while the next chunk's statement runs.
 */
export async function runImportChunk(db: Queryable, statement: SQL): Promise<string> {
  const [out] = await query<{ outcome: string | null }>(db, statement);
  return out?.outcome ?? "";
}

/** The outcome text of importChunkStatement: `index:code[:personId]` items. */
export function decodeOutcome(text: string): ImportOutcome {
  const outcome: ImportOutcome = { unknown: [], other: [], matched: [] };
  for (const item of text.split(",")) {
    if (!item) continue;
    const [index, code, personId] = item.split(":");
    if (code === "u") outcome.unknown.push(Number(index));
    else if (code === "o") outcome.other.push(Number(index));
    else {
      const change = CHANGES[code as keyof typeof CHANGES];
      outcome.matched.push({ index: Number(index), personId: Number(personId), change });
    }
  }
  return outcome;
}

/**
 * The statement for one chunk of at least one row: matches the rows on BSN and, unless
 * dryRun, stores those of persons in the municipality: new keys inserted, changed amounts
 * updated; an amount equal to the stored one is not touched, so a repeated import changes
 * nothing. Run it after prepareImportTransaction and lockImports. Inserted/updated are
 * classified against the state before the statement (every part of one statement sees the
 * same snapshot), so a dry run answers the same. It answers one text of
 * `index:code[:personId]` items (decodeOutcome): cheaper to decode than a row per row.
 */
export function importChunkStatement(gemeenteCode: string, c: ImportColumns, dryRun: boolean): SQL {
  const rows = sql`
    u as materialized (
      select u.bsn, u.month, u.net_cents, u.kind, u.payer, u.ord - 1 as ord
      from unnest(
        string_to_array(${joined(c.bsns)}, ${SEPARATOR}),
        string_to_array(${joined(c.months)}, ${SEPARATOR})::date[],
        string_to_array(${joined(c.netCents)}, ${SEPARATOR})::int[],
        string_to_array(${joined(c.kinds)}, ${SEPARATOR}),
        string_to_array(${joined(c.payers)}, ${SEPARATOR})
      ) with ordinality as u(bsn, month, net_cents, kind, payer, ord)
    ),
    -- The chunk's persons and their stored incomes, each read through an index (= any), so
    -- that the joins below are between a chunk's rows, not whole tables.
    p as materialized (
      select id, bsn, gemeente_code from person where bsn = any(array(select bsn from u))
    ),
    i as materialized (
      select id, person_id, month, kind, payer, net_cents from income
      where person_id = any(array(select id from p))
        and month = any(array(select distinct month from u))
        and source = 'inlichtingenbureau'
    ),
    m as materialized (
      select u.*, p.id as person_id, p.gemeente_code, i.net_cents as stored_cents, i.id as income_id
      from u
      left join p on p.bsn = u.bsn
      left join i on i.person_id = p.id and i.month = u.month and i.kind = u.kind
        and i.payer = u.payer
    )`;
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
      from m where gemeente_code = ${gemeenteCode} and income_id is null
    ),
    changed as materialized (
      select income_id, net_cents from m
      where gemeente_code = ${gemeenteCode} and stored_cents <> net_cents
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
  return sql`with ${rows}${write}
        select string_agg(
          case
            when person_id is null then ord || ':u'
            when gemeente_code <> ${gemeenteCode} then ord || ':o'
            when income_id is null then ord || ':i:' || person_id
            when stored_cents <> net_cents then ord || ':c:' || person_id
            else ord || ':s:' || person_id
          end, ',') as outcome
        from m`;
}
