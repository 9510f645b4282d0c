import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import { LOCATION_STATUSES, LOCATION_KINDS as locationKinds } from "../../domain/enums";
import { currentAccess, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import {
  conflictResponse,
  errorResponses,
  IdParam,
  IsoDate,
  json,
  OnDateQuery,
  Version,
  validationHook,
} from "../../http/openapi";
import { FiguresSchema } from "../occupancy";
import * as service from "./locations.service";

const errors = errorResponses("no such location in your municipality");
const conflict = conflictResponse();

const READ = {
  scope: "gemeente",
  roles: ["caseworker", "finance_officer", "municipal_admin"],
} as const;
const WRITE = { scope: "gemeente", roles: ["caseworker"] } as const;

const Id = IdParam;

const Kind = z.enum(locationKinds);
const Status = z.enum(LOCATION_STATUSES);
const LocationFields = z.object({
  name: z.string().min(1).max(200),
  street: z.string().max(200).nullish(),
  houseNumber: z.string().max(20).nullish(),
  postcode: z.string().max(10).nullish().openapi({ example: "3511 AB" }),
  city: z.string().max(100).nullish(),
  kind: Kind,
});
const Catering = z.boolean().openapi({ description: "meals provided (no eetgeld)" });

const Dated = z.object({
  id: z.number(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});
const Location = z
  .object({
    id: z.number(),
    gemeenteCode: z.string(),
    name: z.string(),
    street: z.string().nullable(),
    houseNumber: z.string().nullable(),
    postcode: z.string().nullable(),
    city: z.string().nullable(),
    kind: Kind,
    catering: z.boolean().openapi({ description: "meals provided today (on the page: on `on`)" }),
    version: z.number(),
    capacityHistory: z.array(Dated.extend({ places: z.number() })),
    statusHistory: z.array(Dated.extend({ status: Status })),
    cateringHistory: z.array(Dated.extend({ catering: z.boolean() })),
  })
  .openapi("Location");
const Figures = FiguresSchema;

const listLocations = securedRoute(READ, {
  method: "get",
  path: "/locations",
  tags: ["locations"],
  summary: "The municipality's locations with status, capacity and occupancy on a date",
  request: { query: OnDateQuery },
  responses: {
    200: json(
      z.object({
        on: z.string(),
        locations: z.array(
          z.object({
            id: z.number(),
            name: z.string(),
            kind: z.string(),
            catering: z.boolean(),
            city: z.string().nullable(),
            status: Status.nullable(),
            capacity: z.number().nullable(),
            version: z.number(),
            ...Figures,
          }),
        ),
      }),
      "locations",
    ),
    ...errors,
  },
});

const createLocation = securedRoute(WRITE, {
  method: "post",
  path: "/locations",
  tags: ["locations"],
  summary: "Register a location with its capacity, status and catering from a date",
  request: {
    body: json(
      LocationFields.extend({
        catering: Catering.optional().openapi({ description: "meals provided; default false" }),
        validFrom: IsoDate("first day of the capacity, status and catering"),
        places: z.number().int().min(0).max(100_000),
        status: z
          .enum(["planned", "realised"])
          .optional()
          .openapi({ description: "default planned" }),
      }),
      "location",
    ),
  },
  responses: { 201: json(Location, "registered"), ...errors },
});

const getLocation = securedRoute(READ, {
  method: "get",
  path: "/locations/{id}",
  tags: ["locations"],
  summary:
    "The location page: figures on a date, current occupants (audited read) and occupancy per month start",
  request: {
    params: Id,
    query: OnDateQuery.extend({
      from: IsoDate("occupancy over time from (default: the last 12 month starts)").optional(),
      to: IsoDate("occupancy over time to").optional(),
    }),
  },
  responses: {
    200: json(
      Location.extend({
        on: z.string(),
        status: Status.nullable(),
        capacity: z.number().nullable(),
        ...Figures,
        occupants: z.array(
          z.object({
            personId: z.number(),
            householdId: z.number().nullable(),
            familyName: z.string(),
            givenNames: z.string(),
            familyNameCyrillic: z.string().nullable(),
            givenNamesCyrillic: z.string().nullable(),
            birthDate: z.string(),
            placementId: z.number(),
            placedFrom: z.string(),
            placedTo: z.string().nullable(),
          }),
        ),
        occupancy: z.array(z.object({ on: z.string(), ...Figures })),
      }).openapi("LocationPage"),
      "the location page",
    ),
    ...errors,
  },
});

const patchLocation = securedRoute(WRITE, {
  method: "patch",
  path: "/locations/{id}",
  tags: ["locations"],
  summary: "Edit name, address or kind (optimistic concurrency: send the version)",
  description:
    "Catering changes from a date (POST /locations/{id}/catering); `catering` here answers 400 catering_dated.",
  request: {
    params: Id,
    body: json(
      LocationFields.partial().extend({
        catering: z.unknown().optional().openapi({ description: "refused: catering is dated" }),
        version: Version(),
        reason: z.string().max(500).optional(),
      }),
      "changes",
    ),
  },
  responses: { 200: json(Location, "the updated location"), ...errors, ...conflict },
});

const postCapacity = securedRoute(WRITE, {
  method: "post",
  path: "/locations/{id}/capacity",
  tags: ["locations"],
  summary: "A new capacity from a date; the current one ends the day before",
  request: {
    params: Id,
    body: json(
      z.object({
        places: z.number().int().min(0).max(100_000),
        validFrom: IsoDate("first day of the new capacity"),
        version: Version(),
        reason: z.string().max(500).optional(),
      }),
      "capacity",
    ),
  },
  responses: { 200: json(Location, "the location"), ...errors, ...conflict },
});

const postStatus = securedRoute(WRITE, {
  method: "post",
  path: "/locations/{id}/status",
  tags: ["locations"],
  summary: "A new status from a date (planned → realised → closed)",
  request: {
    params: Id,
    body: json(
      z.object({
        status: Status,
        validFrom: IsoDate("first day of the new status"),
        version: Version(),
        reason: z.string().max(500).optional(),
      }),
      "status",
    ),
  },
  responses: { 200: json(Location, "the location"), ...errors, ...conflict },
});

const postCatering = securedRoute(WRITE, {
  method: "post",
  path: "/locations/{id}/catering",
  tags: ["locations"],
  summary:
    "Catering from a date; the current period ends the day before (the months before keep theirs)",
  request: {
    params: Id,
    body: json(
      z.object({
        catering: Catering,
        validFrom: IsoDate("first day of the new catering"),
        version: Version(),
        reason: z.string().max(500).optional(),
      }),
      "catering",
    ),
  },
  responses: { 200: json(Location, "the location"), ...errors, ...conflict },
});

export function locationRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listLocations, async (c) =>
      c.json(await service.listLocations(db, currentAccess(c), c.req.valid("query")), 200),
    )
    .openapi(createLocation, async (c) =>
      c.json(await service.registerLocation(db, currentAccess(c), c.req.valid("json")), 201),
    )
    .openapi(getLocation, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        await service.locationPage(db, currentAccess(c), id, c.req.valid("query")),
        200,
      );
    })
    .openapi(patchLocation, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(await service.editLocation(db, currentAccess(c), id, c.req.valid("json")), 200);
    })
    .openapi(postCapacity, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        await service.changeCapacity(db, currentAccess(c), id, c.req.valid("json")),
        200,
      );
    })
    .openapi(postStatus, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(await service.changeStatus(db, currentAccess(c), id, c.req.valid("json")), 200);
    })
    .openapi(postCatering, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        await service.changeCatering(db, currentAccess(c), id, c.req.valid("json")),
        200,
      );
    });
}
