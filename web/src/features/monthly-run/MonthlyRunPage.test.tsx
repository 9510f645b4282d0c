import { act } from "react";
import { afterEach, beforeEach, describe, expect, it, type Mocked, vi } from "vitest";
import { ApiError } from "../../api";
import { byText, cleanup, click, demoUser, render, settle, until } from "../../test/render";
import { saveFile } from "../transition/components/download";
import type {
  MonthlyRun,
  MonthlyRunApi,
  PaymentPage,
  RunHousehold,
  RunPayment,
  RunTotals,
} from "./api";
import { NO_FILTER } from "./api";
import { addMonths, monthChoices } from "./format";
import { MonthlyRunPage } from "./MonthlyRunPage";

// Files are saved through a temporary link: a spy here.
vi.mock("../transition/components/download", () => ({ saveFile: vi.fn() }));

/** Next month, as the page offers it first (the tests do not depend on today's date). */
const NEXT = monthChoices(1)[0] as string;
const LAST = addMonths(NEXT, -2);

const totals: RunTotals = {
  households: 285,
  persons: 664,
  leefgeldCents: 10_304_787,
  eigenBijdrageCents: 12_500,
  backPayCents: 4_000,
  recoveryCents: 2_500,
  offsetCents: 1_000,
  transferCents: 10_307_787,
  collectCents: 14_000,
  sepaHouseholds: 243,
  cardOrCashHouseholds: 42,
  problems: 1,
  withAnomalies: 43,
  corrections: 3,
};

function run(overrides: Partial<MonthlyRun> = {}): MonthlyRun {
  return {
    id: 7,
    gemeenteCode: "GM0344",
    month: NEXT,
    status: "prepared",
    attempt: 1,
    preparedBy: { id: 2, name: "Pieter Bakker" },
    preparedAt: "2026-12-05 08:00:00+00",
    approvedBy: null,
    approvedAt: null,
    progress: { done: 288, total: 288 },
    problem: null,
    version: 3,
    totals,
    ...overrides,
  };
}

function payment(overrides: Partial<RunPayment> = {}): RunPayment {
  return {
    householdId: 12,
    label: "Shevchenko",
    method: "sepa",
    payee: { personId: 70, name: "Olena Shevchenko" },
    ibanMasked: "NL44 **** **** **** 7138",
    persons: 3,
    leefgeldCents: 79_509,
    eigenBijdrageCents: 0,
    previousLeefgeldCents: 61_000,
    previousEigenBijdrageCents: 0,
    changeReasons: ["member_joined", "income"],
    corrections: 1,
    backPayCents: 4_000,
    recoveryCents: 0,
    offsetCents: 0,
    transferCents: 83_509,
    collectCents: 0,
    anomalies: ["income_missing", "turned_18"],
    problem: null,
    endToEndId: "OPV-R7-H12",
    ...overrides,
  };
}

const page: PaymentPage = {
  total: 30,
  more: true,
  items: [
    payment(),
    payment({
      householdId: 13,
      label: "Bondar",
      method: "card_or_cash",
      payee: null,
      ibanMasked: null,
      previousLeefgeldCents: null,
      previousEigenBijdrageCents: null,
      changeReasons: ["first_decision"],
      corrections: 0,
      anomalies: ["no_bank_account"],
    }),
  ],
};

const household: RunHousehold = {
  payment: payment(),
  items: [
    {
      month: NEXT,
      kind: "month",
      leefgeldCents: 79_509,
      eigenBijdrageCents: 0,
      previousDecisionId: 40,
      previousLeefgeldCents: 61_000,
      previousEigenBijdrageCents: 0,
      changeReasons: ["member_joined", "income"],
      decisionId: null,
    },
    {
      month: LAST,
      kind: "correction",
      leefgeldCents: 65_000,
      eigenBijdrageCents: 0,
      previousDecisionId: 31,
      previousLeefgeldCents: 61_000,
      previousEigenBijdrageCents: 0,
      changeReasons: ["income"],
      decisionId: null,
    },
  ],
};

