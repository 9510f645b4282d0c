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
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import type { TFunction } from "i18next";
import { useCallback, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../../../components/form";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import { asApiError } from "../../../query";
import { saveFile } from "../../transition/components/download";
import type { NationalApi, OccupancySeries, SeriesPoint } from "../api";
import {
  addDays,
  csvCount,
  csvDecimal,
  csvText,
  formatCount,
  formatDate,
  formatNumber,
  formatPercent,
  formatShortMonth,
  formatWholePercent,
  mondayOf,
  slug,
  weekLabel,
  weekParts,
} from "../format";
import { seriesQuery } from "../queries";
import type { View } from "../view";
import { Loading, LoadProblem } from "./Common";
import {
  axisTooltip,
  type ChartFrame,
  type ChartOption,
  chartBase,
  isNarrow,
  NARROW_WIDTH,
  namedEvery,
  pointIndex,
  tooltipHtml,
  valueAxis,
  WIDE_FRAME,
  weekLabelStep,
} from "./charts";
import { EChart } from "./EChart";
import { unitName } from "./names";
import { SECTIONS } from "./PageNav";

/** The periods to choose from, in weeks; the API gives at most 261 (five years). */
export const SERIES_PERIODS = [13, 26, 52, 104, 261] as const;
export type SeriesPeriod = (typeof SERIES_PERIODS)[number];
export const DEFAULT_PERIOD: SeriesPeriod = 52;

/** The figures of a week, in the order of the table and the CSV. */
export const SERIES_COLUMNS = [
  "realised",
  "occupied",
  "free",
  "bezettingsgraad",
  "registered",
  "poo",
] as const satisfies readonly (keyof SeriesPoint)[];

/** The `weeks` ISO weeks up to and including the week of `on`: from their first Monday. */
export function seriesRange(on: string, weeks: number): { from: string; to: string } {
  return { from: addDays(mondayOf(on), -7 * (weeks - 1)), to: on };
}

/** A week's name and the date of its figures: "Week 3, 2024, cijfers van 21 jan 2024". */
function pointTitle(t: TFunction, point: SeriesPoint, language: string): string {
  const parts = weekParts(point.week);
  return t("series.pointTitle", {
    week: parts ? t("flows.week", { week: parts.week, year: parts.year }) : point.week,
    date: formatDate(point.on, language),
  });
}

const seriesChartHeight = (width: number) => (width > 0 && width < NARROW_WIDTH ? 260 : 300);

/**
 * The realised and the occupied places per week as lines (the occupied ones shaded below),
 * the bezettingsgraad as a line on a second axis in percent: the table's `realised`,
 * `occupied` and `bezettingsgraad`, week for week (none where a week has no places). Up to a
 * year the weeks are named, over longer periods the month of their Sunday.
 */
export function seriesChartOption(
  points: SeriesPoint[],
  t: TFunction,
  language: string,
  frame: ChartFrame = WIDE_FRAME,
): ChartOption {
  const { palette } = frame;
  const n = (value: number) => formatNumber(value, language);
  const long = points.length > 53;
  const label = (index: number) => {
    const point = points[index];
    if (!point) return "";
    return long ? formatShortMonth(point.sunday, language) : weekLabel(t, point.week);
  };
  const named = namedEvery(weekLabelStep(points.length, frame, long ? 88 : 64), points.length - 1);
  const rateStep = isNarrow(frame) ? 50 : 20;
  const rateAxis = valueAxis(
    frame,
    (value) => formatWholePercent(value, language),
    isNarrow(frame) ? undefined : t("series.axisRate"),
  );
  return {
    ...chartBase(frame),
    tooltip: axisTooltip(frame, (params) => {
      const point = points[pointIndex(params)];
      if (!point) return "";
      return tooltipHtml(pointTitle(t, point, language), [
        { color: palette.text, label: t("series.columns.realised"), value: n(point.realised) },
        { color: palette.accent, label: t("series.columns.occupied"), value: n(point.occupied) },
        { label: t("series.columns.free"), value: n(point.free) },
        {
          color: palette.warning,
          label: t("series.columns.bezettingsgraad"),
          value: formatPercent(point.bezettingsgraad, language),
        },
      ]);
    }),
    xAxis: {
      type: "category",
      data: points.map((p) => p.week),
      boundaryGap: false,
      axisLine: { lineStyle: { color: palette.subtle } },
      axisTick: { alignWithLabel: true, interval: named },
      axisLabel: { formatter: (_: string, index: number) => label(index), interval: named },
    },
    yAxis: [
      valueAxis(frame, n, isNarrow(frame) ? undefined : t("series.axisPlaces")),
      {
        ...rateAxis,
        // From 0 to 100% (beyond, when a unit holds more than its places), in even steps.
        min: 0,
        max: (extent: { max: number }) =>
          Math.max(100, Math.ceil(extent.max / rateStep) * rateStep),
        interval: rateStep,
        splitLine: { show: false },
        nameTextStyle: { color: palette.text, align: "right" },
      },
    ],
    series: [
      {
        type: "line",
        name: t("series.legendOccupied"),
        data: points.map((p) => p.occupied),
        color: palette.accent,
        areaStyle: { color: palette.light, opacity: 1 },
        emphasis: { disabled: true },
        symbol: "none",
        lineStyle: { width: 2 },
      },
      {
        type: "line",
        name: t("series.legendRealised"),
        data: points.map((p) => p.realised),
        color: palette.text,
        symbol: "none",
        lineStyle: { width: 2 },
        z: 3,
      },
      {
        type: "line",
        name: t("series.legendRate"),
        yAxisIndex: 1,
        data: points.map((p) => p.bezettingsgraad),
        color: palette.warning,
        symbol: "none",
        lineStyle: { width: 2, type: "dashed" },
        z: 4,
      },
    ],
  };
}

/** The weeks as CSV: ISO week, the date of its figures, the figures (decimals as the language writes them). */
export function seriesCsv(data: OccupancySeries, t: TFunction, language: string): string {
  return csvText([
    ["week", "on", ...SERIES_COLUMNS].map((c) => t(`series.columns.${c}`)),
    ...data.points.map((p) => [
      p.week,
      p.on,
      csvCount(p.realised),
      csvCount(p.occupied),
      csvCount(p.free),
      csvDecimal(p.bezettingsgraad, language),
      csvCount(p.registered),
      csvCount(p.poo),
    ]),
  ]);
}

function SeriesChart({ data, name }: { data: OccupancySeries; name: string }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const option = useCallback(
    (frame: ChartFrame) => seriesChartOption(data.points, t, language, frame),
    [data.points, t, language],
  );
  const last = data.points[data.points.length - 1];
  if (!last) return null;
  return (
    <EChart
      option={option}
      height={seriesChartHeight}
      testId="series-chart"
      label={t("series.chartLabel", {
        name,
        from: formatDate(data.from, language),
        to: formatDate(data.to, language),
        date: formatDate(last.on, language),
        realised: formatNumber(last.realised, language),
        occupied: formatNumber(last.occupied, language),
        rate: formatPercent(last.bezettingsgraad, language),
      })}
    >
      <p className="opvang-nat-legend">
        <span className="opvang-nat-legend__item opvang-nat-legend__item--series-realised">
          {t("series.legendRealised")}
        </span>
        <span className="opvang-nat-legend__item opvang-nat-legend__item--series-occupied">
          {t("series.legendOccupied")}
        </span>
        <span className="opvang-nat-legend__item opvang-nat-legend__item--series-rate">
          {t("series.legendRate")}
        </span>
      </p>
    </EChart>
  );
}

function SeriesTable({ data, name }: { data: OccupancySeries; name: string }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const captionId = useId();
  return (
    <ScrollTable labelledBy={captionId}>
      <Table className="opvang-loc-table opvang-nat-table" data-testid="series-table">
        <TableCaption id={captionId}>
          {t("series.caption", {
            name,
            from: formatDate(data.from, language),
            to: formatDate(data.to, language),
          })}
        </TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("series.columns.week")}</TableHeaderCell>
            {SERIES_COLUMNS.map((column) => (
              <TableHeaderCell key={column} scope="col" className="opvang-loc-num">
                {t(`series.columns.${column}`)}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.points.map((p) => {
            const parts = weekParts(p.week);
            return (
              <TableRow key={p.week} data-testid="series-row" data-week={p.week}>
                <TableHeaderCell scope="row" className="opvang-nat-nowrap">
                  {parts ? t("flows.week", { week: parts.week, year: parts.year }) : p.week}
                  <span className="opvang-nat-days">
                    {t("series.figuresOf", { date: formatDate(p.on, language) })}
                  </span>
                </TableHeaderCell>
                {SERIES_COLUMNS.map((column) => (
                  <TableCell key={column} className="opvang-loc-num" data-column={column}>
                    {column === "bezettingsgraad"
                      ? formatPercent(p.bezettingsgraad, language)
                      : formatCount(p[column], language)}
                  </TableCell>
                ))}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}

/**
 * The unit's places and occupancy over time: per ISO week its realised and occupied places
 * and bezettingsgraad on the week's Sunday, for the weeks up to the page's date (a year
 * unless another period is chosen). As a chart, a table (behind a disclosure, as the
 * flows') and CSV.
 */
export function OccupancySeriesSection({
  api,
  view,
  on,
}: {
  api: NationalApi;
  view: View;
  on: string;
}) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const headingId = useId();
  const [period, setPeriod] = useState<SeriesPeriod>(DEFAULT_PERIOD);
  const series = useQuery({
    ...seriesQuery(api, { ...seriesRange(on, period), level: view.level, code: view.code }),
    // Another date or period keeps the unit's weeks in view while the new ones load.
    placeholderData: (previous) =>
      previous && previous.level === view.level && previous.code === view.code
        ? keepPreviousData(previous)
        : undefined,
  });
  const data = series.data;
  const name = data ? unitName(t, data) : "";
  return (
    <section
      id={SECTIONS.occupancy}
      tabIndex={-1}
      className="opvang-loc-section opvang-nat-anchor"
      aria-labelledby={headingId}
      aria-busy={series.isFetching}
      data-testid="series"
    >
      <Heading2 id={headingId}>{t("series.heading")}</Heading2>
      <Paragraph>{t("series.intro")}</Paragraph>
      <div className="opvang-nat-on">
        <SelectField
          id="series-period"
          label={t("series.period")}
          value={String(period)}
          onChange={(value) => {
            const chosen = SERIES_PERIODS.find((p) => String(p) === value);
            if (chosen) setPeriod(chosen);
          }}
          options={SERIES_PERIODS.map((p) => ({
            value: String(p),
            label: t(`series.periods.${p}`),
          }))}
        />
      </div>
      {series.isError ? (
        <LoadProblem error={asApiError(series.error)} testId="series-error" />
      ) : null}
      {series.isPending ? <Loading /> : null}
      {data && data.points.length === 0 ? (
        <Paragraph data-testid="series-empty">{t("series.empty")}</Paragraph>
      ) : null}
      {data && data.points.length > 0 ? (
        <div className="opvang-nat-stack" aria-busy={series.isPlaceholderData}>
          <SeriesChart data={data} name={name} />
          <ButtonGroup>
            <Button
              type="button"
              appearance="secondary-action-button"
              data-testid="series-csv"
              onClick={() =>
                saveFile(
                  new Blob([seriesCsv(data, t, language)], { type: "text/csv;charset=utf-8" }),
                  t("series.filename", { name: slug(name), from: data.from, to: data.to }),
                )
              }
            >
              {t("units.download")}
            </Button>
          </ButtonGroup>
          <details className="opvang-nat-details" data-testid="series-table-toggle">
            <summary>{t("series.showTable")}</summary>
            <SeriesTable data={data} name={name} />
          </details>
        </div>
      ) : null}
    </section>
  );
}
