import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Button,
  ButtonGroup,
  Heading2,
  Heading3,
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
import { useCallback, useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Notice } from "../../../components/form";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import { asApiError } from "../../../query";
import { useCan } from "../../../session";
import { saveFile } from "../../transition/components/download";
import type { InflowForecast, NationalApi } from "../api";
import {
  addDays,
  csvCount,
  csvDecimal,
  csvText,
  formatDate,
  formatDayRange,
  formatDecimal,
  formatNumber,
  formatPercent,
  formatSigned,
  formatSignedDecimal,
  weekParts,
  weekTitle,
} from "../format";
import { forecastQuery } from "../queries";
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
import { EvaluationsPanel } from "./EvaluationsPanel";
import { SECTIONS } from "./PageNav";

/** One week of the chart and the table: a week that has been, or one forecast. */
export interface ForecastRow {
  week: string;
  monday: string;
  kind: "actual" | "forecast";
  value: number;
  low: number | null;
  high: number | null;
}

/** The weeks shown: the last 26 that have been, then the 26 forecast. */
export function forecastRows(data: InflowForecast): ForecastRow[] {
  return [
    ...data.history.map((w) => ({
      week: w.week,
      monday: w.monday,
      kind: "actual" as const,
      value: w.netInflow,
      low: null,
      high: null,
    })),
    ...(data.forecast?.weeks ?? []).map((w) => ({
      week: w.week,
      monday: w.monday,
      kind: "forecast" as const,
      value: w.value,
      low: w.band?.low ?? null,
      high: w.band?.high ?? null,
    })),
  ];
}

const forecastChartHeight = (width: number) => (width > 0 && width < NARROW_WIDTH ? 240 : 280);

/**
 * The weeks that have been as columns of net inflow from the zero line (as the flows'
 * chart), then the weeks to come on a shaded ground: the forecast as a line over its 80%
 * band, drawn as the band's lower edge with its width stacked on it. Each series holds the
 * table's figures week for week: `value` of the actual weeks, `value` of the forecast ones,
 * `low`, and `high − low`. Weeks are named every so many from the first forecast week.
 */
