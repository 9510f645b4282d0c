/**
 * The transition of 4 March 2027 per person, household and municipality: residence status,
 * the transitiedocument's conditions, the no-gap paths (income, health, housing,
 * education), scenario values for unpublished law, and the cohort counts. The legal
 * reasoning is in src/rules/transition.ts; this module loads rows and records changes.
 */
import type { Db, Queryable } from "../../db/connection";
import type { AccessContext } from "../../domain/access";
import { dayAfter, dayBefore, daysBetween, parseIsoDate, todayNl } from "../../domain/dates";
import type {
  EducationLevel,
  HealthInsuranceKind,
  HousingPlan,
  ParticipatiewetOutcome,
  PublicOrderStatus,
  ResidenceStatusKind,
  StatusEndReason,
} from "../../domain/enums";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../domain/errors";
import { addMonths, firstDay, parseMonth } from "../../domain/month";
import { getLawbook } from "../../rules/lawbook";
import {
  blockingRank,
  CUTOFF_PARAMETER,
  cutoffDate,
  type DatePeriod,
  effectiveStatuses,
  type ParticipatiewetFacts,
  rtbBounds,
  type Scenario,
  statusOn,
  supportPeriods,
  type TransitiedocumentResult,
  type TransitionPersonFacts,
  transitiedocumentEligibility,
} from "../../rules/transition";
import { recordAudit, recordAuditForPersons } from "../audit";
import { findLocationForPlacement } from "../locations";
import { findHouseholdInScope, findPersonInScope } from "../registry";
import * as repo from "./transition.repository";

type Selector = repo.PersonSelector;

/** The scenario values the coordinator entered, by parameter name. */
export async function loadScenario(db: Queryable): Promise<Scenario> {
  const rows = await repo.scenarioValues(db);
  return new Map(rows.map((r) => [r.parameter, r.value]));
}

interface LoadedPerson {
  facts: TransitionPersonFacts;
  row: repo.PersonTransitionRow;
  statuses: repo.StatusRow[];
  insurances: repo.InsuranceRow[];
}

/** Everything the transition rules read of these persons, in three queries. */
export async function loadPersons(
  db: Queryable,
  sel: Selector,
): Promise<Map<number, LoadedPerson>> {
  const [rows, statuses, insurances] = await Promise.all([
    repo.personTransitions(db, sel),
    repo.statusesOf(db, sel),
    repo.insurancesOf(db, sel),
  ]);
  const recorded = new Map<number, repo.StatusRow[]>();
  for (const s of statuses) {
    const list = recorded.get(s.person_id);
    if (list) list.push(s);
    else recorded.set(s.person_id, [s]);
  }
  const insured = new Map<number, repo.InsuranceRow[]>();
  for (const i of insurances) {
    const list = insured.get(i.person_id);
    if (list) list.push(i);
    else insured.set(i.person_id, [i]);
  }
  const out = new Map<number, LoadedPerson>();
  for (const row of rows) {
    const own = recorded.get(row.person_id) ?? [];
    out.set(row.person_id, {
      row,
      statuses: own,
      insurances: insured.get(row.person_id) ?? [],
      facts: {
        protectionStart: row.protection_start,
        statuses: own.map((s) => ({
          kind: s.kind,
          from: s.valid_from,
          to: s.valid_to,
          endReason: s.end_reason,
        })),
        publicOrder: row.public_order,
        asylumWithdrawn: row.asylum_withdrawn,
        asylumWithdrawnOn: row.asylum_withdrawn_on,
        indDecision: row.ind_decision,
      },
    });
  }
  return out;
}

function participatiewetOf(
  h: repo.HouseholdTransitionRow | undefined,
): ParticipatiewetFacts | null {
  return h
    ? { filedOn: h.participatiewet_filed_on, decidedOn: h.participatiewet_decided_on }
    : null;
}

/**
 * Days each person is entitled to reception support, for the entitlement of a household:
 * their residence statuses with the household's Participatiewet decision (rules/transition).
 */
export async function supportPeriodsFor(
  db: Queryable,
  householdId: number,
  personIds: readonly number[],
): Promise<Map<number, DatePeriod[]>> {
  const all = await supportPeriodsForHouseholds(db, new Map([[householdId, personIds]]));
  return all.get(householdId) ?? new Map();
}

/**
 * supportPeriodsFor for many households in four queries: household id → person id → days.
 * Keyed by household first because a person's support depends on the Participatiewet
 * decision of the household being computed, and a person who moved within the month is
 * in two households' entitlement.
 */
