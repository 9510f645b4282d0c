import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  initTestApp,
  insertTestGemeenten,
  insertTestUser,
  signIn,
} from "../../../test/app";
import { testEngine } from "../../../test/db";
import { VERSION } from "../../config";
import { type Db, query } from "../../db/connection";
import * as schema from "../../db/schema";
import { createApp } from "../../http/app";
import { HistoryPlacement, PlacementHistory } from "./placements.routes";

type Err = {
  error: {
    code: string;
    message: string;
    issues: { path: string; code: string; message: string; params?: Record<string, unknown> }[];
  };
};
type Placed = {
  placements: { id: number; personId: number; locationId: number | null; validFrom: string }[];
  warnings: { code: string; message: string; params: Record<string, unknown> }[];
  ended?: number[];
};
type Figures = {
  realisedPlaces: number;
  occupied: number;
  free: number;
  bezettingsgraad: number | null;
};
type GemeenteOccupancy = Figures & {
  pooPersons: number;
  locations: (Figures & { locationId: number })[];
};
type Regions = {
  national: Figures & { pooPersons: number };
  regions: (Figures & { code: string; pooPersons: number })[];
};

const person = (givenNames: string, familyName: string, birthDate: string) => ({
  familyName,
  givenNames,
  birthDate,
});

describe(`placements and occupancy (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let cw: Client;
  let cwAmsterdam: Client;
  let finance: Client;
  let national: Client;
  let hotel: number; // Utrecht, 4 places
  let flex: number; // Utrecht, 10 places, 2 from 2023-06-01
  let planned: number; // Utrecht, planned only
  let amsterdam: number; // Amsterdam, 20 places
  let kovalenko: { id: number; memberIds: number[] }; // 3 persons
  let melnyk: { id: number; memberIds: number[] }; // 2 persons
  let tkachenko: { id: number; memberIds: number[] }; // 1 person, private reception

  const location = async (client: Client, name: string, places: number, status = "realised") => {
    const res = await client.json<{ id: number }>("POST", "/api/v1/locations", {
      name,
      kind: "flex_homes",
      validFrom: "2023-01-01",
      places,
      status,
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const household = async (members: ReturnType<typeof person>[]) => {
    const res = await cw.json<{ id: number; memberIds: number[] }>("POST", "/api/v1/households", {
      validFrom: "2023-01-01",
      members: members.map((p, i) => ({ role: i === 0 ? "head" : "child", person: p })),
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const occupancyOn = async (on: string) => {
    const res = await cw.json<GemeenteOccupancy>("GET", `/api/v1/occupancy/gemeente?on=${on}`);
    expect(res.status).toBe(200);
    const of = (id: number) => res.body.locations.find((l) => l.locationId === id)!;
    return { total: res.body, hotel: of(hotel), flex: of(flex) };
  };
  const placementCount = async () =>
    (await query<{ n: number }>(t.db, sql`select count(*)::int as n from placement`))[0]!.n;

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    await insertTestUser(t.database, "cw-utr", "caseworker", "GM0344");
    await insertTestUser(t.database, "cw-ams", "caseworker", "GM0363");
    await insertTestUser(t.database, "fin", "finance_officer", "GM0344");
    await insertTestUser(t.database, "nat", "national_coordinator", null);
    cw = await signIn(t.app, "cw-utr");
    cwAmsterdam = await signIn(t.app, "cw-ams");
    finance = await signIn(t.app, "fin");
    national = await signIn(t.app, "nat");
    hotel = await location(cw, "Hotel Domstad", 4);
    flex = await location(cw, "Flexwoningen Overvecht", 10);
    planned = await location(cw, "Paviljoen Leidsche Rijn", 30, "planned");
    amsterdam = await location(cwAmsterdam, "Hotel Sloterdijk", 20);
    kovalenko = await household([
      person("Olha", "Kovalenko", "1984-05-17"),
      person("Mykola", "Kovalenko", "2012-01-30"),
      person("Sofiia", "Kovalenko", "2016-11-02"),
    ]);
    melnyk = await household([
      person("Nataliia", "Melnyk", "1979-08-08"),
      person("Artem", "Melnyk", "2010-03-21"),
    ]);
    tkachenko = await household([person("Halyna", "Tkachenko", "1951-12-24")]);
  });
  afterAll(() => t.database.destroy());

  it("places every member of a household in a GOO location and counts them from that date", async () => {
    const res = await cw.json<Placed>("POST", `/api/v1/households/${kovalenko.id}/placements`, {
      kind: "goo",
      locationId: hotel,
      validFrom: "2023-02-01",
    });
    expect(res.status).toBe(201);
    expect(res.body.placements.map((p) => p.personId).sort()).toEqual(
      [...kovalenko.memberIds].sort(),
    );
    expect(res.body.warnings).toEqual([]);
    const before = await occupancyOn("2023-01-31");
    expect(before.hotel).toMatchObject({ realisedPlaces: 4, occupied: 0, free: 4 });
    const after = await occupancyOn("2023-02-15");
    expect(after.hotel).toMatchObject({
      realisedPlaces: 4,
      occupied: 3,
      free: 1,
      bezettingsgraad: 75,
    });
    expect(after.total).toMatchObject({
      realisedPlaces: 14,
      occupied: 3,
      free: 11,
      bezettingsgraad: 21.4,
    });
  });

  it("warns (but places) when the location goes over capacity", async () => {
    const res = await cw.json<Placed>("POST", `/api/v1/households/${melnyk.id}/placements`, {
      kind: "goo",
      locationId: hotel,
      validFrom: "2023-03-01",
    });
    expect(res.status).toBe(201);
    expect(res.body.placements).toHaveLength(2);
    expect(res.body.warnings).toEqual([
      expect.objectContaining({
        code: "over_capacity",
        params: { locationId: hotel, capacity: 4, occupied: 5, on: "2023-03-01" },
      }),
    ]);
    const o = await occupancyOn("2023-03-01");
    expect(o.hotel).toMatchObject({ occupied: 5, free: 0, bezettingsgraad: 125 });
  });

  it("refuses an overlapping placement naming the person and the existing placement, and writes nothing", async () => {
    const before = await placementCount();
    // Open-ended from 2023-01-15, it overlaps the hotel placements that start on 2023-02-01.
    const res = await cw.json<Err>("POST", `/api/v1/households/${kovalenko.id}/placements`, {
      kind: "goo",
      locationId: flex,
      validFrom: "2023-01-15",
    });
    expect(res.status).toBe(400);
    const issues = res.body.error.issues;
    expect(issues).toHaveLength(3);
    expect(issues[0]).toMatchObject({ path: "validFrom", code: "placement_overlap" });
    expect(issues.map((i) => i.message).join(" ")).toContain("Olha Kovalenko");
    expect(issues[0]!.message).toContain("Hotel Domstad");
    expect(issues[0]!.params).toMatchObject({
      placementId: expect.any(Number),
      from: "2023-02-01",
    });
    expect(await placementCount()).toBe(before);
  });

  it("placing a household whose members are all placed on the date answers nothing_to_place", async () => {
    const before = await placementCount();
    const res = await cw.json<Err>("POST", `/api/v1/households/${kovalenko.id}/placements`, {
      kind: "goo",
      locationId: flex,
      validFrom: "2023-04-01",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([
      expect.objectContaining({ path: "validFrom", code: "nothing_to_place" }),
    ]);
    expect(await placementCount()).toBe(before);
  });

  it("refuses a location that is not realised on the start date", async () => {
    const res = await cw.json<Err>("POST", `/api/v1/households/${tkachenko.id}/placements`, {
      kind: "goo",
      locationId: planned,
      validFrom: "2023-04-01",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0]).toMatchObject({
      path: "locationId",
      code: "location_not_realised",
    });
  });

  it("places a household privately (POO) with a full address, and counts it apart from the places", async () => {
    const missing = await cw.json<Err>("POST", `/api/v1/households/${tkachenko.id}/placements`, {
      kind: "poo",
      validFrom: "2023-02-10",
      address: { street: "Biltstraat", houseNumber: "5", postcode: "35", city: "Utrecht" },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues.map((i) => i.path).sort()).toEqual([
      "address.hostName",
      "address.postcode",
    ]);
    const res = await cw.json<Placed>("POST", `/api/v1/households/${tkachenko.id}/placements`, {
      kind: "poo",
      validFrom: "2023-02-10",
      address: {
        street: "Biltstraat",
        houseNumber: "5",
        postcode: "3572 AB",
        city: "Utrecht",
        hostName: "De Vries",
      },
    });
    expect(res.status).toBe(201);
    const o = await occupancyOn("2023-03-01");
    expect(o.total).toMatchObject({ occupied: 5, pooPersons: 1 });
    // The household's placements answer exactly as the document describes them.
    const history = await cw.json("GET", `/api/v1/households/${tkachenko.id}/placements`);
    const parsed = PlacementHistory.parse(history.body);
    const poo = parsed.current.find((p) => p.kind === "poo");
    expect(poo?.address).toEqual({
      street: "Biltstraat",
      houseNumber: "5",
      postcode: "3572 AB",
      city: "Utrecht",
      hostName: "De Vries",
    });
    for (const p of [...parsed.current, ...parsed.past, ...parsed.future]) {
      expect(() => HistoryPlacement.strict().parse(p)).not.toThrow();
    }
  });

  it("moves a household within the municipality: old placements end the day before, numbers follow", async () => {
    const noReason = await cw.json<Err>(
      "POST",
      `/api/v1/households/${kovalenko.id}/placements/move`,
      {
        kind: "goo",
        locationId: flex,
        validFrom: "2023-05-01",
        reason: "",
      },
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues[0]!.path).toBe("reason");

    const res = await cw.json<Placed>(
      "POST",
      `/api/v1/households/${kovalenko.id}/placements/move`,
      {
        kind: "goo",
        locationId: flex,
        validFrom: "2023-05-01",
        reason: "a family of three needs its own flex home",
      },
    );
    expect(res.status).toBe(201);
    expect(res.body.ended).toHaveLength(3);
    expect(
      res.body.placements.every((p) => p.locationId === flex && p.validFrom === "2023-05-01"),
    ).toBe(true);

    const lastDay = await occupancyOn("2023-04-30");
    expect([lastDay.hotel.occupied, lastDay.flex.occupied]).toEqual([5, 0]);
    const firstDay = await occupancyOn("2023-05-01");
    expect([firstDay.hotel.occupied, firstDay.flex.occupied]).toEqual([2, 3]);
    expect(firstDay.hotel).toMatchObject({ free: 2, bezettingsgraad: 50 });

    const history = await cw.json<{
      current: { locationId: number; validFrom: string }[];
      past: { locationId: number; validTo: string; reason: string | null }[];
    }>("GET", `/api/v1/households/${kovalenko.id}/placements?on=2023-05-01`);
    expect(history.status).toBe(200);
    expect(history.body.current.map((p) => p.locationId)).toEqual([flex, flex, flex]);
    expect(history.body.past.map((p) => [p.locationId, p.validTo])).toEqual([
      [hotel, "2023-04-30"],
      [hotel, "2023-04-30"],
      [hotel, "2023-04-30"],
    ]);
  });

  it("a capacity change shows in the numbers from its date", async () => {
    const l = await cw.json<{ version: number }>("GET", `/api/v1/locations/${flex}`);
    const cap = await cw.json("POST", `/api/v1/locations/${flex}/capacity`, {
      places: 2,
      validFrom: "2023-06-01",
      version: l.body.version,
    });
    expect(cap.status).toBe(200);
    const may = await occupancyOn("2023-05-31");
    expect(may.flex).toMatchObject({
      realisedPlaces: 10,
      occupied: 3,
      free: 7,
      bezettingsgraad: 30,
    });
    const june = await occupancyOn("2023-06-01");
    expect(june.flex).toMatchObject({
      realisedPlaces: 2,
      occupied: 3,
      free: 0,
      bezettingsgraad: 150,
    });
    // Free places are summed per location: the over-full flex home hides none of the hotel's.
    expect(june.total).toMatchObject({ realisedPlaces: 6, occupied: 5, free: 2 });
  });

  it("security: moving to another municipality's location answers 404 and changes nothing", async () => {
    const before = await query<{ id: number; valid_to: string | null }>(
      t.db,
      sql`select id, valid_to from placement order by id`,
    );
    const res = await cw.json<Err>("POST", `/api/v1/households/${melnyk.id}/placements/move`, {
      kind: "goo",
      locationId: amsterdam,
      validFrom: "2023-07-01",
      reason: "room in Amsterdam",
    });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain("location");
    const after = await query<{ id: number; valid_to: string | null }>(
      t.db,
      sql`select id, valid_to from placement order by id`,
    );
    expect(after).toEqual(before);
  });

  it("security: another municipality's household answers 404", async () => {
    const res = await cwAmsterdam.json("POST", `/api/v1/households/${melnyk.id}/placements`, {
      kind: "goo",
      locationId: amsterdam,
      validFrom: "2023-07-01",
    });
    expect(res.status).toBe(404);
    expect((await cwAmsterdam.request(`/api/v1/households/${melnyk.id}/placements`)).status).toBe(
      404,
    );
  });

  it("security: a finance officer reads placements but cannot place (403)", async () => {
    expect((await finance.request(`/api/v1/households/${melnyk.id}/placements`)).status).toBe(200);
    const res = await finance.json("POST", `/api/v1/households/${melnyk.id}/placements/move`, {
      kind: "goo",
      locationId: flex,
      validFrom: "2023-07-01",
      reason: "x",
    });
    expect(res.status).toBe(403);
  });

  it("the national coordinator sees region and national aggregates without personal data, and no occupants", async () => {
    const res = await national.json<Regions>("GET", "/api/v1/occupancy/regions?on=2023-06-01");
    expect(res.status).toBe(200);
    const vr09 = res.body.regions.find((r) => r.code === "VR09")!;
    const vr13 = res.body.regions.find((r) => r.code === "VR13")!;
    expect(vr09).toMatchObject({
      realisedPlaces: 6,
      occupied: 5,
      free: 2,
      pooPersons: 1,
      bezettingsgraad: 83.3,
    });
    expect(vr13).toMatchObject({ realisedPlaces: 20, occupied: 0, free: 20, bezettingsgraad: 0 });
    expect(res.body.national).toMatchObject({
      realisedPlaces: 26,
      occupied: 5,
      free: 22,
      pooPersons: 1,
    });
    const text = JSON.stringify(res.body);
    for (const secret of ["Kovalenko", "Melnyk", "Biltstraat", "Hotel Domstad"])
      expect(text).not.toContain(secret);

    const region = await national.json<{ gemeenten: (Figures & { code: string })[] }>(
      "GET",
      "/api/v1/occupancy/regions/VR09?on=2023-06-01",
    );
    expect(region.status).toBe(200);
    expect(region.body.gemeenten).toEqual([
      expect.objectContaining({ code: "GM0344", occupied: 5 }),
    ]);
    expect((await national.request("/api/v1/occupancy/regions/VR99")).status).toBe(404);

    expect((await national.request(`/api/v1/locations/${hotel}`)).status).toBe(403);
    expect((await national.request(`/api/v1/households/${melnyk.id}/placements`)).status).toBe(403);
    expect((await cw.request("/api/v1/occupancy/regions")).status).toBe(403);
  });

  it("ends a household's placements on a date and one person's placement on another", async () => {
    const one = await cw.json<{ current: { id: number; personId: number }[] }>(
      "GET",
      `/api/v1/households/${melnyk.id}/placements?on=2023-07-01`,
    );
    const artem = one.body.current.find((p) => p.personId === melnyk.memberIds[1])!;
    const endOne = await cw.json("POST", `/api/v1/placements/${artem.id}/end`, {
      validTo: "2023-07-15",
      reason: "moved in with his father",
    });
    expect(endOne.status).toBe(200);
    expect(
      (
        await cwAmsterdam.json("POST", `/api/v1/placements/${artem.id}/end`, {
          validTo: "2023-07-10",
          reason: "x",
        })
      ).status,
    ).toBe(404);

    const res = await cw.json<{ ended: number[] }>(
      "POST",
      `/api/v1/households/${melnyk.id}/placements/end`,
      {
        validTo: "2023-07-31",
        reason: "returned to Ukraine",
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.ended).toHaveLength(1);
    const o = await occupancyOn("2023-07-16");
    expect(o.hotel.occupied).toBe(1);
    expect((await occupancyOn("2023-08-01")).hotel.occupied).toBe(0);
    const audit = await query<{ action: string; reason: string }>(
      t.db,
      sql`select action, reason from audit_record where action = 'end_placement' order by id desc limit 2`,
    );
    expect(audit.map((a) => a.reason)).toEqual(["returned to Ukraine", "moved in with his father"]);
  });
  it("a child born into a placed household is placed with it; the parents are skipped", async () => {
    const gezinshuis = await location(cw, "Gezinshuis Lunetten", 6);
    const created = await cw.json<{ id: number; memberIds: number[] }>(
      "POST",
      "/api/v1/households",
      {
        validFrom: "2023-01-01",
        members: [
          { role: "head", person: person("Iryna", "Bondar", "1990-04-04") },
          { role: "partner", person: person("Taras", "Bondar", "1988-09-09") },
        ],
      },
    );
    expect(created.status).toBe(201);
    const bondar = created.body;
    const first = await cw.json<Placed>("POST", `/api/v1/households/${bondar.id}/placements`, {
      kind: "goo",
      locationId: gezinshuis,
      validFrom: "2023-08-01",
    });
    expect(first.status).toBe(201);
    const h = await cw.json<{ version: number }>("GET", `/api/v1/households/${bondar.id}`);
    const birth = await cw.json<{ personId: number }>(
      "POST",
      `/api/v1/households/${bondar.id}/members`,
      {
        role: "child",
        person: person("Daryna", "Bondar", "2023-09-10"),
        validFrom: "2023-09-10",
        reason: "birth",
        version: h.body.version,
      },
    );
    expect(birth.status).toBe(201);
    const baby = birth.body.personId;

    // Placing the household somewhere else would leave the parents where they are: refused.
    const hotel = await location(cw, "Hotel Rijnsweerd", 10);
    const split = await cw.json<Err>("POST", `/api/v1/households/${bondar.id}/placements`, {
      kind: "goo",
      locationId: hotel,
      validFrom: "2023-09-10",
    });
    expect(split.status).toBe(400);
    expect(split.body.error.issues[0]).toMatchObject({ code: "placed_elsewhere" });

    const res = await cw.json<Placed & { skipped: { personId: number; placementId: number }[] }>(
      "POST",
      `/api/v1/households/${bondar.id}/placements`,
      { kind: "goo", locationId: gezinshuis, validFrom: "2023-09-10", reason: "born" },
    );
    expect(res.status).toBe(201);
    expect(res.body.placements).toEqual([
      expect.objectContaining({ personId: baby, locationId: gezinshuis, validFrom: "2023-09-10" }),
    ]);
    expect(res.body.skipped).toEqual(
      first.body.placements.map((p) => ({ personId: p.personId, placementId: p.id })),
    );
    const occupied = async (on: string) => {
      const o = await cw.json<GemeenteOccupancy>("GET", `/api/v1/occupancy/gemeente?on=${on}`);
      return o.body.locations.find((l) => l.locationId === gezinshuis)!.occupied;
    };
    expect(await occupied("2023-09-09")).toBe(2);
    expect(await occupied("2023-09-10")).toBe(3);
    const history = await cw.json<{ current: { personId: number; validTo: string | null }[] }>(
      "GET",
      `/api/v1/households/${bondar.id}/placements?on=2023-09-10`,
    );
    expect(history.body.current.map((p) => p.personId).sort()).toEqual(
      [...bondar.memberIds, baby].sort(),
    );
    expect(history.body.current.every((p) => p.validTo === null)).toBe(true);

    const again = await cw.json<Err>("POST", `/api/v1/households/${bondar.id}/placements`, {
      kind: "goo",
      locationId: gezinshuis,
      validFrom: "2023-09-10",
    });
    expect(again.status).toBe(400);
    expect(again.body.error.issues[0]).toMatchObject({ code: "nothing_to_place" });
  });

  it("locks the members in id order and then the location before reading placements, status or capacity", async () => {
    const statements: { sql: string; params: unknown[] }[] = [];
    const logger = {
      logQuery: (q: string, params: unknown[]) => statements.push({ sql: q, params }),
    };
    const client = (t.db as unknown as { $client: never }).$client;
    const logged =
      t.database.kind === "postgresql"
        ? drizzlePg(client, { schema, logger })
        : drizzlePglite(client, { schema, logger });
    const app = createApp({
      database: { ...t.database, db: logged as unknown as Db },
      config: {
        port: 0,
        databaseUrl: "",
        secureCookies: false,
        trustedProxies: [],
        version: VERSION,
      },
    });
    const caseworker = await signIn(app, "cw-utr");
    const shelter = await location(cw, "Noodopvang Jaarbeurs", 50);
    const h = await household([person("Roman", "Savchenko", "1970-02-02")]);
    statements.length = 0;
    const res = await caseworker.json("POST", `/api/v1/households/${h.id}/placements`, {
      kind: "goo",
      locationId: shelter,
      validFrom: "2023-09-01",
    });
    expect(res.status).toBe(201);
    const all = statements.map((s) => s.sql).join("\n");
    const persons = statements.findIndex(
      (s) => /from person/i.test(s.sql) && /order by id for no key update$/i.test(s.sql.trim()),
    );
    expect(persons, all).toBeGreaterThanOrEqual(0);
    expect(statements[persons]!.params).toEqual(h.memberIds);
    const lock = statements.findIndex(
      (s) => /from "location"/i.test(s.sql) && /for no key update$/i.test(s.sql.trim()),
    );
    expect(lock, all).toBeGreaterThanOrEqual(0);
    expect(statements[lock]!.params).toContain(shelter);
    const placed = statements.findIndex((s) => /from "placement"|from placement/i.test(s.sql));
    const status = statements.findIndex((s) => /from location_status/i.test(s.sql));
    const insert = statements.findIndex((s) => /insert into "placement"/i.test(s.sql));
    const capacity = statements.findIndex((s) => /from location_capacity/i.test(s.sql));
    expect(persons).toBeLessThan(placed);
    expect(persons).toBeLessThan(lock);
    expect(lock).toBeLessThan(status);
    expect(lock).toBeLessThan(insert);
    expect(insert).toBeLessThan(capacity);
  });

  // Two connections are needed to hold a lock against; PGlite has one. Registered only on
  // PostgreSQL (a skipped test would count as failed in npm test).
  const onPostgres = testEngine === "postgresql" ? it : () => {};
  onPostgres(
    "placing waits for another change of the same persons, then sees its placement",
    async () => {
      const h = await household([
        person("Ivan", "Hnatiuk", "1980-07-07"),
        person("Daryna", "Hnatiuk", "2014-09-09"),
      ]);
      const pool = (t.db as unknown as { $client: pg.Pool }).$client;
      const other = await pool.connect();
      try {
        // What another placement of the household does: lock its persons, then place them.
        await other.query("begin");
        await other.query(
          "select id from person where id = any($1) order by id for no key update",
          [h.memberIds],
        );
        let settled = false;
        const placing = cw
          .json<Err>("POST", `/api/v1/households/${h.id}/placements`, {
            kind: "goo",
            locationId: flex,
            validFrom: "2023-10-01",
          })
          .finally(() => {
            settled = true;
          });
        await new Promise((r) => setTimeout(r, 300));
        expect(settled).toBe(false);
        for (const id of h.memberIds) {
          await other.query(
            `insert into placement (person_id, kind, location_id, gemeente_code, valid_from)
             values ($1, 'goo', $2, 'GM0344', '2023-10-01')`,
            [id, hotel],
          );
        }
        await other.query("commit");
        const res = await placing;
        expect(res.status).toBe(400);
        expect(res.body.error.issues[0]).toMatchObject({ code: "nothing_to_place" });
      } finally {
        await other.query("rollback").catch(() => undefined);
        other.release();
      }
    },
  );
  onPostgres(
    "a placement waits for a status change that holds the location, then sees it closed",
    async () => {
      const closing = await location(cw, "Hotel Oudegracht", 10);
      const h = await household([person("Vira", "Lysenko", "1975-03-03")]);
      const pool = (t.db as unknown as { $client: pg.Pool }).$client;
      const other = await pool.connect();
      try {
        // What changeStatus does: lock the row FOR UPDATE, then close the location.
        await other.query("begin");
        await other.query("select id from location where id = $1 for update", [closing]);
        let settled = false;
        const placing = cw
          .json<Err>("POST", `/api/v1/households/${h.id}/placements`, {
            kind: "goo",
            locationId: closing,
            validFrom: "2023-10-01",
          })
          .finally(() => {
            settled = true;
          });
        await new Promise((r) => setTimeout(r, 300));
        expect(settled).toBe(false);
        await other.query(
          "update location_status set valid_to = '2023-09-30' where location_id = $1 and valid_to is null",
          [closing],
        );
        await other.query(
          "insert into location_status (location_id, status, valid_from) values ($1, 'closed', '2023-10-01')",
          [closing],
        );
        await other.query("commit");
        const res = await placing;
        expect(res.status).toBe(400);
        expect(res.body.error.issues[0]).toMatchObject({ code: "location_not_realised" });
      } finally {
        await other.query("rollback").catch(() => undefined);
        other.release();
      }
    },
  );
});

describe(`occupancy at national scale (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let national: Client;

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    await insertTestUser(t.database, "nat", "national_coordinator", null);
    national = await signIn(t.app, "nat");
    // 89,500 realised places and 88,910 persons placed on 2024-01-19 (Kamerbrief of
    // 26 January 2024), written in bulk.
    await t.db.execute(sql`
      insert into location (gemeente_code, name, kind)
      select case when i % 2 = 0 then 'GM0344' else 'GM0363' end, 'location ' || i, 'flex_homes'
      from generate_series(1, 179) i`);
    await t.db.execute(sql`
      insert into location_capacity (location_id, places, valid_from) select id, 500, '2023-01-01' from location`);
    await t.db.execute(sql`
      insert into location_status (location_id, status, valid_from) select id, 'realised', '2023-01-01' from location`);
    await t.db.execute(sql`
      insert into person (gemeente_code, family_name, given_names, birth_date)
      select 'GM0344', 'Person', 'No ' || i, '1990-01-01' from generate_series(1, 88910) i`);
    await t.db.execute(sql`
      with numbered as (
        select p.id, row_number() over (order by p.id) - 1 as n from person p
      ), locs as (
        select l.id, l.gemeente_code, row_number() over (order by l.id) - 1 as n from location l
      )
      insert into placement (person_id, kind, location_id, gemeente_code, valid_from)
      select numbered.id, 'goo', locs.id, locs.gemeente_code, '2023-06-01'
      from numbered join locs on locs.n = numbered.n / 500`);
  });
  afterAll(() => t.database.destroy());

  it("88,910 occupied of 89,500 realised places is a bezettingsgraad of 99.3", async () => {
    const res = await national.json<Regions>("GET", "/api/v1/occupancy/regions?on=2024-01-19");
    expect(res.status).toBe(200);
    expect(res.body.national).toMatchObject({
      realisedPlaces: 89_500,
      occupied: 88_910,
      free: 590,
      bezettingsgraad: 99.3,
    });
    const sum = res.body.regions.reduce((n, r) => n + r.occupied, 0);
    expect(sum).toBe(88_910);
    const before = await national.json<Regions>("GET", "/api/v1/occupancy/regions?on=2023-05-31");
    expect(before.body.national).toMatchObject({ realisedPlaces: 89_500, occupied: 0 });
  });
});
