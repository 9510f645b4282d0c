import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxField, SelectField } from "../../../components/form";
import { Pager } from "../../../components/Pager";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import { asApiError } from "../../../query";
import {
  type MonthlyRun,
  type MonthlyRunApi,
  PAGE_SIZE,
  PAYMENT_METHODS,
  type PaymentFilter,
  type PaymentMethod,
  RUN_ANOMALIES,
  type RunAnomaly,
  type RunPayment,
} from "../api";
import { formatCents, formatMonth, formatNumber } from "../format";
import { householdsQuery } from "../queries";
import { Loading, LoadProblem } from "./Common";
import { DownloadButton } from "./DownloadButton";
import { HouseholdDetail } from "./HouseholdDetail";

const isAnomaly = (value: string | null): value is RunAnomaly =>
  (RUN_ANOMALIES as readonly string[]).includes(value ?? "");
const isMethod = (value: string | null): value is PaymentMethod =>
  (PAYMENT_METHODS as readonly string[]).includes(value ?? "");

/** The review's filters as the address holds them (?anomaly=&method=&changed=1&corrections=1). */
export function filterFromSearch(params: URLSearchParams): PaymentFilter {
  const anomaly = params.get("anomaly");
  const method = params.get("method");
  return {
    anomaly: isAnomaly(anomaly) ? anomaly : null,
    method: isMethod(method) ? method : null,
    changed: params.get("changed") === "1",
    corrections: params.get("corrections") === "1",
  };
}

/** Anomalies as tags, each translated. */
export function AnomalyTags({ anomalies }: { anomalies: readonly RunAnomaly[] }) {
  const { t } = useTranslation("monthly-run");
  if (anomalies.length === 0) return <>{t("common.none")}</>;
  return (
    <ul className="opvang-mr-tags">
      {anomalies.map((anomaly) => (
        <li
          key={anomaly}
          className={`opvang-mr-tag opvang-mr-tag--anomaly opvang-mr-tag--${anomaly}`}
          data-anomaly={anomaly}
        >
          {t(`anomalies.${anomaly}`)}
        </li>
      ))}
    </ul>
  );
}

/** An amount of last month, or "no decision" when there was none. */
export function Previous({ cents }: { cents: number | null }) {
  const { t, i18n } = useTranslation("monthly-run");
  if (cents === null) return <span className="opvang-mr-muted">{t("review.noPrevious")}</span>;
  return <>{formatCents(cents, currentLanguage(i18n))}</>;
}

/**
 * The run's households, a page at a time, filtered by anomaly, payment method, a change from
 * last month or corrections (all in the address, so a filtered list can be linked and gone
 * back to), with the filtered list as CSV. Each row shows last month against this month,
 * why it changed and what to look at; its name opens the household's months in the run.
 */
export function ReviewSection({
  api,
  run,
  params,
  set,
}: {
  api: MonthlyRunApi;
  run: MonthlyRun;
  params: URLSearchParams;
  set: (values: Record<string, string | number | null>) => void;
}) {
  const { t, i18n } = useTranslation("monthly-run");
  const language = currentLanguage(i18n);
  const headingId = useId();
  const filter = filterFromSearch(params);
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const offset = (page - 1) * PAGE_SIZE;
  const list = useQuery({
    ...householdsQuery(api, run.id, filter, offset),
    placeholderData: keepPreviousData,
  });
  const chosen = Number(params.get("household")) || null;
  const month = formatMonth(run.month, language);
  const data = list.data;

  /** A new filter starts at the first page, with no household open. */
  const refilter = (values: Record<string, string | null>) =>
    set({ ...values, page: null, household: null });

  return (
    <section className="opvang-mr-section" aria-labelledby={headingId} data-testid="run-review">
      <Heading2 id={headingId}>{t("review.heading", { month })}</Heading2>
      <Paragraph>{t("review.intro")}</Paragraph>
      <div className="opvang-mr-controls" data-testid="review-filters">
        <SelectField
          id="review-anomaly"
          label={t("review.filter.anomaly")}
          value={filter.anomaly ?? ""}
          options={[
            { value: "", label: t("review.filter.anyAnomaly") },
            ...RUN_ANOMALIES.map((a) => ({ value: a, label: t(`anomalies.${a}`) })),
          ]}
          onChange={(value) => refilter({ anomaly: value || null })}
        />
        <SelectField
          id="review-method"
          label={t("review.filter.method")}
          value={filter.method ?? ""}
          options={[
            { value: "", label: t("review.filter.anyMethod") },
            ...PAYMENT_METHODS.map((m) => ({ value: m, label: t(`methods.${m}`) })),
          ]}
          onChange={(value) => refilter({ method: value || null })}
        />
        <div className="opvang-mr-checks">
          <CheckboxField
            id="review-changed"
            label={t("review.filter.changed")}
            checked={filter.changed}
            onChange={(checked) => refilter({ changed: checked ? "1" : null })}
          />
          <CheckboxField
            id="review-corrections"
            label={t("review.filter.corrections")}
            checked={filter.corrections}
            onChange={(checked) => refilter({ corrections: checked ? "1" : null })}
          />
        </div>
      </div>
      <div className="opvang-mr-list-tools">
        <Paragraph aria-live="polite" data-testid="review-count">
          {data
            ? t("review.count", {
                count: data.total,
                households: formatNumber(data.total, language),
              })
            : ""}
        </Paragraph>
        <DownloadButton
          testId="review-csv"
          label={t("review.csv")}
          fetchFile={() => api.householdsCsv(run.id, filter)}
        />
      </div>
      {list.isError ? <LoadProblem error={asApiError(list.error)} /> : null}
      {list.isPending ? <Loading /> : null}
      {data && data.total === 0 ? (
        <Paragraph data-testid="review-empty">{t("review.empty")}</Paragraph>
      ) : null}
      {data && data.items.length > 0 ? (
        <PaymentsTable
          items={data.items}
          busy={list.isFetching}
          month={month}
          chosen={chosen}
          onOpen={(householdId) => set({ household: householdId })}
        />
      ) : null}
      {data ? (
        <Pager
          ns="monthly-run"
          className="opvang-mr-pager"
          testId="review-pages"
          rangeTestId="review-range"
          offset={offset}
          shown={data.items.length}
          total={data.total}
          pageSize={PAGE_SIZE}
          label={t("review.pagesLabel")}
          onPage={(next) => set({ page: next / PAGE_SIZE + 1, household: null })}
        />
      ) : null}
      {chosen ? (
        <HouseholdDetail
          key={chosen}
          api={api}
          run={run}
          householdId={chosen}
          onClose={() => set({ household: null })}
        />
      ) : null}
    </section>
  );
}

