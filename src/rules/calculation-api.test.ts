import { describe, expect, it } from "vitest";
import { ValidationError } from "../domain/errors.js";
import { calculate } from "./calculation-api.js";
import { plural } from "./explain.js";
import { jsonDifferences, jsonEqual } from "./receipt.js";
import { thresholdTable } from "./thresholds.js";

const base = { month: "2025-11", reception: "goo", members: [{ birthDate: "1980-01-01" }] };

describe("calculate", () => {
  it("traces every parameter with its valid-from date and source", () => {
    const r = calculate(base);
    const member = r.trace.find((s) => s.step === "members.0.leefgeld")!;
    expect(member.parameters).toContainEqual({
      name: "rooo.eetgeld.adult.size-1-2",
      value: 25218,
      unit: "cents",
      validFrom: "2025-01-01",
      source: expect.stringMatching(/^https:\/\//),
    });
    for (const step of r.trace) expect(step.source).toMatch(/^https?:\/\//);
  });

  it("marks the 115% formula as an interpretation with its alternative", () => {
    const step = calculate(base).trace.find((s) => s.step === "withdrawal")!;
    expect(step.interpretation?.text).toMatch(/I \/ 1.15/);
    expect(step.interpretation?.alternative).toMatch(/income disregard/);
  });

  it("applies the 2022 lapse of the earner's own leefgeld and says so in the trace", () => {
    const r = calculate({
      ...base,
      month: "2022-06",
      members: [{ birthDate: "1980-01-01", netIncomeCents: 1 }, { birthDate: "1981-01-01" }],
    });
    const step = r.trace.find((s) => s.step === "withdrawal")!;
    expect(step.rule).toMatch(/^lapse-earner/);
    expect(step.parameters[0]).toMatchObject({
      name: "rooo.withdrawal.rule",
      value: "lapse-earner",
    });
    expect(step.source).toMatch(/2022\/11\/04/);
    expect(r.members.map((m) => m.leefgeldPaidCents)).toEqual([0, 26000]);
    expect(r.thresholds).toBeNull();
  });

  it("refuses an unknown field, naming it and the nearest known name", () => {
    let thrown: unknown;
    try {
      calculate({ ...base, members: [{ birthDate: "1980-01-01", netIncome: 150000 }] });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    const issue = (thrown as ValidationError).issues[0]!;
    expect(issue.path).toBe("members.0.netIncome");
    expect(issue.code).toBe("unknown_field");
    expect(issue.message).toMatch(/did you mean "netIncomeCents"/);
    expect(() => calculate({ ...base, colour: "red" })).toThrow(/unknown field "colour"/);
  });

  it("applies a municipality's recorded policy and names it", () => {
    const req = {
      month: "2023-05",
      reception: "goo",
      members: [{ birthDate: "1980-01-01", netIncomeCents: 100 }, { birthDate: "1981-01-01" }],
    };
    const national = calculate(req);
    const waalre = calculate({ ...req, gemeente: "GM0866" });
    expect(national.leefgeld.paidCents).toBe(national.leefgeld.fullCents - 100);
    expect(waalre.leefgeld.paidCents).toBe(0);
    expect(waalre.policy.gemeente).toBe("GM0866");
    expect(waalre.policy.choices).toContainEqual(
      expect.objectContaining({
        parameter: "rooo.withdrawal.rule",
        value: "withdraw-household",
        by: "gemeente",
        source: expect.stringMatching(/waalre\.nl/),
      }),
    );
    expect(national.policy.choices).toContainEqual(
      expect.objectContaining({ parameter: "rooo.withdrawal.rule", by: "national-default" }),
    );
    // After June 2024 withdrawal is mandatory: the municipal choice no longer applies.
    const later = calculate({ ...req, month: "2024-08", gemeente: "GM0866" });
    expect(
      later.policy.choices.find((c) => c.parameter === "rooo.withdrawal.rule"),
    ).toBeUndefined();
  });

  it("counts presence as a set of days: 1-10 and 20-31 May is 22 days", () => {
    const r = calculate({
      ...base,
      month: "2026-05",
      members: [
        {
          birthDate: "1980-01-01",
          periods: [
            { from: "2026-05-01", to: "2026-05-10" },
            { from: "2026-05-20", to: "2026-05-31" },
          ],
        },
      ],
    });
    expect(r.members[0]!.daysPresent).toBe(22);
    const byDays = calculate({
      ...base,
      month: "2026-05",
      members: [{ birthDate: "1980-01-01", days: 22 }],
    });
    expect(byDays.leefgeld).toEqual(r.leefgeld);
    expect(() =>
      calculate({
        ...base,
        members: [{ birthDate: "1980-01-01", days: 3, presentFrom: "2025-11-02" }],
      }),
    ).toThrow(/presence once/);
  });

  it("names a child who is an adult and a household without adults in notices", () => {
    const r = calculate({
      ...base,
      members: [
        { birthDate: "1980-01-01", role: "head" },
        { birthDate: "2007-01-01", role: "child" },
      ],
    });
    expect(r.householdSize).toBe(1);
    expect(r.members[1]).toMatchObject({ counted: false, leefgeldFullCents: 0 });
    expect(r.notices).toEqual([expect.objectContaining({ code: "child_turned_18", member: 1 })]);
    const noRole = calculate({
      ...base,
      members: [{ birthDate: "1980-01-01" }, { birthDate: "2007-01-01" }],
    });
    expect(noRole.notices.map((n) => n.code)).toEqual(["adult_aged_18"]);
    const minors = calculate({ ...base, members: [{ birthDate: "2012-01-01" }] });
    expect(minors.notices.map((n) => n.code)).toEqual(["no_adult"]);
  });

  it("records the partial birth date convention when used", () => {
    const r = calculate({ ...base, members: [{ birthDate: "1968-00-00" }] });
    const household = r.trace.find((s) => s.step === "household")!;
    expect(household.parameters.map((p) => p.name)).toContain("rooo.household.partial-birth-date");
    expect(household.interpretation?.text).toMatch(/31 December/);
  });

  it("says when a month uses the last published amounts", () => {
    expect(calculate({ ...base, month: "2026-11" }).lawVersion).toMatchObject({
      lastPublishedValueFrom: "2025-10-01",
      usesLatestPublished: true,
      note: expect.stringMatching(/No newer amounts published/),
    });
    expect(calculate({ ...base, month: "2024-01" }).lawVersion.usesLatestPublished).toBe(false);
  });

  it("records maatwerk in the trace and the explanation", () => {
    const r = calculate({
      ...base,
      members: [{ birthDate: "1980-01-01", netIncomeCents: 100000 }],
      maatwerk: { eigenBijdrageChargedCents: 0, reason: "hardship" },
    });
    expect(r.eigenBijdrage.chargedCents).toBe(0);
    expect(r.trace.find((s) => s.step === "maatwerk")?.inputs.reason).toBe("hardship");
    expect(r.explanation).toContain("hardship");
  });

  it("raises ValidationError naming the month before April 2022", () => {
    expect(() => calculate({ ...base, month: "2022-03" })).toThrow(ValidationError);
    try {
      calculate({ ...base, month: "2022-03" });
    } catch (e) {
      expect((e as ValidationError).issues[0]!.message).toMatch(/no law in force/);
    }
  });

  it("explains in Dutch and English with the amounts formatted", () => {
    expect(calculate({ ...base, lang: "nl" }).explanation).toContain("€\u00a0314,84");
    expect(calculate({ ...base, lang: "en" }).explanation).toContain("€314.84");
  });
});

describe("Ukrainian plurals", () => {
  const forms = { one: "особа", few: "особи", many: "осіб", other: "особи" };
  it("uses one, few and many", () => {
    expect(plural("uk", 1, forms)).toBe("1 особа");
    expect(plural("uk", 3, forms)).toBe("3 особи");
    expect(plural("uk", 5, forms)).toBe("5 осіб");
    expect(plural("uk", 11, forms)).toBe("11 осіб");
    expect(plural("uk", 21, forms)).toBe("21 особа");
    expect(plural("uk", 22, forms)).toBe("22 особи");
  });
  it("writes household sizes in the explanation", () => {
    const five = Array.from({ length: 5 }, () => ({ birthDate: "1980-01-01" }));
    expect(calculate({ ...base, members: five, lang: "uk" }).explanation).toContain("5 осіб");
  });
});

describe("threshold table", () => {
  it("lists 1-2 adults with 0-7 children with the published 2025-10 thresholds", () => {
    const t = thresholdTable("2025-11", "goo");
    expect(t.rows).toHaveLength(16);
    // 1 adult: L = 314.84; E = 244.22; t1 = 362.07; t2 = 559.06 × 1.15 = 642.92
    expect(t.rows[0]).toMatchObject({
      adults: 1,
      children: 0,
      leefgeldFullCents: 31484,
      leefgeldFullyWithdrawnAtCents: 36207,
      eigenBijdrageFullCents: 24422,
      eigenBijdrageFullyChargedAtCents: 64292,
    });
    // 2 adults with catering: E = 992.80
    expect(thresholdTable("2025-11", "goo-catering").rows[8]!.eigenBijdrageFullCents).toBe(99280);
  });
  it("has no contribution threshold before the eigen bijdrage", () => {
    expect(thresholdTable("2024-01", "goo").rows[0]!.eigenBijdrageFullyChargedAtCents).toBeNull();
  });

  it("compares results as JSON: undefined keys are absent, any other change is named", () => {
    const r = calculate(base);
    const stored = JSON.parse(JSON.stringify(r));
    expect(jsonEqual(stored, r)).toBe(true);
    expect(jsonDifferences(stored, r)).toEqual([]);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    const changed = structuredClone(stored);
    changed.leefgeld.paidCents += 1;
    expect(jsonEqual(stored, changed)).toBe(false);
    expect(jsonDifferences(stored, changed)).toEqual([
      `leefgeld.paidCents: ${r.leefgeld.paidCents} → ${r.leefgeld.paidCents + 1}`,
    ]);
    expect(jsonDifferences([1, 2], [1, 2, 3])).toEqual(["2: undefined → 3"]);
  });
});
