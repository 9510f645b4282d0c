import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  ButtonGroup,
  Heading2,
  Heading3,
  Paragraph,
} from "@utrecht/component-library-react";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  DateField,
  ErrorSummary,
  type FieldErrors,
  FormActions,
  Notice,
  TextField,
  topLevelField,
  useForm,
} from "../../../components/form";
import { parseDateInput } from "../../../dates";
import { todayNl } from "../../../format";
import { asApiError } from "../../../query";
import { parseEuros } from "../../locations/format";
import type { FundingAdvance, FundingAdvanceRequest, FundingApi } from "../api";
import { FUNDING_FORM_ERRORS, localised } from "../errors";
import { advanceQuery, FUNDING_KEY } from "../queries";
import { type FundingFormat, Loading, LoadProblem, useFundingFormat } from "./Common";
import { DataTable, NumCell, TableCell, TableHeaderCell, TableRow } from "./Tables";

/** The book years offered: this year and next year (the API takes 2022 to next year). */
export function advanceYears(today: string = todayNl()): number[] {
  const year = Number(today.slice(0, 4));
  return [year, year + 1];
}

/** Next year once this year's deadline (31 October) has passed, else this year. */
export function defaultAdvanceYear(today: string = todayNl()): number {
  const year = Number(today.slice(0, 4));
  return today >= `${year}-11-01` ? year + 1 : year;
}

/**
 * The advance (voorschot) of a book year: the deadline (before 1 November of the year, law
 * data), Opvang's proposal from the claim of the year as the facts stand (and what it leaves
 * out, where an amount is not published), the current request and its history, a new
 * request (another amount with a reason), and the advance received.
 */
export function AdvanceSection({ api }: { api: FundingApi }) {
  const { t } = useTranslation("funding");
  const headingId = useId();
  const [year, setYear] = useState(() => defaultAdvanceYear());
  const state = useQuery(advanceQuery(api, year));
  return (
    <section
      className="opvang-fund-section"
      aria-labelledby={headingId}
      id="funding-advance"
      data-testid="funding-advance"
    >
      <Heading2 id={headingId}>{t("advance.heading")}</Heading2>
      <Paragraph>{t("advance.intro")}</Paragraph>
      <ButtonGroup className="opvang-fund-presets" role="group" aria-label={t("advance.year")}>
        {advanceYears().map((y) => (
          <Button
            key={y}
            type="button"
            appearance="subtle-button"
            pressed={y === year}
            data-testid={`funding-advance-year-${y}`}
            onClick={() => setYear(y)}
          >
            {t("advance.bookYear", { year: y })}
          </Button>
        ))}
      </ButtonGroup>
      {state.isPending ? <Loading testId="funding-advance-loading" /> : null}
      {state.isError ? <LoadProblem error={asApiError(state.error)} /> : null}
      {state.data ? <AdvanceState key={year} api={api} state={state.data} /> : null}
    </section>
  );
}

