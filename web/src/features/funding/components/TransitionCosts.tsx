import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  ButtonGroup,
  Heading2,
  Heading3,
  Paragraph,
} from "@utrecht/component-library-react";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  DateField,
  ErrorSummary,
  Field,
  type FieldErrors,
  FormActions,
  Notice,
  SelectField,
  TextField,
  topLevelField,
  useForm,
} from "../../../components/form";
import { formatDateInput, parseDateInput } from "../../../dates";
import { todayNl } from "../../../format";
import { asApiError } from "../../../query";
import { parseEuros } from "../../locations/format";
import type { FundingApi, LocationOption, TransitionCost } from "../api";
import { FUNDING_FORM_ERRORS, localised } from "../errors";
import { FUNDING_KEY, locationsQuery, transitionCostsQuery } from "../queries";
import { DownloadButton, Loading, LoadProblem, useFundingFormat } from "./Common";
import { DataTable, NumCell, TableCell, TableHeaderCell, TableRow } from "./Tables";

/** What the server takes per file and per entry (src/modules/funding/evidence.ts). */
export const EVIDENCE_MAX_MB = 10;
export const EVIDENCE_MAX_FILES = 5;
const ACCEPT = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

const COST_FIELDS = [
  "locationId",
  "incurredOn",
  "description",
  "amountCents",
  "evidence",
  "correctionReason",
] as const;
type CostField = (typeof COST_FIELDS)[number];
const costId = (field: CostField) => `funding-cost-${field}`;

/** An amount in cents as the reader types euros: 1234,56 in Dutch and Ukrainian. */
function centsInput(cents: number, language: string): string {
  const text = (cents / 100).toFixed(2);
  return language === "en" ? text : text.replace(".", ",");
}

/**
 * The transition costs (transitiekosten) of the municipality: the entries (withdrawn ones
 * too, with their reason), each evidence file to download again, an entry's withdrawal with
 * a reason, and the form for a new entry or a correction (which withdraws the entry it
 * corrects). Entries are never changed: that is the server's rule, shown here as it is.
 */
export function TransitionCosts({ api }: { api: FundingApi }) {
  const { t } = useTranslation("funding");
  const f = useFundingFormat();
  const headingId = useId();
  const list = useQuery(transitionCostsQuery(api));
  const locations = useQuery(locationsQuery(api));
  const queryClient = useQueryClient();
  const [correcting, setCorrecting] = useState<TransitionCost | null>(null);
  const [withdrawing, setWithdrawing] = useState<number | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: FUNDING_KEY });

  return (
    <section
      className="opvang-fund-section"
      aria-labelledby={headingId}
      id="funding-costs"
      data-testid="funding-costs"
    >
      <Heading2 id={headingId}>{t("costs.heading")}</Heading2>
      <Paragraph>{t("costs.intro")}</Paragraph>
      {saved ? (
        <Notice type="ok" testId="funding-cost-saved">
          {saved}
        </Notice>
      ) : null}
      {list.isPending ? <Loading testId="funding-costs-loading" /> : null}
      {list.isError ? <LoadProblem error={asApiError(list.error)} /> : null}
      {list.data ? (
        list.data.entries.length ? (
          <CostsTable
            api={api}
            entries={list.data.entries}
            activeCents={list.data.activeCents}
            withdrawing={withdrawing}
            onWithdraw={(id) => {
              setSaved(null);
              setWithdrawing(id);
            }}
            onWithdrawn={() => {
              setWithdrawing(null);
              setSaved(t("costs.withdrawn"));
              void refresh();
            }}
            onCancelWithdraw={() => setWithdrawing(null)}
            onCorrect={(entry) => {
              setSaved(null);
              setCorrecting(entry);
              formRef.current?.scrollIntoView?.({ block: "start" });
            }}
            format={f}
          />
        ) : (
          <Paragraph data-testid="funding-no-costs">{t("costs.none")}</Paragraph>
        )
      ) : null}
      <div ref={formRef}>
        <CostForm
          key={correcting?.id ?? "new"}
          api={api}
          locations={locations.data ?? []}
          correcting={correcting}
          onCancel={() => setCorrecting(null)}
          onSaved={(entry) => {
            setCorrecting(null);
            setSaved(
              t("costs.saved", {
                amount: f.euro(entry.amountCents),
                location: entry.locationName,
              }),
            );
            void refresh();
          }}
        />
      </div>
    </section>
  );
}

