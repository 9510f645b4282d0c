/**
 * Decisions with receipts: a household-month's amounts as decided, stored with the inputs
 * as the engine saw them, the result, the trace, the law (by sha256) and the engine
 * version, so that a decision can be replayed and explained years later. Decisions are
 * never rewritten (the database refuses it); a later decision of the same month
 * supersedes the earlier one. "Changes with effect" compare today's computation with the
 * latest decision of each past month, and only read.
 */

import type { z } from "@hono/zod-openapi";
import type { Db, Queryable } from "../../db/connection";
import { type AccessContext, gemeenteOf } from "../../domain/access";
import { todayNl } from "../../domain/dates";
import { ConflictError, NotFoundError, ValidationError } from "../../domain/errors";
import { addMonths, parseMonth } from "../../domain/month";
import { codedReason } from "../../domain/reasons";
import {
  type CalculationResponse,
  calculate,
  type DecidedInputs,
  type DecidedResult,
  explainStored,
} from "../../rules/calculation-api";
import { getLawbook, type Lawbook } from "../../rules/lawbook";
import { ENGINE_VERSION, jsonDifferences, lawbookOfReceipt, receiptOf } from "../../rules/receipt";
import type { TraceStep } from "../../rules/trace";
import { type AuditEntry, recordAudit, recordAuditForPersons } from "../audit";
import { loadMonthRequest } from "../entitlement";
import { findHouseholdInScope } from "../registry";
import * as repo from "./decisions.repository";

export type Lang = "nl" | "uk" | "en";
/** The caller; null is the system (the CLI, the monthly run). */
type Actor = AccessContext | null;

/** The first month with law in force (RooO, April 2022). */
const FIRST_MONTH = "2022-04";
/** How far back changes with effect are looked for. */
export const LOOKBACK_MONTHS = 24;
/** What a decision's data was read from: the members' birth dates, incomes and placements. */
const FIELDS = ["birthDate", "income", "placement"];

function parseMonthField(month: string, path = "month") {
  try {
    return parseMonth(month).toString();
  } catch {
    throw new ValidationError({
      path,
      code: "month_format",
      message: `expected a month YYYY-MM, got "${month}"`,
    });
  }
}

/** A month that can be decided: law in force, and begun. */
function decidableMonth(month: string, path = "month"): string {
  const m = parseMonthField(month, path);
  if (m < FIRST_MONTH) {
    throw new ValidationError({
      path,
      code: "no_law",
      message: `no leefgeld rules before April 2022, got ${m}`,
    });
  }
  const current = todayNl().slice(0, 7);
  if (m > current) {
    throw new ValidationError({
      path,
      code: "month_not_begun",
      message: `${m} has not begun: a month is decided from ${m} on`,
    });
  }
  return m;
}

async function householdInScope(db: Queryable, actor: AccessContext, householdId: number) {
  const h = await findHouseholdInScope(db, householdId, actor.scope);
  if (!h) throw new NotFoundError("household");
  return h;
}

/** The response as stored: the result without trace, explanation and law version. */
function splitResponse(r: CalculationResponse) {
  const { trace, explanation: _explanation, lawVersion: _lawVersion, ...result } = r;
  // As the database will give it back: no undefined members, plain JSON.
  return {
    result: JSON.parse(JSON.stringify(result)) as Record<string, unknown>,
    trace: JSON.parse(JSON.stringify(trace)) as unknown[],
  };
}

/** The result of a month in which no member was in reception (a correction to zero). */
function notInReceptionResult(month: string) {
  return {
    month,
    inReception: false,
    leefgeld: { fullCents: 0, withdrawnCents: 0, paidCents: 0 },
    eigenBijdrage: { fullCents: 0, chargedCents: 0 },
  };
}

/** Inputs with no member in reception: nothing to compute, the result is zero. */
function isEmptyInputs(inputs: unknown): boolean {
  const members = (inputs as { members?: unknown[] } | null)?.members;
  return !Array.isArray(members) || members.length === 0;
}

