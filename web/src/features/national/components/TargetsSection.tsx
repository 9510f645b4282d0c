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
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import { asApiError } from "../../../query";
import { useCan } from "../../../session";
import { saveFile } from "../../transition/components/download";
import type { NationalApi, PlaceTarget, TargetProgress, TargetsProgress } from "../api";
import { csvCount, csvText, formatCount, formatDate, formatNumber } from "../format";
import { targetsProgressQuery, targetsQuery } from "../queries";
import { Loading, LoadProblem } from "./Common";
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
import { SECTIONS } from "./PageNav";
import { type Sort, SortHeaderRow, sortRows, useSort } from "./Sorting";
import { TargetForm } from "./TargetForm";

/** The figures of a region against its target, in the order of the table and the CSV. */
export const TARGET_COLUMNS = [
  "target",
  "realised",
  "pipelineByDeadline",
  "pipelineLater",
  "gap",
] as const satisfies readonly (keyof TargetProgress)[];

type TargetColumn = "name" | (typeof TARGET_COLUMNS)[number];
const TARGET_TEXT: ReadonlySet<TargetColumn> = new Set(["name"]);

/** A region's name; the nation's in the reader's language. */
export function progressName(t: TFunction, row: TargetProgress): string {
  return row.code === "NL" ? t("names.nation") : row.name;
}

/** Pixels per region in the targets chart: more on a phone, where the name goes above. */
const targetRowHeight = (width: number) => (width > 0 && width < NARROW_WIDTH ? 44 : 30);

const targetsChartHeight = (count: number) => (width: number) =>
  count * targetRowHeight(width) + 48;

/**
 * Per safety region, in the table's order from the top: the realised places, then the
 * pipeline by the deadline, then the pipeline after it, stacked on one bar (the table's
 * `realised`, `pipelineByDeadline` and `pipelineLater`), and the region's target as a mark
 * across it. On a phone the region's name stands above its bar.
 */
export function targetsChartOption(
  regions: TargetProgress[],
  t: TFunction,
  language: string,
  frame: ChartFrame = WIDE_FRAME,
): ChartOption {
  const { palette } = frame;
  const narrow = isNarrow(frame);
  const n = (value: number) => formatNumber(value, language);
  const barWidth = narrow ? 14 : 16;
  const stacked = (
    column: "realised" | "pipelineByDeadline" | "pipelineLater",
    name: string,
    color: string,
  ) => ({
    type: "bar" as const,
    stack: "places",
    name,
    data: regions.map((r) => r[column]),
    color,
    barWidth,
  });
  const later = stacked("pipelineLater", t("targets.chart.legendLater"), palette.light);
  return {
    ...chartBase(frame),
    grid: { left: 4, right: 24, top: 8, bottom: 24 },
    tooltip: axisTooltip(
      frame,
      (params) => {
        const r = regions[pointIndex(params)];
        if (!r) return "";
        return tooltipHtml(progressName(t, r), [
          { color: palette.accent, label: t("targets.columns.realised"), value: n(r.realised) },
          {
            color: palette.pipeline,
            label: t("targets.columns.pipelineByDeadline"),
            value: n(r.pipelineByDeadline),
          },
          {
            color: palette.light,
            label: t("targets.columns.pipelineLater"),
            value: n(r.pipelineLater),
          },
          {
            color: palette.text,
            label: t("targets.columns.target"),
            value: r.target === null ? t("targets.chart.noTarget") : n(r.target),
          },
          { label: t("targets.columns.gap"), value: formatCount(r.gap, language) },
        ]);
      },
      "shadow",
    ),
    xAxis: valueAxis(frame, n),
    yAxis: {
      type: "category",
      data: regions.map((r) => progressName(t, r)),
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
      stacked("realised", t("targets.chart.legendRealised"), palette.accent),
      stacked("pipelineByDeadline", t("targets.chart.legendPipeline"), palette.pipeline),
      // Hatched as well as lighter, so it does not rest on colour alone (as its legend).
      {
        ...later,
        itemStyle: {
          decal: {
            color: palette.pipeline,
            dashArrayX: [1, 0],
            dashArrayY: [2, 3],
            rotation: -Math.PI / 4,
          },
        },
      },
      {
        type: "scatter",
        name: t("targets.chart.legendTarget"),
        // [target, the region's row]; a region without a target has no mark.
        data: regions.flatMap((r, index) => (r.target === null ? [] : [[r.target, index]])),
        symbol: "rect",
        symbolSize: [3, barWidth + 10],
        color: palette.text,
        z: 5,
        tooltip: { show: false },
      },
    ],
  };
}

