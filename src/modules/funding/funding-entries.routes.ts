/**
 * What a municipality enters for its funding claim (docs/api-funding.md): transition costs
 * with evidence (entered, withdrawn, downloaded again), the advance requested for a book year
 * and the advance received, the places of other target groups per location, and the SiSa
 * figures of a year as CSV. Finance officer and municipal admin of the own municipality.
 */
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import { ValidationError } from "../../domain/errors";
import { currentAccess, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import {
  errorResponses,
  IsoDate,
  json,
  pathId,
  RecordId,
  strictBody,
  validationHook,
} from "../../http/openapi";
import { OTHER_TARGET_GROUPS } from "../../rules/funding";
import * as advance from "./advance.service";
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES, EVIDENCE_TYPES } from "./evidence";
import { SISA_CSV_COLUMNS, sisaCsv, sisaFigures } from "./sisa";
import * as targetGroups from "./target-groups.service";
import * as costs from "./transition-costs.service";

const CLAIM = { scope: "gemeente", roles: ["finance_officer", "municipal_admin"] } as const;

const Cents = z.number().int();
const Day = z.string().openapi({ example: "2026-06-01" });
const Scheme = z.enum(["booo", "doelgroepflexibel"]);

const Evidence = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    mediaType: z.enum(EVIDENCE_TYPES),
    sizeBytes: z.number().int(),
    sha256: z.string().openapi({ description: "lower-case hex" }),
    createdAt: z.string(),
  })
  .openapi("TransitionCostEvidence");

const TransitionCost = z
  .object({
    id: z.number().int(),
    locationId: z.number().int(),
    locationName: z.string(),
    incurredOn: Day,
    scheme: Scheme.nullable().openapi({ description: "the scheme in force on incurredOn" }),
    description: z.string(),
    amountCents: Cents,
    status: z.enum(["active", "withdrawn"]),
    enteredBy: z.string().nullable(),
    createdAt: z.string(),
    correctsId: z.number().int().nullable(),
    correctedById: z.number().int().nullable(),
    withdrawnAt: z.string().nullable(),
    withdrawnBy: z.string().nullable(),
    withdrawReason: z.string().nullable(),
    evidence: z.array(Evidence),
  })
  .openapi("TransitionCost");

const listCosts = securedRoute(CLAIM, {
  method: "get",
  path: "/funding/transition-costs",
  tags: ["funding"],
  summary: "Your municipality's transition costs (withdrawn ones too), newest first",
  request: {
    query: strictBody({
      from: IsoDate("first day incurred (YYYY-MM-DD); with to").optional(),
      to: IsoDate("last day incurred (YYYY-MM-DD); with from").optional(),
    }),
  },
  responses: {
    200: json(
      z
        .object({
          gemeenteCode: z.string(),
          from: Day.nullable(),
          to: Day.nullable(),
          activeCents: Cents.openapi({ description: "the entries not withdrawn" }),
          entries: z.array(TransitionCost),
        })
        .openapi("TransitionCostList"),
      "the entries",
    ),
    ...errorResponses(),
  },
});

const createCost = securedRoute(CLAIM, {
  method: "post",
  path: "/funding/transition-costs",
  tags: ["funding"],
  summary: "Enter a transition cost with its evidence files (or a correction of one)",
  description: `multipart/form-data. Evidence: ${EVIDENCE_MAX_FILES} files at most, PDF, PNG or JPEG (by content), each at most ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB. With correctsId (and correctionReason) the entry named is withdrawn and this one replaces it, in one transaction.`,
  request: {
    // A plain OpenAPI schema, not a zod one: the service checks the form and names each
    // field (zod's form validator would answer 415 for a body that is not a form, with a text
    // about JSON, and "nonoptional" for a missing file).
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: {
            type: "object",
            required: ["locationId", "incurredOn", "description", "amountCents", "evidence"],
            properties: {
              locationId: { type: "string", description: "a location of your municipality (id)" },
              incurredOn: {
                type: "string",
                description: "the date the cost was incurred (YYYY-MM-DD), not after today",
              },
              description: {
                type: "string",
                description: `what was done, at most ${costs.MAX_DESCRIPTION} characters`,
              },
              amountCents: {
                type: "string",
                description: "the actual cost in whole euro cents, more than 0",
              },
              correctsId: {
                type: "string",
                description: "the entry this one corrects (withdrawn by it)",
              },
              correctionReason: {
                type: "string",
                description: "why the entry corrected is withdrawn",
              },
              evidence: {
                type: "array",
                items: { type: "string", format: "binary" },
                description: "one or more files: PDF, PNG or JPEG",
              },
            },
          },
        },
      },
    },
  },
  responses: {
    201: json(TransitionCost, "the entry as stored"),
    ...errorResponses(),
    413: { description: "the request is larger than the server's request size limit" },
    422: json(TransitionCost, "the entry corrected is already withdrawn"),
  },
});

