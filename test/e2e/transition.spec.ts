import { mkdirSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { expect, mainMenu, signIn, test } from "./fixtures";

// The transition of 4 March 2027 in the browser: the national coordinator assumes the
// unpublished cut-off date on the Overgang page; a caseworker registers a household, records
// the public-order check, the asylum withdrawal, the Zvw insurance, the Participatiewet
// decision and the housing plan, and sees the member eligible with nothing missing. The
// tests share the scenario and the household, so they run in order. Screenshots of both
// pages in Dutch and Ukrainian, wide and narrow, go to /tmp/shots (not the repository).
test.describe.configure({ mode: "serial" });
// A Dutch municipal workstation: the browser's own controls (date fields, the file picker)
// speak Dutch too; the app's texts follow the chosen language whatever the browser's.
test.use({ locale: "nl-NL" });

const SHOTS = process.env.OPVANG_SHOTS_DIR ?? "/tmp/shots";
const CUTOFF = "2026-12-01";
const FAMILY = "Kovalenko";
const GIVEN = "Mariia";

let householdPath = "";

const main = (page: Page) => page.locator("#main");

/** The page (or a part of it) in Dutch and Ukrainian at 1280 and 390 px wide. */
async function screenshots(page: Page, name: string, part?: (page: Page) => Locator) {
  mkdirSync(SHOTS, { recursive: true });
  for (const [language, button, title] of [
    ["nl", "Nederlands", "Overgang 4 maart 2027"],
    ["uk", "Українська", "Перехід 4 березня 2027 року"],
  ] as const) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("button", { name: button }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    // The page's or the section's heading: the texts have followed the switch.
    await expect(main(page).getByRole("heading", { name: title })).toBeVisible();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      // At 390 px the page does not scroll sideways; wide tables scroll inside their box.
      const overflow = await main(page).evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow, `${name} ${language} ${width}`).toBeLessThanOrEqual(1);
      const path = `${SHOTS}/${name}-${language}-${width}.png`;
      if (part) await part(page).screenshot({ path });
      else await page.screenshot({ path, fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("button", { name: "Nederlands" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
}

test("the coordinator assumes the cut-off date; the nation's counts say they rest on it", async ({
  page,
}) => {
  await signIn(page, "coordinator");
  await mainMenu(page).getByRole("link", { name: "Overgang" }).click();
  await expect(page).toHaveURL("/transition");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overgang 4 maart 2027");
  await expect(page.getByTestId("days-left-figure")).toHaveText(/^Nog \d+ dag(en)?$/);
  await expect(page.getByTestId("cutoff-none")).toBeVisible();

  const form = page.getByTestId("scenario-form");
  await form.getByLabel("Aangenomen peildatum").fill(CUTOFF);
  await form.getByLabel("Toelichting").fill("Aangenomen: de datum uit de Kamerbrief");
  await form.getByRole("button", { name: "Scenario opslaan" }).click();
  await expect(page.getByTestId("scenario-saved")).toBeVisible();
  await expect(page.getByTestId("scenario-banner")).toContainText("1 dec 2026");
  await expect(page.getByTestId("scenario-value-now")).toHaveText("1 dec 2026");

  // Counts only: each municipality by code, as a table with its chart, downloadable.
  const rows = page.getByTestId("gemeente-row");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(1);
  await expect(page.getByTestId("eligibility-table")).toContainText("Komt in aanmerking");
  const download = page.waitForEvent("download");
  await page.getByTestId("gemeenten-csv").click();
  expect((await download).suggestedFilename()).toBe("overgang-per-gemeente.csv");

  await screenshots(page, "overgang-national");
});

test("a caseworker takes a member from unknown to eligible, with nothing missing", async ({
  caseworkerPage: page,
}) => {
  await page.goto("/households/new");
  await page.getByLabel("Achternaam (Latijns schrift)").fill(FAMILY);
  await page.getByLabel("Voornamen (Latijns schrift)").fill(GIVEN);
  await page.getByLabel("Geboortedatum").fill("1985-02-11");
  await page.getByRole("button", { name: "Huishouden registreren" }).click();
  await expect(page).toHaveURL(/\/households\/\d+$/);
  householdPath = new URL(page.url()).pathname;

  const section = page.getByTestId("transition");
  await expect(section.getByRole("heading", { level: 2 })).toHaveText("Overgang 4 maart 2027");
  await expect(section.getByTestId("scenario-banner")).toBeVisible();
  const member = section.getByTestId("transition-member").first();
  await expect(member.getByTestId("member-eligibility")).toHaveText("Nog onbekend");
  await expect(member.getByTestId("member-missing")).toContainText("zorgverzekering");

  // The public-order check passed and the asylum application withdrawn.
  await member.getByRole("button", { name: "Toets en asiel vastleggen" }).click();
  const facts = member.locator("form");
  await facts.getByLabel("Openbare-ordetoets", { exact: true }).selectOption("passed");
  await facts.getByLabel("Datum van de uitslag").fill("2026-11-20");
  await facts.getByLabel("Asielaanvraag ingetrokken", { exact: true }).selectOption("true");
  await facts.getByLabel("Datum van intrekking").fill("2026-11-25");
  await facts.getByRole("button", { name: "Vastleggen" }).click();
  await expect(page.getByTestId("transition-notice")).toContainText("zijn vastgelegd");
  await expect(member.getByTestId("member-eligibility")).toHaveText("Komt in aanmerking");
  await expect(member.locator("[data-condition=public_order]")).toContainText("Voldaan");

  // Zvw insurance from the switch.
  await member.getByRole("button", { name: "Zorgverzekering registreren" }).click();
  const insurance = member.locator("form");
  await expect(insurance.getByLabel("Ingangsdatum")).toHaveValue("2027-03-05");
  await insurance.getByLabel("Verzekeraar").fill("Zilveren Kruis");
  await insurance.getByRole("button", { name: "Registreren" }).click();
  await expect(page.getByTestId("transition-notice")).toContainText("is geregistreerd");
  await expect(member.getByTestId("member-insurance")).toContainText("Verzekerd bij de overstap");

  // The Participatiewet decision and the housing plan; the rent typed in euros.
  const household = section.getByTestId("transition-household");
  await household.getByRole("button", { name: "Participatiewet en woonplan wijzigen" }).click();
  const paths = household.locator("form");
  await paths.getByLabel("Aangevraagd op").fill("2027-02-01");
  await paths.getByLabel("Besluit gaat in op").fill("2027-03-05");
  await paths.getByLabel("Uitkomst").selectOption("granted");
  await paths.getByLabel("Woonplan").selectOption("regular_rental");
  await paths.getByLabel("Wonen vanaf").fill("2027-03-05");
  await paths.getByLabel("Huur per maand (euro)").fill("650,00");
  await paths.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByTestId("transition-notice")).toContainText("opgeslagen");
  await expect(household.getByTestId("income-path")).toHaveText("Participatiewet: besluit genomen");
  await expect(household.getByTestId("housing-plan")).toContainText("€ 650,00");

  await expect(member.getByTestId("member-eligibility")).toHaveText("Komt in aanmerking");
  await expect(member.getByTestId("member-missing-none")).toBeVisible();
  await expect(section.getByTestId("transition-missing-none")).toBeVisible();
  await expect(member.getByTestId("member-support-until")).toHaveText("4 mrt 2027");

  // In Ukrainian the section follows, without a code on the screen.
  await page.getByRole("button", { name: "Українська" }).click();
  await expect(section.getByRole("heading", { level: 2 })).toHaveText(
    "Перехід 4 березня 2027 року",
  );
  await expect(member.getByTestId("member-eligibility")).toHaveText("Має право");
  for (const code of ["eligible", "public_order", "regular_rental", "participatiewet_decided"]) {
    await expect(section).not.toContainText(code);
  }
  await page.getByRole("button", { name: "Nederlands" }).click();

  await screenshots(page, "household-transition", (p) => p.getByTestId("transition"));
});

test("the caseworker's Overgang page: counts, worklist, the IND's file checked before storing", async ({
  caseworkerPage: page,
}) => {
  expect(householdPath).not.toBe("");
  await mainMenu(page).getByRole("link", { name: "Overgang" }).click();
  await expect(page).toHaveURL("/transition");
  await expect(page.getByTestId("scenario-banner")).toBeVisible();
  await expect(page.getByTestId("gemeenten")).toHaveCount(0);

  // The worklist: sorted by what blocks, each row leading to its household.
  const worklist = page.getByTestId("worklist");
  await expect(worklist.getByTestId("worklist-row").first()).toBeVisible();
  await expect(worklist.getByTestId("worklist-page-status")).toContainText("van");
  await worklist.getByLabel("Sorteren op").selectOption("name");
  await expect(worklist.getByTestId("worklist-row").first()).toBeVisible();
  const first = worklist.getByTestId("worklist-row").first().getByRole("link");
  await expect(first).toHaveAttribute("href", /^\/households\/\d+$/);

  // The export for the IND downloads as CSV.
  const download = page.waitForEvent("download");
  await page.getByTestId("ind-export-button").click();
  expect((await download).suggestedFilename()).toBe("transitiedocument-cohort.csv");

  // A file with a faulty row: checked, reported per line, nothing stored, no store button.
  const file = [
    "bsn,decision,decision_date,valid_from,valid_until,reference",
    "123456789,granted,2027-03-05,2027-03-05,2030-03-04,IND-1",
    "111222333,verleend,2027-13-01,,,",
  ].join("\n");
  await page.getByLabel("Bestand van de IND (CSV)").setInputFiles({
    name: "ind.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(file),
  });
  await page.getByTestId("ind-check").click();
  await expect(page.getByTestId("ind-report-summary")).toContainText("Er is niets opgeslagen");
  const report = page.getByTestId("ind-report-rows");
  await expect(report.locator("[data-line='2']")).toContainText("Geen geldig BSN");
  await expect(report.locator("[data-line='3']")).toContainText("Geen geldige datum");
  await expect(report.locator("[data-line='3']")).toContainText("Datum van het besluit");
  await expect(page.getByTestId("ind-import-button")).toHaveCount(0);

  await screenshots(page, "overgang-caseworker");
});
