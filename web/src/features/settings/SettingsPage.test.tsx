import { afterEach, describe, expect, it, type Mocked, vi } from "vitest";
import { ApiError } from "../../api";
import { cleanup, demoUser, inputByLabel, render, submit, type } from "../../test/render";
import type { GemeenteSettings, SettingsApi } from "./api";
import { parsePercent, SettingsPage } from "./SettingsPage";

const recorded: GemeenteSettings = {
  gemeenteCode: "GM0344",
  recorded: true,
  accountName: "Gemeente Utrecht",
  iban: "NL94KNAB9585441698",
  bic: null,
  senderBlock: "Gemeente Utrecht\nPostbus 15527\n3536 MX  UTRECHT",
  signatureName: "M. Jansen",
  signatureTitle: "Teamleider Opvang Oekraïne",
  objectionAddress: "Gemeente Utrecht\nt.a.v. Team Bezwaar en Beroep\nPostbus 15527",
  offsetLimitPercent: 10,
  version: 1,
  updatedAt: "2026-12-05 02:39:22.675+00",
};

const empty: GemeenteSettings = {
  ...recorded,
  recorded: false,
  accountName: "",
  iban: "",
  senderBlock: "",
  signatureName: "",
  signatureTitle: "",
  objectionAddress: "",
  offsetLimitPercent: null,
  version: null,
  updatedAt: null,
};

function fakeApi(overrides: Partial<SettingsApi> = {}): Mocked<SettingsApi> {
  return {
    settings: vi.fn(async () => recorded),
    save: vi.fn(async (input) => ({ ...recorded, ...input, version: (input.version ?? 0) + 1 })),
    ...overrides,
  } as Mocked<SettingsApi>;
}

