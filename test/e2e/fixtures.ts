import { test as base, expect, type Page } from "@playwright/test";

/** Password of every demo account (see README). */
export const DEMO_PASSWORD = "opvang-demo";

export const SIGN_IN_PATH = "/sign-in";

/** Fills in and submits the sign-in form; the form is found by its Dutch labels. */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(SIGN_IN_PATH);
  await page.getByLabel("Gebruikersnaam").fill(username);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen", exact: true }).click();
}

/**
 * Signs in with a demo account and waits for the signed-in shell. The user's stored language
 * wins after sign-in, so when an earlier test left it on another language, this switches
 * back to Dutch: every test starts from the same texts.
 */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await submitSignIn(page, username, password);
  await expect(page.getByTestId("user-summary")).toBeVisible();
  if ((await page.locator("html").getAttribute("lang")) !== "nl") {
    await page.getByRole("button", { name: "Nederlands" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  }
}

export function mainMenu(page: Page) {
  return page.getByRole("navigation", { name: "Hoofdmenu" });
}

/** A page already signed in as the Utrecht caseworker. */
export const test = base.extend<{ caseworkerPage: Page }>({
  caseworkerPage: async ({ page }, use) => {
    await signIn(page, "caseworker-utrecht");
    await use(page);
  },
});

export { expect };
