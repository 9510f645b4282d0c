/** Targets of places (opgave) and their progress: what http may use. */
export { targetRoutes } from "./targets.routes";
