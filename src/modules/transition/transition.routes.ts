import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import {
  EDUCATION_LEVELS,
  HEALTH_INSURANCE_KINDS,
  HOUSING_PLANS,
  IND_DECISIONS,
  PARTICIPATIEWET_OUTCOMES,
  PUBLIC_ORDER_STATUSES,
  RESIDENCE_STATUS_KINDS,
  STATUS_END_REASONS,
} from "../../domain/enums";
import { currentAccess, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import {
  conflictResponse,
  errorResponses,
  IdParam,
  IsoDate,
  json,
  pathId,
  validationHook,
} from "../../http/openapi";
import { csvFromRequest } from "../../http/upload";
import { TRANSITIEDOCUMENT_CONDITIONS } from "../../rules/transition";
import {
  exportEligibleCohort,
  IND_DECISION_COLUMNS,
  IND_EXPORT_COLUMNS,
  IND_ROW_CODES,
  importIndDecisions,
} from "./ind-exchange";
import * as service from "./transition.service";

/** Caseworkers work the transition; finance officers read it (leefgeld ends with it). */
const READ = { scope: "gemeente", roles: ["caseworker", "finance_officer"] } as const;
const WRITE = { scope: "gemeente", roles: ["caseworker"] } as const;
const MUNICIPAL_COUNTS = {
  scope: "gemeente",
  roles: ["caseworker", "finance_officer", "municipal_admin"],
} as const;
const NATIONAL = { scope: "national", roles: ["national_coordinator"] } as const;
const SCENARIO_READ = {
  scope: "national",
  roles: ["national_coordinator", "caseworker", "finance_officer", "municipal_admin"],
} as const;

const personErrors = errorResponses("no such person in your municipality");
const householdErrors = errorResponses("no such household in your municipality");
const date = (d: string) => IsoDate(d);
const nullableDate = (d: string) => IsoDate(d).nullable();

const Condition = z.object({
  condition: z.enum(TRANSITIEDOCUMENT_CONDITIONS),
  state: z.enum(["met", "not_met", "unknown"]),
  reason: z.string().nullable().openapi({ description: "code: what is missing or why it fails" }),
  source: z.string().openapi({ description: "law, scenario, ind or caseworker" }),
  date: z.string().nullable(),
});

const Transitiedocument = z
  .object({
    eligibility: z.enum(["eligible", "not_eligible", "unknown", "out_of_caseload"]),
    outReason: z.string().nullable(),
    conditions: z.array(Condition),
    cutoff: z.object({ date: z.string(), basis: z.enum(["law", "scenario"]) }).nullable(),
    restsOnScenario: z
      .boolean()
      .openapi({ description: "the result uses a scenario value for unpublished law" }),
    indDecision: z.enum(IND_DECISIONS).nullable(),
    indDecisionOn: z.string().nullable(),
    indReference: z.string().nullable(),
  })
  .openapi("Transitiedocument");

const Status = z.object({
  kind: z.enum(RESIDENCE_STATUS_KINDS),
  from: z.string(),
  to: z.string().nullable(),
  endReason: z.enum(STATUS_END_REASONS).nullable(),
  recordedId: z
    .number()
    .int()
    .nullable()
    .openapi({ description: "the recorded status's id; null for the implied protection" }),
});

const PersonTransitionFields = {
  personId: z.number().int(),
  version: z.number().int().openapi({ description: "0 until something was recorded" }),
  statusToday: z.enum(RESIDENCE_STATUS_KINDS).nullable(),
  statuses: z.array(Status),
  transitiedocument: Transitiedocument,
  publicOrder: z.enum(PUBLIC_ORDER_STATUSES).nullable(),
  publicOrderOn: z.string().nullable(),
  asylumWithdrawn: z.boolean().nullable(),
  asylumWithdrawnOn: z.string().nullable(),
  educationLevel: z.enum(EDUCATION_LEVELS).nullable(),
  tuitionFrom: z.string().nullable(),
  health: z.object({
    zvwFrom: z.string(),
    insuredOnSwitch: z.boolean(),
    insurances: z.array(
      z.object({
        id: z.number().int(),
        kind: z.enum(HEALTH_INSURANCE_KINDS),
        insurer: z.string(),
        from: z.string(),
        to: z.string().nullable(),
      }),
    ),
  }),
  supportUntil: z
    .string()
    .nullable()
    .openapi({ description: "last day of leefgeld by residence status and the transition rule" }),
};

const PersonTransition = z
  .object({ householdId: z.number().int().nullable(), ...PersonTransitionFields })
  .openapi("PersonTransition");

const MissingItem = z.object({
  code: z.enum(service.MISSING_CODES),
  personId: z.number().int().nullable(),
});

const HouseholdTransition = z
  .object({
    householdId: z.number().int(),
    version: z.number().int(),
    rtbEnd: z.string(),
    daysLeft: z.number().int(),
    incomePath: z.enum(["work", "participatiewet_decided", "participatiewet_filed", "none"]),
    participatiewet: z.object({
      filedOn: z.string().nullable(),
      decidedOn: z.string().nullable(),
      outcome: z.enum(PARTICIPATIEWET_OUTCOMES).nullable(),
    }),
    housing: z.object({
      plan: z.enum(HOUSING_PLANS).nullable(),
      from: z.string().nullable(),
      rentCents: z.number().int().nullable(),
    }),
    members: z.array(
      z.object({
        name: z.string(),
        role: z.string(),
        hasWork: z.boolean(),
        ...PersonTransitionFields,
      }),
    ),
    missing: z.array(MissingItem),
    restsOnScenario: z.boolean(),
  })
  .openapi("HouseholdTransition");

const Saved = (key: string) =>
  z.object({ [key]: z.number().int(), version: z.number().int() }) as z.ZodObject<
    Record<string, z.ZodNumber>
  >;

const stateCounts = z.object({ met: z.number(), not_met: z.number(), unknown: z.number() });
const Counts = z.object({
  persons: z.number().int(),
  eligibility: z.object({
    eligible: z.number().int(),
    not_eligible: z.number().int(),
    unknown: z.number().int(),
    out_of_caseload: z.number().int(),
  }),
  conditions: z.object({
    protection_before_cutoff: stateCounts,
    public_order: stateCounts,
    asylum_withdrawn: stateCounts,
  }),
  indDecision: z.object({ granted: z.number(), refused: z.number(), none: z.number() }),
  missingSomething: z.number().int(),
  withoutZvw: z.number().int(),
  students: z.object({ mbo: z.number(), hbo: z.number(), wo: z.number() }),
});
const CohortSummary = z
  .object({
    today: z.string(),
    rtbEnd: z.string(),
    daysLeft: z.number().int(),
    cutoff: z.object({ date: z.string(), basis: z.enum(["law", "scenario"]) }).nullable(),
    restsOnScenario: z.boolean(),
    gemeente: z.string().nullable(),
    counts: Counts,
    paths: z.object({
      households: z.number().int(),
      income: z.object({
        work: z.number(),
        participatiewet_decided: z.number(),
        participatiewet_filed: z.number(),
        none: z.number(),
      }),
      housing: z.object({
        stay_converted: z.number(),
        regular_rental: z.number(),
        own_arrangement: z.number(),
        none: z.number(),
      }),
    }),
    byGemeente: z
      .array(z.object({ code: z.string(), name: z.string(), counts: Counts }))
      .openapi({ description: "national only: each municipality's counts (no personal data)" }),
  })
  .openapi("TransitionCohort");

const cohort = securedRoute(MUNICIPAL_COUNTS, {
  method: "get",
  path: "/transition/cohort",
  tags: ["transition"],
  summary: "Your municipality's transition counts: per status and condition, paths, days left",
  responses: { 200: json(CohortSummary, "counts only"), ...errorResponses() },
});

const cohortNational = securedRoute(NATIONAL, {
  method: "get",
  path: "/transition/cohort/national",
  tags: ["transition"],
  summary: "The nation's transition counts, and each municipality's (aggregates only)",
  responses: { 200: json(CohortSummary, "counts only"), ...errorResponses() },
});

const worklist = securedRoute(WRITE, {
  method: "get",
  path: "/transition/worklist",
  tags: ["transition"],
  summary: "Persons of your municipality not yet ready for the transition, what blocks each",
  request: {
    query: z
      .object({
        sort: z.enum(service.WORKLIST_SORTS).default("blocking"),
        include: z.enum(["open", "all"]).default("open"),
        only: z
          .enum(["uninsured"])
          .optional()
          .openapi({ description: "uninsured: persons without Zvw insurance on the switch date" }),
        limit: z.coerce.number().int().min(1).max(500).default(50),
        offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
      })
      .strict(),
  },
  responses: {
    200: json(
      z
        .object({
          total: z.number().int(),
          offset: z.number().int(),
          limit: z.number().int(),
          items: z.array(
            z.object({
              personId: z.number().int(),
              householdId: z.number().int().nullable(),
              familyName: z.string(),
              givenNames: z.string(),
              birthDate: z.string(),
              eligibility: z.enum(["eligible", "not_eligible", "unknown", "out_of_caseload"]),
              indDecision: z.string().nullable(),
              insured: z.boolean(),
              blocking: z
                .string()
                .nullable()
                .openapi({ description: "code of what blocks first; null: nothing" }),
            }),
          ),
        })
        .openapi("TransitionWorklist"),
      "one page",
    ),
    ...errorResponses(),
  },
});

const readPerson = securedRoute(READ, {
  method: "get",
  path: "/persons/{id}/transition",
  tags: ["transition"],
  summary: "A person's residence status, transitiedocument conditions and insurance (audited)",
  request: { params: IdParam },
  responses: { 200: json(PersonTransition, "the person's transition"), ...personErrors },
});

const updatePerson = securedRoute(WRITE, {
  method: "put",
  path: "/persons/{id}/transition",
  tags: ["transition"],
  summary: "Record the public-order check, the asylum withdrawal and the education level",
  request: {
    params: IdParam,
    body: json(
      z
        .object({
          version: z.number().int().min(0),
          publicOrder: z.enum(PUBLIC_ORDER_STATUSES).nullable(),
          publicOrderOn: nullableDate("date of the IND's check result"),
          asylumWithdrawn: z.boolean().nullable(),
          asylumWithdrawnOn: nullableDate("date the asylum application was withdrawn"),
          educationLevel: z.enum(EDUCATION_LEVELS).nullable(),
        })
        .strict(),
      "the facts as they are now, with the version read (0 when none recorded)",
    ),
  },
  responses: {
    200: json(Saved("personId"), "saved"),
    ...personErrors,
    ...conflictResponse("changed by someone else; `current` holds the version"),
  },
});

const addStatus = securedRoute(WRITE, {
  method: "post",
  path: "/persons/{id}/residence-statuses",
  tags: ["transition"],
  summary: "Record a residence status (an open earlier one ends the day before)",
  request: {
    params: IdParam,
    body: json(
      z
        .object({
          kind: z.enum(RESIDENCE_STATUS_KINDS),
          from: date("first day"),
          to: nullableDate("last day; null: open").default(null),
          endReason: z.enum(STATUS_END_REASONS).nullable().default(null),
          source: z.enum(["ind", "brp", "caseworker"]).default("caseworker"),
        })
        .strict(),
      "the status",
    ),
  },
  responses: {
    201: json(
      z.object({
        id: z.number().int(),
        ended: z.array(z.number().int()).openapi({ description: "statuses ended by this one" }),
      }),
      "recorded",
    ),
    ...personErrors,
  },
});

const endStatus = securedRoute(WRITE, {
  method: "post",
  path: "/persons/{id}/residence-statuses/{statusId}/end",
  tags: ["transition"],
  summary: "End a recorded residence status on a date, with the reason",
  request: {
    params: z.object({ id: pathId("id"), statusId: pathId("statusId") }),
    body: json(
      z.object({ to: date("last day"), endReason: z.enum(STATUS_END_REASONS) }).strict(),
      "end",
    ),
  },
  responses: {
    200: json(z.object({ id: z.number().int() }), "ended"),
    ...personErrors,
  },
});

const addInsurance = securedRoute(WRITE, {
  method: "post",
  path: "/persons/{id}/health-insurances",
  tags: ["transition"],
  summary: "Register Zvw insurance (or Wlz long-term care) after the RMO",
  request: {
    params: IdParam,
    body: json(
      z
        .object({
          kind: z.enum(HEALTH_INSURANCE_KINDS),
          insurer: z.string().trim().min(1).max(200),
          from: date("start"),
          to: nullableDate("end; null: open").default(null),
        })
        .strict(),
      "the insurance",
    ),
  },
  responses: {
    201: json(z.object({ id: z.number().int() }), "registered"),
    ...personErrors,
  },
});

const readHousehold = securedRoute(READ, {
  method: "get",
  path: "/households/{id}/transition",
  tags: ["transition"],
  summary:
    "A household's transition checklist: each member, income, health, housing, what is missing",
  request: { params: IdParam },
  responses: { 200: json(HouseholdTransition, "the checklist"), ...householdErrors },
});

const updateHousehold = securedRoute(WRITE, {
  method: "put",
  path: "/households/{id}/transition",
  tags: ["transition"],
  summary: "Record the Participatiewet application and the housing plan",
  request: {
    params: IdParam,
    body: json(
      z
        .object({
          version: z.number().int().min(0),
          participatiewet: z
            .object({
              filedOn: nullableDate("application filed"),
              decidedOn: nullableDate("decision takes effect; leefgeld ends the day before"),
              outcome: z.enum(PARTICIPATIEWET_OUTCOMES).nullable(),
            })
            .strict(),
          housing: z
            .object({
              plan: z.enum(HOUSING_PLANS).nullable(),
              from: nullableDate("from"),
              rentCents: z.number().int().min(0).max(1_000_000).nullable(),
            })
            .strict(),
        })
        .strict(),
      "the household's paths",
    ),
  },
  responses: {
    200: json(Saved("householdId"), "saved"),
    ...householdErrors,
    ...conflictResponse("changed by someone else; `current` holds the version"),
  },
});

export const ScenarioSchema = z
  .object({
    parameters: z.array(
      z.object({
        parameter: z.string(),
        published: z.string().nullable().openapi({
          description: "the date the law publishes (YYYY-MM-DD) for today; null: not published",
        }),
        unpublished: z.string().nullable(),
        scenario: z
          .object({
            value: z.string(),
            note: z.string().nullable(),
            setAt: z.string(),
            setBy: z.string().nullable(),
          })
          .nullable(),
      }),
    ),
  })
  .openapi("TransitionScenario");

/**
 * The scenario as answered: the cut-off is a parameter of unit date (the lawbook checks it
 * on loading), so its published value is a date text or none.
 */
function scenarioAnswer(scenario: Awaited<ReturnType<typeof service.readScenario>>) {
  return {
    parameters: scenario.parameters.map((p) => ({
      ...p,
      published: typeof p.published === "string" ? p.published : null,
    })),
  };
}

const readScenario = securedRoute(SCENARIO_READ, {
  method: "get",
  path: "/transition/scenario",
  tags: ["transition"],
  summary: "Unpublished law parameters of the transition and the scenario values in use",
  responses: { 200: json(ScenarioSchema, "scenario"), ...errorResponses() },
});

const setScenario = securedRoute(NATIONAL, {
  method: "put",
  path: "/transition/scenario",
  tags: ["transition"],
  summary: "Set (or clear, value null) a scenario value for an unpublished parameter",
  request: {
    body: json(
      z
        .object({
          parameter: z.string().max(200),
          value: nullableDate("the date to assume"),
          note: z.string().max(500).nullable().default(null),
        })
        .strict(),
      "the value",
    ),
  },
  responses: {
    200: json(ScenarioSchema, "scenario"),
    ...errorResponses(),
  },
});

const Transformation = z.object({
  locationId: z.number().int(),
  name: z.string(),
  transformable: z.boolean().nullable(),
  transformFrom: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});

const listTransformations = securedRoute(MUNICIPAL_COUNTS, {
  method: "get",
  path: "/transition/locations",
  tags: ["transition"],
  summary: "Your locations: can each become regular housing, and from when",
  responses: {
    200: json(z.object({ locations: z.array(Transformation) }), "locations"),
    ...errorResponses(),
  },
});

const saveTransformation = securedRoute(
  { scope: "gemeente", roles: ["caseworker", "municipal_admin"] },
  {
    method: "put",
    path: "/locations/{id}/transformation",
    tags: ["transition"],
    summary: "Record whether a location can be transformed into regular housing, and when",
    request: {
      params: IdParam,
      body: json(
        z
          .object({
            version: z.number().int().min(0),
            transformable: z.boolean(),
            transformFrom: nullableDate("from"),
            note: z.string().max(500).nullable().default(null),
          })
          .strict(),
        "the transformation",
      ),
    },
    responses: {
      200: json(Saved("locationId"), "saved"),
      ...errorResponses("no such location in your municipality"),
      ...conflictResponse(),
    },
  },
);

const indExport = securedRoute(WRITE, {
  method: "get",
  path: "/transition/ind-export",
  tags: ["transition"],
  summary: "The eligible cohort of your municipality as CSV for the IND (audited export)",
  description: `Columns ${IND_EXPORT_COLUMNS.join(",")} (docs/transition-ind-exchange.md), UTF-8, CRLF.`,
  responses: {
    200: { content: { "text/csv": { schema: z.string() } }, description: "the CSV" },
    ...errorResponses(),
  },
});

const IndReport = z
  .object({
    dryRun: z.boolean(),
    stored: z.boolean().openapi({ description: "false: nothing was stored (all or nothing)" }),
    rows: z.number().int(),
    counts: z.record(z.string(), z.number()),
    results: z.array(
      z.object({
        line: z.number().int(),
        code: z.enum(IND_ROW_CODES),
        personId: z.number().int().optional(),
        field: z.string().optional(),
        message: z.string().optional(),
      }),
    ),
  })
  .openapi("IndImportReport");

const indImport = securedRoute(WRITE, {
  method: "post",
  path: "/transition/ind-decisions",
  tags: ["transition"],
  summary: "Import the IND's transitiedocument decisions (CSV): all rows or none, a result per row",
  description: `Columns ${IND_DECISION_COLUMNS.join(",")} (docs/transition-ind-exchange.md), UTF-8.`,
  request: {
    query: z.object({
      dryRun: z
        .enum(["true", "false"])
        .optional()
        .openapi({ description: "true: the report without storing anything" }),
    }),
    body: {
      content: {
        "text/csv": { schema: z.string() },
        "multipart/form-data": {
          schema: z.object({
            file: z.any().openapi({ type: "string", format: "binary", description: "the CSV" }),
          }),
        },
      },
      description: "the CSV file as the body, or as the form field `file`",
    },
  },
  responses: {
    200: json(IndReport, "the report; `stored` says whether anything was stored"),
    ...errorResponses(),
    413: { description: "the file is larger than the request size limit" },
  },
});

export function transitionRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(cohort, async (c) => c.json(await service.cohortSummary(db, currentAccess(c)), 200))
    .openapi(cohortNational, async (c) =>
      c.json(await service.cohortSummary(db, currentAccess(c)), 200),
    )
    .openapi(worklist, async (c) =>
      c.json(await service.worklist(db, currentAccess(c), c.req.valid("query")), 200),
    )
    .openapi(readPerson, async (c) =>
      c.json(
        await service.readPersonTransition(db, currentAccess(c), c.req.valid("param").id),
        200,
      ),
    )
    .openapi(updatePerson, async (c) =>
      c.json(
        await service.updatePersonTransition(
          db,
          currentAccess(c),
          c.req.valid("param").id,
          c.req.valid("json"),
        ),
        200,
      ),
    )
    .openapi(addStatus, async (c) =>
      c.json(
        await service.addResidenceStatus(
          db,
          currentAccess(c),
          c.req.valid("param").id,
          c.req.valid("json"),
        ),
        201,
      ),
    )
    .openapi(endStatus, async (c) => {
      const { id, statusId } = c.req.valid("param");
      return c.json(
        await service.endResidenceStatus(db, currentAccess(c), id, statusId, c.req.valid("json")),
        200,
      );
    })
    .openapi(addInsurance, async (c) =>
      c.json(
        await service.addInsurance(
          db,
          currentAccess(c),
          c.req.valid("param").id,
          c.req.valid("json"),
        ),
        201,
      ),
    )
    .openapi(readHousehold, async (c) =>
      c.json(
        await service.readHouseholdTransition(db, currentAccess(c), c.req.valid("param").id),
        200,
      ),
    )
    .openapi(updateHousehold, async (c) =>
      c.json(
        await service.updateHouseholdTransition(
          db,
          currentAccess(c),
          c.req.valid("param").id,
          c.req.valid("json"),
        ),
        200,
      ),
    )
    .openapi(readScenario, async (c) => c.json(scenarioAnswer(await service.readScenario(db)), 200))
    .openapi(setScenario, async (c) =>
      c.json(
        scenarioAnswer(await service.setScenario(db, currentAccess(c), c.req.valid("json"))),
        200,
      ),
    )
    .openapi(listTransformations, async (c) =>
      c.json({ locations: await service.listTransformations(db, currentAccess(c)) }, 200),
    )
    .openapi(saveTransformation, async (c) =>
      c.json(
        await service.saveTransformation(
          db,
          currentAccess(c),
          c.req.valid("param").id,
          c.req.valid("json"),
        ),
        200,
      ),
    )
    .openapi(indExport, async (c) => {
      const { csv } = await exportEligibleCohort(db, currentAccess(c));
      return c.body(csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="transitiedocument-cohort.csv"',
      });
    })
    .openapi(indImport, async (c) => {
      const { dryRun } = c.req.valid("query");
      const file = await csvFromRequest(c);
      return c.json(
        await importIndDecisions(db, currentAccess(c), file, { dryRun: dryRun === "true" }),
        200,
      );
    });
}
