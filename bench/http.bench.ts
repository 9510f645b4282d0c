/**
 * HTTP from outside: the app, served by @hono/node-server in a child process on the
 * national demo database, loaded by autocannon from this process (50 connections,
 * BENCH_HTTP_SECONDS each, default 10), beside a bare Hono route asking the same
 * database `select 1`, in the same child (the health check's goal: within 2× of it).
 * Prints requests per second and the p50 and p99 latency of each: the bare route, the
 * health check, a caseworker's household reads over the households of Amsterdam, their
 * searches, and the coordinator's occupancy of all regions (goal: household reads
 * ≥ 2,000 req/s with p99 < 100 ms at 50 connections). On PostgreSQL it also counts the
 * SQL statements of one household read (sequential reads after the load).
 *
 * The child gets the database by URL on PostgreSQL, or as a dump of the PGlite database.
 * BENCH_HTTP_ONLY=household-read,health measures only the figures named; BENCH_POOL_SIZE
 * sets the served app's pool on PostgreSQL (default 10, as `npm start`).
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os, { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import pg from "pg";
import { DEMO_PASSWORD } from "../src/cli/seed";
import { loadConfig } from "../src/config";
import { type Database, isPostgresUrl, openDatabase, query } from "../src/db/connection";
import { createApp } from "../src/http/app";
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from "../src/http/cookies";

type Print = (name: string, value: number, unit: string) => void;

const CONNECTIONS = 50;

/** Messages between this process and the served app. */
type ToChild = { kind: "count"; on: boolean } | { kind: "cpu" | "idle" | "stop" };
type FromChild =
  | { kind: "ready"; appPort: number; barePort: number }
  | { kind: "idle" }
  | { kind: "cpu"; ms: number }
  | {
      kind: "counted";
      requests: number;
      statements: number;
      sqlMs: number;
      texts: [string, number][];
    };

