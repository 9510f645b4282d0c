import { sql } from "drizzle-orm";
import { type Queryable, query } from "../../db/connection";
import type { Role } from "../../domain/access";
import type { PaymentMethod, RunItemKind, RunStatus } from "../../domain/enums";

const ids = (list: readonly number[]) => sql`${`{${list.join(",")}}`}::int[]`;

// --- Municipal settings and bank accounts ---------------------------------------------

export interface SettingsRow {
  gemeente_code: string;
  gemeente_name: string;
  account_name: string;
  iban: string;
  bic: string | null;
  sender_block: string;
  signature_name: string;
  signature_title: string;
  objection_address: string;
  offset_limit_percent: number | null;
  version: number;
  updated_at: string;
}

export async function findSettings(db: Queryable, gemeente: string) {
  const [row] = await query<SettingsRow>(
    db,
    sql`select s.gemeente_code, g.name as gemeente_name, s.account_name, s.iban, s.bic,
          s.sender_block, s.signature_name, s.signature_title, s.objection_address,
          s.offset_limit_percent, s.version, s.updated_at
        from gemeente_settings s join gemeente g on g.code = s.gemeente_code
        where s.gemeente_code = ${gemeente}`,
  );
  return row;
}

export interface SettingsValues {
  accountName: string;
  iban: string;
  bic: string | null;
  senderBlock: string;
  signatureName: string;
  signatureTitle: string;
  objectionAddress: string;
  offsetLimitPercent: number | null;
}

/** Inserts the first settings (version 1) or updates at the expected version; null: stale. */
export async function saveSettings(
  db: Queryable,
  gemeente: string,
  v: SettingsValues,
  version: number | null,
  userId: number,
) {
  if (version === null) {
    const rows = await query<{ version: number }>(
      db,
      sql`insert into gemeente_settings (gemeente_code, account_name, iban, bic, sender_block,
            signature_name, signature_title, objection_address, offset_limit_percent, updated_by)
          values (${gemeente}, ${v.accountName}, ${v.iban}, ${v.bic}, ${v.senderBlock},
            ${v.signatureName}, ${v.signatureTitle}, ${v.objectionAddress},
            ${v.offsetLimitPercent}, ${userId})
          on conflict (gemeente_code) do nothing
          returning version`,
    );
    return rows[0] ?? null;
  }
  const rows = await query<{ version: number }>(
    db,
    sql`update gemeente_settings set account_name = ${v.accountName}, iban = ${v.iban},
          bic = ${v.bic}, sender_block = ${v.senderBlock}, signature_name = ${v.signatureName},
          signature_title = ${v.signatureTitle}, objection_address = ${v.objectionAddress},
          offset_limit_percent = ${v.offsetLimitPercent}, updated_by = ${userId},
          updated_at = now(), version = version + 1
        where gemeente_code = ${gemeente} and version = ${version}
        returning version`,
  );
  return rows[0] ?? null;
}

export interface BankAccountRow {
  household_id: number;
  payee_person_id: number;
  iban: string;
  version: number;
  updated_at: string;
}

export async function findBankAccount(db: Queryable, householdId: number) {
  const [row] = await query<BankAccountRow>(
    db,
    sql`select household_id, payee_person_id, iban, version, updated_at
        from household_bank_account where household_id = ${householdId}`,
  );
  return row;
}

export async function saveBankAccount(
  db: Queryable,
  householdId: number,
  payeePersonId: number,
  iban: string,
  version: number | null,
  userId: number,
) {
  const rows =
    version === null
      ? await query<{ version: number }>(
          db,
          sql`insert into household_bank_account (household_id, payee_person_id, iban, updated_by)
              values (${householdId}, ${payeePersonId}, ${iban}, ${userId})
              on conflict (household_id) do nothing returning version`,
        )
      : await query<{ version: number }>(
          db,
          sql`update household_bank_account set payee_person_id = ${payeePersonId},
                iban = ${iban}, updated_by = ${userId}, updated_at = now(),
                version = version + 1
              where household_id = ${householdId} and version = ${version}
              returning version`,
        );
  return rows[0] ?? null;
}

