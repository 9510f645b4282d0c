/**
 * The voluntary return programme: a return case per household (interest → counselling →
 * planned → departed, or withdrawn before departure), the support it records, each
 * person's consent per purpose, and the data shared for a purpose with those who consented.
 * A departure ends the members' placements on the day of departure, in the same
 * transaction as the step, so leefgeld stops from the next day through the entitlement.
 */

import type { Db, Queryable } from "../../db/connection";
import { type AccessContext, gemeenteOf } from "../../domain/access";
import { parseIsoDate, todayNl } from "../../domain/dates";
import {
  CONSENT_PURPOSES,
  type ConsentPurpose,
  RETURN_STATUSES,
  type ReturnStatus,
} from "../../domain/enums";
import {
  ConflictError,
  ForbiddenError,
  type Issue,
  NotFoundError,
  UnprocessableError,
  ValidationError,
} from "../../domain/errors";
import { codedReason } from "../../domain/reasons";
import { getLawbook } from "../../rules/lawbook";
import { recordAudit } from "../audit";
import * as registry from "../registry";
import * as repo from "./return.repository";

/**
 * What a departure sets off in another module, given by the composition root (http/app.ts):
 * this module knows return cases, not placements.
 */
export interface ReturnHooks {
  /** Ends the person's stay in reception on `to`, in the same transaction. */
  endStay(
    tx: Queryable,
    actor: AccessContext,
    stay: {
      personId: number;
      householdId: number;
      gemeenteCode: string;
      to: string;
      reason: string;
    },
  ): Promise<void>;
  /** Ends the person's residence status (temporary protection) on `to`: they left. */
  endProtection(
    tx: Queryable,
    actor: AccessContext,
    stay: { personId: number; gemeenteCode: string; to: string },
  ): Promise<void>;
}

/** The law parameter that sets the financial support per returning person. */
export const FINANCIAL_SUPPORT_PARAMETER = "terugkeer.financial-support.per-person";

/** The steps a case may take from each status; departed and withdrawn are final. */
export const NEXT_STEPS: Record<ReturnStatus, readonly ReturnStatus[]> = {
  interest: ["counselling", "withdrawn"],
  counselling: ["planned", "withdrawn"],
  planned: ["departed", "withdrawn"],
  departed: [],
  withdrawn: [],
};

const isClosed = (status: ReturnStatus) => NEXT_STEPS[status].length === 0;

export interface ReturnEventView {
  status: ReturnStatus;
  on: string;
  note: string | null;
  /** The username of who took the step. */
  by: string | null;
  at: string;
}

export interface ReturnCaseView {
  id: number;
  householdId: number;
  status: ReturnStatus;
  plannedDeparture: string | null;
  departedOn: string | null;
  travelSupport: boolean;
  financialSupportCents: number | null;
  partnerMunicipality: string | null;
  version: number;
  nextSteps: ReturnStatus[];
  events: ReturnEventView[];
}

async function caseView(db: Queryable, row: repo.ReturnCaseRow): Promise<ReturnCaseView> {
  const events = await repo.caseEvents(db, row.id);
  return {
    id: row.id,
    householdId: row.householdId,
    status: row.status,
    plannedDeparture: row.plannedDeparture,
    departedOn: row.departedOn,
    travelSupport: row.travelSupport,
    financialSupportCents: row.financialSupportCents,
    partnerMunicipality: row.partnerMunicipality,
    version: row.version,
    nextSteps: [...NEXT_STEPS[row.status]],
    events: events.map((e) => ({
      status: e.status,
      on: e.on,
      note: e.note,
      by: e.username,
      at: e.at,
    })),
  };
}

/**
 * The day whose members the case is about: those who left, those who plan to leave, or
 * (before a date is planned) those of today.
 */
const caseDate = (row: repo.ReturnCaseRow) => row.departedOn ?? row.plannedDeparture ?? todayNl();

async function caseMemberIds(db: Queryable, row: repo.ReturnCaseRow) {
  return (await repo.membersOn(db, row.householdId, caseDate(row))).map((m) => m.person_id);
}

/** What a 409 carries: the case's id and current version, not the case (not a read). */
function staleConflict(row: Pick<repo.ReturnCaseRow, "id" | "version">) {
  return new ConflictError("the return case was changed by someone else since you read it", {
    id: row.id,
    version: row.version,
  });
}

