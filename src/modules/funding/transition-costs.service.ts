/**
 * Transition costs (transitiekosten): what a municipality spent making a building fit for
 * reception, reimbursed at actual cost (DOMAIN.md §5). The finance officer or the municipal
 * admin enters a cost for a location of the own municipality with one or more evidence
 * files (evidence.ts). Entries are never rewritten: a correction withdraws an entry with a
 * reason and adds a new one that names it, in one transaction. Every change, and every
 * download of evidence, writes an audit record; the amounts are not personal data, but who
 * entered them is kept with the entry.
 */
import type { Db, Queryable } from "../../db/connection";
import { type AccessContext, gemeenteOf } from "../../domain/access";
import { parseIsoDate, todayNl } from "../../domain/dates";
import {
  type Issue,
  NotFoundError,
  UnprocessableError,
  ValidationError,
} from "../../domain/errors";
import { fundingFirstDay, schemeOn } from "../../rules/funding";
import { getLawbook } from "../../rules/lawbook";
import { recordAudit } from "../audit";
import { checkEvidence, type UploadedFile } from "./evidence";
import * as repo from "./funding-entries.repository";

/** The largest amount one entry takes: € 1,000,000,000.00 (far above any building's cost). */
export const MAX_AMOUNT_CENTS = 100_000_000_000;
export const MAX_DESCRIPTION = 500;
export const MAX_REASON = 500;

/** The form fields of a new entry (multipart/form-data), besides the files in `evidence`. */
export const TRANSITION_COST_FIELDS = [
  "locationId",
  "incurredOn",
  "description",
  "amountCents",
  "correctsId",
  "correctionReason",
] as const;
type Field = (typeof TRANSITION_COST_FIELDS)[number];

/** A form as sent: each text field's values and each file field's files. */
export interface FormInput {
  fields: Record<string, string[]>;
  files: Record<string, UploadedFile[]>;
}

const NUL = "\u0000";

/** A positive whole number written as digits (an id or cents), or an issue. */
function wholeNumber(
  value: string | undefined,
  path: string,
  issues: Issue[],
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value.trim()) || Number(value) <= 0 || Number(value) > max) {
    issues.push({
      path,
      code: path === "amountCents" ? "amount_invalid" : "invalid_type",
      message:
        path === "amountCents"
          ? `a whole number of cents, more than 0 and at most ${max}`
          : "a positive whole number",
      params: path === "amountCents" ? { max } : undefined,
    });
    return undefined;
  }
  return Number(value);
}

/** A text that is filled in, not too long and free of NUL, or an issue. */
function text(value: string | undefined, path: string, max: number, issues: Issue[]) {
  const v = value?.trim() ?? "";
  if (v === "") {
    issues.push({ path, code: "required", message: `${path} is required` });
    return undefined;
  }
  if (v.includes(NUL)) {
    issues.push({
      path,
      code: "nul_character",
      message: "must not contain the NUL character (U+0000)",
    });
    return undefined;
  }
  if (v.length > max) {
    issues.push({
      path,
      code: "too_long",
      message: `at most ${max} characters`,
      params: { max },
    });
    return undefined;
  }
  return v;
}

/**
 * The form's values, checked without the database: every problem is an issue naming its
 * field (an unknown field by its name, a file by `evidence.N`).
 */
