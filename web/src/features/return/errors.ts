import type { ErrorCatalog } from "../../components/form";

/** Where the return feature keeps its error texts, for the shared form pieces. */
export const RETURN_ERRORS: ErrorCatalog = {
  ns: "return",
  field: "errors",
  form: "apiErrors",
  summary: "form.errorSummary",
};
