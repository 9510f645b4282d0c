/**
 * The monthly run's input at the national scale: the entitlement facts of every household
 * of the largest municipality (most households) for October 2026, in bulk
 * (monthFactsOfGemeente), in batches of 300 household ids as the run asks for them, and
 * per household (monthFacts) as before. Bulk: median of five runs after a warm-up;
 * per household: one run after a warm-up of the same households (it takes seconds).
 * Fails when the two disagree on any household. Part of `npm run bench`; alone:
 * `[BENCH_DATABASE_URL=postgres://…] npx tsx bench/month-facts.bench.ts`.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { sql } from "drizzle-orm";
import { type Database, query } from "../src/db/connection";
import {
  type MonthFacts,
  monthFacts,
  monthFactsOfGemeente,
} from "../src/modules/entitlement/entitlement.service";
import { withNationalDatabase } from "./national-db";
import { quantile } from "./stats";

type Print = (name: string, value: number, unit: string) => void;

const MONTH = "2026-10";
const BATCH = 300;

async function timed(runs: number, f: () => Promise<unknown>) {
  await f(); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  return { median: Math.round(quantile(times, 0.5)), max: Math.round(Math.max(...times)) };
}

export async function runMonthFactsBench(database: Database, print: Print) {
  const db = database.db;
  const [big] = await query<{ code: string }>(
    db,
    sql`select gemeente_code as code from household group by gemeente_code
        order by count(*) desc, gemeente_code limit 1`,
  );
  const gemeente = big!.code;
  const ids = (
    await query<{ id: number }>(
      db,
      sql`select id from household where gemeente_code = ${gemeente} order by id`,
    )
  ).map((r) => r.id);

  let bulk = new Map<number, MonthFacts>();
  const whole = await timed(5, async () => {
    bulk = await monthFactsOfGemeente(db, gemeente, MONTH);
  });
  const batches = await timed(5, async () => {
    for (let i = 0; i < ids.length; i += BATCH) {
      await monthFactsOfGemeente(db, gemeente, MONTH, { householdIds: ids.slice(i, i + BATCH) });
    }
  });

  const one = new Map<number, MonthFacts>();
  const perHousehold = await timed(1, async () => {
    for (const id of ids) one.set(id, await monthFacts(db, id, MONTH, gemeente));
  });
  // The figure only counts if both paths give the same facts (absent = nothing that month).
  for (const id of ids) {
    const expected = one.get(id)!;
    const got = bulk.get(id) ?? { month: MONTH, request: null, personIds: [], supportEnded: [] };
    if (!isDeepStrictEqual(got, expected)) {
      throw new Error(`month-facts: bulk and per-household differ for household ${id}`);
    }
  }

  print(`month-facts/households-of-${gemeente}`, ids.length, "households");
  print("month-facts/households-in-reception", bulk.size, "households");
  print("month-facts/bulk-gemeente-ms", whole.median, "ms");
  print("month-facts/bulk-gemeente-max-ms", whole.max, "ms");
  print(`month-facts/bulk-batches-of-${BATCH}-ms`, batches.median, "ms");
  print("month-facts/per-household-ms", perHousehold.median, "ms");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const print: Print = (name, value, unit) => console.log(`${name}: ${value} ${unit}`);
  await withNationalDatabase(async (database, seedSeconds) => {
    const engine = process.env.BENCH_DATABASE_URL ? "postgresql" : "pglite";
    print(`seed/national-${engine}-seconds`, Math.round(seedSeconds * 10) / 10, "s");
    await runMonthFactsBench(database, print);
  });
}