const file = (name: string) => ({ blob: new Blob(["x"]), filename: name });

function fakeApi(overrides: Partial<MonthlyRunApi> = {}): Mocked<MonthlyRunApi> {
  return {
    runs: vi.fn(async () => [run()]),
    run: vi.fn(async () => run()),
    prepare: vi.fn(async (month: string) =>
      run({ month, status: "preparing", totals: null, progress: { done: 0, total: 288 } }),
    ),
    approve: vi.fn(async () =>
      run({
        status: "approved",
        approvedBy: { id: 1, name: "Anna de Vries" },
        approvedAt: "2026-12-05 09:00:00+00",
        version: 4,
      }),
    ),
    households: vi.fn(async () => page),
    household: vi.fn(async () => household),
    householdsCsv: vi.fn(async () => file("households.csv")),
    file: vi.fn(async () => file("sepa.xml")),
    letter: vi.fn(async () => file("letter.pdf")),
    ...overrides,
  } as Mocked<MonthlyRunApi>;
}

async function choose(select: Element | null, value: string) {
  if (!(select instanceof HTMLSelectElement)) throw new Error("choose: no select");
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
  await settle();
}

const rowsOf = (table: Element | null) =>
  [...(table?.querySelectorAll("tbody tr") ?? [])].map((r) =>
    [...r.children].map((c) => c.textContent),
  );

const testId = (container: HTMLElement, id: string) =>
  container.querySelector(`[data-testid="${id}"]`);

