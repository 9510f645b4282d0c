import { mkdirSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { expect, mainMenu, signIn, test } from "./fixtures";

// The working day in the browser: a household whose member turns 18 next month is
// registered (through the API, as the intake would); the caseworker's overview counts it,
// its list shows it, and the row opens the household. The household list is filtered (size
// and newest arrival first), the filter lives in the address and survives a reload, and the
// row opens the household. The municipal admin's overview and the audit log filtered on a
// user follow. Screenshots in Dutch and Ukrainian, wide and narrow, go to /tmp/shots-overview
// (not the repository).
test.use({ locale: "nl-NL" });

const SHOTS = process.env.OPVANG_SHOTS_DIR ?? "/tmp/shots-overview";
const FAMILY = "Abramchuk";
const GIVEN = "Ostap";

const main = (page: Page) => page.locator("#main");

/** Today in the Netherlands and the birth date of someone turning 18 on the 1st of next month. */
function dates() {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(
    new Date(),
  );
  const [year, month] = today.split("-").map(Number) as [number, number];
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  return { today, birthDate: `${nextYear - 18}-${String(nextMonth).padStart(2, "0")}-01` };
}

/** The page in Dutch and Ukrainian at 1280 and 390 px wide; no sideways scrolling at 390. */
async function screenshots(page: Page, name: string, titles: { nl: string; uk: string }) {
  mkdirSync(SHOTS, { recursive: true });
  for (const [language, button] of [
    ["nl", "Nederlands"],
    ["uk", "Українська"],
  ] as const) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("button", { name: button }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(titles[language]);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      const overflow = await main(page).evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow, `${name} ${language} ${width}`).toBeLessThanOrEqual(1);
      await page.screenshot({ path: `${SHOTS}/${name}-${language}-${width}.png`, fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("button", { name: "Nederlands" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
}

const rowOf = (list: Locator, text: string) => list.getByRole("row").filter({ hasText: text });

test("the caseworker's worklist leads to the household; the household list filters and links", async ({
  browser,
  caseworkerPage: page,
}) => {
  test.setTimeout(120_000);
  const { today, birthDate } = dates();

  // A household whose only member turns 18 on the 1st of next month, registered today.
  const csrf = (await page.context().cookies()).find((c) => c.name === "opvang_csrf")?.value;
  const created = await page.request.post("/api/v1/households", {
    headers: { "X-CSRF-Token": csrf ?? "" },
    data: {
      validFrom: today,
      members: [{ role: "head", person: { familyName: FAMILY, givenNames: GIVEN, birthDate } }],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: number };

  // The start page after sign-in is the overview: each list with its count.
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overzicht");
  const card = page.getByTestId("worklist-count-turning_18");
  await expect(card).toContainText(/^[1-9]\d*kind(eren)? word(t|en) volgende maand/);
  await card.click();
  await expect(page).toHaveURL("/dashboard?list=turning_18");
  const list = page.getByTestId("worklist");
  await expect(list.getByRole("heading", { level: 2 })).toContainText("18 worden");
  const row = rowOf(list, `${GIVEN} ${FAMILY}`);
  await expect(row).toContainText(FAMILY);
  await screenshots(page, "overview-caseworker", { nl: "Overzicht", uk: "Огляд" });

  // The item is clicked: the household page opens.
  await row.getByRole("link", { name: `${GIVEN} ${FAMILY}` }).click();
  await expect(page).toHaveURL(`/households/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Huishouden ${FAMILY}`);

  // The household list: one member, newest arrival first.
  await mainMenu(page).getByRole("link", { name: "Huishoudens" }).click();
  await expect(page).toHaveURL("/households");
  const households = page.getByTestId("household-list");
  await expect(households.getByTestId("household-list-count")).toContainText(/van \d+/);
  const form = households.getByTestId("household-filter");
  await form.getByLabel("Aantal leden").selectOption("1");
  await form.getByLabel("Volgorde").selectOption("-arrival");
  await form.getByRole("button", { name: "Toon huishoudens" }).click();
  await expect(page).toHaveURL("/households?size=1&sort=-arrival");
  const table = households.getByTestId("household-list-table");
  // Every row of the filtered list has one member (the earlier rows stay while it loads).
  await expect
    .poll(async () => [
      ...new Set(await table.locator("tbody tr td:nth-of-type(1)").allTextContents()),
    ])
    .toEqual(["1"]);
  await expect(rowOf(table, FAMILY)).toBeVisible();
  await screenshots(page, "households-list", { nl: "Huishoudens", uk: "Домогосподарства" });

  // The address holds the list: a reload shows the same filter and rows.
  await page.reload();
  await expect(form.getByLabel("Aantal leden")).toHaveValue("1");
  await expect(form.getByLabel("Volgorde")).toHaveValue("-arrival");
  await rowOf(table, FAMILY).getByRole("link", { name: FAMILY }).click();
  await expect(page).toHaveURL(`/households/${id}`);

  // The municipal admin: the accounts, the anomalies, and a user's audit log.
  const context = await browser.newContext({ locale: "nl-NL" });
  const admin = await context.newPage();
  await signIn(admin, "admin-utrecht");
  await admin.goto("/dashboard");
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Overzicht");
  await expect(admin.getByTestId("users-active")).toHaveText(/^\d+$/);
  await expect(admin.getByTestId("anomalies-many_reads-count")).toBeVisible();
  await screenshots(admin, "overview-admin", { nl: "Overzicht", uk: "Огляд" });
  await admin.goto(`/audit?action=read&from=${today}&to=${today}`);
  const log = admin.getByTestId("audit-log");
  await expect(log.getByRole("heading", { level: 2 })).toHaveText("Auditlog van de gemeente");
  await expect(
    log.getByTestId("audit-record").filter({ hasText: "caseworker-utrecht" }).first(),
  ).toBeVisible();
  await screenshots(admin, "audit-log", { nl: "Auditlog", uk: "Журнал аудиту" });
  await context.close();
});
