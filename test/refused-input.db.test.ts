/**
 * Input that used to reach the database and answer 500 answers 400 naming the field:
 * a write without a body, ids and versions beyond the database's integer, the NUL character
 * in text, an empty nationality code. Each refused request writes nothing.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "../src/db/connection";
import { type Client, initTestApp, insertTestGemeenten, insertTestUser, signIn } from "./app";
import { testEngine } from "./db";

type ErrorAnswer = {
  error: { code: string; message: string; issues?: { path: string; code: string }[] };
};

describe(`refused input answers 400, not 500 (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let cw: Client;
  /** For the routes only the national coordinator may call. */
  let coordinator: Client;
  /** For the routes only administrators may call (user management). */
  let sysadmin: Client;
  let finance: Client;
  let admin: Client;
  let household: number;
  let person: number;
  let location: number;

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    await insertTestUser(t.database, "input-caseworker", "caseworker", "GM0344");
    cw = await signIn(t.app, "input-caseworker");
    await insertTestUser(t.database, "input-coordinator", "national_coordinator", null);
    coordinator = await signIn(t.app, "input-coordinator");
    await insertTestUser(t.database, "input-sysadmin", "system_admin", null);
    sysadmin = await signIn(t.app, "input-sysadmin");
    await insertTestUser(t.database, "input-finance", "finance_officer", "GM0344");
    finance = await signIn(t.app, "input-finance");
    await insertTestUser(t.database, "input-admin", "municipal_admin", "GM0344");
    admin = await signIn(t.app, "input-admin");
    const hh = await cw.json<{ id: number; memberIds: number[] }>("POST", "/api/v1/households", {
      validFrom: "2024-01-01",
      members: [
        {
          role: "head",
          person: { familyName: "Melnyk", givenNames: "Olha", birthDate: "1980-01-01" },
        },
      ],
    });
    household = hh.body.id;
    person = hh.body.memberIds[0]!;
    const loc = await cw.json<{ id: number }>("POST", "/api/v1/locations", {
      name: "Hotel Amstel",
      kind: "hotel",
      validFrom: "2024-01-01",
      places: 10,
    });
    location = loc.body.id;
  });
  afterAll(() => t.database.destroy());

  async function counts() {
    const [row] = await query<Record<string, number>>(
      t.db,
      sql`select (select count(*)::int from person) as persons,
                 (select count(*)::int from household) as households,
                 (select count(*)::int from location_capacity) as capacities,
                 (select max(version)::int from person) as person_version`,
    );
    return row!;
  }

  const paths = (b: unknown) => (b as ErrorAnswer).error.issues?.map((i) => i.path) ?? [];

  it("a write without a body and without Content-Type answers 400 body_required (was 500)", async () => {
    const before = await counts();
    const res = await cw.request("/api/v1/households", { method: "POST" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorAnswer;
    expect(body.error.code).toBe("validation_error");
    expect(body.error.issues).toEqual([
      { path: "body", code: "body_required", message: "a JSON body is required" },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("every write route with a JSON body answers 400 naming the body when it has none", async () => {
    const doc = (await (await t.app.request("/api/openapi.json")).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content?: object; required?: boolean };
            "x-opvang-access"?: { roles: string[] };
          }
        >
      >;
    };
    let checked = 0;
    for (const [template, methods] of Object.entries(doc.paths)) {
      if (!template.startsWith("/api/v1/")) continue;
      for (const [method, op] of Object.entries(methods)) {
        const types = Object.keys(op.requestBody?.content ?? {});
        if (method === "get" || types.join() !== "application/json") continue;
        const url = template
          .replace("{id}", String(template.includes("/locations/") ? location : household))
          .replace(/\{[^}]+\}/g, "1");
        // Public routes (no roles) and the caseworker's answer the caseworker; the others a
        // finance officer, a municipal admin, the system admin or the coordinator, in turn.
        const roles = op["x-opvang-access"]?.roles ?? [];
        const client =
          roles.length === 0 || roles.includes("caseworker")
            ? cw
            : roles.includes("finance_officer")
              ? finance
              : roles.includes("municipal_admin")
                ? admin
                : roles.includes("system_admin")
                  ? sysadmin
                  : coordinator;
        if (client === coordinator) expect(roles, template).toContain("national_coordinator");
        const res = await client.request(url, { method: method.toUpperCase() });
        expect(res.status, `${method} ${template}`).toBe(400);
        // A body the schema marks required (the calculator) is validated as `{}`: its
        // answer names the missing fields instead.
        const named = paths(await res.json());
        if (op.requestBody?.required) expect(named.length, template).toBeGreaterThan(0);
        else expect(named, `${method} ${template}`).toContain("body");
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it("an empty JSON body and broken JSON answer 400 naming the body", async () => {
    const empty = await cw.request("/api/v1/households", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "",
    });
    expect(empty.status).toBe(400);
    expect(paths(await empty.json())).toEqual(["body"]);
    const broken = await cw.request("/api/v1/households", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: '{"validFrom":',
    });
    expect(broken.status).toBe(400);
    const b = (await broken.json()) as ErrorAnswer;
    expect(b.error.code).toBe("invalid_json");
    expect(paths(b)).toEqual(["body"]);
  });

  it("PATCH /persons/{id} without a version answers 400 naming version (was 409)", async () => {
    const before = await counts();
    const none = await cw.request(`/api/v1/persons/${person}`, { method: "PATCH" });
    expect(none.status).toBe(400);
    const withoutVersion = await cw.json("PATCH", `/api/v1/persons/${person}`, {
      givenNames: "Olena",
    });
    expect(withoutVersion.status).toBe(400);
    expect(paths(withoutVersion.body)).toEqual(["version"]);
    expect(await counts()).toEqual(before);
  });

  it("an id of 2^31 or more in the path answers 400 naming it (was 500, 22003)", async () => {
    for (const url of [
      "/api/v1/persons/2147483648",
      "/api/v1/households/99999999999",
      `/api/v1/locations/${2 ** 31}`,
    ]) {
      const res = await cw.request(url);
      expect(res.status, url).toBe(400);
      expect(paths(await res.json()), url).toEqual(["id"]);
    }
    const res = await cw.json("POST", `/api/v1/households/${household}/members/2147483648/end`, {
      validTo: "2025-01-31",
      reason: "departure",
      version: 1,
    });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(["membershipId"]);
    const search = await cw.request("/api/v1/persons?locationId=2147483648");
    expect(search.status).toBe(400);
    expect(paths(await search.json())).toEqual(["locationId"]);
  });

  it("a version of 2^31 or more answers 400 naming version (was 500: PATCH /persons, POST /locations/{id}/capacity)", async () => {
    const before = await counts();
    const patch = await cw.json("PATCH", `/api/v1/persons/${person}`, {
      version: 2 ** 31,
      givenNames: "Olena",
    });
    expect(patch.status).toBe(400);
    expect(paths(patch.body)).toEqual(["version"]);
    const capacity = await cw.json("POST", `/api/v1/locations/${location}/capacity`, {
      places: 20,
      validFrom: "2025-03-01",
      version: Number.MAX_SAFE_INTEGER,
    });
    expect(capacity.status).toBe(400);
    expect(paths(capacity.body)).toEqual(["version"]);
    const placement = await cw.json("POST", `/api/v1/households/${household}/placements`, {
      kind: "goo",
      locationId: 2 ** 31,
      validFrom: "2024-01-01",
    });
    expect(placement.status).toBe(400);
    expect(paths(placement.body)).toEqual(["locationId"]);
    expect(await counts()).toEqual(before);
  });

  it("a NUL character in a text field answers 400 naming its path, and writes nothing (was 500, 22021)", async () => {
    const before = await counts();
    const res = await cw.json("POST", "/api/v1/households", {
      validFrom: "2024-01-01",
      members: [
        {
          role: "head",
          person: { familyName: "Mel\u0000nyk", givenNames: "Olha", birthDate: "1980-01-01" },
        },
      ],
    });
    expect(res.status).toBe(400);
    expect((res.body as ErrorAnswer).error.issues).toEqual([
      {
        path: "members.0.person.familyName",
        code: "nul_character",
        message: "must not contain the NUL character (U+0000)",
      },
    ]);
    const reason = await cw.json("POST", `/api/v1/households/${household}/placements/end`, {
      validTo: "2025-01-31",
      reason: "left\u0000",
    });
    expect(reason.status).toBe(400);
    expect(paths(reason.body)).toEqual(["reason"]);
    expect(await counts()).toEqual(before);
  });

  it("a NUL character in a query or path parameter answers 400 naming it (was 500)", async () => {
    const q = await cw.request("/api/v1/persons?q=Mel%00nyk");
    expect(q.status).toBe(400);
    expect(paths(await q.json())).toEqual(["q"]);
    const bsn = await cw.request("/api/v1/persons?bsn=%00");
    expect(bsn.status).toBe(400);
    expect(paths(await bsn.json())).toEqual(["bsn"]);
  });

  it("an empty nationality code answers 400 naming nationalityCode (was 500, 23514)", async () => {
    const before = await counts();
    const created = await cw.json("POST", "/api/v1/households", {
      validFrom: "2024-01-01",
      members: [
        {
          role: "head",
          person: {
            familyName: "Melnyk",
            givenNames: "Ivan",
            birthDate: "1980-01-01",
            nationalityCode: "",
          },
        },
      ],
    });
    expect(created.status).toBe(400);
    expect(paths(created.body)).toEqual(["members.0.person.nationalityCode"]);
    const patched = await cw.json("PATCH", `/api/v1/persons/${person}`, {
      version: 1,
      nationalityCode: "",
    });
    expect(patched.status).toBe(400);
    expect(paths(patched.body)).toEqual(["nationalityCode"]);
    const threeDigits = await cw.json("PATCH", `/api/v1/persons/${person}`, {
      version: 1,
      nationalityCode: "034",
    });
    expect(threeDigits.status).toBe(400);
    expect(await counts()).toEqual(before);
  });
});