function PaymentsTable({
  items,
  busy,
  month,
  chosen,
  onOpen,
}: {
  items: RunPayment[];
  busy: boolean;
  month: string;
  chosen: number | null;
  onOpen: (householdId: number) => void;
}) {
  const { t, i18n } = useTranslation("monthly-run");
  const language = currentLanguage(i18n);
  const captionId = useId();
  const euro = (cents: number) => formatCents(cents, language);
  const columns = [
    ["household", ""],
    ["leefgeldBefore", "opvang-loc-num"],
    ["leefgeldNow", "opvang-loc-num"],
    ["eigenBijdrageBefore", "opvang-loc-num"],
    ["eigenBijdrageNow", "opvang-loc-num"],
    ["reasons", ""],
    ["corrections", "opvang-loc-num"],
    ["transfer", "opvang-loc-num"],
    ["method", ""],
    ["anomalies", ""],
  ] as const;
  return (
    <ScrollTable labelledBy={captionId}>
      <Table
        className="opvang-loc-table opvang-mr-table"
        data-testid="review-table"
        aria-busy={busy}
      >
        <TableCaption id={captionId} className="opvang-visually-hidden">
          {t("review.caption", { month })}
        </TableCaption>
        <TableHeader>
          <TableRow>
            {columns.map(([key, className]) => (
              <TableHeaderCell key={key} scope="col" className={className || undefined}>
                {t(`review.columns.${key}`)}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((p) => (
            <TableRow
              key={p.householdId}
              data-testid="review-row"
              data-household-id={p.householdId}
              className={p.problem ? "opvang-loc-row--problem" : undefined}
              aria-current={p.householdId === chosen ? "true" : undefined}
            >
              <TableHeaderCell scope="row">
                <button
                  type="button"
                  className="opvang-mr-link-button"
                  aria-expanded={p.householdId === chosen}
                  data-testid="review-open"
                  onClick={() => onOpen(p.householdId)}
                >
                  {p.label}
                </button>
                <span className="opvang-mr-muted opvang-mr-persons">
                  {t("review.persons", {
                    count: p.persons,
                    persons: formatNumber(p.persons, language),
                  })}
                </span>
              </TableHeaderCell>
              <TableCell className="opvang-loc-num">
                <Previous cents={p.previousLeefgeldCents} />
              </TableCell>
              <TableCell className="opvang-loc-num">{euro(p.leefgeldCents)}</TableCell>
              <TableCell className="opvang-loc-num">
                <Previous cents={p.previousEigenBijdrageCents} />
              </TableCell>
              <TableCell className="opvang-loc-num">{euro(p.eigenBijdrageCents)}</TableCell>
              <TableCell>
                {p.changeReasons.length
                  ? p.changeReasons.map((r) => t(`reasons.${r}`)).join(", ")
                  : t("review.unchanged")}
              </TableCell>
              <TableCell className="opvang-loc-num">
                {formatNumber(p.corrections, language)}
              </TableCell>
              <TableCell className="opvang-loc-num">{euro(p.transferCents)}</TableCell>
              <TableCell>{t(`methods.${p.method}`)}</TableCell>
              <TableCell>
                <AnomalyTags anomalies={p.anomalies} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}
