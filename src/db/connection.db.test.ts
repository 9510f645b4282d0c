/**
 * The database connection survives the server ending an idle connection (a restart, an
 * administrator): on PostgreSQL an idle client's error must not end the process, and the
 * next statement gets a new connection. PGlite has no server connections to lose.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, openSecondPool, type TestDatabase, testEngine } from "../../test/db";
import { query } from "./connection";

// Registered on PostgreSQL only (the CI's second pass), as in the placements tests: the
// suite counts a skipped test as a failure.
const onPostgres = testEngine === "postgresql" ? it : () => {};

describe(`database connection (${testEngine})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.destroy());

  it("answers a statement", async () => {
    const [row] = await query<{ one: number }>(t.db, sql`select 1 as one`);
    expect(row!.one).toBe(1);
  });

  onPostgres("an idle connection ended by the server is replaced, not fatal", async () => {
    const [{ name }] = (await query<{ name: string }>(
      t.db,
      sql`select current_database() as name`,
    )) as [{ name: string }];
    const second = await openSecondPool(t, 2);
    await query(second.db, sql`select 1`); // leaves an idle connection in the pool
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args.join(" "));
    try {
      await query(
        t.db,
        sql`select pg_terminate_backend(pid) from pg_stat_activity
            where datname = ${name} and pid <> pg_backend_pid() and state = 'idle'`,
      );
      await new Promise((r) => setTimeout(r, 200));
      const [row] = await query<{ one: number }>(second.db, sql`select 1 as one`);
      expect(row!.one).toBe(1);
      expect(logged.some((l) => l.includes("57P01"))).toBe(true);
    } finally {
      console.error = original;
      await second.close();
    }
  });
});