/**
 * Computes; an input problem names the person (person.ID.field) instead of the index of
 * the engine's member list.
 */
function calculateFor(request: unknown, personIds: readonly number[], lawbook?: Lawbook) {
  try {
    return calculate(request, lawbook);
  } catch (e) {
    if (e instanceof ValidationError) {
      throw new ValidationError(
        e.issues.map((i) => {
          const m = /^members\.(\d+)\.(.*)$/.exec(i.path);
          const personId = m ? personIds[Number(m[1])] : undefined;
          return personId ? { ...i, path: `person.${personId}.${m![2]}`, params: { personId } } : i;
        }),
      );
    }
    throw e;
  }
}

/** The calculation's notices (a child who turned 18 …), each naming its person. */
function noticesOf(result: unknown, personIds: readonly number[]) {
  const notices =
    (result as { notices?: { code: string; member: number | null; message: string }[] }).notices ??
    [];
  return notices.map((n) => ({
    code: n.code,
    personId: n.member == null ? null : (personIds[n.member] ?? null),
    message: n.message,
  }));
}

function summary(row: repo.DecisionSummaryRow) {
  return {
    id: row.id,
    householdId: row.household_id,
    month: row.month,
    kind: row.kind,
    reason: row.reason,
    leefgeldPaidCents: row.leefgeld_paid_cents,
    eigenBijdrageChargedCents: row.eigen_bijdrage_charged_cents,
    lawHash: row.law_hash,
    engineVersion: row.engine_version,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
  };
}
export type DecisionSummary = ReturnType<typeof summary>;

/**
 * Decides one household-month from its facts now, in the caller's transaction: stores the
 * law version when new, the decision, and its audit record. A month with no member in
 * reception is refused (409) for a first decision; a correction decides it as zero.
 */
/** The engine's request for a household-month and the person of each of its members. */
export interface LoadedMonth {
  request: unknown;
  personIds: readonly number[];
}

/**
 * What a decision of a household-month stores, computed from its facts: the inputs, the
 * result and trace, the amounts and the notices. Without facts (nobody in reception) the
 * result is zero. Throws a ValidationError naming the person when the facts do not compute.
 */
export function decisionContent(month: string, loaded: LoadedMonth | null, lawbook: Lawbook) {
  if (!loaded) {
    return {
      inputs: { month, members: [] } as unknown,
      result: notInReceptionResult(month) as Record<string, unknown>,
      trace: [] as unknown[],
      leefgeldPaidCents: 0,
      eigenBijdrageChargedCents: 0,
      notices: [] as ReturnType<typeof noticesOf>,
    };
  }
  const stored = splitResponse(calculateFor(loaded.request, loaded.personIds, lawbook));
  const result = stored.result as {
    leefgeld?: { paidCents?: number };
    eigenBijdrage?: { chargedCents?: number };
  };
  return {
    inputs: loaded.request,
    result: stored.result,
    trace: stored.trace,
    leefgeldPaidCents: result.leefgeld?.paidCents ?? 0,
    eigenBijdrageChargedCents: result.eigenBijdrage?.chargedCents ?? 0,
    notices: noticesOf(stored.result, loaded.personIds),
  };
}

/** Stores the lawbook's files under its hash (once) and gives the receipt to store. */
export async function storeLawVersion(tx: Queryable, lawbook: Lawbook) {
  const receipt = receiptOf(lawbook);
  await repo.ensureLawVersion(tx, receipt.lawHash, lawbook.files);
  return receipt;
}

