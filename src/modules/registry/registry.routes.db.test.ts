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
import { recordAuditForPersons } from "../audit/audit.repository";
import { PersonAuditRecord, PersonSearchHit } from "./registry.routes";

const olena = {
  role: "head",
  person: {
    bsn: "999993653",
    vNumber: "1234567890",
    familyName: "Shevchenko",
    givenNames: "Olena",
    familyNameCyrillic: "Шевченко",
    givenNamesCyrillic: "Олена",
    birthDate: "1988-02-29",
    sex: "V",
    protectionStart: "2022-03-10",
  },
};
const oleksandr = {
  role: "child",
  person: {
    familyName: "Shevchenko",
    givenNames: "Oleksandr",
    familyNameCyrillic: "Шевченко",
    givenNamesCyrillic: "Олександр",
    birthDate: "2016-07-01",
    sex: "M",
  },
};

type Err = { error: { code: string; issues: { path: string; code: string }[] } };

describe(`registry (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let cw: Client;
  let cwAmsterdam: Client;
  let finance: Client;
  let admin: Client;
  let householdId: number;

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    await insertTestUser(t.database, "cw-utr", "caseworker", "GM0344");
    await insertTestUser(t.database, "cw-ams", "caseworker", "GM0363");
    await insertTestUser(t.database, "fin", "finance_officer", "GM0344");
    await insertTestUser(t.database, "adm", "municipal_admin", "GM0344");
    cw = await signIn(t.app, "cw-utr");
    cwAmsterdam = await signIn(t.app, "cw-ams");
    finance = await signIn(t.app, "fin");
    admin = await signIn(t.app, "adm");
    const res = await cw.json<{ id: number }>("POST", "/api/v1/households", {
      validFrom: "2022-03-15",
      members: [olena, oleksandr],
    });
    expect(res.status).toBe(201);
    householdId = res.body.id;
  });
  afterAll(() => t.database.destroy());

  it("registers a household with its members and shows them", async () => {
    const h = await cw.json<{
      label: string;
      members: { role: string; person: { givenNamesCyrillic: string } }[];
    }>("GET", `/api/v1/households/${householdId}`);
    expect(h.status).toBe(200);
    expect(h.body.label).toBe("Shevchenko");
    expect(h.body.members.map((m) => m.role)).toEqual(["head", "child"]);
    expect(h.body.members[1]!.person.givenNamesCyrillic).toBe("Олександр");
  });

  it("refuses a BSN failing the 11-check and a date that does not exist, naming both fields, and stores nothing", async () => {
    const before = await query<{ n: number }>(t.db, sql`select count(*)::int as n from person`);
    const res = await cw.json<Err>("POST", "/api/v1/households", {
      validFrom: "2023-02-29",
      members: [
        {
          role: "head",
          person: {
            ...olena.person,
            bsn: "999999999",
            vNumber: "1111111111",
            birthDate: "1990-04-31",
          },
        },
      ],
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(["validFrom", "members.0.person.bsn", "members.0.person.birthDate"]),
    );
    const after = await query<{ n: number }>(t.db, sql`select count(*)::int as n from person`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("refuses a BSN already registered", async () => {
    const res = await cw.json<Err>("POST", "/api/v1/households", {
      validFrom: "2024-01-01",
      members: [{ role: "head", person: { ...olena.person, vNumber: "2222222222" } }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0]).toMatchObject({
      path: "members.0.person.bsn",
      code: "duplicate",
    });
  });

  it("refuses membership in two households at once", async () => {
    const h = await cw.json<{ members: { person: { id: number } }[] }>(
      "GET",
      `/api/v1/households/${householdId}`,
    );
    const personId = h.body.members[0]!.person.id;
    const res = await cw.json<Err>("POST", "/api/v1/households", {
      validFrom: "2025-01-01",
      members: [{ role: "head", personId }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0]).toMatchObject({
      path: "members.0.personId",
      code: "membership_overlap",
    });
  });

  it("a child who turns 18 moves to an own household: end the old membership, start a new one", async () => {
    const h = await cw.json<{
      version: number;
      members: { membershipId: number; person: { id: number } }[];
    }>("GET", `/api/v1/households/${householdId}`);
    const child = h.body.members[1]!;
    const end = await cw.json<{ version: number }>(
      "POST",
      `/api/v1/households/${householdId}/members/${child.membershipId}/end`,
      { validTo: "2034-06-30", reason: "turned 18", version: h.body.version },
    );
    expect(end.status).toBe(200);
    const own = await cw.json("POST", "/api/v1/households", {
      validFrom: "2034-07-01",
      reason: "turned 18",
      members: [{ role: "head", personId: child.person.id }],
    });
    expect(own.status).toBe(201);
  });

  it("a departure can end the person's placement on the same date; without it the placement stays", async () => {
    const res = await cw.json<{ id: number; version: number; memberIds: number[] }>(
      "POST",
      "/api/v1/households",
      {
        validFrom: "2024-01-01",
        members: [
          {
            role: "head",
            person: { familyName: "Moroz", givenNames: "Anna", birthDate: "1980-01-01" },
          },
          {
            role: "partner",
            person: { familyName: "Moroz", givenNames: "Petro", birthDate: "1979-01-01" },
          },
        ],
      },
    );
    const [loc] = await query<{ id: number }>(
      t.db,
      sql`insert into location (gemeente_code, name, kind) values ('GM0344', 'Flex Moroz', 'flex_homes') returning id`,
    );
    for (const id of res.body.memberIds) {
      await t.db.execute(
        sql`insert into placement (person_id, kind, location_id, gemeente_code, valid_from) values (${id}, 'goo', ${loc!.id}, 'GM0344', '2024-01-01')`,
      );
    }
    const h = await cw.json<{
      version: number;
      members: { membershipId: number; person: { id: number } }[];
    }>("GET", `/api/v1/households/${res.body.id}`);
    const [anna, petro] = h.body.members;
    const first = await cw.json<{ version: number }>(
      "POST",
      `/api/v1/households/${res.body.id}/members/${petro!.membershipId}/end`,
      {
        validTo: "2025-03-31",
        reason: "departure to Ukraine",
        version: h.body.version,
        endPlacement: true,
      },
    );
    expect(first.status).toBe(200);
    await cw.json("POST", `/api/v1/households/${res.body.id}/members/${anna!.membershipId}/end`, {
      validTo: "2025-04-30",
      reason: "moved to another household",
      version: first.body.version,
    });
    const ends = await query<{ person_id: number; valid_to: string | null }>(
      t.db,
      sql`select person_id, valid_to from placement where location_id = ${loc!.id} order by person_id`,
    );
    expect(ends).toEqual([
      { person_id: anna!.person.id, valid_to: null },
      { person_id: petro!.person.id, valid_to: "2025-03-31" },
    ]);
  });

  it("security: another municipality's household and person answer 404", async () => {
    expect((await cwAmsterdam.request(`/api/v1/households/${householdId}`)).status).toBe(404);
    const h = await cw.json<{ members: { person: { id: number } }[] }>(
      "GET",
      `/api/v1/households/${householdId}`,
    );
    expect(
      (await cwAmsterdam.request(`/api/v1/persons/${h.body.members[0]!.person.id}`)).status,
    ).toBe(404);
    const found = await cwAmsterdam.json<{ results: unknown[] }>(
      "GET",
      "/api/v1/persons?q=Shevchenko",
    );
    expect(found.body.results).toEqual([]);
  });

  it("security: a finance officer reads but cannot change persons", async () => {
    expect((await finance.request(`/api/v1/households/${householdId}`)).status).toBe(200);
    const res = await finance.json("POST", "/api/v1/households", {
      validFrom: "2024-01-01",
      members: [],
    });
    expect(res.status).toBe(403);
  });

  it("security: a person is shown by an allow-list of fields, never the search keys or timestamps of the row", async () => {
    const h = await cw.json<{ members: { person: Record<string, unknown> }[] }>(
      "GET",
      `/api/v1/households/${householdId}`,
    );
    const person = h.body.members[0]!.person;
    expect(Object.keys(person).sort()).toEqual(
      [
        "birthDate",
        "brpGemeenteCode",
        "brpRegistrationDate",
        "bsn",
        "contactLanguage",
        "familyName",
        "familyNameCyrillic",
        "gemeenteCode",
        "givenNames",
        "givenNamesCyrillic",
        "id",
        "nationalityCode",
        "protectionStart",
        "sex",
        "updatedAt",
        "vNumber",
        "version",
      ].sort(),
    );
    const one = await cw.json<{ memberships: Record<string, unknown>[] }>(
      "GET",
      `/api/v1/persons/${person.id}`,
    );
    expect(one.body).not.toHaveProperty("nameKeys");
    expect(Object.keys(one.body.memberships[0]!).sort()).toEqual(
      ["householdId", "id", "personId", "reason", "role", "validFrom", "validTo"].sort(),
    );
  });

  it("security: a BSN of another municipality is refused without saying where, audited for its owner, and limited", async () => {
    const probe = () =>
      cwAmsterdam.json<Err>("POST", "/api/v1/households", {
        validFrom: "2025-01-01",
        members: [{ role: "head", person: { ...olena.person, vNumber: null } }],
      });
    const first = await probe();
    expect(first.status).toBe(400);
    expect(first.body.error.issues).toEqual([
      expect.objectContaining({ path: "members.0.person.bsn", code: "duplicate" }),
    ]);
    expect(JSON.stringify(first.body)).not.toMatch(/GM0344|Utrecht/);
    // The owning municipality sees the probe in the person's access log.
    const [row] = await query<{ gemeente_code: string; username: string; n: number }>(
      t.db,
      sql`select gemeente_code, username, count(*) over ()::int as n from audit_record
          where reason = 'bsn_probe' order by id desc limit 1`,
    );
    expect(row).toMatchObject({ gemeente_code: "GM0344", username: "cw-ams", n: 1 });
    // At most ten such probes an hour per user; then 429 before anything is looked up.
    for (let i = 1; i < 10; i++) expect((await probe()).status).toBe(400);
    const limited = await probe();
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
  });

  it("optimistic concurrency: the second of two saves gets 409 with the current version", async () => {
    const h = await cw.json<{ members: { person: { id: number; version: number } }[] }>(
      "GET",
      `/api/v1/households/${householdId}`,
    );
    const p = h.body.members[0]!.person;
    const first = await cw.json("PATCH", `/api/v1/persons/${p.id}`, {
      version: p.version,
      givenNames: "Olena Maria",
    });
    expect(first.status).toBe(200);
    const second = await cw.json<{
      error: { code: string; current: { givenNames: string; version: number } };
    }>("PATCH", `/api/v1/persons/${p.id}`, { version: p.version, givenNames: "Olena M." });
    expect(second.status).toBe(409);
    expect(second.body.error.current).toMatchObject({
      givenNames: "Olena Maria",
      version: p.version + 1,
    });
    // security: the 409 showed the person as she is now: that read is in her access log.
    const [read] = await query<{ action: string; reason: string; username: string }>(
      t.db,
      sql`select action, reason, username from audit_record
          where ${p.id} = any(person_ids) and reason = 'conflict' order by id desc limit 1`,
    );
    expect(read).toEqual({ action: "read", reason: "conflict", username: "cw-utr" });
  });

  it("security: a stale change of a household's members answers 409 and audits what it shows", async () => {
    const h = await cw.json<{ version: number; members: { person: { id: number } }[] }>(
      "GET",
      `/api/v1/households/${householdId}`,
    );
    const stale = await cw.json<{ error: { code: string } }>(
      "POST",
      `/api/v1/households/${householdId}/members`,
      {
        role: "child",
        person: { familyName: "Shevchenko", givenNames: "Ivan", birthDate: "2020-01-01" },
        validFrom: "2025-01-01",
        reason: "birth",
        version: h.body.version - 1,
      },
    );
    expect(stale.status).toBe(409);
    const [row] = await query<{ ids: number[] }>(
      t.db,
      sql`select person_ids as ids from audit_record where reason = 'conflict'
            and entity_type = 'person' order by id desc limit 1`,
    );
    expect([...row!.ids].sort()).toEqual(h.body.members.map((m) => m.person.id).sort());
    // Nothing of the refused change was stored.
    const [n] = await query<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from person where given_names = 'Ivan' and family_name = 'Shevchenko'`,
    );
    expect(n!.n).toBe(0);
  });

  it("finds a person by Cyrillic, by Latin, by a Russian-style spelling, by BSN and by V-number", async () => {
    for (const q of ["Олександр", "Oleksandr", "Aleksandr", "Alexander Shevchenko", "Шевченко"]) {
      const r = await cw.json<{ results: { given_names: string }[] }>(
        "GET",
        `/api/v1/persons?q=${encodeURIComponent(q)}`,
      );
      expect(r.status, q).toBe(200);
      expect(
        r.body.results.map((x) => x.given_names),
        q,
      ).toContain("Oleksandr");
    }
    const byBsn = await cw.json<{ results: { bsn: string }[] }>(
      "GET",
      "/api/v1/persons?q=999993653",
    );
    expect(byBsn.body.results).toHaveLength(1);
    const byV = await cw.json<{ results: { v_number: string }[] }>(
      "GET",
      "/api/v1/persons?q=1234567890",
    );
    expect(byV.body.results[0]!.v_number).toBe("1234567890");
    const none = await cw.json<{ results: unknown[] }>("GET", "/api/v1/persons?q=Kovalenko");
    expect(none.body.results).toEqual([]);
  });

  it("finds persons by the first letters of their family name, in Latin and in Cyrillic", async () => {
    for (const q of ["Shev", "shevch", "SHEVCHENK", "Шев", "шевч", "ШЕВЧЕНК"]) {
      const r = await cw.json<{ results: { given_names: string }[] }>(
        "GET",
        `/api/v1/persons?q=${encodeURIComponent(q)}`,
      );
      expect(r.status, q).toBe(200);
      // (An earlier test gave Olena a second given name.)
      expect(r.body.results.map((x) => x.given_names.split(" ")[0]).sort(), q).toEqual([
        "Oleksandr",
        "Olena",
      ]);
    }
    for (const q of ["Shevk", "Шевк", "hev", "ев"]) {
      const r = await cw.json<{ results: unknown[] }>(
        "GET",
        `/api/v1/persons?q=${encodeURIComponent(q)}`,
      );
      expect(r.body.results, q).toEqual([]);
    }
  });

  it("audits every read and change; the municipal admin sees who looked at a file", async () => {
    const h = await cw.json<{ members: { person: { id: number } }[] }>(
      "GET",
      `/api/v1/households/${householdId}`,
    );
    const personId = h.body.members[0]!.person.id;
    await finance.request(`/api/v1/persons/${personId}`);
    const found = await finance.json<{ results: unknown[] }>("GET", "/api/v1/persons?q=Shevchenko");
    expect(found.body.results.length).toBeGreaterThan(0);
    for (const hit of found.body.results) {
      expect(() => PersonSearchHit.strict().parse(hit)).not.toThrow();
    }
    const log = await admin.json<{ records: { username: string; action: string }[] }>(
      "GET",
      `/api/v1/persons/${personId}/audit`,
    );
    expect(log.status).toBe(200);
    for (const r of log.body.records)
      expect(() => PersonAuditRecord.strict().parse(r)).not.toThrow();
    const seen = log.body.records.map((r) => `${r.username}:${r.action}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        "fin:read",
        "fin:search",
        "cw-utr:read",
        "cw-utr:update",
        "cw-utr:create",
      ]),
    );
    expect((await cw.request(`/api/v1/persons/${personId}/audit`)).status).toBe(403);
  });

  it("security: a household read writes one audit record naming its members; a read out of scope writes none", async () => {
    type Row = { username: string; action: string; entity_id: string; person_ids: number[] };
    const reads = () =>
      query<Row>(
        t.db,
        sql`select username, action, entity_id, person_ids from audit_record
            where entity_type = 'household' and action = 'read' order by id`,
      );
    const before = (await reads()).length;
    const h = await cw.json<{ members: { person: { id: number } }[] }>(
      "GET",
      `/api/v1/households/${householdId}`,
    );
    expect(h.status).toBe(200);
    const memberIds = [...new Set(h.body.members.map((m) => m.person.id))].sort((a, b) => a - b);
    const after = await reads();
    expect(after.slice(before)).toEqual([
      { username: "cw-utr", action: "read", entity_id: String(householdId), person_ids: memberIds },
    ]);
    expect((await cwAmsterdam.request(`/api/v1/households/${householdId}`)).status).toBe(404);
    expect((await cw.request("/api/v1/households/999999999")).status).toBe(404);
    expect((await reads()).length).toBe(after.length);
  });

  it("shows the history of changes on the household page", async () => {
    const h = await cw.json<{ history: { action: string; username: string }[] }>(
      "GET",
      `/api/v1/households/${householdId}`,
    );
    const actions = h.body.history.map((x) => x.action);
    expect(actions).toEqual(
      expect.arrayContaining(["create", "add_member", "end_member", "update"]),
    );
    expect(actions).not.toContain("read");
  });

  it("shows a change shared by many persons (an income import) once per member it lists", async () => {
    const h = await cw.json<{ members: { person: { id: number } }[] }>(
      "GET",
      `/api/v1/households/${householdId}`,
    );
    const memberIds = h.body.members.map((m) => m.person.id);
    const [stranger] = await query<{ id: number }>(
      t.db,
      sql`insert into person (gemeente_code, family_name, given_names, birth_date)
          values ('GM0344', 'Stranger', 'Somebody', '1970-01-01') returning id`,
    );
    await recordAuditForPersons(
      t.db,
      null,
      { action: "import", entityType: "income_import", gemeenteCode: "GM0344" },
      [stranger!.id, ...memberIds],
    );
    const after = await cw.json<{ history: { action: string; personId: number | null }[] }>(
      "GET",
      `/api/v1/households/${householdId}`,
    );
    const imports = after.body.history.filter((x) => x.action === "import");
    expect(imports.map((x) => x.personId).sort()).toEqual([...memberIds].sort());
  });

  it("pages the history by record: every change once, a shared record whole on one page", async () => {
    type Page = { entries: { id: number; action: string }[]; nextBefore: number | null };
    const full = await cw.json<{ history: { id: number }[] }>(
      "GET",
      `/api/v1/households/${householdId}`,
    );
    const seen: number[] = [];
    let before: number | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: Page } = await cw.json<Page>(
        "GET",
        `/api/v1/households/${householdId}/history?limit=2${before ? `&before=${before}` : ""}`,
      );
      expect(res.status).toBe(200);
      const records = [...new Set(res.body.entries.map((e) => e.id))];
      expect(records.length).toBeLessThanOrEqual(2);
      // No record is split over two pages.
      for (const r of records) expect(seen).not.toContain(r);
      seen.push(...records);
      expect(res.body.entries.map((e) => e.action)).not.toContain("read");
      before = res.body.nextBefore;
      pages++;
    } while (before !== null && pages < 50);
    expect(pages).toBeGreaterThan(1);
    expect(seen).toEqual([...new Set(full.body.history.map((e) => e.id))]);
    const bad = await cw.json("GET", `/api/v1/households/${householdId}/history?limit=0`);
    expect(bad.status).toBe(400);
  });
});
