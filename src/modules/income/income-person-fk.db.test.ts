import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initTestApp, insertTestGemeenten, insertTestUser } from "../../../test/app";
import { createEmptyTestDatabase, testEngine } from "../../../test/db";
import { migrationsFolder, query } from "../../db/connection";
import type { AccessContext } from "../../domain/access";
import { toAccessContext } from "../../http/access";
import { findSessionUser } from "../auth/user.repository";
import { importIncomeFile } from "./income-import";

const HEADER = "bsn,month,net_amount,kind,payer";
/** Drizzle wraps the database's error; the code is in the cause. */
const fkRefusal = { cause: expect.objectContaining({ code: "23503" }) };

/** Polls until the condition holds (another connection reached a wait), at most 10 s. */
async function until(condition: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("timed out waiting for the other transaction");
}

describe(`income → person foreign key (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let actor: AccessContext;
  let serial = 0;

  /** A person of Utrecht with a fresh valid BSN (8 digits + 11-check digit). */
  const newPerson = async () => {
    let bsn = "";
    for (;;) {
      const prefix = String(20_000_000 + serial++);
      let sum = 0;
      for (let i = 0; i < 8; i++) sum += Number(prefix[i]) * (9 - i);
      const check = sum % 11;
      if (check < 10) {
        bsn = `${prefix}${check}`;
        break;
      }
    }
    const [p] = await query<{ id: number }>(
      t.db,
      sql`insert into person (gemeente_code, bsn, family_name, given_names, birth_date)
          values ('GM0344', ${bsn}, 'Kovalenko', 'Iryna', '1985-04-12') returning id`,
    );
    return { id: p!.id, bsn };
  };
  const incomesOf = async (personId: number) =>
    (
      await query<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from income where person_id = ${personId}`,
      )
    )[0]!.n;
  const exists = async (personId: number) =>
    (await query(t.db, sql`select 1 from person where id = ${personId}`)).length === 1;

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    const userId = await insertTestUser(t.database, "cw-utr", "caseworker", "GM0344");
    actor = toAccessContext((await findSessionUser(t.db, userId))!);
  });
  afterAll(() => t.database.destroy());

  it("refuses an income of a person that does not exist, storing none of the statement", async () => {
    const p = await newPerson();
    const write = t.db.execute(sql`
      insert into income (person_id, month, net_cents, kind, source) values
        (${p.id}, '2025-07-01', 1000, 'work', 'caseworker'),
        (${p.id + 100_000}, '2025-07-01', 1000, 'work', 'caseworker')`);
    await expect(write).rejects.toMatchObject(fkRefusal);
    expect(await incomesOf(p.id)).toBe(0);
  });

  it("refuses to delete a person with incomes (the database, whoever asks), and deletes one without", async () => {
    const kept = await newPerson();
    const gone = await newPerson();
    await importIncomeFile(t.db, actor, `${HEADER}\n${kept.bsn},2025-07,1.00,work,A\n`);
    await expect(t.db.execute(sql`delete from person where id = ${kept.id}`)).rejects.toMatchObject(
      fkRefusal,
    );
    // At any isolation level: the key checks what a snapshot would miss.
    await expect(
      t.db.transaction(
        async (tx) => {
          await tx.execute(sql`delete from person where id = ${kept.id}`);
        },
        { isolationLevel: "repeatable read" },
      ),
    ).rejects.toMatchObject(fkRefusal);
    await t.db.execute(sql`delete from person where id = ${gone.id}`);
    expect(await exists(kept.id)).toBe(true);
    expect(await exists(gone.id)).toBe(false);
    expect(await incomesOf(kept.id)).toBe(1);
  });

  it("race: a deletion before the import's write makes the row an unknown BSN; the rest is stored", async () => {
    const doomed = await newPerson();
    const other = await newPerson();
    const csv = `${HEADER}\n${doomed.bsn},2025-07,1.00,work,A\n${other.bsn},2025-07,2.00,work,A\n`;
    let report: Awaited<ReturnType<typeof importIncomeFile>>;
    if (testEngine === "postgresql") {
      // The deletion holds the person's row while the import's merge, which still sees the
      // person, waits for it at the foreign key; then the deletion commits.
      let importing: Promise<typeof report> | undefined;
      await t.db.transaction(async (tx) => {
        await tx.execute(sql`delete from person where id = ${doomed.id}`);
        importing = importIncomeFile(t.db, actor, csv);
        importing.catch(() => {});
        await until(async () => {
          const [w] = await query<{ n: number }>(
            tx,
            sql`select count(*)::int as n from pg_locks where not granted`,
          );
          return w!.n > 0;
        });
      });
      report = await importing!;
    } else {
      // PGlite has one connection: the deletion commits first, then the import runs.
      await t.db.execute(sql`delete from person where id = ${doomed.id}`);
      report = await importIncomeFile(t.db, actor, csv);
    }
    expect(report.results.map((r) => [r.line, r.code, r.change])).toEqual([
      [2, "unknown_bsn", undefined],
      [3, "matched", "inserted"],
    ]);
    expect(await exists(doomed.id)).toBe(false);
    expect(await incomesOf(doomed.id)).toBe(0);
    expect(await incomesOf(other.id)).toBe(1);
    const orphans = await query(
      t.db,
      sql`select 1 from income i where not exists (select 1 from person p where p.id = i.person_id)`,
    );
    expect(orphans).toHaveLength(0);
  });

  it("race: a deletion after the import's write waits for the import and is refused", async () => {
    const p = await newPerson();
    const csv = `${HEADER}\n${p.bsn},2025-08,1.00,work,A\n`;
    if (testEngine === "postgresql") {
      // The import pauses after its merge (a test trigger on its file record), holding its
      // key lock on the person; the deletion starts then, waits, and finds the income.
      await t.db.execute(
        sql.raw(`create function income_test_pause() returns trigger language plpgsql as $$
          begin
            if new.reason like '{"code":"income_import",%' then perform pg_sleep(0.5); end if;
            return new;
          end $$`),
      );
      await t.db.execute(
        sql.raw(`create trigger income_test_pause before insert on audit_record
          for each row execute function income_test_pause()`),
      );
      try {
        const importing = importIncomeFile(t.db, actor, csv);
        await until(async () => {
          const [w] = await query<{ n: number }>(
            t.db,
            sql`select count(*)::int as n from pg_stat_activity where wait_event = 'PgSleep'`,
          );
          return w!.n > 0;
        });
        const deleting = t.db.execute(sql`delete from person where id = ${p.id}`);
        deleting.catch(() => {});
        await importing;
        await expect(deleting).rejects.toMatchObject(fkRefusal);
      } finally {
        await t.db.execute(sql.raw("drop trigger income_test_pause on audit_record"));
        await t.db.execute(sql.raw("drop function income_test_pause()"));
      }
    } else {
      await importIncomeFile(t.db, actor, csv);
      await expect(t.db.execute(sql`delete from person where id = ${p.id}`)).rejects.toMatchObject(
        fkRefusal,
      );
    }
    expect(await exists(p.id)).toBe(true);
    expect(await incomesOf(p.id)).toBe(1);
  });
});