export async function deleteBankAccount(db: Queryable, householdId: number, version: number) {
  const rows = await query<{ household_id: number }>(
    db,
    sql`delete from household_bank_account
        where household_id = ${householdId} and version = ${version}
        returning household_id`,
  );
  return rows.length > 0;
}

/** Whether the person is a member of the household on the date (the payee must be). */
export async function isMemberOn(db: Queryable, householdId: number, personId: number, on: string) {
  const rows = await query<{ one: number }>(
    db,
    sql`select 1 as one from household_membership
        where household_id = ${householdId} and person_id = ${personId}
          and valid_from <= ${on}::date and (valid_to is null or valid_to >= ${on}::date)`,
  );
  return rows.length > 0;
}

/** Who an audit record names for a job run on behalf of a user. */
export async function userForAudit(db: Queryable, userId: number) {
  const [u] = await query<{ id: number; username: string; role: Role }>(
    db,
    sql`select id, username, role from app_user where id = ${userId}`,
  );
  return u;
}

export async function userByUsername(db: Queryable, username: string) {
  const [u] = await query<{ id: number; role: Role; gemeente_code: string | null }>(
    db,
    sql`select id, role, gemeente_code from app_user where lower(username) = lower(${username})
          and active`,
  );
  return u;
}

// --- Runs -----------------------------------------------------------------------------

export interface RunRow {
  id: number;
  gemeente_code: string;
  month: string;
  status: RunStatus;
  attempt: number;
  prepared_by: number | null;
  prepared_by_name: string | null;
  prepared_at: string | null;
  approved_by: number | null;
  approved_by_name: string | null;
  approved_at: string | null;
  total_households: number;
  done_households: number;
  cursor_household_id: number;
  problem: string | null;
  worker: string | null;
  heartbeat_at: string | null;
  started_at: string;
  version: number;
}

const runColumns = sql`r.id, r.gemeente_code, to_char(r.month, 'YYYY-MM') as month, r.status,
  r.attempt, r.prepared_by, pu.display_name as prepared_by_name, r.prepared_at, r.approved_by,
  au.display_name as approved_by_name, r.approved_at, r.total_households, r.done_households,
  r.cursor_household_id, r.problem, r.worker, r.heartbeat_at, r.started_at, r.version`;
const runFrom = sql`monthly_run r left join app_user pu on pu.id = r.prepared_by
  left join app_user au on au.id = r.approved_by`;

export async function findRun(db: Queryable, id: number, gemeente: string | null) {
  const [row] = await query<RunRow>(
    db,
    sql`select ${runColumns} from ${runFrom}
        where r.id = ${id} ${gemeente === null ? sql`` : sql`and r.gemeente_code = ${gemeente}`}`,
  );
  return row;
}

export async function findRunOfMonth(db: Queryable, gemeente: string, month: string) {
  const [row] = await query<RunRow>(
    db,
    sql`select ${runColumns} from ${runFrom}
        where r.gemeente_code = ${gemeente} and r.month = ${`${month}-01`}::date`,
  );
  return row;
}

/** Locks the run's row for the rest of the transaction. */
export async function lockRun(db: Queryable, id: number) {
  const [row] = await query<{
    id: number;
    status: RunStatus;
    attempt: number;
    worker: string | null;
  }>(db, sql`select id, status, attempt, worker from monthly_run where id = ${id} for update`);
  return row;
}

export async function listRuns(db: Queryable, gemeente: string, limit: number) {
  return query<RunRow>(
    db,
    sql`select ${runColumns} from ${runFrom}
        where r.gemeente_code = ${gemeente} order by r.month desc limit ${limit}`,
  );
}

/**
 * Creates the run of a month unless it exists (as "failed", attempt 0: not started; the
 * caller starts it in the same transaction); returns the row's id either way.
 */
