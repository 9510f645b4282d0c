import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import type { Role } from "../../db/schema";
import { type Access, ALL_ROLES, currentUser, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import { errorBody } from "../../http/errors";
import { ErrorSchema, validationHook } from "../../http/openapi";
import { clientAddress } from "../../http/rate-limit";
import { clearSessionCookies, setSessionCookies } from "../../http/session";
import { decisionRoutes } from "../decisions/decisions.routes";
import { entitlementRoutes } from "../entitlement/entitlement.routes";
import { incomeRoutes } from "../income/income.routes";
import { locationRoutes } from "../locations/locations.routes";
import { placementRoutes } from "../placements/placements.routes";
import { registryRoutes } from "../registry/registry.routes";
import { changeLanguage, SignInError, signIn, signOut } from "./auth.service";
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
  })
  .openapi("User");

const UserResponse = z.object({ user: UserSchema });

/**
 * What the web app may offer a user, each permission named by the operation (under /api/v1)
 * whose declared access decides it: a role has the permission when that route lets it in.
 * So the list follows the routes' own declarations and cannot promise what the API refuses.
 */
export const PERMISSION_OPERATIONS = {
  "households.read": "GET /households/{id}",
  "households.write": "POST /households",
  "persons.search": "GET /persons",
  "locations.read": "GET /locations",
  "locations.write": "POST /locations",
  "placements.read": "GET /occupancy/gemeente",
  "placements.write": "POST /households/{id}/placements",
  "incomes.read": "GET /persons/{id}/incomes",
  "incomes.write": "POST /persons/{id}/incomes",
  "incomes.import": "POST /income-imports",
  "entitlement.read": "GET /households/{id}/entitlement",
  "decisions.read": "GET /households/{id}/decisions",
  "decisions.write": "POST /households/{id}/decisions",
  "changes.acknowledge": "POST /households/{id}/changes/acknowledge",
  "audit.read": "GET /persons/{id}/audit",
  "occupancy.national": "GET /occupancy/regions",
} as const;
export type Permission = keyof typeof PERMISSION_OPERATIONS;

/** The access each /api/v1 operation declares, read from the module routers' definitions. */
function declaredAccess(): Map<string, Access> {
  // The routers are built only to read their declarations; no handler runs, so no database.
  const noDb = null as unknown as Db;
  const routers = [
    registryRoutes(noDb),
    entitlementRoutes(noDb),
    decisionRoutes(noDb),
    locationRoutes(noDb),
    placementRoutes(noDb),
    incomeRoutes(noDb),
  ];
  const access = new Map<string, Access>();
  for (const router of routers) {
    for (const definition of router.openAPIRegistry.definitions) {
      if (definition.type !== "route") continue;
      const route = definition.route as typeof definition.route & { "x-opvang-access"?: Access };
      const declared = route["x-opvang-access"];
      if (declared) access.set(`${route.method.toUpperCase()} ${route.path}`, declared);
    }
  }
  return access;
}

/** Each role's permissions, computed once from the routes' declarations. */
export const PERMISSIONS_BY_ROLE: Readonly<Record<Role, readonly Permission[]>> = (() => {
  const access = declaredAccess();
  const byRole = {} as Record<Role, Permission[]>;
  for (const role of ALL_ROLES) byRole[role] = [];
  for (const [permission, operation] of Object.entries(PERMISSION_OPERATIONS)) {
    const declared = access.get(operation);
    if (!declared) throw new Error(`permission ${permission}: no route ${operation}`);
    for (const role of declared.roles) byRole[role].push(permission as Permission);
  }
  return byRole;
})();

const MeResponse = z.object({
  user: UserSchema.extend({
    permissions: z
      .array(z.enum(Object.keys(PERMISSION_OPERATIONS) as [Permission, ...Permission[]]))
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

/** `limits`: the sign-in limits of this app (each app, as each test app, has its own). */
export function authRoutes(db: Db, secureCookies: boolean, limits = new SignInLimits()) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(login, async (c) => {
      // Validated again here: a body without a JSON Content-Type may reach the handler
      // unvalidated (as {} or undefined), and must answer 400, not fail on a missing field.
      const body = LoginBody.safeParse(c.req.valid("json") ?? {});
      if (!body.success) return validationHook(body, c)!;
      const { username, password } = body.data;
      try {
        const s = await signIn(db, username, password, { address: clientAddress(c), limits });
        setSessionCookies(c, s.token, s.csrfToken, secureCookies);
        return c.json({ user: s.user }, 200);
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
      return c.json({ user: { ...user, permissions: [...PERMISSIONS_BY_ROLE[user.role]] } }, 200);
    })
    .openapi(language, async (c) => {
      const user = await changeLanguage(db, currentUser(c), c.req.valid("json").language);
      return c.json({ user }, 200);
    });
}
