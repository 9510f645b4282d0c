/**
 * The monthly run of a municipality: prepare (a background job decides every household in
 * reception, and corrects earlier months whose amounts changed since they were decided),
 * review (totals, differences with last month and why, anomalies), approve (another
 * finance officer; the items become decisions in one transaction and the run is closed),
 * then the files (SEPA, collection list, card or cash list, letters).
 *
 * Exactly once: a run is one row per municipality and month; the job decides households in
 * id order in batches, each batch one transaction that stores its items and payments and
 * moves the cursor together, so a process killed at any point resumes after the last batch
 * stored. A batch of a superseded attempt is refused (the attempt number under the run's
 * lock), and unique keys on items, payments and run decisions are the backstop.
 */
import { randomUUID } from "node:crypto";
import type { Db, Queryable } from "../../db/connection";
import { type AccessContext, gemeenteOf } from "../../domain/access";
import { dateNlOf, dayAfter, todayNl } from "../../domain/dates";
import type { RunAnomaly, RunChangeReason } from "../../domain/enums";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnprocessableError,
  ValidationError,
} from "../../domain/errors";
import { maskIban } from "../../domain/iban";
import { addMonths, firstDay, lastDay, parseMonth } from "../../domain/month";
import { codedReason } from "../../domain/reasons";
import { getLawbook, type Lawbook } from "../../rules/lawbook";
import { settle } from "../../rules/settlement";
import { recordAuditForPersons } from "../audit";
import { CHANGES_LOOKBACK_MONTHS, decisionContent, storeLawVersion } from "../decisions";
import { type MonthFacts, monthFactsOfGemeente } from "../entitlement";
import * as repo from "./monthly-run.repository";

/** The first month with law in force (RooO, April 2022). */
const FIRST_MONTH = "2022-04";
/** Households per batch: one transaction each. */
export const BATCH_SIZE = 200;
/** A worker not heard of for this long has stopped; another may take its run over. */
export const STALE_SECONDS = 30;

type Auditor = Pick<AccessContext, "id" | "username" | "role"> | null;

// --- Months ---------------------------------------------------------------------------

/** A month a run may pay: law in force, and at most next month. */
export function runnableMonth(text: string, path = "month"): string {
  let m: string;
  try {
    m = parseMonth(text).toString();
  } catch {
    throw new ValidationError({
      path,
      code: "month_format",
      message: `expected a month YYYY-MM, got "${text}"`,
    });
  }
  if (m < FIRST_MONTH) {
    throw new ValidationError({
      path,
      code: "no_law",
      message: `no leefgeld rules before April 2022, got ${m}`,
      params: { month: FIRST_MONTH },
    });
  }
  // Leefgeld is paid ahead: next month may be prepared (to pay on its first day), no later.
  const latest = addMonths(parseMonth(todayNl().slice(0, 7)), 1).toString();
  if (m > latest) {
    throw new ValidationError({
      path,
      code: "month_too_early",
      message: `${m} cannot be prepared yet: the latest month to prepare now is ${latest}`,
      params: { month: latest },
    });
  }
  return m;
}

function windowOf(month: string): repo.Window {
  const m = parseMonth(month);
  const from = addMonths(m, -CHANGES_LOOKBACK_MONTHS).toString();
  return {
    month,
    first: firstDay(m).toString(),
    last: lastDay(m).toString(),
    correctionsFrom: from < FIRST_MONTH ? FIRST_MONTH : from,
  };
}

// --- Views ----------------------------------------------------------------------------

