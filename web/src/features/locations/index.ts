import "./locations.css";

/** The locations feature's pages (lazy-loaded by the router with the `locations` texts). */
export { LocationDetailRoutePage } from "./pages/LocationDetailPage";
export { LocationListPage } from "./pages/LocationListPage";
export { NewLocationPage } from "./pages/NewLocationPage";
