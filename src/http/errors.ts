import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  ConflictError,
  ForbiddenError,
  type Issue,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from "../domain/errors";

export { zodIssues } from "../domain/errors";

/** The one JSON error shape of the API. */
export interface ErrorBody {
  error: { code: string; message: string; issues?: Issue[]; current?: unknown };
}

export function errorBody(code: string, message: string, extra?: Partial<ErrorBody["error"]>) {
  return { error: { code, message, ...extra } } satisfies ErrorBody;
}

/** Maps an error to status and body; unknown errors are 500 without details. */
export function toErrorResponse(err: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (err instanceof ValidationError) {
    return {
      status: 400,
      body: errorBody("validation_error", err.message, { issues: err.issues }),
    };
  }
  if (err instanceof NotFoundError)
    return { status: 404, body: errorBody("not_found", err.message) };
  if (err instanceof ConflictError) {
    return { status: 409, body: errorBody("conflict", err.message, { current: err.current }) };
  }
  if (err instanceof ForbiddenError)
    return { status: 403, body: errorBody("forbidden", err.message) };
  if (err instanceof UnauthorizedError) {
    return { status: 401, body: errorBody("unauthorized", err.message) };
  }
  if (err instanceof SyntaxError) {
    return { status: 400, body: errorBody("invalid_json", "the request body is not valid JSON") };
  }
  // Backstops in the schema (exclusion and unique constraints) answer as conflicts, without
  // quoting the database message, which can contain personal data.
  const pgCode =
    (err as { cause?: { code?: string }; code?: string })?.cause?.code ??
    (err as { code?: string })?.code;
  if (pgCode === "23P01" || pgCode === "23505") {
    return {
      status: 409,
      body: errorBody("conflict", "this overlaps or duplicates a record that already exists"),
    };
  }
  // A deadlock or serialization failure (after the service's own retries): the change was
  // rolled back whole because another change of the same records ran at the same moment.
  if (pgCode === "40P01" || pgCode === "40001") {
    return {
      status: 409,
      body: errorBody(
        "conflict",
        "another change of the same records was saved at the same moment; try again",
      ),
    };
  }
  const status = (err as { status?: number })?.status;
  if (status && status >= 400 && status < 500) {
    return {
      status: status as ContentfulStatusCode,
      body: errorBody("bad_request", (err as Error).message),
    };
  }
  return { status: 500, body: errorBody("internal_error", "something went wrong on our side") };
}

export function onError(err: Error, c: Context) {
  const { status, body } = toErrorResponse(err);
  if (status >= 500) {
    // No personal data in logs: database messages can quote values (a BSN in a duplicate
    // key), so log the error's kind, code and stack frames, never its message.
    const code =
      (err as { code?: string; cause?: { code?: string } }).code ??
      (err as { cause?: { code?: string } }).cause?.code;
    const frames = (err.stack ?? "").split("\n").slice(1, 8).join("\n");
    console.error(
      `${new Date().toISOString()} ${c.req.method} ${c.req.routePath} failed: ${err.name}${code ? ` (${code})` : ""}\n${frames}`,
    );
  }
  return c.json(body, status);
}