function runView(row: repo.RunRow, totals: repo.Totals | null) {
  return {
    id: row.id,
    gemeenteCode: row.gemeente_code,
    month: row.month,
    status: row.status,
    attempt: row.attempt,
    preparedBy:
      row.prepared_by === null ? null : { id: row.prepared_by, name: row.prepared_by_name ?? "" },
    preparedAt: row.prepared_at,
    approvedBy:
      row.approved_by === null ? null : { id: row.approved_by, name: row.approved_by_name ?? "" },
    approvedAt: row.approved_at,
    progress: { done: row.done_households, total: row.total_households },
    problem: row.problem,
    version: row.version,
    totals: totals && {
      households: totals.households,
      persons: totals.persons,
      leefgeldCents: totals.leefgeld_cents,
      eigenBijdrageCents: totals.eigen_bijdrage_cents,
      backPayCents: totals.back_pay_cents,
      recoveryCents: totals.recovery_cents,
      offsetCents: totals.offset_cents,
      transferCents: totals.transfer_cents,
      collectCents: totals.collect_cents,
      sepaHouseholds: totals.sepa_households,
      cardOrCashHouseholds: totals.card_or_cash_households,
      problems: totals.problems,
      withAnomalies: totals.with_anomalies,
      corrections: totals.corrections,
    },
  };
}
export type RunView = ReturnType<typeof runView>;

async function viewOf(db: Queryable, row: repo.RunRow) {
  const withTotals = row.status === "prepared" || row.status === "approved";
  return runView(row, withTotals ? await repo.totals(db, row.id) : null);
}

export async function getRun(db: Db, actor: AccessContext, id: number) {
  const row = await repo.findRun(db, id, gemeenteOf(actor));
  if (!row) throw new NotFoundError(`monthly run ${id}`);
  return viewOf(db, row);
}

/** The municipality's runs, newest month first (twelve by default: the overview's chart). */
export async function listRuns(db: Db, actor: AccessContext, limit = 12) {
  const rows = await repo.listRuns(db, gemeenteOf(actor), limit);
  return Promise.all(rows.map((r) => viewOf(db, r)));
}

// --- Prepare --------------------------------------------------------------------------

export interface Preparer {
  /** The finance officer who prepares, or null for the system. */
  userId: number | null;
  gemeente: string;
}

/**
 * Starts (or starts anew) the preparation of a month: refused when the month is approved,
 * or while another preparation of it is running (one wins, the other is told). Returns the
 * run, status preparing; the job does the work (`runJob`).
 */
export async function startPreparation(db: Db, who: Preparer, monthText: string, worker: string) {
  const month = runnableMonth(monthText);
  const settings = await repo.findSettings(db, who.gemeente);
  if (!settings) {
    throw new UnprocessableError({
      path: "gemeente",
      code: "settings_missing",
      message:
        "the municipality's settings (its account for the SEPA file, the letter's sender and objection address) are not recorded: a municipal admin records them first",
    });
  }
  return db.transaction(async (tx) => {
    // Created and started in one transaction: nobody sees a run that has not started.
    const id = await repo.ensureRun(tx, who.gemeente, month);
    const locked = await repo.lockRun(tx, id);
    const row = await repo.findRun(tx, id, null);
    if (!locked || !row) throw new NotFoundError(`monthly run ${id}`);
    if (row.status === "approved") {
      throw new ConflictError(
        `the run of ${month} is approved: nothing in it changes`,
        undefined,
        [],
        {
          code: "run_approved",
          issues: [
            {
              path: "month",
              code: "run_approved",
              message: `${month} is approved`,
              params: { month },
            },
          ],
        },
      );
    }
    const fresh =
      row.heartbeat_at !== null && Date.now() - Date.parse(row.heartbeat_at) < STALE_SECONDS * 1000;
    if (row.status === "preparing" && fresh) {
      throw new ConflictError(
        `the run of ${month} is being prepared (started by ${row.prepared_by_name ?? "the system"})`,
        undefined,
        [],
        {
          code: "run_in_progress",
          issues: [
            {
              path: "month",
              code: "run_in_progress",
              message: `${month} is being prepared`,
              params: { month, by: row.prepared_by_name ?? "" },
            },
          ],
        },
      );
    }
    // Counted here so that the progress has its total from the first answer.
    const total = await repo.countCandidateHouseholds(tx, who.gemeente, windowOf(month));
    await repo.restartRun(tx, id, who.userId, total, worker);
    const started = await repo.findRun(tx, id, null);
    return runView(started!, null);
  });
}

// --- The job --------------------------------------------------------------------------

export interface JobOptions {
  worker: string;
  /** Take the run over even when another worker was heard of recently (the CLI by hand). */
  force?: boolean;
  onProgress?: (done: number, total: number) => void;
  batchSize?: number;
}

