import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, initTestApp, insertTestUser, signIn } from "../../../test/app";
import { testEngine } from "../../../test/db";
import { query } from "../../db/connection";
import { generateDemo } from "../../db/demo/generate";
import { todayNl } from "../../domain/dates";
import { backtest, forecastAt } from "./forecast";

type Forecast = {
  origin: { week: string; sunday: string } | null;
  history: { week: string; netInflow: number }[];
  forecast: {
    level: number;
    weeks: { week: string; value: number; band: { low: number; high: number } | null }[];
    total: { value: number; band: { low: number; high: number } | null };
  } | null;
  places: {
    occupiedNow: number;
    realisedNow: number;
    needed: { value: number; low: number | null; high: number | null };
  } | null;
  backtest: { horizon: number; origins: number; coverage: number | null }[];
};

describe(`the inflow forecast on the demo's ledger (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let coordinator: Client;

  beforeAll(async () => {
    t = await initTestApp();
    await generateDemo(t.db, { scale: "demo", seed: 1 });
    await insertTestUser(t.database, "forecast-coordinator", "national_coordinator", null);
    await insertTestUser(t.database, "forecast-cw", "caseworker", "GM0344");
    coordinator = await signIn(t.app, "forecast-coordinator");
  }, 240_000);
  afterAll(() => t.database.destroy());

  it("forecasts from the weekly net inflow the flows report, with the method's own back-test", async () => {
    const on = "2026-10-31";
    const res = await coordinator.json<Forecast>("GET", `/api/v1/national/forecast?on=${on}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const f = res.body;
    expect(f.origin).toEqual({ week: "2026-W43", sunday: "2026-10-25" });
    // The series is the flows' net inflow per week: the shown history equals the flows route.
    const flows = await coordinator.json<{ weeks: { week: string; netInflow: number }[] }>(
      "GET",
      `/api/v1/national/flows?from=2022-02-28&to=${f.origin!.sunday}`,
    );
    const series = flows.body.weeks.map((w) => w.netInflow);
    expect(f.history.map((h) => h.netInflow)).toEqual(series.slice(-26));
    expect(f.history.at(-1)!.week).toBe("2026-W43");
    const expected = forecastAt(series)!;
    expect(f.forecast!.level).toBe(expected.level);
    expect(f.forecast!.weeks.map((w) => w.band)).toEqual(expected.weeks.map((w) => w.band));
    expect(f.forecast!.weeks[0]!.week).toBe("2026-W44");
    expect(f.forecast!.weeks).toHaveLength(26);
    expect(f.backtest).toEqual(backtest(series));
    // Places needed in 26 weeks: today's GOO persons plus the GOO share of the inflow.
    expect(f.places!.needed.value).toBeGreaterThanOrEqual(0);
    if (f.forecast!.total.value >= 0)
      expect(f.places!.needed.value).toBeGreaterThanOrEqual(f.places!.occupiedNow);
  });

  it("records a re-evaluation with the forecast as shown, due again in two months; never rewritten", async () => {
    const empty = await coordinator.json<{
      evaluations: unknown[];
      nextDue: string | null;
      overdue: boolean;
    }>("GET", "/api/v1/national/forecast/evaluations");
    expect(empty.body).toEqual({ evaluations: [], nextDue: null, overdue: true });
    const bad = await coordinator.json<{ error: { issues: { path: string }[] } }>(
      "POST",
      "/api/v1/national/forecast/evaluations",
      { decision: "maybe" },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0]!.path).toBe("decision");
    const res = await coordinator.json<{
      evaluatedOn: string;
      decision: string;
      forecast: { level: number | null };
    }>("POST", "/api/v1/national/forecast/evaluations", {
      decision: "kept",
      note: "inflow as expected; no new places",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.evaluatedOn).toBe(todayNl());
    const now = await coordinator.json<Forecast>("GET", "/api/v1/national/forecast");
    expect(res.body.forecast.level).toBe(now.body.forecast?.level ?? null);
    const list = await coordinator.json<{
      evaluations: unknown[];
      nextDue: string;
      overdue: boolean;
    }>("GET", "/api/v1/national/forecast/evaluations");
    expect(list.body.evaluations).toHaveLength(1);
    expect(list.body.overdue).toBe(false);
    expect(list.body.nextDue > todayNl()).toBe(true);
    await expect(
      t.db.execute(sql`update forecast_evaluation set decision = 'changed'`),
    ).rejects.toThrow();
    const [row] = await query<{ decision: string }>(
      t.db,
      sql`select decision from forecast_evaluation`,
    );
    expect(row!.decision).toBe("kept");
    const cw = await signIn(t.app, "forecast-cw");
    expect((await cw.json("GET", "/api/v1/national/forecast")).status).toBe(403);
  });
});
