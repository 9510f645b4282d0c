import { ButtonGroup, Heading3, PrimaryActionButton } from "@utrecht/component-library-react";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api";
import { INCOME_KINDS, type IncomeKind, MANUAL_SOURCES, type NewIncome } from "../api";
import {
  errorsFromApi,
  type FieldErrors,
  type FormError,
  fieldErrorKeys,
  formErrorKeys,
} from "../errors";
import { parseEuros, thisMonthNl } from "../format";
import { ErrorSummary, SelectField, TextField } from "./Fields";

const FIELDS = ["month", "netCents", "kind", "source", "payer", "reason"] as const;
type Field = (typeof FIELDS)[number];

/** Entering a month's net income for one person (caseworker). */
export function IncomeForm({ onSubmit }: { onSubmit: (input: NewIncome) => Promise<void> }) {
  const { t } = useTranslation("locations");
  const headingId = useId();
  const [month, setMonth] = useState(thisMonthNl());
  const [amount, setAmount] = useState("");
  const [kind, setKind] = useState<IncomeKind>("work");
  const [source, setSource] = useState<NewIncome["source"]>("caseworker");
  const [payer, setPayer] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<FormError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setSaved(false);
    setFormError(null);
    const found: FieldErrors<Field> = {};
    if (!/^\d{4}-\d{2}$/.test(month)) found.month = { code: month ? "month_format" : "required" };
    const cents = parseEuros(amount);
    if (!amount.trim()) found.netCents = { code: "required" };
    else if (cents === null) found.netCents = { code: "amount_format" };
    setErrors(found);
    if (Object.keys(found).length || cents === null) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await onSubmit({
        month,
        netCents: cents,
        kind,
        source,
        payer: payer.trim() || null,
        reason: reason.trim() || null,
      });
      setBusy(false);
      setSaved(true);
      setAmount("");
      setPayer("");
      setReason("");
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.status === 409) {
        setErrors({});
        setFormError({ code: "income_exists", status: 409, message: error.message });
      } else {
        const split = errorsFromApi(error, FIELDS);
        setErrors(split.fields);
        setFormError(split.form);
      }
      setAttempt((n) => n + 1);
    }
  }

  const errorText = (field: Field) => {
    const error = errors[field];
    return error ? t(fieldErrorKeys(error.code), error.params) : null;
  };
  const id = (field: Field) => `income-${field}`;
  const summary = FIELDS.filter((f) => errors[f]).map((f) => ({
    fieldId: id(f),
    text: `${t(`incomes.${f}`)}: ${errorText(f)}`,
  }));

  return (
    <form
      className="opvang-form opvang-loc-subform"
      noValidate
      onSubmit={handleSubmit}
      aria-labelledby={headingId}
      aria-busy={busy}
      data-testid="income-form"
    >
      <Heading3 id={headingId}>{t("incomes.formHeading")}</Heading3>
      <ErrorSummary
        items={summary}
        formError={
          formError ? t(formErrorKeys(formError.code), { message: formError.message }) : null
        }
        attempt={attempt}
      />
      {saved ? (
        <p role="status" className="opvang-loc-saved" data-testid="income-saved">
          {t("incomes.saved")}
        </p>
      ) : null}
      <TextField
        id={id("month")}
        type="month"
        label={t("incomes.month")}
        description={t("incomes.monthHint")}
        value={month}
        onChange={setMonth}
        error={errorText("month")}
        placeholder="2025-07"
        required
      />
      <TextField
        id={id("netCents")}
        label={t("incomes.netCents")}
        description={t("incomes.amountHint")}
        value={amount}
        onChange={setAmount}
        inputMode="decimal"
        error={errorText("netCents")}
        required
      />
      <SelectField
        id={id("kind")}
        label={t("incomes.kind")}
        value={kind}
        onChange={(value) => setKind(value as IncomeKind)}
        error={errorText("kind")}
        options={INCOME_KINDS.map((k) => ({ value: k, label: t(`incomeKinds.${k}`) }))}
      />
      <SelectField
        id={id("source")}
        label={t("incomes.source")}
        value={source}
        onChange={(value) => setSource(value as NewIncome["source"])}
        error={errorText("source")}
        options={MANUAL_SOURCES.map((s) => ({ value: s, label: t(`incomeSources.${s}`) }))}
      />
      <TextField
        id={id("payer")}
        label={t("incomes.payer")}
        description={t("incomes.payerHint")}
        value={payer}
        onChange={setPayer}
        error={errorText("payer")}
        maxLength={200}
      />
      <TextField
        id={id("reason")}
        label={t("incomes.reason")}
        value={reason}
        onChange={setReason}
        error={errorText("reason")}
        maxLength={500}
      />
      <ButtonGroup>
        <PrimaryActionButton type="submit" busy={busy} disabled={busy}>
          {busy ? t("common.saving") : t("incomes.submit")}
        </PrimaryActionButton>
      </ButtonGroup>
    </form>
  );
}
