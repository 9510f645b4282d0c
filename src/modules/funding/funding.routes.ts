/**
 * The funding claim (docs/api-funding.md): the municipality's claim over a period, a
 * location's days, the claim as CSV, and the national cost per municipality of a year.
 * Aggregates only (places, person-days, amounts). The claim's entries (transition costs,
 * the advance, other target groups' places, SiSa) are in funding-entries.routes.ts.
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
import { FUNDING_SCHEMES } from "../../rules/funding";
import * as service from "./funding.service";
import { fundingEntryRoutes } from "./funding-entries.routes";

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
export const Scheme = z
  .enum(FUNDING_SCHEMES)
  .openapi("FundingScheme", { description: "the funding scheme in force (law data)" });
/** A norm or an amount in cents; null: the scheme's amount is not published (never 0). */
const MaybeCents = Cents.nullable();

const TotalsShape = {
  gooPlaceDays: Count.openapi({
    description: "realised place-days with an amount (funded by a published norm)",
  }),
  gooCents: Cents,
  outsideBaseRatePlaceDays: Count.openapi({
    description: "realised place-days outside the base rate: counted, no amount",
  }),
  pooPersonDays: Count.openapi({ description: "POO person-days with an amount" }),
  pooCents: Cents,
  notPublishedPlaceDays: Count.openapi({
    description: "realised place-days under a scheme whose amount is not published",
  }),
  notPublishedPersonDays: Count.openapi({
    description: "POO person-days under a scheme whose amount is not published",
  }),
  statusHolderPlaceDays: Count.openapi({ description: "other target group, counted apart" }),
  asylumSeekerPlaceDays: Count.openapi({ description: "other target group, counted apart" }),
  otherTargetGroupCents: Cents.openapi({
    description: "the other target groups' place-days × a published norm",
  }),
  otherTargetGroupNotPublishedPlaceDays: Count,
  totalCents: Cents.openapi({ description: "gooCents + pooCents + otherTargetGroupCents" }),
  transitionCostCents: Cents.openapi({ description: "transition costs at actual cost, apart" }),
  totalWithTransitionCostsCents: Cents.openapi({ description: "totalCents + transitionCostCents" }),
};
export const Totals = z.object(TotalsShape).openapi("FundingClaimTotals");

const Period = z
  .object({
    from: Day,
    to: Day,
    scheme: Scheme,
    gooPerPlacePerDayCents: MaybeCents,
    pooPerPersonPerMonthCents: MaybeCents,
    outsideBaseRate: OutsideBaseRate,
    gooPlaceDays: Count,
    gooCents: Cents,
    outsideBaseRatePlaceDays: Count,
    pooPersonDays: Count,
    notPublishedPlaceDays: Count,
    statusHolderPlaceDays: Count,
    asylumSeekerPlaceDays: Count,
    parameters: z.array(Parameter),
  })
  .openapi("FundingPeriod", {
    description:
      "A norm period: days on which every funding parameter (the scheme in force among them) keeps its value. POO amounts are per month (rounded once per month), so a period carries POO person-days only. A null norm: not published.",
  });

const SchemeSummary = z
  .object({
    scheme: Scheme,
    from: Day,
    to: Day,
    gooAmountPublished: z.boolean(),
    pooAmountPublished: z.boolean(),
    ...TotalsShape,
  })
  .openapi("FundingSchemePart", { description: "one scheme's part of the claim" });

const Line = z
  .object({
    from: Day,
    to: Day,
    scheme: Scheme,
    placeDays: Count,
    perPlacePerDayCents: MaybeCents,
    amountCents: MaybeCents.openapi({
      description: "placeDays × perPlacePerDayCents; null: not published",
    }),
    outsideBaseRatePlaceDays: Count,
    outsideBaseRateReasons: z.array(Reason),
    statusHolderPlaceDays: Count,
    asylumSeekerPlaceDays: Count,
    otherTargetGroupAmountCents: MaybeCents,
    parameters: z.array(Parameter),
    explanation: z.string().openapi({ description: "the arithmetic in a sentence (English)" }),
  })
  .openapi("FundingLine", { description: "a location in one norm period" });

const LocationClaim = z
  .object({
    locationId: z.number().int(),
    name: z.string(),
    kind: z.string(),
    placeDays: Count.openapi({ description: "place-days with an amount" }),
    amountCents: Cents,
    notPublishedPlaceDays: Count,
    outsideBaseRatePlaceDays: Count,
    statusHolderPlaceDays: Count,
    asylumSeekerPlaceDays: Count,
    lines: z.array(Line),
  })
  .openapi("FundingLocation");

