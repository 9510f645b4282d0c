import { Button, ButtonGroup, PrimaryActionButton } from "@utrecht/component-library-react";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api";
import {
  DateField,
  ErrorSummary,
  errorsFromApi,
  type FieldError,
  type FieldErrors,
  topLevelField,
  useErrorText,
} from "../../../components/form";
import { formatDateInput, looksLikeDate, parseDateInput } from "../../../dates";
import { todayNl } from "../../../format";
import { currentLanguage } from "../../../i18n";
import { navigate } from "../../../links";
import { PERIOD_FIELDS, type PeriodField } from "../api";
import { FUNDING_ERRORS, withLocalParams } from "../errors";
import { PRESETS, presetPeriod, type View, viewHref } from "../view";

const fieldId = (field: PeriodField) => `funding-${field}`;

/** Whether the error is the server's refusal of the period (400 with issues). */
export function isPeriodRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 400 && error.issues.length > 0;
}

/**
 * The claim's period: two dates typed as the reader writes them (01-01-2024, 01.01.2024 or
 * 2024-01-01) and the periods offered with one click. A period goes into the address, so
 * the claim can be bookmarked; the server checks it, and its refusal (before the BooO, the
 * end before the start, three years or more) is shown at the field it names, translated.
 * Going back in history puts that view's dates back in the fields.
 */
export function PeriodForm({ view, refusal }: { view: View; refusal: unknown }) {
  const { t, i18n } = useTranslation("funding");
  const language = currentLanguage(i18n);
  const errorText = useErrorText(FUNDING_ERRORS);
  const headingId = useId();
  const { from, to } = view.period;
  const [text, setText] = useState(() => ({
    from: formatDateInput(from, language),
    to: formatDateInput(to, language),
  }));
  const [typedErrors, setTypedErrors] = useState<FieldErrors<PeriodField> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const shown = useRef({ from, to, language });
  useEffect(() => {
    const before = shown.current;
    shown.current = { from, to, language };
    if (before.from === from && before.to === to && before.language === language) return;
    setText({ from: formatDateInput(from, language), to: formatDateInput(to, language) });
    setTypedErrors(null);
  }, [from, to, language]);

  const server = refusal
    ? errorsFromApi(
        withLocalParams(refusal, language),
        topLevelField(PERIOD_FIELDS),
        FUNDING_ERRORS,
      )
    : { fields: {} as FieldErrors<PeriodField>, form: [] as FieldError[] };
  const fields = typedErrors ?? server.fields;
  const formErrors = typedErrors ? [] : server.form;
  const label = (field: PeriodField) => t(`period.${field}`);
  const items = [
    ...formErrors.map((error) => ({ text: errorText(error) ?? "" })),
    ...PERIOD_FIELDS.filter((field) => fields[field]).map((field) => ({
      fieldId: fieldId(field),
      label: label(field),
      text: errorText(fields[field]) ?? "",
    })),
  ];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors<PeriodField> = {};
    const parsed: Partial<Record<PeriodField, string>> = {};
    for (const field of PERIOD_FIELDS) {
      const value = text[field].trim();
      const date = parseDateInput(value);
      if (date) parsed[field] = date;
      else
        errors[field] = {
          key:
            value === ""
              ? "errors.date_required"
              : looksLikeDate(value)
                ? "errors.date_nonexistent"
                : "errors.date_format",
        };
    }
    setAttempt((n) => n + 1);
    if (!parsed.from || !parsed.to) {
      setTypedErrors(errors);
      return;
    }
    setTypedErrors(null);
    setText({
      from: formatDateInput(parsed.from, language),
      to: formatDateInput(parsed.to, language),
    });
    navigate(viewHref({ ...view, period: { from: parsed.from, to: parsed.to } }));
  }

  const today = todayNl();
  return (
    <form
      className="opvang-fund-period"
      noValidate
      onSubmit={submit}
      aria-labelledby={headingId}
      data-testid="funding-period"
    >
      <h2 id={headingId} className="opvang-visually-hidden">
        {t("period.heading")}
      </h2>
      <ErrorSummary
        title={t("period.errorSummary", { count: items.length })}
        items={items}
        attempt={attempt}
        testId="funding-error-summary"
      />
      <div className="opvang-fund-period__fields">
        {PERIOD_FIELDS.map((field) => (
          <DateField
            key={field}
            id={fieldId(field)}
            label={label(field)}
            value={text[field]}
            onChange={(value) => setText((current) => ({ ...current, [field]: value }))}
            error={errorText(fields[field])}
            required
          />
        ))}
        <ButtonGroup className="opvang-fund-period__actions">
          <PrimaryActionButton type="submit" data-testid="funding-show">
            {t("period.submit")}
          </PrimaryActionButton>
        </ButtonGroup>
      </div>
      <ButtonGroup className="opvang-fund-presets" aria-label={t("period.presets")} role="group">
        {PRESETS.map((preset) => {
          const period = presetPeriod(preset, today);
          const current = period.from === from && period.to === to;
          return (
            <Button
              key={preset}
              type="button"
              appearance="subtle-button"
              pressed={current}
              data-testid={`funding-preset-${preset}`}
              onClick={() => {
                setTypedErrors(null);
                navigate(viewHref({ ...view, period }));
              }}
            >
              {t(`period.preset.${preset}`, { year: period.from.slice(0, 4) })}
            </Button>
          );
        })}
      </ButtonGroup>
    </form>
  );
}
