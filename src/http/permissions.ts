/**
 * What the web app may offer a user, each permission named by the operation (under /api/v1)
 * whose declared access decides it: a role has the permission when that route lets it in.
 * So the list follows the routes' own declarations (x-opvang-access in the OpenAPI
 * document the app serves) and cannot promise what the API refuses.
 */
import type { Permission, Role } from "../domain/access";
import { ROLES } from "../domain/access";
import type { Access } from "./access";

export const PERMISSION_OPERATIONS: Record<Permission, string> = {
  "households.read": "GET /households/{id}",
  "households.list": "GET /households",
  "households.write": "POST /households",
  "persons.search": "GET /persons",
  "locations.read": "GET /locations",
  "locations.write": "POST /locations",
  "placements.read": "GET /occupancy/gemeente",
  "placements.write": "POST /households/{id}/placements",
  "incomes.read": "GET /persons/{id}/incomes",
  "incomes.write": "POST /persons/{id}/incomes",
  "incomes.import": "POST /income-imports",
  "entitlement.read": "GET /households/{id}/entitlement",
  "decisions.read": "GET /households/{id}/decisions",
  "decisions.write": "POST /households/{id}/decisions",
  "changes.acknowledge": "POST /households/{id}/changes/acknowledge",
  "audit.read": "GET /persons/{id}/audit",
  "audit.list": "GET /audit",
  "occupancy.national": "GET /occupancy/regions",
  "transition.read": "GET /households/{id}/transition",
  "transition.write": "PUT /persons/{id}/transition",
  "transition.cohort": "GET /transition/cohort",
  "transition.national": "GET /transition/cohort/national",
  "transition.scenario": "PUT /transition/scenario",
  "transition.locations": "PUT /locations/{id}/transformation",
  "return.read": "GET /households/{id}/return-case",
  "return.write": "POST /return-cases/{id}/steps",
  "users.read": "GET /users",
  "users.write": "POST /users",
  "overview.worklist": "GET /overview/worklist",
  "overview.admin": "GET /overview/admin",
  "monthly_run.read": "GET /monthly-runs",
  "monthly_run.prepare": "POST /monthly-runs",
  "monthly_run.approve": "POST /monthly-runs/{id}/approve",
  "bank_account.write": "PUT /households/{id}/bank-account",
  "settings.read": "GET /gemeente-settings",
  "settings.write": "PUT /gemeente-settings",
  "national.figures": "GET /national/figures",
  "national.open_data": "GET /national/open-data/figures.csv",
  "national.targets": "POST /national/targets",
  "national.forecast": "GET /national/forecast",
  "national.funding": "GET /national/funding",
  "households.transfer": "POST /households/{id}/transfer",
  "targets.read": "GET /targets/progress",
  "funding.claim": "GET /funding/claim",
};
export { PERMISSIONS, type Permission } from "../domain/access";

type Doc = { paths: Record<string, Record<string, { "x-opvang-access"?: Access }>> };

/** Each role's permissions from the served document's declared access. */
export function permissionsByRole(doc: Doc): Record<Role, Permission[]> {
  const access = new Map<string, Access>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const declared = op["x-opvang-access"];
      if (declared)
        access.set(`${method.toUpperCase()} ${path.replace(/^\/api\/v1/, "")}`, declared);
    }
  }
  const byRole = {} as Record<Role, Permission[]>;
  for (const role of ROLES) byRole[role] = [];
  for (const [permission, operation] of Object.entries(PERMISSION_OPERATIONS)) {
    const declared = access.get(operation);
    if (!declared) throw new Error(`permission ${permission}: no route ${operation}`);
    for (const role of declared.roles) byRole[role].push(permission as Permission);
  }
  return byRole;
}
