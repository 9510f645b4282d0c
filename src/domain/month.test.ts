import { describe, expect, it } from "vitest";
import {
  compareMonths,
  dateToYmd,
  daysInMonth,
  daysInMonthOf,
  firstDay,
  isValidDate,
  isValidMonth,
  lastDay,
  parseDate,
  parseMonth,
} from "./month.js";

describe("month", () => {
  it("parses YYYY-MM and gives first and last day", () => {
    const m = parseMonth("2024-02");
    expect(firstDay(m).toString()).toBe("2024-02-01");
    expect(lastDay(m).toString()).toBe("2024-02-29");
    expect(daysInMonth(m)).toBe(29);
    expect(daysInMonth(parseMonth("2025-02"))).toBe(28);
  });
  it("rejects malformed months", () => {
    for (const bad of ["2025-1", "2025-13", "2025-00", "2025-11-01", "nov"]) {
      expect(isValidMonth(bad), bad).toBe(false);
    }
  });
  it("compares months", () => {
    expect(compareMonths(parseMonth("2025-10"), parseMonth("2025-11"))).toBe(-1);
    expect(compareMonths(parseMonth("2026-01"), parseMonth("2025-12"))).toBe(1);
    expect(compareMonths(parseMonth("2025-11"), parseMonth("2025-11"))).toBe(0);
  });
  it("parses dates strictly", () => {
    expect(dateToYmd(parseDate("1988-02-29"))).toBe(19880229);
    expect(isValidDate("2025-02-29")).toBe(false);
    expect(isValidDate("2024-02-29")).toBe(true);
    expect(isValidDate("2024-2-9")).toBe(false);
  });
  it("knows days in a month without Temporal", () => {
    expect(daysInMonthOf(2000, 2)).toBe(29);
    expect(daysInMonthOf(1900, 2)).toBe(28);
    expect(daysInMonthOf(2025, 11)).toBe(30);
  });
});
