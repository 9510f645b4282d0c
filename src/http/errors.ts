import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  ConflictError,
  ForbiddenError,
  type Issue,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  UnprocessableError,
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
  if (err instanceof NotFoundError) return { status: 404, body: errorBody(err.code, err.message) };
  if (err instanceof UnprocessableError) {
    return { status: 422, body: errorBody(err.code, err.message, { issues: err.issues }) };
  }
  if (err instanceof ConflictError) {
    return {
      status: 409,
      body: errorBody(err.code, err.message, {
        ...(err.issues.length ? { issues: err.issues } : {}),
        ...(err.current === undefined ? {} : { current: err.current }),
      }),
    };
  }
  if (err instanceof ForbiddenError) return { status: 403, body: errorBody(err.code, err.message) };
  if (err instanceof RateLimitedError) {
    return {
      status: 429,
      body: errorBody("rate_limited", `${err.message} (in ${err.retryAfterSeconds} s)`),
    };
  }
  if (err instanceof UnauthorizedError) {
    return { status: 401, body: errorBody("unauthorized", err.message) };
  }
  const httpStatus = (err as { status?: number })?.status;
  if (
    err instanceof SyntaxError ||
    (httpStatus === 400 && /malformed json/i.test((err as Error)?.message ?? ""))
  ) {
    return {
      status: 400,
      body: errorBody("invalid_json", "the request body is not valid JSON", {
        issues: [
          { path: "body", code: "invalid_json", message: "the request body is not valid JSON" },
        ],
      }),
    };
  }
  if (httpStatus === 415) {
    return {
      status: 415,
      body: errorBody(
        "unsupported_media_type",
        "send the body as application/json (Content-Type: application/json)",
      ),
    };
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

/**
 * What a server error may say in the log: its kind, the SQLSTATE, the constraint, table and
 * column it names, and the stack frames. Never the message, the driver's detail or the
 * statement's parameters: a database message can quote values (a BSN in a duplicate key),
 * and a query error's message spans several lines (the statement, then `params: …`), so
 * only the lines that are stack frames are kept.
 */
export function serverErrorLogLine(err: unknown, method: string, route: string): string {
  const e = (err ?? {}) as Record<string, unknown>;
  const cause = (e.cause ?? {}) as Record<string, unknown>;
  const field = (name: string) => {
    const v = e[name] ?? cause[name];
    // Identifiers only (SQLSTATE, constraint, table, column names); anything else is dropped.
    return typeof v === "string" && /^[A-Za-z0-9_.]{1,63}$/.test(v) ? v : undefined;
  };
  const name = typeof e.name === "string" ? e.name : typeof err;
  const causeName = typeof cause.name === "string" ? cause.name : undefined;
  const parts = [
    field("code") && `sqlstate=${field("code")}`,
    field("constraint") && `constraint=${field("constraint")}`,
    field("table") && `table=${field("table")}`,
    field("column") && `column=${field("column")}`,
  ].filter(Boolean);
  let stack = typeof e.stack === "string" ? e.stack : "";
  // The stack begins with the message; a value in it could itself hold "\n    at ".
  const head = typeof e.message === "string" ? `${name}: ${e.message}` : "";
  if (head && stack.startsWith(head)) stack = stack.slice(head.length);
  else if (typeof e.message === "string" && e.message) stack = stack.split(e.message).at(-1) ?? "";
  const frames = stack
    .split("\n")
    .filter((l) => /^\s+at \S/.test(l))
    .slice(0, 7)
    .join("\n");
  return `${new Date().toISOString()} ${method} ${route} failed: ${name}${causeName && causeName !== name ? ` (cause ${causeName})` : ""}${parts.length ? ` ${parts.join(" ")}` : ""}${frames ? `\n${frames}` : ""}`;
}

export function onError(err: Error, c: Context) {
  const { status, body } = toErrorResponse(err);
  if (status >= 500) console.error(serverErrorLogLine(err, c.req.method, c.req.routePath));
  return c.json(body, status);
}
