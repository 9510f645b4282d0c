import type { Page } from "@playwright/test";
import { expect, mainMenu, signIn, test } from "./fixtures";

// The municipal admin sees, per person, who looked at the file: a caseworker opens a demo
// household, then the admin finds one of its members on /audit and sees that read.

interface Hit {
  id: number;
  given_names: string;
  family_name: string;
  bsn: string | null;
  v_number: string | null;
  household_id: number | null;
}

/** A demo person of Utrecht with a household and a BSN or V-number, found through the API. */
async function demoPerson(page: Page): Promise<Hit> {
  const { locations } = (await (await page.request.get("/api/v1/locations")).json()) as {
    locations: { id: number; occupied: number }[];
  };
  for (const location of locations.filter((l) => l.occupied > 0)) {
    const answer = await page.request.get(`/api/v1/persons?locationId=${location.id}`);
    const { results } = (await answer.json()) as { results: Hit[] };
    const hit = results.find((h) => h.household_id && (h.bsn || h.v_number));
    if (hit) return hit;
  }
  throw new Error("no placed demo person with a household in Utrecht");
}

test("the municipal admin sees who looked at a person's file", async ({ browser }) => {
  const caseworker = await browser.newContext();
  const page = await caseworker.newPage();
  await signIn(page, "caseworker-utrecht");
  const person = await demoPerson(page);
  const name = `${person.given_names} ${person.family_name}`;
  await page.goto(`/households/${person.household_id}`);
  await expect(page.getByTestId("members")).toContainText(name);
  await caseworker.close();

  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, "admin-utrecht");
  await mainMenu(adminPage).getByRole("link", { name: "Auditlog" }).click();
  await expect(adminPage).toHaveURL("/audit");
  await expect(adminPage.getByRole("heading", { level: 1 })).toHaveText("Auditlog");

  const box = adminPage.getByLabel("Naam, BSN of V-nummer");
  await box.fill(person.bsn ?? person.v_number ?? name);
  await box.press("Enter");
  const choose = adminPage.getByRole("button", { name: `Auditlog van ${name} bekijken` });
  // Keyboard: the button is reachable and works with Enter; focus moves to the log.
  await choose.focus();
  await adminPage.keyboard.press("Enter");
  const log = adminPage.getByTestId("audit-log");
  await expect(log.getByRole("heading", { level: 2 })).toHaveText(`Auditlog van ${name}`);
  await expect(log.getByRole("heading", { level: 2 })).toBeFocused();

  const read = log
    .getByTestId("audit-record")
    .filter({ hasText: "caseworker-utrecht" })
    .filter({ hasText: "Ingezien" })
    .filter({ hasText: new RegExp(`Huishouden ${person.household_id}(?!\\d)`) });
  await expect(read.first()).toBeVisible();
  await expect(read.first()).toContainText("Casemanager");

  // Newest first: the admin's own look at the log shows at the top when it is opened again.
  await choose.click();
  await expect(log.getByTestId("audit-record").first()).toContainText("admin-utrecht");
  await expect(log.getByTestId("audit-record").first()).toContainText("Auditlog");

  // In Ukrainian the actions and roles follow.
  await adminPage.getByRole("button", { name: "Українська" }).click();
  await expect(read.first()).toHaveCount(0);
  await expect(
    log.getByTestId("audit-record").filter({ hasText: "caseworker-utrecht" }).first(),
  ).toContainText("Переглянуто");
  await adminPage.getByRole("button", { name: "Nederlands" }).click();

  // At 390 px the page does not scroll sideways; the table scrolls inside its box.
  await adminPage.setViewportSize({ width: 390, height: 844 });
  const overflow = await adminPage
    .locator("#main")
    .evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await admin.close();
});

test("a person outside the municipality is not found in the access log", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "admin-utrecht");
  const answer = await page.request.get("/api/v1/persons/999999999/audit");
  expect(answer.status()).toBe(404);
  await context.close();
});
