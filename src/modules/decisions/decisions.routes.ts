import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import { currentAccess, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import {
  conflictResponse,
  errorResponses,
  IdParam,
  json,
  validationHook,
} from "../../http/openapi";
import { DecidedInputs, DecidedResult, TraceStepSchema } from "../../rules/calculation-api";
import * as service from "./decisions.service";

// Amounts reveal income: the roles that may read incomes (not the municipal admin).
const ACCESS = { scope: "gemeente", roles: ["caseworker", "finance_officer"] } as const;
/** Reading decisions: also a resident, of their own household. */
const READ = {
  scope: "gemeente",
  roles: ["caseworker", "finance_officer", "resident"],
} as const;
const householdErrors = errorResponses("no such household in your municipality");
const month = z.string().openapi({ example: "2026-11", description: "YYYY-MM" });
const reason = z.string().trim().min(1).max(500);

const DecisionSummary = z
  .object({
    id: z.number().int(),
    householdId: z.number().int(),
    month,
    kind: z.enum(["manual", "run", "correction"]),
    reason: z.string().nullable(),
    leefgeldPaidCents: z.number().int(),
    eigenBijdrageChargedCents: z.number().int(),
    lawHash: z.string().openapi({ description: "sha256 of law/ the decision was made under" }),
    engineVersion: z.string(),
    decidedBy: z.string().nullable().openapi({ description: "username; null: the system" }),
    decidedAt: z.string(),
  })
  .openapi("DecisionSummary");

const Notice = z.object({
  code: z.string(),
  personId: z.number().int().nullable(),
  message: z.string(),
});

const Decision = DecisionSummary.extend({
  inputs: DecidedInputs.or(z.object({}).strict()).openapi({
    description:
      "the engine's input as it saw it ({} for a month decided with nobody in reception)",
  }),
  result: DecidedResult.or(z.object({}).strict()),
  trace: z.array(TraceStepSchema),
  explanation: z
    .string()
    .nullable()
    .openapi({ description: "rendered with the law the decision was made under" }),
  explanationProblem: z.string().nullable(),
}).openapi("Decision");

const Amounts = z.object({
  leefgeldPaidCents: z.number().int(),
  eigenBijdrageChargedCents: z.number().int(),
});
const ChangeWithEffect = z
  .union([
    z.object({
      month,
      decisionId: z.number().int(),
      before: Amounts.openapi({ description: "the latest decision of the month" }),
      now: Amounts.openapi({ description: "computed from today's facts and law" }),
      difference: z.object({
        leefgeldCents: z.number().int(),
        eigenBijdrageCents: z.number().int(),
        netCents: z.number().int().openapi({ description: "positive: the household is owed" }),
      }),
    }),
    z.object({ month, decisionId: z.number().int(), problem: z.string() }),
  ])
  .openapi("ChangeWithEffect");

const decide = securedRoute(ACCESS, {
  method: "post",
  path: "/households/{id}/decisions",
  tags: ["decisions"],
  summary: "Decide a month by hand: its amounts from the household's facts now, with receipt",
  request: {
    params: IdParam,
    body: json(z.object({ month, reason }), "the month and why it is decided now"),
  },
  responses: {
    201: json(DecisionSummary.extend({ notices: z.array(Notice) }), "the decision"),
    ...householdErrors,
    ...conflictResponse("no member of the household was in reception that month"),
  },
});

const list = securedRoute(READ, {
  method: "get",
  path: "/households/{id}/decisions",
  tags: ["decisions"],
  summary: "A household's decisions, newest month first",
  request: { params: IdParam },
  responses: {
    200: json(z.object({ decisions: z.array(DecisionSummary) }), "decisions"),
    ...householdErrors,
  },
});

const read = securedRoute(READ, {
  method: "get",
  path: "/decisions/{id}",
  tags: ["decisions"],
  summary: "One decision with inputs, result, trace and its explanation",
  request: {
    params: IdParam,
    query: z.object({ lang: z.enum(["nl", "uk", "en"]).default("nl") }),
  },
  responses: {
    200: json(Decision, "the decision"),
    ...errorResponses("no such decision in your municipality"),
  },
});

const changes = securedRoute(ACCESS, {
  method: "get",
  path: "/households/{id}/changes",
  tags: ["decisions"],
  summary: "Past months whose amounts now differ from their latest decision, with the difference",
  request: { params: IdParam },
  responses: {
    200: json(z.object({ changes: z.array(ChangeWithEffect) }), "changes"),
    ...householdErrors,
  },
});

const acknowledge = securedRoute(ACCESS, {
  method: "post",
  path: "/households/{id}/changes/acknowledge",
  tags: ["decisions"],
  summary: "Accept the current amounts of past months: decides each anew as a correction",
  request: {
    params: IdParam,
    body: json(z.object({ months: z.array(z.string()).min(1).max(60), reason }), "months"),
  },
  responses: {
    200: json(
      z.object({ acknowledged: z.number().int(), decisionIds: z.array(z.number().int()) }),
      "done",
    ),
    ...householdErrors,
  },
});

export function decisionRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(decide, async (c) => {
      const body = c.req.valid("json");
      const d = await service.decideMonth(
        db,
        currentAccess(c),
        c.req.valid("param").id,
        body.month,
        body.reason,
      );
      return c.json(d, 201);
    })
    .openapi(list, async (c) =>
      c.json(
        { decisions: await service.listDecisions(db, currentAccess(c), c.req.valid("param").id) },
        200,
      ),
    )
    .openapi(read, async (c) =>
      c.json(
        await service.readDecision(
          db,
          currentAccess(c),
          c.req.valid("param").id,
          c.req.valid("query").lang,
        ),
        200,
      ),
    )
    .openapi(changes, async (c) =>
      c.json(
        { changes: await service.changesWithEffect(db, currentAccess(c), c.req.valid("param").id) },
        200,
      ),
    )
    .openapi(acknowledge, async (c) => {
      const { months, reason } = c.req.valid("json");
      return c.json(
        await service.acknowledgeChanges(
          db,
          currentAccess(c),
          c.req.valid("param").id,
          months,
          reason,
        ),
        200,
      );
    });
}
