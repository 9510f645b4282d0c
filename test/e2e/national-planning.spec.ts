import { fitsAPhone, keysOf, main, noBsn, PERSONAL_KEYS, watchAnswers } from "./aggregates";
import { expect, signIn, test } from "./fixtures";

// The national coordinator plans on the Landelijk overzicht: the target of places in force
// (the demo's 97,000) per safety region, a new target set for today and in force at once,
// the inflow forecast as a chart and a table, a re-evaluation recorded, the funding of a
// year; then the same in Ukrainian. Aggregates only: no JSON answer the page receives has a
// key that holds personal data (the check of national.spec.ts), no number looks like a BSN.

/** The 1st of July next year (in the Netherlands), as typed: a deadline after today. */
function nextJuly() {
  const today = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
  return `01-07-${Number(today.slice(0, 4)) + 1}`;
}

test("the coordinator sets a target, reads the forecast, records a re-evaluation and sees the funding, in Dutch and Ukrainian", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const answers = watchAnswers(page);
  await signIn(page, "coordinator");
  await expect(page).toHaveURL("/national");

  // The page's own navigation leads to the targets.
  await page.getByTestId("page-nav").getByRole("link", { name: "Opgave" }).click();
  await expect(page.locator("#nat-targets")).toBeFocused();

  // The demo's last target in force: 97,000 by 1 February 2024, per safety region.
  const targets = page.getByTestId("targets");
  await expect(page.getByTestId("target-in-force")).toContainText(
    "97.000 gerealiseerde plaatsen per 1 feb 2024",
  );
  await expect(page.getByTestId("targets-card-target-value")).toHaveText("97.000");
  await expect(page.getByTestId("target-row")).toHaveCount(25);
  await expect(page.getByTestId("targets-total").locator("th")).toHaveText("Nederland");
  await expect(page.getByTestId("targets-total").locator("[data-column=target]")).toHaveText(
    "97.000",
  );
  // The regions against their targets as a chart (ECharts, SVG) in the table's order.
  const targetsChart = page.getByTestId("targets-chart");
  await expect(targetsChart).toHaveAttribute("data-drawn", "true");
  await expect(targetsChart).toHaveAttribute("role", "img");
  await expect(targetsChart).toHaveAttribute("aria-label", /tegen een opgave van 97\.000\./);
  await expect(targetsChart.locator("svg")).toContainText("Amsterdam-Amstelland");
  // Every target the demo seeded, newest first, the one in force marked.
  const history = page.getByTestId("target-history-row");
  await expect(history).toHaveCount(4);
  await expect(history.first()).toContainText("97.000");
  await expect(history.first().getByTestId("target-in-force-badge")).toBeVisible();
  // Sorted by the gap, largest first; as CSV.
  await targets.getByTestId("targets-sort-gap").click();
  await expect(targets.getByTestId("targets-sort-gap").locator("..")).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  const csv = page.waitForEvent("download");
  await page.getByTestId("targets-csv").click();
  expect((await csv).suggestedFilename()).toMatch(/^opgave-\d{4}-\d{2}-\d{2}\.csv$/);

  // A new target for today, split equally: in force at once, 4,000 per region.
  const deadline = nextJuly();
  const form = page.getByTestId("target-form");
  await form.getByLabel("Aantal plaatsen").fill("100.000");
  await form.getByLabel("Deadline").fill(deadline);
  await expect(page.getByTestId("target-equal-preview")).toHaveText(
    "Elk van de 25 veiligheidsregio's krijgt 4.000 plaatsen.",
  );
  await form.getByLabel("Toelichting").fill("Opgave uit de browsertest");
  await form.getByRole("button", { name: "Opgave vaststellen" }).click();
  await expect(page.getByTestId("target-saved")).toContainText("100.000 plaatsen");
  await expect(page.getByTestId("target-in-force")).toContainText("100.000 gerealiseerde plaatsen");
  await expect(page.getByTestId("targets-card-target-value")).toHaveText("100.000");
  await expect(
    page.locator("[data-testid=target-row][data-code=VR09] [data-column=target]"),
  ).toHaveText("4.000");
  await expect(history).toHaveCount(5);
  await expect(history.first()).toContainText("100.000");
  await expect(history.first()).toContainText("Opgave uit de browsertest");
  await expect(history.first().getByTestId("target-in-force-badge")).toBeVisible();

  // A second target on the same day is refused at the day, in words.
  await form.getByLabel("Aantal plaatsen").fill("101000");
  await form.getByLabel("Deadline").fill(deadline);
  await form.getByRole("button", { name: "Opgave vaststellen" }).click();
  await expect(page.locator("#target-setOn-error")).toHaveText(
    "Op deze dag is al een opgave vastgesteld. Een nieuwe opgave krijgt een eigen dag.",
  );
  await fitsAPhone(page, "targets");

  // The forecast: 26 weeks that have been and 26 forecast, as a chart and as a table.
  await page.getByTestId("page-nav").getByRole("link", { name: "Prognose" }).click();
  await expect(page.locator("#nat-forecast")).toBeFocused();
  const chart = page.getByTestId("forecast-chart");
  await expect(chart).toHaveAttribute("data-drawn", "true");
  await expect(chart).toHaveAttribute(
    "aria-label",
    /de afgelopen 26 weken en de prognose voor de komende 26 weken/,
  );
  await expect(chart.locator("svg")).toContainText("Prognose");
  await expect(page.getByTestId("forecast-card-needed-value")).toHaveText(/^[\d.]+$/);
  await page.getByTestId("forecast-table-toggle").locator("summary").click();
  await expect(page.getByTestId("forecast-row")).toHaveCount(52);
  await expect(page.getByTestId("forecast-row").last()).toContainText("Prognose");
  await expect(page.getByTestId("backtest-row")).toHaveCount(4);
  const forecastCsv = page.waitForEvent("download");
  await page.getByTestId("forecast-csv").click();
  expect((await forecastCsv).suggestedFilename()).toMatch(
    /^prognose-instroom-\d{4}-\d{2}-\d{2}\.csv$/,
  );

  // A re-evaluation: none yet (late), then one recorded, the next due in two months.
  await expect(page.getByTestId("evaluation-due")).toHaveText(
    "Er is nog geen herbeoordeling vastgelegd.",
  );
  const evaluation = page.getByTestId("evaluation-form");
  await evaluation.getByLabel("Handhaven: de geplande plaatsen blijven").check();
  await evaluation.getByLabel("Toelichting").fill("Instroom blijft laag");
  await evaluation.getByRole("button", { name: "Herbeoordeling vastleggen" }).click();
  await expect(page.getByTestId("evaluation-saved")).toContainText("Besluit: Gehandhaafd.");
  await expect(page.getByTestId("evaluation-row")).toHaveCount(1);
  await expect(page.getByTestId("evaluation-row")).toContainText("Instroom blijft laag");
  await expect(page.getByTestId("evaluation-due")).toContainText(
    "De volgende herbeoordeling is uiterlijk",
  );
  await fitsAPhone(page, "forecast");

  // The funding of a year per municipality and for the nation, in euros.
  const funding = page.getByTestId("funding");
  await funding.getByLabel("Jaar").selectOption("2025");
  await expect(page.getByTestId("funding-period")).toContainText("1 jan 2025");
  await expect(page.getByTestId("funding-card-totalCents-value")).toHaveText(/^€ [\d.]+,\d{2}$/);
  await expect(page.getByTestId("funding-row").first()).toBeVisible();
  await expect(page.getByTestId("funding-total").locator("th")).toHaveText("Nederland");
  const fundingCsv = page.waitForEvent("download");
  await page.getByTestId("funding-csv").click();
  expect((await fundingCsv).suggestedFilename()).toBe("bekostiging-2025.csv");
  await fitsAPhone(page, "funding");
  await noBsn(page);

  // The same in Ukrainian: the texts follow, no code on the screen.
  await page.getByRole("button", { name: "Українська" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "uk");
  await expect(page.locator("#nat-targets > h2")).toHaveText(
    "Завдання: місця порівняно з національним завданням",
  );
  await expect(page.getByTestId("target-in-force")).toContainText(/100\s000/);
  await expect(page.getByTestId("targets-total").locator("th")).toHaveText("Нідерланди");
  await expect(page.locator("#nat-forecast > h2")).toHaveText("Прогноз припливу");
  await expect(page.getByTestId("forecast-chart").locator("svg")).toContainText("Прогноз");
  await expect(page.getByTestId("targets-chart")).toHaveAttribute("aria-label", /^Графік /);
  await expect(page.getByTestId("evaluation-row")).toContainText("Без змін");
  await expect(page.getByTestId("funding-card-totalCents-value")).toHaveText(/€$/);
  for (const code of [
    "by_hand",
    "equal",
    "kept",
    "changed",
    "hotel",
    "ship",
    "pipelineByDeadline",
    "target_exists",
    "totalCents",
  ]) {
    await expect(main(page)).not.toContainText(code);
  }
  await noBsn(page);

  // Aggregates only: no personal key in any answer.
  const seen = await answers();
  for (const path of [
    "/api/v1/national/targets/progress",
    "/api/v1/national/targets",
    "/api/v1/national/forecast",
    "/api/v1/national/forecast/evaluations",
    "/api/v1/national/funding",
  ]) {
    expect(
      seen.some((a) => a.path === path),
      path,
    ).toBe(true);
  }
  for (const answer of seen) {
    const personal = [...keysOf(answer.body)].filter((key) => PERSONAL_KEYS.has(key));
    // The coordinator's own account (GET /api/auth/me) names its person link, empty.
    const allowed = answer.path.startsWith("/api/auth/") ? ["personId"] : [];
    expect(
      personal.filter((key) => !allowed.includes(key)),
      answer.path,
    ).toEqual([]);
  }

  await page.getByRole("button", { name: "Nederlands" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
});
