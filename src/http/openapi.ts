import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { unknownFieldsMessage } from "../domain/errors";
import { errorBody, zodIssues } from "./errors";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z
        .array(
          z.object({
            path: z.string(),
            code: z.string(),
            message: z.string(),
            params: z
              .record(z.string(), z.union([z.string(), z.number()]))
              .optional()
              .openapi({ description: "values the message names, for the client's own text" }),
          }),
        )
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
    target?: string;
  },
  c: Context,
) {
  if (!result.success && result.error) {
    // A body that is not an object at all (null, a list, a number) is named as `body`.
    const issues = zodIssues(result.error.issues).map((i) =>
      i.path === ""
        ? { ...i, path: result.target === "json" || !result.target ? "body" : result.target }
        : i,
    );
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

/** The largest id or version the database holds (PostgreSQL integer, 32 bits). */
export const INT32_MAX = 2_147_483_647;

/** A record's id in a body: a positive 32-bit integer, as the database stores it. */
export const RecordId = () => z.number().int().positive().max(INT32_MAX);

/** The version of a record as read, sent back with a change (optimistic concurrency). */
export const Version = () =>
  z
    .number()
    .int()
    .positive()
    .max(INT32_MAX)
    .openapi({ description: "the record's version as you read it" });

/** A positive integer id in the path or query (at most 2^31 − 1: larger ids do not exist). */
export const pathId = (name: string) =>
  z.coerce
    .number()
    .int()
    .positive()
    .max(INT32_MAX)
    .openapi({ param: { name, in: "path" } });

/** A positive integer id in the query string. */
export const queryId = () => z.coerce.number().int().positive().max(INT32_MAX);

export const IdParam = z.object({ id: pathId("id") });

export const IsoDate = (description: string) =>
  z.string().max(10).openapi({ description, example: "2024-01-19" });

/** `?on=YYYY-MM-DD`: the date facts are read for; default today in the Netherlands. */
export const OnDateQuery = z.object({
  on: IsoDate("the date (YYYY-MM-DD); default today in the Netherlands").optional(),
});

/** A JSON body that refuses fields it does not know, naming the nearest known name. */
export function strictBody<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === "unrecognized_keys" ? unknownFieldsMessage(iss.keys, known) : undefined,
  });
}