/** A copy of the migrations folder up to and including the one tagged. */
async function migrationsUpTo(tag: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "opvang-migrations-"));
  const journal = JSON.parse(await readFile(join(migrationsFolder, "meta/_journal.json"), "utf8"));
  const last = journal.entries.findIndex((e: { tag: string }) => e.tag === tag);
  journal.entries = journal.entries.slice(0, last + 1);
  await mkdir(join(dir, "meta"));
  await writeFile(join(dir, "meta/_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries as { tag: string }[]) {
    await copyFile(join(migrationsFolder, `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
  }
  return dir;
}

describe(`migration 0016 (${testEngine})`, () => {
  it("refuses to add the foreign key while an income has no person, saying so; adds it once fixed", async () => {
    const d = await createEmptyTestDatabase();
    const upTo = await migrationsUpTo("0015_decisions");
    const all = await migrationsUpTo("0016_income_person_fk");
    const migrate = (folder: string) =>
      d.kind === "postgresql"
        ? migratePg(d.db as never, { migrationsFolder: folder })
        : migratePglite(d.db as never, { migrationsFolder: folder });
    const hasKey = async () =>
      (
        await query(
          d.db,
          sql`select 1 from pg_constraint where conname = 'income_person_id_person_id_fk'`,
        )
      ).length === 1;
    try {
      await migrate(upTo);
      await d.db.execute(sql`insert into veiligheidsregio (code, name) values ('VR09', 'Utrecht')`);
      await d.db.execute(sql`insert into gemeente (code, name, province_code, province_name)
        values ('GM0344', 'Utrecht', 'PV26', 'Utrecht')`);
      const [p] = await query<{ id: number }>(
        d.db,
        sql`insert into person (gemeente_code, family_name, given_names, birth_date)
            values ('GM0344', 'Kovalenko', 'Iryna', '1985-04-12') returning id`,
      );
      const [orphan] = await query<{ id: number }>(
        d.db,
        sql`insert into income (person_id, month, net_cents, kind, source)
            values (${p!.id}, '2025-07-01', 1000, 'work', 'caseworker') returning id`,
      );
      // An orphan as a database without the triggers' rule might hold one.
      await d.db.execute(sql`alter table person disable trigger user`);
      await d.db.execute(sql`delete from person where id = ${p!.id}`);
      await d.db.execute(sql`alter table person enable trigger user`);

      const failure = await migrate(all).then(
        () => undefined,
        (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ""}`,
      );
      expect(failure).toContain(
        `migration 0016: 1 income row(s) refer to a person that does not exist (the first income ids: ${orphan!.id})`,
      );
      expect(await hasKey()).toBe(false);

      await d.db.execute(sql`delete from income where id = ${orphan!.id}`);
      await migrate(all);
      expect(await hasKey()).toBe(true);
      const leftovers = await query(
        d.db,
        sql`select proname from pg_proc where proname in ('income_lock_for_import',
              'income_person_exists', 'person_without_income', 'person_id_kept',
              'person_truncate_without_income', 'income_rule_needs_read_committed',
              'income_person_exists_row')`,
      );
      expect(leftovers).toEqual([]);
    } finally {
      await d.destroy();
      await rm(upTo, { recursive: true, force: true });
      await rm(all, { recursive: true, force: true });
    }
  });
});
