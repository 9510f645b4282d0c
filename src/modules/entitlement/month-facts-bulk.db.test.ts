import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertTestGemeenten } from "../../../test/app";
import { createTestDatabase, type TestDatabase, testEngine } from "../../../test/db";
import { query } from "../../db/connection";
import { generateDemo } from "../../db/demo/generate";
import { monthFacts, monthFactsOfGemeente } from "./entitlement.service";

// Before, around and after the transition's cut (RTB end 2027-03-04): presence only, the
// demo's "today" with a few ended supports, the transition month, and the month after.
const MONTHS = ["2022-06", "2023-03", "2024-07", "2026-10", "2027-03", "2027-04"];
const GEMEENTEN = ["GM0344", "GM0363"];

describe(`monthFactsOfGemeente on the demo data (${testEngine})`, () => {
  let d: TestDatabase;
  const householdsOf = new Map<string, number[]>();
  // What the comparisons met, so a demo change cannot leave a case untested unnoticed.
  const seen = { requests: 0, endedWithRequest: 0, endedOnly: 0, absent: 0 };

  beforeAll(async () => {
    d = await createTestDatabase();
    await generateDemo(d.db, { scale: "demo", seed: 1 });
    for (const g of GEMEENTEN) {
      const rows = await query<{ id: number }>(
        d.db,
        sql`select id from household where gemeente_code = ${g} order by id`,
      );
      householdsOf.set(
        g,
        rows.map((r) => r.id),
      );
    }
  });
  afterAll(() => d.destroy());

  for (const gemeente of GEMEENTEN) {
    for (const month of MONTHS) {
      it(`${gemeente} ${month}: each household as monthFacts gives it, absent only when it has nothing`, async () => {
        const households = householdsOf.get(gemeente)!;
        const bulk = await monthFactsOfGemeente(d.db, gemeente, month);
        const own = new Set(households);
        for (const id of bulk.keys()) expect(own.has(id), `household ${id}`).toBe(true);
        for (const id of households) {
          const one = await monthFacts(d.db, id, month, gemeente);
          const b = bulk.get(id);
          if (b === undefined) {
            expect(one, `household ${id}`).toStrictEqual({
              month,
              request: null,
              personIds: [],
              supportEnded: [],
            });
            seen.absent += 1;
            continue;
          }
          expect(b, `household ${id}`).toStrictEqual(one);
          // Present in the map means something to pay or something that ended.
          expect(b.request !== null || b.supportEnded.length > 0, `household ${id}`).toBe(true);
          if (b.request) seen.requests += 1;
          if (b.request && b.supportEnded.length) seen.endedWithRequest += 1;
          if (!b.request) seen.endedOnly += 1;
        }
      });
    }
  }

  it("met households with a request, with ended support beside one, with only ended support, and absent ones", () => {
    expect(seen.requests).toBeGreaterThan(100);
    expect(seen.endedWithRequest).toBeGreaterThan(0);
    expect(seen.endedOnly).toBeGreaterThan(100);
    expect(seen.absent).toBeGreaterThan(100);
  });

  it("limited to household ids: only those of the municipality, each as in the full map", async () => {
    const households = householdsOf.get("GM0344")!;
    const [other] = householdsOf.get("GM0363")!;
    const some = households.filter((_, i) => i % 3 === 0);
    const full = await monthFactsOfGemeente(d.db, "GM0344", "2026-10");
    const limited = await monthFactsOfGemeente(d.db, "GM0344", "2026-10", {
      householdIds: [...some, other!, 999_999_999],
    });
    const expected = some.filter((id) => full.has(id));
    expect(expected.length).toBeGreaterThan(50);
    expect([...limited.keys()].sort((a, b) => a - b)).toEqual(expected);
    for (const id of expected) expect(limited.get(id)).toStrictEqual(full.get(id));
    expect((await monthFactsOfGemeente(d.db, "GM0344", "2026-10", { householdIds: [] })).size).toBe(
      0,
    );
  });
});

describe(`monthFactsOfGemeente: support depends on the household computed (${testEngine})`, () => {
  let d: TestDatabase;
  let a: number;
  let b: number;
  let mover: number;
  let stayer: number;

  beforeAll(async () => {
    d = await createTestDatabase();
    await insertTestGemeenten(d);
    const [loc] = await query<{ id: number }>(
      d.db,
      sql`insert into location (gemeente_code, name, kind)
          values ('GM0344', 'Flex Overvecht', 'flex_homes') returning id`,
    );
    const persons = await query<{ id: number }>(
      d.db,
      sql`insert into person (gemeente_code, family_name, given_names, birth_date, protection_start)
          values ('GM0344', 'Kovalenko', 'Olena', '1985-02-02', '2022-04-01'),
                 ('GM0344', 'Kovalenko', 'Petro', '1983-07-07', '2022-04-01')
          returning id`,
    );
    [mover, stayer] = persons.map((p) => p.id) as [number, number];
    const hs = await query<{ id: number }>(
      d.db,
      sql`insert into household (gemeente_code, label)
          values ('GM0344', 'Kovalenko'), ('GM0344', 'Kovalenko-2') returning id`,
    );
    [a, b] = hs.map((h) => h.id) as [number, number];
    // Olena leaves household a for b on 11 April 2027; Petro stays in a.
    await d.db.execute(sql`insert into household_membership
        (household_id, person_id, role, valid_from, valid_to) values
        (${a}, ${mover}, 'head', '2022-04-01', '2027-04-10'),
        (${a}, ${stayer}, 'partner', '2022-04-01', null),
        (${b}, ${mover}, 'head', '2027-04-11', null)`);
    for (const id of [mover, stayer]) {
      await d.db.execute(sql`insert into placement (person_id, kind, location_id, gemeente_code, valid_from)
          values (${id}, 'goo', ${loc!.id}, 'GM0344', '2022-04-01')`);
      // Protection until the RTB ends, then a transitiedocument: leefgeld continues
      // until the household's Participatiewet decision (transitie.leefgeld.continuation).
      await d.db.execute(sql`insert into residence_status (person_id, kind, valid_from, valid_to, source)
          values (${id}, 'transitiedocument', '2027-03-05', null, 'ind')`);
    }
    // Household a's decision takes effect on 6 April; household b has none.
    await d.db.execute(sql`insert into household_transition
        (household_id, participatiewet_filed_on, participatiewet_decided_on, participatiewet_outcome)
        values (${a}, '2027-03-10', '2027-04-06', 'granted')`);
  });
  afterAll(() => d.destroy());

  it("the mover is supported in b and not in a after a's decision, as monthFacts says", async () => {
    const bulk = await monthFactsOfGemeente(d.db, "GM0344", "2027-04");
    expect(bulk.get(a)).toStrictEqual(await monthFacts(d.db, a, "2027-04", "GM0344"));
    expect(bulk.get(b)).toStrictEqual(await monthFacts(d.db, b, "2027-04", "GM0344"));
    expect(bulk.get(a)!.supportEnded).toStrictEqual([
      { personId: Math.min(mover, stayer), lastDay: "2027-04-05" },
      { personId: Math.max(mover, stayer), lastDay: "2027-04-05" },
    ]);
    expect(bulk.get(a)!.personIds.sort()).toStrictEqual([mover, stayer].sort());
    expect(bulk.get(b)!.supportEnded).toStrictEqual([]);
    expect(bulk.get(b)!.personIds).toStrictEqual([mover]);
    expect(bulk.get(b)!.request!.members[0]!.periods).toStrictEqual([
      { from: "2027-04-11", to: "2027-04-30" },
    ]);
  });
});
