import { act } from "react";
import { afterEach, describe, expect, it, type Mocked, vi } from "vitest";
import { ApiError, type Permission } from "../../api";
import {
  cleanup,
  click,
  DEMO_PERMISSIONS,
  demoUser,
  inputByLabel,
  render,
  settle,
  submit,
  type,
} from "../../test/render";
import { saveFile } from "../transition/components/download";
import type { NationalApi, PlaceTarget, PlaceTargetInput } from "./api";
import { categoriesOf, seriesOf, withLayout } from "./chart.fixtures";
import { forecastRows } from "./components/ForecastSection";
import { equalShares, parseWholeNumber } from "./components/TargetForm";
import { formatCount, formatSigned, formatSignedDecimal } from "./format";
import { NationalPage } from "./NationalPage";
import {
  evaluations,
  forecastWithoutBand,
  inflowForecast,
  nationalFunding,
  noForecast,
  progressWithoutTarget,
  targetHistory,
  targetsProgress,
} from "./planning.fixtures";

// The national planning sections of /national: the target of places, the inflow forecast
// and its re-evaluations, the funding of a year. Aggregates only.
vi.mock("../transition/components/download", () => ({ saveFile: vi.fn() }));
// ECharts draws nothing here; the charts' options are kept (chart.fixtures.ts).
vi.mock("./components/echarts", async () => (await import("./chart.fixtures")).fakeECharts);

const ON = "2026-12-05";

function fakeApi(overrides: Partial<NationalApi> = {}) {
  return {
    figures: vi.fn(async () => {
      throw new ApiError(404, "not_found", "not in this test");
    }),
    flows: vi.fn(async () => {
      throw new ApiError(404, "not_found", "not in this test");
    }),
    paragraph: vi.fn(),
    openData: vi.fn(),
    targetsProgress: vi.fn(async (on: string) => targetsProgress(on)),
    targets: vi.fn(async () => targetHistory()),
    setTarget: vi.fn(
      async (input: PlaceTargetInput): Promise<PlaceTarget> => ({
        id: 5,
        places: input.places,
        deadline: input.deadline,
        setOn: input.setOn ?? ON,
        split: input.split,
        note: input.note ?? null,
        setBy: "National coordinator",
        regions: [],
      }),
    ),
    forecast: vi.fn(async (on: string) => inflowForecast(on)),
    evaluations: vi.fn(async () => evaluations()),
    recordEvaluation: vi.fn(async (input) => ({
      ...evaluations().evaluations[0]!,
      id: 2,
      evaluatedOn: ON,
      decision: input.decision,
      note: input.note ?? null,
    })),
    funding: vi.fn(async (year: number) => nationalFunding(year)),
    ...overrides,
  } as unknown as Mocked<NationalApi>;
}

/** The coordinator with the permissions the server grants, less those left out. */
function coordinator(without: Permission[] = []) {
  return demoUser("national_coordinator", {
    permissions: DEMO_PERMISSIONS.national_coordinator.filter((p) => !without.includes(p)),
  });
}

const rowsOf = (table: Element | null) =>
  [...(table?.querySelectorAll("tbody tr") ?? [])].map((r) =>
    [...r.children].map((c) => c.textContent),
  );

const footOf = (table: Element | null) =>
  [...(table?.querySelectorAll("tfoot th, tfoot td") ?? [])].map((c) => c.textContent);

const section = (container: HTMLElement, testId: string) => {
  const element = container.querySelector(`[data-testid=${testId}]`);
  if (!(element instanceof HTMLElement)) throw new Error(`no ${testId}`);
  return element;
};

async function choose(select: Element | null, value: string) {
  if (!(select instanceof HTMLSelectElement)) throw new Error("choose: no select");
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
  await settle();
}

