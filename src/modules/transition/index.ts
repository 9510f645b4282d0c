/** The transition of 4 March 2027: what other modules may use. */
export { transitionRoutes } from "./transition.routes";
export {
  endProtectionOnDeparture,
  supportPeriodsFor,
  supportPeriodsForHouseholds,
  worklist as transitionWorklist,
} from "./transition.service";
