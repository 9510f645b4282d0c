/** Persons and households: what other modules may use. */
export { backfillNameKeys } from "./name-keys";
export { findHousehold, findHouseholdInScope, findPersonInScope } from "./registry.repository";
export { registryRoutes } from "./registry.routes";
export type { MembershipHooks } from "./registry.service";
export { transferRoutes } from "./transfer.routes";
