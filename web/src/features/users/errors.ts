import type { ErrorCatalog } from "../../components/form";

/** Where user management keeps its error texts, for the shared form pieces. */
export const USERS_ERRORS: ErrorCatalog = {
  ns: "users",
  field: "fieldErrors",
  form: "formErrors",
  summary: "errorSummary",
};