export async function supportPeriodsForHouseholds(
  db: Queryable,
  households: ReadonlyMap<number, readonly number[]>,
): Promise<Map<number, Map<number, DatePeriod[]>>> {
  const out = new Map<number, Map<number, DatePeriod[]>>();
  if (households.size === 0) return out;
  const personIds = new Set<number>();
  for (const ids of households.values()) for (const id of ids) personIds.add(id);
  const [persons, rows] = await Promise.all([
    loadPersons(db, { ids: [...personIds] }),
    repo.householdTransitions(db, { ids: [...households.keys()] }),
  ]);
  const decisions = new Map(rows.map((h) => [h.household_id, h]));
  const law = getLawbook();
  for (const [householdId, ids] of households) {
    const pw = participatiewetOf(decisions.get(householdId));
    const support = new Map<number, DatePeriod[]>();
    for (const id of ids) {
      const p = persons.get(id);
      // A person id without a person row has no statuses to read: left out, as before.
      if (p) support.set(id, supportPeriods(p.facts, pw, law));
    }
    out.set(householdId, support);
  }
  return out;
}

// --- One person -----------------------------------------------------------------------

function zvwFrom(): string {
  const law = getLawbook();
  const first = dayAfter(rtbBounds(law).to);
  const v = law.at("transitie.health.zvw-from", first);
  return v ? (v.version.value as string) : first;
}

function insuredOn(insurances: readonly repo.InsuranceRow[], date: string) {
  return insurances.find(
    (i) => i.kind === "zvw" && i.valid_from <= date && (i.valid_to === null || i.valid_to >= date),
  );
}

function personView(
  p: LoadedPerson,
  scenario: Scenario,
  today: string,
  pw: ParticipatiewetFacts | null,
) {
  const law = getLawbook();
  const result = transitiedocumentEligibility(p.facts, law, scenario, today);
  const statuses = effectiveStatuses(p.facts, law);
  const support = supportPeriods(p.facts, pw, law);
  const switchDate = zvwFrom();
  const checkDate = today > switchDate ? today : switchDate;
  const tuition = law.at("transitie.tuition.statutory-from", dayAfter(rtbBounds(law).to));
  return {
    personId: p.row.person_id,
    version: p.row.version,
    statusToday: statusOn(statuses, today)?.kind ?? null,
    statuses: statuses.map((s) => ({
      kind: s.kind,
      from: s.from,
      to: s.to,
      endReason: s.endReason,
      recordedId: p.statuses.find((r) => r.kind === s.kind && r.valid_from === s.from)?.id ?? null,
    })),
    transitiedocument: {
      ...result,
      indDecision: p.row.ind_decision,
      indDecisionOn: p.row.ind_decision_on,
      indReference: p.row.ind_reference,
    },
    publicOrder: p.row.public_order,
    publicOrderOn: p.row.public_order_on,
    asylumWithdrawn: p.row.asylum_withdrawn,
    asylumWithdrawnOn: p.row.asylum_withdrawn_on,
    educationLevel: p.row.education_level,
    tuitionFrom: p.row.education_level && tuition ? (tuition.version.value as string) : null,
    health: {
      zvwFrom: switchDate,
      insuredOnSwitch: insuredOn(p.insurances, checkDate) !== undefined,
      insurances: p.insurances.map((i) => ({
        id: i.id,
        kind: i.kind,
        insurer: i.insurer,
        from: i.valid_from,
        to: i.valid_to,
      })),
    },
    supportUntil: support.length ? support[support.length - 1]!.to : null,
  };
}

export type PersonTransitionView = ReturnType<typeof personView>;

async function personInScope(db: Queryable, actor: AccessContext, personId: number) {
  const p = await findPersonInScope(db, personId, actor.scope);
  if (!p) throw new NotFoundError("person");
  return p;
}

export async function readPersonTransition(db: Db, actor: AccessContext, personId: number) {
  const person = await personInScope(db, actor, personId);
  const [persons, households, scenario] = await Promise.all([
    loadPersons(db, { ids: [personId] }),
    repo.householdsOn(db, { ids: [personId] }, todayNl()),
    loadScenario(db),
  ]);
  const householdId = households.get(personId) ?? null;
  const [h] = householdId ? await repo.householdTransitions(db, { ids: [householdId] }) : [];
  await recordAudit(db, actor, {
    action: "read",
    entityType: "person_transition",
    entityId: personId,
    personId,
    gemeenteCode: person.gemeenteCode,
    fields: ["residenceStatus", "transitiedocument", "healthInsurance", "education"],
  });
  return {
    householdId,
    ...personView(persons.get(personId)!, scenario, todayNl(), participatiewetOf(h)),
  };
}

