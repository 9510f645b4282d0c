/**
 * The transition of 4 March 2027 as the demo's municipalities stand on its "today": a
 * departed household's protection ended with the departure; of those still here, most have
 * passed the IND's public-order check and about half withdrew their asylum application;
 * a few moved to a work permit; some students; a few households filed for the
 * Participatiewet. Its own random stream, so the rest of the demo stays as it was.
 */
import type { Column } from "./bulk";
import { addYears, iso } from "./days";
import { Random } from "./random";

interface TransitionPerson {
  id: number;
  birth: number;
  protectionStart: number;
}

interface TransitionHousehold {
  id: number;
  /** `until`: a child who left for a household of their own (counted there). */
  members: { person: TransitionPerson; until?: number }[];
  departure: number | null;
  arrival: number;
}

export interface TransitionTables {
  residenceStatus: Column[];
  personTransition: Column[];
  healthInsurance: Column[];
  householdTransition: Column[];
}

const INSURERS = ["Zilveren Kruis", "CZ", "VGZ", "Menzis", "DSW", "ONVZ"];

export function transitionFacts(
  households: readonly TransitionHousehold[],
  workers: ReadonlySet<number>,
  today: number,
  seed: number,
  /** How many days before today a work permit may start (default 30 to 600). */
  options: { permitDaysBack?: [number, number] } = {},
): TransitionTables {
  const [permitMin, permitMax] = options.permitDaysBack ?? [30, 600];
  const rng = new Random((seed ^ 0x7a11_2027) >>> 0);
  const rs = {
    person: [] as number[],
    kind: [] as string[],
    from: [] as string[],
    to: [] as (string | null)[],
    reason: [] as (string | null)[],
    source: [] as string[],
  };
  const pt = {
    person: [] as number[],
    publicOrder: [] as (string | null)[],
    publicOrderOn: [] as (string | null)[],
    withdrawn: [] as (boolean | null)[],
    withdrawnOn: [] as (string | null)[],
    education: [] as (string | null)[],
  };
  const hi = {
    person: [] as number[],
    insurer: [] as string[],
    from: [] as string[],
  };
  const ht = { household: [] as number[], filed: [] as string[] };
  // Autumn 2026: the IND's checks and the withdrawals have started.
  const autumn = () => today - rng.int(0, 75);

  for (const h of households) {
    const members = h.members.filter((m) => m.until === undefined);
    if (h.departure !== null) {
      for (const { person } of members) {
        if (person.protectionStart > h.departure) continue;
        rs.person.push(person.id);
        rs.kind.push("temporary_protection");
        rs.from.push(iso(person.protectionStart));
        rs.to.push(iso(h.departure));
        rs.reason.push("departure");
        rs.source.push("brp");
      }
      continue;
    }
    let anyWork = false;
    for (const { person } of members) {
      const adult = addYears(person.birth, 18) <= today;
      anyWork ||= workers.has(person.id);
      if (adult && rng.chance(0.02)) {
        // A work permit from a day in 2025 or 2026 ends protection the day before.
        const from = Math.max(person.protectionStart + 30, today - rng.int(permitMin, permitMax));
        rs.person.push(person.id);
        rs.kind.push("temporary_protection");
        rs.from.push(iso(person.protectionStart));
        rs.to.push(iso(from - 1));
        rs.reason.push("other_status");
        rs.source.push("caseworker");
        rs.person.push(person.id);
        rs.kind.push("permit_work");
        rs.from.push(iso(from));
        rs.to.push(null);
        rs.reason.push(null);
        rs.source.push("ind");
        continue;
      }
      const order = rng.weighted([
        ["passed", 70],
        ["pending", 20],
        [null, 9.7],
        ["failed", 0.3],
      ] as const);
      const withdrawn = rng.weighted([
        [true, 55],
        [false, 3],
        [null, 42],
      ] as const);
      const student = adult && addYears(person.birth, 30) > today && rng.chance(0.08);
      pt.person.push(person.id);
      pt.publicOrder.push(order);
      pt.publicOrderOn.push(order === "passed" || order === "failed" ? iso(autumn()) : null);
      pt.withdrawn.push(withdrawn);
      pt.withdrawnOn.push(withdrawn === true ? iso(autumn()) : null);
      pt.education.push(
        student
          ? rng.weighted([
              ["mbo", 50],
              ["hbo", 30],
              ["wo", 20],
            ] as const)
          : null,
      );
      if (rng.chance(0.05)) {
        hi.person.push(person.id);
        hi.insurer.push(rng.pick(INSURERS));
        hi.from.push("2027-03-05");
      }
    }
    if (!anyWork && rng.chance(0.12)) {
      ht.household.push(h.id);
      ht.filed.push(iso(autumn()));
    }
  }
  return {
    residenceStatus: [
      { name: "person_id", type: "int", values: rs.person },
      { name: "kind", type: "text", values: rs.kind },
      { name: "valid_from", type: "date", values: rs.from },
      { name: "valid_to", type: "date", values: rs.to },
      { name: "end_reason", type: "text", values: rs.reason },
      { name: "source", type: "text", values: rs.source },
    ],
    personTransition: [
      { name: "person_id", type: "int", values: pt.person },
      { name: "public_order", type: "text", values: pt.publicOrder },
      { name: "public_order_on", type: "date", values: pt.publicOrderOn },
      { name: "asylum_withdrawn", type: "boolean", values: pt.withdrawn },
      { name: "asylum_withdrawn_on", type: "date", values: pt.withdrawnOn },
      { name: "education_level", type: "text", values: pt.education },
    ],
    healthInsurance: [
      { name: "person_id", type: "int", values: hi.person },
      { name: "kind", type: "text", values: hi.person.map(() => "zvw") },
      { name: "insurer", type: "text", values: hi.insurer },
      { name: "valid_from", type: "date", values: hi.from },
    ],
    householdTransition: [
      { name: "household_id", type: "int", values: ht.household },
      { name: "participatiewet_filed_on", type: "date", values: ht.filed },
    ],
  };
}
