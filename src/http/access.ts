import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { Role } from "../db/schema";
import { type AccessContext, ROLES, scopeFor } from "../domain/access";
import { ForbiddenError, UnauthorizedError } from "../domain/errors";
import type { AppEnv, SessionUser } from "./context";

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

export const ALL_ROLES: readonly Role[] = ROLES;

export function requireAccess(access: Access): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (access.scope === "public") return next();
    const user = c.get("user");
    if (!user) throw new UnauthorizedError();
    if (!access.roles.includes(user.role)) throw new ForbiddenError();
    // A one-time password from an administrator is for choosing one's own, nothing more.
    if (user.mustChangePassword && access.scope !== "self") {
      throw new ForbiddenError(
        "choose your own password first (PUT /api/auth/me/password)",
        "password_change_required",
      );
    }
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

/** The access context of a signed-in user: what services take instead of the session. */
export function toAccessContext(user: SessionUser): AccessContext {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    language: user.language,
    scope: scopeFor(user.role, user.gemeenteCode, user.personId),
  };
}

/** The caller's access context, known to be signed in (after requireAccess). */
export function currentAccess(c: { get(key: "user"): AppEnv["Variables"]["user"] }) {
  return toAccessContext(currentUser(c));
}

/** The caller, known to be signed in (after requireAccess with a non-public scope). */
export function currentUser(c: { get(key: "user"): AppEnv["Variables"]["user"] }) {
  const user = c.get("user");
  if (!user) throw new UnauthorizedError();
  return user;
}
