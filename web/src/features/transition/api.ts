/**
 * The transition feature's calls to the Opvang API (src/modules/transition): the cohort's
 * counts (municipal and national), the caseworker's worklist, the scenario value for the
 * unpublished cut-off, a household's checklist and a person's facts, the locations that can
 * become regular housing, and the IND export and import. Pages and sections take a
 * `TransitionApi`, so tests can pass a fake.
 */
import type {
  EducationLevel,
  HealthInsuranceKind,
  HousingPlan,
  IndDecision,
  ParticipatiewetOutcome,
  PublicOrderStatus,
  ResidenceStatusKind,
  StatusEndReason,
} from "../../../../src/domain/enums";
import {
  type Answer,
  client,
  csvBody,
  type Download,
  data,
  download,
  type RequestBody,
  type Schemas,
} from "../../api";

export {
  EDUCATION_LEVELS,
  HEALTH_INSURANCE_KINDS,
  HOUSING_PLANS,
  PARTICIPATIEWET_OUTCOMES,
  PUBLIC_ORDER_STATUSES,
  RESIDENCE_STATUS_KINDS,
  STATUS_END_REASONS,
} from "../../../../src/domain/enums";
export type {
  EducationLevel,
  HealthInsuranceKind,
  HousingPlan,
  IndDecision,
  ParticipatiewetOutcome,
  PublicOrderStatus,
  ResidenceStatusKind,
  StatusEndReason,
};

// The closed lists the server's transition module answers with (the web may not import it).
export const ELIGIBILITIES = ["eligible", "not_eligible", "unknown", "out_of_caseload"] as const;
export type Eligibility = (typeof ELIGIBILITIES)[number];
export const CONDITIONS = ["protection_before_cutoff", "public_order", "asylum_withdrawn"] as const;
export type Condition = (typeof CONDITIONS)[number];
export const CONDITION_STATES = ["met", "not_met", "unknown"] as const;
export type ConditionState = (typeof CONDITION_STATES)[number];
export const INCOME_PATHS = [
  "work",
  "participatiewet_decided",
  "participatiewet_filed",
  "none",
] as const;
export type IncomePath = (typeof INCOME_PATHS)[number];
export const MISSING_CODES = [
  "transitiedocument_unknown",
  "transitiedocument_refused",
  "zvw_missing",
  "income_path_missing",
  "housing_plan_missing",
] as const;
export type MissingCode = (typeof MISSING_CODES)[number];
export const IND_ROW_CODES = [
  "granted",
  "refused",
  "unchanged",
  "unknown_bsn",
  "invalid_bsn",
  "invalid_decision",
  "invalid_date",
  "missing_field",
  "too_many_fields",
  "duplicate",
  "invalid_validity",
  "status_conflict",
] as const;
export type IndRowCode = (typeof IND_ROW_CODES)[number];
/** Row codes that are not a fault: what the row records (or would record). */
export const IND_ROW_OK: readonly IndRowCode[] = ["granted", "refused", "unchanged"];
export const IND_DECISION_COLUMNS = [
  "bsn",
  "decision",
  "decision_date",
  "valid_from",
  "valid_until",
  "reference",
] as const;
export const WORKLIST_SORTS = ["blocking", "name"] as const;
export type WorklistSort = (typeof WORKLIST_SORTS)[number];
/** The scenario parameter the coordinator may set: the transitiedocument's cut-off date. */
export const CUTOFF_PARAMETER = "transitie.transitiedocument.protection-cutoff";

export type Cohort = Schemas["TransitionCohort"];
export type Cutoff = NonNullable<Cohort["cutoff"]>;
export type Counts = Cohort["counts"];
export type StateCounts = Counts["conditions"][Condition];

export type Worklist = Schemas["TransitionWorklist"];
export type WorklistItem = Worklist["items"][number];

export interface WorklistParams {
  sort: WorklistSort;
  include: "open" | "all";
  limit: number;
  offset: number;
}

export type Scenario = Schemas["TransitionScenario"];

export type PersonTransition = Schemas["PersonTransition"];
export type ConditionResult = Schemas["Transitiedocument"]["conditions"][number];
export type ResidenceStatus = PersonTransition["statuses"][number];
export type Insurance = PersonTransition["health"]["insurances"][number];

export type HouseholdTransition = Schemas["HouseholdTransition"];
export type HouseholdMember = HouseholdTransition["members"][number];
export type ParticipatiewetFacts = HouseholdTransition["participatiewet"];
export type HousingFacts = HouseholdTransition["housing"];