export function forecastChartOption(
  rows: ForecastRow[],
  t: TFunction,
  language: string,
  frame: ChartFrame = WIDE_FRAME,
): ChartOption {
  const { palette } = frame;
  const first = rows.findIndex((r) => r.kind === "forecast");
  const boundary = first < 0 ? rows.length : first;
  const named = namedEvery(weekLabelStep(rows.length, frame), boundary);
  const forecast = (value: (row: ForecastRow) => number | null) =>
    rows.map((r) => (r.kind === "forecast" ? value(r) : null));
  const band = (r: ForecastRow) => (r.low !== null && r.high !== null ? r.high - r.low : null);
  const valueText = (row: ForecastRow) =>
    row.kind === "actual"
      ? formatSigned(row.value, language)
      : formatSignedDecimal(row.value, language);
  return {
    ...chartBase(frame),
    tooltip: axisTooltip(
      frame,
      (params) => {
        const r = rows[pointIndex(params)];
        if (!r) return "";
        return tooltipHtml(weekTitle(t, r.week, r.monday, language), [
          { label: t("forecast.columns.kind"), value: t(`forecast.kinds.${r.kind}`) },
          {
            color:
              r.kind === "forecast"
                ? palette.strong
                : r.value < 0
                  ? palette.negative
                  : palette.accent,
            label: t("forecast.columns.value"),
            value: valueText(r),
          },
          ...(r.low !== null && r.high !== null
            ? [
                {
                  color: palette.light,
                  label: t("forecast.chart.legendBand"),
                  value: t("forecast.chart.bandValue", {
                    low: formatSignedDecimal(r.low, language),
                    high: formatSignedDecimal(r.high, language),
                  }),
                },
              ]
            : []),
        ]);
      },
      "shadow",
    ),
    xAxis: weekAxis(
      t,
      rows.map((r) => r.week),
      named,
      palette,
    ),
    yAxis: valueAxis(frame, (value) => formatSigned(value, language), t("flows.chart.axis")),
    series: [
      {
        type: "bar",
        name: t("forecast.chart.legendActual"),
        data: rows.map((r) => (r.kind === "actual" ? r.value : null)),
        itemStyle: {
          color: (point) => (Number(point.value) < 0 ? palette.negative : palette.accent),
        },
        barCategoryGap: "25%",
        markLine: zeroLine(frame),
        // The weeks to come on a shaded ground, named at the top.
        ...(boundary < rows.length
          ? {
              markArea: {
                silent: true,
                // Under the band, whatever order the series are drawn in.
                z: 1,
                itemStyle: { color: palette.ground },
                label: {
                  position: "insideTopLeft",
                  color: palette.text,
                  formatter: t("forecast.chart.future"),
                },
                // No second x: to the end of the axis.
                data: [[{ xAxis: boundary }, {}]],
              },
            }
          : {}),
      },
      {
        type: "line",
        name: t("forecast.columns.low"),
        data: forecast((r) => r.low),
        stack: "band",
        stackStrategy: "all",
        symbol: "none",
        lineStyle: { opacity: 0 },
        emphasis: { disabled: true },
        silent: true,
        z: 2,
      },
      {
        type: "line",
        name: t("forecast.chart.legendBand"),
        data: forecast(band),
        stack: "band",
        stackStrategy: "all",
        symbol: "none",
        lineStyle: { opacity: 0 },
        areaStyle: { color: palette.light, opacity: 1 },
        emphasis: { disabled: true },
        silent: true,
        z: 2,
      },
      {
        type: "line",
        name: t("forecast.chart.legendForecast"),
        data: forecast((r) => r.value),
        color: palette.strong,
        lineStyle: { width: 2.5 },
        symbol: "none",
        z: 3,
      },
    ],
  };
}

/** The forecast chart with its legend; to assistive technology one image, summed up. */
function ForecastChart({ data, rows }: { data: InflowForecast; rows: ForecastRow[] }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const option = useCallback(
    (frame: ChartFrame) => forecastChartOption(rows, t, language, frame),
    [rows, t, language],
  );
  const hasBand = rows.some((r) => r.low !== null);
  const past = formatNumber(data.history.length, language);
  const total = data.forecast?.total;
  const label = !data.forecast
    ? t("forecast.chart.labelNoForecast", { past })
    : total?.band
      ? t("forecast.chart.label", {
          past,
          weeks: formatNumber(data.forecast.weeks.length, language),
          total: formatSignedDecimal(total.value, language),
          low: formatSignedDecimal(total.band.low, language),
          high: formatSignedDecimal(total.band.high, language),
        })
      : t("forecast.chart.labelNoBand", {
          past,
          weeks: formatNumber(data.forecast.weeks.length, language),
          total: formatSignedDecimal(data.forecast.total.value, language),
        });
  return (
    <EChart option={option} height={forecastChartHeight} testId="forecast-chart" label={label}>
      <p className="opvang-nat-legend">
        <span className="opvang-nat-legend__item opvang-nat-legend__item--in">
          {t("forecast.chart.legendActual")}
        </span>
        {rows.some((r) => r.kind === "actual" && r.value < 0) ? (
          <span className="opvang-nat-legend__item opvang-nat-legend__item--out">
            {t("flows.legendOut")}
          </span>
        ) : null}
        <span className="opvang-nat-legend__item opvang-nat-legend__item--forecast">
          {t("forecast.chart.legendForecast")}
        </span>
        {hasBand ? (
          <span className="opvang-nat-legend__item opvang-nat-legend__item--band">
            {t("forecast.chart.legendBand")}
          </span>
        ) : null}
      </p>
    </EChart>
  );
}

