import { act } from "react";
import { afterEach, describe, expect, it, type Mocked, vi } from "vitest";
import { ApiError } from "../../api";
import {
  byText,
  cleanup,
  click,
  demoUser,
  inputByLabel,
  render,
  settle,
  submit,
  type,
} from "../../test/render";
import { saveFile } from "../transition/components/download";
import {
  type FlowWeek,
  type Level,
  LOCATION_KINDS,
  type NationalApi,
  type NationalFigures,
  type NationalFlows,
  type SeriesQuery,
  type UnitFigures,
  type UnitQuery,
} from "./api";
import { categoriesOf, seriesOf, withLayout } from "./chart.fixtures";
import { flowsCsv } from "./components/FlowsSection";
import { seriesCsv } from "./components/OccupancySeriesSection";
import { formatDecimal, formatNumber, formatPercent, formatSigned } from "./format";
import { NationalPage } from "./NationalPage";
import {
  evaluations,
  inflowForecast,
  nationalFunding,
  targetHistory,
  targetsProgress,
} from "./planning.fixtures";
import { occupancySeries } from "./series.fixtures";

// Files are saved through a temporary link: a spy here.
vi.mock("../transition/components/download", () => ({ saveFile: vi.fn() }));
// ECharts draws nothing here; the charts' options are kept (chart.fixtures.ts).
vi.mock("./components/echarts", async () => (await import("./chart.fixtures")).fakeECharts);

const ON = "2026-12-05";

/** A unit's figures from a few numbers; the rest follows from them. */
function unit(
  level: Level,
  code: string | null,
  name: string | null,
  size: { registered: number; goo: number; poo: number; realised: number },
): UnitFigures {
  const location = level === "location";
  const occupied = size.goo;
  const rate = size.realised > 0 ? Math.round((occupied / size.realised) * 1000) / 10 : null;
  const places = {
    realisedPlaces: size.realised,
    occupied,
    free: Math.max(0, size.realised - occupied),
    bezettingsgraad: rate,
  };
  return {
    level,
    code,
    name,
    ...(location ? { status: "realised" as const } : {}),
    registered: location
      ? null
      : { ukrainian: size.registered - 2, otherNationalities: 2, total: size.registered },
    persons: { goo: size.goo, poo: location ? null : size.poo },
    places,
    placesByKind: location
      ? [{ kind: "ship", ...places }]
      : LOCATION_KINDS.map((kind) =>
          kind === "hotel"
            ? { kind, ...places }
            : { kind, realisedPlaces: 0, occupied: 0, free: 0, bezettingsgraad: null },
        ),
    work: {
      goo: { adults: 40, withWork: 10, share: 25 },
      poo: location ? null : { adults: 8, withWork: 1, share: 12.5 },
    },
  };
}

const S = (registered: number, goo: number, poo: number, realised: number) => ({
  registered,
  goo,
  poo,
  realised,
});

/** The demo's hierarchy: Nederland › Utrecht (PV26) › Utrecht (VR09) › Utrecht › a ship. */
const TREE: Record<string, { name: string; total: UnitFigures; units: UnitFigures[] }> = {
  "nation:": {
    name: "Nederland",
    total: unit("nation", null, "Nederland", S(1925, 1531, 451, 1584)),
    units: [
      unit("province", "PV20", "Groningen", S(173, 141, 39, 149)),
      unit("province", "PV26", "Utrecht", S(881, 724, 186, 749)),
      unit("province", "PV27", "Noord-Holland", S(606, 466, 155, 481)),
      unit("province", null, null, S(265, 200, 71, 205)),
    ],
  },
  "province:PV26": {
    name: "Utrecht",
    total: unit("province", "PV26", "Utrecht", S(881, 724, 186, 749)),
    units: [unit("region", "VR09", "Utrecht", S(881, 724, 186, 749))],
  },
  "region:VR09": {
    name: "Utrecht",
    total: unit("region", "VR09", "Utrecht", S(881, 724, 186, 749)),
    units: [
      unit("gemeente", "GM0307", "Amersfoort", S(229, 203, 35, 210)),
      unit("gemeente", "GM0344", "Utrecht", S(652, 521, 151, 539)),
    ],
  },
  "gemeente:GM0344": {
    name: "Utrecht",
    total: unit("gemeente", "GM0344", "Utrecht", S(652, 521, 151, 539)),
    units: [
      {
        ...unit("location", "9", "Flexwoningen Kanaleneiland", S(0, 0, 0, 0)),
        status: "planned",
        placesByKind: [
          { kind: "flex_homes", realisedPlaces: 0, occupied: 0, free: 0, bezettingsgraad: null },
        ],
      },
      unit("location", "4", "Opvangschip Rijnvaart", S(0, 200, 0, 204)),
      unit("location", "1", "Opvangschip Waalstroom", S(0, 222, 0, 231)),
    ],
  },
  "location:4": {
    name: "Opvangschip Rijnvaart",
    total: unit("location", "4", "Opvangschip Rijnvaart", S(0, 200, 0, 204)),
    units: [],
  },
};

