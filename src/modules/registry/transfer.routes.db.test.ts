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
import { todayNl } from "../../domain/dates";

type Err = { error: { code: string; issues?: { path: string; code: string }[] } };
type Household = {
  id: number;
  version: number;
  gemeenteCode: string;
  members: { membershipId: number; person: { id: number } }[];
};

describe(`transfer of a household to another municipality (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let utrecht: Client;
  let amsterdam: Client;
  let householdId: number;
  let stayingId: number;
  let movingIds: number[];

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    await insertTestUser(t.database, "cw-utr", "caseworker", "GM0344");
    await insertTestUser(t.database, "cw-ams", "caseworker", "GM0363");
    utrecht = await signIn(t.app, "cw-utr");
    amsterdam = await signIn(t.app, "cw-ams");
    const res = await utrecht.json<{ id: number }>("POST", "/api/v1/households", {
      validFrom: "2024-03-15",
      members: [
        {
          role: "head",
          person: {
            familyName: "Kovalenko",
            givenNames: "Iryna",
            birthDate: "1984-05-02",
            bsn: "999993653",
          },
        },
        {
          role: "child",
          person: { familyName: "Kovalenko", givenNames: "Petro", birthDate: "2012-01-09" },
        },
        {
          role: "child",
          person: { familyName: "Kovalenko", givenNames: "Dmytro", birthDate: "2007-11-20" },
        },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    householdId = res.body.id;
    // The eldest left the household before the move: he stays with Utrecht.
    const h = (await utrecht.json<Household>("GET", `/api/v1/households/${householdId}`)).body;
    const dmytro = h.members[2]!;
    stayingId = dmytro.person.id;
    const end = await utrecht.json(
      "POST",
      `/api/v1/households/${householdId}/members/${dmytro.membershipId}/end`,
      {
        validTo: "2025-08-31",
        reason: "own household",
        version: h.version,
      },
    );
    expect(end.status).toBe(200);
    movingIds = h.members.slice(0, 2).map((m) => m.person.id);
  });
  afterAll(() => t.database.destroy());

  const current = async (c: Client) =>
    (await c.json<Household>("GET", `/api/v1/households/${householdId}`)).body;

  it("refuses bad input naming the field, and changes nothing", async () => {
    const { version } = await current(utrecht);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ gemeente: "GM0363", from: "2099-01-01", reason: "x", version }, "from", "date_in_future"],
      [{ gemeente: "GM0363", from: "2025-02-30", reason: "x", version }, "from", "invalid_date"],
      [
        { gemeente: "GM0344", from: "2025-10-01", reason: "x", version },
        "gemeente",
        "same_gemeente",
      ],
      [
        { gemeente: "GM9999", from: "2025-10-01", reason: "x", version },
        "gemeente",
        "gemeente_unknown",
      ],
      [
        { gemeente: "Amsterdam", from: "2025-10-01", reason: "x", version },
        "gemeente",
        "invalid_format",
      ],
      [{ gemeente: "GM0363", from: "2025-10-01", reason: "  ", version }, "reason", "required"],
      [
        { gemeente: "GM0363", from: "2025-10-01", reason: "x", version, when: "now" },
        "when",
        "unrecognized_keys",
      ],
      [{ gemeente: "GM0363", from: "2025-10-01", reason: "x" }, "version", "invalid_type"],
    ];
    for (const [body, path, code] of cases) {
      const res = await utrecht.json<Err>(
        "POST",
        `/api/v1/households/${householdId}/transfer`,
        body,
      );
      expect(res.status, JSON.stringify(body)).toBe(400);
      const issue = res.body.error.issues?.find((i) => i.path === path);
      expect(issue, JSON.stringify(res.body)).toBeDefined();
      if (!["invalid_date", "invalid_format", "invalid_type", "unrecognized_keys"].includes(code))
        expect(issue!.code).toBe(code);
    }
    const stale = await utrecht.json<Err>("POST", `/api/v1/households/${householdId}/transfer`, {
      gemeente: "GM0363",
      from: "2025-10-01",
      reason: "moved",
      version: version + 5,
    });
    expect(stale.status).toBe(409);
    const after = await current(utrecht);
    expect(after.version).toBe(version);
    expect(after.gemeenteCode).toBe("GM0344");
  });

  it("lists the municipalities a household can be transferred to, by name", async () => {
    const res = await utrecht.json<{
      gemeenten: { code: string; name: string; veiligheidsregioCode: string | null }[];
    }>("GET", "/api/v1/gemeenten");
    expect(res.status).toBe(200);
    expect(res.body.gemeenten).toEqual([
      { code: "GM0363", name: "Amsterdam", veiligheidsregioCode: "VR13" },
      { code: "GM0344", name: "Utrecht", veiligheidsregioCode: "VR09" },
    ]);
    expect((await t.app.request("/api/v1/gemeenten")).status).toBe(401);
  });

  it("another municipality cannot transfer what is not theirs", async () => {
    const res = await amsterdam.json<Err>("POST", `/api/v1/households/${householdId}/transfer`, {
      gemeente: "GM0344",
      from: "2025-10-01",
      reason: "x",
      version: 1,
    });
    expect(res.status).toBe(404);
  });

  it("moves the household and its members of that date; the sender loses access", async () => {
    const { version } = await current(utrecht);
    const res = await utrecht.json<{ gemeenteCode: string; personIds: number[]; version: number }>(
      "POST",
      `/api/v1/households/${householdId}/transfer`,
      { gemeente: "GM0363", from: "2025-10-01", reason: "moved to a relative", version },
    );
    expect(res.status).toBe(200);
    expect(res.body.gemeenteCode).toBe("GM0363");
    expect([...res.body.personIds].sort()).toEqual([...movingIds].sort());
    expect(res.body.version).toBe(version + 1);

    expect((await utrecht.json("GET", `/api/v1/households/${householdId}`)).status).toBe(404);
    const h = await current(amsterdam);
    expect(h.gemeenteCode).toBe("GM0363");
    for (const id of movingIds)
      expect((await amsterdam.json("GET", `/api/v1/persons/${id}`)).status).toBe(200);
    // The one who had left stays with Utrecht.
    expect((await utrecht.json("GET", `/api/v1/persons/${stayingId}`)).status).toBe(200);
    expect((await amsterdam.json("GET", `/api/v1/persons/${stayingId}`)).status).toBe(404);
  });

  it("keeps the periods, and both municipalities' logs show the move", async () => {
    const res = await amsterdam.json<{
      periods: { gemeenteCode: string; validFrom: string | null; validTo: string | null }[];
    }>("GET", `/api/v1/households/${householdId}/gemeenten`);
    expect(res.status).toBe(200);
    expect(res.body.periods.map((p) => [p.gemeenteCode, p.validFrom, p.validTo])).toEqual([
      ["GM0344", null, "2025-09-30"],
      ["GM0363", "2025-10-01", null],
    ]);
    const persons = await query<{
      person_id: number;
      gemeente_code: string;
      valid_to: string | null;
    }>(
      t.db,
      sql`select person_id, gemeente_code, valid_to::text from person_gemeente
          where person_id = any(${`{${[...movingIds, stayingId].join(",")}}`}::int[])
          order by person_id, valid_from nulls first`,
    );
    expect(persons.filter((p) => p.person_id === stayingId).map((p) => p.gemeente_code)).toEqual([
      "GM0344",
    ]);
    for (const id of movingIds)
      expect(
        persons.filter((p) => p.person_id === id).map((p) => [p.gemeente_code, p.valid_to]),
      ).toEqual([
        ["GM0344", "2025-09-30"],
        ["GM0363", null],
      ]);
    const audit = await query<{ gemeente_code: string }>(
      t.db,
      sql`select gemeente_code from audit_record
          where entity_type = 'household' and entity_id = ${String(householdId)}
            and action = 'update' and reason like '{"code":"transfer"%' order by gemeente_code`,
    );
    expect(audit.map((a) => a.gemeente_code)).toEqual(["GM0344", "GM0363"]);
  });

  it("refuses a transfer back dated within the current period", async () => {
    const { version } = await current(amsterdam);
    const res = await amsterdam.json<Err>("POST", `/api/v1/households/${householdId}/transfer`, {
      gemeente: "GM0344",
      from: "2025-10-01",
      reason: "back",
      version,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues?.[0]).toMatchObject({
      path: "from",
      code: "before_current_period",
    });
    const back = await amsterdam.json("POST", `/api/v1/households/${householdId}/transfer`, {
      gemeente: "GM0344",
      from: todayNl(),
      reason: "back",
      version,
    });
    expect(back.status).toBe(200);
    expect((await current(utrecht)).gemeenteCode).toBe("GM0344");
  });

  it("the database refuses a record whose municipality is not its open period's", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.execute(sql`update person set gemeente_code = 'GM0363' where id = ${stayingId}`);
      }),
    ).rejects.toThrow();
    await expect(
      t.db.transaction(async (tx) => {
        await tx.execute(
          sql`update household_gemeente set gemeente_code = 'GM0363' where household_id = ${householdId} and valid_to is null`,
        );
      }),
    ).rejects.toThrow();
    const [p] = await query<{ gemeente_code: string }>(
      t.db,
      sql`select gemeente_code from person where id = ${stayingId}`,
    );
    expect(p!.gemeente_code).toBe("GM0344");
  });
});
