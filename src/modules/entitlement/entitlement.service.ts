import type { Db, Queryable } from "../../db/connection";
import type { AccessContext } from "../../domain/access";
import { todayNl } from "../../domain/dates";
import { NotFoundError, ValidationError } from "../../domain/errors";
import { firstDay, lastDay, parseMonth } from "../../domain/month";
import { codedReason } from "../../domain/reasons";
import { type CalculationRequest, calculate } from "../../rules/calculation-api";
import { householdMonthFacts, type IncomeFact, type PersonFact } from "../../rules/household-facts";
import { getLawbook } from "../../rules/lawbook";
import { recordAuditForPersons } from "../audit";
import { findHouseholdInScope } from "../registry";
import { supportPeriodsForHouseholds } from "../transition";
import * as repo from "./entitlement.repository";

type Lang = "nl" | "uk" | "en";

export interface MonthFacts {
  month: string;
  /** The engine's input as the household's facts give it; null when nobody was present. */
  request: Omit<CalculationRequest, "lang"> | null;
  /** Person id of each member of the request, in order. */
  personIds: number[];
  /** Members in reception on days they were no longer entitled (rules/household-facts). */
  supportEnded: { personId: number; lastDay: string | null }[];
}

function parseMonthField(month: string, path = "month") {
  try {
    return parseMonth(month);
  } catch {
    throw new ValidationError({
      path,
      code: "month_format",
      message: `expected a month YYYY-MM, got "${month}"`,
    });
  }
}

const noFacts = (month: string): MonthFacts => ({
  month,
  request: null,
  personIds: [],
  supportEnded: [],
});

/**
 * The one place where rows become facts, for one household or many: groups the presence
 * rows by household in one pass, reads the incomes and the support periods of all their
 * members at once, and lets the rules turn each household's rows into the engine's input.
 * Every household with a presence row gets an entry (request null and supportEnded set
 * when all its presence fell on days without support).
 */
async function factsOfPresence(
  db: Queryable,
  month: string,
  first: string,
  rows: readonly repo.PresenceRow[],
  gemeente: string | null,
): Promise<Map<number, MonthFacts>> {
  const households = new Map<
    number,
    { rows: repo.PresenceRow[]; persons: Map<number, PersonFact> }
  >();
  const personIds = new Set<number>();
  for (const r of rows) {
    let h = households.get(r.household_id);
    if (!h) {
      h = { rows: [], persons: new Map() };
      households.set(r.household_id, h);
    }
    h.rows.push(r);
    // One fact object per household and person: support depends on the household.
    if (!h.persons.has(r.person_id)) {
      h.persons.set(r.person_id, {
        personId: r.person_id,
        birthDate: r.birth_date,
        name: `${r.given_names} ${r.family_name}`,
      });
    }
    personIds.add(r.person_id);
  }
  const members = new Map<number, number[]>();
  for (const [id, h] of households) members.set(id, [...h.persons.keys()]);
  // Leefgeld only on days of protection or of the transition's continuation (rules/transition).
  // One after the other: `db` may be a transaction (the monthly run's batch), one connection
  // that takes one query at a time (pg deprecates sending it a second meanwhile).
  const incomeRows = await repo.incomesInMonth(db, [...personIds], first);
  const support = await supportPeriodsForHouseholds(db, members);
  const incomes = new Map<number, IncomeFact[]>();
  for (const i of incomeRows) {
    const fact = { personId: i.person_id, kind: i.kind, source: i.source, netCents: i.net_cents };
    const list = incomes.get(i.person_id);
    if (list) list.push(fact);
    else incomes.set(i.person_id, [fact]);
  }
  const out = new Map<number, MonthFacts>();
  for (const [householdId, h] of households) {
    const periods = support.get(householdId);
    const ownIncomes: IncomeFact[] = [];
    for (const p of h.persons.values()) {
      p.supportPeriods = periods?.get(p.personId);
      const own = incomes.get(p.personId);
      if (own) ownIncomes.push(...own);
    }
    const { input, personIds, unsupported } = householdMonthFacts(month, {
      gemeente,
      persons: [...h.persons.values()],
      stays: h.rows.map((r) => ({
        personId: r.person_id,
        role: r.role,
        from: r.from_date,
        to: r.to_date,
        kind: r.kind,
        catering: r.catering,
      })),
      incomes: ownIncomes,
    });
    out.set(householdId, {
      month,
      request: input as MonthFacts["request"],
      personIds,
      supportEnded: unsupported,
    });
  }
  return out;
}

/**
 * Loads the household's dated facts for a month (stays: membership ∩ placement, with the
 * location's catering; birth dates; incomes of every source) and lets the rules turn them
 * into the engine's input.
 */
