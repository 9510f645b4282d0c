import { act } from "react";
import { afterEach, describe, expect, it, type Mocked, vi } from "vitest";
import { ApiError } from "../../api";
import { byText, cleanup, click, inputByLabel, render, submit, type } from "../../test/render";
import type { BankAccount, BankAccountApi } from "./api";
import { BankAccountSection } from "./BankAccountSection";

const members = [
  { personId: 7, name: "Olena Shevchenko" },
  { personId: 8, name: "Daryna Shevchenko" },
];
const names = new Map([...members.map((m) => [m.personId, m.name] as const), [9, "Taras Bondar"]]);

const sepa: BankAccount = {
  householdId: 12,
  method: "sepa",
  payeePersonId: 7,
  iban: "NL91ABNA0417164300",
  ibanMasked: "NL91 **** **** **** 4300",
  version: 2,
  updatedAt: "2026-12-01 10:00:00+00",
};

const none: BankAccount = {
  householdId: 12,
  method: "card_or_cash",
  payeePersonId: null,
  iban: null,
  ibanMasked: null,
  version: null,
  updatedAt: null,
};

function fakeApi(overrides: Partial<BankAccountApi> = {}): Mocked<BankAccountApi> {
  return {
    get: vi.fn(async () => sepa),
    save: vi.fn(async (_id, input) => ({
      ...sepa,
      payeePersonId: input.payeePersonId,
      version: 3,
    })),
    remove: vi.fn(async () => none),
    ...overrides,
  } as Mocked<BankAccountApi>;
}

async function choose(select: Element | null, value: string) {
  if (!(select instanceof HTMLSelectElement)) throw new Error("choose: no select");
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

const section = (api: BankAccountApi) => (
  <BankAccountSection householdId={12} members={members} names={names} canEdit api={api} />
);

const testId = (container: HTMLElement, id: string) =>
  container.querySelector(`[data-testid="${id}"]`);

describe("the household's bank account", () => {
  afterEach(cleanup);

  it("shows the payee and the masked IBAN, never the whole number", async () => {
    const { container } = await render(section(fakeApi()));
    expect(testId(container, "bank-account-method")?.textContent).toBe(
      "Overboeking naar een bankrekening (SEPA)",
    );
    expect(testId(container, "bank-account-payee")?.textContent).toBe("Olena Shevchenko");
    expect(testId(container, "bank-account-iban")?.textContent).toBe("NL91 **** **** **** 4300");
    expect(container.textContent).not.toContain("NL91ABNA0417164300");
    expect(testId(container, "bank-account-payee-left")).toBeNull();
  });

  it("records an account for a household paid by card or cash; the check digits are checked by the server", async () => {
    const api = fakeApi({
      get: vi.fn(async () => none),
      save: vi
        .fn()
        .mockRejectedValueOnce(
          new ApiError(400, "validation_error", "iban: checksum fails", [
            { path: "iban", code: "iban_checksum", message: "checksum fails" },
          ]),
        )
        .mockResolvedValueOnce({ ...sepa, payeePersonId: 8, version: 1 }),
    });
    const { container } = await render(section(api), { language: "uk" });
    expect(testId(container, "bank-account-none")?.textContent).toContain("карткою або готівкою");
    await click(byText(container, "button", "Внести банківський рахунок"));
    const form = testId(container, "bank-account-form");
    // Nothing chosen, nothing typed: said at the fields before anything is sent.
    await submit(form);
    expect(api.save).not.toHaveBeenCalled();
    expect(container.querySelector("#bank-payee-error")?.textContent).toBe("Це поле обов’язкове.");
    expect(container.querySelector("#bank-iban-error")?.textContent).toBe("Це поле обов’язкове.");

    await choose(container.querySelector("#bank-payee"), "8");
    await type(inputByLabel(container, "IBAN"), "NL91 ABNA 0417 1643 01");
    await submit(form);
    expect(api.save).toHaveBeenCalledWith(12, {
      payeePersonId: 8,
      iban: "NL91 ABNA 0417 1643 01",
      version: null,
    });
    expect(container.querySelector("#bank-iban-error")?.textContent).toContain(
      "контрольні цифри не відповідають номеру рахунку",
    );
    expect(container.querySelector("#bank-iban")?.getAttribute("aria-invalid")).toBe("true");
    expect(container.textContent).not.toContain("checksum fails");

    await type(inputByLabel(container, "IBAN"), "NL91 ABNA 0417 1643 00");
    await submit(form);
    expect(testId(container, "bank-account-form")).toBeNull();
    expect(testId(container, "bank-account-notice")?.textContent).toContain(
      "Банківський рахунок внесено",
    );
    expect(testId(container, "bank-account-payee")?.textContent).toBe("Daryna Shevchenko");
  });

  it("says at the payee when the server finds them no longer a member", async () => {
    const api = fakeApi({
      save: vi.fn(async () => {
        throw new ApiError(400, "validation_error", "no member", [
          { path: "payeePersonId", code: "payee_not_member", message: "no member" },
        ]);
      }),
    });
    const { container } = await render(section(api));
    await click(byText(container, "button", "Bankrekening wijzigen"));
    // The current payee is chosen; the IBAN is typed anew.
    expect(container.querySelector<HTMLSelectElement>("#bank-payee")?.value).toBe("7");
    expect(container.querySelector<HTMLInputElement>("#bank-iban")?.value).toBe("");
    await type(inputByLabel(container, "IBAN"), "NL91ABNA0417164300");
    await submit(testId(container, "bank-account-form"));
    expect(api.save).toHaveBeenCalledWith(12, {
      payeePersonId: 7,
      iban: "NL91ABNA0417164300",
      version: 2,
    });
    expect(container.querySelector("#bank-payee-error")?.textContent).toBe(
      "Deze persoon is vandaag geen lid van het huishouden. Kies een lid van het huishouden.",
    );
  });

  it("removes the account after asking, and reloads it when someone else changed it first", async () => {
    const api = fakeApi();
    const { container } = await render(section(api));
    await click(byText(container, "button", "Bankrekening verwijderen"));
    expect(testId(container, "bank-account-remove-confirm")?.textContent).toContain(
      "per kaart of contant",
    );
    await click(testId(container, "bank-account-remove-confirm-button"));
    expect(api.remove).toHaveBeenCalledWith(12, 2);
    expect(testId(container, "bank-account-method")?.textContent).toBe("Kaart of contant");
    expect(testId(container, "bank-account-notice")?.textContent).toContain("verwijderd");

    cleanup();
    const stale = fakeApi({
      remove: vi.fn(async () => {
        throw new ApiError(409, "stale_version", "changed");
      }),
    });
    const again = await render(section(stale));
    await click(byText(again.container, "button", "Bankrekening verwijderen"));
    await click(testId(again.container, "bank-account-remove-confirm-button"));
    expect(testId(again.container, "bank-account-notice")?.textContent).toContain(
      "Iemand anders heeft de bankrekening intussen gewijzigd",
    );
    expect(stale.get).toHaveBeenCalledTimes(2);
  });

  it("warns when the payee has left the household", async () => {
    const api = fakeApi({ get: vi.fn(async () => ({ ...sepa, payeePersonId: 9 })) });
    const { container } = await render(section(api));
    expect(testId(container, "bank-account-payee")?.textContent).toBe("Taras Bondar");
    expect(testId(container, "bank-account-payee-left")?.textContent).toContain(
      "geen lid van het huishouden",
    );
  });
});
