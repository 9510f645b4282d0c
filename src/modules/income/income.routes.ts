import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import { INCOME_SOURCES, INCOME_KINDS as incomeKinds } from "../../domain/enums";
import { currentAccess, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import {
  conflictResponse,
  ErrorSchema,
  errorResponses,
  IdParam,
  json,
  Version,
  validationHook,
} from "../../http/openapi";
import { csvFromRequest } from "../../http/upload";
import * as service from "./income.service";
import { importIncomeFile } from "./income-import";

const errors = errorResponses();
const conflict = conflictResponse(
  "an income with the same month, kind, source and payer exists, or the income was changed by someone else since the version sent; `current` holds that income's id and version only (read it again with GET, which is audited)",
);
const changedConflict = conflictResponse(
  "the income was changed by someone else since the version sent; `current` holds its id and version only",
);

const READ = { scope: "gemeente", roles: ["caseworker", "finance_officer"] } as const;
const WRITE = { scope: "gemeente", roles: ["caseworker"] } as const;

const Id = IdParam;

const IncomeInput = z
  .object({
    month: z.string().openapi({ description: "YYYY-MM, 2022-03 or later", example: "2025-07" }),
    netCents: z
      .number()
      .int()
      .min(0)
      .max(service.MAX_NET_CENTS)
      .openapi({ description: "net amount for the month in euro cents", example: 123456 }),
    kind: z.enum(incomeKinds),
    source: z.enum(service.MANUAL_SOURCES).openapi({
      description:
        "caseworker: established by the caseworker; self_reported: as told by the person. Inlichtingenbureau rows come only from the import.",
    }),
    payer: z.string().max(200).nullish().openapi({ description: "employer or benefit payer" }),
  })
  .openapi("IncomeInput");

const Income = z
  .object({
    id: z.number(),
    personId: z.number(),
    month: z.string(),
    netCents: z.number(),
    kind: z.enum(incomeKinds),
    source: z.enum(INCOME_SOURCES),
    payer: z.string().nullable(),
    receivedAt: z.string(),
    version: z.number().openapi({ description: "send it back to correct or delete the income" }),
  })
  .openapi("Income");

const IncomeList = z
  .object({
    personId: z.number(),
    months: z.array(
      z.object({
        month: z.string(),
        totalsBySource: z.record(z.string(), z.number()),
        incomes: z.array(Income),
      }),
    ),
  })
  .openapi("IncomeList");

const rowCodes = [
  "matched",
  "unknown_bsn",
  "duplicate",
  "invalid_amount",
  "invalid_bsn",
  "invalid_month",
  "invalid_kind",
  "invalid_payer",
  "missing_field",
  "too_many_fields",
] as const;

const ImportReport = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().openapi({ description: "data rows in the file" }),
    counts: z.record(z.string(), z.number()).openapi({
      description:
        "rows per result code, and matched rows per change (inserted, updated, unchanged)",
    }),
    personsAffected: z.number(),
    results: z.array(
      z.object({
        line: z.number().openapi({ description: "line in the file; the header is line 1" }),
        code: z.enum(rowCodes),
        change: z.enum(["inserted", "updated", "unchanged"]).optional(),
        personId: z.number().optional(),
        firstLine: z.number().optional(),
        message: z.string().optional(),
      }),
    ),
  })
  .openapi("IncomeImportReport");

const listIncomes = securedRoute(READ, {
  method: "get",
  path: "/persons/{id}/incomes",
  tags: ["income"],
  summary: "A person's incomes per month, newest first (audited read)",
  request: {
    params: Id,
    query: z.object({
      from: z.string().optional().openapi({ description: "YYYY-MM, inclusive" }),
      to: z.string().optional().openapi({ description: "YYYY-MM, inclusive" }),
    }),
  },
  responses: { 200: json(IncomeList, "incomes per month"), ...errors },
});

const addIncome = securedRoute(WRITE, {
  method: "post",
  path: "/persons/{id}/incomes",
  tags: ["income"],
  summary: "Enter a month's net income of a person",
  request: {
    params: Id,
    body: json(IncomeInput.extend({ reason: z.string().max(500).nullish() }), "income"),
  },
  responses: { 201: json(Income, "entered"), ...errors, ...conflict },
});

const correctIncome = securedRoute(WRITE, {
  method: "put",
  path: "/incomes/{id}",
  tags: ["income"],
  summary:
    "Correct an income entered by hand (reason required, audited; optimistic concurrency: send the version you read)",
  request: {
    params: Id,
    body: json(
      IncomeInput.extend({ reason: z.string().max(500), version: Version() }),
      "the corrected income",
    ),
  },
  responses: { 200: json(Income, "corrected"), ...errors, ...conflict },
});

const deleteIncome = securedRoute(WRITE, {
  method: "delete",
  path: "/incomes/{id}",
  tags: ["income"],
  summary:
    "Delete an income entered by hand in error (reason required, audited; send the version you read)",
  request: {
    params: Id,
    body: json(
      z.object({ reason: z.string().max(500).optional(), version: Version() }),
      "why, and the version read",
    ),
  },
  responses: { 204: { description: "deleted" }, ...errors, ...changedConflict },
});

const importIncomes = securedRoute(WRITE, {
  method: "post",
  path: "/income-imports",
  tags: ["income"],
  summary: "Import the Inlichtingenbureau's monthly net income file (CSV), with a report per row",
  description:
    "Columns bsn,month,net_amount,kind,payer (docs/api-income-import.md), UTF-8. Valid rows of persons in your municipality are stored in one transaction, all or none; faulty rows are reported and skipped; a BSN of no person of your municipality is reported as unknown_bsn. A wrong header or a file that is not UTF-8 answers 400 and stores nothing. Importing the same file again changes nothing.",
  request: {
    query: z.object({
      dryRun: z
        .enum(["true", "false"])
        .optional()
        .openapi({ description: "true: answer the report without storing anything" }),
    }),
    body: {
      content: {
        "text/csv": { schema: z.string() },
        "multipart/form-data": {
          schema: z.object({
            file: z
              .any()
              .openapi({ type: "string", format: "binary", description: "the CSV file" }),
          }),
        },
      },
      description: "the CSV file as the body, or as the form field `file`",
    },
  },
  responses: {
    200: json(ImportReport, "the report: one result per row"),
    ...errors,
    413: { description: "the file is larger than the request size limit" },
    415: json(ErrorSchema, "send text/csv or multipart/form-data"),
  },
});

export function incomeRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listIncomes, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(await service.listIncomes(db, currentAccess(c), id, c.req.valid("query")), 200);
    })
    .openapi(addIncome, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(await service.addIncome(db, currentAccess(c), id, c.req.valid("json")), 201);
    })
    .openapi(correctIncome, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        await service.correctIncome(db, currentAccess(c), id, c.req.valid("json")),
        200,
      );
    })
    .openapi(deleteIncome, async (c) => {
      const { id } = c.req.valid("param");
      const { reason, version } = c.req.valid("json");
      await service.removeIncome(db, currentAccess(c), id, reason ?? "", version);
      return c.body(null, 204);
    })
    .openapi(importIncomes, async (c) => {
      const { dryRun } = c.req.valid("query");
      const text = await csvFromRequest(c);
      const report = await importIncomeFile(db, currentAccess(c), text, {
        dryRun: dryRun === "true",
      });
      return c.json(report, 200);
    });
}
