import { act } from "react";
import { afterEach, describe, expect, it, type Mocked, vi } from "vitest";
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
import type { HouseholdMember, HouseholdTransition, TransitionApi } from "./api";
import { TransitionSection } from "./TransitionSection";

function member(overrides: Partial<HouseholdMember> = {}): HouseholdMember {
  return {
    personId: 7,
    name: "Olena Shevchenko",
    role: "head",
    hasWork: false,
    version: 3,
    statusToday: "temporary_protection",
    statuses: [
      {
        kind: "temporary_protection",
        from: "2022-05-01",
        to: "2027-03-04",
        endReason: "rtb_end",
        recordedId: null,
      },
    ],
    transitiedocument: {
      eligibility: "unknown",
      outReason: null,
      conditions: [
        {
          condition: "protection_before_cutoff",
          state: "met",
          reason: null,
          source: "scenario",
          date: "2022-05-01",
        },
        {
          condition: "public_order",
          state: "unknown",
          reason: "public_order_missing",
          source: "ind",
          date: null,
        },
        {
          condition: "asylum_withdrawn",
          state: "unknown",
          reason: "asylum_withdrawal_missing",
          source: "caseworker",
          date: null,
        },
      ],
      cutoff: { date: "2026-12-01", basis: "scenario" },
      restsOnScenario: true,
      indDecision: null,
      indDecisionOn: null,
      indReference: null,
    },
    publicOrder: null,
    publicOrderOn: null,
    asylumWithdrawn: null,
    asylumWithdrawnOn: null,
    educationLevel: null,
    tuitionFrom: null,
    health: { zvwFrom: "2027-03-05", insuredOnSwitch: false, insurances: [] },
    supportUntil: "2027-03-04",
    ...overrides,
  };
}

function checklist(overrides: Partial<HouseholdTransition> = {}): HouseholdTransition {
  return {
    householdId: 12,
    version: 2,
    rtbEnd: "2027-03-04",
    daysLeft: 89,
    incomePath: "none",
    participatiewet: { filedOn: null, decidedOn: null, outcome: null },
    housing: { plan: null, from: null, rentCents: null },
    members: [member()],
    missing: [
      { code: "transitiedocument_unknown", personId: 7 },
      { code: "zvw_missing", personId: 7 },
      { code: "income_path_missing", personId: null },
      { code: "housing_plan_missing", personId: null },
    ],
    restsOnScenario: true,
    ...overrides,
  };
}

function fakeApi(overrides: Partial<TransitionApi> = {}) {
  return {
    household: vi.fn(async () => checklist()),
    savePerson: vi.fn(async () => ({ personId: 7, version: 4 })),
    saveHousehold: vi.fn(async () => ({ householdId: 12, version: 3 })),
    addInsurance: vi.fn(async () => ({ id: 1 })),
    addStatus: vi.fn(async () => ({ id: 1, ended: [] })),
    endStatus: vi.fn(async () => ({ id: 1 })),
    ...overrides,
  } as unknown as Mocked<TransitionApi>;
}

