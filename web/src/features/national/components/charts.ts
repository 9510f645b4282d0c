/**
 * What the national charts share: the option type, the colours (the design tokens that
 * national.css uses, read where the chart is drawn), the frame a chart is laid out for and
 * the tooltip's HTML. Type imports only: ECharts itself loads with the first chart
 * (EChart.tsx), so building an option costs no ECharts code.
 */
import type { BarSeriesOption, LineSeriesOption, ScatterSeriesOption } from "echarts/charts";
import type {
  GridComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from "echarts/components";
import type { ComposeOption } from "echarts/core";
import type { TFunction } from "i18next";
import { weekLabel } from "../format";

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | MarkLineComponentOption
  | MarkAreaComponentOption
>;

/** Each colour's design token and the fallback national.css gives it. */
export const PALETTE_TOKENS = {
  accent: ["--basis-color-accent-1-color-default", "#154273"],
  strong: ["--basis-color-accent-1-color-document", "#0b2a4a"],
  pipeline: ["--basis-color-accent-1-border-subtle", "#8fa8c8"],
  light: ["--basis-color-accent-1-bg-hover", "#c9d6e6"],
  ground: ["--basis-color-default-bg-subtle", "#f3f3f3"],
  negative: ["--basis-color-negative-color-default", "#d52b1e"],
  warning: ["--basis-color-warning-color-default", "#e17000"],
  text: ["--basis-color-default-color-document", "#222"],
  subtle: ["--basis-color-default-color-subtle", "#555"],
  line: ["--basis-color-default-border-subtle", "#ccc"],
} as const;

export type Palette = Record<keyof typeof PALETTE_TOKENS, string>;

export const FALLBACK_PALETTE = Object.fromEntries(
  Object.entries(PALETTE_TOKENS).map(([key, [, fallback]]) => [key, fallback]),
) as Palette;

/** The colours as the page's theme sets them on `element`, else the fallbacks. */
export function readPalette(element: Element): Palette {
  const style = getComputedStyle(element);
  return Object.fromEntries(
    Object.entries(PALETTE_TOKENS).map(([key, [token, fallback]]) => [
      key,
      style.getPropertyValue(token).trim() || fallback,
    ]),
  ) as Palette;
}

/** What a chart is laid out for: its width in CSS pixels and the theme's colours. */
export interface ChartFrame {
  width: number;
  palette: Palette;
  /** The page's font, so the chart's text matches the table's. */
  fontFamily?: string;
}

/** A desktop's frame, for tests and for building an option outside the page. */
export const WIDE_FRAME: ChartFrame = { width: 800, palette: FALLBACK_PALETTE };

/** Below this width (a phone) a chart names fewer weeks and puts names above the bars. */
export const NARROW_WIDTH = 480;

export const isNarrow = (frame: ChartFrame) => frame.width < NARROW_WIDTH;

/** Text and axes in the page's colours; no animation for whoever asked for less motion. */
export function chartBase(frame: ChartFrame): ChartOption {
  const { palette } = frame;
  return {
    animation: !prefersLessMotion(),
    textStyle: {
      color: palette.text,
      fontSize: 12,
      ...(frame.fontFamily ? { fontFamily: frame.fontFamily } : {}),
    },
    // Room for the labels under the chart and for half the last one on the right; ECharts
    // keeps the value labels on the left inside by itself (grid.outerBounds).
    grid: { left: 4, right: 24, top: 32, bottom: 24 },
  };
}

function prefersLessMotion(): boolean {
  return (
    typeof window !== "undefined" &&
    typeof window.matchMedia === "function" &&
    window.matchMedia("(prefers-reduced-motion: reduce)").matches
  );
}

/** A value axis in the page's colours, its labels through `format` (never overlapping). */
export function valueAxis(
  frame: ChartFrame,
  format: (value: number) => string,
  name?: string,
): Record<string, unknown> {
  const { palette } = frame;
  return {
    type: "value",
    ...(name
      ? {
          name,
          nameLocation: "end",
          nameGap: 12,
          nameTextStyle: { color: palette.text, align: "left" },
        }
      : {}),
    splitNumber: isNarrow(frame) ? 3 : 5,
    axisLabel: { formatter: format, hideOverlap: true, color: palette.text },
    splitLine: { lineStyle: { color: palette.line } },
    axisLine: { lineStyle: { color: palette.subtle } },
  };
}

/**
 * Which of `count` weeks are named under the chart: every `step`-th counted from `anchor`
 * (the last week, or the first forecast week), as many as fit the width.
 */
export function weekLabelStep(count: number, frame: ChartFrame, labelWidth = 64): number {
  const room = Math.max(1, Math.floor((frame.width - 60) / labelWidth));
  const candidates = [1, 2, 4, 8, 13, 26, 52, 104];
  return candidates.find((step) => Math.ceil(count / step) <= room) ?? Math.ceil(count / room);
}

export function namedEvery(step: number, anchor: number) {
  return (index: number) => (((index - anchor) % step) + step) % step === 0;
}

/** The index of the point an axis tooltip is about. */
export function pointIndex(params: unknown): number {
  const first = Array.isArray(params) ? params[0] : params;
  const index = (first as { dataIndex?: unknown } | undefined)?.dataIndex;
  return typeof index === "number" ? index : -1;
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

export interface TooltipLine {
  label: string;
  value: string;
  /** The series' colour as a swatch before the label; none for a line that explains. */
  color?: string;
}

/** A tooltip: a title and a line per figure, every text escaped. */
export function tooltipHtml(title: string, lines: TooltipLine[]): string {
  const swatch = (color: string) =>
    `<span style="display:inline-block;inline-size:0.7em;block-size:0.7em;margin-inline-end:0.4em;background:${escapeHtml(color)}"></span>`;
  return [
    `<strong>${escapeHtml(title)}</strong>`,
    ...lines.map(
      (line) =>
        `${line.color ? swatch(line.color) : ""}${escapeHtml(line.label)}: <strong>${escapeHtml(line.value)}</strong>`,
    ),
  ].join("<br>");
}

/** The tooltip all charts share: on the axis, kept inside the chart on a phone. */
export function axisTooltip(
  frame: ChartFrame,
  formatter: (params: unknown) => string,
  pointer: "line" | "shadow" = "line",
): ChartOption["tooltip"] {
  return {
    trigger: "axis",
    confine: true,
    axisPointer: { type: pointer },
    textStyle: { color: frame.palette.text, fontSize: 13 },
    formatter: formatter as never,
  };
}

/** The zero line drawn over the columns, so a week of net outflow reads as below it. */
export function zeroLine(frame: ChartFrame): MarkLineComponentOption {
  return {
    silent: true,
    symbol: "none",
    label: { show: false },
    lineStyle: { color: frame.palette.text, type: "solid", width: 1 },
    data: [{ yAxis: 0 }],
    animation: false,
  };
}

/**
 * The axis of ISO weeks (2024-W03) under a chart of columns that may go below zero: the
 * labels stay under the plot, and only the weeks `named` picks are named.
 */
export function weekAxis(
  t: TFunction,
  weeks: readonly string[],
  named: (index: number) => boolean,
  palette: Palette,
) {
  return {
    type: "category" as const,
    data: [...weeks],
    axisLine: { onZero: false, lineStyle: { color: palette.subtle } },
    axisTick: { alignWithLabel: true, interval: named },
    axisLabel: { formatter: (week: string) => weekLabel(t, week), interval: named },
  };
}
