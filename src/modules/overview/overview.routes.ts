import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import { ROLES } from "../../domain/access";
import { PLACEMENT_KINDS } from "../../domain/enums";
import { currentAccess, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import { errorResponses, json, validationHook } from "../../http/openapi";
import * as service from "./overview.service";

/** The worklists: the caseworker's five, the finance officer's two about money. */
const WORKLIST = { scope: "gemeente", roles: ["caseworker", "finance_officer"] } as const;
const ADMIN = { scope: "gemeente", roles: ["municipal_admin"] } as const;

const Kind = z.enum(service.WORKLIST_KINDS);
const Month = z.string().openapi({ description: "YYYY-MM", example: "2026-11" });
const Day = z.string().openapi({ description: "YYYY-MM-DD", example: "2026-12-05" });

const Dates = z
  .object({
    today: Day,
    nextMonth: Month.openapi({ description: "children turning 18 in this month" }),
    endingUntil: Day.openapi({ description: "placements ending from today up to this day" }),
    latestMonth: Month.openapi({ description: "the latest complete month (incomes)" }),
    incomeFromMonth: Month.openapi({
      description: "work incomes from this month up to the latest month count as earlier work",
    }),
    changesFromMonth: Month.openapi({
      description: "decided months from this one up to this month are looked at",
    }),
  })
  .openapi("WorklistDates");

const Counts = Dates.extend({
  kinds: z.array(Kind).openapi({ description: "the lists of your role, in this order" }),
  counts: z.partialRecord(Kind, z.number().int()),
}).openapi("WorklistCounts");

const PageOf = <K extends service.WorklistKind, T extends z.ZodType>(kind: K, item: T) =>
  z.object({
    kind: z.literal(kind),
    dates: Dates,
    total: z.number().int().openapi({ description: "items in the list, over all pages" }),
    offset: z.number().int(),
    limit: z.number().int(),
    items: z.array(item),
  });

const Member = z.object({
  personId: z.number().int(),
  familyName: z.string(),
  givenNames: z.string(),
});

const Worklist = z
  .discriminatedUnion("kind", [
    PageOf(
      "turning_18",
      z.object({
        householdId: z.number().int(),
        label: z.string(),
        personId: z.number().int(),
        familyName: z.string(),
        givenNames: z.string(),
        birthDate: z.string().openapi({ description: "BRP date; 00 for an unknown part" }),
        date: Day.openapi({ description: "the day the person turns 18 (the list's order)" }),
      }),
    ),
    PageOf(
      "placements_ending",
      z.object({
        householdId: z.number().int(),
        label: z.string(),
        date: Day.openapi({ description: "the first placement of a member to end" }),
        persons: z.number().int().openapi({ description: "members whose placement ends" }),
        kinds: z.array(z.enum(PLACEMENT_KINDS)),
        locationNames: z.array(z.string()),
      }),
    ),
    PageOf(
      "income_missing",
      z.object({
        householdId: z.number().int(),
        label: z.string(),
        lastMonth: Month.openapi({ description: "the last month with a work income" }),
        persons: z.array(Member).openapi({ description: "members whose income is missing" }),
      }),
    ),
    PageOf(
      "changes",
      z.object({
        householdId: z.number().int(),
        label: z.string(),
        months: z.number().int().openapi({ description: "decided months whose facts changed" }),
        firstMonth: Month,
        lastChangeAt: z.string().openapi({ description: "the latest change (UTC)" }),
      }),
    ),
    PageOf(
      "transition",
      z.object({
        householdId: z.number().int().nullable(),
        personId: z.number().int(),
        familyName: z.string(),
        givenNames: z.string(),
        birthDate: z.string(),
        blocking: z
          .string()
          .nullable()
          .openapi({ description: "code of what blocks first (as GET /transition/worklist)" }),
      }),
    ),
  ])
  .openapi("Worklist");

const PageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};
const Days = z.coerce
  .number()
  .int()
  .min(1)
  .max(366)
  .default(30)
  .openapi({ description: "the period: the last this many days up to today (default 30)" });