export async function ensureRun(db: Queryable, gemeente: string, month: string) {
  await db.execute(
    sql`insert into monthly_run (gemeente_code, month, status, attempt)
        values (${gemeente}, ${`${month}-01`}::date, 'failed', 0)
        on conflict (gemeente_code, month) do nothing`,
  );
  const [row] = await query<{ id: number }>(
    db,
    sql`select id from monthly_run where gemeente_code = ${gemeente}
          and month = ${`${month}-01`}::date`,
  );
  return row!.id;
}

/** Empties a draft and starts it anew (the caller holds the run's lock). */
export async function restartRun(
  db: Queryable,
  id: number,
  preparedBy: number | null,
  total: number,
  worker: string,
) {
  await db.execute(sql`delete from monthly_run_item where run_id = ${id}`);
  await db.execute(sql`delete from monthly_run_payment where run_id = ${id}`);
  const [row] = await query<{ attempt: number }>(
    db,
    sql`update monthly_run set status = 'preparing', attempt = attempt + 1,
          prepared_by = ${preparedBy}, prepared_at = now(), total_households = ${total},
          done_households = 0, cursor_household_id = 0, problem = null, worker = ${worker},
          heartbeat_at = now(), started_at = now(), version = version + 1
        where id = ${id} returning attempt`,
  );
  return row!.attempt;
}

/**
 * Claims a preparing run for a worker: when it has none, it is this worker, its worker
 * has not been heard of for `staleSeconds`, or `force` (a person restarting it by hand).
 */
export async function claimRun(
  db: Queryable,
  id: number,
  worker: string,
  staleSeconds: number,
  force: boolean,
) {
  const rows = await query<{ attempt: number }>(
    db,
    sql`update monthly_run set worker = ${worker}, heartbeat_at = now()
        where id = ${id} and status = 'preparing'
          and (${force} or worker is null or worker = ${worker}
               or heartbeat_at < now() - make_interval(secs => ${staleSeconds}))
        returning attempt`,
  );
  return rows[0]?.attempt ?? null;
}

export async function stalePreparingRuns(db: Queryable, staleSeconds: number) {
  const rows = await query<{ id: number }>(
    db,
    sql`select id from monthly_run where status = 'preparing'
          and (worker is null or heartbeat_at < now() - make_interval(secs => ${staleSeconds}))
        order by id`,
  );
  return rows.map((r) => r.id);
}

export async function advanceRun(db: Queryable, id: number, cursor: number, done: number) {
  await db.execute(
    sql`update monthly_run set cursor_household_id = ${cursor},
          done_households = done_households + ${done}, heartbeat_at = now()
        where id = ${id}`,
  );
}

export async function finishRun(db: Queryable, id: number) {
  await db.execute(
    sql`update monthly_run set status = 'prepared', worker = null, heartbeat_at = now(),
          done_households = total_households, version = version + 1
        where id = ${id} and status = 'preparing'`,
  );
}

export async function failRun(db: Queryable, id: number, attempt: number, problem: string) {
  await db.execute(
    sql`update monthly_run set status = 'failed', problem = ${problem}, worker = null,
          version = version + 1
        where id = ${id} and status = 'preparing' and attempt = ${attempt}`,
  );
}

// --- The households a run decides -------------------------------------------------------

const presentIn = (first: string, last: string) => sql`exists (
  select 1 from household_membership hm
  join placement pl on pl.person_id = hm.person_id
    and daterange(pl.valid_from, pl.valid_to, '[]') && daterange(hm.valid_from, hm.valid_to, '[]')
    and daterange(pl.valid_from, pl.valid_to, '[]') && daterange(${first}::date, ${last}::date, '[]')
  where hm.household_id = h.id
    and daterange(hm.valid_from, hm.valid_to, '[]') && daterange(${first}::date, ${last}::date, '[]'))`;

/** Earlier months this municipality decided (another's months are that one's to correct). */
const decidedBetween = (gemeente: string, from: string, before: string) => sql`exists (
  select 1 from decision d where d.household_id = h.id and d.gemeente_code = ${gemeente}
    and d.month >= ${`${from}-01`}::date and d.month < ${`${before}-01`}::date)`;

/**
 * The household is with the municipality on the day (the month's first: the municipality
 * responsible then pays the month; after a transfer the receiving one from the next month).
 */
