/**
 * ECharts stood in for in the web tests: `vi.mock("./components/echarts", …)` with
 * `fakeECharts` draws nothing and keeps the last option each chart was given, by the
 * chart's test id, so a test can hold the chart's series against the table.
 */
import { vi } from "vitest";
import type { ChartOption } from "./components/charts";

export const drawnOptions = new Map<string, ChartOption>();

export const fakeECharts = {
  init(element: HTMLElement) {
    const id = element.closest("[data-testid]")?.getAttribute("data-testid") ?? "";
    return {
      setOption(option: ChartOption) {
        drawnOptions.set(id, option);
      },
      resize() {},
      dispose() {
        drawnOptions.delete(id);
      },
    };
  },
};

/**
 * Gives every element a width, as a browser lays it out (happy-dom lays out nothing, so a
 * chart would wait for room to draw). Returns the undo.
 */
export function withLayout(width = 800): () => void {
  const spy = vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockReturnValue(width);
  return () => spy.mockRestore();
}

/** A chart's series: their names and data, in order. */
export function seriesOf(id: string): { name: string; data: unknown[] }[] {
  const option = drawnOptions.get(id);
  if (!option) throw new Error(`no chart ${id} drawn`);
  return (option.series as { name: string; data: unknown[] }[]).map(({ name, data }) => ({
    name,
    data,
  }));
}

/** A chart's categories: the data of its category axis. */
export function categoriesOf(id: string, axis: "xAxis" | "yAxis"): unknown[] {
  const option = drawnOptions.get(id);
  const value = option?.[axis];
  const first = Array.isArray(value) ? value[0] : value;
  return ((first as { data?: unknown[] } | undefined)?.data ?? []) as unknown[];
}
