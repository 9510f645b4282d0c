/**
 * From a household's dated facts to the engine's input for one month: who was present on
 * which days (membership ∩ placement), in which kind of reception, with which role, and
 * which income counts. Every choice here reads law/ (rooo.household.reception-of-month,
 * rooo.income.source-precedence, rooo.leefgeld.proration); modules only load the rows.
 */
import type { IncomeKind, IncomeSource, PlacementKind } from "../domain/enums.js";
import { ValidationError } from "../domain/errors.js";
import type { HouseholdMonthInput, MemberRole, PresencePeriod } from "./household-month.js";
import type { Lawbook } from "./lawbook.js";
import { getLawbook } from "./lawbook.js";
import { type MonthParams, type Reception, resolveMonth } from "./month-params.js";

/** A stretch in which a member belonged to the household AND lived in reception. */
export interface Stay {
  personId: number;
  role: MemberRole;
  /** Dates within or around the month; null `to` = open-ended. */
  from: string;
  to: string | null;
  kind: PlacementKind;
  /** For a GOO stay, whether its location provided meals in this stretch. */
  catering: boolean | null;
}

export interface IncomeFact {
  personId: number;
  kind: IncomeKind;
  source: IncomeSource;
  netCents: number;
}

export interface PersonFact {
  personId: number;
  birthDate: string;
  name?: string | undefined;
  /**
   * Days the person is entitled to reception support (rules/transition.ts supportPeriods):
   * stays outside them do not count. Absent = entitled throughout (the calculator's case).
   */
  supportPeriods?: readonly { from: string; to: string }[] | undefined;
}

export interface HouseholdFacts {
  gemeente: string | null;
  persons: readonly PersonFact[];
  stays: readonly Stay[];
  /** Incomes recorded for the month. */
  incomes: readonly IncomeFact[];
}

export interface HouseholdMonthFacts {
  /** The engine's input; null when no member was in reception on any day of the month. */
  input: (HouseholdMonthInput & { gemeente?: string }) | null;
  /** Person id of each member of `input.members`, in order. */
  personIds: number[];
  /**
   * Members who lived in reception on days this month without being entitled to support
   * (their protection ended): the last day they were entitled, or null for none this month.
   */
  unsupported: { personId: number; lastDay: string | null }[];
}

const SOURCE_RANK: Record<MonthParams["incomePrecedence"], Record<IncomeFact["source"], number>> = {
  "caseworker-inlichtingenbureau-self-reported": {
    caseworker: 0,
    inlichtingenbureau: 1,
    self_reported: 2,
  },
};

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Per person with support periods, the month's days (1-based) on which they are entitled. */
function supportDays(
  persons: readonly PersonFact[],
  first: string,
  last: string,
  dim: number,
): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  for (const person of persons) {
    if (!person.supportPeriods) continue;
    const days = new Uint8Array(dim + 1);
    for (const sp of person.supportPeriods) {
      if (sp.from > last || sp.to < first) continue;
      const from = sp.from < first ? 1 : Number(sp.from.slice(8, 10));
      const to = sp.to > last ? dim : Number(sp.to.slice(8, 10));
      for (let d = from; d <= to; d++) days[d] = 1;
    }
    out.set(person.personId, days);
  }
  return out;
}

