import { act } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { IncomeSource } from "../../../../src/domain/enums";
import { ApiError } from "../../api";
import {
  byText,
  cleanup,
  click,
  demoUser,
  inputByLabel,
  render,
  settle,
  submit,
  type,
} from "../../test/render";
import { incomesApi } from "../incomes/api";
import { peekListFlash, setFlash } from "./flash";
import { formatDate, formatDateInput, todayNl } from "./format";
import { HouseholdPage } from "./HouseholdPage";
import { HouseholdsStart } from "./HouseholdsPage";
import type { HouseholdListApi } from "./household-list-api";
import type { GemeentePeriod, Household, RegistryApi, TransferInput } from "./registry-api";

// The return section asks its own API: answered from memory (a household without a case).
vi.mock("../return/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../return/api")>()),
  returnApi: { householdCase: vi.fn(async () => null), consents: vi.fn(async () => []) },
}));

// Corrections and removals of incomes go to the incomes API: spies here.
vi.mock("../incomes/api", async (importOriginal) => {
  const original = await importOriginal<typeof import("../incomes/api")>();
  return {
    ...original,
    incomesApi: {
      ...original.incomesApi,
      correctIncome: vi.fn(async () => ({})),
      removeIncome: vi.fn(async () => undefined),
    },
  };
});

// The bank account section asks its own API: answered from memory (paid by card or cash).
vi.mock("../bank-account/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../bank-account/api")>()),
  bankAccountApi: {
    get: vi.fn(async (householdId: number) => ({
      householdId,
      method: "card_or_cash",
      payeePersonId: null,
      iban: null,
      ibanMasked: null,
      version: null,
      updatedAt: null,
    })),
  },
}));

// The transition section asks its own API: answered from memory (nothing recorded yet).
vi.mock("../transition/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../transition/api")>()),
  transitionApi: {
    household: vi.fn(async (householdId: number) => ({
      householdId,
      version: 0,
      rtbEnd: "2027-03-04",
      daysLeft: 90,
      incomePath: "none",
      participatiewet: { filedOn: null, decidedOn: null, outcome: null },
      housing: { plan: null, from: null, rentCents: null },
      members: [],
      missing: [],
      restsOnScenario: false,
    })),
  },
}));

const person = {
  id: 7,
  gemeenteCode: "GM0344",
  bsn: "111222333",
  vNumber: null,
  familyName: "Shevchenko",
  givenNames: "Olena",
  familyNameCyrillic: "Шевченко",
  givenNamesCyrillic: "Олена",
  birthDate: "1968-00-00",
  sex: "V" as const,
  nationalityCode: "0034",
  protectionStart: null,
  brpRegistrationDate: null,
  brpGemeenteCode: null,
  contactLanguage: "uk" as const,
  version: 1,
  updatedAt: "2024-01-01 10:00:00+00",
};

function household(version: number): Household {
  return {
    id: 12,
    label: "Shevchenko",
    gemeenteCode: "GM0344",
    version,
    members: [
      {
        membershipId: 3,
        role: "head",
        validFrom: "2024-01-01",
        validTo: null,
        reason: "arrival",
        person,
      },
    ],
    history: [
      {
        id: 1,
        at: "2024-01-01 10:00:00+00",
        username: "caseworker-utrecht",
        role: "caseworker",
        action: "create",
        entityType: "household",
        entityId: "12",
        personId: null,
        fields: null,
        reason: null,
      },
    ],
  };
}

