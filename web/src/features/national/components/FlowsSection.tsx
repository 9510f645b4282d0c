import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Button,
  ButtonGroup,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import { asApiError } from "../../../query";
import { saveFile } from "../../transition/components/download";
import type { FlowCounts, FlowWeek, NationalApi, NationalFlows } from "../api";
import {
  csvCount,
  csvDecimal,
  csvText,
  formatCount,
  formatDate,
  formatDayRange,
  formatDecimal,
  formatNumber,
  formatSigned,
  slug,
  weekLabel,
  weekParts,
} from "../format";
import { flowsQuery } from "../queries";
import type { View } from "../view";
import { Loading, LoadProblem } from "./Common";
import { unitName } from "./names";
import { SECTIONS } from "./PageNav";

/** The counts of a week, in the order of the table and the CSV. */
export const FLOW_COLUMNS = [
  "arrivals",
  "departures",
  "moves",
  "movedIn",
  "movedOut",
  "registrations",
  "deregistrations",
  "returns",
  "netInflow",
] as const satisfies readonly (keyof FlowCounts)[];

/** Every fourth week is named under the chart, from the last one back, so the labels fit. */
const LABEL_EVERY = 4;

/**
 * The net inflow per week as columns from a zero line (up: more came than left), with the
 * three-week average as a mark on each. It only repeats the table, so it is hidden from
 * assistive technology; plain HTML and CSS, so its labels stay readable at 390 px.
 */
function NetInflowChart({ weeks }: { weeks: FlowWeek[] }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const values = weeks.flatMap((w) => [w.netInflow, w.netInflowAverage3w]);
  const top = Math.max(0, ...values);
  const bottom = Math.min(0, ...values);
  const range = top - bottom || 1;
  // Percentages of the plot's height, from its bottom.
  const at = (value: number) => ((value - bottom) / range) * 100;
  const zero = at(0);
  return (
    <div className="opvang-nat-flowchart" aria-hidden="true" data-testid="flows-chart">
      <div className="opvang-nat-flowchart__body">
        <div className="opvang-nat-flowchart__scale">
          <span style={{ insetBlockStart: 0 }}>{formatSigned(top, language)}</span>
          {bottom < 0 ? (
            <span style={{ insetBlockEnd: 0 }}>{formatSigned(bottom, language)}</span>
          ) : null}
          {top > 0 && bottom < 0 ? (
            <span style={{ insetBlockEnd: `${zero}%`, transform: "translateY(50%)" }}>0</span>
          ) : null}
        </div>
        <div
          className="opvang-nat-flowchart__plot"
          style={{ gridTemplateColumns: `repeat(${Math.max(1, weeks.length)}, 1fr)` }}
        >
          <span className="opvang-nat-flowchart__zero" style={{ insetBlockEnd: `${zero}%` }} />
          {weeks.map((w) => (
            <span className="opvang-nat-flowchart__week" key={w.week} data-week={w.week}>
              {w.netInflow !== 0 ? (
                <span
                  className={`opvang-nat-flowchart__bar opvang-nat-flowchart__bar--${w.netInflow > 0 ? "in" : "out"}`}
                  style={{
                    insetBlockEnd: `${Math.min(zero, at(w.netInflow))}%`,
                    blockSize: `${Math.abs(at(w.netInflow) - zero)}%`,
                  }}
                />
              ) : null}
              <span
                className="opvang-nat-flowchart__average"
                style={{ insetBlockEnd: `${at(w.netInflowAverage3w)}%` }}
              />
            </span>
          ))}
        </div>
      </div>
      <div className="opvang-nat-flowchart__axis">
        {weeks.map((w, index) => {
          // Named from the last week back, every fourth (every eighth on a phone).
          const back = weeks.length - 1 - index;
          if (back % LABEL_EVERY !== 0) return null;
          const edge = index === weeks.length - 1 ? "end" : index === 0 ? "start" : null;
          return (
            <span
              key={w.week}
              className={`opvang-nat-flowchart__label${back % (2 * LABEL_EVERY) ? " opvang-nat-flowchart__label--minor" : ""}`}
              style={
                edge === "end"
                  ? { insetInlineEnd: 0 }
                  : edge === "start"
                    ? { insetInlineStart: 0 }
                    : {
                        insetInlineStart: `${((index + 0.5) / weeks.length) * 100}%`,
                        transform: "translateX(-50%)",
                      }
              }
            >
              {weekLabel(t, w.week)}
            </span>
          );
        })}
      </div>
      <p className="opvang-nat-legend">
        <span className="opvang-nat-legend__item opvang-nat-legend__item--in">
          {t("flows.legendNet")}
        </span>
        <span className="opvang-nat-legend__item opvang-nat-legend__item--average">
          {t("flows.legendAverage")}
        </span>
      </p>
    </div>
  );
}

