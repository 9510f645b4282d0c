import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

// One household goes through the whole story: registered with Cyrillic names, found again
// in Cyrillic and in a Latin variant spelling, placed, shown with this month's leefgeld, and
// refused to a caseworker of another municipality. The tests share it, so they run in order.
test.describe.configure({ mode: "serial" });

const FAMILY_CYRILLIC = "Стефанишин";
const GIVEN_CYRILLIC = "Ярослава";
const FAMILY_LATIN = "Stefanyshyn"; // the 2010 transliteration the form fills in
const GIVEN_LATIN = "Yaroslava";
// A valid BSN (11-check) outside the demo data's 99… range.
const BSN = "123456782";

let householdPath = "";

/** The main content only, so that the menu and header never match by accident. */
const main = (page: Page) => page.locator("#main");

test("intake of a household with Cyrillic names opens its page", async ({
  caseworkerPage: page,
}) => {
  await page.goto("/households");
  await page.getByRole("link", { name: "Huishouden registreren" }).click();
  await expect(page).toHaveURL("/households/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Huishouden registreren");

  // Submitting an empty member shows the errors at their fields, summary focused.
  await page.getByRole("button", { name: "Huishouden registreren" }).click();
  await expect(page.getByTestId("error-summary")).toBeFocused();
  await expect(page.getByLabel("Achternaam (Latijns schrift)")).toHaveAttribute(
    "aria-invalid",
    "true",
  );

  await page.getByLabel("Achternaam (Cyrillisch schrift)").fill(FAMILY_CYRILLIC);
  await page.getByLabel("Voornamen (Cyrillisch schrift)").fill(GIVEN_CYRILLIC);
  await expect(page.getByLabel("Achternaam (Latijns schrift)")).toHaveValue(FAMILY_LATIN);
  await expect(page.getByLabel("Voornamen (Latijns schrift)")).toHaveValue(GIVEN_LATIN);
  await page.getByLabel("Geboortedatum").fill("1990-05-17");
  await page.getByLabel("BSN").fill("123456789");
  await page.getByRole("button", { name: "Huishouden registreren" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("elfproef");

  await page.getByLabel("BSN").fill(BSN);
  await page.getByRole("button", { name: "Huishouden registreren" }).click();

  await expect(page).toHaveURL(/\/households\/\d+$/);
  householdPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Huishouden ${FAMILY_LATIN}`);
  const members = page.getByTestId("members");
  await expect(members).toContainText(`${GIVEN_LATIN} ${FAMILY_LATIN}`);
  await expect(members).toContainText(`${GIVEN_CYRILLIC} ${FAMILY_CYRILLIC}`);
  await expect(members).toContainText(BSN);
  await expect(page.getByTestId("history")).toContainText("caseworker-utrecht");
});

test("search finds the household in Cyrillic and in a Latin variant spelling", async ({
  caseworkerPage: page,
}) => {
  expect(householdPath).not.toBe("");
  await page.goto("/search");
  const box = page.getByLabel("Naam, BSN of V-nummer");
  await box.fill(FAMILY_CYRILLIC);
  await box.press("Enter");
  const results = page.getByTestId("search-results");
  await expect(results).toContainText(`${GIVEN_CYRILLIC} ${FAMILY_CYRILLIC}`);
  await expect(results.locator(`a[href="${householdPath}"]`).first()).toBeVisible();

  // Russian-style spelling of the same names.
  await box.fill("Jaroslava Stefanishin");
  await box.press("Enter");
  await expect(results).toContainText(`${GIVEN_LATIN} ${FAMILY_LATIN}`);
  await expect(page).toHaveURL(/\/search\?q=Jaroslava/);

  await box.fill("Zzyxqwv");
  await box.press("Enter");
  await expect(page.getByTestId("search-no-results")).toContainText("Geen personen gevonden.");

  // From the households page the search box leads to the results too.
  await page.goto("/households");
  await page.getByLabel("Naam, BSN of V-nummer").fill(BSN);
  await page.getByLabel("Naam, BSN of V-nummer").press("Enter");
  await expect(page).toHaveURL(`/search?q=${BSN}`);
  await results.locator(`a[href="${householdPath}"]`).first().click();
  await expect(page).toHaveURL(householdPath);
});

test("the household page shows this month's leefgeld with an explanation once placed", async ({
  caseworkerPage: page,
}) => {
  await page.goto(householdPath);
  await expect(page.getByTestId("entitlement-none")).toBeVisible();

  await page.getByRole("button", { name: "Plaatsen", exact: true }).click();
  const form = page.getByTestId("placement-place-form");
  await form.getByLabel("Locatie").selectOption({ index: 1 });
  await form.getByRole("button", { name: "Plaatsen", exact: true }).click();
  await expect(page.getByTestId("household-notice")).toContainText("geplaatst");
  await expect(page.getByTestId("placements")).toContainText("GOO");

  await expect(page.getByTestId("leefgeld-paid")).toHaveText(/^€ \d{1,3}(\.\d{3})*,\d{2}$/);
  await expect(page.getByTestId("entitlement-explanation")).toContainText("leefgeld");

  // The explanation follows the chosen language.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByTestId("entitlement-explanation")).toContainText("leefgeld");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Household ${FAMILY_LATIN}`);
  await page.getByRole("button", { name: "Nederlands" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Huishouden ${FAMILY_LATIN}`);

  // At 390 px the page does not scroll sideways; wide tables scroll inside their box.
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await main(page).evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
});

test("the caseworker decides the shown month and finds it among the decisions", async ({
  caseworkerPage: page,
}) => {
  await page.goto(householdPath);
  const decisions = page.getByTestId("decisions");
  await expect(decisions.getByTestId("decisions-none")).toBeVisible();
  const paid = await page.getByTestId("leefgeld-paid").textContent();

  const form = page.getByTestId("decide-month");
  await form.getByRole("button", { name: /besluiten$/ }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Geef een reden");
  await form.getByLabel("Reden").fill("eerste maand in de opvang");
  await form.getByRole("button", { name: /besluiten$/ }).click();

  await expect(page.getByTestId("household-notice")).toContainText("is besloten");
  const row = decisions.locator("tbody tr").first();
  await expect(row).toContainText("Met de hand");
  await expect(row).toContainText(paid ?? "");
  await expect(row).toContainText("caseworker-utrecht");
  // No change with effect: the month is the current one, and nothing changed since.
  await expect(page.getByTestId("changes-none")).toBeVisible();
});

test("a caseworker of another municipality sees the household as not found", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "caseworker-amsterdam");
  await page.goto(householdPath);
  await expect(page.getByTestId("household-not-found")).toContainText("hoort niet bij uw gemeente");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Huishouden niet gevonden");
  await expect(main(page)).not.toContainText(FAMILY_CYRILLIC);
  await context.close();
});

/** A date in the Netherlands, `days` from today, as YYYY-MM-DD. */
function dateNl(days = 0): string {
  const today = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
  const [y, m, d] = today.split("-").map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

test("a placed household moves to another location with a reason", async ({
  caseworkerPage: page,
}) => {
  const placedFrom = dateNl(-30);
  const moveOn = dateNl(0);
  const { locations } = (await (await page.request.get("/api/v1/locations")).json()) as {
    locations: { id: number; name: string; status: string | null; free: number }[];
  };
  const open = locations.filter((l) => l.status === "realised" && l.free > 0);
  const [from, to] = open;
  if (!from || !to) throw new Error("the demo data needs two realised locations with room");

  // A household that arrived a month ago, placed from then on.
  await page.goto("/households/new");
  await page.getByLabel("Startdatum").fill(placedFrom);
  await page.getByLabel("Achternaam (Latijns schrift)").fill("Moroz");
  await page.getByLabel("Voornamen (Latijns schrift)").fill("Iryna");
  await page.getByLabel("Geboortedatum").fill("1984-09-03");
  await page.getByRole("button", { name: "Huishouden registreren" }).click();
  await expect(page).toHaveURL(/\/households\/\d+$/);

  const placements = page.getByTestId("placements");
  await page.getByRole("button", { name: "Plaatsen", exact: true }).click();
  const place = page.getByTestId("placement-place-form");
  await place.getByLabel("Locatie").selectOption(String(from.id));
  await place.getByLabel("Vanaf").fill(placedFrom);
  await place.getByRole("button", { name: "Plaatsen", exact: true }).click();
  await expect(page.getByTestId("household-notice")).toContainText("geplaatst");
  await expect(placements).toContainText(from.name);

  // Move: the reason is required; the new placement starts today.
  await page.getByRole("button", { name: "Verhuizen", exact: true }).click();
  const move = page.getByTestId("placement-move-form");
  await move.getByLabel("Locatie").selectOption(String(to.id));
  await move.getByLabel("Vanaf").fill(moveOn);
  await move.getByRole("button", { name: "Verhuizen", exact: true }).click();
  await expect(move.getByTestId("error-summary")).toContainText("Geef een reden op.");
  await move.getByLabel("Reden").fill("Passender plek dichter bij school");
  await move.getByRole("button", { name: "Verhuizen", exact: true }).click();
  await expect(page.getByTestId("household-notice")).toContainText("verhuisd");

  // Dates as the page shows them (Dutch, in the browser's own formatting).
  const [movedOnText, endedOnText] = await page.evaluate(
    (dates) =>
      dates.map((iso) => {
        const [y, m, d] = iso.split("-").map(Number);
        return new Intl.DateTimeFormat("nl-NL", {
          year: "numeric",
          month: "short",
          day: "numeric",
          timeZone: "UTC",
        }).format(new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1)));
      }),
    [moveOn, dateNl(-1)],
  );
  const current = placements.getByRole("row").filter({ hasText: "Huidig" });
  await expect(current).toHaveCount(1);
  await expect(current).toContainText(to.name);
  await expect(current).toContainText(movedOnText ?? "");
  await expect(current).toContainText("Passender plek dichter bij school");
  const past = placements.getByRole("row").filter({ hasText: "Afgelopen" });
  await expect(past).toHaveCount(1);
  await expect(past).toContainText(from.name);
  await expect(past).toContainText(endedOnText ?? "");
});
