import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api";
import {
  byText,
  cleanup,
  click,
  inputByLabel,
  render,
  settle,
  submit,
  type,
} from "../../test/render";
import { peekFlash } from "./flash";
import { IntakePage } from "./IntakePage";
import type { RegistryApi } from "./registry-api";

function fakeApi(overrides: Partial<RegistryApi> = {}): RegistryApi {
  return {
    createHousehold: vi.fn(async () => ({ id: 42, version: 1 })),
    ...overrides,
  } as unknown as RegistryApi;
}

/** The error message shown for a field, found through the input's aria-describedby. */
function errorFor(container: HTMLElement, input: HTMLInputElement | null): string | null {
  const ids = input?.getAttribute("aria-describedby")?.split(" ") ?? [];
  const error = ids.find((id) => id.endsWith("-error"));
  return error ? (container.querySelector(`[id="${error}"]`)?.textContent ?? null) : null;
}

const form = (container: HTMLElement) => container.querySelector("form");

describe("intake form", () => {
  afterEach(cleanup);

  it("shows field errors in Dutch: empty family name, BSN failing the 11-check", async () => {
    const api = fakeApi();
    const { container } = await render(<IntakePage api={api} search="" />);
    await type(inputByLabel(container, "Voornamen (Latijns schrift)"), "Olena");
    await type(inputByLabel(container, "Geboortedatum"), "1988-02-29");
    await type(inputByLabel(container, "BSN"), "123456789");
    await submit(form(container));

    const familyName = inputByLabel(container, "Achternaam (Latijns schrift)");
    expect(familyName?.getAttribute("aria-invalid")).toBe("true");
    expect(errorFor(container, familyName)).toBe("Dit veld is verplicht.");
    const bsn = inputByLabel(container, "BSN");
    expect(errorFor(container, bsn)).toContain("elfproef");
    const summary = container.querySelector('[data-testid="error-summary"]');
    expect(summary?.textContent).toContain("Er zijn 2 problemen met het formulier");
    expect(document.activeElement).toBe(summary);
    expect(api.createHousehold).not.toHaveBeenCalled();
  });

  it("shows the same errors in Ukrainian", async () => {
    const { container } = await render(<IntakePage api={fakeApi()} search="" />, {
      language: "uk",
    });
    await type(inputByLabel(container, "Ім’я (латиницею)"), "Olena");
    await type(inputByLabel(container, "Дата народження"), "1968-00-00");
    await type(inputByLabel(container, "BSN (номер громадянина)"), "123456789");
    await submit(form(container));

    expect(errorFor(container, inputByLabel(container, "Прізвище (латиницею)"))).toBe(
      "Це поле обов’язкове.",
    );
    expect(errorFor(container, inputByLabel(container, "BSN (номер громадянина)"))).toContain(
      "перевірку за модулем 11",
    );
    // A BRP partial date (unknown month and day) is accepted.
    expect(errorFor(container, inputByLabel(container, "Дата народження"))).toBeNull();
  });

  it("fills the Latin name from the Cyrillic one by the 2010 standard", async () => {
    const { container } = await render(<IntakePage api={fakeApi()} search="" />);
    await type(inputByLabel(container, "Achternaam (Cyrillisch schrift)"), "Шевченко");
    await type(inputByLabel(container, "Voornamen (Cyrillisch schrift)"), "Юлія");
    expect(inputByLabel(container, "Achternaam (Latijns schrift)")?.value).toBe("Shevchenko");
    expect(inputByLabel(container, "Voornamen (Latijns schrift)")?.value).toBe("Yuliia");

    // Still automatic: a change to the Cyrillic name follows through.
    await type(inputByLabel(container, "Achternaam (Cyrillisch schrift)"), "Гаврилюк");
    expect(inputByLabel(container, "Achternaam (Latijns schrift)")?.value).toBe("Havryliuk");

    // Typed by hand: the Latin name is left alone.
    await type(inputByLabel(container, "Achternaam (Latijns schrift)"), "Gavriliuk");
    await type(inputByLabel(container, "Achternaam (Cyrillisch schrift)"), "Гаврилюка");
    expect(inputByLabel(container, "Achternaam (Latijns schrift)")?.value).toBe("Gavriliuk");
  });

  it("offers Cyrillic readings of a Latin name, accepted with one click", async () => {
    const { container } = await render(<IntakePage api={fakeApi()} search="" />);
    await type(inputByLabel(container, "Achternaam (Latijns schrift)"), "Shevchenko");
    const suggestion = container.querySelector('[data-testid="member-0-familyName-suggestion"]');
    expect(suggestion?.textContent).toContain("Шевченко");
    await click(byText(suggestion as HTMLElement, "button", "Шевченко"));
    expect(inputByLabel(container, "Achternaam (Cyrillisch schrift)")?.value).toBe("Шевченко");
    expect(container.querySelector('[data-testid="member-0-familyName-suggestion"]')).toBeNull();
  });

  it("shows a server error at the field its path names, in the chosen language", async () => {
    const api = fakeApi({
      createHousehold: vi.fn(async () => {
        throw new ApiError(400, "validation_error", "members.0.person.birthDate: …", [
          {
            path: "members.0.person.birthDate",
            code: "date_future",
            message: "lies in the future",
          },
          { path: "members.0.person.vNumber", code: "some_new_code", message: "server says no" },
        ]);
      }),
    });
    const { container } = await render(<IntakePage api={api} search="" />);
    await type(inputByLabel(container, "Achternaam (Latijns schrift)"), "Shevchenko");
    await type(inputByLabel(container, "Voornamen (Latijns schrift)"), "Olena");
    await type(inputByLabel(container, "Geboortedatum"), "2099-01-01");
    await type(inputByLabel(container, "V-nummer"), "1234567890");
    await submit(form(container));
    await settle();

    expect(api.createHousehold).toHaveBeenCalledTimes(1);
    const birthDate = inputByLabel(container, "Geboortedatum");
    expect(errorFor(container, birthDate)).toBe("Deze datum ligt in de toekomst.");
    // An issue code without a text of its own falls back to the server's message.
    expect(errorFor(container, inputByLabel(container, "V-nummer"))).toBe("server says no");
    const summary = container.querySelector('[data-testid="error-summary"]');
    expect(summary?.textContent).toContain("Lid 1 – Geboortedatum");
    expect(document.activeElement).toBe(summary);
  });

  it("sends the household and opens its page", async () => {
    const api = fakeApi();
    const { container } = await render(<IntakePage api={api} search="" />);
    await type(inputByLabel(container, "Achternaam (Cyrillisch schrift)"), "Шевченко");
    await type(inputByLabel(container, "Voornamen (Cyrillisch schrift)"), "Олена");
    await type(inputByLabel(container, "Geboortedatum"), "1968-00-00");
    await type(inputByLabel(container, "BSN"), "111222333");
    await submit(form(container));
    expect(api.createHousehold).toHaveBeenCalledWith(
      expect.objectContaining({
        members: [
          {
            role: "head",
            person: expect.objectContaining({
              familyName: "Shevchenko",
              givenNames: "Olena",
              familyNameCyrillic: "Шевченко",
              givenNamesCyrillic: "Олена",
              birthDate: "1968-00-00",
              bsn: "111222333",
              nationalityCode: "0034",
            }),
          },
        ],
      }),
    );
    expect(window.location.pathname).toBe("/households/42");
  });

  it("takes the birth date as dd-mm-jjjj (Dutch) and sends it as ISO; the page confirms", async () => {
    const api = fakeApi();
    const { container } = await render(<IntakePage api={api} search="" />);
    await type(inputByLabel(container, "Achternaam (Latijns schrift)"), "Moroz");
    await type(inputByLabel(container, "Voornamen (Latijns schrift)"), "Iryna");
    await type(inputByLabel(container, "Geboortedatum"), "14-03-1984");
    await submit(form(container));
    expect(api.createHousehold).toHaveBeenCalledWith(
      expect.objectContaining({
        members: [
          expect.objectContaining({
            person: expect.objectContaining({ birthDate: "1984-03-14" }),
          }),
        ],
      }),
    );
    // The household's page opens with the confirmation (HouseholdPage reads the flash).
    expect(peekFlash(42)).toBe("registered");
  });

  it("takes the Ukrainian dd.mm.yyyy and refuses a non-date in the user's language", async () => {
    const api = fakeApi();
    const { container } = await render(<IntakePage api={api} search="" />, { language: "uk" });
    const birth = inputByLabel(container, "Дата народження");
    await type(inputByLabel(container, "Прізвище (латиницею)"), "Moroz");
    await type(inputByLabel(container, "Ім’я (латиницею)"), "Iryna");
    await type(birth, "14 березня 1984");
    await submit(form(container));
    expect(api.createHousehold).not.toHaveBeenCalled();
    expect(errorFor(container, birth)).toMatch(/^Це не дата\. Пишіть день\.місяць\.рік/);
    await type(birth, "31.02.1984");
    await submit(form(container));
    expect(errorFor(container, birth)).toBe("Такої дати не існує.");
    await type(birth, "00.05.1968");
    await submit(form(container));
    expect(api.createHousehold).toHaveBeenCalledWith(
      expect.objectContaining({
        members: [
          expect.objectContaining({
            person: expect.objectContaining({ birthDate: "1968-05-00" }),
          }),
        ],
      }),
    );
  });
});
