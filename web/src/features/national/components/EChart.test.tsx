import { act } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, settle } from "../../../test/render";
import { withLayout } from "../chart.fixtures";
import { type ChartFrame, type ChartOption, FALLBACK_PALETTE } from "./charts";
import { EChart, type EChartsModule } from "./EChart";

/** ECharts stood in for: an instance that records what it is asked. */
function fakeECharts() {
  const chart = { setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn() };
  const init = vi.fn((_element: HTMLElement, _theme: null, _options: object) => chart);
  return { chart, init, module: { init } as unknown as EChartsModule };
}

/** A ResizeObserver whose callback the test calls, as a browser would on a new width. */
function observeResizes() {
  const callbacks: ResizeObserverCallback[] = [];
  vi.stubGlobal(
    "ResizeObserver",
    class {
      constructor(callback: ResizeObserverCallback) {
        callbacks.push(callback);
      }
      observe() {}
      disconnect() {}
    },
  );
  return async (width: number) => {
    await act(async () => {
      for (const callback of callbacks) {
        callback([{ contentRect: { width } } as ResizeObserverEntry], {} as ResizeObserver);
      }
    });
  };
}

const option = vi.fn(
  (frame: ChartFrame): ChartOption => ({ series: [{ type: "bar", data: [frame.width] }] }),
);
const height = (width: number) => (width < 480 ? 200 : 300);

function chart(load: () => Promise<EChartsModule>) {
  return (
    <EChart option={option} height={height} label="Netto instroom" testId="chart" load={load}>
      <p className="legend">Legenda</p>
    </EChart>
  );
}

describe("a chart", () => {
  let undoLayout = () => {};
  afterEach(() => {
    cleanup();
    undoLayout();
    vi.unstubAllGlobals();
    option.mockClear();
  });

  it("waits with the loading text while ECharts loads, then draws the option for its width", async () => {
    undoLayout = withLayout(640);
    const echarts = fakeECharts();
    let arrive: (module: EChartsModule) => void = () => {};
    const load = vi.fn(() => new Promise<EChartsModule>((resolve) => (arrive = resolve)));
    const { container } = await render(chart(load));
    const element = container.querySelector("[data-testid=chart]");
    // One image to assistive technology, named by its summary; the legend under the drawing.
    expect(element?.getAttribute("role")).toBe("img");
    expect(element?.getAttribute("aria-label")).toBe("Netto instroom");
    expect(element?.querySelector(".legend")?.textContent).toBe("Legenda");
    expect(element?.textContent).toContain("Bezig met laden…");
    expect(element?.getAttribute("data-drawn")).toBe("false");
    expect(load).toHaveBeenCalledOnce();

    await act(async () => arrive(echarts.module));
    await settle();
    const canvas = container.querySelector(".opvang-nat-chart__canvas");
    expect(echarts.init).toHaveBeenCalledWith(canvas, null, { renderer: "svg" });
    expect(option).toHaveBeenLastCalledWith(
      expect.objectContaining({ width: 640, palette: FALLBACK_PALETTE }),
    );
    expect(echarts.chart.setOption).toHaveBeenLastCalledWith(
      { series: [{ type: "bar", data: [640] }] },
      { notMerge: true },
    );
    expect(echarts.chart.resize).toHaveBeenCalled();
    expect(element?.textContent).not.toContain("Bezig met laden…");
    expect(element?.getAttribute("data-drawn")).toBe("true");
    expect(container.querySelector<HTMLElement>(".opvang-nat-chart__box")?.style.blockSize).toBe(
      "300px",
    );
  });

  it("follows its container's width: a phone's layout and height, without animating again", async () => {
    undoLayout = withLayout(640);
    const resizeTo = observeResizes();
    const echarts = fakeECharts();
    const { container } = await render(chart(async () => echarts.module));
    await settle();
    await resizeTo(360);
    expect(option).toHaveBeenLastCalledWith(expect.objectContaining({ width: 360 }));
    expect(echarts.chart.setOption).toHaveBeenLastCalledWith(
      { series: [{ type: "bar", data: [360] }], animation: false },
      { notMerge: true },
    );
    expect(container.querySelector<HTMLElement>(".opvang-nat-chart__box")?.style.blockSize).toBe(
      "200px",
    );
    expect(echarts.init).toHaveBeenCalledOnce();
  });

  it("disposes of the drawing when it goes", async () => {
    undoLayout = withLayout(640);
    const echarts = fakeECharts();
    const { unmount } = await render(chart(async () => echarts.module));
    await settle();
    expect(echarts.chart.dispose).not.toHaveBeenCalled();
    unmount();
    expect(echarts.chart.dispose).toHaveBeenCalledOnce();
  });

  it("loads nothing while it has no room to be drawn", async () => {
    const load = vi.fn(async () => fakeECharts().module);
    const { container } = await render(chart(load));
    expect(load).not.toHaveBeenCalled();
    expect(container.textContent).toContain("Bezig met laden…");
  });

  it("says so when ECharts cannot be loaded, and points to the table", async () => {
    undoLayout = withLayout(640);
    const { container } = await render(
      chart(async () => {
        throw new Error("Failed to fetch dynamically imported module");
      }),
    );
    await settle();
    expect(container.textContent).toContain(
      "De grafiek kon niet worden geladen. De tabel heeft dezelfde cijfers.",
    );
    expect(container.textContent).not.toContain("Bezig met laden…");
  });
});
