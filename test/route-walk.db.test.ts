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
  let ops: {
    method: string;
    path: string;
    template: string;
    access: Access;
    hasBody: boolean;
  }[];
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
    await t.db.execute(
      sql`insert into location_capacity (location_id, places, valid_from) values (${foreign.location}, 40, '2024-01-01')`,
    );
    await t.db.execute(
      sql`insert into location_status (location_id, status, valid_from) values (${foreign.location}, 'realised', '2024-01-01')`,
    );
    await t.db.execute(
      sql`insert into location_catering (location_id, catering, valid_from) values (${foreign.location}, false, '2024-01-01')`,
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
    await t.db.execute(sql`insert into law_version (hash, files) values ('walk-law', '[]')`);
    foreign.decision = await one(
      sql`insert into decision (household_id, gemeente_code, month, kind, inputs, result, trace, law_hash, engine_version)
          values (${foreign.household}, 'GM0363', '2025-01-01', 'manual', '{}', '{}', '[]', 'walk-law', 'walk') returning id`,
    );
    foreign.returnCase = await one(
      sql`insert into return_case (household_id, gemeente_code, status) values (${foreign.household}, 'GM0363', 'interest') returning id`,
    );
    foreign.run = await one(
      sql`insert into monthly_run (gemeente_code, month, status) values ('GM0363', '2026-11-01', 'prepared') returning id`,
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
        template: p,
        access: op["x-opvang-access"]!,
        hasBody: op.requestBody !== undefined,
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
      .replace(/\/decisions\/999999/, `/decisions/${foreign.decision}`)
      .replace(/\/members\/999999/, `/members/${foreign.membership}`)
      .replace(/\/return-cases\/999999/, `/return-cases/${foreign.returnCase}`)
      .replace(/\/monthly-runs\/999999/, `/monthly-runs/${foreign.run}`)
      .replace(/\/consents\/999999/, "/consents/iom");
  }

  /** A query a GET needs to pass validation and reach the scope check. */
  const QUERIES: Record<string, string> = {
    "GET /api/v1/return-cases/{id}/share": "?purpose=iom",
    "DELETE /api/v1/households/{id}/bank-account": "?version=1",
    "GET /api/v1/funding/claim/locations/{id}/days": "?from=2025-01-01&to=2025-01-31",
  };
  const withQuery = (o: { method: string; template: string }, path: string) =>
    path + (QUERIES[`${o.method} ${o.template}`] ?? "");

  /**
   * Valid bodies for every write on a record by id, so that it passes validation and reaches
   * the scope check: the answer must then be 404, never 400.
   */
  const address = {
    street: "Biltstraat",
    houseNumber: "5",
    postcode: "3572 AB",
    city: "Utrecht",
    hostName: "De Vries",
  };
  const VALID_BODIES: Record<string, unknown> = {
    "PATCH /api/v1/persons/{id}": { version: 1, givenNames: "Changed" },
    "POST /api/v1/households/{id}/members/{membershipId}/end": {
      validTo: "2025-06-30",
      reason: "departure",
      version: 1,
    },
    "POST /api/v1/households/{id}/members": {
      role: "child",
      person: { familyName: "Melnyk", givenNames: "Ivan", birthDate: "2020-01-01" },
      validFrom: "2025-01-01",
      reason: "birth",
      version: 1,
    },
    "POST /api/v1/households/{id}/changes/acknowledge": { months: ["2025-01"], reason: "checked" },
    "POST /api/v1/households/{id}/transfer": {
      gemeente: "GM0363",
      from: "2025-06-01",
      reason: "moved",
      version: 1,
    },
    "POST /api/v1/households/{id}/decisions": { month: "2025-01", reason: "checked" },
    "POST /api/v1/households/{id}/placements": {
      kind: "poo",
      address,
      validFrom: "2025-02-01",
    },
    "POST /api/v1/households/{id}/placements/move": {
      kind: "poo",
      address,
      validFrom: "2025-02-01",
      reason: "a host family",
    },
    "POST /api/v1/households/{id}/placements/end": { validTo: "2025-01-31", reason: "left" },
    "POST /api/v1/placements/{id}/end": { validTo: "2025-01-31", reason: "left" },
    "PATCH /api/v1/locations/{id}": { version: 1, name: "Changed" },
    "POST /api/v1/locations/{id}/capacity": { places: 1, validFrom: "2025-02-01", version: 1 },
    "POST /api/v1/locations/{id}/catering": { catering: true, validFrom: "2025-02-01", version: 1 },
    "POST /api/v1/locations/{id}/status": {
      status: "closed",
      validFrom: "2025-02-01",
      version: 1,
    },
    "POST /api/v1/persons/{id}/incomes": {
      month: "2025-02",
      netCents: 1000,
      kind: "work",
      source: "caseworker",
      payer: "X",
    },
    "PUT /api/v1/incomes/{id}": {
      month: "2025-01",
      netCents: 1,
      kind: "work",
      source: "caseworker",
      payer: "X",
      reason: "correction",
      version: 1,
    },
    "DELETE /api/v1/incomes/{id}": { reason: "wrong person", version: 1 },
    "POST /api/v1/households/{id}/return-case": { note: "interested" },
    "POST /api/v1/return-cases/{id}/steps": { status: "counselling", on: "2025-02-01", version: 1 },
    "PATCH /api/v1/return-cases/{id}": { version: 1, travelSupport: true },
    "PUT /api/v1/persons/{id}/transition": {
      version: 0,
      publicOrder: "passed",
      publicOrderOn: "2026-11-01",
      asylumWithdrawn: true,
      asylumWithdrawnOn: "2026-11-02",
      educationLevel: null,
    },
    "POST /api/v1/persons/{id}/residence-statuses": { kind: "permit_work", from: "2025-02-01" },
    "POST /api/v1/persons/{id}/residence-statuses/{statusId}/end": {
      to: "2025-02-01",
      endReason: "departure",
    },
    "POST /api/v1/persons/{id}/health-insurances": {
      kind: "zvw",
      insurer: "CZ",
      from: "2027-03-05",
    },
    "PUT /api/v1/households/{id}/transition": {
      version: 0,
      participatiewet: { filedOn: "2027-03-10", decidedOn: null, outcome: null },
      housing: { plan: null, from: null, rentCents: null },
    },
    "PATCH /api/v1/users/{id}": { version: 1, displayName: "Changed" },
    "POST /api/v1/users/{id}/password-reset": { version: 1 },
    "POST /api/v1/monthly-runs/{id}/approve": { version: 1 },
    "PUT /api/v1/households/{id}/bank-account": { payeePersonId: 1, iban: "NL91ABNA0417164300" },
    "PUT /api/v1/locations/{id}/transformation": {
      version: 0,
      transformable: true,
      transformFrom: "2027-06-01",
    },
  };

  it("security: a record of another municipality is never read (404) or changed", async () => {
    let checked = 0;
    let writes = 0;
    const used = new Set<string>();
    for (const o of ops.filter((x) => x.access.scope === "gemeente")) {
      const p = foreignPath(o.path);
      if (!p) continue;
      const key = `${o.method} ${o.template}`;
      const body = o.method === "GET" || !o.hasBody ? undefined : VALID_BODIES[key];
      if (o.method !== "GET" && o.hasBody) {
        expect(body, `${key} needs a valid body in VALID_BODIES`).toBeDefined();
        used.add(key);
        writes++;
      }
      for (const role of o.access.roles) {
        const res = await clients.get(role)!.request(withQuery(o, p), {
          method: o.method,
          headers: { "Content-Type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        expect(res.status, `${role} ${o.method} ${p} → ${res.status}`).toBe(404);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(writes).toBeGreaterThanOrEqual(15);
    // A body for a route that no longer exists would hide a renamed route.
    expect([...used].sort()).toEqual(Object.keys(VALID_BODIES).sort());
    const [after] = await query<Record<string, unknown>>(
      t.db,
      sql`select p.given_names,
            (select count(*)::int from household_membership where household_id = ${foreign.household}) as members,
            (select count(*)::int from household_membership where household_id = ${foreign.household} and valid_to is null) as open_members,
            (select count(*)::int from income where person_id = ${foreign.person}) as incomes,
            (select count(*)::int from placement where person_id = ${foreign.person}) as placements,
            (select valid_to from placement where id = ${foreign.placement}) as valid_to,
            (select name from location where id = ${foreign.location}) as location_name,
            (select version from location where id = ${foreign.location}) as location_version,
            (select count(*)::int from location_capacity where location_id = ${foreign.location}) as capacities,
            (select count(*)::int from location_status where location_id = ${foreign.location}) as statuses,
            (select count(*)::int from location_catering where location_id = ${foreign.location}) as caterings,
            (select count(*)::int from decision where household_id = ${foreign.household}) as decisions,
            (select count(*)::int from return_case where household_id = ${foreign.household}) as return_cases,
            (select version from return_case where id = ${foreign.returnCase}) as return_case_version,
            (select count(*)::int from consent where person_id = ${foreign.person}) as consents,
            (select count(*)::int from residence_status where person_id = ${foreign.person})
              + (select count(*)::int from person_transition where person_id = ${foreign.person})
              + (select count(*)::int from health_insurance where person_id = ${foreign.person})
              + (select count(*)::int from household_transition where household_id = ${foreign.household})
              + (select count(*)::int from location_transformation where location_id = ${foreign.location})
              as transition_rows,
            (select count(*)::int from household_bank_account where household_id = ${foreign.household}) as bank_accounts,
            (select status from monthly_run where id = ${foreign.run}) as run_status
          from person p where p.id = ${foreign.person}`,
    );
    expect(after).toEqual({
      given_names: "Oksana",
      members: 1,
      open_members: 1,
      incomes: 1,
      placements: 1,
      valid_to: null,
      location_name: "Hotel Amstel",
      location_version: 1,
      capacities: 1,
      statuses: 1,
      caterings: 1,
      decisions: 1,
      return_cases: 1,
      return_case_version: 1,
      consents: 0,
      transition_rows: 0,
      bank_accounts: 0,
      run_status: "prepared",
    });
  });

  it("routes with an id of a record that does not exist answer 404 for allowed roles", async () => {
    for (const o of ops.filter((x) => x.path.includes("999999") && x.method === "GET")) {
      for (const role of o.access.roles) {
        const client = clients.get(role);
        if (!client) continue;
        const res = await client.request(withQuery(o, o.path));
        expect(res.status, `${role} ${o.path}`).toBe(404);
      }
    }
  });
});
