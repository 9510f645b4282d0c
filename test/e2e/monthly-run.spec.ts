import { readFile } from "node:fs/promises";
import { inflateSync } from "node:zlib";
import type { Download, Page, Route } from "@playwright/test";
import { expect, mainMenu, signIn, test } from "./fixtures";

// The finance officers' month in the browser: the municipal admin has the municipality's
// settings recorded; a finance officer of Utrecht prepares January 2027, sees the progress
// and the totals, and may not approve what they prepared; a second finance officer approves
// it, downloads the SEPA file and the merged letters (with Ukrainian text). The tests share
// the month, so they run in order. The server starts on a fresh database with the demo data
// (playwright.config.ts); should January already be approved (a reused database), the
// preparation and approval are skipped and the files are still checked.
test.describe.configure({ mode: "serial" });

const MONTH = "2027-01";
const RUN_PATH = `/monthly-run?month=${MONTH}`;
/** A run's own address (polled for its progress), not its households or files. */
const RUN_POLL = /\/api\/v1\/monthly-runs\/\d+$/;

async function openMonth(page: Page) {
  await mainMenu(page).getByRole("link", { name: "Maandrun" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Maandrun");
  await page.getByLabel("Maand", { exact: true }).selectOption(MONTH);
  await expect(page).toHaveURL(RUN_PATH);
  await expect(page.getByTestId("run-status")).toContainText("januari 2027");
}

const statusOf = (page: Page) => page.getByTestId("run-status").getAttribute("data-status");

async function contentOf(download: Download): Promise<Buffer> {
  const path = await download.path();
  if (!path) throw new Error("the download was not saved");
  return readFile(path);
}

/** Whether a PDF's text maps glyphs to Cyrillic letters (its ToUnicode maps, inflated). */
function hasCyrillic(pdf: Buffer): boolean {
  const text = pdf.toString("latin1");
  const streams = /stream\r?\n/g;
  for (let m = streams.exec(text); m; m = streams.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endstream", start);
    try {
      const content = inflateSync(pdf.subarray(start, end)).toString("latin1");
      if (/begin(bfchar|bfrange)/.test(content) && /<04[0-4][0-9A-Fa-f]>/.test(content)) {
        return true;
      }
    } catch {
      // Not a compressed stream (an image, the font itself): not a text map.
    }
  }
  return false;
}

test("the municipal admin records the settings; a wrong IBAN is refused in words", async ({
  page,
}) => {
  await signIn(page, "admin-utrecht");
  await mainMenu(page).getByRole("link", { name: "Instellingen" }).click();
  await expect(page).toHaveURL("/settings");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gemeente-instellingen");
  const form = page.getByTestId("settings-form");
  if (await page.getByTestId("settings-not-recorded").isVisible()) {
    await form.getByLabel("Naam van de rekeninghouder").fill("Gemeente Utrecht");
    await form.getByLabel("Afzender").fill("Gemeente Utrecht\nPostbus 16200\n3500 CE  UTRECHT");
    await form.getByLabel("Naam van de ondertekenaar").fill("J. de Boer");
    await form.getByLabel("Functie van de ondertekenaar").fill("Teamleider Opvang Oekraïne");
    await form
      .getByLabel("Adres voor bezwaar")
      .fill("Gemeente Utrecht\nt.a.v. Bezwaar en Beroep\nPostbus 16200\n3500 CE  UTRECHT");
  }
  const iban = form.getByLabel("IBAN van de gemeente");
  await iban.fill("NL91 ABNA 0417 1643 01");
  await form.getByLabel("Verrekengrens (procent van het leefgeld)").fill("10");
  await form.getByRole("button", { name: "Instellingen opslaan" }).click();
  await expect(page.locator("#settings-iban-error")).toContainText("controlecijfers");
  await expect(iban).toHaveAttribute("aria-invalid", "true");

  await iban.fill("NL91 ABNA 0417 1643 00");
  await form.getByRole("button", { name: "Instellingen opslaan" }).click();
  await expect(page.getByTestId("settings-notice")).toHaveText("De instellingen zijn opgeslagen.");
  await expect(page.getByTestId("settings-not-recorded")).toBeHidden();
});

test("a finance officer prepares January 2027, sees the progress and totals, and may not approve it", async ({
  page,
}) => {
  await signIn(page, "finance-utrecht");
  await openMonth(page);
  if ((await statusOf(page)) !== "approved") {
    // The job takes about a second on the demo data: its polls are slowed down here, so
    // the progress can be seen before the month is prepared.
    const slow = async (route: Route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue().catch(() => undefined);
    };
    await page.route(RUN_POLL, slow);
    const status = await statusOf(page);
    if (status === "prepared" || status === "failed") {
      await page.getByTestId("prepare-button").click();
      await expect(page.getByTestId("prepare-confirm")).toContainText("wordt vervangen");
      await page.getByTestId("prepare-confirm-button").click();
    } else {
      await page.getByTestId("prepare-button").click();
    }
    await expect(page.getByTestId("run-progress")).toBeVisible();
    await expect(page.getByTestId("run-progress-count")).toHaveText(
      /^\d+ van \d+ huishoudens? berekend$/,
    );
    await expect(page.locator("[data-testid=run-progress] progress")).toBeVisible();
    await page.unroute(RUN_POLL, slow);

    await expect(page.getByTestId("run-totals")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("run-progress")).toBeHidden();
    await expect(page.getByTestId("run-status")).toContainText("Voorbereid, wacht op goedkeuring");
    await expect(page.getByTestId("run-prepared-by")).toContainText("Finance officer Utrecht");
    // Four eyes: the officer who prepared the month cannot approve it, and is told why.
    await expect(page.getByTestId("approve-button")).toBeDisabled();
    await expect(page.getByTestId("approve-own-run")).toHaveText(
      "U heeft deze maand zelf voorbereid. Een andere financieel medewerker moet hem goedkeuren.",
    );
  }
  await expect(page.getByTestId("total-households")).toContainText(/Huishoudens\s*[\d.]+/);
  await expect(page.getByTestId("total-transfer")).toContainText("€");

  // The households: last month against this month, the reasons and anomalies in words.
  const rows = page.getByTestId("review-row");
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId("review-table")).not.toContainText("first_decision");
  await page.getByLabel("Aandachtspunt").selectOption("no_bank_account");
  await expect(page).toHaveURL(/anomaly=no_bank_account/);
  await expect(rows.first()).toContainText("Geen bankrekening");
  await expect(rows.first()).toContainText("Kaart of contant");
  // A household's months in the run.
  await rows.first().getByTestId("review-open").click();
  const detail = page.getByTestId("household-detail");
  await expect(detail.getByTestId("detail-items")).toContainText("Deze maand");
  await expect(detail.getByRole("heading", { level: 3 })).toBeFocused();
});

test("a second finance officer approves January 2027 and downloads the SEPA file and the letters", async ({
  page,
}) => {
  // Every household's letter in one PDF takes a while to make.
  test.slow();
  await signIn(page, "finance2-utrecht");
  await openMonth(page);
  if ((await statusOf(page)) !== "approved") {
    await expect(page.getByTestId("approve-own-run")).toBeHidden();
    await page.getByTestId("approve-button").click();
    await expect(page.getByTestId("approve-confirm")).toContainText("U keurt januari 2027 goed");
    await page.getByTestId("approve-confirm-button").click();
    await expect(page.getByTestId("run-approved-by")).toContainText(
      "Goedgekeurd door Second finance officer Utrecht",
    );
  }
  await expect(page.getByTestId("run-status")).toContainText("Goedgekeurd");
  const downloads = page.getByTestId("run-downloads");
  await expect(downloads).toBeVisible();

  const sepa = page.waitForEvent("download");
  await page.getByTestId("download-sepa").click();
  const xml = (await contentOf(await sepa)).toString("utf8");
  expect(xml.startsWith("<?xml")).toBe(true);
  expect(xml).toContain("pain.001.001.09");

  const letters = page.waitForEvent("download", { timeout: 60_000 });
  await page.getByTestId("download-letters").click();
  const pdf = await contentOf(await letters);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(hasCyrillic(pdf), "the letters hold Ukrainian text").toBe(true);

  // One household's letter from its detail.
  await page.getByTestId("review-row").first().getByTestId("review-open").click();
  const letter = page.waitForEvent("download");
  await page.getByTestId("detail-letter").click();
  const one = await contentOf(await letter);
  expect(one.subarray(0, 5).toString("latin1")).toBe("%PDF-");

  // The overview says next month's run is approved, and by whom.
  await mainMenu(page).getByRole("link", { name: "Overzicht" }).click();
  const overview = page.getByTestId("run-overview");
  await expect(overview).toBeVisible();
  const card = overview.locator(`[data-month="${MONTH}"]`).first();
  await expect(card).toContainText("Goedgekeurd");
  await expect(card).toContainText("Second finance officer Utrecht");
});
