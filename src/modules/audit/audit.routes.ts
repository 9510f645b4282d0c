import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import { AUDIT_ACTIONS } from "../../domain/enums";
import { isValidDate } from "../../domain/month";
import { currentAccess, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import { errorResponses, json, queryId, validationHook } from "../../http/openapi";
import { auditLog } from "./audit-log";

const ADMIN = { scope: "gemeente", roles: ["municipal_admin"] } as const;

const Day = (description: string) =>
  z
    .string()
    .max(10)
    .refine(isValidDate, "a date YYYY-MM-DD")
    .openapi({ description, example: "2026-12-01" });

const Record = z.object({
  id: z.number().int(),
  at: z.string().openapi({ description: "UTC" }),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  personId: z.number().int().nullable(),
  persons: z
    .number()
    .int()
    .openapi({ description: "how many persons a shared record lists (0: none or a person's log)" }),
  gemeenteCode: z.string().nullable(),
  fields: z.array(z.string()).nullable(),
  reason: z.string().nullable(),
});

const listAudit = securedRoute(ADMIN, {
  method: "get",
  path: "/audit",
  tags: ["audit"],
  summary:
    "Your municipality's audit log, newest first, by user, action, period or person (audited read)",
  request: {
    query: z
      .object({
        personId: queryId()
          .optional()
          .openapi({ description: "a person's log: every record about them" }),
        userId: queryId().optional().openapi({ description: "records written by this account" }),
        action: z.enum(AUDIT_ACTIONS).optional(),
        from: Day("first day of the period (Europe/Amsterdam)").optional(),
        to: Day("last day of the period (Europe/Amsterdam)").optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
      })
      .strict(),
  },
  responses: {
    200: json(
      z
        .object({
          person: z
            .object({
              id: z.number().int(),
              familyName: z.string(),
              givenNames: z.string(),
              familyNameCyrillic: z.string().nullable(),
              givenNamesCyrillic: z.string().nullable(),
            })
            .nullable()
            .openapi({ description: "the person of a person's log" }),
          offset: z.number().int(),
          limit: z.number().int(),
          hasMore: z.boolean().openapi({ description: "another page follows" }),
          records: z.array(Record),
        })
        .openapi("AuditLog"),
      "one page",
    ),
    ...errorResponses("no such person in your municipality"),
  },
});

export function auditRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(listAudit, async (c) =>
    c.json(await auditLog(db, currentAccess(c), c.req.valid("query")), 200),
  );
}
