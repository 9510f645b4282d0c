/**
 * A claim of Utrecht over December 2024 and January 2025, as the API answers it: two norm
 * periods (€ 61 and € 92 in 2024; € 44 and € 48 and hotels, ships and catering outside the
 * base rate from 2025), a ship whose days in 2025 are outside the base rate, houses, and two
 * months of private reception. Every amount is written out as its arithmetic.
 */
import type { FundingClaim, FundingLocationDays, FundingParameter } from "./api";

const RIJK = "https://www.rijksoverheid.nl/onderwerpen/opvang-vluchtelingen-uit-oekraine";
const KAMER = "https://www.tweedekamer.nl/kamerstukken/brieven_regering";
const WETTEN = "https://wetten.overheid.nl/BWBR0046732";

const norm = (name: string, cents: number, validFrom: string): FundingParameter => ({
  name,
  value: cents,
  unit: "cents",
  validFrom,
  source: KAMER,
});

const params2024: FundingParameter[] = [
  norm("booo.goo.per-place-per-day", 6100, "2024-01-01"),
  norm("booo.poo.per-person-per-month", 9200, "2024-01-01"),
  {
    name: "booo.goo.outside-base-rate.location-kinds",
    value: "none",
    unit: "rule",
    validFrom: "2022-03-01",
    source: RIJK,
  },
  {
    name: "booo.goo.outside-base-rate.catering",
    value: "in-base-rate",
    unit: "rule",
    validFrom: "2022-03-01",
    source: RIJK,
  },
  {
    name: "booo.poo.part-month",
    value: "by-person-days",
    unit: "rule",
    validFrom: "2022-03-01",
    source: WETTEN,
  },
];

const params2025: FundingParameter[] = [
  norm("booo.goo.per-place-per-day", 4400, "2025-01-01"),
  norm("booo.poo.per-person-per-month", 4800, "2025-01-01"),
  {
    name: "booo.goo.outside-base-rate.location-kinds",
    value: "hotel,ship",
    unit: "rule",
    validFrom: "2025-01-01",
    source: KAMER,
  },
  {
    name: "booo.goo.outside-base-rate.catering",
    value: "outside-base-rate",
    unit: "rule",
    validFrom: "2025-01-01",
    source: KAMER,
  },
  params2024[4]!,
];