describe("the monthly run page", () => {
  beforeEach(() => {
    window.history.replaceState(null, "", "/monthly-run");
    vi.mocked(saveFile).mockClear();
  });
  afterEach(cleanup);

  it("prepares next month, shows the progress while the job runs, then the totals", async () => {
    let state: MonthlyRun[] = [];
    const answers = [
      run({ status: "preparing", totals: null, progress: { done: 120, total: 288 } }),
      run({ preparedBy: { id: 1, name: "Anna de Vries" } }),
    ];
    const api = fakeApi({
      runs: vi.fn(async () => state),
      prepare: vi.fn(async (month: string) => {
        state = [
          run({ month, status: "preparing", totals: null, progress: { done: 0, total: 288 } }),
        ];
        return state[0] as MonthlyRun;
      }),
      run: vi.fn(async () => {
        const next = answers.shift() ?? run({ preparedBy: { id: 1, name: "Anna de Vries" } });
        state = [next];
        return next;
      }),
    });
    const { container } = await render(<MonthlyRunPage api={api} />, {
      user: demoUser("finance_officer"),
    });
    expect(container.querySelector("h1")?.textContent).toBe("Maandrun");
    // Next month is offered first and chosen; it has no run yet.
    const select = container.querySelector<HTMLSelectElement>("#run-month");
    expect(select?.value).toBe(NEXT);
    expect(select?.options[0]?.textContent).toContain("(volgende maand)");
    expect(select?.options[1]?.textContent).toContain("(deze maand)");
    expect(testId(container, "run-status")?.textContent).toContain("Nog niet voorbereid");
    expect(testId(container, "run-history-empty")).not.toBeNull();

    await click(testId(container, "prepare-button"));
    expect(api.prepare).toHaveBeenCalledWith(NEXT);
    await until(() => testId(container, "run-progress") !== null);
    expect(container.querySelector("progress")).not.toBeNull();
    expect(testId(container, "run-progress-count")?.textContent).toMatch(
      /^(0|120) van 288 huishoudens berekend$/,
    );
    // Asked again every second until the job has prepared the month.
    await until(() => testId(container, "run-totals") !== null, 6000);
    expect(testId(container, "run-progress")).toBeNull();
    expect(testId(container, "total-households")?.textContent).toContain("285");
    expect(testId(container, "total-households")?.textContent).toContain("664 personen");
    expect(testId(container, "total-transfer")?.textContent).toContain("€ 103.077,87");
    expect(testId(container, "total-transfer")?.textContent).toContain(
      "243 per bankrekening (SEPA), 42 per kaart of contant",
    );
    expect(testId(container, "total-recovery")?.textContent).toContain(
      "waarvan € 10,00 verrekend met het leefgeld",
    );
    expect(testId(container, "total-anomalies")?.textContent).toContain(
      "waarvan 1 niet te berekenen",
    );
    // Prepared by this user: the four-eyes rule keeps the approval for someone else.
    const approve = testId(container, "approve-button") as HTMLButtonElement;
    expect(approve.disabled).toBe(true);
    expect(testId(container, "approve-own-run")?.textContent).toBe(
      "U heeft deze maand zelf voorbereid. Een andere financieel medewerker moet hem goedkeuren.",
    );
    expect(approve.getAttribute("aria-describedby")).toBe(
      testId(container, "approve-own-run")?.querySelector("p")?.id,
    );
  }, 15_000);

  it("shows last month against this month, translated, filters and pages the households", async () => {
    const api = fakeApi();
    const { container } = await render(<MonthlyRunPage api={api} />, {
      user: demoUser("finance_officer"),
    });
    expect(api.households).toHaveBeenCalledWith(7, NO_FILTER, 0);
    const rows = rowsOf(testId(container, "review-table"));
    expect(rows[0]).toEqual([
      "Shevchenko3 personen",
      "€ 610,00",
      "€ 795,09",
      "€ 0,00",
      "€ 0,00",
      "Lid bijgekomen, Inkomen veranderd",
      "1",
      "€ 835,09",
      "Bankrekening (SEPA)",
      "Inkomen ontbreekt18 jaar geworden",
    ]);
    expect(rows[1]?.[1]).toBe("geen besluit");
    expect(rows[1]?.[5]).toBe("Eerste besluit");
    expect(rows[1]?.[8]).toBe("Kaart of contant");
    expect(testId(container, "review-count")?.textContent).toBe("30 huishoudens");
    expect(testId(container, "review-range")?.textContent).toBe("1–2 van 30");

    await choose(container.querySelector("#review-anomaly"), "no_bank_account");
    expect(api.households).toHaveBeenLastCalledWith(
      7,
      { ...NO_FILTER, anomaly: "no_bank_account" },
      0,
    );
    expect(window.location.search).toContain("anomaly=no_bank_account");
    await choose(container.querySelector("#review-method"), "card_or_cash");
    await click(container.querySelector("#review-changed"));
    await click(container.querySelector("#review-corrections"));
    const filter = {
      anomaly: "no_bank_account",
      method: "card_or_cash",
      changed: true,
      corrections: true,
    };
    expect(api.households).toHaveBeenLastCalledWith(7, filter, 0);
    await click(byText(container, "button", "Volgende"));
    expect(api.households).toHaveBeenLastCalledWith(7, filter, 25);
    // The filtered list as CSV, as the browser's download.
    await click(testId(container, "review-csv"));
    expect(api.householdsCsv).toHaveBeenCalledWith(7, filter);
    expect(saveFile).toHaveBeenCalledWith(expect.any(Blob), "households.csv");
  });

  it("opens a household: its months before and after, why, and the letter once approved", async () => {
    const api = fakeApi({
      runs: vi.fn(async () => [run({ status: "approved", approvedBy: { id: 3, name: "Els" } })]),
      run: vi.fn(async () => run({ status: "approved", approvedBy: { id: 3, name: "Els" } })),
    });
    const { container } = await render(<MonthlyRunPage api={api} />, {
      user: demoUser("finance_officer"),
    });
    await click(container.querySelector("[data-testid=review-open]"));
    expect(api.household).toHaveBeenCalledWith(7, 12);
    expect(window.location.search).toContain("household=12");
    const detail = testId(container, "household-detail");
    expect(document.activeElement).toBe(detail?.querySelector("h3"));
    const items = rowsOf(detail?.querySelector("[data-testid=detail-items]") ?? null);
    expect(items[0]?.slice(1)).toEqual([
      "Deze maand",
      "€ 610,00",
      "€ 795,09",
      "€ 0,00",
      "€ 0,00",
      "Lid bijgekomen, Inkomen veranderd",
    ]);
    expect(items[1]?.slice(1)).toEqual([
      "Correctie",
      "€ 610,00",
      "€ 650,00",
      "€ 0,00",
      "€ 0,00",
      "Inkomen veranderd",
    ]);
    expect(detail?.textContent).toContain(
      "Bankrekening van Olena Shevchenko, NL44 **** **** **** 7138",
    );
    expect(detail?.querySelector("a")?.getAttribute("href")).toBe("/households/12");
    await click(testId(container, "detail-letter"));
    expect(api.letter).toHaveBeenCalledWith(7, 12);
    expect(saveFile).toHaveBeenCalledWith(expect.any(Blob), "letter.pdf");
    await click(byText(detail as HTMLElement, "button", "Sluiten"));
    expect(testId(container, "household-detail")).toBeNull();
  });

  it("lets a second finance officer approve, and shows the server's four-eyes refusal translated", async () => {
    const api = fakeApi({
      approve: vi.fn(async () => {
        throw new ApiError(403, "four_eyes", "four eyes: the officer who prepared the run…");
      }),
    });
    const { container } = await render(<MonthlyRunPage api={api} />, {
      user: demoUser("finance_officer"),
    });
    const approve = testId(container, "approve-button") as HTMLButtonElement;
    expect(approve.disabled).toBe(false);
    expect(testId(container, "approve-own-run")).toBeNull();
    await click(approve);
    expect(testId(container, "approve-confirm")?.textContent).toContain(
      "285 huishoudens, € 103.077,87 over te maken",
    );
    await click(testId(container, "approve-confirm-button"));
    expect(api.approve).toHaveBeenCalledWith(7, 3);
    expect(testId(container, "approve-error")?.textContent).toBe(
      "U heeft deze maand zelf voorbereid. Volgens het vier-ogenprincipe keurt een andere financieel medewerker de maand goed.",
    );
    expect(container.textContent).not.toContain("four eyes:");
  });

  it("after approval offers the files; a refusal such as nothing to transfer is said in words", async () => {
    let approved = false;
    const approvedRun = run({
      status: "approved",
      approvedBy: { id: 1, name: "Anna de Vries" },
      approvedAt: "2026-12-05 09:00:00+00",
      version: 4,
    });
    const api = fakeApi({
      runs: vi.fn(async () => [approved ? approvedRun : run()]),
      run: vi.fn(async () => (approved ? approvedRun : run())),
      approve: vi.fn(async () => {
        approved = true;
        return approvedRun;
      }),
      file: vi.fn(async (_id: number, which: string) => {
        if (which === "sepa") throw new ApiError(422, "nothing_to_transfer", "nothing");
        return file(`${which}.pdf`);
      }),
    });
    const { container } = await render(<MonthlyRunPage api={api} />, {
      user: demoUser("finance_officer"),
    });
    await click(testId(container, "approve-button"));
    await click(testId(container, "approve-confirm-button"));
    await until(() => testId(container, "run-downloads") !== null);
    expect(testId(container, "run-approve")).toBeNull();
    expect(testId(container, "run-approved-by")?.textContent).toContain(
      "Goedgekeurd door Anna de Vries op",
    );
    expect(testId(container, "run-closed")).not.toBeNull();
    expect(testId(container, "prepare-button")).toBeNull();
    await click(testId(container, "download-letters"));
    expect(api.file).toHaveBeenCalledWith(7, "letters");
    expect(saveFile).toHaveBeenCalledWith(expect.any(Blob), "letters.pdf");
    await click(testId(container, "download-sepa"));
    expect(testId(container, "download-sepa-error")?.textContent).toContain(
      "In deze maand wordt niets overgemaakt",
    );
  });

  it("asks before preparing a draft again, and says who is preparing a month already", async () => {
    const api = fakeApi({
      prepare: vi.fn(async () => {
        throw new ApiError(409, "run_in_progress", "being prepared", [
          {
            path: "month",
            code: "run_in_progress",
            message: "being prepared",
            params: { month: NEXT, by: "Pieter Bakker" },
          },
        ]);
      }),
    });
    const { container } = await render(<MonthlyRunPage api={api} />, {
      user: demoUser("finance_officer"),
    });
    await click(testId(container, "prepare-button"));
    expect(api.prepare).not.toHaveBeenCalled();
    expect(testId(container, "prepare-confirm")?.textContent).toContain("wordt vervangen");
    await click(testId(container, "prepare-confirm-button"));
    expect(api.prepare).toHaveBeenCalledWith(NEXT);
    expect(container.querySelector("#run-month-error")?.textContent).toMatch(
      /^De maandrun van \S+ 2027 wordt op dit moment al voorbereid door Pieter Bakker\./,
    );
    expect(container.querySelector("#run-month")?.getAttribute("aria-invalid")).toBe("true");
  });

  it("without settings: the finance officer is told to ask the municipal admin", async () => {
    const api = fakeApi({
      runs: vi.fn(async () => []),
      prepare: vi.fn(async () => {
        throw new ApiError(422, "settings_missing", "not recorded", [
          { path: "gemeente", code: "settings_missing", message: "not recorded" },
        ]);
      }),
    });
    const { container } = await render(<MonthlyRunPage api={api} />, {
      user: demoUser("finance_officer"),
    });
    await click(testId(container, "prepare-button"));
    const notice = testId(container, "settings-missing");
    expect(notice?.textContent).toContain("De gemeente-instellingen zijn nog niet vastgelegd");
    expect(notice?.textContent).toContain("Vraag de functioneel beheerder");
    expect(notice?.querySelector("a")).toBeNull();
  });

  it("lists the runs of the last year and says everything in Ukrainian, no codes", async () => {
    const api = fakeApi({
      runs: vi.fn(async () => [
        run(),
        run({
          id: 6,
          month: addMonths(NEXT, -1),
          status: "approved",
          approvedBy: { id: 3, name: "Els Visser" },
          approvedAt: "2026-11-05 09:00:00+00",
        }),
        run({ id: 5, month: LAST, status: "failed", totals: null, problem: "job_error:XX000" }),
      ]),
    });
    const { container } = await render(<MonthlyRunPage api={api} />, {
      user: demoUser("finance_officer"),
      language: "uk",
    });
    expect(container.querySelector("h1")?.textContent).toBe("Щомісячний розрахунок");
    const history = rowsOf(testId(container, "run-history-table"));
    expect(history.map((r) => r[1])).toEqual([
      "Підготовлено, очікує затвердження",
      "Затверджено",
      "Не вдалося",
    ]);
    expect(history[1]?.[3]).toContain("Els Visser");
    expect(testId(container, "review-table")?.textContent).toContain("Бракує даних про дохід");
    const text = container.textContent ?? "";
    for (const code of [
      "income_missing",
      "turned_18",
      "member_joined",
      "card_or_cash",
      "prepared",
      "approved",
      "job_error",
    ]) {
      expect(text).not.toContain(code);
    }
    // A failed month says so when chosen, in words.
    const link = testId(container, "run-history-table")?.querySelector(
      `tr[data-month="${LAST}"] a`,
    );
    await click(link);
    expect(window.location.search).toBe(`?month=${LAST}`);
    expect(testId(container, "run-failed")?.textContent).toContain("Підготовку зупинила помилка");
    expect(byText(container, "button", "Підготувати ще раз")).toBeDefined();
  });
});
