import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import { currentAccess, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import { errorResponses, IdParam, json, validationHook } from "../../http/openapi";
import {
  CalculationMember,
  CalculationNotice,
  CalculationResponse,
  DecidedInputs,
} from "../../rules/calculation-api";
import * as service from "./entitlement.service";

const errors = errorResponses("no such household in your municipality");
const Id = IdParam;
// Amounts reveal income: the roles that may read incomes (not the municipal admin), and a
// resident for their own household.
const READ = { scope: "gemeente", roles: ["caseworker", "finance_officer", "resident"] } as const;

/** The facts the amounts were computed from (the engine's input with person ids). */
const Facts = DecidedInputs.omit({ members: true })
  .extend({
    members: z.array(CalculationMember.extend({ personId: z.number().int() })),
    notices: z.array(
      z.object({
        personId: z.number().int().nullable(),
        code: CalculationNotice.shape.code,
        message: z.string(),
      }),
    ),
  })
  .openapi("EntitlementFacts");
const Entitlement = z
  .object({
    month: z.string(),
    inReception: z.boolean(),
    facts: Facts.nullable(),
    // A union, not .nullable(): a nullable reference is written allOf [ref, object|null],
    // which generated clients read as never null.
    calculation: z
      .union([CalculationResponse, z.null()])
      .openapi({ description: "null: not in reception this month (inReception is false)" }),
    supportEnded: z
      .array(
        z.object({
          personId: z.number().int(),
          lastDay: z.string().nullable().openapi({ description: "null: no day this month" }),
        }),
      )
      .openapi({
        description:
          "members who lived in reception on days they were no longer entitled to leefgeld (their residence status ended: docs/api-transition.md), with the last day they were",
      }),
  })
  .openapi("Entitlement");

const entitlement = securedRoute(READ, {
  method: "get",
  path: "/households/{id}/entitlement",
  tags: ["entitlement"],
  summary: "A month's leefgeld and eigen bijdrage from the household's facts, with explanation",
  request: {
    params: Id,
    query: z.object({
      month: z.string().optional().openapi({ example: "2026-11" }),
      lang: z.enum(["nl", "uk", "en"]).default("nl"),
    }),
  },
  responses: { 200: json(Entitlement, "facts and calculation"), ...errors },
});

export function entitlementRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
    entitlement,
    async (c) => {
      const { month, lang } = c.req.valid("query");
      const r = await service.entitlementFor(
        db,
        currentAccess(c),
        c.req.valid("param").id,
        month,
        lang,
      );
      return c.json(r, 200);
    },
  );
}