const withdrawCost = securedRoute(CLAIM, {
  method: "post",
  path: "/funding/transition-cost-withdrawals",
  tags: ["funding"],
  summary: "Withdraw a transition cost of your municipality with a reason (never rewritten)",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: strictBody({
            transitionCostId: RecordId(),
            reason: z.string().max(costs.MAX_REASON),
          }),
        },
      },
    },
  },
  responses: {
    200: json(TransitionCost, "the entry, withdrawn"),
    ...errorResponses("no such transition cost in your municipality"),
  },
});

const downloadEvidence = securedRoute(CLAIM, {
  method: "get",
  path: "/funding/transition-costs/{id}/evidence/{evidenceId}",
  tags: ["funding"],
  summary: "Download an evidence file of a transition cost again (recorded in the audit log)",
  request: { params: z.object({ id: pathId("id"), evidenceId: pathId("evidenceId") }) },
  responses: {
    200: {
      description: "the file as it was sent",
      content: Object.fromEntries(
        EVIDENCE_TYPES.map((t) => [t, { schema: z.string().openapi({ format: "binary" }) }]),
      ),
    },
    ...errorResponses("no such evidence of a transition cost in your municipality"),
  },
});

const AdvanceRequest = z
  .object({
    id: z.number().int(),
    year: z.number().int(),
    status: z.enum(["current", "replaced"]),
    requestedOn: Day,
    requestedBy: z.string().nullable(),
    proposedCents: Cents,
    amountCents: Cents,
    reason: z.string().nullable(),
    createdAt: z.string(),
    replacedAt: z.string().nullable(),
    received: z.object({ amountCents: Cents, on: Day, by: z.string().nullable() }).nullable(),
  })
  .openapi("FundingAdvanceRequest");

const AdvanceState = z
  .object({
    gemeenteCode: z.string(),
    year: z.number().int(),
    today: Day,
    deadline: z
      .object({
        tooLateFrom: Day.openapi({ description: "the first day a request is too late" }),
        lastDay: Day.openapi({ description: "the last day to request" }),
        parameters: z.array(
          z.object({
            name: z.string(),
            value: z.union([z.number(), z.string()]),
            unit: z.string(),
            validFrom: Day,
            source: z.string(),
          }),
        ),
      })
      .nullable(),
    open: z.boolean().openapi({ description: "a request can be made (or replaced) today" }),
    proposal: z.object({
      from: Day,
      to: Day,
      lawHash: z.string(),
      amountCents: Cents.openapi({
        description: "the claim's amounts with a published norm + transition costs",
      }),
      complete: z.boolean().openapi({
        description: "false: part of the year has no published amount (counted, left out)",
      }),
      gooCents: Cents,
      pooCents: Cents,
      otherTargetGroupCents: Cents,
      transitionCostCents: Cents,
      notPublishedPlaceDays: z.number().int(),
      notPublishedPersonDays: z.number().int(),
      otherTargetGroupNotPublishedPlaceDays: z.number().int(),
      schemes: z.array(
        z.object({
          scheme: Scheme,
          from: Day,
          to: Day,
          gooAmountPublished: z.boolean(),
          pooAmountPublished: z.boolean(),
        }),
      ),
    }),
    current: z.union([AdvanceRequest, z.null()]),
    history: z.array(AdvanceRequest),
  })
  .openapi("FundingAdvance");

const YearQuery = strictBody({
  year: z.string().max(4).openapi({ description: "the book year, YYYY", example: "2027" }),
});

const getAdvance = securedRoute(CLAIM, {
  method: "get",
  path: "/funding/advance",
  tags: ["funding"],
  summary: "The advance of a book year: deadline, Opvang's proposal, the request and its history",
  request: { query: YearQuery },
  responses: { 200: json(AdvanceState, "the advance's state"), ...errorResponses() },
});

const postAdvance = securedRoute(CLAIM, {
  method: "post",
  path: "/funding/advance",
  tags: ["funding"],
  summary:
    "Request the advance of a book year (before 1 November of the year); a later request replaces the current one",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: strictBody({
            year: z.number().int().openapi({ example: 2027 }),
            amountCents: Cents.nullable()
              .optional()
              .openapi({ description: "default: the proposal; another amount needs a reason" }),
            reason: z.string().max(costs.MAX_REASON).nullable().optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: json(AdvanceState, "the advance's state with the new request"),
    ...errorResponses(),
    409: json(AdvanceState, "another request was made at the same time"),
    422: json(AdvanceState, "after the deadline, or the advance was received (issues name year)"),
  },
});

const postReceipt = securedRoute(CLAIM, {
  method: "post",
  path: "/funding/advance/receipt",
  tags: ["funding"],
  summary: "Record the advance received for the current request of a book year (once)",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: strictBody({
            year: z.number().int(),
            amountCents: Cents,
            receivedOn: IsoDate("the day the advance was received (YYYY-MM-DD)"),
          }),
        },
      },
    },
  },
  responses: {
    200: json(AdvanceState, "the advance's state"),
    ...errorResponses(),
    422: json(AdvanceState, "no request, or the receipt is already recorded"),
  },
});

