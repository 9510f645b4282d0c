import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { settle } from "./settlement";

describe("settle", () => {
  it("pays the month's leefgeld and collects its eigen bijdrage when nothing is corrected", () => {
    expect(
      settle({
        leefgeldCents: 52500,
        eigenBijdrageCents: 12000,
        corrections: [],
        offsetLimitPercent: 10,
      }),
    ).toEqual({
      backPayCents: 0,
      recoveryCents: 0,
      offsetCents: 0,
      transferCents: 52500,
      collectCents: 12000,
    });
  });

  it("pays a back payment with the month", () => {
    const s = settle({
      leefgeldCents: 52500,
      eigenBijdrageCents: 0,
      corrections: [{ leefgeldCents: 7000, eigenBijdrageCents: 0 }],
      offsetLimitPercent: null,
    });
    expect(s.backPayCents).toBe(7000);
    expect(s.transferCents).toBe(59500);
  });

  it("offsets a recovery up to the limit, rounded half up once, and collects the rest", () => {
    // 10% of 333.35 is 33.335: 33.34 may be kept back.
    const s = settle({
      leefgeldCents: 33335,
      eigenBijdrageCents: 500,
      corrections: [{ leefgeldCents: -10000, eigenBijdrageCents: 0 }],
      offsetLimitPercent: 10,
    });
    expect(s).toEqual({
      backPayCents: 0,
      recoveryCents: 10000,
      offsetCents: 3334,
      transferCents: 30001,
      collectCents: 500 + 6666,
    });
  });

  it("without a limit offsets nothing", () => {
    const s = settle({
      leefgeldCents: 20000,
      eigenBijdrageCents: 0,
      corrections: [{ leefgeldCents: -500, eigenBijdrageCents: 0 }],
      offsetLimitPercent: null,
    });
    expect(s.offsetCents).toBe(0);
    expect(s.transferCents).toBe(20000);
    expect(s.collectCents).toBe(500);
  });

  it("nets the months and refunds an eigen bijdrage charged too much through collection", () => {
    const s = settle({
      leefgeldCents: 0,
      eigenBijdrageCents: 0,
      corrections: [
        { leefgeldCents: 3000, eigenBijdrageCents: -2000 },
        { leefgeldCents: -1000, eigenBijdrageCents: 0 },
      ],
      offsetLimitPercent: 100,
    });
    expect(s).toEqual({
      backPayCents: 2000,
      recoveryCents: 0,
      offsetCents: 0,
      transferCents: 2000,
      collectCents: -2000,
    });
  });

  it("never transfers a negative amount and never loses a cent", () => {
    const cents = fc.integer({ min: 0, max: 500_000 });
    fc.assert(
      fc.property(
        cents,
        cents,
        fc.array(
          fc.record({
            leefgeldCents: fc.integer({ min: -200_000, max: 200_000 }),
            eigenBijdrageCents: fc.integer({ min: -50_000, max: 50_000 }),
          }),
          { maxLength: 6 },
        ),
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
        (leefgeld, contribution, corrections, limit) => {
          const s = settle({
            leefgeldCents: leefgeld,
            eigenBijdrageCents: contribution,
            corrections,
            offsetLimitPercent: limit,
          });
          expect(s.transferCents).toBeGreaterThanOrEqual(0);
          expect(s.offsetCents).toBeLessThanOrEqual(s.recoveryCents);
          // What the household is owed, net, equals transfer minus collection.
          const owed =
            leefgeld +
            corrections.reduce((a, c) => a + c.leefgeldCents, 0) -
            contribution -
            corrections.reduce((a, c) => a + c.eigenBijdrageCents, 0);
          expect(s.transferCents - s.collectCents).toBe(owed);
        },
      ),
    );
  });
});