/** The targets chart with its legend; to assistive technology one image, summed up. */
function TargetsChart({ data, rows }: { data: TargetsProgress; rows: TargetProgress[] }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const n = (value: number) => formatNumber(value, language);
  const option = useCallback(
    (frame: ChartFrame) => targetsChartOption(rows, t, language, frame),
    [rows, t, language],
  );
  const height = useMemo(() => targetsChartHeight(rows.length), [rows.length]);
  const nation = data.nation;
  return (
    <EChart
      option={option}
      height={height}
      testId="targets-chart"
      label={
        nation.target === null
          ? t("targets.chart.labelNoTarget", {
              date: formatDate(data.on, language),
              realised: n(nation.realised),
              pipeline: n(nation.pipelineByDeadline),
            })
          : t("targets.chart.label", {
              date: formatDate(data.on, language),
              realised: n(nation.realised),
              pipeline: n(nation.pipelineByDeadline),
              target: n(nation.target),
            })
      }
    >
      <p className="opvang-nat-legend">
        <span className="opvang-nat-legend__item opvang-nat-legend__item--occupied">
          {t("targets.chart.legendRealised")}
        </span>
        <span className="opvang-nat-legend__item opvang-nat-legend__item--pipeline">
          {t("targets.chart.legendPipeline")}
        </span>
        <span className="opvang-nat-legend__item opvang-nat-legend__item--later">
          {t("targets.chart.legendLater")}
        </span>
        <span className="opvang-nat-legend__item opvang-nat-legend__item--target">
          {t("targets.chart.legendTarget")}
        </span>
      </p>
    </EChart>
  );
}

/**
 * The regions against their targets as a chart and a table, the nation below the table:
 * sortable, the chart in the table's order, and as CSV.
 */
function TargetsProgressView({ data }: { data: TargetsProgress }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const { sort, sortBy } = useSort<TargetColumn>(TARGET_TEXT);
  const rows = useMemo(
    () =>
      sortRows(data.regions, sort, {
        textColumns: TARGET_TEXT,
        text: (row) => progressName(t, row),
        figure: (row, column) => (column === "name" ? null : row[column]),
        name: (row) => progressName(t, row),
        language,
      }),
    [data.regions, sort, t, language],
  );
  return (
    <>
      <TargetsChart data={data} rows={rows} />
      <TargetsTable data={data} rows={rows} sort={sort} sortBy={sortBy} />
    </>
  );
}

