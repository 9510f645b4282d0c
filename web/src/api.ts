/**
 * The browser's client for the Opvang HTTP API. Every call goes to the same origin with the
 * session cookie; unsafe methods carry the CSRF token from the `opvang_csrf` cookie. An error
 * answer becomes an ApiError with the server's stable code, which the UI translates.
 */

// Roles and permissions are defined once, on the server's domain.
import type { Permission, Role } from "../../src/domain/access";

export { PERMISSIONS, type Permission, ROLES, type Role } from "../../src/domain/access";

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  gemeenteCode: string | null;
  gemeenteName: string | null;
  /** For a resident: the person record the account belongs to. */
  personId?: number | null;
  language: string;
  /** Answered by GET /api/auth/me (not by sign-in or the language change). */
  permissions?: Permission[];
  /** Signed in with a one-time password from an administrator: must choose their own first. */
  mustChangePassword?: boolean;
}

export interface Health {
  status: string;
  database: "pglite" | "postgresql";
  version: string;
}

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

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const upper = method.toUpperCase();
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (!SAFE_METHODS.has(upper)) {
    const token = readCookie(CSRF_COOKIE);
    if (token) headers[CSRF_HEADER] = token;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: upper,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError(0, "network_error", cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) throw await errorFromResponse(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface ApiClient {
  login(username: string, password: string): Promise<User>;
  logout(): Promise<void>;
  /** The signed-in user, or null when there is no (valid) session. */
  me(): Promise<User | null>;
  setLanguage(language: string): Promise<User>;
  /** Replaces the signed-in user's password (PUT /api/auth/me/password). */
  changePassword(currentPassword: string, newPassword: string): Promise<User>;
  health(): Promise<Health>;
}

export const api: ApiClient = {
  async login(username, password) {
    const { user } = await request<{ user: User }>("POST", "/api/auth/login", {
      username,
      password,
    });
    return user;
  },
  async logout() {
    await request<void>("POST", "/api/auth/logout");
  },
  async me() {
    try {
      const { user } = await request<{ user: User }>("GET", "/api/auth/me");
      return user;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  async setLanguage(language) {
    const { user } = await request<{ user: User }>("PUT", "/api/auth/me/language", { language });
    return user;
  },
  async changePassword(currentPassword, newPassword) {
    const { user } = await request<{ user: User }>("PUT", "/api/auth/me/password", {
      currentPassword,
      newPassword,
    });
    return user;
  },
  health() {
    return request<Health>("GET", "/api/health");
  },
};
