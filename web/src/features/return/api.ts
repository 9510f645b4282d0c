/**
 * The return feature's calls to the Opvang API: a household's return case and its steps,
 * its support, and each person's consent per purpose. The section takes a `ReturnApi`, so
 * tests can pass a fake.
 */
import type { ConsentPurpose, ReturnStatus } from "../../../../src/domain/enums";
import { ApiError, request } from "../../api";

export { CONSENT_PURPOSES, RETURN_STATUSES } from "../../../../src/domain/enums";
export type { ConsentPurpose, ReturnStatus };

export interface ReturnEvent {
  status: ReturnStatus;
  on: string;
  note: string | null;
  /** The username of who took the step. */
  by: string | null;
  at: string;
}

export interface ReturnCase {
  id: number;
  householdId: number;
  status: ReturnStatus;
  plannedDeparture: string | null;
  departedOn: string | null;
  travelSupport: boolean;
  financialSupportCents: number | null;
  partnerMunicipality: string | null;
  version: number;
  nextSteps: ReturnStatus[];
  events: ReturnEvent[];
}

export interface StepInput {
  status: ReturnStatus;
  on: string;
  note?: string | null;
  plannedDeparture?: string | null;
  version: number;
}

export interface CaseChange {
  version: number;
  plannedDeparture?: string | null;
  travelSupport?: boolean;
  partnerMunicipality?: string | null;
  financialSupport?: boolean;
}

export interface Consent {
  purpose: ConsentPurpose;
  given: boolean;
  givenAt: string | null;
  revokedAt: string | null;
}

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

const V1 = "/api/v1";

export const returnApi: ReturnApi = {
  async householdCase(householdId) {
    try {
      return await request<ReturnCase>("GET", `${V1}/households/${householdId}/return-case`);
    } catch (error) {
      if (error instanceof ApiError && error.code === "no_return_case") return null;
      throw error;
    }
  },
  openCase(householdId, note) {
    return request<ReturnCase>("POST", `${V1}/households/${householdId}/return-case`, {
      ...(note ? { note } : {}),
    });
  },
  step(caseId, input) {
    return request<ReturnCase>("POST", `${V1}/return-cases/${caseId}/steps`, input);
  },
  change(caseId, input) {
    return request<ReturnCase>("PATCH", `${V1}/return-cases/${caseId}`, input);
  },
  async consents(personId) {
    const { consents } = await request<{ consents: Consent[] }>(
      "GET",
      `${V1}/persons/${personId}/consents`,
    );
    return consents;
  },
  giveConsent(personId, purpose) {
    return request<Consent>("PUT", `${V1}/persons/${personId}/consents/${purpose}`);
  },
  revokeConsent(personId, purpose) {
    return request<Consent>("DELETE", `${V1}/persons/${personId}/consents/${purpose}`);
  },
};
