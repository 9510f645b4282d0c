import type { ErrorCatalog } from "../../components/form";

/** Where the registry keeps its error texts, for the shared form pieces. */
export const REGISTRY_ERRORS: ErrorCatalog = {
  ns: "registry",
  field: "errors",
  form: "apiErrors",
  summary: "form.errorSummary",
};
