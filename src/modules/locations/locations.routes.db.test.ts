import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  initTestApp,
  insertTestGemeenten,
  insertTestUser,
  signIn,
} from "../../../test/app";
import { testEngine } from "../../../test/db";
import { query } from "../../db/connection";
import { listAuditForPerson } from "../audit/audit.repository";

type Err = {
  error: {
    code: string;
    message: string;
    issues: { path: string; code: string }[];
    current?: unknown;
  };
};
type Loc = {
  id: number;
  version: number;
  name: string;
  postcode: string | null;
  capacityHistory: { places: number; validFrom: string; validTo: string | null }[];
  statusHistory: { status: string; validFrom: string; validTo: string | null }[];
  catering: boolean;
  cateringHistory: { catering: boolean; validFrom: string; validTo: string | null }[];
};
type Page = Loc & {
  on: string;
  status: string | null;
  capacity: number | null;
  realisedPlaces: number;
  occupied: number;
  free: number;
  bezettingsgraad: number | null;
  occupants: { personId: number; householdId: number | null; givenNames: string }[];
  occupancy: { on: string; realisedPlaces: number; occupied: number }[];
};

const hotel = {
  name: "Hotel Domstad",
  street: "Oudegracht",
  houseNumber: "12",
  postcode: "3511ab",
  city: "Utrecht",
  kind: "hotel",
  catering: true,
  validFrom: "2023-01-01",
  places: 50,
  status: "realised",
};

