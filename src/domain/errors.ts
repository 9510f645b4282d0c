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
  /** A stable code the UI translates; `not_found` unless the absence itself means something. */
  readonly code: string;
  constructor(what: string, code = "not_found") {
    super(`${what} not found`);
    this.name = "NotFoundError";
    this.code = code;
  }
}

/**
 * A well-formed request that a rule of the process refuses (422): a step the case cannot
 * take from where it is, a change to a closed case, an amount the law has not set yet. The
 * issue's code is the answer's code, so the UI can say which rule.
 */
export class UnprocessableError extends Error {
  readonly code: string;
  readonly issues: Issue[];
  constructor(issue: Issue) {
    super(issue.message);
    this.name = "UnprocessableError";
    this.code = issue.code;
    this.issues = [issue];
  }
}

/**
 * The record changed since the caller read it (optimistic concurrency), or what the caller
 * would create exists already (then `code` says what, as `username_taken`, and `issues`
 * name the field).
 */
export class ConflictError extends Error {
  readonly current: unknown;
  /** Whose personal data `current` holds: the answer is a read the caller must audit. */
  readonly personIds: readonly number[];
  readonly code: string;
  readonly issues: Issue[];
  constructor(
    message: string,
    current?: unknown,
    personIds: readonly number[] = [],
    options: { code?: string; issues?: Issue[] } = {},
  ) {
    super(message);
    this.name = "ConflictError";
    this.current = current;
    this.personIds = personIds;
    this.code = options.code ?? "conflict";
    this.issues = options.issues ?? [];
  }
}

/** Too many attempts of something the caller may do only now and then (429). */
export class RateLimitedError extends Error {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.name = "RateLimitedError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class ForbiddenError extends Error {
  /** `forbidden` for a role; another code when something else refuses (missing consent). */
  readonly code: string;
  constructor(message = "not allowed for your role", code = "forbidden") {
    super(message);
    this.name = "ForbiddenError";
    this.code = code;
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
  issues: ReadonlyArray<{
    path: readonly PropertyKey[];
    message: string;
    code?: string;
    keys?: readonly string[];
  }>,
): Issue[] {
  return issues.map((i) => {
    const path = i.path.map(String).join(".");
    // An unknown field is named in the path itself, not only in the message.
    if (i.code === "unrecognized_keys" && i.keys?.length === 1) {
      return {
        path: path ? `${path}.${i.keys[0]}` : i.keys[0]!,
        code: "unknown_field",
        message: i.message,
      };
    }
    return { path, code: i.code ?? "invalid", message: i.message };
  });
}

/** The known name closest to `name` (edit distance, case-insensitive), if close enough. */
export function nearestName(name: string, known: readonly string[]): string | null {
  const a = name.toLowerCase();
  let best: string | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const b = k.toLowerCase();
    // A known name that extends the given one ("netIncome" → "netIncomeCents") is closest.
    const score = b.startsWith(a) || a.startsWith(b) ? 0.5 : editDistance(a, b);
    if (score < bestScore) {
      bestScore = score;
      best = k;
    }
  }
  return best !== null && bestScore <= Math.max(2, Math.floor(a.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** "unknown field "netIncome"; did you mean "netIncomeCents"?" for each unknown key. */
export function unknownFieldsMessage(keys: readonly string[], known: readonly string[]): string {
  return keys
    .map((k) => {
      const near = nearestName(k, known);
      return `unknown field ${JSON.stringify(k)}${near ? `; did you mean ${JSON.stringify(near)}?` : ""}`;
    })
    .join("; ");
}
