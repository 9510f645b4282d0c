/**
 * The funding claim through HTTP on a small dataset built by hand, with every expected
 * amount computed here in cents (norms from law/booo: GOO 100.00 → 83.00 on 2022-10-15 →
 * 61.00 on 2024-01-01 → 44.00 on 2025-01-01; POO 210.00 → 92.00 → 48.00; from 2025 hotels,
 * ships and catering outside the base rate).
 *
 * Utrecht (GM0344):
 * - Sporthal (emergency_hall): realised from 2022-09-01; 100 places, 120 from 2025-01-01;
 *   no catering until 2025-01-15, catering from 2025-01-16.
 * - Hotel Karel V (hotel): planned 2023-01-01 – 2023-12-19, realised 2023-12-20 –
 *   2025-01-20, closed from 2025-01-21; 40 places; no catering recorded.
 * - Flexwoningen (flex_homes): realised from 2024-06-01, 10 places, no catering.
 * - POO: P1 from 2022-10-01 (open), P2 2024-01-10 – 2024-02-05, P3 2025-01-01 – 2025-01-15.
 * Amsterdam (GM0363): Boot IJ (ship) realised from 2022-05-01, 200 places, catering; POO:
 * P4 from 2022-05-01 (open).
 */
import { OpenAPIHono } from "@hono/zod-openapi";
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
import type { AppEnv } from "../../http/context";
import { onError } from "../../http/errors";
import { sessionMiddleware } from "../../http/session";
import { fundingRoutes } from "./funding.routes";
import { CLAIM_CSV_COLUMNS } from "./funding.service";

/**
 * The real app with the funding routes beside it (its session and error handling), so the
 * test does not depend on src/http/app.ts mounting them.
 */
async function initFundingTestApp() {
  const t = await initTestApp();
  const funding = new OpenAPIHono<AppEnv>();
  funding.onError(onError);
  funding.use("/api/*", sessionMiddleware(t.db));
  funding.route("/api/v1", fundingRoutes(t.db));
  const ours = (path: string) => /^\/api\/v1\/(funding\/|national\/funding)/.test(path);
  const app = {
    request: async (path: string, init?: RequestInit) =>
      ours(path) ? funding.request(path, init) : t.app.request(path, init),
  };
  return { ...t, app };
}

type Totals = {
  notPublishedPlaceDays?: number;
  gooPlaceDays: number;
  gooCents: number;
  outsideBaseRatePlaceDays: number;
  pooPersonDays: number;
  pooCents: number;
  totalCents: number;
};
type Line = {
  from: string;
  to: string;
  placeDays: number;
  amountCents: number;
  outsideBaseRatePlaceDays: number;
  outsideBaseRateReasons: string[];
};
type Claim = {
  gemeenteCode: string;
  from: string;
  to: string;
  totals: Totals;
  periods: (Totals & { from: string; to: string; gooPerPlacePerDayCents: number })[];
  locations: {
    locationId: number;
    name: string;
    kind: string;
    placeDays: number;
    amountCents: number;
    outsideBaseRatePlaceDays: number;
    lines: Line[];
  }[];
  poo: { month: string; personDays: number; daysInMonth: number; amountCents: number }[];
};
type ErrorBody = { error: { code: string; issues?: { path: string; code: string }[] } };