export async function runHttpBench(database: Database, print: Print) {
  const seconds = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
  if (!(seconds > 0)) throw new Error("BENCH_HTTP_SECONDS must be a positive number");
  const db = database.db;

  // What the load asks for, read from the database before the child starts.
  const householdIds = (
    await query<{ id: number }>(
      db,
      sql`select h.id from household h where h.gemeente_code = 'GM0363' order by h.id`,
    )
  ).map((r) => r.id);
  const people = await query<{ family_name: string; given_names: string; v_number: string }>(
    db,
    sql`select family_name, given_names, v_number from person
        where gemeente_code = 'GM0363' order by id limit 40`,
  );
  const searches = people.flatMap((p) => [
    `${p.given_names} ${p.family_name}`,
    p.family_name,
    p.v_number,
  ]);

  let target: string;
  let folder: string | undefined;
  if (database.kind === "postgresql") {
    const server = process.env.BENCH_DATABASE_URL;
    if (!server) throw new Error("the HTTP bench on PostgreSQL needs BENCH_DATABASE_URL");
    const [{ name }] = (await query<{ name: string }>(
      db,
      sql`select current_database() as name`,
    )) as [{ name: string }];
    const url = new URL(server);
    url.pathname = `/${name}`;
    target = url.toString();
  } else {
    folder = await mkdtemp(join(tmpdir(), "opvang-http-bench-"));
    target = join(folder, "national.tar");
    await writeFile(target, Buffer.from(await (await database.dump!()).arrayBuffer()));
  }

  const child = fork(fileURLToPath(import.meta.url), ["serve"], {
    env: { ...process.env, BENCH_HTTP_DATABASE: target },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  try {
    const { appPort, barePort } = await nextMessage(child, "ready");
    const base = `http://127.0.0.1:${appPort}`;
    const caseworker = await signIn(base, "caseworker-amsterdam");
    const coordinator = await signIn(base, "coordinator");

    const scenarios: Scenario[] = [
      { name: "bare", url: `http://127.0.0.1:${barePort}`, paths: ["/"] },
      { name: "health", url: base, paths: ["/api/health"] },
      {
        name: "household-read",
        url: base,
        paths: householdIds.map((id) => `/api/v1/households/${id}`),
        headers: caseworker,
      },
      {
        name: "search",
        url: base,
        paths: searches.map((q) => `/api/v1/persons?q=${encodeURIComponent(q)}`),
        headers: caseworker,
      },
      {
        name: "occupancy-regions",
        url: base,
        paths: ["/api/v1/occupancy/regions"],
        headers: coordinator,
      },
    ];
    console.log(
      `http (${database.kind}): ${CONNECTIONS} connections, ${seconds} s each; ${householdIds.length} households and ${searches.length} searches of GM0363`,
    );
    const rate = new Map<string, number>();
    const only = process.env.BENCH_HTTP_ONLY?.split(",");
    for (const s of scenarios.filter((x) => !only || only.includes(x.name))) {
      await load(s, Math.min(2, seconds)); // warm up: JIT, plans, pool
      await settle(child);
      const cpu0 = await cpuNow(child, database);
      const r = await load(s, seconds);
      const cpu1 = await cpuNow(child, database);
      await settle(child);
      const total = r["2xx"] + r.non2xx + r.errors + r.timeouts;
      const bad = r.non2xx + r.errors + r.timeouts;
      console.log(
        `  ${s.name}: ${total} requests, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts; CPU of ${os.cpus().length} cores: load generator ${cpuShare(cpu1.self - cpu0.self, r.duration)}, app process ${cpuShare(cpu1.app - cpu0.app, r.duration)}, PostgreSQL backends ${cpu0.database === undefined ? "not measured" : cpuShare(cpu1.database! - cpu0.database, r.duration)}; per request: app ${perRequest(cpu1.app - cpu0.app, total)}, PostgreSQL ${cpu0.database === undefined ? "not measured" : perRequest(cpu1.database! - cpu0.database, total)}`,
      );
      if (bad > total * 0.005) {
        throw new Error(`http/${s.name}: ${bad} of ${total} requests failed or were refused`);
      }
      if (r["2xx"] === 0) {
        console.log(`  ${s.name}: no request answered within ${seconds} s; no figures`);
        continue;
      }
      const r1 = (x: number) => Math.round(x * 10) / 10;
      print(`http/${s.name}-req-per-s`, Math.round(r.requests.average), "req/s");
      rate.set(s.name, r.requests.average);
      print(`http/${s.name}-p50-ms`, r1(r.latency.p50), "ms");
      print(`http/${s.name}-p99-ms`, r1(r.latency.p99), "ms");
      if (s.name === "household-read" && database.kind === "postgresql") {
        await statementsPerRead(child, s, print);
      }
      if (s.name === "health" && rate.get("bare")) {
        // Goal: the middleware costs little, the health check within 2x of the bare route.
        print(
          "http/bare-select-1-vs-health-ratio",
          Math.round((rate.get("bare")! / r.requests.average) * 100) / 100,
          "ratio",
        );
      }
    }
  } finally {
    if (child.connected) send(child, { kind: "stop" });
    const timer = setTimeout(() => child.kill(), 10_000);
    await exited;
    clearTimeout(timer);
    if (folder) await rm(folder, { recursive: true, force: true });
  }
}

interface Scenario {
  name: string;
  url: string;
  /** Each request takes the next path, round robin over all connections. */
  paths: string[];
  headers?: Record<string, string>;
}

function load(s: Scenario, seconds: number): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url: s.url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: s.headers,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => {
          req.path = s.paths[next++ % s.paths.length]!;
          return req;
        },
      },
    ],
  });
}

/** Waits until the app has answered every request still queued after a load. */
async function settle(child: ChildProcess) {
  send(child, { kind: "idle" });
  await nextMessage(child, "idle");
}

const cpuShare = (ms: number, seconds: number) => `${Math.round(ms / seconds / 10)}%`;
const perRequest = (ms: number, requests: number) =>
  `${requests > 0 ? Math.round((ms / requests) * 100) / 100 : "-"} ms CPU`;

