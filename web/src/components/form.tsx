import {
  Alert,
  Button,
  ButtonGroup,
  Checkbox,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Link,
  Paragraph,
  PrimaryActionButton,
  Select,
  SelectOption,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { type ReactNode, type Ref, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, type ApiIssue } from "../api";

/**
 * The app's form pieces, built from NL Design System parts with known ids: a labelled field
 * whose description and error are linked to the control with aria-describedby, an error
 * summary that takes focus after a failed submit and links to each field, and the errors
 * themselves, kept as catalog keys (so they follow a language switch) in the feature's own
 * namespace, with the server's message as the fallback for a code the catalog lacks.
 */

// ---------------------------------------------------------------------------------------------
// Errors

/** A problem with a field or with the form as a whole. */
export interface FieldError {
  /** Catalog key in the feature's namespace. */
  key: string;
  params?: Record<string, string | number>;
  /** The server's message, shown when the catalog has no text for the key. */
  fallback?: string;
}

export type FieldErrors<K extends string = string> = Partial<Record<K, FieldError>>;

/** Where a feature keeps its error texts. */
export interface ErrorCatalog {
  /** The i18next namespace. */
  ns: string;
  /** Prefix of the texts per issue code (`${field}.invalid` is the generic one). */
  field: string;
  /** Prefix of the texts per API error code (`${form}.unknown` for anything else). */
  form: string;
  /** The error summary's heading (gets `count`). */
  summary: string;
}

/** A server issue as a field error: the code picks the text, the message is the fallback. */
export function issueError(issue: ApiIssue, catalog: ErrorCatalog): FieldError {
  return {
    key: `${catalog.field}.${issue.code}`,
    ...(issue.params ? { params: issue.params } : {}),
    fallback: issue.message,
  };
}

/**
 * Spreads a failed request over the form: each issue goes to the field `fieldFor` names for
 * its path (the first per field wins); the other issues, or the error itself when it has
 * none, become form-level errors.
 */
export function errorsFromApi<K extends string>(
  error: unknown,
  fieldFor: (path: string) => K | null,
  catalog: ErrorCatalog,
): { fields: FieldErrors<K>; form: FieldError[] } {
  const fields: FieldErrors<K> = {};
  const form: FieldError[] = [];
  if (!(error instanceof ApiError)) {
    form.push({ key: `${catalog.form}.unknown` });
  } else if (error.issues.length === 0) {
    form.push({ key: `${catalog.form}.${error.code}`, fallback: error.message });
  } else {
    for (const issue of error.issues) {
      const field = fieldFor(issue.path);
      if (field) fields[field] ??= issueError(issue, catalog);
      else form.push(issueError(issue, catalog));
    }
  }
  return { fields, form };
}

/**
 * A `fieldFor` for forms whose fields are the request's top-level properties: a list of
 * field names, or the input id per property name.
 */
export function topLevelField<K extends string>(fields: readonly K[] | Partial<Record<string, K>>) {
  const byName: Partial<Record<string, K>> = Array.isArray(fields)
    ? Object.fromEntries(fields.map((field) => [field, field]))
    : fields;
  return (path: string): K | null => byName[path.split(".")[0] ?? ""] ?? null;
}

/**
 * Translates errors in the feature's namespace: its key, else the server's message, else
 * the generic text of its kind (an API error without a text of its own is "something went
 * wrong", not "not filled in correctly").
 */
export function useErrorText(catalog: ErrorCatalog) {
  const { t } = useTranslation(catalog.ns);
  return useCallback(
    (error: FieldError | null | undefined): string | undefined =>
      error
        ? t(error.key, {
            ...error.params,
            defaultValue:
              error.fallback ||
              t(
                error.key.startsWith(`${catalog.form}.`)
                  ? `${catalog.form}.unknown`
                  : `${catalog.field}.invalid`,
              ),
          })
        : undefined,
    [t, catalog.field, catalog.form],
  );
}

/**
 * A form's errors and submit state. `fail` shows errors found in the browser; `run` sends
 * and spreads a failure over the fields (a 409 goes to `onConflict` when given). Both count
 * an attempt, which moves focus to the error summary.
 */
export function useForm<K extends string = string>(catalog: ErrorCatalog) {
  const { t } = useTranslation(catalog.ns);
  const errorText = useErrorText(catalog);
  const [errors, setErrors] = useState<FieldErrors<K>>({});
  const [formErrors, setFormErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  function fail(fields: FieldErrors<K>, form: FieldError[] = []) {
    setErrors(fields);
    setFormErrors(form);
    setAttempt((n) => n + 1);
  }

  /** Runs `action`; true when it succeeded. */
  async function run(
    action: () => Promise<void>,
    fieldFor: (path: string) => K | null,
    onConflict?: (error: ApiError) => void,
  ): Promise<boolean> {
    setBusy(true);
    try {
      await action();
      clear();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && onConflict) onConflict(error);
      else {
        const split = errorsFromApi(error, fieldFor, catalog);
        fail(split.fields, split.form);
      }
      return false;
    } finally {
      setBusy(false);
    }
  }

  function clear() {
    setErrors({});
    setFormErrors([]);
  }

  /** The error summary's props; `labels` name the fields, `id` gives a field's input id. */
  function summary(
    labels: Partial<Record<K, string>> | ((key: K) => string | undefined),
    id: (key: K) => string = (key) => key,
  ): ErrorSummaryProps {
    const label = typeof labels === "function" ? labels : (key: K) => labels[key];
    const items: SummaryItem[] = [
      ...formErrors.map((error) => ({ text: errorText(error) ?? "" })),
      ...(Object.entries(errors) as [K, FieldError | undefined][]).map(([key, error]) => ({
        fieldId: id(key),
        label: label(key),
        text: errorText(error) ?? "",
      })),
    ];
    return { title: t(catalog.summary, { count: items.length }), items, attempt };
  }

  return {
    errors,
    busy,
    attempt,
    fail,
    clear,
    run,
    summary,
    /** The translated error of a field, if any. */
    error: (key: K) => errorText(errors[key]),
  };
}

// ---------------------------------------------------------------------------------------------
// Fields

function describedBy(...ids: unknown[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === "string" && id !== "");
  return list.length ? list.join(" ") : undefined;
}

export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  "aria-required"?: true;
  invalid: boolean;
}

