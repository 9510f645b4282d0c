/** The working day's overview per role: what other modules and http may use. */
export { overviewRoutes } from "./overview.routes";