/**
 * Prepares a run until it is complete: claims it, decides the households after the cursor
 * a batch at a time, and marks it prepared. Safe to call again after a crash, from this
 * process or another: it resumes after the last batch stored. Returns the final status.
 */
export async function runJob(
  db: Db,
  runId: number,
  opts: JobOptions,
): Promise<"prepared" | "failed" | "not_claimed"> {
  const attempt = await repo.claimRun(db, runId, opts.worker, STALE_SECONDS, opts.force ?? false);
  if (attempt === null) return "not_claimed";
  const run = await repo.findRun(db, runId, null);
  if (!run) return "not_claimed";
  const auditor = await auditorOf(db, run.prepared_by);
  const settings = await repo.findSettings(db, run.gemeente_code);
  const w = windowOf(run.month);
  const lawbook = getLawbook();
  const size = opts.batchSize ?? BATCH_SIZE;
  let done = run.done_households;
  try {
    // The households after the cursor, once: the list is in id order, so a resumed job
    // finds the same ones (the query walks the municipality; once per job, not per batch).
    const remaining = await repo.candidateHouseholds(
      db,
      run.gemeente_code,
      w,
      run.cursor_household_id,
    );
    const total = done + remaining.length;
    for (let at = 0; at < remaining.length; at += size) {
      const batch = remaining.slice(at, at + size);
      const stored = await db.transaction(async (tx) => {
        const locked = await repo.lockRun(tx, runId);
        // Superseded (prepared anew, or taken over): this worker stops without writing.
        if (locked?.status !== "preparing" || locked.attempt !== attempt) return false;
        if (locked.worker !== opts.worker) return false;
        const receipt = await storeLawVersion(tx, lawbook);
        const decided = await decideBatch(tx, {
          runId,
          gemeente: run.gemeente_code,
          window: w,
          householdIds: batch,
          lawbook,
          lawHash: receipt.lawHash,
          engineVersion: receipt.engineVersion,
          offsetLimitPercent: settings?.offset_limit_percent ?? null,
        });
        await recordAuditForPersons(
          tx,
          auditor,
          {
            action: "prepare_run",
            entityType: "monthly_run",
            entityId: runId,
            gemeenteCode: run.gemeente_code,
            fields: ["birthDate", "income", "placement", "bankAccount"],
            reason: codedReason("monthly_run_prepare", { month: run.month }),
          },
          decided.personIds,
        );
        await repo.advanceRun(tx, runId, batch[batch.length - 1]!, batch.length);
        return true;
      });
      if (!stored) return "not_claimed";
      done += batch.length;
      opts.onProgress?.(done, total);
    }
    await db.transaction(async (tx) => {
      const locked = await repo.lockRun(tx, runId);
      if (locked?.status === "preparing" && locked.attempt === attempt)
        await repo.finishRun(tx, runId);
    });
    return "prepared";
  } catch (e) {
    // The code only: the message of a database error may hold personal data.
    const code = (e as { code?: string }).code ?? (e as Error).name ?? "error";
    await repo.failRun(db, runId, attempt, `job_error:${code}`);
    throw e;
  }
}

async function auditorOf(db: Queryable, userId: number | null): Promise<Auditor> {
  return userId === null ? null : ((await repo.userForAudit(db, userId)) ?? null);
}

interface BatchContext {
  runId: number;
  gemeente: string;
  window: repo.Window;
  householdIds: readonly number[];
  lawbook: Lawbook;
  lawHash: string;
  engineVersion: string;
  offsetLimitPercent: number | null;
}

const loadedOf = (f: MonthFacts | undefined) =>
  f?.request ? { request: f.request, personIds: f.personIds } : null;

/**
 * Decides one batch of households: this month's item, the corrections of earlier months,
 * the settlement and the anomalies; stores items and payments. Returns the persons whose
 * data it read (for the audit record).
 */
