/** The voluntary return programme: what other modules may use. */
export { returnRoutes } from "./return.routes";
export type { ReturnHooks } from "./return.service";
