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
  ApiError,
  CSRF_COOKIE,
  CSRF_HEADER,
  errorFromResponse,
  readCookie,
  request,
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

export interface Cutoff {
  date: string;
  basis: "law" | "scenario";
}

export type StateCounts = Record<ConditionState, number>;

export interface Counts {
  persons: number;
  eligibility: Record<Eligibility, number>;
  conditions: Record<Condition, StateCounts>;
  indDecision: { granted: number; refused: number; none: number };
  missingSomething: number;
  withoutZvw: number;
  students: Record<EducationLevel, number>;
}

export interface Cohort {
  today: string;
  rtbEnd: string;
  daysLeft: number;
  cutoff: Cutoff | null;
  restsOnScenario: boolean;
  gemeente: string | null;
  counts: Counts;
  paths: {
    households: number;
    income: Record<IncomePath, number>;
    housing: Record<HousingPlan | "none", number>;
  };
  byGemeente: { code: string; name: string; counts: Counts }[];
}

export interface WorklistItem {
  personId: number;
  householdId: number | null;
  familyName: string;
  givenNames: string;
  birthDate: string;
  eligibility: Eligibility;
  indDecision: string | null;
  insured: boolean;
  /** What blocks first, as a reason code; null: nothing. */
  blocking: string | null;
}

export interface Worklist {
  total: number;
  offset: number;
  limit: number;
  items: WorklistItem[];
}

export interface WorklistParams {
  sort: WorklistSort;
  include: "open" | "all";
  limit: number;
  offset: number;
}

export interface Scenario {
  parameters: {
    parameter: string;
    published: unknown;
    unpublished: string | null;
    scenario: { value: string; note: string | null; setAt: string; setBy: string | null } | null;
  }[];
}

export interface ConditionResult {
  condition: Condition;
  state: ConditionState;
  reason: string | null;
  /** law, scenario, ind or caseworker. */
  source: string;
  date: string | null;
}

export interface ResidenceStatus {
  kind: ResidenceStatusKind;
  from: string;
  to: string | null;
  endReason: StatusEndReason | null;
  /** Null for the protection implied by the registration. */
  recordedId: number | null;
}

export interface Insurance {
  id: number;
  kind: HealthInsuranceKind;
  insurer: string;
  from: string;
  to: string | null;
}

export interface PersonTransition {
  personId: number;
  version: number;
  statusToday: ResidenceStatusKind | null;
  statuses: ResidenceStatus[];
  transitiedocument: {
    eligibility: Eligibility;
    outReason: string | null;
    conditions: ConditionResult[];
    cutoff: Cutoff | null;
    restsOnScenario: boolean;
    indDecision: IndDecision | null;
    indDecisionOn: string | null;
    indReference: string | null;
  };
  publicOrder: PublicOrderStatus | null;
  publicOrderOn: string | null;
  asylumWithdrawn: boolean | null;
  asylumWithdrawnOn: string | null;
  educationLevel: EducationLevel | null;
  tuitionFrom: string | null;
  health: { zvwFrom: string; insuredOnSwitch: boolean; insurances: Insurance[] };
  supportUntil: string | null;
}

export interface HouseholdMember extends PersonTransition {
  name: string;
  role: string;
  hasWork: boolean;
}

export interface ParticipatiewetFacts {
  filedOn: string | null;
  decidedOn: string | null;
  outcome: ParticipatiewetOutcome | null;
}

export interface HousingFacts {
  plan: HousingPlan | null;
  from: string | null;
  rentCents: number | null;
}

export interface HouseholdTransition {
  householdId: number;
  version: number;
  rtbEnd: string;
  daysLeft: number;
  incomePath: IncomePath;
  participatiewet: ParticipatiewetFacts;
  housing: HousingFacts;
  members: HouseholdMember[];
  missing: { code: MissingCode; personId: number | null }[];
  restsOnScenario: boolean;
}

export interface PersonFactsInput {
  version: number;
  publicOrder: PublicOrderStatus | null;
  publicOrderOn: string | null;
  asylumWithdrawn: boolean | null;
  asylumWithdrawnOn: string | null;
  educationLevel: EducationLevel | null;
}

export interface StatusInput {
  kind: ResidenceStatusKind;
  from: string;
  to: string | null;
  endReason: StatusEndReason | null;
}

export interface InsuranceInput {
  kind: HealthInsuranceKind;
  insurer: string;
  from: string;
  to: string | null;
}

export interface HouseholdPathsInput {
  version: number;
  participatiewet: ParticipatiewetFacts;
  housing: HousingFacts;
}

export interface Transformation {
  locationId: number;
  name: string;
  transformable: boolean | null;
  transformFrom: string | null;
  note: string | null;
  version: number;
}