export async function monthFacts(
  db: Queryable,
  householdId: number,
  month: string,
  gemeente: string | null,
): Promise<MonthFacts> {
  const m = parseMonthField(month);
  const first = firstDay(m).toString();
  const rows = await repo.presenceInMonth(db, { householdId }, first, lastDay(m).toString());
  const facts = await factsOfPresence(db, m.toString(), first, rows, gemeente);
  return facts.get(householdId) ?? noFacts(m.toString());
}

/**
 * monthFacts for every household of a municipality (or the given ones of it) in a month,
 * with the same few queries for all of them instead of per household: the monthly run's input.
 * A household is in the map when a member lived in reception on a day of the month, also
 * when none of those days was supported (request null, supportEnded says who); a household
 * absent from it is one monthFacts gives request null and no supportEnded.
 */
export async function monthFactsOfGemeente(
  db: Queryable,
  gemeente: string,
  month: string,
  opts: { householdIds?: readonly number[] } = {},
): Promise<Map<number, MonthFacts>> {
  const m = parseMonthField(month);
  const first = firstDay(m).toString();
  const rows = await repo.presenceInMonth(
    db,
    { gemeente, householdIds: opts.householdIds },
    first,
    lastDay(m).toString(),
  );
  return factsOfPresence(db, m.toString(), first, rows, gemeente);
}

/**
 * The engine's input for a household and month as its facts are now, with the persons
 * whose data it was built from (for the audit), or null when no member was in reception.
 */
export async function loadMonthRequest(
  db: Queryable,
  householdId: number,
  month: string,
): Promise<{ request: Omit<CalculationRequest, "lang">; personIds: number[] } | null> {
  const gemeente = await repo.gemeenteOfHousehold(db, householdId, `${month}-01`);
  const facts = await monthFacts(db, householdId, month, gemeente);
  if (!facts.request) return null;
  return { request: facts.request, personIds: facts.personIds };
}

/** Calculates; an input problem names the person instead of the array index. */
function calculateFor(facts: MonthFacts, lang: Lang) {
  try {
    return calculate({ ...facts.request, lang });
  } catch (e) {
    if (e instanceof ValidationError) {
      throw new ValidationError(
        e.issues.map((i) => {
          const m = /^members\.(\d+)\.(.*)$/.exec(i.path);
          const personId = m ? facts.personIds[Number(m[1])] : undefined;
          return personId ? { ...i, path: `person.${personId}.${m![2]}`, params: { personId } } : i;
        }),
      );
    }
    throw e;
  }
}

async function householdInScope(db: Queryable, actor: AccessContext, householdId: number) {
  const h = await findHouseholdInScope(db, householdId, actor.scope);
  if (!h) throw new NotFoundError("household");
  return h;
}

/** This (or another) month's leefgeld and eigen bijdrage for a household, with explanation. */
export async function entitlementFor(
  db: Db,
  actor: AccessContext,
  householdId: number,
  month: string | undefined,
  lang: Lang,
) {
  const h = await householdInScope(db, actor, householdId);
  const m = month ?? todayNl().slice(0, 7);
  const first = getLawbook().firstDayInForce.slice(0, 7);
  if (parseMonthField(m).toString() < first) {
    throw new ValidationError({
      path: "month",
      code: "no_law",
      message: `no leefgeld rules before ${first}`,
      params: { month: first },
    });
  }
  // The policy of the municipality responsible in that month (a household may have moved).
  const policyOf = await repo.gemeenteOfHousehold(db, h.id, `${m}-01`);
  const facts = await monthFacts(db, h.id, m, policyOf ?? h.gemeenteCode);
  await recordAuditForPersons(
    db,
    actor,
    {
      action: "read",
      entityType: "entitlement",
      entityId: h.id,
      gemeenteCode: h.gemeenteCode,
      fields: ["birthDate", "income", "placement"],
      reason: codedReason("month", { month: m }),
    },
    [...new Set([...facts.personIds, ...facts.supportEnded.map((x) => x.personId)])],
  );
  if (!facts.request) {
    return {
      month: m,
      inReception: false as const,
      facts: null,
      calculation: null,
      supportEnded: facts.supportEnded,
    };
  }
  const calculation = calculateFor(facts, lang);
  const notices = calculation.notices.map((n) => ({
    personId: n.member === null ? null : (facts.personIds[n.member] ?? null),
    code: n.code,
    message: n.message,
  }));
  // A child who is an adult is not counted: nobody present is only such children.
  const inReception = calculation.householdSize > 0;
  const { members, ...rest } = facts.request;
  return {
    month: m,
    inReception,
    // The engine's input with each member's person id: what the amounts were computed from.
    facts: {
      ...rest,
      members: members.map((x, i) => ({ personId: facts.personIds[i]!, ...x })),
      notices,
    },
    calculation: inReception ? calculation : null,
    supportEnded: facts.supportEnded,
  };
}
