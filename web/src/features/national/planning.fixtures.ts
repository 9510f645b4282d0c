/**
 * Answers of the national planning routes for the component tests (targets, forecast and
 * its re-evaluations, funding), shaped as the server sends them, with the demo's numbers.
 * Aggregates only, like the real answers.
 */
import type {
  ForecastEvaluations,
  InflowForecast,
  NationalFunding,
  PlaceTarget,
  TargetProgress,
  TargetsProgress,
} from "./api";

const region = (
  code: string,
  name: string,
  figures: Partial<TargetProgress> & { target: number | null; realised: number },
): TargetProgress => {
  const pipelineByDeadline = figures.pipelineByDeadline ?? 0;
  return {
    code,
    name,
    pipelineByDeadline,
    pipelineLater: figures.pipelineLater ?? 0,
    expected: figures.expected ?? [],
    gap:
      figures.target === null
        ? null
        : Math.max(0, figures.target - figures.realised - pipelineByDeadline),
    ...figures,
  };
};

/** The demo's 97,000 in force (its deadline passed), three safety regions. */
export function targetsProgress(on: string): TargetsProgress {
  return {
    on,
    target: {
      id: 4,
      places: 97_000,
      deadline: "2024-02-01",
      setOn: "2023-09-04",
      split: "equal",
      note: "97.000 per 1 februari 2024",
    },
    nation: region("NL", "Nederland", {
      target: 97_000,
      realised: 1_379,
      pipelineLater: 120,
      expected: [{ date: "2027-02-01", places: 120 }],
    }),
    regions: [
      region("VR01", "Groningen", { target: 32_334, realised: 149 }),
      region("VR09", "Utrecht", {
        target: 32_333,
        realised: 749,
        pipelineLater: 120,
        expected: [{ date: "2027-02-01", places: 120 }],
      }),
      region("VR13", "Amsterdam-Amstelland", { target: 32_333, realised: 481 }),
    ],
  };
}

/** A day before any target: the regions without one. */
export function progressWithoutTarget(on: string): TargetsProgress {
  const base = targetsProgress(on);
  const strip = (r: TargetProgress) => ({ ...r, target: null, gap: null });
  return { ...base, target: null, nation: strip(base.nation), regions: base.regions.map(strip) };
}

export function targetHistory(): PlaceTarget[] {
  return [
    {
      id: 4,
      places: 97_000,
      deadline: "2024-02-01",
      setOn: "2023-09-04",
      split: "equal",
      note: "97.000 per 1 februari 2024",
      setBy: null,
      regions: [
        { code: "VR01", places: 32_334 },
        { code: "VR09", places: 32_333 },
        { code: "VR13", places: 32_333 },
      ],
    },
    {
      id: 3,
      places: 90_000,
      deadline: "2023-07-01",
      setOn: "2023-02-01",
      split: "by_hand",
      note: null,
      setBy: "Anna de Vries",
      regions: [
        { code: "VR01", places: 20_000 },
        { code: "VR09", places: 40_000 },
        { code: "VR13", places: 30_000 },
      ],
    },
  ];
}

const band = { low: -3.6, high: 8.4 };

/** Three weeks that have been and three forecast, with the band; the places needed. */
export function inflowForecast(on: string): InflowForecast {
  return {
    on,
    origin: { week: "2026-W48", sunday: "2026-11-29" },
    method: { window: 8, horizon: 26, band: 80, minErrorsForBand: 20 },
    history: [
      { week: "2026-W46", monday: "2026-11-09", netInflow: 0 },
      { week: "2026-W47", monday: "2026-11-16", netInflow: 5 },
      { week: "2026-W48", monday: "2026-11-23", netInflow: -3 },
    ],
    forecast: {
      level: 2.1,
      weeks: [
        { week: "2026-W49", monday: "2026-11-30", value: 2.1, band },
        { week: "2026-W50", monday: "2026-12-07", value: 2.1, band },
        { week: "2026-W51", monday: "2026-12-14", value: 2.1, band: { low: -5.9, high: 7.7 } },
      ],
      total: { value: 55.3, band: { low: -32.7, high: 91.7 } },
    },
    places: {
      at: "2027-06-05",
      occupiedNow: 1_531,
      pooNow: 451,
      realisedNow: 1_584,
      gooShare: 77.2,
      needed: { value: 1_574, low: 1_506, high: 1_602 },
    },
    backtest: [
      { horizon: 1, origins: 60, meanAbsoluteError: 4.6, bias: -1.8, coverage: 90.9 },
      { horizon: 4, origins: 60, meanAbsoluteError: 5.5, bias: -1.7, coverage: 88.9 },
      { horizon: 26, origins: 54, meanAbsoluteError: 6.1, bias: -3.3, coverage: null },
    ],
  };
}

