import { describe, expect, it } from "vitest";
import { bezettingsgraad } from "../occupancy";
import { formatCount, formatDate, formatRate, PARAGRAPH } from "./national.catalog";
import {
  isoWeek,
  latestCompleteMonth,
  mondayOf,
  paragraphText,
  percentage,
  SUPPRESS_UP_TO,
} from "./national.service";
import { isPrimary } from "./suppression";

const LETTER = {
  ukrainiansRegistered: 106_150,
  realisedPlaces: 89_500,
  occupied: 88_910,
  bezettingsgraad: bezettingsgraad(88_910, 89_500),
};

describe("the figures paragraph", () => {
  it("89,500 realised and 88,910 occupied give a bezettingsgraad of 99,3", () => {
    expect(LETTER.bezettingsgraad).toBe(99.3);
    expect(formatRate(LETTER.bezettingsgraad!, "nl")).toBe("99,3");
    expect(formatRate(LETTER.bezettingsgraad!, "en")).toBe("99.3");
  });

  it("reads as the Verzamelbrief of 26 January 2024 did, written that week", () => {
    const dates = { date: "2024-01-19", brpDate: "2024-01-21" };
    expect(paragraphText(LETTER, dates, "nl", "2024-01-26")).toBe(
      "Er zijn op 21 januari jl. 106.150 Oekraïners ingeschreven in de BRP. " +
        "Op 19 januari zijn er 89.500 gemeentelijke opvangplekken gerealiseerd, waarvan 88.910 bezet. " +
        "Dat is een bezettingsgraad van 99,3 procent.",
    );
    expect(paragraphText(LETTER, dates, "en", "2024-01-26")).toBe(
      "On 21 January, 106,150 Ukrainians were registered in the BRP. " +
        "On 19 January, 89,500 municipal reception places had been realised, of which 88,910 were occupied. " +
        "That is an occupancy rate of 99.3 percent.",
    );
  });

  it("names the year of dates in another year than today's, without jl.", () => {
    const text = paragraphText(
      LETTER,
      { date: "2024-01-19", brpDate: "2024-01-21" },
      "nl",
      "2026-03-01",
    );
    expect(text).toContain("Er zijn op 21 januari 2024 106.150 Oekraïners");
    expect(text).toContain("Op 19 januari 2024 zijn er 89.500");
  });

  it("says so when no places are realised, and one Ukrainian in the singular", () => {
    const none = { ukrainiansRegistered: 1, realisedPlaces: 0, occupied: 0, bezettingsgraad: null };
    expect(
      paragraphText(none, { date: "2022-03-05", brpDate: "2022-03-05" }, "nl", "2022-03-10"),
    ).toBe(
      "Er is op 5 maart jl. 1 Oekraïner ingeschreven in de BRP. " +
        "Op 5 maart zijn er geen gemeentelijke opvangplekken gerealiseerd.",
    );
  });

  it("writes numbers and dates in each language's way", () => {
    expect(formatCount(0, "nl")).toBe("0");
    expect(formatCount(999, "nl")).toBe("999");
    expect(formatCount(1000, "nl")).toBe("1.000");
    expect(formatCount(1_234_567, "en")).toBe("1,234,567");
    expect(formatRate(100, "nl")).toBe("100,0");
    expect(formatRate(75, "en")).toBe("75.0");
    // "jl." only for the first date, earlier in the current year; not for a later date.
    expect(formatDate("2024-01-21", "nl", "2024-01-26", true)).toBe("21 januari jl.");
    expect(formatDate("2024-12-31", "nl", "2024-01-26", true)).toBe("31 december");
    expect(formatDate("2024-01-21", "nl", "2024-01-26")).toBe("21 januari");
    expect(formatDate("2023-07-01", "en", "2024-01-26", true)).toBe("1 July 2023");
    expect(PARAGRAPH.nl.months).toHaveLength(12);
    expect(PARAGRAPH.en.months).toHaveLength(12);
  });
});

describe("weeks, months, shares and suppression", () => {
  it("ISO weeks start on Monday; the first week of a year holds its first Thursday", () => {
    expect(mondayOf("2024-01-19")).toBe("2024-01-15");
    expect(mondayOf("2024-01-21")).toBe("2024-01-15"); // a Sunday
    expect(mondayOf("2024-01-22")).toBe("2024-01-22");
    expect(isoWeek("2024-01-19")).toBe("2024-W03");
    expect(isoWeek("2021-01-03")).toBe("2020-W53");
    expect(isoWeek("2024-12-30")).toBe("2025-W01");
  });

  it("the latest complete month is the month before the date's", () => {
    expect(latestCompleteMonth("2024-01-19")).toBe("2023-12-01");
    expect(latestCompleteMonth("2026-10-31")).toBe("2026-09-01");
  });

  it("a share rounds half up to one decimal and is null of nobody", () => {
    expect(percentage(61, 100)).toBe(61);
    expect(percentage(1, 16)).toBe(6.3);
    expect(percentage(2, 3)).toBe(66.7);
    expect(percentage(0, 0)).toBeNull();
  });

  it("open data's primary suppression leaves out 1 to 4 and shows 0 and 5 or more (the partners: suppression.test.ts)", () => {
    const shown = (n: number) => (isPrimary(n, SUPPRESS_UP_TO) ? null : n);
    expect([0, 1, 2, 3, 4, 5, 120].map(shown)).toEqual([0, null, null, null, null, 5, 120]);
  });
});