export interface PersonTransitionInput {
  version: number;
  publicOrder: PublicOrderStatus | null;
  publicOrderOn: string | null;
  asylumWithdrawn: boolean | null;
  asylumWithdrawnOn: string | null;
  educationLevel: EducationLevel | null;
}

function optionalDate(value: string | null, path: string): string | null {
  return value === null ? null : parseIsoDate(value, path);
}

export async function updatePersonTransition(
  db: Db,
  actor: AccessContext,
  personId: number,
  input: PersonTransitionInput,
) {
  const publicOrderOn = optionalDate(input.publicOrderOn, "publicOrderOn");
  const asylumWithdrawnOn = optionalDate(input.asylumWithdrawnOn, "asylumWithdrawnOn");
  if (asylumWithdrawnOn !== null && input.asylumWithdrawn !== true) {
    throw new ValidationError({
      path: "asylumWithdrawnOn",
      code: "withdrawn_date_without_withdrawal",
      message: "a withdrawal date needs asylumWithdrawn: true",
    });
  }
  return db.transaction(async (tx) => {
    const person = await personInScope(tx, actor, personId);
    await repo.lockPerson(tx, personId);
    const [current] = await repo.personTransitions(tx, { ids: [personId] });
    const version = await repo.savePersonTransition(
      tx,
      personId,
      input.version,
      {
        publicOrder: input.publicOrder,
        publicOrderOn,
        asylumWithdrawn: input.asylumWithdrawn,
        asylumWithdrawnOn,
        indDecision: current!.ind_decision,
        indDecisionOn: current!.ind_decision_on,
        indReference: current!.ind_reference,
        educationLevel: input.educationLevel,
      },
      actor.id,
    );
    if (version === undefined) {
      throw new ConflictError("the transition facts were changed by someone else", {
        personId,
        version: current!.version,
      });
    }
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "person_transition",
      entityId: personId,
      personId,
      gemeenteCode: person.gemeenteCode,
      fields: ["publicOrder", "asylumWithdrawn", "educationLevel"],
    });
    return { personId, version };
  });
}

export interface StatusInput {
  kind: ResidenceStatusKind;
  from: string;
  to: string | null;
  endReason: StatusEndReason | null;
  source: "ind" | "brp" | "caseworker";
}

function overlaps(a: { from: string; to: string | null }, b: { from: string; to: string | null }) {
  return a.from <= (b.to ?? "9999-12-31") && b.from <= (a.to ?? "9999-12-31");
}

/**
 * Records a residence status. An open status that started earlier ends the day before
 * (another permit: reason other_status); any other overlap is refused with what it meets.
 */
export async function addResidenceStatus(
  db: Db,
  actor: AccessContext,
  personId: number,
  input: StatusInput,
) {
  const from = parseIsoDate(input.from, "from");
  const to = optionalDate(input.to, "to");
  if (to !== null && to < from) {
    throw new ValidationError({
      path: "to",
      code: "to_before_from",
      message: "ends before it starts",
    });
  }
  if (input.endReason !== null && to === null) {
    throw new ValidationError({
      path: "endReason",
      code: "end_reason_without_end",
      message: "an end reason needs an end date (to)",
    });
  }
  return db.transaction(async (tx) => {
    const person = await personInScope(tx, actor, personId);
    await repo.lockPerson(tx, personId);
    const existing = await repo.statusesOf(tx, { ids: [personId] });
    const ended: number[] = [];
    for (const s of existing) {
      const period = { from: s.valid_from, to: s.valid_to };
      if (!overlaps(period, { from, to })) continue;
      if (s.valid_to === null && s.valid_from < from) {
        await repo.endStatus(
          tx,
          s.id,
          dayBefore(from),
          input.kind === "temporary_protection" ? null : "other_status",
        );
        ended.push(s.id);
        continue;
      }
      throw new ValidationError({
        path: "from",
        code: "status_overlap",
        message: `overlaps the ${s.kind} status from ${s.valid_from}${s.valid_to ? ` to ${s.valid_to}` : ""}`,
        params: { kind: s.kind, from: s.valid_from, to: s.valid_to ?? "" },
      });
    }
    const id = await repo.insertStatus(tx, {
      personId,
      kind: input.kind,
      from,
      to,
      endReason: input.endReason,
      source: input.source,
      recordedBy: actor.id,
    });
    await recordAudit(tx, actor, {
      action: "create",
      entityType: "residence_status",
      entityId: id,
      personId,
      gemeenteCode: person.gemeenteCode,
      fields: ["kind", "validFrom", "validTo", "endReason"],
    });
    return { id, ended };
  });
}

