import "./registry.css";

/** The registry feature's pages (lazy-loaded by the router with the `registry` texts). */
export { HouseholdRoutePage } from "./HouseholdPage";
export { HouseholdsStart, NewHouseholdPage } from "./HouseholdsPage";
export { SearchPage } from "./SearchPage";