async function scopedCase(db: Queryable, id: number, gemeenteCode: string) {
  const row = await repo.findCase(db, id, gemeenteCode);
  if (!row) throw new NotFoundError("return case");
  return row;
}

async function scopedHousehold(db: Queryable, householdId: number, gemeenteCode: string) {
  const h = await registry.findHousehold(db, householdId, gemeenteCode);
  if (!h) throw new NotFoundError("household");
  return h;
}

const trimmedOrNull = (text: string | null | undefined) => text?.trim() || null;

/**
 * The financial support for the household's members on the planned departure date: the
 * programme's amount per person × members, in cents. Refused while the programme has set no
 * amount in force on that date (the parameter is unpublished today).
 */
async function financialSupportCents(
  db: Queryable,
  householdId: number,
  plannedDeparture: string | null,
): Promise<number> {
  if (!plannedDeparture) {
    throw new UnprocessableError({
      path: "financialSupport",
      code: "planned_departure_required",
      message:
        "financial support is set for the planned departure date: set plannedDeparture first",
    });
  }
  const perPerson = getLawbook().at(FINANCIAL_SUPPORT_PARAMETER, plannedDeparture);
  if (!perPerson || typeof perPerson.version.value !== "number") {
    throw new UnprocessableError({
      path: "financialSupport",
      code: "financial_support_not_set_by_programme",
      message: `the return programme sets no financial support on ${plannedDeparture}: law parameter ${FINANCIAL_SUPPORT_PARAMETER} is not in force (not yet published)`,
      params: { parameter: FINANCIAL_SUPPORT_PARAMETER, on: plannedDeparture },
    });
  }
  const members = await repo.membersOn(db, householdId, plannedDeparture);
  return perPerson.version.value * members.length;
}

/** The household's current (latest) case with its steps; an audited read. */
export async function householdCase(db: Db, actor: AccessContext, householdId: number) {
  const gemeenteCode = gemeenteOf(actor);
  return db.transaction(async (tx) => {
    await scopedHousehold(tx, householdId, gemeenteCode);
    const row = await repo.latestCase(tx, householdId);
    if (!row) throw new NotFoundError("return case", "no_return_case");
    await recordAudit(tx, actor, {
      action: "read",
      entityType: "return_case",
      entityId: row.id,
      personIds: await caseMemberIds(tx, row),
      gemeenteCode,
      fields: ["returnCase"],
    });
    return caseView(tx, row);
  });
}

/** Opens a case with status `interest`, unless the household has one still open (409). */
export async function openCase(
  db: Db,
  actor: AccessContext,
  householdId: number,
  input: { note?: string | null },
) {
  const gemeenteCode = gemeenteOf(actor);
  const note = trimmedOrNull(input.note);
  return db.transaction(async (tx) => {
    const h = await scopedHousehold(tx, householdId, gemeenteCode);
    // Two requests at once: the second waits here and then sees the first's case.
    await repo.lockHousehold(tx, h.id);
    const latest = await repo.latestCase(tx, h.id);
    if (latest && !isClosed(latest.status)) {
      throw new ConflictError(
        `the household has an open return case (${latest.status}); continue that one`,
        { id: latest.id, version: latest.version },
      );
    }
    const row = await repo.insertCase(tx, {
      householdId: h.id,
      gemeenteCode: h.gemeenteCode,
      status: "interest",
    });
    await repo.insertEvent(tx, {
      returnCaseId: row.id,
      status: "interest",
      on: todayNl(),
      note,
      by: actor.id,
    });
    await recordAudit(tx, actor, {
      action: "create",
      entityType: "return_case",
      entityId: row.id,
      personIds: await caseMemberIds(tx, row),
      gemeenteCode,
      fields: ["status"],
      reason: note,
    });
    return caseView(tx, row);
  });
}

export interface StepInput {
  status: ReturnStatus;
  on: string;
  note?: string | null;
  plannedDeparture?: string | null;
  version: number;
}

