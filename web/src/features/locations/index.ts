import type { FeaturePages } from "../types";
import "./locations.css";
import { IncomesPage } from "./pages/IncomesPage";
import { LocationsPage } from "./pages/LocationsPage";
import { PlacementsPage } from "./pages/PlacementsPage";

/** The pages this feature provides; pages not listed show their empty state. */
export const locationsPages: FeaturePages = {
  locations: LocationsPage,
  placements: PlacementsPage,
  incomes: IncomesPage,
};
