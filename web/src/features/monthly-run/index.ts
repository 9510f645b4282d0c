import "../locations/locations.css";
import "./monthly-run.css";

/**
 * The monthly run (texts in the `monthly-run` namespace): the /monthly-run page and the
 * overview's card of this month's and next month's run.
 */
export { MonthlyRunOverview } from "./components/RunsOverview";
export { MonthlyRunPage } from "./MonthlyRunPage";
