import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  initTestApp,
  insertTestGemeenten,
  insertTestUser,
  signIn,
  TEST_PASSWORD,
} from "../../../test/app";
import { testEngine } from "../../../test/db";
import { query } from "../../db/connection";
import {
  argon2Stats,
  dummyPasswordHash,
  resetArgon2Stats,
  SIGN_IN_ARGON2_CONCURRENCY,
} from "./password";
import { DEFAULT_SIGN_IN_LIMITS } from "./sign-in-limits";

describe(`auth routes (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    await insertTestUser(t.database, "cw-utrecht", "caseworker", "GM0344");
    await insertTestUser(t.database, "coordinator", "national_coordinator", null);
  });
  afterAll(() => t.database.destroy());

  const login = (username: string, password: string) =>
    t.app.request("/api/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username, password }),
    });

  it("signs in and answers the user with municipality, setting an HttpOnly session cookie", async () => {
    const res = await login("cw-utrecht", TEST_PASSWORD);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: Record<string, unknown> };
    expect(body.user).toMatchObject({
      username: "cw-utrecht",
      role: "caseworker",
      gemeenteCode: "GM0344",
      gemeenteName: "Utrecht",
    });
    expect(body.user).not.toHaveProperty("passwordHash");
    const cookies = res.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith("opvang_session="))).toMatch(/HttpOnly/i);
    expect(cookies.find((c) => c.startsWith("opvang_csrf="))).not.toMatch(/HttpOnly/i);
  });

  it("removes expired sessions when someone signs in", async () => {
    const client = await signIn(t.app, "coordinator");
    await t.db.execute(sql`update session set expires_at = now() - interval '1 hour'`);
    expect((await client.request("/api/auth/me")).status).toBe(401);
    await signIn(t.app, "cw-utrecht");
    const rows = await query<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from session where expires_at <= now()`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it("stores only a hash of the session token", async () => {
    const client = await signIn(t.app, "cw-utrecht");
    const token = client.cookie.match(/opvang_session=([^;]+)/)![1]!;
    const rows = await query<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from session where id_hash = ${token}`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it("refuses a wrong password and an unknown user with the same answer", async () => {
    const wrong = await login("cw-utrecht", "not-the-password");
    const unknown = await login("nobody", "not-the-password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("answers 400 naming the field when the username is missing", async () => {
    const res = await t.app.request("/api/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ password: "x" }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { issues: { path: string }[] } };
    expect(body.error.issues.map((i) => i.path)).toContain("username");
  });

  it("answers /me for a session and 401 without one", async () => {
    const client = await signIn(t.app, "coordinator");
    const me = await client.json<{ user: { gemeenteCode: null; role: string } }>(
      "GET",
      "/api/auth/me",
    );
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ role: "national_coordinator", gemeenteCode: null });
    expect((await t.app.request("/api/auth/me")).status).toBe(401);
  });

  it("security: refuses a changing request without the CSRF header", async () => {
    const client = await signIn(t.app, "cw-utrecht");
    const res = await t.app.request("/api/auth/me/language", {
      method: "PUT",
      headers: { Cookie: client.cookie, "Content-Type": "application/json" },
      body: JSON.stringify({ language: "uk" }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("csrf_failed");
  });

  it("stores the language per user", async () => {
    const client = await signIn(t.app, "cw-utrecht");
    const put = await client.json("PUT", "/api/auth/me/language", { language: "uk" });
    expect(put.status).toBe(200);
    const again = await signIn(t.app, "cw-utrecht");
    const me = await again.json<{ user: { language: string } }>("GET", "/api/auth/me");
    expect(me.body.user.language).toBe("uk");
    const bad = await client.json<{ error: { issues: { path: string }[] } }>(
      "PUT",
      "/api/auth/me/language",
      { language: "de" },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0]!.path).toBe("language");
  });

  it("security: deactivating a user ends their running sessions", async () => {
    await insertTestUser(t.database, "leaver", "caseworker", "GM0344");
    const client = await signIn(t.app, "leaver");
    expect((await client.request("/api/auth/me")).status).toBe(200);
    await t.db.execute(sql`update app_user set active = false where username = 'leaver'`);
    expect((await client.request("/api/auth/me")).status).toBe(401);
  });

  it("signs out: the session no longer works and both events are audited", async () => {
    const client = await signIn(t.app, "coordinator");
    expect((await client.request("/api/auth/logout", { method: "POST" })).status).toBe(204);
    expect((await client.request("/api/auth/me")).status).toBe(401);
    const rows = await query<{ action: string }>(
      t.db,
      sql`select a.action from audit_record a join app_user u on u.id = a.user_id
          where u.username = 'coordinator' order by a.id`,
    );
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(["sign_in", "sign_out"]));
  });
});

describe(`sign-in limits (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    await insertTestUser(t.database, "cw-utrecht", "caseworker", "GM0344");
    await insertTestUser(t.database, "target", "caseworker", "GM0344");
    await dummyPasswordHash();
  });
  afterAll(() => t.database.destroy());

  /** A sign-in as if from a socket at `address` (what clientAddress reads). */
  const loginFrom = (address: string, username: string, password: string) =>
    t.app.request(
      "/api/auth/login",
      {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ username, password }),
      },
      { incoming: { socket: { remoteAddress: address } } },
    );
  const code = async (res: Response) =>
    ((await res.json()) as { error: { code: string } }).error.code;

  it("security: wrong passwords lock the username only from their own address, with Retry-After", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await loginFrom("198.51.100.10", "target", "wrong-password")).status).toBe(401);
    }
    const sixth = await loginFrom("198.51.100.10", "target", "wrong-password");
    expect(sixth.status).toBe(429);
    expect(await code(sixth)).toBe("too_many_attempts");
    // The real user, from elsewhere, is not locked out.
    expect((await loginFrom("203.0.113.20", "target", TEST_PASSWORD)).status).toBe(200);
    // From the guessing address even the right password waits, and is told how long.
    const locked = await loginFrom("198.51.100.10", "target", TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(Number(locked.headers.get("Retry-After"))).toBeLessThanOrEqual(60);
  });

  it("security: locks an unknown username from an address just as a real one (no enumeration)", async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i++) {
      known.push((await loginFrom("198.51.100.11", "cw-utrecht", "wrong-password")).status);
      unknown.push((await loginFrom("198.51.100.11", "nobody-here", "wrong-password")).status);
    }
    expect(known).toEqual([401, 401, 401, 401, 401, 429]);
    expect(unknown).toEqual(known);
  });

  it("security: an unknown username runs argon2 once, as a wrong password does", async () => {
    resetArgon2Stats();
    expect((await loginFrom("198.51.100.12", "no-such-user", "wrong-password")).status).toBe(401);
    expect(argon2Stats.verifies).toBe(1);
    expect((await loginFrom("198.51.100.12", "cw-utrecht", "wrong-password")).status).toBe(401);
    expect(argon2Stats.verifies).toBe(2);
  });

  it("security: random usernames from one address stop at the address limit, without argon2 beyond it", async () => {
    const max = DEFAULT_SIGN_IN_LIMITS.addressMaxFailures;
    resetArgon2Stats();
    for (let i = 0; i < max; i++) {
      expect((await loginFrom("198.51.100.13", `random-${i}`, "wrong-password")).status).toBe(401);
    }
    expect(argon2Stats.verifies).toBe(max);
    for (let i = 0; i < 20; i++) {
      const res = await loginFrom("198.51.100.13", `more-${i}`, "wrong-password");
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    }
    // A real user from the same address is refused too: the address is spent.
    expect((await loginFrom("198.51.100.13", "cw-utrecht", TEST_PASSWORD)).status).toBe(429);
    expect(argon2Stats.verifies).toBe(max);
    // Elsewhere, sign-in works.
    expect((await loginFrom("203.0.113.21", "cw-utrecht", TEST_PASSWORD)).status).toBe(200);
  });

  it("security: parallel attempts from one address cannot pass the address limit together", async () => {
    const max = DEFAULT_SIGN_IN_LIMITS.addressMaxFailures;
    resetArgon2Stats();
    const statuses: number[] = [];
    // In rounds no larger than the queue, so that none is refused as busy.
    for (let round = 0; round < 5; round++) {
      const batch = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          loginFrom("198.51.100.14", `parallel-${round}-${i}`, "wrong-password"),
        ),
      );
      statuses.push(...batch.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(max);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - max);
    expect(argon2Stats.verifies).toBe(max);
    expect(argon2Stats.peak).toBeLessThanOrEqual(SIGN_IN_ARGON2_CONCURRENCY);
  });

  it("security: at most two password checks run at once; beyond the queue a sign-in answers 503 with Retry-After", async () => {
    resetArgon2Stats();
    const n = 40;
    const responses = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        loginFrom(`192.0.2.${i + 1}`, `burst-${i}`, "wrong-password"),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
    expect(argon2Stats.peak).toBeLessThanOrEqual(SIGN_IN_ARGON2_CONCURRENCY);
    // Only the checks that were let in ran argon2.
    expect(argon2Stats.verifies).toBe(statuses.filter((s) => s === 401).length);
    const busy = responses.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    for (const r of busy) {
      expect(r.headers.get("Retry-After")).toBe("1");
      expect(await code(r)).toBe("sign_in_busy");
    }
    // A refused attempt did not count against its address: it may sign in at once.
    const refusedIndex = statuses.indexOf(503);
    expect(
      (await loginFrom(`192.0.2.${refusedIndex + 1}`, "cw-utrecht", TEST_PASSWORD)).status,
    ).toBe(200);
  });
});

