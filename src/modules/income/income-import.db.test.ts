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
import type { SessionUser } from "../../http/context";
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
  let actor: SessionUser;

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
    actor = (await findSessionUser(t.db, cwId))!;
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
      [7, "other_municipality"],
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
    // Nothing tells which municipality the Amsterdam person belongs to.
    const foreign = report.results.find((r) => r.line === 7)!;
    expect(foreign.personId).toBeUndefined();
    expect(JSON.stringify(foreign)).not.toMatch(/GM0363|Amsterdam/);

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

  it("audits the import by a record per statement listing its persons and one with the counts", async () => {
    const before = await importAudits();
    const report = (await (
      await postCsv(cw, await fixture("ib-faulty-rows.csv"))
    ).json()) as ImportReport;
    // One statement for this small file, and the file's record.
    expect(await importAudits()).toBe(before + 2);
    const matched = [...new Set(report.results.flatMap((r) => (r.personId ? [r.personId] : [])))];
    expect(matched).toHaveLength(2);
    for (const personId of matched) {
      const log = await listAuditForPerson(t.db, personId);
      expect(log[0]).toMatchObject({ entityType: "income_import", action: "import", personId });
      expect(log[0]).not.toHaveProperty("personIds");
    }
    // The other municipality's person in the file was not matched: not in their log.
    const [other] = await query<{ id: number }>(
      t.db,
      sql`select id from person where bsn = ${AMSTERDAM}`,
    );
    expect(other).toBeDefined();
    const otherLog = await listAuditForPerson(t.db, other!.id);
    expect(otherLog.some((r) => r.entityType === "income_import")).toBe(false);
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
          from audit_record where entity_type = 'income_import' order by id desc limit 2`,
    );
    const [file, statement] = records;
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
    expect(statement!.entity_id).toBe(file!.entity_id);
    // Three matched rows of two persons: each person listed once, in ascending order, by
    // the statement that matched them; the file's record lists nobody.
    expect(statement!.person_ids).toEqual(matched.sort((a, b) => a - b));
    expect(statement!.reason).toBe("Inlichtingenbureau income file, lines 2-16");
    expect(file!.person_ids).toBeNull();
    expect(file!.reason).toContain("14 rows, 3 matched (3 inserted, 0 updated, 0 unchanged)");
    expect(file!.reason).toContain("2 persons affected");
  });

  it("writes an audit record for each statement that matched persons, in small chunks too", async () => {
    const before = await importAudits();
    // Chunks of one row: the unknown BSN's statement matched nobody and lists nobody.
    const csv = `${HEADER}\n${UTRECHT_1},2025-05,1.00,work,A\n123456782,2025-05,1.00,work,A\n${UTRECHT_2},2025-05,2.00,work,A\n`;
    const report = await importIncomeFile(t.db, actor, csv, { chunkSize: 1 });
    expect(report.counts).toMatchObject({ matched: 2, unknown_bsn: 1 });
    const records = await query<{ reason: string; n: number | null }>(
      t.db,
      sql`select reason, cardinality(person_ids) as n from audit_record
          where entity_type = 'income_import' order by id desc limit 3`,
    );
    expect(await importAudits()).toBe(before + 3);
    expect(records.map((r) => r.n)).toEqual([null, 1, 1]);
    expect(records.slice(1).map((r) => r.reason)).toEqual([
      "Inlichtingenbureau income file, lines 4-4",
      "Inlichtingenbureau income file, lines 2-2",
    ]);
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
    for (const header of [
      "bsn,maand,net_amount,kind,payer",
      "bsn;month;net_amount;kind;payer",
      "bsn,month,net_amount,kind",
    ]) {
      const res = await postCsv(cw, `${header}\n${UTRECHT_1},2025-07,1000.00,work,Albert Heijn\n`);
      expect(res.status, header).toBe(400);
      const body = (await res.json()) as Err;
      expect(body.error.issues[0]).toMatchObject({ path: "line 1", code: "csv_header" });
      expect(body.error.message).toContain("bsn,month,net_amount,kind,payer");
    }
    // Without any header line, the first data row is taken as a header and refused too.
    expect((await postCsv(cw, `${UTRECHT_1},2025-07,1000.00,work,Albert Heijn\n`)).status).toBe(
      400,
    );
    expect(await incomeCount()).toBe(0);
    expect(await importAudits()).toBe(audits);
  });

  it("a dry run answers the report and stores nothing", async () => {
    const res = await postCsv(cw, await fixture("ib-faulty-rows.csv"), "?dryRun=true");
    expect(res.status).toBe(200);
    const report = (await res.json()) as ImportReport;
    expect(report.dryRun).toBe(true);
    expect(report.counts).toMatchObject({ matched: 3, inserted: 3, duplicate: 1, unknown_bsn: 1 });
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

  it("plans a chunk without nested loops even when income's statistics say it is empty", async () => {
    // What an ANALYZE that met another import's uncommitted rows leaves behind: pages but no
    // rows. A plan with a nested loop over income then rescans it for every row of a chunk.
    await t.db.execute(sql`insert into income (person_id, month, net_cents, kind, source, payer)
      select id, '2025-07-01', 100, 'work', 'inlichtingenbureau', 'A' from person`);
    await t.db.execute(sql`analyze income`);
    await t.db.execute(
      sql`update pg_class set reltuples = 0, relpages = 5000 where relname = 'income'`,
    );
    const ids = await query<{ id: number }>(
      t.db,
      sql`select id from person where bsn in (${UTRECHT_1}, ${UTRECHT_2}) order by bsn`,
    );
    const columns = {
      personIds: ids.map((p) => p.id),
      months: ["2025-07-01", "2025-07-01"],
      netCents: [100, 200],
      kinds: ["work", "work"],
      payers: ["A", "A"],
    };
    // The writing statement: the dry run's plan has no nested loop even without the settings.
    try {
      const plan = await t.db.transaction(async (tx) => {
        await repo.prepareImportTransaction(tx);
        const statement = repo.importChunkStatement(columns, [AMSTERDAM], false);
        return query<Record<string, string>>(tx, sql`explain ${statement}`);
      });
      const text = plan.map((row) => Object.values(row)[0]).join("\n");
      expect(text).toContain("Hash");
      expect(text).not.toContain("Nested Loop");
    } finally {
      // True statistics again for the tests after this one.
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