export async function endResidenceStatus(
  db: Db,
  actor: AccessContext,
  personId: number,
  statusId: number,
  input: { to: string; endReason: StatusEndReason },
) {
  const to = parseIsoDate(input.to, "to");
  return db.transaction(async (tx) => {
    const person = await personInScope(tx, actor, personId);
    await repo.lockPerson(tx, personId);
    const status = (await repo.statusesOf(tx, { ids: [personId] })).find((s) => s.id === statusId);
    if (!status) throw new NotFoundError("residence status");
    if (to < status.valid_from) {
      throw new ValidationError({
        path: "to",
        code: "to_before_from",
        message: `the status starts on ${status.valid_from}`,
        params: { from: status.valid_from },
      });
    }
    await repo.endStatus(tx, statusId, to, input.endReason);
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "residence_status",
      entityId: statusId,
      personId,
      gemeenteCode: person.gemeenteCode,
      fields: ["validTo", "endReason"],
    });
    return { id: statusId };
  });
}

/**
 * A person left the Netherlands (the return programme's departure): the residence status
 * they hold on `to` ends that day with reason departure, in the caller's transaction. The
 * implied protection becomes a recorded one that ends then.
 */
export async function endProtectionOnDeparture(
  tx: Queryable,
  actor: AccessContext,
  stay: { personId: number; gemeenteCode: string; to: string },
) {
  await repo.lockPerson(tx, stay.personId);
  const persons = await loadPersons(tx, { ids: [stay.personId] });
  const p = persons.get(stay.personId);
  if (!p) return;
  const current = p.statuses.find(
    (s) => s.valid_from <= stay.to && (s.valid_to === null || s.valid_to >= stay.to),
  );
  let id: number | null = null;
  if (current) {
    if (current.valid_to === stay.to && current.end_reason === "departure") return;
    await repo.endStatus(tx, current.id, stay.to, "departure");
    id = current.id;
  } else {
    const implied = statusOn(effectiveStatuses(p.facts, getLawbook()), stay.to);
    if (implied?.kind !== "temporary_protection") return;
    id = await repo.insertStatus(tx, {
      personId: stay.personId,
      kind: "temporary_protection",
      from: implied.from,
      to: stay.to,
      endReason: "departure",
      source: "caseworker",
      recordedBy: actor.id,
    });
  }
  await recordAudit(tx, actor, {
    action: "update",
    entityType: "residence_status",
    entityId: id,
    personId: stay.personId,
    gemeenteCode: stay.gemeenteCode,
    fields: ["validTo", "endReason"],
    reason: "departure",
  });
}

export async function addInsurance(
  db: Db,
  actor: AccessContext,
  personId: number,
  input: { kind: HealthInsuranceKind; insurer: string; from: string; to: string | null },
) {
  const from = parseIsoDate(input.from, "from");
  const to = optionalDate(input.to, "to");
  if (to !== null && to < from) {
    throw new ValidationError({
      path: "to",
      code: "to_before_from",
      message: "ends before it starts",
    });
  }
  return db.transaction(async (tx) => {
    const person = await personInScope(tx, actor, personId);
    await repo.lockPerson(tx, personId);
    const clash = (await repo.insurancesOf(tx, { ids: [personId] })).find(
      (i) =>
        i.kind === input.kind && overlaps({ from: i.valid_from, to: i.valid_to }, { from, to }),
    );
    if (clash) {
      throw new ValidationError({
        path: "from",
        code: "insurance_overlap",
        message: `overlaps the ${clash.kind} insurance from ${clash.valid_from}`,
        params: { kind: clash.kind, from: clash.valid_from },
      });
    }
    const id = await repo.insertInsurance(tx, {
      personId,
      kind: input.kind,
      insurer: input.insurer,
      from,
      to,
    });
    await recordAudit(tx, actor, {
      action: "create",
      entityType: "health_insurance",
      entityId: id,
      personId,
      gemeenteCode: person.gemeenteCode,
      fields: ["kind", "insurer", "validFrom", "validTo"],
    });
    return { id };
  });
}