/** The regions against their targets, the nation below: sortable, and as CSV. */
function TargetsTable({
  data,
  rows,
  sort,
  sortBy,
}: {
  data: TargetsProgress;
  rows: TargetProgress[];
  sort: Sort<TargetColumn> | null;
  sortBy: (column: TargetColumn) => void;
}) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const captionId = useId();
  const heading = (column: TargetColumn) =>
    column === "name" ? t("levels.region") : t(`targets.columns.${column}`);

  function download() {
    const line = (row: TargetProgress) => [
      row.code,
      progressName(t, row),
      ...TARGET_COLUMNS.map((c) => csvCount(row[c])),
    ];
    const lines = [
      [t("units.columns.code"), heading("name"), ...TARGET_COLUMNS.map(heading)],
      ...rows.map(line),
      line(data.nation),
    ];
    saveFile(
      new Blob([csvText(lines)], { type: "text/csv;charset=utf-8" }),
      t("targets.filename", { date: data.on }),
    );
  }

  return (
    <>
      <ButtonGroup>
        <Button
          type="button"
          appearance="secondary-action-button"
          data-testid="targets-csv"
          onClick={download}
        >
          {t("units.download")}
        </Button>
      </ButtonGroup>
      <ScrollTable labelledBy={captionId}>
        <Table className="opvang-loc-table opvang-nat-table" data-testid="targets-table">
          <TableCaption id={captionId}>
            {t("targets.caption", { date: formatDate(data.on, language) })}
          </TableCaption>
          <TableHeader>
            <SortHeaderRow
              columns={["name", ...TARGET_COLUMNS] as const}
              heading={heading}
              sort={sort}
              onSort={sortBy}
              testIdPrefix="targets"
            />
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.code} data-testid="target-row" data-code={row.code}>
                <TableHeaderCell scope="row">{progressName(t, row)}</TableHeaderCell>
                {TARGET_COLUMNS.map((column) => (
                  <TableCell key={column} className="opvang-loc-num" data-column={column}>
                    {formatCount(row[column], language)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
          <TableFooter>
            <TableRow data-testid="targets-total">
              <TableHeaderCell scope="row">{progressName(t, data.nation)}</TableHeaderCell>
              {TARGET_COLUMNS.map((column) => (
                <TableCell key={column} className="opvang-loc-num" data-column={column}>
                  {formatCount(data.nation[column], language)}
                </TableCell>
              ))}
            </TableRow>
          </TableFooter>
        </Table>
      </ScrollTable>
    </>
  );
}

/** The nation's figures against the target as cards, as the page's figures are shown. */
function NationCards({ nation }: { nation: TargetProgress }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  return (
    <dl className="opvang-nat-cards opvang-nat-cards--five" data-testid="targets-cards">
      {TARGET_COLUMNS.map((column) => (
        <div className="opvang-nat-card" key={column} data-testid={`targets-card-${column}`}>
          <dt className="opvang-nat-card__label">{t(`targets.columns.${column}`)}</dt>
          <dd className="opvang-nat-card__value" data-testid={`targets-card-${column}-value`}>
            {formatCount(nation[column], language)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** What is in force on the day: the target, its deadline, when it was set and how split. */
function InForce({ data }: { data: TargetsProgress }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const target = data.target;
  if (!target) {
    return (
      <Paragraph data-testid="target-in-force">
        {t("targets.none", { date: formatDate(data.on, language) })}
      </Paragraph>
    );
  }
  return (
    <div className="opvang-nat-result" data-testid="target-in-force">
      <Paragraph>
        {t("targets.inForce", {
          date: formatDate(data.on, language),
          places: formatNumber(target.places, language),
          deadline: formatDate(target.deadline, language),
          setOn: formatDate(target.setOn, language),
          split: t(`targets.splitSentence.${target.split}`),
        })}
      </Paragraph>
      {target.note ? (
        <Paragraph data-testid="target-note">{t("targets.note", { note: target.note })}</Paragraph>
      ) : null}
      {target.deadline < data.on ? (
        <Paragraph data-testid="target-deadline-passed">
          {t("targets.deadlinePassed", { deadline: formatDate(target.deadline, language) })}
        </Paragraph>
      ) : null}
    </div>
  );
}

/** The nation's pipeline by the date its places are expected. */
function Expected({ nation, on }: { nation: TargetProgress; on: string }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const captionId = useId();
  if (nation.expected.length === 0) {
    return <Paragraph data-testid="targets-expected-none">{t("targets.expected.none")}</Paragraph>;
  }
  return (
    <div className="opvang-nat-narrow">
      <ScrollTable labelledBy={captionId}>
        <Table className="opvang-loc-table opvang-nat-compact" data-testid="targets-expected">
          <TableCaption id={captionId}>
            {t("targets.expected.caption", { date: formatDate(on, language) })}
          </TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("targets.expected.date")}</TableHeaderCell>
              <TableHeaderCell scope="col" className="opvang-loc-num">
                {t("targets.expected.places")}
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {nation.expected.map((e) => (
              <TableRow key={e.date}>
                <TableHeaderCell scope="row">{formatDate(e.date, language)}</TableHeaderCell>
                <TableCell className="opvang-loc-num">{formatNumber(e.places, language)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollTable>
    </div>
  );
}

/** Every target set, newest first, the one in force marked; each with its split per region. */
function TargetHistory({
  targets,
  names,
  inForce,
}: {
  targets: PlaceTarget[];
  names: ReadonlyMap<string, string>;
  inForce: number | null;
}) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const captionId = useId();
  if (targets.length === 0) {
    return <Paragraph data-testid="targets-history-empty">{t("targets.history.empty")}</Paragraph>;
  }
  return (
    <ScrollTable labelledBy={captionId}>
      <Table className="opvang-loc-table opvang-nat-table" data-testid="targets-history">
        <TableCaption id={captionId}>{t("targets.history.caption")}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("targets.history.setOn")}</TableHeaderCell>
            <TableHeaderCell scope="col" className="opvang-loc-num">
              {t("targets.history.places")}
            </TableHeaderCell>
            <TableHeaderCell scope="col">{t("targets.history.deadline")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("targets.history.split")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("targets.history.setBy")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("targets.history.note")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {targets.map((target) => (
            <TableRow
              key={target.id}
              data-testid="target-history-row"
              data-id={target.id}
              data-in-force={target.id === inForce ? "true" : undefined}
            >
              <TableHeaderCell scope="row" className="opvang-nat-nowrap">
                {formatDate(target.setOn, language)}
                {target.id === inForce ? (
                  <span className="opvang-nat-badge" data-testid="target-in-force-badge">
                    {t("targets.history.inForce")}
                  </span>
                ) : null}
              </TableHeaderCell>
              <TableCell className="opvang-loc-num">
                {formatNumber(target.places, language)}
              </TableCell>
              <TableCell className="opvang-nat-nowrap">
                {formatDate(target.deadline, language)}
              </TableCell>
              <TableCell>
                <details className="opvang-nat-split">
                  <summary className="opvang-nat-split__summary">
                    {t(`targets.splits.${target.split}`)}
                  </summary>
                  <ul className="opvang-nat-split__list">
                    {target.regions.map((r) => (
                      <li key={r.code}>
                        <span>{names.get(r.code) ?? r.code}</span>
                        <span className="opvang-loc-num">{formatNumber(r.places, language)}</span>
                      </li>
                    ))}
                  </ul>
                </details>
              </TableCell>
              <TableCell>{target.setBy ?? "–"}</TableCell>
              <TableCell className="opvang-nat-notecell">{target.note ?? "–"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}

/**
 * The target of places (opgave): the target in force on the page's date and, per safety
 * region and for the nation, the realised places, the pipeline by the deadline and after
 * it, and the gap; as a chart and a sortable table with CSV. Below it every target set and,
 * for whoever may, the form to set a new one.
 */
export function TargetsSection({ api, on }: { api: NationalApi; on: string }) {
  const { t } = useTranslation("national");
  const can = useCan();
  const headingId = useId();
  const historyId = useId();
  const progress = useQuery({
    ...targetsProgressQuery(api, on),
    placeholderData: keepPreviousData,
  });
  const list = useQuery(targetsQuery(api));
  const data = progress.data;
  const names = new Map((data?.regions ?? []).map((r) => [r.code, r.name]));
  return (
    <section
      id={SECTIONS.targets}
      tabIndex={-1}
      className="opvang-loc-section opvang-nat-anchor"
      aria-labelledby={headingId}
      aria-busy={progress.isFetching}
      data-testid="targets"
    >
      <Heading2 id={headingId}>{t("targets.heading")}</Heading2>
      <Paragraph>{t("targets.intro")}</Paragraph>
      {progress.isError ? (
        <LoadProblem error={asApiError(progress.error)} testId="targets-error" />
      ) : null}
      {progress.isPending ? <Loading /> : null}
      {data ? (
        <div className="opvang-nat-stack" aria-busy={progress.isPlaceholderData}>
          <InForce data={data} />
          <NationCards nation={data.nation} />
          <Paragraph>{t("targets.gapExplained")}</Paragraph>
          <TargetsProgressView data={data} />
          <Expected nation={data.nation} on={data.on} />
        </div>
      ) : null}
      <section
        className="opvang-nat-subsection"
        aria-labelledby={historyId}
        data-testid="targets-history-section"
      >
        <Heading3 id={historyId}>{t("targets.history.heading")}</Heading3>
        <Paragraph>{t("targets.history.intro")}</Paragraph>
        {list.isError ? (
          <LoadProblem error={asApiError(list.error)} testId="targets-history-error" />
        ) : null}
        {list.isPending ? <Loading /> : null}
        {list.data ? (
          <TargetHistory targets={list.data} names={names} inForce={data?.target?.id ?? null} />
        ) : null}
      </section>
      {can("national.targets") && data ? <TargetForm api={api} regions={data.regions} /> : null}
    </section>
  );
}
