import { describe, expect, it } from "vitest";
import { isDateInput, looksLikeDate, parseDateInput } from "./dates";

describe("parseDateInput", () => {
  it("takes the ISO form the API speaks", () => {
    expect(parseDateInput("1984-03-14")).toBe("1984-03-14");
    expect(parseDateInput(" 2024-2-29 ")).toBe("2024-02-29");
  });

  it("takes the Dutch dd-mm-jjjj, with or without leading zeros", () => {
    expect(parseDateInput("14-03-1984")).toBe("1984-03-14");
    expect(parseDateInput("4-3-1984")).toBe("1984-03-04");
    expect(parseDateInput("14/03/1984")).toBe("1984-03-14");
    expect(parseDateInput("14 03 1984")).toBe("1984-03-14");
  });

  it("takes the Ukrainian dd.mm.yyyy, also with a closing dot", () => {
    expect(parseDateInput("14.03.1984")).toBe("1984-03-14");
    expect(parseDateInput("01.12.2025.")).toBe("2025-12-01");
  });

  it("refuses what is no date", () => {
    for (const text of [
      "",
      "14 mrt 1984",
      "1984",
      "14-03-84",
      "31-02-2024",
      "29-02-2023",
      "00-03-1984",
      "1984-13-01",
      "32.01.2025",
      "03/14/1984", // the American order: no 14th month
      "12-03-1984x",
    ]) {
      expect(parseDateInput(text), text).toBeNull();
    }
    expect(parseDateInput("29-02-2024")).toBe("2024-02-29");
  });

  it("takes a partly unknown BRP date only where asked, and only as the BRP writes it", () => {
    expect(parseDateInput("00-05-1968", { partial: true })).toBe("1968-05-00");
    expect(parseDateInput("00.00.1968", { partial: true })).toBe("1968-00-00");
    expect(parseDateInput("1968-00-00", { partial: true })).toBe("1968-00-00");
    expect(parseDateInput("00-05-1968")).toBeNull();
    // A known day in an unknown month is not a BRP date.
    expect(parseDateInput("14-00-1968", { partial: true })).toBeNull();
  });

  it("tells a date's shape from a real date", () => {
    expect(looksLikeDate("31-02-2024")).toBe(true);
    expect(isDateInput("31-02-2024")).toBe(false);
    expect(looksLikeDate("14 maart 1984")).toBe(false);
  });
});
