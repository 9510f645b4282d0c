/** Placements in reception: what other modules may use. */
export { placementRoutes } from "./placements.routes";
export { endStayOnDeparture } from "./placements.service";