interface BaseFieldProps {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  /** The translated error; the field is invalid while it is set. */
  error?: string | null;
  className?: string;
  /** Content after the control, such as a suggestion. */
  after?: ReactNode;
  /** The field must be filled in: its label says so, and the control is aria-required. */
  required?: boolean;
}

export interface FieldProps extends BaseFieldProps {
  children: (control: ControlProps) => ReactNode;
}

function Description({ id, children }: { id: string; children: ReactNode }) {
  return children ? (
    <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
      {children}
    </FormFieldDescription>
  ) : null;
}

function ErrorMessage({ id, error }: { id: string; error?: string | null }) {
  return error ? (
    <FormFieldErrorMessage id={`${id}-error`} className="utrecht-form-field__error-message">
      {error}
    </FormFieldErrorMessage>
  ) : null;
}

function controlProps(
  id: string,
  description: ReactNode,
  error?: string | null,
  required?: boolean,
): ControlProps {
  return {
    id,
    "aria-describedby": describedBy(description && `${id}-description`, error && `${id}-error`),
    "aria-invalid": error ? true : undefined,
    "aria-required": required ? true : undefined,
    invalid: Boolean(error),
  };
}

/**
 * The mark after a required field's label: "(verplicht)" in the page's language. Screen
 * readers hear "required" from the control's aria-required, so the mark is hidden from them.
 */
export function RequiredMark() {
  const { t } = useTranslation();
  return (
    <span className="opvang-required" aria-hidden="true" data-testid="required-mark">
      {` (${t("form.required")})`}
    </span>
  );
}

/** A labelled control (given as a function of its ids) with description and error. */
export function Field({
  id,
  label,
  description,
  error,
  className,
  after,
  required,
  children,
}: FieldProps) {
  return (
    <FormField
      invalid={Boolean(error)}
      className={className}
      data-field={id}
      data-testid={`field-${id}`}
    >
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
        {/* Beside the label, not in it: the label (the control's name) stays the field's name. */}
        {required ? <RequiredMark /> : null}
      </div>
      <Description id={id}>{description}</Description>
      <ErrorMessage id={id} error={error} />
      <div className="utrecht-form-field__input">
        {children(controlProps(id, description, error, required))}
      </div>
      {after}
    </FormField>
  );
}

