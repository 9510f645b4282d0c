/**
 * Kept occupancy answers equal the full computation on random histories: after every
 * random change of placements, capacity, status or the region map (written with plain
 * SQL, past every service, as a bulk load or a repair would), each question answered from
 * what the app keeps equals the same question computed afresh.
 */

import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertTestGemeenten } from "../../../test/app";
import { createTestDatabase, type TestDatabase, testEngine } from "../../../test/db";
import { query } from "../../db/connection";
import type { AccessContext } from "../../domain/access";
import { type PlaceFacts, placeFactsOn } from "./occupancy.repository";
import {
  computeGemeenteOccupancy,
  computeRegionOccupancy,
  computeRegionsOccupancy,
  gemeenteOccupancy,
  placeFacts,
  regionOccupancy,
  regionsOccupancy,
} from "./occupancy.service";

const DATES = ["2025-01-15", "2025-03-01", "2025-06-30"];
const actor = (gemeente: string): AccessContext => ({
  id: 1,
  username: "test",
  role: "caseworker",
  language: "nl",
  scope: { kind: "gemeente", gemeente },
});

type Change =
  | { kind: "place"; person: number; location: number; from: number }
  | { kind: "end"; person: number; days: number }
  | { kind: "capacity"; location: number; places: number }
  | { kind: "status"; location: number; closed: boolean }
  | { kind: "remove"; person: number }
  | { kind: "region"; toAmsterdam: boolean };

const day = (n: number) => {
  const d = new Date(Date.UTC(2025, 0, 1 + n));
  return d.toISOString().slice(0, 10);
};

describe(`occupancy kept under a version equals the full computation (${testEngine})`, () => {
  let database: TestDatabase;
  const persons: number[] = [];
  const locations: number[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    await insertTestGemeenten(database);
    const db = database.db;
    for (const [i, gemeente] of ["GM0344", "GM0344", "GM0363"].entries()) {
      const [loc] = await query<{ id: number }>(
        db,
        sql`insert into location (gemeente_code, name, kind) values (${gemeente}, ${`Locatie ${i}`}, 'hotel') returning id`,
      );
      locations.push(loc!.id);
      await db.execute(
        sql`insert into location_capacity (location_id, places, valid_from) values (${loc!.id}, 5, '2024-01-01')`,
      );
      await db.execute(
        sql`insert into location_status (location_id, status, valid_from) values (${loc!.id}, 'realised', '2024-01-01')`,
      );
    }
    for (let i = 0; i < 8; i++) {
      const [p] = await query<{ id: number }>(
        db,
        sql`insert into person (gemeente_code, family_name, given_names, birth_date)
            values (${i < 5 ? "GM0344" : "GM0363"}, 'Test', ${`P${i}`}, '1990-01-01') returning id`,
      );
      persons.push(p!.id);
    }
  });
  afterAll(() => database.destroy());

  async function apply(c: Change) {
    const db = database.db;
    const person = persons[("person" in c ? c.person : 0) % persons.length]!;
    const location = locations[("location" in c ? c.location : 0) % locations.length]!;
    switch (c.kind) {
      case "place": {
        const [open] = await query<{ n: number }>(
          db,
          sql`select count(*)::int as n from placement where person_id = ${person}
                and (valid_to is null or valid_to >= ${day(c.from)}::date)`,
        );
        if (open!.n > 0) return;
        const [g] = await query<{ gemeente_code: string }>(
          db,
          sql`select gemeente_code from location where id = ${location}`,
        );
        await db.execute(
          sql`insert into placement (person_id, kind, location_id, gemeente_code, valid_from)
              values (${person}, 'goo', ${location}, ${g!.gemeente_code}, ${day(c.from)}::date)`,
        );
        return;
      }
      case "end":
        await db.execute(
          sql`update placement set valid_to = valid_from + ${c.days}::int
              where person_id = ${person} and valid_to is null`,
        );
        return;
      case "capacity":
        await db.execute(
          sql`update location_capacity set places = ${c.places} where location_id = ${location}`,
        );
        return;
      case "status":
        await db.execute(
          sql`update location_status set status = ${c.closed ? "closed" : "realised"} where location_id = ${location}`,
        );
        return;
      case "remove":
        await db.execute(sql`delete from placement where person_id = ${person}`);
        return;
      case "region":
        await db.execute(
          sql`update gemeente_veiligheidsregio set veiligheidsregio_code = ${c.toAmsterdam ? "VR13" : "VR09"}
              where gemeente_code = 'GM0344'`,
        );
        return;
    }
  }

  async function expectKeptEqualsFresh() {
    const db = database.db;
    for (const on of DATES) {
      expect(await regionsOccupancy(db, { on })).toEqual(await computeRegionsOccupancy(db, on));
      const rows = (r: PlaceFacts[]) =>
        r.map((x) => JSON.stringify(x)).sort((a, b) => a.localeCompare(b));
      expect(rows(await placeFacts(db, on))).toEqual(rows(await placeFactsOn(db, on)));
      for (const code of ["VR09", "VR13"]) {
        expect(await regionOccupancy(db, code, { on })).toEqual(
          await computeRegionOccupancy(db, code, on),
        );
      }
      for (const g of ["GM0344", "GM0363"]) {
        expect(await gemeenteOccupancy(db, actor(g), { on })).toEqual(
          await computeGemeenteOccupancy(db, g, on),
        );
      }
    }
  }

  const change: fc.Arbitrary<Change> = fc.oneof(
    fc.record({
      kind: fc.constant("place" as const),
      person: fc.nat(20),
      location: fc.nat(5),
      from: fc.integer({ min: 0, max: 200 }),
    }),
    fc.record({ kind: fc.constant("end" as const), person: fc.nat(20), days: fc.nat(150) }),
    fc.record({
      kind: fc.constant("capacity" as const),
      location: fc.nat(5),
      places: fc.integer({ min: 0, max: 9 }),
    }),
    fc.record({ kind: fc.constant("status" as const), location: fc.nat(5), closed: fc.boolean() }),
    fc.record({ kind: fc.constant("remove" as const), person: fc.nat(20) }),
    fc.record({ kind: fc.constant("region" as const), toAmsterdam: fc.boolean() }),
  );

  it("after every change, every kept answer equals the answer computed afresh", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 8 }), async (changes) => {
        // Ask first, so that answers are kept, then change and ask again.
        await expectKeptEqualsFresh();
        for (const c of changes) {
          await apply(c);
          await expectKeptEqualsFresh();
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it("an answer is kept while nothing changed: the version does not move on a read", async () => {
    const db = database.db;
    const version = async () =>
      Number(
        (await query<{ v: string }>(db, sql`select version::text as v from occupancy_version`))[0]!
          .v,
      );
    const before = await version();
    await regionsOccupancy(db, { on: DATES[0] });
    await regionsOccupancy(db, { on: DATES[0] });
    expect(await version()).toBe(before);
    // A transaction changing several rows bumps it once, at commit.
    await db.transaction(async (tx) => {
      await tx.execute(sql`update location_capacity set places = places + 1`);
      await tx.execute(sql`update location_status set status = status`);
    });
    expect(await version()).toBe(before + 1);
  });
});
