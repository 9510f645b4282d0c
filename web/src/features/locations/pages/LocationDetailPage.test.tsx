import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../api";
import { cleanup, demoUser, inputByLabel, render, submit, type } from "../../../test/render";
import { type Location, type LocationPageData, locationsApi } from "../api";
import { formatDate } from "../format";
import { LocationDetailPage } from "./LocationDetailPage";

type CateringRow = LocationPageData["cateringHistory"][number];

/** Without catering until 2024, with catering from 2025. */
const WITH_CATERING: CateringRow[] = [
  { id: 5, catering: false, validFrom: "2024-05-01", validTo: "2024-12-31" },
  { id: 6, catering: true, validFrom: "2025-01-01", validTo: null },
];

/** The same, after a change to none from 1 April 2025. */
const CATERING_ENDED: CateringRow[] = [
  { id: 5, catering: false, validFrom: "2024-05-01", validTo: "2024-12-31" },
  { id: 6, catering: true, validFrom: "2025-01-01", validTo: "2025-03-31" },
  { id: 7, catering: false, validFrom: "2025-04-01", validTo: null },
];

/** The page's data on 1 March 2025; `catering` is today's value (that of the open period). */
function page(version: number, cateringHistory: CateringRow[]): LocationPageData {
  const catering = cateringHistory.at(-1)?.catering ?? false;
  return {
    id: 3,
    gemeenteCode: "GM0344",
    name: "De Bunt",
    street: "Europalaan",
    houseNumber: "10",
    postcode: "3526 KB",
    city: "Utrecht",
    kind: "hotel",
    catering,
    version,
    capacityHistory: [{ id: 1, places: 40, validFrom: "2024-05-01", validTo: null }],
    statusHistory: [{ id: 2, status: "realised", validFrom: "2024-05-01", validTo: null }],
    cateringHistory,
    on: "2025-03-01",
    status: "realised",
    capacity: 40,
    realisedPlaces: 40,
    occupied: 0,
    free: 40,
    bezettingsgraad: 0,
    occupants: [],
    occupancy: [],
  };
}

const answer = (data: LocationPageData): Location => data;

const cateringForm = (container: HTMLElement) =>
  container.querySelector<HTMLFormElement>('[data-testid="catering-form"]');

