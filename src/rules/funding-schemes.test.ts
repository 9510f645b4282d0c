/**
 * The scheme switch by hand: the BooO until 2026-04-30 (GOO 44.00 per place per day, POO
 * 48.00 per person per month, hotels, ships and catering outside the base rate), the
 * doelgroepflexibele opvangregeling from 2026-05-01 (its intended start, law data), whose
 * amounts are not published: its days are counted and carry no amount (null), never 0.
 */
import { describe, expect, it } from "vitest";
import {
  advanceDeadline,
  type ClaimLocation,
  claimPieces,
  computeClaim,
  dateOfDay,
  dayNumber,
  FUNDING_SCHEMES,
  fundingPeriods,
  locationDays,
  NOT_PUBLISHED,
  schemeOn,
} from "./funding.js";
import { getLawbook, type LawFile, lawbookFromFiles, readLawFiles } from "./lawbook.js";

const law = getLawbook();

/** The law files with one file's text changed. */
function lawWith(path: string, change: (text: string) => string) {
  const files: LawFile[] = readLawFiles().map((f) =>
    f.path === path ? { ...f, text: change(f.text) } : f,
  );
  return lawbookFromFiles(files);
}

const hall = (extra: Partial<ClaimLocation> = {}): ClaimLocation => ({
  id: 1,
  name: "Sporthal",
  kind: "emergency_hall",
  runs: [{ from: "2026-01-01", to: "2026-12-31", places: 100, catering: false }],
  ...extra,
});

/** POO pieces with `persons` persons on every day of each piece. */
const pooOf = (periods: ReturnType<typeof fundingPeriods>, persons: number) =>
  claimPieces(periods).map((p) => ({
    ...p,
    personDays: persons * (dayNumber(p.to) - dayNumber(p.from) + 1),
  }));

describe("which scheme is in force (law data)", () => {
  it("exactly one scheme on every day from 2022-03-01 to 2031, none before", () => {
    expect(schemeOn(law, "2022-02-28")).toBeNull();
    const wrong: string[] = [];
    for (let d = dayNumber("2022-03-01"); d <= dayNumber("2031-12-31"); d++) {
      const date = dateOfDay(d);
      const found = schemeOn(law, date);
      const expected = date < "2026-05-01" ? "booo" : "doelgroepflexibel";
      if (found?.scheme !== expected) wrong.push(date);
    }
    expect(wrong).toEqual([]);
    expect(FUNDING_SCHEMES).toEqual(["booo", "doelgroepflexibel"]);
  });

  it("the new scheme's start is marked as the intended date, an interpretation", () => {
    const r = law.at("doelgroepflexibel.in-force", "2026-05-01")!;
    expect(r.version.value).toBe("2026-05-01");
    expect(r.version.interpretation?.text).toMatch(/intended date/);
    expect(law.get("doelgroepflexibel.place.per-place-per-day").unpublished).toMatch(
      /not been published|no amount has been published/,
    );
    expect(law.at("doelgroepflexibel.place.per-place-per-day", "2026-06-01")).toBeNull();
  });

  it("two schemes in force on one day is an error in the law, not a choice", () => {
    const book = lawWith("law/booo/regeling.yaml", (t) =>
      t.replace(
        '      - valid_from: "2026-05-01"\n        value: null',
        '      - valid_from: "2026-06-01"\n        value: null',
      ),
    );
    expect(() => schemeOn(book, "2026-05-15")).toThrow(/two funding schemes/);
  });
});

