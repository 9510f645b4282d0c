/**
 * The funding claim's calls to the Opvang API (src/modules/funding, docs/api-funding.md):
 * the municipality's BooO claim over a period, one location's days and the claim as CSV.
 * Aggregates only. The page takes a `FundingApi`, so tests can pass a fake.
 */
import { client, type Download, data, download, type Schemas } from "../../api";

export type FundingClaim = Schemas["FundingClaim"];
export type FundingTotals = Schemas["FundingTotals"];
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
 * The codes the claim's routes name a field with (docs/api-funding.md), each with a text
 * under `errors`: the date checks, the BooO's first day, the order and length of the
 * period, the law in force, and the schema's own checks of the query.
 */
export const FUNDING_ISSUE_CODES = [
  "date_format",
  "date_nonexistent",
  "invalid_type",
  "too_big",
  "before_funding",
  "from_after_to",
  "range_too_long",
  "no_law_in_force",
  "unknown_field",
] as const;

/** The answers' error codes without a field (each with a text under `apiErrors`). */
export const FUNDING_ERROR_CODES = [
  "validation_error",
  "not_found",
  "forbidden",
  "unauthorized",
  "rate_limited",
  "network_error",
  "unknown",
] as const;

/** Why a location-day is outside the base rate. */
export const OUTSIDE_REASONS = ["location_kind", "catering"] as const satisfies OutsideReason[];

/** The BooO's parameters a claim reads (law/booo), each with a name under `parameters`. */
export const FUNDING_PARAMETERS = [
  "booo.goo.per-place-per-day",
  "booo.poo.per-person-per-month",
  "booo.goo.outside-base-rate.location-kinds",
  "booo.goo.outside-base-rate.catering",
  "booo.poo.part-month",
] as const;

/** The rules' values (law/booo), each with a text under `ruleValues`. */
export const RULE_VALUES = ["in-base-rate", "outside-base-rate", "by-person-days"] as const;

export interface FundingApi {
  claim(period: Period): Promise<FundingClaim>;
  locationDays(id: number, period: Period): Promise<FundingLocationDays>;
  /** The claim as CSV (the server's file name: opvang-funding-claim-GM0344-….csv). */
  csv(period: Period): Promise<Download>;
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
};
