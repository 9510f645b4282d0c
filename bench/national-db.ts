/**
 * A database at the national demo scale for benchmarks: on PostgreSQL when
 * BENCH_DATABASE_URL is set (a scratch database, dropped afterwards), else PGlite in memory.
 */
import pg from "pg";
import { seed } from "../src/cli/seed";
import { type Database, migrateDatabase, openDatabase } from "../src/db/connection";

/**
 * A connected client to the server's maintenance database (create and drop scratch
 * databases). A client without an 'error' listener ends the process when its connection
 * breaks (a restart, a terminated backend): log the code and let the statement fail.
 */
export async function adminClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", (e: Error & { code?: string }) => {
    console.error(`bench: admin connection lost: ${e.code ?? e.name}`);
  });
  await client.connect();
  return client;
}

export async function withNationalDatabase<T>(
  fn: (d: Database, seedSeconds: number) => Promise<T>,
): Promise<T> {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  let database: Database;
  let drop = async () => {};
  if (serverUrl) {
    const name = `opvang_bench_${process.pid}_${Date.now()}`;
    const admin = await adminClient(serverUrl);
    await admin.query(`create database "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ url: url.toString(), poolSize: 4 });
    drop = async () => {
      const a = await adminClient(serverUrl);
      await a.query(`drop database if exists "${name}" with (force)`);
      await a.end();
    };
  } else {
    database = await openDatabase({ url: "memory://" });
  }
  try {
    await migrateDatabase(database);
    const t0 = performance.now();
    // BENCH_NATIONAL_SCALE=history: the national history from March 2022 instead.
    const scale = process.env.BENCH_NATIONAL_SCALE === "history" ? "history" : "national";
    await seed(database.db, { scale, seed: 1 });
    const seedSeconds = (performance.now() - t0) / 1000;
    return await fn(database, seedSeconds);
  } finally {
    await database.close();
    await drop();
  }
}
