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

type Err = {
  error: { code: string; issues?: { path: string; code: string }[]; current?: unknown };
};
type Income = {
  id: number;
  personId: number;
  month: string;
  netCents: number;
  kind: string;
  source: string;
  payer: string | null;
  version: number;
};
type IncomeList = {
  personId: number;
  months: { month: string; totalsBySource: Record<string, number>; incomes: Income[] }[];
};

const wage = {
  month: "2025-07",
  netCents: 123456,
  kind: "work",
  source: "caseworker",
  payer: "Albert Heijn B.V.",
};

describe(`incomes entered by hand (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let cw: Client;
  let cwAmsterdam: Client;
  let finance: Client;
  let personId: number;
  let amsterdamPersonId: number;

  const auditsOf = (id: number) =>
    query<{
      action: string;
      entity_type: string;
      fields: string[] | null;
      reason: string | null;
      username: string;
    }>(
      t.db,
      sql`select action, entity_type, fields, reason, username from audit_record
          where person_id = ${id} and entity_type = 'income' order by id`,
    );

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    await insertTestUser(t.database, "cw-utr", "caseworker", "GM0344");
    await insertTestUser(t.database, "cw-ams", "caseworker", "GM0363");
    await insertTestUser(t.database, "fin", "finance_officer", "GM0344");
    cw = await signIn(t.app, "cw-utr");
    cwAmsterdam = await signIn(t.app, "cw-ams");
    finance = await signIn(t.app, "fin");
    const rows = await query<{ id: number; gemeente_code: string }>(
      t.db,
      sql`insert into person (gemeente_code, bsn, family_name, given_names, birth_date) values
            ('GM0344', '100000010', 'Kovalenko', 'Iryna', '1985-04-12'),
            ('GM0363', '100000034', 'Melnyk', 'Oksana', '1990-01-05')
          returning id, gemeente_code`,
    );
    personId = rows.find((r) => r.gemeente_code === "GM0344")!.id;
    amsterdamPersonId = rows.find((r) => r.gemeente_code === "GM0363")!.id;
  });
  afterAll(() => t.database.destroy());

  it("enters an income and lists it per month, newest first, with totals per source", async () => {
    const created = await cw.json<Income>("POST", `/api/v1/persons/${personId}/incomes`, wage);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      personId,
      month: "2025-07",
      netCents: 123456,
      source: "caseworker",
    });
    const selfReported = {
      ...wage,
      month: "2025-08",
      netCents: 50000,
      source: "self_reported",
      payer: null,
    };
    expect(
      (await cw.json("POST", `/api/v1/persons/${personId}/incomes`, selfReported)).status,
    ).toBe(201);
    const toeslag = { ...wage, netCents: 2500, kind: "toeslagenwet", payer: "SVB" };
    expect((await cw.json("POST", `/api/v1/persons/${personId}/incomes`, toeslag)).status).toBe(
      201,
    );

    const list = await cw.json<IncomeList>("GET", `/api/v1/persons/${personId}/incomes`);
    expect(list.status).toBe(200);
    expect(list.body.months.map((m) => m.month)).toEqual(["2025-08", "2025-07"]);
    expect(list.body.months[1]!.totalsBySource).toEqual({ caseworker: 125956 });
    expect(list.body.months[0]!.incomes[0]).toMatchObject({ source: "self_reported", payer: null });
    const ranged = await cw.json<IncomeList>(
      "GET",
      `/api/v1/persons/${personId}/incomes?from=2025-07&to=2025-07`,
    );
    expect(ranged.body.months.map((m) => m.month)).toEqual(["2025-07"]);

    const audits = await auditsOf(personId);
    expect(audits.filter((a) => a.action === "create")).toHaveLength(3);
    expect(audits.filter((a) => a.action === "read")).toHaveLength(2);
    expect(audits[0]!.fields).toEqual(["month", "netCents", "kind", "source", "payer"]);
  });

  it("refuses negative and fractional cents, naming the field", async () => {
    for (const netCents of [-1, 12.5, "100"]) {
      const res = await cw.json<Err>("POST", `/api/v1/persons/${personId}/incomes`, {
        ...wage,
        month: "2024-01",
        netCents,
      });
      expect(res.status, String(netCents)).toBe(400);
      expect(res.body.error.issues?.map((i) => i.path)).toEqual(["netCents"]);
    }
  });

  it("refuses a month that is not YYYY-MM, before March 2022 or too far ahead, naming the field", async () => {
    const cases: [string, string][] = [
      ["2025-7", "month_format"],
      ["2025-07-01", "month_format"],
      ["2025-13", "month_format"],
      ["2022-02", "month_before_start"],
      ["2999-01", "month_future"],
    ];
    for (const [month, code] of cases) {
      const res = await cw.json<Err>("POST", `/api/v1/persons/${personId}/incomes`, {
        ...wage,
        month,
      });
      expect(res.status, month).toBe(400);
      expect(res.body.error.issues, month).toEqual([
        expect.objectContaining({ path: "month", code }),
      ]);
    }
  });

  it("refuses the source inlichtingenbureau by hand and an unknown kind", async () => {
    const res = await cw.json<Err>("POST", `/api/v1/persons/${personId}/incomes`, {
      ...wage,
      source: "inlichtingenbureau",
      kind: "salary",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues?.map((i) => i.path).sort()).toEqual(["kind", "source"]);
  });

  it("answers 409 with the id and version of the income with the same month, kind, source and payer", async () => {
    const body = { ...wage, month: "2024-02", netCents: 1000 };
    const first = await cw.json<Income>("POST", `/api/v1/persons/${personId}/incomes`, body);
    expect(first.status).toBe(201);
    const again = await cw.json<Err>("POST", `/api/v1/persons/${personId}/incomes`, {
      ...body,
      netCents: 2000,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.current).toEqual({ id: first.body.id, version: 1 });
  });

  it("corrects an income with a reason, audited with the changed fields", async () => {
    const created = await cw.json<Income>("POST", `/api/v1/persons/${personId}/incomes`, {
      ...wage,
      month: "2024-03",
    });
    const id = created.body.id;
    const noReason = await cw.json<Err>("PUT", `/api/v1/incomes/${id}`, {
      ...wage,
      month: "2024-03",
      netCents: 1,
      reason: " ",
      version: 1,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues?.map((i) => i.path)).toEqual(["reason"]);
    const fixed = await cw.json<Income>("PUT", `/api/v1/incomes/${id}`, {
      ...wage,
      month: "2024-03",
      netCents: 120000,
      reason: "payslip showed 1200.00",
      version: 1,
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ netCents: 120000, version: 2 });
    const update = (await auditsOf(personId)).filter((a) => a.action === "update").at(-1);
    expect(update).toMatchObject({
      fields: ["netCents"],
      reason: "payslip showed 1200.00",
      username: "cw-utr",
    });
  });

  it("deletes an income with a reason, audited", async () => {
    const created = await cw.json<Income>("POST", `/api/v1/persons/${personId}/incomes`, {
      ...wage,
      month: "2024-04",
    });
    const id = created.body.id;
    const noReason = await cw.json<Err>("DELETE", `/api/v1/incomes/${id}`, { version: 1 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues?.map((i) => i.path)).toEqual(["reason"]);
    const res = await cw.request(`/api/v1/incomes/${id}`, {
      method: "DELETE",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ reason: "entered for the wrong person", version: 1 }),
    });
    expect(res.status).toBe(204);
    const list = await cw.json<IncomeList>(
      "GET",
      `/api/v1/persons/${personId}/incomes?from=2024-04&to=2024-04`,
    );
    expect(list.body.months).toEqual([]);
    const del = (await auditsOf(personId)).filter((a) => a.action === "delete");
    expect(del).toEqual([expect.objectContaining({ reason: "entered for the wrong person" })]);
    expect(
      (await cw.json("DELETE", `/api/v1/incomes/${id}`, { reason: "again", version: 1 })).status,
    ).toBe(404);
  });

  it("answers 409 with the income as it is now to the second of two caseworkers who read the same version", async () => {
    const created = await cw.json<Income>("POST", `/api/v1/persons/${personId}/incomes`, {
      ...wage,
      month: "2024-07",
      netCents: 50000,
    });
    const { id, version } = created.body;
    const first = await cw.json<Income>("PUT", `/api/v1/incomes/${id}`, {
      ...wage,
      month: "2024-07",
      netCents: 51000,
      reason: "payslip",
      version,
    });
    expect(first.body).toMatchObject({ netCents: 51000, version: version + 1 });
    const audited = (await auditsOf(personId)).length;
    // The second caseworker still has the version both read: no lost update.
    const second = await cw.json<Err>("PUT", `/api/v1/incomes/${id}`, {
      ...wage,
      month: "2024-07",
      netCents: 49000,
      reason: "bank statement",
      version,
    });
    expect(second.status).toBe(409);
    // The current version only, not the income: a conflict is not a read, and it writes no
    // audit record; the caseworker reads the income again through the audited GET.
    expect(second.body.error.current).toEqual({ id, version: version + 1 });
    const stale = await cw.json<Err>("DELETE", `/api/v1/incomes/${id}`, {
      reason: "entered twice",
      version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toEqual({ id, version: version + 1 });
    expect(await auditsOf(personId)).toHaveLength(audited);
    const list = await cw.json<IncomeList>(
      "GET",
      `/api/v1/persons/${personId}/incomes?from=2024-07&to=2024-07`,
    );
    expect(list.body.months[0]?.incomes).toEqual([
      expect.objectContaining({ id, netCents: 51000, version: version + 1 }),
    ]);
    const missing = await cw.json<Err>("PUT", `/api/v1/incomes/${id}`, {
      ...wage,
      month: "2024-07",
      netCents: 49000,
      reason: "bank statement",
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues?.map((i) => i.path)).toEqual(["version"]);
  });

  it("keeps Inlichtingenbureau rows as delivered: no correction or deletion by hand", async () => {
    const [row] = await query<{ id: number }>(
      t.db,
      sql`insert into income (person_id, month, net_cents, kind, source, payer)
          values (${personId}, '2025-06-01', 99900, 'work', 'inlichtingenbureau', 'Jumbo') returning id`,
    );
    const put = await cw.json<Err>("PUT", `/api/v1/incomes/${row!.id}`, {
      ...wage,
      reason: "x",
      version: 1,
    });
    expect(put.status).toBe(400);
    expect(put.body.error.issues?.[0]?.code).toBe("imported_income");
    const del = await cw.json<Err>("DELETE", `/api/v1/incomes/${row!.id}`, {
      reason: "x",
      version: 1,
    });
    expect(del.status).toBe(400);
  });

  it("answers 404 for a person or income of another municipality, and for one that does not exist", async () => {
    const income = await cw.json<Income>("POST", `/api/v1/persons/${personId}/incomes`, {
      ...wage,
      month: "2024-05",
    });
    expect((await cwAmsterdam.json("GET", `/api/v1/persons/${personId}/incomes`)).status).toBe(404);
    expect(
      (await cwAmsterdam.json("POST", `/api/v1/persons/${personId}/incomes`, wage)).status,
    ).toBe(404);
    expect(
      (
        await cwAmsterdam.json("PUT", `/api/v1/incomes/${income.body.id}`, {
          ...wage,
          reason: "x",
          version: 1,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await cwAmsterdam.json("DELETE", `/api/v1/incomes/${income.body.id}`, {
          reason: "x",
          version: 1,
        })
      ).status,
    ).toBe(404);
    expect((await cw.json("GET", `/api/v1/persons/${amsterdamPersonId}/incomes`)).status).toBe(404);
    expect(
      (await cw.json("POST", `/api/v1/persons/${amsterdamPersonId}/incomes`, wage)).status,
    ).toBe(404);
    expect((await cw.json("GET", "/api/v1/persons/999999/incomes")).status).toBe(404);
    // Nothing was written for or by the other municipality.
    expect(await auditsOf(amsterdamPersonId)).toEqual([]);
  });

  it("lets a finance officer read incomes but not enter, correct or delete them", async () => {
    const income = await cw.json<Income>("POST", `/api/v1/persons/${personId}/incomes`, {
      ...wage,
      month: "2024-06",
    });
    expect((await finance.json("GET", `/api/v1/persons/${personId}/incomes`)).status).toBe(200);
    expect((await finance.json("POST", `/api/v1/persons/${personId}/incomes`, wage)).status).toBe(
      403,
    );
    expect(
      (
        await finance.json("PUT", `/api/v1/incomes/${income.body.id}`, {
          ...wage,
          reason: "x",
          version: 1,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await finance.json("DELETE", `/api/v1/incomes/${income.body.id}`, {
          reason: "x",
          version: 1,
        })
      ).status,
    ).toBe(403);
  });
});
