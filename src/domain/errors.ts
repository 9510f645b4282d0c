/**
 * Errors the domain, rules and modules raise; src/http/errors.ts maps them to HTTP
 * answers and the CLI to exit codes. An issue names the field (a dotted path such as
 * `members.1.birthDate`, or `row 12` for imports), a stable code the UI translates, and
 * an English message for logs, API clients and the CLI.
 */
export interface Issue {
  path: string;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

export class ValidationError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue[] | Issue) {
    const list = Array.isArray(issues) ? issues : [issues];
    super(list.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "));
    this.name = "ValidationError";
    this.issues = list;
  }
}

/** A record that does not exist or is outside the caller's scope: both answer 404. */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

/** The record changed since the caller read it (optimistic concurrency). */
export class ConflictError extends Error {
  readonly current: unknown;
  constructor(message: string, current?: unknown) {
    super(message);
    this.name = "ConflictError";
    this.current = current;
  }
}

export class ForbiddenError extends Error {
  constructor(message = "not allowed for your role") {
    super(message);
    this.name = "ForbiddenError";
  }
}

export class UnauthorizedError extends Error {
  constructor(message = "sign in first") {
    super(message);
    this.name = "UnauthorizedError";
  }
}

/** Zod-style issues as ours, with dotted paths (members.0.birthDate). */
export function zodIssues(
  issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string; code?: string }>,
): Issue[] {
  return issues.map((i) => ({
    path: i.path.map(String).join("."),
    code: i.code ?? "invalid",
    message: i.message,
  }));
}
