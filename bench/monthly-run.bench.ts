/**
 * The monthly run at the national scale: every municipality prepares January 2027 (each
 * run decides its households in batches, stores items with their trace and the payments),
 * beside a baseline that only reads the same rows (the presence and income rows of every
 * municipality, as the run reads them, without grouping or computing). Then the letters:
 * single letters per second, and the merged PDF of the largest municipality.
 *
 * Prints monthly-run/national-seconds, monthly-run/read-baseline-seconds, their ratio,
 * the peak RSS, and letters figures. Part of `npm run bench`; alone:
 * `[BENCH_DATABASE_URL=postgres://…] npx tsx bench/monthly-run.bench.ts`.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { type Database, query } from "../src/db/connection";
import type { AccessContext } from "../src/domain/access";
import { firstDay, lastDay, parseMonth } from "../src/domain/month";
import { incomesInMonth, presenceInMonth } from "../src/modules/entitlement/entitlement.repository";
import { lettersPdf } from "../src/modules/monthly-run/monthly-run.files";
import {
  approveRun,
  runJob,
  startPreparation,
} from "../src/modules/monthly-run/monthly-run.service";
import { withNationalDatabase } from "./national-db";

type Print = (name: string, value: number, unit: string) => void;

const MONTH = "2027-01";
const CONCURRENCY = Number(process.env.BENCH_RUN_CONCURRENCY ?? 2);

export async function runMonthlyRunBench(database: Database, print: Print) {
  const db = database.db;
  const gemeenten = (
    await query<{ code: string; households: number }>(
      db,
      sql`select gemeente_code as code, count(*)::int as households from household
          group by gemeente_code order by count(*) desc, gemeente_code`,
    )
  ).map((r) => r.code);
  const m = parseMonth(MONTH);
  const first = firstDay(m).toString();
  const last = lastDay(m).toString();

  // Peak memory over the whole run, sampled.
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);

  const t0 = performance.now();
  for (const code of gemeenten) {
    const presence = await presenceInMonth(db, { gemeente: code }, first, last);
    await incomesInMonth(db, [...new Set(presence.map((p) => p.person_id))], first);
  }
  const baseline = (performance.now() - t0) / 1000;

  // Each municipality runs its own month, as in production: here CONCURRENCY at a time
  // (the server's RunJobs runs every started run at once; the pool has 10 connections).
  const t1 = performance.now();
  let households = 0;
  const runs: number[] = [];
  const queue = [...gemeenten];
  const worker = async () => {
    for (let code = queue.shift(); code; code = queue.shift()) {
      const run = await startPreparation(
        db,
        { userId: null, gemeente: code },
        MONTH,
        `bench-${code}`,
      );
      const outcome = await runJob(db, run.id, { worker: `bench-${code}` });
      if (outcome !== "prepared") throw new Error(`monthly run of ${code}: ${outcome}`);
      runs.push(run.id);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  runs.sort((a, b) => a - b);
  const national = (performance.now() - t1) / 1000;
  clearInterval(sampler);
  const [count] = await query<{ n: number }>(
    db,
    sql`select count(*)::int as n from monthly_run_payment where run_id = any(${`{${runs.join(",")}}`}::int[])`,
  );
  households = count!.n;

  print("monthly-run/municipalities", gemeenten.length, "municipalities");
  print("monthly-run/concurrent-runs", CONCURRENCY, "runs");
  print("monthly-run/households", households, "households");
  print("monthly-run/national-seconds", Math.round(national * 10) / 10, "s");
  print("monthly-run/read-baseline-seconds", Math.round(baseline * 10) / 10, "s");
  print("monthly-run/read-baseline", Math.round((national / baseline) * 10) / 10, "ratio");
  print("monthly-run/households-per-second", Math.round(households / national), "households/s");
  print("monthly-run/peak-rss-mb", Math.round(peak / 1024 / 1024), "MB");

  // Letters: the largest municipality, approved by a synthetic second officer.
  const code = gemeenten[0]!;
  const [user] = await query<{ id: number }>(
    db,
    sql`insert into app_user (username, display_name, password_hash, role, gemeente_code)
        values ('bench-approver', 'bench', 'x', 'finance_officer', ${code})
        on conflict (username) do update set display_name = excluded.display_name returning id`,
  );
  const approver: AccessContext = {
    id: user!.id,
    username: "bench-approver",
    role: "finance_officer",
    language: "nl",
    scope: { kind: "gemeente", gemeente: code },
  };
  const [largest] = await query<{ id: number }>(
    db,
    sql`select id from monthly_run where gemeente_code = ${code} and month = ${`${MONTH}-01`}::date`,
  );
  const runId = largest!.id;
  const [v] = await query<{ version: number }>(
    db,
    sql`select version from monthly_run where id = ${runId}`,
  );
  await approveRun(db, approver, runId, v!.version);
  const some = (
    await query<{ household_id: number }>(
      db,
      sql`select household_id from monthly_run_payment where run_id = ${runId} order by household_id limit 50`,
    )
  ).map((r) => r.household_id);
  const t2 = performance.now();
  for (const h of some) await lettersPdf(db, approver, runId, h);
  const single = some.length / ((performance.now() - t2) / 1000);
  const t3 = performance.now();
  const merged = await lettersPdf(db, approver, runId);
  const mergedSeconds = (performance.now() - t3) / 1000;
  print("monthly-run/letters-per-second", Math.round(single * 10) / 10, "letters/s");
  print(`monthly-run/letters-merged-${code}-letters`, merged.count, "letters");
  print(`monthly-run/letters-merged-${code}-seconds`, Math.round(mergedSeconds * 10) / 10, "s");
  print(
    `monthly-run/letters-merged-${code}-mb`,
    Math.round((merged.pdf.length / 1024 / 1024) * 10) / 10,
    "MB",
  );
  print(
    "monthly-run/peak-rss-with-letters-mb",
    Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024),
    "MB",
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const print: Print = (name, value, unit) => console.log(`${name}: ${value} ${unit}`);
  await withNationalDatabase(async (database, seedSeconds) => {
    const engine = process.env.BENCH_DATABASE_URL ? "postgresql" : "pglite";
    print(`seed/national-${engine}-seconds`, Math.round(seedSeconds * 10) / 10, "s");
    await runMonthlyRunBench(database, print);
  });
}