async function decideBatch(tx: Queryable, c: BatchContext) {
  const { month } = c.window;
  const previousMonth = addMonths(parseMonth(month), -1).toString();
  // One after the other: a transaction is one connection (pg queues, and will refuse,
  // queries sent to it at once).
  const facts = await monthFactsOfGemeente(tx, c.gemeente, month, { householdIds: c.householdIds });
  const latest = await repo.latestDecisions(
    tx,
    c.gemeente,
    c.householdIds,
    c.window.correctionsFrom,
    month,
  );
  const accounts = await repo.bankAccountsOf(tx, c.householdIds);
  const ended = await repo.placementEnded(tx, c.householdIds, c.window.first, c.window.last);
  const persons = new Set<number>();
  for (const f of facts.values()) for (const p of f.personIds) persons.add(p);
  const missing = new Set(await repo.incomeMissing(tx, [...persons], month, previousMonth));

  // Earlier months: recompute those decided, per month in one bulk read.
  const byMonth = new Map<string, repo.LatestDecision[]>();
  for (const d of latest) {
    const list = byMonth.get(d.month);
    if (list) list.push(d);
    else byMonth.set(d.month, [d]);
  }
  const corrections = new Map<number, repo.NewItem[]>();
  const previousOf = new Map<number, repo.LatestDecision>();
  for (const [m, decided] of byMonth) {
    const hids = decided.map((d) => d.household_id);
    const now = await monthFactsOfGemeente(tx, c.gemeente, m, { householdIds: hids });
    for (const d of decided) {
      if (m === previousMonth) previousOf.set(d.household_id, d);
      const f = now.get(d.household_id);
      for (const p of f?.personIds ?? []) persons.add(p);
      let content: ReturnType<typeof decisionContent>;
      try {
        content = decisionContent(m, loadedOf(f), c.lawbook);
      } catch (e) {
        if (e instanceof ValidationError) continue; // listed with the month's problem, if any
        throw e;
      }
      const dl = content.leefgeldPaidCents - d.leefgeld_paid_cents;
      const de = content.eigenBijdrageChargedCents - d.eigen_bijdrage_charged_cents;
      if (dl === 0 && de === 0) continue;
      const item: repo.NewItem = {
        householdId: d.household_id,
        month: m,
        kind: "correction",
        inputs: content.inputs,
        result: content.result,
        trace: content.trace,
        lawHash: c.lawHash,
        engineVersion: c.engineVersion,
        leefgeldCents: content.leefgeldPaidCents,
        eigenBijdrageCents: content.eigenBijdrageChargedCents,
        previousDecisionId: d.id,
        previousLeefgeldCents: d.leefgeld_paid_cents,
        previousEigenBijdrageCents: d.eigen_bijdrage_charged_cents,
        changeReasons: changeReasons(d, content.inputs, c.lawHash, true),
      };
      const list = corrections.get(d.household_id);
      if (list) list.push(item);
      else corrections.set(d.household_id, [item]);
    }
  }

  const accountOf = new Map(accounts.map((a) => [a.household_id, a]));
  const endedSet = new Set(ended);
  const items: repo.NewItem[] = [];
  const payments: repo.NewPayment[] = [];
  for (const hid of c.householdIds) {
    const f = facts.get(hid);
    const loaded = loadedOf(f);
    const own = corrections.get(hid) ?? [];
    const anomalies = new Set<RunAnomaly>();
    let problem: string | null = null;
    let monthItem: repo.NewItem | null = null;
    let persons_ = 0;
    if (loaded) {
      try {
        const content = decisionContent(month, loaded, c.lawbook);
        const prev = previousOf.get(hid) ?? null;
        const amountsDiffer =
          !prev ||
          prev.leefgeld_paid_cents !== content.leefgeldPaidCents ||
          prev.eigen_bijdrage_charged_cents !== content.eigenBijdrageChargedCents;
        monthItem = {
          householdId: hid,
          month,
          kind: "month",
          inputs: content.inputs,
          result: content.result,
          trace: content.trace,
          lawHash: c.lawHash,
          engineVersion: c.engineVersion,
          leefgeldCents: content.leefgeldPaidCents,
          eigenBijdrageCents: content.eigenBijdrageChargedCents,
          previousDecisionId: prev?.id ?? null,
          previousLeefgeldCents: prev?.leefgeld_paid_cents ?? null,
          previousEigenBijdrageCents: prev?.eigen_bijdrage_charged_cents ?? null,
          changeReasons: amountsDiffer ? changeReasons(prev, content.inputs, c.lawHash, false) : [],
        };
        persons_ =
          (content.result as { householdSize?: number }).householdSize ?? loaded.personIds.length;
        for (const n of content.notices) {
          if (n.code === "child_turned_18" || n.code === "adult_aged_18")
            anomalies.add("turned_18");
          if (n.code === "no_adult") anomalies.add("needs_maatwerk");
        }
        if (loaded.personIds.some((p) => missing.has(p))) anomalies.add("income_missing");
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        // The code and the field only: no names or values.
        problem = e.issues
          .map((i) => `${i.code}@${i.path}`)
          .join(";")
          .slice(0, 500);
        anomalies.add("calculation_problem");
      }
    }
    if (!monthItem && own.length === 0 && !problem) continue; // nothing to decide or pay
    if (monthItem) items.push(monthItem);
    items.push(...own);
    const s = settle({
      leefgeldCents: monthItem?.leefgeldCents ?? 0,
      eigenBijdrageCents: monthItem?.eigenBijdrageCents ?? 0,
      corrections: own.map((i) => ({
        leefgeldCents: i.leefgeldCents - (i.previousLeefgeldCents ?? 0),
        eigenBijdrageCents: i.eigenBijdrageCents - (i.previousEigenBijdrageCents ?? 0),
      })),
      offsetLimitPercent: c.offsetLimitPercent,
    });
    let account = accountOf.get(hid);
    // The payee left the household: not paid to their account (card or cash until the
    // account is changed).
    if (account && loaded && !loaded.personIds.includes(account.payee_person_id!)) {
      anomalies.add("payee_left");
      account = undefined;
    } else if (!account) anomalies.add("no_bank_account");
    if (endedSet.has(hid)) anomalies.add("placement_ended");
    if (s.recoveryCents > 0) anomalies.add("recovery");
    payments.push({
      householdId: hid,
      method: account ? "sepa" : "card_or_cash",
      payeePersonId: account?.payee_person_id ?? null,
      iban: account?.iban ?? null,
      persons: persons_,
      leefgeldCents: monthItem?.leefgeldCents ?? 0,
      eigenBijdrageCents: monthItem?.eigenBijdrageCents ?? 0,
      ...s,
      anomalies: [...anomalies].sort(),
      problem,
      endToEndId: endToEndId(c.runId, hid),
    });
  }
  await repo.insertItems(tx, c.runId, items);
  await repo.insertPayments(tx, c.runId, payments);
  return { personIds: [...persons] };
}

