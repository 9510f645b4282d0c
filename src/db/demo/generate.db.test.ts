import { type SQL, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidBsn } from "../../domain/bsn";
import { transliterate } from "../../domain/transliteration";
import { type Database, migrateDatabase, openDatabase, query } from "../connection";
import { generateDemo } from "./generate";

// PGlite in memory by default; with TEST_DATABASE_URL each database is a freshly created,
// uniquely named database on that server, dropped afterwards.
const serverUrl = process.env.TEST_DATABASE_URL;
const created: { db: Database; name: string | null }[] = [];

async function freshDatabase(): Promise<Database> {
  if (!serverUrl) {
    const db = await openDatabase({ url: "memory://" });
    await migrateDatabase(db);
    created.push({ db, name: null });
    return db;
  }
  const name = `opvang_test_demo_${process.pid}_${Date.now()}_${created.length}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 2 });
  created.push({ db, name });
  await migrateDatabase(db);
  return db;
}

afterAll(async () => {
  for (const { db, name } of created) {
    await db.close();
    if (name && serverUrl) {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  }
});

async function one<T>(database: Database, q: SQL): Promise<T> {
  const [row] = await query<T>(database.db, q);
  return row!;
}

const checksum = (database: Database) =>
  one<{ persons: string; placements: string; incomes: string }>(
    database,
    sql`select
      (select md5(string_agg(concat_ws('|', id, gemeente_code, bsn, v_number, family_name,
         given_names, family_name_cyrillic, birth_date, sex, nationality_code, protection_start,
         brp_registration_date, contact_language), ',' order by id)) from person) as persons,
      (select md5(string_agg(concat_ws('|', person_id, kind, location_id, street, host_name,
         valid_from, valid_to), ',' order by id)) from placement) as placements,
      (select md5(string_agg(concat_ws('|', person_id, month, net_cents, kind, source, payer),
         ',' order by id)) from income) as incomes`,
  );

describe("generateDemo at the demo scale", () => {
  let database: Database;
  let result: Awaited<ReturnType<typeof generateDemo>>;
  const messages: string[] = [];

  beforeAll(async () => {
    database = await freshDatabase();
    result = await generateDemo(database.db, {
      scale: "demo",
      seed: 1,
      onProgress: (m) => messages.push(m),
    });
  });

  it("makes about 2,000 persons and reports what it wrote", async () => {
    const counts = await one<Record<string, number>>(
      database,
      sql`select (select count(*)::int from person) as persons,
                 (select count(*)::int from household) as households,
                 (select count(*)::int from placement) as placements,
                 (select count(*)::int from income) as incomes,
                 (select count(*)::int from location) as locations`,
    );
    expect(counts.persons).toBeGreaterThanOrEqual(1_900);
    expect(counts.persons).toBeLessThanOrEqual(2_200);
    expect(result).toMatchObject(counts);
    expect(messages.some((m) => /^person \d+\/\d+$/.test(m))).toBe(true);
  });

  it("loads the built-in reference data: all 25 safety regions, each with a municipality", async () => {
    const r = await one<{ regions: number; mapped: number; gemeenten: number }>(
      database,
      sql`select (select count(*)::int from veiligheidsregio) as regions,
                 (select count(distinct veiligheidsregio_code)::int from gemeente_veiligheidsregio
                   where valid_from = '2023-01-01' and valid_to is null) as mapped,
                 (select count(*)::int from gemeente) as gemeenten`,
    );
    expect(r).toMatchObject({ regions: 25, mapped: 25 });
    expect(r.gemeenten).toBeGreaterThanOrEqual(30);
  });

  it("puts the most persons in Utrecht and Amsterdam, which host the demo accounts", async () => {
    const rows = await query<{ code: string; n: number }>(
      database.db,
      sql`select gemeente_code as code, count(*)::int as n from person group by 1 order by 2 desc`,
    );
    expect(
      rows
        .slice(0, 2)
        .map((r) => r.code)
        .sort(),
    ).toEqual(["GM0344", "GM0363"]);
    expect(rows.length).toBeGreaterThanOrEqual(4);
  });

  it("gives valid, unique BSNs to about 97% and unique 10-digit V-numbers to all", async () => {
    const rows = await query<{ bsn: string | null; v: string }>(
      database.db,
      sql`select bsn, v_number as v from person`,
    );
    const bsns = rows.map((r) => r.bsn).filter((b): b is string => b !== null);
    expect(bsns.every(isValidBsn)).toBe(true);
    expect(bsns.every((b) => b.startsWith("99"))).toBe(true);
    expect(new Set(bsns).size).toBe(bsns.length);
    expect(bsns.length / rows.length).toBeGreaterThan(0.94);
    expect(rows.every((r) => /^[0-9]{10}$/.test(r.v))).toBe(true);
    expect(new Set(rows.map((r) => r.v)).size).toBe(rows.length);
  });

  it("writes the Latin names by the 2010 transliteration of the Cyrillic ones", async () => {
    const rows = await query<{ f: string; g: string; fc: string; gc: string }>(
      database.db,
      sql`select family_name as f, given_names as g, family_name_cyrillic as fc,
                 given_names_cyrillic as gc from person`,
    );
    for (const r of rows) {
      expect(r.f).toBe(transliterate(r.fc));
      expect(r.g).toBe(transliterate(r.gc));
    }
    // Female forms of adjectival family names.
    const ska = await one<{ n: number }>(
      database,
      sql`select count(*)::int as n from person where family_name_cyrillic like '%ська' and sex = 'M'`,
    );
    expect(ska.n).toBe(0);
  });

  it("has a few partly unknown birth dates and children younger than their parents", async () => {
    const r = await one<{ partial: number; badChild: number }>(
      database,
      sql`select
        (select count(*)::int from person where birth_date like '%-00') as partial,
        (select count(*)::int from household_membership c
           join household_membership a on a.household_id = c.household_id
             and a.role in ('head', 'partner', 'guardian')
           join person pc on pc.id = c.person_id join person pa on pa.id = a.person_id
          where c.role = 'child' and pc.birth_date < pa.birth_date) as "badChild"`,
    );
    expect(r.partial).toBeGreaterThan(0);
    expect(r.partial).toBeLessThan(30);
    expect(r.badChild).toBe(0);
  });

  it("never has a person in two households at once, nor in two placements at once", async () => {
    const r = await one<{ households: number; placements: number }>(
      database,
      sql`select
        (select count(*)::int from household_membership a join household_membership b
           on a.person_id = b.person_id and a.id < b.id
          and daterange(a.valid_from, a.valid_to, '[]') && daterange(b.valid_from, b.valid_to, '[]'))
          as households,
        (select count(*)::int from placement a join placement b
           on a.person_id = b.person_id and a.id < b.id
          and daterange(a.valid_from, a.valid_to, '[]') && daterange(b.valid_from, b.valid_to, '[]'))
          as placements`,
    );
    expect(r).toEqual({ households: 0, placements: 0 });
  });

  it("never has a location over capacity, checked on every day occupancy or capacity changes", async () => {
    const over = await query<{ location_id: number; d: string }>(
      database.db,
      sql`with days as (
          select location_id, valid_from as d from placement where kind = 'goo'
          union select location_id, valid_from from location_capacity)
        select days.location_id, days.d from days
        where (select count(*) from placement p where p.location_id = days.location_id
                 and p.valid_from <= days.d and (p.valid_to is null or p.valid_to >= days.d))
            > coalesce((select c.places from location_capacity c where c.location_id = days.location_id
                 and c.valid_from <= days.d and (c.valid_to is null or c.valid_to >= days.d)), 0)`,
    );
    expect(over).toEqual([]);
  });

  it("places GOO households only in locations realised on the day they move in", async () => {
    const r = await one<{ n: number }>(
      database,
      sql`select count(*)::int as n from placement p where p.kind = 'goo' and not exists (
            select 1 from location_status s where s.location_id = p.location_id
               and s.status = 'realised' and s.valid_from <= p.valid_from
               and (s.valid_to is null or s.valid_to >= coalesce(p.valid_to, p.valid_from)))`,
    );
    expect(r.n).toBe(0);
  });

  it("places every current household together, and occupancy is high", async () => {
    const r = await one<{ unplaced: number; split: number; goo: number; current: number }>(
      database,
      sql`with cur as (
          select m.household_id, p.kind, p.location_id, p.street, p.house_number, p.person_id
            from household_membership m
            left join placement p on p.person_id = m.person_id and p.valid_to is null
           where m.valid_to is null)
        select (select count(*)::int from cur where kind is null) as unplaced,
               (select count(*)::int from (select household_id from cur group by 1
                 having count(distinct concat_ws('|', kind, location_id, street, house_number)) > 1) x)
                 as split,
               (select count(*)::int from cur where kind = 'goo') as goo,
               (select count(*)::int from cur) as current`,
    );
    expect(r.unplaced).toBe(0);
    expect(r.split).toBe(0);
    expect(r.goo / r.current).toBeGreaterThan(0.6);
    expect(r.goo / r.current).toBeLessThan(0.85);
    const occ = await one<{ occupied: number; places: number }>(
      database,
      sql`select (select count(*)::int from placement where kind = 'goo' and valid_to is null) as occupied,
                 (select sum(c.places)::int from location_capacity c join location_status s
                    on s.location_id = c.location_id and s.status = 'realised' and s.valid_to is null
                  where c.valid_to is null) as places`,
    );
    expect(occ.places).toBe(result.places);
    expect(occ.occupied / occ.places).toBeGreaterThan(0.9);
    expect(occ.occupied / occ.places).toBeLessThanOrEqual(1);
  });

  it("has history: adult children in own households, moves, departures, grown capacity", async () => {
    const r = await one<Record<string, number>>(
      database,
      sql`select
        (select count(*)::int from household_membership a join household_membership b
           on b.person_id = a.person_id and b.valid_from = a.valid_to + 1 and b.role = 'head'
          where a.role = 'child') as "turned18",
        (select count(*)::int from placement a join placement b
           on b.person_id = a.person_id and b.valid_from = a.valid_to + 1) as moves,
        (select count(*)::int from household_membership where reason = 'departure') as departures,
        (select count(*)::int from (select location_id from location_capacity group by 1
           having count(*) > 1) x) as grown,
        (select count(*)::int from location_status where status = 'closed') as closed,
        (select count(*)::int from location_status where status = 'planned' and valid_to is null)
          as planned`,
    );
    for (const [k, v] of Object.entries(r)) expect(v, k).toBeGreaterThan(0);
  });

  it("gives income to at least half of the adults, in realistic monthly amounts", async () => {
    const r = await one<{
      adults: number;
      earning: number;
      low: number;
      high: number;
      months: number;
    }>(
      database,
      sql`select count(*)::int as adults,
                 count(*) filter (where exists (select 1 from income i where i.person_id = p.id))::int
                   as earning,
                 (select min(net_cents)::int from income where kind = 'work') as low,
                 (select max(net_cents)::int from income where kind = 'work') as high,
                 (select count(distinct month)::int from income) as months
            from person p where p.birth_date <= '2008-05-01'`,
    );
    expect(r.earning / r.adults).toBeGreaterThanOrEqual(0.5);
    expect(r.earning / r.adults).toBeLessThan(0.75);
    expect(r.low).toBeGreaterThanOrEqual(50_000);
    expect(r.high).toBeLessThanOrEqual(270_000);
    expect(r.months).toBe(6);
  });

  it("has the transition under way: departures end protection, checks and withdrawals started", async () => {
    type Counts = "departed" | "work_permits" | "with_facts" | "passed" | "withdrawn";
    const r = await one<Record<Counts | "departed_with_facts" | "participatiewet", number>>(
      database,
      sql`select
        (select count(*)::int from residence_status where end_reason = 'departure') as departed,
        (select count(*)::int from residence_status where kind = 'permit_work') as work_permits,
        (select count(*)::int from person_transition) as with_facts,
        (select count(*)::int from person_transition where public_order = 'passed') as passed,
        (select count(*)::int from person_transition where asylum_withdrawn) as withdrawn,
        (select count(*)::int from person_transition t join residence_status s
           on s.person_id = t.person_id and s.end_reason = 'departure') as departed_with_facts,
        (select count(*)::int from household_transition) as participatiewet`,
    );
    expect(r.departed).toBeGreaterThan(0);
    expect(r.work_permits).toBeGreaterThan(0);
    // Most of those still here passed the public-order check; about half withdrew.
    expect(r.passed / r.with_facts).toBeGreaterThan(0.6);
    expect(r.withdrawn / r.with_facts).toBeGreaterThan(0.4);
    expect(r.withdrawn / r.with_facts).toBeLessThan(0.7);
    expect(r.departed_with_facts).toBe(0);
    expect(r.participatiewet).toBeGreaterThan(0);
  });

  it("refuses to run again on a database that already holds persons", async () => {
    await expect(generateDemo(database.db, { scale: "demo", seed: 2 })).rejects.toThrow(
      /empty person table/,
    );
  });

  it("makes the same data from the same seed and other data from another seed", async () => {
    const same = await freshDatabase();
    await generateDemo(same.db, { scale: "demo", seed: 1 });
    const other = await freshDatabase();
    await generateDemo(other.db, { scale: "demo", seed: 2 });
    const a = await checksum(database);
    expect(await checksum(same)).toEqual(a);
    const b = await checksum(other);
    expect(b.persons).not.toBe(a.persons);
    expect(b.placements).not.toBe(a.placements);
  });
});