describe("location page: catering from a date", () => {
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("shows the catering periods and changes catering from a date", async () => {
    const get = vi
      .spyOn(locationsApi, "get")
      .mockResolvedValueOnce(page(4, WITH_CATERING))
      .mockResolvedValue(page(5, CATERING_ENDED));
    const change = vi
      .spyOn(locationsApi, "changeCatering")
      .mockResolvedValue(answer(page(5, CATERING_ENDED)));
    const { container } = await render(<LocationDetailPage id={3} />, {
      user: demoUser("caseworker"),
    });

    const table = container.querySelector('[data-testid="catering-history"]');
    const rows = [...(table?.querySelectorAll("tbody tr") ?? [])].map((tr) =>
      [...tr.querySelectorAll("td")].map((td) => td.textContent),
    );
    expect(rows).toEqual([
      [formatDate("2024-05-01", "nl"), formatDate("2024-12-31", "nl"), "Nee"],
      [formatDate("2025-01-01", "nl"), "heden", "Ja"],
    ]);
    expect([...(table?.querySelectorAll("thead th") ?? [])].map((th) => th.textContent)).toEqual([
      "Vanaf",
      "Tot en met",
      "Maaltijden verzorgd",
    ]);
    expect(table?.closest('[role="region"]')?.getAttribute("aria-label")).toBe("Catering");

    const form = cateringForm(container);
    // The open period has catering, so the form offers the change to none.
    const select = form?.querySelector<HTMLSelectElement>("#catering-catering");
    expect(select?.value).toBe("false");
    await type(inputByLabel(form ?? container, "Geldig vanaf"), "2025-04-01");
    await type(inputByLabel(form ?? container, "Reden (optioneel)"), " nieuwe cateraar ");
    await submit(form);

    expect(change).toHaveBeenCalledWith(3, {
      catering: false,
      validFrom: "2025-04-01",
      version: 4,
      reason: "nieuwe cateraar",
    });
    expect(get).toHaveBeenCalledTimes(2);
    expect(container.querySelector('[data-testid="location-notice"]')?.textContent).toBe(
      "De wijziging van de catering is opgeslagen.",
    );
    // After the reload the open period has none, so the form now offers catering.
    expect(container.querySelectorAll('[data-testid="catering-history"] tbody tr')).toHaveLength(3);
    expect(
      cateringForm(container)?.querySelector<HTMLSelectElement>("#catering-catering")?.value,
    ).toBe("true");
  });

  it("shows the server's catering problems at their fields", async () => {
    vi.spyOn(locationsApi, "get").mockResolvedValue(page(4, CATERING_ENDED));
    const change = vi.spyOn(locationsApi, "changeCatering").mockRejectedValue(
      new ApiError(400, "validation_error", "…", [
        { path: "catering", code: "catering_unchanged", message: "unchanged" },
        { path: "validFrom", code: "catering_history", message: "a closed period covers it" },
      ]),
    );
    const { container } = await render(<LocationDetailPage id={3} />, {
      language: "en",
      user: demoUser("caseworker"),
    });
    await submit(cateringForm(container));

    expect(change).toHaveBeenCalledWith(3, expect.objectContaining({ catering: true }));
    expect(container.querySelector("#catering-catering-error")?.textContent).toBe(
      "The current period already has this catering. Choose the other option.",
    );
    expect(container.querySelector("#catering-validFrom-error")?.textContent).toBe(
      "An earlier, closed catering period already applies on this date. Choose a later date.",
    );
    const summary = cateringForm(container)?.querySelector('[data-testid="error-summary"]');
    expect([...(summary?.querySelectorAll("a") ?? [])].map((a) => a.getAttribute("href"))).toEqual([
      "#catering-catering",
      "#catering-validFrom",
    ]);
    expect(container.querySelector('[data-testid="location-notice"]')).toBeNull();
  });

  it("reloads on a stale version instead of showing field errors", async () => {
    const get = vi.spyOn(locationsApi, "get").mockResolvedValue(page(4, WITH_CATERING));
    vi.spyOn(locationsApi, "changeCatering").mockRejectedValue(
      new ApiError(409, "conflict", "changed by someone else"),
    );
    const { container } = await render(<LocationDetailPage id={3} />, {
      user: demoUser("caseworker"),
    });
    await submit(cateringForm(container));

    expect(get).toHaveBeenCalledTimes(2);
    expect(container.querySelector('[data-testid="location-notice"]')?.textContent).toContain(
      "Iemand anders heeft deze locatie intussen gewijzigd.",
    );
    expect(cateringForm(container)?.querySelector('[data-testid="error-summary"]')).toBeNull();
  });

  it("shows the history but no catering form to a role that cannot change it", async () => {
    vi.spyOn(locationsApi, "get").mockResolvedValue(page(4, WITH_CATERING));
    const { container } = await render(<LocationDetailPage id={3} />, {
      user: demoUser("finance_officer"),
    });
    expect(container.querySelectorAll('[data-testid="catering-history"] tbody tr')).toHaveLength(2);
    expect(cateringForm(container)).toBeNull();
  });

  it("shows the catering on the page's date among the figures, and how many persons live there", async () => {
    const data = page(4, WITH_CATERING);
    const occupant = {
      householdId: 8,
      familyName: "Bondar",
      givenNames: "Iryna",
      familyNameCyrillic: null,
      givenNamesCyrillic: null,
      birthDate: "1990-05-05",
      placementId: 11,
      placedFrom: "2025-01-01",
      placedTo: null,
    };
    data.occupants = [
      { ...occupant, personId: 1 },
      { ...occupant, personId: 2, givenNames: "Taras", placementId: 12 },
    ];
    vi.spyOn(locationsApi, "get").mockResolvedValue(data);
    const { container } = await render(<LocationDetailPage id={3} />, {
      user: demoUser("caseworker"),
    });
    const figures = container.querySelector('[data-testid="location-figures"]')?.textContent;
    expect(figures).toContain("Met catering");
    expect(figures).toContain("Ja");
    // The counts are figures: the number and its label, each in its own term.
    const occupancy = container.querySelector('[data-figure="bezettingsgraad"]');
    expect(occupancy?.querySelector("dt")?.textContent).toBe("Bezettingsgraad");
    expect(occupancy?.querySelector("dd")?.textContent).toMatch(/^\d+,\d%$|^–$/);
    const occupants = container.querySelector('[data-testid="location-occupants"]')?.textContent;
    expect(occupants).toContain(": 2. Vrije plaatsen: 40.");
  });
});