async function decideIn(
  tx: Queryable,
  actor: Actor,
  household: { id: number; gemeenteCode: string },
  month: string,
  kind: repo.DecisionKind,
  reason: string,
) {
  const loaded = await loadMonthRequest(tx, household.id, month);
  const lawbook = getLawbook();
  const receipt = receiptOf(lawbook);
  let inputs: unknown;
  let stored: { result: unknown; trace: unknown[] };
  if (loaded || kind === "correction") {
    ({ inputs, ...stored } = decisionContent(month, loaded, lawbook));
  } else {
    throw new ConflictError(`no member of the household was in reception in ${month}`);
  }
  await repo.ensureLawVersion(tx, receipt.lawHash, lawbook.files);
  const { id, decidedAt } = await repo.insertDecision(tx, {
    householdId: household.id,
    gemeenteCode: household.gemeenteCode,
    month,
    kind,
    reason,
    inputs,
    result: stored.result,
    trace: stored.trace,
    lawHash: receipt.lawHash,
    engineVersion: receipt.engineVersion,
    decidedBy: actor?.id ?? null,
  });
  const personIds = loaded?.personIds ?? (await repo.memberIdsOfHousehold(tx, household.id));
  await recordAuditForPersons(
    tx,
    actor,
    {
      action: "decide",
      entityType: "decision",
      entityId: id,
      gemeenteCode: household.gemeenteCode,
      fields: FIELDS,
      reason: codedReason("decide", { kind, month, note: reason }),
    },
    personIds,
  );
  const result = stored.result as {
    leefgeld?: { paidCents?: number };
    eigenBijdrage?: { chargedCents?: number };
  };
  return {
    id,
    householdId: household.id,
    month,
    kind,
    reason,
    leefgeldPaidCents: result.leefgeld?.paidCents ?? 0,
    eigenBijdrageChargedCents: result.eigenBijdrage?.chargedCents ?? 0,
    lawHash: receipt.lawHash,
    engineVersion: receipt.engineVersion,
    decidedBy: actor?.username ?? null,
    decidedAt,
    notices: noticesOf(stored.result, loaded?.personIds ?? []),
  };
}

/** A caseworker or finance officer decides one month by hand. */
export async function decideMonth(
  db: Db,
  actor: AccessContext,
  householdId: number,
  month: string,
  reason: string,
) {
  const h = await householdInScope(db, actor, householdId);
  const m = decidableMonth(month);
  return db.transaction((tx) => decideIn(tx, actor, h, m, "manual", reason));
}

/** A household's decisions, newest first (amounts only; the receipt is read one by one). */
export async function listDecisions(db: Db, actor: AccessContext, householdId: number) {
  const h = await householdInScope(db, actor, householdId);
  return db.transaction(async (tx) => {
    const rows = await repo.listDecisions(tx, h.id);
    if (rows.length > 0) {
      await recordAuditForPersons(
        tx,
        actor,
        {
          action: "read",
          entityType: "decision",
          entityId: h.id,
          gemeenteCode: h.gemeenteCode,
          fields: ["leefgeld", "eigenBijdrage"],
          reason: codedReason("decisions_of_household"),
        },
        await repo.memberIdsOfHousehold(tx, h.id),
      );
    }
    return rows.map(summary);
  });
}

/** The lawbook a decision was made under, rebuilt from its stored files. */
export async function lawbookOf(db: Queryable, lawHash: string): Promise<Lawbook> {
  if (getLawbook().hash === lawHash) return getLawbook();
  const files = await repo.lawFilesOf(db, lawHash);
  if (!files) throw new Error(`the law version ${lawHash} of a decision is missing`);
  return lawbookOfReceipt(lawHash, files);
}

async function auditDecisionRead(
  db: Queryable,
  actor: Actor,
  row: repo.DecisionRow,
  entry: Pick<AuditEntry, "action" | "reason">,
) {
  const persons = await repo.memberIdsOfHousehold(db, row.household_id);
  const base = {
    ...entry,
    entityType: "decision",
    entityId: row.id,
    gemeenteCode: row.gemeente_code,
    fields: FIELDS,
  };
  if (persons.length > 0) await recordAuditForPersons(db, actor, base, persons);
  else await recordAudit(db, actor, base);
}

async function loadDecision(db: Queryable, id: number, gemeenteCode: string | null) {
  const row = await repo.findDecision(db, id, gemeenteCode);
  if (!row) throw new NotFoundError(`decision ${id}`);
  return row;
}

