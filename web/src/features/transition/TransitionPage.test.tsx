import { act } from "react";
import { afterEach, describe, expect, it, type Mocked, vi } from "vitest";
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
import type { Cohort, Counts, IndReport, TransitionApi, Worklist } from "./api";
import { gemeenteCsv } from "./components/GemeenteTable";
import { TransitionPage } from "./TransitionPage";

function counts(persons: number, overrides: Partial<Counts> = {}): Counts {
  return {
    persons,
    eligibility: { eligible: persons - 3, not_eligible: 1, unknown: 1, out_of_caseload: 1 },
    conditions: {
      protection_before_cutoff: { met: persons - 1, not_met: 0, unknown: 0 },
      public_order: { met: persons - 2, not_met: 1, unknown: 0 },
      asylum_withdrawn: { met: persons - 2, not_met: 0, unknown: 1 },
    },
    indDecision: { granted: 2, refused: 1, none: persons - 4 },
    missingSomething: 2,
    withoutZvw: 1,
    students: { mbo: 1, hbo: 0, wo: 1 },
    ...overrides,
  };
}

function cohort(overrides: Partial<Cohort> = {}): Cohort {
  return {
    today: "2026-12-05",
    rtbEnd: "2027-03-04",
    daysLeft: 89,
    cutoff: { date: "2026-12-01", basis: "scenario" },
    restsOnScenario: true,
    gemeente: "GM0344",
    counts: counts(10),
    paths: {
      households: 5,
      income: { work: 1, participatiewet_decided: 1, participatiewet_filed: 1, none: 2 },
      housing: { stay_converted: 1, regular_rental: 1, own_arrangement: 0, none: 3 },
    },
    byGemeente: [],
    ...overrides,
  };
}

const worklist: Worklist = {
  total: 30,
  offset: 0,
  limit: 25,
  items: [
    {
      personId: 7,
      householdId: 12,
      familyName: "Shevchenko",
      givenNames: "Olena",
      birthDate: "1968-00-00",
      eligibility: "not_eligible",
      indDecision: null,
      insured: false,
      blocking: "public_order_failed",
    },
    {
      personId: 8,
      householdId: 13,
      familyName: "Bondar",
      givenNames: "Taras",
      birthDate: "2015-03-03",
      eligibility: "unknown",
      indDecision: null,
      insured: true,
      blocking: "asylum_withdrawal_missing",
    },
  ],
};