describe(`app basics (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  beforeAll(async () => {
    t = await initTestApp();
  });
  afterAll(() => t.database.destroy());

  it("reports health with the database engine", async () => {
    const res = await t.app.request("/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: testEngine });
  });

  it("answers unknown API routes with JSON 404", async () => {
    const res = await t.app.request("/api/does-not-exist");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/json/);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("answers malformed JSON with 400, not a stack trace", async () => {
    const res = await t.app.request("/api/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });

  it("answers an empty sign-in without Content-Type with 400 naming both fields", async () => {
    const res = await t.app.request("/api/auth/login", { method: "POST" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { code: string; message: string; issues: { path: string; message: string }[] };
    };
    expect(body.error.code).toBe("validation_error");
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(["password", "username"]);
    expect(body.error.message).toBe("username: required; password: required");
  });

  it("answers an empty JSON object and an empty JSON body at sign-in with 400", async () => {
    for (const body of ["{}", ""]) {
      const res = await t.app.request("/api/auth/login", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body,
      });
      expect(res.status).toBe(400);
    }
  });

  it("publishes an OpenAPI 3.1 document that declares access on every operation", async () => {
    const doc = (await (await t.app.request("/api/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
    expect(ops.length).toBeGreaterThanOrEqual(5);
    for (const op of ops) expect(op["x-opvang-access"]).toBeDefined();
  });
});

describe(`request size (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  beforeAll(async () => {
    t = await initTestApp();
  });
  afterAll(() => t.database.destroy());

  it("refuses a JSON body over 1 MB with JSON 413", async () => {
    const res = await t.app.request("/api/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: "x", password: "y".repeat(1_100_000) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      "payload_too_large",
    );
  });

  it("takes an import file over 1 MB on the import routes (the limit there is 64 MB)", async () => {
    const big = `bsn,decision,decision_date,valid_from,valid_until,reference\n${"#\n".repeat(600_000)}`;
    const res = await t.app.request("/api/v1/transition/ind-decisions", {
      method: "POST",
      headers: { "Content-Type": "text/csv" },
      body: big,
    });
    // Past the size limit to the sign-in check: not 413.
    expect(res.status).toBe(401);
  });

  it("marks every API answer no-store, so personal data stays out of shared caches", async () => {
    const health = await t.app.request("/api/health");
    expect(health.headers.get("Cache-Control")).toBe("no-store");
    const refused = await t.app.request("/api/v1/households/1");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("Cache-Control")).toBe("no-store");
  });
});
