import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import {
  PAYMENT_METHODS,
  RUN_ANOMALIES,
  RUN_CHANGE_REASONS,
  RUN_ITEM_KINDS,
  RUN_STATUSES,
} from "../../domain/enums";
import { currentAccess, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import {
  conflictResponse,
  ErrorSchema,
  errorResponses,
  IdParam,
  json,
  pathId,
  queryId,
  RecordId,
  strictBody,
  Version,
  validationHook,
} from "../../http/openapi";
import * as accounts from "./accounts.service";
import * as files from "./monthly-run.files";
import * as service from "./monthly-run.service";
import type { RunJobs } from "./run-jobs";

const errors = errorResponses();
const unprocessable = (description: string) => ({ 422: json(ErrorSchema, description) });

const FINANCE = { scope: "gemeente", roles: ["finance_officer"] } as const;
/** The run's status and totals: no personal data, so the municipal admin may follow it too. */
const READ_RUN = { scope: "gemeente", roles: ["finance_officer", "municipal_admin"] } as const;
const ACCOUNT_READ = { scope: "gemeente", roles: ["caseworker", "finance_officer"] } as const;
const ACCOUNT_WRITE = { scope: "gemeente", roles: ["caseworker", "finance_officer"] } as const;
const SETTINGS_READ = {
  scope: "gemeente",
  roles: ["finance_officer", "municipal_admin"],
} as const;
const SETTINGS_WRITE = { scope: "gemeente", roles: ["municipal_admin"] } as const;

const Cents = z.number().int();
const Month = z.string().max(7).openapi({ example: "2027-01", description: "YYYY-MM" });
const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\0]*$/, "must not hold a NUL character");

const Totals = z
  .object({
    households: z.number(),
    persons: z.number(),
    leefgeldCents: Cents,
    eigenBijdrageCents: Cents,
    backPayCents: Cents,
    recoveryCents: Cents,
    offsetCents: Cents,
    transferCents: Cents,
    collectCents: Cents,
    sepaHouseholds: z.number(),
    cardOrCashHouseholds: z.number(),
    problems: z.number(),
    withAnomalies: z.number(),
    corrections: z.number(),
  })
  .openapi("MonthlyRunTotals");

const Run = z
  .object({
    id: z.number(),
    gemeenteCode: z.string(),
    month: z.string(),
    status: z.enum(RUN_STATUSES),
    attempt: z.number().openapi({ description: "how many times the month was prepared" }),
    preparedBy: z.object({ id: z.number(), name: z.string() }).nullable(),
    preparedAt: z.string().nullable(),
    approvedBy: z.object({ id: z.number(), name: z.string() }).nullable(),
    approvedAt: z.string().nullable(),
    progress: z.object({ done: z.number(), total: z.number() }),
    problem: z
      .string()
      .nullable()
      .openapi({ description: "why the job stopped (status failed): a code" }),
    version: z.number().openapi({ description: "send it back with the approval" }),
    totals: Totals.nullable().openapi({ description: "once prepared" }),
  })
  .openapi("MonthlyRun");

const Payment = z
  .object({
    householdId: z.number(),
    label: z.string(),
    method: z.enum(PAYMENT_METHODS),
    payee: z.object({ personId: z.number(), name: z.string() }).nullable(),
    ibanMasked: z.string().nullable(),
    persons: z.number(),
    leefgeldCents: Cents,
    eigenBijdrageCents: Cents,
    previousLeefgeldCents: Cents.nullable().openapi({ description: "last month's decision" }),
    previousEigenBijdrageCents: Cents.nullable(),
    changeReasons: z.array(z.enum(RUN_CHANGE_REASONS)),
    corrections: z.number().openapi({ description: "earlier months corrected in this run" }),
    backPayCents: Cents,
    recoveryCents: Cents,
    offsetCents: Cents,
    transferCents: Cents,
    collectCents: Cents,
    anomalies: z.array(z.enum(RUN_ANOMALIES)),
    problem: z
      .string()
      .nullable()
      .openapi({ description: "why the month could not be computed: code@field" }),
    endToEndId: z.string(),
  })
  .openapi("MonthlyRunPayment");

const Filter = z.object({
  anomaly: z.enum(RUN_ANOMALIES).optional(),
  method: z.enum(PAYMENT_METHODS).optional(),
  changed: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "only households whose amounts differ from last month" }),
  corrections: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "only households with corrections" }),
});

const ReviewQuery = Filter.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

function filterOf(q: z.infer<typeof Filter>) {
  return {
    anomaly: q.anomaly,
    method: q.method,
    changed: q.changed === "true",
    corrections: q.corrections === "true",
  };
}