// Ship: 231 places × 31 days = 7,161 place-days in each month. Houses: 100 × 31 = 3,100.
// December: (7,161 + 3,100) × € 61 = € 625,921.00. January: 3,100 × € 44 = € 136,400.00.
// POO: December 310 person-days × € 92 ÷ 31 = € 920.00; January 62 × € 48 ÷ 31 = € 96.00.
export const claim: FundingClaim = {
  gemeenteCode: "GM0344",
  from: "2024-12-01",
  to: "2025-01-31",
  lawHash: "8854f603fa79dd71089452e634bba9882d31cd33c0c59015c80eba3ec802d229",
  totals: {
    gooPlaceDays: 13361,
    gooCents: 76232100,
    outsideBaseRatePlaceDays: 7161,
    pooPersonDays: 372,
    pooCents: 101600,
    totalCents: 76333700,
  },
  periods: [
    {
      from: "2024-12-01",
      to: "2024-12-31",
      gooPerPlacePerDayCents: 6100,
      pooPerPersonPerMonthCents: 9200,
      outsideBaseRate: { locationKinds: [], catering: false },
      gooPlaceDays: 10261,
      gooCents: 62592100,
      outsideBaseRatePlaceDays: 0,
      pooPersonDays: 310,
      parameters: params2024,
    },
    {
      from: "2025-01-01",
      to: "2025-01-31",
      gooPerPlacePerDayCents: 4400,
      pooPerPersonPerMonthCents: 4800,
      outsideBaseRate: { locationKinds: ["hotel", "ship"], catering: true },
      gooPlaceDays: 3100,
      gooCents: 13640000,
      outsideBaseRatePlaceDays: 7161,
      pooPersonDays: 62,
      parameters: params2025,
    },
  ],
  locations: [
    {
      locationId: 1,
      name: "Opvangschip Waalstroom",
      kind: "ship",
      placeDays: 7161,
      amountCents: 43682100,
      outsideBaseRatePlaceDays: 7161,
      lines: [
        {
          from: "2024-12-01",
          to: "2024-12-31",
          placeDays: 7161,
          perPlacePerDayCents: 6100,
          amountCents: 43682100,
          outsideBaseRatePlaceDays: 0,
          outsideBaseRateReasons: [],
          parameters: [params2024[0]!],
          explanation: "2024-12-01 to 2024-12-31 (31 days): 7,161 place-days × €61.00 …",
        },
        {
          from: "2025-01-01",
          to: "2025-01-31",
          placeDays: 0,
          perPlacePerDayCents: 4400,
          amountCents: 0,
          outsideBaseRatePlaceDays: 7161,
          outsideBaseRateReasons: ["location_kind"],
          parameters: [params2025[0]!, params2025[2]!],
          explanation: "2025-01-01 to 2025-01-31 (31 days): 0 place-days × €44.00 …",
        },
      ],
    },
    {
      locationId: 6,
      name: "Woningen Dorpsstraat",
      kind: "houses",
      placeDays: 6200,
      amountCents: 32550000,
      outsideBaseRatePlaceDays: 0,
      lines: [
        {
          from: "2024-12-01",
          to: "2024-12-31",
          placeDays: 3100,
          perPlacePerDayCents: 6100,
          amountCents: 18910000,
          outsideBaseRatePlaceDays: 0,
          outsideBaseRateReasons: [],
          parameters: [params2024[0]!],
          explanation: "…",
        },
        {
          from: "2025-01-01",
          to: "2025-01-31",
          placeDays: 3100,
          perPlacePerDayCents: 4400,
          amountCents: 13640000,
          outsideBaseRatePlaceDays: 0,
          outsideBaseRateReasons: [],
          parameters: [params2025[0]!],
          explanation: "…",
        },
      ],
    },
  ],
  poo: [
    {
      month: "2024-12",
      from: "2024-12-01",
      to: "2024-12-31",
      daysInMonth: 31,
      personDays: 310,
      parts: [
        { from: "2024-12-01", to: "2024-12-31", personDays: 310, perPersonPerMonthCents: 9200 },
      ],
      amountCents: 92000,
      parameters: [params2024[1]!, params2024[4]!],
      explanation: "2024-12: (310 person-days × €92.00 …",
    },
    {
      month: "2025-01",
      from: "2025-01-01",
      to: "2025-01-31",
      daysInMonth: 31,
      personDays: 62,
      parts: [
        { from: "2025-01-01", to: "2025-01-31", personDays: 62, perPersonPerMonthCents: 4800 },
      ],
      amountCents: 9600,
      parameters: [params2025[1]!, params2024[4]!],
      explanation: "2025-01: (62 person-days × €48.00 …",
    },
  ],
};

/** The ship's first three days of 2025: 231 places a day, outside the base rate as a ship. */
export const shipDays: FundingLocationDays = {
  gemeenteCode: "GM0344",
  from: "2025-01-01",
  to: "2025-01-03",
  lawHash: claim.lawHash,
  location: { id: 1, name: "Opvangschip Waalstroom", kind: "ship" },
  totals: { placeDays: 0, amountCents: 0, outsideBaseRatePlaceDays: 693 },
  lines: [
    {
      from: "2025-01-01",
      to: "2025-01-03",
      placeDays: 0,
      perPlacePerDayCents: 4400,
      amountCents: 0,
      outsideBaseRatePlaceDays: 693,
      outsideBaseRateReasons: ["location_kind"],
      parameters: [params2025[0]!, params2025[2]!],
      explanation: "2025-01-01 to 2025-01-03 (3 days): …",
    },
  ],
  days: ["2025-01-01", "2025-01-02", "2025-01-03"].map((date) => ({
    date,
    realisedPlaces: 231,
    catering: true,
    perPlacePerDayCents: 4400,
    amountCents: null,
    outsideBaseRateReason: "location_kind" as const,
  })),
};
