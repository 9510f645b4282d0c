import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api";
import { cleanup, demoUser, render, settle } from "../../test/render";
import type { OverviewApi, RegionTargetProgress, TargetsApi } from "./api";
import { OverviewPage } from "./OverviewPage";

// The monthly run's card (the finance officer's) asks its own API: no runs yet.
vi.mock("../monthly-run/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../monthly-run/api")>()),
  monthlyRunApi: { runs: vi.fn(async () => []) },
}));

const dates = {
  today: "2026-12-05",
  nextMonth: "2027-01",
  endingUntil: "2027-01-04",
  latestMonth: "2026-11",
  incomeFromMonth: "2026-08",
  changesFromMonth: "2024-12",
};

/** The worklists with nothing in them: the card is what is looked at here. */
const overview: OverviewApi = {
  counts: vi.fn(async () => ({ ...dates, kinds: ["changes" as const], counts: { changes: 0 } })),
  worklist: vi.fn(async () => ({
    dates,
    offset: 0,
    limit: 10,
    kind: "changes" as const,
    total: 0,
    items: [],
  })),
  admin: vi.fn(async () => {
    throw new Error("not for this role");
  }),
  anomalies: vi.fn(async () => {
    throw new Error("not for this role");
  }),
};

/** The demo's last target: 97,000 places by 1 February 2024, 3,880 for each of 25 regions. */
const withTarget: RegionTargetProgress = {
  on: "2026-12-05",
  target: {
    id: 4,
    places: 97000,
    deadline: "2024-02-01",
    setOn: "2023-09-04",
    split: "equal",
    note: "97.000 per 1 februari 2024",
  },
  nation: {
    code: "NL",
    name: "Nederland",
    target: 97000,
    realised: 1584,
    pipelineByDeadline: 0,
    pipelineLater: 120,
    expected: [{ date: "2027-03-01", places: 120 }],
    gap: 95416,
  },
  region: {
    code: "VR09",
    name: "Utrecht",
    target: 3880,
    realised: 749,
    pipelineByDeadline: 0,
    pipelineLater: 120,
    expected: [{ date: "2027-03-01", places: 120 }],
    gap: 3131,
  },
};

const noTarget: RegionTargetProgress = {
  on: "2022-03-01",
  target: null,
  nation: { ...withTarget.nation, target: null, gap: null, realised: 12000 },
  region: { ...withTarget.region, target: null, gap: null, realised: 400 },
};

const fake = (
  answer: RegionTargetProgress | Error,
): TargetsApi & { progress: ReturnType<typeof vi.fn> } => ({
  progress: vi.fn(async () => {
    if (answer instanceof Error) throw answer;
    return answer;
  }),
});

const card = (container: HTMLElement) => container.querySelector('[data-testid="region-target"]');
const figure = (container: HTMLElement, key: string) =>
  container.querySelector(`[data-testid="target-${key}"]`)?.textContent;

describe("the region's target on the dashboard", () => {
  afterEach(cleanup);

  it("shows the caseworker the region's share, what is realised, the pipeline, the gap and the deadline", async () => {
    window.history.replaceState(null, "", "/dashboard");
    const targets = fake(withTarget);
    const { container } = await render(<OverviewPage api={overview} targets={targets} />, {
      user: demoUser("caseworker"),
    });
    await settle();
    expect(targets.progress).toHaveBeenCalledTimes(1);
    expect(card(container)?.querySelector("h2")?.textContent).toBe("Opgave van de regio");
    expect(container.querySelector('[data-testid="region-target-intro"]')?.textContent).toBe(
      "De landelijke opgave is 97.000 gerealiseerde opvangplekken uiterlijk 1 feb 2024, vastgesteld op 4 sep 2023. Het aandeel van veiligheidsregio Utrecht is 3.880 plekken. Alle gemeenten van de regio tellen samen.",
    );
    expect(figure(container, "target")).toBe("3.880Opgave van de regio");
    expect(figure(container, "realised")).toBe("749Vandaag gerealiseerd");
    expect(figure(container, "pipeline")).toBe(
      "0In voorbereiding, klaar vóór de deadline120 later verwacht",
    );
    expect(figure(container, "gap")).toBe("3.131Nog te vinden");
    expect(figure(container, "deadline")).toBe("1 feb 2024Deadline");
    expect(container.querySelector('[data-testid="region-target-bar"]')?.textContent).toBe(
      "19% van de opgave van de regio is gerealiseerd.",
    );
    expect(container.querySelector('[data-testid="region-target-passed"]')?.textContent).toContain(
      "De deadline van 1 feb 2024 is verstreken",
    );
    expect(container.querySelector('[data-testid="region-target-nation"]')?.textContent).toBe(
      "Landelijk: 1.584 van de 97.000 plekken gerealiseerd, 0 in voorbereiding vóór de deadline, nog 95.416 te vinden.",
    );
  });

  it("says in Ukrainian when no target is in force, with the places realised", async () => {
    const targets = fake(noTarget);
    const { container } = await render(<OverviewPage api={overview} targets={targets} />, {
      user: demoUser("caseworker"),
      language: "uk",
    });
    await settle();
    expect(card(container)?.querySelector("h2")?.textContent).toBe("Завдання для регіону");
    // Numbers as Ukrainian writes them: a (narrow) no-break space between the thousands.
    expect(
      container
        .querySelector('[data-testid="region-target-none"]')
        ?.textContent?.replace(/[\u00a0\u202f]/g, " "),
    ).toBe(
      "На 1 бер. 2022 р. не діє жодне загальнонаціональне завдання щодо місць для прийому. Введено в дію місць у регіоні безпеки Utrecht: 400; по країні: 12 000.",
    );
    expect(container.querySelector('[data-testid="region-target-figures"]')).toBeNull();
  });

  it("is not shown without the permission to read targets, and not asked for", async () => {
    const targets = fake(withTarget);
    const user = demoUser("caseworker");
    const { container } = await render(<OverviewPage api={overview} targets={targets} />, {
      user: { ...user, permissions: user.permissions?.filter((p) => p !== "targets.read") },
    });
    await settle();
    expect(card(container)).toBeNull();
    expect(targets.progress).not.toHaveBeenCalled();
  });

  it("shows the finance officer and the municipal admin the card too, a failure in words", async () => {
    const targets = fake(new ApiError(404, "not_found", "veiligheidsregio not found"));
    const { container } = await render(
      <OverviewPage
        api={{ ...overview, admin: vi.fn(async () => new Promise<never>(() => {})) }}
        targets={targets}
      />,
      { user: demoUser("municipal_admin"), language: "en" },
    );
    await settle();
    expect(card(container)?.querySelector("h2")?.textContent).toBe("The region's target");
    expect(container.querySelector('[data-testid="region-target-error"]')?.textContent).toBe(
      "Not found in your municipality.",
    );
  });
});
