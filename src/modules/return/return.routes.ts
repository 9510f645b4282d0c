import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import { CONSENT_PURPOSES, RETURN_STATUSES } from "../../domain/enums";
import { currentAccess, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import {
  conflictResponse,
  ErrorSchema,
  errorResponses,
  IdParam,
  IsoDate,
  json,
  pathId,
  strictBody,
  Version,
  validationHook,
} from "../../http/openapi";
import * as service from "./return.service";

const errors = errorResponses();
const stale = conflictResponse(
  "the case was changed by someone else since the version sent; `current` holds its id and version only",
);
const unprocessable = (description: string) => ({ 422: json(ErrorSchema, description) });

const READ = {
  scope: "gemeente",
  roles: ["caseworker", "finance_officer", "municipal_admin"],
} as const;
const WRITE = { scope: "gemeente", roles: ["caseworker"] } as const;
const NATIONAL = { scope: "national", roles: ["national_coordinator"] } as const;

const Status = z.enum(RETURN_STATUSES);
const Purpose = z.enum(CONSENT_PURPOSES);

const ReturnCase = z
  .object({
    id: z.number(),
    householdId: z.number(),
    status: Status,
    plannedDeparture: z.string().nullable(),
    departedOn: z.string().nullable(),
    travelSupport: z.boolean(),
    financialSupportCents: z
      .number()
      .nullable()
      .openapi({ description: "set by the programme's amount per person × members; null: none" }),
    partnerMunicipality: z.string().nullable(),
    version: z.number().openapi({ description: "send it back with a step or a change" }),
    nextSteps: z.array(Status).openapi({ description: "the statuses the case may go to now" }),
    events: z.array(
      z.object({
        status: Status,
        on: z.string(),
        note: z.string().nullable(),
        by: z.string().nullable().openapi({ description: "the username of who took the step" }),
        at: z.string(),
      }),
    ),
  })
  .openapi("ReturnCase");

const Consent = z
  .object({
    purpose: Purpose,
    given: z.boolean(),
    givenAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi("Consent");

const Counts = z
  .object({
    interest: z.number(),
    counselling: z.number(),
    planned: z.number(),
    departed: z.number(),
    withdrawn: z.number(),
  })
  .openapi("ReturnStatusCounts", { description: "households per status of their current case" });

const ConsentParams = z.object({
  id: pathId("id"),
  purpose: Purpose.openapi({ param: { name: "purpose", in: "path" } }),
});

const getCase = securedRoute(READ, {
  method: "get",
  path: "/households/{id}/return-case",
  tags: ["return"],
  summary: "The household's current return case with its steps (audited read)",
  request: { params: IdParam },
  responses: {
    200: json(ReturnCase, "the case"),
    ...errorResponses("no such household in your municipality, or no_return_case"),
  },
});

const openCase = securedRoute(WRITE, {
  method: "post",
  path: "/households/{id}/return-case",
  tags: ["return"],
  summary: "Open a return case with status interest",
  request: {
    params: IdParam,
    body: json(strictBody({ note: z.string().max(1000).nullish() }), "a note, optional"),
  },
  responses: {
    201: json(ReturnCase, "opened"),
    ...errors,
    ...conflictResponse("the household has an open case; `current` holds its id and version"),
  },
});

const takeStep = securedRoute(WRITE, {
  method: "post",
  path: "/return-cases/{id}/steps",
  tags: ["return"],
  summary:
    "Take the next step: interest → counselling → planned → departed, or withdrawn before departure; departed ends the members' placements on that day",
  request: {
    params: IdParam,
    body: json(
      strictBody({
        status: Status,
        on: IsoDate("the day of the step; for departed, the last day in reception"),
        note: z.string().max(1000).nullish(),
        plannedDeparture: IsoDate("with planned: the planned departure (if not set yet)").nullish(),
        version: Version(),
      }),
      "the step",
    ),
  },
  responses: {
    200: json(ReturnCase, "the case after the step"),
    ...errors,
    ...stale,
    ...unprocessable("invalid_transition: the case cannot go to that status from where it is"),
  },
});

const changeCase = securedRoute(WRITE, {
  method: "patch",
  path: "/return-cases/{id}",
  tags: ["return"],
  summary: "Change the plans and support of an open return case",
  request: {
    params: IdParam,
    body: json(
      strictBody({
        version: Version(),
        plannedDeparture: IsoDate("planned departure").nullish(),
        travelSupport: z.boolean().optional(),
        partnerMunicipality: z
          .string()
          .max(200)
          .nullish()
          .openapi({ description: "the partner municipality (hromada) in Ukraine" }),
        financialSupport: z.boolean().optional().openapi({
          description:
            "true: the programme's amount per person × members on the planned departure date",
        }),
      }),
      "the change",
    ),
  },
  responses: {
    200: json(ReturnCase, "the case after the change"),
    ...errors,
    ...stale,
    ...unprocessable(
      "case_closed (departed or withdrawn), or financial_support_not_set_by_programme (the law parameter is not in force on the planned departure date)",
    ),
  },
});

const share = securedRoute(WRITE, {
  method: "get",
  path: "/return-cases/{id}/share",
  tags: ["return"],
  summary:
    "The case's data package for a purpose: only members with consent for it at this moment (audited as share)",
  request: { params: IdParam, query: z.object({ purpose: Purpose }) },
  responses: {
    200: json(
      z
        .object({
          returnCaseId: z.number(),
          purpose: Purpose,
          persons: z.array(
            z.object({
              familyName: z.string(),
              givenNames: z.string(),
              familyNameCyrillic: z.string().nullable(),
              givenNamesCyrillic: z.string().nullable(),
              birthDate: z.string(),
              plannedDeparture: z.string().nullable(),
              partnerMunicipality: z.string().nullable(),
            }),
          ),
          withheld: z.number().openapi({ description: "members left out: no consent" }),
        })
        .openapi("ReturnDataPackage"),
      "the data package",
    ),
    ...errors,
    403: json(ErrorSchema, "not allowed for your role, or consent_missing: nobody consented"),
    ...unprocessable("case_withdrawn"),
  },
});

const gemeenteSummary = securedRoute(READ, {
  method: "get",
  path: "/return-cases/summary",
  tags: ["return"],
  summary: "Households per status of their current return case in your municipality",
  responses: {
    200: json(z.object({ gemeenteCode: z.string(), counts: Counts, total: z.number() }), "counts"),
    ...errors,
  },
});

const nationalSummary = securedRoute(NATIONAL, {
  method: "get",
  path: "/return-cases/summary/national",
  tags: ["return"],
  summary:
    "Households per status of their current return case, nationally and per municipality (counts only)",
  responses: {
    200: json(
      z.object({
        counts: Counts,
        total: z.number(),
        gemeenten: z.array(
          z.object({
            gemeenteCode: z.string(),
            name: z.string(),
            counts: Counts,
            total: z.number(),
          }),
        ),
      }),
      "counts",
    ),
    ...errors,
  },
});

const listConsents = securedRoute(READ, {
  method: "get",
  path: "/persons/{id}/consents",
  tags: ["return"],
  summary: "The person's consent per purpose; off unless given and not revoked (audited read)",
  request: { params: IdParam },
  responses: {
    200: json(z.object({ personId: z.number(), consents: z.array(Consent) }), "consents"),
    ...errors,
  },
});

const giveConsent = securedRoute(WRITE, {
  method: "put",
  path: "/persons/{id}/consents/{purpose}",
  tags: ["return"],
  summary: "Record the person's consent for a purpose (giving it again changes nothing)",
  request: { params: ConsentParams },
  responses: { 200: json(Consent, "the consent"), ...errors },
});

const revokeConsent = securedRoute(WRITE, {
  method: "delete",
  path: "/persons/{id}/consents/{purpose}",
  tags: ["return"],
  summary: "Revoke the person's consent for a purpose from now on",
  request: { params: ConsentParams },
  responses: { 200: json(Consent, "the consent, revoked"), ...errors },
});

export function returnRoutes(db: Db, hooks?: service.ReturnHooks) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(getCase, async (c) =>
      c.json(await service.householdCase(db, currentAccess(c), c.req.valid("param").id), 200),
    )
    .openapi(openCase, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(await service.openCase(db, currentAccess(c), id, c.req.valid("json")), 201);
    })
    .openapi(takeStep, async (c) => {
      const { id } = c.req.valid("param");
      const result = await service.takeStep(db, currentAccess(c), id, c.req.valid("json"), hooks);
      return c.json(result, 200);
    })
    .openapi(changeCase, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(await service.changeCase(db, currentAccess(c), id, c.req.valid("json")), 200);
    })
    .openapi(share, async (c) => {
      const { id } = c.req.valid("param");
      const { purpose } = c.req.valid("query");
      return c.json(await service.shareCase(db, currentAccess(c), id, purpose), 200);
    })
    .openapi(gemeenteSummary, async (c) =>
      c.json(await service.gemeenteSummary(db, currentAccess(c)), 200),
    )
    .openapi(nationalSummary, async (c) => c.json(await service.nationalSummary(db), 200))
    .openapi(listConsents, async (c) =>
      c.json(await service.personConsents(db, currentAccess(c), c.req.valid("param").id), 200),
    )
    .openapi(giveConsent, async (c) => {
      const { id, purpose } = c.req.valid("param");
      return c.json(await service.giveConsent(db, currentAccess(c), id, purpose), 200);
    })
    .openapi(revokeConsent, async (c) => {
      const { id, purpose } = c.req.valid("param");
      return c.json(await service.revokeConsent(db, currentAccess(c), id, purpose), 200);
    });
}
