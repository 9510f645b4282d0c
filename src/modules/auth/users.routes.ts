import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import { LANGUAGES, ROLES } from "../../domain/access";
import { currentAccess, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import {
  conflictResponse,
  ErrorSchema,
  errorResponses,
  IdParam,
  INT32_MAX,
  json,
  strictBody,
  Version,
  validationHook,
} from "../../http/openapi";
import * as service from "./users.service";

/**
 * The system admin manages every account; a municipal admin the staff accounts of their
 * own municipality (scope `gemeente`: another municipality's account answers 404).
 */
const ADMINS = { scope: "gemeente", roles: ["municipal_admin", "system_admin"] } as const;

const errors = errorResponses("no such account among those you manage");
const conflict = conflictResponse(
  "changed by someone else (the body holds the current account); or username_taken",
);

const Role = z.enum(ROLES);

const Account = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: Role,
    gemeenteCode: z.string().nullable(),
    gemeenteName: z.string().nullable(),
    active: z.boolean(),
    mustChangePassword: z
      .boolean()
      .openapi({ description: "still has a one-time password; changes it at the next sign-in" }),
    lastSignInAt: z.string().nullable().openapi({
      description: "UTC, ISO 8601; null: never signed in",
      example: "2026-11-20T09:15:00Z",
    }),
    createdAt: z.string().openapi({ description: "UTC, ISO 8601" }),
    version: z.number().int(),
  })
  .openapi("Account");

const OneTimePassword = z.string().openapi({
  description:
    "a random one-time password, answered only here and stored only as a hash: hand it over securely; the user chooses their own at the first sign-in",
  example: "kQ7mT-x4NcA-pe9Wd-Hr3fJ",
});

const listUsers = securedRoute(ADMINS, {
  method: "get",
  path: "/users",
  tags: ["users"],
  summary:
    "The accounts you manage: all (system admin) or your municipality's staff (audited read)",
  request: {
    query: z.object({
      q: z
        .string()
        .max(100)
        .optional()
        .openapi({ description: "part of the username or display name" }),
      role: Role.optional(),
      active: z.enum(["true", "false"]).optional(),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(200)
        .optional()
        .openapi({ description: "default 50" }),
      offset: z.coerce.number().int().min(0).max(INT32_MAX).optional(),
    }),
  },
  responses: {
    200: json(
      z.object({
        users: z.array(Account),
        total: z.number().int().openapi({ description: "accounts that match, over all pages" }),
        limit: z.number().int(),
        offset: z.number().int(),
      }),
      "a page of accounts, by username",
    ),
    ...errors,
  },
});

const userOptions = securedRoute(ADMINS, {
  method: "get",
  path: "/users/options",
  tags: ["users"],
  summary: "What you may give an account: the roles and the municipalities",
  responses: {
    200: json(
      z.object({
        roles: z.array(Role),
        gemeenten: z.array(z.object({ code: z.string(), name: z.string() })),
      }),
      "roles and municipalities",
    ),
    ...errors,
  },
});

const createUser = securedRoute(ADMINS, {
  method: "post",
  path: "/users",
  tags: ["users"],
  summary: "Create an account; its one-time password is answered once",
  description:
    "A municipal admin creates caseworker, finance_officer and municipal_admin accounts of their own municipality (another role: 403 role_not_allowed); the system admin any role but resident (400 role_resident_not_supported: resident accounts are made with the CLI), national roles without a municipality, municipal roles with one that exists.",
  request: {
    body: json(
      strictBody({
        username: z
          .string()
          .max(64)
          .openapi({ description: "3–64 letters, digits, dots, dashes or underscores" }),
        displayName: z.string().min(1).max(200),
        role: Role,
        gemeenteCode: z
          .string()
          .max(10)
          .nullish()
          .openapi({ description: "municipal roles (system admin); default: your own" }),
        language: z.enum(LANGUAGES),
      }),
      "the account",
    ),
  },
  responses: {
    201: json(
      z.object({ user: Account, initialPassword: OneTimePassword }),
      "created, with its one-time password",
    ),
    ...errors,
    ...conflict,
  },
});

const patchUser = securedRoute(ADMINS, {
  method: "patch",
  path: "/users/{id}",
  tags: ["users"],
  summary: "Change display name, role or municipality, or (de)activate (send the version)",
  description:
    "Deactivating ends the account's sessions at once. Nobody deactivates their own account or changes their own role (422 own_account_deactivation, own_role_change). A municipal admin gives only municipal roles (403 role_not_allowed); only the system admin moves an account to another municipality (gemeenteCode).",
  request: {
    params: IdParam,
    body: json(
      strictBody({
        version: Version(),
        displayName: z.string().min(1).max(200).optional(),
        role: Role.optional(),
        gemeenteCode: z.string().max(10).nullable().optional(),
        active: z.boolean().optional(),
      }),
      "changes",
    ),
  },
  responses: {
    200: json(z.object({ user: Account }), "the account"),
    ...errors,
    ...conflict,
    422: json(ErrorSchema, "own_account_deactivation or own_role_change"),
  },
});

const resetPassword = securedRoute(ADMINS, {
  method: "post",
  path: "/users/{id}/password-reset",
  tags: ["users"],
  summary: "Give the account a new one-time password (answered once); ends its sessions",
  request: {
    params: IdParam,
    body: json(strictBody({ version: Version() }), "the version as read"),
  },
  responses: {
    200: json(
      z.object({ user: Account, oneTimePassword: OneTimePassword }),
      "the account and its new one-time password",
    ),
    ...errors,
    ...conflict,
    422: json(ErrorSchema, "own_password_reset: change your own with PUT /api/auth/me/password"),
  },
});

export function userRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listUsers, async (c) => {
      const { active, ...query } = c.req.valid("query");
      const filter = { ...query, active: active === undefined ? undefined : active === "true" };
      return c.json(await service.listUsers(db, currentAccess(c), filter), 200);
    })
    .openapi(userOptions, async (c) =>
      c.json(await service.accountOptions(db, currentAccess(c)), 200),
    )
    .openapi(createUser, async (c) =>
      c.json(await service.createAccount(db, currentAccess(c), c.req.valid("json")), 201),
    )
    .openapi(patchUser, async (c) => {
      const { id } = c.req.valid("param");
      const user = await service.changeAccount(db, currentAccess(c), id, c.req.valid("json"));
      return c.json({ user }, 200);
    })
    .openapi(resetPassword, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        await service.resetPassword(db, currentAccess(c), id, c.req.valid("json")),
        200,
      );
    });
}
