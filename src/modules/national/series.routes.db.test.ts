/**
 * GET /national/series on the demo data: each week's point is the unit's figures of
 * GET /national/figures on that Sunday (or on `to` in the last week), kept facts or not;
 * bad input is refused by field; only the national coordinator may ask.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, initTestApp, insertTestUser, signIn } from "../../../test/app";
import { testEngine } from "../../../test/db";
import { query } from "../../db/connection";
import { generateDemo } from "../../db/demo/generate";
import { refreshNationalFacts } from "./facts.service";

type Point = {
  week: string;
  sunday: string;
  on: string;
  realised: number;
  occupied: number;
  free: number;
  bezettingsgraad: number | null;
  registered: number | null;
  poo: number | null;
};
type Series = {
  level: string;
  code: string | null;
  name: string;
  from: string;
  to: string;
  points: Point[];
};
type Unit = {
  registered: { total: number } | null;
  persons: { goo: number; poo: number | null };
  places: {
    realisedPlaces: number;
    occupied: number;
    free: number;
    bezettingsgraad: number | null;
  };
};

describe(`national series (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let coordinator: Client;

  const get = async <T>(client: Client, path: string) => client.json<T>("GET", `/api/v1${path}`);

  beforeAll(async () => {
    t = await initTestApp();
    await generateDemo(t.db, { scale: "demo", seed: 1 });
    await insertTestUser(t.database, "series-coordinator", "national_coordinator", null);
    coordinator = await signIn(t.app, "series-coordinator");
  }, 300_000);
  afterAll(async () => {
    await t?.database.destroy();
  });

  async function expectFiguresOf(params: Record<string, string>) {
    const res = await get<Series>(coordinator, `/national/series?${new URLSearchParams(params)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const s = res.body;
    expect(s.points.length).toBeGreaterThan(0);
    for (const p of s.points) {
      const { from: _from, to: _to, ...unit } = params;
      const f = await get<{ total: Unit }>(
        coordinator,
        `/national/figures?${new URLSearchParams({ ...unit, on: p.on })}`,
      );
      expect(f.status, JSON.stringify(f.body)).toBe(200);
      const u = f.body.total;
      expect(p, `${s.level} ${s.code} ${p.on}`).toMatchObject({
        realised: u.places.realisedPlaces,
        occupied: u.places.occupied,
        free: u.places.free,
        bezettingsgraad: u.places.bezettingsgraad,
        registered: u.registered?.total ?? null,
        poo: u.persons.poo,
      });
    }
    return s;
  }

  it("gives the figures of each week's Sunday, before and after the facts are kept", async () => {
    const nation = await expectFiguresOf({ from: "2026-08-03", to: "2026-10-28" });
    expect(nation.points.map((p) => p.week)).toEqual(
      Array.from({ length: 13 }, (_, i) => `2026-W${String(32 + i).padStart(2, "0")}`),
    );
    // The last week ends after `to`: its figures are of `to`.
    expect(nation.points.at(-1)).toMatchObject({ sunday: "2026-11-01", on: "2026-10-28" });
    expect(nation.points.some((p) => p.occupied > 0)).toBe(true);
    await refreshNationalFacts(t.db);
    const kept = await expectFiguresOf({ from: "2026-08-03", to: "2026-10-28" });
    expect(kept.points).toEqual(nation.points);
    await expectFiguresOf({ from: "2025-12-01", to: "2026-02-01", level: "region", code: "VR09" });
    await expectFiguresOf({
      from: "2026-09-01",
      to: "2026-10-01",
      level: "gemeente",
      code: "GM0344",
    });
    const [location] = await query<{ id: number }>(
      t.db,
      sql`select id from location where gemeente_code = 'GM0344' order by id limit 1`,
    );
    const one = await expectFiguresOf({
      from: "2026-09-01",
      to: "2026-10-01",
      level: "location",
      code: String(location!.id),
    });
    expect(one.points.every((p) => p.registered === null && p.poo === null)).toBe(true);
    // A change not yet rebuilt: Utrecht's facts come from the ledger, the rest kept.
    await t.db.execute(
      sql`update location_capacity set places = places + 11 where location_id = ${location!.id}`,
    );
    const changed = await expectFiguresOf({ from: "2026-08-03", to: "2026-10-28" });
    expect(changed.points.at(-1)!.realised).toBe(nation.points.at(-1)!.realised + 11);
    await expectFiguresOf({ from: "2026-09-01", to: "2026-10-01", level: "region", code: "VR09" });
  }, 300_000);

  it("refuses bad input by field and other roles", async () => {
    const cases: [string, string, string][] = [
      ["from=2026-10-01&to=2026-01-01", "from", "from_after_to"],
      ["from=2020-01-01&to=2026-01-01", "to", "range_too_long"],
      ["from=2026-13-01", "from", "date_nonexistent"],
      ["level=region", "code", "required"],
      ["level=planet&code=1", "level", ""],
      ["colour=red", "colour", "unknown_field"],
    ];
    for (const [query, path, code] of cases) {
      const res = await get<{ error: { issues: { path: string; code: string }[] } }>(
        coordinator,
        `/national/series?${query}`,
      );
      expect(res.status, query).toBe(400);
      expect(res.body.error.issues[0], query).toMatchObject(code ? { path, code } : { path });
    }
    const notFound = await get(coordinator, "/national/series?level=region&code=VR99");
    expect(notFound.status).toBe(404);
    await insertTestUser(t.database, "series-caseworker", "caseworker", "GM0344");
    const caseworker = await signIn(t.app, "series-caseworker");
    expect((await get(caseworker, "/national/series")).status).toBe(403);
  });
});