describe(`funding claim on a hand-built dataset (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initFundingTestApp>>;
  let finance: Client;
  let admin: Client;
  let coordinator: Client;
  let caseworker: Client;
  const ids: Record<string, number> = {};

  const one = async (q: ReturnType<typeof sql>) => (await query<{ id: number }>(t.db, q))[0]!.id;

  async function addLocation(
    gemeente: string,
    name: string,
    kind: string,
    statuses: [string, string, string | null][],
    capacities: [number, string, string | null][],
    caterings: [boolean, string, string | null][],
  ) {
    const id = await one(
      sql`insert into location (gemeente_code, name, kind) values (${gemeente}, ${name}, ${kind}) returning id`,
    );
    for (const [status, from, to] of statuses) {
      await t.db.execute(
        sql`insert into location_status (location_id, status, valid_from, valid_to) values (${id}, ${status}, ${from}, ${to})`,
      );
    }
    for (const [places, from, to] of capacities) {
      await t.db.execute(
        sql`insert into location_capacity (location_id, places, valid_from, valid_to) values (${id}, ${places}, ${from}, ${to})`,
      );
    }
    for (const [catering, from, to] of caterings) {
      await t.db.execute(
        sql`insert into location_catering (location_id, catering, valid_from, valid_to) values (${id}, ${catering}, ${from}, ${to})`,
      );
    }
    return id;
  }

  async function addPoo(gemeente: string, name: string, from: string, to: string | null) {
    const person = await one(
      sql`insert into person (gemeente_code, family_name, given_names, birth_date)
          values (${gemeente}, ${name}, 'Olena', '1980-01-01') returning id`,
    );
    await t.db.execute(
      sql`insert into placement (person_id, kind, street, house_number, postcode, city, host_name, gemeente_code, valid_from, valid_to)
          values (${person}, 'poo', 'Biltstraat', '5', '3572 AB', 'Utrecht', 'De Vries', ${gemeente}, ${from}, ${to})`,
    );
    return person;
  }

  beforeAll(async () => {
    t = await initFundingTestApp();
    await insertTestGemeenten(t.database);
    ids.hall = await addLocation(
      "GM0344",
      "Sporthal",
      "emergency_hall",
      [["realised", "2022-09-01", null]],
      [
        [100, "2022-09-01", "2024-12-31"],
        [120, "2025-01-01", null],
      ],
      [
        [false, "2022-09-01", "2025-01-15"],
        [true, "2025-01-16", null],
      ],
    );
    ids.hotel = await addLocation(
      "GM0344",
      "Hotel Karel V",
      "hotel",
      [
        ["planned", "2023-01-01", "2023-12-19"],
        ["realised", "2023-12-20", "2025-01-20"],
        ["closed", "2025-01-21", null],
      ],
      [[40, "2023-01-01", null]],
      [],
    );
    ids.flex = await addLocation(
      "GM0344",
      "Flexwoningen",
      "flex_homes",
      [["realised", "2024-06-01", null]],
      [[10, "2024-06-01", null]],
      [[false, "2024-06-01", null]],
    );
    ids.ship = await addLocation(
      "GM0363",
      "Boot IJ",
      "ship",
      [["realised", "2022-05-01", null]],
      [[200, "2022-05-01", null]],
      [[true, "2022-05-01", null]],
    );
    const p3 = await addPoo("GM0344", "Melnyk", "2025-01-01", "2025-01-15");
    await addPoo("GM0344", "Bondar", "2022-10-01", null);
    await addPoo("GM0344", "Kovalenko", "2024-01-10", "2024-02-05");
    await addPoo("GM0363", "Shevchenko", "2022-05-01", null);
    // P3 moves into the Sporthal: a GOO placement counts no POO day (and no place-day: the
    // claim funds realised places, not occupied ones).
    await t.db.execute(
      sql`insert into placement (person_id, kind, location_id, gemeente_code, valid_from)
          values (${p3}, 'goo', ${ids.hall}, 'GM0344', '2025-01-16')`,
    );
    await insertTestUser(t.database, "fin-utrecht", "finance_officer", "GM0344");
    await insertTestUser(t.database, "admin-utrecht", "municipal_admin", "GM0344");
    await insertTestUser(t.database, "cw-utrecht", "caseworker", "GM0344");
    await insertTestUser(t.database, "coordinator", "national_coordinator", null);
    finance = await signIn(t.app, "fin-utrecht");
    admin = await signIn(t.app, "admin-utrecht");
    caseworker = await signIn(t.app, "cw-utrecht");
    coordinator = await signIn(t.app, "coordinator");
  });
  afterAll(() => t.database.destroy());

  const claim = async (from: string, to: string, client = finance) => {
    const res = await client.json<Claim>("GET", `/api/v1/funding/claim?from=${from}&to=${to}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const location = (c: Claim, id: number) => c.locations.find((l) => l.locationId === id);

  it("October 2022: 100 places at 100.00 to the 14th and at 83.00 from the 15th, one POO person", async () => {
    const c = await claim("2022-10-01", "2022-10-31");
    const hall = location(c, ids.hall!)!;
    // 14 × 100 × 10,000 = 14,000,000; 17 × 100 × 8,300 = 14,110,000
    expect(hall.lines.map((l) => [l.from, l.to, l.placeDays, l.amountCents])).toEqual([
      ["2022-10-01", "2022-10-14", 1400, 14_000_000],
      ["2022-10-15", "2022-10-31", 1700, 14_110_000],
    ]);
    // The hotel was not yet realised; the ship is Amsterdam's.
    expect(c.locations.map((l) => l.locationId)).toEqual([ids.hall]);
    // 31 person-days × 21,000 ÷ 31 = 21,000
    expect(c.poo).toMatchObject([{ month: "2022-10", personDays: 31, amountCents: 21_000 }]);
    expect(c.totals).toMatchObject({
      gooPlaceDays: 3100,
      gooCents: 28_110_000,
      outsideBaseRatePlaceDays: 0,
      pooPersonDays: 31,
      pooCents: 21_000,
      totalCents: 28_131_000,
    });
  });

  it("December 2023 to January 2025: the norms of 2024 and 2025 and the exclusions from 2025", async () => {
    const c = await claim("2023-12-01", "2025-01-31");
    const lines = (id: number) =>
      location(c, id)!.lines.map((l) => [
        l.from,
        l.placeDays,
        l.amountCents,
        l.outsideBaseRatePlaceDays,
        l.outsideBaseRateReasons,
      ]);
    // Sporthal: 31 × 100 × 8,300; 366 × 100 × 6,100 (2024 is a leap year);
    // January 2025: 15 × 120 × 4,400 in the base rate, 16 × 120 = 1,920 outside (catering).
    expect(lines(ids.hall!)).toEqual([
      ["2023-12-01", 3100, 25_730_000, 0, []],
      ["2024-01-01", 36_600, 223_260_000, 0, []],
      ["2025-01-01", 1800, 7_920_000, 1920, ["catering"]],
    ]);
    // Hotel: realised from 20 December 2023 (12 days × 40 × 8,300), 2024 (366 × 40 × 6,100),
    // January 2025 until it closed on the 21st: 20 × 40 = 800 outside (a hotel).
    expect(lines(ids.hotel!)).toEqual([
      ["2023-12-01", 480, 3_984_000, 0, []],
      ["2024-01-01", 14_640, 89_304_000, 0, []],
      ["2025-01-01", 0, 0, 800, ["location_kind"]],
    ]);
    // Flex homes from 1 June 2024: 214 × 10 × 6,100; 31 × 10 × 4,400.
    expect(lines(ids.flex!)).toEqual([
      ["2024-01-01", 2140, 13_054_000, 0, []],
      ["2025-01-01", 310, 1_364_000, 0, []],
    ]);
    // POO: Dec 2023 31 × 21,000 ÷ 31 = 21,000; Jan 2024 (31 + 22) × 9,200 ÷ 31 = 15,729.03
    // → 15,729; Feb 2024 (29 + 5) × 9,200 ÷ 29 = 10,786.21 → 10,786; March to December
    // 9,200 each; Jan 2025 (31 + 15) × 4,800 ÷ 31 = 7,122.58 → 7,123.
    expect(c.poo.map((m) => [m.month, m.personDays, m.amountCents])).toEqual([
      ["2023-12", 31, 21_000],
      ["2024-01", 53, 15_729],
      ["2024-02", 34, 10_786],
      ...["03", "04", "05", "06", "07", "08", "09", "10", "11", "12"].map((m) => [
        `2024-${m}`,
        Number(m) === 2 ? 29 : [4, 6, 9, 11].includes(Number(m)) ? 30 : 31,
        9_200,
      ]),
      ["2025-01", 46, 7_123],
    ]);
    // GOO: 25,730,000 + 223,260,000 + 7,920,000 + 3,984,000 + 89,304,000 + 13,054,000
    // + 1,364,000 = 364,616,000; POO: 21,000 + 15,729 + 10,786 + 92,000 + 7,123 = 146,638.
    expect(c.totals).toMatchObject({
      gooPlaceDays: 3100 + 36_600 + 1800 + 480 + 14_640 + 2140 + 310,
      gooCents: 364_616_000,
      outsideBaseRatePlaceDays: 1920 + 800,
      pooPersonDays: 31 + 53 + 34 + 306 + 46,
      pooCents: 146_638,
      totalCents: 364_762_638,
    });
    // The periods add up to the totals.
    expect(c.periods.map((p) => [p.from, p.to, p.gooPerPlacePerDayCents])).toEqual([
      ["2023-12-01", "2023-12-31", 8300],
      ["2024-01-01", "2024-12-31", 6100],
      ["2025-01-01", "2025-01-31", 4400],
    ]);
    expect(c.periods.reduce((s, p) => s + p.gooCents, 0)).toBe(c.totals.gooCents);
    expect(c.periods.reduce((s, p) => s + p.pooPersonDays, 0)).toBe(c.totals.pooPersonDays);
    // The municipal admin reads the same claim.
    expect((await claim("2023-12-01", "2025-01-31", admin)).totals).toEqual(c.totals);
  });

  it("the day-by-day drill-down of a location adds up to its lines", async () => {
    const res = await finance.json<{
      location: { id: number; kind: string };
      totals: { placeDays: number; amountCents: number; outsideBaseRatePlaceDays: number };
      days: {
        date: string;
        realisedPlaces: number;
        catering: boolean;
        amountCents: number | null;
        outsideBaseRateReason: string | null;
      }[];
    }>("GET", `/api/v1/funding/claim/locations/${ids.hall}/days?from=2025-01-10&to=2025-01-20`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { days, totals } = res.body;
    expect(days).toHaveLength(11);
    expect(days[0]).toMatchObject({
      date: "2025-01-10",
      realisedPlaces: 120,
      catering: false,
      amountCents: 528_000,
    });
    expect(days[6]).toMatchObject({
      date: "2025-01-16",
      realisedPlaces: 120,
      catering: true,
      amountCents: null,
      outsideBaseRateReason: "catering",
    });
    // 6 × 120 × 4,400 = 3,168,000; 5 × 120 = 600 place-days outside.
    expect(totals).toMatchObject({
      placeDays: 720,
      amountCents: 3_168_000,
      outsideBaseRatePlaceDays: 600,
    });
    expect(days.reduce((s, d) => s + (d.amountCents ?? 0), 0)).toBe(totals.amountCents);
    // Over a longer period the location's days sum to its line in the claim.
    const long = await finance.json<{ days: { amountCents: number | null }[] }>(
      "GET",
      `/api/v1/funding/claim/locations/${ids.hotel}/days?from=2023-12-01&to=2025-01-31`,
    );
    const c = await claim("2023-12-01", "2025-01-31");
    expect(long.body.days.reduce((s, d) => s + (d.amountCents ?? 0), 0)).toBe(
      location(c, ids.hotel!)!.amountCents,
    );
  });

  it("security: another municipality's location answers 404, as one that does not exist", async () => {
    for (const id of [ids.ship, 999_999]) {
      const res = await finance.json<ErrorBody>(
        "GET",
        `/api/v1/funding/claim/locations/${id}/days?from=2025-01-01&to=2025-01-31`,
      );
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
  });

  it("the CSV holds a line per location and norm period and per POO month, adding up to the total", async () => {
    const res = await finance.request("/api/v1/funding/claim.csv?from=2023-12-01&to=2025-01-31");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="opvang-funding-claim-GM0344-2023-12-01-2025-01-31.csv"',
    );
    const text = await res.text();
    expect(text.endsWith("\r\n")).toBe(true);
    const [header, ...rows] = text.trimEnd().split("\r\n");
    expect(header).toBe(CLAIM_CSV_COLUMNS.join(","));
    const cells = rows.map((r) => r.split(","));
    const col = (name: string) => CLAIM_CSV_COLUMNS.indexOf(name as never);
    // Sporthal 3 goo + 1 outside, hotel 2 goo + 1 outside, flex homes 2 goo, 14 POO months.
    expect(cells.filter((c) => c[0] === "goo")).toHaveLength(7);
    expect(cells.filter((c) => c[0] === "goo_outside_base_rate")).toHaveLength(2);
    expect(cells.filter((c) => c[0] === "poo")).toHaveLength(14);
    const cents = cells
      .map((c) => c[col("amount")]!)
      .filter((a) => a !== "")
      .reduce((s, a) => s + Math.round(Number(a) * 100), 0);
    expect(cents).toBe(364_762_638);
    expect(rows).toContain(
      `goo,booo,GM0344,${ids.hall},Sporthal,emergency_hall,,2025-01-01,2025-01-31,1800,,,44.00,79200.00,,`,
    );
    expect(rows).toContain(
      `goo_outside_base_rate,booo,GM0344,${ids.hotel},Hotel Karel V,hotel,,2025-01-01,2025-01-31,800,,,,,location_kind,`,
    );
    expect(rows).toContain(
      "poo,booo,GM0344,,,,2024-02,2024-02-01,2024-02-29,,34,29,92.00,107.86,,",
    );
  });

  it("the national cost of 2025 per municipality and in total (aggregates only)", async () => {
    const res = await coordinator.json<{
      year: number;
      from: string;
      to: string;
      gemeenten: (Totals & { code: string; name: string })[];
      total: Totals;
      periods: { from: string; gooCents: number }[];
    }>("GET", "/api/v1/national/funding?year=2025");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const n = res.body;
    expect([n.year, n.from, n.to]).toEqual([2025, "2025-01-01", "2025-12-31"]);
    // Utrecht: Sporthal 15 × 120 × 4,400 = 7,920,000 and 350 × 120 = 42,000 outside; hotel
    // 20 × 40 = 800 outside; flex homes 365 × 10 × 4,400 = 16,060,000; POO January 7,123,
    // then 11 × 4,800 = 52,800.
    const utrecht = n.gemeenten.find((g) => g.code === "GM0344")!;
    expect(utrecht).toMatchObject({
      code: "GM0344",
      name: "Utrecht",
      gooPlaceDays: 1800 + 3650,
      gooCents: 23_980_000,
      outsideBaseRatePlaceDays: 42_000 + 800,
      pooPersonDays: 46 + 334,
      pooCents: 59_923,
      totalCents: 24_039_923,
    });
    // Amsterdam: the ship's 365 × 200 = 73,000 place-days outside; POO 12 × 4,800.
    const amsterdam = n.gemeenten.find((g) => g.code === "GM0363")!;
    expect(amsterdam).toMatchObject({
      gooCents: 0,
      outsideBaseRatePlaceDays: 73_000,
      pooCents: 57_600,
      totalCents: 57_600,
    });
    expect(n.total.totalCents).toBe(24_039_923 + 57_600);
    // The municipality's own claim over the year is the same.
    expect((await claim("2025-01-01", "2025-12-31")).totals).toEqual(
      Object.fromEntries(Object.entries(utrecht).filter(([k]) => k !== "code" && k !== "name")),
    );
    // No person data: no name of a displaced person anywhere in the answers.
    const all = JSON.stringify(n) + JSON.stringify(await claim("2022-10-01", "2025-01-31"));
    for (const name of ["Melnyk", "Bondar", "Kovalenko", "Shevchenko", "Biltstraat", "De Vries"]) {
      expect(all).not.toContain(name);
    }
  });

  it("2022 starts on 1 March, when the first norm applies", async () => {
    const res = await coordinator.json<{ from: string; total: Totals }>(
      "GET",
      "/api/v1/national/funding?year=2022",
    );
    expect(res.status).toBe(200);
    expect(res.body.from).toBe("2022-03-01");
    // The ship from 1 May: 245 days × 200 × 10,000 (to 14 October: 167 days) and 8,300.
    // 1 May – 14 Oct: 31 + 30 + 31 + 31 + 30 + 14 = 167; 15 Oct – 31 Dec: 17 + 30 + 31 = 78.
    const ship = 167 * 200 * 10_000 + 78 * 200 * 8_300;
    // Sporthal from 1 September: 30 + 14 = 44 days × 100 × 10,000; 78 × 100 × 8,300.
    const hall = 44 * 100 * 10_000 + 78 * 100 * 8_300;
    expect(res.body.total.gooCents).toBe(ship + hall);
  });

  describe("bad input answers 400 naming the field", () => {
    const bad = async (path: string, client = finance) => {
      const res = await client.json<ErrorBody>("GET", path);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      return res.body.error.issues?.[0];
    };
    it.each([
      ["from after to", "from=2024-02-01&to=2024-01-31", "from", "from_after_to"],
      ["a date that does not exist", "from=2024-02-30&to=2024-03-31", "from", "date_nonexistent"],
      ["a date not as YYYY-MM-DD", "from=2024-01-01&to=2024-3-1", "to", "date_format"],
      ["a month instead of a date", "from=2024-01&to=2024-03-31", "from", "date_format"],
      ["a period of three years", "from=2022-03-01&to=2025-03-01", "to", "range_too_long"],
      ["a period before the first norm", "from=2022-02-28&to=2022-03-31", "from", "before_funding"],
      ["to missing", "from=2024-01-01", "to", "invalid_type"],
      [
        "an unknown field",
        "from=2024-01-01&to=2024-01-31&gemeente=GM0363",
        "gemeente",
        "unknown_field",
      ],
    ])("%s", async (_, q, path, code) => {
      for (const route of ["claim", "claim.csv", `claim/locations/${ids.hall}/days`]) {
        expect(await bad(`/api/v1/funding/${route}?${q}`)).toMatchObject({ path, code });
      }
    });

    it("a period far ahead is checked by the calendar, not by its text", async () => {
      const c = await claim("9999-01-01", "9999-01-31");
      // Under the doelgroepflexibele opvangregeling: counted, its amounts not published.
      expect(c.totals.notPublishedPlaceDays).toBeGreaterThan(0);
      expect(c.totals.totalCents).toBe(0);
    });

    it("three years less a day is allowed", async () => {
      const c = await claim("2022-03-01", "2025-02-28");
      expect(c.periods.at(-1)!.to).toBe("2025-02-28");
    });

    it("the national year: a year before 2022, not a year, an unknown field", async () => {
      expect(await bad("/api/v1/national/funding?year=2021", coordinator)).toMatchObject({
        path: "year",
        code: "year_out_of_range",
      });
      expect(await bad("/api/v1/national/funding?year=25", coordinator)).toMatchObject({
        path: "year",
        code: "year_format",
      });
      expect(await bad("/api/v1/national/funding?year=2025&on=x", coordinator)).toMatchObject({
        path: "on",
        code: "unknown_field",
      });
    });
  });

  it("access: finance officer and municipal admin for the claim, the coordinator for the nation", async () => {
    const q = "from=2024-01-01&to=2024-01-31";
    for (const path of [
      `/api/v1/funding/claim?${q}`,
      `/api/v1/funding/claim.csv?${q}`,
      `/api/v1/funding/claim/locations/${ids.hall}/days?${q}`,
    ]) {
      expect((await caseworker.request(path)).status, path).toBe(403);
      expect((await coordinator.request(path)).status, path).toBe(403);
      expect((await t.app.request(path)).status, path).toBe(401);
    }
    // As the route walk calls them, without a query: the access check comes first.
    for (const path of ["/api/v1/funding/claim", `/api/v1/funding/claim/locations/999999/days`]) {
      expect((await t.app.request(path)).status, path).toBe(401);
      expect((await caseworker.request(path)).status, path).toBe(403);
      expect((await finance.request(path)).status, path).toBe(400);
    }
    expect((await t.app.request("/api/v1/national/funding")).status).toBe(401);
    expect((await coordinator.request("/api/v1/national/funding")).status).toBe(400);
    expect((await finance.request("/api/v1/national/funding?year=2025")).status).toBe(403);
    expect((await admin.request("/api/v1/national/funding?year=2025")).status).toBe(403);
  });
});