/** Too little history for a band: the forecast and the places without one. */
export function forecastWithoutBand(on: string): InflowForecast {
  const base = inflowForecast(on);
  return {
    ...base,
    forecast: base.forecast && {
      ...base.forecast,
      weeks: base.forecast.weeks.map((w) => ({ ...w, band: null })),
      total: { value: base.forecast.total.value, band: null },
    },
    places: base.places && {
      ...base.places,
      needed: { value: base.places.needed.value, low: null, high: null },
    },
    backtest: base.backtest.map((b) => ({ ...b, coverage: null })),
  };
}

/** Too few weeks for any forecast. */
export function noForecast(on: string): InflowForecast {
  return { ...inflowForecast(on), forecast: null, places: null };
}

export function evaluations(): ForecastEvaluations {
  return {
    evaluations: [
      {
        id: 1,
        evaluatedOn: "2026-09-01",
        decision: "kept",
        note: "Instroom stabiel",
        evaluatedBy: "National coordinator",
        forecast: {
          originWeek: "2026-W35",
          level: 2.5,
          total: 65,
          band: { low: -20, high: 110 },
          placesNeeded: 1_600,
          realisedNow: 1_584,
          at: "2027-03-02",
        },
      },
    ],
    nextDue: "2026-11-01",
    overdue: true,
  };
}

const totals = (gooPlaceDays: number, outside: number, pooPersonDays: number, pooCents: number) => {
  const gooCents = gooPlaceDays * 4_400;
  return {
    gooPlaceDays,
    gooCents,
    outsideBaseRatePlaceDays: outside,
    pooPersonDays,
    pooCents,
    totalCents: gooCents + pooCents,
  };
};

/** Three municipalities' claims of the year and their sum, under 2025's norms. */
export function nationalFunding(year: number): NationalFunding {
  const gemeenten = [
    { code: "GM0014", name: "Groningen", ...totals(15_813, 38_325, 14_235, 2_246_400) },
    { code: "GM0307", name: "Amersfoort", ...totals(41_287, 34_675, 11_959, 1_886_555) },
    { code: "GM0344", name: "Utrecht", ...totals(36_907, 158_775, 51_081, 8_059_040) },
  ];
  const sum = (key: keyof (typeof gemeenten)[number] & string) =>
    gemeenten.reduce((a, g) => a + (g[key] as number), 0);
  const total = {
    gooPlaceDays: sum("gooPlaceDays"),
    gooCents: sum("gooCents"),
    outsideBaseRatePlaceDays: sum("outsideBaseRatePlaceDays"),
    pooPersonDays: sum("pooPersonDays"),
    pooCents: sum("pooCents"),
    totalCents: sum("totalCents"),
  };
  return {
    year,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    lawHash: "0".repeat(64),
    periods: [
      {
        from: `${year}-01-01`,
        to: `${year}-12-31`,
        gooPerPlacePerDayCents: 4_400,
        pooPerPersonPerMonthCents: 4_800,
        outsideBaseRate: { locationKinds: ["hotel", "ship"], catering: true },
        gooPlaceDays: total.gooPlaceDays,
        gooCents: total.gooCents,
        outsideBaseRatePlaceDays: total.outsideBaseRatePlaceDays,
        pooPersonDays: total.pooPersonDays,
        parameters: [],
      },
    ],
    gemeenten,
    total,
  };
}
