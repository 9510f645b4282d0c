import { ApiError } from "../../api";
import type { ErrorCatalog } from "../../components/form";
import { formatDate, formatNumber } from "../../format";

/** Where the funding feature keeps its error texts, for the shared form pieces. */
export const FUNDING_ERRORS: ErrorCatalog = {
  ns: "funding",
  field: "errors",
  form: "apiErrors",
  summary: "period.errorSummary",
};

/** The same texts for the entry forms (transition costs, advance, other target groups). */
export const FUNDING_FORM_ERRORS: ErrorCatalog = {
  ...FUNDING_ERRORS,
  summary: "forms.errorSummary",
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The same error with the values in its issues' params (the BooO's first day, the longest
 * period) written in the user's language, so the translated text shows them as every other
 * date and number on the page.
 */
export function withLocalParams(error: unknown, language: string): unknown {
  if (!(error instanceof ApiError)) return error;
  const issues = error.issues.map((issue) =>
    issue.params
      ? {
          ...issue,
          params: Object.fromEntries(
            Object.entries(issue.params).map(([key, value]) => [
              key,
              typeof value === "number"
                ? formatNumber(value, language)
                : ISO_DATE.test(value)
                  ? formatDate(value, language)
                  : value,
            ]),
          ),
        }
      : issue,
  );
  return new ApiError(error.status, error.code, error.message, issues, error.current);
}

/** Runs a call and rethrows its refusal with the values in the reader's language. */
export async function localised<T>(call: () => Promise<T>, language: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw withLocalParams(error, language);
  }
}
