/**
 * One schema, one SQL dialect, two engines: embedded PGlite (a data folder, or memory://)
 * by default, a PostgreSQL server when a postgres:// URL is given. Both return dates and
 * timestamps as strings and 64-bit integers as numbers, so code above never needs to know
 * which one runs.
 */
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { type SQL, sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { type PgDatabase, PgDialect, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; has the same query API as Db. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either a database or an open transaction: repositories accept both. */
export type Queryable = Db | Tx;
export type DatabaseKind = "pglite" | "postgresql";

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Where the data lives, without credentials: a folder, memory:// or host/database. */
  location: string;
  close(): Promise<void>;
  /** PGlite only: a tarball of the data folder, used to copy a migrated test database. */
  dump?(): Promise<Blob>;
}

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

const INT8 = 20;
const DATE = 1082;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const asString = (v: string) => v;

let pgParsersSet = false;
function setPgParsers() {
  if (pgParsersSet) return;
  pg.types.setTypeParser(DATE, asString);
  pg.types.setTypeParser(TIMESTAMP, asString);
  pg.types.setTypeParser(TIMESTAMPTZ, asString);
  // Ids and counts fit in a double; PGlite already answers numbers.
  pg.types.setTypeParser(INT8, (v: string) => Number(v));
  pgParsersSet = true;
}

export interface OpenOptions {
  /** postgres://… for a server; otherwise a PGlite data folder or memory:// */
  url: string;
  /** PGlite: start from this dump instead of an empty folder. */
  loadDataDir?: Blob;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (isPostgresUrl(options.url)) {
    setPgParsers();
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      options: "-c TimeZone=UTC",
    });
    // An idle connection the server ends (a restart, an administrator, a dropped test
    // database) is an 'error' event on the pool: without a listener it would end the
    // process. The pool replaces the connection; log the code only (no statement data).
    pool.on("error", (e: Error & { code?: string }) => {
      console.error(`database connection lost (idle): ${e.code ?? e.name}`);
    });
    // Fail at start-up with a clear message, not on the first request.
    const client = await pool.connect();
    client.release();
    const u = new URL(options.url);
    return {
      db: drizzlePg(pool, { schema }) as unknown as Db,
      kind: "postgresql",
      location: `${u.hostname}:${u.port || 5432}${u.pathname}`,
      close: () => pool.end(),
    };
  }
  const client = new PGlite({
    dataDir: options.url === "memory://" ? undefined : options.url,
    loadDataDir: options.loadDataDir,
    extensions: { btree_gist, pg_trgm },
    parsers: { [DATE]: asString, [TIMESTAMP]: asString, [TIMESTAMPTZ]: asString },
  });
  await client.waitReady;
  await client.exec("SET TIME ZONE 'UTC'");
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    kind: "pglite",
    location: options.url,
    close: () => client.close(),
    dump: () => client.dumpDataDir("none"),
  };
}

/** Applies the SQL migrations in src/db/migrations that have not run yet. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === "postgresql") {
    await migratePg(database.db as never, { migrationsFolder });
  } else {
    await migratePglite(database.db as never, { migrationsFolder });
  }
}

/** Runs a raw query and returns its rows; both drivers put them in `.rows`. */
export async function query<T>(db: Queryable, q: SQL): Promise<T[]> {
  const result = (await db.execute(q)) as unknown as { rows: T[] };
  return result.rows;
}

/** A text[] or date[] parameter of values (`= any(...)`, `unnest(...)`). */
export const textArray = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
export const dateArray = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::date[]`;

/**
 * A read with PostgreSQL's JIT compilation off (in its own transaction, `set local`): for
 * the long aggregate reads (national figures, funding claims) the planner's estimate
 * crosses jit_above_cost, and compiling then took 30–400 ms for a query that runs in tens
 * of milliseconds (EXPLAIN ANALYZE on the national demo). PGlite accepts the setting and
 * has no JIT.
 */
export async function readWithoutJit<T>(db: Queryable, q: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return query<T>(tx, q);
  });
}

const dialect = new PgDialect();

/**
 * A statement for the hot paths, built once (values as `sql.placeholder("name")`) and run
 * as a named statement: on PostgreSQL each connection parses and plans it once and then
 * only binds and executes it (planning a read's statements cost more database CPU than
 * running them), and no query is built per request. PGlite runs the same text. `name`
 * must be unique in the process (node-postgres keeps the names per connection).
 * Answers a function of the database (or transaction) and the placeholders' values that
 * returns the rows.
 */
export function preparedStatement<T>(
  name: string,
  statement: () => SQL,
): (db: Queryable, values: Record<string, unknown>) => Promise<T[]> {
  let built: ReturnType<PgDialect["sqlToQuery"]> | undefined;
  type Prepared = ReturnType<Queryable["_"]["session"]["prepareQuery"]>;
  const byDatabase = new WeakMap<Queryable, Prepared>();
  return async (db, values) => {
    let prepared = byDatabase.get(db);
    if (!prepared) {
      built ??= dialect.sqlToQuery(statement());
      prepared = db._.session.prepareQuery(built, undefined, name, false);
      byDatabase.set(db, prepared);
    }
    return ((await prepared.execute(values)) as { rows: T[] }).rows;
  };
}
