/**
 * Inlichtingenbureau income import at national scale: a 150,000-row CSV for 150,000 persons
 * in one municipality, in a fresh database. The baseline is parsing and checking the same
 * file without a database (parse-only); the goal is import ≤ 2 × parse-only. A second
 * import of the same file must change nothing. Best of five runs each, medians as well.
 * Standalone: `npx tsx bench/income-import.bench.ts` (PGlite; also PostgreSQL when
 * BENCH_DATABASE_URL is set, in a scratch database that is dropped afterwards; only
 * PostgreSQL with BENCH_SKIP_PGLITE=1 as well).
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { type Database, migrateDatabase, openDatabase } from "../src/db/connection.js";
import { completeBsn } from "../src/domain/bsn.js";
import { toAccessContext } from "../src/http/access.js";
import { findSessionUser, insertUser } from "../src/modules/auth/user.repository.js";
import { importIncomeFile, parseIncomeCsv } from "../src/modules/income/income-import.js";
import { adminClient } from "./national-db";
import { quantile } from "./stats";

const ROWS = 150_000;
const GEMEENTE = "GM0344";
const KINDS = ["work", "work", "work", "wage_replacement", "toeslagenwet"];

type Print = (name: string, value: number, unit: string) => void;

/** BSNs that pass the 11-check, in order from 100000000. */
function makeBsns(count: number): string[] {
  const out: string[] = [];
  for (let prefix = 10_000_000; out.length < count; prefix++) {
    const bsn = completeBsn(String(prefix));
    if (bsn) out.push(bsn);
  }
  return out;
}

/** Deterministic synthetic file: one row per person for July 2025. */
function makeCsv(bsns: string[]): string {
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const lines = ["bsn,month,net_amount,kind,payer"];
  for (const [i, bsn] of bsns.entries()) {
    const cents = Math.floor(rnd() * 300_000);
    const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
    const kind = KINDS[i % KINDS.length]!;
    const payer =
      kind === "work"
        ? `Werkgever ${i % 997} B.V.`
        : kind === "toeslagenwet"
          ? "UWV Toeslagenwet"
          : "UWV";
    lines.push(`${bsn},2025-07,${amount},${kind},${payer}`);
  }
  return `${lines.join("\n")}\n`;
}

async function seed(database: Database, bsns: string[]) {
  const db = database.db;
  await db.execute(sql`insert into veiligheidsregio (code, name) values ('VR09', 'Utrecht')`);
  await db.execute(
    sql`insert into gemeente (code, name, province_code, province_name)
        values (${GEMEENTE}, 'Utrecht', 'PV26', 'Utrecht')`,
  );
  // Minimal persons in one statement: the BSN array travels as one parameter.
  await db.execute(sql`
    insert into person (gemeente_code, bsn, family_name, given_names, birth_date)
    select ${GEMEENTE}, b, 'Bench', 'Person', '1980-01-01'
    from unnest(${sql.param(bsns)}::text[]) as b`);
  await db.execute(sql`analyze person`);
  const userId = await insertUser(db, {
    username: "bench-caseworker",
    displayName: "Bench caseworker",
    passwordHash: "not-a-real-hash",
    role: "caseworker",
    gemeenteCode: GEMEENTE,
  });
  return toAccessContext((await findSessionUser(db, userId))!);
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

async function benchOn(
  database: Database,
  csv: string,
  bsns: string[],
  prefix: string,
  print: Print,
) {
  const actor = await seed(database, bsns);

  // Each figure is the best of five runs, after a warm-up for the parse: this machine's
  // neighbours make single runs vary by tens of percent, and the baseline and the import
  // are compared under the same rule. The medians are printed as well.
  parseIncomeCsv(csv);
  const parseRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const parsed = parseIncomeCsv(csv);
    parseRuns.push(seconds(start));
    if (parsed.valid.length !== ROWS)
      throw new Error(`expected ${ROWS} valid rows, got ${parsed.valid.length}`);
  }

  // A first import into an empty income table, RUNS times (emptied in between).
  const importRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await database.db.execute(sql`truncate income`);
    const start = process.hrtime.bigint();
    const first = await importIncomeFile(database.db, actor, csv);
    importRuns.push(seconds(start));
    if (first.counts.inserted !== ROWS)
      throw new Error(`expected ${ROWS} inserted, got ${first.counts.inserted}`);
  }

  // The same file again: nothing may change.
  const reimportRuns: number[] = [];
  let changed = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const again = await importIncomeFile(database.db, actor, csv);
    reimportRuns.push(seconds(start));
    changed += again.counts.inserted + again.counts.updated;
  }

  const parseOnly = Math.min(...parseRuns);
  const importSeconds = Math.min(...importRuns);
  print(`${prefix}/parse-only-seconds`, round(parseOnly), "seconds");
  print(`${prefix}/parse-only-median-seconds`, round(quantile(parseRuns, 0.5)), "seconds");
  print(`${prefix}/import-seconds`, round(importSeconds), "seconds");
  print(`${prefix}/import-median-seconds`, round(quantile(importRuns, 0.5)), "seconds");
  print(`${prefix}/import-vs-parse`, round(importSeconds / parseOnly, 2), "ratio");
  print(
    `${prefix}/import-vs-parse-medians`,
    round(quantile(importRuns, 0.5) / quantile(parseRuns, 0.5), 2),
    "ratio",
  );
  print(`${prefix}/rows-per-second`, Math.round(ROWS / importSeconds), "per-second");
  print(`${prefix}/reimport-seconds`, round(Math.min(...reimportRuns)), "seconds");
  print(`${prefix}/reimport-changed-rows`, changed, "rows");
}

const RUNS = 5;

async function withScratchPostgres<T>(url: string, run: (d: Database) => Promise<T>): Promise<T> {
  const name = `opvang_bench_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = await adminClient(url);
  await admin.query(`create database ${name}`);
  await admin.end();
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  const d = await openDatabase({ url: scratch.toString(), poolSize: 2 });
  try {
    await migrateDatabase(d);
    return await run(d);
  } finally {
    await d.close();
    const a = await adminClient(url);
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  }
}

export async function runIncomeImportBench(print: Print): Promise<void> {
  const bsns = makeBsns(ROWS);
  const folder = await mkdtemp(join(tmpdir(), "opvang-income-bench-"));
  try {
    const file = join(folder, "ib-2025-07.csv");
    await writeFile(file, makeCsv(bsns), "utf8");
    const csv = await readFile(file, "utf8");

    const pgUrl = process.env.BENCH_DATABASE_URL;
    // BENCH_SKIP_PGLITE=1 with BENCH_DATABASE_URL: PostgreSQL only (several runs in a row).
    if (!(pgUrl && process.env.BENCH_SKIP_PGLITE)) {
      const lite = await openDatabase({ url: "memory://" });
      try {
        await migrateDatabase(lite);
        await benchOn(lite, csv, bsns, "income-import", print);
      } finally {
        await lite.close();
      }
    }
    if (pgUrl) {
      await withScratchPostgres(pgUrl, (d) =>
        benchOn(d, csv, bsns, "income-import/postgresql", print),
      );
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await runIncomeImportBench((name, value, unit) => console.log(`${name}: ${value} ${unit}`));
}