export function checkTransitionCostForm(form: FormInput, today: string = todayNl()) {
  const issues: Issue[] = [];
  const known = new Set<string>(TRANSITION_COST_FIELDS);
  for (const name of [...Object.keys(form.fields), ...Object.keys(form.files)]) {
    if (!known.has(name) && name !== "evidence") {
      issues.push({ path: name, code: "unknown_field", message: `unknown field "${name}"` });
    }
  }
  for (const name of Object.keys(form.files)) {
    if (name !== "evidence" && known.has(name)) {
      issues.push({ path: name, code: "invalid_type", message: `${name} is a text, not a file` });
    }
  }
  const one = (name: Field): string | undefined => {
    const values = form.fields[name];
    if (!values || values.length === 0) return undefined;
    if (values.length > 1) {
      issues.push({ path: name, code: "duplicate_field", message: `${name} sent more than once` });
    }
    return values[0];
  };
  if (form.fields.evidence?.length) {
    issues.push({
      path: "evidence",
      code: "evidence_not_a_file",
      message: "evidence must be sent as files",
    });
  }
  const locationId = wholeNumber(one("locationId"), "locationId", issues, 2_147_483_647);
  if (form.fields.locationId === undefined) {
    issues.push({ path: "locationId", code: "required", message: "locationId is required" });
  }
  let incurredOn: string | undefined;
  const rawDate = one("incurredOn");
  if (rawDate === undefined) {
    issues.push({ path: "incurredOn", code: "required", message: "incurredOn is required" });
  } else {
    try {
      incurredOn = parseIsoDate(rawDate.trim(), "incurredOn");
      const first = fundingFirstDay(getLawbook());
      if (incurredOn < first) {
        issues.push({
          path: "incurredOn",
          code: "before_funding",
          message: `funding starts on ${first}: a cost incurred before it is not reimbursed`,
          params: { min: first },
        });
        incurredOn = undefined;
      } else if (incurredOn > today) {
        issues.push({
          path: "incurredOn",
          code: "in_future",
          message: "a cost is entered once it is incurred: the date lies after today",
          params: { max: today },
        });
        incurredOn = undefined;
      }
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      issues.push(...e.issues);
    }
  }
  const description = text(one("description"), "description", MAX_DESCRIPTION, issues);
  const rawAmount = one("amountCents");
  if (rawAmount === undefined) {
    issues.push({ path: "amountCents", code: "required", message: "amountCents is required" });
  }
  const amountCents = wholeNumber(rawAmount, "amountCents", issues, MAX_AMOUNT_CENTS);
  const correctsId = wholeNumber(one("correctsId"), "correctsId", issues, 2_147_483_647);
  const rawReason = one("correctionReason");
  let correctionReason: string | undefined;
  if (form.fields.correctsId !== undefined) {
    correctionReason = text(rawReason, "correctionReason", MAX_REASON, issues);
  } else if (rawReason !== undefined) {
    issues.push({
      path: "correctionReason",
      code: "not_allowed",
      message: "a correction reason goes with correctsId, the entry this one corrects",
    });
  }
  const evidence = checkEvidence(form.files.evidence ?? [], issues);
  if (issues.length) throw new ValidationError(issues);
  return {
    locationId: locationId!,
    incurredOn: incurredOn!,
    description: description!,
    amountCents: amountCents!,
    correctsId: correctsId ?? null,
    correctionReason: correctionReason ?? null,
    evidence,
  };
}

/** An entry as the API answers it: its scheme, its state and its evidence (no content). */
async function view(db: Queryable, records: repo.TransitionCostRecord[]) {
  const evidence = await repo.evidenceOf(
    db,
    records.map((r) => r.id),
  );
  const lawbook = getLawbook();
  return records.map((r) => ({
    id: r.id,
    locationId: r.locationId,
    locationName: r.locationName,
    incurredOn: r.incurredOn,
    scheme: schemeOn(lawbook, r.incurredOn)?.scheme ?? null,
    description: r.description,
    amountCents: r.amountCents,
    status: r.withdrawnAt === null ? ("active" as const) : ("withdrawn" as const),
    enteredBy: r.enteredBy,
    createdAt: r.createdAt,
    correctsId: r.correctsId,
    correctedById: r.correctedById,
    withdrawnAt: r.withdrawnAt,
    withdrawnBy: r.withdrawnBy,
    withdrawReason: r.withdrawReason,
    evidence: (evidence.get(r.id) ?? []).map(({ transitionCostId: _c, ...e }) => e),
  }));
}

async function oneView(db: Queryable, id: number, gemeente: string) {
  const found = await repo.findTransitionCost(db, id, gemeente);
  if (!found) throw new NotFoundError("transition cost");
  return (await view(db, [found]))[0]!;
}

/**
 * Enters a transition cost with its evidence; with `correctsId` it first withdraws that
 * entry (of the own municipality, not withdrawn) with `correctionReason`. All or nothing.
 */
