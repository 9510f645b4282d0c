import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../App";
import type { User } from "../api";
import { LANGUAGE_STORAGE_KEY } from "../i18n";
import { SIGN_IN_PATH } from "../navigation";
import { byText, cleanup, click, demoUser, fakeClient, render, settle } from "../test/render";

function heading(container: HTMLElement): string | undefined {
  return container.querySelector("h1")?.textContent ?? undefined;
}

function languageButton(container: HTMLElement, name: string) {
  return byText(container, "button", name);
}

describe("language switch", () => {
  beforeEach(() => {
    window.history.replaceState(null, "", "/");
  });
  afterEach(cleanup);

  it("is on the sign-in page, in Dutch by default", async () => {
    const { container } = await render(<App client={fakeClient()} />);
    await settle();
    expect(window.location.pathname).toBe(SIGN_IN_PATH);
    expect(heading(container)).toBe("Inloggen");
    expect(languageButton(container, "Nederlands")?.getAttribute("aria-pressed")).toBe("true");
  });

  it("changes the texts and persists the choice to localStorage and <html lang>", async () => {
    const { container } = await render(<App client={fakeClient()} />);
    await settle();

    await click(languageButton(container, "English"));
    expect(heading(container)).toBe("Sign in");
    expect(byText(container, "label", "Username")).toBeDefined();
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("en");
    expect(document.documentElement.lang).toBe("en");

    await click(languageButton(container, "Українська"));
    expect(heading(container)).toBe("Вхід");
    expect(byText(container, "label", "Ім’я користувача")).toBeDefined();
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("uk");
    expect(document.documentElement.lang).toBe("uk");
    expect(languageButton(container, "Українська")?.getAttribute("aria-pressed")).toBe("true");
  });

  it("starts in the language stored before", async () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, "uk");
    const { container } = await render(<App client={fakeClient()} />);
    await settle();
    expect(heading(container)).toBe("Вхід");
  });

  it("uses the signed-in user's stored language over the browser's choice", async () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, "en");
    const client = fakeClient({ user: demoUser("caseworker", { language: "uk" }) });
    const { container } = await render(<App client={client} />, { language: "en" });
    await settle();
    expect(heading(container)).toBe("Огляд");
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("uk");
  });

  it("saves the choice with the signed-in user", async () => {
    const client = fakeClient({ user: demoUser("caseworker") });
    const { container } = await render(<App client={client} />);
    await settle();
    expect(heading(container)).toBe("Overzicht");

    await click(languageButton(container, "Українська"));
    expect(client.setLanguage).toHaveBeenCalledWith("uk");
    expect(heading(container)).toBe("Огляд");
    expect(container.textContent).toContain("Муніципалітет Utrecht");
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("uk");
  });

  it("race: a slow GET /api/auth/me with the old language does not undo a later choice", async () => {
    const client = fakeClient({ user: demoUser("caseworker") });
    // The page's first GET /me answers only after the user has clicked.
    let answer: () => void = () => {};
    client.me.mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          answer = () => resolve(demoUser("caseworker", { language: "nl" }));
        }),
    );
    const { container } = await render(<App client={client} />);
    await click(languageButton(container, "English"));
    answer();
    await settle();
    expect(document.documentElement.lang).toBe("en");
    expect(languageButton(container, "English")?.getAttribute("aria-pressed")).toBe("true");
    expect(client.setLanguage).toHaveBeenLastCalledWith("en");
    // A switch does not ask for the session again (its answer would carry the old language).
    await click(languageButton(container, "Українська"));
    expect(client.me).toHaveBeenCalledTimes(1);
    expect(document.documentElement.lang).toBe("uk");
  });

  it("race: five quick clicks leave the last choice with the server, saved one at a time", async () => {
    const client = fakeClient({ user: demoUser("caseworker") });
    const { container } = await render(<App client={client} />);
    await settle();
    const saves: { language: User["language"]; answer: () => void }[] = [];
    client.setLanguage.mockImplementation(
      (language: User["language"]) =>
        new Promise((resolve) => {
          saves.push({
            language,
            answer: () => resolve(demoUser("caseworker", { language })),
          });
        }),
    );
    for (const name of ["Українська", "English", "Nederlands", "Українська", "English"]) {
      await click(languageButton(container, name));
    }
    // One save on its way; the later clicks wait for it and only the last is sent after it.
    expect(saves.map((s) => s.language)).toEqual(["uk"]);
    saves[0]?.answer();
    await settle();
    expect(saves.map((s) => s.language)).toEqual(["uk", "en"]);
    saves[1]?.answer();
    await settle();
    expect(client.setLanguage).toHaveBeenCalledTimes(2);
    expect(document.documentElement.lang).toBe("en");
    vi.restoreAllMocks();
  });
});