const TargetGroupPlaces = z
  .object({
    gemeenteCode: z.string(),
    from: Day.openapi({ description: "the first day other target groups are counted" }),
    rows: z.array(
      z.object({
        id: z.number().int(),
        locationId: z.number().int(),
        locationName: z.string(),
        targetGroup: z.enum(OTHER_TARGET_GROUPS),
        places: z.number().int(),
        validFrom: Day,
        validTo: Day.nullable(),
        enteredBy: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
  })
  .openapi("TargetGroupPlaces");

const listPlaces = securedRoute(CLAIM, {
  method: "get",
  path: "/funding/target-group-places",
  tags: ["funding"],
  summary: "Places of other target groups (status holders, asylum seekers) per location",
  responses: { 200: json(TargetGroupPlaces, "the dated counts"), ...errorResponses() },
});

const setPlaces = securedRoute(CLAIM, {
  method: "post",
  path: "/funding/target-group-places",
  tags: ["funding"],
  summary:
    "A location's places of another target group from a date (the open count ends the day before; the same date corrects it)",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: strictBody({
            locationId: RecordId(),
            targetGroup: z.enum(OTHER_TARGET_GROUPS),
            places: z.number().int(),
            validFrom: IsoDate("first day of the count (YYYY-MM-DD), from the new scheme's start"),
          }),
        },
      },
    },
  },
  responses: { 201: json(TargetGroupPlaces, "the dated counts"), ...errorResponses() },
});

const sisa = securedRoute(CLAIM, {
  method: "get",
  path: "/funding/sisa.csv",
  tags: ["funding"],
  summary: "The SiSa accounting figures of a book year as CSV, one row per indicator",
  description: `Columns ${SISA_CSV_COLUMNS.join(",")}; indicators named by content (no published indicator codes were found for the BooO); amounts in euros with a decimal point; UTF-8, CRLF (RFC 4180).`,
  request: { query: YearQuery },
  responses: {
    200: { content: { "text/csv": { schema: z.string() } }, description: "the CSV" },
    ...errorResponses(),
  },
});

/** The form as sent: text fields and files by name (each may repeat). */
async function formOf(c: {
  req: {
    header(name: string): string | undefined;
    parseBody(options: { all: true }): Promise<Record<string, unknown>>;
  };
}): Promise<costs.FormInput> {
  if (!/^multipart\/form-data/i.test(c.req.header("content-type") ?? "")) {
    throw new ValidationError({
      path: "body",
      code: "multipart_required",
      message:
        "send the entry as multipart/form-data, with the evidence files in the field evidence",
    });
  }
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch {
    throw new ValidationError({
      path: "body",
      code: "invalid_form",
      message: "the multipart body could not be read",
    });
  }
  const out: costs.FormInput = { fields: {}, files: {} };
  for (const [name, value] of Object.entries(form)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v instanceof Blob) {
        out.files[name] ??= [];
        out.files[name].push({
          name: v instanceof File ? v.name : "",
          bytes: new Uint8Array(await v.arrayBuffer()),
        });
      } else {
        out.fields[name] ??= [];
        out.fields[name].push(String(v));
      }
    }
  }
  return out;
}

/** A file name for Content-Disposition: ASCII fallback and the UTF-8 name (RFC 6266). */
function disposition(name: string) {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function fundingEntryRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listCosts, async (c) =>
      c.json(await costs.listTransitionCosts(db, currentAccess(c), c.req.valid("query")), 200),
    )
    .openapi(createCost, async (c) => {
      const actor = currentAccess(c);
      const form = await formOf(c);
      return c.json(await costs.createTransitionCost(db, actor, form), 201);
    })
    .openapi(withdrawCost, async (c) =>
      c.json(await costs.withdrawTransitionCost(db, currentAccess(c), c.req.valid("json")), 200),
    )
    .openapi(downloadEvidence, async (c) => {
      const { id, evidenceId } = c.req.valid("param");
      const file = await costs.downloadEvidence(db, currentAccess(c), id, evidenceId);
      return c.body(new Uint8Array(file.content), 200, {
        "content-type": file.mediaType,
        "content-length": String(file.sizeBytes),
        "content-disposition": disposition(file.fileName),
        "x-content-sha256": file.sha256,
      });
    })
    .openapi(getAdvance, async (c) =>
      c.json(await advance.advanceState(db, currentAccess(c), c.req.valid("query")), 200),
    )
    .openapi(postAdvance, async (c) =>
      c.json(await advance.requestAdvance(db, currentAccess(c), c.req.valid("json")), 201),
    )
    .openapi(postReceipt, async (c) =>
      c.json(await advance.recordAdvanceReceived(db, currentAccess(c), c.req.valid("json")), 200),
    )
    .openapi(listPlaces, async (c) =>
      c.json(await targetGroups.listTargetGroupPlaces(db, currentAccess(c)), 200),
    )
    .openapi(setPlaces, async (c) =>
      c.json(
        await targetGroups.setTargetGroupPlaces(db, currentAccess(c), c.req.valid("json")),
        201,
      ),
    )
    .openapi(sisa, async (c) => {
      const figures = await sisaFigures(db, currentAccess(c), c.req.valid("query"));
      return c.body(sisaCsv(figures), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="opvang-sisa-${figures.gemeenteCode}-${figures.year}.csv"`,
      });
    });
}
