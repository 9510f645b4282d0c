import { act } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api";
import { byText, cleanup, click, inputByLabel, render, submit, type } from "../../test/render";
import type { Consent, ReturnApi, ReturnCase } from "./api";
import { ReturnSection } from "./ReturnSection";

const members = [
  { personId: 7, name: "Olena Shevchenko" },
  { personId: 8, name: "Daryna Shevchenko" },
];

function counselling(overrides: Partial<ReturnCase> = {}): ReturnCase {
  return {
    id: 40,
    householdId: 12,
    status: "counselling",
    plannedDeparture: null,
    departedOn: null,
    travelSupport: false,
    financialSupportCents: null,
    partnerMunicipality: null,
    version: 2,
    nextSteps: ["planned", "withdrawn"],
    events: [
      { status: "interest", on: "2026-05-01", note: null, by: "caseworker-utrecht", at: "x" },
      {
        status: "counselling",
        on: "2026-05-08",
        note: "first talk",
        by: "caseworker-utrecht",
        at: "x",
      },
    ],
    ...overrides,
  };
}

const noConsents = (): Consent[] =>
  (["ukrainian_authorities", "unity_hub", "partner_municipality", "iom"] as const).map(
    (purpose) => ({ purpose, given: false, givenAt: null, revokedAt: null }),
  );

function fakeApi(overrides: Partial<ReturnApi> = {}): ReturnApi {
  return {
    householdCase: vi.fn(async () => counselling()),
    openCase: vi.fn(async () => counselling({ status: "interest", version: 1 })),
    step: vi.fn(async () => counselling()),
    change: vi.fn(async () => counselling()),
    consents: vi.fn(async () => noConsents()),
    giveConsent: vi.fn(async (_personId, purpose) => ({
      purpose,
      given: true,
      givenAt: "2026-05-10 09:00:00+00",
      revokedAt: null,
    })),
    revokeConsent: vi.fn(async (_personId, purpose) => ({
      purpose,
      given: false,
      givenAt: "2026-05-10 09:00:00+00",
      revokedAt: "2026-05-11 09:00:00+00",
    })),
    ...overrides,
  };
}

const section = (api: ReturnApi, canEdit = true) => (
  <ReturnSection householdId={12} members={members} canEdit={canEdit} api={api} />
);

const buttonNamed = (root: ParentNode, text: string) => byText(root, "button", text);