const RunHousehold = z
  .object({
    payment: Payment,
    items: z.array(
      z.object({
        month: z.string(),
        kind: z.enum(RUN_ITEM_KINDS),
        leefgeldCents: Cents,
        eigenBijdrageCents: Cents,
        previousDecisionId: z.number().nullable(),
        previousLeefgeldCents: Cents.nullable(),
        previousEigenBijdrageCents: Cents.nullable(),
        changeReasons: z.array(z.enum(RUN_CHANGE_REASONS)),
        decisionId: z.number().nullable().openapi({ description: "set at approval" }),
      }),
    ),
  })
  .openapi("MonthlyRunHousehold");

const BankAccount = z
  .object({
    householdId: z.number(),
    method: z.enum(PAYMENT_METHODS),
    payeePersonId: z.number().nullable(),
    iban: z.string().nullable(),
    ibanMasked: z.string().nullable(),
    version: z.number().nullable(),
    updatedAt: z.string().nullable(),
  })
  .openapi("BankAccount");

const Settings = z
  .object({
    gemeenteCode: z.string(),
    recorded: z.boolean(),
    accountName: z.string(),
    iban: z.string(),
    bic: z.string().nullable(),
    senderBlock: z.string(),
    signatureName: z.string(),
    signatureTitle: z.string(),
    objectionAddress: z.string(),
    offsetLimitPercent: z.number().nullable(),
    version: z.number().nullable(),
    updatedAt: z.string().nullable(),
  })
  .openapi("GemeenteSettings");

const RunParams = z.object({ id: pathId("id") });
const RunHouseholdParams = z.object({ id: pathId("id"), householdId: pathId("householdId") });

const listRuns = securedRoute(READ_RUN, {
  method: "get",
  path: "/monthly-runs",
  tags: ["monthly-run"],
  summary: "Your municipality's runs, newest month first (the last twelve by default)",
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(120).default(12) }) },
  responses: { 200: json(z.object({ runs: z.array(Run) }), "the runs"), ...errors },
});

const prepare = securedRoute(FINANCE, {
  method: "post",
  path: "/monthly-runs",
  tags: ["monthly-run"],
  summary:
    "Prepare a month (again): a background job decides every household; poll GET /monthly-runs/{id} for progress",
  request: { body: json(strictBody({ month: Month }), "the month to pay") },
  responses: {
    202: json(Run, "preparing"),
    ...errors,
    ...conflictResponse(
      "run_approved (the month is closed) or run_in_progress (someone is preparing it)",
    ),
    ...unprocessable("settings_missing: the municipality's settings are not recorded"),
  },
});

const getRun = securedRoute(READ_RUN, {
  method: "get",
  path: "/monthly-runs/{id}",
  tags: ["monthly-run"],
  summary: "A run: status, progress, who prepared and approved, totals",
  request: { params: RunParams },
  responses: { 200: json(Run, "the run"), ...errors },
});

const review = securedRoute(FINANCE, {
  method: "get",
  path: "/monthly-runs/{id}/households",
  tags: ["monthly-run"],
  summary: "The run's households, a page at a time, filtered (audited read)",
  request: { params: RunParams, query: ReviewQuery },
  responses: {
    200: json(
      z.object({ total: z.number(), more: z.boolean(), items: z.array(Payment) }),
      "a page",
    ),
    ...errors,
    ...conflictResponse("run_preparing or run_failed: nothing to review yet"),
  },
});

const reviewCsv = securedRoute(FINANCE, {
  method: "get",
  path: "/monthly-runs/{id}/households.csv",
  tags: ["monthly-run"],
  summary: "The run's households as CSV, filtered as the list (audited export)",
  request: { params: RunParams, query: Filter },
  responses: {
    200: { content: { "text/csv": { schema: z.string() } }, description: "the list" },
    ...errors,
  },
});

const runHousehold = securedRoute(FINANCE, {
  method: "get",
  path: "/monthly-runs/{id}/households/{householdId}",
  tags: ["monthly-run"],
  summary: "One household in a run: its payment and the months decided (audited read)",
  request: { params: RunHouseholdParams },
  responses: { 200: json(RunHousehold, "the household"), ...errors },
});

const approve = securedRoute(FINANCE, {
  method: "post",
  path: "/monthly-runs/{id}/approve",
  tags: ["monthly-run"],
  summary:
    "Approve a prepared run (four eyes: not the officer who prepared it): the items become decisions and the run is closed",
  request: {
    params: RunParams,
    body: json(strictBody({ version: Version() }), "the run's version"),
  },
  responses: {
    200: json(Run, "approved"),
    ...errors,
    403: json(ErrorSchema, "not allowed for your role, or four_eyes: you prepared this run"),
    ...conflictResponse("run_preparing, run_approved, run_failed, or stale_version"),
  },
});