/** Types into a textarea the way a browser does. */
async function typeArea(area: Element | null, value: string) {
  if (!(area instanceof HTMLTextAreaElement)) throw new Error("typeArea: no textarea");
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")?.set;
  const { act } = await import("react");
  await act(async () => {
    setter?.call(area, value);
    area.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

const form = (container: HTMLElement) => container.querySelector("[data-testid=settings-form]");

describe("the municipality settings page", () => {
  afterEach(cleanup);

  it("lets the municipal admin record the settings for the first time, required fields marked", async () => {
    const api = fakeApi({ settings: vi.fn(async () => empty) });
    const { container } = await render(<SettingsPage api={api} />, {
      user: demoUser("municipal_admin"),
    });
    expect(container.querySelector("h1")?.textContent).toBe("Gemeente-instellingen");
    expect(container.querySelector("[data-testid=settings-not-recorded]")?.textContent).toContain(
      "nog niet vastgelegd",
    );
    // Six fields must be filled in; the BIC and the offset limit may stay empty.
    expect(container.querySelectorAll("[data-testid=required-mark]")).toHaveLength(6);
    await submit(form(container));
    expect(api.save).not.toHaveBeenCalled();
    expect(container.querySelector("#settings-iban-error")?.textContent).toBe(
      "Dit veld is verplicht.",
    );
    expect(container.querySelector("[data-testid=error-summary]")?.textContent).toContain(
      "Er zijn 6 problemen met het formulier",
    );

    await type(inputByLabel(container, "Naam van de rekeninghouder"), "Gemeente Utrecht");
    await type(inputByLabel(container, "IBAN van de gemeente"), "NL91 ABNA 0417 1643 00");
    await typeArea(container.querySelector("#settings-senderBlock"), "Gemeente Utrecht\nPostbus 1");
    await type(inputByLabel(container, "Naam van de ondertekenaar"), "J. de Boer");
    await type(inputByLabel(container, "Functie van de ondertekenaar"), "Teamleider");
    await typeArea(container.querySelector("#settings-objectionAddress"), "Postbus 2");
    await type(inputByLabel(container, "Verrekengrens (procent van het leefgeld)"), "150");
    await submit(form(container));
    expect(container.querySelector("#settings-offsetLimitPercent-error")?.textContent).toBe(
      "Vul een heel getal in van 0 tot en met 100, of laat het veld leeg.",
    );
    await type(inputByLabel(container, "Verrekengrens (procent van het leefgeld)"), "15 %");
    await submit(form(container));
    expect(api.save).toHaveBeenCalledWith({
      accountName: "Gemeente Utrecht",
      iban: "NL91 ABNA 0417 1643 00",
      bic: null,
      senderBlock: "Gemeente Utrecht\nPostbus 1",
      signatureName: "J. de Boer",
      signatureTitle: "Teamleider",
      objectionAddress: "Postbus 2",
      offsetLimitPercent: 15,
      version: null,
    });
    expect(container.querySelector("[data-testid=settings-notice]")?.textContent).toBe(
      "De instellingen zijn opgeslagen.",
    );
  });

  it("shows the server's refusals at their fields, translated (IBAN check digits, BIC)", async () => {
    const api = fakeApi({
      save: vi.fn(async () => {
        throw new ApiError(400, "validation_error", "iban: checksum fails; bic: not a BIC", [
          { path: "iban", code: "iban_checksum", message: "checksum fails" },
          { path: "bic", code: "bic_format", message: "not a BIC" },
        ]);
      }),
    });
    const { container } = await render(<SettingsPage api={api} />, {
      user: demoUser("municipal_admin"),
      language: "uk",
    });
    expect(inputByLabel(container, "IBAN муніципалітету")?.value).toBe("NL94KNAB9585441698");
    await type(inputByLabel(container, "BIC"), "ABN");
    await submit(form(container));
    expect(api.save).toHaveBeenCalledWith(expect.objectContaining({ bic: "ABN", version: 1 }));
    expect(container.querySelector("#settings-iban-error")?.textContent).toContain(
      "контрольні цифри не відповідають",
    );
    expect(container.querySelector("#settings-bic-error")?.textContent).toContain("Це не BIC");
    expect(container.textContent).not.toContain("checksum fails");
    expect(container.textContent).not.toContain("iban_checksum");
  });

  it("loads the current settings when someone else saved first", async () => {
    let version = 1;
    const api = fakeApi({
      settings: vi.fn(async () => ({ ...recorded, version, signatureName: `v${version}` })),
      save: vi.fn(async () => {
        version = 2;
        throw new ApiError(409, "stale_version", "changed by someone else");
      }),
    });
    const { container } = await render(<SettingsPage api={api} />, {
      user: demoUser("municipal_admin"),
    });
    await type(inputByLabel(container, "Naam van de ondertekenaar"), "Mine");
    await submit(form(container));
    expect(container.querySelector("[data-testid=settings-notice]")?.textContent).toContain(
      "Iemand anders heeft de instellingen intussen gewijzigd",
    );
    expect(inputByLabel(container, "Naam van de ondertekenaar")?.value).toBe("v2");
  });

  it("shows the finance officer the settings to read, the offset limit in words", async () => {
    const api = fakeApi();
    const { container } = await render(<SettingsPage api={api} />, {
      user: demoUser("finance_officer"),
    });
    expect(form(container)).toBeNull();
    const view = container.querySelector("[data-testid=settings-view]");
    expect(view?.querySelector("[data-testid=settings-value-iban]")?.textContent).toContain(
      "NL94 KNAB 9585 4416 98",
    );
    expect(
      view?.querySelector("[data-testid=settings-value-offsetLimitPercent]")?.textContent,
    ).toContain("10% van het leefgeld van een maand");
    expect(view?.querySelector("[data-testid=settings-value-bic]")?.textContent).toContain(
      "Niet ingevuld",
    );
  });

  it("reads a percentage as typed", () => {
    expect(parsePercent("")).toBeNull();
    expect(parsePercent(" 10 ")).toBe(10);
    expect(parsePercent("10%")).toBe(10);
    expect(parsePercent("100")).toBe(100);
    expect(parsePercent("101")).toBeUndefined();
    expect(parsePercent("7,5")).toBeUndefined();
    expect(parsePercent("-1")).toBeUndefined();
  });
});
