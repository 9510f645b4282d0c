import { describe, expect, it } from "vitest";
import { atwHolidayOn, atwHolidays, easterSunday, objectionDeadline } from "./awb.js";
import { getLawbook, lawbookFromFiles } from "./lawbook.js";

describe("easterSunday (anonymous Gregorian algorithm)", () => {
  it.each([
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2038, "2038-04-25"],
    [2285, "2285-03-22"],
  ])("Easter %i is on %s", (year, date) => {
    expect(easterSunday(year).toString()).toBe(date);
  });
});

describe("Atw art. 3 holidays", () => {
  it("lists the days of 2027, Goede Vrijdag equated by lid 2", () => {
    expect([...atwHolidays(2027)].sort(([a], [b]) => (a < b ? -1 : 1))).toEqual([
      ["2027-01-01", "nieuwjaarsdag"],
      ["2027-03-26", "goede-vrijdag"],
      ["2027-03-28", "eerste-paasdag"],
      ["2027-03-29", "tweede-paasdag"],
      ["2027-04-27", "koningsdag"],
      ["2027-05-05", "bevrijdingsdag"],
      ["2027-05-06", "hemelvaartsdag"],
      ["2027-05-16", "eerste-pinksterdag"],
      ["2027-05-17", "tweede-pinksterdag"],
      ["2027-12-25", "eerste-kerstdag"],
      ["2027-12-26", "tweede-kerstdag"],
    ]);
  });

  it("moves Koningsdag to 26 April when 27 April is a Sunday", () => {
    expect(atwHolidayOn("2025-04-26")).toBe("koningsdag"); // 27 April 2025 is a Sunday
    expect(atwHolidayOn("2025-04-27")).toBeNull();
    expect(atwHolidayOn("2026-04-27")).toBe("koningsdag");
  });

  it("refuses years before the rules it knows", () => {
    expect(() => atwHolidays(2013)).toThrow(RangeError);
  });
});

describe("objectionDeadline (Awb 6:7, 6:8 lid 1; Atw art. 1)", () => {
  it("six weeks from the day after sending end on the sending weekday", () => {
    // sent Tuesday 5 January 2027: the term runs 6 January .. 16 February 2027
    expect(objectionDeadline("2027-01-05")).toEqual({
      lastDay: "2027-02-16",
      extendedFrom: null,
    });
  });

  it("a term ending on Saturday runs to Monday", () => {
    expect(objectionDeadline("2027-01-09")).toEqual({
      lastDay: "2027-02-22",
      extendedFrom: "2027-02-20",
    });
  });

  it("a term ending on Easter Monday runs to the Tuesday", () => {
    expect(objectionDeadline("2027-02-15")).toEqual({
      lastDay: "2027-03-30",
      extendedFrom: "2027-03-29",
    });
  });

  it("a term ending on Goede Vrijdag runs over Easter to the Tuesday", () => {
    expect(objectionDeadline("2027-02-12")).toEqual({
      lastDay: "2027-03-30",
      extendedFrom: "2027-03-26",
    });
  });

  it("a term ending on Koningsdag (Tuesday 27 April 2027) runs to the Wednesday", () => {
    expect(objectionDeadline("2027-03-16")).toEqual({
      lastDay: "2027-04-28",
      extendedFrom: "2027-04-27",
    });
  });

  it("a term ending on 5 May runs to the next day", () => {
    expect(objectionDeadline("2026-03-24")).toEqual({
      lastDay: "2026-05-06",
      extendedFrom: "2026-05-05",
    });
  });

  it("5 May 2027 followed by Hemelvaartsdag runs to the Friday", () => {
    // The Friday after Hemelvaartsdag is not a holiday by the Atw itself (only by decree,
    // art. 3 lid 3, which Opvang does not apply: law/awb/awb.yaml, interpretation).
    expect(objectionDeadline("2027-03-24")).toEqual({
      lastDay: "2027-05-07",
      extendedFrom: "2027-05-05",
    });
  });

  it("Christmas on a Friday chains through the weekend to Monday", () => {
    expect(objectionDeadline("2026-11-13")).toEqual({
      lastDay: "2026-12-28",
      extendedFrom: "2026-12-25",
    });
  });

  it("Nieuwjaarsdag on a Friday runs to Monday", () => {
    expect(objectionDeadline("2026-11-20")).toEqual({
      lastDay: "2027-01-04",
      extendedFrom: "2027-01-01",
    });
  });

  it("crosses a leap day", () => {
    // sent 20 January 2028: 21 January .. 2 March 2028 (29 February included)
    expect(objectionDeadline("2028-01-20").lastDay).toBe("2028-03-02");
  });

  it("reads the term's length from the law in force on the day of sending", () => {
    const lawFile = (weeks: number) => ({
      path: "law/awb/awb.yaml",
      text: [
        "regulation: Awb",
        "article: artikel 6:7",
        "parameters:",
        "  awb.objection.term-weeks:",
        "    unit: integer",
        "    values:",
        '      - valid_from: "1994-01-01"',
        `        value: ${weeks}`,
        "        source: https://wetten.overheid.nl/BWBR0005537",
      ].join("\n"),
    });
    expect(objectionDeadline("2027-01-05", lawbookFromFiles([lawFile(4)])).lastDay).toBe(
      "2027-02-02",
    );
    expect(getLawbook().at("awb.objection.term-weeks", "2027-01-05")?.version.value).toBe(6);
  });

  it("refuses a date that does not exist", () => {
    expect(() => objectionDeadline("2027-02-29")).toThrow(RangeError);
  });
});
