/**
 * The national coordinator's dashboard at the national scale: for a date, the figures of
 * the nation (its provinces), of one safety region (Amsterdam-Amstelland, its
 * municipalities) and the flows of the 26 weeks up to the date, asked together as the page
 * asks them. Each run asks another date (40 Fridays back from the demo's today), so no
 * answer was asked before: the occupancy module keeps its place facts under the occupancy
 * version; the national facts are kept per municipality, built once after the seed
 * (`national/facts-build-seconds`) as the server's refresher builds them. `national/dashboard-p95-ms` is the 95th percentile of the
 * three answers together (goal: under 100 ms); the same three asked one after another give
 * each one's p95, and the dashboard asked again for the last date shows what keeping the
 * place facts saves. Part of `npm run bench`; alone:
 * `[BENCH_DATABASE_URL=postgres://…] npx tsx bench/national.bench.ts`.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Temporal } from "temporal-polyfill";
import type { Database } from "../src/db/connection";
import { DEMO_TODAY } from "../src/db/demo/generate";
import { refreshNationalFacts } from "../src/modules/national/facts.service";
import {
  nationalFigures,
  nationalFlows,
  nationalSeries,
} from "../src/modules/national/national.service";
import { withNationalDatabase } from "./national-db";
import { quantile } from "./stats";

type Print = (name: string, value: number, unit: string) => void;

const RUNS = 40;
const REGION = "VR13";

export async function runNationalBench(database: Database, print: Print) {
  const db = database.db;
  const last = Temporal.PlainDate.from(DEMO_TODAY);
  const friday = last.subtract({ days: (last.dayOfWeek + 2) % 7 });
  const dates = Array.from({ length: RUNS + 1 }, (_, i) =>
    friday.subtract({ weeks: i }).toString(),
  );
  const nation = (on: string) => nationalFigures(db, { on });
  const region = (on: string) => nationalFigures(db, { on, level: "region", code: REGION });
  const flows = (on: string) =>
    nationalFlows(db, {
      from: Temporal.PlainDate.from(on).subtract({ weeks: 25 }).toString(),
      to: on,
    });
  const timed = async (f: () => Promise<unknown>) => {
    const t0 = performance.now();
    await f();
    return performance.now() - t0;
  };

  // The kept facts, built as the server's refresher builds them after a seed.
  const tBuild = performance.now();
  await refreshNationalFacts(db, { today: DEMO_TODAY });
  print("national/facts-build-seconds", Math.round((performance.now() - tBuild) / 100) / 10, "s");
  // Warm up on a date of its own (connections, plans, the lawbook).
  const warm = dates.pop()!;
  await Promise.all([nation(warm), region(warm), flows(warm)]);

  const dashboard: number[] = [];
  for (const on of dates) {
    dashboard.push(await timed(() => Promise.all([nation(on), region(on), flows(on)])));
  }
  // One after another, each on a date not asked before (the day before each Friday).
  const alone = { nation: [] as number[], region: [] as number[], flows: [] as number[] };
  for (const friday of dates) {
    const on = Temporal.PlainDate.from(friday).subtract({ days: 1 }).toString();
    alone.nation.push(await timed(() => nation(on)));
    alone.region.push(await timed(() => region(on)));
    alone.flows.push(await timed(() => flows(on)));
  }
  const again: number[] = [];
  for (let i = 0; i < 10; i++) {
    again.push(
      await timed(() => Promise.all([nation(dates[0]!), region(dates[0]!), flows(dates[0]!)])),
    );
  }

  // The charts' series of the nation: a year and five years of weeks, each asked 5 times.
  const series = { year: [] as number[], five: [] as number[] };
  for (let i = 0; i < 5; i++) {
    const to = dates[i]!;
    series.year.push(await timed(() => nationalSeries(db, { to })));
    series.five.push(
      await timed(() =>
        nationalSeries(db, {
          to,
          from: Temporal.PlainDate.from(to).subtract({ weeks: 260 }).toString(),
        }),
      ),
    );
  }
  const p95 = (xs: number[]) => Math.round(quantile(xs, 0.95));
  print("national/dashboard-p95-ms", p95(dashboard), "ms");
  print("national/dashboard-median-ms", Math.round(quantile(dashboard, 0.5)), "ms");
  print("national/figures-nation-p95-ms", p95(alone.nation), "ms");
  print(`national/figures-region-${REGION}-p95-ms`, p95(alone.region), "ms");
  print("national/flows-26-weeks-p95-ms", p95(alone.flows), "ms");
  print("national/dashboard-same-date-again-p95-ms", p95(again), "ms");
  print("national/series-52-weeks-median-ms", Math.round(quantile(series.year, 0.5)), "ms");
  print("national/series-261-weeks-median-ms", Math.round(quantile(series.five, 0.5)), "ms");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const print: Print = (name, value, unit) => console.log(`${name}: ${value} ${unit}`);
  await withNationalDatabase(async (database, seedSeconds) => {
    const engine = process.env.BENCH_DATABASE_URL ? "postgresql" : "pglite";
    print(
      `seed/${process.env.BENCH_NATIONAL_SCALE === "history" ? "history" : "national"}-${engine}-seconds`,
      Math.round(seedSeconds * 10) / 10,
      "s",
    );
    await runNationalBench(database, print);
  });
}