// --- A household's paths ---------------------------------------------------------------

/** What a household still lacks for a transition without a gap. */
export const MISSING_CODES = [
  "transitiedocument_unknown",
  "transitiedocument_refused",
  "zvw_missing",
  "income_path_missing",
  "housing_plan_missing",
] as const;
export type MissingCode = (typeof MISSING_CODES)[number];

/** The first day of the month `months` before today's month. */
function monthsBack(today: string, months: number): string {
  return firstDay(addMonths(parseMonth(today.slice(0, 7)), -months)).toString();
}

/** The months of income that count as "works" for the income path. */
const WORK_LOOKBACK_MONTHS = 3;

function inCaseload(r: TransitiedocumentResult) {
  return r.eligibility !== "out_of_caseload";
}

export async function readHouseholdTransition(db: Db, actor: AccessContext, householdId: number) {
  const h = await findHouseholdInScope(db, householdId, actor.scope);
  if (!h) throw new NotFoundError("household");
  const today = todayNl();
  const members = await repo.householdMembersOn(db, householdId, today);
  const ids = members.map((m) => m.person_id);
  const [persons, [ht], work, scenario] = await Promise.all([
    loadPersons(db, { ids }),
    repo.householdTransitions(db, { ids: [householdId] }),
    repo.personsWithWork(db, { ids }, monthsBack(today, WORK_LOOKBACK_MONTHS)),
    loadScenario(db),
  ]);
  const pw = participatiewetOf(ht);
  const views = members.map((m) => ({
    name: `${m.given_names} ${m.family_name}`,
    role: m.role,
    hasWork: work.has(m.person_id),
    ...personView(persons.get(m.person_id)!, scenario, today, pw),
  }));
  const incomePath = incomePathOf(
    ht,
    views.some((v) => v.hasWork),
  );
  const missing: { code: MissingCode; personId: number | null }[] = [];
  for (const v of views) {
    const r = v.transitiedocument;
    if (!inCaseload(r)) continue;
    if (r.indDecision === "refused")
      missing.push({ code: "transitiedocument_refused", personId: v.personId });
    else if (r.eligibility !== "eligible" && r.indDecision !== "granted") {
      missing.push({ code: "transitiedocument_unknown", personId: v.personId });
    }
    if (!v.health.insuredOnSwitch) missing.push({ code: "zvw_missing", personId: v.personId });
  }
  if (views.some((v) => inCaseload(v.transitiedocument))) {
    if (incomePath === "none") missing.push({ code: "income_path_missing", personId: null });
    if (!ht?.housing_plan) missing.push({ code: "housing_plan_missing", personId: null });
  }
  await recordAuditForPersons(
    db,
    actor,
    {
      action: "read",
      entityType: "household_transition",
      entityId: householdId,
      gemeenteCode: h.gemeenteCode,
      fields: ["residenceStatus", "transitiedocument", "healthInsurance", "income", "housing"],
    },
    ids,
  );
  return {
    householdId,
    version: ht?.version ?? 0,
    rtbEnd: rtbBounds(getLawbook()).to,
    daysLeft: daysBetween(today, rtbBounds(getLawbook()).to),
    incomePath,
    participatiewet: {
      filedOn: ht?.participatiewet_filed_on ?? null,
      decidedOn: ht?.participatiewet_decided_on ?? null,
      outcome: ht?.participatiewet_outcome ?? null,
    },
    housing: {
      plan: ht?.housing_plan ?? null,
      from: ht?.housing_from ?? null,
      rentCents: ht?.rent_cents ?? null,
    },
    members: views,
    missing,
    restsOnScenario: views.some((v) => v.transitiedocument.restsOnScenario),
  };
}

export type IncomePath = "work" | "participatiewet_decided" | "participatiewet_filed" | "none";

function incomePathOf(ht: repo.HouseholdTransitionRow | undefined, works: boolean): IncomePath {
  if (works) return "work";
  if (ht?.participatiewet_decided_on) return "participatiewet_decided";
  if (ht?.participatiewet_filed_on) return "participatiewet_filed";
  return "none";
}

export interface HouseholdTransitionInput {
  version: number;
  participatiewet: {
    filedOn: string | null;
    decidedOn: string | null;
    outcome: ParticipatiewetOutcome | null;
  };
  housing: { plan: HousingPlan | null; from: string | null; rentCents: number | null };
}

