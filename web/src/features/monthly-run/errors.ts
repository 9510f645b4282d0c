import { ApiError } from "../../api";
import type { ErrorCatalog } from "../../components/form";
import { formatMonth } from "./format";

/** Where the monthly run keeps its error texts, for the shared form pieces. */
export const MONTHLY_RUN_ERRORS: ErrorCatalog = {
  ns: "monthly-run",
  field: "errors",
  form: "apiErrors",
  summary: "form.errorSummary",
};

const MONTH = /^\d{4}-\d{2}$/;

/**
 * The same error with the months in its issues' params ("2027-01 is approved") written in
 * the user's language, so the translated text shows them as every other month.
 */
export function withLocalMonths(error: unknown, language: string): unknown {
  if (!(error instanceof ApiError)) return error;
  const issues = error.issues.map((issue) =>
    issue.params
      ? {
          ...issue,
          params: Object.fromEntries(
            Object.entries(issue.params).map(([key, value]) => [
              key,
              typeof value === "string" && MONTH.test(value) ? formatMonth(value, language) : value,
            ]),
          ),
        }
      : issue,
  );
  return new ApiError(error.status, error.code, error.message, issues, error.current);
}