const withGemeenteOn = (gemeente: string, day: string) => sql`h.id in (
  select household_id from household_gemeente
  where gemeente_code = ${gemeente}
    and (valid_from is null or valid_from <= ${day}::date)
    and (valid_to is null or valid_to >= ${day}::date))`;

export interface Window {
  first: string;
  last: string;
  /** Earlier months looked at for corrections: [from, month). */
  correctionsFrom: string;
  month: string;
}

/**
 * The households a run looks at, in id order after `after`: every household of the
 * municipality with a member in reception in the month, or with a decision of an earlier
 * month in the corrections window (whose amounts may have changed since).
 */
export async function countCandidateHouseholds(db: Queryable, gemeente: string, w: Window) {
  const [row] = await query<{ n: number }>(
    db,
    sql`select count(*)::int as n from household h
        where ${withGemeenteOn(gemeente, w.first)}
          and (${presentIn(w.first, w.last)} or ${decidedBetween(gemeente, w.correctionsFrom, w.month)})`,
  );
  return row!.n;
}

export async function candidateHouseholds(
  db: Queryable,
  gemeente: string,
  w: Window,
  after: number,
) {
  const rows = await query<{ id: number }>(
    db,
    sql`select h.id from household h
        where ${withGemeenteOn(gemeente, w.first)} and h.id > ${after}
          and (${presentIn(w.first, w.last)} or ${decidedBetween(gemeente, w.correctionsFrom, w.month)})
        order by h.id`,
  );
  return rows.map((r) => r.id);
}

export interface LatestDecision {
  id: number;
  household_id: number;
  month: string;
  kind: string;
  law_hash: string;
  inputs: unknown;
  leefgeld_paid_cents: number;
  eigen_bijdrage_charged_cents: number;
}

/** The latest decision of each household and month in [from, before), for the households. */
export async function latestDecisions(
  db: Queryable,
  gemeente: string,
  householdIds: readonly number[],
  from: string,
  before: string,
) {
  if (householdIds.length === 0) return [];
  return query<LatestDecision>(
    db,
    sql`select distinct on (d.household_id, d.month) d.id, d.household_id,
          to_char(d.month, 'YYYY-MM') as month, d.kind, d.law_hash, d.inputs,
          coalesce((d.result #>> '{leefgeld,paidCents}')::int, 0) as leefgeld_paid_cents,
          coalesce((d.result #>> '{eigenBijdrage,chargedCents}')::int, 0) as eigen_bijdrage_charged_cents
        from decision d
        where d.household_id = any(${ids(householdIds)}) and d.gemeente_code = ${gemeente}
          and d.month >= ${`${from}-01`}::date and d.month < ${`${before}-01`}::date
        order by d.household_id, d.month, d.id desc`,
  );
}

export interface HouseholdPaymentFacts {
  household_id: number;
  payee_person_id: number | null;
  iban: string | null;
}

export async function bankAccountsOf(db: Queryable, householdIds: readonly number[]) {
  if (householdIds.length === 0) return [];
  return query<HouseholdPaymentFacts>(
    db,
    sql`select household_id, payee_person_id, iban from household_bank_account
        where household_id = any(${ids(householdIds)})`,
  );
}

/** Members who had work income last month and no income recorded this month. */
export async function incomeMissing(
  db: Queryable,
  personIds: readonly number[],
  month: string,
  previous: string,
) {
  if (personIds.length === 0) return [];
  const rows = await query<{ person_id: number }>(
    db,
    sql`select distinct i.person_id from income i
        where i.person_id = any(${ids(personIds)}) and i.month = ${`${previous}-01`}::date
          and i.kind = 'work'
          and not exists (select 1 from income j where j.person_id = i.person_id
                          and j.month = ${`${month}-01`}::date)`,
  );
  return rows.map((r) => r.person_id);
}

/**
 * Households with a member still registered (membership open at the month's end) whose
 * placement ended during the month without a next one: they may have left reception.
 */
