import { Heading3 } from "@utrecht/component-library-react";
import { type FormEvent, useId, useState } from "react";
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
import { parseEuros, thisMonthNl } from "../../locations/format";
import { INCOME_KINDS, type IncomeKind, MANUAL_SOURCES, type NewIncome } from "../api";

const FIELDS = ["month", "netCents", "kind", "source", "payer", "reason"] as const;
type Field = (typeof FIELDS)[number];

/** Entering a month's net income for one person (caseworker). */
export function IncomeForm({ onSubmit }: { onSubmit: (input: NewIncome) => Promise<void> }) {
  const { t } = useTranslation(["incomes", "locations"], { nsMode: "fallback" });
  const headingId = useId();
  const [month, setMonth] = useState(thisMonthNl());
  const [amount, setAmount] = useState("");
  const [kind, setKind] = useState<IncomeKind>("work");
  const [source, setSource] = useState<NewIncome["source"]>("caseworker");
  const [payer, setPayer] = useState("");
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
    if (Object.keys(found).length || cents === null) return form.fail(found);
    const saved = await form.run(
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
      // 409: this income is already recorded.
      () => form.fail({}, [{ key: "formErrors.income_exists" }]),
    );
    if (saved) {
      setSaved(true);
      setAmount("");
      setPayer("");
      setReason("");
    }
  }

  const id = (field: Field) => `income-${field}`;

  return (
    <form
      className="opvang-form opvang-loc-subform"
      noValidate
      onSubmit={handleSubmit}
      aria-labelledby={headingId}
      aria-busy={form.busy}
      data-testid="income-form"
    >
      <Heading3 id={headingId}>{t("incomes.formHeading")}</Heading3>
      <ErrorSummary {...form.summary((f) => t(`incomes.${f}`), id)} />
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
        onChange={(value) => setSource(value as NewIncome["source"])}
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
        label={t("incomes.reason")}
        value={reason}
        onChange={setReason}
        error={form.error("reason")}
        maxLength={500}
      />
      <FormActions busy={form.busy} submit={form.busy ? t("common.saving") : t("incomes.submit")} />
    </form>
  );
}
