/**
 * The browser's client for the Opvang HTTP API: one openapi-fetch client typed by
 * web/src/api-types.ts, which is generated from the server's OpenAPI document
 * (`npm run generate:api`). Every call goes to the same origin with the session cookie;
 * unsafe methods carry the CSRF token from the `opvang_csrf` cookie. An error answer becomes
 * an ApiError with the server's stable code, which the UI translates.
 */
import createClient, {
  type ClientPathsWithMethod,
  type MethodResponse,
  type Middleware,
} from "openapi-fetch";
import type { components, paths } from "./api-types";

// Roles and permissions are defined once, on the server's domain.
export { PERMISSIONS, type Permission, ROLES, type Role } from "../../src/domain/access";
export type { components, paths };

/** The named schemas of the API (`Schemas["Household"]`). */
export type Schemas = components["schemas"];

export interface ApiIssue {
  path: string;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: ApiIssue[];
  /** A 409's `current`: what the record is now (for an income its id and version only). */
  readonly current: unknown;

  constructor(
    status: number,
    code: string,
    message: string,
    issues: ApiIssue[] = [],
    current?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.current = current;
  }
}

export const CSRF_COOKIE = "opvang_csrf";
export const CSRF_HEADER = "X-CSRF-Token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function readCookie(name: string, cookies: string = document.cookie): string | null {
  for (const part of cookies.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function toIssues(value: unknown): ApiIssue[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((issue) => ({
    path: String(issue.path ?? ""),
    code: String(issue.code ?? "invalid"),
    message: String(issue.message ?? ""),
    ...(isRecord(issue.params) ? { params: issue.params as ApiIssue["params"] } : {}),
  }));
}

/** Turns an error answer into an ApiError, whatever its body looks like. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, for instance): fall through to a generic error.
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (error && typeof error.code === "string") {
    return new ApiError(
      response.status,
      error.code,
      typeof error.message === "string" ? error.message : response.statusText,
      toIssues(error.issues),
      error.current,
    );
  }
  return new ApiError(response.status, "unknown", response.statusText || `HTTP ${response.status}`);
}

/**
 * The session's part of every call: the CSRF header on unsafe methods, an ApiError for an
 * error answer (so a call that returns has succeeded) and for a server that cannot be
 * reached (`network_error`).
 */
const session: Middleware = {
  onRequest({ request }) {
    if (SAFE_METHODS.has(request.method.toUpperCase())) return;
    const token = readCookie(CSRF_COOKIE);
    if (token) request.headers.set(CSRF_HEADER, token);
  },
  async onResponse({ response }) {
    if (!response.ok) throw await errorFromResponse(response);
  },
  onError({ error }) {
    if (error instanceof ApiError) return error;
    return new ApiError(0, "network_error", error instanceof Error ? error.message : String(error));
  },
};

/** Leaves out empty query values: an empty filter is no filter. */
function querySerializer(query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  return search.toString();
}

/** The one client of the API. Paths, parameters, bodies and answers are typed. */
export const client = createClient<paths>({
  credentials: "same-origin",
  headers: { Accept: "application/json" },
  querySerializer,
  // The global fetch as it is at the call (tests replace it), with the Request as built.
  fetch: (request) => globalThis.fetch(request),
});
client.use(session);

type Method = "get" | "put" | "post" | "delete" | "patch";

/** The JSON a path answers a method with on success: `Answer<"get", "/api/health">`. */
export type Answer<
  M extends Method,
  P extends ClientPathsWithMethod<typeof client, M>,
> = MethodResponse<typeof client, M, P>;

type JsonBodyOf<O> = O extends { requestBody?: { content: { "application/json": infer B } } }
  ? B
  : never;

/** The JSON body a path takes with a method: `RequestBody<"post", "/api/v1/households">`. */
export type RequestBody<
  M extends Method,
  P extends ClientPathsWithMethod<typeof client, M>,
> = JsonBodyOf<paths[P][M]>;

/** The query parameters a path takes with a method. */
export type QueryOf<
  M extends Method,
  P extends ClientPathsWithMethod<typeof client, M>,
> = NonNullable<paths[P][M] extends { parameters: { query?: infer Q } } ? Q : never>;

/**
 * The body of a call's answer. The session middleware has turned every error answer into
 * an ApiError, so a call that returns has its data (none for 204 No Content).
 */
export async function data<T>(call: Promise<{ data?: T; response: Response }>): Promise<T> {
  return (await call).data as T;
}

/** A file sent as the request body itself (text/csv), its bytes as they are on disk. */
export function csvBody(file: Blob) {
  return {
    // The document types a CSV body as text; the browser sends the file unread (no decoding).
    body: file as unknown as string,
    bodySerializer: (body: unknown) => body,
    headers: { "Content-Type": "text/csv" },
  };
}

/** A downloaded file: its content and the name the server proposes (or a fallback). */
export interface Download {
  blob: Blob;
  filename: string;
}

/** The file name of a Content-Disposition header, or the fallback. */
export function filenameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get("content-disposition") ?? "";
  return /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallback;
}

/** A call made with `parseAs: "blob"`, as a Download. */
export async function download(
  call: Promise<{ data?: Blob; response: Response }>,
  fallback: string,
): Promise<Download> {
  const { data: blob, response } = await call;
  return { blob: blob as Blob, filename: filenameOf(response, fallback) };
}

/** The signed-in user as GET /api/auth/me answers it; sign-in answers it without permissions. */
type Me = Answer<"get", "/api/auth/me">["user"];
export type User = Schemas["User"] & Partial<Pick<Me, "permissions">>;

export type Health = Answer<"get", "/api/health">;

export interface ApiClient {
  login(username: string, password: string): Promise<User>;
  logout(): Promise<void>;
  /** The signed-in user, or null when there is no (valid) session. */
  me(): Promise<User | null>;
  setLanguage(language: User["language"]): Promise<User>;
  /** Replaces the signed-in user's password (PUT /api/auth/me/password). */
  changePassword(currentPassword: string, newPassword: string): Promise<User>;
  health(): Promise<Health>;
}

export const api: ApiClient = {
  async login(username, password) {
    const { user } = await data(client.POST("/api/auth/login", { body: { username, password } }));
    return user;
  },
  async logout() {
    await client.POST("/api/auth/logout");
  },
  async me() {
    try {
      const { user } = await data(client.GET("/api/auth/me"));
      return user;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  async setLanguage(language) {
    const { user } = await data(client.PUT("/api/auth/me/language", { body: { language } }));
    return user;
  },
  async changePassword(currentPassword, newPassword) {
    const { user } = await data(
      client.PUT("/api/auth/me/password", { body: { currentPassword, newPassword } }),
    );
    return user;
  },
  health() {
    return data(client.GET("/api/health"));
  },
};