export async function placementEnded(
  db: Queryable,
  householdIds: readonly number[],
  first: string,
  last: string,
) {
  if (householdIds.length === 0) return [];
  const rows = await query<{ household_id: number }>(
    db,
    sql`select distinct hm.household_id from household_membership hm
        join placement pl on pl.person_id = hm.person_id
          and pl.valid_to >= ${first}::date and pl.valid_to < ${last}::date
        where hm.household_id = any(${ids(householdIds)})
          and (hm.valid_to is null or hm.valid_to >= ${last}::date)
          and not exists (select 1 from placement p2 where p2.person_id = hm.person_id
                          and p2.valid_from > pl.valid_to)`,
  );
  return rows.map((r) => r.household_id);
}

// --- Items and payments ----------------------------------------------------------------

export interface NewItem {
  householdId: number;
  month: string;
  kind: RunItemKind;
  inputs: unknown;
  result: unknown;
  trace: unknown;
  lawHash: string;
  engineVersion: string;
  leefgeldCents: number;
  eigenBijdrageCents: number;
  previousDecisionId: number | null;
  previousLeefgeldCents: number | null;
  previousEigenBijdrageCents: number | null;
  changeReasons: string[];
}

export interface NewPayment {
  householdId: number;
  method: PaymentMethod;
  payeePersonId: number | null;
  iban: string | null;
  persons: number;
  leefgeldCents: number;
  eigenBijdrageCents: number;
  backPayCents: number;
  recoveryCents: number;
  offsetCents: number;
  transferCents: number;
  collectCents: number;
  anomalies: string[];
  problem: string | null;
  endToEndId: string;
}

const textArray = (list: readonly string[]) => sql`${`{${list.join(",")}}`}::text[]`;

/** One multi-row insert per table: a batch of a few hundred households. */
export async function insertItems(db: Queryable, runId: number, items: readonly NewItem[]) {
  if (items.length === 0) return;
  const values = items.map(
    (i) => sql`(${runId}, ${i.householdId}, ${`${i.month}-01`}::date, ${i.kind},
      ${JSON.stringify(i.inputs)}::jsonb, ${JSON.stringify(i.result)}::jsonb,
      ${JSON.stringify(i.trace)}::jsonb, ${i.lawHash}, ${i.engineVersion}, ${i.leefgeldCents},
      ${i.eigenBijdrageCents}, ${i.previousDecisionId}, ${i.previousLeefgeldCents},
      ${i.previousEigenBijdrageCents}, ${textArray(i.changeReasons)})`,
  );
  await db.execute(
    sql`insert into monthly_run_item (run_id, household_id, month, kind, inputs, result, trace,
          law_hash, engine_version, leefgeld_cents, eigen_bijdrage_cents, previous_decision_id,
          previous_leefgeld_cents, previous_eigen_bijdrage_cents, change_reasons)
        values ${sql.join(values, sql`, `)}`,
  );
}

export async function insertPayments(
  db: Queryable,
  runId: number,
  payments: readonly NewPayment[],
) {
  if (payments.length === 0) return;
  const values = payments.map(
    (p) => sql`(${runId}, ${p.householdId}, ${p.method}, ${p.payeePersonId}, ${p.iban},
      ${p.persons}, ${p.leefgeldCents}, ${p.eigenBijdrageCents}, ${p.backPayCents},
      ${p.recoveryCents}, ${p.offsetCents}, ${p.transferCents}, ${p.collectCents},
      ${textArray(p.anomalies)}, ${p.problem}, ${p.endToEndId})`,
  );
  await db.execute(
    sql`insert into monthly_run_payment (run_id, household_id, method, payee_person_id, iban,
          persons, leefgeld_cents, eigen_bijdrage_cents, back_pay_cents, recovery_cents,
          offset_cents, transfer_cents, collect_cents, anomalies, problem, end_to_end_id)
        values ${sql.join(values, sql`, `)}`,
  );
}

export interface Totals {
  households: number;
  persons: number;
  leefgeld_cents: number;
  eigen_bijdrage_cents: number;
  back_pay_cents: number;
  recovery_cents: number;
  offset_cents: number;
  transfer_cents: number;
  collect_cents: number;
  sepa_households: number;
  card_or_cash_households: number;
  problems: number;
  with_anomalies: number;
  corrections: number;
}

