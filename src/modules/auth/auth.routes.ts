import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import { ALL_ROLES, currentUser, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import { errorBody } from "../../http/errors";
import { ErrorSchema, validationHook } from "../../http/openapi";
import { clearSessionCookies, setSessionCookies } from "../../http/session";
import { changeLanguage, SignInError, signIn, signOut } from "./auth.service";

export const UserSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ALL_ROLES as [string, ...string[]]),
    gemeenteCode: z.string().nullable(),
    gemeenteName: z.string().nullable(),
    personId: z.number().int().nullable(),
    language: z.enum(["nl", "uk", "en"]),
  })
  .openapi("User");

const UserResponse = z.object({ user: UserSchema });
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

const login = securedRoute(
  { scope: "public", roles: [] },
  {
    method: "post",
    path: "/login",
    tags: ["auth"],
    summary: "Sign in with username and password",
    request: {
      body: json(
        z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
        "credentials",
      ),
    },
    responses: {
      200: json(UserResponse, "signed in; sets the session and CSRF cookies"),
      400: json(ErrorSchema, "missing field"),
      401: json(ErrorSchema, "wrong username or password"),
      429: json(ErrorSchema, "too many failed attempts"),
    },
  },
);

const logout = securedRoute(
  { scope: "self", roles: ALL_ROLES },
  {
    method: "post",
    path: "/logout",
    tags: ["auth"],
    summary: "Sign out",
    responses: { 204: { description: "signed out" }, 401: json(ErrorSchema, "not signed in") },
  },
);

const me = securedRoute(
  { scope: "self", roles: ALL_ROLES },
  {
    method: "get",
    path: "/me",
    tags: ["auth"],
    summary: "The signed-in user",
    responses: { 200: json(UserResponse, "the user"), 401: json(ErrorSchema, "not signed in") },
  },
);

const language = securedRoute(
  { scope: "self", roles: ALL_ROLES },
  {
    method: "put",
    path: "/me/language",
    tags: ["auth"],
    summary: "Store the user's language (nl, uk, en)",
    request: { body: json(z.object({ language: z.enum(["nl", "uk", "en"]) }), "language") },
    responses: {
      200: json(UserResponse, "the updated user"),
      400: json(ErrorSchema, "unknown language"),
    },
  },
);

export function authRoutes(db: Db, secureCookies: boolean) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(login, async (c) => {
      const { username, password } = c.req.valid("json");
      try {
        const s = await signIn(db, username, password);
        setSessionCookies(c, s.token, s.csrfToken, secureCookies);
        return c.json({ user: s.user }, 200);
      } catch (e) {
        if (e instanceof SignInError) {
          return c.json(errorBody(e.code, e.message), e.code === "too_many_attempts" ? 429 : 401);
        }
        throw e;
      }
    })
    .openapi(logout, async (c) => {
      const s = c.get("session")!;
      await signOut(db, currentUser(c), s.idHash);
      clearSessionCookies(c, secureCookies);
      return c.body(null, 204);
    })
    .openapi(me, (c) => c.json({ user: currentUser(c) }, 200))
    .openapi(language, async (c) => {
      const user = await changeLanguage(db, currentUser(c), c.req.valid("json").language);
      return c.json({ user }, 200);
    });
}
