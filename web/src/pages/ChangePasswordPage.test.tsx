import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../App";
import { ApiError } from "../api";
import {
  byText,
  cleanup,
  demoUser,
  fakeClient,
  inputByLabel,
  render,
  settle,
  submit,
  type,
  until,
} from "../test/render";
import { ChangePasswordPage, validatePasswords } from "./ChangePasswordPage";

function errorMessages(container: HTMLElement): string[] {
  return [...container.querySelectorAll(".utrecht-form-field-error-message")].map(
    (element) => element.textContent ?? "",
  );
}

async function fill(container: HTMLElement, current: string, next: string, repeat = next) {
  await type(inputByLabel(container, "Eenmalig wachtwoord"), current);
  await type(inputByLabel(container, "Nieuw wachtwoord"), next);
  await type(inputByLabel(container, "Herhaal het nieuwe wachtwoord"), repeat);
  await submit(container.querySelector("form"));
}

describe("choosing one's own password", () => {
  afterEach(cleanup);

  it("checks the new password before sending it", async () => {
    const changePassword = vi.fn();
    const { container } = await render(
      <ChangePasswordPage changePassword={changePassword} onChanged={vi.fn()} />,
    );
    await fill(container, "kQ7mT-x4NcA-pe9Wd-Hr3fJ", "short", "other");
    expect(errorMessages(container)).toEqual([
      "Het nieuwe wachtwoord moet minstens 10 tekens lang zijn.",
      "De twee nieuwe wachtwoorden zijn niet gelijk.",
    ]);
    expect(document.activeElement).toBe(inputByLabel(container, "Nieuw wachtwoord"));
    expect(changePassword).not.toHaveBeenCalled();
    expect(validatePasswords("same-password", "same-password", "same-password")).toEqual({
      newPassword: "password_unchanged",
    });
  });

  it("puts a wrong one-time password at its field, in Ukrainian too", async () => {
    const changePassword = vi.fn(async () => {
      throw new ApiError(400, "validation_error", "currentPassword: not right", [
        { path: "currentPassword", code: "password_wrong", message: "not right" },
      ]);
    });
    const { container } = await render(
      <ChangePasswordPage changePassword={changePassword} onChanged={vi.fn()} />,
      { language: "uk" },
    );
    await type(inputByLabel(container, "Одноразовий пароль"), "wrong-one");
    await type(inputByLabel(container, "Новий пароль"), "a-good-new-password");
    await type(inputByLabel(container, "Повторіть новий пароль"), "a-good-new-password");
    await submit(container.querySelector("form"));
    expect(changePassword).toHaveBeenCalledWith("wrong-one", "a-good-new-password");
    expect(errorMessages(container)).toEqual(["Цей пароль неправильний."]);
  });

  it("is shown instead of every page until the user has chosen their own, then the page follows", async () => {
    window.history.replaceState(null, "", "/dashboard");
    const client = fakeClient({ user: demoUser("caseworker", { mustChangePassword: true }) });
    const { container } = await render(<App client={client} />);
    await until(() => container.querySelector('[data-testid="change-password"]') !== null);
    expect(container.querySelector("h1")?.textContent).toBe("Kies een eigen wachtwoord");
    await fill(container, "kQ7mT-x4NcA-pe9Wd-Hr3fJ", "my-own-password-42");
    expect(client.changePassword).toHaveBeenCalledWith(
      "kQ7mT-x4NcA-pe9Wd-Hr3fJ",
      "my-own-password-42",
    );
    await settle();
    expect(container.querySelector('[data-testid="change-password"]')).toBeNull();
    expect(byText(container, "h1", "Overzicht")).toBeDefined();
    expect(container.querySelector('[data-testid="password-saved"]')?.textContent).toContain(
      "Uw eigen wachtwoord is opgeslagen.",
    );
  });
});
