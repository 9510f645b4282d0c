import { act } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../api";
import type { Language } from "../../../i18n";
import { byText, cleanup, click, inputByLabel, render, submit, type } from "../../../test/render";
import type { Location } from "../api";
import { LocationForm } from "./LocationForm";

async function choose(select: Element | null, value: string) {
  if (!(select instanceof HTMLSelectElement)) throw new Error("choose: no select");
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

const LOCATION: Location = {
  id: 3,
  gemeenteCode: "GM0344",
  name: "De Bunt",
  street: null,
  houseNumber: null,
  postcode: null,
  city: "Utrecht",
  kind: "hotel",
  catering: true,
  version: 4,
  capacityHistory: [],
  statusHistory: [],
  cateringHistory: [{ id: 8, catering: true, validFrom: "2024-05-01", validTo: null }],
};

const serverErrors = new ApiError(400, "validation_error", "postcode: …; validFrom: …", [
  {
    path: "postcode",
    code: "postcode_format",
    message: "expected a Dutch postcode such as 3511 AB",
  },
  { path: "validFrom", code: "date_nonexistent", message: "no such date" },
]);

const LABELS: Record<Language, { name: string; kind: string; places: string; submit: string }> = {
  nl: {
    name: "Naam",
    kind: "Soort locatie",
    places: "Capaciteit (aantal plaatsen)",
    submit: "Locatie registreren",
  },
  en: {
    name: "Name",
    kind: "Kind of location",
    places: "Capacity (number of places)",
    submit: "Register location",
  },
  uk: {
    name: "Назва",
    kind: "Тип локації",
    places: "Місткість (кількість місць)",
    submit: "Зареєструвати локацію",
  },
};

const EXPECTED: Record<Language, { postcode: string; validFrom: string }> = {
  nl: {
    postcode: "Vul een Nederlandse postcode in, bijvoorbeeld 3511 AB.",
    validFrom: "Deze datum bestaat niet.",
  },
  en: {
    postcode: "Enter a Dutch postcode, for example 3511 AB.",
    validFrom: "This date does not exist.",
  },
  uk: {
    postcode: "Введіть нідерландський поштовий індекс, наприклад 3511 AB.",
    validFrom: "Такої дати не існує.",
  },
};

describe("location form", () => {
  afterEach(cleanup);

  for (const language of ["nl", "en", "uk"] as const) {
    it(`shows the server's field errors translated (${language})`, async () => {
      const onSubmit = vi.fn(async () => {
        throw serverErrors;
      });
      const { container } = await render(<LocationForm mode="create" onSubmit={onSubmit} />, {
        language,
      });
      const labels = LABELS[language];
      await type(inputByLabel(container, labels.name), "Jaarbeurs hal 7");
      await choose(container.querySelector("#location-kind"), "emergency_hall");
      await type(inputByLabel(container, labels.places), "250");
      await submit(container.querySelector("form"));

      expect(onSubmit).toHaveBeenCalledWith(
        expect.objectContaining({ name: "Jaarbeurs hal 7", kind: "emergency_hall", places: 250 }),
      );
      const postcode = container.querySelector<HTMLInputElement>("#location-postcode");
      const postcodeError = container.querySelector("#location-postcode-error");
      expect(postcodeError?.textContent).toBe(EXPECTED[language].postcode);
      expect(postcode?.getAttribute("aria-invalid")).toBe("true");
      expect(postcode?.getAttribute("aria-describedby")).toContain("location-postcode-error");
      expect(container.querySelector("#location-validFrom-error")?.textContent).toBe(
        EXPECTED[language].validFrom,
      );
      // The summary lists both problems, links to their fields and has focus.
      const summary = container.querySelector('[data-testid="error-summary"]');
      const links = [...(summary?.querySelectorAll("a") ?? [])].map((a) => a.getAttribute("href"));
      expect(links).toEqual(["#location-postcode", "#location-validFrom"]);
      expect(summary?.contains(document.activeElement)).toBe(true);
      expect(byText(container, "button", labels.submit)).toBeDefined();
    });
  }

  it("checks required fields before sending", async () => {
    const onSubmit = vi.fn(async () => {});
    const { container } = await render(<LocationForm mode="create" onSubmit={onSubmit} />);
    await type(inputByLabel(container, "Capaciteit (aantal plaatsen)"), "twelve");
    await submit(container.querySelector("form"));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(container.querySelector("#location-name-error")?.textContent).toBe(
      "Dit veld is verplicht.",
    );
    expect(container.querySelector("#location-places-error")?.textContent).toBe(
      "Vul een heel getal in, 0 of meer.",
    );
  });

  it("registers catering with the new location, valid from its date", async () => {
    const onSubmit = vi.fn(async () => {});
    const { container } = await render(<LocationForm mode="create" onSubmit={onSubmit} />);
    await type(inputByLabel(container, "Naam"), "Jaarbeurs hal 7");
    await choose(container.querySelector("#location-kind"), "emergency_hall");
    await type(inputByLabel(container, "Capaciteit (aantal plaatsen)"), "250");
    await type(inputByLabel(container, "Geldig vanaf"), "2025-02-01");
    await click(container.querySelector("#location-catering"));
    await submit(container.querySelector("form"));

    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ catering: true, validFrom: "2025-02-01", places: 250 }),
    );
    expect(container.querySelector('[data-testid="catering-edit-hint"]')).toBeNull();
  });

  it("edits the details without catering, which changes from a date on the page", async () => {
    const onSubmit = vi.fn(async () => {});
    const { container } = await render(
      <LocationForm mode="edit" location={LOCATION} onConflict={() => {}} onSubmit={onSubmit} />,
    );
    expect(container.querySelector("#location-catering")).toBeNull();
    expect(container.querySelector('[data-testid="catering-edit-hint"]')?.textContent).toBe(
      "Catering wijzigt u vanaf een datum, met ‘Catering wijzigen’ verderop op deze pagina.",
    );
    await type(inputByLabel(container, "Naam"), "De Bunt II");
    await submit(container.querySelector("form"));

    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0]).toEqual([
      {
        name: "De Bunt II",
        street: null,
        houseNumber: null,
        postcode: null,
        city: "Utrecht",
        kind: "hotel",
      },
    ]);
  });

  it("shows the server's refusal of catering on edit above the form", async () => {
    const { container } = await render(
      <LocationForm
        mode="edit"
        location={LOCATION}
        onConflict={() => {}}
        onSubmit={async () => {
          throw new ApiError(400, "validation_error", "catering: …", [
            { path: "catering", code: "catering_dated", message: "catering changes from a date" },
          ]);
        }}
      />,
      { language: "en" },
    );
    await submit(container.querySelector("form"));
    const summary = container.querySelector('[data-testid="error-summary"]');
    const items = [...(summary?.querySelectorAll("li") ?? [])];
    expect(items.map((li) => li.textContent)).toEqual([
      "Catering changes from a date: use ‘Change catering’ on the location's page.",
    ]);
    // A form-level problem: there is no catering field to link to.
    expect(summary?.querySelector("a")).toBeNull();
  });

  it("reports a conflict on edit instead of field errors", async () => {
    const onConflict = vi.fn();
    const { container } = await render(
      <LocationForm
        mode="edit"
        location={LOCATION}
        onConflict={onConflict}
        onSubmit={async () => {
          throw new ApiError(409, "conflict", "the location was changed by someone else");
        }}
      />,
    );
    await submit(container.querySelector("form"));
    expect(onConflict).toHaveBeenCalled();
    expect(container.querySelector('[data-testid="error-summary"]')).toBeNull();
  });
});
