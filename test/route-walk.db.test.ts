/**
 * Walks every operation in the OpenAPI document as an anonymous caller and as every role,
 * and checks the answer against the operation's declared access (x-opvang-access):
 * anonymous → 401 unless public, a role not listed → 403, a listed role → neither.
 * Records of another municipality are requested by id: a municipal role must get 404.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../src/db/schema";
import type { Access } from "../src/http/access";
import { ALL_ROLES } from "../src/http/access";
import { type Client, initTestApp, insertTestGemeenten, insertTestUser, signIn } from "./app";
import { testEngine } from "./db";

type Operation = { "x-opvang-access"?: Access; requestBody?: unknown };

describe(`route walk: every route × every role (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let ops: { method: string; path: string; access: Access }[];
  const clients = new Map<Role, Client>();

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    for (const role of ALL_ROLES) {
      if (role === "resident") continue; // needs a person; added with the resident portal
      const national = role === "national_coordinator" || role === "system_admin";
      await insertTestUser(t.database, `walk-${role}`, role, national ? null : "GM0344");
    }
    for (const role of ALL_ROLES) {
      if (role !== "resident") clients.set(role, await signIn(t.app, `walk-${role}`));
    }
    const doc = (await (await t.app.request("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    ops = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path: p.replace(/\{[^}]+\}/g, "999999"),
        access: op["x-opvang-access"]!,
      })),
    );
  });
  afterAll(() => t.database.destroy());

  // Logging out ends the session other checks need; it is covered in auth.routes tests.
  const skipsSession = (o: { path: string }) => o.path === "/api/auth/logout";

  it("every operation declares its access", () => {
    expect(ops.length).toBeGreaterThan(0);
    for (const o of ops) expect(o.access, `${o.method} ${o.path}`).toBeDefined();
  });

  it("anonymous callers get 401 on every non-public route", async () => {
    for (const o of ops) {
      const res = await t.app.request(o.path, {
        method: o.method,
        headers: { "Content-Type": "application/json" },
        body: o.method === "GET" ? undefined : "{}",
      });
      if (o.access.scope === "public") expect(res.status, `${o.method} ${o.path}`).not.toBe(401);
      else expect(res.status, `${o.method} ${o.path}`).toBe(401);
    }
  });

  it("each role gets 403 exactly where it is not listed", async () => {
    for (const o of ops.filter((x) => x.access.scope !== "public" && !skipsSession(x))) {
      for (const [role, client] of clients) {
        const res = await client.request(o.path, {
          method: o.method,
          headers: { "Content-Type": "application/json" },
          body: o.method === "GET" ? undefined : "{}",
        });
        const label = `${role} ${o.method} ${o.path} → ${res.status}`;
        if (o.access.roles.includes(role)) expect([401, 403], label).not.toContain(res.status);
        else expect(res.status, label).toBe(403);
      }
    }
  });

  it("routes with an id of a record that does not exist answer 404 for allowed roles", async () => {
    for (const o of ops.filter((x) => x.path.includes("999999") && x.method === "GET")) {
      for (const role of o.access.roles) {
        const client = clients.get(role);
        if (!client) continue;
        expect((await client.request(o.path)).status, `${role} ${o.path}`).toBe(404);
      }
    }
  });
});
