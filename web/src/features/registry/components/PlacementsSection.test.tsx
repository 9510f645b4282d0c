import { act } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../api";
import { byText, cleanup, click, demoUser, render, settle, submit } from "../../../test/render";
import { HouseholdPage } from "../HouseholdPage";
import type { Household, Person, Placement, RegistryApi } from "../registry-api";

// The return section asks its own API: answered from memory (a household without a case).
vi.mock("../../return/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../return/api")>()),
  returnApi: { householdCase: vi.fn(async () => null), consents: vi.fn(async () => []) },
}));

// The transition section asks its own API: answered from memory (nothing recorded yet).
vi.mock("../../transition/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../transition/api")>()),
  transitionApi: {
    household: vi.fn(async (householdId: number) => ({
      householdId,
      version: 0,
      rtbEnd: "2027-03-04",
      daysLeft: 90,
      incomePath: "none",
      participatiewet: { filedOn: null, decidedOn: null, outcome: null },
      housing: { plan: null, from: null, rentCents: null },
      members: [],
      missing: [],
      restsOnScenario: false,
    })),
  },
}));

async function choose(select: Element | null, value: string) {
  if (!(select instanceof HTMLSelectElement)) throw new Error("choose: no select");
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

const person = (id: number, givenNames: string, birthDate: string): Person => ({
  id,
  gemeenteCode: "GM0344",
  bsn: null,
  vNumber: null,
  familyName: "Shevchenko",
  givenNames,
  familyNameCyrillic: null,
  givenNamesCyrillic: null,
  birthDate,
  sex: "V",
  nationalityCode: "0034",
  protectionStart: null,
  brpRegistrationDate: null,
  brpGemeenteCode: null,
  contactLanguage: "uk",
  version: 1,
  updatedAt: "2024-01-01 10:00:00+00",
});

/** A placed mother and a child born later, who is not placed yet. */
const household: Household = {
  id: 12,
  label: "Shevchenko",
  gemeenteCode: "GM0344",
  version: 2,
  members: [
    {
      membershipId: 3,
      role: "head",
      validFrom: "2024-01-01",
      validTo: null,
      reason: null,
      person: person(7, "Olena", "1990-01-01"),
    },
    {
      membershipId: 4,
      role: "child",
      validFrom: "2025-03-10",
      validTo: null,
      reason: "birth",
      person: person(8, "Daryna", "2025-03-10"),
    },
  ],
  history: [],
};

const mothersPlacement: Placement = {
  id: 5,
  personId: 7,
  familyName: "Shevchenko",
  givenNames: "Olena",
  kind: "goo",
  locationId: 30,
  locationName: "Hotel Domstad",
  address: null,
  validFrom: "2024-02-01",
  validTo: null,
  reason: null,
  current: true,
};

function fakeApi(overrides: Partial<RegistryApi> = {}): RegistryApi {
  return {
    household: vi.fn(async () => household),
    placements: vi.fn(async () => ({
      householdId: 12,
      on: "2025-03-10",
      current: [mothersPlacement],
      past: [],
      future: [],
    })),
    entitlement: vi.fn(async () => ({ month: "2025-03", inReception: true, calculation: null })),
    changes: vi.fn(async () => []),
    decisions: vi.fn(async () => []),
    incomes: vi.fn(async () => ({ personId: 7, months: [] })),
    locations: vi.fn(async () => [
      {
        id: 30,
        name: "Hotel Domstad",
        kind: "hotel",
        catering: true,
        city: "Utrecht",
        status: "realised",
        capacity: 10,
        realisedPlaces: 10,
        occupied: 1,
        free: 9,
      },
    ]),
    gemeentePeriods: vi.fn(async () => [
      {
        gemeenteCode: "GM0344",
        gemeenteName: "Utrecht",
        validFrom: null,
        validTo: null,
        reason: null,
      },
    ]),
    ...overrides,
  } as unknown as RegistryApi;
}

async function placeInHotel(container: HTMLElement) {
  await click(byText(container, "button", "Plaatsen"));
  await choose(container.querySelector("#placement-locationId"), "30");
  await submit(container.querySelector('[data-testid="placement-place-form"]'));
  await settle();
}

describe("placements section", () => {
  afterEach(cleanup);

  it("offers to place a child born into a placed household and names who was skipped", async () => {
    const api = fakeApi({
      place: vi.fn(async () => ({
        placements: [
          {
            id: 9,
            personId: 8,
            kind: "goo" as const,
            locationId: 30,
            validFrom: "2026-11-22",
            validTo: null,
          },
        ],
        warnings: [],
        skipped: [{ personId: 7, placementId: 5 }],
      })),
    });
    const { container } = await render(<HouseholdPage id={12} api={api} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    expect(container.querySelector('[data-testid="placement-unplaced"]')?.textContent).toContain(
      "Nog niet geplaatst: Daryna Shevchenko",
    );
    expect(byText(container, "button", "Verhuizen")).toBeDefined();
    await placeInHotel(container);
    expect(api.place).toHaveBeenCalledWith(
      12,
      expect.objectContaining({ kind: "goo", locationId: 30 }),
    );
    expect(container.querySelector('[data-testid="household-notice"]')?.textContent).toBe(
      "Geplaatst: Daryna Shevchenko. Al geplaatst op die datum en ongewijzigd: Olena Shevchenko.",
    );
  });

  it("shows the server's nothing_to_place at the start date", async () => {
    const api = fakeApi({
      place: vi.fn(async () => {
        throw new ApiError(400, "validation_error", "validFrom: nothing to place", [
          { path: "validFrom", code: "nothing_to_place", message: "every member is placed" },
        ]);
      }),
    });
    const { container } = await render(<HouseholdPage id={12} api={api} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    await placeInHotel(container);
    expect(container.querySelector('[data-testid="placement-place-form"]')?.textContent).toContain(
      "Alle leden zijn op deze datum al geplaatst",
    );
  });

  it("offers no place action when every member is placed", async () => {
    const api = fakeApi({
      household: vi.fn(async () => ({ ...household, members: [household.members[0]!] })),
    });
    const { container } = await render(<HouseholdPage id={12} api={api} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    expect(byText(container, "button", "Plaatsen")).toBeUndefined();
    expect(container.querySelector('[data-testid="placement-unplaced"]')).toBeNull();
  });
});
