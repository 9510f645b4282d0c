/** A household's amounts for a month from its facts: what other modules may use. */
export { entitlementRoutes } from "./entitlement.routes";
export { loadMonthRequest, type MonthFacts, monthFactsOfGemeente } from "./entitlement.service";