export async function totals(db: Queryable, runId: number): Promise<Totals> {
  const [row] = await query<Totals>(
    db,
    sql`select count(*)::int as households, coalesce(sum(persons), 0)::int as persons,
          coalesce(sum(leefgeld_cents), 0)::bigint as leefgeld_cents,
          coalesce(sum(eigen_bijdrage_cents), 0)::bigint as eigen_bijdrage_cents,
          coalesce(sum(back_pay_cents), 0)::bigint as back_pay_cents,
          coalesce(sum(recovery_cents), 0)::bigint as recovery_cents,
          coalesce(sum(offset_cents), 0)::bigint as offset_cents,
          coalesce(sum(transfer_cents), 0)::bigint as transfer_cents,
          coalesce(sum(collect_cents), 0)::bigint as collect_cents,
          (count(*) filter (where method = 'sepa' and transfer_cents > 0))::int as sepa_households,
          (count(*) filter (where method = 'card_or_cash' and transfer_cents > 0))::int
            as card_or_cash_households,
          (count(*) filter (where problem is not null))::int as problems,
          (count(*) filter (where cardinality(anomalies) > 0))::int as with_anomalies,
          (select count(*)::int from monthly_run_item i
            where i.run_id = ${runId} and i.kind = 'correction') as corrections
        from monthly_run_payment where run_id = ${runId}`,
  );
  // bigint sums arrive as strings from pg: every figure is a number.
  return Object.fromEntries(
    Object.entries(row!).map(([k, v]) => [k, Number(v)]),
  ) as unknown as Totals;
}

/** A payment's columns as lists and files read them (p: the payment, h: its household, pp: the payee). */
const paymentColumns = sql`p.household_id, h.label, p.method,
  case when pp.id is null then null else pp.given_names || ' ' || pp.family_name end as payee_name,
  p.iban, p.persons, p.leefgeld_cents, p.eigen_bijdrage_cents, p.back_pay_cents,
  p.recovery_cents, p.offset_cents, p.transfer_cents, p.collect_cents, p.end_to_end_id, p.problem`;

export interface PaymentListRow extends FilePaymentRow {
  payee_person_id: number | null;
  anomalies: string[];
  previous_leefgeld_cents: number | null;
  previous_eigen_bijdrage_cents: number | null;
  change_reasons: string[] | null;
  corrections: number;
}

export interface PaymentFilter {
  anomaly?: string | undefined;
  method?: PaymentMethod | undefined;
  changed?: boolean | undefined;
  corrections?: boolean | undefined;
  householdId?: number | undefined;
}

function paymentWhere(runId: number, f: PaymentFilter) {
  const parts = [sql`p.run_id = ${runId}`];
  if (f.anomaly) parts.push(sql`${f.anomaly} = any(p.anomalies)`);
  if (f.method) parts.push(sql`p.method = ${f.method}`);
  if (f.householdId !== undefined) parts.push(sql`p.household_id = ${f.householdId}`);
  if (f.changed) {
    parts.push(sql`(i.id is null or i.previous_leefgeld_cents is distinct from i.leefgeld_cents
      or i.previous_eigen_bijdrage_cents is distinct from i.eigen_bijdrage_cents)`);
  }
  if (f.corrections) {
    parts.push(sql`exists (select 1 from monthly_run_item c where c.run_id = p.run_id
      and c.household_id = p.household_id and c.kind = 'correction')`);
  }
  return sql.join(parts, sql` and `);
}

