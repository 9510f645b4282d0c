/**
 * The monthly run's calls to the Opvang API (src/modules/monthly-run): the municipality's
 * runs, preparing a month (a background job; the run is polled for its progress), the
 * review of its households a page at a time, one household's months, the approval (four
 * eyes) and the files of an approved run. The page takes a `MonthlyRunApi`, so tests can
 * pass a fake.
 */
import type {
  PaymentMethod,
  RunAnomaly,
  RunChangeReason,
  RunItemKind,
  RunStatus,
} from "../../../../src/domain/enums";
import { type Answer, client, type Download, data, download, type Schemas } from "../../api";

export {
  PAYMENT_METHODS,
  RUN_ANOMALIES,
  RUN_CHANGE_REASONS,
  RUN_ITEM_KINDS,
  RUN_STATUSES,
} from "../../../../src/domain/enums";
export type { PaymentMethod, RunAnomaly, RunChangeReason, RunItemKind, RunStatus };

/** Error codes the run's routes answer with (each has a text under `apiErrors`). */
export const RUN_ERROR_CODES = [
  "run_approved",
  "run_in_progress",
  "run_preparing",
  "run_prepared",
  "run_failed",
  "run_not_approved",
  "stale_version",
  "four_eyes",
  "settings_missing",
  "nothing_to_transfer",
  "month_format",
  "month_too_early",
  "no_law",
] as const;

/** Why a run stopped (status failed): the part of the code before the colon. */
export const RUN_PROBLEMS = ["job_error"] as const;

/** What an approved run makes, each a download. */
export const RUN_FILES = ["sepa", "collections", "cardOrCash", "letters"] as const;
export type RunFile = (typeof RUN_FILES)[number];

export type MonthlyRun = Schemas["MonthlyRun"];
export type RunTotals = NonNullable<Schemas["MonthlyRunTotals"]>;
export type RunUser = NonNullable<MonthlyRun["preparedBy"]>;
export type RunPayment = Schemas["MonthlyRunPayment"];
export type PaymentPage = Answer<"get", "/api/v1/monthly-runs/{id}/households">;
export type RunHousehold = Schemas["MonthlyRunHousehold"];
export type RunItem = RunHousehold["items"][number];

/** The review's filters (all optional: no filter lists every household). */
export interface PaymentFilter {
  anomaly: RunAnomaly | null;
  method: PaymentMethod | null;
  changed: boolean;
  corrections: boolean;
}

export const NO_FILTER: PaymentFilter = {
  anomaly: null,
  method: null,
  changed: false,
  corrections: false,
};

export type { Download };

/** Households per page of the review. */
export const PAGE_SIZE = 25;
/** Runs in the list of earlier runs and on the overview: a year. */
export const RUNS_SHOWN = 12;

export interface MonthlyRunApi {
  runs(limit: number): Promise<MonthlyRun[]>;
  run(id: number): Promise<MonthlyRun>;
  prepare(month: string): Promise<MonthlyRun>;
  approve(id: number, version: number): Promise<MonthlyRun>;
  households(id: number, filter: PaymentFilter, offset: number): Promise<PaymentPage>;
  household(id: number, householdId: number): Promise<RunHousehold>;
  /** The review's list as CSV, with the same filters. */
  householdsCsv(id: number, filter: PaymentFilter): Promise<Download>;
  file(id: number, file: RunFile): Promise<Download>;
  letter(id: number, householdId: number): Promise<Download>;
}

/** The filters as query parameters (absent when not set). */
export function filterParams(filter: PaymentFilter) {
  return {
    anomaly: filter.anomaly ?? undefined,
    method: filter.method ?? undefined,
    changed: filter.changed ? ("true" as const) : undefined,
    corrections: filter.corrections ? ("true" as const) : undefined,
  };
}

/** A file's answer: the server's file, or a JSON error. */
const accepting = (type: string) => ({
  headers: { Accept: `${type}, application/json` },
  parseAs: "blob" as const,
});

const run = (id: number) => ({ path: { id } });

export const monthlyRunApi: MonthlyRunApi = {
  async runs(limit) {
    const { runs } = await data(
      client.GET("/api/v1/monthly-runs", { params: { query: { limit } } }),
    );
    return runs;
  },
  run(id) {
    return data(client.GET("/api/v1/monthly-runs/{id}", { params: run(id) }));
  },
  prepare(month) {
    return data(client.POST("/api/v1/monthly-runs", { body: { month } }));
  },
  approve(id, version) {
    return data(
      client.POST("/api/v1/monthly-runs/{id}/approve", { params: run(id), body: { version } }),
    );
  },
  households(id, filter, offset) {
    return data(
      client.GET("/api/v1/monthly-runs/{id}/households", {
        params: { ...run(id), query: { ...filterParams(filter), limit: PAGE_SIZE, offset } },
      }),
    );
  },
  household(id, householdId) {
    return data(
      client.GET("/api/v1/monthly-runs/{id}/households/{householdId}", {
        params: { path: { id, householdId } },
      }),
    );
  },
  householdsCsv(id, filter) {
    return download(
      client.GET("/api/v1/monthly-runs/{id}/households.csv", {
        params: { ...run(id), query: filterParams(filter) },
        ...accepting("text/csv"),
      }),
      "households.csv",
    );
  },
  file(id, file) {
    switch (file) {
      case "sepa":
        return download(
          client.GET("/api/v1/monthly-runs/{id}/sepa.xml", {
            params: run(id),
            ...accepting("application/xml"),
          }),
          "sepa.xml",
        );
      case "collections":
        return download(
          client.GET("/api/v1/monthly-runs/{id}/collections.csv", {
            params: run(id),
            ...accepting("text/csv"),
          }),
          "collections.csv",
        );
      case "cardOrCash":
        return download(
          client.GET("/api/v1/monthly-runs/{id}/card-or-cash.csv", {
            params: run(id),
            ...accepting("text/csv"),
          }),
          "card-or-cash.csv",
        );
      case "letters":
        return download(
          client.GET("/api/v1/monthly-runs/{id}/letters.pdf", {
            params: run(id),
            ...accepting("application/pdf"),
          }),
          "letters.pdf",
        );
    }
  },
  letter(id, householdId) {
    return download(
      client.GET("/api/v1/monthly-runs/{id}/households/{householdId}/letter.pdf", {
        params: { path: { id, householdId } },
        ...accepting("application/pdf"),
      }),
      `letter-${householdId}.pdf`,
    );
  },
};