/** The transfer's id: the run and the household, and through them the run's decisions. */
export function endToEndId(runId: number, householdId: number) {
  return `OPV-R${runId}-H${householdId}`;
}

interface InputMember {
  name?: string;
  birthDate: string;
  netIncomeCents?: number;
  periods?: unknown[];
  days?: number;
}
interface Inputs {
  reception?: string;
  members?: InputMember[];
}

/**
 * Why the amounts differ from the decision compared with (last month's, or the one a
 * correction corrects): who joined or left, incomes, the kind of reception, the days
 * present; otherwise the law (another law version) or age (a member moved to another age
 * band with the same facts).
 */
function changeReasons(
  previous: repo.LatestDecision | null,
  inputs: unknown,
  lawHash: string,
  sameMonth: boolean,
): RunChangeReason[] {
  if (!previous) return ["first_decision"];
  const before = (previous.inputs ?? {}) as Inputs;
  const now = (inputs ?? {}) as Inputs;
  const key = (m: InputMember) => `${m.name ?? ""}|${m.birthDate}`;
  const was = new Map((before.members ?? []).map((m) => [key(m), m]));
  const is = new Map((now.members ?? []).map((m) => [key(m), m]));
  const out = new Set<RunChangeReason>();
  for (const k of is.keys()) if (!was.has(k)) out.add("member_joined");
  for (const k of was.keys()) if (!is.has(k)) out.add("member_left");
  for (const [k, m] of is) {
    const p = was.get(k);
    if (!p) continue;
    if ((p.netIncomeCents ?? 0) !== (m.netIncomeCents ?? 0)) out.add("income");
    const partial = (x: InputMember) => x.periods !== undefined || x.days !== undefined;
    if (partial(p) || partial(m)) {
      if (
        !sameMonth ||
        JSON.stringify([p.periods, p.days]) !== JSON.stringify([m.periods, m.days])
      ) {
        out.add("days");
      }
    }
  }
  if (before.reception !== now.reception && before.reception !== undefined) out.add("move");
  if (out.size === 0) out.add(previous.law_hash !== lawHash ? "law" : "age");
  return [...out];
}

