import {
  Button,
  ButtonGroup,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import type { TFunction } from "i18next";
import { useCallback, useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import { saveFile } from "../../transition/components/download";
import type { UnitFigures } from "../api";
import {
  csvCount,
  csvDecimal,
  csvText,
  formatDate,
  formatNumber,
  formatPercent,
  slug,
} from "../format";
import {
  axisTooltip,
  type ChartFrame,
  type ChartOption,
  chartBase,
  isNarrow,
  NARROW_WIDTH,
  pointIndex,
  tooltipHtml,
  valueAxis,
  WIDE_FRAME,
} from "./charts";
import { EChart } from "./EChart";
import { unitName } from "./names";

type KindFigures = UnitFigures["placesByKind"][number];

const kindsChartHeight = (count: number) => (width: number) =>
  count * (width > 0 && width < NARROW_WIDTH ? 44 : 32) + 48;

/**
 * Per kind of location with places, in the table's order: the realised places as a light
 * bar and the occupied ones as a bar over it (the table's `realised` and `occupied`). On a
 * phone the kind's name stands above its bar.
 */
export function kindsChartOption(
  kinds: KindFigures[],
  t: TFunction,
  language: string,
  frame: ChartFrame = WIDE_FRAME,
): ChartOption {
  const { palette } = frame;
  const narrow = isNarrow(frame);
  const n = (value: number) => formatNumber(value, language);
  const barWidth = narrow ? 14 : 18;
  return {
    ...chartBase(frame),
    grid: { left: 4, right: 24, top: 8, bottom: 24 },
    tooltip: axisTooltip(
      frame,
      (params) => {
        const k = kinds[pointIndex(params)];
        if (!k) return "";
        return tooltipHtml(t(`kinds.${k.kind}`), [
          { color: palette.ground, label: t("units.columns.realised"), value: n(k.realisedPlaces) },
          { color: palette.accent, label: t("units.columns.occupied"), value: n(k.occupied) },
          { label: t("units.columns.free"), value: n(k.free) },
          {
            label: t("units.columns.bezettingsgraad"),
            value: formatPercent(k.bezettingsgraad, language),
          },
        ]);
      },
      "shadow",
    ),
    xAxis: valueAxis(frame, n),
    yAxis: {
      type: "category",
      data: kinds.map((k) => t(`kinds.${k.kind}`)),
      inverse: true,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: palette.subtle } },
      axisLabel: narrow
        ? {
            inside: true,
            verticalAlign: "bottom",
            align: "left",
            padding: [0, 0, barWidth / 2 + 4, 0],
            color: palette.text,
          }
        : { color: palette.text },
    },
    series: [
      {
        type: "bar",
        name: t("kindsSection.legendFree"),
        data: kinds.map((k) => k.realisedPlaces),
        color: palette.ground,
        itemStyle: { borderColor: palette.line, borderWidth: 1 },
        barWidth,
      },
      {
        type: "bar",
        name: t("kindsSection.legendOccupied"),
        data: kinds.map((k) => k.occupied),
        color: palette.accent,
        barWidth,
        // Over the realised places' bar, not beside it.
        barGap: "-100%",
      },
    ],
  };
}

/** The places per kind as CSV: the kind in words and the table's figures. */
export function kindsCsv(kinds: KindFigures[], t: TFunction, language: string): string {
  return csvText([
    [
      t("kindsSection.kind"),
      ...(["realised", "occupied", "free", "bezettingsgraad"] as const).map((c) =>
        t(`units.columns.${c}`),
      ),
    ],
    ...kinds.map((k) => [
      t(`kinds.${k.kind}`),
      csvCount(k.realisedPlaces),
      csvCount(k.occupied),
      csvCount(k.free),
      csvDecimal(k.bezettingsgraad, language),
    ]),
  ]);
}

function KindsChart({ kinds, unit, on }: { kinds: KindFigures[]; unit: UnitFigures; on: string }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const option = useCallback(
    (frame: ChartFrame) => kindsChartOption(kinds, t, language, frame),
    [kinds, t, language],
  );
  const height = useMemo(() => kindsChartHeight(kinds.length), [kinds.length]);
  return (
    <EChart
      option={option}
      height={height}
      testId="places-by-kind-chart"
      label={t("kindsSection.chartLabel", {
        name: unitName(t, unit),
        date: formatDate(on, language),
      })}
    >
      <p className="opvang-nat-legend">
        <span className="opvang-nat-legend__item opvang-nat-legend__item--occupied">
          {t("kindsSection.legendOccupied")}
        </span>
        <span className="opvang-nat-legend__item opvang-nat-legend__item--realised">
          {t("kindsSection.legendFree")}
        </span>
      </p>
    </EChart>
  );
}

/**
 * Realised, occupied and free places per kind of location (kinds translated): the kinds
 * with places as a chart, every kind in a table, and the table as CSV.
 */
export function PlacesByKind({ unit, on }: { unit: UnitFigures; on: string }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const captionId = useId();
  const n = (value: number) => formatNumber(value, language);
  const kinds = unit.placesByKind;
  const shown = useMemo(() => kinds.filter((k) => k.realisedPlaces > 0 || k.occupied > 0), [kinds]);
  return (
    <div className="opvang-nat-kinds" data-testid="places-by-kind">
      {shown.length > 0 ? <KindsChart kinds={shown} unit={unit} on={on} /> : null}
      <ButtonGroup>
        <Button
          type="button"
          appearance="secondary-action-button"
          data-testid="places-by-kind-csv"
          onClick={() =>
            saveFile(
              new Blob([kindsCsv(kinds, t, language)], { type: "text/csv;charset=utf-8" }),
              t("kindsSection.filename", { name: slug(unitName(t, unit)), date: on }),
            )
          }
        >
          {t("units.download")}
        </Button>
      </ButtonGroup>
      <div className="opvang-nat-narrow">
        <ScrollTable labelledBy={captionId}>
          <Table className="opvang-loc-table opvang-nat-compact" data-testid="places-by-kind-table">
            <TableCaption id={captionId}>
              {t("kindsSection.caption", {
                name: unitName(t, unit),
                date: formatDate(on, language),
              })}
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("kindsSection.kind")}</TableHeaderCell>
                <TableHeaderCell scope="col" className="opvang-loc-num">
                  {t("units.columns.realised")}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="opvang-loc-num">
                  {t("units.columns.occupied")}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="opvang-loc-num">
                  {t("units.columns.free")}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="opvang-loc-num">
                  {t("units.columns.bezettingsgraad")}
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {kinds.map((k) => (
                <TableRow key={k.kind} data-kind={k.kind}>
                  <TableHeaderCell scope="row">{t(`kinds.${k.kind}`)}</TableHeaderCell>
                  <TableCell className="opvang-loc-num" data-column="realised">
                    {n(k.realisedPlaces)}
                  </TableCell>
                  <TableCell className="opvang-loc-num" data-column="occupied">
                    {n(k.occupied)}
                  </TableCell>
                  <TableCell className="opvang-loc-num" data-column="free">
                    {n(k.free)}
                  </TableCell>
                  <TableCell className="opvang-loc-num" data-column="bezettingsgraad">
                    {formatPercent(k.bezettingsgraad, language)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      </div>
    </div>
  );
}
