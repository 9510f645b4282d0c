/**
 * The funding claim's calls to the Opvang API (src/modules/funding, docs/api-funding.md):
 * the municipality's claim over a period, one location's days and the claim as CSV; the
 * transition costs with their evidence, the places of other target groups, the advance of a
 * book year and the SiSa figures. Aggregates only. The page takes a `FundingApi`, so tests
 * can pass a fake.
 */
import { type Answer, client, type Download, data, download, type Schemas } from "../../api";

export type FundingClaim = Schemas["FundingClaim"];
export type FundingTotals = Schemas["FundingClaimTotals"];
export type FundingSchemePart = Schemas["FundingSchemePart"];
export type FundingScheme = Schemas["FundingScheme"];
export type TransitionCost = Schemas["TransitionCost"];
export type TransitionCostList = Schemas["TransitionCostList"];
export type FundingAdvance = Schemas["FundingAdvance"];
export type FundingAdvanceRequest = Schemas["FundingAdvanceRequest"];
export type TargetGroupPlaces = Schemas["TargetGroupPlaces"];
export type OtherTargetGroup = TargetGroupPlaces["rows"][number]["targetGroup"];
export type LocationOption = Answer<"get", "/api/v1/locations">["locations"][number];
export type FundingPeriod = Schemas["FundingPeriod"];
export type FundingParameter = Schemas["FundingParameter"];
export type FundingLocation = Schemas["FundingLocation"];
export type FundingLine = Schemas["FundingLine"];
export type FundingPooMonth = Schemas["FundingPooMonth"];
export type FundingLocationDays = Schemas["FundingLocationDays"];
export type FundingDay = Schemas["FundingDay"];
export type OutsideReason = FundingLine["outsideBaseRateReasons"][number];
export type { Download };

/** A claim's period: first and last day, inclusive (YYYY-MM-DD as the API takes them). */
export interface Period {
  from: string;
  to: string;
}

/** The fields of the period form, each the query parameter of the same name. */
export const PERIOD_FIELDS = ["from", "to"] as const;
export type PeriodField = (typeof PERIOD_FIELDS)[number];

/**
 * The codes the funding routes name a field with (docs/api-funding.md), each with a text
 * under `errors`: the date checks, the BooO's first day, the order and length of the
 * period, the law in force, the schema's own checks, and the checks of what is entered
 * (transition costs and their evidence, the advance, other target groups' places).
 */
export const FUNDING_ISSUE_CODES = [
  "date_format",
  "date_nonexistent",
  "invalid_type",
  "invalid_value",
  "too_big",
  "too_small",
  "before_funding",
  "from_after_to",
  "range_too_long",
  "no_law_in_force",
  "unknown_field",
  "required",
  "too_long",
  "nul_character",
  "duplicate_field",
  "not_allowed",
  "not_found",
  "in_future",
  "amount_invalid",
  "location_not_found",
  "already_withdrawn",
  "evidence_required",
  "evidence_too_many",
  "evidence_empty",
  "evidence_too_large",
  "evidence_type",
  "evidence_not_a_file",
  "multipart_required",
  "invalid_form",
  "year_format",
  "year_out_of_range",
  "advance_deadline_passed",
  "advance_received",
  "advance_receipt_recorded",
  "no_advance_request",
  "reason_required",
  "before_scheme",
  "before_current",
  "places_invalid",
  "places_history",
] as const;

/** The answers' error codes without a field (each with a text under `apiErrors`). */
export const FUNDING_ERROR_CODES = [
  "validation_error",
  "not_found",
  "forbidden",
  "unauthorized",
  "rate_limited",
  "network_error",
  "payload_too_large",
  "conflict",
  "unknown",
] as const;

/** The funding schemes (law data), each with a name under `schemes`. */
export const FUNDING_SCHEMES = ["booo", "doelgroepflexibel"] as const satisfies FundingScheme[];

/** Other target groups, each with a name under `targetGroups.groups`. */
export const OTHER_TARGET_GROUPS = [
  "status_holder",
  "asylum_seeker",
] as const satisfies OtherTargetGroup[];

/** Why a location-day is outside the base rate. */
export const OUTSIDE_REASONS = ["location_kind", "catering"] as const satisfies OutsideReason[];

/**
 * The parameters a claim reads (law/booo, law/doelgroepflexibel), each with a name under
 * `parameters`.
 */
export const FUNDING_PARAMETERS = [
  "booo.in-force",
  "booo.goo.per-place-per-day",
  "booo.poo.per-person-per-month",
  "booo.goo.outside-base-rate.location-kinds",
  "booo.goo.outside-base-rate.catering",
  "booo.poo.part-month",
  "doelgroepflexibel.in-force",
  "doelgroepflexibel.place.per-place-per-day",
  "doelgroepflexibel.poo.per-person-per-month",
] as const;

/** The rules' values (law/), each with a text under `ruleValues`. */
export const RULE_VALUES = [
  "in-base-rate",
  "outside-base-rate",
  "by-person-days",
  "not_published",
] as const;

