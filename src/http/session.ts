import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Db } from "../db/connection";
import { findLiveSessionUser, hashToken } from "../modules/auth";
import type { AppEnv } from "./context";
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from "./cookies";
import { errorBody } from "./errors";

export { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from "./cookies";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Requests that may change state without a session's CSRF token: there is no session yet. */
const CSRF_EXEMPT = new Set(["/api/auth/login"]);

/**
 * Loads the session from its cookie and checks the CSRF token (double submit: the token
 * is in a readable cookie and must come back in a header, which another site cannot set).
 */
export function sessionMiddleware(db: Db): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("user", null);
    c.set("session", null);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const found = await findLiveSessionUser(db, hashToken(token));
      if (found) {
        c.set("user", found.user);
        c.set("session", found.session);
      }
    }
    const s = c.get("session");
    if (s && UNSAFE.has(c.req.method) && !CSRF_EXEMPT.has(c.req.path)) {
      if (c.req.header(CSRF_HEADER) !== s.csrfToken) {
        return c.json(
          errorBody("csrf_failed", `send the ${CSRF_COOKIE} cookie's value in ${CSRF_HEADER}`),
          403,
        );
      }
    }
    return next();
  };
}