/** The weeks as a table, the totals below; each week named in words with its days. */
function FlowsTable({ data, name }: { data: NationalFlows; name: string }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const captionId = useId();
  return (
    <ScrollTable labelledBy={captionId}>
      <Table className="opvang-loc-table opvang-nat-table" data-testid="flows-table">
        <TableCaption id={captionId}>
          {t("flows.caption", {
            name,
            from: formatDate(data.from, language),
            to: formatDate(data.to, language),
          })}
        </TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("flows.columns.week")}</TableHeaderCell>
            {[...FLOW_COLUMNS, "netInflowAverage3w" as const].map((column) => (
              <TableHeaderCell key={column} scope="col" className="opvang-loc-num">
                {t(`flows.columns.${column}`)}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.weeks.map((w) => {
            const parts = weekParts(w.week);
            return (
              <TableRow key={w.week} data-testid="flow-row" data-week={w.week}>
                <TableHeaderCell scope="row" className="opvang-nat-nowrap">
                  {parts ? t("flows.week", { week: parts.week, year: parts.year }) : w.week}
                  <span className="opvang-nat-days">
                    {formatDayRange(w.monday, w.sunday, language)}
                  </span>
                </TableHeaderCell>
                {FLOW_COLUMNS.map((column) => (
                  <TableCell key={column} className="opvang-loc-num" data-column={column}>
                    {column === "netInflow"
                      ? formatSigned(w.netInflow, language)
                      : formatCount(w[column], language)}
                  </TableCell>
                ))}
                <TableCell className="opvang-loc-num" data-column="netInflowAverage3w">
                  {formatDecimal(w.netInflowAverage3w, language)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
        <TableFooter>
          <TableRow data-testid="flows-total">
            <TableHeaderCell scope="row">{t("flows.total")}</TableHeaderCell>
            {FLOW_COLUMNS.map((column) => (
              <TableCell key={column} className="opvang-loc-num" data-column={column}>
                {column === "netInflow"
                  ? formatSigned(data.totals.netInflow, language)
                  : formatCount(data.totals[column], language)}
              </TableCell>
            ))}
            <TableCell />
          </TableRow>
        </TableFooter>
      </Table>
    </ScrollTable>
  );
}

/** The weeks as CSV: ISO week and dates, the counts, the average in the chosen language. */
export function flowsCsv(
  data: NationalFlows,
  heading: (column: string) => string,
  totalLabel: string,
  language: string,
): string {
  const columns = ["week", "monday", "sunday", ...FLOW_COLUMNS, "netInflowAverage3w"];
  return csvText([
    columns.map(heading),
    ...data.weeks.map((w) => [
      w.week,
      w.monday,
      w.sunday,
      ...FLOW_COLUMNS.map((c) => csvCount(w[c])),
      csvDecimal(w.netInflowAverage3w, language),
    ]),
    [totalLabel, "", "", ...FLOW_COLUMNS.map((c) => csvCount(data.totals[c])), ""],
  ]);
}

/**
 * The flows in and out of reception per ISO week for the unit shown: the 26 weeks up to
 * the week of the date. The net inflow as a chart, every count in a table (behind a
 * disclosure, so the page stays short), and the table as CSV.
 */
export function FlowsSection({ api, view, on }: { api: NationalApi; view: View; on: string }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const headingId = useId();
  const flows = useQuery({
    ...flowsQuery(api, { to: on, level: view.level, code: view.code }),
    // A new date keeps the unit's weeks in view while the new ones load; a new unit does not.
    placeholderData: (previous) =>
      previous && previous.level === view.level && previous.code === view.code
        ? keepPreviousData(previous)
        : undefined,
  });
  const data = flows.data;
  const name = data ? unitName(t, data) : "";
  return (
    <section
      id={SECTIONS.flows}
      tabIndex={-1}
      className="opvang-loc-section opvang-nat-anchor"
      aria-labelledby={headingId}
      aria-busy={flows.isFetching}
      data-testid="flows"
    >
      <Heading2 id={headingId}>{t("flows.heading")}</Heading2>
      <Paragraph>{t("flows.intro")}</Paragraph>
      {flows.isError ? <LoadProblem error={asApiError(flows.error)} testId="flows-error" /> : null}
      {flows.isPending ? <Loading /> : null}
      {data ? (
        <>
          <Paragraph data-testid="flows-summary">
            {t("flows.summary", {
              weeks: formatNumber(data.weeks.length, language),
              arrivals: formatNumber(data.totals.arrivals, language),
              departures: formatNumber(data.totals.departures, language),
              net: formatSigned(data.totals.netInflow, language),
            })}
          </Paragraph>
          {view.level === "location" ? <Paragraph>{t("flows.locationNote")}</Paragraph> : null}
          <NetInflowChart weeks={data.weeks} />
          <ButtonGroup>
            <Button
              type="button"
              appearance="secondary-action-button"
              data-testid="flows-csv"
              onClick={() =>
                saveFile(
                  new Blob(
                    [
                      flowsCsv(
                        data,
                        (column) => t(`flows.columns.${column}`),
                        t("flows.total"),
                        language,
                      ),
                    ],
                    { type: "text/csv;charset=utf-8" },
                  ),
                  t("flows.filename", { name: slug(name), from: data.from, to: data.to }),
                )
              }
            >
              {t("flows.download")}
            </Button>
          </ButtonGroup>
          <details className="opvang-nat-details" data-testid="flows-table-toggle">
            <summary>{t("flows.showTable")}</summary>
            <FlowsTable data={data} name={name} />
          </details>
        </>
      ) : null}
    </section>
  );
}
