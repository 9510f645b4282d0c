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

interface Rec {
  id: number;
  at: string;
  userId: number | null;
  action: string;
  entityType: string;
  personId: number | null;
  persons: number;
  gemeenteCode: string | null;
  reason: string | null;
}
type Log = {
  person: { id: number; familyName: string } | null;
  offset: number;
  limit: number;
  hasMore: boolean;
  records: Rec[];
};

describe(`the municipal admin's audit log (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let adm: Client;
  let admAms: Client;
  let cw: Client;
  const ids: Record<string, number> = {};
  const one = async (q: ReturnType<typeof sql>) => (await query<{ id: number }>(t.db, q))[0]!.id;

  /** An audit record written at a moment (UTC), as the services write them. */
  const record = (r: {
    at: string;
    user: number | null;
    action: string;
    entity: string;
    person?: number | null;
    persons?: number[] | null;
    gemeente: string | null;
    reason?: string;
  }) =>
    one(
      sql`insert into audit_record (at, user_id, username, role, action, entity_type, person_id, person_ids, gemeente_code, reason)
          values (${r.at}::timestamptz, ${r.user}, 'someone', 'caseworker', ${r.action}, ${r.entity},
                  ${r.person ?? null}, ${r.persons ? `{${r.persons.join(",")}}` : null}::int[],
                  ${r.gemeente}, ${r.reason ?? null}) returning id`,
    );

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    ids.cw = await insertTestUser(t.database, "cw-utr", "caseworker", "GM0344");
    ids.adm = await insertTestUser(t.database, "adm-utr", "municipal_admin", "GM0344");
    ids.cwAms = await insertTestUser(t.database, "cw-ams", "caseworker", "GM0363");
    ids.admAms = await insertTestUser(t.database, "adm-ams", "municipal_admin", "GM0363");
    cw = await signIn(t.app, "cw-utr");
    adm = await signIn(t.app, "adm-utr");
    admAms = await signIn(t.app, "adm-ams");
    ids.olena = await one(
      sql`insert into person (gemeente_code, family_name, given_names, birth_date)
          values ('GM0344', 'Shevchenko', 'Olena', '1988-02-29') returning id`,
    );
    ids.oksana = await one(
      sql`insert into person (gemeente_code, family_name, given_names, birth_date)
          values ('GM0363', 'Melnyk', 'Oksana', '1985-01-01') returning id`,
    );
    // Utrecht's records on three days of March 2026 (Amsterdam is UTC+1 then).
    ids.r1 = await record({
      at: "2026-03-02T08:00:00Z",
      user: ids.cw,
      action: "read",
      entity: "person",
      person: ids.olena,
      gemeente: "GM0344",
    });
    ids.r2 = await record({
      at: "2026-03-03T09:00:00Z",
      user: ids.cw,
      action: "update",
      entity: "person",
      person: ids.olena,
      gemeente: "GM0344",
    });
    ids.r3 = await record({
      at: "2026-03-03T23:30:00Z", // 4 March, 00:30 in Amsterdam
      user: ids.cw,
      action: "search",
      entity: "person",
      persons: [ids.olena, 12345],
      gemeente: "GM0344",
      reason: "search_by_name",
    });
    // Amsterdam's: by its own caseworker, and a probe by Utrecht's caseworker of an
    // Amsterdam BSN, recorded for Amsterdam.
    ids.a1 = await record({
      at: "2026-03-03T10:00:00Z",
      user: ids.cwAms,
      action: "read",
      entity: "person",
      person: ids.oksana,
      gemeente: "GM0363",
    });
    ids.probe = await record({
      at: "2026-03-03T11:00:00Z",
      user: ids.cw,
      action: "read",
      entity: "person",
      person: ids.oksana,
      gemeente: "GM0363",
      reason: "bsn_probe",
    });
  });
  afterAll(() => t.database.destroy());

  const log = (client: Client, q: string) => client.json<Log>("GET", `/api/v1/audit${q}`);
  const recordIds = (l: Log) => l.records.map((r) => r.id);

  it("lists the municipality's records newest first, with its users' sign-ins", async () => {
    const res = await log(adm, "?to=2026-03-31");
    expect(res.status).toBe(200);
    expect(recordIds(res.body)).toEqual([ids.r3, ids.r2, ids.r1]);
    expect(res.body.records[0]).toMatchObject({ persons: 2, personId: null });
    // The sign-ins of the tests' own users (no municipality on the record) are there too.
    const signIns = await log(adm, "?action=sign_in");
    const users = new Set(signIns.body.records.map((r) => r.userId));
    expect(users).toEqual(new Set([ids.cw, ids.adm]));
  });

  it("security: another municipality's records never appear, also not its user's or a probe", async () => {
    for (const q of ["", "?to=2026-03-31", `?userId=${ids.cw}`, `?userId=${ids.cwAms}`]) {
      const res = await log(adm, q);
      expect(res.status, q).toBe(200);
      for (const r of res.body.records) {
        expect(r.id, q).not.toBe(ids.a1);
        expect(r.id, q).not.toBe(ids.probe);
        expect(r.gemeenteCode === null || r.gemeenteCode === "GM0344", q).toBe(true);
      }
    }
    expect((await log(adm, `?personId=${ids.oksana}`)).status).toBe(404);
    const ams = await log(admAms, "?to=2026-03-31");
    expect(recordIds(ams.body)).toEqual([ids.probe, ids.a1]);
  });

  it("filters by user, action and period (days in Europe/Amsterdam)", async () => {
    expect(recordIds((await log(adm, `?userId=${ids.cw}&to=2026-03-31`)).body)).toEqual([
      ids.r3,
      ids.r2,
      ids.r1,
    ]);
    expect(recordIds((await log(adm, "?action=update")).body)).toEqual([ids.r2]);
    expect(recordIds((await log(adm, "?from=2026-03-03&to=2026-03-03")).body)).toEqual([ids.r2]);
    expect(recordIds((await log(adm, "?from=2026-03-04&to=2026-03-04")).body)).toEqual([ids.r3]);
    expect((await log(adm, "?from=2026-02-30")).status).toBe(400);
    expect((await log(adm, "?action=peek")).status).toBe(400);
  });

  it("pages, saying whether another page follows", async () => {
    const first = await log(adm, "?to=2026-03-31&limit=2");
    expect(recordIds(first.body)).toEqual([ids.r3, ids.r2]);
    expect(first.body.hasMore).toBe(true);
    const second = await log(adm, "?to=2026-03-31&limit=2&offset=2");
    expect(recordIds(second.body)).toEqual([ids.r1]);
    expect(second.body.hasMore).toBe(false);
  });

  it("a person's log: every record about them, shared ones as theirs; the look is recorded", async () => {
    const res = await log(adm, `?personId=${ids.olena}&to=2026-03-31`);
    expect(res.status).toBe(200);
    expect(res.body.person).toMatchObject({ id: ids.olena, familyName: "Shevchenko" });
    expect(recordIds(res.body)).toEqual([ids.r3, ids.r2, ids.r1]);
    expect(res.body.records[0]).toMatchObject({ personId: ids.olena, persons: 0 });
    const [look] = await query<{ action: string; entity_type: string; person_id: number }>(
      t.db,
      sql`select action, entity_type, person_id from audit_record
          where user_id = ${ids.adm} order by id desc limit 1`,
    );
    expect(look).toEqual({ action: "read", entity_type: "audit", person_id: ids.olena });
    // The admin's look shows in the person's log the next time.
    const again = await log(adm, `?personId=${ids.olena}&action=read&from=2026-04-01`);
    expect(again.body.records[0]).toMatchObject({ userId: ids.adm, entityType: "audit" });
  });

  it("is for the municipal admin only", async () => {
    expect((await log(cw, "")).status).toBe(403);
  });
});