/** A new transition cost as the form holds it (the files as picked). */
export interface TransitionCostInput {
  locationId: number;
  incurredOn: string;
  description: string;
  amountCents: number;
  evidence: File[];
  correctsId?: number;
  correctionReason?: string;
}

export type AdvanceInput = { year: number; amountCents?: number | null; reason?: string | null };
export type ReceiptInput = { year: number; amountCents: number; receivedOn: string };
export type TargetGroupInput = {
  locationId: number;
  targetGroup: OtherTargetGroup;
  places: number;
  validFrom: string;
};

export interface FundingApi {
  claim(period: Period): Promise<FundingClaim>;
  locationDays(id: number, period: Period): Promise<FundingLocationDays>;
  /** The claim as CSV (the server's file name: opvang-funding-claim-GM0344-….csv). */
  csv(period: Period): Promise<Download>;
  /** The municipality's locations, to enter a cost or a count for. */
  locations(): Promise<LocationOption[]>;
  transitionCosts(): Promise<TransitionCostList>;
  addTransitionCost(input: TransitionCostInput): Promise<TransitionCost>;
  withdrawTransitionCost(id: number, reason: string): Promise<TransitionCost>;
  /** An evidence file as it was sent. */
  evidence(costId: number, evidenceId: number, fileName: string): Promise<Download>;
  advance(year: number): Promise<FundingAdvance>;
  requestAdvance(input: AdvanceInput): Promise<FundingAdvance>;
  recordReceipt(input: ReceiptInput): Promise<FundingAdvance>;
  targetGroupPlaces(): Promise<TargetGroupPlaces>;
  setTargetGroupPlaces(input: TargetGroupInput): Promise<TargetGroupPlaces>;
  /** The SiSa figures of a book year as CSV (opvang-sisa-GM0344-2026.csv). */
  sisa(year: number): Promise<Download>;
}

/** The form of a new transition cost (multipart/form-data), as the server reads it. */
export function transitionCostForm(input: TransitionCostInput): FormData {
  const form = new FormData();
  form.append("locationId", String(input.locationId));
  form.append("incurredOn", input.incurredOn);
  form.append("description", input.description);
  form.append("amountCents", String(input.amountCents));
  if (input.correctsId !== undefined) {
    form.append("correctsId", String(input.correctsId));
    form.append("correctionReason", input.correctionReason ?? "");
  }
  for (const file of input.evidence) form.append("evidence", file, file.name);
  return form;
}

export const fundingApi: FundingApi = {
  claim: (period) => data(client.GET("/api/v1/funding/claim", { params: { query: period } })),
  locationDays: (id, period) =>
    data(
      client.GET("/api/v1/funding/claim/locations/{id}/days", {
        params: { path: { id }, query: period },
      }),
    ),
  csv: (period) =>
    download(
      client.GET("/api/v1/funding/claim.csv", {
        params: { query: period },
        headers: { Accept: "text/csv, application/json" },
        parseAs: "blob",
      }),
      `opvang-funding-claim-${period.from}-${period.to}.csv`,
    ),
  locations: async () =>
    (await data(client.GET("/api/v1/locations", { params: { query: {} } }))).locations,
  transitionCosts: () =>
    data(client.GET("/api/v1/funding/transition-costs", { params: { query: {} } })),
  addTransitionCost: (input) =>
    data(
      client.POST("/api/v1/funding/transition-costs", {
        // The browser sets the multipart boundary itself.
        body: transitionCostForm(input) as never,
        bodySerializer: (body: unknown) => body as FormData,
      }),
    ),
  withdrawTransitionCost: (transitionCostId, reason) =>
    data(
      client.POST("/api/v1/funding/transition-cost-withdrawals", {
        body: { transitionCostId, reason },
      }),
    ),
  evidence: (costId, evidenceId, fileName) =>
    download(
      client.GET("/api/v1/funding/transition-costs/{id}/evidence/{evidenceId}", {
        params: { path: { id: costId, evidenceId } },
        headers: { Accept: "application/pdf, image/png, image/jpeg, application/json" },
        parseAs: "blob",
      }),
      fileName,
    ),
  advance: (year) =>
    data(client.GET("/api/v1/funding/advance", { params: { query: { year: String(year) } } })),
  requestAdvance: (input) => data(client.POST("/api/v1/funding/advance", { body: input })),
  recordReceipt: (input) => data(client.POST("/api/v1/funding/advance/receipt", { body: input })),
  targetGroupPlaces: () => data(client.GET("/api/v1/funding/target-group-places")),
  setTargetGroupPlaces: (input) =>
    data(client.POST("/api/v1/funding/target-group-places", { body: input })),
  sisa: (year) =>
    download(
      client.GET("/api/v1/funding/sisa.csv", {
        params: { query: { year: String(year) } },
        headers: { Accept: "text/csv, application/json" },
        parseAs: "blob",
      }),
      `opvang-sisa-${year}.csv`,
    ),
};