describe("the claim across the start of the doelgroepflexibele opvangregeling", () => {
  const periods = fundingPeriods(law, "2026-04-01", "2026-05-31");

  it("splits its periods on 2026-05-01; each says its scheme; the new norms are not published", () => {
    expect(
      periods.map((p) => [
        p.from,
        p.to,
        p.scheme,
        p.gooPerPlacePerDayCents,
        p.pooPerPersonPerMonthCents,
        p.outsideBaseRate,
      ]),
    ).toEqual([
      [
        "2026-04-01",
        "2026-04-30",
        "booo",
        4400,
        4800,
        { locationKinds: ["hotel", "ship"], catering: true },
      ],
      [
        "2026-05-01",
        "2026-05-31",
        "doelgroepflexibel",
        null,
        null,
        { locationKinds: [], catering: false },
      ],
    ]);
    const may = periods[1]!;
    expect(may.parameters.map((p) => [p.name, p.value])).toEqual([
      ["doelgroepflexibel.in-force", "2026-05-01"],
      ["doelgroepflexibel.place.per-place-per-day", NOT_PUBLISHED],
      ["doelgroepflexibel.poo.per-person-per-month", NOT_PUBLISHED],
      ["booo.poo.part-month", "by-person-days"],
    ]);
    expect(may.interpretations.map((i) => i.parameter)).toContain("doelgroepflexibel.in-force");
  });

  it("counts May's place-days and persons without an amount, never as 0", () => {
    const claim = computeClaim(periods, { locations: [hall()], poo: pooOf(periods, 2) });
    const [april, may] = claim.locations[0]!.lines;
    // April: 30 days × 100 places = 3,000 place-days × 4,400 = 13,200,000
    expect(april).toMatchObject({ scheme: "booo", placeDays: 3000, amountCents: 13_200_000 });
    // May: 31 × 100 = 3,100 place-days, amount not published
    expect(may).toMatchObject({
      scheme: "doelgroepflexibel",
      placeDays: 3100,
      perPlacePerDayCents: null,
      amountCents: null,
    });
    expect(may!.explanation).toBe(
      "2026-05-01 to 2026-05-31 (31 days), doelgroepflexibele opvangregeling: 3,100 place-days; amount not published (doelgroepflexibel.place.per-place-per-day).",
    );
    // POO: April 2 × 30 = 60 person-days × 4,800 ÷ 30 = 9,600; May 62 person-days, no amount.
    expect(claim.poo.map((m) => [m.month, m.scheme, m.personDays, m.amountCents])).toEqual([
      ["2026-04", "booo", 60, 9_600],
      ["2026-05", "doelgroepflexibel", 62, null],
    ]);
    expect(claim.poo[1]!.explanation).toMatch(/amount not published/);
    expect(claim.totals).toMatchObject({
      gooPlaceDays: 3000,
      gooCents: 13_200_000,
      notPublishedPlaceDays: 3100,
      pooPersonDays: 60,
      pooCents: 9_600,
      notPublishedPersonDays: 62,
      totalCents: 13_209_600,
      totalWithTransitionCostsCents: 13_209_600,
    });
    expect(
      claim.schemes.map((s) => [
        s.scheme,
        s.from,
        s.to,
        s.gooAmountPublished,
        s.gooCents,
        s.notPublishedPlaceDays,
        s.pooCents,
        s.notPublishedPersonDays,
      ]),
    ).toEqual([
      ["booo", "2026-04-01", "2026-04-30", true, 13_200_000, 0, 9_600, 0],
      ["doelgroepflexibel", "2026-05-01", "2026-05-31", false, 0, 3100, 0, 62],
    ]);
  });

  it("a hotel with catering under the new scheme is not outside the BooO's base rate", () => {
    const hotel: ClaimLocation = {
      id: 2,
      name: "Hotel",
      kind: "hotel",
      runs: [{ from: "2026-04-01", to: "2026-05-31", places: 40, catering: true }],
    };
    const [april, may] = computeClaim(periods, { locations: [hotel], poo: [] }).locations[0]!.lines;
    // April: 30 × 40 = 1,200 outside the base rate (a hotel); May: 31 × 40 = 1,240 counted.
    expect([april!.outsideBaseRatePlaceDays, april!.amountCents]).toEqual([1200, 0]);
    expect([may!.placeDays, may!.outsideBaseRatePlaceDays, may!.amountCents]).toEqual([
      1240,
      0,
      null,
    ]);
  });

  it("counts status holders and asylum seekers apart, from their dated places", () => {
    const location = hall({
      otherPlaces: [
        { from: "2026-05-10", to: "2026-05-31", group: "status_holder", places: 20 },
        { from: "2026-05-25", to: "2026-05-31", group: "asylum_seeker", places: 5 },
      ],
    });
    const claim = computeClaim(periods, { locations: [location], poo: [] });
    const may = claim.locations[0]!.lines[1]!;
    // Status holders 22 days × 20 = 440; asylum seekers 7 × 5 = 35; the displaced persons'
    // 3,100 place-days stay as they are.
    expect(may).toMatchObject({
      placeDays: 3100,
      statusHolderPlaceDays: 440,
      asylumSeekerPlaceDays: 35,
      otherTargetGroupAmountCents: null,
    });
    expect(may.explanation).toContain(
      "status holders 440 and asylum seekers 35 place-days, counted apart: amount not published",
    );
    expect(claim.totals).toMatchObject({
      notPublishedPlaceDays: 3100,
      statusHolderPlaceDays: 440,
      asylumSeekerPlaceDays: 35,
      otherTargetGroupCents: 0,
      otherTargetGroupNotPublishedPlaceDays: 475,
    });
    const days = locationDays(periods, location);
    expect(days.find((d) => d.date === "2026-05-25")).toEqual({
      date: "2026-05-25",
      scheme: "doelgroepflexibel",
      realisedPlaces: 100,
      catering: false,
      perPlacePerDayCents: null,
      amountCents: null,
      outsideBaseRateReason: null,
      statusHolderPlaces: 20,
      asylumSeekerPlaces: 5,
    });
    expect(days.find((d) => d.date === "2026-04-30")).toMatchObject({
      scheme: "booo",
      amountCents: 440_000,
      statusHolderPlaces: 0,
    });
  });

  it("shows transition costs apart, per location and in total, with the scheme of their date", () => {
    const claim = computeClaim(periods, {
      locations: [hall()],
      poo: [],
      transitionCosts: [
        {
          id: 7,
          locationId: 1,
          locationName: "Sporthal",
          incurredOn: "2026-04-15",
          description: "Douches",
          amountCents: 1_250_000,
        },
        {
          id: 8,
          locationId: 1,
          locationName: "Sporthal",
          incurredOn: "2026-05-02",
          description: "Brandmelders",
          amountCents: 80_050,
        },
      ],
    });
    expect(claim.transitionCosts).toEqual({
      totalCents: 1_330_050,
      locations: [
        {
          locationId: 1,
          name: "Sporthal",
          amountCents: 1_330_050,
          entries: [
            {
              id: 7,
              incurredOn: "2026-04-15",
              scheme: "booo",
              description: "Douches",
              amountCents: 1_250_000,
            },
            {
              id: 8,
              incurredOn: "2026-05-02",
              scheme: "doelgroepflexibel",
              description: "Brandmelders",
              amountCents: 80_050,
            },
          ],
        },
      ],
    });
    // 13,200,000 (April's places) + 1,330,050 at actual cost
    expect(claim.totals).toMatchObject({
      totalCents: 13_200_000,
      transitionCostCents: 1_330_050,
      totalWithTransitionCostsCents: 14_530_050,
    });
    expect(claim.schemes.map((s) => s.transitionCostCents)).toEqual([1_250_000, 80_050]);
  });
});

