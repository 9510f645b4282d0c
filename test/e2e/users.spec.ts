import type { Page } from "@playwright/test";
import { expect, mainMenu, SIGN_IN_PATH, signIn, submitSignIn, test } from "./fixtures";

// User management: the municipal admin creates a caseworker, who signs in with the one-time
// password and chooses their own; the admin then deactivates the account, and its sign-in
// fails as a wrong password does.

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page).toHaveURL(SIGN_IN_PATH);
}

async function openUsers(page: Page) {
  await mainMenu(page).getByRole("link", { name: "Gebruikers" }).click();
  await expect(page).toHaveURL("/users");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gebruikers");
}

test("the municipal admin creates a caseworker who signs in, then deactivates them", async ({
  page,
}) => {
  const username = `e2e.caseworker.${Date.now().toString(36)}`;
  const name = "Iryna Melnyk";
  const ownPassword = "mijn-eigen-wachtwoord-42";

  // The admin creates the account and is shown its one-time password once.
  await signIn(page, "admin-utrecht");
  await openUsers(page);
  await page.getByRole("button", { name: "Nieuw account" }).click();
  const form = page.getByTestId("create-user-form");
  await form.getByLabel("Gebruikersnaam", { exact: true }).fill(username);
  await form.getByLabel("Naam", { exact: true }).fill(name);
  await form.getByLabel("Rol", { exact: true }).selectOption({ label: "Casemanager" });
  await form.getByRole("button", { name: "Account aanmaken" }).click();
  const shown = page.getByTestId("created-password");
  await expect(shown.getByRole("heading")).toHaveText(`Account ${username} is aangemaakt`);
  await expect(shown).toContainText("Geef dit wachtwoord veilig door");
  const initialPassword = (await shown.getByTestId("one-time-password").textContent())?.trim();
  expect(initialPassword).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
  await shown.getByRole("button", { name: "Klaar: het wachtwoord is doorgegeven" }).click();
  await expect(page.getByTestId("created-password")).toHaveCount(0);
  const row = page.locator(`[data-testid="user-row"][data-username="${username}"]`);
  await expect(row).toContainText("Casemanager");
  await expect(row).toContainText("Nog nooit");
  await signOut(page);

  // The caseworker signs in with it and must choose their own password first.
  await submitSignIn(page, username, initialPassword!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kies een eigen wachtwoord");
  await page.getByLabel("Eenmalig wachtwoord", { exact: true }).fill(initialPassword!);
  await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill(ownPassword);
  await page.getByLabel("Herhaal het nieuwe wachtwoord", { exact: true }).fill(ownPassword);
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(page.getByTestId("password-saved")).toBeVisible();
  await expect(page.getByTestId("user-summary")).toContainText(name);
  await expect(mainMenu(page).getByRole("link", { name: "Huishoudens" })).toBeVisible();
  await signOut(page);

  // The admin sees the sign-in, and deactivates the account after a confirmation.
  await signIn(page, "admin-utrecht");
  await openUsers(page);
  await page.getByLabel("Naam of gebruikersnaam").fill(username);
  await page.getByRole("button", { name: "Zoeken" }).click();
  await expect(page.getByTestId("user-row")).toHaveCount(1);
  await expect(row).not.toContainText("Nog nooit");
  await row.getByRole("button", { name: `Account van ${name} beheren` }).click();
  const panel = page.getByTestId("manage-user");
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText(`Account van ${name}`);
  await panel.getByRole("button", { name: "Account deactiveren" }).click();
  await expect(panel.getByTestId("confirm-access")).toContainText(
    `Weet u zeker dat u het account van ${name} wilt deactiveren?`,
  );
  await panel.getByRole("button", { name: "Ja, deactiveren" }).click();
  await expect(panel.getByTestId("manage-notice")).toHaveText(
    `Het account is gedeactiveerd en ${name} is uitgelogd.`,
  );
  await expect(row).toContainText("Gedeactiveerd");
  await signOut(page);

  // The deactivated account's sign-in fails as a wrong password does.
  await submitSignIn(page, username, ownPassword);
  await expect(page.getByTestId("sign-in-error")).toHaveText(
    "De gebruikersnaam of het wachtwoord klopt niet.",
  );
  await expect(page).toHaveURL(SIGN_IN_PATH);
});

test("a municipal admin does not reach another municipality's accounts", async ({ page }) => {
  await signIn(page, "admin-utrecht");
  const { users } = (await (await page.request.get("/api/v1/users?limit=200")).json()) as {
    users: { username: string; gemeenteCode: string }[];
  };
  expect(users.map((u) => u.username)).not.toContain("caseworker-amsterdam");
  expect(users.every((u) => u.gemeenteCode === "GM0344")).toBe(true);
});
