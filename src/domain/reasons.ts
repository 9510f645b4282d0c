/**
 * Reasons the system writes itself, stored as stable codes that the web translates (no
 * English text ever reaches a Dutch or Ukrainian screen). A reason a caseworker types is
 * free text and is kept as typed; a stored reason is either one of these codes or such text.
 *
 * - A membership's or a placement's reason: a bare code (`arrival`, `turned_18`).
 * - An audit record's reason: a bare code (`search_by_name`), or a code with parameters as a
 *   JSON object whose first key is `code` (`{"code":"month","month":"2026-12"}`), so the
 *   month, the lines of a file or a caseworker's note stay apart from the words around them.
 *
 * Adding a code here is the whole change on the server's side; the catalog tests of the web
 * (web/src/codes.test.ts) then fail until nl, uk and en each have a text for it, and a unit
 * test (reasons.test.ts) fails when a module writes a literal reason not listed here.
 */
/** Why a membership started or ended, when the system (or the demo) says so. */
export const MEMBERSHIP_REASONS = [
  "arrival",
  "departure",
  "return",
  "turned_18",
  "turned_18_own_household",
] as const;
export type MembershipReason = (typeof MEMBERSHIP_REASONS)[number];

/** Why a placement started or ended, when the system (or the demo) says so. */
export const PLACEMENT_REASONS = [
  "arrival",
  "departure",
  "return",
  "location_closed",
  "moved_from_private_reception",
  "moved_to_private_reception",
  "moved_better_fit",
  "moved_within_municipality",
  "medical",
  "nuisance",
] as const;
export type PlacementReason = (typeof PLACEMENT_REASONS)[number];

/**
 * Audit reasons with the names of the parameters each carries. Values of `kind`, `lang`,
 * `from` and `to` are codes themselves (decision kinds, languages, return statuses); the
 * others are months (YYYY-MM), numbers, or a caseworker's note (`note`, free text).
 */
export const AUDIT_REASONS = {
  arrival: [],
  departure: [],
  return: [],
  turned_18_own_household: [],
  bsn_probe: [],
  conflict: [],
  search_by_bsn: [],
  search_by_v_number: [],
  search_by_name: [],
  search_by_location: [],
  month: ["month"],
  decision: ["month"],
  decisions_of_household: [],
  changes_with_effect: [],
  explanation: ["lang"],
  replay_decision_law: [],
  replay_current_law: [],
  decide: ["kind", "month", "note"],
  income_file_lines: ["first", "last"],
  income_import: ["rows", "matched", "inserted", "updated", "unchanged", "skipped", "persons"],
  ind_import: ["rows", "granted", "refused", "unchanged", "problems"],
  ind_import_not_stored: ["rows", "granted", "refused", "unchanged", "problems"],
  transitiedocument_cohort: [],
  return_status: ["from", "to"],
  monthly_run_prepare: ["month"],
  monthly_run_approve: ["month"],
  monthly_run_review: ["month"],
  monthly_run_sepa: ["month"],
  monthly_run_collections: ["month"],
  monthly_run_card_or_cash: ["month"],
  monthly_run_letters: ["month"],
  bank_account: [],
  // A household's transfer: the municipalities by name, the first day, the caseworker's note.
  transfer: ["sender", "receiver", "date", "note"],
  // A consent's audit record names the purpose (enums CONSENT_PURPOSES) it was given,
  // revoked or used for.
  ukrainian_authorities: [],
  unity_hub: [],
  partner_municipality: [],
  iom: [],
} as const satisfies Record<string, readonly string[]>;
export type AuditReasonCode = keyof typeof AUDIT_REASONS;
export const AUDIT_REASON_CODES = Object.keys(AUDIT_REASONS) as AuditReasonCode[];

/**
 * Every entity type an audit record names. The web translates each; a unit test checks
 * that the modules write no other.
 */
export const AUDIT_ENTITY_TYPES = [
  "audit",
  "bank_account",
  "consent",
  "decision",
  "entitlement",
  "forecast_evaluation",
  "funding_advance",
  "gemeente_settings",
  "health_insurance",
  "household",
  "household_history",
  "household_transition",
  "income",
  "income_import",
  "ind_decisions",
  "ind_export",
  "law_scenario",
  "location",
  "location_target_groups",
  "location_transformation",
  "monthly_run",
  "person",
  "person_transition",
  "place_target",
  "placement",
  "residence_status",
  "return_case",
  "session",
  "transition_cost",
  "transition_worklist",
  "user",
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export type ReasonParams = Record<string, string | number>;

/** The text to store for a system reason: the bare code, or the code with its parameters. */
export function codedReason(code: AuditReasonCode, params?: ReasonParams): string {
  const names: readonly string[] = AUDIT_REASONS[code];
  if (names.length === 0) return code;
  const out: Record<string, string | number> = { code };
  for (const name of names) {
    const value = params?.[name];
    if (value === undefined) throw new Error(`reason ${code} needs ${name}`);
    out[name] = value;
  }
  return JSON.stringify(out);
}

export interface ParsedReason {
  code: string;
  params: ReasonParams;
}

const KNOWN = new Set<string>([...AUDIT_REASON_CODES, ...MEMBERSHIP_REASONS, ...PLACEMENT_REASONS]);

/**
 * A stored reason read back: a known code with its parameters, or null for free text (a
 * caseworker's reason, or a record written before reasons were codes).
 */
export function parseReason(text: string | null | undefined): ParsedReason | null {
  if (!text) return null;
  if (KNOWN.has(text)) return { code: text, params: {} };
  if (!text.startsWith('{"code":')) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const { code, ...rest } = value as Record<string, unknown>;
  if (typeof code !== "string" || !(code in AUDIT_REASONS)) return null;
  const params: ReasonParams = {};
  for (const name of AUDIT_REASONS[code as AuditReasonCode] as readonly string[]) {
    const v = rest[name];
    if (typeof v !== "string" && typeof v !== "number") return null;
    params[name] = v;
  }
  return { code, params };
}
