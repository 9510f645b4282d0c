import type { Page } from "@playwright/test";
import { expect, mainMenu, signIn, test } from "./fixtures";

interface LocationRow {
  id: number;
  name: string;
  occupied: number;
}

/** The previous month as YYYY-MM: always a valid income month. */
function previousMonth(): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

async function utrechtLocations(page: Page): Promise<LocationRow[]> {
  const response = await page.request.get("/api/v1/locations");
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { locations: LocationRow[] }).locations;
}

/** A BSN of a demo person placed in one of the caseworker's own locations. */
async function demoBsn(page: Page): Promise<string> {
  for (const location of (await utrechtLocations(page)).filter((l) => l.occupied > 0)) {
    const response = await page.request.get(`/api/v1/persons?locationId=${location.id}`);
    expect(response.ok()).toBe(true);
    const { results } = (await response.json()) as { results: { bsn: string | null }[] };
    const hit = results.find((r) => r.bsn);
    if (hit?.bsn) return hit.bsn;
  }
  throw new Error("no demo person with a BSN in Utrecht");
}

test.describe("locations", () => {
  test("register a location, change its capacity and see its free places in the list", async ({
    caseworkerPage: page,
  }) => {
    const name = `E2E Flexwoningen ${Date.now()}`;
    await mainMenu(page).getByRole("link", { name: "Locaties" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Opvanglocaties");
    await page.getByRole("link", { name: "Locatie registreren" }).click();
    await expect(page).toHaveURL("/locations/new");

    // A submit without the required fields lands on the error summary.
    await page.getByRole("button", { name: "Locatie registreren" }).click();
    const summary = page.getByTestId("error-summary");
    await expect(summary).toContainText("Naam: Dit veld is verplicht.");
    await expect(page.getByLabel("Naam", { exact: true })).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Naam", { exact: true }).fill(name);
    await page.getByLabel("Straat", { exact: true }).fill("Europalaan");
    await page.getByLabel("Huisnummer", { exact: true }).fill("10");
    await page.getByLabel("Postcode", { exact: true }).fill("3526kb");
    await page.getByLabel("Plaats", { exact: true }).fill("Utrecht");
    await page.getByLabel("Soort locatie", { exact: true }).selectOption({ label: "Flexwoningen" });
    await page.getByLabel("Capaciteit (aantal plaatsen)", { exact: true }).fill("20");
    await page.getByLabel("Status", { exact: true }).selectOption({ label: "Gerealiseerd" });
    await page.getByLabel("Geldig vanaf", { exact: true }).fill("2025-01-01");
    await page.getByRole("button", { name: "Locatie registreren" }).click();

    await expect(page).toHaveURL(/\/locations\/\d+/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(page.getByTestId("location-notice")).toHaveText("De locatie is geregistreerd.");
    await expect(page.getByTestId("location-details")).toContainText("3526 KB");

    const capacity = page.getByTestId("capacity-form");
    await capacity.getByLabel("Nieuwe capaciteit (aantal plaatsen)").fill("35");
    await capacity.getByRole("button", { name: "Capaciteit opslaan" }).click();
    await expect(page.getByTestId("location-notice")).toHaveText(
      "De nieuwe capaciteit is opgeslagen.",
    );
    await expect(page.getByTestId("capacity-history").locator("tbody tr")).toHaveCount(2);
    await expect(page.getByTestId("location-figures")).toContainText("35");

    // Meals from a date: the period without catering ends the day before.
    const catering = page.getByTestId("catering-form");
    await catering
      .getByLabel("Nieuwe catering")
      .selectOption({ label: "Met catering (geen eetgeld)" });
    await catering.getByLabel("Geldig vanaf").fill("2025-06-01");
    await catering.getByRole("button", { name: "Catering opslaan" }).click();
    await expect(page.getByTestId("location-notice")).toHaveText(
      "De wijziging van de catering is opgeslagen.",
    );
    const periods = page.getByTestId("catering-history").locator("tbody tr");
    await expect(periods).toHaveCount(2);
    await expect(periods.first()).toContainText("Nee");
    await expect(periods.last()).toContainText("Ja");

    await page.getByRole("link", { name: "Terug naar alle locaties" }).first().click();
    const row = page.getByTestId("occupancy-row").filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await expect(row.locator('[data-column="free"]')).toHaveText("35");
    await expect(row.locator('[data-column="realised"]')).toHaveText("35");
    await expect(row.locator('[data-column="bezettingsgraad"]')).toHaveText("0,0%");
    await expect(row).toContainText("Flexwoningen");
  });

  test("the placements overview shows the municipality's totals", async ({
    caseworkerPage: page,
  }) => {
    await mainMenu(page).getByRole("link", { name: "Plaatsingen" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Plaatsingen en bezetting");
    const totals = page.getByTestId("placements-totals");
    await expect(totals).toContainText("Gerealiseerde plaatsen");
    await expect(page.getByTestId("total-bezettingsgraad")).toContainText(/\d+,\d%/);
    const total = page.getByTestId("occupancy-total");
    await expect(total).toContainText("Totaal gemeente");
    await expect(total.locator('[data-column="bezettingsgraad"]')).toHaveText(/^\d+,\d%$/);
    expect(await page.getByTestId("occupancy-row").count()).toBeGreaterThan(0);

    // A location name leads to its page.
    await page.getByTestId("occupancy-row").first().getByRole("link").click();
    await expect(page).toHaveURL(/\/locations\/\d+/);
    await expect(page.getByTestId("location-occupants")).toBeVisible();
  });

  test("at 390 px the location list scrolls in its table, not the page", async ({
    caseworkerPage: page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/locations");
    await expect(page.getByTestId("locations-table")).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test("income import with a faulty row reports it and stores the valid row", async ({
    caseworkerPage: page,
  }) => {
    const bsn = await demoBsn(page);
    const csv = [
      "bsn,month,net_amount,kind,payer",
      `${bsn},${previousMonth()},1234.56,work,E2E Werkgever ${Date.now()}`,
      `${bsn},${previousMonth()},12.345.67,work,E2E Andere werkgever`,
    ].join("\n");

    await mainMenu(page).getByRole("link", { name: "Inkomens" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inkomens");
    const importSection = page.getByTestId("income-import");
    await expect(importSection.getByTestId("import-columns")).toContainText("net_amount");
    await importSection.getByLabel("CSV-bestand").setInputFiles({
      name: "inlichtingenbureau.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "utf8"),
    });
    await importSection.getByRole("button", { name: "Importeren" }).click();

    const report = page.getByTestId("import-report");
    await expect(report.getByRole("heading", { level: 2 })).toHaveText("Resultaat van de import");
    const faulty = report.locator('[data-testid="import-row"][data-line="3"]');
    await expect(faulty).toContainText("Ongeldig bedrag");
    await expect(faulty).toContainText(`******${bsn.slice(-3)}`);
    const valid = report.locator('[data-testid="import-row"][data-line="2"]');
    await expect(valid).toContainText("Gekoppeld, opgeslagen");
    await expect(page.getByTestId("import-summary")).toHaveText(
      "2 regels verwerkt: 1 nieuw opgeslagen, 0 bijgewerkt met een ander bedrag, 0 ongewijzigd (stonden er al zo), 1 met een probleem.",
    );
    await expect(report).not.toContainText(bsn);

    // The stored income shows on the person's list.
    await page.getByLabel("BSN", { exact: true }).fill(bsn);
    await page.getByRole("button", { name: "Zoeken" }).click();
    await expect(page.getByTestId("incomes-table")).toContainText("1.234,56");
  });

  test("a file with a wrong header names the expected columns", async ({
    caseworkerPage: page,
  }) => {
    await page.goto("/incomes");
    const importSection = page.getByTestId("income-import");
    await importSection.getByLabel("CSV-bestand").setInputFiles({
      name: "wrong.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("bsn;month;amount\n999993653;2025-07;1\n", "utf8"),
    });
    await importSection.getByLabel("Alleen controleren").check();
    await importSection.getByRole("button", { name: "Controleren" }).click();
    const summary = importSection.getByTestId("error-summary");
    await expect(summary).toContainText(
      "De eerste regel van het bestand klopt niet. Die moet precies zijn: bsn,month,net_amount,kind,payer.",
    );
    await expect(summary).toBeFocused();
  });

  test("a caseworker of Amsterdam does not see a Utrecht location", async ({ page }) => {
    await signIn(page, "caseworker-utrecht");
    const [location] = await utrechtLocations(page);
    expect(location).toBeDefined();
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await expect(page).toHaveURL("/sign-in");

    await signIn(page, "caseworker-amsterdam");
    await page.goto(`/locations/${location!.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Locatie niet gevonden");
    await expect(page.getByTestId("location-not-found")).toContainText(
      "Deze locatie bestaat niet of hoort niet bij uw gemeente.",
    );
    await expect(page.getByText(location!.name)).toHaveCount(0);
  });
});