export interface TransformationInput {
  version: number;
  transformable: boolean;
  transformFrom: string | null;
  note: string | null;
}

export interface IndRowResult {
  line: number;
  code: IndRowCode;
  personId?: number;
  field?: string;
  message?: string;
}

export interface IndReport {
  dryRun: boolean;
  /** False: nothing was stored (all rows or none). */
  stored: boolean;
  rows: number;
  counts: Record<string, number>;
  results: IndRowResult[];
}

/** A downloaded file: its content and the name the server proposes. */
export interface Download {
  blob: Blob;
  filename: string;
}

export interface TransitionApi {
  cohort(): Promise<Cohort>;
  nationalCohort(): Promise<Cohort>;
  worklist(params: WorklistParams): Promise<Worklist>;
  scenario(): Promise<Scenario>;
  setScenario(value: string | null, note: string | null): Promise<Scenario>;
  household(householdId: number): Promise<HouseholdTransition>;
  saveHousehold(householdId: number, input: HouseholdPathsInput): Promise<unknown>;
  savePerson(personId: number, input: PersonFactsInput): Promise<unknown>;
  addStatus(personId: number, input: StatusInput): Promise<unknown>;
  endStatus(
    personId: number,
    statusId: number,
    input: { to: string; endReason: StatusEndReason },
  ): Promise<unknown>;
  addInsurance(personId: number, input: InsuranceInput): Promise<unknown>;
  locations(): Promise<Transformation[]>;
  saveTransformation(locationId: number, input: TransformationInput): Promise<unknown>;
  indExport(): Promise<Download>;
  indImport(file: Blob, dryRun: boolean): Promise<IndReport>;
}

const V1 = "/api/v1";

/** A fetch with the session cookie and CSRF header whose answer is not JSON to parse. */
async function raw(method: string, path: string, init: RequestInit = {}): Promise<Response> {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  if (method !== "GET") {
    const token = readCookie(CSRF_COOKIE);
    if (token) headers[CSRF_HEADER] = token;
  }
  let response: Response;
  try {
    response = await fetch(path, { ...init, method, headers, credentials: "same-origin" });
  } catch (cause) {
    throw new ApiError(0, "network_error", cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) throw await errorFromResponse(response);
  return response;
}

function filenameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get("content-disposition") ?? "";
  return /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallback;
}

export const transitionApi: TransitionApi = {
  cohort() {
    return request<Cohort>("GET", `${V1}/transition/cohort`);
  },
  nationalCohort() {
    return request<Cohort>("GET", `${V1}/transition/cohort/national`);
  },
  worklist(params) {
    const query = new URLSearchParams({
      sort: params.sort,
      include: params.include,
      limit: String(params.limit),
      offset: String(params.offset),
    });
    return request<Worklist>("GET", `${V1}/transition/worklist?${query}`);
  },
  scenario() {
    return request<Scenario>("GET", `${V1}/transition/scenario`);
  },
  setScenario(value, note) {
    return request<Scenario>("PUT", `${V1}/transition/scenario`, {
      parameter: CUTOFF_PARAMETER,
      value,
      note,
    });
  },
  household(householdId) {
    return request<HouseholdTransition>("GET", `${V1}/households/${householdId}/transition`);
  },
  saveHousehold(householdId, input) {
    return request("PUT", `${V1}/households/${householdId}/transition`, input);
  },
  savePerson(personId, input) {
    return request("PUT", `${V1}/persons/${personId}/transition`, input);
  },
  addStatus(personId, input) {
    return request("POST", `${V1}/persons/${personId}/residence-statuses`, input);
  },
  endStatus(personId, statusId, input) {
    return request("POST", `${V1}/persons/${personId}/residence-statuses/${statusId}/end`, input);
  },
  addInsurance(personId, input) {
    return request("POST", `${V1}/persons/${personId}/health-insurances`, input);
  },
  async locations() {
    const { locations } = await request<{ locations: Transformation[] }>(
      "GET",
      `${V1}/transition/locations`,
    );
    return locations;
  },
  saveTransformation(locationId, input) {
    return request("PUT", `${V1}/locations/${locationId}/transformation`, input);
  },
  async indExport() {
    const response = await raw("GET", `${V1}/transition/ind-export`, {
      headers: { Accept: "text/csv" },
    });
    return {
      blob: await response.blob(),
      filename: filenameOf(response, "transitiedocument-cohort.csv"),
    };
  },
  /** Sends the CSV as the body (text/csv); dryRun answers the report without storing. */
  async indImport(file, dryRun) {
    const response = await raw(
      "POST",
      `${V1}/transition/ind-decisions${dryRun ? "?dryRun=true" : ""}`,
      { headers: { Accept: "application/json", "Content-Type": "text/csv" }, body: file },
    );
    return (await response.json()) as IndReport;
  },
};
