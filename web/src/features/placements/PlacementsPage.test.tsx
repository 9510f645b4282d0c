import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, demoUser, render } from "../../test/render";
import { placementsApi } from "./api";
import { PlacementsPage } from "./PlacementsPage";

describe("placements page", () => {
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("shows the totals with its own texts and the shared figures of locations", async () => {
    const occupancy = vi.spyOn(placementsApi, "occupancy").mockResolvedValue({
      on: "2025-03-01",
      gemeenteCode: "GM0344",
      realisedPlaces: 40,
      occupied: 30,
      free: 10,
      bezettingsgraad: 75,
      pooPersons: 4,
      locations: [],
    });
    const { container } = await render(<PlacementsPage />, { user: demoUser("caseworker") });
    expect(occupancy).toHaveBeenCalledTimes(1);
    expect(container.querySelector("h1")?.textContent).toBe("Plaatsingen en bezetting");
    const totals = container.querySelector('[data-testid="placements-totals"]')?.textContent;
    expect(totals).toContain("Gerealiseerde plaatsen");
    expect(totals).toContain("75,0%");
  });
});
