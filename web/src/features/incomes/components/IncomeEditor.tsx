import { Button, ButtonGroup, Heading3, Paragraph } from "@utrecht/component-library-react";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  ErrorSummary,
  FormActions,
  Notice,
  TextField,
  topLevelField,
  useForm,
} from "../../../components/form";
import { LOCATION_ERRORS } from "../../locations/errors";
import { formatMonth } from "../../locations/format";
import type { Income, IncomesApi } from "../api";
import { incomesApi } from "../api";
import { IncomeForm } from "./IncomeForm";

/**
 * Correcting and removing an income from a list of incomes (the incomes page, the
 * household page). An income entered by hand is corrected or removed with a reason and
 * the version read; one delivered by the Inlichtingenbureau stays as delivered, so its
 * panel explains how to enter the right amount instead.
 */

export type IncomeEdit = { id: number; mode: "correct" | "remove" };

const NS = ["incomes", "locations"];

/** What the page shows after a change: a catalog key with the month. */
export interface IncomeMessage {
  type: "ok" | "warning";
  key: string;
  month: string;
}

/** The buttons in an income's row. */
export function IncomeRowActions({
  income,
  onEdit,
}: {
  income: Income;
  onEdit: (edit: IncomeEdit) => void;
}) {
  const { t, i18n } = useTranslation(NS, { nsMode: "fallback" });
  const what = {
    month: formatMonth(income.month, i18n.language),
    kind: t(`incomeKinds.${income.kind}`),
  };
  return (
    <ButtonGroup className="opvang-loc-row-actions">
      <Button
        type="button"
        appearance="secondary-action-button"
        aria-label={t("incomes.correctLabel", what)}
        data-testid={`income-correct-${income.id}`}
        onClick={() => onEdit({ id: income.id, mode: "correct" })}
      >
        {t("incomes.correct")}
      </Button>
      {income.source === "inlichtingenbureau" ? null : (
        <Button
          type="button"
          appearance="subtle-button"
          hint="danger"
          aria-label={t("incomes.removeLabel", what)}
          data-testid={`income-remove-${income.id}`}
          onClick={() => onEdit({ id: income.id, mode: "remove" })}
        >
          {t("incomes.remove")}
        </Button>
      )}
    </ButtonGroup>
  );
}

function RemoveIncomeForm({
  income,
  onRemove,
  onConflict,
  onCancel,
}: {
  income: Income;
  onRemove: (reason: string) => Promise<void>;
  onConflict: () => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation(NS, { nsMode: "fallback" });
  const headingId = useId();
  const [reason, setReason] = useState("");
  const form = useForm<"reason">(LOCATION_ERRORS);
  const id = `income-${income.id}-remove-reason`;
  const month = formatMonth(income.month, i18n.language);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.busy) return;
    if (!reason.trim()) return form.fail({ reason: { key: "fieldErrors.reason_required" } });
    await form.run(
      () => onRemove(reason.trim()),
      topLevelField(["reason"] as const),
      () => {
        form.fail({}, [{ key: "formErrors.income_changed" }]);
        onConflict();
      },
    );
  }

  return (
    <form
      className="opvang-form opvang-loc-subform"
      noValidate
      onSubmit={handleSubmit}
      aria-labelledby={headingId}
      aria-busy={form.busy}
      data-testid="income-remove-form"
    >
      <Heading3 id={headingId}>{t("incomes.removeHeading", { month })}</Heading3>
      <Paragraph>{t("incomes.removeIntro")}</Paragraph>
      <ErrorSummary {...form.summary({ reason: t("incomes.removeReason") }, () => id)} />
      <TextField
        id={id}
        label={t("incomes.removeReason")}
        description={t("incomes.removeReasonHint")}
        value={reason}
        onChange={setReason}
        error={form.error("reason")}
        maxLength={500}
        required
      />
      <FormActions
        busy={form.busy}
        submit={form.busy ? t("common.saving") : t("incomes.removeSubmit")}
        cancel={t("common.cancel")}
        onCancel={onCancel}
      />
    </form>
  );
}

