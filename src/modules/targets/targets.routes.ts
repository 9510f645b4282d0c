/** Targets of places (docs/api-national.md, "Targets"): set by the coordinator, read by all. */
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import { TARGET_SPLITS } from "../../domain/enums";
import { currentAccess, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import {
  conflictResponse,
  errorResponses,
  IsoDate,
  json,
  OnDateQuery,
  strictBody,
  validationHook,
} from "../../http/openapi";
import * as service from "./targets.service";

const NATIONAL = { scope: "national", roles: ["national_coordinator"] } as const;
const MUNICIPAL = {
  scope: "gemeente",
  roles: ["caseworker", "finance_officer", "municipal_admin"],
} as const;
const errors = errorResponses("no such target or region");

const Target = z
  .object({
    id: z.number().int(),
    places: z.number().int(),
    deadline: z.string(),
    setOn: z.string(),
    split: z.enum(TARGET_SPLITS),
    note: z.string().nullable(),
    setBy: z.string().nullable().openapi({ description: "who set it (display name)" }),
    regions: z.array(z.object({ code: z.string(), places: z.number().int() })),
  })
  .openapi("PlaceTarget");

const Progress = z
  .object({
    code: z.string().openapi({ description: "a safety region (VR01 …), or NL for the nation" }),
    name: z.string(),
    target: z.number().int().nullable().openapi({ description: "null: no target on the day" }),
    realised: z.number().int(),
    pipelineByDeadline: z.number().int(),
    pipelineLater: z.number().int(),
    expected: z.array(z.object({ date: z.string(), places: z.number().int() })),
    gap: z.number().int().nullable(),
  })
  .openapi("TargetProgress");

const TargetInForce = z
  .object({
    id: z.number().int(),
    places: z.number().int(),
    deadline: z.string(),
    setOn: z.string(),
    split: z.enum(TARGET_SPLITS),
    note: z.string().nullable(),
  })
  .nullable();

const setTarget = securedRoute(NATIONAL, {
  method: "post",
  path: "/national/targets",
  tags: ["national"],
  summary: "Set a national target of realised places by a deadline, split over the safety regions",
  request: {
    body: json(
      strictBody({
        places: z.number().int().positive().max(1_000_000),
        deadline: IsoDate("the day the places are to be realised by"),
        setOn: IsoDate("the day the target was set; default today").optional(),
        split: z.enum(TARGET_SPLITS),
        regions: z
          .record(z.string().max(4), z.number().int().min(0).max(1_000_000))
          .optional()
          .openapi({ description: "by_hand: every safety region's places, by code" }),
        note: z.string().max(500).nullish(),
      }).openapi("PlaceTargetInput"),
      "the target",
    ),
  },
  responses: {
    201: json(Target, "set"),
    ...errors,
    ...conflictResponse("a target was set on that day already"),
  },
});

const listTargets = securedRoute(NATIONAL, {
  method: "get",
  path: "/national/targets",
  tags: ["national"],
  summary: "Every target set, newest first",
  responses: { 200: json(z.object({ targets: z.array(Target) }), "the targets"), ...errors },
});

const nationalProgress = securedRoute(NATIONAL, {
  method: "get",
  path: "/national/targets/progress",
  tags: ["national"],
  summary: "Realised places against the target in force on a day, per safety region",
  request: { query: OnDateQuery },
  responses: {
    200: json(
      z
        .object({
          on: z.string(),
          target: TargetInForce,
          nation: Progress,
          regions: z.array(Progress),
        })
        .openapi("NationalTargetProgress"),
      "the progress",
    ),
    ...errors,
  },
});

const gemeenteProgress = securedRoute(MUNICIPAL, {
  method: "get",
  path: "/targets/progress",
  tags: ["national"],
  summary: "Your safety region's realised places against its target, and the nation's",
  request: { query: OnDateQuery },
  responses: {
    200: json(
      z
        .object({ on: z.string(), target: TargetInForce, nation: Progress, region: Progress })
        .openapi("RegionTargetProgress"),
      "the progress",
    ),
    ...errors,
  },
});

export function targetRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(setTarget, async (c) =>
      c.json(await service.setTarget(db, currentAccess(c), c.req.valid("json")), 201),
    )
    .openapi(listTargets, async (c) => c.json({ targets: await service.listTargets(db) }, 200))
    .openapi(nationalProgress, async (c) =>
      c.json(await service.progressOn(db, c.req.valid("query").on), 200),
    )
    .openapi(gemeenteProgress, async (c) =>
      c.json(await service.progressForGemeente(db, currentAccess(c), c.req.valid("query").on), 200),
    );
}
