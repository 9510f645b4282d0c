/**
 * The stable calculation interface shared by the HTTP API, the CLI and the residents'
 * calculator: a zod schema for the request and the response, and `calculate`.
 */
import { z } from "@hono/zod-openapi";
import { ValidationError, zodIssues } from "../domain/errors.js";
import { explain, LANGS } from "./explain.js";
import { calculateHouseholdMonth } from "./household-month.js";
import type { Lawbook } from "./lawbook.js";
import { RECEPTIONS } from "./month-params.js";

const cents = z.number().int().min(0);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");

export const CalculationMember = z
  .object({
    birthDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD (00 for an unknown month or day)")
      .openapi({ example: "1988-02-29" }),
    presentFrom: isoDate.optional(),
    presentTo: isoDate.optional(),
    netIncomeCents: cents.optional().openapi({ example: 120000 }),
  })
  .openapi("CalculationMember");

export const CalculationMaatwerk = z
  .object({
    leefgeldPaidCents: cents.optional(),
    eigenBijdrageChargedCents: cents.optional(),
    reason: z.string().trim().min(1, "a reason is required"),
  })
  .openapi("CalculationMaatwerk");

export const CalculationRequest = z
  .object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month YYYY-MM")
      .openapi({ example: "2025-11" }),
    reception: z.enum(RECEPTIONS as [string, ...string[]]).openapi({ example: "goo" }),
    members: z.array(CalculationMember).min(1, "at least one member").max(30),
    lang: z.enum(LANGS as [string, ...string[]]).optional(),
    maatwerk: CalculationMaatwerk.optional(),
  })
  .openapi("CalculationRequest");

export type CalculationRequest = z.input<typeof CalculationRequest>;

const TraceParameterSchema = z.object({
  name: z.string(),
  value: z.union([z.number(), z.string()]),
  unit: z.string(),
  validFrom: z.string(),
  source: z.string(),
});

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
    maatwerk: CalculationMaatwerk.nullable(),
    trace: z.array(
      z.object({
        step: z.string(),
        rule: z.string(),
        article: z.string(),
        source: z.string(),
        parameters: z.array(TraceParameterSchema),
        inputs: z.record(z.string(), z.unknown()),
        result: z.unknown(),
        interpretation: z.object({ text: z.string(), alternative: z.string() }).optional(),
        note: z.string().optional(),
      }),
    ),
    explanation: z.string(),
    lawVersion: z.object({
      lastPublishedValueFrom: z.string(),
      usesLatestPublished: z.boolean(),
      note: z.string(),
    }),
  })
  .openapi("CalculationResponse");

export type CalculationResponse = z.infer<typeof CalculationResponse>;

/** Validates (ValidationError naming the field) and computes with trace and explanation. */
export function calculate(request: unknown, lawbook?: Lawbook): CalculationResponse {
  const parsed = CalculationRequest.safeParse(request);
  if (!parsed.success) throw new ValidationError(zodIssues(parsed.error.issues));
  const req = parsed.data;
  const lang = (req.lang ?? "nl") as (typeof LANGS)[number];
  const { params, ...r } = calculateHouseholdMonth(
    { month: req.month, reception: req.reception, members: req.members, maatwerk: req.maatwerk },
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
    maatwerk: r.maatwerk,
    trace: r.trace ?? [],
    explanation: explain(r, lang, params.lawVersion),
    lawVersion: params.lawVersion,
  };
}