const sepa = securedRoute(FINANCE, {
  method: "get",
  path: "/monthly-runs/{id}/sepa.xml",
  tags: ["monthly-run"],
  summary:
    "The SEPA credit transfer file (pain.001.001.09, EPC 2023) of an approved run (audited export)",
  request: { params: RunParams },
  responses: {
    200: { content: { "application/xml": { schema: z.string() } }, description: "the file" },
    ...errors,
    ...conflictResponse("run_not_approved"),
    ...unprocessable("nothing_to_transfer"),
  },
});

const collections = securedRoute(FINANCE, {
  method: "get",
  path: "/monthly-runs/{id}/collections.csv",
  tags: ["monthly-run"],
  summary:
    "Amounts for the collection system: eigen bijdrage and recoveries not offset (audited export)",
  request: { params: RunParams },
  responses: {
    200: { content: { "text/csv": { schema: z.string() } }, description: "the list" },
    ...errors,
    ...conflictResponse("run_not_approved"),
  },
});

const cardOrCash = securedRoute(FINANCE, {
  method: "get",
  path: "/monthly-runs/{id}/card-or-cash.csv",
  tags: ["monthly-run"],
  summary: "Households paid by card or cash, with the amount (audited export)",
  request: { params: RunParams },
  responses: {
    200: { content: { "text/csv": { schema: z.string() } }, description: "the list" },
    ...errors,
    ...conflictResponse("run_not_approved"),
  },
});

const letters = securedRoute(FINANCE, {
  method: "get",
  path: "/monthly-runs/{id}/letters.pdf",
  tags: ["monthly-run"],
  summary: "Every household's decision letter in one PDF for printing (audited export)",
  request: { params: RunParams },
  responses: {
    200: {
      content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
      description: "the letters",
    },
    ...errors,
    ...conflictResponse("run_not_approved"),
  },
});

const letter = securedRoute(FINANCE, {
  method: "get",
  path: "/monthly-runs/{id}/households/{householdId}/letter.pdf",
  tags: ["monthly-run"],
  summary: "One household's decision letter (audited export)",
  request: { params: RunHouseholdParams },
  responses: {
    200: {
      content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
      description: "the letter",
    },
    ...errors,
    ...conflictResponse("run_not_approved"),
  },
});

const getAccount = securedRoute(ACCOUNT_READ, {
  method: "get",
  path: "/households/{id}/bank-account",
  tags: ["monthly-run"],
  summary: "The household's bank account, or card_or_cash when none (audited read)",
  request: { params: IdParam },
  responses: { 200: json(BankAccount, "the account"), ...errors },
});

const putAccount = securedRoute(ACCOUNT_WRITE, {
  method: "put",
  path: "/households/{id}/bank-account",
  tags: ["monthly-run"],
  summary: "Record or change the household's bank account: a member as payee and an IBAN (checked)",
  request: {
    params: IdParam,
    body: json(
      strictBody({
        payeePersonId: RecordId(),
        iban: z.string().max(50).openapi({ example: "NL91 ABNA 0417 1643 00" }),
        version: Version()
          .nullish()
          .openapi({ description: "the account's version; absent for a new one" }),
      }),
      "the account",
    ),
  },
  responses: {
    200: json(BankAccount, "the account"),
    ...errors,
    ...conflictResponse("stale_version"),
  },
});

const deleteAccount = securedRoute(ACCOUNT_WRITE, {
  method: "delete",
  path: "/households/{id}/bank-account",
  tags: ["monthly-run"],
  summary: "Remove the household's account: paid by card or cash from the next run",
  request: { params: IdParam, query: z.object({ version: queryId() }) },
  responses: {
    200: json(BankAccount, "no account"),
    ...errors,
    ...conflictResponse("stale_version"),
  },
});

const getSettings = securedRoute(SETTINGS_READ, {
  method: "get",
  path: "/gemeente-settings",
  tags: ["monthly-run"],
  summary: "Your municipality's settings for runs and letters (recorded: false until set)",
  responses: { 200: json(Settings, "the settings"), ...errors },
});

