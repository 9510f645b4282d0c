import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

// A household moves from Utrecht to Amsterdam (overdracht). The Utrecht caseworker transfers
// it from today; afterwards Utrecht no longer finds it, and the Amsterdam caseworker opens it
// and sees both periods, and is refused (in Dutch, at the date) a transfer back on the same
// day. The household is this spec's own, registered through the API as the intake would, so
// no other spec's data changes. The tests share it, so they run in order.
test.describe.configure({ mode: "serial" });
test.use({ locale: "nl-NL" });

const FAMILY = "Hnatyshyn";
const HEAD = "Myroslava";
const CHILD = "Bohdan";
// A valid BSN (11-check) outside the demo data's 99… range and the other specs' numbers.
const BSN = "246813581";

let householdId = 0;

const main = (page: Page) => page.locator("#main");

/** A date as the pages write it (web/src/format.ts): 5 dec 2026. */
function shown(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat("nl-NL", {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Today and yesterday in the Netherlands, as ISO dates. */
function days() {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(
    new Date(),
  );
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const yesterday = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
  return { today, yesterday };
}

test("the Utrecht caseworker transfers a household to Amsterdam and no longer finds it", async ({
  caseworkerPage: page,
}) => {
  const { today } = days();
  const csrf = (await page.context().cookies()).find((c) => c.name === "opvang_csrf")?.value;
  const created = await page.request.post("/api/v1/households", {
    headers: { "X-CSRF-Token": csrf ?? "" },
    data: {
      validFrom: today,
      members: [
        {
          role: "head",
          person: {
            familyName: FAMILY,
            givenNames: HEAD,
            familyNameCyrillic: "Гнатишин",
            givenNamesCyrillic: "Мирослава",
            birthDate: "1986-09-21",
            bsn: BSN,
          },
        },
        {
          role: "child",
          person: { familyName: FAMILY, givenNames: CHILD, birthDate: "2016-04-11" },
        },
      ],
    },
  });
  expect(created.status()).toBe(201);
  householdId = ((await created.json()) as { id: number }).id;

  await page.goto(`/households/${householdId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Huishouden ${FAMILY}`);
  const section = page.getByTestId("gemeente");
  await expect(section.getByRole("heading", { level: 2 })).toHaveText("Gemeente");
  await expect(section.getByTestId("gemeente-period")).toHaveCount(1);
  await expect(section.getByTestId("gemeente-period")).toContainText("Utrecht");
  await expect(section.getByTestId("gemeente-period")).toContainText("Sinds de registratie");

  // The form, by keyboard: the button opens it; an empty reason is refused at its field.
  await section.getByRole("button", { name: "Overdragen aan een andere gemeente" }).focus();
  await page.keyboard.press("Enter");
  const form = section.getByTestId("transfer-form");
  await expect(form.getByLabel("Eerste dag bij de nieuwe gemeente")).toHaveValue(
    today.split("-").reverse().join("-"),
  );
  await form.getByLabel("Nieuwe gemeente", { exact: true }).selectOption({ label: "Amsterdam" });
  await form.getByRole("button", { name: "Verder" }).click();
  await expect(page.getByTestId("error-summary")).toBeFocused();
  await expect(page.getByTestId("error-summary")).toContainText("Reden: Geef een reden op.");
  await form.getByLabel("Reden", { exact: true }).fill("verhuisd naar familie in Amsterdam");
  await form.getByRole("button", { name: "Verder" }).click();

  // The confirmation says plainly what will happen, and who goes along.
  const confirm = section.getByTestId("transfer-confirm");
  await expect(confirm.getByRole("heading", { level: 3 })).toBeFocused();
  await expect(confirm).toContainText(
    `Vanaf ${shown(today)} horen huishouden ${FAMILY} en zijn leden (${HEAD} ${FAMILY}, ${CHILD} ${FAMILY}) bij de gemeente Amsterdam.`,
  );
  await expect(confirm).toContainText("Daarna ziet u het huishouden en deze personen niet meer");
  await confirm.getByRole("button", { name: "Overdragen aan Amsterdam" }).click();

  await expect(page).toHaveURL("/households");
  const notice = page.getByTestId("households-notice");
  await expect(notice).toHaveText(
    `Huishouden ${FAMILY} overgedragen aan Amsterdam per ${shown(today)}.`,
  );
  await expect(notice).toBeFocused();

  // Utrecht no longer has it: not by its address, not by the BSN, not in the list.
  await page.getByLabel("Naam, BSN of V-nummer").fill(BSN);
  await page.getByLabel("Naam, BSN of V-nummer").press("Enter");
  await expect(page).toHaveURL(`/search?q=${BSN}`);
  await expect(page.getByTestId("search-no-results")).toContainText("Geen personen gevonden.");
  await page.goto(`/households/${householdId}`);
  await expect(page.getByTestId("household-not-found")).toContainText("hoort niet bij uw gemeente");
  // Registered today, so it would be among the newest arrivals.
  const answer = await page.request.get("/api/v1/households?include=all&limit=200&sort=-arrival");
  const { items } = (await answer.json()) as { items: { id: number }[] };
  expect(items.map((h) => h.id)).not.toContain(householdId);
});

test("the Amsterdam caseworker sees both periods and cannot send it back on the same day", async ({
  browser,
}) => {
  expect(householdId).toBeGreaterThan(0);
  const { today, yesterday } = days();
  const context = await browser.newContext({ locale: "nl-NL" });
  const page = await context.newPage();
  await signIn(page, "caseworker-amsterdam");
  await page.goto(`/households/${householdId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Huishouden ${FAMILY}`);
  await expect(page.getByTestId("members")).toContainText(`${HEAD} ${FAMILY}`);

  const section = page.getByTestId("gemeente");
  const periods = section.getByTestId("gemeente-period");
  await expect(periods).toHaveCount(2);
  await expect(periods.nth(0)).toContainText("Utrecht");
  await expect(periods.nth(0)).toContainText("Sinds de registratie");
  await expect(periods.nth(0)).toContainText(shown(yesterday));
  await expect(periods.nth(0)).toContainText("Afgelopen");
  await expect(periods.nth(1)).toContainText("Amsterdam");
  await expect(periods.nth(1)).toContainText(shown(today));
  await expect(periods.nth(1)).toContainText("Huidig");
  await expect(periods.nth(1)).toContainText("verhuisd naar familie in Amsterdam");

  // Back to Utrecht from today: the current period began today, so the server refuses it,
  // in Dutch, at the date, naming the first possible day.
  await section.getByRole("button", { name: "Overdragen aan een andere gemeente" }).click();
  const form = section.getByTestId("transfer-form");
  await form.getByLabel("Nieuwe gemeente", { exact: true }).selectOption({ label: "Utrecht" });
  // The household's own municipality is no choice.
  const choices = await form
    .getByLabel("Nieuwe gemeente", { exact: true })
    .locator("option")
    .allTextContents();
  expect(choices).not.toContain("Amsterdam");
  await form.getByLabel("Reden", { exact: true }).fill("toch niet verhuisd");
  await form.getByRole("button", { name: "Verder" }).click();
  await section.getByRole("button", { name: "Overdragen aan Utrecht" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(section.locator("#transfer-from-error")).toContainText(
    "Deze datum ligt niet na het begin van de huidige periode bij uw gemeente. Kies",
  );
  await expect(main(page)).not.toContainText("must be after");
  await expect(periods).toHaveCount(2);
  await context.close();
});