async function typeNote(textarea: Element | null, value: string) {
  if (!(textarea instanceof HTMLTextAreaElement)) throw new Error("no textarea");
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")?.set;
  await act(async () => {
    setter?.call(textarea, value);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

function start(search = `?on=${ON}`) {
  window.history.replaceState(null, "", `/national${search}`);
}

/** No text on the screen has the shape of a BSN (nine digits), cell by cell. */
function noBsn(container: HTMLElement) {
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    expect(node.textContent ?? "").not.toMatch(/(?<!\d)\d{9}(?!\d)/);
  }
}

/** A column of a table's body, cell by cell. */
const columnOf = (table: Element | null, column: string) =>
  [...(table?.querySelectorAll(`tbody [data-column=${column}]`) ?? [])].map((c) => c.textContent);

describe("the targets of places", () => {
  let undoLayout = () => {};
  afterEach(() => {
    cleanup();
    undoLayout();
    vi.mocked(saveFile).mockClear();
  });

  it("shows the target in force, the regions against it as a chart and a sortable table, and every target set", async () => {
    start();
    undoLayout = withLayout();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    expect(api.targetsProgress).toHaveBeenCalledWith(ON);
    const targets = section(container, "targets");
    expect(targets.querySelector("h2")?.textContent).toBe(
      "Opgave: plaatsen tegen de landelijke opgave",
    );
    expect(section(container, "target-in-force").textContent).toContain(
      "Op 5 dec 2026 geldt de opgave van 97.000 gerealiseerde plaatsen per 1 feb 2024, vastgesteld op 4 sep 2023. Gelijk verdeeld over de veiligheidsregio's.",
    );
    expect(section(container, "target-note").textContent).toBe(
      "Toelichting: 97.000 per 1 februari 2024",
    );
    // The deadline lies before the date: the pipeline counts as after it.
    expect(container.querySelector("[data-testid=target-deadline-passed]")).not.toBeNull();
    expect(container.querySelector("[data-testid=targets-card-gap-value]")?.textContent).toBe(
      "95.621",
    );

    // The chart repeats the table: one image to assistive technology, summed up.
    const chart = section(container, "targets-chart");
    expect(chart.getAttribute("role")).toBe("img");
    expect(chart.getAttribute("aria-label")).toBe(
      "Grafiek van de gerealiseerde plaatsen en de pijplijn per veiligheidsregio tegen hun opgave op 5 dec 2026. Landelijk 1.379 gerealiseerd en 0 in de pijplijn tot de deadline, tegen een opgave van 97.000. Alle cijfers staan in de tabel.",
    );
    const table = () => container.querySelector("[data-testid=targets-table]");
    // Its bars are the table's columns, region for region in the table's order; a target
    // mark on each region's row.
    const chartMatchesTable = () => {
      const names = rowsOf(table()).map((r) => r[0]);
      expect(categoriesOf("targets-chart", "yAxis")).toEqual(names);
      const [realised, pipeline, later, target] = seriesOf("targets-chart");
      const counts = (data: unknown[] | undefined) =>
        (data ?? []).map((v) => formatCount(Number(v), "nl"));
      expect(counts(realised?.data)).toEqual(columnOf(table(), "realised"));
      expect(counts(pipeline?.data)).toEqual(columnOf(table(), "pipelineByDeadline"));
      expect(counts(later?.data)).toEqual(columnOf(table(), "pipelineLater"));
      expect(target?.data).toEqual(
        columnOf(table(), "target").map((text, row) => [Number(text?.replaceAll(".", "")), row]),
      );
    };
    chartMatchesTable();
    expect(seriesOf("targets-chart").map((s) => s.name)).toEqual([
      "Gerealiseerd",
      "Pijplijn tot de deadline",
      "Pijplijn na de deadline",
      "Opgave",
    ]);

    expect(rowsOf(table())).toEqual([
      ["Groningen", "32.334", "149", "0", "0", "32.185"],
      ["Utrecht", "32.333", "749", "0", "120", "31.584"],
      ["Amsterdam-Amstelland", "32.333", "481", "0", "0", "31.852"],
    ]);
    expect(footOf(table())).toEqual(["Nederland", "97.000", "1.379", "0", "120", "95.621"]);
    await click(container.querySelector("[data-testid=targets-sort-gap]"));
    expect(rowsOf(table()).map((r) => r[0])).toEqual([
      "Groningen",
      "Amsterdam-Amstelland",
      "Utrecht",
    ]);
    // The chart follows the table's order.
    chartMatchesTable();
    expect(
      container
        .querySelector("[data-testid=targets-sort-gap]")
        ?.closest("th")
        ?.getAttribute("aria-sort"),
    ).toBe("descending");
    await click(container.querySelector("[data-testid=targets-sort-name]"));
    expect(rowsOf(table()).map((r) => r[0])).toEqual([
      "Amsterdam-Amstelland",
      "Groningen",
      "Utrecht",
    ]);

    // The pipeline by the date its places are expected.
    expect(rowsOf(container.querySelector("[data-testid=targets-expected]"))).toEqual([
      ["1 feb 2027", "120"],
    ]);

    // Every target, newest first; the one in force marked; a split by hand per region.
    const history = container.querySelector("[data-testid=targets-history]");
    const rows = [...(history?.querySelectorAll("[data-testid=target-history-row]") ?? [])];
    expect(rows.map((r) => r.getAttribute("data-id"))).toEqual(["4", "3"]);
    expect(rows[0]?.querySelector("[data-testid=target-in-force-badge]")?.textContent).toBe(
      "Geldt op de peildatum",
    );
    expect(rows[1]?.querySelector("[data-testid=target-in-force-badge]")).toBeNull();
    expect(rows[1]?.textContent).toContain("Met de hand");
    expect(rows[1]?.textContent).toContain("Utrecht40.000");
    expect(rows[1]?.textContent).toContain("Anna de Vries");
    noBsn(container);
  });

  it("downloads the regions against the target as CSV, the nation last", async () => {
    start();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    await click(container.querySelector("[data-testid=targets-csv]"));
    const [blob, filename] = vi.mocked(saveFile).mock.calls[0]!;
    expect(filename).toBe("opgave-2026-12-05.csv");
    expect((await blob.text()).slice(1).split("\r\n")).toEqual([
      "Code,Veiligheidsregio,Opgave,Gerealiseerd,Pijplijn tot de deadline,Pijplijn na de deadline,Tekort",
      "VR01,Groningen,32334,149,0,0,32185",
      "VR09,Utrecht,32333,749,0,120,31584",
      "VR13,Amsterdam-Amstelland,32333,481,0,0,31852",
      "NL,Nederland,97000,1379,0,120,95621",
      "",
    ]);
  });

  it("says when no target is in force on the date", async () => {
    start("?on=2022-03-01");
    const api = fakeApi({
      targetsProgress: vi.fn(async (on: string) => progressWithoutTarget(on)),
    });
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    expect(section(container, "target-in-force").textContent).toBe(
      "Op 1 mrt 2022 geldt geen opgave.",
    );
    expect(rowsOf(container.querySelector("[data-testid=targets-table]"))[0]).toEqual([
      "Groningen",
      "–",
      "149",
      "0",
      "0",
      "–",
    ]);
    expect(container.querySelectorAll(".opvang-nat-targetbar__target")).toHaveLength(0);
  });

  it("sets a target for today split equally, and shows it once set", async () => {
    start();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    const form = section(container, "target-form");
    await type(inputByLabel(form, "Aantal plaatsen"), "98.000");
    expect(section(container, "target-equal-preview").textContent).toBe(
      "Elk van de 3 veiligheidsregio's krijgt 32.666 plaatsen; de eerste 2 (op volgorde van code) krijgen er één meer.",
    );
    await type(inputByLabel(form, "Deadline"), "01-06-2027");
    await typeNote(form.querySelector("textarea"), "  Kamerbrief december  ");
    const before = api.targetsProgress.mock.calls.length;
    await submit(form);
    expect(api.setTarget).toHaveBeenCalledWith({
      places: 98_000,
      deadline: "2027-06-01",
      split: "equal",
      note: "Kamerbrief december",
    });
    expect(section(container, "target-saved").textContent).toBe(
      "De opgave van 98.000 plaatsen per 1 jun 2027 is vastgesteld op 5 dec 2026.",
    );
    // The progress and the history are read again; the form is empty for the next one.
    expect(api.targetsProgress.mock.calls.length).toBeGreaterThan(before);
    expect(api.targets.mock.calls.length).toBeGreaterThan(1);
    expect(inputByLabel(form, "Aantal plaatsen")?.value).toBe("");
  });

  it("fills the regions from the equal split when split by hand, and follows the places until one is changed", async () => {
    start();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    const form = section(container, "target-form");
    await type(inputByLabel(form, "Aantal plaatsen"), "97000");
    await choose(form.querySelector("#target-split"), "by_hand");
    const region = (name: string) => inputByLabel(form, name);
    expect(region("Groningen")?.value).toBe("32334");
    expect(region("Utrecht")?.value).toBe("32333");
    expect(section(container, "target-regions-sum").textContent).toBe("Samen 97.000 plaatsen.");
    await type(inputByLabel(form, "Aantal plaatsen"), "90000");
    expect(region("Groningen")?.value).toBe("30000");
    await type(region("Utrecht"), "40000");
    await type(inputByLabel(form, "Aantal plaatsen"), "91000");
    // Changed by hand: the regions stay, the sum says what is left.
    expect(region("Groningen")?.value).toBe("30000");
    expect(section(container, "target-regions-sum").textContent).toBe(
      "Samen 100.000 van 91.000 plaatsen: 9.000 te veel.",
    );
    await click(container.querySelector("[data-testid=target-equal-again]"));
    expect(region("Utrecht")?.value).toBe("30333");
    await type(inputByLabel(form, "Deadline"), "01-06-2027");
    await submit(form);
    expect(api.setTarget).toHaveBeenCalledWith({
      places: 91_000,
      deadline: "2027-06-01",
      split: "by_hand",
      regions: { VR01: 30_334, VR09: 30_333, VR13: 30_333 },
      note: null,
    });
  });

  it("puts the server's refusals at their fields in the reader's language", async () => {
    start();
    const api = fakeApi({
      setTarget: vi.fn(async () => {
        throw new ApiError(400, "validation_error", "refused", [
          { path: "setOn", code: "date_in_future", message: "2027-01-01 is after today" },
          { path: "deadline", code: "before_set_on", message: "the deadline is before" },
          { path: "regions.VR13", code: "region_missing", message: "VR13 has none" },
          {
            path: "regions",
            code: "regions_sum",
            message: "the regions add up to 64667, the target is 97000",
            params: { sum: 64_667, places: 97_000 },
          },
        ]);
      }),
    });
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    const form = section(container, "target-form");
    await type(inputByLabel(form, "Aantal plaatsen"), "97000");
    await type(inputByLabel(form, "Deadline"), "01-06-2026");
    await type(inputByLabel(form, "Vastgesteld op"), "01-01-2027");
    await choose(form.querySelector("#target-split"), "by_hand");
    await submit(form);
    const error = (id: string) => container.querySelector(`#${id}-error`)?.textContent;
    expect(error("target-setOn")).toBe(
      "Een opgave wordt vastgelegd als ze is vastgesteld: deze dag ligt na vandaag.",
    );
    expect(error("target-deadline")).toBe(
      "De deadline ligt vóór de dag waarop de opgave is vastgesteld.",
    );
    expect(error("target-regions-VR13")).toBe(
      "Vul voor deze veiligheidsregio een aantal plaatsen in.",
    );
    expect(error("target-regions")).toBe(
      "De veiligheidsregio's tellen op tot 64.667 plaatsen; de opgave is 97.000.",
    );
    const summary = section(container, "error-summary");
    expect(summary.textContent).toContain("Amsterdam-Amstelland: Vul voor deze veiligheidsregio");
    expect(document.activeElement).toBe(summary);
    expect(container.textContent).not.toContain("is after today");
  });

  it("says at the day that a target was set on it already, in Ukrainian", async () => {
    start();
    const api = fakeApi({
      setTarget: vi.fn(async () => {
        throw new ApiError(409, "target_exists", "a target was set on 2026-12-05 already");
      }),
    });
    const { container } = await render(<NationalPage api={api} />, {
      user: coordinator(),
      language: "uk",
    });
    const form = section(container, "target-form");
    await type(inputByLabel(form, "Кількість місць"), "97 000");
    await type(inputByLabel(form, "Кінцевий термін"), "01.06.2027");
    await submit(form);
    expect(api.setTarget).toHaveBeenCalledWith(expect.objectContaining({ places: 97_000 }));
    expect(container.querySelector("#target-setOn-error")?.textContent).toBe(
      "На цей день уже встановлено завдання. Нове завдання потребує окремого дня.",
    );
    expect(container.textContent).not.toContain("already");
  });

  it("checks the form before sending it", async () => {
    start();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    const form = section(container, "target-form");
    await submit(form);
    expect(container.querySelector("#target-places-error")?.textContent).toBe(
      "Dit veld is verplicht.",
    );
    await type(inputByLabel(form, "Aantal plaatsen"), "97,5");
    await type(inputByLabel(form, "Deadline"), "1 juni");
    await submit(form);
    expect(container.querySelector("#target-places-error")?.textContent).toBe(
      "Vul een heel getal in, bijvoorbeeld 97.000.",
    );
    expect(container.querySelector("#target-deadline-error")?.textContent).toContain(
      "Vul een datum in",
    );
    await type(inputByLabel(form, "Aantal plaatsen"), "0");
    await submit(form);
    expect(container.querySelector("#target-places-error")?.textContent).toBe(
      "Vul een getal groter dan 0 in.",
    );
    expect(api.setTarget).not.toHaveBeenCalled();
  });

  it("shows no form to whoever may not set a target", async () => {
    start();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, {
      user: coordinator(["national.targets"]),
    });
    expect(container.querySelector("[data-testid=targets-table]")).not.toBeNull();
    expect(container.querySelector("[data-testid=target-form]")).toBeNull();
  });

  it("splits and reads places as the server does", () => {
    expect([...equalShares(50_000, ["VR02", "VR01"]).entries()]).toEqual([
      ["VR01", 25_000],
      ["VR02", 25_000],
    ]);
    expect([...equalShares(7, ["VR01", "VR02", "VR03"]).values()]).toEqual([3, 2, 2]);
    expect(parseWholeNumber("97.000")).toBe(97_000);
    expect(parseWholeNumber("97,000")).toBe(97_000);
    expect(parseWholeNumber("97 000")).toBe(97_000);
    expect(parseWholeNumber("97.5")).toBeNull();
    expect(parseWholeNumber("-3")).toBeNull();
  });
});

describe("the inflow forecast", () => {
  let undoLayout = () => {};
  afterEach(() => {
    cleanup();
    undoLayout();
    vi.mocked(saveFile).mockClear();
  });

  it("shows the weeks that have been and the forecast with its band as a chart, a table and CSV", async () => {
    start();
    undoLayout = withLayout();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    expect(api.forecast).toHaveBeenCalledWith(ON);
    expect(section(container, "forecast-summary").textContent).toBe(
      "Verwacht: netto +2,1 personen per week, samen +55,3 in 3 weken (band −32,7 tot +91,7).",
    );
    const chart = section(container, "forecast-chart");
    expect(chart.getAttribute("role")).toBe("img");
    expect(chart.getAttribute("aria-label")).toBe(
      "Grafiek van de netto instroom per week: de afgelopen 3 weken en de prognose voor de komende 3 weken met een band van 80%. Samen verwacht: +55,3 (band −32,7 tot +91,7). Alle cijfers staan in de tabel.",
    );
    // Columns for the weeks that have been, then the forecast as a line over its band (the
    // lower edge, and the band's width stacked on it): the table's figures, week for week.
    const forecastTable = container.querySelector("[data-testid=forecast-table]");
    const weeks = [...(forecastTable?.querySelectorAll("[data-testid=forecast-row]") ?? [])];
    expect(categoriesOf("forecast-chart", "xAxis")).toEqual(
      weeks.map((r) => r.getAttribute("data-week")),
    );
    const kinds = weeks.map((r) => r.getAttribute("data-kind"));
    const cells = (column: number) => weeks.map((r) => r.children[column]?.textContent);
    const [actual, low, width, forecast] = seriesOf("forecast-chart");
    const shown = (data: unknown[] | undefined, format: (v: number) => string) =>
      (data ?? []).map((v, i) => (v === null ? kinds[i] : format(Number(v))));
    expect(shown(actual?.data, (v) => formatSigned(v, "nl"))).toEqual(
      cells(2).map((text, i) => (kinds[i] === "actual" ? text : kinds[i])),
    );
    expect(shown(forecast?.data, (v) => formatSignedDecimal(v, "nl"))).toEqual(
      cells(2).map((text, i) => (kinds[i] === "forecast" ? text : kinds[i])),
    );
    expect(shown(low?.data, (v) => formatSignedDecimal(v, "nl"))).toEqual(
      cells(3).map((text, i) => (kinds[i] === "forecast" ? text : kinds[i])),
    );
    const high = (low?.data ?? []).map((v, i) =>
      v === null ? kinds[i] : formatSignedDecimal(Number(v) + Number(width?.data[i]), "nl"),
    );
    expect(high).toEqual(cells(4).map((text, i) => (kinds[i] === "forecast" ? text : kinds[i])));
    expect(seriesOf("forecast-chart").map((s) => s.name)).toEqual([
      "Netto instroom per week",
      "Ondergrens band",
      "Band van de prognose (80%)",
      "Prognose per week",
    ]);

    // The places needed at the horizon, with the band.
    expect(container.querySelector("[data-testid=forecast-card-needed]")?.textContent).toBe(
      "Nodig op 5 jun 2027" + "1.574" + "Band: 1.506 tot 1.602",
    );
    expect(container.querySelector("[data-testid=forecast-card-realised]")?.textContent).toBe(
      "Nu gerealiseerd" + "1.584" + "10 plaatsen meer dan nodig",
    );

    const rows = rowsOf(container.querySelector("[data-testid=forecast-table]"));
    expect(rows[2]).toEqual(["Week 48, 202623–29 nov", "Werkelijk", "−3", "–", "–"]);
    expect(rows[3]).toEqual(["Week 49, 202630 nov – 6 dec", "Prognose", "+2,1", "−3,6", "+8,4"]);
    expect(footOf(container.querySelector("[data-testid=forecast-table]"))).toEqual([
      "Samen over 3 weken",
      "Prognose",
      "+55,3",
      "−32,7",
      "+91,7",
    ]);

    await click(container.querySelector("[data-testid=forecast-csv]"));
    const [blob, filename] = vi.mocked(saveFile).mock.calls[0]!;
    expect(filename).toBe("prognose-instroom-2026-12-05.csv");
    expect((await blob.text()).slice(1).split("\r\n")).toEqual([
      "Week,Maandag,Soort,Netto instroom,Ondergrens band,Bovengrens band",
      "2026-W46,2026-11-09,Werkelijk,0,,",
      "2026-W47,2026-11-16,Werkelijk,5,,",
      "2026-W48,2026-11-23,Werkelijk,-3,,",
      '2026-W49,2026-11-30,Prognose,"2,1","-3,6","8,4"',
      '2026-W50,2026-12-07,Prognose,"2,1","-3,6","8,4"',
      '2026-W51,2026-12-14,Prognose,"2,1","-5,9","7,7"',
      'Samen over 3 weken,,Prognose,"55,3","-32,7","91,7"',
      "",
    ]);

    // The back-test, a coverage without a band as a dash.
    expect(rowsOf(container.querySelector("[data-testid=forecast-backtest]"))).toEqual([
      ["1 week vooruit", "60", "4,6", "−1,8", "90,9%"],
      ["4 weken vooruit", "60", "5,5", "−1,7", "88,9%"],
      ["26 weken vooruit", "54", "6,1", "−3,3", "–"],
    ]);
  });

  it("says when there is no band, and when there is no forecast at all", async () => {
    start();
    undoLayout = withLayout();
    const api = fakeApi({ forecast: vi.fn(async (on: string) => forecastWithoutBand(on)) });
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    expect(container.querySelector("[data-testid=forecast-no-band]")?.textContent).toContain(
      "ten minste 20 eerdere prognoses",
    );
    // No band in the chart: its lower edge and width are empty every week.
    const [, low, width] = seriesOf("forecast-chart");
    expect([...(low?.data ?? []), ...(width?.data ?? [])].every((v) => v === null)).toBe(true);
    expect(section(container, "forecast-chart").textContent).not.toContain("Band van de prognose");
    expect(container.querySelector("[data-testid=forecast-card-needed]")?.textContent).toContain(
      "Nog zonder band",
    );
    cleanup();

    start("?on=2022-03-20");
    const none = fakeApi({ forecast: vi.fn(async (on: string) => noForecast(on)) });
    const second = await render(<NationalPage api={none} />, { user: coordinator() });
    expect(second.container.querySelector("[data-testid=forecast-too-little]")?.textContent).toBe(
      "Er zijn nog te weinig weken bekend om een prognose te maken: daarvoor zijn ten minste 8 volledige weken nodig.",
    );
    expect(second.container.querySelector("[data-testid=forecast-places]")).toBeNull();
    // The weeks that have been are still shown.
    expect(seriesOf("forecast-chart")[0]?.data).toEqual(
      forecastRows(noForecast("2022-03-20")).map((r) => r.value),
    );
    expect(
      second.container.querySelector("[data-testid=forecast-chart]")?.getAttribute("aria-label"),
    ).toBe(
      "Grafiek van de netto instroom in de afgelopen 3 weken; een prognose is er nog niet. Alle cijfers staan in de tabel.",
    );
  });

  it("lists the re-evaluations, warns when one is late, and records one", async () => {
    start();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    expect(section(container, "evaluation-due").textContent).toBe(
      "De herbeoordeling is te laat: de volgende was uiterlijk 1 nov 2026 nodig.",
    );
    expect(rowsOf(container.querySelector("[data-testid=evaluations-table]"))).toEqual([
      [
        "1 sep 2026",
        "Gehandhaafd",
        "Instroom stabiel",
        "National coordinator",
        "+2,5 per week",
        "1.600op 2 mrt 2027",
      ],
    ]);
    const form = section(container, "evaluation-form");
    await submit(form);
    expect(api.recordEvaluation).not.toHaveBeenCalled();
    expect(container.querySelector("#evaluation-decision-error")?.textContent).toBe(
      "Dit veld is verplicht.",
    );
    await click(form.querySelector("#evaluation-decision-changed"));
    await typeNote(form.querySelector("textarea"), "Meer plaatsen in het noorden");
    const before = api.evaluations.mock.calls.length;
    await submit(form);
    expect(api.recordEvaluation).toHaveBeenCalledWith({
      decision: "changed",
      note: "Meer plaatsen in het noorden",
    });
    expect(section(container, "evaluation-saved").textContent).toBe(
      "De herbeoordeling van 5 dec 2026 is vastgelegd. Besluit: Gewijzigd.",
    );
    expect(api.evaluations.mock.calls.length).toBeGreaterThan(before);
  });

  it("shows neither the forecast nor its re-evaluations without the permission", async () => {
    start();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, {
      user: coordinator(["national.forecast"]),
    });
    expect(container.querySelector("[data-testid=forecast]")).toBeNull();
    expect(container.querySelector("[data-testid=page-nav-forecast]")).toBeNull();
    expect(api.forecast).not.toHaveBeenCalled();
    expect(api.evaluations).not.toHaveBeenCalled();
  });
});

