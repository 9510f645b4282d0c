/**
 * The kept national facts against the ledger: on the demo data, for many days and sets of
 * municipalities, the facts the dashboard reads (kept, with the changed municipalities read
 * from the ledger) equal the facts read from the ledger alone, before and after the
 * refresher rebuilt them, through random changes of every table the facts rest on.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testEngine } from "../../../test/db";
import { query } from "../../db/connection";
import { DEMO_TODAY, generateDemo } from "../../db/demo/generate";
import { Random } from "../../db/demo/random";
import { keptFlows } from "./facts.repository";
import {
  type Facts,
  factsOn,
  flowsOf,
  ledgerFacts,
  NationalFactsRefresher,
  refreshNationalFacts,
} from "./facts.service";
import { flowsBetween } from "./national.repository";
import { latestCompleteMonth, mondayOf } from "./national.service";

/** The facts as sorted lines, rows with only zeros left out (a location without places). */
function lines(f: Facts): string[] {
  const out: string[] = [];
  for (const p of f.places) {
    if (p.realised || p.occupied || p.poo) {
      out.push(
        `place ${p.gemeente_code} ${p.location_id} ${p.kind} ${p.realised}/${p.occupied}/${p.free}/${p.poo}`,
      );
    }
  }
  for (const r of f.registered) {
    if (r.ukrainian || r.other) out.push(`reg ${r.gemeente_code} ${r.ukrainian}/${r.other}`);
  }
  for (const w of f.work) {
    if (w.adults)
      out.push(`work ${w.gemeente_code} ${w.location_id} ${w.kind} ${w.adults}/${w.with_work}`);
  }
  return out.sort();
}

