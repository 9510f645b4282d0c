/**
 * Every closed list of codes the system stores, defined once: the database's CHECK
 * constraints (src/db/schema.ts), the API's zod schemas and the rules derive from these.
 * Codes are stored; the web translates them in its catalogs.
 */
/**
 * Kinds of location. `crisis_emergency` is crisisnoodopvang: a place for a few nights while a
 * regular place is found, counted apart in the letters ("… in de noodopvang en 270 in de
 * crisisnoodopvang", July 2023).
 */
export const LOCATION_KINDS = [
  "emergency_hall",
  "crisis_emergency",
  "hotel",
  "ship",
  "flex_homes",
  "houses",
  "other",
] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

export const LOCATION_STATUSES = ["planned", "realised", "closed"] as const;
export type LocationStatus = (typeof LOCATION_STATUSES)[number];

/** How a national target of places is split over the safety regions. */
export const TARGET_SPLITS = ["equal", "by_hand"] as const;
export type TargetSplit = (typeof TARGET_SPLITS)[number];

/** What a two-monthly re-evaluation of the forecast decided about the places planned. */
export const EVALUATION_DECISIONS = ["kept", "changed"] as const;
export type EvaluationDecision = (typeof EVALUATION_DECISIONS)[number];

/** BRP: man, vrouw, onbekend. */
export const SEXES = ["M", "V", "O"] as const;
export type Sex = (typeof SEXES)[number];

export const MEMBERSHIP_ROLES = ["head", "partner", "child", "guardian"] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/** Where a person lives in reception: a municipal location (GOO) or a host (POO). */
export const PLACEMENT_KINDS = ["goo", "poo"] as const;
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];

/** What a kept national fact counts: places of a location, persons of a municipality. */
export const NATIONAL_FACT_MEASURES = [
  "realised",
  "occupied",
  "poo",
  "ukrainian",
  "other",
] as const;
export type NationalFactMeasure = (typeof NATIONAL_FACT_MEASURES)[number];

/** What a kept weekly flow counts (moves: from another municipality or within one). */
export const NATIONAL_FLOW_MEASURES = [
  "arrivals",
  "departures",
  "moves",
  "registrations",
  "deregistrations",
  "returns",
] as const;

export const INCOME_KINDS = ["work", "wage_replacement", "toeslagenwet"] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];

export const INCOME_SOURCES = ["self_reported", "inlichtingenbureau", "caseworker"] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];

export const DECISION_KINDS = ["manual", "run", "correction"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** What an audit record says was done. */
export const AUDIT_ACTIONS = [
  "read",
  "search",
  "create",
  "update",
  "delete",
  "add_member",
  "end_member",
  "place",
  "end_placement",
  "change_capacity",
  "change_catering",
  "change_status",
  "import",
  "import_dry_run",
  "decide",
  "replay",
  "acknowledge_changes",
  "sign_in",
  "sign_out",
  "export",
  "share",
  "prepare_run",
  "approve_run",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

// --- Transition of 4 March 2027 and the return programme --------------------------------

/**
 * A person's residence status over time. Temporary protection (RTB) is what every
 * displaced person has from registration; the transitiedocument follows it ex officio;
 * the `permit_*` statuses are other residence permits, which take a person out of the
 * transition caseload.
 */
export const RESIDENCE_STATUS_KINDS = [
  "temporary_protection",
  "transitiedocument",
  "permit_work",
  "permit_study",
  "permit_humanitarian",
  "permit_other",
] as const;
export type ResidenceStatusKind = (typeof RESIDENCE_STATUS_KINDS)[number];

/** Why a residence status ended. */
export const STATUS_END_REASONS = [
  "rtb_end",
  "departure",
  "other_status",
  "third_country_national",
  "ind_refused",
  "permit_expired",
] as const;
export type StatusEndReason = (typeof STATUS_END_REASONS)[number];

/** The IND's public-order check for the transitiedocument. */
export const PUBLIC_ORDER_STATUSES = ["pending", "passed", "failed"] as const;
export type PublicOrderStatus = (typeof PUBLIC_ORDER_STATUSES)[number];

export const IND_DECISIONS = ["granted", "refused"] as const;
export type IndDecision = (typeof IND_DECISIONS)[number];

/** Students flagged for statutory tuition (mbo, hbo, wo). */
export const EDUCATION_LEVELS = ["mbo", "hbo", "wo"] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** Health insurance after the RMO: the Zvw (basic insurance) and the Wlz (long-term care). */
export const HEALTH_INSURANCE_KINDS = ["zvw", "wlz"] as const;
export type HealthInsuranceKind = (typeof HEALTH_INSURANCE_KINDS)[number];

export const PARTICIPATIEWET_OUTCOMES = ["granted", "refused"] as const;
export type ParticipatiewetOutcome = (typeof PARTICIPATIEWET_OUTCOMES)[number];

/** Where a household lives after the transition. */
export const HOUSING_PLANS = ["stay_converted", "regular_rental", "own_arrangement"] as const;
export type HousingPlan = (typeof HOUSING_PLANS)[number];

/** A return case's steps; `withdrawn` is allowed until departure. */
export const RETURN_STATUSES = [
  "interest",
  "counselling",
  "planned",
  "departed",
  "withdrawn",
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

/** Purposes a person consents to, each apart: off by default. */
export const CONSENT_PURPOSES = [
  "ukrainian_authorities",
  "unity_hub",
  "partner_municipality",
  "iom",
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

// --- The monthly run -------------------------------------------------------------------

/**
 * A municipality's run of a month: preparing (the background job is deciding), prepared
 * (a draft to review; preparing again replaces it), approved (closed: decisions stored,
 * files may be made), failed (the job stopped on an error; preparing again starts over).
 */
export const RUN_STATUSES = ["preparing", "prepared", "approved", "failed"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** How a household is paid: by SEPA transfer to its account, or by card or cash. */
export const PAYMENT_METHODS = ["sepa", "card_or_cash"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** A run item decides the run's month, or corrects an earlier month already decided. */
export const RUN_ITEM_KINDS = ["month", "correction"] as const;
export type RunItemKind = (typeof RUN_ITEM_KINDS)[number];

/** What the review lists for a finance officer to look at before approving. */
export const RUN_ANOMALIES = [
  "no_bank_account",
  "payee_left",
  "income_missing",
  "placement_ended",
  "turned_18",
  "needs_maatwerk",
  "calculation_problem",
  "recovery",
] as const;
export type RunAnomaly = (typeof RUN_ANOMALIES)[number];

/** Why a household's amount differs from last month's decision. */
export const RUN_CHANGE_REASONS = [
  "first_decision",
  "member_joined",
  "member_left",
  "income",
  "move",
  "days",
  "age",
  "law",
] as const;
export type RunChangeReason = (typeof RUN_CHANGE_REASONS)[number];
