import { sql } from "drizzle-orm";
import { type Queryable, query } from "../../db/connection";
import type { decisionKinds } from "../../db/schema";
import type { LawFile } from "../../rules/lawbook";

export type DecisionKind = (typeof decisionKinds)[number];

/**
 * Stores the law files under their hash unless that hash is stored already. The lookup
 * comes first so that a decision does not send the whole of law/ (about 30 kB) each time.
 */
export async function ensureLawVersion(db: Queryable, hash: string, files: readonly LawFile[]) {
  const [known] = await query<{ one: number }>(
    db,
    sql`select 1 as one from law_version where hash = ${hash}`,
  );
  if (known) return;
  await db.execute(
    sql`insert into law_version (hash, files)
        values (${hash}, ${JSON.stringify(files.map((f) => ({ path: f.path, text: f.text })))}::jsonb)
        on conflict (hash) do nothing`,
  );
}

export async function lawFilesOf(db: Queryable, hash: string): Promise<LawFile[] | null> {
  const [row] = await query<{ files: LawFile[] }>(
    db,
    sql`select files from law_version where hash = ${hash}`,
  );
  return row?.files ?? null;
}

export interface NewDecision {
  householdId: number;
  gemeenteCode: string;
  /** YYYY-MM */
  month: string;
  kind: DecisionKind;
  reason: string | null;
  inputs: unknown;
  result: unknown;
  trace: unknown;
  lawHash: string;
  engineVersion: string;
  decidedBy: number | null;
}

export async function insertDecision(db: Queryable, d: NewDecision) {
  const [row] = await query<{ id: number; decided_at: string }>(
    db,
    sql`insert into decision (household_id, gemeente_code, month, kind, reason, inputs, result,
          trace, law_hash, engine_version, decided_by)
        values (${d.householdId}, ${d.gemeenteCode}, ${`${d.month}-01`}::date, ${d.kind},
          ${d.reason}, ${JSON.stringify(d.inputs)}::jsonb, ${JSON.stringify(d.result)}::jsonb,
          ${JSON.stringify(d.trace)}::jsonb, ${d.lawHash}, ${d.engineVersion}, ${d.decidedBy})
        returning id, decided_at`,
  );
  return { id: row!.id, decidedAt: row!.decided_at };
}

/** A decision as listed: the amounts, not the inputs or the trace. */
export interface DecisionSummaryRow {
  id: number;
  household_id: number;
  month: string;
  kind: DecisionKind;
  reason: string | null;
  leefgeld_paid_cents: number;
  eigen_bijdrage_charged_cents: number;
  law_hash: string;
  engine_version: string;
  decided_by: string | null;
  decided_at: string;
}

const summaryColumns = sql`d.id, d.household_id, to_char(d.month, 'YYYY-MM') as month, d.kind,
  d.reason, coalesce((d.result #>> '{leefgeld,paidCents}')::int, 0) as leefgeld_paid_cents,
  coalesce((d.result #>> '{eigenBijdrage,chargedCents}')::int, 0) as eigen_bijdrage_charged_cents,
  d.law_hash, d.engine_version, u.username as decided_by, d.decided_at`;

/** A household's decisions, newest month first and within a month newest first. */
export async function listDecisions(db: Queryable, householdId: number, limit = 500) {
  return query<DecisionSummaryRow>(
    db,
    sql`select ${summaryColumns}
        from decision d left join app_user u on u.id = d.decided_by
        where d.household_id = ${householdId}
        order by d.month desc, d.id desc
        limit ${limit}`,
  );
}

/** The latest decision of each month from `fromMonth` (YYYY-MM) up to, not including, `beforeMonth`. */
export async function latestDecisionPerMonth(
  db: Queryable,
  householdId: number,
  fromMonth: string,
  beforeMonth: string,
) {
  return query<DecisionSummaryRow>(
    db,
    sql`select distinct on (d.month) ${summaryColumns}
        from decision d left join app_user u on u.id = d.decided_by
        where d.household_id = ${householdId}
          and d.month >= ${`${fromMonth}-01`}::date and d.month < ${`${beforeMonth}-01`}::date
        order by d.month, d.id desc`,
  );
}

export interface DecisionRow extends DecisionSummaryRow {
  gemeente_code: string;
  inputs: unknown;
  result: unknown;
  trace: unknown;
}

/**
 * One decision with its receipt; `gemeenteCode` limits it to the decisions that
 * municipality made and those of its households (after a transfer both the sending and the
 * receiving municipality read it); null: any, for system actions.
 */
export async function findDecision(
  db: Queryable,
  id: number,
  gemeenteCode: string | null,
): Promise<DecisionRow | undefined> {
  const [row] = await query<DecisionRow>(
    db,
    sql`select ${summaryColumns}, d.gemeente_code, d.inputs, d.result, d.trace
        from decision d
        join household h on h.id = d.household_id
        left join app_user u on u.id = d.decided_by
        where d.id = ${id}
          ${gemeenteCode === null ? sql`` : sql`and (h.gemeente_code = ${gemeenteCode} or d.gemeente_code = ${gemeenteCode})`}`,
  );
  return row;
}

/** Everyone who was ever a member of the household: whose data its decisions hold. */
export async function memberIdsOfHousehold(db: Queryable, householdId: number) {
  const rows = await query<{ person_id: number }>(
    db,
    sql`select distinct person_id from household_membership where household_id = ${householdId}`,
  );
  return rows.map((r) => r.person_id);
}
