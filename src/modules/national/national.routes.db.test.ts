/**
 * The national view on the demo data (scale demo, seed 1) plus a small municipality
 * (Leeuwarden: three persons, one location of three places, one household that returned
 * to Ukraine), so that open data has counts to suppress and the flows a return to count,
 * and a few persons in Zeist and Vlissingen, so that some counts need a partner.
 * Every expectation is computed apart from the module: by plain SQL counts, by the rules
 * (effectiveStatuses, isAdultOnDate) in TypeScript, or by the identity the figures must
 * keep (units add up; flows explain the change in persons in reception).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, initTestApp, insertTestUser, signIn } from "../../../test/app";
import { testEngine } from "../../../test/db";
import { query } from "../../db/connection";
import { DEMO_TODAY, generateDemo } from "../../db/demo/generate";
import type { Role } from "../../domain/access";
import { completeBsn } from "../../domain/bsn";
import type { ResidenceStatusKind, StatusEndReason } from "../../domain/enums";
import { isAdultOnDate } from "../../rules/household-month";
import { getLawbook } from "../../rules/lawbook";
import { effectiveStatuses, statusOn } from "../../rules/transition";
import { OPEN_DATA_COLUMNS } from "./national.service";

type Work = { adults: number; withWork: number; share: number | null };
type Unit = {
  level: string;
  code: string | null;
  name: string | null;
  status?: string | null;
  registered: { ukrainian: number; otherNationalities: number; total: number } | null;
  persons: { goo: number; poo: number | null };
  places: {
    realisedPlaces: number;
    occupied: number;
    free: number;
    bezettingsgraad: number | null;
  };
  placesByKind: { kind: string; realisedPlaces: number; occupied: number; free: number }[];
  work: { goo: Work; poo: Work | null };
};
type Figures = {
  on: string;
  level: string;
  code: string | null;
  name: string;
  workMonth: string;
  total: Unit;
  units: Unit[];
};
type Week = {
  week: string;
  monday: string;
  sunday: string;
  arrivals: number;
  departures: number;
  moves: number;
  movedIn: number;
  movedOut: number;
  registrations: number | null;
  deregistrations: number | null;
  returns: number | null;
  netInflow: number;
  netInflowAverage3w: number;
};
type Flows = { from: string; to: string; weeks: Week[]; totals: Record<string, number | null> };
type OpenRow = {
  week: string;
  sunday: string;
  gemeenteCode: string;
  gemeenteName: string;
  registered: number | null;
  inGoo: number | null;
  inPoo: number | null;
  placesRealised: number | null;
  placesOccupied: number | null;
};

/** Dates before, in and at the end of the demo's history (2024-01-19: the letter's). */
const DATES = ["2024-01-19", DEMO_TODAY];
/** A Sunday for open data (week 2026-W43). */
const SUNDAY = "2026-10-25";
const LEEUWARDEN = "GM0080";

/** Every count of a unit by a flat name; absent (null) figures are left out. */
function numbersOf(u: Unit): Record<string, number> {
  const out: Record<string, number> = {
    "persons.goo": u.persons.goo,
    "places.realised": u.places.realisedPlaces,
    "places.occupied": u.places.occupied,
    "places.free": u.places.free,
    "work.goo.adults": u.work.goo.adults,
    "work.goo.withWork": u.work.goo.withWork,
  };
  if (u.registered) {
    out["registered.ukrainian"] = u.registered.ukrainian;
    out["registered.other"] = u.registered.otherNationalities;
    out["registered.total"] = u.registered.total;
  }
  if (u.persons.poo !== null) out["persons.poo"] = u.persons.poo;
  if (u.work.poo) {
    out["work.poo.adults"] = u.work.poo.adults;
    out["work.poo.withWork"] = u.work.poo.withWork;
  }
  for (const k of u.placesByKind) {
    out[`kind.${k.kind}.realised`] = k.realisedPlaces;
    out[`kind.${k.kind}.occupied`] = k.occupied;
    out[`kind.${k.kind}.free`] = k.free;
  }
  return out;
}

function sumOf(units: Unit[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const u of units) {
    for (const [k, v] of Object.entries(numbersOf(u))) sum[k] = (sum[k] ?? 0) + v;
  }
  return sum;
}

/** The units' sums equal the total for every count the units carry (0 when none has it). */
function expectAddsUp(f: Figures, only?: (key: string) => boolean) {
  const total = numbersOf(f.total);
  const sum = sumOf(f.units);
  for (const key of Object.keys(total).filter(only ?? (() => true))) {
    expect(sum[key] ?? 0, `${f.level} ${f.code ?? ""} on ${f.on}: ${key}`).toBe(total[key]);
  }
}

const stockOf = (u: Unit) => u.persons.goo + (u.persons.poo ?? 0);