/** The explanation of a decision in a language, rendered by the law it was decided under. */
async function explanationOf(db: Queryable, row: repo.DecisionRow, lang: Lang) {
  if (isEmptyInputs(row.inputs)) return null;
  const lawbook = await lawbookOf(db, row.law_hash);
  // From the stored trace: what was decided is explained, not recomputed.
  return explainStored(row.trace as TraceStep[], row.inputs, lang, lawbook);
}

/** One decision with its inputs, result, trace and explanation. */
export async function readDecision(db: Db, actor: AccessContext, id: number, lang: Lang) {
  return db.transaction(async (tx) => {
    const row = await loadDecision(
      tx,
      id,
      actor.scope.kind === "gemeente" ? gemeenteOf(actor) : null,
    );
    // A resident reads the decisions of their own household only.
    if (
      actor.scope.kind !== "gemeente" &&
      !(await findHouseholdInScope(tx, row.household_id, actor.scope))
    ) {
      throw new NotFoundError(`decision ${id}`);
    }
    await auditDecisionRead(tx, actor, row, {
      action: "read",
      reason: codedReason("decision", { month: row.month }),
    });
    let explanation: string | null = null;
    let explanationProblem: string | null = null;
    try {
      explanation = await explanationOf(tx, row, lang);
    } catch (e) {
      // The decision stands as stored; only its explanation could not be rendered.
      explanationProblem = (e as Error).message;
    }
    // Stored by decideMonth from the engine's own types (jsonb reads back as unknown).
    return {
      ...summary(row),
      inputs: row.inputs as z.infer<typeof DecidedInputs> | Record<string, never>,
      result: row.result as z.infer<typeof DecidedResult> | Record<string, never>,
      trace: row.trace as TraceStep[],
      explanation,
      explanationProblem,
    };
  });
}

export interface Replay {
  identical: boolean;
  differences: string[];
  lawHash: string;
  /** The hash of the law used for the replay (today's with currentLaw). */
  replayLawHash: string;
  engineVersionThen: string;
  engineVersionNow: string;
}

/**
 * Recomputes a decision from its stored inputs with the law it was decided under (or
 * today's law with `currentLaw`) and compares result and trace with what was stored.
 * A read of the decision: writes an audit record, by the system unless an actor is given.
 */
export async function replayDecision(
  db: Db,
  id: number,
  options: { currentLaw?: boolean; actor?: Actor } = {},
): Promise<Replay> {
  const actor = options.actor ?? null;
  return db.transaction(async (tx) => {
    const row = await loadDecision(tx, id, actor ? gemeenteOf(actor) : null);
    await auditDecisionRead(tx, actor, row, {
      action: "replay",
      reason: codedReason(options.currentLaw ? "replay_current_law" : "replay_decision_law"),
    });
    const lawbook = options.currentLaw ? getLawbook() : await lawbookOf(tx, row.law_hash);
    const now = isEmptyInputs(row.inputs)
      ? { result: notInReceptionResult(row.month), trace: [] }
      : splitResponse(calculate(row.inputs, lawbook));
    const differences = jsonDifferences(
      { result: row.result, trace: row.trace },
      { result: now.result, trace: now.trace },
    );
    return {
      identical: differences.length === 0,
      differences,
      lawHash: row.law_hash,
      replayLawHash: lawbook.hash,
      engineVersionThen: row.engine_version,
      engineVersionNow: ENGINE_VERSION,
    };
  });
}

/** A decision's explanation in a language, for the system (the CLI) or a caller. */
export async function explainDecision(
  db: Db,
  id: number,
  lang: Lang,
  actor: Actor = null,
): Promise<string> {
  return db.transaction(async (tx) => {
    const row = await loadDecision(tx, id, actor ? gemeenteOf(actor) : null);
    await auditDecisionRead(tx, actor, row, {
      action: "read",
      reason: codedReason("explanation", { lang }),
    });
    return (
      (await explanationOf(tx, row, lang)) ??
      `no member of the household was in reception in ${row.month}: nothing paid or charged`
    );
  });
}