export interface TextFieldProps extends BaseFieldProps {
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "date" | "month" | "number" | "search";
  inputMode?: "text" | "decimal" | "numeric";
  autoComplete?: string;
  placeholder?: string;
  maxLength?: number;
  lang?: string;
  required?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

export function TextField({
  value,
  onChange,
  type = "text",
  inputMode,
  autoComplete = "off",
  placeholder,
  maxLength,
  lang,
  required,
  inputRef,
  ...field
}: TextFieldProps) {
  return (
    <Field {...field} required={required}>
      {(control) => (
        <Textbox
          {...control}
          ref={inputRef}
          name={field.id}
          type={type}
          value={value}
          inputMode={inputMode}
          autoComplete={autoComplete}
          placeholder={placeholder}
          maxLength={maxLength}
          lang={lang}
          required={required}
          onChange={(event) => onChange((event.target as HTMLInputElement).value)}
        />
      )}
    </Field>
  );
}

/**
 * A date typed as text, as the reader writes it: 14-03-1984, 14.03.1984 or 1984-03-14
 * (parse it with web/src/dates.ts before sending). A text box rather than the browser's date
 * picker, whose format follows the browser's locale, not the language of the page.
 */
export function DateField(props: Omit<TextFieldProps, "type" | "inputMode" | "placeholder">) {
  const { t } = useTranslation();
  return (
    <TextField
      {...props}
      inputMode="numeric"
      placeholder={t("form.datePlaceholder")}
      maxLength={props.maxLength ?? 12}
    />
  );
}

export interface SelectFieldProps extends BaseFieldProps {
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  required?: boolean;
}

export function SelectField({ value, onChange, options, required, ...field }: SelectFieldProps) {
  return (
    <Field {...field} required={required}>
      {(control) => (
        <Select
          {...control}
          name={field.id}
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

export interface CheckboxFieldProps extends Omit<BaseFieldProps, "after" | "required"> {
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** A checkbox with its label beside it (so not through Field). */
export function CheckboxField({
  id,
  label,
  description,
  error,
  className,
  checked,
  onChange,
}: CheckboxFieldProps) {
  return (
    <FormField
      invalid={Boolean(error)}
      type="checkbox"
      className={className}
      data-field={id}
      data-testid={`field-${id}`}
    >
      <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <FormLabel htmlFor={id} type="checkbox" checked={checked}>
          <Checkbox
            {...controlProps(id, description, error)}
            name={id}
            className="utrecht-form-field__input"
            checked={checked}
            onChange={(event) => onChange(event.target.checked)}
          />
          {label}
        </FormLabel>
      </div>
      <Description id={id}>{description}</Description>
      <ErrorMessage id={id} error={error} />
    </FormField>
  );
}

// ---------------------------------------------------------------------------------------------
// Summary, actions, notices

export interface SummaryItem {
  /** The id of the input to go to; none for a problem with the form as a whole. */
  fieldId?: string;
  /** The field's label, shown before the text. */
  label?: string;
  text: string;
}

export interface ErrorSummaryProps {
  title: string;
  items: SummaryItem[];
  /** Counts failed submits: the summary takes focus whenever it changes. */
  attempt: number;
  testId?: string;
}

/** Sorts the items as their fields stand on the page; form-level problems come first. */
function inPageOrder(items: SummaryItem[]): SummaryItem[] {
  const fields = [...document.querySelectorAll<HTMLElement>("[data-field]")].map(
    (element) => element.dataset.field,
  );
  const rank = ({ fieldId }: SummaryItem) => {
    if (fieldId === undefined) return -1;
    const index = fields.indexOf(fieldId);
    return index < 0 ? fields.length : index;
  };
  return [...items].sort((a, b) => rank(a) - rank(b));
}

/**
 * The list of problems above a form, announced as an alert. It takes focus whenever
 * `attempt` changes while it has something to say, so a keyboard or screen reader user lands
 * on it after a failed submit; each item links to its field and moves focus there.
 */
export function ErrorSummary({
  title,
  items,
  attempt,
  testId = "error-summary",
}: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const visible = items.length > 0;
  useEffect(() => {
    if (visible && attempt > 0) ref.current?.focus();
  }, [attempt, visible]);
  if (!visible) return null;
  return (
    <div ref={ref} tabIndex={-1} className="opvang-error-summary" data-testid={testId}>
      <Alert type="error" role="alert">
        <Heading2 className="opvang-error-summary__title">{title}</Heading2>
        <UnorderedList>
          {inPageOrder(items).map((item, index) => {
            const text = item.label ? `${item.label}: ${item.text}` : item.text;
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
                    {text}
                  </Link>
                ) : (
                  text
                )}
              </UnorderedListItem>
            );
          })}
        </UnorderedList>
      </Alert>
    </div>
  );
}

/** The submit button (busy while sending) and an optional cancel button. */
export function FormActions({
  submit,
  busy = false,
  cancel,
  onCancel,
}: {
  submit: string;
  busy?: boolean;
  cancel?: string;
  onCancel?: () => void;
}) {
  return (
    <ButtonGroup>
      <PrimaryActionButton type="submit" busy={busy} disabled={busy}>
        {submit}
      </PrimaryActionButton>
      {onCancel ? (
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {cancel}
        </Button>
      ) : null}
    </ButtonGroup>
  );
}

/** A status or error message (role=alert for errors, status for the rest). */
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