/** The weeks of the chart as a table: actual or forecast, the value and the band. */
function ForecastTable({ data, rows }: { data: InflowForecast; rows: ForecastRow[] }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const captionId = useId();
  const value = (row: ForecastRow) =>
    row.kind === "actual"
      ? formatSigned(row.value, language)
      : formatSignedDecimal(row.value, language);
  const band = (v: number | null) => (v === null ? "–" : formatSignedDecimal(v, language));
  const total = data.forecast?.total;
  return (
    <ScrollTable labelledBy={captionId}>
      <Table className="opvang-loc-table opvang-nat-table" data-testid="forecast-table">
        <TableCaption id={captionId}>
          {t("forecast.table.caption", { date: formatDate(data.on, language) })}
        </TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("forecast.columns.week")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("forecast.columns.kind")}</TableHeaderCell>
            <TableHeaderCell scope="col" className="opvang-loc-num">
              {t("forecast.columns.value")}
            </TableHeaderCell>
            <TableHeaderCell scope="col" className="opvang-loc-num">
              {t("forecast.columns.low")}
            </TableHeaderCell>
            <TableHeaderCell scope="col" className="opvang-loc-num">
              {t("forecast.columns.high")}
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => {
            const parts = weekParts(row.week);
            return (
              <TableRow
                key={row.week}
                data-testid="forecast-row"
                data-week={row.week}
                data-kind={row.kind}
              >
                <TableHeaderCell scope="row" className="opvang-nat-nowrap">
                  {parts ? t("flows.week", { week: parts.week, year: parts.year }) : row.week}
                  <span className="opvang-nat-days">
                    {formatDayRange(row.monday, addDays(row.monday, 6), language)}
                  </span>
                </TableHeaderCell>
                <TableCell>{t(`forecast.kinds.${row.kind}`)}</TableCell>
                <TableCell className="opvang-loc-num">{value(row)}</TableCell>
                <TableCell className="opvang-loc-num">{band(row.low)}</TableCell>
                <TableCell className="opvang-loc-num">{band(row.high)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
        {total ? (
          <TableFooter>
            <TableRow data-testid="forecast-total">
              <TableHeaderCell scope="row">
                {t("forecast.table.total", { weeks: data.forecast?.weeks.length ?? 0 })}
              </TableHeaderCell>
              <TableCell>{t("forecast.kinds.forecast")}</TableCell>
              <TableCell className="opvang-loc-num">
                {formatSignedDecimal(total.value, language)}
              </TableCell>
              <TableCell className="opvang-loc-num">{band(total.band?.low ?? null)}</TableCell>
              <TableCell className="opvang-loc-num">{band(total.band?.high ?? null)}</TableCell>
            </TableRow>
          </TableFooter>
        ) : null}
      </Table>
    </ScrollTable>
  );
}

/** The weeks as CSV: ISO week and Monday, actual or forecast (in words), value and band. */
export function forecastCsv(data: InflowForecast, t: TFunction, language: string): string {
  const rows = forecastRows(data);
  const total = data.forecast?.total;
  return csvText([
    ["week", "monday", "kind", "value", "low", "high"].map((c) => t(`forecast.columns.${c}`)),
    ...rows.map((r) => [
      r.week,
      r.monday,
      t(`forecast.kinds.${r.kind}`),
      r.kind === "actual" ? csvCount(r.value) : csvDecimal(r.value, language),
      csvDecimal(r.low, language),
      csvDecimal(r.high, language),
    ]),
    ...(total
      ? [
          [
            t("forecast.table.total", { weeks: data.forecast?.weeks.length ?? 0 }),
            "",
            t("forecast.kinds.forecast"),
            csvDecimal(total.value, language),
            csvDecimal(total.band?.low ?? null, language),
            csvDecimal(total.band?.high ?? null, language),
          ],
        ]
      : []),
  ]);
}

/** The places needed at the horizon, with the band, beside the places there are now. */
function PlacesNeeded({ data }: { data: InflowForecast }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const places = data.places;
  if (!places || !data.forecast) return null;
  const n = (value: number) => formatNumber(value, language);
  const { needed } = places;
  const difference = needed.value - places.realisedNow;
  const cards = [
    {
      key: "needed",
      label: t("forecast.places.needed", { date: formatDate(places.at, language) }),
      value: n(needed.value),
      detail:
        needed.low !== null && needed.high !== null
          ? t("forecast.places.band", { low: n(needed.low), high: n(needed.high) })
          : t("forecast.places.noBand"),
    },
    {
      key: "realised",
      label: t("forecast.places.realisedNow"),
      value: n(places.realisedNow),
      detail:
        difference > 0
          ? t("forecast.places.short", { count: difference, places: n(difference) })
          : t("forecast.places.enough", { count: -difference, places: n(-difference) }),
    },
    { key: "occupied", label: t("forecast.places.occupiedNow"), value: n(places.occupiedNow) },
    { key: "poo", label: t("forecast.places.pooNow"), value: n(places.pooNow) },
  ];
  return (
    <>
      <dl className="opvang-nat-cards" data-testid="forecast-places">
        {cards.map((card) => (
          <div className="opvang-nat-card" key={card.key} data-testid={`forecast-card-${card.key}`}>
            <dt className="opvang-nat-card__label">{card.label}</dt>
            <dd className="opvang-nat-card__value" data-testid={`forecast-card-${card.key}-value`}>
              {card.value}
            </dd>
            {card.detail ? <dd className="opvang-nat-card__detail">{card.detail}</dd> : null}
          </div>
        ))}
      </dl>
      <Paragraph data-testid="forecast-places-explained">
        {t("forecast.places.explained", {
          occupied: n(places.occupiedNow),
          inflow: formatSignedDecimal(data.forecast.total.value, language),
          share: formatPercent(places.gooShare, language),
          date: formatDate(places.at, language),
        })}
      </Paragraph>
    </>
  );
}

/** The method judged on its own past: per horizon its error, bias and the band's coverage. */
function Backtest({ data }: { data: InflowForecast }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const captionId = useId();
  const headingId = useId();
  return (
    <section
      className="opvang-nat-subsection"
      aria-labelledby={headingId}
      data-testid="forecast-backtest-section"
    >
      <Heading3 id={headingId}>{t("forecast.backtest.heading")}</Heading3>
      <Paragraph>
        {t("forecast.backtest.explained", { band: formatNumber(data.method.band, language) })}
      </Paragraph>
      <div className="opvang-nat-narrow">
        <ScrollTable labelledBy={captionId}>
          <Table className="opvang-loc-table opvang-nat-compact" data-testid="forecast-backtest">
            <TableCaption id={captionId}>{t("forecast.backtest.caption")}</TableCaption>
            <TableHeader>
              <TableRow>
                {["horizon", "origins", "meanAbsoluteError", "bias", "coverage"].map((c) => (
                  <TableHeaderCell
                    key={c}
                    scope="col"
                    className={c === "horizon" ? undefined : "opvang-loc-num"}
                  >
                    {t(`forecast.backtest.columns.${c}`)}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.backtest.map((row) => (
                <TableRow key={row.horizon} data-testid="backtest-row" data-horizon={row.horizon}>
                  <TableHeaderCell scope="row">
                    {t("forecast.backtest.horizon", { count: row.horizon })}
                  </TableHeaderCell>
                  <TableCell className="opvang-loc-num">
                    {formatNumber(row.origins, language)}
                  </TableCell>
                  <TableCell className="opvang-loc-num">
                    {row.origins ? formatDecimal(row.meanAbsoluteError, language) : "–"}
                  </TableCell>
                  <TableCell className="opvang-loc-num">
                    {row.origins ? formatSignedDecimal(row.bias, language) : "–"}
                  </TableCell>
                  <TableCell className="opvang-loc-num">
                    {formatPercent(row.coverage, language)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      </div>
    </section>
  );
}

/**
 * The inflow forecast on the page's date (national): the last 26 weeks' net inflow and the
 * next 26 weeks' forecast with its 80% band as a chart, the same numbers as a table and CSV,
 * the places needed at the horizon, the back-test; then the two-monthly re-evaluations.
 */
export function ForecastSection({ api, on }: { api: NationalApi; on: string }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const can = useCan();
  const headingId = useId();
  const forecast = useQuery({ ...forecastQuery(api, on), placeholderData: keepPreviousData });
  const data = forecast.data;
  const rows = useMemo(() => (data ? forecastRows(data) : []), [data]);
  return (
    <section
      id={SECTIONS.forecast}
      tabIndex={-1}
      className="opvang-loc-section opvang-nat-anchor"
      aria-labelledby={headingId}
      aria-busy={forecast.isFetching}
      data-testid="forecast"
    >
      <Heading2 id={headingId}>{t("forecast.heading")}</Heading2>
      {forecast.isError ? (
        <LoadProblem error={asApiError(forecast.error)} testId="forecast-error" />
      ) : null}
      {forecast.isPending ? <Loading /> : null}
      {data ? (
        <div className="opvang-nat-stack" aria-busy={forecast.isPlaceholderData}>
          <Paragraph data-testid="forecast-method">
            {t("forecast.method", {
              window: formatNumber(data.method.window, language),
              horizon: formatNumber(data.method.horizon, language),
              band: formatNumber(data.method.band, language),
            })}
          </Paragraph>
          {data.origin ? (
            <Paragraph data-testid="forecast-origin">
              {t("forecast.origin", {
                week: weekParts(data.origin.week)?.week ?? data.origin.week,
                date: formatDate(data.origin.sunday, language),
              })}
            </Paragraph>
          ) : null}
          {!data.forecast ? (
            <Notice type="info" testId="forecast-too-little">
              {t("forecast.tooLittle", { window: formatNumber(data.method.window, language) })}
            </Notice>
          ) : data.forecast.total.band === null ? (
            <Notice type="info" testId="forecast-no-band">
              {t("forecast.noBand", {
                min: formatNumber(data.method.minErrorsForBand, language),
              })}
            </Notice>
          ) : null}
          {data.forecast ? (
            <Paragraph data-testid="forecast-summary">
              {data.forecast.total.band
                ? t("forecast.summary", {
                    level: formatSignedDecimal(data.forecast.level, language),
                    total: formatSignedDecimal(data.forecast.total.value, language),
                    low: formatSignedDecimal(data.forecast.total.band.low, language),
                    high: formatSignedDecimal(data.forecast.total.band.high, language),
                    weeks: formatNumber(data.forecast.weeks.length, language),
                  })
                : t("forecast.summaryNoBand", {
                    level: formatSignedDecimal(data.forecast.level, language),
                    total: formatSignedDecimal(data.forecast.total.value, language),
                    weeks: formatNumber(data.forecast.weeks.length, language),
                  })}
            </Paragraph>
          ) : null}
          {rows.length > 0 ? <ForecastChart data={data} rows={rows} /> : null}
          <PlacesNeeded data={data} />
          {rows.length > 0 ? (
            <>
              <ButtonGroup>
                <Button
                  type="button"
                  appearance="secondary-action-button"
                  data-testid="forecast-csv"
                  onClick={() =>
                    saveFile(
                      new Blob([forecastCsv(data, t, language)], {
                        type: "text/csv;charset=utf-8",
                      }),
                      t("forecast.filename", { date: data.on }),
                    )
                  }
                >
                  {t("units.download")}
                </Button>
              </ButtonGroup>
              <details className="opvang-nat-details" data-testid="forecast-table-toggle">
                <summary>{t("forecast.showTable")}</summary>
                <ForecastTable data={data} rows={rows} />
              </details>
            </>
          ) : null}
          <Backtest data={data} />
        </div>
      ) : null}
      {can("national.forecast") ? <EvaluationsPanel api={api} /> : null}
    </section>
  );
}
