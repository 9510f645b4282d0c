import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { App } from "../App";
import type { Role } from "../api";
import { cleanup, click, demoUser, fakeClient, render, settle } from "../test/render";
import { RoleNav } from "./RoleNav";

const EXPECTED: Record<Role, string[]> = {
  caseworker: [
    "Overzicht",
    "Huishoudens",
    "Zoeken",
    "Locaties",
    "Plaatsingen",
    "Inkomens",
    "Overgang",
  ],
  finance_officer: ["Overzicht", "Huishoudens", "Inkomens", "Maandrun", "Bekostiging", "Overgang"],
  municipal_admin: [
    "Overzicht",
    "Locaties",
    "Gebruikers",
    "Auditlog",
    "Overgang",
    "Bekostiging",
    "Instellingen",
  ],
  national_coordinator: ["Landelijk overzicht", "Prognose", "Bekostiging", "Overgang"],
  system_admin: ["Gebruikers", "Referentiegegevens", "Systeem"],
  resident: ["Mijn huishouden", "Maart 2027", "Klacht", "Terugkeer"],
};

function navLabels(container: HTMLElement): string[] {
  return [...container.querySelectorAll("nav a")].map((a) => a.textContent ?? "");
}

describe("navigation per role", () => {
  afterEach(cleanup);
  // The app's pages load lazily; a page a test opens may still be loading when the test ends,
  // and vitest refuses a module load after its environment is torn down. Loaded here first,
  // every later load is answered from the module cache.
  beforeAll(
    () =>
      Promise.all([
        import("../features/registry"),
        import("../features/locations"),
        import("../features/placements"),
        import("../features/incomes"),
        import("../features/audit"),
        import("../features/users"),
        import("../features/transition"),
        import("../features/overview"),
        import("../features/monthly-run"),
        import("../features/settings"),
        import("../features/national"),
        import("../features/funding"),
      ]),
    60_000,
  );

  for (const [role, labels] of Object.entries(EXPECTED) as [Role, string[]][]) {
    it(`shows the ${role} menu`, async () => {
      const { container } = await render(<RoleNav userRole={role} currentPath="/" />);
      expect(navLabels(container)).toEqual(labels);
    });
  }

  it("marks the current page", async () => {
    const { container } = await render(<RoleNav userRole="caseworker" currentPath="/households" />);
    const current = container.querySelector('nav a[aria-current="page"]');
    expect(current?.textContent).toBe("Huishoudens");
    expect(container.querySelectorAll('nav a[aria-current="page"]')).toHaveLength(1);
  });

  it("has an accessible name in the chosen language", async () => {
    const { container } = await render(<RoleNav userRole="resident" currentPath="/" />, {
      language: "uk",
    });
    expect(container.querySelector("nav")?.getAttribute("aria-label")).toBe("Головне меню");
    expect(navLabels(container)).toContain("Моє домогосподарство");
  });

  it("opens a page from the menu and shows its empty state", async () => {
    window.history.replaceState(null, "", "/my-household");
    const { container } = await render(<App client={fakeClient({ user: demoUser("resident") })} />);
    await settle();
    const link = [...container.querySelectorAll("nav a")].find(
      (a) => a.textContent === "Maart 2027",
    );
    await click(link);
    expect(window.location.pathname).toBe("/march-2027");
    expect(container.querySelector('[data-testid="empty-state"]')).not.toBeNull();
  });

  it("says a page is not available when the role may not open it", async () => {
    window.history.replaceState(null, "", "/monthly-run");
    const { container } = await render(
      <App client={fakeClient({ user: demoUser("caseworker") })} />,
    );
    await settle();
    expect(container.querySelector("h1")?.textContent).toBe("Niet beschikbaar voor uw rol");
    expect(navLabels(container)).not.toContain("Maandrun");
  });

  it("shows the user's name, role and municipality, or national scope", async () => {
    const { container } = await render(
      <App client={fakeClient({ user: demoUser("national_coordinator") })} />,
    );
    await settle();
    const summary = container.querySelector('[data-testid="user-summary"]');
    expect(summary?.textContent).toContain("Anna de Vries");
    expect(summary?.textContent).toContain("Landelijk coördinator");
    expect(summary?.textContent).toContain("Landelijk");
    expect(window.location.pathname).toBe("/national");
  });
});
