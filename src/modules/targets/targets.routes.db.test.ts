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
import { generateDemo } from "../../db/demo/generate";
import { todayNl } from "../../domain/dates";
import { equalShares } from "../../domain/shares";

type Err = { error: { code: string; issues?: { path: string; code: string }[] } };
type Progress = {
  code: string;
  target: number | null;
  realised: number;
  pipelineByDeadline: number;
  pipelineLater: number;
  expected: { date: string; places: number }[];
  gap: number | null;
};

describe(`targets of places (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let coordinator: Client;
  let caseworker: Client;

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    await insertTestUser(t.database, "coordinator", "national_coordinator", null);
    await insertTestUser(t.database, "cw-utr", "caseworker", "GM0344");
    coordinator = await signIn(t.app, "coordinator");
    caseworker = await signIn(t.app, "cw-utr");
    const one = async (q: ReturnType<typeof sql>) => (await query<{ id: number }>(t.db, q))[0]!.id;
    // Utrecht (VR09): 40 realised places; a location realised in June 2027 with 100 places,
    // and one in 2028 with 30. Amsterdam (VR13): 25 realised places.
    const place = async (
      gemeente: string,
      places: number,
      realisedFrom: string,
      plannedFrom?: string,
    ) => {
      const id = await one(
        sql`insert into location (gemeente_code, name, kind) values (${gemeente}, 'Flexwoningen', 'flex_homes') returning id`,
      );
      await t.db.execute(
        sql`insert into location_capacity (location_id, places, valid_from) values (${id}, ${places}, ${plannedFrom ?? realisedFrom})`,
      );
      if (plannedFrom)
        await t.db.execute(
          sql`insert into location_status (location_id, status, valid_from, valid_to) values (${id}, 'planned', ${plannedFrom}, ${realisedFrom}::date - 1)`,
        );
      await t.db.execute(
        sql`insert into location_status (location_id, status, valid_from) values (${id}, 'realised', ${realisedFrom})`,
      );
    };
    await place("GM0344", 40, "2024-01-01");
    await place("GM0344", 100, "2027-06-01", "2026-01-01");
    await place("GM0344", 30, "2028-03-01", "2026-01-01");
    await place("GM0363", 25, "2024-01-01");
  });
  afterAll(() => t.database.destroy());

  it("splits equally in whole places, the rest to the first regions in code order", () => {
    expect([
      ...equalShares(
        50_000,
        Array.from({ length: 25 }, (_, i) => `VR${String(i + 1).padStart(2, "0")}`),
      ).values(),
    ]).toEqual(Array(25).fill(2000));
    expect(Object.fromEntries(equalShares(7, ["VR13", "VR09", "VR01"]))).toEqual({
      VR01: 3,
      VR09: 2,
      VR13: 2,
    });
  });

  it("refuses a target that does not add up or cannot be, naming the field; nothing is stored", async () => {
    const post = (body: unknown) => coordinator.json<Err>("POST", "/api/v1/national/targets", body);
    const cases: [unknown, string, string | null][] = [
      [
        { places: 100, deadline: "2027-12-31", split: "by_hand", regions: { VR09: 50 } },
        "regions.VR13",
        "region_missing",
      ],
      [
        { places: 100, deadline: "2027-12-31", split: "by_hand", regions: { VR09: 50, VR13: 40 } },
        "regions",
        "regions_sum",
      ],
      [
        {
          places: 100,
          deadline: "2027-12-31",
          split: "by_hand",
          regions: { VR09: 50, VR13: 40, VR99: 10 },
        },
        "regions.VR99",
        "region_unknown",
      ],
      [
        { places: 100, deadline: "2027-12-31", split: "equal", regions: { VR09: 50, VR13: 50 } },
        "regions",
        "regions_with_equal_split",
      ],
      [
        { places: 100, deadline: "2022-01-01", setOn: "2022-03-15", split: "equal" },
        "deadline",
        "before_set_on",
      ],
      [
        { places: 100, deadline: "2099-01-01", setOn: "2098-01-01", split: "equal" },
        "setOn",
        "date_in_future",
      ],
      [{ places: 100, deadline: "2027-02-30", split: "equal" }, "deadline", null],
      [{ places: 0, deadline: "2027-12-31", split: "equal" }, "places", null],
      [{ places: 100, deadline: "2027-12-31", split: "population" }, "split", null],
      [{ places: 100, deadline: "2027-12-31", split: "equal", region: "VR09" }, "region", null],
    ];
    for (const [body, path, code] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const issue = res.body.error.issues?.find((i) => i.path === path);
      expect(issue, JSON.stringify(res.body)).toBeDefined();
      if (code) expect(issue!.code).toBe(code);
    }
    const [n] = await query<{ n: number }>(t.db, sql`select count(*)::int as n from place_target`);
    expect(n!.n).toBe(0);
    expect(
      (
        await caseworker.json("POST", "/api/v1/national/targets", {
          places: 1,
          deadline: "2027-12-31",
          split: "equal",
        })
      ).status,
    ).toBe(403);
  });

  it("keeps the history: each target in force from the day it was set, the same day twice refused", async () => {
    const first = await coordinator.json<{ regions: { code: string; places: number }[] }>(
      "POST",
      "/api/v1/national/targets",
      {
        places: 4_001,
        deadline: "2022-12-31",
        setOn: "2022-03-15",
        split: "equal",
        note: "2,000 per region",
      },
    );
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.regions).toEqual([
      { code: "VR09", places: 2_001 },
      { code: "VR13", places: 2_000 },
    ]);
    const second = await coordinator.json("POST", "/api/v1/national/targets", {
      places: 400,
      deadline: "2027-12-31",
      setOn: "2024-02-01",
      split: "by_hand",
      regions: { VR09: 300, VR13: 100 },
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const again = await coordinator.json<Err>("POST", "/api/v1/national/targets", {
      places: 10,
      deadline: "2027-12-31",
      setOn: "2024-02-01",
      split: "equal",
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("target_exists");
    const list = await coordinator.json<{ targets: { setOn: string; setBy: string | null }[] }>(
      "GET",
      "/api/v1/national/targets",
    );
    expect(list.body.targets.map((x) => x.setOn)).toEqual(["2024-02-01", "2022-03-15"]);
    expect(list.body.targets[0]!.setBy).not.toBeNull();
    const early = await coordinator.json<{ target: { places: number } | null }>(
      "GET",
      "/api/v1/national/targets/progress?on=2023-01-01",
    );
    expect(early.body.target?.places).toBe(4_001);
    const before = await coordinator.json<{ target: unknown; nation: Progress }>(
      "GET",
      "/api/v1/national/targets/progress?on=2022-01-01",
    );
    expect(before.body.target).toBeNull();
    expect(before.body.nation.gap).toBeNull();
  });

  it("shows realised against target with the pipeline by the deadline and after it", async () => {
    const res = await coordinator.json<{ nation: Progress; regions: Progress[] }>(
      "GET",
      `/api/v1/national/targets/progress?on=${todayNl()}`,
    );
    expect(res.status).toBe(200);
    const utrecht = res.body.regions.find((r) => r.code === "VR09")!;
    expect(utrecht).toMatchObject({
      target: 300,
      realised: 40,
      pipelineByDeadline: 100,
      pipelineLater: 30,
      expected: [
        { date: "2027-06-01", places: 100 },
        { date: "2028-03-01", places: 30 },
      ],
      gap: 160,
    });
    const amsterdam = res.body.regions.find((r) => r.code === "VR13")!;
    expect(amsterdam).toMatchObject({ target: 100, realised: 25, pipelineByDeadline: 0, gap: 75 });
    expect(res.body.nation).toMatchObject({
      target: 400,
      realised: 65,
      pipelineByDeadline: 100,
      gap: 235,
    });
    // A municipality sees its own region and the nation.
    const own = await caseworker.json<{ region: Progress; nation: Progress }>(
      "GET",
      "/api/v1/targets/progress",
    );
    expect(own.status).toBe(200);
    expect(own.body.region).toEqual(utrecht);
    expect(own.body.nation.gap).toBe(235);
    expect((await coordinator.json("GET", "/api/v1/targets/progress")).status).toBe(403);
  });

  it("the database keeps a target as it was set and its regions adding up", async () => {
    await expect(t.db.execute(sql`update place_target set places = 1`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from place_target_region`)).rejects.toThrow();
    await expect(
      t.db.transaction(async (tx) => {
        const [r] = await query<{ id: number }>(
          tx,
          sql`insert into place_target (places, deadline, set_on, split) values (10, '2026-01-01', '2025-01-01', 'equal') returning id`,
        );
        await tx.execute(
          sql`insert into place_target_region (target_id, veiligheidsregio_code, places) values (${r!.id}, 'VR09', 9)`,
        );
      }),
    ).rejects.toThrow();
  });

  it("the demo's history: the four national targets as they were set, 2,000 per region first", async () => {
    const demo = await initTestApp();
    try {
      await generateDemo(demo.db, { scale: "demo", seed: 1 });
      await insertTestUser(demo.database, "demo-coordinator", "national_coordinator", null);
      const c = await signIn(demo.app, "demo-coordinator");
      const res = await c.json<{
        targets: { places: number; deadline: string; regions: { places: number }[] }[];
      }>("GET", "/api/v1/national/targets");
      expect(res.body.targets.map((x) => [x.places, x.deadline])).toEqual([
        [97_000, "2024-02-01"],
        [90_000, "2023-07-01"],
        [75_000, "2022-06-23"],
        [50_000, "2022-04-25"],
      ]);
      expect(res.body.targets[3]!.regions.every((r) => r.places === 2_000)).toBe(true);
      expect(res.body.targets[3]!.regions).toHaveLength(25);
    } finally {
      await demo.database.destroy();
    }
  }, 240_000);
});