describe("ReturnSection", () => {
  afterEach(cleanup);

  it("shows where the case stands as steps, the steps taken and the next steps, all translated", async () => {
    const { container } = await render(section(fakeApi()));
    const steps = container.querySelector("[data-testid=return-steps]")!;
    expect(steps.querySelector("[aria-current=step]")?.textContent).toBe(
      "Begeleiding (huidige stap)",
    );
    expect(steps.textContent).toContain("Belangstelling (afgerond)");
    expect(container.textContent).toContain("first talk");
    expect(buttonNamed(container, "Vertrek plannen")).toBeDefined();
    expect(buttonNamed(container, "Traject intrekken")).toBeDefined();
    expect(buttonNamed(container, "Vertrek registreren")).toBeUndefined();
    // Codes are never shown as they are stored.
    const text = container.textContent ?? "";
    for (const code of [
      "counselling",
      "interest",
      "withdrawn",
      "ukrainian_authorities",
      "unity_hub",
      "partner_municipality",
      "iom",
    ]) {
      expect(text).not.toContain(code);
    }
  });

  it("in Ukrainian too", async () => {
    const { container } = await render(section(fakeApi()), { language: "uk" });
    expect(container.querySelector("[aria-current=step]")?.textContent).toBe(
      "Консультування (поточний етап)",
    );
    expect(container.textContent).toContain("МОМ (Міжнародна організація з міграції)");
  });

  it("plans the departure with its date and the version read; the date is required", async () => {
    const api = fakeApi({
      step: vi.fn(async () =>
        counselling({
          status: "planned",
          plannedDeparture: "2026-06-15",
          version: 3,
          nextSteps: ["departed", "withdrawn"],
        }),
      ),
    });
    const { container } = await render(section(api));
    await click(buttonNamed(container, "Vertrek plannen"));
    const form = container.querySelector("[data-testid=return-step-form]");
    await submit(form);
    expect(api.step).not.toHaveBeenCalled();
    expect(container.querySelector("[data-testid=error-summary]")?.textContent).toContain(
      "Dit veld is verplicht.",
    );
    await type(inputByLabel(container, "Geplande vertrekdatum"), "2026-06-15");
    await submit(form);
    expect(api.step).toHaveBeenCalledWith(
      40,
      expect.objectContaining({
        status: "planned",
        plannedDeparture: "2026-06-15",
        version: 2,
      }),
    );
    expect(container.querySelector("[data-testid=return-notice]")?.textContent).toContain(
      "Vertrek gepland",
    );
    expect(buttonNamed(container, "Vertrek registreren")).toBeDefined();
  });

  it("warns that a departure ends the reception of every member", async () => {
    const api = fakeApi({
      householdCase: vi.fn(async () =>
        counselling({
          status: "planned",
          plannedDeparture: "2026-06-15",
          nextSteps: ["departed", "withdrawn"],
        }),
      ),
    });
    const { container } = await render(section(api));
    await click(buttonNamed(container, "Vertrek registreren"));
    expect(container.querySelector("[data-testid=return-step-form]")?.textContent).toContain(
      "eindigt de opvang van alle leden",
    );
  });

  it("says in words that the programme has set no financial support yet", async () => {
    const api = fakeApi({
      change: vi.fn(async () => {
        throw new ApiError(422, "financial_support_not_set_by_programme", "…", [
          {
            path: "financialSupport",
            code: "financial_support_not_set_by_programme",
            message: "…",
            params: { parameter: "terugkeer.financial-support.per-person", on: "2026-06-15" },
          },
        ]);
      }),
    });
    const { container } = await render(section(api));
    await click(buttonNamed(container, "Ondersteuning wijzigen"));
    await click(container.querySelector("#return-support-financial"));
    await submit(container.querySelector("[data-testid=return-support-form]"));
    expect(api.change).toHaveBeenCalledWith(
      40,
      expect.objectContaining({ financialSupport: true, version: 2 }),
    );
    expect(container.querySelector("[data-testid=error-summary]")?.textContent).toContain(
      "Het terugkeerprogramma heeft nog geen bedrag voor financiële steun vastgesteld",
    );
  });

  it("offers to open a case when there is none", async () => {
    const api = fakeApi({ householdCase: vi.fn(async () => null) });
    const { container } = await render(section(api));
    expect(container.querySelector("[data-testid=return-none]")).not.toBeNull();
    await click(buttonNamed(container, "Terugkeertraject openen"));
    await submit(container.querySelector("[data-testid=return-open-form]"));
    expect(api.openCase).toHaveBeenCalledWith(12, null);
    expect(container.querySelector("[data-testid=return-status]")?.textContent).toContain(
      "Belangstelling",
    );
  });

  it("gives and revokes a member's consent per purpose with a checkbox", async () => {
    const api = fakeApi();
    const { container } = await render(section(api));
    const iom = container.querySelector<HTMLInputElement>("#return-consent-7-iom")!;
    expect(iom.checked).toBe(false);
    await click(iom);
    expect(api.giveConsent).toHaveBeenCalledWith(7, "iom");
    expect(container.querySelector<HTMLInputElement>("#return-consent-7-iom")!.checked).toBe(true);
    expect(container.querySelector("[data-testid=return-consents-7]")?.textContent).toContain(
      "Gegeven op",
    );
    await click(container.querySelector("#return-consent-7-iom"));
    expect(api.revokeConsent).toHaveBeenCalledWith(7, "iom");
    expect(container.querySelector<HTMLInputElement>("#return-consent-7-iom")!.checked).toBe(false);
    // The other member's consent is their own.
    expect(container.querySelector<HTMLInputElement>("#return-consent-8-iom")!.checked).toBe(false);
  });

  it("a reader sees the case and the consents without any action", async () => {
    const { container } = await render(section(fakeApi(), false));
    expect(container.querySelector("[data-testid=return-actions]")).toBeNull();
    expect(container.querySelector("input[type=checkbox]")).toBeNull();
    expect(container.querySelector("[data-testid=return-consents-7]")?.textContent).toContain(
      "IOM (Internationale Organisatie voor Migratie): Niet gegeven",
    );
  });

  it("a stale version reloads the case and says so", async () => {
    const api = fakeApi({
      step: vi.fn(async () => {
        throw new ApiError(409, "conflict", "changed");
      }),
    });
    const { container } = await render(section(api));
    await click(buttonNamed(container, "Traject intrekken"));
    await act(async () => undefined);
    await submit(container.querySelector("[data-testid=return-step-form]"));
    expect(container.querySelector("[data-testid=return-notice]")?.textContent).toContain(
      "Iemand anders heeft het terugkeertraject intussen gewijzigd",
    );
    expect(api.householdCase).toHaveBeenCalledTimes(2);
  });
});