function figures(query: UnitQuery): NationalFigures {
  const node = TREE[`${query.level}:${query.code ?? ""}`];
  if (!node) throw new ApiError(404, "not_found", "location not found");
  return {
    on: query.on,
    level: query.level,
    code: query.code,
    name: node.name,
    workMonth: `${query.on.slice(0, 7) === "2026-12" ? "2026-11" : "2026-09"}`,
    total: node.total,
    units: node.units,
  };
}

function week(n: number, netInflow: number, average: number): FlowWeek {
  return {
    week: `2026-W${String(n).padStart(2, "0")}`,
    monday: "2026-11-30",
    sunday: "2026-12-06",
    arrivals: Math.max(0, netInflow) + 1,
    departures: 1,
    moves: 2,
    movedIn: 0,
    movedOut: Math.max(0, -netInflow),
    registrations: 3,
    deregistrations: 1,
    returns: 0,
    netInflow,
    netInflowAverage3w: average,
  };
}

function flows(level: Level, code: string | null): NationalFlows {
  const weeks = [week(47, 5, 1.7), week(48, -3, 0.7), week(49, 0, 0.7)];
  return {
    from: "2026-06-08",
    to: "2026-12-06",
    level,
    code,
    name: TREE[`${level}:${code ?? ""}`]?.name ?? "",
    weeks,
    totals: {
      arrivals: 7,
      departures: 3,
      moves: 6,
      movedIn: 0,
      movedOut: 3,
      registrations: 9,
      deregistrations: 3,
      returns: 0,
      netInflow: 2,
    },
  };
}

function fakeApi(overrides: Partial<NationalApi> = {}) {
  return {
    figures: vi.fn(async (query: UnitQuery) => figures(query)),
    flows: vi.fn(async ({ level, code }: { level: Level; code: string | null }) =>
      flows(level, code),
    ),
    series: vi.fn(async (query: SeriesQuery) =>
      occupancySeries(query, TREE[`${query.level}:${query.code ?? ""}`]?.name ?? ""),
    ),
    paragraph: vi.fn(async ({ date, brpDate, lang }) => ({
      date,
      brpDate,
      lang,
      text:
        lang === "en"
          ? "On 3 December, 1,908 Ukrainians were registered in the BRP."
          : "Er zijn op 3 december jl. 1.908 Oekraïners ingeschreven in de BRP.",
      figures: {
        ukrainiansRegistered: 1908,
        realisedPlaces: 1584,
        occupied: 1531,
        bezettingsgraad: 96.7,
      },
    })),
    openData: vi.fn(async () => ({
      blob: new Blob(["week,sunday\r\n"]),
      filename: "opvang-figures-2026-08-31-2026-11-29.csv",
    })),
    // The national planning sections (NationalPlanning.test.tsx tests them).
    targetsProgress: vi.fn(async (on: string) => targetsProgress(on)),
    targets: vi.fn(async () => targetHistory()),
    setTarget: vi.fn(),
    forecast: vi.fn(async (on: string) => inflowForecast(on)),
    evaluations: vi.fn(async () => evaluations()),
    recordEvaluation: vi.fn(),
    funding: vi.fn(async (year: number) => nationalFunding(year)),
    ...overrides,
  } as unknown as Mocked<NationalApi>;
}

const coordinator = () => demoUser("national_coordinator");

const rowsOf = (table: Element | null) =>
  [...(table?.querySelectorAll("tbody tr") ?? [])].map((r) =>
    [...r.children].map((c) => c.textContent),
  );

/** A column of a table's body, cell by cell. */
const columnOf = (table: Element | null, column: string) =>
  [...(table?.querySelectorAll(`tbody [data-column=${column}]`) ?? [])].map((c) => c.textContent);