function fakeApi(overrides: Partial<RegistryApi> = {}): RegistryApi {
  return {
    household: vi.fn(async () => household(1)),
    placements: vi.fn(async () => ({
      householdId: 12,
      on: "2026-11-22",
      current: [],
      past: [],
      future: [],
    })),
    entitlement: vi.fn(async () => ({
      month: "2026-11",
      inReception: true,
      calculation: {
        month: "2026-11",
        reception: "goo-catering",
        householdSize: 1,
        adults: 1,
        incomeCents: 0,
        leefgeld: { fullCents: 123456, withdrawnCents: 0, paidCents: 123456 },
        eigenBijdrage: { fullCents: 0, chargedCents: 0, exploitationCents: 0, cateringCents: 0 },
        thresholds: null,
        explanation: "Uw huishouden van 1 persoon heeft recht op € 1.234,56 leefgeld.",
      },
    })),
    changes: vi.fn(async () => [
      {
        month: "2026-03",
        decisionId: 40,
        before: { leefgeldPaidCents: 10000, eigenBijdrageChargedCents: 0 },
        now: { leefgeldPaidCents: 12500, eigenBijdrageChargedCents: 0 },
        difference: { leefgeldCents: 2500, eigenBijdrageCents: 0, netCents: 2500 },
      },
    ]),
    incomes: vi.fn(async () => ({ personId: 7, months: [] })),
    locations: vi.fn(async () => []),
    decisions: vi.fn(async () => [
      {
        id: 40,
        householdId: 12,
        month: "2026-03",
        kind: "manual",
        reason: "first month",
        leefgeldPaidCents: 10000,
        eigenBijdrageChargedCents: 0,
        lawHash: "ab".repeat(32),
        engineVersion: "2026.12.1",
        decidedBy: "caseworker-utrecht",
        decidedAt: "2026-04-02 09:00:00+00",
      },
    ]),
    decide: vi.fn(async (_id: number, month: string, reason: string) => ({
      id: 41,
      householdId: 12,
      month,
      kind: "manual",
      reason,
      leefgeldPaidCents: 123456,
      eigenBijdrageChargedCents: 0,
      lawHash: "ab".repeat(32),
      engineVersion: "2026.12.1",
      decidedBy: "caseworker-utrecht",
      decidedAt: "2026-11-22 09:00:00+00",
    })),
    gemeentePeriods: vi.fn(
      async (): Promise<GemeentePeriod[]> => [
        {
          gemeenteCode: "GM0344",
          gemeenteName: "Utrecht",
          validFrom: null,
          validTo: null,
          reason: null,
        },
      ],
    ),
    gemeenten: vi.fn(async () => [
      { code: "GM0363", name: "Amsterdam", veiligheidsregioCode: "VR13" },
      { code: "GM0599", name: "Rotterdam", veiligheidsregioCode: "VR17" },
      { code: "GM0344", name: "Utrecht", veiligheidsregioCode: "VR09" },
    ]),
    transfer: vi.fn(async (householdId: number, input: TransferInput) => ({
      householdId,
      gemeenteCode: input.gemeente,
      from: input.from,
      version: input.version + 1,
      personIds: [7],
    })),
    ...overrides,
  } as unknown as RegistryApi;
}

