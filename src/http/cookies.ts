/**
 * The session's cookies: the token (HttpOnly) and the CSRF token (readable, sent back in a
 * header). No module import here, so the auth routes can set them without a cycle.
 */
import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";

export const SESSION_COOKIE = "opvang_session";
export const CSRF_COOKIE = "opvang_csrf";
export const CSRF_HEADER = "X-CSRF-Token";

/** Sets both cookies for `maxAge` seconds. */
export function setSessionCookies(
  c: Context,
  token: string,
  csrfToken: string,
  secure: boolean,
  maxAge: number,
): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure,
    sameSite: "Lax",
    path: "/",
    maxAge,
  });
  setCookie(c, CSRF_COOKIE, csrfToken, {
    httpOnly: false,
    secure,
    sameSite: "Strict",
    path: "/",
    maxAge,
  });
}

export function clearSessionCookies(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure });
  deleteCookie(c, CSRF_COOKIE, { path: "/", secure });
}
