/**
 * Monthly net income per person (DOMAIN.md §4): entered by a caseworker (as told by the
 * person, or as the caseworker established it) or delivered by the Inlichtingenbureau
 * (income-import.ts). One amount per person, month, kind, source and payer.
 *
 * Rows from the Inlichtingenbureau are kept as delivered: a caseworker cannot change or
 * delete them here (a re-import would silently undo that); a correction is entered as a
 * row with source `caseworker`. Which source counts when several exist for the same month
 * is decided where household income is summed for the rules engine, not here.
 */

import type { Db, Queryable } from "../../db/connection";
import { incomeKinds } from "../../db/schema";
import { type AccessContext, gemeenteOf } from "../../domain/access";
import { todayNl } from "../../domain/dates";
import { ConflictError, type Issue, NotFoundError, ValidationError } from "../../domain/errors";
import { recordAudit } from "../audit";
import * as repo from "./income.repository";

/** Reception of displaced persons from Ukraine started in March 2022: no earlier income. */
export const FIRST_INCOME_MONTH = "2022-03";
/** Largest monthly net amount accepted, in cents (sanity bound, well inside the column). */
export const MAX_NET_CENTS = 99_999_999;

export const MANUAL_SOURCES = ["caseworker", "self_reported"] as const;
export type ManualSource = (typeof MANUAL_SOURCES)[number];

const INCOME_FIELDS = ["month", "netCents", "kind", "source", "payer"];

/** The latest month an income may be for: next month (a new job reported ahead). */
export function lastIncomeMonth(today = todayNl()): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

export type MonthProblem = "month_format" | "month_before_start" | "month_future";

/** Checks "YYYY-MM" without allocating: the import calls it for every row. */
export function checkIncomeMonth(text: string, last: string): MonthProblem | null {
  if (text.length !== 7 || !/^\d{4}-(0[1-9]|1[0-2])$/.test(text)) return "month_format";
  if (text < FIRST_INCOME_MONTH) return "month_before_start";
  if (text > last) return "month_future";
  return null;
}

const MONTH_MESSAGES: Record<MonthProblem, (last: string) => string> = {
  month_format: () => "expected a month as YYYY-MM",
  month_before_start: () => `must be ${FIRST_INCOME_MONTH} or later (start of the reception)`,
  month_future: (last) => `must be ${last} or earlier`,
};

export function monthMessage(problem: MonthProblem, last: string): string {
  return MONTH_MESSAGES[problem](last);
}

export interface IncomeInput {
  /** YYYY-MM */
  month: string;
  netCents: number;
  kind: repo.IncomeKind;
  source: ManualSource;
  payer?: string | null;
}

/** Checks an income's fields; all problems with their paths. Returns the row values. */
function checkIncome(input: IncomeInput, issues: Issue[]) {
  const last = lastIncomeMonth();
  const monthProblem = checkIncomeMonth(input.month, last);
  if (monthProblem) {
    issues.push({ path: "month", code: monthProblem, message: monthMessage(monthProblem, last) });
  }
  if (!Number.isSafeInteger(input.netCents) || input.netCents < 0) {
    issues.push({ path: "netCents", code: "cents", message: "must be whole cents, 0 or more" });
  } else if (input.netCents > MAX_NET_CENTS) {
    issues.push({
      path: "netCents",
      code: "too_large",
      message: `must be at most ${MAX_NET_CENTS}`,
    });
  }
  if (!incomeKinds.includes(input.kind)) {
    issues.push({ path: "kind", code: "kind", message: `one of ${incomeKinds.join(", ")}` });
  }
  if (!MANUAL_SOURCES.includes(input.source)) {
    issues.push({ path: "source", code: "source", message: `one of ${MANUAL_SOURCES.join(", ")}` });
  }
  const payer = normalisePayer(input.payer ?? "") || null;
  if (payer && payer.length > 200) {
    issues.push({ path: "payer", code: "too_long", message: "at most 200 characters" });
  }
  return {
    month: `${input.month}-01`,
    netCents: input.netCents,
    kind: input.kind,
    source: input.source,
    payer,
  };
}