describe("the funding of a year", () => {
  afterEach(() => {
    cleanup();
    vi.mocked(saveFile).mockClear();
  });

  it("shows each municipality's cost of the year and the nation's, sortable, as CSV", async () => {
    start();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    expect(api.funding).toHaveBeenCalledWith(2026);
    expect(
      container.querySelector("[data-testid=funding-card-totalCents-value]")?.textContent,
    ).toBe("€ 4.258.227,95");
    const table = () => container.querySelector("[data-testid=funding-table]");
    expect(rowsOf(table())[0]).toEqual([
      "Groningen",
      "15.813",
      "€ 695.772,00",
      "38.325",
      "14.235",
      "€ 22.464,00",
      "€ 718.236,00",
    ]);
    expect(footOf(table())).toEqual([
      "Nederland",
      "94.007",
      "€ 4.136.308,00",
      "231.775",
      "77.275",
      "€ 121.919,95",
      "€ 4.258.227,95",
    ]);
    await click(container.querySelector("[data-testid=funding-sort-totalCents]"));
    expect(rowsOf(table()).map((r) => r[0])).toEqual(["Amersfoort", "Utrecht", "Groningen"]);
    // The norms, the kinds outside the base rate in words.
    expect(rowsOf(container.querySelector("[data-testid=funding-norms]"))).toEqual([
      [
        "1 jan 2026 tot en met 31 dec 2026",
        "€ 44,00",
        "€ 48,00",
        "Hotel, Schip, Opvang met maaltijden",
      ],
    ]);

    await click(container.querySelector("[data-testid=funding-csv]"));
    const [blob, filename] = vi.mocked(saveFile).mock.calls[0]!;
    expect(filename).toBe("bekostiging-2026.csv");
    const lines = (await blob.text()).slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "Code,Gemeente,Plaatsdagen GOO,Bedrag GOO,Plaatsdagen buiten het basistarief,Persoondagen POO,Bedrag POO,Totaal",
    );
    expect(lines[1]).toBe(
      'GM0307,Amersfoort,41287,"1816628,00",34675,11959,"18865,55","1835493,55"',
    );
    expect(lines[4]).toBe(',Nederland,94007,"4136308,00",231775,77275,"121919,95","4258227,95"');

    await choose(container.querySelector("#funding-year"), "2024");
    expect(api.funding).toHaveBeenLastCalledWith(2024);
    expect(section(container, "funding-period").textContent).toBe(
      "Van 1 jan 2024 tot en met 31 dec 2024: 3 gemeenten met plaatsen of personen.",
    );
  });

  it("says why a year is refused, in words", async () => {
    start();
    const api = fakeApi({
      funding: vi.fn(async () => {
        throw new ApiError(400, "validation_error", "the BooO's years are 2022 to 2027", [
          {
            path: "year",
            code: "year_out_of_range",
            message: "the BooO's years are 2022 to 2027",
            params: { min: 2022, max: 2027 },
          },
        ]);
      }),
    });
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    expect(section(container, "funding-error").textContent).toBe(
      "Kies een jaar van 2022 tot en met 2027.",
    );
  });

  it("is not shown without the permission", async () => {
    start();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, {
      user: coordinator(["national.funding"]),
    });
    expect(container.querySelector("[data-testid=funding]")).toBeNull();
    expect(api.funding).not.toHaveBeenCalled();
  });
});