/** The run's households, in id order, one page (limit + 1 rows: another page follows). */
export async function listPayments(
  db: Queryable,
  runId: number,
  f: PaymentFilter,
  limit: number,
  offset: number,
) {
  return query<PaymentListRow>(
    db,
    sql`select ${paymentColumns}, p.payee_person_id, p.anomalies, i.previous_leefgeld_cents,
          i.previous_eigen_bijdrage_cents, i.change_reasons,
          (select count(*)::int from monthly_run_item c where c.run_id = p.run_id
            and c.household_id = p.household_id and c.kind = 'correction') as corrections
        from monthly_run_payment p
        join household h on h.id = p.household_id
        left join person pp on pp.id = p.payee_person_id
        left join monthly_run_item i on i.run_id = p.run_id and i.household_id = p.household_id
          and i.kind = 'month'
        where ${paymentWhere(runId, f)}
        order by p.household_id limit ${limit + 1} offset ${offset}`,
  );
}

export async function countPayments(db: Queryable, runId: number, f: PaymentFilter) {
  const [row] = await query<{ n: number }>(
    db,
    sql`select count(*)::int as n from monthly_run_payment p
        left join monthly_run_item i on i.run_id = p.run_id and i.household_id = p.household_id
          and i.kind = 'month'
        where ${paymentWhere(runId, f)}`,
  );
  return row!.n;
}

export interface ItemRow {
  id: number;
  household_id: number;
  month: string;
  kind: RunItemKind;
  inputs: unknown;
  result: unknown;
  trace: unknown;
  law_hash: string;
  leefgeld_cents: number;
  eigen_bijdrage_cents: number;
  previous_decision_id: number | null;
  previous_leefgeld_cents: number | null;
  previous_eigen_bijdrage_cents: number | null;
  change_reasons: string[];
  decision_id: number | null;
}

export async function itemsOf(
  db: Queryable,
  runId: number,
  householdIds: readonly number[] | null,
) {
  return query<ItemRow>(
    db,
    sql`select id, household_id, to_char(month, 'YYYY-MM') as month, kind, inputs, result, trace,
          law_hash, leefgeld_cents, eigen_bijdrage_cents, previous_decision_id,
          previous_leefgeld_cents, previous_eigen_bijdrage_cents, change_reasons, decision_id
        from monthly_run_item where run_id = ${runId}
          ${householdIds === null ? sql`` : sql`and household_id = any(${ids(householdIds)})`}
        order by household_id, month`,
  );
}

/** Persons whose data the run's households hold (for the audit record of a read). */
export async function personsOfHouseholds(db: Queryable, householdIds: readonly number[]) {
  if (householdIds.length === 0) return [];
  const rows = await query<{ person_id: number }>(
    db,
    sql`select distinct person_id from household_membership
        where household_id = any(${ids(householdIds)})`,
  );
  return rows.map((r) => r.person_id);
}

export async function paymentHouseholds(db: Queryable, runId: number) {
  const rows = await query<{ household_id: number }>(
    db,
    sql`select household_id from monthly_run_payment where run_id = ${runId} order by household_id`,
  );
  return rows.map((r) => r.household_id);
}

/**
 * Approval: every item becomes a decision (kind run for the month, correction for earlier
 * months), decided by the approver, in one statement; the items point at their decision.
 */
export async function decideItems(db: Queryable, runId: number, approverId: number) {
  const rows = await query<{ n: number }>(
    db,
    sql`with made as (
          insert into decision (household_id, gemeente_code, month, kind, reason, inputs, result,
            trace, law_hash, engine_version, decided_by, run_id)
          select i.household_id, r.gemeente_code, i.month,
            case i.kind when 'month' then 'run' else 'correction' end,
            'monthly_run:' || r.id, i.inputs, i.result, i.trace, i.law_hash, i.engine_version,
            ${approverId}, r.id
          from monthly_run_item i join monthly_run r on r.id = i.run_id
          where i.run_id = ${runId}
          order by i.household_id, i.month
          returning id, household_id, month
        ), linked as (
          update monthly_run_item i set decision_id = made.id from made
          where i.run_id = ${runId} and i.household_id = made.household_id and i.month = made.month
          returning 1
        )
        select count(*)::int as n from linked`,
  );
  return rows[0]!.n;
}

export async function approveRun(db: Queryable, runId: number, approverId: number) {
  await db.execute(
    sql`update monthly_run set status = 'approved', approved_by = ${approverId},
          approved_at = now(), version = version + 1
        where id = ${runId} and status = 'prepared'`,
  );
}

