import "../locations/locations.css";
import "./transition.css";

/**
 * The transition feature (texts in the `transition` namespace): the /transition page and the
 * household page's section on the transition of 4 March 2027.
 */
export { TransitionPage } from "./TransitionPage";
export { TransitionSection } from "./TransitionSection";
