/**
 * The incomes feature's calls to the Opvang API: persons by BSN, a person's incomes, manual
 * entry and the Inlichtingenbureau import. Every call goes through the API client (session
 * cookie, CSRF header, ApiError with the server's code); the CSV upload sends the file as the
 * body itself, with the same CSRF header.
 */
import { type Answer, client, csvBody, data, type RequestBody, type Schemas } from "../../api";

export { INCOME_KINDS } from "../../../../src/domain/enums";

/** A search hit of GET /persons (the server answers in snake case). */
export type PersonHit = Answer<"get", "/api/v1/persons">["results"][number];

export type Income = Schemas["Income"];
export type IncomeKind = Income["kind"];
export type IncomeSource = Income["source"];
export const MANUAL_SOURCES = [
  "caseworker",
  "self_reported",
] as const satisfies readonly Schemas["IncomeInput"]["source"][];

export type IncomeList = Schemas["IncomeList"];

/** An income entered by hand (POST /persons/{id}/incomes). */
export type NewIncome = Required<RequestBody<"post", "/api/v1/persons/{id}/incomes">>;

/** A correction: the income's fields as they should be, why, and the version read. */
export type IncomeCorrection = Required<RequestBody<"put", "/api/v1/incomes/{id}">>;

/** What a 409 about an income carries: that income's id and version, not the income. */
export function conflictingIncome(current: unknown): { id: number; version: number } | null {
  if (typeof current !== "object" || current === null) return null;
  const { id, version } = current as { id?: unknown; version?: unknown };
  return typeof id === "number" && typeof version === "number" ? { id, version } : null;
}

/** The row codes, in the order the report counts them. */
export const IMPORT_ROW_CODES = [
  "matched",
  "unknown_bsn",
  "duplicate",
  "invalid_amount",
  "invalid_bsn",
  "invalid_month",
  "invalid_kind",
  "invalid_payer",
  "missing_field",
  "too_many_fields",
] as const satisfies readonly ImportRowCode[];
export type ImportReport = Schemas["IncomeImportReport"];
export type ImportRowResult = ImportReport["results"][number];
export type ImportRowCode = ImportRowResult["code"];

const person = (id: number) => ({ path: { id } });

export const incomesApi = {
  async personsByBsn(bsn: string) {
    const { results } = await data(
      client.GET("/api/v1/persons", { params: { query: { q: bsn } } }),
    );
    return results;
  },
  incomes(personId: number) {
    return data(client.GET("/api/v1/persons/{id}/incomes", { params: person(personId) }));
  },
  addIncome(personId: number, input: NewIncome) {
    return data(
      client.POST("/api/v1/persons/{id}/incomes", { params: person(personId), body: input }),
    );
  },
  /** PUT /incomes/{id}: an income entered by hand, corrected (reason and version required). */
  correctIncome(id: number, input: IncomeCorrection) {
    return data(client.PUT("/api/v1/incomes/{id}", { params: { path: { id } }, body: input }));
  },
  /** DELETE /incomes/{id}: an income entered in error (reason and version required). */
  async removeIncome(id: number, reason: string, version: number): Promise<void> {
    await client.DELETE("/api/v1/incomes/{id}", {
      params: { path: { id } },
      body: { reason, version },
    });
  },
  /** Sends the CSV file as the body (text/csv); dryRun answers the report without storing. */
  importIncomes(file: Blob, dryRun: boolean): Promise<ImportReport> {
    return data(
      client.POST("/api/v1/income-imports", {
        params: { query: dryRun ? { dryRun: "true" } : {} },
        ...csvBody(file),
      }),
    );
  },
};

export type IncomesApi = typeof incomesApi;
