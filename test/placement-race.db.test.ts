/**
 * Races on placements through the real app: many requests for one household at once, and
 * many households into the last free place at once. On PostgreSQL the requests run on
 * separate connections of a pool as large as the race (truly concurrent transactions); on
 * PGlite, which runs one statement at a time, the same requests run one after the other
 * and the same outcome is required.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VERSION } from "../src/config";
import { type Database, query } from "../src/db/connection";
import { createApp } from "../src/http/app";
import { toErrorResponse } from "../src/http/errors";
import { retryingTransaction } from "../src/modules/placements/placements.repository";
import { type Client, initTestApp, insertTestGemeenten, insertTestUser, signIn } from "./app";
import { openSecondPool, testEngine } from "./db";

type Placed = {
  placements: { id: number; personId: number; locationId: number | null }[];
  warnings: { code: string; params: { capacity: number; occupied: number; on: string } }[];
};

const RACE = 20;

describe(`placement races (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  /** PostgreSQL: a second pool on the same test database, one connection per request. */
  let wide: Database | undefined;
  let cw: Client;

  const location = async (name: string, places: number) => {
    const res = await cw.json<{ id: number }>("POST", "/api/v1/locations", {
      name,
      kind: "flex_homes",
      validFrom: "2023-01-01",
      places,
      status: "realised",
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const household = async (familyName: string, size: number) => {
    const res = await cw.json<{ id: number; memberIds: number[] }>("POST", "/api/v1/households", {
      validFrom: "2023-01-01",
      members: Array.from({ length: size }, (_, i) => ({
        role: i === 0 ? "head" : "child",
        person: {
          familyName,
          givenNames: ["Olena", "Taras", "Iryna", "Bohdan"][i % 4],
          birthDate: i === 0 ? "1985-04-12" : `201${i}-02-03`,
        },
      })),
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  /** Pairs of placements of one person whose periods overlap (must be none). */
  const overlaps = () =>
    query<{ a: number; b: number }>(
      t.db,
      sql`select a.id as a, b.id as b from placement a
          join placement b on b.person_id = a.person_id and b.id > a.id
            and daterange(b.valid_from, b.valid_to, '[]') && daterange(a.valid_from, a.valid_to, '[]')`,
    );

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    await insertTestUser(t.database, "cw-race", "caseworker", "GM0344");
    let app = t.app;
    if (t.database.kind === "postgresql") {
      const pool = await openSecondPool(t.database, RACE + 2);
      wide = pool;
      app = createApp({
        database: pool,
        config: {
          port: 0,
          databaseUrl: "",
          secureCookies: false,
          trustedProxies: [],
          version: VERSION,
        },
      });
    }
    cw = await signIn(app, "cw-race");
  });
  afterAll(async () => {
    await wide?.close();
    await t.database.destroy();
  });

  it(`${RACE} placements, moves and ends of one household at once: no 5xx, no overlap, not split`, async () => {
    const a = await location("Hotel Amstel", 100);
    const b = await location("Flexwoningen Zuilen", 100);
    // Before the fix, about 1 in 130 of these requests deadlocked (40P01, answered 500).
    const rounds = 10;
    const statuses: number[] = [];
    const reason = "a race between caseworkers";
    for (let round = 0; round < rounds; round++) {
      const h = await household(`Race${round}`, 3);
      const first = await cw.json("POST", `/api/v1/households/${h.id}/placements`, {
        kind: "goo",
        locationId: a,
        validFrom: "2023-06-01",
      });
      expect(first.status).toBe(201);
      const path = `/api/v1/households/${h.id}/placements`;
      const requests = Array.from({ length: RACE }, (_, i) => {
        const to = [a, b][(i >> 1) % 2];
        if (i % 3 === 0)
          return cw.json("POST", path, {
            kind: "goo",
            locationId: to,
            validFrom: `2024-0${1 + (i % 4)}-0${1 + (i % 3)}`,
          });
        if (i % 3 === 1)
          return cw.json("POST", `${path}/move`, {
            kind: "goo",
            locationId: to,
            validFrom: `2024-0${2 + (i % 4)}-01`,
            reason,
          });
        return cw.json("POST", `${path}/end`, { validTo: `2024-0${1 + (i % 5)}-15`, reason });
      });
      const answers = await Promise.all(requests);
      statuses.push(...answers.map((r) => r.status));
      // Every member lives where the others live: each period is held by all three.
      const periods = await query<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from placement p
            join household_membership m on m.person_id = p.person_id
            where m.household_id = ${h.id}
            group by p.location_id, p.valid_from, p.valid_to`,
      );
      expect(
        periods.every((p) => p.n === 3),
        JSON.stringify(periods),
      ).toBe(true);
    }
    // 200 an end, 201 a placement or move, 400 refused by a check, 409 a conflict.
    const unexpected = statuses.filter((s) => ![200, 201, 400, 409].includes(s));
    expect(unexpected, `statuses: ${statuses.join(",")}`).toEqual([]);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(rounds);
    expect(await overlaps()).toEqual([]);
  });

  it(`${RACE} households at once into the last free place: each one after the first is warned`, async () => {
    const last = await location("Gezinshuis Lunetten", 1);
    const households = [];
    for (let i = 0; i < RACE; i++) households.push(await household(`Last${i}`, 1));
    const answers = await Promise.all(
      households.map((h) =>
        cw.json<Placed>("POST", `/api/v1/households/${h.id}/placements`, {
          kind: "goo",
          locationId: last,
          validFrom: "2024-03-01",
        }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 201));
    const unwarned = answers.filter((r) => r.body.warnings.length === 0);
    expect(unwarned).toHaveLength(1);
    // Each warned placement saw every placement saved before it: 2, 3, …, 20 occupied.
    const occupied = answers
      .flatMap((r) => r.body.warnings.map((w) => w.params.occupied))
      .sort((x, y) => x - y);
    expect(occupied).toEqual(Array.from({ length: RACE - 1 }, (_, i) => i + 2));
    expect(await overlaps()).toEqual([]);
  });

  it("a deadlock or serialization failure is tried again, and answers 409 when it persists", async () => {
    const deadlock = Object.assign(new Error("deadlock detected"), { code: "40P01" });
    let calls = 0;
    const once = await retryingTransaction(t.db, async () => {
      calls++;
      if (calls === 1) throw deadlock;
      return "saved";
    });
    expect([once, calls]).toEqual(["saved", 2]);
    calls = 0;
    await expect(
      retryingTransaction(t.db, async () => {
        calls++;
        throw deadlock;
      }),
    ).rejects.toBe(deadlock);
    expect(calls).toBe(3);
    expect(toErrorResponse(deadlock).status).toBe(409);
    expect(toErrorResponse(new Error("x", { cause: { code: "40001" } })).status).toBe(409);
  });
});