describe("the switch is data", () => {
  it("moving the start to 2026-07-01 moves the split", () => {
    const moved = (t: string) => t.replaceAll('"2026-05-01"', '"2026-07-01"');
    const files = readLawFiles().map((f) =>
      f.path === "law/booo/regeling.yaml" || f.path === "law/doelgroepflexibel/regeling.yaml"
        ? { ...f, text: moved(f.text) }
        : f,
    );
    const book = lawbookFromFiles(files);
    expect(fundingPeriods(book, "2026-04-01", "2026-07-31").map((p) => [p.from, p.scheme])).toEqual(
      [
        ["2026-04-01", "booo"],
        ["2026-07-01", "doelgroepflexibel"],
      ],
    );
  });

  it("a published amount turns the counted days into amounts, the other groups' too", () => {
    const book = lawWith("law/doelgroepflexibel/regeling.yaml", (t) =>
      t.replace(
        /(doelgroepflexibel\.place\.per-place-per-day:[\s\S]*?)unpublished: >-[\s\S]*?values: \[\]/,
        `$1values:\n      - valid_from: "2026-05-01"\n        value: "50.00"\n        source: https://example.org/published`,
      ),
    );
    const periods = fundingPeriods(book, "2026-05-01", "2026-05-31");
    expect(periods[0]!.gooPerPlacePerDayCents).toBe(5000);
    const location = hall({
      otherPlaces: [{ from: "2026-05-10", to: "2026-05-31", group: "status_holder", places: 20 }],
    });
    const claim = computeClaim(periods, { locations: [location], poo: pooOf(periods, 1) });
    // 3,100 × 5,000 = 15,500,000; status holders 440 × 5,000 = 2,200,000 (apart); POO still
    // not published: 31 person-days without an amount.
    expect(claim.totals).toMatchObject({
      gooPlaceDays: 3100,
      gooCents: 15_500_000,
      notPublishedPlaceDays: 0,
      statusHolderPlaceDays: 440,
      otherTargetGroupCents: 2_200_000,
      otherTargetGroupNotPublishedPlaceDays: 0,
      notPublishedPersonDays: 31,
      totalCents: 17_700_000,
    });
    expect(claim.schemes[0]).toMatchObject({ gooAmountPublished: true, pooAmountPublished: false });
  });
});

describe("the advance deadline (law/booo/regeling.yaml)", () => {
  it("before 1 November of the book year: the last day is 31 October", () => {
    expect(advanceDeadline(law, 2027, "2026-12-05")).toMatchObject({
      tooLateFrom: "2027-11-01",
      lastDay: "2027-10-31",
    });
    const d = advanceDeadline(law, 2026, "2026-06-01")!;
    expect([d.tooLateFrom, d.lastDay]).toEqual(["2026-11-01", "2026-10-31"]);
    expect(d.parameters.map((p) => [p.name, p.value, p.validFrom])).toEqual([
      ["booo.advance.deadline-month", 11, "2025-11-27"],
      ["booo.advance.deadline-day", 1, "2025-11-27"],
    ]);
  });

  it("no deadline before the amendment of November 2025 is in force", () => {
    expect(advanceDeadline(law, 2025, "2025-11-26")).toBeNull();
  });
});
