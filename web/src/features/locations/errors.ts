import type { ErrorCatalog } from "../../components/form";

/** Where the locations feature keeps its error texts, for the shared form pieces. */
export const LOCATION_ERRORS: ErrorCatalog = {
  ns: "locations",
  field: "fieldErrors",
  form: "formErrors",
  summary: "common.errorSummary",
};

/** Catalog keys for a form error code, most specific first. */
export function formErrorKeys(code: string): string[] {
  return [`formErrors.${code}`, "formErrors.unknown"];
}