/**
 * CPU milliseconds used so far by the app process and, on PostgreSQL on this machine, by
 * the backends serving the bench database (from /proc; undefined where unreadable).
 */
async function cpuNow(
  child: ChildProcess,
  database: Database,
): Promise<{ self: number; app: number; database: number | undefined }> {
  const { user, system } = process.cpuUsage();
  const self = (user + system) / 1000;
  send(child, { kind: "cpu" });
  const app = (await nextMessage(child, "cpu")).ms;
  if (database.kind !== "postgresql") return { self, app, database: undefined };
  const pids = await query<{ pid: number }>(
    database.db,
    sql`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
  );
  let ticks = 0;
  try {
    for (const { pid } of pids) {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    }
  } catch {
    return { self, app, database: undefined }; // not Linux, or PostgreSQL on another machine
  }
  return { self, app, database: ticks * 10 }; // 100 ticks per second on Linux
}

/** Sequential reads after the load, with the child counting its SQL statements. */
async function statementsPerRead(child: ChildProcess, s: Scenario, print: Print) {
  const reads = 200;
  await settle(child);
  send(child, { kind: "count", on: true });
  const t0 = performance.now();
  for (let i = 0; i < reads; i++) {
    const res = await fetch(`${s.url}${s.paths[(i * 37) % s.paths.length]}`, {
      headers: s.headers,
    });
    if (res.status !== 200) throw new Error(`household read answered ${res.status}`);
    await res.arrayBuffer();
  }
  const ms = (performance.now() - t0) / reads;
  send(child, { kind: "count", on: false });
  const c = await nextMessage(child, "counted");
  if (c.requests !== reads) throw new Error(`counted ${c.requests} requests, sent ${reads}`);
  const r1 = (x: number) => Math.round(x * 10) / 10;
  console.log(
    `  household-read, one at a time: ${r1(ms)} ms per read, of which ${r1(c.sqlMs / reads)} ms waiting for ${r1(c.statements / reads)} SQL statements`,
  );
  print("http/household-read-sql-statements", r1(c.statements / reads), "per-read");
  print("http/household-read-sequential-ms", r1(ms), "ms");
  print("http/household-read-sequential-sql-ms", r1(c.sqlMs / reads), "ms");
  if (process.env.BENCH_VERBOSE) {
    for (const [text, n] of c.texts) console.log(`    ${r1(n / reads)}× ${text}`);
  }
}

/** Signs in as a demo account; answers the cookie and CSRF headers of its session. */
async function signIn(base: string, username: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} answered ${res.status}`);
  const cookies = new Map(
    res.headers.getSetCookie().map((c) => {
      const [pair] = c.split(";") as [string];
      const at = pair.indexOf("=");
      return [pair.slice(0, at), pair.slice(at + 1)] as const;
    }),
  );
  const session = cookies.get(SESSION_COOKIE);
  const csrf = cookies.get(CSRF_COOKIE);
  if (!session || !csrf) throw new Error(`sign-in of ${username} set no session cookies`);
  return {
    Cookie: `${SESSION_COOKIE}=${session}; ${CSRF_COOKIE}=${csrf}`,
    [CSRF_HEADER]: csrf,
  };
}

function send(child: ChildProcess, message: ToChild) {
  child.send(message);
}

