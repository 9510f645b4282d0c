/**
 * The history scale against the published series (docs/forecast.md, "The history"): every
 * row of ../shared/data/nl_ukraine_reception_timeseries.csv with a number is checked
 * against the app's own figures (GET /national/figures and /national/flows as the national
 * coordinator), on the day timeseries.ts reads the row on, with its tolerance: 0.5% for a
 * count dated to the day, 3% for a count dated approximately or given rounded; the
 * bezettingsgraad to its published decimal on a row dated to the day. Then the letter's
 * paragraph of 26 January 2024.
 *
 * On PostgreSQL (TEST_DATABASE_URL) the whole nation is built (about 210,000 persons, a few
 * minutes). On PGlite a tenth of it (HISTORY_TEST_FRACTION to choose): the same curves and
 * rates with a tenth of the counts, which PGlite builds in well under a minute; the nation
 * on PGlite takes longer than CI allows. The paragraph's exact text is checked on the
 * whole nation only.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, initTestApp, insertTestUser, signIn } from "../../../test/app";
import { testEngine } from "../../../test/db";
import { figuresParagraph } from "../../modules/national";
import { query } from "../connection";
import { generateDemo } from "./generate";
import {
  occupancyRate,
  readTimeseries,
  type SeriesRow,
  TOLERANCE,
  toleranceOf,
} from "./timeseries";

const FRACTION = Number(
  process.env.HISTORY_TEST_FRACTION ?? (testEngine === "postgresql" ? "1" : "0.1"),
);
const WHOLE = FRACTION === 1;
const rows = readTimeseries();
const scaled = (n: number) => Math.round(n * FRACTION);

type Figures = {
  total: {
    registered: { ukrainian: number; otherNationalities: number; total: number };
    places: { realisedPlaces: number; occupied: number; free: number; bezettingsgraad: number };
  };
};
type Flows = {
  weeks: { week: string; netInflowAverage3w: number }[];
  totals: { deregistrations: number };
};

/** |actual − expected| within `tolerance` of expected, with the numbers in the message. */
function expectNear(actual: number, expected: number, tolerance: number, what: string) {
  const off = Math.abs(actual - expected);
  expect(
    off <= tolerance * Math.abs(expected) + 1e-9,
    `${what}: ${actual} against ${expected} (±${(tolerance * 100).toFixed(1)}%)`,
  ).toBe(true);
}

const label = (r: SeriesRow) => `row ${r.line}: ${r.date} (${r.source.slice(0, 50)})`;

