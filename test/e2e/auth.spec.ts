import { expect, mainMenu, SIGN_IN_PATH, signIn, submitSignIn, test } from "./fixtures";

const CASEWORKER_MENU = [
  "Overzicht",
  "Huishoudens",
  "Zoeken",
  "Locaties",
  "Plaatsingen",
  "Inkomens",
  "Overgang",
];

test.describe("sign-in", () => {
  test("an anonymous visitor lands on the sign-in page", async ({ page }) => {
    await page.goto("/households");
    await expect(page).toHaveURL(SIGN_IN_PATH);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inloggen");
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  });

  test("the caseworker sees Utrecht and the caseworker menu", async ({ page }) => {
    await signIn(page, "caseworker-utrecht");
    await expect(page).toHaveURL("/dashboard");
    await expect(page.getByTestId("user-municipality")).toHaveText("Gemeente Utrecht");
    await expect(page.getByTestId("user-role")).toHaveText("Casemanager");
    await expect(mainMenu(page).getByRole("link")).toHaveText(CASEWORKER_MENU);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overzicht");

    await mainMenu(page).getByRole("link", { name: "Huishoudens" }).click();
    await expect(page).toHaveURL("/households");
    await expect(page.getByTestId("households-page")).toBeVisible();
  });

  test("the session names what the role may do, and the pages offer only that", async ({
    browser,
  }) => {
    const caseworker = await browser.newPage();
    await signIn(caseworker, "caseworker-utrecht");
    const mine = await (await caseworker.request.get("/api/auth/me")).json();
    expect(mine.user.permissions).toEqual(
      expect.arrayContaining(["households.write", "locations.write", "incomes.write"]),
    );
    await caseworker.goto("/locations");
    await expect(caseworker.getByRole("link", { name: "Locatie registreren" })).toBeVisible();
    await caseworker.close();

    const admin = await browser.newPage();
    await signIn(admin, "admin-utrecht");
    const theirs = await (await admin.request.get("/api/auth/me")).json();
    expect(theirs.user.permissions).toContain("audit.read");
    expect(theirs.user.permissions).not.toContain("locations.write");
    await admin.goto("/locations");
    await expect(admin.getByTestId("page-locations")).toBeVisible();
    await expect(admin.getByRole("link", { name: "Locatie registreren" })).toHaveCount(0);
    await admin.goto("/locations/new");
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText(
      "Niet beschikbaar voor uw rol",
    );
    await admin.close();
  });

  test("a page outside the role says it is not available", async ({ caseworkerPage: page }) => {
    await page.goto("/monthly-run");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Niet beschikbaar voor uw rol",
    );
    await expect(mainMenu(page).getByRole("link", { name: "Maandrun" })).toHaveCount(0);
  });

  test("Ukrainian stays after a reload", async ({ caseworkerPage: page }) => {
    await page.getByRole("button", { name: "Українська" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "uk");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Огляд");
    await expect(page.getByRole("button", { name: "Вийти" })).toBeVisible();

    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Огляд");
    await expect(page.getByRole("navigation", { name: "Головне меню" })).toContainText(
      "Домогосподарства",
    );
    await expect(page.getByTestId("user-municipality")).toHaveText("Муніципалітет Utrecht");

    // Leave the account in Dutch for the other tests.
    await page.getByRole("button", { name: "Nederlands" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overzicht");
  });

  test("signing out lands on the sign-in page and ends the session", async ({
    caseworkerPage: page,
  }) => {
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await expect(page).toHaveURL(SIGN_IN_PATH);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inloggen");
    await expect(page.getByText("U bent uitgelogd.")).toBeVisible();

    await page.goto("/dashboard");
    await expect(page).toHaveURL(SIGN_IN_PATH);
  });

  test("a wrong password shows the error", async ({ page }) => {
    await submitSignIn(page, "caseworker-utrecht", "not-the-password");
    await expect(page.getByRole("alert")).toHaveText(
      "De gebruikersnaam of het wachtwoord klopt niet.",
    );
    await expect(page).toHaveURL(SIGN_IN_PATH);
  });

  test("an empty username shows a field error", async ({ page }) => {
    await submitSignIn(page, "", "opvang-demo");
    await expect(page.getByText("Vul uw gebruikersnaam in.")).toBeVisible();
    await expect(page.getByLabel("Gebruikersnaam")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Gebruikersnaam")).toBeFocused();
  });

  test("the language chosen before sign-in persists, then the user's own wins", async ({
    page,
  }) => {
    await page.goto(SIGN_IN_PATH);
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    expect(await page.evaluate(() => localStorage.getItem("opvang.lang"))).toBe("en");

    await page.getByLabel("Username").fill("finance-utrecht");
    await page.getByLabel("Password").fill("opvang-demo");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("user-summary")).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overzicht");
  });
});

test.describe("keyboard and small screens", () => {
  test("the skip link is the first stop and moves focus to the content", async ({
    caseworkerPage: page,
  }) => {
    await page.goto("/households");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Direct naar de inhoud" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();
  });

  test("at 390 px the menu is fully visible without sideways scrolling", async ({
    caseworkerPage: page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const label of CASEWORKER_MENU) {
      await expect(mainMenu(page).getByRole("link", { name: label })).toBeInViewport();
    }
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
