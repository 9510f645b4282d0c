/** The BooO funding claim (aggregates only): what other modules, http and the CLI may use. */
export { fundingRoutes } from "./funding.routes";
export { gemeenteClaim, locationClaimDays, nationalFunding } from "./funding.service";