function AdvanceState({ api, state }: { api: FundingApi; state: FundingAdvance }) {
  const { t } = useTranslation("funding");
  const f = useFundingFormat();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: FUNDING_KEY });
  const { proposal, current, deadline } = state;
  const left = proposal.notPublishedPlaceDays + proposal.notPublishedPersonDays;
  // No part of the year has a published amount: Opvang proposes none (never € 0 for it).
  const nothingPublished = !proposal.complete && proposal.amountCents === 0;
  return (
    <div data-testid="funding-advance-state" data-year={state.year}>
      <Paragraph data-testid="funding-advance-deadline">
        {deadline === null
          ? t("advance.noDeadline")
          : state.open
            ? t("advance.openUntil", { year: state.year, date: f.date(deadline.lastDay) })
            : current?.received
              ? t("advance.closedReceived", { year: state.year })
              : t("advance.closed", { year: state.year, date: f.date(deadline.lastDay) })}
      </Paragraph>
      {saved ? (
        <Notice type="ok" testId="funding-advance-saved">
          {saved}
        </Notice>
      ) : null}
      <Heading3>{t("advance.proposalHeading", { year: state.year })}</Heading3>
      <dl className="opvang-fund-figures" data-testid="funding-advance-proposal">
        <div className="opvang-fund-figure">
          <dt className="opvang-fund-figure__label">{t("advance.proposal")}</dt>
          <dd className="opvang-fund-figure__value" data-testid="funding-advance-proposal-value">
            {nothingPublished ? t("common.notPublished") : f.euro(proposal.amountCents)}
          </dd>
          <dd className="opvang-fund-figure__detail">
            {t("advance.proposalDetail", {
              goo: f.euro(proposal.gooCents),
              poo: f.euro(proposal.pooCents),
              costs: f.euro(proposal.transitionCostCents),
            })}
          </dd>
        </div>
        {current ? (
          <div className="opvang-fund-figure">
            <dt className="opvang-fund-figure__label">{t("advance.current")}</dt>
            <dd className="opvang-fund-figure__value" data-testid="funding-advance-current-value">
              {f.euro(current.amountCents)}
            </dd>
            <dd className="opvang-fund-figure__detail">
              {t("advance.currentDetail", {
                date: f.date(current.requestedOn),
                name: current.requestedBy ?? "–",
              })}
            </dd>
          </div>
        ) : null}
        {current?.received ? (
          <div className="opvang-fund-figure">
            <dt className="opvang-fund-figure__label">{t("advance.received")}</dt>
            <dd className="opvang-fund-figure__value" data-testid="funding-advance-received-value">
              {f.euro(current.received.amountCents)}
            </dd>
            <dd className="opvang-fund-figure__detail">
              {t("advance.receivedDetail", { date: f.date(current.received.on) })}
            </dd>
          </div>
        ) : null}
      </dl>
      {proposal.complete ? null : (
        <Paragraph className="opvang-fund-muted" data-testid="funding-advance-incomplete">
          {t("advance.incomplete", {
            count: left,
            placeDays: f.n(proposal.notPublishedPlaceDays),
            personDays: f.n(proposal.notPublishedPersonDays),
            schemes: proposal.schemes
              .filter((s) => !s.gooAmountPublished || !s.pooAmountPublished)
              .map((s) => f.scheme(s.scheme))
              .join(", "),
          })}
        </Paragraph>
      )}
      {current?.reason ? (
        <Paragraph>{t("advance.reasonShown", { reason: current.reason })}</Paragraph>
      ) : null}
      {state.open ? (
        <RequestForm
          api={api}
          state={state}
          onSaved={(next) => {
            setSaved(t("advance.saved", { amount: f.euro(next.current?.amountCents ?? 0) }));
            void refresh();
          }}
        />
      ) : null}
      {current && !current.received ? (
        <ReceiptForm
          api={api}
          year={state.year}
          onSaved={() => {
            setSaved(t("advance.receiptSaved"));
            void refresh();
          }}
        />
      ) : null}
      {state.history.length ? <History requests={state.history} format={f} /> : null}
    </div>
  );
}

type RequestField = "year" | "amountCents" | "reason";

function RequestForm({
  api,
  state,
  onSaved,
}: {
  api: FundingApi;
  state: FundingAdvance;
  onSaved: (next: FundingAdvance) => void;
}) {
  const { t, i18n } = useTranslation("funding");
  const f = useFundingFormat();
  const form = useForm<RequestField>(FUNDING_FORM_ERRORS);
  const headingId = useId();
  const proposed = state.proposal.amountCents;
  const nothingPublished = !state.proposal.complete && proposed === 0;
  const asInput = (cents: number) => {
    const text = (cents / 100).toFixed(2);
    return i18n.language === "en" ? text : text.replace(".", ",");
  };
  // Without a published amount there is nothing to propose: the officer enters one.
  const [amount, setAmount] = useState(() => (nothingPublished ? "" : asInput(proposed)));
  const [reason, setReason] = useState("");
  const id = (field: RequestField) => `funding-advance-${field}`;
  const label = (field: RequestField) => t(`advance.fields.${field}`);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const cents = parseEuros(amount);
    const errors: FieldErrors<RequestField> = {};
    if (!amount.trim()) errors.amountCents = { key: "errors.required" };
    else if (cents === null) errors.amountCents = { key: "errors.amount_format" };
    else if (cents !== proposed && !reason.trim())
      errors.reason = { key: "errors.reason_required" };
    if (Object.keys(errors).length) {
      form.fail(errors);
      return;
    }
    let next: FundingAdvance | null = null;
    const ok = await form.run(
      async () => {
        next = await localised(
          () =>
            api.requestAdvance({
              year: state.year,
              amountCents: cents,
              reason: reason.trim() || null,
            }),
          f.language,
        );
      },
      topLevelField(["year", "amountCents", "reason"] as const),
    );
    if (ok && next) {
      setReason("");
      onSaved(next);
    }
  }

  return (
    <form
      className="opvang-form opvang-fund-form"
      noValidate
      onSubmit={submit}
      aria-labelledby={headingId}
      data-testid="funding-advance-form"
    >
      <Heading3 id={headingId}>
        {state.current ? t("advance.replaceHeading") : t("advance.requestHeading")}
      </Heading3>
      <ErrorSummary {...form.summary(label, id)} testId="funding-advance-errors" />
      {form.errors.year ? (
        <Notice type="error" testId="funding-advance-year-error">
          {form.error("year")}
        </Notice>
      ) : null}
      <span id={id("year")} hidden />
      <TextField
        id={id("amountCents")}
        label={label("amountCents")}
        description={
          nothingPublished
            ? t("advance.amountHintNone")
            : t("advance.amountHint", { amount: f.euro(proposed) })
        }
        value={amount}
        onChange={setAmount}
        error={form.error("amountCents")}
        inputMode="decimal"
        required
      />
      <TextField
        id={id("reason")}
        label={label("reason")}
        description={t("advance.reasonHint")}
        value={reason}
        onChange={setReason}
        error={form.error("reason")}
        maxLength={500}
      />
      <FormActions
        submit={state.current ? t("advance.replaceSubmit") : t("advance.submit")}
        busy={form.busy}
      />
    </form>
  );
}