const breadcrumb = (container: HTMLElement) =>
  [...container.querySelectorAll("[data-testid=breadcrumb] a")].map((a) => a.textContent);

const cardValue = (container: HTMLElement, key: string) =>
  container.querySelector(`[data-testid=card-${key}-value]`)?.textContent;

async function drill(container: HTMLElement, code: string) {
  const link = container.querySelector(`[data-testid=unit-row][data-code="${code}"] a`);
  await click(link);
  await settle();
}

function start(search = `?on=${ON}`) {
  window.history.replaceState(null, "", `/national${search}`);
}

async function choose(select: Element | null, value: string) {
  if (!(select instanceof HTMLSelectElement)) throw new Error("choose: no select");
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

describe("the national dashboard", () => {
  let undoLayout = () => {};
  afterEach(() => {
    cleanup();
    undoLayout();
    vi.mocked(saveFile).mockClear();
  });

  it("shows the nation's figures as cards and its provinces as a table, sortable", async () => {
    start();
    undoLayout = withLayout();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    expect(api.figures).toHaveBeenCalledWith({ on: ON, level: "nation", code: null });
    expect(container.querySelector("h1")?.textContent).toBe("Landelijk overzicht");
    expect(container.querySelector("[data-testid=figures-heading]")?.textContent).toBe(
      "Nederland op 5 dec 2026",
    );
    expect(cardValue(container, "registered")).toBe("1.925");
    expect(container.querySelector("[data-testid=card-registered]")?.textContent).toContain(
      "1.923 met de Oekraïense nationaliteit, 2 met een andere",
    );
    expect(cardValue(container, "goo")).toBe("1.531");
    expect(cardValue(container, "poo")).toBe("451");
    expect(cardValue(container, "realised")).toBe("1.584");
    expect(cardValue(container, "occupied")).toBe("1.531");
    expect(cardValue(container, "free")).toBe("53");
    expect(cardValue(container, "bezettingsgraad")).toBe("96,7%");
    expect(breadcrumb(container)).toEqual(["Nederland"]);

    // The provinces, in the server's order; the municipalities without one are not a link.
    const table = () => container.querySelector("[data-testid=units-table]");
    const names = () => rowsOf(table()).map((r) => r[0]);
    expect(names()).toEqual(["Groningen", "Utrecht", "Noord-Holland", "Zonder provincie"]);
    expect(rowsOf(table())[1]).toEqual([
      "Utrecht",
      "881",
      "879",
      "2",
      "724",
      "186",
      "749",
      "724",
      "25",
      "96,7%",
    ]);
    expect(container.querySelectorAll("[data-testid=unit-row] a")).toHaveLength(3);
    expect(
      [...(table()?.querySelectorAll("tfoot th, tfoot td") ?? [])].map((c) => c.textContent),
    ).toEqual(["Totaal", "1.925", "1.923", "2", "1.531", "451", "1.584", "1.531", "53", "96,7%"]);
    // Figures largest first, then the other way; names alphabetically.
    await click(container.querySelector("[data-testid=sort-free]"));
    expect(names()).toEqual(["Utrecht", "Noord-Holland", "Groningen", "Zonder provincie"]);
    expect(
      container.querySelector("[data-testid=sort-free]")?.closest("th")?.getAttribute("aria-sort"),
    ).toBe("descending");
    await click(container.querySelector("[data-testid=sort-free]"));
    expect(names()).toEqual(["Zonder provincie", "Groningen", "Noord-Holland", "Utrecht"]);
    await click(container.querySelector("[data-testid=sort-name]"));
    expect(names()).toEqual(["Groningen", "Noord-Holland", "Utrecht", "Zonder provincie"]);

    // Places per kind (only kinds with places in the chart) and work, codes translated.
    const kindRows = rowsOf(container.querySelector("[data-testid=places-by-kind-table]"));
    expect(kindRows.map((r) => r[0])).toContain("Crisisnoodopvang");
    expect(kindRows.find((r) => r[0] === "Hotel")).toEqual([
      "Hotel",
      "1.584",
      "1.531",
      "53",
      "96,7%",
    ]);
    // The chart has the kinds with places, its bars the table's figures of those kinds.
    const kindsTable = container.querySelector("[data-testid=places-by-kind-table]");
    const withPlaces = [...(kindsTable?.querySelectorAll("tbody tr") ?? [])].filter(
      (row) => row.querySelector("[data-column=realised]")?.textContent !== "0",
    );
    expect(categoriesOf("places-by-kind-chart", "yAxis")).toEqual(
      withPlaces.map((row) => row.querySelector("th")?.textContent),
    );
    const [realisedBars, occupiedBars] = seriesOf("places-by-kind-chart");
    const cellsOf = (column: string) =>
      withPlaces.map((row) => row.querySelector(`[data-column=${column}]`)?.textContent);
    expect(realisedBars?.data.map((v) => formatNumber(Number(v), "nl"))).toEqual(
      cellsOf("realised"),
    );
    expect(occupiedBars?.data.map((v) => formatNumber(Number(v), "nl"))).toEqual(
      cellsOf("occupied"),
    );
    expect(
      container.querySelector("[data-testid=places-by-kind-chart]")?.getAttribute("aria-label"),
    ).toBe(
      "Grafiek van de gerealiseerde en de bezette plaatsen per soort locatie in Nederland op 5 dec 2026. Alle cijfers staan in de tabel.",
    );
    await click(container.querySelector("[data-testid=places-by-kind-csv]"));
    const [kindsBlob, kindsFile] = vi.mocked(saveFile).mock.calls[0]!;
    expect(kindsFile).toBe("plaatsen-per-soort-nederland-2026-12-05.csv");
    const kindsLines = (await kindsBlob.text()).slice(1).split("\r\n");
    expect(kindsLines[0]).toBe("Soort locatie,Gerealiseerd,Bezet,Vrij,Bezettingsgraad");
    expect(kindsLines).toContain('Hotel,1584,1531,53,"96,7"');
    expect(kindsLines).toHaveLength(LOCATION_KINDS.length + 2);
    expect(rowsOf(container.querySelector("[data-testid=work-table]"))).toEqual([
      ["Gemeentelijke opvang (GOO)", "40", "10", "25,0%"],
      ["Particuliere opvang (POO)", "8", "1", "12,5%"],
    ]);
    expect(container.querySelector("[data-testid=work]")?.textContent).toContain("november 2026");
  });

  it("drills from the nation to a province, a region, a municipality and a location, and back", async () => {
    start();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });

    await drill(container, "PV26");
    expect(window.location.search).toBe(`?on=${ON}&level=province&code=PV26`);
    expect(api.figures).toHaveBeenLastCalledWith({ on: ON, level: "province", code: "PV26" });
    expect(breadcrumb(container)).toEqual(["Nederland", "Provincie Utrecht"]);
    expect(container.querySelector("[data-testid=units] h2")?.textContent).toBe(
      "Per veiligheidsregio",
    );

    await drill(container, "VR09");
    expect(window.location.search).toBe(`?on=${ON}&level=region&code=VR09&trail=PV26`);
    await drill(container, "GM0344");
    expect(window.location.search).toBe(`?on=${ON}&level=gemeente&code=GM0344&trail=PV26.VR09`);
    expect(breadcrumb(container)).toEqual([
      "Nederland",
      "Provincie Utrecht",
      "Veiligheidsregio Utrecht",
      "Gemeente Utrecht",
    ]);
    // The municipality's locations: kind and status in words, no registrations or POO.
    expect(rowsOf(container.querySelector("[data-testid=units-table]"))).toEqual([
      ["Flexwoningen Kanaleneiland", "Flexwoningen", "Gepland", "0", "0", "0", "0", "–"],
      ["Opvangschip Rijnvaart", "Schip", "Gerealiseerd", "200", "204", "200", "4", "98,0%"],
      ["Opvangschip Waalstroom", "Schip", "Gerealiseerd", "222", "231", "222", "9", "96,1%"],
    ]);
    // The names of the units above came from the figures read on the way down.
    expect(api.figures).toHaveBeenCalledTimes(4);

    await drill(container, "4");
    expect(window.location.search).toBe(`?on=${ON}&level=location&code=4&trail=PV26.VR09.GM0344`);
    expect(breadcrumb(container)).toEqual([
      "Nederland",
      "Provincie Utrecht",
      "Veiligheidsregio Utrecht",
      "Gemeente Utrecht",
      "Locatie Opvangschip Rijnvaart",
    ]);
    expect(
      container.querySelector("[data-testid=breadcrumb-current]")?.getAttribute("aria-current"),
    ).toBe("page");
    // A location: its places and persons in GOO; registrations and POO are the municipality's.
    expect(container.querySelector("[data-testid=units]")).toBeNull();
    expect(container.querySelector("[data-testid=card-registered]")).toBeNull();
    expect(container.querySelector("[data-testid=card-poo]")).toBeNull();
    expect(cardValue(container, "goo")).toBe("200");
    expect(container.querySelector("[data-testid=location-facts]")?.textContent).toBe(
      "Soort locatie: Schip · Status op de peildatum: Gerealiseerd",
    );
    expect(rowsOf(container.querySelector("[data-testid=work-table]"))).toHaveLength(1);
    expect(api.flows).toHaveBeenLastCalledWith({ to: ON, level: "location", code: "4" });

    // Back up through the breadcrumb.
    const links = container.querySelectorAll("[data-testid=breadcrumb] a");
    await click(links[1]);
    expect(window.location.search).toBe(`?on=${ON}&level=province&code=PV26`);
    expect(container.querySelector("[data-testid=figures-heading]")?.textContent).toBe(
      "Provincie Utrecht op 5 dec 2026",
    );
  });

  it("names the units above a view opened from a link", async () => {
    start("?on=2026-11-01&level=gemeente&code=GM0344&trail=PV26.VR09");
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    await settle();
    expect(api.figures).toHaveBeenCalledWith({ on: "2026-11-01", level: "province", code: "PV26" });
    expect(api.figures).toHaveBeenCalledWith({ on: "2026-11-01", level: "region", code: "VR09" });
    expect(breadcrumb(container)).toEqual([
      "Nederland",
      "Provincie Utrecht",
      "Veiligheidsregio Utrecht",
      "Gemeente Utrecht",
    ]);
    expect(inputByLabel(container, "Peildatum")?.value).toBe("01-11-2026");
  });

  it("follows the date typed, and says when a date does not exist", async () => {
    start("?level=province&code=PV26");
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    const field = inputByLabel(container, "Peildatum");
    await type(field, "31-02-2026");
    expect(container.querySelector("#national-on-error")?.textContent).toBe(
      "Deze datum bestaat niet.",
    );
    expect(window.location.search).toBe("?level=province&code=PV26");
    await type(field, "01-10-2026");
    await settle();
    expect(window.location.search).toBe("?on=2026-10-01&level=province&code=PV26");
    expect(api.figures).toHaveBeenLastCalledWith({
      on: "2026-10-01",
      level: "province",
      code: "PV26",
    });
    expect(api.flows).toHaveBeenLastCalledWith({
      to: "2026-10-01",
      level: "province",
      code: "PV26",
    });
    expect(container.querySelector("#national-on-error")).toBeNull();
  });

  it("downloads the table as CSV in the chosen language", async () => {
    start("?on=2026-12-05&level=gemeente&code=GM0344&trail=PV26.VR09");
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, {
      user: coordinator(),
      language: "uk",
    });
    await click(container.querySelector("[data-testid=units-csv]"));
    const [blob, filename] = vi.mocked(saveFile).mock.calls[0]!;
    expect(filename).toBe("розміщення-utrecht-2026-12-05.csv");
    const text = await blob.text();
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text.slice(1).split("\r\n")).toEqual([
      "Код,Локація,Тип,Статус,У GOO,Введено в дію,Зайнято,Вільно,Рівень заповненості",
      "9,Flexwoningen Kanaleneiland,Модульне житло,Заплановано,0,0,0,0,",
      '4,Opvangschip Rijnvaart,Судно,Введено в дію,200,204,200,4,"98,0"',
      '1,Opvangschip Waalstroom,Судно,Введено в дію,222,231,222,9,"96,1"',
      ',Разом,,,521,539,521,18,"96,7"',
      "",
    ]);
  });

  it("shows the flows per week as a chart with a table and CSV", async () => {
    start();
    undoLayout = withLayout();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    expect(api.flows).toHaveBeenCalledWith({ to: ON, level: "nation", code: null });
    expect(container.querySelector("[data-testid=flows-summary]")?.textContent).toBe(
      "In deze 3 weken: 7 aankomsten in de opvang en 3 vertrekken, netto +2.",
    );
    // The chart is one image to assistive technology, summed up; the table is the full view.
    const chart = container.querySelector("[data-testid=flows-chart]");
    expect(chart?.getAttribute("role")).toBe("img");
    expect(chart?.getAttribute("aria-label")).toBe(
      "Grafiek van de netto instroom per week in Nederland, 8 jun 2026 tot en met 6 dec 2026, met het gemiddelde over drie weken. Netto over de hele periode: +2. Alle cijfers staan in de tabel.",
    );
    expect(chart?.getAttribute("data-drawn")).toBe("true");
    // Its columns and line are the table's net inflow and average, week for week.
    const table = container.querySelector("[data-testid=flows-table]");
    const [net, average] = seriesOf("flows-chart");
    expect(net?.name).toBe("Netto instroom per week");
    expect(net?.data.map((v) => formatSigned(Number(v), "nl"))).toEqual(
      columnOf(table, "netInflow"),
    );
    expect(average?.name).toBe("Gemiddelde over drie weken");
    expect(average?.data.map((v) => formatDecimal(Number(v), "nl"))).toEqual(
      columnOf(table, "netInflowAverage3w"),
    );
    expect(categoriesOf("flows-chart", "xAxis")).toEqual(
      [...(table?.querySelectorAll("[data-testid=flow-row]") ?? [])].map((r) =>
        r.getAttribute("data-week"),
      ),
    );
    // The legend names the outflow, as a week went below zero.
    expect(chart?.querySelector(".opvang-nat-legend")?.textContent).toBe(
      "Netto instroom per weekNetto uitstroom per weekGemiddelde over drie weken",
    );
    expect(container.querySelector("[data-testid=flows-table-toggle]")?.hasAttribute("open")).toBe(
      false,
    );
    expect(rowsOf(table)[1]).toEqual([
      "Week 48, 202630 nov – 6 dec",
      "1",
      "1",
      "2",
      "0",
      "3",
      "3",
      "1",
      "0",
      "−3",
      "0,7",
    ]);
    await click(container.querySelector("[data-testid=flows-csv]"));
    const [blob, filename] = vi.mocked(saveFile).mock.calls[0]!;
    expect(filename).toBe("instroom-nederland-2026-06-08-2026-12-06.csv");
    expect((await blob.text()).split("\r\n")[2]).toBe(
      '2026-W48,2026-11-30,2026-12-06,1,1,2,0,3,3,1,0,-3,"0,7"',
    );
  });

  it("writes the flows' CSV with a decimal point in English", () => {
    const csv = flowsCsv(flows("nation", null), (c) => c, "Total", "en");
    expect(csv.split("\r\n")[1]).toBe("2026-W47,2026-11-30,2026-12-06,6,1,2,0,0,3,1,0,5,1.7");
    expect(csv.split("\r\n")[4]).toBe("Total,,,7,3,6,0,3,9,3,0,2,");
  });

  it("makes the figures paragraph for the dates and language chosen", async () => {
    start();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    const form = container.querySelector("[data-testid=paragraph-form]")!;
    expect(inputByLabel(form, "Datum van de plaatsen")?.value).toBe("05-12-2026");
    await type(inputByLabel(form, "Datum van de BRP-telling"), "03-12-2026");
    await type(inputByLabel(form, "Datum van de plaatsen"), "31-11-2026");
    await submit(form);
    expect(api.paragraph).not.toHaveBeenCalled();
    expect(container.querySelector("[data-testid=error-summary]")?.textContent).toContain(
      "Datum van de plaatsen",
    );
    await type(inputByLabel(form, "Datum van de plaatsen"), "01-12-2026");
    await choose(form.querySelector("#paragraph-lang"), "en");
    await submit(form);
    expect(api.paragraph).toHaveBeenCalledWith({
      date: "2026-12-01",
      brpDate: "2026-12-03",
      lang: "en",
    });
    const text = container.querySelector("[data-testid=paragraph-text]");
    expect(text?.getAttribute("lang")).toBe("en");
    expect(text?.textContent).toBe("On 3 December, 1,908 Ukrainians were registered in the BRP.");
    expect(byText(container, "button", "Maak de cijferparagraaf")).toBeDefined();
  });

  it("puts a refusal of the paragraph's date at its field, in the chosen language", async () => {
    start();
    const api = fakeApi({
      paragraph: vi.fn(async () => {
        throw new ApiError(400, "validation_error", "date: not a date", [
          { path: "brpDate", code: "date_nonexistent", message: "2026-02-30 is not a date" },
        ]);
      }),
    });
    const { container } = await render(<NationalPage api={api} />, {
      user: coordinator(),
      language: "uk",
    });
    await submit(container.querySelector("[data-testid=paragraph-form]"));
    expect(container.querySelector("#paragraph-brpDate-error")?.textContent).toBe(
      "Такої дати не існує.",
    );
    expect(container.textContent).not.toContain("is not a date");
  });

  it("downloads the open data, and says in words why a period is refused", async () => {
    start();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    await click(container.querySelector("[data-testid=open-data-csv]"));
    expect(api.openData).toHaveBeenCalledWith("csv", { from: null, to: null });
    expect(saveFile).toHaveBeenCalledWith(
      expect.any(Blob),
      "opvang-figures-2026-08-31-2026-11-29.csv",
    );

    api.openData.mockRejectedValueOnce(
      new ApiError(400, "validation_error", "at most 53 weeks at once", [
        { path: "to", code: "range_too_long", message: "at most 53 weeks", params: { max: 53 } },
      ]),
    );
    const section = container.querySelector("[data-testid=open-data]")!;
    await type(inputByLabel(section, "Vanaf"), "01-01-2025");
    await type(inputByLabel(section, "Tot en met"), "30-11-2026");
    await click(container.querySelector("[data-testid=open-data-json]"));
    expect(api.openData).toHaveBeenLastCalledWith("json", {
      from: "2025-01-01",
      to: "2026-11-30",
    });
    expect(container.querySelector("#open-data-to-error")?.textContent).toBe(
      "Dat zijn te veel weken: kies er ten hoogste 53.",
    );
  });

  it("speaks Ukrainian without a code on the screen", async () => {
    start("?on=2026-12-05&level=gemeente&code=GM0344&trail=PV26.VR09");
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, {
      user: coordinator(),
      language: "uk",
    });
    await settle();
    expect(container.querySelector("h1")?.textContent).toBe("Національний огляд");
    expect(breadcrumb(container)[0]).toBe("Нідерланди");
    expect(cardValue(container, "bezettingsgraad")).toBe("96,7%");
    expect(inputByLabel(container, "Дата звіту")?.value).toBe("05.12.2026");
    const codes = [
      ...LOCATION_KINDS,
      "realised",
      "planned",
      "gemeente",
      "nation",
      "netInflow",
      "Nederland",
    ];
    for (const code of codes) expect(container.textContent).not.toContain(code);
    // The charts' summaries too, which are not on the screen but are read out.
    const labels = [...container.querySelectorAll("[role=img]")].map(
      (chart) => chart.getAttribute("aria-label") ?? "",
    );
    expect(labels).toHaveLength(5);
    for (const label of labels) {
      expect(label).toMatch(/[\u0400-\u04FF]/);
      for (const code of codes) expect(label).not.toContain(code);
    }
    expect(container.querySelector("[data-testid=series] h2")?.textContent).toBe(
      "Заповненість і місця в часі",
    );
  });

  it("shows the unit's places and bezettingsgraad per week as a chart, a table and CSV", async () => {
    start();
    undoLayout = withLayout();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    // The 52 weeks up to the week of the date: from the Monday 51 weeks before its own.
    expect(api.series).toHaveBeenCalledWith({
      from: "2025-12-08",
      to: ON,
      level: "nation",
      code: null,
    });
    const section = container.querySelector("[data-testid=series]");
    expect(section?.querySelector("h2")?.textContent).toBe("Bezetting en plaatsen door de tijd");
    // Right after the figure cards.
    expect(
      container.querySelector("[data-testid=figure-cards]")?.closest("section")?.nextElementSibling,
    ).toBe(section);
    const chart = container.querySelector("[data-testid=series-chart]");
    expect(chart?.getAttribute("role")).toBe("img");
    expect(chart?.getAttribute("aria-label")).toBe(
      "Grafiek van de gerealiseerde en de bezette plaatsen en de bezettingsgraad per week in Nederland, 8 dec 2025 tot en met 6 dec 2026. Op 5 dec 2026: 1.600 plaatsen gerealiseerd, 1.548 bezet, bezettingsgraad 96,8%. Alle cijfers staan in de tabel.",
    );
    // The table waits behind its disclosure; a week without places has no bezettingsgraad.
    expect(container.querySelector("[data-testid=series-table-toggle]")?.hasAttribute("open")).toBe(
      false,
    );
    const table = container.querySelector("[data-testid=series-table]");
    expect(rowsOf(table)).toEqual([
      ["Week 47, 2026cijfers van 22 nov 2026", "0", "0", "0", "–", "1.890", "440"],
      ["Week 48, 2026cijfers van 29 nov 2026", "1.584", "1.531", "53", "96,7%", "1.925", "451"],
      ["Week 49, 2026cijfers van 5 dec 2026", "1.600", "1.548", "52", "96,8%", "1.931", "455"],
    ]);
    // The chart's lines are the table's columns, week for week.
    const [occupied, realised, rate] = seriesOf("series-chart");
    expect(realised?.name).toBe("Gerealiseerde plaatsen");
    expect(realised?.data.map((v) => formatNumber(Number(v), "nl"))).toEqual(
      columnOf(table, "realised"),
    );
    expect(occupied?.name).toBe("Bezette plaatsen");
    expect(occupied?.data.map((v) => formatNumber(Number(v), "nl"))).toEqual(
      columnOf(table, "occupied"),
    );
    expect(rate?.name).toBe("Bezettingsgraad (rechter as)");
    expect(rate?.data.map((v) => formatPercent(v as number | null, "nl"))).toEqual(
      columnOf(table, "bezettingsgraad"),
    );
    expect(categoriesOf("series-chart", "xAxis")).toEqual(["2026-W47", "2026-W48", "2026-W49"]);

    await click(container.querySelector("[data-testid=series-csv]"));
    const [blob, filename] = vi.mocked(saveFile).mock.calls[0]!;
    expect(filename).toBe("bezetting-nederland-2025-12-08-2026-12-06.csv");
    expect((await blob.text()).slice(1).split("\r\n")).toEqual([
      "Week,Datum van de cijfers,Gerealiseerd,Bezet,Vrij,Bezettingsgraad,Ingeschreven,In POO",
      "2026-W47,2026-11-22,0,0,0,,1890,440",
      '2026-W48,2026-11-29,1584,1531,53,"96,7",1925,451',
      '2026-W49,2026-12-05,1600,1548,52,"96,8",1931,455',
      "",
    ]);

    // Another period: those weeks, up to the same date.
    await choose(container.querySelector("#series-period"), "13");
    await settle();
    expect(api.series).toHaveBeenLastCalledWith({
      from: "2026-09-07",
      to: ON,
      level: "nation",
      code: null,
    });
  });

  it("shows a location's weeks without the figures that belong to its municipality", async () => {
    start("?on=2026-12-05&level=location&code=4&trail=PV26.VR09.GM0344");
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, {
      user: coordinator(),
      language: "uk",
    });
    expect(api.series).toHaveBeenCalledWith({
      from: "2025-12-08",
      to: ON,
      level: "location",
      code: "4",
    });
    expect(rowsOf(container.querySelector("[data-testid=series-table]"))[2]).toEqual([
      "Тиждень 49, 2026дані на 5 груд. 2026 р.",
      "1\u00a0600",
      "1\u00a0548",
      "52",
      "96,8%",
      "–",
      "–",
    ]);
    // Without layout (as here) the chart waits, saying so; the table has every figure.
    expect(container.querySelector("[data-testid=series-chart]")?.textContent).toContain(
      "Завантаження…",
    );
  });

  it("writes the series' CSV with a decimal point in English", () => {
    const data = occupancySeries(
      { from: "2025-12-08", to: ON, level: "nation", code: null },
      "Nederland",
    );
    const t = ((key: string) => key.split(".").pop()) as never;
    expect(seriesCsv(data, t, "en").split("\r\n")[2]).toBe(
      "2026-W48,2026-11-29,1584,1531,53,96.7,1925,451",
    );
  });

  it("says that a unit does not exist on the date, in words", async () => {
    start("?on=2020-01-01&level=location&code=99");
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, { user: coordinator() });
    expect(container.querySelector("[data-testid=load-error]")?.textContent).toBe(
      "Deze provincie, veiligheidsregio, gemeente of locatie bestaat niet op de gekozen datum.",
    );
  });

  it("asks nothing without the permission to read the national figures", async () => {
    start();
    const api = fakeApi();
    const { container } = await render(<NationalPage api={api} />, {
      user: demoUser("national_coordinator", { permissions: ["transition.national"] }),
    });
    expect(container.querySelector("[data-testid=national-no-access]")).not.toBeNull();
    expect(container.querySelector("[data-testid=open-data]")).toBeNull();
    expect(container.querySelector("[data-testid=page-nav]")).toBeNull();
    expect(api.figures).not.toHaveBeenCalled();
    expect(api.flows).not.toHaveBeenCalled();
    expect(api.targetsProgress).not.toHaveBeenCalled();
    expect(api.forecast).not.toHaveBeenCalled();
    expect(api.funding).not.toHaveBeenCalled();
  });
});
