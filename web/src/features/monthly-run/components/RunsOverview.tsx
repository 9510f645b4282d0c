import { useQuery } from "@tanstack/react-query";
import {
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import { isAllowed } from "../../../navigation";
import { asApiError } from "../../../query";
import { useSession } from "../../../session";
import { type MonthlyRun, type MonthlyRunApi, monthlyRunApi, RUNS_SHOWN } from "../api";
import { addMonths, formatCents, formatMonth, formatNumber, thisMonthNl } from "../format";
import { runsQuery } from "../queries";
import { AppLink, Loading, LoadProblem } from "./Common";
import { monthPath } from "./RunHistory";
import { StatusTag, WhoLines } from "./RunStatus";

/**
 * The monthly run on the overview (/dashboard): this month's and next month's run (status,
 * who prepared and approved, totals), what needs attention (runs waiting for approval,
 * failed runs, households with anomalies, next month not prepared yet), and what the last
 * year's runs transferred, as bars with the same figures in a table.
 */
export function MonthlyRunOverview({ api = monthlyRunApi }: { api?: MonthlyRunApi }) {
  const { t } = useTranslation("monthly-run");
  const { user } = useSession();
  const runs = useQuery(runsQuery(api, RUNS_SHOWN));
  const headingId = useId();
  const linked = isAllowed(user.role, "monthlyRun");
  const thisMonth = thisMonthNl();
  const months = [thisMonth, addMonths(thisMonth, 1)];
  const list = runs.data ?? [];
  const byMonth = new Map(list.map((run) => [run.month, run]));

  return (
    <section className="opvang-mr-overview" aria-labelledby={headingId} data-testid="run-overview">
      <Heading2 id={headingId}>{t("overview.heading")}</Heading2>
      {runs.isPending ? <Loading /> : null}
      {runs.isError ? <LoadProblem error={asApiError(runs.error)} /> : null}
      {runs.isSuccess ? (
        <>
          <ul className="opvang-mr-months">
            {months.map((month) => (
              <MonthCard
                key={month}
                month={month}
                which={month === thisMonth ? "thisMonth" : "nextMonth"}
                run={byMonth.get(month) ?? null}
                linked={linked}
              />
            ))}
          </ul>
          <Attention runs={list} months={months} linked={linked} />
          <TransfersChart runs={list} />
        </>
      ) : null}
    </section>
  );
}

function MaybeLink({ to, linked, children }: { to: string; linked: boolean; children: ReactNode }) {
  return linked ? <AppLink to={to}>{children}</AppLink> : children;
}

function MonthCard({
  month,
  which,
  run,
  linked,
}: {
  month: string;
  which: "thisMonth" | "nextMonth";
  run: MonthlyRun | null;
  linked: boolean;
}) {
  const { t, i18n } = useTranslation("monthly-run");
  const language = currentLanguage(i18n);
  const name = formatMonth(month, language);
  const totals = run?.totals ?? null;
  return (
    <li className="opvang-mr-month-card" data-testid={`run-card-${which}`} data-month={month}>
      <Heading3>{t(`overview.${which}`, { month: name })}</Heading3>
      <Paragraph>
        <StatusTag status={run?.status ?? "none"} />
      </Paragraph>
      {run ? <WhoLines run={run} /> : null}
      {run?.status === "preparing" ? (
        <Paragraph>
          {t("progress.count", {
            count: run.progress.total,
            done: formatNumber(run.progress.done, language),
            total: formatNumber(run.progress.total, language),
          })}
        </Paragraph>
      ) : null}
      {totals ? (
        <dl className="opvang-mr-card-figures">
          <div>
            <dt>{t("totals.households")}</dt>
            <dd>{formatNumber(totals.households, language)}</dd>
          </div>
          <div>
            <dt>{t("totals.transfer")}</dt>
            <dd>{formatCents(totals.transferCents, language)}</dd>
          </div>
          <div>
            <dt>{t("totals.collect")}</dt>
            <dd>{formatCents(totals.collectCents, language)}</dd>
          </div>
          <div>
            <dt>{t("totals.anomalies")}</dt>
            <dd>{formatNumber(totals.withAnomalies, language)}</dd>
          </div>
        </dl>
      ) : null}
      {linked ? (
        <Paragraph>
          <AppLink to={monthPath(month)} testId={`run-card-link-${which}`}>
            {t("overview.open", { month: name })}
          </AppLink>
        </Paragraph>
      ) : null}
    </li>
  );
}

/** What a finance officer should do something about, each leading to its month. */
function Attention({
  runs,
  months,
  linked,
}: {
  runs: MonthlyRun[];
  /** This month and next month: each should be prepared (leefgeld is paid ahead). */
  months: string[];
  linked: boolean;
}) {
  const { t, i18n } = useTranslation("monthly-run");
  const language = currentLanguage(i18n);
  const headingId = useId();
  const items: { key: string; month: string; text: string }[] = [];
  for (const month of months) {
    if (runs.some((run) => run.month === month)) continue;
    items.push({
      key: `${month}-none`,
      month,
      text: t("overview.attention.notPrepared", { month: formatMonth(month, language) }),
    });
  }
  for (const run of runs) {
    const month = formatMonth(run.month, language);
    if (run.status === "prepared") {
      items.push({
        key: `${run.month}-approve`,
        month: run.month,
        text: t("overview.attention.toApprove", { month, name: run.preparedBy?.name ?? "" }),
      });
      if (run.totals && run.totals.withAnomalies > 0) {
        items.push({
          key: `${run.month}-anomalies`,
          month: run.month,
          text: t("overview.attention.anomalies", {
            month,
            count: run.totals.withAnomalies,
            households: formatNumber(run.totals.withAnomalies, language),
          }),
        });
      }
    }
    if (run.status === "failed") {
      items.push({
        key: `${run.month}-failed`,
        month: run.month,
        text: t("overview.attention.failed", { month }),
      });
    }
  }
  return (
    <div className="opvang-mr-attention" data-testid="run-attention">
      <Heading3 id={headingId}>{t("overview.attention.heading")}</Heading3>
      {items.length === 0 ? (
        <Paragraph data-testid="run-attention-none">{t("overview.attention.none")}</Paragraph>
      ) : (
        <UnorderedList aria-labelledby={headingId}>
          {items.map((item) => (
            <UnorderedListItem key={item.key} data-testid="run-attention-item">
              <MaybeLink to={monthPath(item.month)} linked={linked}>
                {item.text}
              </MaybeLink>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
    </div>
  );
}

/**
 * What each run of the last year transferred, oldest first, as bars; the bars only repeat
 * the table below them, so they are hidden from assistive technology. Plain HTML and CSS,
 * like the transition page's bars (whose counts and shares do not fit euro amounts).
 */
export function TransfersChart({ runs }: { runs: MonthlyRun[] }) {
  const { t, i18n } = useTranslation("monthly-run");
  const language = currentLanguage(i18n);
  const headingId = useId();
  const captionId = useId();
  const shown = runs.filter((run) => run.totals !== null).reverse();
  const max = Math.max(1, ...shown.map((run) => run.totals?.transferCents ?? 0));
  return (
    <div className="opvang-mr-chart" data-testid="run-chart">
      <Heading3 id={headingId}>{t("overview.chart.heading")}</Heading3>
      {shown.length === 0 ? (
        <Paragraph data-testid="run-chart-empty">{t("overview.chart.empty")}</Paragraph>
      ) : (
        <>
          <div className="opvang-mr-bars" aria-hidden="true" data-testid="run-chart-bars">
            {shown.map((run) => (
              <div className="opvang-mr-bar" key={run.id} data-month={run.month}>
                <span className="opvang-mr-bar__label">{formatMonth(run.month, language)}</span>
                <span className="opvang-mr-bar__track">
                  <span
                    className={`opvang-mr-bar__fill opvang-mr-bar__fill--${run.status}`}
                    style={{ inlineSize: `${((run.totals?.transferCents ?? 0) / max) * 100}%` }}
                  />
                </span>
                <span className="opvang-mr-bar__value">
                  {formatCents(run.totals?.transferCents ?? 0, language)}
                </span>
              </div>
            ))}
          </div>
          <ScrollTable labelledBy={captionId}>
            <Table
              className="opvang-loc-table opvang-mr-table opvang-mr-compact"
              data-testid="run-chart-table"
            >
              <TableCaption id={captionId}>{t("overview.chart.caption")}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t("history.columns.month")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("history.columns.status")}</TableHeaderCell>
                  <TableHeaderCell scope="col" className="opvang-loc-num">
                    {t("history.columns.households")}
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" className="opvang-loc-num">
                    {t("history.columns.transfer")}
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {shown.map((run) => (
                  <TableRow key={run.id} data-month={run.month}>
                    <TableHeaderCell scope="row">
                      {formatMonth(run.month, language)}
                    </TableHeaderCell>
                    <TableCell>
                      <StatusTag status={run.status} />
                    </TableCell>
                    <TableCell className="opvang-loc-num">
                      {formatNumber(run.totals?.households ?? 0, language)}
                    </TableCell>
                    <TableCell className="opvang-loc-num">
                      {formatCents(run.totals?.transferCents ?? 0, language)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollTable>
        </>
      )}
    </div>
  );
}