async function choose(select: Element | null, value: string) {
  if (!(select instanceof HTMLSelectElement)) throw new Error("choose: no select");
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

/** Codes the API sends that must never show as such on a screen. */
const CODES = [
  "temporary_protection",
  "public_order_missing",
  "asylum_withdrawal_missing",
  "zvw_missing",
  "income_path_missing",
  "housing_plan_missing",
  "transitiedocument_unknown",
  "protection_before_cutoff",
  "unknown",
  "rtb_end",
];

describe("the household's transition section", () => {
  afterEach(cleanup);

  it("shows each member's conditions, status, leefgeld, insurance and what is missing, in words", async () => {
    const { container } = await render(
      <TransitionSection householdId={12} canEdit={false} api={fakeApi()} />,
      { user: demoUser("finance_officer") },
    );
    const section = container.querySelector("[data-testid=transition]")!;
    expect(section.querySelector("h2")?.textContent).toBe("Overgang 4 maart 2027");
    expect(section.querySelector("[data-testid=days-left-figure]")?.textContent).toBe(
      "Nog 89 dagen",
    );
    expect(section.querySelector("[data-testid=scenario-banner]")?.textContent).toContain(
      "1 dec 2026",
    );
    const m = section.querySelector("[data-testid=transition-member]")!;
    expect(m.querySelector("[data-testid=member-eligibility]")?.textContent).toBe("Nog onbekend");
    const rows = [...m.querySelectorAll("[data-testid=member-conditions] tbody tr")].map((r) =>
      [...r.children].map((c) => c.textContent),
    );
    expect(rows[0]).toEqual([
      "Tijdelijke bescherming vóór de peildatum",
      "VoldaanScenario (aangenomen peildatum)",
      "Beschermd sinds 1 mei 2022, vóór de peildatum 1 dec 2026.",
    ]);
    expect(rows[1]).toEqual([
      "Openbare-ordetoets door de IND",
      "OnbekendIND",
      "De uitslag van de openbare-ordetoets is nog niet vastgelegd.",
    ]);
    expect(m.querySelector("[data-testid=member-status-today]")?.textContent).toBe(
      "Tijdelijke bescherming",
    );
    expect(m.querySelector("[data-testid=member-support-until]")?.textContent).toBe("4 mrt 2027");
    expect(m.querySelector("[data-testid=member-insurance]")?.textContent).toContain(
      "Niet verzekerd bij de overstap (5 mrt 2027)",
    );
    const missing = [...section.querySelectorAll("[data-testid=transition-missing-list] li")].map(
      (li) => li.textContent,
    );
    expect(missing).toEqual([
      "Olena Shevchenko: Nog niet zeker dat het transitiedocument komt: leg de ontbrekende voorwaarden vast.",
      "Olena Shevchenko: Nog geen zorgverzekering (Zvw) bij de overstap op 5 maart 2027.",
      "Nog geen inkomen na de overgang: werk of een aanvraag voor de Participatiewet.",
      "Nog geen woonplan na de overgang.",
    ]);
    // Read only: no forms for the finance officer.
    expect(section.querySelector("[data-testid=member-actions]")).toBeNull();
    for (const code of CODES) expect(section.textContent).not.toContain(code);
  });

  it("speaks Ukrainian, without a code on the screen", async () => {
    const { container } = await render(
      <TransitionSection householdId={12} canEdit api={fakeApi()} />,
      { user: demoUser("caseworker"), language: "uk" },
    );
    const section = container.querySelector("[data-testid=transition]")!;
    expect(section.querySelector("h2")?.textContent).toBe("Перехід 4 березня 2027 року");
    expect(section.querySelector("[data-testid=days-left-figure]")?.textContent).toBe("Ще 89 днів");
    expect(section.querySelector("[data-testid=member-eligibility]")?.textContent).toBe(
      "Ще невідомо",
    );
    expect(section.textContent).toContain("Перевірка IND щодо громадського порядку");
    for (const code of CODES) expect(section.textContent).not.toContain(code);
  });

  it("records the public-order check and the withdrawal with the version read", async () => {
    const api = fakeApi();
    const { container } = await render(<TransitionSection householdId={12} canEdit api={api} />, {
      user: demoUser("caseworker"),
    });
    await click(byText(container, "button", "Toets en asiel vastleggen"));
    const form = container.querySelector("[data-testid=tr-facts-7-form]")!;
    await choose(form.querySelector("#tr-7-publicOrder"), "passed");
    await type(inputByLabel(form, "Datum van de uitslag"), "2026-11-20");
    await choose(form.querySelector("#tr-7-asylumWithdrawn"), "true");
    await type(inputByLabel(form, "Datum van intrekking"), "2026-11-25");
    await choose(form.querySelector("#tr-7-educationLevel"), "hbo");
    await submit(form);
    expect(api.savePerson).toHaveBeenCalledWith(7, {
      version: 3,
      publicOrder: "passed",
      publicOrderOn: "2026-11-20",
      asylumWithdrawn: true,
      asylumWithdrawnOn: "2026-11-25",
      educationLevel: "hbo",
    });
    expect(container.querySelector("[data-testid=transition-notice]")?.textContent).toContain(
      "De voorwaarden van Olena Shevchenko zijn vastgelegd.",
    );
    expect(container.querySelector("[data-testid=tr-facts-7-form]")).toBeNull();
    expect(api.household).toHaveBeenCalledTimes(2);
  });

  it("shows the server's refusal at the field it names, in the user's language", async () => {
    const api = fakeApi({
      addStatus: vi.fn(async () => {
        throw new ApiError(400, "validation_error", "overlaps", [
          {
            path: "from",
            code: "status_overlap",
            message: "overlaps the permit_work status from 2026-09-01",
            params: { kind: "permit_work", from: "2026-09-01", to: "" },
          },
        ]);
      }),
    });
    const { container } = await render(<TransitionSection householdId={12} canEdit api={api} />, {
      user: demoUser("caseworker"),
    });
    await click(byText(container, "button", "Andere verblijfsvergunning vastleggen"));
    const form = container.querySelector("[data-testid=tr-status-7-form]")!;
    await choose(form.querySelector("#tr-7-status-kind"), "permit_study");
    await type(inputByLabel(form, "Vanaf"), "2026-10-01");
    await submit(form);
    expect(api.addStatus).toHaveBeenCalledWith(7, {
      kind: "permit_study",
      from: "2026-10-01",
      to: null,
      endReason: null,
    });
    const from = form.querySelector("#tr-7-status-from");
    expect(from?.getAttribute("aria-invalid")).toBe("true");
    expect(form.querySelector("#tr-7-status-from-error")?.textContent).toBe(
      "Overlapt met de verblijfsstatus vanaf 1 sep 2026.",
    );
    expect(form.textContent).not.toContain("overlaps");
  });

  it("records the Participatiewet decision and the housing plan, the rent in cents", async () => {
    const api = fakeApi();
    const { container } = await render(<TransitionSection householdId={12} canEdit api={api} />, {
      user: demoUser("caseworker"),
    });
    await click(byText(container, "button", "Participatiewet en woonplan wijzigen"));
    const form = container.querySelector("[data-testid=tr-paths-12-form]")!;
    await type(inputByLabel(form, "Aangevraagd op"), "2027-03-10");
    await type(inputByLabel(form, "Besluit gaat in op"), "2027-03-01");
    await choose(form.querySelector("#tr-household-12-outcome"), "granted");
    await submit(form);
    // Decided before it was filed: refused in the browser, the date in Dutch.
    expect(api.saveHousehold).not.toHaveBeenCalled();
    expect(form.querySelector("#tr-household-12-decidedOn-error")?.textContent).toBe(
      "Het besluit ligt vóór de aanvraag (10 mrt 2027).",
    );
    await type(inputByLabel(form, "Besluit gaat in op"), "2027-05-10");
    await choose(form.querySelector("#tr-household-12-plan"), "regular_rental");
    await type(inputByLabel(form, "Wonen vanaf"), "2027-06-01");
    await type(inputByLabel(form, "Huur per maand (euro)"), "650,50");
    await submit(form);
    expect(api.saveHousehold).toHaveBeenCalledWith(12, {
      version: 2,
      participatiewet: { filedOn: "2027-03-10", decidedOn: "2027-05-10", outcome: "granted" },
      housing: { plan: "regular_rental", from: "2027-06-01", rentCents: 65050 },
    });
    expect(container.querySelector("[data-testid=transition-notice]")?.textContent).toContain(
      "opgeslagen",
    );
  });

  it("a version changed by someone else reloads and says so", async () => {
    const api = fakeApi({
      addInsurance: vi.fn(async () => ({ id: 3 })),
      savePerson: vi.fn(async () => {
        throw new ApiError(409, "conflict", "changed by someone else");
      }),
    });
    const { container } = await render(<TransitionSection householdId={12} canEdit api={api} />, {
      user: demoUser("caseworker"),
    });
    await click(byText(container, "button", "Toets en asiel vastleggen"));
    await submit(container.querySelector("[data-testid=tr-facts-7-form]"));
    await settle();
    expect(container.querySelector("[data-testid=transition-notice]")?.textContent).toContain(
      "Iemand anders heeft deze gegevens intussen gewijzigd",
    );
    expect(api.household).toHaveBeenCalledTimes(2);
  });

  it("registers Zvw insurance; an eligible, insured member has nothing missing", async () => {
    const done = checklist({
      incomePath: "participatiewet_decided",
      participatiewet: { filedOn: "2027-03-10", decidedOn: "2027-05-10", outcome: "granted" },
      housing: { plan: "regular_rental", from: "2027-06-01", rentCents: 65000 },
      missing: [],
      members: [
        member({
          transitiedocument: {
            ...member().transitiedocument,
            eligibility: "eligible",
            conditions: member().transitiedocument.conditions.map((c) => ({
              ...c,
              state: "met" as const,
              reason: null,
            })),
          },
          health: {
            zvwFrom: "2027-03-05",
            insuredOnSwitch: true,
            insurances: [
              { id: 3, kind: "zvw", insurer: "Zilveren Kruis", from: "2027-03-05", to: null },
            ],
          },
        }),
      ],
    });
    const api = fakeApi();
    api.household.mockResolvedValueOnce(checklist()).mockResolvedValue(done);
    const { container } = await render(<TransitionSection householdId={12} canEdit api={api} />, {
      user: demoUser("caseworker"),
    });
    await click(byText(container, "button", "Zorgverzekering registreren"));
    const form = container.querySelector("[data-testid=tr-insurance-7-form]")!;
    expect(inputByLabel(form, "Ingangsdatum")?.value).toBe("2027-03-05");
    await type(inputByLabel(form, "Verzekeraar"), "Zilveren Kruis");
    await submit(form);
    expect(api.addInsurance).toHaveBeenCalledWith(7, {
      kind: "zvw",
      insurer: "Zilveren Kruis",
      from: "2027-03-05",
      to: null,
    });
    await settle();
    const m = container.querySelector("[data-testid=transition-member]")!;
    expect(m.querySelector("[data-testid=member-eligibility]")?.textContent).toBe(
      "Komt in aanmerking",
    );
    expect(m.querySelector("[data-testid=member-missing-none]")).not.toBeNull();
    expect(container.querySelector("[data-testid=transition-missing-none]")).not.toBeNull();
    expect(m.querySelector("[data-testid=member-insurance]")?.textContent).toContain(
      "Zorgverzekering (Zvw) bij Zilveren Kruis",
    );
    expect(container.querySelector("[data-testid=housing-plan]")?.textContent).toBe(
      "Gewone huurwoning, vanaf 1 jun 2027, huur € 650,00 per maand",
    );
  });
});
