import {
  Alert,
  Checkbox,
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
import { type ReactNode, type Ref, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

/**
 * Form fields built from NL Design System parts with known ids, so that the error summary
 * can link to each input and each input names its description and error with
 * aria-describedby.
 */

function describedBy(...ids: unknown[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === "string" && id !== "");
  return list.length ? list.join(" ") : undefined;
}

interface BaseFieldProps {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  /** The translated error; the field is invalid while it is set. */
  error?: string | null;
  required?: boolean;
}

export interface TextFieldProps extends BaseFieldProps {
  value: string;
  onChange: (value: string) => void;
  type?: string;
  name?: string;
  inputMode?: "text" | "decimal" | "numeric";
  autoComplete?: string;
  placeholder?: string;
  maxLength?: number;
  min?: string;
  inputRef?: Ref<HTMLInputElement>;
}

export function TextField({
  id,
  label,
  description,
  error,
  required,
  value,
  onChange,
  type = "text",
  name,
  inputMode,
  autoComplete,
  placeholder,
  maxLength,
  min,
  inputRef,
}: TextFieldProps) {
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  return (
    <FormField invalid={Boolean(error)} type="text" data-testid={`field-${id}`}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {description ? (
        <FormFieldDescription id={descriptionId} className="utrecht-form-field__description">
          {description}
        </FormFieldDescription>
      ) : null}
      {error ? (
        <FormFieldErrorMessage id={errorId} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      ) : null}
      <div className="utrecht-form-field__input">
        <Textbox
          id={id}
          ref={inputRef}
          name={name ?? id}
          type={type}
          value={value}
          inputMode={inputMode}
          autoComplete={autoComplete}
          placeholder={placeholder}
          maxLength={maxLength}
          min={min}
          required={required}
          invalid={Boolean(error)}
          aria-describedby={describedBy(description && descriptionId, error && errorId)}
          onChange={(event) => onChange(event.target.value)}
        />
      </div>
    </FormField>
  );
}

export interface SelectFieldProps extends BaseFieldProps {
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}

export function SelectField({
  id,
  label,
  description,
  error,
  required,
  value,
  onChange,
  options,
}: SelectFieldProps) {
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  return (
    <FormField invalid={Boolean(error)} data-testid={`field-${id}`}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {description ? (
        <FormFieldDescription id={descriptionId} className="utrecht-form-field__description">
          {description}
        </FormFieldDescription>
      ) : null}
      {error ? (
        <FormFieldErrorMessage id={errorId} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      ) : null}
      <div className="utrecht-form-field__input">
        <Select
          id={id}
          name={id}
          value={value}
          required={required}
          invalid={Boolean(error)}
          aria-describedby={describedBy(description && descriptionId, error && errorId)}
          onChange={(event) => onChange(event.target.value)}
        >
          {options.map((option) => (
            <SelectOption key={option.value} value={option.value}>
              {option.label}
            </SelectOption>
          ))}
        </Select>
      </div>
    </FormField>
  );
}

export interface CheckboxFieldProps extends BaseFieldProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function CheckboxField({
  id,
  label,
  description,
  error,
  checked,
  onChange,
}: CheckboxFieldProps) {
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  return (
    <FormField invalid={Boolean(error)} type="checkbox" data-testid={`field-${id}`}>
      <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <FormLabel htmlFor={id} type="checkbox" checked={checked}>
          <Checkbox
            id={id}
            name={id}
            className="utrecht-form-field__input"
            checked={checked}
            invalid={Boolean(error)}
            aria-describedby={describedBy(description && descriptionId, error && errorId)}
            onChange={(event) => onChange(event.target.checked)}
          />
          {label}
        </FormLabel>
      </div>
      {description ? (
        <FormFieldDescription id={descriptionId} className="utrecht-form-field__description">
          {description}
        </FormFieldDescription>
      ) : null}
      {error ? (
        <FormFieldErrorMessage id={errorId} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      ) : null}
    </FormField>
  );
}

export interface SummaryItem {
  /** The id of the input to go to. */
  fieldId: string;
  text: string;
}

/**
 * The list of problems above a form. It takes focus whenever `attempt` changes while it
 * has something to say, so a keyboard or screen reader user lands on it after a failed
 * submit; each item links to its field.
 */
export function ErrorSummary({
  items,
  formError,
  attempt,
}: {
  items: SummaryItem[];
  formError?: string | null;
  attempt: number;
}) {
  const { t } = useTranslation("locations");
  const ref = useRef<HTMLDivElement>(null);
  const visible = items.length > 0 || Boolean(formError);
  useEffect(() => {
    if (visible && attempt > 0) ref.current?.focus();
  }, [attempt, visible]);
  if (!visible) return null;
  return (
    <Alert type="error" role="alert" data-testid="error-summary">
      <div ref={ref} tabIndex={-1} className="opvang-loc-error-summary">
        <Heading2 className="opvang-loc-error-summary__heading">
          {t("common.errorSummary")}
        </Heading2>
        {formError ? <Paragraph data-testid="form-error">{formError}</Paragraph> : null}
        {items.length ? (
          <UnorderedList>
            {items.map((item) => (
              <UnorderedListItem key={item.fieldId}>
                <Link
                  href={`#${item.fieldId}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(item.fieldId)?.focus();
                  }}
                >
                  {item.text}
                </Link>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        ) : null}
      </div>
    </Alert>
  );
}
