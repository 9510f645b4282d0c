import { ApiError } from "../../api";
import type { ErrorCatalog } from "../../components/form";
import { formatDate } from "../../format";

/** Where the transition feature keeps its error texts, for the shared form pieces. */
export const TRANSITION_ERRORS: ErrorCatalog = {
  ns: "transition",
  field: "errors",
  form: "apiErrors",
  summary: "form.errorSummary",
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The same error with the dates in its issues' params (an overlap "from 2026-09-01") written
 * in the user's language, so the translated text shows them as every other date.
 */
export function withLocalDates(error: unknown, language: string): unknown {
  if (!(error instanceof ApiError)) return error;
  const issues = error.issues.map((issue) =>
    issue.params
      ? {
          ...issue,
          params: Object.fromEntries(
            Object.entries(issue.params).map(([key, value]) => [
              key,
              typeof value === "string" && ISO_DATE.test(value)
                ? formatDate(value, language)
                : value,
            ]),
          ),
        }
      : issue,
  );
  return new ApiError(error.status, error.code, error.message, issues);
}

/** Runs a request; a refusal comes back with its dates in the user's language. */
export async function sending<T>(language: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw withLocalDates(error, language);
  }
}