export async function updateHouseholdTransition(
  db: Db,
  actor: AccessContext,
  householdId: number,
  input: HouseholdTransitionInput,
) {
  const filedOn = optionalDate(input.participatiewet.filedOn, "participatiewet.filedOn");
  const decidedOn = optionalDate(input.participatiewet.decidedOn, "participatiewet.decidedOn");
  const housingFrom = optionalDate(input.housing.from, "housing.from");
  const issues = [];
  if ((decidedOn === null) !== (input.participatiewet.outcome === null)) {
    issues.push({
      path: decidedOn === null ? "participatiewet.decidedOn" : "participatiewet.outcome",
      code: "decision_needs_date_and_outcome",
      message: "a Participatiewet decision has both a date and an outcome",
    });
  }
  if (decidedOn !== null && filedOn === null) {
    issues.push({
      path: "participatiewet.filedOn",
      code: "decision_without_application",
      message: "a decision needs the date the application was filed",
    });
  }
  if (decidedOn !== null && filedOn !== null && decidedOn < filedOn) {
    issues.push({
      path: "participatiewet.decidedOn",
      code: "decided_before_filed",
      message: `decided before it was filed (${filedOn})`,
      params: { filedOn },
    });
  }
  if (input.housing.plan === null && (housingFrom !== null || input.housing.rentCents !== null)) {
    issues.push({
      path: "housing.plan",
      code: "housing_plan_missing",
      message: "a date or rent needs a housing plan",
    });
  }
  if (issues.length) throw new ValidationError(issues);
  return db.transaction(async (tx) => {
    const h = await findHouseholdInScope(tx, householdId, actor.scope);
    if (!h) throw new NotFoundError("household");
    const version = await repo.saveHouseholdTransition(
      tx,
      householdId,
      input.version,
      {
        participatiewet_filed_on: filedOn,
        participatiewet_decided_on: decidedOn,
        participatiewet_outcome: input.participatiewet.outcome,
        housing_plan: input.housing.plan,
        housing_from: housingFrom,
        rent_cents: input.housing.rentCents,
      },
      actor.id,
    );
    if (version === undefined) {
      const [current] = await repo.householdTransitions(tx, { ids: [householdId] });
      throw new ConflictError("the household's transition was changed by someone else", {
        householdId,
        version: current?.version ?? 0,
      });
    }
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "household_transition",
      entityId: householdId,
      gemeenteCode: h.gemeenteCode,
      fields: ["participatiewet", "housing"],
    });
    return { householdId, version };
  });
}

// --- Cohort: counts and worklist -------------------------------------------------------

interface CohortEntry {
  personId: number;
  gemeente: string;
  householdId: number | null;
  result: TransitiedocumentResult;
  indDecision: string | null;
  insured: boolean;
  education: EducationLevel | null;
}

async function computeCohort(db: Queryable, gemeente: string | null, today: string) {
  const sel: Selector = { gemeente };
  const [people, persons, households, hts, work, scenario] = await Promise.all([
    repo.cohortPersons(db, gemeente),
    loadPersons(db, sel),
    repo.householdsOn(db, sel, today),
    repo.householdTransitions(db, { gemeente }),
    repo.personsWithWork(db, sel, monthsBack(today, WORK_LOOKBACK_MONTHS)),
    loadScenario(db),
  ]);
  const law = getLawbook();
  const switchDate = zvwFrom();
  const checkDate = today > switchDate ? today : switchDate;
  const entries: CohortEntry[] = [];
  for (const person of people) {
    const p = persons.get(person.id)!;
    entries.push({
      personId: person.id,
      gemeente: person.gemeente_code,
      householdId: households.get(person.id) ?? null,
      result: transitiedocumentEligibility(p.facts, law, scenario, today),
      indDecision: p.row.ind_decision,
      insured: insuredOn(p.insurances, checkDate) !== undefined,
      education: p.row.education_level,
    });
  }
  return {
    people,
    entries,
    hts: new Map(hts.map((h) => [h.household_id, h])),
    work,
    scenario,
  };
}

function emptyCounts() {
  return {
    persons: 0,
    eligibility: { eligible: 0, not_eligible: 0, unknown: 0, out_of_caseload: 0 },
    conditions: {
      protection_before_cutoff: { met: 0, not_met: 0, unknown: 0 },
      public_order: { met: 0, not_met: 0, unknown: 0 },
      asylum_withdrawn: { met: 0, not_met: 0, unknown: 0 },
    },
    indDecision: { granted: 0, refused: 0, none: 0 },
    missingSomething: 0,
    withoutZvw: 0,
    students: { mbo: 0, hbo: 0, wo: 0 },
  };
}
type Counts = ReturnType<typeof emptyCounts>;

