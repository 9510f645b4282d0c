/**
 * The BooO funding claim (docs/api-funding.md): the municipality's claim over a period, a
 * location's days, the claim as CSV, and the national cost per municipality of a year.
 * Aggregates only (places, person-days, amounts).
 */
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import { csvText } from "../../domain/csv";
import { currentAccess, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import {
  errorResponses,
  IdParam,
  IsoDate,
  json,
  strictBody,
  validationHook,
} from "../../http/openapi";
import * as service from "./funding.service";

const CLAIM = { scope: "gemeente", roles: ["finance_officer", "municipal_admin"] } as const;
const NATIONAL = { scope: "national", roles: ["national_coordinator"] } as const;

const Cents = z.number().int();
const Count = z.number().int();
const Day = z.string().openapi({ example: "2024-01-01" });

const PeriodQuery = strictBody({
  from: IsoDate(`first day of the period (YYYY-MM-DD), not before 2022-03-01`),
  to: IsoDate(
    `last day of the period (YYYY-MM-DD); less than ${service.MAX_YEARS} years after from`,
  ),
});

const Parameter = z
  .object({
    name: z.string().openapi({ example: "booo.goo.per-place-per-day" }),
    value: z.union([z.number(), z.string()]).openapi({
      description: "cents for euro amounts; codes for rules (a list joined by commas, or none)",
    }),
    unit: z.string(),
    validFrom: Day,
    source: z.string(),
  })
  .openapi("FundingParameter");

const OutsideBaseRate = z
  .object({
    locationKinds: z.array(z.string()).openapi({ description: "LOCATION_KINDS codes" }),
    catering: z.boolean().openapi({ description: "days with catering are outside" }),
  })
  .openapi("FundingOutsideBaseRate");

const Reason = z.enum(["location_kind", "catering"]);

const Totals = z
  .object({
    gooPlaceDays: Count.openapi({ description: "realised place-days funded by the base rate" }),
    gooCents: Cents,
    outsideBaseRatePlaceDays: Count.openapi({
      description: "realised place-days outside the base rate: counted, no amount",
    }),
    pooPersonDays: Count,
    pooCents: Cents,
    totalCents: Cents.openapi({ description: "gooCents + pooCents" }),
  })
  .openapi("FundingTotals");

const Period = z
  .object({
    from: Day,
    to: Day,
    gooPerPlacePerDayCents: Cents,
    pooPerPersonPerMonthCents: Cents,
    outsideBaseRate: OutsideBaseRate,
    gooPlaceDays: Count,
    gooCents: Cents,
    outsideBaseRatePlaceDays: Count,
    pooPersonDays: Count,
    parameters: z.array(Parameter),
  })
  .openapi("FundingPeriod", {
    description:
      "A norm period: days on which every funding parameter keeps its value. POO amounts are per month (rounded once per month), so a period carries POO person-days only.",
  });

const Line = z
  .object({
    from: Day,
    to: Day,
    placeDays: Count,
    perPlacePerDayCents: Cents,
    amountCents: Cents.openapi({ description: "placeDays × perPlacePerDayCents" }),
    outsideBaseRatePlaceDays: Count,
    outsideBaseRateReasons: z.array(Reason),
    parameters: z.array(Parameter),
    explanation: z.string().openapi({ description: "the arithmetic in a sentence (English)" }),
  })
  .openapi("FundingLine", { description: "a location in one norm period" });

const LocationClaim = z
  .object({
    locationId: z.number().int(),
    name: z.string(),
    kind: z.string(),
    placeDays: Count,
    amountCents: Cents,
    outsideBaseRatePlaceDays: Count,
    lines: z.array(Line),
  })
  .openapi("FundingLocation");

const Interpretation = z.object({ text: z.string(), alternative: z.string() });

const PooMonth = z
  .object({
    month: z.string().openapi({ example: "2024-01" }),
    from: Day,
    to: Day,
    daysInMonth: Count,
    personDays: Count,
    parts: z.array(
      z.object({
        from: Day,
        to: Day,
        personDays: Count,
        perPersonPerMonthCents: Cents,
      }),
    ),
    amountCents: Cents.openapi({
      description: "Σ personDays × norm ÷ daysInMonth, rounded half up to the cent once",
    }),
    parameters: z.array(Parameter),
    interpretation: Interpretation.optional(),
    explanation: z.string(),
  })
  .openapi("FundingPooMonth");

const Claim = z
  .object({
    gemeenteCode: z.string(),
    from: Day,
    to: Day,
    lawHash: z.string().openapi({ description: "sha256 of the law files the claim read" }),
    totals: Totals,
    periods: z.array(Period),
    locations: z.array(LocationClaim),
    poo: z.array(PooMonth),
  })
  .openapi("FundingClaim");

const claim = securedRoute(CLAIM, {
  method: "get",
  path: "/funding/claim",
  tags: ["funding"],
  summary:
    "The BooO claim of your municipality over a period: GOO place-days × the day's norm, POO person-days × the monthly norm, place-days outside the base rate (aggregates only)",
  request: { query: PeriodQuery },
  responses: { 200: json(Claim, "the claim"), ...errorResponses() },
});

const Day_ = z
  .object({
    date: Day,
    realisedPlaces: Count,
    catering: z.boolean(),
    perPlacePerDayCents: Cents,
    amountCents: Cents.nullable().openapi({ description: "null: outside the base rate" }),
    outsideBaseRateReason: Reason.nullable(),
  })
  .openapi("FundingDay");

const days = securedRoute(CLAIM, {
  method: "get",
  path: "/funding/claim/locations/{id}/days",
  tags: ["funding"],
  summary: "One location of your municipality day by day: realised places, norm and amount",
  request: { params: IdParam, query: PeriodQuery },
  responses: {
    200: json(
      z
        .object({
          gemeenteCode: z.string(),
          from: Day,
          to: Day,
          lawHash: z.string(),
          location: z.object({ id: z.number().int(), name: z.string(), kind: z.string() }),
          totals: z.object({
            placeDays: Count,
            amountCents: Cents,
            outsideBaseRatePlaceDays: Count,
          }),
          lines: z.array(Line),
          days: z.array(Day_),
        })
        .openapi("FundingLocationDays"),
      "the location's days",
    ),
    ...errorResponses("no such location in your municipality"),
  },
});

const claimCsv = securedRoute(CLAIM, {
  method: "get",
  path: "/funding/claim.csv",
  tags: ["funding"],
  summary: "The BooO claim of your municipality over a period as CSV",
  description: `Columns ${service.CLAIM_CSV_COLUMNS.join(",")}; one line per location and norm period (goo, goo_outside_base_rate) and per month (poo); amounts in euros with a decimal point. UTF-8, CRLF (RFC 4180).`,
  request: { query: PeriodQuery },
  responses: {
    200: { content: { "text/csv": { schema: z.string() } }, description: "the CSV" },
    ...errorResponses(),
  },
});

const national = securedRoute(NATIONAL, {
  method: "get",
  path: "/national/funding",
  tags: ["national"],
  summary: "The BooO cost of a year per municipality and nationally (aggregates only)",
  request: {
    query: strictBody({
      year: z.string().max(4).openapi({ description: "YYYY, from 2022", example: "2025" }),
    }),
  },
  responses: {
    200: json(
      z
        .object({
          year: z.number().int(),
          from: Day,
          to: Day,
          lawHash: z.string(),
          periods: z.array(Period),
          gemeenten: z.array(
            Totals.extend({ code: z.string(), name: z.string() }).openapi(
              "NationalFundingGemeente",
            ),
          ),
          total: Totals,
        })
        .openapi("NationalFunding"),
      "the cost of the year",
    ),
    ...errorResponses(),
  },
});

export function fundingRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(claim, async (c) =>
      c.json(await service.gemeenteClaim(db, currentAccess(c), c.req.valid("query")), 200),
    )
    .openapi(days, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        await service.locationClaimDays(db, currentAccess(c), id, c.req.valid("query")),
        200,
      );
    })
    .openapi(claimCsv, async (c) => {
      const result = await service.gemeenteClaim(db, currentAccess(c), c.req.valid("query"));
      const csv = csvText(
        service.CLAIM_CSV_COLUMNS,
        service.claimCsvRows(result.gemeenteCode, result),
      );
      return c.body(csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="opvang-funding-claim-${result.gemeenteCode}-${result.from}-${result.to}.csv"`,
      });
    })
    .openapi(national, async (c) =>
      c.json(await service.nationalFunding(db, c.req.valid("query")), 200),
    );
}
