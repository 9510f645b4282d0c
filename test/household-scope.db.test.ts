/**
 * The household scope: a resident reads their own household, its members, its decisions
 * and amounts, and who looked at their own file; nothing of another household, not even in
 * their own municipality, and not the access log of another member.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "../src/db/connection";
import { type Client, initTestApp, insertTestGemeenten, insertTestUser, signIn } from "./app";
import { testEngine } from "./db";

const person = (givenNames: string, birthDate: string) => ({
  familyName: "Kovalenko",
  givenNames,
  birthDate,
});

describe(`security: the household scope of a resident (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let resident: Client;
  let own: { id: number; memberIds: number[] };
  let other: { id: number; memberIds: number[] };

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    await insertTestUser(t.database, "cw-utrecht", "caseworker", "GM0344");
    const cw = await signIn(t.app, "cw-utrecht");
    const register = async (given: string[]) =>
      (
        await cw.json<{ id: number; memberIds: number[] }>("POST", "/api/v1/households", {
          validFrom: "2025-01-01",
          members: given.map((g, i) => ({
            role: i === 0 ? "head" : "partner",
            person: person(g, `198${i}-01-01`),
          })),
        })
      ).body;
    own = await register(["Olena", "Petro"]);
    other = await register(["Iryna"]);
    const [loc] = await query<{ id: number }>(
      t.db,
      sql`insert into location (gemeente_code, name, kind) values ('GM0344', 'Wijk', 'hotel') returning id`,
    );
    for (const id of own.memberIds) {
      await t.db.execute(
        sql`insert into placement (person_id, kind, location_id, gemeente_code, valid_from) values (${id}, 'goo', ${loc!.id}, 'GM0344', '2025-01-01')`,
      );
    }
    await cw.json("POST", `/api/v1/households/${own.id}/decisions`, {
      month: "2025-06",
      reason: "first month",
    });
    await insertTestUser(t.database, "olena", "resident", "GM0344", own.memberIds[0]!);
    resident = await signIn(t.app, "olena");
  });
  afterAll(() => t.database.destroy());

  it("reads their own household, its members, decisions and amounts", async () => {
    const h = await resident.json<{ members: { person: { givenNames: string } }[] }>(
      "GET",
      `/api/v1/households/${own.id}`,
    );
    expect(h.status).toBe(200);
    expect(h.body.members.map((m) => m.person.givenNames).sort()).toEqual(["Olena", "Petro"]);
    expect((await resident.request(`/api/v1/persons/${own.memberIds[1]}`)).status).toBe(200);
    const decisions = await resident.json<{ decisions: { id: number }[] }>(
      "GET",
      `/api/v1/households/${own.id}/decisions`,
    );
    expect(decisions.status).toBe(200);
    expect(decisions.body.decisions).toHaveLength(1);
    const one = await resident.request(
      `/api/v1/decisions/${decisions.body.decisions[0]!.id}?lang=uk`,
    );
    expect(one.status).toBe(200);
    const amounts = await resident.request(
      `/api/v1/households/${own.id}/entitlement?month=2025-06&lang=uk`,
    );
    expect(amounts.status).toBe(200);
  });

  it("sees who looked at their own file, not at another member's", async () => {
    const log = await resident.request(`/api/v1/persons/${own.memberIds[0]}/audit`);
    expect(log.status).toBe(200);
    expect((await resident.request(`/api/v1/persons/${own.memberIds[1]}/audit`)).status).toBe(404);
  });

  it("reaches nothing of another household in the same municipality (404)", async () => {
    for (const path of [
      `/api/v1/households/${other.id}`,
      `/api/v1/persons/${other.memberIds[0]}`,
      `/api/v1/persons/${other.memberIds[0]}/audit`,
      `/api/v1/households/${other.id}/decisions`,
      `/api/v1/households/${other.id}/entitlement?month=2025-06`,
    ]) {
      expect((await resident.request(path)).status, path).toBe(404);
    }
  });

  it("changes nothing: writes stay with the municipality's roles (403)", async () => {
    const res = await resident.json("PATCH", `/api/v1/persons/${own.memberIds[0]}`, {
      version: 1,
      givenNames: "Changed",
    });
    expect(res.status).toBe(403);
  });
});
