import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayAfter } from "../domain/dates.js";
import { calculate } from "./calculation-api.js";
import { type HouseholdFacts, householdMonthFacts } from "./household-facts.js";
import { getLawbook } from "./lawbook.js";
import {
  blockingRank,
  CUTOFF_PARAMETER,
  effectiveStatuses,
  type ResidenceStatusFact,
  supportPeriods,
  type TransitionPersonFacts,
  transitiedocumentEligibility,
} from "./transition.js";

const law = getLawbook();
const RTB_END = "2027-03-04";
const DUTY_END = "2028-03-04";
const noScenario = new Map<string, string>();
const scenario = new Map([[CUTOFF_PARAMETER, "2026-12-01"]]);

const person = (over: Partial<TransitionPersonFacts> = {}): TransitionPersonFacts => ({
  protectionStart: "2022-05-10",
  statuses: [],
  publicOrder: null,
  asylumWithdrawn: null,
  asylumWithdrawnOn: null,
  indDecision: null,
  ...over,
});
const transitiedocument: ResidenceStatusFact = {
  kind: "transitiedocument",
  from: "2027-03-05",
  to: "2030-03-04",
  endReason: null,
};

/** A one-person household in a GOO all month, with the person's support periods. */
function household(periods: { from: string; to: string }[]): HouseholdFacts {
  return {
    gemeente: null,
    persons: [
      { personId: 1, birthDate: "1980-01-01", name: "Olha Tkachenko", supportPeriods: periods },
    ],
    stays: [
      { personId: 1, role: "head", from: "2024-01-01", to: null, kind: "goo", catering: false },
    ],
    incomes: [],
  };
}

describe("residence status", () => {
  it("without records a person has temporary protection from registration until the RTB ends", () => {
    expect(effectiveStatuses(person(), law)).toEqual([
      { kind: "temporary_protection", from: "2022-05-10", to: RTB_END, endReason: "rtb_end" },
    ]);
  });

  it("a later permit ends the implied protection the day before it starts", () => {
    const s = effectiveStatuses(
      person({
        statuses: [{ kind: "permit_work", from: "2025-06-01", to: null, endReason: null }],
      }),
      law,
    );
    expect(s[0]).toEqual({
      kind: "temporary_protection",
      from: "2022-05-10",
      to: "2025-05-31",
      endReason: null,
    });
    expect(s[1]!.kind).toBe("permit_work");
  });
});

describe("leefgeld ends with protection unless the transition keeps it", () => {
  it("without a transitiedocument, March 2027 pays the four days up to the RTB's end", () => {
    const periods = supportPeriods(person(), null, law);
    expect(periods).toEqual([{ from: "2022-05-10", to: RTB_END }]);
    const { input } = householdMonthFacts("2027-03", household(periods));
    expect(input!.members[0]!.periods).toEqual([{ from: "2027-03-01", to: RTB_END }]);
    const r = calculate(input);
    expect(r.members[0]!.daysPresent).toBe(4);
    // The facts say whose stay was cut, and the last day they were entitled.
    expect(householdMonthFacts("2027-03", household(periods)).unsupported).toEqual([
      { personId: 1, lastDay: RTB_END },
    ]);
    // April: nobody entitled, so nobody in the household's month.
    const april = householdMonthFacts("2027-04", household(periods));
    expect(april.input).toBeNull();
    expect(april.unsupported).toEqual([{ personId: 1, lastDay: null }]);
  });

  it("with a transitiedocument and no Participatiewet decision, leefgeld runs on without a gap", () => {
    const periods = supportPeriods(person({ statuses: [transitiedocument] }), null, law);
    expect(periods).toEqual([
      { from: "2022-05-10", to: RTB_END },
      { from: "2027-03-05", to: DUTY_END },
    ]);
    const marchFacts = householdMonthFacts("2027-03", household(periods));
    expect(marchFacts.unsupported).toEqual([]);
    const march = marchFacts.input!;
    expect(march.members[0]!.periods).toBeUndefined();
    expect(calculate(march).members[0]!.daysPresent).toBe(31);
  });

  it("the household's Participatiewet decision ends leefgeld the day before it takes effect", () => {
    const periods = supportPeriods(
      person({ statuses: [transitiedocument] }),
      { filedOn: "2027-03-10", decidedOn: "2027-05-10" },
      law,
    );
    expect(periods[1]).toEqual({ from: "2027-03-05", to: "2027-05-09" });
    const may = calculate(householdMonthFacts("2027-05", household(periods)).input);
    expect(may.members[0]!.daysPresent).toBe(9);
  });

  it("the municipal duty's last day ends leefgeld even without a decision", () => {
    const periods = supportPeriods(person({ statuses: [transitiedocument] }), null, law);
    expect(periods[periods.length - 1]!.to).toBe(DUTY_END);
    expect(householdMonthFacts("2028-04", household(periods)).input).toBeNull();
  });

  it("another permit, departure or a third-country national's end gives no continuation", () => {
    for (const statuses of [
      [{ kind: "permit_study", from: "2026-09-01", to: null, endReason: null }],
      [
        {
          kind: "temporary_protection",
          from: "2022-03-20",
          to: "2024-03-04",
          endReason: "third_country_national",
        },
      ],
    ] as ResidenceStatusFact[][]) {
      const periods = supportPeriods(person({ statuses }), null, law);
      expect(periods.every((p) => p.to < RTB_END)).toBe(true);
    }
  });

  it("no gap: for any decision date after the RTB, each day up to the day before it is covered", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), (offset) => {
        const decided = new Date(Date.UTC(2027, 2, 4 + offset)).toISOString().slice(0, 10);
        const periods = supportPeriods(
          person({ statuses: [transitiedocument] }),
          { filedOn: "2027-03-05", decidedOn: decided },
          law,
        );
        // Contiguous: each period starts the day after the previous one ends.
        for (let i = 1; i < periods.length; i++) {
          expect(periods[i]!.from).toBe(dayAfter(periods[i - 1]!.to));
        }
        const last = periods[periods.length - 1]!.to;
        expect(last < decided).toBe(true);
        expect(last <= DUTY_END).toBe(true);
      }),
    );
  });
});