/** Trims and collapses inner white space, so "Albert  Heijn " and "Albert Heijn" are one payer. */
export function normalisePayer(text: string): string {
  return /\s{2,}|^\s|\s$|[\t\n\r]/.test(text) ? text.replace(/\s+/g, " ").trim() : text;
}

export interface IncomeView {
  id: number;
  personId: number;
  /** YYYY-MM */
  month: string;
  netCents: number;
  kind: repo.IncomeKind;
  source: repo.IncomeSource;
  payer: string | null;
  receivedAt: string;
  /** Send it back to correct or delete the income (optimistic concurrency). */
  version: number;
}

export function incomeView(row: repo.IncomeRow): IncomeView {
  return {
    id: row.id,
    personId: row.personId,
    month: row.month.slice(0, 7),
    netCents: row.netCents,
    kind: row.kind,
    source: row.source,
    payer: row.payer,
    receivedAt: row.receivedAt,
    version: row.version,
  };
}

/**
 * What a 409 carries: the income's id and current version, not the income. A conflict is
 * not a read: the caller sees the amount again through the audited GET (docs/decisions.md).
 */
export interface IncomeVersion {
  id: number;
  version: number;
}

function versionOf(row: repo.IncomeRow): IncomeVersion {
  return { id: row.id, version: row.version };
}

/** The answer to a correction or deletion of a version that is no longer the income's. */
function changedConflict(now: repo.IncomeRow) {
  return new ConflictError(
    "the income was changed by someone else since you read it; read it again",
    versionOf(now),
  );
}

/** The same, reading the income as it is now (after a write that found another version). */
async function changedBySomeoneElse(db: Queryable, id: number, gemeenteCode: string) {
  const now = await repo.findIncome(db, id, gemeenteCode);
  return now ? changedConflict(now) : new NotFoundError("income");
}

function changedFields(before: repo.IncomeRow, after: ReturnType<typeof checkIncome>) {
  const fields: string[] = [];
  if (before.month !== after.month) fields.push("month");
  if (before.netCents !== after.netCents) fields.push("netCents");
  if (before.kind !== after.kind) fields.push("kind");
  if (before.source !== after.source) fields.push("source");
  if (before.payer !== after.payer) fields.push("payer");
  return fields;
}

function refuseImported(row: repo.IncomeRow) {
  if (row.source === "inlichtingenbureau") {
    throw new ValidationError({
      path: "source",
      code: "imported_income",
      message:
        "delivered by the Inlichtingenbureau and kept as delivered; enter a correction with source caseworker",
    });
  }
}

/** Enters one month's income of a person of the caller's municipality. */
export async function addIncome(
  db: Db,
  actor: AccessContext,
  personId: number,
  input: IncomeInput & { reason?: string | null },
): Promise<IncomeView> {
  const gemeenteCode = gemeenteOf(actor);
  const issues: Issue[] = [];
  const values = checkIncome(input, issues);
  if (issues.length) throw new ValidationError(issues);
  return db.transaction(async (tx) => {
    if (!(await repo.findPersonId(tx, personId, gemeenteCode))) throw new NotFoundError("person");
    const existing = await repo.findIncomeByKey(tx, { personId, ...values });
    if (existing) {
      throw new ConflictError(
        "this person already has an income for this month, kind, source and payer; correct that one",
        versionOf(existing),
      );
    }
    const row = await repo.insertIncome(tx, { personId, ...values });
    await recordAudit(tx, actor, {
      action: "create",
      entityType: "income",
      entityId: row.id,
      personId,
      gemeenteCode,
      fields: INCOME_FIELDS,
      reason: input.reason?.trim() || null,
    });
    return incomeView(row);
  });
}

/**
 * Corrects an income entered by hand; the reason is required and audited. `version` is the
 * one the caller read: a correction of an income changed since answers 409 with it as is.
 */
