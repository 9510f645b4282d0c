import {
  Alert,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Link,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import type { TFunction } from "i18next";
import { forwardRef, type ReactNode, type Ref } from "react";
import { useTranslation } from "react-i18next";
import type { ApiError, ApiIssue } from "../../../api";

/**
 * Form pieces for the registry pages: a labelled field whose description and error are
 * linked to the control with aria-describedby, and an error summary that takes focus after
 * a failed submit and links to each field. Errors are kept as catalog keys with parameters,
 * so they follow a language switch; the server's English message is the last fallback.
 */

export interface FieldError {
  /** Catalog key in the registry namespace. */
  key: string;
  params?: Record<string, string | number>;
  /** The server's message, shown when the catalog has no text for the code. */
  fallback?: string;
}

export type FieldErrors = Record<string, FieldError>;

export function errorText(t: TFunction, error: FieldError): string {
  return t(error.key, { ...error.params, defaultValue: error.fallback ?? t("errors.invalid") });
}

/** Zod's codes for an empty or missing value all mean "required" to the user. */
const REQUIRED_CODES = new Set(["required", "too_small", "invalid_type"]);

/** A server issue as a field error: the code picks the text, the message is the fallback. */
export function issueError(issue: ApiIssue): FieldError {
  const code = REQUIRED_CODES.has(issue.code) ? "required" : issue.code;
  return { key: `errors.${code}`, params: issue.params, fallback: issue.message };
}

/**
 * Spreads a 400's issues over the form's fields: `fieldFor` maps an issue path to a field id
 * (or null when the form has no such field; those issues go to `rest`).
 */
export function errorsFromIssues(
  error: ApiError,
  fieldFor: (path: string) => string | null,
): { fields: FieldErrors; rest: FieldError[] } {
  const fields: FieldErrors = {};
  const rest: FieldError[] = [];
  for (const issue of error.issues) {
    const field = fieldFor(issue.path);
    if (field) fields[field] ??= issueError(issue);
    else rest.push(issueError(issue));
  }
  return { fields, rest };
}

/** A form-level message for an API error without field issues. */
export function apiErrorKey(error: unknown): string {
  const code = (error as { code?: string } | null)?.code ?? "unknown";
  return `apiErrors.${code}`;
}

export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  invalid: boolean;
}

export interface FieldProps {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: FieldError;
  className?: string;
  /** Content after the control, such as a suggestion (linked by its own id if needed). */
  after?: ReactNode;
  children: (control: ControlProps) => ReactNode;
}

export function Field({ id, label, description, error, className, after, children }: FieldProps) {
  const { t } = useTranslation("registry");
  const describedBy = [description ? `${id}-description` : "", error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <FormField invalid={Boolean(error)} className={className} data-field={id}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {description ? (
        <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
          {description}
        </FormFieldDescription>
      ) : null}
      {error ? (
        <FormFieldErrorMessage id={`${id}-error`} className="utrecht-form-field__error-message">
          {errorText(t, error)}
        </FormFieldErrorMessage>
      ) : null}
      <div className="utrecht-form-field__input">
        {children({
          id,
          "aria-describedby": describedBy || undefined,
          "aria-invalid": error ? true : undefined,
          invalid: Boolean(error),
        })}
      </div>
      {after}
    </FormField>
  );
}

export interface TextFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  description?: ReactNode;
  error?: FieldError;
  type?: "text" | "date" | "month" | "number" | "search";
  autoComplete?: string;
  inputMode?: "numeric" | "text";
  lang?: string;
  required?: boolean;
  className?: string;
  after?: ReactNode;
  placeholder?: string;
  inputRef?: Ref<HTMLInputElement>;
}

export function TextField({
  id,
  label,
  value,
  onChange,
  description,
  error,
  type = "text",
  autoComplete,
  inputMode,
  lang,
  required,
  className,
  after,
  placeholder,
  inputRef,
}: TextFieldProps) {
  return (
    <Field
      id={id}
      label={label}
      description={description}
      error={error}
      className={className}
      after={after}
    >
      {(control) => (
        <Textbox
          {...control}
          ref={inputRef}
          name={id}
          type={type}
          value={value}
          autoComplete={autoComplete ?? "off"}
          inputMode={inputMode}
          lang={lang}
          required={required}
          placeholder={placeholder}
          onChange={(event) => onChange((event.target as HTMLInputElement).value)}
        />
      )}
    </Field>
  );
}

export interface SelectFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  description?: ReactNode;
  error?: FieldError;
  className?: string;
  required?: boolean;
}

export function SelectField({
  id,
  label,
  value,
  onChange,
  options,
  description,
  error,
  className,
  required,
}: SelectFieldProps) {
  return (
    <Field id={id} label={label} description={description} error={error} className={className}>
      {(control) => (
        <Select
          {...control}
          name={id}
          value={value}
          required={required}
          onChange={(event) => onChange(event.target.value)}
        >
          {options.map((option) => (
            <SelectOption key={option.value} value={option.value}>
              {option.label}
            </SelectOption>
          ))}
        </Select>
      )}
    </Field>
  );
}

export interface SummaryItem {
  fieldId?: string;
  label?: string;
  error: FieldError;
}

/**
 * The list of problems above a form. It is focused after a failed submit (the caller passes
 * a ref); each item links to its field and moves focus there.
 */
export const ErrorSummary = forwardRef<HTMLDivElement, { items: SummaryItem[]; testId?: string }>(
  function ErrorSummary({ items, testId }, ref) {
    const { t } = useTranslation("registry");
    if (items.length === 0) return null;
    return (
      <div
        ref={ref}
        tabIndex={-1}
        className="opvang-registry-error-summary"
        data-testid={testId ?? "error-summary"}
      >
        <Alert type="error" role="alert">
          <Heading2 className="opvang-registry-error-summary__title">
            {t("form.errorSummary", { count: items.length })}
          </Heading2>
          <UnorderedList>
            {items.map((item, index) => {
              const text = errorText(t, item.error);
              const label = item.label ? `${item.label}: ${text}` : text;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: form-level errors have no id of their own
                <UnorderedListItem key={`${item.fieldId ?? "form"}-${index}`}>
                  {item.fieldId ? (
                    <Link
                      href={`#${item.fieldId}`}
                      onClick={(event) => {
                        event.preventDefault();
                        document.getElementById(item.fieldId ?? "")?.focus();
                      }}
                    >
                      {label}
                    </Link>
                  ) : (
                    label
                  )}
                </UnorderedListItem>
              );
            })}
          </UnorderedList>
        </Alert>
      </div>
    );
  },
);

/** A status or error message for an action (role=status for good news, alert for errors). */
export function Notice({
  type,
  children,
  testId,
}: {
  type: "ok" | "error" | "warning" | "info";
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Alert type={type} role={type === "error" ? "alert" : "status"} data-testid={testId}>
      {typeof children === "string" ? <Paragraph>{children}</Paragraph> : children}
    </Alert>
  );
}
