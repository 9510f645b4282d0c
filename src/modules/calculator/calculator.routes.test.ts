import { describe, expect, it } from "vitest";
import { calculatorRoutes } from "./calculator.routes.js";

function post(body: unknown) {
  return calculatorRoutes.request("/calculations", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const example = {
  month: "2025-11",
  reception: "goo",
  members: [{ birthDate: "1988-02-29", netIncomeCents: 120000 }, { birthDate: "2016-07-01" }],
  lang: "uk",
};

describe("POST /calculations", () => {
  it("answers the amounts, trace and a Ukrainian explanation", async () => {
    const res = await post(example);
    expect(res.status).toBe(200);
    const body = await res.json();
    // L = 252.18 + 62.66 + 210.05 + 62.66 = 587.55; I / 1.15 = 1043.48 > L + E = 831.77
    expect(body.leefgeld).toEqual({ fullCents: 58755, withdrawnCents: 58755, paidCents: 0 });
    expect(body.eigenBijdrage.chargedCents).toBe(24422);
    expect(body.thresholds).toEqual({
      leefgeldFullyWithdrawnAtCents: 67568,
      eigenBijdrageFullyChargedAtCents: 95654,
    });
    expect(body.trace.map((s: { step: string }) => s.step)).toContain("withdrawal");
    expect(body.explanation).toContain("2 особи");
  });

  it("rejects a malformed birth date with 400 naming the field", async () => {
    const res = await post({ ...example, members: [{ birthDate: "29-02-1988" }] });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("validation_error");
    expect(body.error.issues[0].path).toBe("members.0.birthDate");
  });

  it("rejects an unknown reception", async () => {
    const res = await post({ ...example, reception: "azc" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe("reception");
  });

  it("rejects an empty household", async () => {
    const res = await post({ ...example, members: [] });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe("members");
  });

  it("answers a domain error (no law in force) as 400 on month", async () => {
    const res = await post({ ...example, month: "2022-03" });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.issues[0]).toMatchObject({ path: "month", code: "no_law_in_force" });
  });

  it("answers a birth date after the month as 400 on that member", async () => {
    const res = await post({ ...example, members: [{ birthDate: "2025-12-01" }] });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe("members.0.birthDate");
  });

  it("rejects negative income", async () => {
    const res = await post({
      ...example,
      members: [{ birthDate: "1980-01-01", netIncomeCents: -5 }],
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe("members.0.netIncomeCents");
  });
});
