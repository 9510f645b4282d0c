import { act } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, ROLES } from "../../api";
import { formatDateTime } from "../../format";
import {
  byText,
  cleanup,
  click,
  demoUser,
  inputByLabel,
  render,
  submit,
  type,
} from "../../test/render";
import type { Account, AccountOptions, UserFilter, UsersApi } from "./api";
import { UsersPage } from "./UsersPage";

async function choose(select: Element | null | undefined, value: string) {
  if (!(select instanceof HTMLSelectElement)) throw new Error("choose: no select");
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

function account(overrides: Partial<Account>): Account {
  return {
    id: 10,
    username: "o.kovalenko",
    displayName: "Olena Kovalenko",
    role: "caseworker",
    gemeenteCode: "GM0344",
    gemeenteName: "Utrecht",
    active: true,
    mustChangePassword: false,
    lastSignInAt: "2026-11-20T09:15:00Z",
    createdAt: "2026-01-05T08:00:00Z",
    version: 3,
    ...overrides,
  };
}

/** The signed-in municipal admin (id 1) is one of the accounts. */
const ME = demoUser("municipal_admin", { id: 1, displayName: "Anna de Vries" });
const ACCOUNTS: Account[] = [
  account({
    id: 1,
    username: "admin-utrecht",
    displayName: "Anna de Vries",
    role: "municipal_admin",
  }),
  account({}),
  account({
    id: 11,
    username: "t.bondar",
    displayName: "Taras Bondar",
    role: "finance_officer",
    lastSignInAt: null,
    mustChangePassword: true,
  }),
];
const OPTIONS: AccountOptions = {
  roles: ["caseworker", "finance_officer", "municipal_admin"],
  gemeenten: [{ code: "GM0344", name: "Utrecht" }],
};

function fakeApi(overrides: Partial<UsersApi> = {}): UsersApi {
  return {
    list: vi.fn(async (filter: UserFilter) => ({
      users: ACCOUNTS,
      total: ACCOUNTS.length,
      limit: 25,
      offset: filter.offset,
    })),
    options: vi.fn(async () => OPTIONS),
    create: vi.fn(async (input) => ({
      user: account({ id: 20, ...input, mustChangePassword: true, lastSignInAt: null, version: 1 }),
      initialPassword: "kQ7mT-x4NcA-pe9Wd-Hr3fJ",
    })),
    update: vi.fn(async (id, changes) => ({
      ...ACCOUNTS.find((a) => a.id === id)!,
      ...changes,
      version: changes.version + 1,
    })),
    resetPassword: vi.fn(async (id, version) => ({
      user: {
        ...ACCOUNTS.find((a) => a.id === id)!,
        mustChangePassword: true,
        version: version + 1,
      },
      oneTimePassword: "Ab3cD-ef4Gh-Jk6Mn-Pq7Rt",
    })),
    ...overrides,
  };
}

function rows(container: HTMLElement): string[][] {
  return [...container.querySelectorAll('[data-testid="user-row"]')].map((row) =>
    [...row.querySelectorAll("td")].map((cell) => cell.textContent ?? ""),
  );
}

function button(container: HTMLElement, name: string): HTMLElement {
  const found = byText(container, "button", name);
  if (!found) throw new Error(`no button ${name}`);
  return found;
}

async function manage(container: HTMLElement, name: string) {
  const label = `Account van ${name} beheren`;
  await click(container.querySelector(`button[aria-label="${label}"]`));
}

describe("user management page", () => {
  afterEach(cleanup);

  it("lists the accounts in Dutch: roles translated, last sign-in as a Dutch date-time", async () => {
    const api = fakeApi();
    const { container } = await render(<UsersPage api={api} />, { user: ME });
    expect(byText(container, "h1", "Gebruikers")).toBeDefined();
    expect(container.textContent).toContain("medewerkers van gemeente Utrecht");
    expect(container.querySelector('[data-testid="users-count"]')?.textContent).toBe(
      "Account 1 tot en met 3 van 3.",
    );
    const table = rows(container);
    expect(table[0]?.slice(0, 5)).toEqual([
      "Anna de Vries (u)",
      "admin-utrecht",
      "Functioneel beheerder gemeente",
      "Actief",
      formatDateTime("2026-11-20T09:15:00Z", "nl"),
    ]);
    // 09:15 UTC is 10:15 in Utrecht in November.
    expect(table[1]?.[4]).toContain("10:15");
    expect(table[2]?.slice(2, 5)).toEqual([
      "Financieel medewerker",
      "Actief · nog met eenmalig wachtwoord",
      "Nog nooit",
    ]);
    // A municipal admin manages one municipality: no municipality column.
    expect(container.querySelectorAll("th")).toHaveLength(6);
    for (const role of ROLES) expect(container.textContent).not.toContain(role);
  });

  it("speaks Ukrainian: roles, status and the date", async () => {
    const { container } = await render(<UsersPage api={fakeApi()} />, {
      user: ME,
      language: "uk",
    });
    expect(byText(container, "h1", "Користувачі")).toBeDefined();
    const table = rows(container);
    expect(table[1]?.slice(2, 5)).toEqual([
      "Кейс-менеджер",
      "Активний",
      formatDateTime("2026-11-20T09:15:00Z", "uk"),
    ]);
    expect(table[1]?.[4]).toMatch(/лист/);
    expect(table[2]?.[4]).toBe("Ще жодного разу");
    for (const role of ROLES) expect(container.textContent).not.toContain(role);
  });

  it("creates an account and shows its one-time password once, with the advice to hand it over securely", async () => {
    const api = fakeApi();
    const { container } = await render(<UsersPage api={api} />, { user: ME });
    await click(button(container, "Nieuw account"));
    const form = container.querySelector('[data-testid="create-user-form"]');
    // One municipality: it is not asked.
    expect(form?.querySelector("#create-gemeenteCode")).toBeNull();
    await type(inputByLabel(container, "Gebruikersnaam"), "m.petrenko");
    await type(inputByLabel(container, "Naam"), "Mariia Petrenko");
    await choose(form?.querySelector("#create-role"), "caseworker");
    await submit(form);
    expect(api.create).toHaveBeenCalledWith({
      username: "m.petrenko",
      displayName: "Mariia Petrenko",
      role: "caseworker",
      language: "nl",
      gemeenteCode: "GM0344",
    });
    const shown = container.querySelector('[data-testid="created-password"]');
    expect(shown?.querySelector('[data-testid="one-time-password"]')?.textContent).toBe(
      "kQ7mT-x4NcA-pe9Wd-Hr3fJ",
    );
    expect(shown?.textContent).toContain("Account m.petrenko is aangemaakt");
    expect(shown?.textContent).toContain("Geef dit wachtwoord veilig door");
    expect(shown?.textContent).toContain("maar één keer getoond");
    expect(document.activeElement?.textContent).toBe("Account m.petrenko is aangemaakt");
    // Closed, it is gone for good.
    await click(button(container, "Klaar: het wachtwoord is doorgegeven"));
    expect(container.textContent).not.toContain("kQ7mT-x4NcA-pe9Wd-Hr3fJ");
    expect(container.querySelector('[data-testid="created-password"]')).toBeNull();
  });

  it("checks the form before sending, and puts a taken username at its field", async () => {
    const api = fakeApi({
      create: vi.fn(async () => {
        throw new ApiError(409, "username_taken", "username m.petrenko is taken", [
          { path: "username", code: "username_taken", message: "username m.petrenko is taken" },
        ]);
      }),
    });
    const { container } = await render(<UsersPage api={api} />, { user: ME });
    await click(button(container, "Nieuw account"));
    const form = container.querySelector('[data-testid="create-user-form"]');
    await type(inputByLabel(container, "Gebruikersnaam"), "a b");
    await submit(form);
    expect(api.create).not.toHaveBeenCalled();
    const summary = container.querySelector('[data-testid="error-summary"]');
    expect(summary?.textContent).toContain("Er zijn 3 problemen");
    expect(summary?.textContent).toContain("Gebruikersnaam: Gebruik 3 tot 64 letters");
    expect(summary?.textContent).toContain("Rol: Dit veld is verplicht.");

    await type(inputByLabel(container, "Gebruikersnaam"), "m.petrenko");
    await type(inputByLabel(container, "Naam"), "Mariia Petrenko");
    await choose(form?.querySelector("#create-role"), "finance_officer");
    await submit(form);
    expect(api.create).toHaveBeenCalledTimes(1);
    expect(container.querySelector('[data-field="create-username"]')?.textContent).toContain(
      "Deze gebruikersnaam bestaat al. Kies een andere.",
    );
  });

  it("deactivates an account only after a confirmation", async () => {
    const api = fakeApi();
    const { container } = await render(<UsersPage api={api} />, { user: ME });
    await manage(container, "Olena Kovalenko");
    const panel = container.querySelector('[data-testid="manage-user"]') as HTMLElement;
    expect(byText(panel, "h2", "Account van Olena Kovalenko")).toBeDefined();
    await click(button(panel, "Account deactiveren"));
    expect(api.update).not.toHaveBeenCalled();
    const question = panel.querySelector('[data-testid="confirm-access"]');
    expect(question?.textContent).toContain(
      "Weet u zeker dat u het account van Olena Kovalenko wilt deactiveren?",
    );
    expect(document.activeElement).toBe(question);
    // Cancelled, nothing happens.
    await click(button(panel, "Annuleren"));
    expect(api.update).not.toHaveBeenCalled();
    await click(button(panel, "Account deactiveren"));
    await click(button(panel, "Ja, deactiveren"));
    expect(api.update).toHaveBeenCalledWith(10, { version: 3, active: false });
    expect(panel.querySelector('[data-testid="manage-notice"]')?.textContent).toBe(
      "Het account is gedeactiveerd en Olena Kovalenko is uitgelogd.",
    );
    expect(panel.querySelector('[data-testid="manage-status"]')?.textContent).toBe("Gedeactiveerd");
    expect(byText(panel, "button", "Account weer activeren")).toBeDefined();
  });

  it("changes the role and the name with the version read", async () => {
    const api = fakeApi();
    const { container } = await render(<UsersPage api={api} />, { user: ME });
    await manage(container, "Olena Kovalenko");
    const form = container.querySelector('[data-testid="edit-user-form"]');
    await choose(form?.querySelector("#edit-role"), "finance_officer");
    await type(form?.querySelector("#edit-displayName"), "Olena Kovalenko-Shevchenko");
    await submit(form);
    expect(api.update).toHaveBeenCalledWith(10, {
      version: 3,
      displayName: "Olena Kovalenko-Shevchenko",
      role: "finance_officer",
    });
    expect(container.querySelector('[data-testid="manage-notice"]')?.textContent).toBe(
      "De wijzigingen zijn opgeslagen.",
    );
  });

  it("says when someone else changed the account meanwhile (409) and reloads", async () => {
    const api = fakeApi({
      update: vi.fn(async () => {
        throw new ApiError(409, "conflict", "the account was changed by someone else");
      }),
    });
    const { container } = await render(<UsersPage api={api} />, { user: ME });
    await manage(container, "Olena Kovalenko");
    await click(button(container, "Account deactiveren"));
    await click(button(container, "Ja, deactiveren"));
    expect(container.querySelector('[data-testid="manage-notice"]')?.textContent).toContain(
      "Iemand anders heeft dit account intussen gewijzigd.",
    );
    expect(vi.mocked(api.list).mock.calls.length).toBeGreaterThan(1);
  });

  it("gives a new one-time password after a confirmation and shows it once", async () => {
    const api = fakeApi();
    const { container } = await render(<UsersPage api={api} />, { user: ME });
    await manage(container, "Taras Bondar");
    await click(button(container, "Nieuw eenmalig wachtwoord geven"));
    expect(container.textContent).toContain(
      "Het huidige wachtwoord van Taras Bondar werkt daarna niet meer",
    );
    await click(button(container, "Ja, nieuw wachtwoord geven"));
    expect(api.resetPassword).toHaveBeenCalledWith(11, 3);
    const shown = container.querySelector('[data-testid="reset-password"]');
    expect(shown?.querySelector('[data-testid="one-time-password"]')?.textContent).toBe(
      "Ab3cD-ef4Gh-Jk6Mn-Pq7Rt",
    );
    expect(shown?.textContent).toContain("Nieuw eenmalig wachtwoord voor t.bondar");
  });

  it("offers no deactivation, role change or reset of one's own account", async () => {
    const { container } = await render(<UsersPage api={fakeApi()} />, { user: ME });
    await manage(container, "Anna de Vries");
    const panel = container.querySelector('[data-testid="manage-user"]') as HTMLElement;
    expect(byText(panel, "button", "Account deactiveren")).toBeUndefined();
    expect(byText(panel, "button", "Nieuw eenmalig wachtwoord geven")).toBeUndefined();
    expect(panel.querySelector("select#edit-role")).toBeNull();
    expect(panel.textContent).toContain("Uw eigen rol kunt u niet wijzigen");
    expect(panel.textContent).toContain("Uw eigen account kunt u niet deactiveren");
  });

  it("searches by text, role and status, and pages", async () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      account({ id: 100 + i, username: `user${i}`, displayName: `User ${i}` }),
    );
    const api = fakeApi({
      list: vi.fn(async (filter: UserFilter) => ({
        users: filter.offset === 0 ? many : [account({ id: 200, username: "zz" })],
        total: 26,
        limit: 25,
        offset: filter.offset,
      })),
    });
    const { container } = await render(<UsersPage api={api} />, { user: ME });
    expect(api.list).toHaveBeenLastCalledWith({ q: "", role: "", active: "", offset: 0 });
    await type(inputByLabel(container, "Naam of gebruikersnaam"), "kov");
    await choose(container.querySelector("#users-role"), "caseworker");
    await choose(container.querySelector("#users-active"), "false");
    await submit(container.querySelector('[data-testid="users-filter"]'));
    expect(api.list).toHaveBeenLastCalledWith({
      q: "kov",
      role: "caseworker",
      active: "false",
      offset: 0,
    });
    await click(button(container, "Volgende"));
    expect(api.list).toHaveBeenLastCalledWith({
      q: "kov",
      role: "caseworker",
      active: "false",
      offset: 25,
    });
    expect(container.querySelector('[data-testid="users-count"]')?.textContent).toBe(
      "Account 26 tot en met 26 van 26.",
    );
  });

  it("shows the system admin the municipality and lets them choose one for a municipal role", async () => {
    const api = fakeApi({
      options: vi.fn(async () => ({
        roles: ROLES.filter((r) => r !== "resident"),
        gemeenten: [
          { code: "GM0363", name: "Amsterdam" },
          { code: "GM0344", name: "Utrecht" },
        ],
      })),
      list: vi.fn(async () => ({
        users: [
          account({}),
          account({
            id: 12,
            username: "coordinator",
            role: "national_coordinator",
            gemeenteCode: null,
            gemeenteName: null,
          }),
        ],
        total: 2,
        limit: 25,
        offset: 0,
      })),
    });
    const { container } = await render(<UsersPage api={api} />, {
      user: demoUser("system_admin", { id: 2 }),
      language: "en",
    });
    expect(container.textContent).toContain("Every account of Opvang");
    expect(rows(container).map((r) => r[3])).toEqual(["Utrecht", "National"]);
    await click(button(container, "New account"));
    const form = container.querySelector('[data-testid="create-user-form"]');
    await choose(form?.querySelector("#create-role"), "national_coordinator");
    expect(form?.querySelector("#create-gemeenteCode")).toBeNull();
    await choose(form?.querySelector("#create-role"), "caseworker");
    await choose(form?.querySelector("#create-gemeenteCode"), "GM0363");
    await type(inputByLabel(container, "Username"), "c.amsterdam");
    await type(inputByLabel(container, "Name"), "Caseworker Amsterdam");
    await submit(form);
    expect(api.create).toHaveBeenCalledWith(
      expect.objectContaining({ role: "caseworker", gemeenteCode: "GM0363", language: "en" }),
    );
  });
});