export type PersonFactsInput = RequestBody<"put", "/api/v1/persons/{id}/transition">;
export type StatusInput = RequestBody<"post", "/api/v1/persons/{id}/residence-statuses">;
export type InsuranceInput = RequestBody<"post", "/api/v1/persons/{id}/health-insurances">;
export type HouseholdPathsInput = RequestBody<"put", "/api/v1/households/{id}/transition">;

export type Transformation = Answer<"get", "/api/v1/transition/locations">["locations"][number];
export type TransformationInput = RequestBody<"put", "/api/v1/locations/{id}/transformation">;

export type IndReport = Schemas["IndImportReport"];
export type IndRowResult = IndReport["results"][number];

export type { Download };

export interface TransitionApi {
  cohort(): Promise<Cohort>;
  nationalCohort(): Promise<Cohort>;
  worklist(params: WorklistParams): Promise<Worklist>;
  scenario(): Promise<Scenario>;
  setScenario(value: string | null, note: string | null): Promise<Scenario>;
  household(householdId: number): Promise<HouseholdTransition>;
  saveHousehold(
    householdId: number,
    input: HouseholdPathsInput,
  ): Promise<Answer<"put", "/api/v1/households/{id}/transition">>;
  savePerson(
    personId: number,
    input: PersonFactsInput,
  ): Promise<Answer<"put", "/api/v1/persons/{id}/transition">>;
  addStatus(
    personId: number,
    input: StatusInput,
  ): Promise<Answer<"post", "/api/v1/persons/{id}/residence-statuses">>;
  endStatus(
    personId: number,
    statusId: number,
    input: RequestBody<"post", "/api/v1/persons/{id}/residence-statuses/{statusId}/end">,
  ): Promise<Answer<"post", "/api/v1/persons/{id}/residence-statuses/{statusId}/end">>;
  addInsurance(
    personId: number,
    input: InsuranceInput,
  ): Promise<Answer<"post", "/api/v1/persons/{id}/health-insurances">>;
  locations(): Promise<Transformation[]>;
  saveTransformation(
    locationId: number,
    input: TransformationInput,
  ): Promise<Answer<"put", "/api/v1/locations/{id}/transformation">>;
  indExport(): Promise<Download>;
  indImport(file: Blob, dryRun: boolean): Promise<IndReport>;
}

const id = (value: number) => ({ path: { id: value } });

export const transitionApi: TransitionApi = {
  cohort() {
    return data(client.GET("/api/v1/transition/cohort"));
  },
  nationalCohort() {
    return data(client.GET("/api/v1/transition/cohort/national"));
  },
  worklist(params) {
    return data(client.GET("/api/v1/transition/worklist", { params: { query: params } }));
  },
  scenario() {
    return data(client.GET("/api/v1/transition/scenario"));
  },
  setScenario(value, note) {
    return data(
      client.PUT("/api/v1/transition/scenario", {
        body: { parameter: CUTOFF_PARAMETER, value, note },
      }),
    );
  },
  household(householdId) {
    return data(client.GET("/api/v1/households/{id}/transition", { params: id(householdId) }));
  },
  saveHousehold(householdId, input) {
    return data(
      client.PUT("/api/v1/households/{id}/transition", { params: id(householdId), body: input }),
    );
  },
  savePerson(personId, input) {
    return data(
      client.PUT("/api/v1/persons/{id}/transition", { params: id(personId), body: input }),
    );
  },
  addStatus(personId, input) {
    return data(
      client.POST("/api/v1/persons/{id}/residence-statuses", { params: id(personId), body: input }),
    );
  },
  endStatus(personId, statusId, input) {
    return data(
      client.POST("/api/v1/persons/{id}/residence-statuses/{statusId}/end", {
        params: { path: { id: personId, statusId } },
        body: input,
      }),
    );
  },
  addInsurance(personId, input) {
    return data(
      client.POST("/api/v1/persons/{id}/health-insurances", { params: id(personId), body: input }),
    );
  },
  async locations() {
    const { locations } = await data(client.GET("/api/v1/transition/locations"));
    return locations;
  },
  saveTransformation(locationId, input) {
    return data(
      client.PUT("/api/v1/locations/{id}/transformation", { params: id(locationId), body: input }),
    );
  },
  indExport() {
    return download(
      client.GET("/api/v1/transition/ind-export", {
        headers: { Accept: "text/csv" },
        parseAs: "blob",
      }),
      "transitiedocument-cohort.csv",
    );
  },
  /** Sends the CSV as the body (text/csv); dryRun answers the report without storing. */
  indImport(file, dryRun) {
    return data(
      client.POST("/api/v1/transition/ind-decisions", {
        params: { query: dryRun ? { dryRun: "true" } : {} },
        ...csvBody(file),
      }),
    );
  },
};
