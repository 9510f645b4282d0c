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
import { listAuditForPerson } from "../audit/audit.repository";

type Calc = {
  inReception: boolean;
  facts: { reception: string; members: { netIncomeCents: number }[] } | null;
  calculation: { leefgeld: { fullCents: number; paidCents: number }; explanation: string } | null;
};

describe(`entitlement from the household's facts (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let cw: Client;
  let householdId: number;
  let motherId: number;
  let memberIds: number[];

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    await insertTestUser(t.database, "cw-utr", "caseworker", "GM0344");
    await insertTestUser(t.database, "cw-ams", "caseworker", "GM0363");
    cw = await signIn(t.app, "cw-utr");
    const res = await cw.json<{ id: number; memberIds: number[] }>("POST", "/api/v1/households", {
      validFrom: "2025-01-01",
      members: [
        {
          role: "head",
          person: { familyName: "Bondar", givenNames: "Iryna", birthDate: "1990-05-05" },
        },
        {
          role: "child",
          person: { familyName: "Bondar", givenNames: "Taras", birthDate: "2015-03-03" },
        },
      ],
    });
    householdId = res.body.id;
    motherId = res.body.memberIds[0]!;
    memberIds = res.body.memberIds;
    const [loc] = await query<{ id: number }>(
      t.db,
      sql`insert into location (gemeente_code, name, kind) values ('GM0344', 'Flex Kanaleneiland', 'flex_homes') returning id`,
    );
    for (const id of res.body.memberIds) {
      await t.db.execute(
        sql`insert into placement (person_id, kind, location_id, gemeente_code, valid_from) values (${id}, 'goo', ${loc!.id}, 'GM0344', '2025-01-01')`,
      );
    }
  });
  afterAll(() => t.database.destroy());

  it("computes a month from members, placement and income: GOO, 2 persons, no income", async () => {
    const r = await cw.json<Calc>(
      "GET",
      `/api/v1/households/${householdId}/entitlement?month=2025-11&lang=en`,
    );
    expect(r.status).toBe(200);
    expect(r.body.facts!.reception).toBe("goo");
    // 2025 amounts, household of 2: adult 252.18 + 62.66, minor 210.05 + 62.66
    expect(r.body.calculation!.leefgeld.fullCents).toBe(25218 + 6266 + 21005 + 6266);
    expect(r.body.calculation!.leefgeld.paidCents).toBe(58755);
    expect(r.body.calculation!.explanation.length).toBeGreaterThan(20);
  });

  it("counts one source per kind of income: the bureau's figure replaces a self-report with another payer text", async () => {
    await t.db.execute(sql`insert into income (person_id, month, net_cents, kind, source, payer) values
      (${motherId}, '2025-12-01', 150000, 'work', 'self_reported', null),
      (${motherId}, '2025-12-01', 150000, 'work', 'inlichtingenbureau', 'Albert Heijn BV'),
      (${motherId}, '2025-12-01', 20000, 'wage_replacement', 'self_reported', 'UWV')`);
    const r = await cw.json<Calc>(
      "GET",
      `/api/v1/households/${householdId}/entitlement?month=2025-12`,
    );
    expect(r.body.facts!.members.find((m) => m.netIncomeCents > 0)!.netIncomeCents).toBe(170000);
  });

  it("adds incomes from two payers within one source", async () => {
    await t.db.execute(sql`insert into income (person_id, month, net_cents, kind, source, payer) values
      (${motherId}, '2026-01-01', 40000, 'work', 'inlichtingenbureau', 'Bakkerij'),
      (${motherId}, '2026-01-01', 30000, 'work', 'inlichtingenbureau', 'Schoonmaak BV')`);
    const r = await cw.json<Calc>(
      "GET",
      `/api/v1/households/${householdId}/entitlement?month=2026-01`,
    );
    expect(r.body.facts!.members.find((m) => m.netIncomeCents > 0)!.netIncomeCents).toBe(70000);
  });

  it("counts income of the month, preferring the caseworker's figure over a self-report", async () => {
    await t.db.execute(sql`insert into income (person_id, month, net_cents, kind, source, payer) values
      (${motherId}, '2025-11-01', 50000, 'work', 'self_reported', 'Bakkerij'),
      (${motherId}, '2025-11-01', 60000, 'work', 'caseworker', 'Bakkerij')`);
    const r = await cw.json<Calc>(
      "GET",
      `/api/v1/households/${householdId}/entitlement?month=2025-11`,
    );
    expect(r.body.facts!.members.find((m) => m.netIncomeCents > 0)!.netIncomeCents).toBe(60000);
    // 115% rule: T = min(L + E, 600 / 1.15 = 521.74) → leefgeld paid 587.55 − 521.74 = 65.81
    expect(r.body.calculation!.leefgeld.paidCents).toBe(58755 - 52174);
  });

  it("audits the read of each member's birth date and income in that person's log", async () => {
    const entitlementReads = async (personId: number) =>
      (await listAuditForPerson(t.db, personId)).filter((r) => r.entityType === "entitlement")
        .length;
    expect(memberIds).toHaveLength(2);
    const before = await Promise.all(memberIds.map(entitlementReads));
    await cw.request(`/api/v1/households/${householdId}/entitlement?month=2025-11`);
    const after = await Promise.all(memberIds.map(entitlementReads));
    expect(after.map((n, i) => n - before[i]!)).toEqual([1, 1]);
  });

  it("a child who has turned 18 no longer counts in the parents' household, and is flagged", async () => {
    const h = await cw.json<{ id: number; memberIds: number[] }>("POST", "/api/v1/households", {
      validFrom: "2025-01-01",
      members: [
        {
          role: "head",
          person: { familyName: "Tkachenko", givenNames: "Olha", birthDate: "1980-01-01" },
        },
        {
          role: "child",
          person: { familyName: "Tkachenko", givenNames: "Ivan", birthDate: "2007-05-15" },
        },
      ],
    });
    const [loc] = await query<{ id: number }>(t.db, sql`select id from location limit 1`);
    for (const id of h.body.memberIds) {
      await t.db.execute(
        sql`insert into placement (person_id, kind, location_id, gemeente_code, valid_from) values (${id}, 'goo', ${loc!.id}, 'GM0344', '2025-01-01')`,
      );
    }
    type WithNotices = Calc & {
      facts: { members: unknown[]; notices: { personId: number; code: string }[] };
    };
    const may = await cw.json<WithNotices>(
      "GET",
      `/api/v1/households/${h.body.id}/entitlement?month=2025-05`,
    );
    expect(may.body.facts.members).toHaveLength(2); // 17 on 1 May 2025
    const june = await cw.json<WithNotices>(
      "GET",
      `/api/v1/households/${h.body.id}/entitlement?month=2025-06`,
    );
    // The engine gets Ivan with his role and leaves him out (rooo.household.adult-child).
    expect(june.body.facts.members).toHaveLength(2);
    expect((june.body.calculation as unknown as { householdSize: number }).householdSize).toBe(1);
    expect(june.body.facts.notices).toEqual([
      expect.objectContaining({ personId: h.body.memberIds[1], code: "child_turned_18" }),
    ]);
    // The notice came from Ivan's birth date: his log shows the June read too.
    const [latest] = await listAuditForPerson(t.db, h.body.memberIds[1]!);
    expect(latest).toMatchObject({
      entityType: "entitlement",
      reason: '{"code":"month","month":"2025-06"}',
    });
    // 1–2 persons, one adult: 252.18 + 62.66
    expect(june.body.calculation!.leefgeld.fullCents).toBe(25218 + 6266);
  });

  it("says when the household was not in reception that month", async () => {
    const r = await cw.json<Calc>(
      "GET",
      `/api/v1/households/${householdId}/entitlement?month=2024-06`,
    );
    expect(r.body).toMatchObject({ inReception: false, calculation: null });
  });

  it("takes catering from the days of the month: a change from a date leaves the months before as they were", async () => {
    const loc = await cw.json<{ id: number; version: number }>("POST", "/api/v1/locations", {
      name: "Hotel Domstad",
      kind: "hotel",
      catering: false,
      validFrom: "2025-01-01",
      places: 10,
      status: "realised",
    });
    expect(loc.status).toBe(201);
    const h = await cw.json<{ id: number; memberIds: number[] }>("POST", "/api/v1/households", {
      validFrom: "2025-01-01",
      members: [
        {
          role: "head",
          person: { familyName: "Shevchenko", givenNames: "Olena", birthDate: "1982-02-02" },
        },
      ],
    });
    await t.db.execute(
      sql`insert into placement (person_id, kind, location_id, gemeente_code, valid_from) values (${h.body.memberIds[0]!}, 'goo', ${loc.body.id}, 'GM0344', '2025-01-01')`,
    );
    const month = async (m: string) =>
      (await cw.json<Calc>("GET", `/api/v1/households/${h.body.id}/entitlement?month=${m}`)).body;
    const september = await month("2025-09");
    expect(september.facts!.reception).toBe("goo");
    // Meals from 11 October: 21 of October's 31 days with catering, so the month is.
    const changed = await cw.json<{ version: number }>(
      "POST",
      `/api/v1/locations/${loc.body.id}/catering`,
      { catering: true, validFrom: "2025-10-11", version: loc.body.version },
    );
    expect(changed.status).toBe(200);
    expect(await month("2025-09")).toEqual(september);
    const october = await month("2025-10");
    expect(october.facts!.reception).toBe("goo-catering");
    // In a GOO with catering no eetgeld: less than without.
    expect(october.calculation!.leefgeld.fullCents).toBeLessThan(
      september.calculation!.leefgeld.fullCents,
    );
    // Meals end on 11 November: 10 days with, 20 without, so November is without.
    await cw.json("POST", `/api/v1/locations/${loc.body.id}/catering`, {
      catering: false,
      validFrom: "2025-11-11",
      version: changed.body.version,
    });
    expect((await month("2025-11")).facts!.reception).toBe("goo");
    expect(await month("2025-10")).toEqual(october);
    // Meals again from 15 February 2026: 14 days without, 14 with. A tie goes to the
    // catering that applied later in the month.
    const [row] = await query<{ version: number }>(
      t.db,
      sql`select version from location where id = ${loc.body.id}`,
    );
    await cw.json("POST", `/api/v1/locations/${loc.body.id}/catering`, {
      catering: true,
      validFrom: "2026-02-15",
      version: row!.version,
    });
    expect((await month("2026-02")).facts!.reception).toBe("goo-catering");
  });

  it("security: another municipality answers 404", async () => {
    const ams = await signIn(t.app, "cw-ams");
    expect((await ams.request(`/api/v1/households/${householdId}/entitlement`)).status).toBe(404);
  });

  it("refuses a month that is not YYYY-MM or before April 2022, naming the field", async () => {
    for (const month of ["2025-13", "november", "2022-03"]) {
      const r = await cw.json<{ error: { issues: { path: string }[] } }>(
        "GET",
        `/api/v1/households/${householdId}/entitlement?month=${month}`,
      );
      expect(r.status, month).toBe(400);
      expect(r.body.error.issues[0]!.path).toBe("month");
    }
  });
});
