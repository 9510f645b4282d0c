import { OpenAPIHono } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import type { AppEnv } from "../../http/context";
import { validationHook } from "../../http/openapi";

export function locationRoutes(_db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
