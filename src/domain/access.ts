/**
 * Who is acting and on what: the access context every service takes. Built in http from
 * the session; services never look at a session or a role to decide what they may read,
 * only at the scope.
 *
 * - gemeente: caseworker, finance officer, municipal admin: their municipality's records;
 * - household: a resident: their own household only (the household their person belongs to);
 * - national: the coordinator: aggregates only, never a name, BSN or address;
 * - system: system administration (accounts, reference data).
 */
import { NotFoundError } from "./errors";

export const ROLES = [
  "caseworker",
  "finance_officer",
  "municipal_admin",
  "national_coordinator",
  "system_admin",
  "resident",
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that work for one municipality. */
export const MUNICIPAL_ROLES: readonly Role[] = [
  "caseworker",
  "finance_officer",
  "municipal_admin",
];

/**
 * What a user may be offered in the web (GET /api/auth/me); each is decided by the declared
 * access of one API operation (src/http/permissions.ts).
 */
export const PERMISSIONS = [
  "households.read",
  "households.list",
  "households.write",
  "persons.search",
  "locations.read",
  "locations.write",
  "placements.read",
  "placements.write",
  "incomes.read",
  "incomes.write",
  "incomes.import",
  "entitlement.read",
  "decisions.read",
  "decisions.write",
  "changes.acknowledge",
  "audit.read",
  "audit.list",
  "occupancy.national",
  "transition.read",
  "transition.write",
  "transition.cohort",
  "transition.national",
  "transition.scenario",
  "transition.locations",
  "return.read",
  "return.write",
  "users.read",
  "users.write",
  "overview.worklist",
  "overview.admin",
  "monthly_run.read",
  "monthly_run.prepare",
  "monthly_run.approve",
  "bank_account.write",
  "settings.read",
  "settings.write",
  "national.figures",
  "national.open_data",
  "national.targets",
  "national.forecast",
  "national.funding",
  "households.transfer",
  "targets.read",
  "funding.claim",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const LANGUAGES = ["nl", "uk", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The signed-in user as every route sees it. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** Null for national roles. */
  gemeenteCode: string | null;
  gemeenteName: string | null;
  /** Residents: their own person. */
  personId: number | null;
  language: "nl" | "uk" | "en";
  /**
   * The account still has a one-time password from an administrator: until the user has
   * chosen their own, only routes about themselves (scope `self`) answer.
   */
  mustChangePassword?: boolean;
}

export type AccessScope =
  | { kind: "gemeente"; gemeente: string }
  | { kind: "household"; personId: number }
  | { kind: "national" }
  | { kind: "system" };

export interface AccessContext {
  /** The user's id; audit records name it. */
  id: number;
  username: string;
  role: Role;
  language: Language;
  scope: AccessScope;
}

/** The scope a role works in, from the account's municipality or person. */
export function scopeFor(
  role: Role,
  gemeenteCode: string | null,
  personId: number | null,
): AccessScope {
  if (MUNICIPAL_ROLES.includes(role)) {
    if (!gemeenteCode) throw new Error(`a ${role} account without a municipality`);
    return { kind: "gemeente", gemeente: gemeenteCode };
  }
  if (role === "resident") {
    if (personId === null) throw new Error("a resident account without a person");
    return { kind: "household", personId };
  }
  return role === "national_coordinator" ? { kind: "national" } : { kind: "system" };
}

/**
 * The municipality whose records the context may read and change. Any other scope reaches
 * no municipal record: it answers as if the record did not exist (404), never 403, so a
 * caller learns nothing about records outside their scope.
 */
export function gemeenteOf(ctx: AccessContext): string {
  if (ctx.scope.kind !== "gemeente") throw new NotFoundError("record");
  return ctx.scope.gemeente;
}

/** The resident's own person, or null for any other scope. */
export function residentPerson(ctx: AccessContext): number | null {
  return ctx.scope.kind === "household" ? ctx.scope.personId : null;
}
