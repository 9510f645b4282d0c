/**
 * Exactly once under SIGKILL: `opvang run-month` is killed at random points at least 20
 * times and started again, each time resuming where the killed process stopped. Every
 * finished preparation must hold exactly one payment per household with the amounts of an
 * uninterrupted run; after approval, exactly one decision per household and month and a
 * SEPA file with no transfer twice. A real process, a real kill, the test's own engine
 * (a PGlite data folder, or a PostgreSQL database).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertTestUser } from "../../../test/app";
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseUrl,
  testEngine,
} from "../../../test/db";
import { type Database, migrateDatabase, openDatabase, query } from "../../db/connection";
import { generateDemo } from "../../db/demo/generate";
import type { AccessContext } from "../../domain/access";
import { sepaFile } from "./monthly-run.files";
import { approveRun, runJob, startPreparation } from "./monthly-run.service";

const bin = path.resolve(import.meta.dirname, "../../../bin/opvang.js");
const GEMEENTE = "GM0363";
const MONTH = "2027-01";
const KILLS = 20;

/** A seeded generator: the same kill points on every run of the suite. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Snapshot {
  payments: string[];
  totals: Record<string, number>;
}

async function snapshot(db: Database["db"], runId: number): Promise<Snapshot> {
  const rows = await query<Record<string, unknown>>(
    db,
    sql`select household_id, method, persons, leefgeld_cents, eigen_bijdrage_cents, back_pay_cents,
          recovery_cents, offset_cents, transfer_cents, collect_cents, anomalies, end_to_end_id
        from monthly_run_payment where run_id = ${runId} order by household_id`,
  );
  const [totals] = await query<Record<string, number>>(
    db,
    sql`select count(*)::int as payments, count(distinct household_id)::int as households,
          coalesce(sum(transfer_cents), 0)::int as transfer, coalesce(sum(collect_cents), 0)::int as collect,
          (select count(*)::int from monthly_run_item where run_id = ${runId}) as items
        from monthly_run_payment where run_id = ${runId}`,
  );
  return { payments: rows.map((r) => JSON.stringify(r)), totals: totals! };
}

describe(`run-month killed at random points (${testEngine})`, { timeout: 600_000 }, () => {
  let dataDir: string | null = null;
  let test: TestDatabase | null = null;
  let env: NodeJS.ProcessEnv;
  let runId = 0;
  let baseline: Snapshot;
  let households = 0;

  /** The test's own connection: PGlite allows one process at a time, so it is opened and closed around the children. */
  async function withDb<T>(fn: (d: Database) => Promise<T>): Promise<T> {
    if (test) return fn(test);
    const d = await openDatabase({ url: dataDir! });
    try {
      return await fn(d);
    } finally {
      await d.close();
    }
  }

  beforeAll(async () => {
    if (testDatabaseUrl) {
      test = await createTestDatabase();
      const [row] = await query<{ name: string }>(test.db, sql`select current_database() as name`);
      const url = new URL(testDatabaseUrl);
      url.pathname = `/${row!.name}`;
      env = { ...process.env, DATABASE_URL: url.toString() };
    } else {
      dataDir = mkdtempSync(path.join(tmpdir(), "opvang-kill-"));
      env = { ...process.env, DATABASE_URL: "", OPVANG_DATA_DIR: dataDir };
    }
    await withDb(async (d) => {
      await migrateDatabase(d);
      await generateDemo(d.db, { scale: "demo", seed: 1 });
      await insertTestUser(d as TestDatabase, "kill-finance-a", "finance_officer", GEMEENTE);
      await insertTestUser(d as TestDatabase, "kill-finance-b", "finance_officer", GEMEENTE);
      // The uninterrupted run, in this process: what every resumed run must equal.
      const [a] = await query<{ id: number }>(
        d.db,
        sql`select id from app_user where username = 'kill-finance-a'`,
      );
      const run = await startPreparation(
        d.db,
        { userId: a!.id, gemeente: GEMEENTE },
        MONTH,
        "baseline",
      );
      expect(await runJob(d.db, run.id, { worker: "baseline", batchSize: 10 })).toBe("prepared");
      runId = run.id;
      baseline = await snapshot(d.db, runId);
      households = baseline.totals.households!;
    });
    expect(households).toBeGreaterThan(100);
  }, 300_000);

  afterAll(async () => {
    await test?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs the command; kills it after `killAfterMs` unless it ended. */
  function runMonth(killAfterMs: number | null) {
    return new Promise<{ code: number | null; killed: boolean; output: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          bin,
          "run-month",
          "--gemeente",
          GEMEENTE,
          "--month",
          MONTH,
          "--by",
          "kill-finance-a",
          "--batch-size",
          "10",
        ],
        { env, stdio: ["ignore", "pipe", "pipe"] },
      );
      let output = "";
      let killed = false;
      child.stdout.on("data", (b) => {
        output += b;
      });
      child.stderr.on("data", (b) => {
        output += b;
      });
      const timer =
        killAfterMs === null
          ? null
          : setTimeout(() => {
              killed = child.kill("SIGKILL");
            }, killAfterMs);
      child.on("exit", (code) => {
        if (timer) clearTimeout(timer);
        resolve({ code, killed, output });
      });
    });
  }

  it(`is killed ${KILLS} times and each finished preparation equals the uninterrupted run`, async () => {
    // How long a whole preparation takes as a process: the kills fall within it.
    const t0 = performance.now();
    const whole = await runMonth(null);
    expect(whole.code, whole.output).toBe(0);
    const wholeMs = performance.now() - t0;
    expect(await withDb((d) => snapshot(d.db, runId))).toEqual(baseline);

    const random = lcg(2027);
    let kills = 0;
    let finished = 0;
    let resumedMidway = 0;
    while (kills < KILLS) {
      const r = await runMonth(Math.floor(random() * wholeMs));
      if (r.killed && r.code !== 0) {
        kills += 1;
        const progress = await withDb(async (d) => {
          const [row] = await query<{ status: string; done: number }>(
            d.db,
            sql`select status, done_households as done from monthly_run where id = ${runId}`,
          );
          return row!;
        });
        if (progress.status === "preparing" && progress.done > 0) resumedMidway += 1;
        continue;
      }
      expect(r.code, r.output).toBe(0);
      finished += 1;
      expect(await withDb((d) => snapshot(d.db, runId))).toEqual(baseline);
    }
    // The last one was killed: start it once more and let it finish.
    const last = await runMonth(null);
    expect(last.code, last.output).toBe(0);
    expect(last.output).toMatch(/prepared in/);
    finished += 1;
    expect(await withDb((d) => snapshot(d.db, runId))).toEqual(baseline);
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    // The random points did fall in the middle of the work, not only before it began.
    expect(resumedMidway).toBeGreaterThanOrEqual(3);
    console.log(
      `${kills} kills (${resumedMidway} mid-run), ${finished} finished; a whole run took ${Math.round(wholeMs)} ms`,
    );
  });

  it("then approves into exactly one decision per household and a SEPA file without a transfer twice", async () => {
    await withDb(async (d) => {
      const [b] = await query<{ id: number }>(
        d.db,
        sql`select id from app_user where username = 'kill-finance-b'`,
      );
      const approver: AccessContext = {
        id: b!.id,
        username: "kill-finance-b",
        role: "finance_officer",
        language: "nl",
        scope: { kind: "gemeente", gemeente: GEMEENTE },
      };
      const [run] = await query<{ version: number }>(
        d.db,
        sql`select version from monthly_run where id = ${runId}`,
      );
      const approved = await approveRun(d.db, approver, runId, run!.version);
      expect(approved.status).toBe("approved");
      const [decisions] = await query<{ n: number; pairs: number }>(
        d.db,
        sql`select count(*)::int as n, count(distinct (household_id, month))::int as pairs
            from decision where run_id = ${runId}`,
      );
      expect(decisions).toEqual({ n: baseline.totals.items, pairs: baseline.totals.items });
      expect(baseline.totals.items).toBe(households);
      const { xml, count } = await sepaFile(d.db, approver, runId);
      const ids = [...xml.matchAll(/<EndToEndId>([^<]+)<\/EndToEndId>/g)].map((m) => m[1]);
      expect(ids.length).toBe(count);
      expect(new Set(ids).size).toBe(ids.length);
      const [sepa] = await query<{ n: number }>(
        d.db,
        sql`select count(*)::int as n from monthly_run_payment
            where run_id = ${runId} and method = 'sepa' and transfer_cents > 0`,
      );
      expect(count).toBe(sepa!.n);
    });
  });
});