function fakeApi(overrides: Partial<TransitionApi> = {}) {
  return {
    cohort: vi.fn(async () => cohort()),
    nationalCohort: vi.fn(async () =>
      cohort({
        gemeente: null,
        counts: counts(30),
        byGemeente: [
          { code: "GM0344", name: "Utrecht", counts: counts(10, { missingSomething: 2 }) },
          { code: "GM0363", name: "Amsterdam", counts: counts(20, { missingSomething: 9 }) },
          { code: "GM0014", name: "Groningen", counts: counts(5, { missingSomething: 4 }) },
        ],
      }),
    ),
    worklist: vi.fn(async () => worklist),
    scenario: vi.fn(async () => ({
      parameters: [
        {
          parameter: "transitie.transitiedocument.protection-cutoff",
          published: null,
          unpublished: "The cabinet has announced a cut-off date but not published it.",
          scenario: {
            value: "2026-12-01",
            note: "Kamerbrief",
            setAt: "2026-12-04 10:00:00+00",
            setBy: "coordinator",
          },
        },
      ],
    })),
    setScenario: vi.fn(async () => ({ parameters: [] })),
    locations: vi.fn(async () => [
      {
        locationId: 3,
        name: "Flex Kanaleneiland",
        transformable: true,
        transformFrom: "2027-06-01",
        note: null,
        version: 1,
      },
      {
        locationId: 4,
        name: "Hotel Jaarbeurs",
        transformable: null,
        transformFrom: null,
        note: null,
        version: 0,
      },
    ]),
    saveTransformation: vi.fn(async () => ({ locationId: 4, version: 1 })),
    indExport: vi.fn(async () => ({ blob: new Blob(["bsn\r\n"]), filename: "x.csv" })),
    indImport: vi.fn(),
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

/** Puts a file into a file input, as the browser does when the user picks one. */
async function pick(input: Element | null, text: string) {
  if (!(input instanceof HTMLInputElement)) throw new Error("pick: no input");
  const file = new File([text], "ind.csv", { type: "text/csv" });
  Object.defineProperty(input, "files", { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

const rowsOf = (table: Element | null) =>
  [...(table?.querySelectorAll("tbody tr") ?? [])].map((r) =>
    [...r.children].map((c) => c.textContent),
  );

describe("the transition page", () => {
  afterEach(cleanup);

  it("shows the coordinator the nation's counts, each municipality's, and the scenario", async () => {
    const api = fakeApi();
    const { container } = await render(<TransitionPage api={api} />, {
      user: demoUser("national_coordinator"),
    });
    expect(api.nationalCohort).toHaveBeenCalled();
    expect(api.cohort).not.toHaveBeenCalled();
    expect(container.querySelector("h1")?.textContent).toBe("Overgang 4 maart 2027");
    expect(container.querySelector("[data-testid=days-left-figure]")?.textContent).toBe(
      "Nog 89 dagen",
    );
    expect(container.querySelector("[data-testid=scenario-banner]")?.textContent).toContain(
      "rusten op een scenario",
    );
    // Every chart has its table, in words.
    expect(rowsOf(container.querySelector("[data-testid=eligibility-table]"))).toEqual([
      ["Komt in aanmerking", "27", "90%"],
      ["Komt niet in aanmerking", "1", "3%"],
      ["Nog onbekend", "1", "3%"],
      ["Valt buiten de overgang", "1", "3%"],
    ]);
    expect(
      container.querySelector("[data-testid=eligibility-chart]")?.getAttribute("aria-hidden"),
    ).toBe("true");
    expect(rowsOf(container.querySelector("[data-testid=income-paths-table]"))[3]).toEqual([
      "Nog geen inkomen geregeld",
      "2",
      "40%",
    ]);
    expect(rowsOf(container.querySelector("[data-testid=conditions-table]"))[1]).toEqual([
      "Openbare-ordetoets door de IND",
      "28",
      "1",
      "0",
    ]);
    // The municipalities by name with their code, sortable: by name first, then by what is
    // missing, largest first.
    const table = () => container.querySelector("[data-testid=gemeenten-table]");
    const codes = () => rowsOf(table()).map((r) => r[0]);
    expect(codes()).toEqual(["Amsterdam GM0363", "Groningen GM0014", "Utrecht GM0344"]);
    await click(container.querySelector("[data-testid=sort-missingSomething]"));
    expect(codes()).toEqual(["Amsterdam GM0363", "Groningen GM0014", "Utrecht GM0344"]);
    expect(
      container
        .querySelector("[data-testid=sort-missingSomething]")
        ?.closest("th")
        ?.getAttribute("aria-sort"),
    ).toBe("descending");
    await click(container.querySelector("[data-testid=sort-missingSomething]"));
    expect(codes()).toEqual(["Utrecht GM0344", "Groningen GM0014", "Amsterdam GM0363"]);
    // No worklist, no IND exchange, no person for the coordinator.
    expect(container.querySelector("[data-testid=worklist]")).toBeNull();
    expect(container.querySelector("[data-testid=ind]")).toBeNull();
    expect(api.worklist).not.toHaveBeenCalled();
    // The scenario: its value, note and who set it; the form sets and clears it.
    expect(container.querySelector("[data-testid=scenario-value-now]")?.textContent).toBe(
      "1 dec 2026",
    );
    const form = container.querySelector("[data-testid=scenario-form]")!;
    await type(inputByLabel(form, "Aangenomen peildatum"), "2026-11-15");
    await type(inputByLabel(form, "Toelichting"), "nieuwe Kamerbrief");
    await submit(form);
    expect(api.setScenario).toHaveBeenCalledWith("2026-11-15", "nieuwe Kamerbrief");
    expect(container.querySelector("[data-testid=scenario-saved]")?.textContent).toContain(
      "opnieuw berekend",
    );
    await click(container.querySelector("[data-testid=scenario-clear]"));
    expect(api.setScenario).toHaveBeenLastCalledWith(null, null);
  });

  it("writes the municipalities' table as CSV with the headings in the chosen language", () => {
    const csv = gemeenteCsv([{ code: "GM0344", name: "Utrecht", counts: counts(10) }], {
      code: "Код муніципалітету",
      name: "Назва муніципалітету",
      persons: "Особи",
      eligible: "Мають право",
      not_eligible: "Не мають права",
      unknown: "Ще невідомо",
      out_of_caseload: "Не підпадають під перехід",
      missingSomething: "Чогось бракує",
      withoutZvw: "Без Zvw, страхування",
    });
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual([
      'Код муніципалітету,Назва муніципалітету,Особи,Мають право,Не мають права,Ще невідомо,Не підпадають під перехід,Чогось бракує,"Без Zvw, страхування"',
      "GM0344,Utrecht,10,7,1,1,1,2,1",
      "",
    ]);
  });

  it("gives the caseworker the worklist, sortable and paged, each row leading to the household", async () => {
    const api = fakeApi();
    const { container } = await render(<TransitionPage api={api} />, {
      user: demoUser("caseworker"),
    });
    expect(api.cohort).toHaveBeenCalled();
    expect(container.querySelector("[data-testid=gemeenten]")).toBeNull();
    expect(container.querySelector("[data-testid=scenario-form]")).toBeNull();
    const rows = [...container.querySelectorAll("[data-testid=worklist-row]")];
    expect(rows.map((r) => r.querySelector("a")?.getAttribute("href"))).toEqual([
      "/households/12",
      "/households/13",
    ]);
    expect(rowsOf(container.querySelector("[data-testid=worklist-table]"))[0]).toEqual([
      "Olena Shevchenko",
      "1968",
      "Komt niet in aanmerking",
      "Niet door de openbare-ordetoets gekomen.",
      "Nee",
    ]);
    expect(container.querySelector("[data-testid=worklist-page-status]")?.textContent).toBe(
      "1–2 van 30",
    );
    expect(api.worklist).toHaveBeenLastCalledWith({
      sort: "blocking",
      include: "open",
      limit: 25,
      offset: 0,
    });
    await click(byText(container, "button", "Volgende"));
    expect(api.worklist).toHaveBeenLastCalledWith({
      sort: "blocking",
      include: "open",
      limit: 25,
      offset: 25,
    });
    await choose(container.querySelector("#worklist-sort"), "name");
    await settle();
    expect(api.worklist).toHaveBeenLastCalledWith({
      sort: "name",
      include: "open",
      limit: 25,
      offset: 0,
    });
    // The locations, with their conversion in words; the caseworker may change it.
    expect(rowsOf(container.querySelector("[data-testid=transformations-table]"))).toEqual([
      ["Flex Kanaleneiland", "Ja, vanaf 1 jun 2027", "–", "Wijzigen"],
      ["Hotel Jaarbeurs", "Nog niet beoordeeld", "–", "Wijzigen"],
    ]);
    const buttons = container.querySelectorAll("[data-testid=transformations-table] button");
    await click(buttons[1]);
    const form = container.querySelector("[data-testid=transformation-form]")!;
    await choose(form.querySelector("#transform-4-transformable"), "true");
    await type(inputByLabel(form, "Vanaf"), "2027-09-01");
    await submit(form);
    expect(api.saveTransformation).toHaveBeenCalledWith(4, {
      version: 0,
      transformable: true,
      transformFrom: "2027-09-01",
      note: null,
    });
  });

  it("checks the IND's file first and says clearly that nothing was stored when a row is faulty", async () => {
    const faulty: IndReport = {
      dryRun: true,
      stored: false,
      rows: 3,
      counts: { granted: 1, invalid_validity: 1, unknown_bsn: 1 },
      results: [
        { line: 2, code: "granted", personId: 7 },
        { line: 3, code: "invalid_validity", field: "valid_until", message: "valid_until must…" },
        { line: 4, code: "unknown_bsn", field: "bsn", message: "no person…" },
      ],
    };
    const api = fakeApi({ indImport: vi.fn(async () => faulty) });
    const { container } = await render(<TransitionPage api={api} />, {
      user: demoUser("caseworker"),
    });
    await pick(container.querySelector("#ind-file"), "bsn,decision\n");
    await submit(container.querySelector("[data-testid=ind-import] form"));
    expect(api.indImport).toHaveBeenCalledWith(expect.any(Blob), true);
    const summary = container.querySelector("[data-testid=ind-report-summary]")?.textContent;
    expect(summary).toContain("Er is niets opgeslagen: 2 van de 3 regels bevatten een fout.");
    expect(rowsOf(container.querySelector("[data-testid=ind-report-rows]"))).toEqual([
      [
        "3",
        "Geldigheid klopt niet: een verlening loopt van ‘geldig vanaf’ tot hoogstens drie jaar later; een weigering heeft geen geldigheid",
        "Geldig tot en met valid_until",
      ],
      ["4", "Geen persoon in uw gemeente met dit BSN", "BSN bsn"],
      ["2", "Goed: het transitiedocument wordt als verleend vastgelegd", "–"],
    ]);
    // A faulty file cannot be stored.
    expect(container.querySelector("[data-testid=ind-import-button]")).toBeNull();
    expect(container.textContent).not.toContain("valid_until must");
  });

  it("stores the checked file only after a clean check", async () => {
    const clean = (dryRun: boolean): IndReport => ({
      dryRun,
      stored: !dryRun,
      rows: 1,
      counts: { granted: 1 },
      results: [{ line: 2, code: "granted", personId: 7 }],
    });
    const api = fakeApi({
      indImport: vi.fn(async (_file: Blob, dryRun: boolean) => clean(dryRun)),
    });
    const { container } = await render(<TransitionPage api={api} />, {
      user: demoUser("caseworker"),
    });
    await pick(container.querySelector("#ind-file"), "bsn,decision,decision_date\n");
    await submit(container.querySelector("[data-testid=ind-import] form"));
    expect(container.querySelector("[data-testid=ind-report-summary]")?.textContent).toContain(
      "Er is nog niets opgeslagen",
    );
    await click(container.querySelector("[data-testid=ind-import-button]"));
    expect(api.indImport).toHaveBeenLastCalledWith(expect.any(Blob), false);
    const sent = api.indImport.mock.calls.at(-1)![0];
    expect(await sent.text()).toBe("bsn,decision,decision_date\n");
    expect(container.querySelector("[data-testid=ind-report-summary]")?.textContent).toBe(
      "Alle regels zijn opgeslagen (1).",
    );
    expect(rowsOf(container.querySelector("[data-testid=ind-report-rows]"))[0]?.[1]).toBe(
      "Transitiedocument verleend: vastgelegd",
    );
  });

  it("shows the finance officer the counts and locations, nothing to change", async () => {
    const api = fakeApi();
    const { container } = await render(<TransitionPage api={api} />, {
      user: demoUser("finance_officer"),
      language: "uk",
    });
    expect(container.querySelector("h1")?.textContent).toBe("Перехід 4 березня 2027 року");
    expect(container.querySelector("[data-testid=cohort-eligibility]")).not.toBeNull();
    expect(container.querySelector("[data-testid=worklist]")).toBeNull();
    expect(container.querySelector("[data-testid=ind]")).toBeNull();
    expect(container.querySelector("[data-testid=transformations-table] button")).toBeNull();
    expect(api.worklist).not.toHaveBeenCalled();
    for (const code of [
      "not_eligible",
      "out_of_caseload",
      "participatiewet_filed",
      "stay_converted",
      "protection_before_cutoff",
    ]) {
      expect(container.textContent).not.toContain(code);
    }
  });
});
