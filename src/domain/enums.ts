/**
 * Every closed list of codes the system stores, defined once: the database's CHECK
 * constraints (src/db/schema.ts), the API's zod schemas and the rules derive from these.
 * Codes are stored; the web translates them in its catalogs.
 */
export const LOCATION_KINDS = [
  "emergency_hall",
  "hotel",
  "ship",
  "flex_homes",
  "houses",
  "other",
] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

export const LOCATION_STATUSES = ["planned", "realised", "closed"] as const;
export type LocationStatus = (typeof LOCATION_STATUSES)[number];

/** BRP: man, vrouw, onbekend. */
export const SEXES = ["M", "V", "O"] as const;
export type Sex = (typeof SEXES)[number];

export const MEMBERSHIP_ROLES = ["head", "partner", "child", "guardian"] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/** Where a person lives in reception: a municipal location (GOO) or a host (POO). */
export const PLACEMENT_KINDS = ["goo", "poo"] as const;
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];

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
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