describe("transitiedocument eligibility", () => {
  it("is unknown while the cut-off date is unpublished and no scenario is entered", () => {
    const r = transitiedocumentEligibility(
      person({ publicOrder: "passed", asylumWithdrawn: true }),
      law,
      noScenario,
      "2026-12-04",
    );
    expect(r.eligibility).toBe("unknown");
    expect(r.conditions[0]).toMatchObject({ state: "unknown", reason: "cutoff_unpublished" });
    expect(r.restsOnScenario).toBe(false);
  });

  it("with a scenario cut-off, eligible, and the result says it rests on the scenario", () => {
    const r = transitiedocumentEligibility(
      person({ publicOrder: "passed", asylumWithdrawn: true, asylumWithdrawnOn: "2026-11-02" }),
      law,
      scenario,
      "2026-12-04",
    );
    expect(r.eligibility).toBe("eligible");
    expect(r.cutoff).toEqual({ date: "2026-12-01", basis: "scenario" });
    expect(r.restsOnScenario).toBe(true);
  });

  it("names the failing condition: protection after the cut-off, public order, asylum", () => {
    const late = transitiedocumentEligibility(
      person({ protectionStart: "2026-12-02", publicOrder: "passed", asylumWithdrawn: true }),
      law,
      scenario,
      "2026-12-04",
    );
    expect(late.eligibility).toBe("not_eligible");
    expect(late.conditions[0]).toMatchObject({
      state: "not_met",
      reason: "protection_after_cutoff",
    });
    const failed = transitiedocumentEligibility(
      person({ publicOrder: "failed", asylumWithdrawn: true }),
      law,
      scenario,
      "2026-12-04",
    );
    expect(failed.conditions[1]).toMatchObject({ state: "not_met", reason: "public_order_failed" });
    const pending = transitiedocumentEligibility(
      person({ publicOrder: "pending" }),
      law,
      scenario,
      "2026-12-04",
    );
    expect(pending.eligibility).toBe("unknown");
    expect(pending.conditions.map((c) => c.reason)).toEqual([
      null,
      "public_order_pending",
      "asylum_withdrawal_missing",
    ]);
    // A failed condition blocks before missing facts, missing facts before nothing.
    expect(blockingRank(failed)).toBeLessThan(blockingRank(pending));
    expect(blockingRank(pending)).toBeLessThan(
      blockingRank(
        transitiedocumentEligibility(
          person({ publicOrder: "passed", asylumWithdrawn: true }),
          law,
          scenario,
          "2026-12-04",
        ),
      ),
    );
  });

  it("another permit or an early end of protection takes a person out of the caseload", () => {
    const permit = transitiedocumentEligibility(
      person({
        statuses: [{ kind: "permit_work", from: "2025-06-01", to: null, endReason: null }],
      }),
      law,
      scenario,
      "2026-12-04",
    );
    expect(permit).toMatchObject({ eligibility: "out_of_caseload", outReason: "permit_work" });
    const departed = transitiedocumentEligibility(
      person({
        statuses: [
          {
            kind: "temporary_protection",
            from: "2022-05-10",
            to: "2025-02-01",
            endReason: "departure",
          },
        ],
      }),
      law,
      scenario,
      "2026-12-04",
    );
    expect(departed).toMatchObject({ eligibility: "out_of_caseload", outReason: "departure" });
  });
});