const putSettings = securedRoute(SETTINGS_WRITE, {
  method: "put",
  path: "/gemeente-settings",
  tags: ["monthly-run"],
  summary:
    "Record your municipality's account, letter sender, signature, objection address and offset limit",
  request: {
    body: json(
      strictBody({
        accountName: Text(70),
        iban: z.string().max(50),
        bic: z.string().max(11).nullish(),
        senderBlock: Text(500),
        signatureName: Text(100),
        signatureTitle: Text(100),
        objectionAddress: Text(500),
        offsetLimitPercent: z.number().int().min(0).max(100).nullish().openapi({
          description:
            "how much of a month's leefgeld may be kept back to recover an overpayment; null: none",
        }),
        version: Version().nullish(),
      }),
      "the settings",
    ),
  },
  responses: {
    200: json(Settings, "the settings"),
    ...errors,
    ...conflictResponse("stale_version"),
  },
});

const attachment = (filename: string) => ({
  "content-disposition": `attachment; filename="${filename}"`,
});

export function monthlyRunRoutes(db: Db, jobs: RunJobs) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listRuns, async (c) => {
      const { limit } = c.req.valid("query");
      return c.json({ runs: await service.listRuns(db, currentAccess(c), limit) }, 200);
    })
    .openapi(prepare, async (c) => {
      const actor = currentAccess(c);
      const { month } = c.req.valid("json");
      const run = await service.startPreparation(
        db,
        { userId: actor.id, gemeente: actor.scope.kind === "gemeente" ? actor.scope.gemeente : "" },
        month,
        jobs.worker,
      );
      jobs.start(run.id);
      return c.json(run, 202);
    })
    .openapi(getRun, async (c) =>
      c.json(await service.getRun(db, currentAccess(c), c.req.valid("param").id), 200),
    )
    .openapi(review, async (c) => {
      const q = c.req.valid("query");
      const result = await service.reviewRun(db, currentAccess(c), c.req.valid("param").id, {
        ...filterOf(q),
        limit: q.limit,
        offset: q.offset,
      });
      return c.json(result, 200);
    })
    .openapi(reviewCsv, async (c) => {
      const out = await files.reviewCsv(
        db,
        currentAccess(c),
        c.req.valid("param").id,
        filterOf(c.req.valid("query")),
      );
      return c.body(out.csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        ...attachment(out.filename),
      });
    })
    .openapi(runHousehold, async (c) => {
      const { id, householdId } = c.req.valid("param");
      return c.json(await service.runHousehold(db, currentAccess(c), id, householdId), 200);
    })
    .openapi(approve, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        await service.approveRun(db, currentAccess(c), id, c.req.valid("json").version),
        200,
      );
    })
    .openapi(sepa, async (c) => {
      const out = await files.sepaFile(db, currentAccess(c), c.req.valid("param").id);
      return c.body(out.xml, 200, {
        "content-type": "application/xml; charset=utf-8",
        ...attachment(out.filename),
      });
    })
    .openapi(collections, async (c) => {
      const out = await files.collectionsCsv(db, currentAccess(c), c.req.valid("param").id);
      return c.body(out.csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        ...attachment(out.filename),
      });
    })
    .openapi(cardOrCash, async (c) => {
      const out = await files.cardOrCashCsv(db, currentAccess(c), c.req.valid("param").id);
      return c.body(out.csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        ...attachment(out.filename),
      });
    })
    .openapi(letters, async (c) => {
      const out = await files.lettersPdf(db, currentAccess(c), c.req.valid("param").id);
      return c.body(new Uint8Array(out.pdf), 200, {
        "content-type": "application/pdf",
        ...attachment(out.filename),
      });
    })
    .openapi(letter, async (c) => {
      const { id, householdId } = c.req.valid("param");
      const out = await files.lettersPdf(db, currentAccess(c), id, householdId);
      return c.body(new Uint8Array(out.pdf), 200, {
        "content-type": "application/pdf",
        ...attachment(out.filename),
      });
    })
    .openapi(getAccount, async (c) =>
      c.json(await accounts.getBankAccount(db, currentAccess(c), c.req.valid("param").id), 200),
    )
    .openapi(putAccount, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        await accounts.putBankAccount(db, currentAccess(c), id, c.req.valid("json")),
        200,
      );
    })
    .openapi(deleteAccount, async (c) => {
      const { id } = c.req.valid("param");
      const { version } = c.req.valid("query");
      return c.json(await accounts.deleteBankAccount(db, currentAccess(c), id, version), 200);
    })
    .openapi(getSettings, async (c) =>
      c.json(await accounts.getSettings(db, currentAccess(c)), 200),
    )
    .openapi(putSettings, async (c) =>
      c.json(await accounts.putSettings(db, currentAccess(c), c.req.valid("json")), 200),
    );
}