/**
 * Takes the case one step: interest → counselling → planned → departed, or withdrawn before
 * departure. `planned` needs a planned departure (sent or already set). `departed` ends
 * the placements of every member of the household on that day (the stay ends with it)
 * through `hooks.endStay`, in the same transaction as the step and its version check.
 */
export async function takeStep(
  db: Db,
  actor: AccessContext,
  id: number,
  input: StepInput,
  hooks?: ReturnHooks,
) {
  const gemeenteCode = gemeenteOf(actor);
  const issues: Issue[] = [];
  const collect = <T>(fn: () => T) => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ValidationError) issues.push(...e.issues);
      else throw e;
      return undefined;
    }
  };
  const on = collect(() => parseIsoDate(input.on, "on"));
  const sentPlanned =
    input.plannedDeparture == null
      ? null
      : collect(() => parseIsoDate(input.plannedDeparture, "plannedDeparture"));
  if (input.plannedDeparture != null && input.status !== "planned") {
    issues.push({
      path: "plannedDeparture",
      code: "not_allowed",
      message: "the planned departure is set with the step to planned, or changed with PATCH",
    });
  }
  if (issues.length) throw new ValidationError(issues);
  const note = trimmedOrNull(input.note);
  return db.transaction(async (tx) => {
    const row = await scopedCase(tx, id, gemeenteCode);
    if (row.version !== input.version) throw staleConflict(row);
    if (!NEXT_STEPS[row.status].includes(input.status)) {
      const allowed = NEXT_STEPS[row.status];
      throw new UnprocessableError({
        path: "status",
        code: "invalid_transition",
        message: `a return case cannot go from ${row.status} to ${input.status}; ${
          allowed.length
            ? `from ${row.status} it can go to ${allowed.join(" or ")}`
            : `${row.status} is final`
        }`,
        params: { from: row.status, to: input.status },
      });
    }
    const change: repo.CaseChange = { status: input.status };
    const fields = ["status"];
    if (input.status === "planned") {
      const planned = sentPlanned ?? row.plannedDeparture;
      if (!planned) {
        throw new ValidationError({
          path: "plannedDeparture",
          code: "required",
          message: "a planned return needs the planned departure date",
        });
      }
      if (planned !== row.plannedDeparture) {
        change.plannedDeparture = planned;
        fields.push("plannedDeparture");
        // The support follows the members on the new date.
        if (row.financialSupportCents !== null) {
          change.financialSupportCents = await financialSupportCents(tx, row.householdId, planned);
        }
      }
    }
    if (input.status === "departed") {
      if (!hooks) throw new Error("a departure needs the hook that ends the stay in reception");
      change.departedOn = on!;
      fields.push("departedOn");
    }
    const updated = await repo.updateCase(tx, row.id, input.version, change);
    if (!updated) throw staleConflict((await repo.findCase(tx, row.id, gemeenteCode)) ?? row);
    await repo.insertEvent(tx, {
      returnCaseId: row.id,
      status: input.status,
      on: on!,
      note,
      by: actor.id,
    });
    if (input.status === "departed") {
      // Every member on the day of departure leaves reception that day (in person id
      // order, as placements lock persons, so no deadlock with a placement change).
      for (const m of await repo.membersOn(tx, row.householdId, on!)) {
        await hooks!.endStay(tx, actor, {
          personId: m.person_id,
          householdId: row.householdId,
          gemeenteCode,
          to: on!,
          reason: "return",
        });
        await hooks!.endProtection(tx, actor, { personId: m.person_id, gemeenteCode, to: on! });
      }
    }
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "return_case",
      entityId: row.id,
      personIds: await caseMemberIds(tx, updated),
      gemeenteCode,
      fields,
      reason: note ?? codedReason("return_status", { from: row.status, to: input.status }),
    });
    return caseView(tx, updated);
  });
}

export interface CaseChangeInput {
  version: number;
  plannedDeparture?: string | null;
  travelSupport?: boolean;
  partnerMunicipality?: string | null;
  financialSupport?: boolean;
}

/**
 * Changes the support and plans of an open case. Financial support is the programme's
 * amount per person × members on the planned departure date, and only while that amount
 * is in force (422 `financial_support_not_set_by_programme` until it is published).
 */