function CostsTable({
  api,
  entries,
  activeCents,
  withdrawing,
  onWithdraw,
  onWithdrawn,
  onCancelWithdraw,
  onCorrect,
  format: f,
}: {
  api: FundingApi;
  entries: TransitionCost[];
  activeCents: number;
  withdrawing: number | null;
  onWithdraw: (id: number) => void;
  onWithdrawn: () => void;
  onCancelWithdraw: () => void;
  onCorrect: (entry: TransitionCost) => void;
  format: ReturnType<typeof useFundingFormat>;
}) {
  const { t } = useTranslation("funding");
  const col = (key: string, numeric = false) => ({
    key,
    label: t(`costs.columns.${key}`),
    numeric,
  });
  return (
    <DataTable
      testId="funding-costs-table"
      caption={t("costs.caption")}
      captionHidden
      columns={[
        col("incurredOn"),
        col("location"),
        col("description"),
        col("amount", true),
        col("evidence"),
        col("status"),
        col("actions"),
      ]}
      footer={
        <TableRow data-testid="funding-costs-total">
          <TableHeaderCell scope="row">{t("costs.activeTotal")}</TableHeaderCell>
          <TableCell />
          <TableCell />
          <NumCell>{f.euro(activeCents)}</NumCell>
          <TableCell />
          <TableCell />
          <TableCell />
        </TableRow>
      }
    >
      {entries.map((e) => (
        <TableRow
          key={e.id}
          data-testid="funding-cost-row"
          data-cost-id={e.id}
          data-status={e.status}
          className={e.status === "withdrawn" ? "opvang-fund-row--withdrawn" : undefined}
        >
          <TableHeaderCell scope="row" className="opvang-fund-nowrap">
            {f.date(e.incurredOn)}
            {e.scheme ? (
              <span className="opvang-fund-cell-detail">{f.scheme(e.scheme)}</span>
            ) : null}
          </TableHeaderCell>
          <TableCell>{e.locationName}</TableCell>
          <TableCell className="opvang-fund-wide">
            {e.description}
            <span className="opvang-fund-cell-detail">
              {e.enteredBy
                ? t("costs.enteredBy", {
                    name: e.enteredBy,
                    date: f.date(e.createdAt.slice(0, 10)),
                  })
                : t("costs.enteredOn", { date: f.date(e.createdAt.slice(0, 10)) })}
            </span>
          </TableCell>
          <NumCell>{f.euro(e.amountCents)}</NumCell>
          <TableCell>
            <ul className="opvang-fund-files">
              {e.evidence.map((file) => (
                <li key={file.id}>
                  <DownloadButton
                    testId={`funding-evidence-${file.id}`}
                    label={t("costs.evidenceLink", {
                      name: file.fileName,
                      size: f.n(Math.max(1, Math.round(file.sizeBytes / 1024))),
                    })}
                    fetchFile={() => api.evidence(e.id, file.id, file.fileName)}
                  />
                </li>
              ))}
            </ul>
          </TableCell>
          <TableCell>
            {e.status === "active" ? t("costs.status.active") : t("costs.status.withdrawn")}
            {e.withdrawReason ? (
              <span className="opvang-fund-cell-detail">
                {t("costs.withdrawReason", { reason: e.withdrawReason })}
              </span>
            ) : null}
            {e.correctsId ? (
              <span className="opvang-fund-cell-detail">{t("costs.corrects")}</span>
            ) : null}
          </TableCell>
          <TableCell>
            {e.status === "active" ? (
              withdrawing === e.id ? (
                <WithdrawForm
                  api={api}
                  entry={e}
                  onDone={onWithdrawn}
                  onCancel={onCancelWithdraw}
                />
              ) : (
                <ButtonGroup className="opvang-fund-row-actions">
                  <Button
                    type="button"
                    appearance="subtle-button"
                    data-testid={`funding-cost-correct-${e.id}`}
                    onClick={() => onCorrect(e)}
                  >
                    {t("costs.correct")}
                  </Button>
                  <Button
                    type="button"
                    appearance="subtle-button"
                    data-testid={`funding-cost-withdraw-${e.id}`}
                    onClick={() => onWithdraw(e.id)}
                  >
                    {t("costs.withdraw")}
                  </Button>
                </ButtonGroup>
              )
            ) : (
              t("common.none")
            )}
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

/** The reason for withdrawing one entry, in its row. */
function WithdrawForm({
  api,
  entry,
  onDone,
  onCancel,
}: {
  api: FundingApi;
  entry: TransitionCost;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("funding");
  const f = useFundingFormat();
  const form = useForm<"reason">(FUNDING_FORM_ERRORS);
  const [reason, setReason] = useState("");
  const id = `funding-withdraw-reason-${entry.id}`;
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason.trim()) {
      form.fail({ reason: { key: "errors.required" } });
      return;
    }
    const ok = await form.run(
      async () => {
        await localised(() => api.withdrawTransitionCost(entry.id, reason.trim()), f.language);
      },
      topLevelField(["reason"] as const),
    );
    if (ok) onDone();
  }
  return (
    <form className="opvang-fund-withdraw" noValidate onSubmit={submit}>
      <ErrorSummary {...form.summary({ reason: t("costs.reason") }, () => id)} />
      <TextField
        id={id}
        label={t("costs.reason")}
        value={reason}
        onChange={setReason}
        error={form.error("reason")}
        maxLength={500}
        required
      />
      <FormActions
        submit={t("costs.withdrawSubmit")}
        busy={form.busy}
        cancel={t("costs.cancel")}
        onCancel={onCancel}
      />
    </form>
  );
}

/** A new entry, or a correction of `correcting` (which the server then withdraws). */
function CostForm({
  api,
  locations,
  correcting,
  onCancel,
  onSaved,
}: {
  api: FundingApi;
  locations: LocationOption[];
  correcting: TransitionCost | null;
  onCancel: () => void;
  onSaved: (entry: TransitionCost) => void;
}) {
  const { t, i18n } = useTranslation("funding");
  const f = useFundingFormat();
  const form = useForm<CostField>(FUNDING_FORM_ERRORS);
  const fileRef = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const [values, setValues] = useState(() => ({
    locationId: correcting ? String(correcting.locationId) : "",
    incurredOn: correcting ? formatDateInput(correcting.incurredOn, i18n.language) : "",
    description: correcting?.description ?? "",
    amount: correcting ? centsInput(correcting.amountCents, i18n.language) : "",
    correctionReason: "",
  }));
  const set = (key: keyof typeof values) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));
  const label = (field: CostField) => t(`costs.fields.${field}`);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors<CostField> = {};
    const date = parseDateInput(values.incurredOn.trim());
    const cents = parseEuros(values.amount);
    const files = [...(fileRef.current?.files ?? [])];
    if (!values.locationId) errors.locationId = { key: "errors.required" };
    if (!values.incurredOn.trim()) errors.incurredOn = { key: "errors.required" };
    else if (!date) errors.incurredOn = { key: "errors.date_format" };
    else if (date > todayNl()) errors.incurredOn = { key: "errors.in_future" };
    if (!values.description.trim()) errors.description = { key: "errors.required" };
    if (!values.amount.trim()) errors.amountCents = { key: "errors.required" };
    else if (cents === null || cents <= 0) errors.amountCents = { key: "errors.amount_format" };
    if (files.length === 0) errors.evidence = { key: "errors.evidence_required" };
    else if (files.length > EVIDENCE_MAX_FILES) {
      errors.evidence = { key: "errors.evidence_too_many", params: { max: EVIDENCE_MAX_FILES } };
    } else {
      const big = files.find((file) => file.size > EVIDENCE_MAX_MB * 1024 * 1024);
      if (big) {
        errors.evidence = {
          key: "errors.evidence_too_large",
          params: { name: big.name, maxMb: EVIDENCE_MAX_MB },
        };
      }
    }
    if (correcting && !values.correctionReason.trim()) {
      errors.correctionReason = { key: "errors.required" };
    }
    if (Object.keys(errors).length) {
      form.fail(errors);
      return;
    }
    let entry: TransitionCost | null = null;
    const ok = await form.run(async () => {
      entry = await localised(
        () =>
          api.addTransitionCost({
            locationId: Number(values.locationId),
            incurredOn: date!,
            description: values.description.trim(),
            amountCents: cents!,
            evidence: files,
            ...(correcting
              ? { correctsId: correcting.id, correctionReason: values.correctionReason.trim() }
              : {}),
          }),
        f.language,
      );
    }, topLevelField(COST_FIELDS));
    if (ok && entry) {
      setValues({
        locationId: "",
        incurredOn: "",
        description: "",
        amount: "",
        correctionReason: "",
      });
      if (fileRef.current) fileRef.current.value = "";
      onSaved(entry);
    }
  }

  return (
    <form
      className="opvang-form opvang-fund-form"
      noValidate
      onSubmit={submit}
      aria-labelledby={headingId}
      data-testid="funding-cost-form"
    >
      <Heading3 id={headingId}>
        {correcting
          ? t("costs.correctHeading", {
              date: f.date(correcting.incurredOn),
              amount: f.euro(correcting.amountCents),
            })
          : t("costs.newHeading")}
      </Heading3>
      {correcting ? <Paragraph>{t("costs.correctIntro")}</Paragraph> : null}
      <ErrorSummary {...form.summary(label, costId)} testId="funding-cost-errors" />
      <SelectField
        id={costId("locationId")}
        label={label("locationId")}
        value={values.locationId}
        onChange={set("locationId")}
        error={form.error("locationId")}
        options={[
          { value: "", label: t("costs.chooseLocation") },
          ...locations.map((l) => ({ value: String(l.id), label: l.name })),
        ]}
        required
      />
      <DateField
        id={costId("incurredOn")}
        label={label("incurredOn")}
        value={values.incurredOn}
        onChange={set("incurredOn")}
        error={form.error("incurredOn")}
        required
      />
      <TextField
        id={costId("description")}
        label={label("description")}
        description={t("costs.descriptionHint")}
        value={values.description}
        onChange={set("description")}
        error={form.error("description")}
        maxLength={500}
        required
      />
      <TextField
        id={costId("amountCents")}
        label={label("amountCents")}
        description={t("costs.amountHint")}
        value={values.amount}
        onChange={set("amount")}
        error={form.error("amountCents")}
        inputMode="decimal"
        required
      />
      <Field
        id={costId("evidence")}
        label={label("evidence")}
        description={t("costs.evidenceHint", { maxMb: EVIDENCE_MAX_MB, max: EVIDENCE_MAX_FILES })}
        error={form.error("evidence")}
        required
      >
        {({ invalid: _invalid, ...control }) => (
          <input
            {...control}
            ref={fileRef}
            name="evidence"
            type="file"
            multiple
            accept={ACCEPT}
            className="opvang-fund-file"
            data-testid="funding-cost-evidence"
          />
        )}
      </Field>
      {correcting ? (
        <TextField
          id={costId("correctionReason")}
          label={label("correctionReason")}
          value={values.correctionReason}
          onChange={set("correctionReason")}
          error={form.error("correctionReason")}
          maxLength={500}
          required
        />
      ) : null}
      <FormActions
        submit={correcting ? t("costs.correctSubmit") : t("costs.submit")}
        busy={form.busy}
        cancel={t("costs.cancel")}
        onCancel={correcting ? onCancel : undefined}
      />
    </form>
  );
}