// --- Review ---------------------------------------------------------------------------

async function runInScope(db: Queryable, actor: AccessContext, id: number) {
  const row = await repo.findRun(db, id, gemeenteOf(actor));
  if (!row) throw new NotFoundError(`monthly run ${id}`);
  return row;
}

function notReady(row: repo.RunRow) {
  return new ConflictError(`the run of ${row.month} is ${row.status}`, undefined, [], {
    code: `run_${row.status}`,
    issues: [{ path: "status", code: `run_${row.status}`, message: `the run is ${row.status}` }],
  });
}

export interface ReviewQuery extends repo.PaymentFilter {
  limit: number;
  offset: number;
}

function paymentView(r: repo.PaymentListRow) {
  return {
    householdId: r.household_id,
    label: r.label,
    method: r.method,
    payee:
      r.payee_person_id === null ? null : { personId: r.payee_person_id, name: r.payee_name ?? "" },
    ibanMasked: r.iban ? maskIban(r.iban) : null,
    persons: r.persons,
    leefgeldCents: r.leefgeld_cents,
    eigenBijdrageCents: r.eigen_bijdrage_cents,
    previousLeefgeldCents: r.previous_leefgeld_cents,
    previousEigenBijdrageCents: r.previous_eigen_bijdrage_cents,
    changeReasons: (r.change_reasons ?? []) as RunChangeReason[],
    corrections: r.corrections,
    backPayCents: r.back_pay_cents,
    recoveryCents: r.recovery_cents,
    offsetCents: r.offset_cents,
    transferCents: r.transfer_cents,
    collectCents: r.collect_cents,
    anomalies: r.anomalies as RunAnomaly[],
    problem: r.problem,
    endToEndId: r.end_to_end_id,
  };
}
export type PaymentView = ReturnType<typeof paymentView>;

/** One page of the run's households, filtered; a read of personal data (audited). */
export async function reviewRun(db: Db, actor: AccessContext, id: number, q: ReviewQuery) {
  const row = await runInScope(db, actor, id);
  if (row.status !== "prepared" && row.status !== "approved") throw notReady(row);
  return db.transaction(async (tx) => {
    const rows = await repo.listPayments(tx, id, q, q.limit, q.offset);
    const total = await repo.countPayments(tx, id, q);
    const page = rows.slice(0, q.limit);
    await recordAuditForPersons(
      tx,
      actor,
      {
        action: "read",
        entityType: "monthly_run",
        entityId: id,
        gemeenteCode: row.gemeente_code,
        fields: ["leefgeld", "eigenBijdrage", "bankAccount"],
        reason: codedReason("monthly_run_review", { month: row.month }),
      },
      await repo.personsOfHouseholds(
        tx,
        page.map((r) => r.household_id),
      ),
    );
    return { total, more: rows.length > q.limit, items: page.map(paymentView) };
  });
}

/** The corrections and the month's item of one household in a run, with amounts. */
export async function runHousehold(db: Db, actor: AccessContext, id: number, householdId: number) {
  const row = await runInScope(db, actor, id);
  return db.transaction(async (tx) => {
    const [payment] = await repo.listPayments(tx, id, { householdId }, 1, 0);
    if (!payment) throw new NotFoundError(`household ${householdId} in run ${id}`);
    const items = await repo.itemsOf(tx, id, [householdId]);
    await recordAuditForPersons(
      tx,
      actor,
      {
        action: "read",
        entityType: "monthly_run",
        entityId: id,
        gemeenteCode: row.gemeente_code,
        fields: ["leefgeld", "eigenBijdrage", "bankAccount"],
        reason: codedReason("monthly_run_review", { month: row.month }),
      },
      await repo.personsOfHouseholds(tx, [householdId]),
    );
    return {
      payment: paymentView(payment),
      items: items.map((i) => ({
        month: i.month,
        kind: i.kind,
        leefgeldCents: i.leefgeld_cents,
        eigenBijdrageCents: i.eigen_bijdrage_cents,
        previousDecisionId: i.previous_decision_id,
        previousLeefgeldCents: i.previous_leefgeld_cents,
        previousEigenBijdrageCents: i.previous_eigen_bijdrage_cents,
        changeReasons: i.change_reasons as RunChangeReason[],
        decisionId: i.decision_id,
      })),
    };
  });
}

