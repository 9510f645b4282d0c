import { afterEach, beforeEach, describe, expect, it, type Mocked, vi } from "vitest";
import { cleanup, demoUser, render, settle } from "../../test/render";
import type { OverviewApi } from "../overview/api";
import { OverviewPage } from "../overview/OverviewPage";
import type { MonthlyRun, MonthlyRunApi } from "./api";
import { MonthlyRunOverview } from "./components/RunsOverview";
import { addMonths, monthChoices } from "./format";

const NEXT = monthChoices(1)[0] as string;
const THIS = addMonths(NEXT, -1);

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
    totals: {
      households: 285,
      persons: 664,
      leefgeldCents: 10_000_000,
      eigenBijdrageCents: 0,
      backPayCents: 0,
      recoveryCents: 0,
      offsetCents: 0,
      transferCents: 10_000_000,
      collectCents: 25_000,
      sepaHouseholds: 243,
      cardOrCashHouseholds: 42,
      problems: 0,
      withAnomalies: 43,
      corrections: 0,
    },
    ...overrides,
  };
}

const approvedThisMonth = run({
  id: 6,
  month: THIS,
  status: "approved",
  approvedBy: { id: 3, name: "Els Visser" },
  approvedAt: "2026-11-05 09:00:00+00",
  totals: { ...run().totals!, transferCents: 5_000_000, withAnomalies: 12 },
});

function fakeApi(runs: MonthlyRun[]): Mocked<MonthlyRunApi> {
  return {
    runs: vi.fn(async () => runs),
    run: vi.fn(),
    prepare: vi.fn(),
    approve: vi.fn(),
    households: vi.fn(),
    household: vi.fn(),
    householdsCsv: vi.fn(),
    file: vi.fn(),
    letter: vi.fn(),
  } as Mocked<MonthlyRunApi>;
}

const overviewApi: OverviewApi = {
  counts: vi.fn(async () => ({
    today: "2026-12-05",
    nextMonth: NEXT,
    endingUntil: "2027-01-04",
    latestMonth: THIS,
    incomeFromMonth: "2026-08",
    changesFromMonth: "2024-12",
    kinds: ["changes" as const],
    counts: { changes: 0 },
  })),
  worklist: vi.fn(async () => ({
    kind: "changes" as const,
    dates: {
      today: "2026-12-05",
      nextMonth: NEXT,
      endingUntil: "2027-01-04",
      latestMonth: THIS,
      incomeFromMonth: "2026-08",
      changesFromMonth: "2024-12",
    },
    total: 0,
    offset: 0,
    limit: 10,
    items: [],
  })),
  admin: vi.fn(),
  anomalies: vi.fn(),
};

const testId = (container: HTMLElement, id: string) =>
  container.querySelector(`[data-testid="${id}"]`);

describe("the monthly run on the overview", () => {
  beforeEach(() => window.history.replaceState(null, "", "/dashboard"));
  afterEach(cleanup);

  it("shows this month's and next month's run, what needs attention and a year of transfers", async () => {
    const api = fakeApi([run(), approvedThisMonth]);
    const { container } = await render(<MonthlyRunOverview api={api} />, {
      user: demoUser("finance_officer"),
    });
    expect(api.runs).toHaveBeenCalledWith(12);
    const thisMonth = testId(container, "run-card-thisMonth");
    expect(thisMonth?.textContent).toContain("Goedgekeurd");
    expect(thisMonth?.textContent).toContain("Goedgekeurd door Els Visser op");
    expect(thisMonth?.textContent).toContain("€ 50.000,00");
    const next = testId(container, "run-card-nextMonth");
    expect(next?.textContent).toContain("Voorbereid, wacht op goedkeuring");
    expect(next?.textContent).toContain("Voorbereid door Pieter Bakker op");
    expect(next?.querySelector("a")?.getAttribute("href")).toBe(`/monthly-run?month=${NEXT}`);
    const attention = [...container.querySelectorAll("[data-testid=run-attention-item]")].map(
      (li) => li.textContent,
    );
    expect(attention).toHaveLength(2);
    expect(attention[0]).toMatch(/wacht op goedkeuring door een andere financieel medewerker/);
    expect(attention[1]).toMatch(/43 huishoudens met aandachtspunten/);
    // The bars repeat the table, oldest month first; the table is what assistive technology reads.
    expect(testId(container, "run-chart-bars")?.getAttribute("aria-hidden")).toBe("true");
    const rows = [...container.querySelectorAll("[data-testid=run-chart-table] tbody tr")].map(
      (r) => [...r.children].map((c) => c.textContent),
    );
    expect(rows.map((r) => [r[1], r[3]])).toEqual([
      ["Goedgekeurd", "€ 50.000,00"],
      ["Voorbereid, wacht op goedkeuring", "€ 100.000,00"],
    ]);
  });

  it("says a month not prepared yet, and a failed run, need attention", async () => {
    const api = fakeApi([
      run({ id: 9, month: THIS, status: "failed", totals: null, problem: "job_error:X" }),
    ]);
    const { container } = await render(<MonthlyRunOverview api={api} />, {
      user: demoUser("finance_officer"),
      language: "uk",
    });
    const attention = [...container.querySelectorAll("[data-testid=run-attention-item]")].map(
      (li) => li.textContent ?? "",
    );
    expect(attention.some((text) => text.includes("ще не підготовлено"))).toBe(true);
    expect(attention.some((text) => text.includes("не вдалася"))).toBe(true);
    expect(testId(container, "run-card-nextMonth")?.textContent).toContain("Ще не підготовлено");
    expect(testId(container, "run-chart-empty")).not.toBeNull();
    expect(container.textContent).not.toContain("failed");
  });

  it("is on the finance officer's overview, above the worklists, and not on the caseworker's", async () => {
    const api = fakeApi([run()]);
    const finance = await render(<OverviewPage api={overviewApi} runsApi={api} />, {
      user: demoUser("finance_officer"),
    });
    await settle();
    const overview = testId(finance.container, "run-overview");
    expect(overview).not.toBeNull();
    const lists = testId(finance.container, "worklist-counts");
    expect(
      overview &&
        lists &&
        overview.compareDocumentPosition(lists) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    cleanup();
    window.history.replaceState(null, "", "/dashboard");
    const other = fakeApi([run()]);
    const caseworker = await render(<OverviewPage api={overviewApi} runsApi={other} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    expect(testId(caseworker.container, "run-overview")).toBeNull();
    expect(other.runs).not.toHaveBeenCalled();
  });
});
