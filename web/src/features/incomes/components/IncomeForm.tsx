import { Heading3, Paragraph } from "@utrecht/component-library-react";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  ErrorSummary,
  type FieldErrors,
  FormActions,
  SelectField,
  TextField,
  topLevelField,
  useForm,
} from "../../../components/form";
import { LOCATION_ERRORS } from "../../locations/errors";
import { formatMonth, parseEuros, thisMonthNl } from "../../locations/format";
import {
  conflictingIncome,
  INCOME_KINDS,
  type Income,
  type IncomeKind,
  MANUAL_SOURCES,
  type NewIncome,
} from "../api";

const FIELDS = ["month", "netCents", "kind", "source", "payer", "reason"] as const;
type Field = (typeof FIELDS)[number];
type ManualSource = NewIncome["source"];

/** An amount in cents as it is typed: "1234,56" (Dutch, Ukrainian) or "1234.56". */
function centsForInput(cents: number, language: string): string {
  const text = (cents / 100).toFixed(2);
  return language === "en" ? text : text.replace(".", ",");
}

export interface IncomeFormProps {
  /** The income to correct; without it the form enters a new one. */
  income?: Income;
  /** Starting values for a new income (say, a caseworker's figure for an imported month). */
  initial?: Partial<NewIncome>;
  onSubmit: (input: NewIncome) => Promise<void>;
  /**
   * A 409. Entering: this income is recorded already (`existing` is its id). Correcting:
   * someone else changed the income since it was read (`existing` is its own id), or another
   * income has this month, kind, source and payer (`existing` is that one's id).
   */
  onConflict?: (existing: number | null) => void;
  onCancel?: () => void;
  /** Something after the error summary, such as a way to correct the existing income. */
  notice?: ReactNode;
  /** Prefix of the field ids, so that two forms can be on one page. */
  idPrefix?: string;
}

/**
 * Entering a month's net income for one person, or correcting one entered by hand
 * (caseworker). A correction needs a reason, which the audit log keeps with it.
 */
export function IncomeForm({
  income,
  initial,
  onSubmit,
  onConflict,
  onCancel,
  notice,
  idPrefix = income ? `income-${income.id}` : "income",
}: IncomeFormProps) {
  const { t, i18n } = useTranslation(["incomes", "locations"], { nsMode: "fallback" });
  const headingId = useId();
  const correcting = income !== undefined;
  const [month, setMonth] = useState(income?.month ?? initial?.month ?? thisMonthNl());
  const [amount, setAmount] = useState(
    income
      ? centsForInput(income.netCents, i18n.language)
      : initial?.netCents !== undefined
        ? centsForInput(initial.netCents, i18n.language)
        : "",
  );
  const [kind, setKind] = useState<IncomeKind>(income?.kind ?? initial?.kind ?? "work");
  const [source, setSource] = useState<ManualSource>(
    income && income.source !== "inlichtingenbureau"
      ? income.source
      : (initial?.source ?? "caseworker"),
  );
  const [payer, setPayer] = useState(income?.payer ?? initial?.payer ?? "");
  const [reason, setReason] = useState("");
  const form = useForm<Field>(LOCATION_ERRORS);
  const [saved, setSaved] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.busy) return;
    setSaved(false);
    const found: FieldErrors<Field> = {};
    if (!/^\d{4}-\d{2}$/.test(month))
      found.month = { key: month ? "fieldErrors.month_format" : "fieldErrors.required" };
    const cents = parseEuros(amount);
    if (!amount.trim()) found.netCents = { key: "fieldErrors.required" };
    else if (cents === null) found.netCents = { key: "fieldErrors.amount_format" };
    if (correcting && !reason.trim()) found.reason = { key: "fieldErrors.reason_required" };
    if (Object.keys(found).length || cents === null) return form.fail(found);
    const ok = await form.run(
      () =>
        onSubmit({
          month,
          netCents: cents,
          kind,
          source,
          payer: payer.trim() || null,
          reason: reason.trim() || null,
        }),
      topLevelField(FIELDS),
      (error) => {
        // 409: say what happened; the caller reloads and offers the income concerned.
        const conflict = conflictingIncome(error.current)?.id ?? null;
        form.fail({}, [
          {
            key: !correcting
              ? "formErrors.income_exists"
              : conflict === income.id || conflict === null
                ? "formErrors.income_changed"
                : "formErrors.income_key_taken",
          },
        ]);
        onConflict?.(conflict);
      },
    );
    if (ok && !correcting) {
      setSaved(true);
      setAmount("");
      setPayer("");
      setReason("");
    }
  }

  const id = (field: Field) => `${idPrefix}-${field}`;

  return (
    <form
      className="opvang-form opvang-loc-subform"
      noValidate
      onSubmit={handleSubmit}
      aria-labelledby={headingId}
      aria-busy={form.busy}
      data-testid={correcting ? "income-correct-form" : "income-form"}
    >
      <Heading3 id={headingId}>
        {income
          ? t("incomes.correctHeading", { month: formatMonth(income.month, i18n.language) })
          : t("incomes.formHeading")}
      </Heading3>
      {correcting ? <Paragraph>{t("incomes.correctIntro")}</Paragraph> : null}
      <ErrorSummary
        {...form.summary(
          (f) => (f === "reason" && correcting ? t("incomes.correctReason") : t(`incomes.${f}`)),
          id,
        )}
      />
      {notice}
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
        error={form.error("month")}
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
        error={form.error("netCents")}
        required
      />
      <SelectField
        id={id("kind")}
        label={t("incomes.kind")}
        value={kind}
        onChange={(value) => setKind(value as IncomeKind)}
        error={form.error("kind")}
        options={INCOME_KINDS.map((k) => ({ value: k, label: t(`incomeKinds.${k}`) }))}
      />
      <SelectField
        id={id("source")}
        label={t("incomes.source")}
        value={source}
        onChange={(value) => setSource(value as ManualSource)}
        error={form.error("source")}
        options={MANUAL_SOURCES.map((s) => ({ value: s, label: t(`incomeSources.${s}`) }))}
      />
      <TextField
        id={id("payer")}
        label={t("incomes.payer")}
        description={t("incomes.payerHint")}
        value={payer}
        onChange={setPayer}
        error={form.error("payer")}
        maxLength={200}
      />
      <TextField
        id={id("reason")}
        label={correcting ? t("incomes.correctReason") : t("incomes.reason")}
        description={correcting ? t("incomes.correctReasonHint") : undefined}
        value={reason}
        onChange={setReason}
        error={form.error("reason")}
        maxLength={500}
        required={correcting}
      />
      <FormActions
        busy={form.busy}
        submit={
          form.busy
            ? t("common.saving")
            : correcting
              ? t("incomes.correctSubmit")
              : t("incomes.submit")
        }
        cancel={t("common.cancel")}
        onCancel={onCancel}
      />
    </form>
  );
}
