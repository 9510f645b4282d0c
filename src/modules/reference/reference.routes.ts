import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import { todayNl } from "../../domain/dates";
import { securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import { errorResponses, json, validationHook } from "../../http/openapi";
import { gemeentenOn } from "./reference.repository";

const listGemeenten = securedRoute(
  // Public reference data, for anyone who works with it (a transfer names the receiver).
  {
    scope: "self",
    roles: [
      "caseworker",
      "finance_officer",
      "municipal_admin",
      "national_coordinator",
      "system_admin",
    ],
  },
  {
    method: "get",
    path: "/gemeenten",
    tags: ["reference"],
    summary: "The municipalities (CBS code and name), by name",
    responses: {
      200: json(
        z
          .object({
            gemeenten: z.array(
              z.object({
                code: z.string().openapi({ example: "GM0344" }),
                name: z.string(),
                veiligheidsregioCode: z.string().nullable(),
              }),
            ),
          })
          .openapi("Gemeenten"),
        "the municipalities",
      ),
      ...errorResponses(),
    },
  },
);

export function referenceRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
    listGemeenten,
    async (c) => {
      const rows = await gemeentenOn(db, todayNl());
      return c.json(
        {
          gemeenten: rows.map((r) => ({
            code: r.code,
            name: r.name,
            veiligheidsregioCode: r.region,
          })),
        },
        200,
      );
    },
  );
}