export interface FilePaymentRow {
  household_id: number;
  label: string;
  method: PaymentMethod;
  payee_name: string | null;
  iban: string | null;
  persons: number;
  leefgeld_cents: number;
  eigen_bijdrage_cents: number;
  back_pay_cents: number;
  recovery_cents: number;
  offset_cents: number;
  transfer_cents: number;
  collect_cents: number;
  end_to_end_id: string;
  problem: string | null;
}

/** A run's payments for its files (all, or those of the households), in household order. */
export async function paymentsForFiles(
  db: Queryable,
  runId: number,
  householdIds?: readonly number[],
) {
  return query<FilePaymentRow>(
    db,
    sql`select ${paymentColumns}
        from monthly_run_payment p
        join household h on h.id = p.household_id
        left join person pp on pp.id = p.payee_person_id
        where p.run_id = ${runId}
          ${householdIds === undefined ? sql`` : sql`and p.household_id = any(${ids(householdIds)})`}
        order by p.household_id`,
  );
}

export async function findPaymentByEndToEndId(db: Queryable, endToEndId: string, gemeente: string) {
  const [row] = await query<{ run_id: number; household_id: number; month: string }>(
    db,
    sql`select p.run_id, p.household_id, to_char(r.month, 'YYYY-MM') as month
        from monthly_run_payment p join monthly_run r on r.id = p.run_id
        where p.end_to_end_id = ${endToEndId} and r.gemeente_code = ${gemeente}`,
  );
  return row;
}

export interface LetterHouseholdRow {
  household_id: number;
  label: string;
  members: { personId: number; name: string; birthDate: string; role: string }[];
  language: string | null;
  recipient_name: string | null;
  street: string | null;
  house_number: string | null;
  postcode: string | null;
  city: string | null;
}

/**
 * What a letter needs of each household: its members in the month, the head's (or
 * payee's) name and language, and the address of the location they live at on the
 * month's last day of presence.
 */
export async function letterHouseholds(
  db: Queryable,
  householdIds: readonly number[],
  first: string,
  last: string,
) {
  if (householdIds.length === 0) return [];
  return query<LetterHouseholdRow>(
    db,
    sql`select h.id as household_id, h.label,
          coalesce((select json_agg(json_build_object('personId', p.id,
                     'name', p.given_names || ' ' || p.family_name, 'birthDate', p.birth_date,
                     'role', hm.role) order by hm.role = 'head' desc, p.birth_date, p.id)
                    from household_membership hm join person p on p.id = hm.person_id
                    where hm.household_id = h.id
                      and daterange(hm.valid_from, hm.valid_to, '[]') && daterange(${first}::date, ${last}::date, '[]')),
                   '[]'::json) as members,
          r.contact_language as language,
          case when r.id is null then null else r.given_names || ' ' || r.family_name end as recipient_name,
          loc.street, loc.house_number, loc.postcode, loc.city
        from household h
        left join lateral (
          select p.* from household_membership hm join person p on p.id = hm.person_id
          left join household_bank_account b on b.household_id = h.id
          where hm.household_id = h.id
            and daterange(hm.valid_from, hm.valid_to, '[]') && daterange(${first}::date, ${last}::date, '[]')
          order by (p.id = b.payee_person_id) desc nulls last, (hm.role = 'head') desc, p.birth_date, p.id
          limit 1) r on true
        left join lateral (
          select coalesce(l.street, pl.street) as street,
            coalesce(l.house_number, pl.house_number) as house_number,
            coalesce(l.postcode, pl.postcode) as postcode, coalesce(l.city, pl.city) as city
          from household_membership hm join placement pl on pl.person_id = hm.person_id
          left join location l on l.id = pl.location_id
          where hm.household_id = h.id and pl.valid_from <= ${last}::date
            and (pl.valid_to is null or pl.valid_to >= ${first}::date)
          order by pl.valid_from desc limit 1) loc on true
        where h.id = any(${ids(householdIds)})
        order by h.id`,
  );
}
