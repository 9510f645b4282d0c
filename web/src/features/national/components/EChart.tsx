import { Paragraph } from "@utrecht/component-library-react";
import type { ECharts } from "echarts/core";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Loading } from "./Common";
import { type ChartFrame, type ChartOption, readPalette } from "./charts";

export type EChartsModule = typeof import("./echarts");

let loading: Promise<EChartsModule> | null = null;

/** ECharts with the parts the charts use: loaded once, when the first chart is drawn. */
export function loadECharts(): Promise<EChartsModule> {
  loading ??= import("./echarts").catch((error: unknown) => {
    // A failed load (a lost connection, a new release) may be tried again by the next chart.
    loading = null;
    throw error;
  });
  return loading;
}

/**
 * A chart drawn by ECharts (SVG) at the width of its container, redrawn when that changes
 * and disposed of with the component. The option is built for the width and the theme's
 * colours (`option`, kept stable by the caller with useCallback). The chart repeats a
 * table: it is one image to assistive technology, named by `label`; the legend (children)
 * goes under the drawing and wraps like text on a phone. While ECharts loads (and in a
 * test's DOM, which has no layout) the loading text stands in.
 */
export function EChart({
  option,
  height,
  label,
  testId,
  children,
  load = loadECharts,
}: {
  option: (frame: ChartFrame) => ChartOption;
  /** The drawing's height in CSS pixels for its width (0 before it is known). */
  height: (width: number) => number;
  label: string;
  testId: string;
  children?: ReactNode;
  load?: () => Promise<EChartsModule>;
}) {
  const { t } = useTranslation("national");
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [echarts, setECharts] = useState<EChartsModule | null>(null);
  const [failed, setFailed] = useState(false);
  const [chart, setChart] = useState<ECharts | null>(null);
  const drawn = useRef<typeof option | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    setWidth(Math.floor(element.clientWidth));
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0];
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // ECharts loads once there is room to draw: not for a hidden chart, nor in a test's DOM.
  const visible = width > 0;
  useEffect(() => {
    if (!visible || echarts) return;
    let live = true;
    load().then(
      (module) => {
        if (live) setECharts(module);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [visible, echarts, load]);

  useEffect(() => {
    const element = canvas.current;
    if (!echarts || !element) return;
    const instance = echarts.init(element, null, { renderer: "svg" });
    setChart(instance);
    return () => {
      instance.dispose();
      drawn.current = null;
      setChart(null);
    };
  }, [echarts]);

  const blockSize = height(width);
  useEffect(() => {
    const element = canvas.current;
    if (!chart || !element || width === 0) return;
    const built = option({
      width,
      palette: readPalette(element),
      fontFamily: getComputedStyle(element).fontFamily,
    });
    // The whole option each time (a merge would keep what a narrower layout leaves out);
    // new figures are animated in, a new width is not.
    const fresh = drawn.current !== option;
    drawn.current = option;
    chart.setOption(fresh ? built : { ...built, animation: false }, { notMerge: true });
    // The box's height follows from the width and the figures; resize() reads it.
    chart.resize();
  }, [chart, option, width]);

  return (
    <div
      className="opvang-nat-chart"
      role="img"
      aria-label={label}
      data-testid={testId}
      data-drawn={chart ? "true" : "false"}
    >
      <div ref={box} className="opvang-nat-chart__box" style={{ blockSize: `${blockSize}px` }}>
        <div ref={canvas} className="opvang-nat-chart__canvas" />
        {!chart && !failed ? <Loading /> : null}
        {failed ? <Paragraph className="opvang-loading">{t("chart.failed")}</Paragraph> : null}
      </div>
      {children}
    </div>
  );
}
