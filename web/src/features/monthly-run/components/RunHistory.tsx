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
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import type { MonthlyRun } from "../api";
import { formatCents, formatMonth, formatNumber } from "../format";
import { AppLink } from "./Common";
import { StatusTag, When } from "./RunStatus";

/** The path of a month on the monthly run page. */
export const monthPath = (month: string) => `/monthly-run?month=${month}`;

/**
 * The municipality's runs of the last year, newest month first: status, who prepared and
 * who approved (and when), and the totals; each month opens on the page.
 */
export function RunHistory({ runs, current }: { runs: MonthlyRun[]; current: string }) {
  const { t, i18n } = useTranslation("monthly-run");
  const language = currentLanguage(i18n);
  const headingId = useId();
  const captionId = useId();
  const n = (value: number) => formatNumber(value, language);
  return (
    <section className="opvang-mr-section" aria-labelledby={headingId} data-testid="run-history">
      <Heading2 id={headingId}>{t("history.heading")}</Heading2>
      {runs.length === 0 ? (
        <Paragraph data-testid="run-history-empty">{t("history.empty")}</Paragraph>
      ) : (
        <ScrollTable labelledBy={captionId}>
          <Table className="opvang-loc-table opvang-mr-table" data-testid="run-history-table">
            <TableCaption id={captionId} className="opvang-visually-hidden">
              {t("history.caption")}
            </TableCaption>
            <TableHeader>
              <TableRow>
                {(
                  [
                    ["month", ""],
                    ["status", ""],
                    ["prepared", ""],
                    ["approved", ""],
                    ["households", "opvang-loc-num"],
                    ["transfer", "opvang-loc-num"],
                    ["collect", "opvang-loc-num"],
                    ["anomalies", "opvang-loc-num"],
                  ] as const
                ).map(([key, className]) => (
                  <TableHeaderCell key={key} scope="col" className={className || undefined}>
                    {t(`history.columns.${key}`)}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {runs.map((run) => (
                <TableRow
                  key={run.id}
                  data-testid="run-history-row"
                  data-month={run.month}
                  aria-current={run.month === current ? "true" : undefined}
                >
                  <TableHeaderCell scope="row">
                    <AppLink to={monthPath(run.month)}>{formatMonth(run.month, language)}</AppLink>
                  </TableHeaderCell>
                  <TableCell>
                    <StatusTag status={run.status} />
                  </TableCell>
                  <TableCell>
                    {run.preparedBy ? (
                      <>
                        {run.preparedBy.name}
                        <br />
                        <span className="opvang-mr-muted">
                          <When at={run.preparedAt} />
                        </span>
                      </>
                    ) : (
                      t("common.none")
                    )}
                  </TableCell>
                  <TableCell>
                    {run.approvedBy ? (
                      <>
                        {run.approvedBy.name}
                        <br />
                        <span className="opvang-mr-muted">
                          <When at={run.approvedAt} />
                        </span>
                      </>
                    ) : (
                      t("common.none")
                    )}
                  </TableCell>
                  <TableCell className="opvang-loc-num">
                    {run.totals ? n(run.totals.households) : t("common.none")}
                  </TableCell>
                  <TableCell className="opvang-loc-num">
                    {run.totals
                      ? formatCents(run.totals.transferCents, language)
                      : t("common.none")}
                  </TableCell>
                  <TableCell className="opvang-loc-num">
                    {run.totals ? formatCents(run.totals.collectCents, language) : t("common.none")}
                  </TableCell>
                  <TableCell className="opvang-loc-num">
                    {run.totals ? n(run.totals.withAnomalies) : t("common.none")}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      )}
    </section>
  );
}
