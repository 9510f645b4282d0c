/**
 * The claim is consistent with the dashboard: on the demo data (scale demo, seed 1), the
 * place-days of a month per location are the sum over its days of the realised places the
 * occupancy module reports (placeFacts, figuresOf), the POO person-days the sum of its
 * persons in private reception, and the amounts those sums × each day's norm, computed here
 * day by day apart from the module's periods and runs.
 */
import { sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initTestApp } from "../../../test/app";
import { testEngine } from "../../../test/db";
import { query } from "../../db/connection";
import { generateDemo } from "../../db/demo/generate";
import type { AccessContext } from "../../domain/access";
import { mulRatio } from "../../domain/money";
import { getLawbook } from "../../rules/lawbook";
import { figuresOf, placeFacts } from "../occupancy";
import { gemeenteClaim, nationalFunding } from "./funding.service";

const actorOf = (gemeente: string): AccessContext => ({
  id: 1,
  username: "finance",
  role: "finance_officer",
  language: "nl",
  scope: { kind: "gemeente", gemeente },
});

function daysOf(month: string): string[] {
  const n = Temporal.PlainYearMonth.from(month).daysInMonth;
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
}

describe(`the claim against the occupancy figures on the demo data (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let kinds: Map<number, string>;
  let catering: {
    location_id: number;
    catering: boolean;
    valid_from: string;
    valid_to: string | null;
  }[];

  beforeAll(async () => {
    t = await initTestApp();
    await generateDemo(t.db, { scale: "demo", seed: 1 });
    const rows = await query<{ id: number; kind: string }>(
      t.db,
      sql`select id, kind from location`,
    );
    kinds = new Map(rows.map((r) => [r.id, r.kind]));
    catering = await query(
      t.db,
      sql`select location_id, catering, valid_from::text, valid_to::text from location_catering`,
    );
  });
  afterAll(() => t.database.destroy());

  const cateringOn = (location: number, day: string) =>
    catering.some(
      (k) =>
        k.location_id === location &&
        k.catering &&
        k.valid_from <= day &&
        (k.valid_to === null || k.valid_to >= day),
    );

  it.each([
    ["GM0344", "2024-01"],
    ["GM0363", "2025-03"],
    ["GM0599", "2022-10"],
  ])("%s in %s: place-days, person-days and amounts day by day", async (gemeente, month) => {
    const days = daysOf(month);
    const claim = await gemeenteClaim(t.db, actorOf(gemeente), {
      from: days[0],
      to: days[days.length - 1],
    });
    const law = getLawbook();
    const perLocation = new Map<number, { placeDays: number; outside: number; cents: number }>();
    let pooPersonDays = 0;
    let pooWeighted = 0;
    for (const day of days) {
      const norms = law.fundingNormAmounts(day);
      const outside = law.fundingOutsideBaseRate(day)!;
      for (const row of await placeFacts(t.db, day, [gemeente])) {
        if (row.location_id === null) {
          pooPersonDays += row.poo;
          pooWeighted += row.poo * norms.pooPerPersonPerMonthCents!;
          continue;
        }
        const realised = figuresOf(row.realised, row.occupied).realisedPlaces;
        const l = perLocation.get(row.location_id) ?? { placeDays: 0, outside: 0, cents: 0 };
        const excluded =
          outside.locationKinds.includes(kinds.get(row.location_id)!) ||
          (outside.catering && cateringOn(row.location_id, day));
        if (excluded) l.outside += realised;
        else {
          l.placeDays += realised;
          l.cents += realised * norms.gooPerPlacePerDayCents!;
        }
        perLocation.set(row.location_id, l);
      }
    }
    const expected = [...perLocation.entries()]
      .filter(([, l]) => l.placeDays + l.outside > 0)
      .sort(([a], [b]) => a - b)
      .map(([id, l]) => [id, l.placeDays, l.outside, l.cents]);
    const actual = claim.locations
      .map((l) => [l.locationId, l.placeDays, l.outsideBaseRatePlaceDays, l.amountCents])
      .sort((a, b) => (a[0] as number) - (b[0] as number));
    expect(actual).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(claim.totals.pooPersonDays).toBe(pooPersonDays);
    expect(claim.totals.pooCents).toBe(mulRatio(pooWeighted, 1, days.length));
    expect(claim.totals.totalCents).toBe(claim.totals.gooCents + claim.totals.pooCents);
    if (month >= "2025") {
      // The demo's hotels, ships and catering halls: some place-days are outside from 2025.
      expect(claim.totals.outsideBaseRatePlaceDays).toBeGreaterThan(0);
    }
  });

  it("the national year is the sum of the municipalities' claims over the year", async () => {
    const n = await nationalFunding(t.db, { year: "2025" });
    const sum = (key: keyof typeof n.total) => n.gemeenten.reduce((s, g) => s + g[key], 0);
    for (const key of Object.keys(n.total) as (keyof typeof n.total)[]) {
      expect(sum(key), key).toBe(n.total[key]);
    }
    expect(n.periods.reduce((s, p) => s + p.gooCents, 0)).toBe(n.total.gooCents);
    for (const code of ["GM0344", "GM0014"]) {
      const own = await gemeenteClaim(t.db, actorOf(code), {
        from: "2025-01-01",
        to: "2025-12-31",
      });
      const { code: _c, name: _n, ...row } = n.gemeenten.find((g) => g.code === code)!;
      expect(row, code).toEqual(own.totals);
    }
    expect(n.gemeenten.map((g) => g.code)).toEqual([...n.gemeenten.map((g) => g.code)].sort());
  });
});