export async function createTransitionCost(
  db: Db,
  actor: AccessContext,
  form: FormInput,
  today: string = todayNl(),
) {
  const gemeente = gemeenteOf(actor);
  const input = checkTransitionCostForm(form, today);
  return db.transaction(async (tx) => {
    const location = await repo.locationOf(tx, input.locationId, gemeente);
    if (!location) {
      throw new ValidationError({
        path: "locationId",
        code: "location_not_found",
        message: "no location with this id in your municipality",
      });
    }
    if (input.correctsId !== null) {
      const corrected = await repo.findTransitionCost(tx, input.correctsId, gemeente, true);
      if (!corrected) {
        throw new ValidationError({
          path: "correctsId",
          code: "not_found",
          message: "no transition cost with this id in your municipality",
        });
      }
      if (corrected.withdrawnAt !== null) {
        throw new UnprocessableError({
          path: "correctsId",
          code: "already_withdrawn",
          message: "this entry is already withdrawn; a correction replaces an entry in force",
        });
      }
      await repo.withdrawTransitionCost(tx, corrected.id, actor.id, input.correctionReason!);
      await recordAudit(tx, actor, {
        action: "update",
        entityType: "transition_cost",
        entityId: corrected.id,
        gemeenteCode: gemeente,
        fields: ["withdrawnAt", "withdrawReason"],
        reason: input.correctionReason,
      });
    }
    const id = await repo.insertTransitionCost(tx, {
      gemeenteCode: gemeente,
      locationId: input.locationId,
      incurredOn: input.incurredOn,
      description: input.description,
      amountCents: input.amountCents,
      correctsId: input.correctsId,
      enteredBy: actor.id,
    });
    await repo.insertEvidence(tx, id, input.evidence);
    await recordAudit(tx, actor, {
      action: "create",
      entityType: "transition_cost",
      entityId: id,
      gemeenteCode: gemeente,
      fields: [
        "locationId",
        "incurredOn",
        "description",
        "amountCents",
        "evidence",
        ...(input.correctsId === null ? [] : ["correctsId"]),
      ],
    });
    return oneView(tx, id, gemeente);
  });
}

/** Withdraws an entry of the own municipality with a reason (another's answers 404). */
export async function withdrawTransitionCost(
  db: Db,
  actor: AccessContext,
  input: { transitionCostId: number; reason: string },
) {
  const gemeente = gemeenteOf(actor);
  const issues: Issue[] = [];
  const reason = text(input.reason, "reason", MAX_REASON, issues);
  if (issues.length) throw new ValidationError(issues);
  return db.transaction(async (tx) => {
    const found = await repo.findTransitionCost(tx, input.transitionCostId, gemeente, true);
    if (!found) throw new NotFoundError("transition cost");
    if (!(await repo.withdrawTransitionCost(tx, found.id, actor.id, reason!))) {
      throw new UnprocessableError({
        path: "transitionCostId",
        code: "already_withdrawn",
        message: "this entry is already withdrawn",
      });
    }
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "transition_cost",
      entityId: found.id,
      gemeenteCode: gemeente,
      fields: ["withdrawnAt", "withdrawReason"],
      reason,
    });
    return oneView(tx, found.id, gemeente);
  });
}

/** The municipality's entries (incurred in the period when one is given), newest first. */
export async function listTransitionCosts(
  db: Queryable,
  actor: AccessContext,
  q: { from?: string; to?: string },
) {
  const gemeente = gemeenteOf(actor);
  let period: { from: string; to: string } | null = null;
  if (q.from !== undefined || q.to !== undefined) {
    const from = parseIsoDate(q.from, "from");
    const to = parseIsoDate(q.to, "to");
    if (from > to) {
      throw new ValidationError({
        path: "from",
        code: "from_after_to",
        message: "from lies after to",
      });
    }
    period = { from, to };
  }
  const entries = await view(db, await repo.listTransitionCosts(db, gemeente, period));
  return {
    gemeenteCode: gemeente,
    from: period?.from ?? null,
    to: period?.to ?? null,
    activeCents: entries
      .filter((e) => e.status === "active")
      .reduce((s, e) => s + e.amountCents, 0),
    entries,
  };
}

/** One evidence file to download again; the read is recorded in the audit log. */
export async function downloadEvidence(
  db: Db,
  actor: AccessContext,
  costId: number,
  evidenceId: number,
) {
  const gemeente = gemeenteOf(actor);
  return db.transaction(async (tx) => {
    const file = await repo.evidenceFile(tx, costId, evidenceId, gemeente);
    if (!file) throw new NotFoundError("evidence");
    await recordAudit(tx, actor, {
      action: "read",
      entityType: "transition_cost",
      entityId: costId,
      gemeenteCode: gemeente,
      fields: ["evidence"],
    });
    return file;
  });
}
