/**
 * One database test suite, two engines: PGlite in memory by default, a PostgreSQL server
 * when TEST_DATABASE_URL is set (a fresh database per test file, dropped afterwards).
 * PGlite starts from a migrated copy made once per worker (dump and load), which is much
 * faster than migrating an empty database for every file.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import { type Database, migrateDatabase, openDatabase, query } from "../src/db/connection";

let migratedDump: Promise<Blob> | undefined;

async function pgliteTemplate(): Promise<Blob> {
  migratedDump ??= (async () => {
    const d = await openDatabase({ url: "memory://" });
    await migrateDatabase(d);
    const dump = await d.dump!();
    await d.close();
    return dump;
  })();
  return migratedDump;
}

export interface TestDatabase extends Database {
  /** Closes the connection and removes the database. */
  destroy(): Promise<void>;
}

export const testDatabaseUrl = process.env.TEST_DATABASE_URL;
export const testEngine = testDatabaseUrl ? "postgresql" : "pglite";

/** A migrated database of the test engine (PGlite from the worker's migrated copy). */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!testDatabaseUrl) {
    const d = await openDatabase({ url: "memory://", loadDataDir: await pgliteTemplate() });
    return { ...d, destroy: () => d.close() };
  }
  const d = await createEmptyTestDatabase(4);
  await migrateDatabase(d);
  return d;
}

/** An empty database of the test engine, not migrated (for migration tests). */
export async function createEmptyTestDatabase(poolSize = 2): Promise<TestDatabase> {
  if (!testDatabaseUrl) {
    const d = await openDatabase({ url: "memory://" });
    return { ...d, destroy: () => d.close() };
  }
  const name = `opvang_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const d = await openDatabase({ url: urlOf(name), poolSize });
  return {
    ...d,
    async destroy() {
      await d.close();
      const a = new pg.Client({ connectionString: testDatabaseUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

function urlOf(name: string): string {
  const url = new URL(testDatabaseUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * PostgreSQL only: another pool on the same test database, for truly concurrent
 * transactions or connections the test may lose; the caller closes it.
 */
export async function openSecondPool(t: Database, poolSize: number): Promise<Database> {
  const [row] = await query<{ name: string }>(t.db, sql`select current_database() as name`);
  return openDatabase({ url: urlOf(row!.name), poolSize });
}