export async function changeCase(db: Db, actor: AccessContext, id: number, input: CaseChangeInput) {
  const gemeenteCode = gemeenteOf(actor);
  const planned =
    input.plannedDeparture == null
      ? input.plannedDeparture
      : parseIsoDate(input.plannedDeparture, "plannedDeparture");
  return db.transaction(async (tx) => {
    const row = await scopedCase(tx, id, gemeenteCode);
    if (isClosed(row.status)) {
      throw new UnprocessableError({
        path: "status",
        code: "case_closed",
        message: `the return case is ${row.status}; a closed case is not changed`,
        params: { status: row.status },
      });
    }
    if (row.version !== input.version) throw staleConflict(row);
    const change: repo.CaseChange = {};
    if (planned !== undefined && planned !== row.plannedDeparture) {
      if (planned === null && row.status === "planned") {
        throw new ValidationError({
          path: "plannedDeparture",
          code: "required",
          message: "a planned return keeps its planned departure date; change it instead",
        });
      }
      change.plannedDeparture = planned;
    }
    if (input.travelSupport !== undefined && input.travelSupport !== row.travelSupport) {
      change.travelSupport = input.travelSupport;
    }
    if (input.partnerMunicipality !== undefined) {
      const partner = trimmedOrNull(input.partnerMunicipality);
      if (partner !== row.partnerMunicipality) change.partnerMunicipality = partner;
    }
    const support = input.financialSupport ?? row.financialSupportCents !== null;
    if (!support && row.financialSupportCents !== null) change.financialSupportCents = null;
    if (support && (input.financialSupport || change.plannedDeparture !== undefined)) {
      const cents = await financialSupportCents(
        tx,
        row.householdId,
        change.plannedDeparture !== undefined ? change.plannedDeparture : row.plannedDeparture,
      );
      if (cents !== row.financialSupportCents) change.financialSupportCents = cents;
    }
    const fields = Object.keys(change);
    if (!fields.length) return caseView(tx, row);
    const updated = await repo.updateCase(tx, row.id, input.version, change);
    if (!updated) throw staleConflict((await repo.findCase(tx, row.id, gemeenteCode)) ?? row);
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "return_case",
      entityId: row.id,
      personIds: await caseMemberIds(tx, updated),
      gemeenteCode,
      fields,
    });
    return caseView(tx, updated);
  });
}

// --- Consent ------------------------------------------------------------------------------

export interface ConsentView {
  purpose: ConsentPurpose;
  given: boolean;
  givenAt: string | null;
  revokedAt: string | null;
}

async function scopedPerson(db: Queryable, actor: AccessContext, personId: number) {
  const p = await registry.findPersonInScope(db, personId, actor.scope);
  if (!p) throw new NotFoundError("person");
  return p;
}

async function consentViews(db: Queryable, personId: number): Promise<ConsentView[]> {
  const latest = new Map((await repo.latestConsents(db, personId)).map((r) => [r.purpose, r]));
  return CONSENT_PURPOSES.map((purpose) => {
    const r = latest.get(purpose);
    return {
      purpose,
      given: r !== undefined && r.revoked_at === null,
      givenAt: r?.given_at ?? null,
      revokedAt: r?.revoked_at ?? null,
    };
  });
}

/** The person's consent for each purpose (off unless given and not revoked); audited. */
export async function personConsents(db: Db, actor: AccessContext, personId: number) {
  const gemeenteCode = gemeenteOf(actor);
  return db.transaction(async (tx) => {
    await scopedPerson(tx, actor, personId);
    await recordAudit(tx, actor, {
      action: "read",
      entityType: "consent",
      entityId: personId,
      personId,
      gemeenteCode,
      fields: ["consents"],
    });
    return { personId, consents: await consentViews(tx, personId) };
  });
}

/** Records the person's consent for the purpose; giving it again changes nothing. */
export async function giveConsent(
  db: Db,
  actor: AccessContext,
  personId: number,
  purpose: ConsentPurpose,
) {
  const gemeenteCode = gemeenteOf(actor);
  return db.transaction(async (tx) => {
    await scopedPerson(tx, actor, personId);
    if (await repo.giveConsent(tx, personId, purpose, actor.id)) {
      await recordAudit(tx, actor, {
        action: "create",
        entityType: "consent",
        entityId: personId,
        personId,
        gemeenteCode,
        fields: ["consent"],
        reason: purpose,
      });
    }
    return (await consentViews(tx, personId)).find((c) => c.purpose === purpose)!;
  });
}

