import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { Role } from "../db/schema";
import { ForbiddenError, UnauthorizedError } from "../domain/errors";
import type { AppEnv } from "./context";

/**
 * Every route declares who may call it and on what scope. The declaration is written into
 * the OpenAPI document as `x-opvang-access`, and the route-walk test reads it from there,
 * so the document, the check and the test cannot drift apart.
 *
 * scope:
 * - public: anyone, no session (rate-limited where it computes);
 * - self: any signed-in user, about themselves;
 * - gemeente: the caller's own municipality only; other municipalities' records answer 404;
 * - national: aggregates only, no personal data;
 * - household: a resident's own household only;
 * - system: system administration.
 */
export type Scope = "public" | "self" | "gemeente" | "national" | "household" | "system";
export interface Access {
  scope: Scope;
  /** Empty for public routes; for `self`, all roles. */
  roles: readonly Role[];
}

export const ALL_ROLES: readonly Role[] = [
  "caseworker",
  "finance_officer",
  "municipal_admin",
  "national_coordinator",
  "system_admin",
  "resident",
];

export function requireAccess(access: Access): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (access.scope === "public") return next();
    const user = c.get("user");
    if (!user) throw new UnauthorizedError();
    if (!access.roles.includes(user.role)) throw new ForbiddenError();
    return next();
  };
}

/** createRoute with the access check as route middleware and the declaration in the doc. */
export function securedRoute<const R extends RouteConfig>(access: Access, config: R) {
  const existing = config.middleware
    ? Array.isArray(config.middleware)
      ? config.middleware
      : [config.middleware]
    : [];
  return createRoute({
    ...config,
    middleware: [requireAccess(access), ...existing],
    "x-opvang-access": access,
  } as R & { "x-opvang-access": Access });
}

/** The caller, known to be signed in (after requireAccess with a non-public scope). */
export function currentUser(c: { get(key: "user"): AppEnv["Variables"]["user"] }) {
  const user = c.get("user");
  if (!user) throw new UnauthorizedError();
  return user;
}
