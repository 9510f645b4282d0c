import "../locations/locations.css";

/** The placements feature's pages: the municipality's occupancy on a date. */
export { PlacementsPage } from "./PlacementsPage";