/** Revokes the person's consent for the purpose from now on; revoking again changes nothing. */
export async function revokeConsent(
  db: Db,
  actor: AccessContext,
  personId: number,
  purpose: ConsentPurpose,
) {
  const gemeenteCode = gemeenteOf(actor);
  return db.transaction(async (tx) => {
    await scopedPerson(tx, actor, personId);
    if (await repo.revokeConsent(tx, personId, purpose)) {
      await recordAudit(tx, actor, {
        action: "delete",
        entityType: "consent",
        entityId: personId,
        personId,
        gemeenteCode,
        fields: ["consent"],
        reason: purpose,
      });
    }
    return (await consentViews(tx, personId)).find((c) => c.purpose === purpose)!;
  });
}

/** The fields a data package holds per person, named in the audit record. */
const SHARED_FIELDS = ["name", "birthDate", "plannedDeparture", "partnerMunicipality"];

/**
 * The case's data package for a purpose: the members who consented to it at this moment,
 * each with name, birth date, planned departure and partner municipality; the others are
 * only counted (`withheld`). Without any consent: 403 `consent_missing`. Audited as
 * `share` with the purpose and the persons shared.
 */
export async function shareCase(db: Db, actor: AccessContext, id: number, purpose: ConsentPurpose) {
  const gemeenteCode = gemeenteOf(actor);
  return db.transaction(async (tx) => {
    const row = await scopedCase(tx, id, gemeenteCode);
    if (row.status === "withdrawn") {
      throw new UnprocessableError({
        path: "status",
        code: "case_withdrawn",
        message: "the return case was withdrawn; its data is not shared",
      });
    }
    const members = await repo.membersOn(tx, row.householdId, caseDate(row));
    const consenting = await repo.consentingPersons(
      tx,
      members.map((m) => m.person_id),
      purpose,
    );
    const shared = members.filter((m) => consenting.has(m.person_id));
    if (!shared.length) {
      throw new ForbiddenError(
        `no member of the household has consented to sharing their data for ${purpose}`,
        "consent_missing",
      );
    }
    await recordAudit(tx, actor, {
      action: "share",
      entityType: "return_case",
      entityId: row.id,
      personIds: shared.map((m) => m.person_id),
      gemeenteCode,
      fields: SHARED_FIELDS,
      reason: purpose,
    });
    return {
      returnCaseId: row.id,
      purpose,
      persons: shared.map((m) => ({
        familyName: m.family_name,
        givenNames: m.given_names,
        familyNameCyrillic: m.family_name_cyrillic,
        givenNamesCyrillic: m.given_names_cyrillic,
        birthDate: m.birth_date,
        plannedDeparture: row.plannedDeparture,
        partnerMunicipality: row.partnerMunicipality,
      })),
      withheld: members.length - shared.length,
    };
  });
}

// --- Aggregates ---------------------------------------------------------------------------

export type StatusCounts = Record<ReturnStatus, number>;

function countsOf(rows: readonly repo.StatusCount[]): { counts: StatusCounts; total: number } {
  const counts = Object.fromEntries(RETURN_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const r of rows) counts[r.status] += r.count;
  return { counts, total: rows.reduce((n, r) => n + r.count, 0) };
}

/** Households per status of their current case in the caller's municipality. */
export async function gemeenteSummary(db: Db, actor: AccessContext) {
  const gemeenteCode = gemeenteOf(actor);
  return { gemeenteCode, ...countsOf(await repo.statusCounts(db, gemeenteCode)) };
}

/** Households per status nationally and per municipality: counts only, no personal data. */
export async function nationalSummary(db: Db) {
  const rows = await repo.statusCounts(db);
  const codes = [...new Set(rows.map((r) => r.gemeente_code))];
  const names = await repo.gemeenteNames(db, codes);
  return {
    ...countsOf(rows),
    gemeenten: codes.map((code) => ({
      gemeenteCode: code,
      name: names.get(code) ?? code,
      ...countsOf(rows.filter((r) => r.gemeente_code === code)),
    })),
  };
}
