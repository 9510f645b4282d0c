/**
 * The BooO claim by hand: every expected amount below is written out as its arithmetic in
 * cents (norms from law/booo: GOO 100.00 → 83.00 on 2022-10-15 → 61.00 on 2024-01-01 →
 * 44.00 on 2025-01-01; POO 210.00 → 92.00 → 48.00; hotels, ships and catering outside the
 * base rate from 2025-01-01).
 */
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../domain/errors.js";
import {
  type ClaimLocation,
  claimPieces,
  computeClaim,
  dateOfDay,
  dayNumber,
  daysInMonthOf,
  fundingFirstDay,
  fundingPeriods,
  locationClaim,
  locationDays,
} from "./funding.js";
import { getLawbook, lawbookFromFiles, readLawFiles } from "./lawbook.js";

const law = getLawbook();

const location = (
  id: number,
  kind: string,
  runs: [from: string, to: string, places: number, catering?: boolean][],
): ClaimLocation => ({
  id,
  name: `location ${id}`,
  kind,
  runs: runs.map(([from, to, places, catering]) => ({
    from,
    to,
    places,
    catering: catering ?? false,
  })),
});

describe("days as integers", () => {
  it("match Temporal on every day from 1999 to 2031", () => {
    let d = Temporal.PlainDate.from("1999-01-01");
    let n = Temporal.PlainDate.from("1970-01-01").until(d).days;
    const wrong: string[] = [];
    while (d.year < 2032) {
      const iso = d.toString();
      if (dayNumber(iso) !== n || dateOfDay(n) !== iso) wrong.push(iso);
      if (d.day === 1 && daysInMonthOf(iso) !== d.daysInMonth) wrong.push(`${iso} month`);
      d = d.add({ days: 1 });
      n++;
    }
    expect(wrong).toEqual([]);
    expect(n).toBe(Temporal.PlainDate.from("1970-01-01").until(d).days);
  });
});

describe("norm periods", () => {
  it("split the range on every change of a funding parameter: 2022-10-15, 2024-01-01, 2025-01-01", () => {
    const periods = fundingPeriods(law, "2022-10-01", "2025-01-31");
    expect(
      periods.map((p) => [
        p.from,
        p.to,
        p.gooPerPlacePerDayCents,
        p.pooPerPersonPerMonthCents,
        p.outsideBaseRate,
      ]),
    ).toEqual([
      ["2022-10-01", "2022-10-14", 10000, 21000, { locationKinds: [], catering: false }],
      ["2022-10-15", "2023-12-31", 8300, 21000, { locationKinds: [], catering: false }],
      ["2024-01-01", "2024-12-31", 6100, 9200, { locationKinds: [], catering: false }],
      [
        "2025-01-01",
        "2025-01-31",
        4400,
        4800,
        { locationKinds: ["hotel", "ship"], catering: true },
      ],
    ]);
    const last = periods[3]!.parameters;
    expect(last.find((p) => p.name === "booo.goo.per-place-per-day")).toMatchObject({
      value: 4400,
      unit: "cents",
      validFrom: "2025-01-01",
    });
    expect(last.find((p) => p.name === "booo.goo.outside-base-rate.location-kinds")).toMatchObject({
      value: "hotel,ship",
      validFrom: "2025-01-01",
    });
    expect(periods[0]!.parameters.find((p) => p.name.endsWith("location-kinds"))!.value).toBe(
      "none",
    );
    for (const p of periods[0]!.parameters) expect(p.source).toMatch(/^https:\/\//);
  });

  it("start on 2022-03-01: a day before has no law in force, an error on from", () => {
    expect(fundingFirstDay(law)).toBe("2022-03-01");
    let error: unknown;
    try {
      fundingPeriods(law, "2022-02-28", "2022-03-31");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]).toMatchObject({
      path: "from",
      code: "no_law_in_force",
    });
  });

  it("pieces cut the periods at month ends", () => {
    expect(claimPieces(fundingPeriods(law, "2022-09-20", "2022-11-02"))).toEqual([
      { from: "2022-09-20", to: "2022-09-30" },
      { from: "2022-10-01", to: "2022-10-14" },
      { from: "2022-10-15", to: "2022-10-31" },
      { from: "2022-11-01", to: "2022-11-02" },
    ]);
  });
});

