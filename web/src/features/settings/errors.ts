import type { ErrorCatalog } from "../../components/form";

/** Where the settings feature keeps its error texts, for the shared form pieces. */
export const SETTINGS_ERRORS: ErrorCatalog = {
  ns: "settings",
  field: "errors",
  form: "apiErrors",
  summary: "form.errorSummary",
};
