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
import { ScenarioSchema } from "./transition.routes";

type Transition = {
  version: number;
  statusToday: string | null;
  statuses: { kind: string; from: string; to: string | null; endReason: string | null }[];
  transitiedocument: {
    eligibility: string;
    restsOnScenario: boolean;
    conditions: { condition: string; state: string; reason: string | null; source: string }[];
    indDecision: string | null;
  };
  health: { insuredOnSwitch: boolean };
  supportUntil: string | null;
};
type Entitlement = {
  inReception: boolean;
  supportEnded: { personId: number; lastDay: string | null }[];
  calculation: { members: { daysPresent: number }[] } | null;
};
type Report = {
  stored: boolean;
  dryRun: boolean;
  counts: Record<string, number>;
  results: { line: number; code: string; field?: string; personId?: number }[];
};

const MOTHER_BSN = "999993653";
const SON_BSN = "999990627";

describe(`transition of 4 March 2027 (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let cw: Client;
  let coordinator: Client;
  let amsterdam: Client;
  let householdId: number;
  let mother: number;
  let son: number;

  const csv = (client: Client, path: string, body: string) =>
    client.request(path, { method: "POST", headers: { "Content-Type": "text/csv" }, body });
  const entitlement = async (month: string) =>
    (
      await cw.json<Entitlement>(
        "GET",
        `/api/v1/households/${householdId}/entitlement?month=${month}`,
      )
    ).body;
  const transition = async (id: number) =>
    (await cw.json<Transition>("GET", `/api/v1/persons/${id}/transition`)).body;

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    await insertTestUser(t.database, "cw-utr", "caseworker", "GM0344");
    await insertTestUser(t.database, "cw-ams", "caseworker", "GM0363");
    await insertTestUser(t.database, "coordinator", "national_coordinator", null);
    cw = await signIn(t.app, "cw-utr");
    amsterdam = await signIn(t.app, "cw-ams");
    coordinator = await signIn(t.app, "coordinator");
    const res = await cw.json<{ id: number; memberIds: number[] }>("POST", "/api/v1/households", {
      validFrom: "2025-01-01",
      members: [
        {
          role: "head",
          person: {
            familyName: "Bondar",
            givenNames: "Iryna",
            birthDate: "1990-05-05",
            bsn: MOTHER_BSN,
            protectionStart: "2022-05-01",
          },
        },
        {
          role: "child",
          person: {
            familyName: "Bondar",
            givenNames: "Taras",
            birthDate: "2015-03-03",
            bsn: SON_BSN,
            protectionStart: "2022-05-01",
          },
        },
      ],
    });
    expect(res.status).toBe(201);
    householdId = res.body.id;
    [mother, son] = res.body.memberIds as [number, number];
    const [loc] = await query<{ id: number }>(
      t.db,
      sql`insert into location (gemeente_code, name, kind) values ('GM0344', 'Flex Kanaleneiland', 'flex_homes') returning id`,
    );
    await t.db.execute(
      sql`insert into location_catering (location_id, catering, valid_from) values (${loc!.id}, false, '2022-03-01')`,
    );
    for (const id of [mother, son]) {
      await t.db.execute(
        sql`insert into placement (person_id, kind, location_id, gemeente_code, valid_from) values (${id}, 'goo', ${loc!.id}, 'GM0344', '2025-01-01')`,
      );
    }
  });
  afterAll(() => t.database.destroy());

  it("without a published cut-off the transitiedocument is unknown, and says what is missing", async () => {
    const r = await transition(mother);
    expect(r.statusToday).toBe("temporary_protection");
    expect(r.statuses[0]).toMatchObject({
      from: "2022-05-01",
      to: "2027-03-04",
      endReason: "rtb_end",
    });
    expect(r.transitiedocument.eligibility).toBe("unknown");
    expect(r.transitiedocument.conditions.map((c) => c.reason)).toEqual([
      "cutoff_unpublished",
      "public_order_missing",
      "asylum_withdrawal_missing",
    ]);
  });

  it("the coordinator's scenario cut-off is used, and the result says it rests on it", async () => {
    const refused = await cw.json("PUT", "/api/v1/transition/scenario", {
      parameter: "transitie.transitiedocument.protection-cutoff",
      value: "2026-12-01",
    });
    expect(refused.status).toBe(403);
    const wrong = await coordinator.json<{ error: { issues: { path: string; code: string }[] } }>(
      "PUT",
      "/api/v1/transition/scenario",
      { parameter: "rtb.protection.end", value: "2026-12-01" },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues[0]).toMatchObject({
      path: "parameter",
      code: "not_a_scenario_parameter",
    });
    const set = await coordinator.json("PUT", "/api/v1/transition/scenario", {
      parameter: "transitie.transitiedocument.protection-cutoff",
      value: "2026-12-01",
      note: "assumed: the date of the cabinet's letter",
    });
    expect(set.status).toBe(200);
    // As the document says: the law has not published the date, the scenario holds it.
    expect(ScenarioSchema.parse(set.body).parameters[0]).toMatchObject({
      published: null,
      scenario: { value: "2026-12-01", note: "assumed: the date of the cabinet's letter" },
    });
    const r = await transition(mother);
    expect(r.transitiedocument.conditions[0]).toMatchObject({ state: "met", source: "scenario" });
    expect(r.transitiedocument.restsOnScenario).toBe(true);
  });

  it("records the public-order check and the withdrawal; a stale version is refused", async () => {
    const body = {
      version: 0,
      publicOrder: "passed",
      publicOrderOn: "2026-11-20",
      asylumWithdrawn: true,
      asylumWithdrawnOn: "2026-11-25",
      educationLevel: null,
    };
    const saved = await cw.json<{ version: number }>(
      "PUT",
      `/api/v1/persons/${mother}/transition`,
      body,
    );
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    const stale = await cw.json("PUT", `/api/v1/persons/${mother}/transition`, body);
    expect(stale.status).toBe(409);
    const unknownField = await cw.json<{ error: { message: string } }>(
      "PUT",
      `/api/v1/persons/${mother}/transition`,
      { ...body, version: 1, publicOrderStatus: "passed" },
    );
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.message).toContain("publicOrderStatus");
    expect((await transition(mother)).transitiedocument.eligibility).toBe("eligible");
  });

  it("without a transitiedocument leefgeld ends with the RTB: four days of March 2027, nothing after", async () => {
    const march = await entitlement("2027-03");
    expect(march.calculation!.members.map((m) => m.daysPresent)).toEqual([4, 4]);
    expect(march.supportEnded).toEqual([
      { personId: mother, lastDay: "2027-03-04" },
      { personId: son, lastDay: "2027-03-04" },
    ]);
    const april = await entitlement("2027-04");
    expect(april.inReception).toBe(false);
    expect(april.supportEnded.map((x) => x.lastDay)).toEqual([null, null]);
  });

  it("exports the eligible cohort as CSV for the IND, audited", async () => {
    const res = await cw.request("/api/v1/transition/ind-export");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "bsn,v_number,family_name,given_names,birth_date,nationality,gemeente,protection_start,public_order_on,asylum_withdrawn_on,cutoff_date,cutoff_basis",
    );
    // Only the mother is eligible: the son's conditions are not recorded.
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      `${MOTHER_BSN},,Bondar,Iryna,1990-05-05,0034,GM0344,2022-05-01,2026-11-20,2026-11-25,2026-12-01,scenario`,
    );
    const [audit] = await query<{ person_ids: number[] }>(
      t.db,
      sql`select person_ids from audit_record where action = 'export' and entity_type = 'ind_export'`,
    );
    expect(audit!.person_ids).toEqual([mother]);
  });

  it("an IND file with a faulty row stores nothing and says which line and field", async () => {
    const file = [
      "bsn,decision,decision_date,valid_from,valid_until,reference",
      `${MOTHER_BSN},granted,2027-03-05,2027-03-05,2030-03-04,IND-1`,
      `${SON_BSN},granted,2027-03-05,2027-03-05,2031-03-04,IND-2`,
      "123456789,granted,2027-03-05,2027-03-05,2030-03-04,IND-3",
      "111222333,verleend,2027-13-01,,,",
    ].join("\n");
    const res = await csv(cw, "/api/v1/transition/ind-decisions", file);
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect(report.stored).toBe(false);
    expect(report.results).toEqual([
      { line: 2, code: "granted", personId: mother },
      expect.objectContaining({ line: 3, code: "invalid_validity", field: "valid_until" }),
      expect.objectContaining({ line: 4, code: "invalid_bsn", field: "bsn" }),
      expect.objectContaining({ line: 5, code: "invalid_date", field: "decision_date" }),
    ]);
    expect((await transition(mother)).transitiedocument.indDecision).toBeNull();
    const header = await csv(cw, "/api/v1/transition/ind-decisions", "bsn;decision\n1;2\n");
    expect(header.status).toBe(400);
  });

  it("a BSN of another municipality is unknown, like a BSN of nobody", async () => {
    const res = await csv(
      amsterdam,
      "/api/v1/transition/ind-decisions",
      `bsn,decision,decision_date,valid_from,valid_until,reference\n${MOTHER_BSN},refused,2027-03-05,,,\n`,
    );
    const report = (await res.json()) as Report;
    expect(report.results[0]).toMatchObject({ line: 2, code: "unknown_bsn" });
    expect(report.stored).toBe(false);
  });

  it("the IND's grant records the transitiedocument; importing it again changes nothing", async () => {
    const file = [
      "bsn,decision,decision_date,valid_from,valid_until,reference",
      `${MOTHER_BSN},verleend,2027-03-05,2027-03-05,2030-03-04,IND-1`,
    ].join("\n");
    const dry = (await (
      await csv(cw, "/api/v1/transition/ind-decisions?dryRun=true", file)
    ).json()) as Report;
    expect(dry).toMatchObject({ dryRun: true, stored: false, counts: { granted: 1 } });
    expect((await transition(mother)).transitiedocument.indDecision).toBeNull();
    const first = (await (
      await csv(cw, "/api/v1/transition/ind-decisions", file)
    ).json()) as Report;
    expect(first).toMatchObject({ stored: true, counts: { granted: 1 } });
    const again = (await (
      await csv(cw, "/api/v1/transition/ind-decisions", file)
    ).json()) as Report;
    expect(again).toMatchObject({ stored: true, counts: { unchanged: 1 } });
    const r = await transition(mother);
    expect(r.transitiedocument.indDecision).toBe("granted");
    expect(r.statuses.map((s) => [s.kind, s.from, s.to])).toEqual([
      ["temporary_protection", "2022-05-01", "2027-03-04"],
      ["transitiedocument", "2027-03-05", "2030-03-04"],
    ]);
    expect(r.supportUntil).toBe("2028-03-04");
  });

  it("with the transitiedocument leefgeld continues without a gap until the Participatiewet decision", async () => {
    const april = await entitlement("2027-04");
    // The mother continues; the son (no transitiedocument recorded) does not.
    expect(april.calculation!.members.map((m) => m.daysPresent)).toEqual([30]);
    expect(april.supportEnded).toEqual([{ personId: son, lastDay: null }]);
    const bad = await cw.json<{ error: { issues: { path: string; code: string }[] } }>(
      "PUT",
      `/api/v1/households/${householdId}/transition`,
      {
        version: 0,
        participatiewet: { filedOn: "2027-03-10", decidedOn: "2027-03-01", outcome: "granted" },
        housing: { plan: null, from: null, rentCents: null },
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0]).toMatchObject({
      path: "participatiewet.decidedOn",
      code: "decided_before_filed",
    });
    const saved = await cw.json("PUT", `/api/v1/households/${householdId}/transition`, {
      version: 0,
      participatiewet: { filedOn: "2027-03-10", decidedOn: "2027-05-10", outcome: "granted" },
      housing: { plan: "regular_rental", from: "2027-06-01", rentCents: 65000 },
    });
    expect(saved.status).toBe(200);
    expect((await entitlement("2027-05")).calculation!.members.map((m) => m.daysPresent)).toEqual([
      9,
    ]);
    expect((await entitlement("2027-06")).inReception).toBe(false);
  });

  it("the household checklist names what is missing: insurance, the son's conditions", async () => {
    const before = await cw.json<{
      incomePath: string;
      missing: { code: string; personId: number | null }[];
    }>("GET", `/api/v1/households/${householdId}/transition`);
    expect(before.body.incomePath).toBe("participatiewet_decided");
    expect(before.body.missing).toEqual([
      { code: "zvw_missing", personId: mother },
      { code: "transitiedocument_unknown", personId: son },
      { code: "zvw_missing", personId: son },
    ]);
    const ins = await cw.json("POST", `/api/v1/persons/${mother}/health-insurances`, {
      kind: "zvw",
      insurer: "Zilveren Kruis",
      from: "2027-03-05",
    });
    expect(ins.status).toBe(201);
    const overlap = await cw.json<{ error: { issues: { code: string }[] } }>(
      "POST",
      `/api/v1/persons/${mother}/health-insurances`,
      { kind: "zvw", insurer: "CZ", from: "2027-06-01" },
    );
    expect(overlap.status).toBe(400);
    expect(overlap.body.error.issues[0]!.code).toBe("insurance_overlap");
    expect((await transition(mother)).health.insuredOnSwitch).toBe(true);
  });

  it("another permit takes a person out of the transition caseload", async () => {
    const res = await cw.json<{ ended: number[] }>(
      "POST",
      `/api/v1/persons/${son}/residence-statuses`,
      { kind: "permit_study", from: "2026-09-01" },
    );
    expect(res.status).toBe(201);
    const r = await transition(son);
    expect(r.transitiedocument.eligibility).toBe("out_of_caseload");
    expect(r.statuses.map((s) => [s.kind, s.to])).toEqual([
      ["temporary_protection", "2026-08-31"],
      ["permit_study", null],
    ]);
    const overlap = await cw.json("POST", `/api/v1/persons/${son}/residence-statuses`, {
      kind: "permit_work",
      from: "2026-01-01",
      to: "2026-10-01",
    });
    expect(overlap.status).toBe(400);
  });

  it("the worklist lists who is blocked, by what; the municipality's counts carry no names", async () => {
    const list = await cw.json<{
      total: number;
      items: { personId: number; blocking: string | null }[];
    }>("GET", "/api/v1/transition/worklist?include=all");
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => i.personId)).toEqual([mother]);
    // The mother is insured from the switch date: nobody in the caseload is without Zvw.
    const uninsured = await cw.json<{ total: number }>(
      "GET",
      "/api/v1/transition/worklist?include=all&only=uninsured",
    );
    expect(uninsured.body.total).toBe(0);
    const counts = await cw.json<{
      counts: { eligibility: Record<string, number> };
      daysLeft: number;
    }>("GET", "/api/v1/transition/cohort");
    expect(counts.body.counts.eligibility).toMatchObject({ eligible: 1, out_of_caseload: 1 });
    expect(counts.body.daysLeft).toBeGreaterThan(0);
  });

  it("the national coordinator sees counts only: per municipality, never a person", async () => {
    const res = await coordinator.request("/api/v1/transition/cohort/national");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain("Bondar");
    expect(text).not.toContain(MOTHER_BSN);
    const body = JSON.parse(text) as {
      byGemeente: { code: string; counts: { persons: number } }[];
    };
    expect(body.byGemeente).toEqual([expect.objectContaining({ code: "GM0344", name: "Utrecht" })]);
    expect((await coordinator.json("GET", `/api/v1/persons/${mother}/transition`)).status).toBe(
      403,
    );
    expect((await coordinator.json("GET", "/api/v1/transition/worklist")).status).toBe(403);
    expect((await amsterdam.json("GET", `/api/v1/persons/${mother}/transition`)).status).toBe(404);
  });
});