describe("the GOO claim", () => {
  it("October 2022: 100 places at 100.00 until the 14th, then at 83.00", () => {
    const periods = fundingPeriods(law, "2022-10-01", "2022-10-31");
    const hall = location(1, "emergency_hall", [["2022-09-01", "2022-12-31", 100]]);
    const claim = computeClaim(periods, { locations: [hall], poo: [] });
    const [a, b] = claim.locations[0]!.lines;
    // 14 days × 100 places = 1,400 place-days × 10,000 cents = 14,000,000
    expect(a).toMatchObject({ from: "2022-10-01", to: "2022-10-14", placeDays: 1400 });
    expect(a!.amountCents).toBe(14_000_000);
    // 17 days × 100 places = 1,700 place-days × 8,300 cents = 14,110,000
    expect(b).toMatchObject({ from: "2022-10-15", to: "2022-10-31", placeDays: 1700 });
    expect(b!.amountCents).toBe(14_110_000);
    expect(claim.totals).toMatchObject({
      gooPlaceDays: 3100,
      gooCents: 28_110_000,
      outsideBaseRatePlaceDays: 0,
      pooPersonDays: 0,
      pooCents: 0,
      totalCents: 28_110_000,
    });
    expect(b!.explanation).toBe(
      "2022-10-15 to 2022-10-31 (17 days): 1,700 place-days × €83.00 per place per day (booo.goo.per-place-per-day from 2022-10-15) = €141,100.00.",
    );
    expect(b!.parameters.map((p) => [p.name, p.value, p.validFrom])).toEqual([
      ["booo.in-force", "2022-03-01", "2022-03-01"],
      ["booo.goo.per-place-per-day", 8300, "2022-10-15"],
    ]);
  });

  it("a location opening and growing mid-period: only realised places count, day by day", () => {
    const periods = fundingPeriods(law, "2023-12-20", "2024-01-10");
    // 20 places from 28 December, 50 from 5 January.
    const homes = location(2, "flex_homes", [
      ["2023-12-28", "2024-01-04", 20],
      ["2024-01-05", "2024-03-31", 50],
    ]);
    const claim = computeClaim(periods, { locations: [homes], poo: [] });
    const [dec, jan] = claim.locations[0]!.lines;
    // 28–31 Dec: 4 days × 20 = 80 place-days × 8,300 = 664,000
    expect([dec!.placeDays, dec!.amountCents]).toEqual([80, 664_000]);
    // 1–4 Jan: 4 × 20 = 80; 5–10 Jan: 6 × 50 = 300; 380 place-days × 6,100 = 2,318,000
    expect([jan!.placeDays, jan!.amountCents]).toEqual([380, 2_318_000]);
    expect(claim.totals.gooCents).toBe(2_982_000);
  });

  it("from 2025 a hotel's days and a location's catering days are outside the base rate, with no amount", () => {
    const periods = fundingPeriods(law, "2024-12-01", "2025-01-31");
    const hotel = location(1, "hotel", [["2024-06-01", "2025-06-30", 40]]);
    const hall = location(2, "emergency_hall", [
      ["2024-12-01", "2024-12-15", 100, true],
      ["2024-12-16", "2025-01-15", 100, false],
      ["2025-01-16", "2025-12-31", 100, true],
    ]);
    const flex = location(3, "flex_homes", [["2024-01-01", "2025-12-31", 10]]);
    const claim = computeClaim(periods, {
      locations: [hotel, hall, flex],
      poo: claimPieces(periods).map((p) => ({
        ...p,
        // 5 persons every day, and in January one more for 10 days.
        personDays: p.from === "2024-12-01" ? 5 * 31 : 5 * 31 + 10,
      })),
    });
    const [h, e, f] = claim.locations;
    // Hotel: December 31 × 40 = 1,240 place-days × 6,100 = 7,564,000; January 1,240 outside.
    expect(h!.lines.map((l) => [l.placeDays, l.amountCents, l.outsideBaseRatePlaceDays])).toEqual([
      [1240, 7_564_000, 0],
      [0, 0, 1240],
    ]);
    expect(h!.lines[1]!.outsideBaseRateReasons).toEqual(["location_kind"]);
    expect(h!.lines[1]!.explanation).toBe(
      "2025-01-01 to 2025-01-31 (31 days): 0 place-days × €44.00 per place per day (booo.goo.per-place-per-day from 2025-01-01) = €0.00; 1,240 place-days outside the base rate for a hotel location (booo.goo.outside-base-rate.location-kinds from 2025-01-01): counted, no amount.",
    );
    // Hall: December 3,100 × 6,100 = 18,910,000 (catering was in the base rate in 2024);
    // January 1–15: 1,500 × 4,400 = 6,600,000; 16–31: 1,600 outside for catering.
    expect(e!.lines.map((l) => [l.placeDays, l.amountCents, l.outsideBaseRatePlaceDays])).toEqual([
      [3100, 18_910_000, 0],
      [1500, 6_600_000, 1600],
    ]);
    expect(e!.lines[1]!.outsideBaseRateReasons).toEqual(["catering"]);
    // Flex homes: 310 × 6,100 = 1,891,000; 310 × 4,400 = 1,364,000.
    expect(f!.amountCents).toBe(3_255_000);
    // POO December: 155 person-days × 9,200 ÷ 31 = 46,000 (5 × 92.00);
    // January: 165 × 4,800 ÷ 31 = 792,000 ÷ 31 = 25,548.39 → 25,548.
    expect(claim.poo.map((m) => [m.month, m.personDays, m.amountCents])).toEqual([
      ["2024-12", 155, 46_000],
      ["2025-01", 165, 25_548],
    ]);
    // 7,564,000 + 18,910,000 + 6,600,000 + 1,891,000 + 1,364,000 = 36,329,000
    expect(claim.totals).toMatchObject({
      gooPlaceDays: 1240 + 3100 + 1500 + 310 + 310,
      gooCents: 36_329_000,
      outsideBaseRatePlaceDays: 1240 + 1600,
      pooPersonDays: 320,
      pooCents: 71_548,
      totalCents: 36_400_548,
    });
    expect(claim.periods.map((p) => [p.gooCents, p.outsideBaseRatePlaceDays])).toEqual([
      [7_564_000 + 18_910_000 + 1_891_000, 0],
      [6_600_000 + 1_364_000, 2840],
    ]);
  });

  it("a ship and a hotel before 2025 are funded like any location", () => {
    const periods = fundingPeriods(law, "2024-03-01", "2024-03-31");
    const ship = location(1, "ship", [["2024-01-01", "2024-12-31", 200, true]]);
    const claim = computeClaim(periods, { locations: [ship], poo: [] });
    // 31 × 200 = 6,200 place-days × 6,100 = 37,820,000
    expect(claim.totals.gooCents).toBe(37_820_000);
    expect(claim.totals.outsideBaseRatePlaceDays).toBe(0);
  });

  it("the days of the drill-down add up to the location's lines", () => {
    const periods = fundingPeriods(law, "2024-12-20", "2025-01-10");
    const hall = location(2, "emergency_hall", [
      ["2024-12-22", "2025-01-03", 30, false],
      ["2025-01-04", "2025-01-08", 35, true],
    ]);
    const days = locationDays(periods, hall);
    expect(days).toHaveLength(22);
    expect(days[0]).toEqual({
      date: "2024-12-20",
      scheme: "booo",
      realisedPlaces: 0,
      catering: false,
      perPlacePerDayCents: 6100,
      amountCents: 0,
      outsideBaseRateReason: null,
      statusHolderPlaces: 0,
      asylumSeekerPlaces: 0,
    });
    expect(days.find((d) => d.date === "2025-01-04")).toEqual({
      date: "2025-01-04",
      scheme: "booo",
      realisedPlaces: 35,
      catering: true,
      perPlacePerDayCents: 4400,
      amountCents: null,
      outsideBaseRateReason: "catering",
      statusHolderPlaces: 0,
      asylumSeekerPlaces: 0,
    });
    const lines = locationClaim(periods, hall);
    expect(days.reduce((s, d) => s + (d.amountCents ?? 0), 0)).toBe(lines.amountCents);
    // 10 days × 30 × 6,100 = 1,830,000; 3 days × 30 × 4,400 = 396,000
    expect(lines.amountCents).toBe(2_226_000);
    expect(
      days.filter((d) => d.outsideBaseRateReason).reduce((s, d) => s + d.realisedPlaces, 0),
    ).toBe(lines.outsideBaseRatePlaceDays);
    expect(lines.outsideBaseRatePlaceDays).toBe(5 * 35);
  });
});

