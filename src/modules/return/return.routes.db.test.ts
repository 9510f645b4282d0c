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

type ErrorAnswer = {
  error: {
    code: string;
    message: string;
    issues?: { path: string; code: string; params?: Record<string, string> }[];
    current?: unknown;
  };
};
type ReturnCase = {
  id: number;
  householdId: number;
  status: string;
  plannedDeparture: string | null;
  departedOn: string | null;
  travelSupport: boolean;
  financialSupportCents: number | null;
  partnerMunicipality: string | null;
  version: number;
  nextSteps: string[];
  events: { status: string; on: string; note: string | null; by: string | null }[];
};
type Entitlement = {
  inReception: boolean;
  calculation: { leefgeld: { paidCents: number } } | null;
};

describe(`the return programme (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let cw: Client;
  let cwAms: Client;
  let finance: Client;
  let national: Client;
  let locationId: number;
  let serial = 0;

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    await insertTestUser(t.database, "return-cw", "caseworker", "GM0344");
    await insertTestUser(t.database, "return-cw-ams", "caseworker", "GM0363");
    await insertTestUser(t.database, "return-finance", "finance_officer", "GM0344");
    await insertTestUser(t.database, "return-national", "national_coordinator", null);
    cw = await signIn(t.app, "return-cw");
    cwAms = await signIn(t.app, "return-cw-ams");
    finance = await signIn(t.app, "return-finance");
    national = await signIn(t.app, "return-national");
    const [loc] = await query<{ id: number }>(
      t.db,
      sql`insert into location (gemeente_code, name, kind) values ('GM0344', 'Flex Kanaleneiland', 'flex_homes') returning id`,
    );
    locationId = loc!.id;
  });
  afterAll(() => t.database.destroy());

  /** A household of a mother and a child, placed in GOO from 2025-01-01, of `client`'s municipality. */
  async function placedHousehold(client: Client = cw) {
    serial++;
    const res = await client.json<{ id: number; memberIds: number[] }>(
      "POST",
      "/api/v1/households",
      {
        validFrom: "2025-01-01",
        members: [
          {
            role: "head",
            person: { familyName: `Bondar${serial}`, givenNames: "Iryna", birthDate: "1990-05-05" },
          },
          {
            role: "child",
            person: { familyName: `Bondar${serial}`, givenNames: "Taras", birthDate: "2015-03-03" },
          },
        ],
      },
    );
    expect(res.status).toBe(201);
    if (client === cw) {
      for (const id of res.body.memberIds) {
        await t.db.execute(
          sql`insert into placement (person_id, kind, location_id, gemeente_code, valid_from) values (${id}, 'goo', ${locationId}, 'GM0344', '2025-01-01')`,
        );
      }
    }
    return { id: res.body.id, mother: res.body.memberIds[0]!, child: res.body.memberIds[1]! };
  }

  async function openCase(householdId: number, client: Client = cw) {
    const r = await client.json<ReturnCase>(
      "POST",
      `/api/v1/households/${householdId}/return-case`,
      { note: "asked at the information evening" },
    );
    expect(r.status).toBe(201);
    return r.body;
  }

  function step(c: { id: number; version: number }, body: Record<string, unknown>) {
    return cw.json<ReturnCase & ErrorAnswer>("POST", `/api/v1/return-cases/${c.id}/steps`, {
      version: c.version,
      ...body,
    });
  }

  /** Takes the steps in turn; the case after the last. */
  async function walk(c: ReturnCase, steps: Record<string, unknown>[]) {
    let current = c;
    for (const s of steps) {
      const r = await step(current, s);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      current = r.body;
    }
    return current;
  }

  const toPlanned = [
    { status: "counselling", on: "2025-05-01" },
    { status: "planned", on: "2025-05-20", plannedDeparture: "2025-06-15" },
  ];

  it("walks interest → counselling → planned → departed, ending the placements on the day of departure", async () => {
    const h = await placedHousehold();
    const opened = await openCase(h.id);
    expect(opened.status).toBe("interest");
    expect(opened.nextSteps).toEqual(["counselling", "withdrawn"]);
    const departed = await walk(opened, [
      ...toPlanned,
      { status: "departed", on: "2025-06-15", note: "flew from Eindhoven" },
    ]);
    expect(departed).toMatchObject({
      status: "departed",
      plannedDeparture: "2025-06-15",
      departedOn: "2025-06-15",
      nextSteps: [],
      version: opened.version + 3,
    });
    expect(departed.events.map((e) => [e.status, e.by])).toEqual([
      ["interest", "return-cw"],
      ["counselling", "return-cw"],
      ["planned", "return-cw"],
      ["departed", "return-cw"],
    ]);
    expect(departed.events.at(-1)).toMatchObject({ on: "2025-06-15", note: "flew from Eindhoven" });
    const placements = await query<{ person_id: number; valid_to: string }>(
      t.db,
      sql`select person_id, valid_to::text as valid_to from placement where person_id in (${h.mother}, ${h.child}) order by person_id`,
    );
    expect(placements).toEqual([
      { person_id: h.mother, valid_to: "2025-06-15" },
      { person_id: h.child, valid_to: "2025-06-15" },
    ]);
    const ended = await query<{ person_id: number; reason: string }>(
      t.db,
      sql`select person_id, reason from audit_record where action = 'end_placement' and entity_id = ${String(h.id)} order by person_id`,
    );
    expect(ended).toEqual([
      { person_id: h.mother, reason: "return" },
      { person_id: h.child, reason: "return" },
    ]);
    // Their protection ends with the departure: out of the transition caseload.
    const statuses = await query<{ person_id: number; valid_to: string; end_reason: string }>(
      t.db,
      sql`select person_id, valid_to::text as valid_to, end_reason from residence_status
          where person_id in (${h.mother}, ${h.child}) order by person_id`,
    );
    expect(statuses).toEqual([
      { person_id: h.mother, valid_to: "2025-06-15", end_reason: "departure" },
      { person_id: h.child, valid_to: "2025-06-15", end_reason: "departure" },
    ]);
    const transition = await cw.json<{
      transitiedocument: { eligibility: string; outReason: string };
    }>("GET", `/api/v1/persons/${h.mother}/transition`);
    expect(transition.body.transitiedocument).toMatchObject({
      eligibility: "out_of_caseload",
      outReason: "departure",
    });
    const read = await cw.json<ReturnCase>("GET", `/api/v1/households/${h.id}/return-case`);
    expect(read.body).toEqual(departed);
  });

  it("leefgeld stops from the day after departure: part of the month of departure, none the month after", async () => {
    const h = await placedHousehold();
    await walk(await openCase(h.id), [...toPlanned, { status: "departed", on: "2025-06-15" }]);
    const month = (m: string) =>
      cw.json<Entitlement>("GET", `/api/v1/households/${h.id}/entitlement?month=${m}`);
    const may = await month("2025-05");
    const june = await month("2025-06");
    const july = await month("2025-07");
    expect(may.body.inReception).toBe(true);
    expect(june.body.inReception).toBe(true);
    // 15 of June's 30 days in reception.
    expect(june.body.calculation!.leefgeld.paidCents).toBeGreaterThan(0);
    expect(june.body.calculation!.leefgeld.paidCents).toBeLessThan(
      may.body.calculation!.leefgeld.paidCents,
    );
    expect(july.status).toBe(200);
    expect(july.body).toMatchObject({ inReception: false, calculation: null });
  });

  it("a case can be withdrawn before departure, not after; a wrong step answers 422 naming from and to", async () => {
    const h = await placedHousehold();
    const c = await openCase(h.id);
    const skip = await step(c, { status: "departed", on: "2025-06-15" });
    expect(skip.status).toBe(422);
    expect(skip.body.error.code).toBe("invalid_transition");
    expect(skip.body.error.message).toContain("from interest to departed");
    expect(skip.body.error.issues![0]!.params).toEqual({ from: "interest", to: "departed" });

    const counselled = await walk(c, [{ status: "counselling", on: "2025-05-01" }]);
    const withdrawn = await walk(counselled, [
      { status: "withdrawn", on: "2025-05-10", note: "stays" },
    ]);
    expect(withdrawn).toMatchObject({ status: "withdrawn", nextSteps: [], departedOn: null });

    // A withdrawn case is closed: the household may open a new one, which can depart.
    const again = await openCase(h.id);
    expect(again.id).not.toBe(c.id);
    const departed = await walk(again, [...toPlanned, { status: "departed", on: "2025-06-15" }]);
    const late = await step(departed, { status: "withdrawn", on: "2025-06-20" });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe("invalid_transition");
    expect(late.body.error.message).toContain("from departed to withdrawn");
    const [row] = await query<{ status: string }>(
      t.db,
      sql`select status from return_case where id = ${departed.id}`,
    );
    expect(row!.status).toBe("departed");
  });

  it("opening a second case while one is open answers 409 with the open case's id and version", async () => {
    const h = await placedHousehold();
    const c = await openCase(h.id);
    const second = await cw.json<ErrorAnswer>("POST", `/api/v1/households/${h.id}/return-case`, {});
    expect(second.status).toBe(409);
    expect(second.body.error.current).toEqual({ id: c.id, version: c.version });
  });

  it("a step or change with a stale version answers 409 with the current id and version, and changes nothing", async () => {
    const h = await placedHousehold();
    const c = await openCase(h.id);
    const counselled = await walk(c, [{ status: "counselling", on: "2025-05-01" }]);
    const stale = await step(c, { status: "withdrawn", on: "2025-05-02" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toEqual({ id: c.id, version: counselled.version });
    const patch = await cw.json<ErrorAnswer>("PATCH", `/api/v1/return-cases/${c.id}`, {
      version: c.version,
      travelSupport: true,
    });
    expect(patch.status).toBe(409);
    const read = await cw.json<ReturnCase>("GET", `/api/v1/households/${h.id}/return-case`);
    expect(read.body).toMatchObject({
      status: "counselling",
      travelSupport: false,
      version: counselled.version,
    });
    expect(read.body.events).toHaveLength(2);
  });

  it("planned needs a planned departure; support and partner municipality are changed with PATCH", async () => {
    const h = await placedHousehold();
    const c = await walk(await openCase(h.id), [{ status: "counselling", on: "2025-05-01" }]);
    const noDate = await step(c, { status: "planned", on: "2025-05-20" });
    expect(noDate.status).toBe(400);
    expect(noDate.body.error.issues!.map((i) => [i.path, i.code])).toEqual([
      ["plannedDeparture", "required"],
    ]);
    const patched = await cw.json<ReturnCase>("PATCH", `/api/v1/return-cases/${c.id}`, {
      version: c.version,
      plannedDeparture: "2025-07-01",
      travelSupport: true,
      partnerMunicipality: "  Bucha  ",
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      plannedDeparture: "2025-07-01",
      travelSupport: true,
      partnerMunicipality: "Bucha",
      financialSupportCents: null,
      version: c.version + 1,
    });
    // The date already set is enough for the planned step.
    const planned = await walk(patched.body, [{ status: "planned", on: "2025-05-20" }]);
    expect(planned.plannedDeparture).toBe("2025-07-01");
    const [audit] = await query<{ fields: string[]; person_ids: number[] }>(
      t.db,
      sql`select fields, person_ids from audit_record
          where entity_type = 'return_case' and entity_id = ${String(c.id)} and action = 'update'
          order by id desc offset 1 limit 1`,
    );
    expect(audit!.fields.sort()).toEqual([
      "partnerMunicipality",
      "plannedDeparture",
      "travelSupport",
    ]);
    expect(audit!.person_ids).toEqual([h.mother, h.child].sort((a, b) => a - b));
  });

  it("financial support is refused while the programme's amount is unpublished, naming the parameter", async () => {
    const h = await placedHousehold();
    const c = await openCase(h.id);
    const noDate = await cw.json<ErrorAnswer>("PATCH", `/api/v1/return-cases/${c.id}`, {
      version: c.version,
      financialSupport: true,
    });
    expect(noDate.status).toBe(422);
    expect(noDate.body.error.code).toBe("planned_departure_required");
    const refused = await cw.json<ErrorAnswer>("PATCH", `/api/v1/return-cases/${c.id}`, {
      version: c.version,
      plannedDeparture: "2026-09-01",
      financialSupport: true,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("financial_support_not_set_by_programme");
    expect(refused.body.error.message).toContain("terugkeer.financial-support.per-person");
    expect(refused.body.error.issues![0]!.params).toEqual({
      parameter: "terugkeer.financial-support.per-person",
      on: "2026-09-01",
    });
    // Nothing of the refused change was saved, not even the date.
    const read = await cw.json<ReturnCase>("GET", `/api/v1/households/${h.id}/return-case`);
    expect(read.body).toMatchObject({
      plannedDeparture: null,
      financialSupportCents: null,
      version: c.version,
    });
  });

  it("a departed or withdrawn case is not changed (422 case_closed)", async () => {
    const h = await placedHousehold();
    const c = await walk(await openCase(h.id), [{ status: "withdrawn", on: "2025-05-01" }]);
    const r = await cw.json<ErrorAnswer>("PATCH", `/api/v1/return-cases/${c.id}`, {
      version: c.version,
      travelSupport: true,
    });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("case_closed");
  });

  it("bad input answers 400 naming the field: an unknown field, a date that does not exist", async () => {
    const h = await placedHousehold();
    const c = await openCase(h.id);
    const unknown = await cw.json<ErrorAnswer>("PATCH", `/api/v1/return-cases/${c.id}`, {
      version: c.version,
      plannedDepartur: "2025-07-01",
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues).toEqual([
      expect.objectContaining({ path: "plannedDepartur", code: "unknown_field" }),
    ]);
    expect(unknown.body.error.message).toContain('did you mean "plannedDeparture"');
    const badDate = await step(c, { status: "counselling", on: "2025-02-30" });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.issues!.map((i) => [i.path, i.code])).toEqual([
      ["on", "date_nonexistent"],
    ]);
    const badStatus = await step(c, { status: "gone", on: "2025-02-03" });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.issues!.map((i) => i.path)).toEqual(["status"]);
    const unknownOpen = await cw.json<ErrorAnswer>(
      "POST",
      `/api/v1/households/${h.id}/return-case`,
      { notes: "x" },
    );
    expect(unknownOpen.status).toBe(400);
    expect(unknownOpen.body.error.issues![0]!.path).toBe("notes");
  });

  it("a household without a case answers 404 no_return_case", async () => {
    const h = await placedHousehold();
    const r = await cw.json<ErrorAnswer>("GET", `/api/v1/households/${h.id}/return-case`);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe("no_return_case");
  });

  it("the finance officer reads the case and may not change it", async () => {
    const h = await placedHousehold();
    const c = await openCase(h.id);
    expect((await finance.json("GET", `/api/v1/households/${h.id}/return-case`)).status).toBe(200);
    const r = await finance.json("POST", `/api/v1/return-cases/${c.id}/steps`, {
      status: "counselling",
      on: "2025-05-01",
      version: c.version,
    });
    expect(r.status).toBe(403);
  });

  it("security: another municipality's caseworker gets 404 on the case, its steps, its data and its members' consents", async () => {
    const h = await placedHousehold();
    const c = await openCase(h.id);
    const answers = [
      await cwAms.json("GET", `/api/v1/households/${h.id}/return-case`),
      await cwAms.json("POST", `/api/v1/households/${h.id}/return-case`, {}),
      await cwAms.json("POST", `/api/v1/return-cases/${c.id}/steps`, {
        status: "counselling",
        on: "2025-05-01",
        version: c.version,
      }),
      await cwAms.json("PATCH", `/api/v1/return-cases/${c.id}`, {
        version: c.version,
        travelSupport: true,
      }),
      await cwAms.json("GET", `/api/v1/return-cases/${c.id}/share?purpose=iom`),
      await cwAms.json("GET", `/api/v1/persons/${h.mother}/consents`),
      await cwAms.json("PUT", `/api/v1/persons/${h.mother}/consents/iom`),
      await cwAms.json("DELETE", `/api/v1/persons/${h.mother}/consents/iom`),
    ];
    expect(answers.map((a) => a.status)).toEqual(Array(answers.length).fill(404));
    const [row] = await query<{ version: number; consents: number }>(
      t.db,
      sql`select version, (select count(*)::int from consent where person_id = ${h.mother}) as consents
          from return_case where id = ${c.id}`,
    );
    expect(row).toEqual({ version: c.version, consents: 0 });
  });

  it("consent is off by default, given once however often it is sent, and revoked; each change audited with its purpose", async () => {
    const h = await placedHousehold();
    const none = await cw.json<{ consents: { purpose: string; given: boolean }[] }>(
      "GET",
      `/api/v1/persons/${h.mother}/consents`,
    );
    expect(none.body.consents.map((c) => [c.purpose, c.given])).toEqual([
      ["ukrainian_authorities", false],
      ["unity_hub", false],
      ["partner_municipality", false],
      ["iom", false],
    ]);
    const given = await cw.json<{ given: boolean; givenAt: string | null }>(
      "PUT",
      `/api/v1/persons/${h.mother}/consents/iom`,
    );
    expect(given.status).toBe(200);
    expect(given.body.given).toBe(true);
    const again = await cw.json<{ given: boolean; givenAt: string }>(
      "PUT",
      `/api/v1/persons/${h.mother}/consents/iom`,
    );
    expect(again.body).toEqual(given.body);
    const revoked = await cw.json<{ given: boolean; revokedAt: string | null }>(
      "DELETE",
      `/api/v1/persons/${h.mother}/consents/iom`,
    );
    expect(revoked.body).toMatchObject({ given: false, givenAt: given.body.givenAt });
    expect(revoked.body.revokedAt).not.toBeNull();
    const audit = await query<{ action: string; reason: string }>(
      t.db,
      sql`select action, reason from audit_record
          where entity_type = 'consent' and person_id = ${h.mother} and action <> 'read'
          order by id`,
    );
    expect(audit).toEqual([
      { action: "create", reason: "iom" },
      { action: "delete", reason: "iom" },
    ]);
    const unknownPurpose = await cw.json("PUT", `/api/v1/persons/${h.mother}/consents/police`);
    expect(unknownPurpose.status).toBe(400);
  });

  it("share: 403 consent_missing without consent; with it only the consenting members, audited with the purpose", async () => {
    const h = await placedHousehold();
    const c = await walk(await openCase(h.id), toPlanned);
    const share = (purpose: string) =>
      cw.json<
        ErrorAnswer & {
          persons: { givenNames: string; birthDate: string; plannedDeparture: string }[];
          withheld: number;
        }
      >("GET", `/api/v1/return-cases/${c.id}/share?purpose=${purpose}`);
    const refused = await share("iom");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("consent_missing");

    await cw.json("PUT", `/api/v1/persons/${h.mother}/consents/iom`);
    // Consent for another purpose does not count.
    await cw.json("PUT", `/api/v1/persons/${h.child}/consents/unity_hub`);
    const shared = await share("iom");
    expect(shared.status).toBe(200);
    expect(shared.body.persons).toEqual([
      expect.objectContaining({
        givenNames: "Iryna",
        birthDate: "1990-05-05",
        plannedDeparture: "2025-06-15",
      }),
    ]);
    expect(shared.body.withheld).toBe(1);
    expect(JSON.stringify(shared.body)).not.toContain("Taras");
    const [audit] = await query<{ reason: string; person_ids: number[]; entity_id: string }>(
      t.db,
      sql`select reason, person_ids, entity_id from audit_record where action = 'share' and entity_id = ${String(c.id)}`,
    );
    expect(audit).toEqual({ reason: "iom", person_ids: [h.mother], entity_id: String(c.id) });

    // Checked at the moment of use: a revoked consent shares nothing any more.
    await cw.json("DELETE", `/api/v1/persons/${h.mother}/consents/iom`);
    expect((await share("iom")).status).toBe(403);
    expect((await share("unity_hub")).body.persons.map((p) => p.givenNames)).toEqual(["Taras"]);
  });

  it("summaries: a municipality counts its own households; the national coordinator gets counts only and 403 on a household's case", async () => {
    const ams = await placedHousehold(cwAms);
    await openCase(ams.id, cwAms);
    const own = await cw.json<{ gemeenteCode: string; counts: Record<string, number> }>(
      "GET",
      "/api/v1/return-cases/summary",
    );
    expect(own.status).toBe(200);
    expect(own.body.gemeenteCode).toBe("GM0344");
    const rows = await query<{ status: string; n: number }>(
      t.db,
      sql`select status, count(*)::int as n from (
            select distinct on (rc.household_id) rc.status from return_case rc
            join household h on h.id = rc.household_id where h.gemeente_code = 'GM0344'
            order by rc.household_id, rc.id desc) x group by status`,
    );
    for (const r of rows) expect(own.body.counts[r.status]).toBe(r.n);

    const all = await national.json<{
      counts: Record<string, number>;
      total: number;
      gemeenten: { gemeenteCode: string; name: string; total: number }[];
    }>("GET", "/api/v1/return-cases/summary/national");
    expect(all.status).toBe(200);
    expect(all.body.gemeenten.map((g) => [g.gemeenteCode, g.name])).toEqual([
      ["GM0344", "Utrecht"],
      ["GM0363", "Amsterdam"],
    ]);
    expect(all.body.gemeenten.find((g) => g.gemeenteCode === "GM0363")!.total).toBe(1);
    expect(all.body.total).toBe(all.body.gemeenten.reduce((n, g) => n + g.total, 0));
    // Counts only: no names, ids or dates of anyone.
    const text = JSON.stringify(all.body);
    expect(text).not.toMatch(/Bondar|Iryna|householdId|personId|\d{4}-\d{2}-\d{2}/);

    expect((await national.json("GET", `/api/v1/households/${ams.id}/return-case`)).status).toBe(
      403,
    );
    expect((await national.json("GET", "/api/v1/return-cases/summary")).status).toBe(403);
    expect((await cw.json("GET", "/api/v1/return-cases/summary/national")).status).toBe(403);
  });

  it("the web is offered the section by the routes' declared access (GET /api/auth/me)", async () => {
    const permissions = async (client: Client) =>
      (
        await client.json<{ user: { permissions: string[] } }>("GET", "/api/auth/me")
      ).body.user.permissions.filter((p) => p.startsWith("return."));
    expect(await permissions(cw)).toEqual(["return.read", "return.write"]);
    expect(await permissions(finance)).toEqual(["return.read"]);
    expect(await permissions(national)).toEqual([]);
  });

  it("every read of a case is audited with the members' persons", async () => {
    const h = await placedHousehold();
    const c = await openCase(h.id);
    await cw.json("GET", `/api/v1/households/${h.id}/return-case`);
    const reads = await query<{ person_ids: number[] }>(
      t.db,
      sql`select person_ids from audit_record
          where action = 'read' and entity_type = 'return_case' and entity_id = ${String(c.id)}`,
    );
    expect(reads).toEqual([{ person_ids: [h.mother, h.child].sort((a, b) => a - b) }]);
  });
});
