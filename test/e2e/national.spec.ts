import type { Page } from "@playwright/test";
import { fitsAPhone, keysOf, main, noBsn, PERSONAL_KEYS, watchAnswers } from "./aggregates";
import { expect, signIn, test } from "./fixtures";

// The national coordinator's dashboard in the browser: the nation's figures, a drill down
// through a province, a safety region and a municipality to a location, the tables as CSV,
// the page in Ukrainian, the charts (ECharts, SVG) with their tables, the Verzamelbrief's
// figures paragraph and the open data. Aggregates
// only: no JSON answer the page receives has a key that holds personal data, and the page
// shows no number that looks like a BSN.

/** Opens the unit with this code from the table of units. */
async function drill(page: Page, code: string) {
  const row = page.locator(`[data-testid=unit-row][data-code="${code}"]`);
  await row.getByRole("link").click();
  await expect(page.getByTestId("national-figures")).toHaveAttribute("data-code", code);
}

test("the coordinator drills from the nation to a location, in Dutch and Ukrainian, and makes the figures paragraph", async ({
  page,
}) => {
  const answers = watchAnswers(page);
  await signIn(page, "coordinator");
  await expect(page).toHaveURL("/national");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Landelijk overzicht");
  const crumbs = page.getByTestId("breadcrumb").getByRole("link");
  await expect(crumbs).toHaveText(["Nederland"]);
  await expect(page.getByTestId("figures-heading")).toContainText("Nederland op");
  await expect(page.getByTestId("card-bezettingsgraad-value")).toHaveText(/^\d{1,3},\d%$/);
  await expect(page.getByTestId("card-registered-value")).toHaveText(/^[\d.]+$/);
  await expect(page.getByTestId("units").getByRole("heading", { level: 2 })).toHaveText(
    "Per provincie",
  );
  // The charts: drawn by ECharts, each one image named by its summary, its table beside it.
  for (const id of ["series-chart", "flows-chart"]) {
    const chart = page.getByTestId(id);
    await expect(chart).toHaveAttribute("data-drawn", "true");
    await expect(chart.locator("svg")).toBeVisible();
    await expect(chart).toHaveAttribute("role", "img");
    await expect(chart).toHaveAttribute(
      "aria-label",
      /^Grafiek van .+ Alle cijfers staan in de tabel\.$/,
    );
  }
  await expect(page.getByTestId("series-chart").locator("svg")).toContainText("wk ");
  await page.getByTestId("series-table-toggle").locator("summary").click();
  await expect(page.getByTestId("series-row")).toHaveCount(52);
  const series = page.waitForEvent("download");
  await page.getByTestId("series-csv").click();
  expect((await series).suggestedFilename()).toMatch(
    /^bezetting-nederland-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  await fitsAPhone(page, "nation");
  await noBsn(page);

  // The table of provinces as CSV, in the chosen language.
  const provinces = page.waitForEvent("download");
  await page.getByTestId("units-csv").click();
  expect((await provinces).suggestedFilename()).toMatch(
    /^opvang-nederland-\d{4}-\d{2}-\d{2}\.csv$/,
  );

  // Province → safety region → municipality → location, the breadcrumb growing.
  await drill(page, "PV26");
  await expect(page).toHaveURL(/level=province&code=PV26/);
  await expect(crumbs).toHaveText(["Nederland", "Provincie Utrecht"]);
  await drill(page, "VR09");
  await expect(crumbs).toHaveText(["Nederland", "Provincie Utrecht", "Veiligheidsregio Utrecht"]);
  await drill(page, "GM0344");
  await expect(crumbs).toHaveText([
    "Nederland",
    "Provincie Utrecht",
    "Veiligheidsregio Utrecht",
    "Gemeente Utrecht",
  ]);
  await expect(page.getByTestId("units").getByRole("heading", { level: 2 })).toHaveText(
    "Per locatie",
  );
  await expect(page.getByTestId("units-table")).toContainText("Gerealiseerd");
  await fitsAPhone(page, "municipality");
  await noBsn(page);
  // A location that holds persons: the first one sorted by those in GOO.
  await page.getByTestId("sort-goo").click();
  const first = page.getByTestId("unit-row").first();
  const locationCode = (await first.getAttribute("data-code")) ?? "";
  const locationName = (await first.getByRole("link").textContent()) ?? "";
  expect(locationCode).toMatch(/^\d+$/);
  await drill(page, locationCode);
  await expect(page).toHaveURL(
    new RegExp(`level=location&code=${locationCode}&trail=PV26\\.VR09\\.GM0344`),
  );
  await expect(crumbs).toHaveText([
    "Nederland",
    "Provincie Utrecht",
    "Veiligheidsregio Utrecht",
    "Gemeente Utrecht",
    `Locatie ${locationName}`,
  ]);
  await expect(page.getByTestId("card-goo-value")).toHaveText(/^[\d.]+$/);
  await expect(page.getByTestId("card-registered")).toHaveCount(0);
  await expect(page.getByTestId("units")).toHaveCount(0);
  await expect(page.getByTestId("location-note")).toBeVisible();
  await noBsn(page);

  // The same location in Ukrainian: the texts follow, no code on the screen.
  await page.getByRole("button", { name: "Українська" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "uk");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Національний огляд");
  await expect(crumbs.first()).toHaveText("Нідерланди");
  await expect(crumbs.last()).toHaveText(`Локація ${locationName}`);
  await expect(page.getByTestId("location-facts")).toContainText("Тип локації");
  await expect(page.getByTestId("flows-chart")).toHaveAttribute(
    "aria-label",
    /: графік чистого припливу за тижнями/,
  );
  await expect(page.getByTestId("series-chart").locator("svg")).toContainText("тиж.");
  for (const code of ["emergency_hall", "flex_homes", "realised", "planned", "netInflow"]) {
    await expect(main(page)).not.toContainText(code);
  }

  // Back to the nation through the breadcrumb, still in Ukrainian.
  await crumbs.first().click();
  await expect(page.getByTestId("national-figures")).toHaveAttribute("data-level", "nation");
  await expect(page.getByTestId("units").getByRole("heading", { level: 2 })).toHaveText(
    "За провінціями",
  );

  // The figures paragraph for the letter (in Dutch, as the letter is).
  const paragraph = page.getByTestId("paragraph-form");
  await paragraph.getByLabel("Мова абзацу").selectOption("nl");
  await paragraph.getByRole("button", { name: "Створити абзац із цифрами" }).click();
  const text = page.getByTestId("paragraph-text");
  await expect(text).toHaveAttribute("lang", "nl");
  await expect(text).toContainText(/Er zijn op .+ Oekraïners ingeschreven in de BRP\./);
  await expect(text).toContainText(/bezettingsgraad van \d{1,3},\d procent\./);

  // The open data downloads as CSV.
  const openData = page.waitForEvent("download");
  await page.getByTestId("open-data-csv").click();
  expect((await openData).suggestedFilename()).toMatch(/^opvang-figures-.+\.csv$/);

  // Aggregates only: no personal key in any answer, no BSN-like number on the page.
  const seen = await answers();
  expect(seen.some((a) => a.path === "/api/v1/national/figures")).toBe(true);
  expect(seen.some((a) => a.path === "/api/v1/national/flows")).toBe(true);
  expect(seen.some((a) => a.path === "/api/v1/national/series")).toBe(true);
  expect(seen.some((a) => a.path === "/api/v1/national/figures/paragraph")).toBe(true);
  for (const answer of seen) {
    const personal = [...keysOf(answer.body)].filter((key) => PERSONAL_KEYS.has(key));
    // The coordinator's own account (GET /api/auth/me) names its person link, empty.
    const allowed = answer.path.startsWith("/api/auth/") ? ["personId"] : [];
    expect(
      personal.filter((key) => !allowed.includes(key)),
      answer.path,
    ).toEqual([]);
  }
  await noBsn(page);

  await page.getByRole("button", { name: "Nederlands" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
});
