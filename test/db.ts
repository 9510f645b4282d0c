/**
 * One database test suite, two engines: PGlite in memory by default, a PostgreSQL server
 * when TEST_DATABASE_URL is set (a fresh database per test file, dropped afterwards).
 * PGlite starts from a migrated copy made once per worker (dump and load), which is much
 * faster than migrating an empty database for every file.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, migrateDatabase, openDatabase } from "../src/db/connection";

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

export async function createTestDatabase(): Promise<TestDatabase> {
  if (!testDatabaseUrl) {
    const d = await openDatabase({ url: "memory://", loadDataDir: await pgliteTemplate() });
    return { ...d, destroy: () => d.close() };
  }
  const name = `opvang_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const d = await openDatabase({ url: url.toString(), poolSize: 4 });
  await migrateDatabase(d);
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
