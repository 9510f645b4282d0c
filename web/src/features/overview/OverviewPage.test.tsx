import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api";
import { byText, cleanup, click, demoUser, render, settle } from "../../test/render";
import type {
  AdminOverview,
  AnomalyPage,
  OverviewApi,
  WorklistCounts,
  WorklistKind,
  WorklistPage,
} from "./api";
import { OverviewPage } from "./OverviewPage";

// The monthly run's card asks its own API: answered from memory (no runs yet).
vi.mock("../monthly-run/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../monthly-run/api")>()),
  monthlyRunApi: { runs: vi.fn(async () => []) },
}));

// The region's target card asks its own API: answered from memory (no target in force).
vi.mock("./api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./api")>();
  const line = { realised: 0, pipelineByDeadline: 0, pipelineLater: 0, expected: [], gap: null };
  return {
    ...actual,
    targetsApi: {
      progress: vi.fn(async () => ({
        on: "2026-12-05",
        target: null,
        nation: { code: "NL", name: "Nederland", target: null, ...line },
        region: { code: "VR09", name: "Utrecht", target: null, ...line },
      })),
    },
  };
});

const dates = {
  today: "2026-12-05",
  nextMonth: "2027-01",
  endingUntil: "2027-01-04",
  latestMonth: "2026-11",
  incomeFromMonth: "2026-08",
  changesFromMonth: "2024-12",
};

const caseworkerCounts: WorklistCounts = {
  ...dates,
  kinds: ["turning_18", "placements_ending", "income_missing", "changes", "transition"],
  counts: { turning_18: 0, placements_ending: 12, income_missing: 3, changes: 1, transition: 40 },
};

function page(kind: WorklistKind, offset: number): WorklistPage {
  const base = { dates, offset, limit: 10 };
  switch (kind) {
    case "placements_ending":
      return {
        ...base,
        kind,
        total: 12,
        items: Array.from({ length: offset === 0 ? 10 : 2 }, (_, i) => ({
          householdId: 100 + offset + i,
          label: `Family ${offset + i}`,
          date: "2026-12-20",
          persons: 2,
          kinds: ["goo" as const],
          locationNames: ["Hotel Dom"],
        })),
      };
    case "income_missing":
      return {
        ...base,
        kind,
        total: 3,
        items: [
          {
            householdId: 7,
            label: "Bondarenko",
            lastMonth: "2026-09",
            persons: [{ personId: 70, familyName: "Bondarenko", givenNames: "Olena" }],
          },
        ],
      };
    case "changes":
      return {
        ...base,
        kind,
        total: 1,
        items: [
          {
            householdId: 8,
            label: "Melnyk",
            months: 2,
            firstMonth: "2026-09",
            lastChangeAt: "2026-12-01T10:00:00Z",
          },
        ],
      };
    case "transition":
      return {
        ...base,
        kind,
        total: 40,
        items: [
          {
            householdId: 9,
            personId: 90,
            familyName: "Shevchenko",
            givenNames: "Taras",
            birthDate: "1990-01-01",
            blocking: "zvw_missing",
          },
        ],
      };
    default:
      return { ...base, kind: "turning_18", total: 0, items: [] };
  }
}

function fakeApi(counts: WorklistCounts = caseworkerCounts): OverviewApi & {
  worklist: ReturnType<typeof vi.fn>;
} {
  return {
    counts: vi.fn(async () => counts),
    worklist: vi.fn(async (kind: WorklistKind, offset: number) => page(kind, offset)),
    admin: vi.fn(async () => {
      throw new Error("not for this role");
    }),
    anomalies: vi.fn(async () => {
      throw new Error("not for this role");
    }),
  };
}

const rows = (container: HTMLElement) =>
  [...container.querySelectorAll('[data-testid="worklist-row"]')].map((row) =>
    [...row.querySelectorAll("th, td")].map((cell) => cell.textContent ?? ""),
  );

