import { auditPages } from "./audit";
import { locationsPages } from "./locations";
import { registryPages } from "./registry";
import type { FeaturePages } from "./types";

/** Every built page by id; App falls back to the page's empty state for the rest. */
export const FEATURE_PAGES: FeaturePages = {
  ...registryPages,
  ...locationsPages,
  ...auditPages,
};
