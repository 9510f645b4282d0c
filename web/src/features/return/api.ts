/**
 * The return feature's calls to the Opvang API: a household's return case and its steps,
 * its support, and each person's consent per purpose. The section takes a `ReturnApi`, so
 * tests can pass a fake.
 */
import type { ConsentPurpose, ReturnStatus } from "../../../../src/domain/enums";
import { ApiError, client, data, type RequestBody, type Schemas } from "../../api";

export { CONSENT_PURPOSES, RETURN_STATUSES } from "../../../../src/domain/enums";
export type { ConsentPurpose, ReturnStatus };

export type ReturnCase = Schemas["ReturnCase"];
export type ReturnEvent = ReturnCase["events"][number];

/** A step of the case (POST /return-cases/{id}/steps). */
export type StepInput = RequestBody<"post", "/api/v1/return-cases/{id}/steps">;

/** A change of the case's plan or support (PATCH /return-cases/{id}). */
export type CaseChange = RequestBody<"patch", "/api/v1/return-cases/{id}">;

export type Consent = Schemas["Consent"];

export interface ReturnApi {
  /** The household's current case, or null when it has none. */
  householdCase(householdId: number): Promise<ReturnCase | null>;
  openCase(householdId: number, note?: string | null): Promise<ReturnCase>;
  step(caseId: number, input: StepInput): Promise<ReturnCase>;
  change(caseId: number, input: CaseChange): Promise<ReturnCase>;
  consents(personId: number): Promise<Consent[]>;
  giveConsent(personId: number, purpose: ConsentPurpose): Promise<Consent>;
  revokeConsent(personId: number, purpose: ConsentPurpose): Promise<Consent>;
}

const id = (value: number) => ({ path: { id: value } });

export const returnApi: ReturnApi = {
  async householdCase(householdId) {
    try {
      return await data(
        client.GET("/api/v1/households/{id}/return-case", { params: id(householdId) }),
      );
    } catch (error) {
      if (error instanceof ApiError && error.code === "no_return_case") return null;
      throw error;
    }
  },
  openCase(householdId, note) {
    return data(
      client.POST("/api/v1/households/{id}/return-case", {
        params: id(householdId),
        body: { ...(note ? { note } : {}) },
      }),
    );
  },
  step(caseId, input) {
    return data(
      client.POST("/api/v1/return-cases/{id}/steps", { params: id(caseId), body: input }),
    );
  },
  change(caseId, input) {
    return data(client.PATCH("/api/v1/return-cases/{id}", { params: id(caseId), body: input }));
  },
  async consents(personId) {
    const { consents } = await data(
      client.GET("/api/v1/persons/{id}/consents", { params: id(personId) }),
    );
    return consents;
  },
  giveConsent(personId, purpose) {
    return data(
      client.PUT("/api/v1/persons/{id}/consents/{purpose}", {
        params: { path: { id: personId, purpose } },
      }),
    );
  },
  revokeConsent(personId, purpose) {
    return data(
      client.DELETE("/api/v1/persons/{id}/consents/{purpose}", {
        params: { path: { id: personId, purpose } },
      }),
    );
  },
};
