import { Temporal } from "temporal-polyfill";
import type { Db, Queryable } from "../../db/connection";
import { ageOn, todayNl } from "../../domain/dates";
import { NotFoundError, ValidationError } from "../../domain/errors";
import { addMonths, firstDay, lastDay, parseMonth } from "../../domain/month";
import type { SessionUser } from "../../http/context";
import { type CalculationRequest, calculate } from "../../rules/calculation-api";
import type { Reception } from "../../rules/month-params";
import { recordAudit, recordAuditForPersons } from "../audit/audit.repository";
import { findHousehold } from "../registry/registry.repository";
import { scopeOf } from "../registry/registry.service";
import * as repo from "./entitlement.repository";

type Lang = "nl" | "uk" | "en";

/** The first month with law in force (RooO, April 2022). */
const FIRST_MONTH = "2022-04";
/** How far back changes with effect are looked for. */
const LOOKBACK_MONTHS = 24;

export interface MonthFacts {
  month: string;
  reception: Reception;
  members: {
    personId: number;
    birthDate: string;
    presentFrom: string;
    presentTo: string;
    netIncomeCents: number;
  }[];
  /** Facts the caseworker must act on, such as a child who has turned 18. */
  notices: { personId: number; code: "child_turned_18"; message: string }[];
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

/**
 * The household's facts for a month as the calculator's input: members present in
 * reception (membership ∩ placement ∩ month), their income that month, and the kind of
 * reception. When members live in different kinds of reception in one month, the kind
 * with the most person-days counts (a household has one reception kind in the RooO).
 */
export async function monthFacts(
  db: Queryable,
  householdId: number,
  month: string,
): Promise<MonthFacts | null> {
  const m = parseMonthField(month);
  const first = firstDay(m).toString();
  const last = lastDay(m).toString();
  const rows = await repo.presenceInMonth(db, householdId, first, last);
  if (rows.length === 0) return null;
  const days = new Map<Reception, number>();
  /** The last day of the month on which each kind of reception applied. */
  const lastOn = new Map<Reception, string>();
  const byPerson = new Map<number, { birthDate: string; from: string; to: string }>();
  const notices: MonthFacts["notices"] = [];
  for (const r of rows) {
    // A child who is 18 on the month's first day has left the parents' household for the
    // RooO (DOMAIN §2): not counted here, and flagged until the caseworker registers the
    // own household.
    if (r.role === "child" && r.birth_date !== "0000-00-00" && ageOn(r.birth_date, first) >= 18) {
      if (!notices.some((x) => x.personId === r.person_id)) {
        notices.push({
          personId: r.person_id,
          code: "child_turned_18",
          message: "is 18 or older: not counted in this household; register an own household",
        });
      }
      continue;
    }
    const kind: Reception = r.kind === "poo" ? "poo" : r.catering ? "goo-catering" : "goo";
    const n = Temporal.PlainDate.from(r.from_date).until(r.to_date).days + 1;
    days.set(kind, (days.get(kind) ?? 0) + n);
    if (r.to_date > (lastOn.get(kind) ?? "")) lastOn.set(kind, r.to_date);
    const p = byPerson.get(r.person_id);
    if (!p)
      byPerson.set(r.person_id, { birthDate: r.birth_date, from: r.from_date, to: r.to_date });
    else {
      if (r.from_date < p.from) p.from = r.from_date;
      if (r.to_date > p.to) p.to = r.to_date;
    }
  }
  if (byPerson.size === 0) return { month: m.toString(), reception: "goo", members: [], notices };
  // The reception of most person-days; on a tie, the one that applied later in the month
  // (a change from the 15th of February counts from that month).
  const reception = [...days.entries()].sort(
    (a, b) => b[1] - a[1] || (lastOn.get(b[0])! > lastOn.get(a[0])! ? 1 : -1),
  )[0]![0];
  const income = await repo.incomeInMonth(db, [...byPerson.keys()], first);
  return {
    month: m.toString(),
    reception,
    notices,
    members: [...byPerson.entries()].map(([personId, p]) => ({
      personId,
      birthDate: p.birthDate,
      presentFrom: p.from,
      presentTo: p.to,
      netIncomeCents: income.get(personId) ?? 0,
    })),
  };
}

export function toRequest(facts: MonthFacts, lang: Lang): CalculationRequest {
  const first = `${facts.month}-01`;
  return {
    month: facts.month,
    reception: facts.reception,
    lang,
    members: facts.members.map((m) => ({
      birthDate: m.birthDate,
      netIncomeCents: m.netIncomeCents,
      // Only partial presence is passed: a whole month needs no dates.
      ...(m.presentFrom > first ? { presentFrom: m.presentFrom } : {}),
      ...(m.presentTo < lastDay(parseMonth(facts.month)).toString()
        ? { presentTo: m.presentTo }
        : {}),
    })),
  };
}

/**
 * The engine's input for a household and month as its facts are now, with the persons
 * whose data it was built from (for the audit), or null when no member was in reception.
 */
export async function loadMonthRequest(
  db: Queryable,
  householdId: number,
  month: string,
): Promise<{
  request: Omit<CalculationRequest, "lang">;
  personIds: number[];
  notices: MonthFacts["notices"];
} | null> {
  const facts = await monthFacts(db, householdId, month);
  if (!facts || facts.members.length === 0) return null;
  const { lang: _lang, ...request } = toRequest(facts, "en");
  return {
    request,
    personIds: [...facts.members, ...facts.notices].map((x) => x.personId),
    notices: facts.notices,
  };
}

/** Calculates; an input problem names the person instead of the array index. */
function calculateFor(facts: MonthFacts, lang: Lang) {
  try {
    return calculate(toRequest(facts, lang));
  } catch (e) {
    if (e instanceof ValidationError) {
      throw new ValidationError(
        e.issues.map((i) => {
          const m = /^members\.(\d+)\.(.*)$/.exec(i.path);
          const personId = m ? facts.members[Number(m[1])]?.personId : undefined;
          return personId ? { ...i, path: `person.${personId}.${m![2]}`, params: { personId } } : i;
        }),
      );
    }
    throw e;
  }
}

async function householdInScope(db: Queryable, actor: SessionUser, householdId: number) {
  const h = await findHousehold(db, householdId, scopeOf(actor));
  if (!h) throw new NotFoundError("household");
  return h;
}

/** This (or another) month's leefgeld and eigen bijdrage for a household, with explanation. */
export async function entitlementFor(
  db: Db,
  actor: SessionUser,
  householdId: number,
  month: string | undefined,
  lang: Lang,
) {
  const h = await householdInScope(db, actor, householdId);
  const m = month ?? todayNl().slice(0, 7);
  if (parseMonthField(m).toString() < FIRST_MONTH) {
    throw new ValidationError({
      path: "month",
      code: "no_law",
      message: "no leefgeld rules before April 2022",
    });
  }
  const facts = await monthFacts(db, h.id, m);
  await recordAuditForPersons(
    db,
    actor,
    {
      action: "read",
      entityType: "entitlement",
      entityId: h.id,
      gemeenteCode: h.gemeenteCode,
      fields: ["birthDate", "income", "placement"],
      reason: `month ${m}`,
    },
    // A notice (a child who turned 18) was read from that person's birth date too.
    [...(facts?.members ?? []), ...(facts?.notices ?? [])].map((x) => x.personId),
  );
  if (!facts) return { month: m, inReception: false as const, facts: null, calculation: null };
  if (facts.members.length === 0) {
    return { month: m, inReception: false as const, facts, calculation: null };
  }
  return { month: m, inReception: true as const, facts, calculation: calculateFor(facts, lang) };
}

function pastMonths(from: string, today: string): string[] {
  const current = parseMonth(today.slice(0, 7));
  let m = parseMonth(from < FIRST_MONTH ? FIRST_MONTH : from);
  const earliest = addMonths(current, -LOOKBACK_MONTHS);
  if (Temporal.PlainYearMonth.compare(m, earliest) < 0) m = earliest;
  const out: string[] = [];
  while (Temporal.PlainYearMonth.compare(m, current) < 0) {
    out.push(m.toString());
    m = addMonths(m, 1);
  }
  return out;
}

/**
 * Past months whose amounts differ from what was first known (the baseline). Months seen
 * for the first time get their baseline now. The difference is what a correction would
 * book: positive = the household is owed money, negative = it received too much.
 */
export async function changesWithEffect(db: Db, actor: SessionUser, householdId: number) {
  const h = await householdInScope(db, actor, householdId);
  return db.transaction(async (tx) => {
    const start = await repo.firstMonthInReception(tx, h.id);
    if (!start) return [];
    await recordAuditForPersons(
      tx,
      actor,
      {
        action: "read",
        entityType: "entitlement",
        entityId: h.id,
        gemeenteCode: h.gemeenteCode,
        fields: ["birthDate", "income", "placement"],
        reason: "changes with effect",
      },
      await repo.memberIdsOfHousehold(tx, h.id),
    );
    const known = new Map((await repo.baselines(tx, h.id)).map((b) => [b.month.slice(0, 7), b]));
    const changes = [];
    for (const month of pastMonths(start, todayNl())) {
      const facts = await monthFacts(tx, h.id, month);
      let now = { leefgeldPaidCents: 0, eigenBijdrageChargedCents: 0 };
      if (facts?.members.length) {
        try {
          const r = calculate(toRequest(facts, "en"));
          now = {
            leefgeldPaidCents: r.leefgeld.paidCents,
            eigenBijdrageChargedCents: r.eigenBijdrage.chargedCents,
          };
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          changes.push({ month, problem: e.message });
          continue;
        }
      }
      const before = known.get(month);
      if (!before) {
        await repo.upsertBaseline(
          tx,
          h.id,
          `${month}-01`,
          now.leefgeldPaidCents,
          now.eigenBijdrageChargedCents,
          null,
        );
        continue;
      }
      const dl = now.leefgeldPaidCents - before.leefgeld_paid_cents;
      const de = now.eigenBijdrageChargedCents - before.eigen_bijdrage_charged_cents;
      if (dl !== 0 || de !== 0) {
        changes.push({
          month,
          before: {
            leefgeldPaidCents: before.leefgeld_paid_cents,
            eigenBijdrageChargedCents: before.eigen_bijdrage_charged_cents,
          },
          now,
          difference: { leefgeldCents: dl, eigenBijdrageCents: de, netCents: dl - de },
        });
      }
    }
    return changes;
  });
}

/** Accepts the current amounts of the given months as their new baseline. */
export async function acknowledgeChanges(
  db: Db,
  actor: SessionUser,
  householdId: number,
  months: string[],
  reason: string,
) {
  const h = await householdInScope(db, actor, householdId);
  for (const [i, m] of months.entries()) parseMonthField(m, `months.${i}`);
  return db.transaction(async (tx) => {
    for (const month of months) {
      const facts = await monthFacts(tx, h.id, month);
      const r = facts?.members.length ? calculateFor(facts, "en") : null;
      await repo.upsertBaseline(
        tx,
        h.id,
        `${month}-01`,
        r?.leefgeld.paidCents ?? 0,
        r?.eigenBijdrage.chargedCents ?? 0,
        actor.id,
      );
    }
    await recordAudit(tx, actor, {
      action: "acknowledge_changes",
      entityType: "household",
      entityId: h.id,
      gemeenteCode: h.gemeenteCode,
      reason: `${reason} (${months.join(", ")})`,
    });
    return { acknowledged: months.length };
  });
}
