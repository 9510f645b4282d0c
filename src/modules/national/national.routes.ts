/**
 * The national view for the national coordinator (docs/api-national.md): figures on a date
 * per level, flows per week, the Verzamelbrief's paragraph and open data. Aggregates only.
 */
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import { csvText } from "../../domain/csv";
import { EVALUATION_DECISIONS, LOCATION_KINDS } from "../../domain/enums";
import { currentAccess, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import {
  errorResponses,
  IsoDate,
  json,
  OnDateQuery,
  strictBody,
  validationHook,
} from "../../http/openapi";
import { FiguresSchema } from "../occupancy";
import * as forecast from "./forecast.service";
import { PARAGRAPH_LANGUAGES } from "./national.catalog";
import * as service from "./national.service";

const NATIONAL = { scope: "national", roles: ["national_coordinator"] } as const;
const errors = errorResponses("no such province, veiligheidsregio, gemeente or location");

const Level = z.enum(service.LEVELS).openapi({
  description:
    "nation (units: provinces), province (its safety regions), region (its municipalities), gemeente (its locations), location",
});
const Code = z.string().max(20).openapi({
  description: "the unit at that level: PV26, VR09, GM0344 or a location id; not used for nation",
  example: "VR09",
});

const Work = z.object({
  adults: z.number(),
  withWork: z.number(),
  share: z.number().nullable().openapi({ description: "withWork ÷ adults in %, one decimal" }),
});

const Unit = z
  .object({
    level: Level,
    code: z.string().nullable().openapi({
      description: "null: the municipalities without a province or region on the date",
    }),
    name: z.string().nullable(),
    status: z
      .string()
      .nullable()
      .optional()
      .openapi({ description: "a location's status on the date" }),
    registered: z
      .object({ ukrainian: z.number(), otherNationalities: z.number(), total: z.number() })
      .nullable()
      .openapi({
        description:
          "persons registered in the BRP on or before the date with temporary protection on it; null for a location",
      }),
    persons: z.object({
      goo: z.number().openapi({ description: "in municipal reception: the occupied places" }),
      poo: z.number().nullable().openapi({ description: "in private reception" }),
    }),
    places: z.object(FiguresSchema),
    placesByKind: z.array(z.object({ kind: z.enum(LOCATION_KINDS), ...FiguresSchema })),
    work: z
      .object({ goo: Work, poo: Work.nullable() })
      .openapi({ description: "adults in reception with a work income in workMonth" }),
  })
  .openapi("NationalUnitFigures");

const figures = securedRoute(NATIONAL, {
  method: "get",
  path: "/national/figures",
  tags: ["national"],
  summary:
    "Figures on a date of the nation, a province, a safety region, a municipality or a location, and of each unit one level down (aggregates only)",
  request: {
    query: strictBody({
      on: IsoDate("the date (YYYY-MM-DD); default today in the Netherlands").optional(),
      level: Level.optional(),
      code: Code.optional(),
    }),
  },
  responses: {
    200: json(
      z.object({
        on: z.string(),
        level: Level,
        code: z.string().nullable(),
        name: z.string(),
        workMonth: z.string().openapi({ description: "YYYY-MM: the latest complete month" }),
        total: Unit,
        units: z.array(Unit).openapi({ description: "they add up to the total" }),
      }),
      "the figures",
    ),
    ...errors,
  },
});

const FlowCounts = {
  arrivals: z.number(),
  departures: z.number(),
  moves: z.number(),
  movedIn: z.number(),
  movedOut: z.number(),
  registrations: z.number().nullable(),
  deregistrations: z.number().nullable(),
  returns: z.number().nullable(),
  netInflow: z.number(),
};

const flows = securedRoute(NATIONAL, {
  method: "get",
  path: "/national/flows",
  tags: ["national"],
  summary:
    "Arrivals, departures, moves, registrations, deregistrations and returns per ISO week, with the net inflow and its three-week average (aggregates only)",
  request: {
    query: strictBody({
      from: IsoDate("a day of the first week; default 25 weeks before to").optional(),
      to: IsoDate("a day of the last week; default today").optional(),
      level: Level.optional(),
      code: Code.optional(),
    }),
  },
  responses: {
    200: json(
      z.object({
        from: z.string(),
        to: z.string(),
        level: Level,
        code: z.string().nullable(),
        name: z.string(),
        weeks: z.array(
          z.object({
            week: z.string().openapi({ example: "2024-W03" }),
            monday: z.string(),
            sunday: z.string(),
            ...FlowCounts,
            netInflowAverage3w: z.number(),
          }),
        ),
        totals: z.object(FlowCounts),
      }),
      "the flows",
    ),
    ...errors,
  },
});

const series = securedRoute(NATIONAL, {
  method: "get",
  path: "/national/series",
  tags: ["national"],
  summary:
    "A unit's realised and occupied places, bezettingsgraad, registrations and private reception per ISO week, on each week's Sunday (aggregates only)",
  request: {
    query: strictBody({
      from: IsoDate("a day of the first week; default 51 weeks before to").optional(),
      to: IsoDate("a day of the last week; default today").optional(),
      level: Level.optional(),
      code: Code.optional(),
    }),
  },
  responses: {
    200: json(
      z
        .object({
          level: Level,
          code: z.string().nullable(),
          name: z.string(),
          from: z.string().openapi({ description: "the first week's Monday" }),
          to: z.string().openapi({ description: "the last week's Sunday" }),
          points: z.array(
            z.object({
              week: z.string().openapi({ example: "2024-W03" }),
              sunday: z.string(),
              on: z.string().openapi({
                description: "the date of the figures: the Sunday, or `to` in the last week",
              }),
              realised: z.number(),
              occupied: z.number(),
              free: z.number(),
              bezettingsgraad: z.number().nullable(),
              registered: z.number().nullable().openapi({ description: "null for a location" }),
              poo: z.number().nullable().openapi({ description: "null for a location" }),
            }),
          ),
        })
        .openapi("NationalSeries"),
      "one point per week",
    ),
    ...errors,
  },
});

const paragraph = securedRoute(NATIONAL, {
  method: "get",
  path: "/national/figures/paragraph",
  tags: ["national"],
  summary: "The figures paragraph the Verzamelbrief opens with, in Dutch or English",
  request: {
    query: strictBody({
      date: IsoDate("the date of the places; default today").optional(),
      brpDate: IsoDate("the date of the BRP count; default date").optional(),
      lang: z.enum(PARAGRAPH_LANGUAGES).optional(),
    }),
  },
  responses: {
    200: json(
      z.object({
        date: z.string(),
        brpDate: z.string(),
        lang: z.enum(PARAGRAPH_LANGUAGES),
        text: z.string(),
        figures: z.object({
          ukrainiansRegistered: z.number(),
          realisedPlaces: z.number(),
          occupied: z.number(),
          bezettingsgraad: z.number().nullable(),
        }),
      }),
      "the paragraph",
    ),
    ...errors,
  },
});

const OpenDataQuery = z.object({
  from: IsoDate("a day of the first week; default 12 weeks before to").optional(),
  to: IsoDate("a day of the last week; default the last Sunday up to today").optional(),
});
const openDataDescription =
  "Per municipality and ISO week, the figures on the week's Sunday; counts from 1 to 4 are left out, and as many others as keep them from being worked out from the totals of regions, provinces and the nation (docs/open-data.md). At most 53 weeks.";

const openDataJson = securedRoute(NATIONAL, {
  method: "get",
  path: "/national/open-data/figures.json",
  tags: ["national"],
  summary: "Open data: figures per municipality and week (JSON)",
  description: openDataDescription,
  request: { query: OpenDataQuery },
  responses: {
    200: json(
      z.object({
        from: z.string(),
        to: z.string(),
        suppressedUpTo: z.number(),
        rows: z.array(
          z.object({
            week: z.string(),
            sunday: z.string(),
            gemeenteCode: z.string(),
            gemeenteName: z.string(),
            registered: z.number().nullable(),
            inGoo: z.number().nullable(),
            inPoo: z.number().nullable(),
            placesRealised: z.number().nullable(),
            placesOccupied: z.number().nullable(),
          }),
        ),
      }),
      "the rows; null: a count left out (1 to 4, or its partner)",
    ),
    ...errors,
  },
});

const openDataCsv = securedRoute(NATIONAL, {
  method: "get",
  path: "/national/open-data/figures.csv",
  tags: ["national"],
  summary: "Open data: figures per municipality and week (CSV)",
  description: `${openDataDescription} Columns ${service.OPEN_DATA_COLUMNS.join(",")}; a count left out is empty. UTF-8, CRLF.`,
  request: { query: OpenDataQuery },
  responses: {
    200: { content: { "text/csv": { schema: z.string() } }, description: "the CSV" },
    ...errors,
  },
});

const Band = z.object({ low: z.number(), high: z.number() }).nullable();

const forecastRoute = securedRoute(NATIONAL, {
  method: "get",
  path: "/national/forecast",
  tags: ["national"],
  summary:
    "The weekly net inflow forecast for the next 26 weeks with its 80% band, the places needed then, and the back-test (docs/forecast.md)",
  request: { query: OnDateQuery },
  responses: {
    200: json(
      z
        .object({
          on: z.string(),
          origin: z
            .object({ week: z.string(), sunday: z.string() })
            .nullable()
            .openapi({ description: "the last complete week the forecast starts from" }),
          method: z.object({
            window: z.number().int(),
            horizon: z.number().int(),
            band: z.number().int(),
            minErrorsForBand: z.number().int(),
          }),
          history: z.array(
            z.object({ week: z.string(), monday: z.string(), netInflow: z.number() }),
          ),
          forecast: z
            .object({
              level: z.number(),
              weeks: z.array(
                z.object({
                  week: z.string(),
                  monday: z.string(),
                  value: z.number(),
                  band: Band,
                }),
              ),
              total: z.object({ value: z.number(), band: Band }),
            })
            .nullable(),
          places: z
            .object({
              at: z.string(),
              occupiedNow: z.number().int(),
              pooNow: z.number().int(),
              realisedNow: z.number().int(),
              gooShare: z.number(),
              needed: z.object({
                value: z.number().int(),
                low: z.number().int().nullable(),
                high: z.number().int().nullable(),
              }),
            })
            .nullable(),
          backtest: z.array(
            z.object({
              horizon: z.number().int(),
              origins: z.number().int(),
              meanAbsoluteError: z.number(),
              bias: z.number(),
              coverage: z.number().nullable(),
            }),
          ),
        })
        .openapi("InflowForecast"),
      "the forecast",
    ),
    ...errors,
  },
});

const Evaluation = z
  .object({
    id: z.number().int(),
    evaluatedOn: z.string(),
    decision: z.enum(EVALUATION_DECISIONS),
    note: z.string().nullable(),
    evaluatedBy: z.string().nullable(),
    forecast: z.object({
      originWeek: z.string().nullable(),
      level: z.number().nullable(),
      total: z.number().nullable(),
      band: Band,
      placesNeeded: z.number().nullable(),
      realisedNow: z.number(),
      at: z.string(),
    }),
  })
  .openapi("ForecastEvaluation");

const listEvaluations = securedRoute(NATIONAL, {
  method: "get",
  path: "/national/forecast/evaluations",
  tags: ["national"],
  summary: "The recorded re-evaluations of the forecast, newest first, and when the next is due",
  responses: {
    200: json(
      z
        .object({
          evaluations: z.array(Evaluation),
          nextDue: z.string().nullable(),
          overdue: z.boolean(),
        })
        .openapi("ForecastEvaluations"),
      "the evaluations",
    ),
    ...errors,
  },
});

const recordEvaluation = securedRoute(NATIONAL, {
  method: "post",
  path: "/national/forecast/evaluations",
  tags: ["national"],
  summary:
    "Record today's re-evaluation: the forecast as it is now, and whether the places planned are kept or changed",
  request: {
    body: json(
      strictBody({
        decision: z.enum(EVALUATION_DECISIONS),
        note: z.string().max(2000).nullish(),
      }).openapi("ForecastEvaluationInput"),
      "the decision",
    ),
  },
  responses: { 201: json(Evaluation, "recorded"), ...errors },
});

export function nationalRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(figures, async (c) =>
      c.json(await service.nationalFigures(db, c.req.valid("query")), 200),
    )
    .openapi(flows, async (c) => c.json(await service.nationalFlows(db, c.req.valid("query")), 200))
    .openapi(series, async (c) =>
      c.json(await service.nationalSeries(db, c.req.valid("query")), 200),
    )
    .openapi(paragraph, async (c) =>
      c.json(await service.figuresParagraph(db, c.req.valid("query")), 200),
    )
    .openapi(openDataJson, async (c) =>
      c.json(await service.openDataFigures(db, c.req.valid("query")), 200),
    )
    .openapi(openDataCsv, async (c) => {
      const { from, to, rows } = await service.openDataFigures(db, c.req.valid("query"));
      return c.body(csvText(service.OPEN_DATA_COLUMNS, service.openDataCsvRows(rows)), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="opvang-figures-${from}-${to}.csv"`,
      });
    })
    .openapi(forecastRoute, async (c) =>
      c.json(await forecast.inflowForecast(db, c.req.valid("query")), 200),
    )
    .openapi(listEvaluations, async (c) => c.json(await forecast.listEvaluations(db), 200))
    .openapi(recordEvaluation, async (c) =>
      c.json(await forecast.recordEvaluation(db, currentAccess(c), c.req.valid("json")), 201),
    );
}
