/**
 * Walks every operation in the OpenAPI document as an anonymous caller and as every role,
 * and checks the answer against the operation's declared access (x-opvang-access):
 * anonymous → 401 unless public, a role not listed → 403, a listed role → neither.
 * Records of another municipality are requested by id: a municipal role must get 404.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "../src/db/connection";
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
  /** Ids of real records in Amsterdam, the foreign municipality for the Utrecht users. */
  const foreign: Record<string, number> = {};

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    const one = async (q: ReturnType<typeof sql>) => (await query<{ id: number }>(t.db, q))[0]!.id;
    foreign.location = await one(
      sql`insert into location (gemeente_code, name, kind) values ('GM0363', 'Hotel Amstel', 'hotel') returning id`,
    );
    foreign.household = await one(
      sql`insert into household (gemeente_code, label) values ('GM0363', 'Melnyk') returning id`,
    );
    foreign.person = await one(
      sql`insert into person (gemeente_code, family_name, given_names, birth_date, bsn) values ('GM0363', 'Melnyk', 'Oksana', '1985-01-01', '999993653') returning id`,
    );
    foreign.membership = await one(
      sql`insert into household_membership (household_id, person_id, role, valid_from) values (${foreign.household}, ${foreign.person}, 'head', '2024-01-01') returning id`,
    );
    foreign.placement = await one(
      sql`insert into placement (person_id, kind, location_id, gemeente_code, valid_from) values (${foreign.person}, 'goo', ${foreign.location}, 'GM0363', '2024-01-01') returning id`,
    );
    foreign.income = await one(
      sql`insert into income (person_id, month, net_cents, kind, source, payer) values (${foreign.person}, '2025-01-01', 100000, 'work', 'caseworker', 'Albert Heijn') returning id`,
    );
    // A resident of Utrecht: the resident role reaches no municipal route.
    const resident = await one(
      sql`insert into person (gemeente_code, family_name, given_names, birth_date) values ('GM0344', 'Bondar', 'Iryna', '1990-01-01') returning id`,
    );
    for (const role of ALL_ROLES) {
      const national = role === "national_coordinator" || role === "system_admin";
      await insertTestUser(
        t.database,
        `walk-${role}`,
        role,
        national ? null : "GM0344",
        role === "resident" ? resident : null,
      );
    }
    for (const role of ALL_ROLES) clients.set(role, await signIn(t.app, `walk-${role}`));
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

  /** The path with ids of the Amsterdam records, chosen by the resource before the param. */
  function foreignPath(p: string): string | null {
    if (!p.includes("999999") || p.includes("/occupancy/")) return null;
    return p
      .replace(/\/households\/999999/, `/households/${foreign.household}`)
      .replace(/\/persons\/999999/, `/persons/${foreign.person}`)
      .replace(/\/locations\/999999/, `/locations/${foreign.location}`)
      .replace(/\/placements\/999999/, `/placements/${foreign.placement}`)
      .replace(/\/incomes\/999999/, `/incomes/${foreign.income}`)
      .replace(/\/members\/999999/, `/members/${foreign.membership}`);
  }

  /** Valid bodies, so that a write reaches the scope check instead of stopping at 400. */
  const VALID_BODIES: Record<string, unknown> = {
    "PATCH /persons/": { version: 1, givenNames: "Changed" },
    "POST /members/end": { validTo: "2025-06-30", reason: "departure", version: 1 },
    "POST /members": {
      role: "child",
      person: { familyName: "Melnyk", givenNames: "Ivan", birthDate: "2020-01-01" },
      validFrom: "2025-01-01",
      reason: "birth",
      version: 1,
    },
    "POST /changes/acknowledge": { months: ["2025-01"], reason: "checked" },
    "POST /incomes": {
      month: "2025-02",
      netCents: 1000,
      kind: "work",
      source: "caseworker",
      payer: "X",
    },
    "PUT /incomes/": {
      month: "2025-01",
      netCents: 1,
      kind: "work",
      source: "caseworker",
      payer: "X",
      reason: "correction",
    },
    "DELETE /incomes/": { reason: "wrong person" },
  };
  function bodyFor(method: string, p: string): string | undefined {
    if (method === "GET") return undefined;
    const key = Object.keys(VALID_BODIES).find((k) => {
      const [m, frag] = k.split(" ") as [string, string];
      if (m !== method) return false;
      if (frag === "/members/end") return p.includes("/members/") && p.endsWith("/end");
      if (frag === "/members") return p.endsWith("/members");
      return p.includes(frag) && (frag !== "/incomes" || p.endsWith("/incomes"));
    });
    return JSON.stringify(key ? VALID_BODIES[key] : {});
  }

  it("security: a record of another municipality is never read (404) or changed", async () => {
    let checked = 0;
    for (const o of ops.filter((x) => x.access.scope === "gemeente")) {
      const p = foreignPath(o.path);
      if (!p) continue;
      for (const role of o.access.roles) {
        const res = await clients.get(role)!.request(p, {
          method: o.method,
          headers: { "Content-Type": "application/json" },
          body: bodyFor(o.method, o.path),
        });
        const label = `${role} ${o.method} ${p} → ${res.status}`;
        if (o.method === "GET" || bodyFor(o.method, o.path) !== "{}")
          expect(res.status, label).toBe(404);
        else expect([400, 404], label).toContain(res.status);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    const [after] = await query<{
      given_names: string;
      members: number;
      incomes: number;
      valid_to: string | null;
    }>(
      t.db,
      sql`select p.given_names,
            (select count(*)::int from household_membership where household_id = ${foreign.household}) as members,
            (select count(*)::int from income where person_id = ${foreign.person}) as incomes,
            (select valid_to from placement where id = ${foreign.placement}) as valid_to
          from person p where p.id = ${foreign.person}`,
    );
    expect(after).toEqual({ given_names: "Oksana", members: 1, incomes: 1, valid_to: null });
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
