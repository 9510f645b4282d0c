/**
 * POST /calculations: the public calculator (mounted under /api/v1 with rate limiting).
 * Validation failures, from the schema or from the domain, answer 400 with the field path.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import { onError } from "../../http/errors";
import { ErrorSchema, validationHook } from "../../http/openapi";
import { CalculationRequest, CalculationResponse, calculate } from "../../rules/calculation-api";

const calculationRoute = securedRoute(
  { scope: "public", roles: [] },
  {
    method: "post",
    path: "/calculations",
    tags: ["calculator"],
    summary: "Leefgeld and eigen bijdrage of a household for a month, with trace and explanation",
    request: {
      body: { required: true, content: { "application/json": { schema: CalculationRequest } } },
    },
    responses: {
      200: {
        description: "The amounts in cents, the trace and a plain-language explanation",
        content: { "application/json": { schema: CalculationResponse } },
      },
      400: {
        description: "Invalid input; each issue names the field",
        content: { "application/json": { schema: ErrorSchema } },
      },
      429: {
        description: "Too many requests from this address",
        content: { "application/json": { schema: ErrorSchema } },
      },
    },
  },
);

export const calculatorRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  calculationRoute,
  (c) => c.json(calculate(c.req.valid("json")), 200),
);
// Domain validation errors (a birth date after the month …) answer 400 like schema errors,
// also when the routes run on their own in tests.
calculatorRoutes.onError(onError);
