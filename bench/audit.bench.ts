/**
 * The household read as the audit log grows: a caseworker of Amsterdam reads 200 of its
 * households (each read writes its own audit record and returns the household's history of
 * changes), with the audit log as the seed left it, then again after 3,000,000 audit
 * records were added with generate_series: reads of random households of the nation
 * listing their members (the bulk of a real log), searches, and one change in fifty.
 * Prints the median and p95 per read of each, and their ratio (goal: within 1.5×).
 *
 * The audit log is partitioned by month: the months the added records fall in are created
 * first, as the application does ahead of time. BENCH_AUDIT_EMPTY_MONTHS (default 0) adds
 * that many empty months before them, to read with as many partitions as a log kept for
 * years has (84: seven years).
 *
 * Alone: `BENCH_DATABASE_URL=postgres://… npx tsx bench/audit.bench.ts`.
 */
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { type Database, query } from "../src/db/connection";
import type { AccessContext } from "../src/domain/access";
import { addMonths, parseMonth } from "../src/domain/month";
import {
  AUDIT_MONTHS_AHEAD,
  ensureAuditPartitions,
  listAuditPartitions,
} from "../src/modules/audit";
import { readHousehold } from "../src/modules/registry/registry.service";
import { withNationalDatabase } from "./national-db";
import { quantile } from "./stats";

type Print = (name: string, value: number, unit: string) => void;

const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 3_000_000);
const EMPTY_MONTHS = Number(process.env.BENCH_AUDIT_EMPTY_MONTHS ?? 0);

async function readAll(database: Database, actor: AccessContext, ids: number[]) {
  for (const id of ids.slice(0, 10)) await readHousehold(database.db, actor, id); // warm up
  const times: number[] = [];
  for (const id of ids) {
    const t0 = performance.now();
    await readHousehold(database.db, actor, id);
    times.push(performance.now() - t0);
  }
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

const round = (x: number) => Math.round(x * 100) / 100;

export async function runAuditBench(database: Database, print: Print, label: string) {
  const db = database.db;
  const [user] = await query<{ id: number; code: string }>(
    db,
    sql`select id, gemeente_code as code from app_user where username = 'caseworker-amsterdam'`,
  );
  const actor: AccessContext = {
    id: user!.id,
    username: "caseworker-amsterdam",
    role: "caseworker",
    language: "nl",
    scope: { kind: "gemeente", gemeente: user!.code },
  };
  const ids = (
    await query<{ id: number }>(
      db,
      sql`select id from household where gemeente_code = ${user!.code} order by id limit 200`,
    )
  ).map((r) => r.id);
  const [before] = await query<{ n: number }>(db, sql`select count(*)::int as n from audit_record`);
  const empty = await readAll(database, actor, ids);

  const t0 = performance.now();
  // The records below reach 89 days back: their months, and the empty ones before them.
  const [{ m } = { m: "" }] = await query<{ m: string }>(
    db,
    sql`select to_char(now() at time zone 'UTC', 'YYYY-MM') as m`,
  );
  const back = 3 + EMPTY_MONTHS;
  await ensureAuditPartitions(db, {
    now: addMonths(parseMonth(m), -back),
    ahead: back + AUDIT_MONTHS_AHEAD,
  });
  // Members per household, numbered, to list them in synthetic read records.
  await db.execute(sql`create temporary table bench_members as
    select row_number() over (order by household_id)::int as n, household_id,
      array_agg(person_id order by person_id) as persons
    from household_membership group by household_id`);
  const [{ households } = { households: 0 }] = await query<{ households: number }>(
    db,
    sql`select count(*)::int as households from bench_members`,
  );
  await db.execute(sql`insert into audit_record
      (at, user_id, username, role, action, entity_type, entity_id, person_ids, gemeente_code, fields, reason)
    select now() - (g % 90) * interval '1 day', ${user!.id}, 'caseworker-amsterdam', 'caseworker',
      case when g % 50 = 0 then 'update' when g % 7 = 0 then 'search' else 'read' end,
      'household', m.household_id::text, m.persons, ${user!.code}, '["name"]'::jsonb, null
    from generate_series(1, ${ROWS}) g
    join bench_members m on m.n = 1 + ((g::bigint * 7919) % ${households})::int`);
  await db.execute(sql`drop table bench_members`);
  await db.execute(sql`analyze audit_record`);
  print(`audit/${label}-seed-${ROWS}-rows-seconds`, round((performance.now() - t0) / 1000), "s");
  print(`audit/${label}-partitions`, (await listAuditPartitions(db)).length, "tables");

  const grown = await readAll(database, actor, ids);
  print(`audit/${label}-household-read-${before!.n}-rows-median`, round(empty.median), "ms");
  print(`audit/${label}-household-read-${before!.n}-rows-p95`, round(empty.p95), "ms");
  print(`audit/${label}-household-read-plus-${ROWS}-rows-median`, round(grown.median), "ms");
  print(`audit/${label}-household-read-plus-${ROWS}-rows-p95`, round(grown.p95), "ms");
  print(`audit/${label}-household-read-ratio`, round(grown.median / empty.median), "ratio");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const engine = process.env.BENCH_DATABASE_URL ? "postgresql" : "pglite";
  await withNationalDatabase((database) =>
    runAuditBench(
      database,
      (name, value, unit) => console.log(`${name}: ${value} ${unit}`),
      engine,
    ),
  );
}