function pastMonthsFrom(today: string) {
  const current = parseMonth(today.slice(0, 7));
  const earliest = addMonths(current, -LOOKBACK_MONTHS).toString();
  return { from: earliest < FIRST_MONTH ? FIRST_MONTH : earliest, before: current.toString() };
}

type Amounts = { leefgeldPaidCents: number; eigenBijdrageChargedCents: number };

export type ChangeWithEffect =
  | { month: string; decisionId: number; problem: string }
  | {
      month: string;
      decisionId: number;
      before: Amounts;
      now: Amounts;
      difference: { leefgeldCents: number; eigenBijdrageCents: number; netCents: number };
    };

/**
 * Past months (up to 24 back) whose amounts computed from today's facts and law differ
 * from their latest decision. A month without a decision has no baseline and is not
 * listed. The difference is what a correction would book: positive = the household is
 * owed money, negative = it received too much. Only reads (and writes its audit record).
 */
export async function changesWithEffect(
  db: Db,
  actor: AccessContext,
  householdId: number,
): Promise<ChangeWithEffect[]> {
  const h = await householdInScope(db, actor, householdId);
  return db.transaction(async (tx) => {
    const { from, before } = pastMonthsFrom(todayNl());
    const latest = await repo.latestDecisionPerMonth(tx, h.id, from, before);
    if (latest.length === 0) return [];
    const persons = new Set<number>(await repo.memberIdsOfHousehold(tx, h.id));
    const changes: ChangeWithEffect[] = [];
    const lawbook = getLawbook();
    for (const d of latest) {
      const loaded = await loadMonthRequest(tx, h.id, d.month);
      let now: Amounts = { leefgeldPaidCents: 0, eigenBijdrageChargedCents: 0 };
      if (loaded) {
        for (const p of loaded.personIds) persons.add(p);
        try {
          const r = calculateFor(loaded.request, loaded.personIds, lawbook);
          now = {
            leefgeldPaidCents: r.leefgeld.paidCents,
            eigenBijdrageChargedCents: r.eigenBijdrage.chargedCents,
          };
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          changes.push({ month: d.month, decisionId: d.id, problem: e.message });
          continue;
        }
      }
      const dl = now.leefgeldPaidCents - d.leefgeld_paid_cents;
      const de = now.eigenBijdrageChargedCents - d.eigen_bijdrage_charged_cents;
      if (dl !== 0 || de !== 0) {
        changes.push({
          month: d.month,
          decisionId: d.id,
          before: {
            leefgeldPaidCents: d.leefgeld_paid_cents,
            eigenBijdrageChargedCents: d.eigen_bijdrage_charged_cents,
          },
          now,
          difference: { leefgeldCents: dl, eigenBijdrageCents: de, netCents: dl - de },
        });
      }
    }
    await recordAuditForPersons(
      tx,
      actor,
      {
        action: "read",
        entityType: "entitlement",
        entityId: h.id,
        gemeenteCode: h.gemeenteCode,
        fields: FIELDS,
        reason: codedReason("changes_with_effect"),
      },
      [...persons],
    );
    return changes;
  });
}

/**
 * Accepts the current amounts of past months: decides each anew (kind correction), so the
 * latest decision of the month is today's computation and the earlier one stays as it was.
 */
export async function acknowledgeChanges(
  db: Db,
  actor: AccessContext,
  householdId: number,
  months: string[],
  reason: string,
) {
  const h = await householdInScope(db, actor, householdId);
  const checked = [...new Set(months.map((m, i) => decidableMonth(m, `months.${i}`)))].sort();
  return db.transaction(async (tx) => {
    const decisions = [];
    for (const month of checked) {
      decisions.push(await decideIn(tx, actor, h, month, "correction", reason));
    }
    return { acknowledged: decisions.length, decisionIds: decisions.map((d) => d.id) };
  });
}
