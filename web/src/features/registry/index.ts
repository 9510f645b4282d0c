import type { FeaturePages } from "../types";
import { HouseholdsPage } from "./HouseholdsPage";
import { SearchPage } from "./SearchPage";
import "./registry.css";

/** The pages this feature provides; pages not listed show their empty state. */
export const registryPages: FeaturePages = { households: HouseholdsPage, search: SearchPage };