// --- Approve --------------------------------------------------------------------------

/**
 * Four eyes: a finance officer other than the one who prepared approves. The items become
 * decisions and the run is closed, in one transaction.
 */
export async function approveRun(db: Db, actor: AccessContext, id: number, version: number) {
  await runInScope(db, actor, id);
  await db.transaction(async (tx) => {
    await repo.lockRun(tx, id);
    const row = (await repo.findRun(tx, id, null))!;
    if (row.status !== "prepared") throw notReady(row);
    if (row.version !== version) {
      throw new ConflictError(
        "the run changed since you read it (prepared again?)",
        undefined,
        [],
        {
          code: "stale_version",
          issues: [
            {
              path: "version",
              code: "stale_version",
              message: `the run is at version ${row.version}`,
            },
          ],
        },
      );
    }
    if (row.prepared_by === actor.id) {
      throw new ForbiddenError(
        "four eyes: the officer who prepared the run cannot approve it; another finance officer approves",
        "four_eyes",
      );
    }
    const decided = await repo.decideItems(tx, id, actor.id);
    await repo.approveRun(tx, id, actor.id);
    await recordAuditForPersons(
      tx,
      actor,
      {
        action: "approve_run",
        entityType: "monthly_run",
        entityId: id,
        gemeenteCode: row.gemeente_code,
        fields: ["leefgeld", "eigenBijdrage"],
        reason: codedReason("monthly_run_approve", { month: row.month }),
      },
      await repo.personsOfHouseholds(tx, await repo.paymentHouseholds(tx, id)),
    );
    return decided;
  });
  return getRun(db, actor, id);
}

/** The day the SEPA file asks the bank to pay: the Dutch day after approval. */
export function executionDateOf(approvedAt: string) {
  return dayAfter(dateNlOf(approvedAt));
}

export const newWorkerId = () => `${process.pid}-${randomUUID().slice(0, 8)}`;

// --- The command line -------------------------------------------------------------------

/**
 * `opvang run-month`: prepares a municipality's month on behalf of a finance officer, or
 * resumes its preparation when one was left unfinished (a killed process), in this
 * process, reporting progress. Returns the run as prepared.
 */
export async function runMonthFromCli(
  db: Db,
  args: { gemeente: string; month: string; by: string; batchSize?: number | undefined },
  onProgress: (done: number, total: number) => void,
) {
  if (args.batchSize !== undefined && !(args.batchSize >= 1 && args.batchSize <= 5000)) {
    throw new ValidationError({
      path: "batch-size",
      code: "out_of_range",
      message: "between 1 and 5000",
    });
  }
  const month = runnableMonth(args.month);
  const user = await repo.userByUsername(db, args.by);
  if (user?.role !== "finance_officer" || user.gemeente_code !== args.gemeente) {
    throw new ValidationError({
      path: "by",
      code: "not_finance_officer",
      message: `${args.by} is not a finance officer of ${args.gemeente}`,
    });
  }
  const worker = newWorkerId();
  const existing = await repo.findRunOfMonth(db, args.gemeente, month);
  const run =
    existing?.status === "preparing"
      ? runView(existing, null)
      : await startPreparation(db, { userId: user.id, gemeente: args.gemeente }, month, worker);
  // By hand: this process takes the run over even if a stopped one was heard of lately.
  const outcome = await runJob(db, run.id, {
    worker,
    force: true,
    onProgress,
    ...(args.batchSize ? { batchSize: args.batchSize } : {}),
  });
  const done = (await repo.findRun(db, run.id, null))!;
  return { outcome, run: await viewOf(db, done) };
}
