import { describe, expect, it } from "vitest";
import { calculate } from "./calculation-api.js";
import { type HouseholdFacts, householdMonthFacts, type Stay } from "./household-facts.js";
import { isAdultOnDate } from "./household-month.js";

const adult = { personId: 1, birthDate: "1980-01-01", name: "Olha Tkachenko" };
const child = { personId: 2, birthDate: "2015-06-15", name: "Ivan Tkachenko" };
const stay = (over: Partial<Stay>): Stay => ({
  personId: 1,
  role: "head",
  from: "2025-01-01",
  to: null,
  kind: "goo",
  catering: false,
  ...over,
});
const facts = (over: Partial<HouseholdFacts>): HouseholdFacts => ({
  gemeente: null,
  persons: [adult, child],
  stays: [],
  incomes: [],
  ...over,
});

describe("householdMonthFacts", () => {
  it("counts presence as a set of days: placed 1-10 and 20-31 May is 22 days", () => {
    const { input } = householdMonthFacts(
      "2026-05",
      facts({
        stays: [
          stay({ from: "2026-04-20", to: "2026-05-10" }),
          stay({ from: "2026-05-20", to: null }),
        ],
      }),
    );
    expect(input!.members[0]!.periods).toEqual([
      { from: "2026-05-01", to: "2026-05-10" },
      { from: "2026-05-20", to: "2026-05-31" },
    ]);
    const r = calculate(input);
    expect(r.members[0]!.daysPresent).toBe(22);
    // 22/31 of the full month, each amount rounded once
    expect(r.leefgeld.fullCents).toBe(Math.round((25218 * 22) / 31) + Math.round((6266 * 22) / 31));
  });

  it("overlapping stays count each day once, and a whole month carries no presence", () => {
    const { input } = householdMonthFacts(
      "2026-05",
      facts({
        stays: [stay({ from: "2026-01-01", to: "2026-05-20" }), stay({ from: "2026-05-10" })],
      }),
    );
    expect(input!.members[0]!.periods).toBeUndefined();
  });

  it("takes the reception of most person-days; a tie goes to the kind that applied later", () => {
    const tie = householdMonthFacts(
      "2026-04",
      facts({
        stays: [
          stay({ from: "2026-01-01", to: "2026-04-15", kind: "poo", catering: null }),
          stay({ from: "2026-04-16", to: null, kind: "goo" }),
        ],
      }),
    );
    expect(tie.input!.reception).toBe("goo");
    const most = householdMonthFacts(
      "2026-04",
      facts({
        stays: [
          stay({ from: "2026-01-01", to: "2026-04-20", kind: "goo", catering: true }),
          stay({ from: "2026-04-21", to: null, kind: "poo", catering: null }),
          stay({ personId: 2, role: "child", from: "2026-04-25", kind: "poo", catering: null }),
        ],
      }),
    );
    // catering 20 person-days against POO 10 + 6
    expect(most.input!.reception).toBe("goo-catering");
  });

  it("counts one source per kind of income, and every payer within it", () => {
    const { input } = householdMonthFacts(
      "2026-04",
      facts({
        stays: [stay({})],
        incomes: [
          { personId: 1, kind: "work", source: "self_reported", netCents: 50000 },
          { personId: 1, kind: "work", source: "inlichtingenbureau", netCents: 40000 },
          { personId: 1, kind: "work", source: "inlichtingenbureau", netCents: 10000 },
          { personId: 1, kind: "wage_replacement", source: "self_reported", netCents: 7000 },
        ],
      }),
    );
    expect(input!.members[0]!.netIncomeCents).toBe(40000 + 10000 + 7000);
    const withCaseworker = householdMonthFacts(
      "2026-04",
      facts({
        stays: [stay({})],
        incomes: [
          { personId: 1, kind: "work", source: "inlichtingenbureau", netCents: 40000 },
          { personId: 1, kind: "work", source: "caseworker", netCents: 45000 },
        ],
      }),
    );
    expect(withCaseworker.input!.members[0]!.netIncomeCents).toBe(45000);
  });

  it("passes the role and the municipality, so the engine applies both", () => {
    const { input, personIds } = householdMonthFacts(
      "2023-05",
      facts({
        gemeente: "GM0866",
        persons: [adult, { personId: 3, birthDate: "2004-02-02", name: "Petro" }],
        stays: [
          stay({ from: "2023-01-01" }),
          stay({ personId: 3, role: "child", from: "2023-01-01" }),
        ],
        incomes: [{ personId: 1, kind: "work", source: "caseworker", netCents: 100 }],
      }),
    );
    expect(personIds).toEqual([1, 3]);
    expect(input).toMatchObject({
      gemeente: "GM0866",
      members: [{ role: "head" }, { role: "child" }],
    });
    const r = calculate(input);
    expect(r.notices).toEqual([expect.objectContaining({ code: "child_turned_18", member: 1 })]);
    expect(r.leefgeld.paidCents).toBe(0); // Waalre withdrew the whole household's leefgeld
  });

  it("answers null when nobody was present in the month", () => {
    expect(
      householdMonthFacts("2026-04", facts({ stays: [stay({ to: "2026-03-31" })] })).input,
    ).toBeNull();
  });
});

describe("isAdultOnDate", () => {
  it("reads unknown parts as the latest possible date, so adulthood is never early", () => {
    expect(isAdultOnDate("2008-00-00", "2026-06-01")).toBe(false);
    expect(isAdultOnDate("2008-00-00", "2026-12-31")).toBe(true);
    expect(isAdultOnDate("2008-02-00", "2026-02-28")).toBe(false);
    expect(isAdultOnDate("2008-02-00", "2026-02-29".replace("29", "28"))).toBe(false);
    expect(isAdultOnDate("2008-03-15", "2026-03-14")).toBe(false);
    expect(isAdultOnDate("2008-03-15", "2026-03-15")).toBe(true);
    expect(isAdultOnDate("0000-00-00", "2026-03-15")).toBeNull();
  });
});
