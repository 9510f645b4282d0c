import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, mainMenu, signIn, test } from "./fixtures";

// The funding claim in the browser: Utrecht's finance officer opens Bekostiging, asks for
// 2024 (a period before the BooO is refused at its field, in words), sees the totals and the
// locations as the API computes them, opens one location's days, downloads the claim as CSV
// and reads it in Ukrainian; enters a transition cost with a PDF as evidence (a file that is
// not one is refused at its field), sees it in the claim, downloads the evidence again and
// the SiSa figures of the year. The caseworker's dashboard shows the region's share of the
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
    "line,scheme,gemeente_code,location_id,location_name,location_kind,month,from,to,place_days,person_days,days_in_month,norm,amount,no_amount_reason,description",
  );
  expect(lines.filter((line) => line.startsWith("goo,booo,GM0344,"))).toHaveLength(
    claim.locations.length,
  );
  expect(lines.filter((line) => line.startsWith("poo,booo,GM0344,"))).toHaveLength(12);

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

/** A small PDF: what the server checks is its first bytes, "%PDF-". */
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

test("the finance officer enters a transition cost with a PDF, sees it in the claim and downloads the SiSa figures", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, "finance-utrecht");
  // April 2026, under the BooO: the demo has no transition costs in it.
  await page.goto("/funding?from=2026-04-01&to=2026-04-30");
  await expect(page.getByTestId("funding-claim-heading")).toHaveText(
    "Aanvraag over 1 apr 2026 t/m 30 apr 2026",
  );
  await expect(page.getByTestId("funding-no-claim-costs")).toBeVisible();
  const locations = (await (await page.request.get("/api/v1/locations")).json()) as {
    locations: { id: number; name: string }[];
  };
  const location = locations.locations[0]!;

  const form = page.getByTestId("funding-cost-form");
  await form.getByLabel("Locatie").selectOption(String(location.id));
  await form.getByLabel("Datum van de kosten").fill("20-04-2026");
  await form.getByLabel("Omschrijving").fill("Keuken ingericht (e2e)");
  await form.getByLabel("Bedrag in euro's").fill("2.345,67");
  // A file named .pdf that is not one: refused at its field, in Dutch, nothing stored.
  await form.getByLabel("Bewijsstukken").setInputFiles({
    name: "nep.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("GIF89a not a pdf"),
  });
  await form.getByRole("button", { name: "Transitiekosten vastleggen" }).click();
  await expect(page.locator("#funding-cost-evidence-error")).toHaveText(
    "Het bestand nep.pdf is geen pdf, png of jpeg.",
  );
  await expect(page.getByTestId("funding-cost-errors")).toBeFocused();
  await form.getByLabel("Bewijsstukken").setInputFiles({
    name: "factuur-keuken.pdf",
    mimeType: "application/pdf",
    buffer: PDF,
  });
  await form.getByRole("button", { name: "Transitiekosten vastleggen" }).click();
  await expect(page.getByTestId("funding-cost-saved")).toContainText(euros(234_567));

  // In the claim of April, apart from the norm amounts, at actual cost.
  await expect(page.getByTestId("total-transitionCosts-value")).toHaveText(euros(234_567));
  await expect(page.getByTestId("funding-claim-cost-row")).toContainText(location.name);
  await expect(page.getByTestId("funding-claim-cost-row")).toContainText("Keuken ingericht (e2e)");
  const claim = (await (
    await page.request.get("/api/v1/funding/claim?from=2026-04-01&to=2026-04-30")
  ).json()) as { totals: { totalCents: number; totalWithTransitionCostsCents: number } };
  expect(claim.totals.totalWithTransitionCostsCents).toBe(claim.totals.totalCents + 234_567);
  await expect(page.getByTestId("total-totalWithCosts-value")).toHaveText(
    euros(claim.totals.totalWithTransitionCostsCents),
  );

  // The evidence, downloaded again, is the file as it was sent.
  const row = page.getByTestId("funding-cost-row").filter({ hasText: "Keuken ingericht (e2e)" });
  const [evidence] = await Promise.all([
    page.waitForEvent("download"),
    row.getByRole("button", { name: /factuur-keuken\.pdf/ }).click(),
  ]);
  expect(evidence.suggestedFilename()).toBe("factuur-keuken.pdf");
  expect(await readFile((await evidence.path())!)).toEqual(PDF);

  // The SiSa figures of 2026: one row per indicator and scheme, the new cost among them.
  await page.locator("#funding-sisa-year").selectOption("2026");
  const [sisa] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("funding-sisa-csv").click(),
  ]);
  expect(sisa.suggestedFilename()).toBe("opvang-sisa-GM0344-2026.csv");
  const text = await readFile((await sisa.path())!, "utf8");
  const rows = text.split("\r\n").filter(Boolean);
  expect(rows[0]).toBe("gemeente_code,year,scheme,indicator,description,value,unit,status");
  expect(rows.some((r) => r.startsWith("GM0344,2026,booo,goo_amount,"))).toBe(true);
  expect(rows.some((r) => r.startsWith("GM0344,2026,doelgroepflexibel,goo_amount,"))).toBe(true);
  expect(rows.find((r) => r.includes(",doelgroepflexibel,goo_amount,"))).toContain(
    ",,euro,not_published",
  );
  // The demo's March costs (€ 18,450.00 after the correction) and this one, under the BooO.
  expect(rows.find((r) => r.includes(",booo,transition_costs,"))).toContain(",20795.67,euro,");
  expect(text).toBe(await (await page.request.get("/api/v1/funding/sisa.csv?year=2026")).text());

  // In Ukrainian: the sections in words, the scheme by name, never a code.
  await page.getByRole("button", { name: "Українська" }).click();
  await expect(page.getByTestId("funding-costs").getByRole("heading", { level: 2 })).toHaveText(
    "Перехідні витрати",
  );
  const main = (await page.locator("#main").textContent()) ?? "";
  expect(main).not.toMatch(/not_published|doelgroepflexibel\.|evidence_type|transition_cost/);
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