describe(`locations (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let cw: Client;
  let cwAmsterdam: Client;
  let finance: Client;
  let national: Client;

  const register = async (client: Client, body: object) => {
    const res = await client.json<Loc>("POST", "/api/v1/locations", body);
    expect(res.status).toBe(201);
    return res.body;
  };
  const count = async (q: ReturnType<typeof sql>) => (await query<{ n: number }>(t.db, q))[0]!.n;

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
  });
  afterAll(() => t.database.destroy());

  it("registers a location with its first capacity and status, and normalises the postcode", async () => {
    const l = await register(cw, hotel);
    expect(l).toMatchObject({ name: "Hotel Domstad", postcode: "3511 AB", version: 1 });
    expect(l.capacityHistory).toEqual([
      expect.objectContaining({ places: 50, validFrom: "2023-01-01", validTo: null }),
    ]);
    expect(l.statusHistory).toEqual([
      expect.objectContaining({ status: "realised", validFrom: "2023-01-01", validTo: null }),
    ]);
  });

  it("refuses a date that does not exist, an unknown kind and a bad postcode, naming each field, and stores nothing", async () => {
    const before = await count(sql`select count(*)::int as n from location`);
    const bad = await cw.json<Err>("POST", "/api/v1/locations", {
      ...hotel,
      validFrom: "2023-02-29",
      postcode: "12345",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(["validFrom", "postcode"]),
    );
    const kind = await cw.json<Err>("POST", "/api/v1/locations", { ...hotel, kind: "tent" });
    expect(kind.status).toBe(400);
    expect(kind.body.error.issues[0]!.path).toBe("kind");
    expect(await count(sql`select count(*)::int as n from location`)).toBe(before);
  });

  it("a new capacity from a date closes the open one the day before; an earlier date is refused", async () => {
    const l = await register(cw, { ...hotel, name: "Flexwoningen Overvecht", kind: "flex_homes" });
    const res = await cw.json<Loc>("POST", `/api/v1/locations/${l.id}/capacity`, {
      places: 80,
      validFrom: "2023-06-01",
      version: l.version,
    });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(l.version + 1);
    expect(res.body.capacityHistory).toEqual([
      expect.objectContaining({ places: 50, validFrom: "2023-01-01", validTo: "2023-05-31" }),
      expect.objectContaining({ places: 80, validFrom: "2023-06-01", validTo: null }),
    ]);
    const earlier = await cw.json<Err>("POST", `/api/v1/locations/${l.id}/capacity`, {
      places: 60,
      validFrom: "2023-03-01",
      version: res.body.version,
    });
    expect(earlier.status).toBe(400);
    expect(earlier.body.error.issues[0]).toMatchObject({
      path: "validFrom",
      code: "before_current",
    });

    const page = await cw.json<Page>("GET", `/api/v1/locations/${l.id}?on=2023-05-31`);
    expect(page.body).toMatchObject({ capacity: 50, realisedPlaces: 50, free: 50 });
    const later = await cw.json<Page>("GET", `/api/v1/locations/${l.id}?on=2023-06-01`);
    expect(later.body).toMatchObject({ capacity: 80, realisedPlaces: 80 });
  });

  it("catering changes from a date: the open period ends the day before, and the page shows it per date", async () => {
    const l = await register(cw, { ...hotel, name: "Hotel Lombok" });
    expect(l.cateringHistory).toEqual([
      expect.objectContaining({ catering: true, validFrom: "2023-01-01", validTo: null }),
    ]);
    const res = await cw.json<Loc>("POST", `/api/v1/locations/${l.id}/catering`, {
      catering: false,
      validFrom: "2023-09-01",
      version: l.version,
      reason: "kitchen closed; residents cook themselves",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ catering: false, version: l.version + 1 });
    expect(res.body.cateringHistory).toEqual([
      expect.objectContaining({ catering: true, validFrom: "2023-01-01", validTo: "2023-08-31" }),
      expect.objectContaining({ catering: false, validFrom: "2023-09-01", validTo: null }),
    ]);
    const before = await cw.json<Page>("GET", `/api/v1/locations/${l.id}?on=2023-08-31`);
    expect(before.body.catering).toBe(true);
    const after = await cw.json<Page>("GET", `/api/v1/locations/${l.id}?on=2023-09-01`);
    expect(after.body.catering).toBe(false);

    // The same start date corrects the open period; back to the value before, the change
    // is taken back instead of leaving two periods with the same value.
    const corrected = await cw.json<Loc>("POST", `/api/v1/locations/${l.id}/catering`, {
      catering: true,
      validFrom: "2023-09-01",
      version: res.body.version,
    });
    expect(corrected.body.cateringHistory.map((r) => [r.catering, r.validFrom, r.validTo])).toEqual(
      [[true, "2023-01-01", null]],
    );
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ catering: false, validFrom: "2022-12-01" }, "validFrom", "before_current"],
      [{ catering: true, validFrom: "2023-01-01" }, "catering", "catering_unchanged"],
      [{ catering: true, validFrom: "2024-01-01" }, "catering", "catering_unchanged"],
    ];
    for (const [body, path, code] of refusals) {
      const r = await cw.json<Err>("POST", `/api/v1/locations/${l.id}/catering`, {
        ...body,
        version: corrected.body.version,
      });
      expect(r.status, code).toBe(400);
      expect(r.body.error.issues[0]).toMatchObject({ path, code });
    }
    const stale = await cw.json<Err>("POST", `/api/v1/locations/${l.id}/catering`, {
      catering: false,
      validFrom: "2024-01-01",
      version: l.version,
    });
    expect(stale.status).toBe(409);
    // Catering is not edited in place: that would change the months before.
    const patch = await cw.json<Err>("PATCH", `/api/v1/locations/${l.id}`, {
      catering: false,
      version: corrected.body.version,
    });
    expect(patch.status).toBe(400);
    expect(patch.body.error.issues[0]).toMatchObject({ path: "catering", code: "catering_dated" });
    const rows = await count(
      sql`select count(*)::int as n from location_catering where location_id = ${l.id}`,
    );
    expect(rows).toBe(1);
  });

  it("status goes forward only: planned → realised → closed; a planned location has no realised places", async () => {
    const l = await register(cw, {
      ...hotel,
      name: "Noodopvang Jaarbeurs",
      kind: "emergency_hall",
      status: "planned",
    });
    const planned = await cw.json<Page>("GET", `/api/v1/locations/${l.id}?on=2023-02-01`);
    expect(planned.body).toMatchObject({ status: "planned", capacity: 50, realisedPlaces: 0 });

    const realised = await cw.json<Loc>("POST", `/api/v1/locations/${l.id}/status`, {
      status: "realised",
      validFrom: "2023-03-01",
      version: l.version,
    });
    expect(realised.status).toBe(200);
    expect(realised.body.statusHistory.map((s) => [s.status, s.validFrom, s.validTo])).toEqual([
      ["planned", "2023-01-01", "2023-02-28"],
      ["realised", "2023-03-01", null],
    ]);
    const back = await cw.json<Err>("POST", `/api/v1/locations/${l.id}/status`, {
      status: "planned",
      validFrom: "2023-04-01",
      version: realised.body.version,
    });
    expect(back.status).toBe(400);
    expect(back.body.error.issues[0]).toMatchObject({ path: "status", code: "status_order" });
    const closed = await cw.json<Loc>("POST", `/api/v1/locations/${l.id}/status`, {
      status: "closed",
      validFrom: "2023-09-01",
      version: realised.body.version,
    });
    expect(closed.status).toBe(200);
    const page = await cw.json<Page>("GET", `/api/v1/locations/${l.id}?on=2023-09-01`);
    expect(page.body).toMatchObject({ status: "closed", realisedPlaces: 0, bezettingsgraad: null });
  });

  it("optimistic concurrency: the second of two edits gets 409 with the current version", async () => {
    const l = await register(cw, { ...hotel, name: "Boot Merwede", kind: "ship" });
    const first = await cw.json<Loc>("PATCH", `/api/v1/locations/${l.id}`, {
      version: l.version,
      name: "Boot Merwedekanaal",
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(l.version + 1);
    const second = await cw.json<Err>("PATCH", `/api/v1/locations/${l.id}`, {
      version: l.version,
      name: "Boot Vaartsche Rijn",
    });
    expect(second.status).toBe(409);
    expect(second.body.error.current).toMatchObject({
      name: "Boot Merwedekanaal",
      version: l.version + 1,
    });
    const stale = await cw.json<Err>("POST", `/api/v1/locations/${l.id}/capacity`, {
      places: 10,
      validFrom: "2024-01-01",
      version: l.version,
    });
    expect(stale.status).toBe(409);
    const rows = await count(
      sql`select count(*)::int as n from location_capacity where location_id = ${l.id}`,
    );
    expect(rows).toBe(1);
  });

  it("security: another municipality's location answers 404 to read, edit and capacity change", async () => {
    const l = await register(cw, { ...hotel, name: "Hotel Utrecht Centraal" });
    expect((await cwAmsterdam.request(`/api/v1/locations/${l.id}`)).status).toBe(404);
    const patch = await cwAmsterdam.json("PATCH", `/api/v1/locations/${l.id}`, {
      version: 1,
      name: "x",
    });
    expect(patch.status).toBe(404);
    const cap = await cwAmsterdam.json("POST", `/api/v1/locations/${l.id}/capacity`, {
      places: 1,
      validFrom: "2024-01-01",
      version: 1,
    });
    expect(cap.status).toBe(404);
    const list = await cwAmsterdam.json<{ locations: { id: number }[] }>(
      "GET",
      "/api/v1/locations",
    );
    expect(list.body.locations.map((x) => x.id)).not.toContain(l.id);
  });

  it("security: a finance officer reads locations but cannot register one; the national coordinator gets neither", async () => {
    expect((await finance.request("/api/v1/locations")).status).toBe(200);
    expect((await finance.json("POST", "/api/v1/locations", hotel)).status).toBe(403);
    expect((await national.request("/api/v1/locations")).status).toBe(403);
  });

  it("the location page lists occupants with their household, audits each read, and shows occupancy per month", async () => {
    const l = await register(cw, { ...hotel, name: "Hotel Lombok", places: 4 });
    const h = await cw.json<{ id: number; memberIds: number[] }>("POST", "/api/v1/households", {
      validFrom: "2023-01-01",
      members: [
        {
          role: "head",
          person: { familyName: "Bondarenko", givenNames: "Iryna", birthDate: "1985-04-02" },
        },
        {
          role: "child",
          person: { familyName: "Bondarenko", givenNames: "Taras", birthDate: "2015-09-10" },
        },
      ],
    });
    expect(h.status).toBe(201);
    const placed = await cw.json("POST", `/api/v1/households/${h.body.id}/placements`, {
      kind: "goo",
      locationId: l.id,
      validFrom: "2023-03-15",
    });
    expect(placed.status).toBe(201);

    const auditBefore = await count(
      sql`select count(*)::int as n from audit_record where entity_type = 'location' and action = 'read'`,
    );
    const page = await finance.json<Page>(
      "GET",
      `/api/v1/locations/${l.id}?on=2023-04-01&from=2023-01-01&to=2023-06-30`,
    );
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      capacity: 4,
      realisedPlaces: 4,
      occupied: 2,
      free: 2,
      bezettingsgraad: 50,
    });
    expect(page.body.occupants.map((o) => [o.givenNames, o.householdId])).toEqual([
      ["Iryna", h.body.id],
      ["Taras", h.body.id],
    ]);
    expect(page.body.occupancy.map((o) => [o.on, o.occupied])).toEqual([
      ["2023-01-01", 0],
      ["2023-02-01", 0],
      ["2023-03-01", 0],
      ["2023-04-01", 2],
      ["2023-05-01", 2],
      ["2023-06-01", 2],
    ]);
    // One record listing the occupants; each one's access log shows the read.
    expect(
      (await count(
        sql`select count(*)::int as n from audit_record where entity_type = 'location' and action = 'read'`,
      )) - auditBefore,
    ).toBe(1);
    for (const personId of h.body.memberIds) {
      const [latest] = await listAuditForPerson(t.db, personId);
      expect(latest).toMatchObject({
        entityType: "location",
        action: "read",
        username: "fin",
        personId,
      });
    }

    // Without a range: the 12 month starts up to the date.
    const year = await cw.json<Page>("GET", `/api/v1/locations/${l.id}?on=2023-12-15`);
    expect(year.body.occupancy.map((o) => o.on)).toHaveLength(12);
    expect(year.body.occupancy[0]!.on).toBe("2023-01-01");
    expect(year.body.occupancy[11]!.on).toBe("2023-12-01");

    // Nobody may close the location while households still live there.
    const close = await cw.json<Err>("POST", `/api/v1/locations/${l.id}/status`, {
      status: "closed",
      validFrom: "2024-01-01",
      version: l.version,
    });
    expect(close.status).toBe(400);
    expect(close.body.error.issues[0]).toMatchObject({
      path: "validFrom",
      code: "location_occupied",
    });

    expect((await national.request(`/api/v1/locations/${l.id}`)).status).toBe(403);
  });

  it("refuses a malformed date in the query with the parameter named", async () => {
    const res = await cw.json<Err>("GET", "/api/v1/locations?on=2023-13-01");
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0]!.path).toBe("on");
  });
});
