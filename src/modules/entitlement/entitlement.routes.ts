import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import { currentUser, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import { errorResponses, IdParam, json, validationHook } from "../../http/openapi";
import * as service from "./entitlement.service";

const errors = errorResponses("no such household in your municipality");
const Id = IdParam;
// Amounts reveal income: the roles that may read incomes (not the municipal admin).
const READ = { scope: "gemeente", roles: ["caseworker", "finance_officer"] } as const;

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
  responses: { 200: json(z.record(z.string(), z.unknown()), "facts and calculation"), ...errors },
});

const changes = securedRoute(READ, {
  method: "get",
  path: "/households/{id}/changes",
  tags: ["entitlement"],
  summary: "Past months whose amounts changed since first known, with the difference",
  request: { params: Id },
  responses: { 200: json(z.object({ changes: z.array(z.unknown()) }), "changes"), ...errors },
});

const acknowledge = securedRoute(
  { scope: "gemeente", roles: ["caseworker", "finance_officer"] },
  {
    method: "post",
    path: "/households/{id}/changes/acknowledge",
    tags: ["entitlement"],
    summary: "Accept the current amounts of past months as their new baseline",
    request: {
      params: Id,
      body: json(
        z.object({
          months: z.array(z.string()).min(1).max(60),
          reason: z.string().trim().min(1).max(500),
        }),
        "months",
      ),
    },
    responses: { 200: json(z.object({ acknowledged: z.number() }), "done"), ...errors },
  },
);

export function entitlementRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(entitlement, async (c) => {
      const { month, lang } = c.req.valid("query");
      const r = await service.entitlementFor(
        db,
        currentUser(c),
        c.req.valid("param").id,
        month,
        lang,
      );
      return c.json(r, 200);
    })
    .openapi(changes, async (c) =>
      c.json(
        { changes: await service.changesWithEffect(db, currentUser(c), c.req.valid("param").id) },
        200,
      ),
    )
    .openapi(acknowledge, async (c) => {
      const { months, reason } = c.req.valid("json");
      const r = await service.acknowledgeChanges(
        db,
        currentUser(c),
        c.req.valid("param").id,
        months,
        reason,
      );
      return c.json(r, 200);
    });
}
