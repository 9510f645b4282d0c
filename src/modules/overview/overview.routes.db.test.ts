import { sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
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
import { todayNl } from "../../domain/dates";
import { MANY_READS_PER_DAY, worklistDates } from "./overview.service";

type Page<T> = { kind: string; total: number; offset: number; limit: number; items: T[] };
type Counts = { kinds: string[]; counts: Record<string, number>; nextMonth: string };

const UTRECHT = "GM0344";
const AMSTERDAM = "GM0363";

describe(`overview (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let cw: Client;
  let fin: Client;
  let adm: Client;
  let cwAms: Client;
  let admAms: Client;
  const today = todayNl();
  const d = worklistDates(today);
  const plus = (days: number) => Temporal.PlainDate.from(today).add({ days }).toString();
  const monthBefore = (month: string, n: number) =>
    Temporal.PlainYearMonth.from(month).subtract({ months: n }).toString();
  const ids: Record<string, number> = {};
  const one = async (q: ReturnType<typeof sql>) => (await query<{ id: number }>(t.db, q))[0]!.id;

  /** A household of the municipality with its members (name, birth date), from 2024. */
  async function household(gemeente: string, label: string, members: [string, string][]) {
    const h = await one(
      sql`insert into household (gemeente_code, label) values (${gemeente}, ${label}) returning id`,
    );
    const persons: number[] = [];
    for (const [given, birth] of members) {
      const p = await one(
        sql`insert into person (gemeente_code, family_name, given_names, birth_date)
            values (${gemeente}, ${label}, ${given}, ${birth}) returning id`,
      );
      await t.db.execute(
        sql`insert into household_membership (household_id, person_id, role, valid_from)
            values (${h}, ${p}, ${persons.length === 0 ? "head" : "child"}, '2024-01-01')`,
      );
      persons.push(p);
    }
    return { id: h, persons };
  }

  const placement = (personId: number, gemeente: string, from: string, to: string | null) =>
    t.db.execute(
      sql`insert into placement (person_id, kind, gemeente_code, valid_from, valid_to, city)
          values (${personId}, 'poo', ${gemeente}, ${from}, ${to}, 'Utrecht')`,
    );
  const income = (personId: number, month: string) =>
    t.db.execute(
      sql`insert into income (person_id, month, net_cents, kind, source, payer)
          values (${personId}, ${`${month}-01`}, 120000, 'work', 'caseworker', 'Jumbo')`,
    );

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    ids.cw = await insertTestUser(t.database, "cw-utr", "caseworker", UTRECHT);
    ids.fin = await insertTestUser(t.database, "fin-utr", "finance_officer", UTRECHT);
    ids.adm = await insertTestUser(t.database, "adm-utr", "municipal_admin", UTRECHT);
    ids.cwAms = await insertTestUser(t.database, "cw-ams", "caseworker", AMSTERDAM);
    ids.admAms = await insertTestUser(t.database, "adm-ams", "municipal_admin", AMSTERDAM);
    ids.fresh = await insertTestUser(t.database, "new-utr", "caseworker", UTRECHT);
    ids.gone = await insertTestUser(t.database, "gone-utr", "finance_officer", UTRECHT);
    await t.db.execute(sql`update app_user set active = false where id = ${ids.gone}`);
    cw = await signIn(t.app, "cw-utr");
    fin = await signIn(t.app, "fin-utr");
    adm = await signIn(t.app, "adm-utr");
    cwAms = await signIn(t.app, "cw-ams");
    admAms = await signIn(t.app, "adm-ams");

    const [year, month] = d.nextMonth.split("-");
    const born = (day: string) => `${Number(year) - 18}-${month}-${day}`;
    const thisMonthBirth = `${Number(today.slice(0, 4)) - 18}-${today.slice(5, 7)}-01`;
    // Utrecht: two children turning 18 next month (the 3rd and the 15th), one this month.
    const a = await household(UTRECHT, "Bondarenko", [
      ["Olena", "1985-04-02"],
      ["Taras", born("15")],
    ]);
    const b = await household(UTRECHT, "Antonenko", [
      ["Iryna", "1980-01-01"],
      ["Maksym", born("03")],
      ["Sofiia", thisMonthBirth],
    ]);
    const c = await household(UTRECHT, "Melnyk", [["Petro", "1970-05-05"]]);
    // Amsterdam: a child turning 18 next month, a placement ending, an income missing.
    const x = await household(AMSTERDAM, "Kovalenko", [
      ["Oksana", "1982-03-03"],
      ["Denys", born("01")],
    ]);
    Object.assign(ids, { a: a.id, b: b.id, c: c.id, x: x.id });
    ids.taras = a.persons[1]!;
    ids.maksym = b.persons[1]!;
    ids.olena = a.persons[0]!;
    ids.iryna = b.persons[0]!;
    ids.petro = c.persons[0]!;

    // Placements: Olena's ends in 10 days; Iryna's in 5 but she moves on (no ending);
    // Petro's in 40 days (too late); Oksana's in 3 days (Amsterdam).
    await placement(ids.olena, UTRECHT, "2024-01-01", plus(10));
    await placement(ids.iryna, UTRECHT, "2024-01-01", plus(5));
    await placement(ids.iryna, UTRECHT, plus(6), null);
    await placement(ids.petro, UTRECHT, "2024-01-01", plus(40));
    await placement(x.persons[0]!, AMSTERDAM, "2024-01-01", plus(3));

    // Incomes: Olena worked two months ago, nothing last month (missing); Iryna worked
    // and has last month's (not missing); Petro worked three months ago (missing, longer);
    // Oksana (Amsterdam) missing too.
    await income(ids.olena, monthBefore(d.latestMonth, 1));
    await income(ids.iryna, monthBefore(d.latestMonth, 1));
    await income(ids.iryna, d.latestMonth);
    await income(ids.petro, monthBefore(d.latestMonth, 3));
    await income(x.persons[0]!, monthBefore(d.latestMonth, 1));

    // Decisions: Bondarenko's month two months ago was decided, then an income of that
    // month arrived; Antonenko's decision has no later change; Amsterdam's changed too.
    await t.db.execute(sql`insert into law_version (hash, files) values ('test-law', '[]')`);
    const decide = (household: number, gemeente: string, month: string) =>
      t.db.execute(
        sql`insert into decision (household_id, gemeente_code, month, kind, inputs, result, trace,
                                  law_hash, engine_version, decided_at)
            values (${household}, ${gemeente}, ${`${month}-01`}, 'manual', '{}', '{}', '[]',
                    'test-law', 'test', now() - interval '2 days')`,
      );
    const decided = monthBefore(d.latestMonth, 2);
    await decide(a.id, UTRECHT, decided);
    await decide(b.id, UTRECHT, decided);
    await decide(x.id, AMSTERDAM, decided);
    await income(ids.taras, decided);
    await income(x.persons[1]!, decided);
  });
  afterAll(() => t.database.destroy());

  it("counts each of the caseworker's lists, of their municipality only", async () => {
    const res = await cw.json<Counts>("GET", "/api/v1/overview/counts");
    expect(res.status).toBe(200);
    expect(res.body.kinds).toEqual([
      "turning_18",
      "placements_ending",
      "income_missing",
      "changes",
      "transition",
    ]);
    expect(res.body.counts).toMatchObject({
      turning_18: 2,
      placements_ending: 1,
      income_missing: 2,
      changes: 1,
    });
    expect(res.body.counts.transition).toBeGreaterThan(0);
    expect(res.body.nextMonth).toBe(d.nextMonth);
  });

  it("the finance officer has the lists about money only", async () => {
    const res = await fin.json<Counts>("GET", "/api/v1/overview/counts");
    expect(res.status).toBe(200);
    expect(res.body.kinds).toEqual(["changes", "income_missing"]);
    expect(Object.keys(res.body.counts).sort()).toEqual(["changes", "income_missing"]);
    const refused = await fin.json("GET", "/api/v1/overview/worklist?kind=turning_18");
    expect(refused.status).toBe(403);
    const money = await fin.json<Page<{ householdId: number }>>(
      "GET",
      "/api/v1/overview/worklist?kind=changes",
    );
    expect(money.status).toBe(200);
    expect(money.body.items.map((i) => i.householdId)).toEqual([ids.a]);
  });

  it("lists children turning 18 next month, earliest first, a page at a time", async () => {
    const first = await cw.json<Page<{ personId: number; date: string; householdId: number }>>(
      "GET",
      "/api/v1/overview/worklist?kind=turning_18&limit=1",
    );
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(2);
    expect(first.body.items).toEqual([
      expect.objectContaining({
        personId: ids.maksym,
        householdId: ids.b,
        date: `${d.nextMonth}-03`,
      }),
    ]);
    const second = await cw.json<Page<{ personId: number }>>(
      "GET",
      "/api/v1/overview/worklist?kind=turning_18&limit=1&offset=1",
    );
    expect(second.body.items.map((i) => i.personId)).toEqual([ids.taras]);
    const past = await cw.json<Page<unknown>>(
      "GET",
      "/api/v1/overview/worklist?kind=turning_18&offset=10",
    );
    expect(past.body).toMatchObject({ total: 2, items: [] });
  });

  it("audits the persons a page names, and only those", async () => {
    await cw.json("GET", "/api/v1/overview/worklist?kind=turning_18&limit=1");
    const [record] = await query<{
      action: string;
      entity_type: string;
      person_ids: number[];
      gemeente_code: string;
      user_id: number;
    }>(
      t.db,
      sql`select action, entity_type, person_ids, gemeente_code, user_id from audit_record
          order by id desc limit 1`,
    );
    expect(record).toEqual({
      action: "read",
      entity_type: "person",
      person_ids: [ids.maksym],
      gemeente_code: UTRECHT,
      user_id: ids.cw,
    });
  });

  it("lists placements ending within 30 days; a move is no ending", async () => {
    const res = await cw.json<
      Page<{ householdId: number; date: string; persons: number; kinds: string[] }>
    >("GET", "/api/v1/overview/worklist?kind=placements_ending");
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items).toEqual([
      expect.objectContaining({ householdId: ids.a, date: plus(10), persons: 1, kinds: ["poo"] }),
    ]);
  });

  it("lists households with an income missing after earlier work, longest missing first", async () => {
    const res = await cw.json<
      Page<{ householdId: number; lastMonth: string; persons: { personId: number }[] }>
    >("GET", "/api/v1/overview/worklist?kind=income_missing");
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((i) => [i.householdId, i.lastMonth, i.persons.map((p) => p.personId)]),
    ).toEqual([
      [ids.c, monthBefore(d.latestMonth, 3), [ids.petro]],
      // Taras's income of the decided month counts as earlier work too.
      [ids.a, monthBefore(d.latestMonth, 1), [ids.olena, ids.taras]],
    ]);
  });

  it("lists households whose decided months' facts changed after the decision", async () => {
    const res = await cw.json<Page<{ householdId: number; months: number; firstMonth: string }>>(
      "GET",
      "/api/v1/overview/worklist?kind=changes",
    );
    expect(res.body.items).toEqual([
      expect.objectContaining({
        householdId: ids.a,
        months: 1,
        firstMonth: monthBefore(d.latestMonth, 2),
      }),
    ]);
  });

  it("lists the transition caseload of the municipality only", async () => {
    const res = await cw.json<Page<{ personId: number }>>(
      "GET",
      "/api/v1/overview/worklist?kind=transition&limit=100",
    );
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    const [foreign] = await query<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from person
          where gemeente_code = ${AMSTERDAM}
            and id = any(${`{${res.body.items.map((i) => i.personId).join(",")}}`}::int[])`,
    );
    expect(foreign!.n).toBe(0);
  });

  it("security: another municipality's records never appear", async () => {
    const ams = await cwAms.json<Counts>("GET", "/api/v1/overview/counts");
    expect(ams.body.counts).toMatchObject({
      turning_18: 1,
      placements_ending: 1,
      income_missing: 1,
      changes: 1,
    });
    for (const kind of ["turning_18", "placements_ending", "income_missing", "changes"]) {
      const res = await cwAms.json<Page<{ householdId: number }>>(
        "GET",
        `/api/v1/overview/worklist?kind=${kind}`,
      );
      expect(
        res.body.items.map((i) => i.householdId),
        kind,
      ).toEqual([ids.x]);
    }
  });

  it("refuses an unknown kind and a page too large", async () => {
    expect((await cw.json("GET", "/api/v1/overview/worklist?kind=bank_accounts")).status).toBe(400);
    expect((await cw.json("GET", "/api/v1/overview/worklist?kind=changes&limit=101")).status).toBe(
      400,
    );
    expect((await adm.json("GET", "/api/v1/overview/worklist?kind=changes")).status).toBe(403);
  });

  it("a later change record of a member counts as a changed fact; a shared import record does not", async () => {
    const list = async () =>
      (
        await cw.json<Page<{ householdId: number }>>(
          "GET",
          "/api/v1/overview/worklist?kind=changes",
        )
      ).body.items.map((i) => i.householdId);
    await t.db.execute(
      sql`insert into audit_record (user_id, action, entity_type, entity_id, person_ids, gemeente_code)
          values (${ids.cw}, 'import', 'income_import', '1', ${`{${ids.iryna}}`}::int[], ${UTRECHT})`,
    );
    expect(await list()).toEqual([ids.a]);
    await t.db.execute(
      sql`insert into audit_record (user_id, action, entity_type, entity_id, person_id, gemeente_code)
          values (${ids.cw}, 'end_placement', 'household', ${String(ids.b)}, ${ids.iryna}, ${UTRECHT})`,
    );
    // Both decided the same month: by label.
    expect(await list()).toEqual([ids.b, ids.a]);
  });

  describe("the municipal admin", () => {
    /** The most recent weekday (Wednesday) and Saturday before today. */
    function lastDay(isoDay: number) {
      let day = Temporal.PlainDate.from(today).subtract({ days: 1 });
      while (day.dayOfWeek !== isoDay) day = day.subtract({ days: 1 });
      return day.toString();
    }
    const wednesday = lastDay(3);
    const saturday = lastDay(6);
    const at = (day: string, time: string) =>
      Temporal.PlainDateTime.from(`${day}T${time}`)
        .toZonedDateTime("Europe/Amsterdam")
        .toInstant()
        .toString();

    beforeAll(async () => {
      const reads = (user: number, gemeente: string, n: number, when: string) =>
        t.db.execute(
          sql`insert into audit_record (at, user_id, username, role, action, entity_type, person_id, gemeente_code)
              select ${when}::timestamptz, ${user}, 'u', 'caseworker', 'read', 'person', ${ids.olena}, ${gemeente}
              from generate_series(1, ${n})`,
        );
      await reads(ids.cw!, UTRECHT, MANY_READS_PER_DAY + 1, at(wednesday, "10:00"));
      await reads(ids.fin!, UTRECHT, 1, at(wednesday, "22:30"));
      await reads(ids.fin!, UTRECHT, 1, at(wednesday, "06:59"));
      await reads(ids.cw!, UTRECHT, 2, at(saturday, "12:00"));
      // Amsterdam's caseworker: many reads, at night, never the Utrecht admin's business.
      await reads(ids.cwAms!, AMSTERDAM, MANY_READS_PER_DAY + 5, at(wednesday, "23:00"));
    });

    it("counts the staff accounts: active, inactive, never signed in", async () => {
      const res = await adm.json<{
        users: {
          total: number;
          active: number;
          inactive: number;
          neverSignedIn: number;
          neverSignedInAccounts: { username: string }[];
        };
        anomalies: { counts: Record<string, number>; manyReadsPerDay: number };
      }>("GET", "/api/v1/overview/admin");
      expect(res.status).toBe(200);
      expect(res.body.users).toMatchObject({ total: 5, active: 4, inactive: 1, neverSignedIn: 1 });
      expect(res.body.users.neverSignedInAccounts.map((u) => u.username)).toEqual(["new-utr"]);
      expect(res.body.anomalies).toMatchObject({
        manyReadsPerDay: MANY_READS_PER_DAY,
        counts: { many_reads: 1 },
      });
      // Today's reads by these tests count too when they run at night.
      expect(res.body.anomalies.counts.out_of_hours).toBeGreaterThanOrEqual(2);
    });

    it("lists many reads and reads outside working hours per user and day", async () => {
      const many = await adm.json<Page<{ userId: number; day: string; reads: number }>>(
        "GET",
        "/api/v1/overview/anomalies?kind=many_reads",
      );
      expect(many.status).toBe(200);
      expect(many.body.items).toEqual([
        expect.objectContaining({ userId: ids.cw, day: wednesday, reads: MANY_READS_PER_DAY + 1 }),
      ]);
      const night = await adm.json<Page<{ userId: number; day: string; reads: number }>>(
        "GET",
        "/api/v1/overview/anomalies?kind=out_of_hours",
      );
      // Newest day first; today's reads by these tests left out (they count at night).
      expect(
        night.body.items.filter((i) => i.day !== today).map((i) => [i.userId, i.day, i.reads]),
      ).toEqual(
        [
          [ids.cw, saturday, 2],
          [ids.fin, wednesday, 2],
        ].sort((x, y) => String(y[1]).localeCompare(String(x[1]))),
      );
      const paged = await adm.json<Page<unknown>>(
        "GET",
        "/api/v1/overview/anomalies?kind=out_of_hours&limit=1&offset=1",
      );
      expect(paged.body).toMatchObject({ total: night.body.total, offset: 1, limit: 1 });
      expect(paged.body.items).toHaveLength(1);
    });

    it("security: another municipality's staff never appears; other roles are refused", async () => {
      const ams = await admAms.json<Page<{ userId: number }>>(
        "GET",
        "/api/v1/overview/anomalies?kind=out_of_hours",
      );
      expect(new Set(ams.body.items.map((i) => i.userId))).toEqual(new Set([ids.cwAms]));
      const utrecht = await adm.json<Page<{ userId: number }>>(
        "GET",
        "/api/v1/overview/anomalies?kind=many_reads&days=366",
      );
      expect(utrecht.body.items.map((i) => i.userId)).not.toContain(ids.cwAms);
      expect((await cw.json("GET", "/api/v1/overview/admin")).status).toBe(403);
      expect((await adm.json("GET", "/api/v1/overview/admin?days=0")).status).toBe(400);
    });

    it("records the admin's look at the anomalies", async () => {
      await adm.json("GET", "/api/v1/overview/anomalies?kind=many_reads");
      const [record] = await query<{ action: string; entity_type: string; user_id: number }>(
        t.db,
        sql`select action, entity_type, user_id from audit_record order by id desc limit 1`,
      );
      expect(record).toEqual({ action: "read", entity_type: "audit", user_id: ids.adm });
    });
  });
});
