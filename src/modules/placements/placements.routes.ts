import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import { PLACEMENT_KINDS } from "../../domain/enums";
import { currentAccess, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import {
  conflictResponse,
  errorResponses,
  IdParam,
  IsoDate,
  json,
  OnDateQuery,
  RecordId,
  validationHook,
} from "../../http/openapi";
import * as service from "./placements.service";

const errors = errorResponses();
const conflict = conflictResponse("overlaps a placement saved at the same moment");
const Id = IdParam;

const READ = {
  scope: "gemeente",
  roles: ["caseworker", "finance_officer", "municipal_admin"],
} as const;
const WRITE = { scope: "gemeente", roles: ["caseworker"] } as const;

const Address = z
  .object({
    street: z.string().max(200),
    houseNumber: z.string().max(20),
    postcode: z.string().max(10).openapi({ example: "3511 AB" }),
    city: z.string().max(100),
    hostName: z.string().max(200).openapi({ description: "the host household" }),
  })
  .partial()
  .openapi("PrivateAddress");
const Target = {
  kind: z.enum(PLACEMENT_KINDS).openapi({ description: "goo: a municipal location; poo: private" }),
  locationId: RecordId().nullish(),
  address: Address.nullish(),
};
const Placement = z.object({
  id: z.number(),
  personId: z.number(),
  kind: z.enum(PLACEMENT_KINDS),
  locationId: z.number().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});
const Warning = z
  .object({
    code: z.literal("over_capacity"),
    message: z.string(),
    params: z.object({
      locationId: z.number(),
      capacity: z.number(),
      occupied: z.number(),
      on: z.string(),
    }),
  })
  .openapi("PlacementWarning");
const Placed = z.object({ placements: z.array(Placement), warnings: z.array(Warning) });
const Skipped = z
  .object({ personId: z.number(), placementId: z.number() })
  .openapi("SkippedMember", {
    description: "a member already placed on the start date; that placement is kept",
  });

export const HistoryPlacement = z
  .object({
    id: z.number().int(),
    personId: z.number().int(),
    familyName: z.string(),
    givenNames: z.string(),
    kind: z.enum(PLACEMENT_KINDS),
    locationId: z.number().int().nullable(),
    locationName: z.string().nullable(),
    address: z
      .object({
        street: z.string().nullable(),
        houseNumber: z.string().nullable(),
        postcode: z.string().nullable(),
        city: z.string().nullable(),
        hostName: z.string().nullable(),
      })
      .nullable()
      .openapi({ description: "the private address (POO); null for a location (GOO)" }),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    reason: z.string().nullable(),
    current: z.boolean().openapi({ description: "runs on the date asked for" }),
  })
  .openapi("HistoryPlacement");
export const PlacementHistory = z
  .object({
    householdId: z.number().int(),
    on: z.string().openapi({ description: "the date the placements are current on" }),
    current: z.array(HistoryPlacement),
    past: z.array(HistoryPlacement),
    future: z.array(HistoryPlacement),
  })
  .openapi("PlacementHistory");

const getPlacements = securedRoute(READ, {
  method: "get",
  path: "/households/{id}/placements",
  tags: ["placements"],
  summary: "The household's placements: current, past and future (audited read)",
  request: { params: Id, query: OnDateQuery },
  responses: {
    200: json(
      PlacementHistory,
      "placements of the household's members while members: current, past and future",
    ),
    ...errors,
  },
});

const place = securedRoute(WRITE, {
  method: "post",
  path: "/households/{id}/placements",
  tags: ["placements"],
  summary:
    "Place the members of the household from a date in a GOO location or at a private address (POO); members already placed on that date are skipped",
  request: {
    params: Id,
    body: json(
      z.object({
        ...Target,
        validFrom: IsoDate("first day of the placement"),
        validTo: IsoDate("last day, if known").nullish(),
        reason: z.string().max(500).nullish(),
      }),
      "placement",
    ),
  },
  responses: {
    201: json(
      Placed.extend({ skipped: z.array(Skipped) }),
      "placed; warnings when the location is over capacity; skipped: members already placed",
    ),
    ...errors,
    ...conflict,
  },
});

const move = securedRoute(WRITE, {
  method: "post",
  path: "/households/{id}/placements/move",
  tags: ["placements"],
  summary:
    "Move the household within the municipality: current placements end the day before the date",
  request: {
    params: Id,
    body: json(
      z.object({
        ...Target,
        validFrom: IsoDate("first day in the new place"),
        reason: z.string().min(1).max(500),
      }),
      "move",
    ),
  },
  responses: {
    201: json(Placed.extend({ ended: z.array(z.number()) }), "moved"),
    ...errors,
    ...conflict,
  },
});

const endForHousehold = securedRoute(WRITE, {
  method: "post",
  path: "/households/{id}/placements/end",
  tags: ["placements"],
  summary: "End the household's placements that run on a date, on that date",
  request: {
    params: Id,
    body: json(
      z.object({ validTo: IsoDate("last day"), reason: z.string().min(1).max(500) }),
      "end",
    ),
  },
  responses: { 200: json(z.object({ ended: z.array(z.number()) }), "ended"), ...errors },
});

const endOne = securedRoute(WRITE, {
  method: "post",
  path: "/placements/{id}/end",
  tags: ["placements"],
  summary: "End one person's placement on a date",
  request: {
    params: Id,
    body: json(
      z.object({ validTo: IsoDate("last day"), reason: z.string().min(1).max(500) }),
      "end",
    ),
  },
  responses: { 200: json(z.object({ id: z.number(), validTo: z.string() }), "ended"), ...errors },
});

export function placementRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(getPlacements, async (c) => {
      const { id } = c.req.valid("param");
      const result = await service.householdPlacementHistory(
        db,
        currentAccess(c),
        id,
        c.req.valid("query"),
      );
      return c.json(result, 200);
    })
    .openapi(place, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        await service.placeHousehold(db, currentAccess(c), id, c.req.valid("json")),
        201,
      );
    })
    .openapi(move, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        await service.moveHousehold(db, currentAccess(c), id, c.req.valid("json")),
        201,
      );
    })
    .openapi(endForHousehold, async (c) => {
      const { id } = c.req.valid("param");
      const result = await service.endHouseholdPlacements(
        db,
        currentAccess(c),
        id,
        c.req.valid("json"),
      );
      return c.json(result, 200);
    })
    .openapi(endOne, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(await service.endPlacement(db, currentAccess(c), id, c.req.valid("json")), 200);
    });
}