/** The household's facts for a month as the engine's input. */
export function householdMonthFacts(
  month: string,
  facts: HouseholdFacts,
  lawbook: Lawbook = getLawbook(),
): HouseholdMonthFacts {
  const p = resolveMonth(lawbook, month, facts.gemeente);
  const dim = p.daysInMonth;
  const prefix = p.firstDay.slice(0, 8);
  const kinds: Reception[] = ["goo", "goo-catering", "poo"];
  // Person-days per reception kind, and the last day each kind applied.
  const personDays = [0, 0, 0];
  const lastDay = [0, 0, 0];
  const present = new Map<number, { days: Uint8Array; role: MemberRole; roleDay: number }>();
  const supported = supportDays(facts.persons, p.firstDay, p.lastDay, dim);
  const cut = new Set<number>();
  for (const s of facts.stays) {
    if (s.from > p.lastDay || (s.to !== null && s.to < p.firstDay)) continue;
    const from = s.from < p.firstDay ? 1 : Number(s.from.slice(8, 10));
    const to = s.to === null || s.to > p.lastDay ? dim : Number(s.to.slice(8, 10));
    if (from > to) continue;
    const k = s.kind === "poo" ? 2 : s.catering ? 1 : 0;
    const support = supported.get(s.personId);
    if (support) {
      for (let d = from; d <= to; d++) if (support[d] !== 1) cut.add(s.personId);
    }
    if (support && !support.some((on, d) => on === 1 && d >= from && d <= to)) continue;
    let m = present.get(s.personId);
    if (!m) {
      m = { days: new Uint8Array(dim + 1), role: s.role, roleDay: 0 };
      present.set(s.personId, m);
    }
    // The role the member had last in the month is the one that counts.
    if (to >= m.roleDay) {
      m.role = s.role;
      m.roleDay = to;
    }
    for (let d = from; d <= to; d++) {
      if (m.days[d] || (support && support[d] !== 1)) continue;
      m.days[d] = 1;
      personDays[k]! += 1;
    }
    if (to > lastDay[k]!) lastDay[k] = to;
  }
  const unsupported = [...cut]
    .sort((a, b) => a - b)
    .map((personId) => {
      const periods = facts.persons.find((x) => x.personId === personId)?.supportPeriods ?? [];
      let lastDay: string | null = null;
      for (const sp of periods) {
        if (sp.from > p.lastDay) continue;
        const end = sp.to > p.lastDay ? p.lastDay : sp.to;
        if (end >= p.firstDay && (lastDay === null || end > lastDay)) lastDay = end;
      }
      return { personId, lastDay };
    });
  if (present.size === 0) return { input: null, personIds: [], unsupported };

  // rooo.household.reception-of-month = most-person-days; a tie goes to the later kind.
  let best = -1;
  for (let k = 0; k < 3; k++) {
    if (personDays[k] === 0) continue;
    if (
      best < 0 ||
      personDays[k]! > personDays[best]! ||
      (personDays[k] === personDays[best] && lastDay[k]! > lastDay[best]!)
    ) {
      best = k;
    }
  }

  // rooo.income.source-precedence: per person and kind the best source; within it, all payers.
  const rank = SOURCE_RANK[p.incomePrecedence];
  const bestSource = new Map<string, number>();
  for (const i of facts.incomes) {
    const key = `${i.personId}|${i.kind}`;
    const r = rank[i.source];
    if (r < (bestSource.get(key) ?? Number.POSITIVE_INFINITY)) bestSource.set(key, r);
  }
  const income = new Map<number, number>();
  for (const i of facts.incomes) {
    if (rank[i.source] !== bestSource.get(`${i.personId}|${i.kind}`)) continue;
    income.set(i.personId, (income.get(i.personId) ?? 0) + i.netCents);
  }

  const persons = new Map(facts.persons.map((x) => [x.personId, x]));
  const personIds = [...present.keys()].sort((a, b) => a - b);
  const members = personIds.map((id) => {
    const person = persons.get(id);
    if (!person) {
      throw new ValidationError({
        path: `person.${id}`,
        code: "missing_person",
        message: "a stay names a person whose facts were not given",
      });
    }
    const m = present.get(id)!;
    // Presence as periods: each run of consecutive days.
    const periods: PresencePeriod[] = [];
    let start = 0;
    for (let d = 1; d <= dim + 1; d++) {
      const on = d <= dim && m.days[d] === 1;
      if (on && start === 0) start = d;
      if (!on && start !== 0) {
        periods.push({ from: `${prefix}${pad(start)}`, to: `${prefix}${pad(d - 1)}` });
        start = 0;
      }
    }
    const whole =
      periods.length === 1 && periods[0]!.from === p.firstDay && periods[0]!.to === p.lastDay;
    return {
      birthDate: person.birthDate,
      role: m.role,
      ...(person.name ? { name: person.name } : {}),
      // A whole month needs no presence.
      ...(whole ? {} : { periods }),
      netIncomeCents: income.get(id) ?? 0,
    };
  });
  return {
    input: {
      month: p.month,
      reception: kinds[best]!,
      ...(facts.gemeente ? { gemeente: facts.gemeente } : {}),
      members,
    },
    personIds,
    unsupported,
  };
}