export async function correctIncome(
  db: Db,
  actor: AccessContext,
  id: number,
  input: IncomeInput & { reason: string; version: number },
): Promise<IncomeView> {
  const gemeenteCode = gemeenteOf(actor);
  const issues: Issue[] = [];
  const values = checkIncome(input, issues);
  if (!input.reason?.trim()) {
    issues.push({ path: "reason", code: "required", message: "say why the income is corrected" });
  }
  if (issues.length) throw new ValidationError(issues);
  return db.transaction(async (tx) => {
    const current = await repo.findIncome(tx, id, gemeenteCode);
    if (!current) throw new NotFoundError("income");
    refuseImported(current);
    if (current.version !== input.version) throw changedConflict(current);
    const fields = changedFields(current, values);
    if (!fields.length) return incomeView(current);
    const other = await repo.findIncomeByKey(tx, { personId: current.personId, ...values });
    if (other && other.id !== id) {
      throw new ConflictError(
        "another income has this month, kind, source and payer; correct that one",
        versionOf(other),
      );
    }
    const row = await repo.updateIncome(tx, id, input.version, values);
    if (!row) throw await changedBySomeoneElse(tx, id, gemeenteCode);
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "income",
      entityId: id,
      personId: current.personId,
      gemeenteCode,
      fields,
      reason: input.reason.trim(),
    });
    return incomeView(row);
  });
}

/**
 * Deletes an income entered by hand (entered in error); the reason is required and audited.
 * `version` as for correctIncome: an income changed since it was read is not deleted.
 */
export async function removeIncome(
  db: Db,
  actor: AccessContext,
  id: number,
  reason: string,
  version: number,
) {
  const gemeenteCode = gemeenteOf(actor);
  if (!reason?.trim()) {
    throw new ValidationError({
      path: "reason",
      code: "required",
      message: "say why the income is deleted",
    });
  }
  await db.transaction(async (tx) => {
    const current = await repo.findIncome(tx, id, gemeenteCode);
    if (!current) throw new NotFoundError("income");
    refuseImported(current);
    if (!(await repo.deleteIncome(tx, id, version))) {
      throw await changedBySomeoneElse(tx, id, gemeenteCode);
    }
    await recordAudit(tx, actor, {
      action: "delete",
      entityType: "income",
      entityId: id,
      personId: current.personId,
      gemeenteCode,
      fields: INCOME_FIELDS,
      reason: reason.trim(),
    });
  });
}

export interface IncomeMonth {
  /** YYYY-MM */
  month: string;
  /** Sum per source; which source counts is decided where household income is summed. */
  totalsBySource: Partial<Record<repo.IncomeSource, number>>;
  incomes: IncomeView[];
}

/** A person's incomes grouped per month, newest first (audited read). */
export async function listIncomes(
  db: Db,
  actor: AccessContext,
  personId: number,
  range: { from?: string; to?: string } = {},
): Promise<{ personId: number; months: IncomeMonth[] }> {
  const gemeenteCode = gemeenteOf(actor);
  const issues: Issue[] = [];
  for (const f of ["from", "to"] as const) {
    const v = range[f];
    if (v !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) {
      issues.push({ path: f, code: "month_format", message: "expected a month as YYYY-MM" });
    }
  }
  if (issues.length) throw new ValidationError(issues);
  return db.transaction(async (tx) => {
    if (!(await repo.findPersonId(tx, personId, gemeenteCode))) throw new NotFoundError("person");
    const rows = await repo.incomesOfPerson(
      tx,
      personId,
      range.from && `${range.from}-01`,
      range.to && `${range.to}-01`,
    );
    await recordAudit(tx, actor, {
      action: "read",
      entityType: "income",
      entityId: personId,
      personId,
      gemeenteCode,
      fields: INCOME_FIELDS,
    });
    const months: IncomeMonth[] = [];
    for (const row of rows) {
      const view = incomeView(row);
      let m = months[months.length - 1];
      if (m?.month !== view.month) {
        m = { month: view.month, totalsBySource: {}, incomes: [] };
        months.push(m);
      }
      m.incomes.push(view);
      m.totalsBySource[view.source] = (m.totalsBySource[view.source] ?? 0) + view.netCents;
    }
    return { personId, months };
  });
}
