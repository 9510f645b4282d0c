import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { errorBody, zodIssues } from "./errors";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z
        .array(z.object({ path: z.string(), code: z.string(), message: z.string() }))
        .optional(),
      current: z.unknown().optional(),
    }),
  })
  .openapi("Error");

/** Schema validation failures answer 400 with every issue and its field path. */
export function validationHook(
  result: {
    success: boolean;
    error?: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code?: string }> };
  },
  c: Context,
) {
  if (!result.success && result.error) {
    const issues = zodIssues(result.error.issues);
    return c.json(
      errorBody(
        "validation_error",
        issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "),
        { issues },
      ),
      400,
    );
  }
}

/** A JSON response or request body with its description. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

/** The error answers every scoped route can give; `notFound` says what was not found. */
export function errorResponses(notFound = "no such record in your municipality") {
  return {
    400: json(ErrorSchema, "invalid input, with the field of each problem"),
    401: json(ErrorSchema, "not signed in"),
    403: json(ErrorSchema, "not allowed for your role"),
    404: json(ErrorSchema, notFound),
  };
}

export function conflictResponse(
  description = "changed by someone else; the body holds the current version",
) {
  return { 409: json(ErrorSchema, description) };
}

/** A positive integer id in the path. */
export const pathId = (name: string) =>
  z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name, in: "path" } });

export const IdParam = z.object({ id: pathId("id") });

export const IsoDate = (description: string) =>
  z.string().max(10).openapi({ description, example: "2024-01-19" });

/** `?on=YYYY-MM-DD`: the date facts are read for; default today in the Netherlands. */
export const OnDateQuery = z.object({
  on: IsoDate("the date (YYYY-MM-DD); default today in the Netherlands").optional(),
});