describe(`national view on the demo data (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let coordinator: Client;
  const others = new Map<Role, Client>();
  let smallLocation: number;

  const figures = async (params: Record<string, string>) => {
    const res = await coordinator.json<Figures>(
      "GET",
      `/api/v1/national/figures?${new URLSearchParams(params)}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const flows = async (params: Record<string, string>) => {
    const res = await coordinator.json<Flows>(
      "GET",
      `/api/v1/national/flows?${new URLSearchParams(params)}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const count = async (q: ReturnType<typeof sql>) => (await query<{ n: number }>(t.db, q))[0]!.n;

  beforeAll(async () => {
    t = await initTestApp();
    await generateDemo(t.db, { scale: "demo", seed: 1 });
    const one = async (q: ReturnType<typeof sql>) => (await query<{ id: number }>(t.db, q))[0]!.id;
    // Leeuwarden: two persons in a location of three places, one with a host, and one who
    // returned to Ukraine on 30 June 2026 (placement, membership and case ended that day).
    smallLocation = await one(
      sql`insert into location (gemeente_code, name, kind) values (${LEEUWARDEN}, 'Hotel De Klok', 'hotel') returning id`,
    );
    await t.db.execute(
      sql`insert into location_capacity (location_id, places, valid_from) values (${smallLocation}, 3, '2024-01-01')`,
    );
    await t.db.execute(
      sql`insert into location_status (location_id, status, valid_from) values (${smallLocation}, 'realised', '2024-01-01')`,
    );
    const household = await one(
      sql`insert into household (gemeente_code, label) values (${LEEUWARDEN}, 'Bondarenko') returning id`,
    );
    const returned = await one(
      sql`insert into household (gemeente_code, label) values (${LEEUWARDEN}, 'Savchenko') returning id`,
    );
    const people = [
      ["Bondarenko", "Oksana", "goo", household],
      ["Bondarenko", "Taras", "goo", household],
      ["Bondarenko", "Halyna", "poo", household],
      ["Savchenko", "Petro", "poo", returned],
    ] as const;
    for (const [i, [family, given, kind, h]] of people.entries()) {
      const bsn = completeBsn(`1234560${i}`)!;
      const person = await one(
        sql`insert into person (gemeente_code, bsn, family_name, given_names, birth_date, protection_start, brp_registration_date)
            values (${LEEUWARDEN}, ${bsn}, ${family}, ${given}, '1980-05-05', '2023-12-20', '2024-01-02') returning id`,
      );
      const ends = h === returned ? "2026-06-30" : null;
      await t.db.execute(
        sql`insert into household_membership (household_id, person_id, role, valid_from, valid_to, reason)
            values (${h}, ${person}, ${i === 0 || h === returned ? "head" : "partner"}, '2024-01-02', ${ends}, ${ends ? "return" : "arrival"})`,
      );
      await t.db.execute(
        kind === "goo"
          ? sql`insert into placement (person_id, kind, location_id, gemeente_code, valid_from)
                values (${person}, 'goo', ${smallLocation}, ${LEEUWARDEN}, '2024-01-02')`
          : sql`insert into placement (person_id, kind, street, house_number, postcode, city, host_name, gemeente_code, valid_from, valid_to, reason)
                values (${person}, 'poo', 'Nieuwestad', '17', '8911 CN', 'Leeuwarden', 'Familie De Jong', ${LEEUWARDEN}, '2024-01-02', ${ends}, ${ends ? "return" : "arrival"})`,
      );
      if (ends) {
        await t.db.execute(
          sql`insert into residence_status (person_id, kind, valid_from, valid_to, end_reason, source)
              values (${person}, 'temporary_protection', '2023-12-20', ${ends}, 'departure', 'brp')`,
        );
        await t.db.execute(
          sql`insert into return_case (household_id, gemeente_code, status, departed_on)
              values (${returned}, ${LEEUWARDEN}, 'departed', ${ends})`,
        );
      }
    }
    // Two small groups for open data's secondary suppression: in Zeist (region Utrecht,
    // beside Amersfoort and Utrecht) a family of three in a location of six places; in
    // Vlissingen (Zeeland, beside Middelburg with nobody) one person with a host.
    const zeist = await one(
      sql`insert into location (gemeente_code, name, kind) values ('GM0355', 'Pension Het Slot', 'hotel') returning id`,
    );
    await t.db.execute(
      sql`insert into location_capacity (location_id, places, valid_from) values (${zeist}, 6, '2024-01-01')`,
    );
    await t.db.execute(
      sql`insert into location_status (location_id, status, valid_from) values (${zeist}, 'realised', '2024-01-01')`,
    );
    const small = [
      ["GM0355", "Kovalenko", ["Iryna", "Mykola", "Sofiia"], "goo"],
      ["GM0718", "Melnyk", ["Olena"], "poo"],
    ] as const;
    for (const [j, [gemeente, family, names, kind]] of small.entries()) {
      const h = await one(
        sql`insert into household (gemeente_code, label) values (${gemeente}, ${family}) returning id`,
      );
      for (const [i, given] of names.entries()) {
        const person = await one(
          sql`insert into person (gemeente_code, bsn, family_name, given_names, birth_date, protection_start, brp_registration_date)
              values (${gemeente}, ${completeBsn(`123457${j}${i}`)!}, ${family}, ${given}, '1985-03-03', '2024-02-01', '2024-02-05') returning id`,
        );
        await t.db.execute(
          sql`insert into household_membership (household_id, person_id, role, valid_from, reason)
              values (${h}, ${person}, ${i === 0 ? "head" : "partner"}, '2024-02-05', 'arrival')`,
        );
        await t.db.execute(
          kind === "goo"
            ? sql`insert into placement (person_id, kind, location_id, gemeente_code, valid_from)
                  values (${person}, 'goo', ${zeist}, ${gemeente}, '2024-02-05')`
            : sql`insert into placement (person_id, kind, street, house_number, postcode, city, host_name, gemeente_code, valid_from, reason)
                  values (${person}, 'poo', 'Walstraat', '5', '4381 GA', 'Vlissingen', 'Familie Jansen', ${gemeente}, '2024-02-05', 'arrival')`,
        );
      }
    }
    await insertTestUser(t.database, "national-coordinator", "national_coordinator", null);
    coordinator = await signIn(t.app, "national-coordinator");
    const [resident] = await query<{ id: number }>(
      t.db,
      sql`select person_id as id from household_membership
          where role = 'head' and valid_to is null order by id limit 1`,
    );
    for (const role of ["caseworker", "finance_officer", "municipal_admin"] as const) {
      await insertTestUser(t.database, `national-${role}`, role, "GM0344");
      others.set(role, await signIn(t.app, `national-${role}`));
    }
    await insertTestUser(t.database, "national-resident", "resident", "GM0344", resident!.id);
    others.set("resident", await signIn(t.app, "national-resident"));
    await insertTestUser(t.database, "national-sysadmin", "system_admin", null);
    others.set("system_admin", await signIn(t.app, "national-sysadmin"));
  }, 240_000);
  afterAll(() => t.database.destroy());

  it("sums reconcile at every level: locations → municipality → region → province → nation", async () => {
    let locations = 0;
    for (const on of DATES) {
      const nation = await figures({ on });
      expect(nation.units.map((u) => u.level)).toEqual(nation.units.map(() => "province"));
      expectAddsUp(nation);
      expect(nation.total.registered!.total).toBeGreaterThan(1000);
      for (const p of nation.units) {
        const province = await figures({ on, level: "province", code: p.code! });
        expect(numbersOf(province.total), `${p.code} as a unit and as a level`).toEqual(
          numbersOf(p),
        );
        expectAddsUp(province);
        for (const r of province.units) {
          const region = await figures({ on, level: "region", code: r.code! });
          // In the 2023 classification every region lies within one province.
          expect(numbersOf(region.total), `${r.code}`).toEqual(numbersOf(r));
          expectAddsUp(region);
          for (const g of region.units) {
            const gemeente = await figures({ on, level: "gemeente", code: g.code! });
            expect(numbersOf(gemeente.total), `${g.code}`).toEqual(numbersOf(g));
            // Registrations, private reception and its work are the municipality's, not a
            // location's: the locations add up to what lives at locations.
            expectAddsUp(gemeente, (k) => /^(persons\.goo|places\.|kind\.|work\.goo\.)/.test(k));
            for (const l of gemeente.units) {
              const location = await figures({ on, level: "location", code: l.code! });
              expect(location.total).toEqual(l);
              expect(location.units).toEqual([]);
              locations++;
            }
          }
        }
      }
    }
    expect(locations).toBeGreaterThan(20);
  }, 600_000);

  it("occupied places are the persons placed in GOO on the date, by an independent count", async () => {
    for (const on of DATES) {
      const nation = await figures({ on });
      const goo = await count(
        sql`select count(*)::int as n from placement where kind = 'goo'
            and valid_from <= ${on}::date and (valid_to is null or valid_to >= ${on}::date)`,
      );
      const poo = await count(
        sql`select count(*)::int as n from placement where kind = 'poo'
            and valid_from <= ${on}::date and (valid_to is null or valid_to >= ${on}::date)`,
      );
      expect(nation.total.places.occupied).toBe(goo);
      expect(nation.total.persons.goo).toBe(goo);
      expect(nation.total.persons.poo).toBe(poo);
      const utrecht = await figures({ on, level: "gemeente", code: "GM0344" });
      expect(utrecht.total.places.occupied).toBe(
        await count(
          sql`select count(*)::int as n from placement p join location l on l.id = p.location_id
              where l.gemeente_code = 'GM0344'
                and p.valid_from <= ${on}::date and (p.valid_to is null or p.valid_to >= ${on}::date)`,
        ),
      );
    }
  });

  it("registered persons are those the rules give temporary protection on the date (effectiveStatuses)", async () => {
    const persons = await query<{
      id: number;
      nationality_code: string;
      protection_start: string | null;
      brp_registration_date: string | null;
    }>(t.db, sql`select id, nationality_code, protection_start, brp_registration_date from person`);
    const statuses = await query<{
      person_id: number;
      kind: ResidenceStatusKind;
      valid_from: string;
      valid_to: string | null;
      end_reason: StatusEndReason | null;
    }>(t.db, sql`select person_id, kind, valid_from, valid_to, end_reason from residence_status`);
    const byPerson = new Map<number, typeof statuses>();
    for (const s of statuses) byPerson.set(s.person_id, [...(byPerson.get(s.person_id) ?? []), s]);
    const lawbook = getLawbook();
    let ended = 0;
    for (const on of [...DATES, "2022-04-25", "2027-03-05"]) {
      const expected = { ukrainian: 0, other: 0 };
      for (const p of persons) {
        if (!p.brp_registration_date || p.brp_registration_date > on) continue;
        const effective = effectiveStatuses(
          {
            protectionStart: p.protection_start,
            statuses: (byPerson.get(p.id) ?? []).map((s) => ({
              kind: s.kind,
              from: s.valid_from,
              to: s.valid_to,
              endReason: s.end_reason,
            })),
          },
          lawbook,
        );
        if (statusOn(effective, on)?.kind !== "temporary_protection") {
          ended++;
          continue;
        }
        if (p.nationality_code === "0034") expected.ukrainian++;
        else expected.other++;
      }
      const nation = await figures({ on });
      expect(nation.total.registered, on).toEqual({
        ukrainian: expected.ukrainian,
        otherNationalities: expected.other,
        total: expected.ukrainian + expected.other,
      });
    }
    // The demo has departures and other permits, and the RTB ends: statuses were tested.
    expect(ended).toBeGreaterThan(100);
  });

  it("work participation: adults placed on the month's last day with a work income in it (isAdultOnDate)", async () => {
    const nation = await figures({ on: DEMO_TODAY });
    expect(nation.workMonth).toBe("2026-09");
    const rows = await query<{ kind: string; birth_date: string; worked: boolean }>(
      t.db,
      sql`select p.kind, pe.birth_date,
            exists (select 1 from income i where i.person_id = pe.id and i.month = '2026-09-01'
              and i.kind = 'work' and i.net_cents > 0) as worked
          from placement p join person pe on pe.id = p.person_id
          where p.valid_from <= '2026-09-30' and (p.valid_to is null or p.valid_to >= '2026-09-30')`,
    );
    const expected = { goo: { adults: 0, withWork: 0 }, poo: { adults: 0, withWork: 0 } };
    for (const r of rows) {
      if (!isAdultOnDate(r.birth_date, "2026-09-30")) continue;
      const e = expected[r.kind as "goo" | "poo"];
      e.adults++;
      if (r.worked) e.withWork++;
    }
    expect(nation.total.work.goo).toMatchObject(expected.goo);
    expect(nation.total.work.poo).toMatchObject(expected.poo);
    expect(expected.goo.withWork).toBeGreaterThan(100);
    const share = nation.total.work.goo.share!;
    expect(Math.abs(share - (100 * expected.goo.withWork) / expected.goo.adults)).toBeLessThan(
      0.051,
    );
  });

  it("crisis emergency places (crisisnoodopvang) are counted apart among the places by kind", async () => {
    const before = await figures({ on: DEMO_TODAY });
    expect(before.total.placesByKind.map((k) => k.kind)).toEqual([
      "emergency_hall",
      "crisis_emergency",
      "hotel",
      "ship",
      "flex_homes",
      "houses",
      "other",
    ]);
    const [crisis] = await query<{ id: number }>(
      t.db,
      sql`insert into location (gemeente_code, name, kind) values ('GM0344', 'Crisisnoodopvang Jaarbeurs', 'crisis_emergency') returning id`,
    );
    await t.db.execute(
      sql`insert into location_capacity (location_id, places, valid_from) values (${crisis!.id}, 270, '2023-07-01')`,
    );
    await t.db.execute(
      sql`insert into location_status (location_id, status, valid_from) values (${crisis!.id}, 'realised', '2023-07-01')`,
    );
    const after = await figures({ on: DEMO_TODAY });
    const kind = (f: Figures, k: string) => f.total.placesByKind.find((x) => x.kind === k)!;
    expect(kind(after, "crisis_emergency").realisedPlaces).toBe(
      kind(before, "crisis_emergency").realisedPlaces + 270,
    );
    expect(kind(after, "emergency_hall").realisedPlaces).toBe(
      kind(before, "emergency_hall").realisedPlaces,
    );
    expect(after.total.places.realisedPlaces).toBe(before.total.places.realisedPlaces + 270);
    expectAddsUp(after);
  });

  /**
   * The identity: persons in reception on a Sunday = persons on the Sunday before + the
   * week's arrivals − departures + moves into the unit − moves out of it. A placement that
   * ends on day X counts in the week of X + 1, a move (an end on X, the next start on X + 1)
   * as a move in that week, so over weeks W1..Wn: Σ netInflow = stock(Sunday of Wn) −
   * stock(the Sunday before W1), where stock = persons.goo + persons.poo (a location: goo).
   */
  it("the flows add up: the net inflow of the weeks is the change in persons in reception", async () => {
    const from = "2023-01-02";
    const to = "2026-10-25";
    const [location] = await query<{ id: number }>(
      t.db,
      sql`select location_id as id from placement where location_id is not null
          group by location_id order by count(*) desc, location_id limit 1`,
    );
    const scopes: Record<string, string>[] = [
      {},
      { level: "province", code: "PV26" },
      { level: "region", code: "VR09" },
      { level: "gemeente", code: "GM0344" },
      { level: "gemeente", code: LEEUWARDEN },
      { level: "location", code: String(location!.id) },
    ];
    for (const scope of scopes) {
      const f = await flows({ from, to, ...scope });
      expect(f.from).toBe("2023-01-02");
      expect(f.to).toBe("2026-10-25");
      expect(f.weeks).toHaveLength(199);
      const before = stockOf((await figures({ on: "2023-01-01", ...scope })).total);
      const after = stockOf((await figures({ on: to, ...scope })).total);
      const net = f.weeks.reduce((s, w) => s + w.netInflow, 0);
      const label = JSON.stringify(scope);
      expect(net, label).toBe(after - before);
      expect(f.totals.netInflow, label).toBe(net);
      expect(
        f.totals.arrivals! - f.totals.departures! + f.totals.movedIn! - f.totals.movedOut!,
      ).toBe(net);
      if (!scope.level) {
        expect(f.totals.movedIn).toBe(0);
        expect(f.totals.movedOut).toBe(0);
        expect(f.totals.moves).toBeGreaterThan(10);
        expect(f.totals.departures).toBeGreaterThan(10);
      }
      // Week by week too, for the last four weeks.
      for (const w of f.weeks.slice(-4)) {
        const end = stockOf((await figures({ on: w.sunday, ...scope })).total);
        const start = stockOf(
          (await figures({ on: (await previousDay(w.monday)) as string, ...scope })).total,
        );
        expect(w.netInflow, `${label} ${w.week}`).toBe(end - start);
      }
      // The three weeks' average: this week and the two before.
      for (let i = 2; i < f.weeks.length; i++) {
        const sum = f.weeks[i]!.netInflow + f.weeks[i - 1]!.netInflow + f.weeks[i - 2]!.netInflow;
        expect(Math.abs(f.weeks[i]!.netInflowAverage3w - sum / 3)).toBeLessThanOrEqual(0.05);
      }
    }
  }, 300_000);

  const previousDay = async (date: string) =>
    (await query<{ d: string }>(t.db, sql`select (${date}::date - 1)::text as d`))[0]!.d;

  it("a return to Ukraine is a departure, a deregistration and a return in the week after the last day", async () => {
    const f = await flows({
      from: "2026-06-22",
      to: "2026-07-12",
      level: "gemeente",
      code: LEEUWARDEN,
    });
    const week = f.weeks.find((w) => w.week === "2026-W27")!; // 29 June – 5 July: ended 30 June
    expect(week).toMatchObject({ departures: 1, deregistrations: 1, returns: 1, netInflow: -1 });
    expect(f.totals).toMatchObject({ departures: 1, deregistrations: 1, returns: 1 });
    const location = await flows({
      from: "2026-06-22",
      to: "2026-07-12",
      level: "location",
      code: String(smallLocation),
    });
    expect(location.totals).toMatchObject({ registrations: null, returns: null, departures: 0 });
  });

  it("open data: the same numbers as the figures on the week's Sunday, 1 to 4 left out and their partners", async () => {
    const res = await coordinator.json<{ from: string; to: string; rows: OpenRow[] }>(
      "GET",
      `/api/v1/national/open-data/figures.json?from=${SUNDAY}&to=${SUNDAY}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.from).toBe("2026-10-19");
    expect(res.body.to).toBe(SUNDAY);
    const rows = res.body.rows;
    const gemeenten = await count(sql`select count(*)::int as n from gemeente`);
    expect(rows).toHaveLength(gemeenten);
    const nation = await figures({ on: SUNDAY });
    const units = new Map<string, Unit>();
    /** The group a municipality's counts are protected in: its region within its province. */
    const groupOf = new Map<string, string>();
    for (const p of nation.units) {
      for (const r of (await figures({ on: SUNDAY, level: "province", code: p.code! })).units) {
        for (const g of (await figures({ on: SUNDAY, level: "region", code: r.code! })).units) {
          units.set(g.code!, g);
          groupOf.set(g.code!, `${p.code}/${r.code}`);
        }
      }
    }
    const columns = ["registered", "inGoo", "inPoo", "placesRealised", "placesOccupied"] as const;
    const figureOf = (g: Unit): Record<(typeof columns)[number], number> => ({
      registered: g.registered!.total,
      inGoo: g.persons.goo,
      inPoo: g.persons.poo!,
      placesRealised: g.places.realisedPlaces,
      placesOccupied: g.places.occupied,
    });
    const primary = (n: number) => n >= 1 && n <= 4;
    const groups = new Map<string, { row: OpenRow; figure: ReturnType<typeof figureOf> }[]>();
    for (const row of rows) {
      const g = units.get(row.gemeenteCode)!;
      expect(row, row.gemeenteCode).toMatchObject({
        week: "2026-W43",
        sunday: SUNDAY,
        gemeenteCode: g.code,
        gemeenteName: g.name,
      });
      expect(Object.keys(row)).toHaveLength(4 + columns.length);
      const figure = figureOf(g);
      for (const c of columns) {
        // Published: the figure itself. Left out: every 1 to 4, and partners (0 or over 4).
        if (row[c] !== null) expect(row[c], `${row.gemeenteCode} ${c}`).toBe(figure[c]);
        if (primary(figure[c])) expect(row[c], `${row.gemeenteCode} ${c}`).toBeNull();
      }
      // places_occupied is in_goo, left out alike.
      expect(row.placesOccupied).toBe(row.inGoo);
      const group = groupOf.get(row.gemeenteCode)!;
      groups.set(group, [...(groups.get(group) ?? []), { row, figure }]);
    }
    let partners = 0;
    for (const [group, members] of groups) {
      for (const c of columns) {
        const left = members.filter((m) => m.row[c] === null);
        // No group and column leaves out exactly one: the region's total would give it back.
        if (members.length > 1) expect(left.length, `${group} ${c}`).not.toBe(1);
        const partnersHere = left.filter((m) => !primary(m.figure[c]));
        if (!partnersHere.length) continue;
        partners += partnersHere.length;
        // A partner only where a count from 1 to 4 needs one, and no smaller count above 4
        // is published beside it.
        expect(
          left.some((m) => primary(m.figure[c])),
          `${group} ${c}`,
        ).toBe(true);
        const publishedAbove = members.map((m) => m.row[c]).filter((v) => v !== null && v > 4);
        for (const m of partnersHere) {
          for (const v of publishedAbove) expect(m.figure[c], `${group} ${c}`).toBeLessThan(v!);
        }
      }
    }
    expect(partners).toBeGreaterThan(0);
    const row = (code: string) => rows.find((r) => r.gemeenteCode === code)!;
    // Zeist's 3 registered and 3 in GOO: Amersfoort's counts, the smallest above 4 in the
    // region Utrecht, are left out with them; Zeist's 6 places are shown.
    expect(row("GM0355")).toMatchObject({
      registered: null,
      inGoo: null,
      inPoo: 0,
      placesRealised: 6,
      placesOccupied: null,
    });
    expect(row("GM0307")).toMatchObject({ registered: null, inGoo: null, placesOccupied: null });
    expect(row("GM0307").placesRealised).toBe(units.get("GM0307")!.places.realisedPlaces);
    expect(row("GM0344").registered).toBe(units.get("GM0344")!.registered!.total);
    // Vlissingen's 1 registered and 1 with a host: nothing above 4 in Zeeland, so its pair
    // Middelburg is left out with it, 0 as it is.
    for (const code of ["GM0687", "GM0718"]) {
      expect(row(code), code).toMatchObject({
        registered: null,
        inGoo: 0,
        inPoo: null,
        placesRealised: 0,
        placesOccupied: 0,
      });
    }
    // Leeuwarden's 3 registered, 2 in GOO, 1 with a host, 3 places, 2 occupied: all left out
    // (alone in its region here: the region's total is its count, what remains).
    expect(rows.find((r) => r.gemeenteCode === LEEUWARDEN)).toMatchObject({
      registered: null,
      inGoo: null,
      inPoo: null,
      placesRealised: null,
      placesOccupied: null,
    });
    const leeuwarden = units.get(LEEUWARDEN)!;
    expect(leeuwarden.registered!.total).toBe(3);
    expect(leeuwarden.persons).toEqual({ goo: 2, poo: 1 });
    // A municipality with nobody shows 0, not a gap.
    expect(rows.find((r) => r.gemeenteCode === "GM0106")).toMatchObject({ registered: 0 });

    const csv = await coordinator.request(
      `/api/v1/national/open-data/figures.csv?from=${SUNDAY}&to=${SUNDAY}`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe(OPEN_DATA_COLUMNS.join(","));
    const leeuwardenLine = lines.find((l) => l.includes(LEEUWARDEN))!;
    expect(leeuwardenLine).toBe(`2026-W43,${SUNDAY},${LEEUWARDEN},Leeuwarden,,,,,`);
    expect(lines).toHaveLength(rows.length + 1);
  }, 120_000);

  it("the paragraph holds the nation's figures on its two dates", async () => {
    const res = await coordinator.json<{
      text: string;
      figures: { ukrainiansRegistered: number; realisedPlaces: number; occupied: number };
    }>("GET", "/api/v1/national/figures/paragraph?date=2024-01-19&brpDate=2024-01-21");
    expect(res.status).toBe(200);
    const brp = await figures({ on: "2024-01-21" });
    const places = await figures({ on: "2024-01-19" });
    expect(res.body.figures).toMatchObject({
      ukrainiansRegistered: brp.total.registered!.ukrainian,
      realisedPlaces: places.total.places.realisedPlaces,
      occupied: places.total.places.occupied,
    });
    const dots = (n: number) => n.toLocaleString("de-DE");
    expect(res.body.text).toContain(`${dots(brp.total.registered!.ukrainian)} Oekraïners`);
    expect(res.body.text).toContain(
      `${dots(places.total.places.realisedPlaces)} gemeentelijke opvangplekken gerealiseerd, waarvan ${dots(places.total.places.occupied)} bezet`,
    );
    const en = await coordinator.json<{ text: string }>(
      "GET",
      "/api/v1/national/figures/paragraph?date=2024-01-19&brpDate=2024-01-21&lang=en",
    );
    expect(en.body.text).toMatch(/^On 21 January 2024, [\d,]+ Ukrainians were registered/);
  });

  it("security: no answer holds a name, BSN, V-number, address or person id", async () => {
    const [location] = await query<{ id: number }>(
      t.db,
      sql`select id from location where gemeente_code = 'GM0344' order by id limit 1`,
    );
    const answers: string[] = [];
    for (const path of [
      `/national/figures?on=${DEMO_TODAY}`,
      `/national/figures?on=${DEMO_TODAY}&level=province&code=PV26`,
      `/national/figures?on=${DEMO_TODAY}&level=region&code=VR09`,
      `/national/figures?on=${DEMO_TODAY}&level=gemeente&code=GM0344`,
      `/national/figures?on=${DEMO_TODAY}&level=gemeente&code=${LEEUWARDEN}`,
      `/national/figures?on=${DEMO_TODAY}&level=location&code=${location!.id}`,
      `/national/flows?from=2025-01-01&to=${DEMO_TODAY}`,
      `/national/flows?from=2025-01-01&to=${DEMO_TODAY}&level=gemeente&code=${LEEUWARDEN}`,
      "/national/figures/paragraph?date=2026-10-30&lang=nl",
      "/national/figures/paragraph?date=2026-10-30&lang=en",
      `/national/open-data/figures.json?from=2026-10-01&to=${DEMO_TODAY}`,
      `/national/open-data/figures.csv?from=2026-10-01&to=${DEMO_TODAY}`,
    ]) {
      const res = await coordinator.request(`/api/v1${path}`);
      expect(res.status, path).toBe(200);
      answers.push(await res.text());
    }
    const persons = await query<Record<string, string | null>>(
      t.db,
      sql`select bsn, v_number, family_name, given_names, family_name_cyrillic, given_names_cyrillic
          from person`,
    );
    const addresses = await query<{
      street: string;
      house_number: string;
      postcode: string;
      host_name: string | null;
    }>(
      t.db,
      sql`select street, house_number, postcode, host_name from placement where kind = 'poo'`,
    );
    // Words that name something that is not a person: municipalities, regions, provinces,
    // locations (their names may hold a street or a word that is also a given name).
    const reference = await query<{ name: string }>(
      t.db,
      sql`select name from gemeente union select name from veiligheidsregio
          union select province_name from gemeente where province_name is not null
          union select name from location`,
    );
    const words = (s: string) => s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const allowed = new Set(reference.flatMap((r) => words(r.name)));
    const names = new Set<string>();
    const numbers = new Set<string>();
    for (const p of persons) {
      for (const k of [
        "family_name",
        "given_names",
        "family_name_cyrillic",
        "given_names_cyrillic",
      ]) {
        for (const w of words(p[k] ?? "")) if (w.length > 2 && !allowed.has(w)) names.add(w);
      }
      if (p.bsn) numbers.add(p.bsn);
      if (p.v_number) numbers.add(p.v_number);
    }
    expect(names.size).toBeGreaterThan(100);
    expect(numbers.size).toBeGreaterThan(1000);
    for (const text of answers) {
      for (const w of words(text)) {
        expect(names.has(w), `a name in an answer: ${w}`).toBe(false);
        expect(numbers.has(w), `a BSN or V-number in an answer: ${w}`).toBe(false);
      }
      for (const a of addresses) {
        expect(text).not.toContain(`${a.street} ${a.house_number}`);
        expect(text).not.toContain(a.postcode);
        if (a.host_name) expect(text).not.toContain(a.host_name);
      }
      if (text.startsWith("{")) {
        const keys = new Set<string>();
        const walk = (v: unknown) => {
          if (Array.isArray(v)) v.forEach(walk);
          else if (v && typeof v === "object")
            for (const [k, x] of Object.entries(v)) {
              keys.add(k);
              walk(x);
            }
        };
        walk(JSON.parse(text));
        for (const k of keys) {
          // `persons` is a count of persons; a key naming one person's data is not allowed.
          expect(k, "a key of personal data").not.toMatch(
            /person_?id|bsn|v_?number|family|given|birth|street|postcode|house|host|address/i,
          );
        }
      }
    }
  }, 120_000);

  it("security: only the national coordinator: 403 for municipal roles, residents and the system admin, 401 without a session", async () => {
    const paths = [
      "/api/v1/national/figures",
      "/api/v1/national/flows",
      "/api/v1/national/figures/paragraph",
      "/api/v1/national/open-data/figures.json",
      "/api/v1/national/open-data/figures.csv",
      "/api/v1/national/targets",
      "/api/v1/national/targets/progress",
      "/api/v1/national/forecast",
      "/api/v1/national/forecast/evaluations",
      "/api/v1/national/funding",
    ];
    for (const path of paths) {
      for (const [role, client] of others) {
        expect((await client.request(path)).status, `${role} ${path}`).toBe(403);
      }
      expect((await t.app.request(path)).status, path).toBe(401);
    }
    const me = await coordinator.json<{ user: { permissions: string[] } }>("GET", "/api/auth/me");
    expect(me.body.user.permissions.filter((p) => p.startsWith("national."))).toEqual([
      "national.figures",
      "national.open_data",
      "national.targets",
      "national.forecast",
      "national.funding",
    ]);
    const cw = await others
      .get("caseworker")!
      .json<{ user: { permissions: string[] } }>("GET", "/api/auth/me");
    expect(cw.body.user.permissions.filter((p) => p.startsWith("national."))).toEqual([]);
  });

  it("refuses what it cannot answer: 400 naming the field, 404 for an unknown unit", async () => {
    const status = async (path: string) => {
      const res = await coordinator.json<{ error: { code: string; issues?: { path: string }[] } }>(
        "GET",
        `/api/v1/national/${path}`,
      );
      return {
        status: res.status,
        paths: res.body.error.issues?.map((i) => i.path) ?? [],
        code: res.body.error.code,
      };
    };
    expect(await status("figures?level=gemeente")).toMatchObject({ status: 400, paths: ["code"] });
    expect(await status("figures?level=location&code=VR09")).toMatchObject({
      status: 400,
      paths: ["code"],
    });
    expect(await status("figures?level=county")).toMatchObject({ status: 400, paths: ["level"] });
    expect(await status("figures?on=2024-02-30")).toMatchObject({ status: 400, paths: ["on"] });
    expect(await status("figures?level=region&code=VR99")).toMatchObject({ status: 404 });
    expect(await status("figures?level=province&code=PV99")).toMatchObject({ status: 404 });
    expect(await status("figures?level=location&code=2147483647")).toMatchObject({ status: 404 });
    expect(await status("flows?from=2025-02-01&to=2025-01-01")).toMatchObject({
      status: 400,
      paths: ["from"],
    });
    expect(await status("flows?from=2015-01-01&to=2025-01-01")).toMatchObject({
      status: 400,
      paths: ["to"],
    });
    expect(await status("open-data/figures.json?from=2024-01-01&to=2025-06-01")).toMatchObject({
      status: 400,
      paths: ["to"],
    });
    expect(await status("figures/paragraph?lang=uk")).toMatchObject({
      status: 400,
      paths: ["lang"],
    });
  });
  it("a registration counts where the person was on the day: a household that moved counts before and after in its two municipalities", async () => {
    const registered = async (on: string, code: string) =>
      (await figures({ on, level: "gemeente", code })).total.registered!.total;
    const before = {
      leeuwardenEarly: await registered("2024-06-01", LEEUWARDEN),
      leeuwardenLate: await registered("2025-06-01", LEEUWARDEN),
      utrechtEarly: await registered("2024-06-01", "GM0344"),
      utrechtLate: await registered("2025-06-01", "GM0344"),
    };
    await insertTestUser(t.database, "national-cw-leeuwarden", "caseworker", LEEUWARDEN);
    const caseworker = await signIn(t.app, "national-cw-leeuwarden");
    const [h] = await query<{ id: number; version: number }>(
      t.db,
      sql`select id, version from household where gemeente_code = ${LEEUWARDEN} and label = 'Bondarenko'`,
    );
    const moved = await caseworker.json("POST", `/api/v1/households/${h!.id}/transfer`, {
      gemeente: "GM0344",
      from: "2025-01-01",
      reason: "moved to family",
      version: h!.version,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    // The three Bondarenkos: Leeuwarden's until 2024, Utrecht's from 2025.
    expect(await registered("2024-06-01", LEEUWARDEN)).toBe(before.leeuwardenEarly);
    expect(await registered("2024-06-01", "GM0344")).toBe(before.utrechtEarly);
    expect(await registered("2025-06-01", LEEUWARDEN)).toBe(before.leeuwardenLate - 3);
    expect(await registered("2025-06-01", "GM0344")).toBe(before.utrechtLate + 3);
    expectAddsUp(await figures({ on: "2025-06-01" }));
  });
});
