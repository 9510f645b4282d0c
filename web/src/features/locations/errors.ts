import { ApiError, type ApiIssue } from "../../api";

/** A field's error as a catalog key's code and its parameters; translated when shown. */
export interface FieldError {
  code: string;
  params?: Record<string, string | number>;
}

export type FieldErrors<F extends string = string> = Partial<Record<F, FieldError>>;

/** A form-level problem: the server's error code (translated) and its message. */
export interface FormError {
  code: string;
  status: number;
  message: string;
  params?: Record<string, string | number>;
}

/**
 * Splits an API error into field errors (issues whose path starts with one of the form's
 * fields; the first issue per field wins) and a form error for the rest.
 */
export function errorsFromApi<F extends string>(
  error: unknown,
  fields: readonly F[],
): { fields: FieldErrors<F>; form: FormError | null } {
  if (!(error instanceof ApiError)) {
    return {
      fields: {},
      form: { code: "unknown", status: 0, message: error instanceof Error ? error.message : "" },
    };
  }
  const out: FieldErrors<F> = {};
  const rest: ApiIssue[] = [];
  for (const issue of error.issues) {
    const head = issue.path.split(".")[0] as F;
    if (fields.includes(head)) {
      out[head] ??= { code: issue.code, ...(issue.params ? { params: issue.params } : {}) };
    } else rest.push(issue);
  }
  const hasFieldErrors = Object.keys(out).length > 0;
  const form =
    hasFieldErrors && rest.length === 0
      ? null
      : {
          code: error.code,
          status: error.status,
          message: rest.length ? rest.map((i) => i.message).join("; ") : error.message,
          ...(rest[0]?.params ? { params: rest[0].params } : {}),
        };
  return { fields: out, form };
}

/** Catalog keys for a field error code, most specific first. */
export function fieldErrorKeys(code: string): string[] {
  return [`fieldErrors.${code}`, "fieldErrors.invalid"];
}

/** Catalog keys for a form error code, most specific first. */
export function formErrorKeys(code: string): string[] {
  return [`formErrors.${code}`, "formErrors.unknown"];
}
