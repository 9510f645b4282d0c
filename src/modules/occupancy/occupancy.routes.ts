/**
 * Occupancy (bezettingsgraad) on a date: the municipality's locations for municipal roles,
 * safety regions and the nation for the national coordinator (aggregates only).
 */
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import { currentAccess, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import { errorResponses, json, OnDateQuery, validationHook } from "../../http/openapi";
import * as occupancy from "./occupancy.service";

const errors = errorResponses();
const READ = {
  scope: "gemeente",
  roles: ["caseworker", "finance_officer", "municipal_admin"],
} as const;
const NATIONAL = { scope: "national", roles: ["national_coordinator"] } as const;

/** The occupancy figures of an area or a location, as every occupancy answer carries them. */
export const Figures = {
  realisedPlaces: z.number(),
  occupied: z.number(),
  free: z.number(),
  bezettingsgraad: z
    .number()
    .nullable()
    .openapi({ description: "occupied ÷ realised places in %, one decimal; null without places" }),
};
const AreaFigures = z.object({
  ...Figures,
  pooPersons: z.number().openapi({ description: "persons in private reception (POO)" }),
});

const gemeenteOccupancy = securedRoute(READ, {
  method: "get",
  path: "/occupancy/gemeente",
  tags: ["occupancy"],
  summary: "Occupancy of the caller's municipality and each of its locations on a date",
  request: { query: OnDateQuery },
  responses: {
    200: json(
      AreaFigures.extend({
        on: z.string(),
        gemeenteCode: z.string(),
        locations: z.array(
          z.object({
            locationId: z.number(),
            name: z.string(),
            kind: z.string(),
            status: z.string().nullable(),
            ...Figures,
          }),
        ),
      }),
      "occupancy",
    ),
    ...errors,
  },
});

const regionsOccupancy = securedRoute(NATIONAL, {
  method: "get",
  path: "/occupancy/regions",
  tags: ["occupancy"],
  summary: "Occupancy per veiligheidsregio and nationally on a date (aggregates only)",
  request: { query: OnDateQuery },
  responses: {
    200: json(
      z.object({
        on: z.string(),
        national: AreaFigures,
        regions: z.array(AreaFigures.extend({ code: z.string(), name: z.string() })),
        unassigned: AreaFigures.nullable(),
      }),
      "occupancy",
    ),
    ...errors,
  },
});

const regionOccupancy = securedRoute(NATIONAL, {
  method: "get",
  path: "/occupancy/regions/{code}",
  tags: ["occupancy"],
  summary: "Occupancy of the municipalities in one veiligheidsregio on a date (aggregates only)",
  request: {
    params: z.object({
      code: z
        .string()
        .max(10)
        .openapi({ param: { name: "code", in: "path" }, example: "VR09" }),
    }),
    query: OnDateQuery,
  },
  responses: {
    200: json(
      AreaFigures.extend({
        on: z.string(),
        code: z.string(),
        name: z.string(),
        gemeenten: z.array(AreaFigures.extend({ code: z.string(), name: z.string() })),
      }),
      "occupancy",
    ),
    ...errors,
  },
});

export function occupancyRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(gemeenteOccupancy, async (c) =>
      c.json(await occupancy.gemeenteOccupancy(db, currentAccess(c), c.req.valid("query")), 200),
    )
    .openapi(regionsOccupancy, async (c) =>
      c.json(await occupancy.regionsOccupancy(db, c.req.valid("query")), 200),
    )
    .openapi(regionOccupancy, async (c) => {
      const { code } = c.req.valid("param");
      return c.json(await occupancy.regionOccupancy(db, code, c.req.valid("query")), 200);
    });
}
