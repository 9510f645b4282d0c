import type { FeaturePages } from "../types";

/** The pages this feature provides; pages not listed show their empty state. */
export const registryPages: FeaturePages = {};
