/**
 * The stable calculation interface shared by the HTTP API, the CLI and the residents'
 * calculator: a zod schema for the request and the response, and `calculate`.
 */
import { z } from "@hono/zod-openapi";
import { unknownFieldsMessage, ValidationError, zodIssues } from "../domain/errors.js";
import { explain, LANGS, type Lang } from "./explain.js";
import { calculateHouseholdMonth, MEMBER_ROLES } from "./household-month.js";
import { getLawbook, type Lawbook } from "./lawbook.js";
import { RECEPTIONS } from "./month-params.js";
import type { TraceStep } from "./trace.js";

const cents = z.number().int().min(0);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");

/**
 * An object that refuses fields it does not know, naming each and the nearest known name:
 * a calculator that silently ignored "netIncome" would compute as if there were no income.
 */
function strictObject<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === "unrecognized_keys" ? unknownFieldsMessage(iss.keys, known) : undefined,
  });
}

export const PresencePeriod = strictObject({ from: isoDate, to: isoDate }).openapi(
  "PresencePeriod",
);

export const CalculationMember = strictObject({
  birthDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD (00 for an unknown month or day)")
    .openapi({ example: "1988-02-29" }),
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "shown in the explanation instead of 'member 1'" }),
  role: z
    .enum(MEMBER_ROLES)
    .optional()
    .openapi({ description: "membership role; a child who is an adult has an own household" }),
  days: z
    .number()
    .int()
    .min(0)
    .max(31)
    .optional()
    .openapi({ description: "days present in the month (instead of periods)" }),
  periods: z
    .array(PresencePeriod)
    .max(31)
    .optional()
    .openapi({ description: "stretches of days present in the month, both ends included" }),
  presentFrom: isoDate.optional(),
  presentTo: isoDate.optional(),
  netIncomeCents: cents.optional().openapi({ example: 120000 }),
}).openapi("CalculationMember");

export const CalculationMaatwerk = strictObject({
  leefgeldPaidCents: cents.optional(),
  eigenBijdrageChargedCents: cents.optional(),
  reason: z.string().trim().min(1, "a reason is required"),
}).openapi("CalculationMaatwerk");

export const CalculationRequest = strictObject({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month YYYY-MM")
    .openapi({ example: "2025-11" }),
  reception: z.enum(RECEPTIONS as [string, ...string[]]).openapi({ example: "goo" }),
  gemeente: z
    .string()
    .regex(/^GM\d{4}$/, "must be a CBS municipality code such as GM0344")
    .optional()
    .openapi({ description: "apply this municipality's recorded policy", example: "GM0344" }),
  members: z.array(CalculationMember).min(1, "at least one member").max(30),
  lang: z.enum(LANGS as [string, ...string[]]).optional(),
  maatwerk: CalculationMaatwerk.optional(),
}).openapi("CalculationRequest");

export type CalculationRequest = z.input<typeof CalculationRequest>;

const TraceParameterSchema = z.object({
  name: z.string(),
  value: z.union([z.number(), z.string()]),
  unit: z.string(),
  validFrom: z.string(),
  source: z.string(),
  gemeente: z.string().optional(),
});

/** One step of the trace; its inputs and result are the step's own (see docs/rules.md). */
export const TraceStepSchema = z
  .object({
    step: z.string(),
    rule: z.string(),
    article: z.string(),
    source: z.string(),
    parameters: z.array(TraceParameterSchema),
    inputs: z.record(z.string(), z.unknown()),
    result: z.unknown(),
    interpretation: z.object({ text: z.string(), alternative: z.string() }).optional(),
    note: z.string().optional(),
  })
  .openapi("TraceStep");

export const CalculationNotice = z
  .object({
    code: z.enum(["child_turned_18", "no_adult", "adult_aged_18"]),
    member: z.number().int().nullable(),
    message: z.string(),
  })
  .openapi("CalculationNotice");

export const PolicyApplied = z
  .object({
    gemeente: z.string().nullable(),
    choices: z.array(
      z.object({
        parameter: z.string(),
        value: z.string(),
        by: z.enum(["gemeente", "national-default"]),
        validFrom: z.string(),
        source: z.string(),
      }),
    ),
  })
  .openapi("PolicyApplied");