describe("the caseworker's overview", () => {
  afterEach(cleanup);

  it("counts each list and opens the first that holds items, its rows leading to households", async () => {
    window.history.replaceState(null, "", "/dashboard");
    const api = fakeApi();
    const { container } = await render(<OverviewPage api={api} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    const cards = [...container.querySelectorAll('[data-testid^="worklist-count-"]')];
    expect(cards.map((c) => c.textContent)).toEqual([
      "0kinderen worden volgende maand (januari 2027) 18",
      "12huishoudens waarvan een plaatsing uiterlijk 4 jan 2027 eindigt",
      "3huishoudens zonder inkomen over november 2026, na eerder werk",
      "1huishouden met gewijzigde gegevens na een besluit",
      "40personen nog niet klaar voor de overgang van 4 maart 2027",
    ]);
    // No child turns 18: the placements list is shown first, marked as the one shown.
    expect(api.worklist).toHaveBeenCalledWith("placements_ending", 0);
    expect(cards[1]?.getAttribute("aria-current")).toBe("true");
    expect(rows(container)[0]).toEqual([
      "Family 0",
      "20 dec 2026",
      "2",
      "Gemeentelijke opvang (GOO)",
      "Hotel Dom",
    ]);
    expect(container.querySelector('[data-testid="worklist-row"] a')?.getAttribute("href")).toBe(
      "/households/100",
    );
    // Bank accounts come with the monthly run: said, not listed.
    expect(container.textContent).toContain("bankrekening");
  });

  it("pages a list, the page in the address", async () => {
    window.history.replaceState(null, "", "/dashboard?list=placements_ending");
    const api = fakeApi();
    const { container } = await render(<OverviewPage api={api} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    expect(container.textContent).toContain("1–10 van 12");
    await click(byText(container, "button", "Volgende"));
    expect(new URLSearchParams(window.location.search).get("page")).toBe("2");
    expect(api.worklist).toHaveBeenLastCalledWith("placements_ending", 10);
    expect(container.textContent).toContain("11–12 van 12");
    expect(rows(container)).toHaveLength(2);
  });

  it("says the exact amounts of changes are on the household page, and the transition list's link", async () => {
    window.history.replaceState(null, "", "/dashboard?list=changes");
    const api = fakeApi();
    const { container } = await render(<OverviewPage api={api} />, {
      user: demoUser("caseworker"),
      language: "uk",
    });
    await settle();
    expect(container.querySelector('[data-testid="changes-note"]')?.textContent).toContain(
      "сторінці домогосподарства",
    );
    expect(rows(container)[0]?.[0]).toBe("Melnyk");
    await click(container.querySelector('[data-testid="worklist-count-transition"]'));
    expect(api.worklist).toHaveBeenLastCalledWith("transition", 0);
    expect(container.querySelector('[data-testid="transition-link"]')?.getAttribute("href")).toBe(
      "/transition",
    );
    // What blocks, in Ukrainian words from the transition texts, never the code.
    expect(rows(container)[0]?.[2]).toBe(
      "Немає базового медичного страхування (Zvw) на момент переходу.",
    );
  });

  it("the finance officer sees the two lists about money", async () => {
    window.history.replaceState(null, "", "/dashboard?list=turning_18");
    const api = fakeApi({
      ...dates,
      kinds: ["changes", "income_missing"],
      counts: { changes: 1, income_missing: 3 },
    });
    const { container } = await render(<OverviewPage api={api} />, {
      user: demoUser("finance_officer"),
    });
    await settle();
    expect(container.querySelectorAll('[data-testid^="worklist-count-"]')).toHaveLength(2);
    // A list not of the role in the address: the role's first list instead.
    expect(api.worklist).toHaveBeenCalledWith("changes", 0);
    expect(api.worklist).not.toHaveBeenCalledWith("turning_18", expect.anything());
  });

  it("says when the counts cannot be loaded", async () => {
    const api = fakeApi();
    api.counts = vi.fn(async () => {
      throw new ApiError(403, "forbidden", "no");
    });
    const { container } = await render(<OverviewPage api={api} />, {
      user: demoUser("caseworker"),
      language: "en",
    });
    await settle();
    expect(container.querySelector('[data-testid="overview-error"]')?.textContent).toBe(
      "This overview is not part of your role.",
    );
  });
});

describe("the municipal admin's overview", () => {
  afterEach(cleanup);

  const overview: AdminOverview = {
    from: "2026-11-06",
    to: "2026-12-05",
    users: {
      total: 6,
      active: 5,
      inactive: 1,
      neverSignedIn: 1,
      neverSignedInAccounts: [
        {
          id: 4,
          username: "new-utrecht",
          displayName: "Piet Jansen",
          role: "caseworker",
          createdAt: "2026-11-30T09:00:00Z",
        },
      ],
    },
    anomalies: {
      manyReadsPerDay: 100,
      workingHours: { start: 7, end: 19 },
      counts: { many_reads: 1, out_of_hours: 0 },
    },
  };
  const many: AnomalyPage = {
    kind: "many_reads",
    from: overview.from,
    to: overview.to,
    manyReadsPerDay: 100,
    workingHours: { start: 7, end: 19 },
    total: 1,
    offset: 0,
    limit: 10,
    items: [
      {
        userId: 3,
        username: "caseworker-utrecht",
        displayName: "Anna de Vries",
        role: "caseworker",
        day: "2026-12-02",
        reads: 143,
      },
    ],
  };

  it("counts the accounts and lists the anomalies, each leading to that day's audit log", async () => {
    window.history.replaceState(null, "", "/dashboard");
    const api: OverviewApi = {
      counts: vi.fn(),
      worklist: vi.fn(),
      admin: vi.fn(async () => overview),
      anomalies: vi.fn(async () => many),
    };
    const { container } = await render(<OverviewPage api={api} />, {
      user: demoUser("municipal_admin"),
    });
    await settle();
    expect(api.admin).toHaveBeenCalledWith(30);
    expect(api.counts).not.toHaveBeenCalled();
    expect(container.querySelector('[data-testid="users-active"]')?.textContent).toBe("5");
    expect(container.querySelector('[data-testid="users-neverSignedIn"]')?.textContent).toBe("1");
    expect(container.querySelector('[data-testid="never-signed-in"]')?.textContent).toContain(
      "Piet Jansen",
    );
    // Nothing outside working hours: that list is not even asked for.
    expect(api.anomalies).toHaveBeenCalledTimes(1);
    expect(api.anomalies).toHaveBeenCalledWith("many_reads", 30, 0);
    const row = container.querySelector('[data-testid="anomaly-row"]');
    expect(row?.textContent).toContain("Anna de Vries");
    expect(row?.textContent).toContain("143");
    expect(row?.querySelector("a")?.getAttribute("href")).toBe(
      "/audit?user=3&from=2026-12-02&to=2026-12-02",
    );
    expect(container.textContent).toContain("Meer dan 100 inzages op één dag");
    expect(container.textContent).toContain("vóór 07:00 of vanaf 19:00");
  });

  it("takes the period from the address", async () => {
    window.history.replaceState(null, "", "/dashboard?days=7");
    const api: OverviewApi = {
      counts: vi.fn(),
      worklist: vi.fn(),
      admin: vi.fn(async () => overview),
      anomalies: vi.fn(async () => many),
    };
    await render(<OverviewPage api={api} />, { user: demoUser("municipal_admin"), language: "uk" });
    await settle();
    expect(api.admin).toHaveBeenCalledWith(7);
  });
});