describe(`kept national facts against the ledger (${testEngine})`, () => {
  let d: TestDatabase;
  let gemeenten: string[];
  const rng = new Random(7);

  const days = () => {
    const out = ["2022-03-04", "2022-10-15", "2024-01-19", "2025-06-30", DEMO_TODAY, "2027-03-05"];
    for (let i = 0; i < 6; i++) {
      const day = new Date(Date.UTC(2022, 2, 1) + rng.int(0, 1_740) * 86_400_000);
      out.push(day.toISOString().slice(0, 10));
    }
    return out;
  };

  /** Kept and ledger facts agree on every day, for all and for some municipalities. */
  async function expectSame(label: string, flowsKept = true) {
    const sets: (string[] | null)[] = [null, gemeenten.slice(0, 1), gemeenten.slice(1, 3)];
    // The flows of whole years and of 26 weeks, as the dashboard reads them and as kept.
    // Every week from the first to the last (so every change's own weeks), and 26 weeks.
    for (const [from, to] of [
      ["2022-02-28", "2026-12-28"],
      [mondayOf("2024-01-19"), mondayOf("2024-07-19")],
    ] as const) {
      for (const set of sets) {
        const unit = set
          ? ({ kind: "gemeenten", codes: set } as const)
          : ({ kind: "all" } as const);
        const ledger = await flowsBetween(d.db, from, to, unit);
        const where = `${label}: flows ${from} ${set?.join(",") ?? "all"}`;
        expect(await flowsOf(d.db, from, to, unit), where).toEqual(ledger);
        if (flowsKept) expect(await keptFlows(d.db, from, to, set), where).toEqual(ledger);
        if (!set) expect(ledger.some((w) => w.arrivals > 0 && w.registrations > 0)).toBe(true);
      }
    }
    for (const on of days()) {
      for (const set of sets) {
        const work = { month: latestCompleteMonth(on) };
        const [a, b] = await Promise.all([
          factsOn(d.db, on, set, work),
          ledgerFacts(d.db, on, set, work),
        ]);
        expect(lines(a), `${label}: ${on} ${set?.join(",") ?? "all"}`).toEqual(lines(b));
        if (on === DEMO_TODAY) expect(lines(b).length).toBeGreaterThan(set ? 1 : 20);
      }
    }
  }

  const one = async <T>(q: ReturnType<typeof sql>) => (await query<T>(d.db, q))[0]!;
  const marked = async () =>
    (await one<{ n: number }>(sql`select count(*)::int as n from national_fact_dirty`)).n;

  beforeAll(async () => {
    d = await createTestDatabase();
    await generateDemo(d.db, { scale: "demo", seed: 1 });
    gemeenten = (
      await query<{ code: string }>(
        d.db,
        sql`select distinct gemeente_code as code from placement order by 1`,
      )
    ).map((r) => r.code);
  }, 300_000);
  afterAll(async () => {
    await d?.destroy();
  });

  it("reads the ledger until built, then the kept facts, and both agree", async () => {
    expect(gemeenten.length).toBeGreaterThan(1);
    await expectSame("never built", false);
    expect(await refreshNationalFacts(d.db, { today: DEMO_TODAY })).toEqual({
      rebuilt: "full",
      gemeenten: [],
    });
    expect(await marked()).toBe(0);
    const runs = await one<{ n: number }>(sql`select count(*)::int as n from national_fact_run`);
    expect(runs.n).toBeGreaterThan(100);
    await expectSame("built");
    // The comparison sees a wrong kept count (a run that covers today).
    await d.db.execute(sql`update national_fact_run set value = value + 1 where id =
      (select min(id) from national_fact_run where measure = 'occupied' and valid_to is null)`);
    await expect(expectSame("one run off by one")).rejects.toThrow(/one run off by one/);
    await refreshNationalFacts(d.db, { today: DEMO_TODAY, full: true });
    await d.db.execute(sql`update national_flow_week set n = n + 1 where id =
      (select min(id) from national_flow_week where measure = 'arrivals' and week >= '2026-01-05')`);
    await expect(expectSame("one flow off by one")).rejects.toThrow(/one flow off by one/);
    await refreshNationalFacts(d.db, { today: DEMO_TODAY, full: true });
    await expectSame("rebuilt in full");
    expect(await refreshNationalFacts(d.db, { today: DEMO_TODAY })).toEqual({
      rebuilt: "none",
      gemeenten: [],
    });
  }, 300_000);

  it("follows every kind of change: marked in the change, rebuilt by the refresher", async () => {
    const [g0, g1] = gemeenten as [string, string];
    const person = (g: string) =>
      one<{ id: number }>(
        sql`select p.id from person p join placement pl on pl.person_id = p.id
            where p.gemeente_code = ${g} and pl.valid_to is null and pl.kind = 'goo'
            order by p.id offset ${rng.int(0, 20)} limit 1`,
      );
    const location = (g: string) =>
      one<{ id: number }>(
        sql`select id from location where gemeente_code = ${g} order by id limit 1`,
      );
    const changes: [string, () => Promise<unknown>, string[]?][] = [
      [
        // Its occupants' placements still name g0: the location's municipality counts them.
        "a location moves to another municipality",
        async () => {
          const l = await one<{ id: number }>(
            sql`select location_id as id from placement where gemeente_code = ${g0}
                and kind = 'goo' and valid_to is null order by location_id limit 1`,
          );
          await d.db.execute(sql`update location set gemeente_code = ${g1} where id = ${l.id}`);
        },
      ],
      [
        "a placement ends",
        async () => {
          const p = await person(g0);
          await d.db.execute(
            sql`update placement set valid_to = '2025-02-10' where person_id = ${p.id} and valid_to is null`,
          );
        },
      ],
      [
        "capacity changes",
        async () => {
          const l = await location(g1);
          await d.db.execute(
            sql`update location_capacity set places = places + 7 where location_id = ${l.id}`,
          );
        },
        [g1],
      ],
      [
        // Registered before the municipality's first period began: counted nowhere.
        "a person's first period starts after the registration",
        async () => {
          const p = await person(g1);
          await d.db.execute(
            sql`update person_gemeente set valid_from = (select brp_registration_date + 20
                from person where id = ${p.id}) where person_id = ${p.id} and valid_from is null`,
          );
        },
      ],
      [
        "a location closes",
        async () => {
          const l = await location(g0);
          await d.db.execute(
            sql`update location_status set valid_to = '2024-06-30' where location_id = ${l.id} and valid_to is null and valid_from <= '2024-06-30'`,
          );
        },
      ],
      [
        "a registration date and nationality change",
        async () => {
          const p = await person(g1);
          await d.db.execute(
            sql`update person set brp_registration_date = '2024-01-10', nationality_code = '0001' where id = ${p.id}`,
          );
        },
      ],
      [
        "a residence status is recorded",
        async () => {
          const p = await person(g0);
          await d.db.execute(
            sql`insert into residence_status (person_id, kind, valid_from, valid_to, source)
                values (${p.id}, 'temporary_protection', '2023-03-01', '2024-02-29', 'ind')`,
          );
        },
      ],
      [
        "a work income is added",
        async () => {
          const p = await person(g1);
          await d.db.execute(
            sql`insert into income (person_id, month, net_cents, kind, source)
                values (${p.id}, '2026-09-01', 120000, 'work', 'caseworker')`,
          );
        },
      ],
      [
        "a member departs and a household returns",
        async () => {
          const p = await person(g1);
          await d.db.execute(
            sql`update household_membership set valid_to = '2026-03-03', reason = 'departure'
                where person_id = ${p.id} and valid_to is null`,
          );
          const h = await one<{ id: number }>(
            sql`select id from household where gemeente_code = ${g0} order by id limit 1`,
          );
          await d.db.execute(
            sql`insert into return_case (household_id, gemeente_code, status, departed_on)
                values (${h.id}, ${g0}, 'departed', '2026-04-14')`,
          );
        },
      ],
      [
        "a placement starts the day after another ended: a move, no longer a departure",
        async () => {
          const p = await one<{ person_id: number; valid_to: string }>(
            sql`select person_id, valid_to::text from placement
                where valid_to is not null and gemeente_code = ${g1}
                  and not exists (select 1 from placement n where n.person_id = placement.person_id
                    and n.valid_from > placement.valid_to)
                order by id limit 1`,
          );
          const l = await location(g0);
          await d.db.execute(
            sql`insert into placement (person_id, kind, location_id, gemeente_code, valid_from)
                values (${p.person_id}, 'goo', ${l.id}, ${g0}, ${p.valid_to}::date + 1)`,
          );
        },
      ],
      [
        "a person moves to another municipality",
        async () => {
          const p = await person(g0);
          await d.db.transaction(async (tx) => {
            await tx.execute(sql`update person_gemeente set valid_to = '2025-12-31'
              where person_id = ${p.id} and valid_to is null`);
            await tx.execute(sql`insert into person_gemeente (person_id, gemeente_code, valid_from)
              values (${p.id}, ${g1}, '2026-01-01')`);
            await tx.execute(sql`update person set gemeente_code = ${g1} where id = ${p.id}`);
          });
        },
      ],
    ];
    for (const [label, change, marks] of changes) {
      await change();
      expect(await marked(), `${label}: marked`).toBeGreaterThan(0);
      if (marks) {
        const codes = await query<{ code: string }>(
          d.db,
          sql`select distinct gemeente_code as code from national_fact_dirty order by 1`,
        );
        expect(
          codes.map((c) => c.code),
          `${label}: marks`,
        ).toEqual(marks);
      }
      await expectSame(`${label}, not yet rebuilt`, false);
      const result = await refreshNationalFacts(d.db, { today: DEMO_TODAY });
      expect(result.rebuilt, label).toBe("changed");
      expect(result.gemeenten.length, label).toBeGreaterThan(0);
      expect(await marked(), `${label}: cleared`).toBe(0);
      await expectSame(`${label}, rebuilt`);
    }
  }, 600_000);

  it("a name change marks nothing; a new month or other law rebuilds in full", async () => {
    const before = await marked();
    const p = await one<{ id: number }>(sql`select id from person order by id limit 1`);
    await d.db.execute(
      sql`update person set given_names = given_names || ' Jr' where id = ${p.id}`,
    );
    expect(await marked()).toBe(before);
    const next = "2027-01-04";
    expect((await refreshNationalFacts(d.db, { today: next })).rebuilt).toBe("full");
    const meta = await one<{ to: string }>(
      sql`select work_months_to::text as to from national_fact_meta`,
    );
    expect(meta.to).toBe("2027-01-01");
    await expectSame("after a new month");
    await d.db.execute(sql`truncate national_fact_meta`);
    await expectSame("meta gone: the ledger", false);
  }, 300_000);

  it("the server's refresher rebuilds what a change marked, one refresh at a time", async () => {
    const l = await one<{ id: number }>(sql`select id from location order by id limit 1`);
    await d.db.execute(
      sql`update location_capacity set places = places + 1 where location_id = ${l.id}`,
    );
    expect(await marked()).toBeGreaterThan(0);
    const refresher = new NationalFactsRefresher(d.db, 3_600);
    // Two ticks at once share one refresh.
    const [a, b] = [refresher.tick(), refresher.tick()];
    expect(a).toBe(b);
    await a;
    expect(await marked()).toBe(0);
    await refresher.stop();
    await expectSame("after the refresher");
  }, 300_000);
});