function add(counts: Counts, e: CohortEntry) {
  counts.persons += 1;
  counts.eligibility[e.result.eligibility] += 1;
  if (e.result.eligibility === "out_of_caseload") return;
  for (const c of e.result.conditions) counts.conditions[c.condition][c.state] += 1;
  if (e.indDecision === "granted") counts.indDecision.granted += 1;
  else if (e.indDecision === "refused") counts.indDecision.refused += 1;
  else counts.indDecision.none += 1;
  if (e.result.conditions.some((c) => c.state === "unknown") || !e.insured)
    counts.missingSomething += 1;
  if (!e.insured) counts.withoutZvw += 1;
  if (e.education) counts.students[e.education] += 1;
}

/**
 * Counts per status and condition, paths per household, days left. A municipal user gets
 * their municipality; the national coordinator the nation and each municipality's counts.
 * Aggregates only: no name, BSN or address.
 */
export async function cohortSummary(db: Db, actor: AccessContext) {
  const gemeente = actor.scope.kind === "gemeente" ? actor.scope.gemeente : null;
  if (actor.scope.kind !== "gemeente" && actor.scope.kind !== "national")
    throw new ForbiddenError();
  const today = todayNl();
  const { entries, hts, work, scenario } = await computeCohort(db, gemeente, today);
  const total = emptyCounts();
  const byGemeente = new Map<string, Counts>();
  const households = new Map<number, { works: boolean; inCaseload: boolean }>();
  for (const e of entries) {
    add(total, e);
    if (gemeente === null) {
      let g = byGemeente.get(e.gemeente);
      if (!g) {
        g = emptyCounts();
        byGemeente.set(e.gemeente, g);
      }
      add(g, e);
    }
    if (e.householdId !== null) {
      const h = households.get(e.householdId) ?? { works: false, inCaseload: false };
      h.works ||= work.has(e.personId);
      h.inCaseload ||= inCaseload(e.result);
      households.set(e.householdId, h);
    }
  }
  const paths = {
    households: 0,
    income: { work: 0, participatiewet_decided: 0, participatiewet_filed: 0, none: 0 },
    housing: { stay_converted: 0, regular_rental: 0, own_arrangement: 0, none: 0 },
  };
  for (const [id, h] of households) {
    if (!h.inCaseload) continue;
    const ht = hts.get(id);
    paths.households += 1;
    paths.income[incomePathOf(ht, h.works)] += 1;
    paths.housing[ht?.housing_plan ?? "none"] += 1;
  }
  const law = getLawbook();
  const names = gemeente === null ? await repo.gemeenteNames(db) : new Map<string, string>();
  return {
    today,
    rtbEnd: rtbBounds(law).to,
    daysLeft: daysBetween(today, rtbBounds(law).to),
    cutoff: cutoffDate(law, scenario, today),
    restsOnScenario: cutoffDate(law, scenario, today)?.basis === "scenario",
    gemeente,
    counts: total,
    paths,
    byGemeente: [...byGemeente]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, counts]) => ({ code, name: names.get(code) ?? code, counts })),
  };
}

export const WORKLIST_SORTS = ["blocking", "name"] as const;