const getCounts = securedRoute(WORKLIST, {
  method: "get",
  path: "/overview/counts",
  tags: ["overview"],
  summary: "How many items each of your worklists holds today (counts only)",
  responses: { 200: json(Counts, "the counts"), ...errorResponses() },
});

const getWorklist = securedRoute(WORKLIST, {
  method: "get",
  path: "/overview/worklist",
  tags: ["overview"],
  summary: "One page of one of your worklists, the most urgent first (audited read)",
  request: {
    query: z
      .object({
        kind: Kind.openapi({
          description:
            "turning_18, placements_ending, transition: caseworker; changes, income_missing: caseworker and finance officer",
        }),
        ...PageQuery,
      })
      .strict(),
  },
  responses: { 200: json(Worklist, "one page"), ...errorResponses() },
});

const Role = z.enum(ROLES);
const WorkingHours = z.object({ start: z.number().int(), end: z.number().int() });

const getAdmin = securedRoute(ADMIN, {
  method: "get",
  path: "/overview/admin",
  tags: ["overview"],
  summary: "Your municipality's staff accounts and the audit log's anomalies (counts)",
  request: { query: z.object({ days: Days }).strict() },
  responses: {
    200: json(
      z
        .object({
          from: Day,
          to: Day,
          users: z.object({
            total: z.number().int(),
            active: z.number().int(),
            inactive: z.number().int(),
            neverSignedIn: z.number().int().openapi({ description: "active, never signed in" }),
            neverSignedInAccounts: z.array(
              z.object({
                id: z.number().int(),
                username: z.string(),
                displayName: z.string(),
                role: Role,
                createdAt: z.string(),
              }),
            ),
          }),
          anomalies: z.object({
            manyReadsPerDay: z.number().int(),
            workingHours: WorkingHours,
            counts: z.object({ many_reads: z.number().int(), out_of_hours: z.number().int() }),
          }),
        })
        .openapi("AdminOverview"),
      "the overview",
    ),
    ...errorResponses(),
  },
});

const getAnomalies = securedRoute(ADMIN, {
  method: "get",
  path: "/overview/anomalies",
  tags: ["overview"],
  summary:
    "Per user and day: more reads of personal data than the limit, or reads outside working hours",
  request: {
    query: z
      .object({
        kind: z.enum(service.ANOMALY_KINDS),
        days: Days,
        ...PageQuery,
      })
      .strict(),
  },
  responses: {
    200: json(
      z
        .object({
          kind: z.enum(service.ANOMALY_KINDS),
          from: Day,
          to: Day,
          manyReadsPerDay: z.number().int(),
          workingHours: WorkingHours,
          total: z.number().int(),
          offset: z.number().int(),
          limit: z.number().int(),
          items: z.array(
            z.object({
              userId: z.number().int(),
              username: z.string(),
              displayName: z.string(),
              role: Role,
              day: Day,
              reads: z.number().int(),
            }),
          ),
        })
        .openapi("AuditAnomalies"),
      "one page",
    ),
    ...errorResponses(),
  },
});

export function overviewRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(getCounts, async (c) =>
      c.json(await service.worklistCounts(db, currentAccess(c)), 200),
    )
    .openapi(getWorklist, async (c) => {
      const { kind, limit, offset } = c.req.valid("query");
      return c.json(await service.worklist(db, currentAccess(c), kind, { limit, offset }), 200);
    })
    .openapi(getAdmin, async (c) =>
      c.json(await service.adminOverview(db, currentAccess(c), c.req.valid("query").days), 200),
    )
    .openapi(getAnomalies, async (c) => {
      const { kind, days, limit, offset } = c.req.valid("query");
      return c.json(
        await service.anomalies(db, currentAccess(c), kind, days, { limit, offset }),
        200,
      );
    });
}
