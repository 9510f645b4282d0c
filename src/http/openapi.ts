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
