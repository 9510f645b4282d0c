/** The national view (aggregates only): what other modules, http and the CLI may use. */
export { NationalFactsRefresher, refreshNationalFacts } from "./facts.service";
export { nationalRoutes } from "./national.routes";
export { figuresParagraph } from "./national.service";