const TransitionCosts = z
  .object({
    totalCents: Cents,
    locations: z.array(
      z.object({
        locationId: z.number().int(),
        name: z.string(),
        amountCents: Cents,
        entries: z.array(
          z.object({
            id: z.number().int(),
            incurredOn: Day,
            scheme: Scheme,
            description: z.string(),
            amountCents: Cents,
          }),
        ),
      }),
    ),
  })
  .openapi("FundingClaimTransitionCosts", {
    description: "transition costs incurred in the period, not withdrawn, at actual cost",
  });

const Interpretation = z.object({ text: z.string(), alternative: z.string() });

const PooMonth = z
  .object({
    month: z.string().openapi({ example: "2024-01" }),
    scheme: Scheme,
    from: Day,
    to: Day,
    daysInMonth: Count,
    personDays: Count,
    parts: z.array(
      z.object({
        from: Day,
        to: Day,
        personDays: Count,
        perPersonPerMonthCents: MaybeCents,
      }),
    ),
    amountCents: MaybeCents.openapi({
      description:
        "Σ personDays × norm ÷ daysInMonth, rounded half up to the cent once; null: not published",
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
    schemes: z.array(SchemeSummary),
    periods: z.array(Period),
    locations: z.array(LocationClaim),
    poo: z.array(PooMonth),
    transitionCosts: TransitionCosts,
  })
  .openapi("FundingClaim");

const claim = securedRoute(CLAIM, {
  method: "get",
  path: "/funding/claim",
  tags: ["funding"],
  summary:
    "The claim of your municipality over a period: GOO place-days × the day's norm, POO person-days × the monthly norm, place-days outside the base rate, days without a published amount, other target groups, transition costs (aggregates only)",
  request: { query: PeriodQuery },
  responses: { 200: json(Claim, "the claim"), ...errorResponses() },
});

const Day_ = z
  .object({
    date: Day,
    scheme: Scheme,
    realisedPlaces: Count,
    catering: z.boolean(),
    perPlacePerDayCents: MaybeCents,
    amountCents: MaybeCents.openapi({
      description: "null: outside the base rate, or the amount is not published",
    }),
    outsideBaseRateReason: Reason.nullable(),
    statusHolderPlaces: Count,
    asylumSeekerPlaces: Count,
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
            notPublishedPlaceDays: Count,
            outsideBaseRatePlaceDays: Count,
            statusHolderPlaceDays: Count,
            asylumSeekerPlaceDays: Count,
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
  summary: "The claim of your municipality over a period as CSV",
  description: `Columns ${service.CLAIM_CSV_COLUMNS.join(",")}; one line per location and norm period (goo, goo_outside_base_rate, status_holder, asylum_seeker), per month and scheme (poo) and per transition cost (transition_cost); amounts in euros with a decimal point, empty with no_amount_reason not_published where the amount is not published. UTF-8, CRLF (RFC 4180).`,
  request: { query: PeriodQuery },
  responses: {
    200: { content: { "text/csv": { schema: z.string() } }, description: "the CSV" },
    ...errorResponses(),
  },
});

/**
 * The national answer keeps the fields it had before the schemes and the claim's entries
 * (a client built against them reads it unchanged); the fields added since are optional in
 * the schema, and always present.
 */
const ADDED_TOTALS = [
  "notPublishedPlaceDays",
  "notPublishedPersonDays",
  "statusHolderPlaceDays",
  "asylumSeekerPlaceDays",
  "otherTargetGroupCents",
  "otherTargetGroupNotPublishedPlaceDays",
  "transitionCostCents",
  "totalWithTransitionCostsCents",
] as const;
const NationalTotals = Totals.partial(
  Object.fromEntries(ADDED_TOTALS.map((k) => [k, true])) as {
    [K in (typeof ADDED_TOTALS)[number]]: true;
  },
).openapi("FundingTotals", {
  description: "the national answer's totals; the fields added with the schemes are optional",
});

const NationalPeriod = Period.extend({
  gooPerPlacePerDayCents: Cents,
  pooPerPersonPerMonthCents: Cents,
})
  .partial({
    scheme: true,
    notPublishedPlaceDays: true,
    statusHolderPlaceDays: true,
    asylumSeekerPlaceDays: true,
  })
  .openapi("NationalFundingPeriod", { description: "a norm period with published amounts" });

const national = securedRoute(NATIONAL, {
  method: "get",
  path: "/national/funding",
  tags: ["national"],
  summary: "The funding cost of a year per municipality and nationally (aggregates only)",
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
          periods: z.array(NationalPeriod).openapi({
            description: "the norm periods whose amounts are published (the BooO's)",
          }),
          schemePeriods: z.array(Period).optional().openapi({
            description:
              "every norm period of the year, each with its scheme; null norms: not published",
          }),
          gemeenten: z.array(
            NationalTotals.extend({ code: z.string(), name: z.string() }).openapi(
              "NationalFundingGemeente",
            ),
          ),
          total: NationalTotals,
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
    )
    .route("/", fundingEntryRoutes(db));
}
