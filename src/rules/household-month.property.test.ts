/**
 * Properties over random households (fast-check, 10,000 runs each) across every period.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeHouseholdMonth, type EngineHousehold } from "./household-month.js";
import { getLawbook } from "./lawbook.js";
import { RECEPTIONS, resolveMonth } from "./month-params.js";

const RUNS = 10_000;
const book = getLawbook();

const months: string[] = [];
for (let y = 2022; y <= 2026; y++) {
  for (let m = 1; m <= 12; m++) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    if (month >= "2022-04") months.push(month);
  }
}

const arbMember = fc.record({
  birthYear: fc.integer({ min: 1940, max: 2022 }),
  birthMonth: fc.integer({ min: 0, max: 12 }),
  birthDay: fc.integer({ min: 0, max: 28 }),
  from: fc.integer({ min: 1, max: 28 }),
  length: fc.integer({ min: 0, max: 31 }),
  income: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 600_000 })),
});

const arbCase = fc.record({
  month: fc.constantFrom(...months),
  reception: fc.constantFrom(...RECEPTIONS),
  members: fc.array(arbMember, { minLength: 1, maxLength: 9 }),
});

type Case = typeof arbCase extends fc.Arbitrary<infer T> ? T : never;

function household(c: Case): { params: ReturnType<typeof resolveMonth>; h: EngineHousehold } {
  const params = resolveMonth(book, c.month);
  const members = c.members.map((m) => {
    const day = m.birthMonth === 0 ? 0 : m.birthDay;
    const to = Math.min(params.daysInMonth, m.from + m.length);
    return {
      birthYmd: m.birthYear * 10000 + m.birthMonth * 100 + day,
      fromDay: m.from,
      toDay: to,
      netIncomeCents: m.income,
    };
  });
  return { params, h: { reception: c.reception, members } };
}

function net(r: ReturnType<typeof computeHouseholdMonth>): number {
  return r.incomeCents + r.leefgeld.paidCents - r.eigenBijdrage.chargedCents;
}

describe("household-month properties", () => {
  it("amounts are never negative and whole cents", () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const { params, h } = household(c);
        const r = computeHouseholdMonth(params, h);
        const all = [
          r.leefgeld.fullCents,
          r.leefgeld.withdrawnCents,
          r.leefgeld.paidCents,
          r.eigenBijdrage.fullCents,
          r.eigenBijdrage.chargedCents,
          r.eigenBijdrage.exploitationCents,
          r.eigenBijdrage.cateringCents,
          ...r.members.flatMap((m) => [m.leefgeldFullCents, m.leefgeldPaidCents]),
        ];
        for (const v of all) {
          expect(Number.isInteger(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("leefgeld paid never exceeds the full leefgeld, per household and per member", () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const { params, h } = household(c);
        const r = computeHouseholdMonth(params, h);
        expect(r.leefgeld.paidCents).toBeLessThanOrEqual(r.leefgeld.fullCents);
        expect(r.leefgeld.paidCents + r.leefgeld.withdrawnCents).toBe(r.leefgeld.fullCents);
        let sum = 0;
        for (const m of r.members) {
          expect(m.leefgeldPaidCents).toBeLessThanOrEqual(m.leefgeldFullCents);
          sum += m.leefgeldPaidCents;
        }
        expect(sum).toBe(r.leefgeld.paidCents);
      }),
      { numRuns: RUNS },
    );
  });

  it("the contribution never exceeds the cap of two adults", () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const { params, h } = household(c);
        const r = computeHouseholdMonth(params, h);
        const cap =
          c.reception === "poo"
            ? 0
            : 2 * params.eigenBijdragePerAdult +
              (c.reception === "goo-catering" ? 2 * params.cateringPerAdult : 0);
        expect(r.eigenBijdrage.chargedCents).toBeLessThanOrEqual(r.eigenBijdrage.fullCents);
        expect(r.eigenBijdrage.fullCents).toBeLessThanOrEqual(cap);
        if (c.month < "2024-07") expect(r.eigenBijdrage.fullCents).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });

  it("more income never leaves the household with less money", () => {
    fc.assert(
      fc.property(arbCase, fc.nat({ max: 400_000 }), (c, extra) => {
        const { params, h } = household(c);
        const before = computeHouseholdMonth(params, h);
        // Raise the income of the first adult (an adult who had no income becomes an earner).
        const i = before.members.findIndex((m) => m.adult);
        if (i < 0) return;
        const members = h.members.map((m, k) =>
          k === i ? { ...m, netIncomeCents: m.netIncomeCents + extra } : m,
        );
        const after = computeHouseholdMonth(params, { ...h, members });
        expect(net(after)).toBeGreaterThanOrEqual(net(before));
      }),
      { numRuns: RUNS },
    );
  });

  it("the same input gives the same output, with or without trace", () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const { params, h } = household(c);
        const a = computeHouseholdMonth(params, h);
        const b = computeHouseholdMonth(params, structuredClone(h), { trace: true });
        expect({ ...b, trace: null }).toEqual(a);
        expect(computeHouseholdMonth(params, h)).toEqual(a);
      }),
      { numRuns: RUNS },
    );
  });
});
