import { type UseQueryResult, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Checkbox,
  FormLabel,
  Heading2,
  Heading3,
  Link,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api";
import { useCodeTexts } from "../../../codes";
import {
  ErrorSummary,
  type FieldErrors,
  FormActions,
  Notice,
  TextField,
  topLevelField,
  useErrorText,
  useForm,
} from "../../../components/form";
import { ScrollTable } from "../../../components/ScrollTable";
import { linkHandler } from "../../../links";
import {
  type IncomeEdit,
  IncomeEditor,
  type IncomeMessage,
  IncomeRowActions,
} from "../../incomes/components/IncomeEditor";
import { REGISTRY_ERRORS } from "../errors";
import {
  formatCents,
  formatCentsDifference,
  formatDate,
  formatDateTime,
  formatMonth,
  fullName,
  thisMonthNl,
} from "../format";
import { changesQuery, decisionsQuery, entitlementQuery, householdIncomesQuery } from "../queries";
import type {
  DecisionSummary,
  Entitlement,
  HistoryEntry,
  Household,
  RegistryApi,
} from "../registry-api";

/**
 * The money side of the household page: this (or another) month's leefgeld and eigen
 * bijdrage with the rules engine's explanation (and deciding that month), the household's
 * decisions, the changes with effect on past months against their latest decision, the
 * members' incomes, and the history of changes.
 */

type Load<T> =
  | { status: "loading" }
  | { status: "ready"; value: T }
  | { status: "error"; code: string };

/** A section's view of its query: loading (nothing yet), ready, or the error's code. */
function loadOf<T>(query: UseQueryResult<T>): Load<T> {
  if (query.isSuccess) return { status: "ready", value: query.data };
  if (query.isError) {
    return {
      status: "error",
      code: query.error instanceof ApiError ? query.error.code : "unknown",
    };
  }
  return { status: "loading" };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function EntitlementSection({
  householdId,
  api,
  names = new Map(),
  canDecide = false,
  onDecided,
}: {
  householdId: number;
  api: RegistryApi;
  /** Person id → name, to name members in notices. */
  names?: ReadonlyMap<number, string>;
  /** Whether the user may decide the shown month (caseworker, finance officer). */
  canDecide?: boolean;
  onDecided?: (decision: DecisionSummary) => void;
}) {
  const { t, i18n } = useTranslation("registry");
  const headingId = useId();
  const [month, setMonth] = useState(thisMonthNl());
  const [picked, setPicked] = useState(month);
  const language = i18n.language;
  const errorText = useErrorText(REGISTRY_ERRORS);
  const valid = MONTH.test(month);
  const query = useQuery({
    ...entitlementQuery(api, householdId, month, language),
    enabled: valid,
  });
  const state: Load<Entitlement | null> = valid ? loadOf(query) : { status: "ready", value: null };
  const calculation = state.status === "ready" ? state.value?.calculation : null;

  return (
    <section
      className="opvang-registry-section"
      aria-labelledby={headingId}
      data-testid="entitlement"
    >
      <Heading2 id={headingId}>{t("entitlement.heading")}</Heading2>
      <form
        className="opvang-registry-month"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setMonth(picked);
        }}
      >
        <div className="opvang-registry-grid">
          <TextField
            id="entitlement-month"
            type="month"
            label={t("entitlement.month")}
            description={t("entitlement.monthHint")}
            value={picked}
            placeholder="2026-11"
            error={MONTH.test(picked) ? undefined : errorText({ key: "errors.month_format" })}
            onChange={(value) => {
              setPicked(value);
              if (MONTH.test(value)) setMonth(value);
            }}
          />
        </div>
        <FormActions submit={t("entitlement.show")} />
      </form>
      <div aria-live="polite">
        {state.status === "loading" ? <Paragraph>{t("common.loading")}</Paragraph> : null}
        {state.status === "error" ? (
          <Notice type="error">
            {t(`apiErrors.${state.code}`, { defaultValue: t("entitlement.failed") })}
          </Notice>
        ) : null}
        {state.status === "ready"
          ? (state.value?.facts?.notices ?? []).map((n) => (
              <Notice key={`${n.code}-${n.personId}`} type="warning" testId="entitlement-notice">
                {t(`entitlement.notice.${n.code}`, {
                  name: n.personId === null ? "" : (names.get(n.personId) ?? `#${n.personId}`),
                  defaultValue: n.message,
                })}
              </Notice>
            ))
          : null}
        {state.status === "ready"
          ? (state.value?.supportEnded ?? []).map((x) => (
              <Notice
                key={`support-${x.personId}`}
                type="warning"
                testId="entitlement-support-ended"
              >
                {t(
                  x.lastDay === null
                    ? "entitlement.supportEndedWholeMonth"
                    : "entitlement.supportEnded",
                  {
                    name: names.get(x.personId) ?? `#${x.personId}`,
                    date: formatDate(x.lastDay, language),
                  },
                )}
              </Notice>
            ))
          : null}
        {state.status === "ready" && state.value && !state.value.inReception ? (
          <Notice type="info" testId="entitlement-none">
            {t("entitlement.notInReception", { month: formatMonth(month, language) })}
          </Notice>
        ) : null}
        {calculation ? (
          <div data-testid="entitlement-result">
            <Paragraph>
              {t("entitlement.summary", {
                month: formatMonth(calculation.month, language),
                size: calculation.householdSize,
                adults: calculation.adults,
                reception: t(`reception.${calculation.reception}`),
              })}
            </Paragraph>
            <dl className="opvang-registry-amounts">
              <div>
                <dt>{t("entitlement.leefgeldPaid")}</dt>
                <dd data-testid="leefgeld-paid">
                  {formatCents(calculation.leefgeld.paidCents, language)}
                </dd>
              </div>
              <div>
                <dt>{t("entitlement.eigenBijdrage")}</dt>
                <dd data-testid="eigen-bijdrage">
                  {formatCents(calculation.eigenBijdrage.chargedCents, language)}
                </dd>
              </div>
              <div>
                <dt>{t("entitlement.leefgeldFull")}</dt>
                <dd>{formatCents(calculation.leefgeld.fullCents, language)}</dd>
              </div>
              <div>
                <dt>{t("entitlement.income")}</dt>
                <dd>{formatCents(calculation.incomeCents, language)}</dd>
              </div>
            </dl>
            <Heading3>{t("entitlement.explanation")}</Heading3>
            <Paragraph
              className="opvang-registry-explanation"
              lang={language}
              data-testid="entitlement-explanation"
            >
              {calculation.explanation}
            </Paragraph>
            {canDecide ? (
              <DecideMonthForm
                householdId={householdId}
                month={calculation.month}
                api={api}
                onDecided={onDecided}
              />
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}

/** Decides the shown month by hand: its amounts as computed now, stored with a reason. */
function DecideMonthForm({
  householdId,
  month,
  api,
  onDecided,
}: {
  householdId: number;
  month: string;
  api: RegistryApi;
  onDecided?: (decision: DecisionSummary) => void;
}) {
  const { t, i18n } = useTranslation("registry");
  const [reason, setReason] = useState("");
  const form = useForm(REGISTRY_ERRORS);
  const ids = { reason: "decide-reason", month: "entitlement-month" };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason.trim()) return form.fail({ [ids.reason]: { key: "errors.reasonRequired" } });
    await form.run(
      async () => {
        const decision = await api.decide(householdId, month, reason.trim());
        setReason("");
        onDecided?.(decision);
      },
      topLevelField(ids),
      // 409: nobody of the household was in reception that month.
      () => form.fail({}, [{ key: "decisions.notInReception" }]),
    );
  }

  return (
    <form
      noValidate
      onSubmit={submit}
      className="opvang-registry-section__form"
      data-testid="decide-month"
    >
      <Heading3>{t("decisions.decideHeading")}</Heading3>
      <Paragraph>
        {t("decisions.decideIntro", { month: formatMonth(month, i18n.language) })}
      </Paragraph>
      <ErrorSummary
        {...form.summary({ [ids.reason]: t("common.reason"), [ids.month]: t("entitlement.month") })}
      />
      <div className="opvang-registry-grid">
        <TextField
          id={ids.reason}
          label={t("common.reason")}
          description={t("decisions.reasonHint")}
          value={reason}
          required
          error={form.error(ids.reason)}
          onChange={setReason}
        />
      </div>
      <FormActions
        busy={form.busy}
        submit={t("decisions.decide", { month: formatMonth(month, i18n.language) })}
      />
    </form>
  );
}

/** The household's decisions: per month what was decided, by whom and when. */
export function DecisionsSection({ householdId, api }: { householdId: number; api: RegistryApi }) {
  const { t, i18n } = useTranslation("registry");
  const headingId = useId();
  const captionId = useId();
  const language = i18n.language;
  const state = loadOf(useQuery(decisionsQuery(api, householdId)));
  return (
    <section
      className="opvang-registry-section"
      aria-labelledby={headingId}
      data-testid="decisions"
    >
      <Heading2 id={headingId}>{t("decisions.heading")}</Heading2>
      <Paragraph>{t("decisions.intro")}</Paragraph>
      {state.status === "loading" ? <Paragraph>{t("common.loading")}</Paragraph> : null}
      {state.status === "error" ? (
        <Notice type="error">
          {t(`apiErrors.${state.code}`, { defaultValue: t("decisions.failed") })}
        </Notice>
      ) : null}
      {state.status === "ready" && state.value.length === 0 ? (
        <Paragraph data-testid="decisions-none">{t("decisions.none")}</Paragraph>
      ) : null}
      {state.status === "ready" && state.value.length > 0 ? (
        <ScrollTable labelledBy={captionId}>
          <Table>
            <TableCaption id={captionId}>{t("decisions.caption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("decisions.month")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("decisions.kind")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("decisions.leefgeldPaid")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("decisions.eigenBijdrage")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("decisions.decidedAt")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("decisions.decidedBy")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {state.value.map((d) => (
                <TableRow key={d.id} data-testid={`decision-${d.id}`}>
                  <TableCell>{formatMonth(d.month, language)}</TableCell>
                  <TableCell>{t(`decisions.kinds.${d.kind}`)}</TableCell>
                  <TableCell className="opvang-registry-amount">
                    {formatCents(d.leefgeldPaidCents, language)}
                  </TableCell>
                  <TableCell className="opvang-registry-amount">
                    {formatCents(d.eigenBijdrageChargedCents, language)}
                  </TableCell>
                  <TableCell>{formatDateTime(d.decidedAt, language)}</TableCell>
                  <TableCell>{d.decidedBy ?? t("decisions.system")}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}
    </section>
  );
}

export function ChangesSection({
  householdId,
  api,
  canAcknowledge,
  onAcknowledged,
}: {
  householdId: number;
  api: RegistryApi;
  canAcknowledge: boolean;
  onAcknowledged: () => void;
}) {
  const { t, i18n } = useTranslation("registry");
  const headingId = useId();
  const captionId = useId();
  const state = loadOf(useQuery(changesQuery(api, householdId)));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState("");
  const form = useForm(REGISTRY_ERRORS);
  const language = i18n.language;
  const changes = state.status === "ready" ? state.value : [];
  const ids = { reason: "acknowledge-reason", months: "acknowledge-months" };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (selected.size === 0) errors[ids.months] = { key: "errors.chooseMonth" };
    if (!reason.trim()) errors[ids.reason] = { key: "errors.reasonRequired" };
    if (Object.keys(errors).length) return form.fail(errors);
    await form.run(async () => {
      await api.acknowledge(householdId, [...selected].sort(), reason.trim());
      setSelected(new Set());
      setReason("");
      onAcknowledged();
    }, topLevelField(ids));
  }

  return (
    <section className="opvang-registry-section" aria-labelledby={headingId} data-testid="changes">
      <Heading2 id={headingId}>{t("changes.heading")}</Heading2>
      <Paragraph>{t("changes.intro")}</Paragraph>
      {state.status === "loading" ? <Paragraph>{t("common.loading")}</Paragraph> : null}
      {state.status === "error" ? (
        <Notice type="error">
          {t(`apiErrors.${state.code}`, { defaultValue: t("changes.failed") })}
        </Notice>
      ) : null}
      {state.status === "ready" && changes.length === 0 ? (
        <Paragraph data-testid="changes-none">{t("changes.none")}</Paragraph>
      ) : null}
      {changes.length > 0 ? (
        <form noValidate onSubmit={submit} className="opvang-registry-section__form">
          <ErrorSummary
            {...form.summary({
              [ids.reason]: t("common.reason"),
              [ids.months]: t("changes.months"),
            })}
          />
          <ScrollTable labelledBy={captionId}>
            <Table id={ids.months} tabIndex={-1}>
              <TableCaption id={captionId}>{t("changes.caption")}</TableCaption>
              <TableHeader>
                <TableRow>
                  {canAcknowledge ? (
                    <TableHeaderCell scope="col">{t("changes.select")}</TableHeaderCell>
                  ) : null}
                  <TableHeaderCell scope="col">{t("changes.month")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("changes.leefgeldBefore")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("changes.leefgeldNow")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("changes.eigenBijdrageBefore")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("changes.eigenBijdrageNow")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("changes.difference")}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {changes.map((c) => {
                  const checkboxId = `acknowledge-${c.month}`;
                  return (
                    <TableRow key={c.month} data-testid={`change-${c.month}`}>
                      {canAcknowledge ? (
                        <TableCell>
                          {"difference" in c ? (
                            <>
                              <Checkbox
                                id={checkboxId}
                                checked={selected.has(c.month)}
                                onChange={(event) => {
                                  const checked = (event.target as HTMLInputElement).checked;
                                  setSelected((current) => {
                                    const next = new Set(current);
                                    if (checked) next.add(c.month);
                                    else next.delete(c.month);
                                    return next;
                                  });
                                }}
                              />
                              <FormLabel htmlFor={checkboxId} className="opvang-visually-hidden">
                                {t("changes.selectMonth", {
                                  month: formatMonth(c.month, language),
                                })}
                              </FormLabel>
                            </>
                          ) : null}
                        </TableCell>
                      ) : null}
                      <TableCell>{formatMonth(c.month, language)}</TableCell>
                      {"problem" in c ? (
                        <TableCell colSpan={5} className="utrecht-table__cell--wrap">
                          {t("changes.problem", { message: c.problem })}
                        </TableCell>
                      ) : (
                        <>
                          <TableCell className="opvang-registry-amount">
                            {formatCents(c.before.leefgeldPaidCents, language)}
                          </TableCell>
                          <TableCell className="opvang-registry-amount">
                            {formatCents(c.now.leefgeldPaidCents, language)}
                          </TableCell>
                          <TableCell className="opvang-registry-amount">
                            {formatCents(c.before.eigenBijdrageChargedCents, language)}
                          </TableCell>
                          <TableCell className="opvang-registry-amount">
                            {formatCents(c.now.eigenBijdrageChargedCents, language)}
                          </TableCell>
                          <TableCell className="opvang-registry-amount">
                            <strong>
                              {formatCentsDifference(c.difference.netCents, language)}
                            </strong>
                          </TableCell>
                        </>
                      )}
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </ScrollTable>
          <Paragraph>{t("changes.differenceHint")}</Paragraph>
          {canAcknowledge ? (
            <>
              <div className="opvang-registry-grid">
                <TextField
                  id={ids.reason}
                  label={t("common.reason")}
                  description={t("changes.reasonHint")}
                  value={reason}
                  required
                  error={form.error(ids.reason)}
                  onChange={setReason}
                />
              </div>
              <FormActions busy={form.busy} submit={t("changes.acknowledge")} />
            </>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}

export function IncomesSection({
  household,
  api,
  canWrite = false,
}: {
  household: Household;
  api: RegistryApi;
  /** Whether the user may correct and remove incomes (caseworker). */
  canWrite?: boolean;
}) {
  const { t, i18n } = useTranslation("registry");
  const { t: tIncomes } = useTranslation(["incomes", "locations"], { nsMode: "fallback" });
  const headingId = useId();
  const captionId = useId();
  const editId = useId();
  const language = i18n.language;
  const queryClient = useQueryClient();
  const to = thisMonthNl();
  const [year, month] = to.split("-").map(Number) as [number, number];
  const fromDate = new Date(Date.UTC(year, month - 1 - 11, 1));
  const from = fromDate.toISOString().slice(0, 7);
  const query = householdIncomesQuery(api, household, from, to, fullName);
  const state = loadOf(useQuery(query));
  const [edit, setEdit] = useState<IncomeEdit | null>(null);
  const [message, setMessage] = useState<IncomeMessage | null>(null);
  const focusEdit = () => requestAnimationFrame(() => document.getElementById(editId)?.focus());
  return (
    <section className="opvang-registry-section" aria-labelledby={headingId} data-testid="incomes">
      <Heading2 id={headingId}>{t("incomes.heading")}</Heading2>
      <Paragraph>
        {t("incomes.intro", { from: formatMonth(from, language), to: formatMonth(to, language) })}
      </Paragraph>
      {state.status === "loading" ? <Paragraph>{t("common.loading")}</Paragraph> : null}
      {state.status === "error" ? (
        <Notice type="error">
          {state.code === "not_found" ? t("incomes.unavailable") : t("incomes.failed")}
        </Notice>
      ) : null}
      {state.status === "ready" && state.value.length === 0 ? (
        <Paragraph>{t("incomes.none")}</Paragraph>
      ) : null}
      {state.status === "ready" && state.value.length > 0 ? (
        <ScrollTable labelledBy={captionId}>
          <Table>
            <TableCaption id={captionId}>{t("incomes.caption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("incomes.month")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("placement.person")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("incomes.amount")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("incomes.kind")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("incomes.source")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("incomes.payer")}</TableHeaderCell>
                {canWrite ? (
                  <TableHeaderCell scope="col">{t("common.actions")}</TableHeaderCell>
                ) : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {state.value.map((income) => (
                <TableRow key={income.id} data-testid={`income-${income.id}`}>
                  <TableCell>{formatMonth(income.month, language)}</TableCell>
                  <TableCell>{income.name}</TableCell>
                  <TableCell className="opvang-registry-amount">
                    {formatCents(income.netCents, language)}
                  </TableCell>
                  <TableCell>
                    {t(`incomes.kinds.${income.kind}`, { defaultValue: income.kind })}
                  </TableCell>
                  <TableCell>
                    {t(`incomes.sources.${income.source}`, { defaultValue: income.source })}
                  </TableCell>
                  <TableCell>{income.payer ?? "—"}</TableCell>
                  {canWrite ? (
                    <TableCell>
                      <IncomeRowActions
                        income={income}
                        onEdit={(next) => {
                          setMessage(null);
                          setEdit(next);
                          focusEdit();
                        }}
                      />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}
      <div id={editId} tabIndex={-1}>
        {message ? (
          <Notice type={message.type} testId="income-message">
            {tIncomes(message.key, { month: formatMonth(message.month, language) })}
          </Notice>
        ) : null}
        {canWrite && edit && state.status === "ready" ? (
          <IncomeEditor
            key={`${edit.id}-${edit.mode}`}
            edit={edit}
            incomes={state.value}
            reload={() => queryClient.invalidateQueries({ queryKey: query.queryKey })}
            onEdit={setEdit}
            onCancel={() => setEdit(null)}
            onDone={(done) => {
              setEdit(null);
              setMessage(done);
              focusEdit();
            }}
            enterElsewhere={
              <Paragraph>
                {tIncomes("incomes.enterOnIncomesPage")}{" "}
                <Link href="/incomes" onClick={linkHandler("/incomes")}>
                  {tIncomes("incomes.title")}
                </Link>
              </Paragraph>
            }
          />
        ) : null}
      </div>
    </section>
  );
}

/** Records the household read returns at most; more are paged (GET …/history). */
const HISTORY_FIRST_PAGE = 200;
const HISTORY_PAGE = 50;

export function HistorySection({ household, api }: { household: Household; api?: RegistryApi }) {
  const { t, i18n } = useTranslation("registry");
  const headingId = useId();
  const captionId = useId();
  const language = i18n.language;
  const codes = useCodeTexts();
  const names = new Map(household.members.map((m) => [m.person.id, fullName(m.person)]));
  const [older, setOlder] = useState<{ entries: HistoryEntry[]; nextBefore: number | null }>({
    entries: [],
    nextBefore: null,
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreFailed, setMoreFailed] = useState(false);
  const firstRecords = [...new Set(household.history.map((e) => e.id))];
  const lastId = household.history[household.history.length - 1]?.id;
  // The first page was full: there may be more, before its oldest record.
  const firstFull = firstRecords.length >= HISTORY_FIRST_PAGE && lastId !== undefined;
  const before = older.entries.length > 0 ? older.nextBefore : firstFull ? lastId : null;
  const entries = [...household.history, ...older.entries];
  async function loadMore() {
    if (!api?.history || before == null) return;
    setLoadingMore(true);
    setMoreFailed(false);
    try {
      const page = await api.history(household.id, before, HISTORY_PAGE);
      setOlder((o) => ({ entries: [...o.entries, ...page.entries], nextBefore: page.nextBefore }));
    } catch {
      setMoreFailed(true);
    } finally {
      setLoadingMore(false);
    }
  }
  return (
    <section className="opvang-registry-section" aria-labelledby={headingId} data-testid="history">
      <Heading2 id={headingId}>{t("history.heading")}</Heading2>
      {household.history.length === 0 ? (
        <Paragraph>{t("history.none")}</Paragraph>
      ) : (
        <ScrollTable labelledBy={captionId}>
          <Table>
            <TableCaption id={captionId}>{t("history.caption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("history.when")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("history.who")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("history.action")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("placement.person")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("common.reason")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {entries.map((entry: HistoryEntry, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the history is read-only and never reordered
                <TableRow key={`${entry.at}-${index}`}>
                  <TableCell>{formatDateTime(entry.at, language)}</TableCell>
                  <TableCell>
                    {entry.username ?? "—"}
                    {entry.role
                      ? ` (${t(`userRoles.${entry.role}`, { defaultValue: entry.role })})`
                      : ""}
                  </TableCell>
                  <TableCell>
                    {t(`history.actions.${entry.action}`, {
                      defaultValue: codes.action(entry.action),
                    })}
                    {entry.entityType && entry.entityType !== "household"
                      ? ` · ${t(`history.entities.${entry.entityType}`, { defaultValue: codes.entity(entry.entityType).toLowerCase() })}`
                      : ""}
                  </TableCell>
                  <TableCell>
                    {entry.personId ? (names.get(entry.personId) ?? `#${entry.personId}`) : "—"}
                  </TableCell>
                  <TableCell className="utrecht-table__cell--wrap">
                    {codes.reason(entry.reason) ?? "—"}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      )}
      {before != null && api?.history ? (
        <div>
          <button
            type="button"
            className="utrecht-button utrecht-button--secondary-action"
            data-testid="history-more"
            disabled={loadingMore}
            onClick={() => void loadMore()}
          >
            {loadingMore ? t("common.loading") : t("history.more")}
          </button>
          {moreFailed ? <Paragraph>{t("history.moreFailed")}</Paragraph> : null}
        </div>
      ) : null}
    </section>
  );
}
