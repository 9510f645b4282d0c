import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import type { Role } from "../../db/schema";
import type { SessionUser } from "../../domain/access";
import { ALL_ROLES, currentUser, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import { clearSessionCookies, setSessionCookies } from "../../http/cookies";
import { errorBody } from "../../http/errors";
import { ErrorSchema, validationHook } from "../../http/openapi";
import { PERMISSIONS, type Permission } from "../../http/permissions";
import { clientAddress } from "../../http/rate-limit";
import { changeLanguage, changeOwnPassword, SignInError, signIn, signOut } from "./auth.service";
import { SESSION_HOURS } from "./session.repository";
import { SignInLimits } from "./sign-in-limits";

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
    mustChangePassword: z.boolean().openapi({
      description:
        "the account has a one-time password from an administrator: until PUT /api/auth/me/password, other routes answer 403 password_change_required",
    }),
  })
  .openapi("User");

/** The user as the auth routes answer them. */
const publicUser = <U extends SessionUser>(user: U) => ({
  ...user,
  mustChangePassword: user.mustChangePassword ?? false,
});

const UserResponse = z.object({ user: UserSchema });

const MeResponse = z.object({
  user: UserSchema.extend({
    permissions: z
      .array(z.enum(PERMISSIONS))
      .describe("what the user may do, from the access the routes declare for the role"),
  }),
});
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

/** Says which field is missing rather than what type undefined is not. */
const requiredText = (max: number) =>
  z
    .string({ error: (i) => (i.input === undefined ? "required" : "must be text") })
    .min(1, { error: "required" })
    .max(max);
const LoginBody = z.object({ username: requiredText(64), password: requiredText(256) });

const login = securedRoute(
  { scope: "public", roles: [] },
  {
    method: "post",
    path: "/login",
    tags: ["auth"],
    summary: "Sign in with username and password",
    request: {
      body: { ...json(LoginBody, "credentials"), required: true },
    },
    responses: {
      200: json(UserResponse, "signed in; sets the session and CSRF cookies"),
      400: json(ErrorSchema, "missing field; `issues` names each (username, password)"),
      401: json(ErrorSchema, "wrong username or password"),
      429: json(
        ErrorSchema,
        "too_many_attempts: too many failed attempts from this address, for this username from this address, or for this username; Retry-After says when to try again",
      ),
      503: json(
        ErrorSchema,
        "sign_in_busy: too many sign-ins being checked at once; Retry-After says when to try again",
      ),
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
    summary: "The signed-in user, with their permissions",
    responses: { 200: json(MeResponse, "the user"), 401: json(ErrorSchema, "not signed in") },
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

const PasswordBody = z.object({
  currentPassword: requiredText(256).openapi({
    description: "the password signed in with (the one-time one, or your own)",
  }),
  newPassword: requiredText(256).openapi({ description: "at least 10 characters" }),
});

const password = securedRoute(
  { scope: "self", roles: ALL_ROLES },
  {
    method: "put",
    path: "/me/password",
    tags: ["auth"],
    summary: "Choose your own password; your other sessions end",
    request: {
      body: { ...json(PasswordBody, "the current and the new password"), required: true },
    },
    responses: {
      200: json(UserResponse, "the user, without a one-time password now"),
      400: json(
        ErrorSchema,
        "password_wrong (currentPassword), password_weak or password_unchanged (newPassword)",
      ),
      401: json(ErrorSchema, "not signed in"),
      429: json(ErrorSchema, "too_many_attempts: too many wrong passwords; Retry-After says when"),
      503: json(ErrorSchema, "sign_in_busy: try again in a moment"),
    },
  },
);

/** `limits`: the sign-in limits of this app (each app, as each test app, has its own). */
/**
 * The auth routes; `permissionsOf` answers a role's permissions (computed by the
 * composition root from every route's declared access, http/permissions.ts).
 */
export function authRoutes(
  db: Db,
  secureCookies: boolean,
  permissionsOf: (role: Role) => readonly Permission[],
  limits = new SignInLimits(),
) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(login, async (c) => {
      // Validated again here: a body without a JSON Content-Type may reach the handler
      // unvalidated (as {} or undefined), and must answer 400, not fail on a missing field.
      const body = LoginBody.safeParse(c.req.valid("json") ?? {});
      if (!body.success) return validationHook(body, c)!;
      const { username, password } = body.data;
      try {
        const s = await signIn(db, username, password, { address: clientAddress(c), limits });
        setSessionCookies(c, s.token, s.csrfToken, secureCookies, SESSION_HOURS * 3600);
        return c.json({ user: publicUser(s.user) }, 200);
      } catch (e) {
        if (!(e instanceof SignInError)) throw e;
        if (e.retryAfterSeconds) c.header("Retry-After", String(e.retryAfterSeconds));
        const body = errorBody(e.code, e.message);
        if (e.code === "too_many_attempts") return c.json(body, 429);
        if (e.code === "sign_in_busy") return c.json(body, 503);
        return c.json(body, 401);
      }
    })
    .openapi(logout, async (c) => {
      const s = c.get("session")!;
      await signOut(db, currentUser(c), s.idHash);
      clearSessionCookies(c, secureCookies);
      return c.body(null, 204);
    })
    .openapi(me, (c) => {
      const user = currentUser(c);
      return c.json(
        { user: { ...publicUser(user), permissions: [...permissionsOf(user.role)] } },
        200,
      );
    })
    .openapi(language, async (c) => {
      const user = await changeLanguage(db, currentUser(c), c.req.valid("json").language);
      return c.json({ user: publicUser(user) }, 200);
    })
    .openapi(password, async (c) => {
      const body = PasswordBody.safeParse(c.req.valid("json") ?? {});
      if (!body.success) return validationHook(body, c)!;
      try {
        const user = await changeOwnPassword(
          db,
          currentUser(c),
          c.get("session")!.idHash,
          body.data,
          { address: clientAddress(c), limits },
        );
        return c.json({ user: publicUser(user) }, 200);
      } catch (e) {
        if (!(e instanceof SignInError)) throw e;
        if (e.retryAfterSeconds) c.header("Retry-After", String(e.retryAfterSeconds));
        const body = errorBody(e.code, e.message);
        if (e.code === "sign_in_busy") return c.json(body, 503);
        return c.json(body, 429);
      }
    });
}