/** Why an imported income cannot be changed, and what to do instead. */
function ImportedIncome({
  income,
  onEnterInstead,
  onCancel,
}: {
  income: Income;
  onEnterInstead?: (income: Income) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation(NS, { nsMode: "fallback" });
  const headingId = useId();
  return (
    <section
      className="opvang-loc-subform"
      aria-labelledby={headingId}
      data-testid="income-imported"
    >
      <Heading3 id={headingId}>
        {t("incomes.importedHeading", { month: formatMonth(income.month, i18n.language) })}
      </Heading3>
      <Paragraph>{t("incomes.imported")}</Paragraph>
      <ButtonGroup>
        {onEnterInstead ? (
          <Button
            type="button"
            appearance="primary-action-button"
            onClick={() => onEnterInstead(income)}
          >
            {t("incomes.enterCaseworker")}
          </Button>
        ) : null}
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </ButtonGroup>
    </section>
  );
}

export interface IncomeEditorProps {
  edit: IncomeEdit;
  /** The incomes as last read: the edited one is found here, with its current version. */
  incomes: readonly Income[];
  /** After a change or a 409: read the incomes again. */
  reload: () => Promise<unknown>;
  onDone: (message: IncomeMessage) => void;
  onCancel: () => void;
  /** Another income to correct (the one a 409 named). */
  onEdit: (edit: IncomeEdit) => void;
  /** For an imported income: enter a caseworker's income for the month instead. */
  onEnterInstead?: (income: Income) => void;
  /** Shown where the imported income's panel would offer entering one (household page). */
  enterElsewhere?: ReactNode;
  api?: Pick<IncomesApi, "correctIncome" | "removeIncome">;
}

/** The panel for the income being corrected or removed. */
export function IncomeEditor({
  edit,
  incomes,
  reload,
  onDone,
  onCancel,
  onEdit,
  onEnterInstead,
  enterElsewhere,
  api = incomesApi,
}: IncomeEditorProps) {
  const { t } = useTranslation(NS, { nsMode: "fallback" });
  const income = incomes.find((i) => i.id === edit.id);
  // A 409 reloads the list; the form opens again with what is stored now.
  const [changed, setChanged] = useState(false);
  // Another income has the month, kind, source and payer the correction asked for.
  const [other, setOther] = useState<number | null>(null);
  if (!income) {
    return (
      <Notice type="warning" testId="income-gone">
        {t("incomes.gone")}
      </Notice>
    );
  }
  const conflictNotice = changed ? (
    <Notice type="warning" testId="income-changed">
      {t("formErrors.income_changed")}
    </Notice>
  ) : null;
  if (income.source === "inlichtingenbureau") {
    return (
      <>
        <ImportedIncome income={income} onEnterInstead={onEnterInstead} onCancel={onCancel} />
        {enterElsewhere}
      </>
    );
  }
  if (edit.mode === "remove") {
    return (
      <>
        {conflictNotice}
        <RemoveIncomeForm
          key={income.version}
          income={income}
          onCancel={onCancel}
          onConflict={() => {
            setChanged(true);
            void reload();
          }}
          onRemove={async (reason) => {
            await api.removeIncome(income.id, reason, income.version);
            await reload();
            onDone({ type: "ok", key: "incomes.removed", month: income.month });
          }}
        />
      </>
    );
  }
  return (
    <>
      {conflictNotice}
      <IncomeForm
        key={income.version}
        income={income}
        onCancel={onCancel}
        notice={
          other !== null ? (
            <ButtonGroup>
              <Button
                type="button"
                appearance="secondary-action-button"
                data-testid="income-correct-other"
                onClick={() => onEdit({ id: other, mode: "correct" })}
              >
                {t("incomes.correctOther")}
              </Button>
            </ButtonGroup>
          ) : null
        }
        onConflict={(existing) => {
          if (existing !== null && existing !== income.id) {
            // Offer that one; this form keeps what was typed.
            setOther(existing);
            void reload();
            return;
          }
          setChanged(true);
          void reload();
        }}
        onSubmit={async (input) => {
          await api.correctIncome(income.id, {
            ...input,
            reason: input.reason ?? "",
            version: income.version,
          });
          await reload();
          onDone({ type: "ok", key: "incomes.corrected", month: input.month });
        }}
      />
    </>
  );
}
