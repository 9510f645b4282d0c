/**
 * The incomes feature's calls to the Opvang API: persons by BSN, a person's incomes, manual
 * entry and the Inlichtingenbureau import. Every call goes through `request` (session cookie,
 * CSRF header, ApiError with the server's code); the CSV upload sends the file as the body
 * itself, with the same CSRF header.
 */
import {
  ApiError,
  CSRF_COOKIE,
  CSRF_HEADER,
  errorFromResponse,
  readCookie,
  request,
} from "../../api";

/** A search hit of GET /persons (the server answers in snake case). */
export interface PersonHit {
  id: number;
  family_name: string;
  given_names: string;
  family_name_cyrillic: string | null;
  given_names_cyrillic: string | null;
  birth_date: string;
  bsn: string | null;
  household_id: number | null;
}

import type { IncomeKind } from "../../../../src/domain/enums";

export { INCOME_KINDS } from "../../../../src/domain/enums";
export type { IncomeKind };
export const MANUAL_SOURCES = ["caseworker", "self_reported"] as const;
export type IncomeSource = (typeof MANUAL_SOURCES)[number] | "inlichtingenbureau";

export interface Income {
  id: number;
  personId: number;
  month: string;
  netCents: number;
  kind: IncomeKind;
  source: IncomeSource;
  payer: string | null;
  receivedAt: string;
  version: number;
}

export interface IncomeList {
  personId: number;
  months: { month: string; totalsBySource: Record<string, number>; incomes: Income[] }[];
}

export interface NewIncome {
  month: string;
  netCents: number;
  kind: IncomeKind;
  source: (typeof MANUAL_SOURCES)[number];
  payer: string | null;
  reason: string | null;
}

/** A correction: the income's fields as they should be, why, and the version read. */
export interface IncomeCorrection extends Omit<NewIncome, "reason"> {
  reason: string;
  version: number;
}

/** What a 409 about an income carries: that income's id and version, not the income. */
export function conflictingIncome(current: unknown): { id: number; version: number } | null {
  if (typeof current !== "object" || current === null) return null;
  const { id, version } = current as { id?: unknown; version?: unknown };
  return typeof id === "number" && typeof version === "number" ? { id, version } : null;
}

export const IMPORT_ROW_CODES = [
  "matched",
  "unknown_bsn",
  "other_municipality",
  "duplicate",
  "invalid_amount",
  "invalid_bsn",
  "invalid_month",
  "invalid_kind",
  "invalid_payer",
  "missing_field",
  "too_many_fields",
] as const;
export type ImportRowCode = (typeof IMPORT_ROW_CODES)[number];
export type ImportChange = "inserted" | "updated" | "unchanged";

export interface ImportRowResult {
  line: number;
  code: ImportRowCode;
  change?: ImportChange;
  personId?: number;
  firstLine?: number;
  message?: string;
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  counts: Record<string, number>;
  personsAffected: number;
  results: ImportRowResult[];
}

const V1 = "/api/v1";

export const incomesApi = {
  async personsByBsn(bsn: string) {
    const { results } = await request<{ results: PersonHit[] }>(
      "GET",
      `${V1}/persons?q=${encodeURIComponent(bsn)}`,
    );
    return results;
  },
  incomes(personId: number) {
    return request<IncomeList>("GET", `${V1}/persons/${personId}/incomes`);
  },
  addIncome(personId: number, input: NewIncome) {
    return request<Income>("POST", `${V1}/persons/${personId}/incomes`, input);
  },
  /** PUT /incomes/{id}: an income entered by hand, corrected (reason and version required). */
  correctIncome(id: number, input: IncomeCorrection) {
    return request<Income>("PUT", `${V1}/incomes/${id}`, input);
  },
  /** DELETE /incomes/{id}: an income entered in error (reason and version required). */
  removeIncome(id: number, reason: string, version: number) {
    return request<void>("DELETE", `${V1}/incomes/${id}`, { reason, version });
  },
  /** Sends the CSV file as the body (text/csv); dryRun answers the report without storing. */
  async importIncomes(file: Blob, dryRun: boolean): Promise<ImportReport> {
    const headers: Record<string, string> = {
      Accept: "application/json",
      "Content-Type": "text/csv",
    };
    const token = readCookie(CSRF_COOKIE);
    if (token) headers[CSRF_HEADER] = token;
    let response: Response;
    try {
      response = await fetch(`${V1}/income-imports${dryRun ? "?dryRun=true" : ""}`, {
        method: "POST",
        headers,
        credentials: "same-origin",
        body: file,
      });
    } catch (cause) {
      throw new ApiError(
        0,
        "network_error",
        cause instanceof Error ? cause.message : String(cause),
      );
    }
    if (!response.ok) throw await errorFromResponse(response);
    return (await response.json()) as ImportReport;
  },
};

export type IncomesApi = typeof incomesApi;
