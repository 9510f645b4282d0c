/** Reception locations: what other modules may use. */
export { findLocationForPlacement, statusesDuring } from "./locations.repository";
export { locationRoutes } from "./locations.routes";
