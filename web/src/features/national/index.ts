import "../locations/locations.css";
import "./national.css";

/** The national view (texts in the `national` namespace): the /national dashboard. */
export { NationalPage } from "./NationalPage";
export { NationalForecastPage, NationalFundingPage } from "./PlanningPages";
