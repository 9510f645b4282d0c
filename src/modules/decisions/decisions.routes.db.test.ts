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
import { getLawbook } from "../../rules/lawbook";
import { listAuditForPerson } from "../audit/audit.repository";

type Summary = {
  id: number;
  month: string;
  kind: string;
  reason: string | null;
  leefgeldPaidCents: number;
  eigenBijdrageChargedCents: number;
  lawHash: string;
  engineVersion: string;
  decidedBy: string | null;
};
type Change = {
  month: string;
  decisionId: number;
  before?: { leefgeldPaidCents: number };
  now?: { leefgeldPaidCents: number };
  difference?: { leefgeldCents: number; netCents: number };
};

describe(`decisions with receipts (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let cw: Client;
  let fo: Client;
  let householdId: number;
  let motherId: number;
  let memberIds: number[];
  const count = async (table: "decision" | "law_version") =>
    (await query<{ n: number }>(t.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n;

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    await insertTestUser(t.database, "cw-utr", "caseworker", "GM0344");
    await insertTestUser(t.database, "fo-utr", "finance_officer", "GM0344");
    await insertTestUser(t.database, "cw-ams", "caseworker", "GM0363");
    cw = await signIn(t.app, "cw-utr");
    fo = await signIn(t.app, "fo-utr");
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
    memberIds = res.body.memberIds;
    motherId = memberIds[0]!;
    const [loc] = await query<{ id: number }>(
      t.db,
      sql`insert into location (gemeente_code, name, kind) values ('GM0344', 'Flex Kanaleneiland', 'flex_homes') returning id`,
    );
    for (const id of memberIds) {
      await t.db.execute(
        sql`insert into placement (person_id, kind, location_id, gemeente_code, valid_from) values (${id}, 'goo', ${loc!.id}, 'GM0344', '2025-01-01')`,
      );
    }
  });
  afterAll(() => t.database.destroy());

  const decide = (client: Client, month: string, reason = "checked with the family") =>
    client.json<Summary & { notices: unknown[] }>(
      "POST",
      `/api/v1/households/${householdId}/decisions`,
      { month, reason },
    );

  it("decides a month by hand with its receipt: amounts, law hash, engine version", async () => {
    const r = await decide(cw, "2025-11");
    expect(r.status).toBe(201);
    // 2025 amounts, household of 2: adult 252.18 + 62.66, minor 210.05 + 62.66
    expect(r.body).toMatchObject({
      month: "2025-11",
      kind: "manual",
      leefgeldPaidCents: 58755,
      eigenBijdrageChargedCents: 0,
      lawHash: getLawbook().hash,
      decidedBy: "cw-utr",
      notices: [],
    });
    const [row] = await query<{ inputs: { month: string }; result: object; trace: unknown[] }>(
      t.db,
      sql`select inputs, result, trace from decision where id = ${r.body.id}`,
    );
    expect(row!.inputs.month).toBe("2025-11");
    expect(row!.result).not.toHaveProperty("trace");
    expect(row!.result).not.toHaveProperty("explanation");
    expect(row!.result).not.toHaveProperty("lawVersion");
    expect(row!.trace.length).toBeGreaterThan(0);
  });

  it("stores the law once per hash, however many decisions use it", async () => {
    expect(await count("law_version")).toBe(1);
    expect((await decide(fo, "2025-10")).status).toBe(201);
    expect(await count("law_version")).toBe(1);
    const [law] = await query<{ files: { path: string }[] }>(
      t.db,
      sql`select files from law_version where hash = ${getLawbook().hash}`,
    );
    expect(law!.files.map((f) => f.path)).toEqual(getLawbook().files.map((f) => f.path));
  });

  it("refuses a month without a member in reception (409) and a month without law or not begun (400)", async () => {
    const before = await count("decision");
    const none = await decide(cw, "2024-06");
    expect(none.status).toBe(409);
    for (const month of ["2022-03", "2025-13", "2999-01"]) {
      const r = await cw.json<{ error: { issues: { path: string; code: string }[] } }>(
        "POST",
        `/api/v1/households/${householdId}/decisions`,
        { month, reason: "x" },
      );
      expect(r.status, month).toBe(400);
      expect(r.body.error.issues[0]!.path).toBe("month");
    }
    expect(await count("decision")).toBe(before);
  });

  it("lists the household's decisions, newest month first", async () => {
    const r = await fo.json<{ decisions: Summary[] }>(
      "GET",
      `/api/v1/households/${householdId}/decisions`,
    );
    expect(r.status).toBe(200);
    expect(r.body.decisions.map((d) => [d.month, d.kind])).toEqual([
      ["2025-11", "manual"],
      ["2025-10", "manual"],
    ]);
  });

  it("reads one decision with its trace and an explanation rendered by its own law", async () => {
    const { body: list } = await cw.json<{ decisions: Summary[] }>(
      "GET",
      `/api/v1/households/${householdId}/decisions`,
    );
    const r = await cw.json<{ trace: unknown[]; explanation: string; inputs: unknown }>(
      "GET",
      `/api/v1/decisions/${list.decisions[0]!.id}?lang=uk`,
    );
    expect(r.status).toBe(200);
    expect(r.body.trace.length).toBeGreaterThan(0);
    expect(r.body.explanation).toMatch(/[а-яіїє]/i);
  });

  it("audits deciding and reading in each member's log", async () => {
    const decisionReads = async (personId: number) =>
      (await listAuditForPerson(t.db, personId)).filter((a) => a.entityType === "decision");
    const before = await Promise.all(memberIds.map(decisionReads));
    const d = await decide(cw, "2025-09");
    await cw.request(`/api/v1/decisions/${d.body.id}`);
    const after = await Promise.all(memberIds.map(decisionReads));
    expect(after.map((a, i) => a.length - before[i]!.length)).toEqual([2, 2]);
    expect(after[0]![0]).toMatchObject({ action: "read", entityId: String(d.body.id) });
    expect(after[0]![1]).toMatchObject({ action: "decide", username: "cw-utr" });
  });

  it("changes with effect: none without a decision, and a read writes no decision", async () => {
    const before = await count("decision");
    const r = await cw.json<{ changes: Change[] }>(
      "GET",
      `/api/v1/households/${householdId}/changes`,
    );
    expect(r.status).toBe(200);
    expect(r.body.changes).toEqual([]);
    expect(await count("decision")).toBe(before);
  });

  it("flags a late income against the latest decision of the month until acknowledged, which decides it anew", async () => {
    const march = await decide(cw, "2025-03");
    expect(march.status).toBe(201);
    await t.db.execute(sql`insert into income (person_id, month, net_cents, kind, source, payer)
      values (${motherId}, '2025-03-01', 20000, 'work', 'inlichtingenbureau', 'Bakkerij')`);
    const after = await cw.json<{ changes: Change[] }>(
      "GET",
      `/api/v1/households/${householdId}/changes`,
    );
    const change = after.body.changes.find((c) => c.month === "2025-03");
    // 2024-07 rule (until 2025-09): leefgeld paid = max(0, L − I): 200.00 less
    expect(change).toMatchObject({
      decisionId: march.body.id,
      before: { leefgeldPaidCents: march.body.leefgeldPaidCents },
      difference: { leefgeldCents: -20000, netCents: -20000 },
    });
    expect(after.body.changes.map((c) => c.month)).toEqual(["2025-03"]);
    const ack = await fo.json<{ acknowledged: number; decisionIds: number[] }>(
      "POST",
      `/api/v1/households/${householdId}/changes/acknowledge`,
      { months: ["2025-03"], reason: "income reported late; recovery decided" },
    );
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledged).toBe(1);
    const again = await cw.json<{ changes: Change[] }>(
      "GET",
      `/api/v1/households/${householdId}/changes`,
    );
    expect(again.body.changes).toEqual([]);
    const { body } = await cw.json<{ decisions: Summary[] }>(
      "GET",
      `/api/v1/households/${householdId}/decisions`,
    );
    const marchDecisions = body.decisions.filter((d) => d.month === "2025-03");
    expect(marchDecisions.map((d) => [d.kind, d.leefgeldPaidCents])).toEqual([
      ["correction", march.body.leefgeldPaidCents - 20000],
      ["manual", march.body.leefgeldPaidCents],
    ]);
  });

  it("a correction of a month nobody was in reception any more decides it as zero", async () => {
    const h = await cw.json<{ id: number; memberIds: number[] }>("POST", "/api/v1/households", {
      validFrom: "2025-01-01",
      members: [
        {
          role: "head",
          person: { familyName: "Koval", givenNames: "Petro", birthDate: "1970-01-01" },
        },
      ],
    });
    const [loc] = await query<{ id: number }>(t.db, sql`select id from location limit 1`);
    const [pl] = await query<{ id: number }>(
      t.db,
      sql`insert into placement (person_id, kind, location_id, gemeente_code, valid_from) values (${h.body.memberIds[0]!}, 'goo', ${loc!.id}, 'GM0344', '2025-01-01') returning id`,
    );
    const d = await cw.json<Summary>("POST", `/api/v1/households/${h.body.id}/decisions`, {
      month: "2025-05",
      reason: "first",
    });
    expect(d.body.leefgeldPaidCents).toBeGreaterThan(0);
    // The placement is found to have ended in April: May had nobody in reception.
    await t.db.execute(sql`update placement set valid_to = '2025-04-30' where id = ${pl!.id}`);
    const changes = await cw.json<{ changes: Change[] }>(
      "GET",
      `/api/v1/households/${h.body.id}/changes`,
    );
    expect(changes.body.changes[0]).toMatchObject({
      month: "2025-05",
      now: { leefgeldPaidCents: 0 },
      difference: { leefgeldCents: -d.body.leefgeldPaidCents },
    });
    const ack = await cw.json<{ decisionIds: number[] }>(
      "POST",
      `/api/v1/households/${h.body.id}/changes/acknowledge`,
      { months: ["2025-05"], reason: "left in April" },
    );
    expect(ack.status).toBe(200);
    const read = await cw.json<Summary & { explanation: string | null }>(
      "GET",
      `/api/v1/decisions/${ack.body.decisionIds[0]}`,
    );
    expect(read.body).toMatchObject({
      kind: "correction",
      leefgeldPaidCents: 0,
      explanation: null,
    });
  });

  it("security: another municipality answers 404 for the household and the decision", async () => {
    const ams = await signIn(t.app, "cw-ams");
    const { body } = await cw.json<{ decisions: Summary[] }>(
      "GET",
      `/api/v1/households/${householdId}/decisions`,
    );
    expect((await ams.request(`/api/v1/households/${householdId}/decisions`)).status).toBe(404);
    expect((await ams.request(`/api/v1/decisions/${body.decisions[0]!.id}`)).status).toBe(404);
    expect((await ams.request(`/api/v1/households/${householdId}/changes`)).status).toBe(404);
    const r = await ams.json("POST", `/api/v1/households/${householdId}/decisions`, {
      month: "2025-11",
      reason: "x",
    });
    expect(r.status).toBe(404);
  });
});
