import { act } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../App";
import { ApiError } from "../api";
import {
  byText,
  cleanup,
  click,
  demoUser,
  fakeClient,
  inputByLabel,
  render,
  settle,
  submit,
  type,
  until,
} from "../test/render";
import { SignInPage } from "./SignInPage";

function errorMessages(container: HTMLElement): string[] {
  return [...container.querySelectorAll(".utrecht-form-field-error-message")].map(
    (element) => element.textContent ?? "",
  );
}

describe("sign-in form", () => {
  afterEach(cleanup);

  it("shows a field error when the username is empty, and does not call the server", async () => {
    const signIn = vi.fn();
    const { container } = await render(<SignInPage signIn={signIn} onSignedIn={vi.fn()} />);
    await type(inputByLabel(container, "Wachtwoord"), "opvang-demo");
    await submit(container.querySelector("form"));

    expect(errorMessages(container)).toEqual(["Vul uw gebruikersnaam in."]);
    const username = inputByLabel(container, "Gebruikersnaam");
    expect(username?.getAttribute("aria-invalid")).toBe("true");
    const describedBy = username?.getAttribute("aria-describedby") ?? "";
    expect(describedBy).not.toBe("");
    expect(container.querySelector(`[id="${describedBy}"]`)?.textContent).toBe(
      "Vul uw gebruikersnaam in.",
    );
    expect(document.activeElement).toBe(username);
    expect(signIn).not.toHaveBeenCalled();
  });

  it("shows the field errors in the chosen language, also after switching", async () => {
    const { container, i18n } = await render(<SignInPage signIn={vi.fn()} onSignedIn={vi.fn()} />, {
      language: "en",
    });
    await submit(container.querySelector("form"));
    expect(errorMessages(container)).toEqual(["Enter your username.", "Enter your password."]);

    await act(async () => {
      await i18n.changeLanguage("uk");
    });
    expect(errorMessages(container)).toEqual(["Введіть ім’я користувача.", "Введіть пароль."]);
  });

  it("translates the server's error by its code", async () => {
    const signIn = vi.fn(async () => {
      throw new ApiError(401, "invalid_credentials", "Invalid username or password");
    });
    const { container } = await render(<SignInPage signIn={signIn} onSignedIn={vi.fn()} />);
    await type(inputByLabel(container, "Gebruikersnaam"), "caseworker-utrecht");
    await type(inputByLabel(container, "Wachtwoord"), "wrong");
    await submit(container.querySelector("form"));

    expect(signIn).toHaveBeenCalledWith("caseworker-utrecht", "wrong");
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe("De gebruikersnaam of het wachtwoord klopt niet.");
    expect(inputByLabel(container, "Wachtwoord")?.value).toBe("");
  });

  it("maps validation issues from the server onto the fields", async () => {
    const signIn = vi.fn(async () => {
      throw new ApiError(400, "validation_error", "Invalid input", [
        { path: "password", code: "too_small", message: "Too small" },
      ]);
    });
    const { container } = await render(<SignInPage signIn={signIn} onSignedIn={vi.fn()} />);
    await type(inputByLabel(container, "Gebruikersnaam"), "caseworker-utrecht");
    await type(inputByLabel(container, "Wachtwoord"), "x");
    await submit(container.querySelector("form"));
    expect(errorMessages(container)).toEqual(["Vul uw wachtwoord in."]);
  });

  it("signs in, lands on the role's first page, and signs out again", async () => {
    window.history.replaceState(null, "", "/");
    const client = fakeClient();
    const { container } = await render(<App client={client} />);
    await settle();
    await type(inputByLabel(container, "Gebruikersnaam"), "caseworker-utrecht");
    await type(inputByLabel(container, "Wachtwoord"), "opvang-demo");
    await submit(container.querySelector("form"));

    expect(client.login).toHaveBeenCalledWith("caseworker-utrecht", "opvang-demo");
    expect(window.location.pathname).toBe("/dashboard");
    expect(container.querySelector('[data-testid="user-municipality"]')?.textContent).toBe(
      "Gemeente Utrecht",
    );

    await click(byText(container, "button", "Uitloggen"));
    expect(client.logout).toHaveBeenCalled();
    expect(window.location.pathname).toBe("/sign-in");
    expect(container.querySelector("h1")?.textContent).toBe("Inloggen");
    expect(container.textContent).toContain("U bent uitgelogd.");
  });

  it("returns to the page asked for before signing in", async () => {
    window.history.replaceState(null, "", "/incomes");
    const client = fakeClient();
    const { container } = await render(<App client={client} />);
    // The page's code and texts load with its route, before the way to sign-in is taken.
    await until(() => window.location.pathname === "/sign-in");
    client.login.mockResolvedValueOnce(demoUser("caseworker"));
    await type(inputByLabel(container, "Gebruikersnaam"), "caseworker-utrecht");
    await type(inputByLabel(container, "Wachtwoord"), "opvang-demo");
    await submit(container.querySelector("form"));
    await until(() => container.querySelector("h1")?.textContent === "Inkomens");
    expect(window.location.pathname).toBe("/incomes");
  });
});