describe("the page's own navigation", () => {
  afterEach(cleanup);

  it("links to each section in page order and moves there", async () => {
    start();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    const links = [...container.querySelectorAll("[data-testid=page-nav] a")];
    expect(links.map((a) => a.textContent)).toEqual([
      "Cijfers",
      "Bezetting door de tijd",
      "Instroom en uitstroom",
      "Opgave",
      "Prognose",
      "Bekostiging",
      "Cijferparagraaf",
      "Open data",
    ]);
    expect(links.map((a) => a.getAttribute("href"))).toEqual([
      "#nat-figures",
      "#nat-occupancy",
      "#nat-flows",
      "#nat-targets",
      "#nat-forecast",
      "#nat-funding",
      "#nat-paragraph",
      "#nat-open-data",
    ]);
    await click(container.querySelector("[data-testid=page-nav-forecast]"));
    expect(document.activeElement).toBe(container.querySelector("#nat-forecast"));
    expect(window.location.hash).toBe("");
  });

  it("speaks Ukrainian in every planning section, without a code on the screen", async () => {
    start();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, {
      user: coordinator(),
      language: "uk",
    });
    await settle();
    expect(section(container, "targets").querySelector("h2")?.textContent).toBe(
      "Завдання: місця порівняно з національним завданням",
    );
    expect(section(container, "forecast").querySelector("h2")?.textContent).toBe(
      "Прогноз припливу",
    );
    expect(section(container, "funding").querySelector("h2")?.textContent).toBe(
      "Фінансування (BooO)",
    );
    expect(footOf(container.querySelector("[data-testid=targets-table]"))[0]).toBe("Нідерланди");
    expect(
      container.querySelector("[data-testid=funding-card-totalCents-value]")?.textContent,
    ).toBe("4 258 227,95 €");
    expect(rowsOf(container.querySelector("[data-testid=evaluations-table]"))[0]?.[1]).toBe(
      "Без змін",
    );
    for (const code of [
      "by_hand",
      "equal",
      "kept",
      "changed",
      "hotel",
      "ship",
      "actual",
      "forecast",
      "pipeline",
      "Nederland",
      "Gelijk",
    ]) {
      expect(container.textContent).not.toContain(code);
    }
    noBsn(container);
  });
});