describe("household page", () => {
  afterEach(cleanup);

  it("shows members, this month's leefgeld in euros with the explanation, and changes", async () => {
    const api = fakeApi();
    const { container } = await render(<HouseholdPage id={12} api={api} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    expect(container.querySelector("h1")?.textContent).toBe("Huishouden Shevchenko");
    expect(container.querySelector('[data-testid="members"]')?.textContent).toContain("Шевченко");
    expect(container.querySelector('[data-testid="leefgeld-paid"]')?.textContent).toBe(
      "€ 1.234,56",
    );
    expect(
      container.querySelector('[data-testid="entitlement-explanation"]')?.textContent,
    ).toContain("recht op");
    expect(api.entitlement).toHaveBeenCalledWith(12, expect.stringMatching(/^\d{4}-\d{2}$/), "nl");
    expect(container.querySelector('[data-testid="change-2026-03"]')?.textContent).toContain(
      "+ € 25,00",
    );
    expect(container.querySelector('[data-testid="history"]')?.textContent).toContain(
      "caseworker-utrecht",
    );
  });

  it("warns, by name, about a child who has turned 18 and no longer counts", async () => {
    const base = fakeApi();
    const api = fakeApi({
      entitlement: vi.fn(async () => ({
        ...(await base.entitlement(12, "2026-11", "nl")),
        facts: {
          month: "2026-11",
          reception: "goo-catering" as const,
          members: [],
          notices: [{ personId: 7, code: "child_turned_18" as const, message: "is 18 or older" }],
        },
      })),
    });
    const { container } = await render(<HouseholdPage id={12} api={api} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    const notice = container.querySelector('[data-testid="entitlement-notice"]')?.textContent;
    expect(notice).toContain("18 jaar of ouder");
    expect(notice).not.toContain("#7");
  });

  it("says by name when leefgeld ends with a member's protection, with the last day", async () => {
    const base = fakeApi();
    const api = fakeApi({
      entitlement: vi.fn(async () => ({
        ...(await base.entitlement(12, "2026-11", "nl")),
        supportEnded: [{ personId: 7, lastDay: "2027-03-04" }],
      })),
    });
    const { container } = await render(<HouseholdPage id={12} api={api} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    const notice = container.querySelector(
      '[data-testid="entitlement-support-ended"]',
    )?.textContent;
    expect(notice).toContain("4 mrt 2027");
    expect(notice).toContain("geen recht meer op leefgeld");
    expect(notice).not.toContain("#7");
  });

  it("lists the page's sections to jump to, and pages the history beyond its first 200 records", async () => {
    const entry = (id: number) => ({
      id,
      at: "2024-01-01 10:00:00+00",
      username: "caseworker-utrecht",
      role: "caseworker",
      action: "update",
      entityType: "household",
      entityId: "12",
      personId: null,
      fields: null,
      reason: null,
    });
    const full = {
      ...household(1),
      history: Array.from({ length: 200 }, (_, i) => entry(1000 - i)),
    };
    const history = vi.fn(async () => ({ entries: [entry(700), entry(699)], nextBefore: null }));
    const api = fakeApi({ household: vi.fn(async () => full), history });
    const { container } = await render(<HouseholdPage id={12} api={api} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    const links = [...container.querySelectorAll("[data-testid=household-sections] a")];
    expect(links.map((a) => a.getAttribute("href"))).toContain("#section-history");
    for (const a of links) {
      expect(container.querySelector(a.getAttribute("href")!)).not.toBeNull();
    }
    expect(links[0]?.textContent).toBe("Leden");
    await click(container.querySelector("[data-testid=history-more]"));
    await settle();
    expect(history).toHaveBeenCalledWith(12, 801, 50);
    const rows = container.querySelectorAll("[data-testid=history] tbody tr");
    expect(rows.length).toBe(202);
    // The last page said there is no more.
    expect(container.querySelector("[data-testid=history-more]")).toBeNull();
  });

  it("says a household of another municipality is not found, without crashing", async () => {
    const api = fakeApi({
      household: vi.fn(async () => {
        throw new ApiError(404, "not_found", "household not found");
      }),
      placements: vi.fn(async () => {
        throw new ApiError(404, "not_found", "household not found");
      }),
    });
    const { container } = await render(<HouseholdPage id={999} api={api} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    expect(container.querySelector('[data-testid="household-not-found"]')?.textContent).toContain(
      "hoort niet bij uw gemeente",
    );
  });

  it("reloads the current version after a conflict and says so", async () => {
    let version = 1;
    const api = fakeApi({
      household: vi.fn(async () => household(version)),
      endMember: vi.fn(async () => {
        version = 2;
        throw new ApiError(409, "conflict", "the household was changed by someone else");
      }),
    });
    const { container } = await render(<HouseholdPage id={12} api={api} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    await click(byText(container, "button", "Beëindigen"));
    await type(inputByLabel(container, "Reden"), "departure");
    await submit(container.querySelector('[data-testid="end-member-form"]'));
    await settle();
    expect(api.endMember).toHaveBeenCalledWith(12, 3, expect.objectContaining({ version: 1 }));
    expect(container.querySelector('[data-testid="household-notice"]')?.textContent).toContain(
      "Iemand anders heeft dit huishouden intussen gewijzigd",
    );
    expect(api.household).toHaveBeenCalledTimes(2);
  });

  it("is read-only for a finance officer, who may still acknowledge changes", async () => {
    const { container } = await render(<HouseholdPage id={12} api={fakeApi()} />, {
      user: demoUser("finance_officer"),
    });
    await settle();
    expect(byText(container, "button", "Beëindigen")).toBeUndefined();
    expect(byText(container, "button", "Lid toevoegen")).toBeUndefined();
    expect(byText(container, "button", "Gekozen maanden opnieuw besluiten")).toBeDefined();
    expect(container.querySelector('[data-testid="decide-month"]')).not.toBeNull();
  });

  it("lists the household's decisions and compares changes with the latest decision", async () => {
    const { container } = await render(<HouseholdPage id={12} api={fakeApi()} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    const row = container.querySelector('[data-testid="decision-40"]')?.textContent;
    expect(row).toContain("Met de hand");
    expect(row).toContain("€ 100,00");
    expect(row).toContain("caseworker-utrecht");
    expect(container.querySelector('[data-testid="changes"]')?.textContent).toContain(
      "Leefgeld besloten",
    );
  });

  it("decides the shown month with a reason and lists it", async () => {
    const api = fakeApi();
    const { container } = await render(<HouseholdPage id={12} api={api} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    const form = container.querySelector('[data-testid="decide-month"]');
    await submit(form);
    await settle();
    expect(api.decide).not.toHaveBeenCalled();
    expect(form?.textContent).toContain("Geef een reden");
    await type(form!.querySelector<HTMLInputElement>("#decide-reason")!, "first month");
    await submit(form);
    await settle();
    expect(api.decide).toHaveBeenCalledWith(
      12,
      expect.stringMatching(/^\d{4}-\d{2}$/),
      "first month",
    );
    expect(container.querySelector('[data-testid="household-notice"]')?.textContent).toMatch(
      /Over .+ is besloten/,
    );
    expect(api.decisions).toHaveBeenCalledTimes(2);
  });

  it("a decision of a month without anyone in reception says so", async () => {
    const api = fakeApi({
      decide: vi.fn(async () => {
        throw new ApiError(409, "conflict", "no member of the household was in reception");
      }),
    });
    const { container } = await render(<HouseholdPage id={12} api={api} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    const form = container.querySelector('[data-testid="decide-month"]');
    await type(form!.querySelector<HTMLInputElement>("#decide-reason")!, "first month");
    await submit(form);
    await settle();
    expect(form?.textContent).toContain("er valt niets te besluiten");
  });

  it("shows the return section to whom may read it, with actions only for the caseworker", async () => {
    const caseworker = await render(<HouseholdPage id={12} api={fakeApi()} />, {
      user: demoUser("caseworker"),
    });
    expect(caseworker.container.querySelector("[data-testid=return-none]")).not.toBeNull();
    expect(byText(caseworker.container, "button", "Terugkeertraject openen")).toBeDefined();
    cleanup();
    const admin = await render(<HouseholdPage id={12} api={fakeApi()} />, {
      user: demoUser("municipal_admin"),
    });
    expect(admin.container.querySelector("[data-testid=return]")).not.toBeNull();
    expect(byText(admin.container, "button", "Terugkeertraject openen")).toBeUndefined();
    cleanup();
    const without = await render(<HouseholdPage id={12} api={fakeApi()} />, {
      user: demoUser("caseworker", {
        permissions: demoUser("caseworker").permissions!.filter((p) => !p.startsWith("return.")),
      }),
    });
    expect(without.container.querySelector("[data-testid=return]")).toBeNull();
  });

  it("shows the transition section to whom may read it, with forms only for the caseworker", async () => {
    const caseworker = await render(<HouseholdPage id={12} api={fakeApi()} />, {
      user: demoUser("caseworker"),
    });
    const section = caseworker.container.querySelector("[data-testid=transition]");
    expect(section?.querySelector("h2")?.textContent).toBe("Overgang 4 maart 2027");
    expect(section?.querySelector("[data-testid=transition-missing-none]")).not.toBeNull();
    expect(
      byText(caseworker.container, "button", "Participatiewet en woonplan wijzigen"),
    ).toBeDefined();
    cleanup();
    const finance = await render(<HouseholdPage id={12} api={fakeApi()} />, {
      user: demoUser("finance_officer"),
    });
    expect(finance.container.querySelector("[data-testid=transition]")).not.toBeNull();
    expect(
      byText(finance.container, "button", "Participatiewet en woonplan wijzigen"),
    ).toBeUndefined();
    cleanup();
    const admin = await render(<HouseholdPage id={12} api={fakeApi()} />, {
      user: demoUser("municipal_admin"),
    });
    expect(admin.container.querySelector("[data-testid=transition]")).toBeNull();
  });

  it("shows the bank account section to whom may record it, listed among the sections", async () => {
    const caseworker = await render(<HouseholdPage id={12} api={fakeApi()} />, {
      user: demoUser("caseworker"),
    });
    const section = caseworker.container.querySelector("[data-testid=bank-account]");
    expect(section?.querySelector("h2")?.textContent).toBe("Bankrekening");
    expect(section?.querySelector("[data-testid=bank-account-none]")).not.toBeNull();
    expect(byText(caseworker.container, "button", "Bankrekening vastleggen")).toBeDefined();
    expect(
      caseworker.container.querySelector(
        '[data-testid=household-sections] a[href="#section-bankAccount"]',
      )?.textContent,
    ).toBe("Bankrekening");
    cleanup();
    const admin = await render(<HouseholdPage id={12} api={fakeApi()} />, {
      user: demoUser("municipal_admin"),
    });
    expect(admin.container.querySelector("[data-testid=bank-account]")).toBeNull();
    expect(admin.container.querySelector('a[href="#section-bankAccount"]')).toBeNull();
  });

  it("a municipal admin sees no decisions form", async () => {
    const { container } = await render(<HouseholdPage id={12} api={fakeApi()} />, {
      user: demoUser("municipal_admin"),
    });
    await settle();
    expect(container.querySelector('[data-testid="decide-month"]')).toBeNull();
  });

  it("confirms a household just registered, with its members", async () => {
    setFlash(12, "registered");
    const { container } = await render(<HouseholdPage id={12} api={fakeApi()} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    const notice = container.querySelector('[data-testid="household-notice"]');
    expect(notice?.textContent).toBe(
      "Het huishouden Shevchenko is geregistreerd, met 1 lid: Olena Shevchenko.",
    );
    expect(notice?.querySelector('[role="status"]')).not.toBeNull();
  });

  it("shows stored codes in the reader's language: a membership's reason and the history's", async () => {
    const coded = household(1);
    coded.history.push({
      id: 2,
      at: "2024-01-02 10:00:00+00",
      username: "caseworker-utrecht",
      role: "caseworker",
      action: "decide",
      entityType: "decision",
      entityId: "40",
      personId: 7,
      fields: null,
      reason: '{"code":"decide","kind":"manual","month":"2026-11","note":"eerste maand"}',
    });
    const api = fakeApi({ household: vi.fn(async () => coded) });
    const nl = await render(<HouseholdPage id={12} api={api} />, { user: demoUser("caseworker") });
    await settle();
    const members = nl.container.querySelector('[data-testid="members"]')?.textContent ?? "";
    expect(members).toContain("Aankomst");
    expect(members).not.toContain("arrival");
    const history = nl.container.querySelector('[data-testid="history"]')?.textContent ?? "";
    expect(history).toContain("Besluit over november 2026 (met de hand): eerste maand");
    expect(history).not.toContain('"code"');
    cleanup();
    const uk = await render(<HouseholdPage id={12} api={api} />, {
      user: demoUser("caseworker"),
      language: "uk",
    });
    await settle();
    expect(uk.container.querySelector('[data-testid="members"]')?.textContent).toContain(
      "Прибуття",
    );
  });

  it("corrects an income with a reason and the version read; an imported one explains what to do", async () => {
    const income = (id: number, source: IncomeSource, version: number) => ({
      id,
      personId: 7,
      month: "2026-07",
      netCents: 100000,
      kind: "work" as const,
      source,
      payer: "Albert Heijn",
      receivedAt: "2026-07-31 10:00:00+00",
      version,
    });
    const api = fakeApi({
      incomes: vi.fn(async () => ({
        personId: 7,
        months: [
          {
            month: "2026-07",
            totalsBySource: {},
            incomes: [income(5, "caseworker", 2), income(6, "inlichtingenbureau", 1)],
          },
        ],
      })),
    });
    const { container } = await render(<HouseholdPage id={12} api={api} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    await click(container.querySelector('[data-testid="income-correct-5"]'));
    const form = container.querySelector('[data-testid="income-correct-form"]');
    expect(form?.querySelector("h3")?.textContent).toBe("Inkomen van juli 2026 corrigeren");
    await type(inputByLabel(container, "Netto bedrag"), "1200,00");
    await submit(form);
    expect(container.querySelector('[data-testid="error-summary"]')?.textContent).toContain(
      "Reden van de correctie: Geef een reden op.",
    );
    expect(incomesApi.correctIncome).not.toHaveBeenCalled();
    await type(inputByLabel(container, "Reden van de correctie"), "loonstrook toont 1200");
    await submit(form);
    expect(incomesApi.correctIncome).toHaveBeenCalledWith(
      5,
      expect.objectContaining({
        month: "2026-07",
        netCents: 120000,
        source: "caseworker",
        reason: "loonstrook toont 1200",
        version: 2,
      }),
    );
    expect(container.querySelector('[data-testid="income-message"]')?.textContent).toBe(
      "Het inkomen van juli 2026 is gecorrigeerd.",
    );

    // Someone else changed it meanwhile: 409, reloaded, said so.
    vi.mocked(incomesApi.correctIncome).mockRejectedValueOnce(
      new ApiError(409, "conflict", "changed", [], { id: 5, version: 3 }),
    );
    await click(container.querySelector('[data-testid="income-correct-5"]'));
    await type(inputByLabel(container, "Reden van de correctie"), "nog eens");
    await submit(container.querySelector('[data-testid="income-correct-form"]'));
    expect(container.querySelector('[data-testid="income-changed"]')?.textContent).toContain(
      "Iemand anders heeft dit inkomen intussen gewijzigd",
    );

    // An Inlichtingenbureau row cannot be changed: no removal, and the way to correct it.
    expect(container.querySelector('[data-testid="income-remove-6"]')).toBeNull();
    await click(container.querySelector('[data-testid="income-correct-6"]'));
    const imported = container.querySelector('[data-testid="income-imported"]')?.textContent;
    expect(imported).toContain("Vastgesteld door casemanager");
    expect(imported).toContain("u kunt het niet corrigeren of verwijderen");
  });

  it("shows no income actions to a finance officer", async () => {
    const api = fakeApi({
      incomes: vi.fn(async () => ({
        personId: 7,
        months: [
          {
            month: "2026-07",
            totalsBySource: {},
            incomes: [
              {
                id: 5,
                personId: 7,
                month: "2026-07",
                netCents: 100000,
                kind: "work" as const,
                source: "caseworker" as const,
                payer: null,
                receivedAt: "2026-07-31 10:00:00+00",
                version: 1,
              },
            ],
          },
        ],
      })),
    });
    const { container } = await render(<HouseholdPage id={12} api={api} />, {
      user: demoUser("finance_officer"),
    });
    await settle();
    expect(container.querySelector('[data-testid="income-5"]')).not.toBeNull();
    expect(container.querySelector('[data-testid="income-correct-5"]')).toBeNull();
  });
});

describe("transfer to another municipality", () => {
  afterEach(cleanup);

  const section = (container: HTMLElement) =>
    container.querySelector<HTMLElement>('[data-testid="gemeente"]');

  const choose = async (container: HTMLElement, id: string, value: string) => {
    const element = container.querySelector<HTMLSelectElement>(`#${id}`);
    if (!element) throw new Error(`no select #${id}`);
    await act(async () => {
      element.value = value;
      element.dispatchEvent(new Event("change", { bubbles: true }));
    });
  };

  /** Opens the form, fills it in (Amsterdam, today as the form proposes) and confirms it. */
  async function transferToAmsterdam(container: HTMLElement) {
    await click(byText(container, "button", "Overdragen aan een andere gemeente"));
    await choose(container, "transfer-gemeente", "GM0363");
    await type(inputByLabel(container, "Reden"), "verhuisd naar familie");
    await submit(container.querySelector('[data-testid="transfer-form"]'));
    await click(byText(container, "button", "Overdragen aan Amsterdam"));
  }

  it("shows the municipalities over time, listed among the sections", async () => {
    const api = fakeApi({
      gemeentePeriods: vi.fn(async () => [
        {
          gemeenteCode: "GM0344",
          gemeenteName: "Utrecht",
          validFrom: null,
          validTo: "2026-12-04",
          reason: null,
        },
        {
          gemeenteCode: "GM0363",
          gemeenteName: "Amsterdam",
          validFrom: "2026-12-05",
          validTo: null,
          reason: "verhuisd naar familie",
        },
      ]),
    });
    const { container } = await render(<HouseholdPage id={12} api={api} />, {
      user: demoUser("caseworker"),
    });
    expect(api.gemeentePeriods).toHaveBeenCalledWith(12);
    expect(section(container)?.querySelector("h2")?.textContent).toBe("Gemeente");
    const rows = [...container.querySelectorAll('[data-testid="gemeente-period"]')].map((row) =>
      [...row.children].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ["Utrecht", "Sinds de registratie", "4 dec 2026", "Afgelopen", "—"],
      ["Amsterdam", "5 dec 2026", "—", "Huidig", "verhuisd naar familie"],
    ]);
    expect(
      container.querySelector('[data-testid=household-sections] a[href="#section-gemeente"]')
        ?.textContent,
    ).toBe("Gemeente");
  });

  it("offers the transfer only with the permission to transfer", async () => {
    const caseworker = await render(<HouseholdPage id={12} api={fakeApi()} />, {
      user: demoUser("caseworker"),
    });
    expect(
      byText(caseworker.container, "button", "Overdragen aan een andere gemeente"),
    ).toBeDefined();
    cleanup();
    for (const user of [
      demoUser("finance_officer"),
      demoUser("municipal_admin"),
      demoUser("caseworker", {
        permissions: demoUser("caseworker").permissions!.filter((p) => p !== "households.transfer"),
      }),
    ]) {
      const { container } = await render(<HouseholdPage id={12} api={fakeApi()} />, { user });
      expect(section(container)?.textContent).toContain("Utrecht");
      expect(container.querySelector('[data-testid="transfer-open"]')).toBeNull();
      cleanup();
    }
  });

  it("checks the form, and confirms in plain words what will happen", async () => {
    const api = fakeApi();
    const { container } = await render(<HouseholdPage id={12} api={api} />, {
      user: demoUser("caseworker"),
    });
    await click(byText(container, "button", "Overdragen aan een andere gemeente"));
    const select = container.querySelector<HTMLSelectElement>("#transfer-gemeente");
    // The household's own municipality is no choice; the others by name.
    expect([...(select?.options ?? [])].map((o) => o.textContent)).toEqual([
      "Kies een gemeente",
      "Amsterdam",
      "Rotterdam",
    ]);
    expect(inputByLabel(container, "Eerste dag bij de nieuwe gemeente")?.value).toBe(
      formatDateInput(todayNl(), "nl"),
    );
    await submit(container.querySelector('[data-testid="transfer-form"]'));
    const summary = container.querySelector('[data-testid="error-summary"]');
    expect(document.activeElement).toBe(summary);
    expect(summary?.textContent).toContain("Nieuwe gemeente: Kies een gemeente.");
    expect(summary?.textContent).toContain("Reden: Geef een reden op.");

    await choose(container, "transfer-gemeente", "GM0363");
    await type(inputByLabel(container, "Reden"), "verhuisd naar familie");
    await submit(container.querySelector('[data-testid="transfer-form"]'));
    expect(api.transfer).not.toHaveBeenCalled();
    const confirm = container.querySelector('[data-testid="transfer-confirm"]');
    expect(document.activeElement).toBe(confirm?.querySelector("h3"));
    const text = confirm?.textContent ?? "";
    expect(text).toContain(
      `Vanaf ${formatDate(todayNl(), "nl")} horen huishouden Shevchenko en zijn leden (Olena Shevchenko) bij de gemeente Amsterdam.`,
    );
    expect(text).toContain("Daarna ziet u het huishouden en deze personen niet meer");
    expect(text).toContain("Reden: verhuisd naar familie");

    // Back to the form: what was filled in stays.
    await click(byText(container, "button", "Gegevens wijzigen"));
    expect(container.querySelector<HTMLSelectElement>("#transfer-gemeente")?.value).toBe("GM0363");
    expect(document.activeElement?.id).toBe("transfer-gemeente");
  });

  it("shows a refused transfer at its fields in the reader's language, never the server's English", async () => {
    const refusal = new ApiError(400, "validation_error", "from: must be after 2026-12-04", [
      {
        path: "from",
        code: "before_current_period",
        message: "must be after 2026-12-04, when the current period with GM0344 began",
        params: { date: "2026-12-05" },
      },
      { path: "reason", code: "some_future_code", message: "an English sentence" },
      { path: "household", code: "member_elsewhere", message: "1 member(s) are elsewhere" },
    ]);
    const api = fakeApi({
      transfer: vi.fn(async () => {
        throw refusal;
      }),
    });
    const nl = await render(<HouseholdPage id={12} api={api} />, { user: demoUser("caseworker") });
    await transferToAmsterdam(nl.container);
    expect(api.transfer).toHaveBeenCalledWith(12, {
      gemeente: "GM0363",
      from: todayNl(),
      reason: "verhuisd naar familie",
      version: 1,
    });
    // Back at the form, the summary focused, each problem at its field.
    const summary = nl.container.querySelector('[data-testid="error-summary"]');
    expect(document.activeElement).toBe(summary);
    expect(nl.container.querySelector("#transfer-from-error")?.textContent).toBe(
      "Deze datum ligt niet na het begin van de huidige periode bij uw gemeente. Kies 5 dec 2026 of later.",
    );
    expect(nl.container.querySelector("#transfer-reason-error")?.textContent).toBe(
      "Dit veld is niet goed ingevuld.",
    );
    expect(summary?.textContent).toContain("horen al bij een andere gemeente");
    expect(section(nl.container)?.textContent).not.toMatch(/must be|English|elsewhere/);
    expect(window.location.pathname).not.toBe("/households");
    cleanup();

    const uk = await render(<HouseholdPage id={12} api={api} />, {
      user: demoUser("caseworker"),
      language: "uk",
    });
    await click(byText(uk.container, "button", "Передати іншому муніципалітету"));
    await choose(uk.container, "transfer-gemeente", "GM0363");
    await type(inputByLabel(uk.container, "Причина"), "переїзд до родини");
    await submit(uk.container.querySelector('[data-testid="transfer-form"]'));
    await click(byText(uk.container, "button", "Передати муніципалітету Amsterdam"));
    expect(uk.container.querySelector("#transfer-from-error")?.textContent).toBe(
      `Ця дата не пізніша за початок поточного періоду у вашому муніципалітеті. Виберіть ${formatDate("2026-12-05", "uk")} або пізнішу дату.`,
    );
    expect(uk.container.querySelector("#transfer-reason-error")?.textContent).toBe(
      "Це поле заповнено неправильно.",
    );
    expect(section(uk.container)?.textContent).not.toMatch(/must be|English|elsewhere/);
  });

  it("a transfer refused for a stale version reloads the household and says so", async () => {
    let version = 1;
    const api = fakeApi({
      household: vi.fn(async () => household(version)),
      transfer: vi.fn(async () => {
        version = 2;
        throw new ApiError(409, "conflict", "the household was changed by someone else");
      }),
    });
    const { container } = await render(<HouseholdPage id={12} api={api} />, {
      user: demoUser("caseworker"),
    });
    await transferToAmsterdam(container);
    await settle();
    expect(container.querySelector('[data-testid="household-notice"]')?.textContent).toContain(
      "Iemand anders heeft dit huishouden intussen gewijzigd",
    );
    expect(api.household).toHaveBeenCalledTimes(2);
    expect(container.querySelector('[data-testid="transfer-form"]')).not.toBeNull();
  });

  it("a successful transfer goes to the households list, which says so once", async () => {
    window.history.replaceState(null, "", "/households/12");
    const api = fakeApi();
    const page = await render(<HouseholdPage id={12} api={api} />, {
      user: demoUser("caseworker"),
    });
    await transferToAmsterdam(page.container);
    expect(api.transfer).toHaveBeenCalledWith(12, expect.objectContaining({ gemeente: "GM0363" }));
    expect(window.location.pathname).toBe("/households");
    page.unmount();

    const listApi: HouseholdListApi = {
      listHouseholds: vi.fn(async () => ({
        today: todayNl(),
        latestMonth: "2026-11",
        total: 0,
        offset: 0,
        limit: 25,
        items: [],
      })),
    };
    const list = await render(<HouseholdsStart api={api} listApi={listApi} />, {
      user: demoUser("caseworker"),
    });
    const notice = list.container.querySelector('[data-testid="households-notice"]');
    expect(notice?.textContent).toBe(
      `Huishouden Shevchenko overgedragen aan Amsterdam per ${formatDate(todayNl(), "nl")}.`,
    );
    expect(notice?.querySelector('[role="status"]')).not.toBeNull();
    expect(peekListFlash()).toBeNull();
  });
});
