import { readFile } from "node:fs/promises";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type Client,
  initTestApp,
  insertTestGemeenten,
  insertTestUser,
  signIn,
} from "../../../test/app";
import { testEngine } from "../../../test/db";
import { query } from "../../db/connection";
import type { AccessContext } from "../../domain/access";
import { parseReason } from "../../domain/reasons";
import { decodeUtf8File, firstInvalidUtf8 } from "../../domain/text-file";
import { toAccessContext } from "../../http/access";
import { listAuditForPerson } from "../audit/audit.repository";
import { findSessionUser } from "../auth/user.repository";
import * as repo from "./income.repository";
import {
  type ImportReport,
  importIncomeFile,
  parseIncomeCsv,
  parseIncomeCsvChunks,
} from "./income-import";

// Valid BSNs (11-check) of synthetic persons: two in Utrecht, one in Amsterdam, one unknown.
const UTRECHT_1 = "100000010";
const UTRECHT_2 = "100000022";
const AMSTERDAM = "100000034";

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const HEADER = "bsn,month,net_amount,kind,payer";

type Err = { error: { code: string; message: string; issues: { path: string; code: string }[] } };

describe(`income import (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let cw: Client;
  let finance: Client;
  let actor: AccessContext;

  const incomeCount = async () =>
    (await query<{ n: number }>(t.db, sql`select count(*)::int as n from income`))[0]!.n;
  const importAudits = async () =>
    (
      await query<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from audit_record where entity_type = 'income_import'`,
      )
    )[0]!.n;
  const postCsv = (client: Client, body: string, qs = "") =>
    client.request(`/api/v1/income-imports${qs}`, {
      method: "POST",
      headers: { "Content-Type": "text/csv; charset=utf-8" },
      body,
    });

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    const cwId = await insertTestUser(t.database, "cw-utr", "caseworker", "GM0344");
    await insertTestUser(t.database, "fin", "finance_officer", "GM0344");
    cw = await signIn(t.app, "cw-utr");
    finance = await signIn(t.app, "fin");
    actor = toAccessContext((await findSessionUser(t.db, cwId))!);
    await t.db.execute(sql`
      insert into person (gemeente_code, bsn, family_name, given_names, birth_date) values
        ('GM0344', ${UTRECHT_1}, 'Kovalenko', 'Iryna', '1985-04-12'),
        ('GM0344', ${UTRECHT_2}, 'Bondarenko', 'Taras', '1979-11-30'),
        ('GM0363', ${AMSTERDAM}, 'Melnyk', 'Oksana', '1990-01-05')`);
  });
  afterAll(() => t.database.destroy());
  beforeEach(async () => {
    await t.db.execute(sql`delete from income`);
  });

  it("reports every faulty row with its line and code, and stores the valid rows", async () => {
    const res = await postCsv(cw, await fixture("ib-faulty-rows.csv"));
    expect(res.status).toBe(200);
    const report = (await res.json()) as ImportReport;
    expect(report.dryRun).toBe(false);
    expect(report.rows).toBe(14); // lines 2–16 without the empty line 5
    expect(report.results.map((r) => [r.line, r.code])).toEqual([
      [2, "matched"],
      [3, "matched"],
      [4, "duplicate"],
      [6, "unknown_bsn"],
      [7, "unknown_bsn"],
      [8, "invalid_amount"],
      [9, "invalid_bsn"],
      [10, "invalid_month"],
      [11, "invalid_kind"],
      [12, "missing_field"],
      [13, "invalid_amount"],
      [14, "invalid_month"],
      [15, "too_many_fields"],
      [16, "matched"],
    ]);
    expect(report.results.find((r) => r.line === 4)?.firstLine).toBe(2);
    expect(report.counts).toMatchObject({ matched: 3, inserted: 3, updated: 0, unchanged: 0 });
    expect(report.personsAffected).toBe(2);
    // Nothing tells that the Amsterdam person exists: the same result as a BSN of nobody.
    const { line: _7, ...foreign } = report.results.find((r) => r.line === 7)!;
    const { line: _6, ...nobody } = report.results.find((r) => r.line === 6)!;
    expect(foreign).toEqual(nobody);
    expect(report.counts).not.toHaveProperty("other_municipality");

    const stored = await query<{
      bsn: string;
      month: string;
      net_cents: number;
      kind: string;
      source: string;
      payer: string;
    }>(
      t.db,
      sql`select p.bsn, i.month, i.net_cents, i.kind, i.source, i.payer
          from income i join person p on p.id = i.person_id order by i.net_cents`,
    );
    expect(stored).toEqual([
      {
        bsn: UTRECHT_2,
        month: "2025-06-01",
        net_cents: 21240,
        kind: "toeslagenwet",
        source: "inlichtingenbureau",
        payer: 'Bakkerij "De Zon", Utrecht',
      },
      {
        bsn: UTRECHT_2,
        month: "2025-07-01",
        net_cents: 85050,
        kind: "wage_replacement",
        source: "inlichtingenbureau",
        payer: "UWV",
      },
      {
        bsn: UTRECHT_1,
        month: "2025-07-01",
        net_cents: 123456,
        kind: "work",
        source: "inlichtingenbureau",
        payer: "Albert Heijn B.V.",
      },
    ]);
  });

  it("audits the import by a record listing its persons and one with the counts", async () => {
    const before = await importAudits();
    const report = (await (
      await postCsv(cw, await fixture("ib-faulty-rows.csv"))
    ).json()) as ImportReport;
    // The merge's record of the persons, the file's record, and the probe record for the
    // Amsterdam person's municipality (next test).
    expect(await importAudits()).toBe(before + 3);
    const matched = [...new Set(report.results.flatMap((r) => (r.personId ? [r.personId] : [])))];
    expect(matched).toHaveLength(2);
    for (const personId of matched) {
      const log = await listAuditForPerson(t.db, personId);
      expect(log[0]).toMatchObject({ entityType: "income_import", action: "import", personId });
      expect(log[0]).not.toHaveProperty("personIds");
    }
    const records = await query<{
      action: string;
      entity_id: string;
      fields: string[];
      reason: string;
      gemeente_code: string;
      person_id: number | null;
      person_ids: number[] | null;
    }>(
      t.db,
      sql`select action, entity_id, fields, reason, gemeente_code, person_id, person_ids
          from audit_record where entity_type = 'income_import' and gemeente_code = 'GM0344'
          order by id desc limit 2`,
    );
    const [file, persons] = records;
    for (const r of records) {
      expect(r).toMatchObject({
        action: "import",
        fields: ["netCents"],
        gemeente_code: "GM0344",
        person_id: null,
      });
    }
    // Both records name the same import.
    expect(file!.entity_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(persons!.entity_id).toBe(file!.entity_id);
    // Three matched rows of two persons: each person listed once, in ascending order; the
    // file's record lists nobody.
    expect(persons!.person_ids).toEqual(matched.sort((a, b) => a - b));
    // Reasons are codes with their values (domain/reasons), which the web translates.
    expect(parseReason(persons!.reason)).toEqual({
      code: "income_file_lines",
      params: { first: 2, last: 16 },
    });
    expect(file!.person_ids).toBeNull();
    expect(parseReason(file!.reason)).toEqual({
      code: "income_import",
      params: {
        rows: 14,
        matched: 3,
        inserted: 3,
        updated: 0,
        unchanged: 0,
        skipped: 11,
        persons: 2,
      },
    });
  });

  it("security: reports a BSN of another municipality as unknown, and audits the probe for that municipality", async () => {
    const [other] = await query<{ id: number }>(
      t.db,
      sql`select id from person where bsn = ${AMSTERDAM}`,
    );
    const csv = `${HEADER}
${AMSTERDAM},2025-05,1.00,work,A
123456782,2025-05,1.00,work,A
${UTRECHT_1},2025-05,2.00,work,A
`;
    const report = await importIncomeFile(t.db, actor, csv);
    // The caseworker cannot tell the Amsterdam person from a BSN of nobody.
    const [probe, nobody] = report.results;
    expect({ ...probe, line: 0 }).toEqual({ ...nobody, line: 0 });
    expect(probe).toMatchObject({ line: 2, code: "unknown_bsn" });
    expect(report.counts).toMatchObject({ matched: 1, unknown_bsn: 2 });
    // Amsterdam's record: who looked (the Utrecht caseworker), for which of its persons.
    const [record] = await query<{
      username: string;
      action: string;
      gemeente_code: string;
      person_ids: number[];
      fields: string[];
      reason: string;
    }>(
      t.db,
      sql`select username, action, gemeente_code, person_ids, fields, reason from audit_record
          where entity_type = 'income_import' and reason = 'bsn_probe' order by id desc limit 1`,
    );
    expect(record).toEqual({
      username: "cw-utr",
      action: "import",
      gemeente_code: "GM0363",
      person_ids: [other!.id],
      fields: ["bsn"],
      reason: "bsn_probe",
    });
    // The Amsterdam person's access log shows it; nothing stored for them.
    const log = await listAuditForPerson(t.db, other!.id);
    expect(log[0]).toMatchObject({ entityType: "income_import", reason: "bsn_probe" });
    const stored = await query(t.db, sql`select 1 from income where person_id = ${other!.id}`);
    expect(stored).toHaveLength(0);
  });

  it("stages a file in small batches with the same outcome and records as at once", async () => {
    const before = await importAudits();
    const csv = `${HEADER}\n${UTRECHT_1},2025-05,1.00,work,A\n123456782,2025-05,1.00,work,A\n${UTRECHT_2},2025-05,2.00,work,A\n`;
    const report = await importIncomeFile(t.db, actor, csv, { chunkSize: 1 });
    expect(report.results.map((r) => [r.line, r.code, r.change])).toEqual([
      [2, "matched", "inserted"],
      [3, "unknown_bsn", undefined],
      [4, "matched", "inserted"],
    ]);
    const records = await query<{ reason: string; n: number | null }>(
      t.db,
      sql`select reason, cardinality(person_ids) as n from audit_record
          where entity_type = 'income_import' order by id desc limit 2`,
    );
    expect(await importAudits()).toBe(before + 2);
    expect(records.map((r) => r.n)).toEqual([null, 2]);
    expect(parseReason(records[1]!.reason)?.params).toEqual({ first: 2, last: 4 });
    expect(await incomeCount()).toBe(2);
  });

  it("audits a dry run the same way, as import_dry_run, and matches a BSN with a leading zero", async () => {
    // 012345672 passes the 11-check; as a number it is 12345672 on both sides of the match.
    const [zero] = await query<{ id: number }>(
      t.db,
      sql`insert into person (gemeente_code, bsn, family_name, given_names, birth_date)
          values ('GM0344', '012345672', 'Lysenko', 'Olena', '1992-02-02') returning id`,
    );
    const csv = `${HEADER}\n012345672,2025-05,10.00,work,A\n${UTRECHT_1},2025-05,1.00,work,A\n`;
    const report = await importIncomeFile(t.db, actor, csv, { dryRun: true });
    expect(report.results.map((r) => [r.line, r.code, r.change])).toEqual([
      [2, "matched", "inserted"],
      [3, "matched", "inserted"],
    ]);
    expect(report.results[0]!.personId).toBe(zero!.id);
    expect(await incomeCount()).toBe(0);
    const records = await query<{ action: string; entity_id: string; n: number | null }>(
      t.db,
      sql`select action, entity_id, cardinality(person_ids) as n from audit_record
          where entity_type = 'income_import' order by id desc limit 2`,
    );
    expect(records.map((r) => [r.action, r.n])).toEqual([
      ["import_dry_run", null],
      ["import_dry_run", 2],
    ]);
    expect(records[0]!.entity_id).toBe(records[1]!.entity_id);
  });

  it("changes nothing when the same file is imported again", async () => {
    const csv = await fixture("ib-faulty-rows.csv");
    await postCsv(cw, csv);
    const before = await query(
      t.db,
      sql`select id, net_cents, received_at from income order by id`,
    );
    const again = (await (await postCsv(cw, csv)).json()) as ImportReport;
    expect(again.counts).toMatchObject({ matched: 3, inserted: 0, updated: 0, unchanged: 3 });
    expect(again.personsAffected).toBe(0);
    expect(again.results.filter((r) => r.code === "matched").map((r) => r.change)).toEqual([
      "unchanged",
      "unchanged",
      "unchanged",
    ]);
    expect(
      await query(t.db, sql`select id, net_cents, received_at from income order by id`),
    ).toEqual(before);
  });

  it("updates only the amount that changed in a corrected delivery", async () => {
    await postCsv(
      cw,
      `${HEADER}\n${UTRECHT_1},2025-07,1000.00,work,Albert Heijn\n${UTRECHT_2},2025-07,50,loon,Jumbo\n`,
    );
    const report = (await (
      await postCsv(
        cw,
        `${HEADER}\n${UTRECHT_1},2025-07,1100.00,work,Albert Heijn\n${UTRECHT_2},2025-07,50.00,work,Jumbo\n`,
      )
    ).json()) as ImportReport;
    expect(report.results.map((r) => r.change)).toEqual(["updated", "unchanged"]);
    expect(report.personsAffected).toBe(1);
    expect(await incomeCount()).toBe(2);
    // The changed row has a new version; the unchanged one was not touched.
    const rows = await query<{ net_cents: number; version: number }>(
      t.db,
      sql`select net_cents, version from income order by net_cents`,
    );
    expect(rows).toEqual([
      { net_cents: 5000, version: 1 },
      { net_cents: 110000, version: 2 },
    ]);
  });

  it("refuses a file with a wrong header with 400 naming the expected columns, and stores nothing", async () => {
    const audits = await importAudits();
    for (const [header, what] of [
      ["bsn,maand,net_amount,kind,payer", "it lacks the column month"],
      ["bsn;month;net_amount;kind;payer", "separated by semicolons"],
      ["bsn,month,net_amount,kind", "it lacks the column payer"],
      ["bsn,month,net_amount,payer,kind", "in another order"],
    ]) {
      const res = await postCsv(cw, `${header}\n${UTRECHT_1},2025-07,1000.00,work,Albert Heijn\n`);
      expect(res.status, header).toBe(400);
      const body = (await res.json()) as Err;
      expect(body.error.issues[0]).toMatchObject({ path: "line 1", code: "csv_header" });
      expect(body.error.message).toContain("bsn,month,net_amount,kind,payer");
      expect(body.error.message).toContain(what);
    }
    expect(await incomeCount()).toBe(0);
    expect(await importAudits()).toBe(audits);
  });

  it("security: refuses a file without its header line without repeating the first row", async () => {
    const audits = await importAudits();
    const res = await postCsv(cw, `${UTRECHT_1},2025-07,1000.00,work,Albert Heijn\n`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Err;
    expect(body.error.issues[0]).toMatchObject({ path: "line 1", code: "csv_header" });
    expect(body.error.message).toBe(
      "line 1: expected the header bsn,month,net_amount,kind,payer: it names none of these columns; the header line is missing or misspelt",
    );
    const text = JSON.stringify(body);
    for (const value of [UTRECHT_1, "1000.00", "Albert", "2025-07"]) {
      expect(text).not.toContain(value);
    }
    expect(await incomeCount()).toBe(0);
    expect(await importAudits()).toBe(audits);
  });

  it("refuses a file that is not UTF-8, naming the line and byte offset of the first invalid byte", async () => {
    const audits = await importAudits();
    const head = `${HEADER}\n${UTRECHT_1},2025-07,1.00,work,Caf\u00e9 B.V.\n${UTRECHT_2},2025-07,2.00,work,Caf`;
    // Latin-1 é (0xE9) in line 3: not UTF-8.
    const bytes = Buffer.concat([
      Buffer.from(head, "utf8"),
      Buffer.from([0xe9]),
      Buffer.from(" B.V.\n", "utf8"),
    ]);
    const offset = Buffer.byteLength(head, "utf8");
    const res = await cw.request("/api/v1/income-imports", {
      method: "POST",
      headers: { "Content-Type": "text/csv" },
      body: bytes,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Err;
    expect(body.error.issues[0]).toMatchObject({ path: "line 3", code: "csv_encoding" });
    expect(body.error.message).toContain(`line 3, byte offset ${offset}`);
    expect(body.error.message).not.toContain(UTRECHT_2);
    // The same bytes as the form field file.
    const form = new FormData();
    form.set("file", new File([bytes], "ib.csv", { type: "text/csv" }));
    const multipart = await cw.request("/api/v1/income-imports", { method: "POST", body: form });
    expect(multipart.status).toBe(400);
    expect(await incomeCount()).toBe(0);
    expect(await importAudits()).toBe(audits);
  });

  it("finds the first invalid UTF-8 byte: a lone continuation, a cut sequence, overlong forms and surrogates", () => {
    const at = (...b: number[]) => firstInvalidUtf8(Uint8Array.from(b));
    expect(at(0x61, 0xc3, 0xa9, 0x62)).toBe(4); // "aéb": valid, the offset is the length
    expect(at(0x61, 0x80)).toBe(1);
    expect(at(0x61, 0xe2, 0x82)).toBe(1);
    expect(at(0xc0, 0xaf)).toBe(0);
    expect(at(0xe0, 0x80, 0xaf)).toBe(0);
    expect(at(0xed, 0xa0, 0x80)).toBe(0);
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0);
    expect(at(0xf0, 0x9f, 0x98, 0x80)).toBe(4);
    expect(() => decodeUtf8File(Uint8Array.from([0x61, 0x0a, 0x62, 0xff]))).toThrow(
      /line 2, byte offset 3/,
    );
  });

  it("a dry run answers the report and stores nothing", async () => {
    const res = await postCsv(cw, await fixture("ib-faulty-rows.csv"), "?dryRun=true");
    expect(res.status).toBe(200);
    const report = (await res.json()) as ImportReport;
    expect(report.dryRun).toBe(true);
    expect(report.counts).toMatchObject({ matched: 3, inserted: 3, duplicate: 1, unknown_bsn: 2 });
    expect(await incomeCount()).toBe(0);
  });

  it("a dry run after an import predicts what a changed file would do", async () => {
    await postCsv(cw, `${HEADER}\n${UTRECHT_1},2025-07,1000.00,work,Albert Heijn\n`);
    const report = (await (
      await postCsv(
        cw,
        `${HEADER}\n${UTRECHT_1},2025-07,1000.00,work,Albert Heijn\n${UTRECHT_1},2025-07,1.00,work,Jumbo\n${UTRECHT_2},2025-08,7,work,Jumbo\n`,
        "?dryRun=true",
      )
    ).json()) as ImportReport;
    expect(report.results.map((r) => r.change)).toEqual(["unchanged", "inserted", "inserted"]);
    await postCsv(cw, `${HEADER}\n${UTRECHT_1},2025-07,999.99,work,Albert Heijn\n`, "?dryRun=true");
    expect(
      (await query<{ net_cents: number }>(t.db, sql`select net_cents from income`))[0]!.net_cents,
    ).toBe(100000);
  });

  it("stores nothing when one write fails after others succeeded (one transaction)", async () => {
    // A trigger that refuses one payer makes the database fail on the third statement,
    // after the first two (one row each, chunkSize 1) were written inside the transaction.
    await t.db.execute(
      sql.raw(`
      create function income_test_refuse() returns trigger language plpgsql as $$
      begin
        if new.payer = 'Refused B.V.' then raise exception 'simulated write failure'; end if;
        return new;
      end $$`),
    );
    await t.db.execute(
      sql.raw(`create trigger income_test_refuse before insert or update on income
      for each row execute function income_test_refuse()`),
    );
    try {
      const audits = await importAudits();
      const csv = `${HEADER}\n${UTRECHT_1},2025-07,1.00,work,A\n${UTRECHT_2},2025-07,2.00,work,B\n${UTRECHT_1},2025-08,3.00,work,Refused B.V.\n`;
      await expect(importIncomeFile(t.db, actor, csv, { chunkSize: 1 })).rejects.toThrow();
      expect(await incomeCount()).toBe(0);
      expect(await importAudits()).toBe(audits);
      // The refused row in the middle: its statement fails while later chunks wait.
      const middle = `${HEADER}\n${UTRECHT_1},2025-07,1.00,work,A\n${UTRECHT_1},2025-08,3.00,work,Refused B.V.\n${UTRECHT_2},2025-07,2.00,work,B\n${UTRECHT_2},2025-08,2.00,work,B\n`;
      await expect(importIncomeFile(t.db, actor, middle, { chunkSize: 1 })).rejects.toThrow();
      expect(await incomeCount()).toBe(0);
      expect(await importAudits()).toBe(audits);
      // The same rows without the refused one are stored: the failure was the trigger's.
      const ok = await importIncomeFile(t.db, actor, csv.split("\n").slice(0, 3).join("\n"), {
        chunkSize: 1,
      });
      expect(ok.counts.inserted).toBe(2);
      expect(await incomeCount()).toBe(2);
    } finally {
      await t.db.execute(sql.raw("drop trigger income_test_refuse on income"));
      await t.db.execute(sql.raw("drop function income_test_refuse()"));
    }
  });

  it("reads stored incomes through the unique key even when income's statistics say it is empty", async () => {
    // What an ANALYZE that met another import's uncommitted rows leaves behind: pages but no
    // rows. A plan that scans income for every row then takes minutes (docs/decisions.md).
    await t.db.execute(sql`insert into income (person_id, month, net_cents, kind, source, payer)
      select id, '2025-07-01', 100, 'work', 'inlichtingenbureau', 'P' || g
      from person, generate_series(1, 8000) g`);
    await t.db.execute(sql`analyze income`);
    await t.db.execute(sql`update pg_class set reltuples = 0 where relname = 'income'`);
    const rows: repo.StagedRow[] = [UTRECHT_1, UTRECHT_2].map((bsn, i) => ({
      line: i + 2,
      bsn,
      month: "2025-07-01",
      netCents: 100,
      kind: "work",
      payer: "P1",
    }));
    try {
      const plan = await t.db.transaction(async (tx) => {
        await repo.createStaging(tx);
        await repo.stageRows(tx, rows);
        const statement = repo.mergeStagedStatement("GM0344", false);
        return query<Record<string, string>>(tx, sql`explain ${statement}`);
      });
      const text = plan.map((row) => Object.values(row)[0]).join("\n");
      expect(text).toMatch(/Index (Only )?Scan using income_unique_per_source on income/);
      expect(text).not.toMatch(/Seq Scan on income\b/);
    } finally {
      // True statistics again for the tests after this one.
      await t.db.execute(sql`delete from income`);
      await t.db.execute(sql`analyze income`);
    }
  });

  it("accepts the file as the multipart form field file, with a BOM and CRLF line ends", async () => {
    const form = new FormData();
    const csv = `\uFEFF${HEADER}\r\n${UTRECHT_1},2025-07,"1234,5",Loon,Albert Heijn\r\n`;
    form.set("file", new File([csv], "ib.csv", { type: "text/csv" }));
    const res = await cw.request("/api/v1/income-imports", { method: "POST", body: form });
    expect(res.status).toBe(200);
    const report = (await res.json()) as ImportReport;
    expect(report.results).toEqual([
      { line: 2, code: "matched", change: "inserted", personId: expect.any(Number) },
    ]);
    expect(
      (await query<{ net_cents: number }>(t.db, sql`select net_cents from income`))[0]!.net_cents,
    ).toBe(123450);
  });

  it("refuses other content types and a finance officer", async () => {
    const json = await cw.json("POST", "/api/v1/income-imports", { rows: [] });
    expect(json.status).toBe(415);
    expect((await postCsv(finance, `${HEADER}\n`)).status).toBe(403);
  });

  it("counts lines of rows after a quoted line break in a payer", () => {
    const parsed = parseIncomeCsv(
      `${HEADER}\n${UTRECHT_1},2025-07,1.00,work,"Two\nlines"\n\n${UTRECHT_1},2025-07,2.00,work,X\nbad\n`,
      { today: "2025-08-15" },
    );
    expect(parsed.valid.map((r) => [r.line, r.payer])).toEqual([
      [2, "Two lines"],
      [5, "X"],
    ]);
    expect(parsed.problems).toEqual([expect.objectContaining({ line: 6, code: "missing_field" })]);
  });

  it("parses a file in chunks as it parses it whole: lines, duplicates across chunks, empty lines", () => {
    const csv = `${HEADER}\n${UTRECHT_1},2025-07,1.00,work,A\n\n${UTRECHT_2},2025-07,2.00,work,B\nbad\n${UTRECHT_1},2025-07,3.00,work,A\n${UTRECHT_2},2025-08,4.00,work,B\n`;
    const whole = parseIncomeCsv(csv, { today: "2025-08-15" });
    const chunks = [...parseIncomeCsvChunks(csv, { today: "2025-08-15", rowsPerChunk: 2 })];
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.flatMap((c) => c.valid)).toEqual(whole.valid);
    expect(chunks.flatMap((c) => c.problems)).toEqual(whole.problems);
    expect(chunks.reduce((n, c) => n + c.rows, 0)).toBe(whole.rows);
    expect(whole.valid.map((r) => r.line)).toEqual([2, 4, 7]);
    expect(whole.problems.map((p) => [p.line, p.code, p.firstLine])).toEqual([
      [5, "missing_field", undefined],
      [6, "duplicate", 2],
    ]);
  });

  it("hands out a file with quotes in chunks too, counting the lines a quoted field spans", () => {
    const csv = `${HEADER}\n${UTRECHT_1},2025-07,1.00,work,"Two\r\nlines"\n${UTRECHT_2},2025-07,2.00,work,"B, B.V."\n${UTRECHT_2},2025-08,3.00,work,C\n`;
    const chunks = [...parseIncomeCsvChunks(csv, { today: "2025-08-15", rowsPerChunk: 1 })];
    expect(chunks.map((c) => c.valid.length)).toEqual([0, 1, 1, 1]);
    expect(chunks.flatMap((c) => c.valid).map((r) => [r.line, r.payer])).toEqual([
      [2, "Two lines"],
      [4, "B, B.V."],
      [5, "C"],
    ]);
  });

  it("parses a file mixing CRLF and LF line ends the same whole and in chunks", () => {
    const csv = `${HEADER}\r\n${UTRECHT_1},2025-07,1.00,work,A\n${UTRECHT_2},2025-07,2.00,work,B\r\n${UTRECHT_2},2025-08,3.00,work,C\n`;
    const whole = parseIncomeCsv(csv, { today: "2025-08-15" });
    const chunks = [...parseIncomeCsvChunks(csv, { today: "2025-08-15", rowsPerChunk: 1 })];
    expect(whole.problems).toEqual([]);
    expect(whole.valid.map((r) => [r.line, r.payer])).toEqual([
      [2, "A"],
      [3, "B"],
      [4, "C"],
    ]);
    expect(chunks.flatMap((c) => c.valid)).toEqual(whole.valid);
  });

  it("refuses a file without the header in its first chunk, whatever the chunk size", () => {
    expect(() => [...parseIncomeCsvChunks("bsn;month\n1;2\n", { rowsPerChunk: 1 })]).toThrow(
      /expected the header/,
    );
  });

  it("refuses months after next month and amounts with a thousands separator", () => {
    const parsed = parseIncomeCsv(
      `${HEADER}\n${UTRECHT_1},2025-09,1.00,work,A\n${UTRECHT_1},2025-10,1.00,work,A\n${UTRECHT_1},2025-09,"1.234,56",work,B\n${UTRECHT_1},2025-09,0,work,C\n`,
      { today: "2025-08-31" },
    );
    expect(parsed.problems.map((p) => [p.line, p.code])).toEqual([
      [3, "invalid_month"],
      [4, "invalid_amount"],
    ]);
    expect(parsed.valid.map((r) => r.netCents)).toEqual([100, 0]);
  });
});
