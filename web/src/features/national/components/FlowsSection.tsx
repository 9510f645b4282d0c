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
import type { TFunction } from "i18next";
import { useCallback, useId } from "react";
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
  weekParts,
  weekTitle,
} from "../format";
import { flowsQuery } from "../queries";
import type { View } from "../view";
import { Loading, LoadProblem } from "./Common";
import {
  axisTooltip,
  type ChartFrame,
  type ChartOption,
  chartBase,
  NARROW_WIDTH,
  namedEvery,
  pointIndex,
  tooltipHtml,
  valueAxis,
  WIDE_FRAME,
  weekAxis,
  weekLabelStep,
  zeroLine,
} from "./charts";
import { EChart } from "./EChart";
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

/** The flows chart's height for its width: a little lower on a phone. */
const flowsChartHeight = (width: number) => (width > 0 && width < NARROW_WIDTH ? 240 : 280);

/**
 * The net inflow per week as columns from the zero line (up: more came than left, in the
 * accent colour; down in red) and the three-week average as a line: the table's
 * `netInflow` and `netInflowAverage3w`, week for week. The last week is always named.
 */
export function flowsChartOption(
  weeks: FlowWeek[],
  t: TFunction,
  language: string,
  frame: ChartFrame = WIDE_FRAME,
): ChartOption {
  const { palette } = frame;
  const named = namedEvery(weekLabelStep(weeks.length, frame), weeks.length - 1);
  return {
    ...chartBase(frame),
    tooltip: axisTooltip(
      frame,
      (params) => {
        const w = weeks[pointIndex(params)];
        if (!w) return "";
        return tooltipHtml(weekTitle(t, w.week, w.monday, language), [
          {
            color: w.netInflow < 0 ? palette.negative : palette.accent,
            label: t("flows.columns.netInflow"),
            value: formatSigned(w.netInflow, language),
          },
          {
            color: palette.warning,
            label: t("flows.columns.netInflowAverage3w"),
            value: formatDecimal(w.netInflowAverage3w, language),
          },
        ]);
      },
      "shadow",
    ),
    xAxis: weekAxis(
      t,
      weeks.map((w) => w.week),
      named,
      palette,
    ),
    yAxis: valueAxis(frame, (value) => formatSigned(value, language), t("flows.chart.axis")),
    series: [
      {
        type: "bar",
        name: t("flows.legendNet"),
        data: weeks.map((w) => w.netInflow),
        itemStyle: {
          color: (point) => (Number(point.value) < 0 ? palette.negative : palette.accent),
        },
        barCategoryGap: "25%",
        markLine: zeroLine(frame),
      },
      {
        type: "line",
        name: t("flows.legendAverage"),
        data: weeks.map((w) => w.netInflowAverage3w),
        color: palette.warning,
        lineStyle: { width: 2.5 },
        symbol: "none",
        z: 3,
      },
    ],
  };
}

/** The flows chart with its legend; to assistive technology one image, summed up. */
function FlowsChart({ data, name }: { data: NationalFlows; name: string }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const option = useCallback(
    (frame: ChartFrame) => flowsChartOption(data.weeks, t, language, frame),
    [data.weeks, t, language],
  );
  return (
    <EChart
      option={option}
      height={flowsChartHeight}
      testId="flows-chart"
      label={t("flows.chart.label", {
        name,
        from: formatDate(data.from, language),
        to: formatDate(data.to, language),
        net: formatSigned(data.totals.netInflow, language),
      })}
    >
      <p className="opvang-nat-legend">
        <span className="opvang-nat-legend__item opvang-nat-legend__item--in">
          {t("flows.legendNet")}
        </span>
        {data.weeks.some((w) => w.netInflow < 0) ? (
          <span className="opvang-nat-legend__item opvang-nat-legend__item--out">
            {t("flows.legendOut")}
          </span>
        ) : null}
        <span className="opvang-nat-legend__item opvang-nat-legend__item--average">
          {t("flows.legendAverage")}
        </span>
      </p>
    </EChart>
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
          <FlowsChart data={data} name={name} />
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
