import { afterEach, describe, expect, it, vi } from "vitest";
import { createI18n, loadNamespaces } from "../../../i18n";
import type { FlowWeek } from "../api";
import { inflowForecast, targetsProgress } from "../planning.fixtures";
import { occupancySeries } from "../series.fixtures";
import {
  type ChartFrame,
  type ChartOption,
  FALLBACK_PALETTE,
  namedEvery,
  pointIndex,
  readPalette,
  tooltipHtml,
  WIDE_FRAME,
  weekLabelStep,
} from "./charts";
import { init } from "./echarts";
import { flowsChartOption } from "./FlowsSection";
import { forecastChartOption, forecastRows } from "./ForecastSection";
import { seriesChartOption } from "./OccupancySeriesSection";
import { kindsChartOption } from "./PlacesByKind";
import { targetsChartOption } from "./TargetsSection";

const PHONE: ChartFrame = { width: 342, palette: FALLBACK_PALETTE };

async function translator(language: "nl" | "uk") {
  const i18n = createI18n(language);
  await loadNamespaces(i18n, ["national"]);
  return i18n.getFixedT(language, "national");
}

function flowWeek(n: number, netInflow: number): FlowWeek {
  return {
    week: `2026-W${String(n).padStart(2, "0")}`,
    monday: "2026-11-30",
    sunday: "2026-12-06",
    arrivals: 1,
    departures: 1,
    moves: 0,
    movedIn: 0,
    movedOut: 0,
    registrations: 0,
    deregistrations: 0,
    returns: 0,
    netInflow,
    netInflowAverage3w: netInflow / 3,
  };
}

/** The chart drawn by the real ECharts (the parts echarts.ts registers), as SVG text. */
function drawn(option: ChartOption, frame: ChartFrame, height = 300): string {
  const chart = init(null, null, { renderer: "svg", ssr: true, width: frame.width, height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

describe("the charts' frame", () => {
  it("takes the theme's colours where the page sets them, else national.css's fallbacks", () => {
    const element = document.createElement("div");
    document.body.append(element);
    expect(readPalette(element)).toEqual(FALLBACK_PALETTE);
    element.style.setProperty("--basis-color-accent-1-color-default", "#5a2d91");
    expect(readPalette(element).accent).toBe("#5a2d91");
    element.remove();
  });

  it("names as many weeks as fit, always the last one", () => {
    // 26 weeks on a desktop: every fourth week; on a phone every eighth.
    expect(weekLabelStep(26, WIDE_FRAME)).toBe(4);
    expect(weekLabelStep(26, PHONE)).toBe(8);
    const named = namedEvery(8, 25);
    expect([...Array(26).keys()].filter(named)).toEqual([1, 9, 17, 25]);
    // Five years on a phone: a label every two years.
    expect(weekLabelStep(261, PHONE, 88)).toBe(104);
  });

  it("writes a tooltip's texts as text, never as markup", () => {
    const html = tooltipHtml("<b>Ede</b>", [{ label: 'a "b"', value: "1 & 2", color: "#123" }]);
    expect(html).toContain("&lt;b&gt;Ede&lt;/b&gt;");
    expect(html).toContain("a &quot;b&quot;: <strong>1 &amp; 2</strong>");
    expect(html).not.toContain("<b>");
  });

  it("finds the week a tooltip is about", () => {
    expect(pointIndex([{ dataIndex: 4 }, { dataIndex: 4 }])).toBe(4);
    expect(pointIndex({ dataIndex: 0 })).toBe(0);
    expect(pointIndex(undefined)).toBe(-1);
  });
});

describe("the charts drawn by ECharts", () => {
  afterEach(() => vi.restoreAllMocks());

  // A part used but not registered in echarts.ts is an error in the console (or a crash).
  it("draws every chart with the parts registered, in Dutch and Ukrainian, on a desktop and a phone", async () => {
    const errors = vi.spyOn(console, "error");
    const warnings = vi.spyOn(console, "warn");
    for (const language of ["nl", "uk"] as const) {
      const t = await translator(language);
      const weeks = [flowWeek(47, 5), flowWeek(48, -3), flowWeek(49, 0)];
      const regions = targetsProgress("2026-12-05").regions;
      const rows = forecastRows(inflowForecast("2026-12-05"));
      const series = occupancySeries(
        { from: "2025-12-08", to: "2026-12-05", level: "nation", code: null },
        "Nederland",
      );
      for (const frame of [WIDE_FRAME, PHONE]) {
        const svgs = [
          drawn(flowsChartOption(weeks, t, language, frame), frame),
          drawn(targetsChartOption(regions, t, language, frame), frame, 160),
          drawn(forecastChartOption(rows, t, language, frame), frame),
          drawn(seriesChartOption(series.points, t, language, frame), frame),
          drawn(
            kindsChartOption(
              [
                { kind: "hotel", realisedPlaces: 204, occupied: 200, free: 4, bezettingsgraad: 98 },
                {
                  kind: "ship",
                  realisedPlaces: 231,
                  occupied: 222,
                  free: 9,
                  bezettingsgraad: 96.1,
                },
              ],
              t,
              language,
              frame,
            ),
            frame,
            120,
          ),
        ];
        const [flows, targets, forecast, , kinds] = svgs;
        // Texts from the catalogs, numbers in the language's form.
        expect(flows).toContain(language === "nl" ? "wk 49" : "тиж. 49");
        expect(flows).toContain(language === "nl" ? "Personen per week" : "Осіб за тиждень");
        expect(targets).toContain("Amsterdam-Amstelland");
        expect(forecast).toContain(language === "nl" ? "Prognose" : "Прогноз");
        expect(kinds).toContain(language === "nl" ? "Schip" : "Судно");
        for (const svg of svgs) expect(svg).not.toMatch(/undefined|NaN/);
      }
    }
    expect(errors).not.toHaveBeenCalled();
    expect(warnings).not.toHaveBeenCalled();
  });

  it("puts the region names above their bars on a phone, beside them on a desktop", async () => {
    const t = await translator("nl");
    const regions = targetsProgress("2026-12-05").regions;
    const phone = targetsChartOption(regions, t, "nl", PHONE);
    const desktop = targetsChartOption(regions, t, "nl", WIDE_FRAME);
    const inside = (option: ChartOption) =>
      (option.yAxis as { axisLabel?: { inside?: boolean } }).axisLabel?.inside ?? false;
    expect(inside(phone)).toBe(true);
    expect(inside(desktop)).toBe(false);
  });
});