describe("the POO claim", () => {
  it("December 2023 and January 2024: person-days × the month's norm ÷ days, rounded once per month", () => {
    const periods = fundingPeriods(law, "2023-12-20", "2024-01-10");
    // Three persons on every day of the period.
    const poo = claimPieces(periods).map((p) => ({
      ...p,
      personDays: 3 * (dayNumber(p.to) - dayNumber(p.from) + 1),
    }));
    const claim = computeClaim(periods, { locations: [], poo });
    // 36 × 21,000 ÷ 31 = 24,387.10 → 24,387; 30 × 9,200 ÷ 31 = 8,903.23 → 8,903
    expect(claim.poo.map((m) => [m.month, m.from, m.to, m.personDays, m.amountCents])).toEqual([
      ["2023-12", "2023-12-20", "2023-12-31", 36, 24_387],
      ["2024-01", "2024-01-01", "2024-01-10", 30, 8_903],
    ]);
    expect(claim.totals.pooCents).toBe(33_290);
    expect(claim.poo[1]!.explanation).toBe(
      "2024-01: (30 person-days × €92.00 per person per month (booo.poo.per-person-per-month from 2024-01-01)) ÷ 31 days in the month = €89.03, rounded half up to the cent once for the month (booo.poo.part-month: by-person-days).",
    );
    expect(claim.poo[1]!.interpretation?.alternative).toMatch(/count-on-first-day/);
    // Per person the rounding would give 3 × round(10 × 9,200 ÷ 31 = 2,967.74) = 8,904.
  });

  it("October 2022: the GOO change on the 15th splits no POO norm; one part, 3 × 210.00", () => {
    const periods = fundingPeriods(law, "2022-10-01", "2022-10-31");
    const poo = claimPieces(periods).map((p) => ({
      ...p,
      personDays: 3 * (dayNumber(p.to) - dayNumber(p.from) + 1),
    }));
    const [october] = computeClaim(periods, { locations: [], poo }).poo;
    // (42 + 51) × 21,000 ÷ 31 = 63,000
    expect(october!.parts).toEqual([
      { from: "2022-10-01", to: "2022-10-31", personDays: 93, perPersonPerMonthCents: 21_000 },
    ]);
    expect(october!.amountCents).toBe(63_000);
  });

  it("rounds half up to the cent: 1 person-day × 0.14 ÷ 28 days = 0.5 cent → 1 cent", () => {
    const files = readLawFiles().map((f) =>
      f.path === "law/booo/normbedragen.yaml"
        ? {
            ...f,
            text: f.text.replace(
              '      - valid_from: "2025-01-01"\n        value: "48.00"',
              '      - valid_from: "2025-01-01"\n        value: "0.14"',
            ),
          }
        : f,
    );
    const book = lawbookFromFiles(files);
    expect(book.fundingNormAmounts("2025-02-01").pooPerPersonPerMonthCents).toBe(14);
    const periods = fundingPeriods(book, "2025-02-01", "2025-02-28");
    const month = (personDays: number) =>
      computeClaim(periods, {
        locations: [],
        poo: [{ from: "2025-02-01", to: "2025-02-28", personDays }],
      }).poo[0]!.amountCents;
    expect(month(1)).toBe(1); // 14 ÷ 28 = 0.5 → 1
    expect(month(3)).toBe(2); // 42 ÷ 28 = 1.5 → 2
    expect(month(5)).toBe(3); // 70 ÷ 28 = 2.5 → 3
    expect(month(6)).toBe(3); // 84 ÷ 28 = 3
  });

  it("refuses a piece that crosses a month (the facts were counted wrongly)", () => {
    const periods = fundingPeriods(law, "2024-01-01", "2024-02-29");
    expect(() =>
      computeClaim(periods, {
        locations: [],
        poo: [{ from: "2024-01-20", to: "2024-02-10", personDays: 22 }],
      }),
    ).toThrow(/within one month/);
  });
});
