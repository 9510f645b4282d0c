import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import { currentAccess, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import {
  conflictResponse,
  errorResponses,
  IdParam,
  IsoDate,
  json,
  strictBody,
  Version,
  validationHook,
} from "../../http/openapi";
import { gemeentePeriods, transferHousehold } from "./transfer.service";

const errors = errorResponses();

const TRANSFER = { scope: "gemeente", roles: ["caseworker"] } as const;
const READ_OWN = {
  scope: "gemeente",
  roles: ["caseworker", "finance_officer", "municipal_admin", "resident"],
} as const;

const GemeenteCode = z
  .string()
  .regex(/^GM\d{4}$/, "a CBS municipality code: GM and four digits")
  .openapi({ example: "GM0344" });

const transferRoute = securedRoute(TRANSFER, {
  method: "post",
  path: "/households/{id}/transfer",
  tags: ["registry"],
  summary:
    "Transfer a household to another municipality from a date (today or earlier): the household and its members from that date are the receiving municipality's",
  request: {
    params: IdParam,
    body: json(
      strictBody({
        gemeente: GemeenteCode.openapi({ description: "the receiving municipality" }),
        from: IsoDate("the first day the receiving municipality is responsible"),
        reason: z.string().max(500),
        version: Version(),
      }).openapi("TransferInput"),
      "the transfer",
    ),
  },
  responses: {
    200: json(
      z
        .object({
          householdId: z.number().int(),
          gemeenteCode: z.string(),
          from: z.string(),
          version: z.number().int(),
          personIds: z.array(z.number().int()),
        })
        .openapi("TransferResult"),
      "transferred; the household is no longer in your municipality",
    ),
    ...errors,
    ...conflictResponse(),
  },
});

const periodsRoute = securedRoute(READ_OWN, {
  method: "get",
  path: "/households/{id}/gemeenten",
  tags: ["registry"],
  summary: "The municipalities a household has been with, oldest first",
  request: { params: IdParam },
  responses: {
    200: json(
      z
        .object({
          periods: z.array(
            z.object({
              gemeenteCode: z.string(),
              gemeenteName: z.string(),
              validFrom: z
                .string()
                .nullable()
                .openapi({ description: "null: since the household was registered" }),
              validTo: z.string().nullable(),
              reason: z.string().nullable(),
            }),
          ),
        })
        .openapi("GemeentePeriods"),
      "the periods",
    ),
    ...errors,
  },
});

export function transferRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(transferRoute, async (c) =>
      c.json(
        await transferHousehold(db, currentAccess(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
    )
    .openapi(periodsRoute, async (c) =>
      c.json(
        {
          periods: await gemeentePeriods(db, currentAccess(c).scope, c.req.valid("param").id),
        },
        200,
      ),
    );
}
