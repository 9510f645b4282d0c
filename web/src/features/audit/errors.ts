import type { ErrorCatalog } from "../../components/form";

/** Where the access log keeps its error texts, for the shared form pieces. */
export const AUDIT_ERRORS: ErrorCatalog = {
  ns: "audit",
  field: "errors",
  form: "apiErrors",
  summary: "errors.summary",
};
