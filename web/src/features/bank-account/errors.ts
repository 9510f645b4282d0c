import type { ErrorCatalog } from "../../components/form";

/** Where the bank account section keeps its error texts, for the shared form pieces. */
export const BANK_ACCOUNT_ERRORS: ErrorCatalog = {
  ns: "bank-account",
  field: "errors",
  form: "apiErrors",
  summary: "form.errorSummary",
};