export const CalculationResponse = z
  .object({
    month: z.string(),
    reception: z.enum(RECEPTIONS as [string, ...string[]]),
    householdSize: z.number().int(),
    adults: z.number().int(),
    incomeCents: z.number().int(),
    leefgeld: z.object({ fullCents: cents, withdrawnCents: cents, paidCents: cents }),
    eigenBijdrage: z.object({
      fullCents: cents,
      chargedCents: cents,
      exploitationFullCents: cents,
      cateringFullCents: cents,
      exploitationCents: cents,
      cateringCents: cents,
    }),
    thresholds: z
      .object({ leefgeldFullyWithdrawnAtCents: cents, eigenBijdrageFullyChargedAtCents: cents })
      .nullable(),
    members: z.array(
      z.object({
        index: z.number().int(),
        counted: z.boolean(),
        adult: z.boolean(),
        adultAmounts: z.boolean(),
        daysPresent: z.number().int(),
        eetgeldCents: cents,
        kleedgeldCents: cents,
        wooncomponentCents: cents,
        leefgeldFullCents: cents,
        leefgeldPaidCents: cents,
      }),
    ),
    notices: z.array(CalculationNotice),
    policy: PolicyApplied,
    maatwerk: CalculationMaatwerk.nullable(),
    trace: z.array(TraceStepSchema),
    explanation: z.string(),
    lawVersion: z.object({
      lastPublishedValueFrom: z.string(),
      usesLatestPublished: z.boolean(),
      note: z.string(),
    }),
  })
  .openapi("CalculationResponse");

export type CalculationResponse = z.infer<typeof CalculationResponse>;

/** What a decision stores as its result: the calculation without trace, explanation, law. */
export const DecidedResult = CalculationResponse.omit({
  trace: true,
  explanation: true,
  lawVersion: true,
}).openapi("DecidedResult");

/** The engine's input as a decision stores it (no language). */
export const DecidedInputs = CalculationRequest.omit({ lang: true }).openapi("DecidedInputs");

const NOTICE_TEXT: Record<"child_turned_18" | "no_adult" | "adult_aged_18", string> = {
  child_turned_18:
    "a child of the household is an adult this month: not counted here; the RooO gives them an own household",
  no_adult:
    "no adult in the household: an unaccompanied minor is the guardian organisation's responsibility; adult amounts apply",
  adult_aged_18:
    "an adult aged 18: if this is a child of the household, the RooO gives them an own household (send role child)",
};

/** The name of the municipality whose policy applied, for the explanation. */
function municipalityNames(lawbook: Lawbook, gemeente: string | null): Record<string, string> {
  const name = gemeente ? lawbook.municipal.get(gemeente)?.name : undefined;
  return gemeente && name ? { [gemeente]: name } : {};
}

/**
 * The explanation of a stored decision from its trace alone (nothing is recomputed): the
 * members' names come from its stored input, municipality names from its law.
 */
export function explainStored(
  trace: readonly TraceStep[],
  inputs: unknown,
  lang: Lang,
  lawbook: Lawbook,
): string {
  const request = inputs as { gemeente?: string; members?: { name?: string }[] } | null;
  return explain(trace, lang, {
    names: (request?.members ?? []).map((m) => m.name ?? null),
    municipalities: municipalityNames(lawbook, request?.gemeente ?? null),
  });
}

/** Validates (ValidationError naming the field) and computes with trace and explanation. */
export function calculate(request: unknown, lawbook?: Lawbook): CalculationResponse {
  const parsed = CalculationRequest.safeParse(request);
  if (!parsed.success) throw new ValidationError(zodIssues(parsed.error.issues));
  const req = parsed.data;
  const lang = (req.lang ?? "nl") as (typeof LANGS)[number];
  const { params, ...r } = calculateHouseholdMonth(
    {
      month: req.month,
      reception: req.reception,
      gemeente: req.gemeente,
      members: req.members,
      maatwerk: req.maatwerk,
    },
    { trace: true, ...(lawbook ? { lawbook } : {}) },
  );
  return {
    month: r.month,
    reception: r.reception,
    householdSize: r.householdSize,
    adults: r.adults,
    incomeCents: r.incomeCents,
    leefgeld: r.leefgeld,
    eigenBijdrage: r.eigenBijdrage,
    thresholds: r.thresholds,
    members: r.members,
    notices: r.notices.map((n) => ({ ...n, message: NOTICE_TEXT[n.code] })),
    policy: { gemeente: params.gemeente, choices: [...params.policy] },
    maatwerk: r.maatwerk,
    trace: r.trace ?? [],
    explanation: explain(r.trace ?? [], lang, {
      names: req.members.map((m) => m.name ?? null),
      lawVersion: params.lawVersion,
      municipalities: municipalityNames(lawbook ?? getLawbook(), params.gemeente),
    }),
    lawVersion: params.lawVersion,
  };
}
