import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render } from "../../../test/render";
import { OccupancyTable } from "./OccupancyTable";

const rows = [
  {
    key: 1,
    label: "Jaarbeurs",
    realisedPlaces: 89500,
    occupied: 88910,
    free: 590,
    bezettingsgraad: 99.3,
  },
  { key: 2, label: "De Bunt", realisedPlaces: 40, occupied: 30, free: 10, bezettingsgraad: 75 },
  { key: 3, label: "Gepland", realisedPlaces: 0, occupied: 0, free: 0, bezettingsgraad: null },
];

function column(container: HTMLElement, name: string): string[] {
  return [
    ...container.querySelectorAll(`[data-testid="occupancy-row"] [data-column="${name}"]`),
  ].map((cell) => cell.textContent ?? "");
}

describe("occupancy table", () => {
  afterEach(cleanup);

  it("formats the bezettingsgraad with one decimal in Dutch", async () => {
    const { container } = await render(
      <OccupancyTable caption="Bezetting" labelHeading="Locatie" rows={rows} />,
    );
    expect(column(container, "bezettingsgraad")).toEqual(["99,3%", "75,0%", "–"]);
    expect(column(container, "realised")).toEqual(["89.500", "40", "0"]);
    expect(container.querySelector("thead")?.textContent).toContain("Bezettingsgraad");
  });

  it("formats it in English", async () => {
    const { container } = await render(
      <OccupancyTable caption="Occupancy" labelHeading="Location" rows={rows} />,
      { language: "en" },
    );
    expect(column(container, "bezettingsgraad")).toEqual(["99.3%", "75.0%", "–"]);
    expect(column(container, "realised")).toEqual(["89,500", "40", "0"]);
    expect(container.querySelector("thead")?.textContent).toContain("Occupancy rate");
  });

  it("formats it in Ukrainian", async () => {
    const { container } = await render(
      <OccupancyTable caption="Заповненість" labelHeading="Локація" rows={rows} />,
      { language: "uk" },
    );
    expect(column(container, "bezettingsgraad")).toEqual(["99,3%", "75,0%", "–"]);
    expect(container.querySelector("thead")?.textContent).toContain("Рівень заповненості");
  });

  it("shows a totals row and scrolls in its own container", async () => {
    const { container } = await render(
      <OccupancyTable
        caption="Bezetting"
        labelHeading="Locatie"
        rows={rows}
        total={{
          key: "t",
          label: "Totaal",
          realisedPlaces: 89540,
          occupied: 88940,
          free: 600,
          bezettingsgraad: 99.3,
        }}
      />,
    );
    const total = container.querySelector('[data-testid="occupancy-total"]');
    expect(total?.textContent).toContain("Totaal");
    expect(total?.textContent).toContain("99,3%");
    expect(container.querySelector(".utrecht-table-container--overflow-inline")).not.toBeNull();
  });
});
