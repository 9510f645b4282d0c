/**
 * Seed benchmarks: the national demo scale on PostgreSQL (the goal: under two
 * minutes) and the demo scale on embedded PGlite (what `npm start` waits for on first run).
 * The PostgreSQL figure needs BENCH_DATABASE_URL or TEST_DATABASE_URL; a scratch database
 * is created on that server and dropped afterwards.
 */
import { pathToFileURL } from "node:url";
import { type Database, migrateDatabase, openDatabase } from "../src/db/connection";
import { generateDemo } from "../src/db/demo/generate";
import { adminClient } from "./national-db";

type Print = (name: string, value: number, unit: string) => void;

async function timeSeed(database: Database, scale: "demo" | "national"): Promise<number> {
  await migrateDatabase(database);
  const start = performance.now();
  await generateDemo(database.db, { scale, seed: 1 });
  return (performance.now() - start) / 1000;
}

const round = (seconds: number) => Math.round(seconds * 10) / 10;

export async function runSeedBench(print: Print): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `opvang_bench_seed_${process.pid}_${Date.now()}`;
    const admin = await adminClient(serverUrl);
    await admin.query(`create database "${name}"`);
    try {
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const database = await openDatabase({ url: url.toString(), poolSize: 2 });
      try {
        print("seed/national-postgresql-seconds", round(await timeSeed(database, "national")), "s");
      } finally {
        await database.close();
      }
    } finally {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  } else {
    console.log("seed/national-postgresql-seconds: skipped (set BENCH_DATABASE_URL)");
  }

  const embedded = await openDatabase({ url: "memory://" });
  try {
    print("seed/demo-pglite-seconds", round(await timeSeed(embedded, "demo")), "s");
  } finally {
    await embedded.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runSeedBench((name, value, unit) => console.log(`${name}: ${value} ${unit}`));
}