function nextMessage<K extends FromChild["kind"]>(
  child: ChildProcess,
  kind: K,
): Promise<Extract<FromChild, { kind: K }>> {
  return new Promise((done, fail) => {
    const onMessage = (m: FromChild) => {
      if (m.kind !== kind) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      done(m as Extract<FromChild, { kind: K }>);
    };
    const onExit = (code: number | null) =>
      fail(new Error(`the served app exited (${code}) before "${kind}"`));
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

/** The child: the app and a bare route on free ports, until told to stop. */
async function serveApp() {
  const target = process.env.BENCH_HTTP_DATABASE!;
  const database = isPostgresUrl(target)
    ? await openDatabase({
        url: target,
        poolSize: process.env.BENCH_POOL_SIZE ? Number(process.env.BENCH_POOL_SIZE) : undefined,
      })
    : await openDatabase({ url: "memory://", loadDataDir: new Blob([await readFile(target)]) });
  const counter = countStatements();
  const app = createApp({ database, config: { ...loadConfig({}), secureCookies: false } });
  let inFlight = 0;
  const appFetch = async (r: Request) => {
    counter.request();
    inFlight++;
    try {
      return await app.fetch(r);
    } finally {
      inFlight--;
    }
  };
  const idle = async () => {
    while (inFlight > 0) await new Promise((done) => setTimeout(done, 20));
  };
  // The baseline of the health check: a bare route asking the same database `select 1`.
  const bare = new Hono().get("/", async (c) => {
    await database.db.execute(sql`select 1`);
    return c.json({ status: "ok", n: 1 });
  });
  const listen = (fetch: (r: Request) => Response | Promise<Response>) =>
    new Promise<ReturnType<typeof serve>>((done, fail) => {
      const server = serve({ fetch, port: 0, hostname: "127.0.0.1" });
      server.once("listening", () => done(server));
      server.once("error", fail);
    });
  const appServer = await listen(appFetch);
  const bareServer = await listen(bare.fetch);
  const port = (s: ReturnType<typeof serve>) => (s.address() as AddressInfo).port;
  const stop = async () => {
    appServer.close();
    bareServer.close();
    await idle();
    await database.close();
    process.exit(0);
  };
  process.on("message", (m: ToChild) => {
    if (m.kind === "stop") void stop();
    else if (m.kind === "idle") void idle().then(() => process.send!({ kind: "idle" }));
    else if (m.kind === "cpu") {
      const { user, system } = process.cpuUsage();
      process.send!({ kind: "cpu", ms: (user + system) / 1000 } satisfies FromChild);
    } else if (m.kind === "count" && m.on) counter.start();
    else process.send!({ kind: "counted", ...counter.stop() } satisfies FromChild);
  });
  process.once("disconnect", () => void stop());
  process.send!({
    kind: "ready",
    appPort: port(appServer),
    barePort: port(bareServer),
  } satisfies FromChild);
}

/**
 * Counts the statements node-postgres sends and the time until each answers, while on
 * (PostgreSQL only; PGlite's statements are not counted).
 */
function countStatements() {
  let on = false;
  let requests = 0;
  let statements = 0;
  let sqlMs = 0;
  const texts = new Map<string, number>();
  type QueryFn = (...args: unknown[]) => unknown;
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    if (!on) return original.apply(this, args);
    const first = args[0] as string | { text?: string } | undefined;
    const text = (typeof first === "string" ? first : (first?.text ?? "?"))
      .replace(/\s+/g, " ")
      .slice(0, 120);
    statements++;
    texts.set(text, (texts.get(text) ?? 0) + 1);
    const t0 = performance.now();
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (...r: unknown[]) => {
        sqlMs += performance.now() - t0;
        return (last as QueryFn)(...r);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) {
      result.then(
        () => {
          sqlMs += performance.now() - t0;
        },
        () => {
          sqlMs += performance.now() - t0;
        },
      );
    }
    return result;
  };
  return {
    request() {
      if (on) requests++;
    },
    start() {
      on = true;
      requests = 0;
      statements = 0;
      sqlMs = 0;
      texts.clear();
    },
    stop() {
      on = false;
      return {
        requests,
        statements,
        sqlMs,
        texts: [...texts].sort((a, b) => b[1] - a[1]),
      };
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  if (process.argv[2] === "serve") {
    await serveApp();
  } else {
    const { withNationalDatabase } = await import("./national-db");
    await withNationalDatabase((database) =>
      runHttpBench(database, (name, value, unit) => console.log(`${name}: ${value} ${unit}`)),
    );
  }
}
