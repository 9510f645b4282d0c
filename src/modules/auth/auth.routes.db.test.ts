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

  it("security: locks a username after five failed attempts", async () => {
    await insertTestUser(t.database, "target", "caseworker", "GM0344");
    for (let i = 0; i < 5; i++) expect((await login("target", "wrong-password")).status).toBe(401);
    expect((await login("target", TEST_PASSWORD)).status).toBe(429);
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
});
