import { describe, expect, it } from "vitest";
import { ValidationError } from "../domain/errors.js";
import { calculate } from "./calculation-api.js";
import { plural } from "./explain.js";
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

  it("documents the 2022 choice in the trace", () => {
    const step = calculate({ ...base, month: "2022-06" }).trace.find(
      (s) => s.step === "withdrawal",
    )!;
    expect(step.interpretation?.text).toMatch(/April to November 2022/);
    expect(calculate({ ...base, month: "2022-06" }).thresholds).toBeNull();
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
});