/** The municipality's persons in the caseload who are not yet ready, what blocks each first. */
export async function worklist(
  db: Db,
  actor: AccessContext,
  opts: {
    /** uninsured: only persons without Zvw insurance on the switch date (or today, when later). */
    only?: "uninsured" | undefined;
    sort: (typeof WORKLIST_SORTS)[number];
    limit: number;
    offset: number;
    include: "open" | "all";
  },
) {
  if (actor.scope.kind !== "gemeente") throw new ForbiddenError();
  const today = todayNl();
  const { people, entries } = await computeCohort(db, actor.scope.gemeente, today);
  const names = new Map(people.map((p) => [p.id, p]));
  const items = entries
    .filter((e) => inCaseload(e.result))
    .map((e) => {
      const blocking =
        e.indDecision === "refused"
          ? "ind_refused"
          : (e.result.conditions.find((c) => c.state === "not_met")?.reason ??
            e.result.conditions.find((c) => c.state === "unknown")?.reason ??
            (e.insured ? null : "zvw_missing"));
      const p = names.get(e.personId)!;
      return {
        personId: e.personId,
        householdId: e.householdId,
        familyName: p.family_name,
        givenNames: p.given_names,
        birthDate: p.birth_date,
        eligibility: e.result.eligibility,
        indDecision: e.indDecision,
        insured: e.insured,
        blocking,
        rank: e.indDecision === "refused" ? -1 : blockingRank(e.result) + (e.insured ? 0 : 0.5),
      };
    })
    .filter((i) => opts.include === "all" || i.blocking !== null)
    .filter((i) => opts.only !== "uninsured" || !i.insured);
  items.sort((a, b) =>
    opts.sort === "blocking"
      ? a.rank - b.rank || a.familyName.localeCompare(b.familyName) || a.personId - b.personId
      : a.familyName.localeCompare(b.familyName) ||
        a.givenNames.localeCompare(b.givenNames) ||
        a.personId - b.personId,
  );
  const page = items.slice(opts.offset, opts.offset + opts.limit);
  await recordAuditForPersons(
    db,
    actor,
    {
      action: "read",
      entityType: "transition_worklist",
      gemeenteCode: actor.scope.gemeente,
      fields: ["name", "birthDate", "transitiedocument", "healthInsurance"],
    },
    page.map((i) => i.personId),
  );
  return {
    total: items.length,
    offset: opts.offset,
    limit: opts.limit,
    items: page.map(({ rank: _rank, ...i }) => i),
  };
}

// --- Scenario and locations ------------------------------------------------------------

export async function readScenario(db: Db) {
  const law = getLawbook();
  const parameter = law.get(CUTOFF_PARAMETER);
  const rows = await repo.scenarioValues(db);
  const row = rows.find((r) => r.parameter === CUTOFF_PARAMETER);
  return {
    parameters: [
      {
        parameter: CUTOFF_PARAMETER,
        published: law.at(CUTOFF_PARAMETER, todayNl())?.version.value ?? null,
        unpublished: parameter.unpublished ?? null,
        scenario: row
          ? { value: row.value, note: row.note, setAt: row.set_at, setBy: row.set_by }
          : null,
      },
    ],
  };
}

export async function setScenario(
  db: Db,
  actor: AccessContext,
  input: { parameter: string; value: string | null; note: string | null },
) {
  const law = getLawbook();
  const parameter = law.parameters.get(input.parameter);
  if (!parameter || parameter.unpublished === undefined) {
    throw new ValidationError({
      path: "parameter",
      code: "not_a_scenario_parameter",
      message: `${input.parameter} is not a law parameter awaiting publication`,
    });
  }
  const value = input.value === null ? null : parseIsoDate(input.value, "value");
  await db.transaction(async (tx) => {
    await repo.setScenario(tx, input.parameter, value, input.note, actor.id);
    await recordAudit(tx, actor, {
      action: value === null ? "delete" : "update",
      entityType: "law_scenario",
      entityId: input.parameter,
      fields: ["value"],
    });
  });
  return readScenario(db);
}

export async function listTransformations(db: Db, actor: AccessContext) {
  if (actor.scope.kind !== "gemeente") throw new ForbiddenError();
  const rows = await repo.transformationsOf(db, actor.scope.gemeente);
  return rows.map((r) => ({
    locationId: r.location_id,
    name: r.name,
    transformable: r.transformable,
    transformFrom: r.transform_from,
    note: r.note,
    version: r.version,
  }));
}

export async function saveTransformation(
  db: Db,
  actor: AccessContext,
  locationId: number,
  input: {
    version: number;
    transformable: boolean;
    transformFrom: string | null;
    note: string | null;
  },
) {
  if (actor.scope.kind !== "gemeente") throw new ForbiddenError();
  const gemeente = actor.scope.gemeente;
  const from = optionalDate(input.transformFrom, "transformFrom");
  if (!input.transformable && from !== null) {
    throw new ValidationError({
      path: "transformFrom",
      code: "date_without_transformation",
      message: "a date needs transformable: true",
    });
  }
  return db.transaction(async (tx) => {
    const location = await findLocationForPlacement(tx, locationId, gemeente);
    if (!location) throw new NotFoundError("location");
    const version = await repo.saveTransformation(tx, locationId, input.version, {
      transformable: input.transformable,
      transformFrom: from,
      note: input.note,
    });
    if (version === undefined) {
      throw new ConflictError("the location's transformation was changed by someone else", {
        locationId,
      });
    }
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "location_transformation",
      entityId: locationId,
      gemeenteCode: gemeente,
      fields: ["transformable", "transformFrom"],
    });
    return { locationId, version };
  });
}