type ReceiptField = "year" | "amountCents" | "receivedOn";

function ReceiptForm({
  api,
  year,
  onSaved,
}: {
  api: FundingApi;
  year: number;
  onSaved: () => void;
}) {
  const { t } = useTranslation("funding");
  const f = useFundingFormat();
  const form = useForm<ReceiptField>(FUNDING_FORM_ERRORS);
  const headingId = useId();
  const [amount, setAmount] = useState("");
  const [on, setOn] = useState("");
  const id = (field: ReceiptField) => `funding-receipt-${field}`;
  const label = (field: ReceiptField) => t(`advance.receiptFields.${field}`);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const cents = parseEuros(amount);
    const date = parseDateInput(on.trim());
    const errors: FieldErrors<ReceiptField> = {};
    if (!amount.trim()) errors.amountCents = { key: "errors.required" };
    else if (cents === null) errors.amountCents = { key: "errors.amount_format" };
    if (!on.trim()) errors.receivedOn = { key: "errors.required" };
    else if (!date) errors.receivedOn = { key: "errors.date_format" };
    if (Object.keys(errors).length) {
      form.fail(errors);
      return;
    }
    const ok = await form.run(
      async () => {
        await localised(
          () => api.recordReceipt({ year, amountCents: cents!, receivedOn: date! }),
          f.language,
        );
      },
      topLevelField(["year", "amountCents", "receivedOn"] as const),
    );
    if (ok) onSaved();
  }
  return (
    <form
      className="opvang-form opvang-fund-form"
      noValidate
      onSubmit={submit}
      aria-labelledby={headingId}
      data-testid="funding-receipt-form"
    >
      <Heading3 id={headingId}>{t("advance.receiptHeading")}</Heading3>
      <ErrorSummary {...form.summary(label, id)} testId="funding-receipt-errors" />
      <span id={id("year")} hidden />
      <TextField
        id={id("amountCents")}
        label={label("amountCents")}
        value={amount}
        onChange={setAmount}
        error={form.error("amountCents")}
        inputMode="decimal"
        required
      />
      <DateField
        id={id("receivedOn")}
        label={label("receivedOn")}
        value={on}
        onChange={setOn}
        error={form.error("receivedOn")}
        required
      />
      <FormActions submit={t("advance.receiptSubmit")} busy={form.busy} />
    </form>
  );
}

function History({
  requests,
  format: f,
}: {
  requests: FundingAdvanceRequest[];
  format: FundingFormat;
}) {
  const { t } = useTranslation("funding");
  return (
    <>
      <Heading3>{t("advance.historyHeading")}</Heading3>
      <DataTable
        testId="funding-advance-history"
        caption={t("advance.historyHeading")}
        captionHidden
        columns={[
          { key: "requestedOn", label: t("advance.columns.requestedOn") },
          { key: "amount", label: t("advance.columns.amount"), numeric: true },
          { key: "proposed", label: t("advance.columns.proposed"), numeric: true },
          { key: "reason", label: t("advance.columns.reason") },
          { key: "by", label: t("advance.columns.by") },
        ]}
      >
        {requests.map((r) => (
          <TableRow key={r.id} data-testid="funding-advance-history-row">
            <TableHeaderCell scope="row">{f.date(r.requestedOn)}</TableHeaderCell>
            <NumCell>{f.euro(r.amountCents)}</NumCell>
            <NumCell>{f.euro(r.proposedCents)}</NumCell>
            <TableCell>{r.reason ?? t("common.none")}</TableCell>
            <TableCell>{r.requestedBy ?? t("common.none")}</TableCell>
          </TableRow>
        ))}
      </DataTable>
    </>
  );
}
