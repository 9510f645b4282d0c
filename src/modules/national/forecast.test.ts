import { describe, expect, it } from "vitest";
import { backtest, forecastAt, levelAt, MIN_ERRORS_FOR_BAND, quantile } from "./forecast";

/** A seeded series: a level that shifts now and then, with noise (mulberry32). */
function series(n: number, seed = 7) {
  let a = seed;
  const rand = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out: number[] = [];
  let level = 600;
  for (let i = 0; i < n; i++) {
    if (i % 40 === 39) level = Math.max(0, level + (rand() - 0.6) * 400);
    out.push(Math.round(level + (rand() - 0.5) * 200));
  }
  return out;
}

describe("the inflow forecast", () => {
  it("forecasts the mean of the last eight weeks for every coming week", () => {
    const s = [5, 5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(levelAt(s, s.length)).toBe((3 + 4 + 5 + 6 + 7 + 8 + 9 + 10) / 8);
    const f = forecastAt(s)!;
    expect(f.level).toBe(6.5);
    expect(f.weeks).toHaveLength(26);
    expect(f.weeks.every((w) => w.value === 6.5)).toBe(true);
    expect(f.total.value).toBe(169);
    expect(forecastAt(s.slice(0, 7))).toBeNull();
  });

  it("gives a band only with enough earlier errors, as wide as the method was wrong", () => {
    const flat = Array(60).fill(300);
    const f = forecastAt(flat)!;
    expect(f.weeks[0]!.band).toEqual({ low: 300, high: 300 });
    const short = forecastAt(flat.slice(0, 8 + MIN_ERRORS_FOR_BAND - 1))!;
    expect(short.weeks[0]!.band).toBeNull();
    const noisy = series(200);
    const n = forecastAt(noisy)!;
    const w = n.weeks[12]!;
    expect(w.band!.low).toBeLessThan(w.value);
    expect(w.band!.high).toBeGreaterThan(w.value);
    // The sum's band is wider than one week's.
    expect(n.total.band!.high - n.total.band!.low).toBeGreaterThan(w.band!.high - w.band!.low);
  });

  it("uses nothing after its origin", () => {
    const s = series(180);
    for (const end of [30, 77, 120]) {
      expect(forecastAt(s, end)).toEqual(forecastAt(s.slice(0, end)));
    }
  });

  it("quantiles as R's type 7", () => {
    expect(quantile([1, 2, 3, 4], 0.1)).toBeCloseTo(1.3);
    expect(quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7);
    expect(quantile([5], 0.9)).toBe(5);
  });

  it("back-tests at every fourth origin: the error grows with the horizon, the band holds about 80%", () => {
    const rows = backtest(series(240));
    expect(rows.map((r) => r.horizon)).toEqual([1, 4, 13, 26]);
    expect(rows[0]!.origins).toBeGreaterThan(rows[3]!.origins);
    expect(rows[3]!.meanAbsoluteError).toBeGreaterThanOrEqual(rows[0]!.meanAbsoluteError);
    for (const r of rows) {
      expect(r.coverage).not.toBeNull();
      expect(r.coverage!).toBeGreaterThan(55);
      expect(r.coverage!).toBeLessThanOrEqual(100);
    }
  });
});
