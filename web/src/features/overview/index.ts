import "./overview.css";

/** The overview feature (texts in the `overview` namespace): the /dashboard page. */
export { OverviewContent, OverviewPage } from "./OverviewPage";
