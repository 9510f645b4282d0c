import { act } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { byText, cleanup, click, demoUser, render, settle, submit } from "../../test/render";
import { HouseholdsStart } from "./HouseholdsPage";
import {
  filterFromSearch,
  type HouseholdFilter,
  type HouseholdListApi,
  type HouseholdListPage,
  queryOfFilter,
} from "./household-list-api";
import type { LocationSummary, RegistryApi } from "./registry-api";

const location = (id: number, name: string): LocationSummary => ({
  id,
  name,
  kind: "hotel",
  catering: false,
  city: "Utrecht",
  status: "realised",
  capacity: 40,
  version: 1,
  realisedPlaces: 40,
  occupied: 10,
  free: 30,
  bezettingsgraad: 25,
});

function listPage(filter: HouseholdFilter): HouseholdListPage {
  const offset = (filter.page - 1) * 25;
  const total = 30;
  return {
    today: "2026-12-05",
    latestMonth: "2026-11",
    total,
    offset,
    limit: 25,
    items: Array.from({ length: Math.max(0, Math.min(25, total - offset)) }, (_, i) => ({
      id: 500 + offset + i,
      label: `Household ${offset + i}`,
      size: 3,
      arrival: "2022-03-20",
      receptionKinds: ["goo"],
      locations: [{ id: 1, name: "Hotel Dom" }],
      incomeInLatestMonth: i % 2 === 0,
      contactLanguage: "uk",
    })),
  };
}

function apis() {
  const list: HouseholdListApi = { listHouseholds: vi.fn(async (f) => listPage(f)) };
  const registry = {
    locations: vi.fn(async () => [location(2, "Boot Vecht"), location(1, "Hotel Dom")]),
    search: vi.fn(async () => []),
  } as unknown as RegistryApi;
  return { list, registry };
}

const select = async (container: HTMLElement, id: string, value: string) => {
  const element = container.querySelector<HTMLSelectElement>(`#${id}`)!;
  await act(async () => {
    element.value = value;
    element.dispatchEvent(new Event("change", { bubbles: true }));
  });
};

describe("the household list", () => {
  afterEach(cleanup);

  it("lists the municipality's households a page at a time, each leading to its page", async () => {
    window.history.replaceState(null, "", "/households");
    const { list, registry } = apis();
    const { container } = await render(<HouseholdsStart api={registry} listApi={list} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    expect(list.listHouseholds).toHaveBeenCalledWith(filterFromSearch(new URLSearchParams()));
    const rows = container.querySelectorAll('[data-testid="household-list-row"]');
    expect(rows).toHaveLength(25);
    expect([...rows[0]!.querySelectorAll("th, td")].map((c) => c.textContent)).toEqual([
      "Household 0",
      "3",
      "20 mrt 2022",
      "gemeentelijke opvang (GOO)",
      "Hotel Dom",
      "Ja",
      "Oekraïens",
    ]);
    expect(rows[0]!.querySelector("a")?.getAttribute("href")).toBe("/households/500");
    expect(container.textContent).toContain("Inkomen november 2026");
    expect(container.textContent).toContain("Huishoudens 1–25 van 30");

    await click(byText(container, "button", "Volgende"));
    expect(window.location.search).toBe("?page=2");
    expect(list.listHouseholds).toHaveBeenLastCalledWith(expect.objectContaining({ page: 2 }));
    expect(container.querySelectorAll('[data-testid="household-list-row"]')).toHaveLength(5);
  });

  it("puts the filters in the address and starts at the first page", async () => {
    window.history.replaceState(null, "", "/households?page=2");
    const { list, registry } = apis();
    const { container } = await render(<HouseholdsStart api={registry} listApi={list} />, {
      user: demoUser("finance_officer"),
      language: "uk",
    });
    await settle();
    // The locations in name order, after "all".
    expect(
      [...container.querySelectorAll("#households-location option")].map((o) => o.textContent),
    ).toEqual(["Усі місця розміщення", "Boot Vecht", "Hotel Dom"]);
    await select(container, "households-location", "1");
    await select(container, "households-reception", "goo");
    await select(container, "households-size", "5+");
    await select(container, "households-income", "no");
    await select(container, "households-language", "nl");
    await select(container, "households-sort", "-arrival");
    await submit(container.querySelector('[data-testid="household-filter"]'));
    expect(Object.fromEntries(new URLSearchParams(window.location.search))).toEqual({
      location: "1",
      reception: "goo",
      size: "5+",
      income: "no",
      language: "nl",
      sort: "-arrival",
    });
    const asked = vi.mocked(list.listHouseholds).mock.lastCall![0];
    expect(queryOfFilter(asked)).toEqual({
      locationId: 1,
      reception: "goo",
      minSize: 5,
      income: "no",
      language: "nl",
      sort: "-arrival",
      limit: 25,
      offset: 0,
    });
    // Every label and choice in Ukrainian, no code shown.
    const texts = [...container.querySelectorAll("label, option, th")].map((e) => e.textContent);
    for (const text of texts.filter((x) => x && !/^(Boot Vecht|Hotel Dom|Household \d+)$/.test(x)))
      expect(text, text ?? "").toMatch(/[\u0400-\u04FF]/);
  });

  it("opens with the filters of a shared link, the form showing them", async () => {
    window.history.replaceState(null, "", "/households?size=2&income=yes&all=1&page=3");
    const { list, registry } = apis();
    const { container } = await render(<HouseholdsStart api={registry} listApi={list} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    expect(list.listHouseholds).toHaveBeenCalledWith(
      expect.objectContaining({ size: "2", income: "yes", all: true, page: 3 }),
    );
    expect(container.querySelector<HTMLSelectElement>("#households-size")?.value).toBe("2");
    expect(container.querySelector<HTMLInputElement>("#households-all")?.checked).toBe(true);
    const q = queryOfFilter(filterFromSearch(new URLSearchParams(window.location.search)));
    expect([q.minSize, q.maxSize, q.include, q.offset]).toEqual([2, 2, "all", 50]);
  });

  it("reads unknown values in the address as no filter", () => {
    const f = filterFromSearch(new URLSearchParams("reception=hotel&size=9&sort=name&page=-1"));
    expect(f).toMatchObject({ reception: "", size: "", sort: "label", page: 1 });
  });

  it("is not shown to a role without the list", async () => {
    const { list, registry } = apis();
    const { container } = await render(<HouseholdsStart api={registry} listApi={list} />, {
      user: demoUser("caseworker", { permissions: ["households.read", "persons.search"] }),
    });
    await settle();
    expect(container.querySelector('[data-testid="household-list"]')).toBeNull();
    expect(list.listHouseholds).not.toHaveBeenCalled();
  });
});
