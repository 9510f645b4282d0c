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
import { ApiError, errorFromResponse, request } from "../../api";

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

export interface RunTotals {
  households: number;
  persons: number;
  leefgeldCents: number;
  eigenBijdrageCents: number;
  backPayCents: number;
  recoveryCents: number;
  offsetCents: number;
  transferCents: number;
  collectCents: number;
  sepaHouseholds: number;
  cardOrCashHouseholds: number;
  problems: number;
  withAnomalies: number;
  corrections: number;
}

export interface RunUser {
  id: number;
  name: string;
}

export interface MonthlyRun {
  id: number;
  gemeenteCode: string;
  /** YYYY-MM */
  month: string;
  status: RunStatus;
  attempt: number;
  preparedBy: RunUser | null;
  preparedAt: string | null;
  approvedBy: RunUser | null;
  approvedAt: string | null;
  progress: { done: number; total: number };
  /** Why the job stopped (status failed): a code. */
  problem: string | null;
  version: number;
  /** Once prepared. */
  totals: RunTotals | null;
}

export interface RunPayment {
  householdId: number;
  label: string;
  method: PaymentMethod;
  payee: { personId: number; name: string } | null;
  ibanMasked: string | null;
  persons: number;
  leefgeldCents: number;
  eigenBijdrageCents: number;
  /** Last month's decision; null when there was none. */
  previousLeefgeldCents: number | null;
  previousEigenBijdrageCents: number | null;
  changeReasons: RunChangeReason[];
  /** Earlier months corrected in this run. */
  corrections: number;
  backPayCents: number;
  recoveryCents: number;
  offsetCents: number;
  transferCents: number;
  collectCents: number;
  anomalies: RunAnomaly[];
  /** Why the month could not be computed: `code@field`, several joined by `;`. */
  problem: string | null;
  endToEndId: string;
}

export interface PaymentPage {
  total: number;
  more: boolean;
  items: RunPayment[];
}

export interface RunItem {
  month: string;
  kind: RunItemKind;
  leefgeldCents: number;
  eigenBijdrageCents: number;
  previousDecisionId: number | null;
  previousLeefgeldCents: number | null;
  previousEigenBijdrageCents: number | null;
  changeReasons: RunChangeReason[];
  /** Set at approval. */
  decisionId: number | null;
}

export interface RunHousehold {
  payment: RunPayment;
  items: RunItem[];
}

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

/** A downloaded file: its content and the name the server proposes. */
export interface Download {
  blob: Blob;
  filename: string;
}

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

const V1 = "/api/v1";

/** The filters as query parameters (absent when not set). */
export function filterParams(filter: PaymentFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.anomaly) params.set("anomaly", filter.anomaly);
  if (filter.method) params.set("method", filter.method);
  if (filter.changed) params.set("changed", "true");
  if (filter.corrections) params.set("corrections", "true");
  return params;
}

/** A GET with the session cookie whose answer is a file, not JSON. */
async function download(path: string, accept: string, fallback: string): Promise<Download> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: "GET",
      headers: { Accept: `${accept}, application/json` },
      credentials: "same-origin",
    });
  } catch (cause) {
    throw new ApiError(0, "network_error", cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) throw await errorFromResponse(response);
  const disposition = response.headers.get("content-disposition") ?? "";
  const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallback;
  return { blob: await response.blob(), filename };
}

const FILE_PATHS: Record<RunFile, { path: string; accept: string; fallback: string }> = {
  sepa: { path: "sepa.xml", accept: "application/xml", fallback: "sepa.xml" },
  collections: { path: "collections.csv", accept: "text/csv", fallback: "collections.csv" },
  cardOrCash: { path: "card-or-cash.csv", accept: "text/csv", fallback: "card-or-cash.csv" },
  letters: { path: "letters.pdf", accept: "application/pdf", fallback: "letters.pdf" },
};

export const monthlyRunApi: MonthlyRunApi = {
  async runs(limit) {
    const { runs } = await request<{ runs: MonthlyRun[] }>(
      "GET",
      `${V1}/monthly-runs?limit=${limit}`,
    );
    return runs;
  },
  run(id) {
    return request<MonthlyRun>("GET", `${V1}/monthly-runs/${id}`);
  },
  prepare(month) {
    return request<MonthlyRun>("POST", `${V1}/monthly-runs`, { month });
  },
  approve(id, version) {
    return request<MonthlyRun>("POST", `${V1}/monthly-runs/${id}/approve`, { version });
  },
  households(id, filter, offset) {
    const params = filterParams(filter);
    params.set("limit", String(PAGE_SIZE));
    params.set("offset", String(offset));
    return request<PaymentPage>("GET", `${V1}/monthly-runs/${id}/households?${params}`);
  },
  household(id, householdId) {
    return request<RunHousehold>("GET", `${V1}/monthly-runs/${id}/households/${householdId}`);
  },
  householdsCsv(id, filter) {
    const params = filterParams(filter).toString();
    return download(
      `${V1}/monthly-runs/${id}/households.csv${params ? `?${params}` : ""}`,
      "text/csv",
      "households.csv",
    );
  },
  file(id, file) {
    const { path, accept, fallback } = FILE_PATHS[file];
    return download(`${V1}/monthly-runs/${id}/${path}`, accept, fallback);
  },
  letter(id, householdId) {
    return download(
      `${V1}/monthly-runs/${id}/households/${householdId}/letter.pdf`,
      "application/pdf",
      `letter-${householdId}.pdf`,
    );
  },
};
