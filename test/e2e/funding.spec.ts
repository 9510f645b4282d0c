import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, mainMenu, signIn, test } from "./fixtures";

// The BooO funding claim in the browser: Utrecht's finance officer opens Bekostiging, asks
// for 2024 (a period before the BooO is refused at its field, in words), sees the totals and
// the locations as the API computes them, opens one location's days, downloads the claim as
// CSV and reads it in Ukrainian. The caseworker's dashboard shows the region's share of the
// demo's last national target (97,000 places, split equally over the 25 safety regions).
test.use({ locale: "nl-NL" });

const FROM = "2024-01-01";
const TO = "2024-12-31";

/** Cents as the page writes euros in Dutch: € 1.234,56. */
const euros = (cents: number) =>
  new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" })
    .format(cents / 100)
    .replace(/[\u00a0\u202f]/g, " ");

const main = (page: Page) => page.locator("#main");

interface Claim {
  totals: { totalCents: number; gooCents: number; pooCents: number };
  locations: { locationId: number; name: string; amountCents: number }[];
}

test("the finance officer reads 2024's claim, a location's days and the CSV, in Dutch and Ukrainian", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, "finance-utrecht");
  await mainMenu(page).getByRole("link", { name: "Bekostiging" }).click();
  await expect(page).toHaveURL("/funding");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bekostiging");
  await expect(page.getByTestId("funding-claim")).toBeVisible();

  // Before the BooO: the server refuses it, and the field says why in Dutch.
  const first = page.getByLabel("Eerste dag");
  const last = page.getByLabel("Laatste dag");
  await first.fill("01-01-2021");
  await last.fill("31-12-2021");
  await page.getByRole("button", { name: "Toon de aanvraag" }).click();
  await expect(page.locator("#funding-from-error")).toHaveText(
    "De BooO bekostigt vanaf 1 mrt 2022. Kies een eerste dag op of na die datum.",
  );
  await expect(first).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("funding-claim")).toBeHidden();

  await first.fill("01-01-2024");
  await last.fill("31-12-2024");
  await page.getByRole("button", { name: "Toon de aanvraag" }).click();
  await expect(page).toHaveURL(`/funding?from=${FROM}&to=${TO}`);
  await expect(page.locator("#funding-from-error")).toBeHidden();
  await expect(page.getByTestId("funding-claim-heading")).toHaveText(
    "Aanvraag over 1 jan 2024 t/m 31 dec 2024",
  );

  // The totals and the locations are the API's, in euros.
  const answer = await page.request.get(`/api/v1/funding/claim?from=${FROM}&to=${TO}`);
  expect(answer.ok()).toBe(true);
  const claim = (await answer.json()) as Claim;
  expect(claim.totals.totalCents).toBeGreaterThan(0);
  await expect(page.getByTestId("total-total-value")).toHaveText(euros(claim.totals.totalCents));
  await expect(page.getByTestId("total-goo-value")).toHaveText(euros(claim.totals.gooCents));
  await expect(page.getByTestId("total-poo-value")).toHaveText(euros(claim.totals.pooCents));
  const rows = page.getByTestId("funding-location-row");
  await expect(rows).toHaveCount(claim.locations.length);
  const location = claim.locations[0]!;
  const row = rows.filter({ hasText: location.name });
  await expect(row).toContainText(euros(location.amountCents));
  await expect(page.getByTestId("funding-period-row")).toHaveCount(1);
  await expect(page.getByTestId("funding-period-row")).toContainText("€ 61,00");
  await expect(page.getByTestId("funding-poo-row")).toHaveCount(12);

  // The CSV of the same period: a header and a line per location and month.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("funding-csv").click(),
  ]);
  expect(download.suggestedFilename()).toBe(`opvang-funding-claim-GM0344-${FROM}-${TO}.csv`);
  const path = await download.path();
  if (!path) throw new Error("the download was not saved");
  const lines = (await readFile(path, "utf8")).split("\r\n").filter(Boolean);
  expect(lines[0]).toBe(
    "line,gemeente_code,location_id,location_name,location_kind,month,from,to,place_days,person_days,days_in_month,norm,amount,outside_base_rate_reason",
  );
  expect(lines.filter((line) => line.startsWith("goo,GM0344,"))).toHaveLength(
    claim.locations.length,
  );
  expect(lines.filter((line) => line.startsWith("poo,GM0344,"))).toHaveLength(12);

  // One location day by day: every day of the leap year, then back to the claim.
  await row.getByRole("link", { name: `Dagen van ${location.name} bekijken` }).click();
  await expect(page).toHaveURL(`/funding?from=${FROM}&to=${TO}&location=${location.locationId}`);
  await expect(page.getByTestId("funding-days-heading")).toHaveText(`Per dag: ${location.name}`);
  await expect(page.getByTestId("funding-days-heading")).toBeFocused();
  await expect(page.getByTestId("funding-day-row")).toHaveCount(366);
  await expect(page.getByTestId("total-amount-value")).toHaveText(euros(location.amountCents));
  await page.getByTestId("funding-back").first().click();
  await expect(page).toHaveURL(`/funding?from=${FROM}&to=${TO}`);
  await expect(page.getByTestId("funding-location-row")).toHaveCount(claim.locations.length);

  // In Ukrainian: the page's words, never a code; the fields write dates the Ukrainian way.
  await page.getByRole("button", { name: "Українська" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "uk");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Фінансування");
  await expect(page.getByTestId("funding-claim-heading")).toContainText("Заявка за 1 січ. 2024 р.");
  await expect(page.getByLabel("Перший день")).toHaveValue("01.01.2024");
  await expect(page.getByTestId("total-goo")).toContainText("Муніципальне розміщення (GOO)");
  const text = (await main(page).textContent()) ?? "";
  expect(text).not.toMatch(/booo\.|by-person-days|in-base-rate|location_kind|Bekostiging/);
  await page.getByRole("button", { name: "Nederlands" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
});

test("the caseworker's dashboard shows the region's share of the national target", async ({
  caseworkerPage: page,
}) => {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overzicht");
  const card = page.getByTestId("region-target");
  await expect(card.getByRole("heading", { level: 2 })).toHaveText("Opgave van de regio");
  // The target in force as the API gives it (the demo's last is 97,000 places over 25 safety
  // regions, 3,880 for Utrecht's; a browser test of the coordinator may have set a newer one).
  const progress = (await (await page.request.get("/api/v1/targets/progress")).json()) as {
    target: { places: number; deadline: string };
    region: { target: number };
  };
  const dots = (n: number) => n.toLocaleString("nl-NL");
  await expect(page.getByTestId("region-target-intro")).toContainText(
    `De landelijke opgave is ${dots(progress.target.places)} gerealiseerde opvangplekken uiterlijk`,
  );
  await expect(page.getByTestId("region-target-intro")).toContainText(
    `Het aandeel van veiligheidsregio Utrecht is ${dots(progress.region.target)} plekken.`,
  );
  await expect(page.getByTestId("target-target")).toContainText(dots(progress.region.target));
  await expect(page.getByTestId("region-target-nation")).toContainText(
    new RegExp(
      `^Landelijk: [\\d.]+ van de ${dots(progress.target.places).replace(".", "\\.")} plekken gerealiseerd`,
    ),
  );
  if (progress.target.places === 97_000) {
    expect(progress.region.target).toBe(3_880);
    await expect(page.getByTestId("target-deadline")).toContainText("1 feb 2024");
    await expect(page.getByTestId("region-target-passed")).toBeVisible();
  }
});