describe(`the history scale follows the published series (${testEngine}, ${FRACTION === 1 ? "the nation" : `${FRACTION} of it`})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let coordinator: Client;
  const cache = new Map<string, Promise<unknown>>();

  const get = <T>(path: string): Promise<T> => {
    let p = cache.get(path);
    if (!p) {
      p = coordinator.json<T>("GET", `/api/v1${path}`).then((res) => {
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return res.body;
      });
      cache.set(path, p);
    }
    return p as Promise<T>;
  };
  const figures = (on: string) => get<Figures>(`/national/figures?on=${on}`);

  beforeAll(async () => {
    t = await initTestApp();
    const started = performance.now();
    await generateDemo(t.db, { scale: "history", seed: 1, historyFraction: FRACTION });
    console.log(
      `history seed (${testEngine}, ${FRACTION}): ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    await insertTestUser(t.database, "history-coordinator", "national_coordinator", null);
    coordinator = await signIn(t.app, "history-coordinator");
  }, 900_000);
  afterAll(() => t?.database.destroy());

  it("reads all 30 rows, each with something to check", () => {
    expect(rows).toHaveLength(30);
    for (const r of rows) {
      const numbers = [r.registered, r.realised, r.occupied, r.occupancy, r.free, r.weeklyInflow];
      expect(
        numbers.some((n) => n !== null),
        label(r),
      ).toBe(true);
    }
  });

  for (const r of rows) {
    it(`${label(r)} read on ${r.on}`, async () => {
      if (r.registered) {
        const f = await figures(r.registered.on);
        const actual =
          r.registered.measure === "total"
            ? f.total.registered.total
            : f.total.registered.ukrainian;
        expectNear(
          actual,
          scaled(r.registered.value),
          toleranceOf(r, "registered"),
          `registered (${r.registered.measure}) on ${r.registered.on}`,
        );
      }
      const f = await figures(r.on);
      const places = f.total.places;
      // No location over its capacity: free places are realised minus occupied.
      expect(places.free).toBe(places.realisedPlaces - places.occupied);
      if (r.realised !== null) {
        expectNear(
          places.realisedPlaces,
          scaled(r.realised),
          toleranceOf(r, "realised"),
          "realised",
        );
      }
      if (r.occupied !== null) {
        expectNear(places.occupied, scaled(r.occupied), toleranceOf(r, "occupied"), "occupied");
      }
      if (r.occupancy) {
        const { value, decimals } = r.occupancy;
        if (r.toDay && r.rounded.size === 0) {
          // As published, to its decimal (the app's own bezettingsgraad for one decimal).
          const rate =
            decimals === 1
              ? places.bezettingsgraad
              : occupancyRate(places.occupied, places.realisedPlaces, decimals);
          expect(rate, `bezettingsgraad on ${r.on}`).toBe(value);
        } else {
          expectNear(places.bezettingsgraad, value, TOLERANCE.approximate, "bezettingsgraad");
        }
      }
      if (r.free !== null) {
        // Realised minus occupied: as near as the occupied count.
        const tolerance = toleranceOf(r, "occupied") * (r.occupied ?? r.realised ?? 0);
        expect(
          Math.abs(places.free - scaled(r.free)) <= tolerance * FRACTION,
          `free: ${places.free} against ${scaled(r.free)}`,
        ).toBe(true);
      }
      if (r.weeklyInflow !== null) {
        // The net inflow into reception of the week of `on` and the two before it, averaged.
        const flows = await get<Flows>(`/national/flows?from=${r.on}&to=${r.on}`);
        expectNear(
          flows.weeks[0]!.netInflowAverage3w,
          r.weeklyInflow * FRACTION,
          TOLERANCE.approximate,
          `net inflow, three weeks to ${flows.weeks[0]!.week}`,
        );
      }
      if (r.deregistered) {
        // Persons who left since the start: the flows' deregistrations up to that week.
        const flows = await get<Flows>(`/national/flows?from=2022-03-04&to=${r.on}`);
        expectNear(
          flows.totals.deregistrations,
          scaled(r.deregistered.ukrainian + r.deregistered.other),
          TOLERANCE.approximate,
          "deregistered since the start",
        );
      }
      if (r.otherRegistered !== null) {
        const o = await figures(r.registered?.on ?? r.on);
        expectNear(
          o.total.registered.otherNationalities,
          scaled(r.otherRegistered),
          TOLERANCE.approximate,
          "registered of another nationality",
        );
      }
      if (r.targetPlaces !== null) {
        // The target in the row was set on or before its day (targets.ts, the same series).
        const [set] = await query<{ n: number }>(
          t.db,
          sql`select count(*)::int as n from place_target
              where places = ${r.targetPlaces} and set_on <= ${r.on}::date`,
        );
        expect(set!.n, `target ${r.targetPlaces} set by ${r.on}`).toBe(1);
      }
    });
  }

  it("the paragraph for 19 January 2024 reads as the letter of 26 January 2024 did", async () => {
    const dates = { date: "2024-01-19", brpDate: "2024-01-21" };
    const letter = await figuresParagraph(t.db, dates, "2024-01-26");
    expect(letter.figures).toEqual({
      ukrainiansRegistered: scaled(106_150),
      realisedPlaces: scaled(89_500),
      occupied: scaled(88_910),
      bezettingsgraad: 99.3,
    });
    if (WHOLE) {
      expect(letter.text).toBe(
        "Er zijn op 21 januari jl. 106.150 Oekraïners ingeschreven in de BRP. " +
          "Op 19 januari zijn er 89.500 gemeentelijke opvangplekken gerealiseerd, waarvan 88.910 bezet. " +
          "Dat is een bezettingsgraad van 99,3 procent.",
      );
      // The same through the API, written today: the dates with their year.
      const res = await coordinator.json<{ text: string }>(
        "GET",
        "/api/v1/national/figures/paragraph?date=2024-01-19&brpDate=2024-01-21",
      );
      expect(res.body.text).toBe(
        "Er zijn op 21 januari 2024 106.150 Oekraïners ingeschreven in de BRP. " +
          "Op 19 januari 2024 zijn er 89.500 gemeentelijke opvangplekken gerealiseerd, waarvan 88.910 bezet. " +
          "Dat is een bezettingsgraad van 99,3 procent.",
      );
    }
  });

  it("has flows every week: arrivals and departures, moves into GOO, locations that closed", async () => {
    const flows = await get<{
      weeks: { arrivals: number; departures: number; moves: number }[];
    }>("/national/flows?from=2022-03-07&to=2026-10-25");
    expect(flows.weeks.length).toBe(242);
    // Every week somebody arrives and somebody moves; after the first months somebody leaves.
    expect(flows.weeks.every((w) => w.arrivals > 0)).toBe(true);
    expect(flows.weeks.slice(12).every((w) => w.departures > 0)).toBe(true);
    const [r] = await query<{ closed: number; moved: number; own: number }>(
      t.db,
      sql`select
        (select count(*)::int from location_status where status = 'closed') as closed,
        (select count(*)::int from placement where reason = 'moved_from_private_reception') as moved,
        (select count(*)::int from household_membership m where m.valid_to is null
           and not exists (select 1 from placement p where p.person_id = m.person_id
             and p.valid_to is null)) as own`,
    );
    expect(r!.closed).toBeGreaterThan(0);
    expect(r!.moved).toBeGreaterThan(0);
    // Some live on their own: registered, but not in reception.
    expect(r!.own).toBeGreaterThan(0);
  });
});
