import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testEngine } from "../../test/db";
import { query } from "./connection";

/** The rule the foreign key kept, now kept per statement by triggers (migration 0007). */
describe(`income belongs to an existing person (${testEngine})`, () => {
  let d: TestDatabase;
  let personId: number;
  /** Drizzle wraps the database's error; the rule speaks in the cause. */
  const refusal = (message: RegExp) => ({
    cause: expect.objectContaining({ code: "23503", message: expect.stringMatching(message) }),
  });
  const incomes = async () =>
    (await query<{ n: number }>(d.db, sql`select count(*)::int as n from income`))[0]!.n;

  beforeAll(async () => {
    d = await createTestDatabase();
    await d.db.execute(sql`insert into veiligheidsregio (code, name) values ('VR09', 'Utrecht')`);
    await d.db.execute(
      sql`insert into gemeente (code, name, province_code, province_name)
          values ('GM0344', 'Utrecht', 'PV26', 'Utrecht')`,
    );
    const [p] = await query<{ id: number }>(
      d.db,
      sql`insert into person (gemeente_code, family_name, given_names, birth_date)
          values ('GM0344', 'Kovalenko', 'Iryna', '1985-04-12') returning id`,
    );
    personId = p!.id;
  });
  afterAll(() => d.destroy());

  it("refuses a statement with one income of a person that does not exist, storing none of it", async () => {
    const write = d.db.execute(sql`
      insert into income (person_id, month, net_cents, kind, source) values
        (${personId}, '2025-07-01', 1000, 'work', 'caseworker'),
        (${personId + 1000}, '2025-07-01', 1000, 'work', 'caseworker')`);
    await expect(write).rejects.toMatchObject(refusal(/person \d+, which does not exist/));
    expect(await incomes()).toBe(0);
  });

  it("refuses to move an income to a person that does not exist", async () => {
    const [row] = await query<{ id: number }>(
      d.db,
      sql`insert into income (person_id, month, net_cents, kind, source)
          values (${personId}, '2025-08-01', 1000, 'work', 'caseworker') returning id`,
    );
    await expect(
      d.db.execute(sql`update income set person_id = ${personId + 1000} where id = ${row!.id}`),
    ).rejects.toMatchObject(refusal(/which does not exist/));
    const [kept] = await query<{ person_id: number }>(
      d.db,
      sql`select person_id from income where id = ${row!.id}`,
    );
    expect(kept!.person_id).toBe(personId);
  });

  it("refuses to delete a person with incomes, and deletes one without", async () => {
    await expect(
      d.db.execute(sql`delete from person where id = ${personId}`),
    ).rejects.toMatchObject(refusal(/has incomes and cannot be deleted/));
    const [other] = await query<{ id: number }>(
      d.db,
      sql`insert into person (gemeente_code, family_name, given_names, birth_date)
          values ('GM0344', 'Melnyk', 'Oksana', '1990-01-05') returning id`,
    );
    await d.db.execute(sql`delete from person where id = ${other!.id}`);
    const left = await query<{ id: number }>(d.db, sql`select id from person order by id`);
    expect(left.map((p) => p.id)).toEqual([personId]);
  });
  it("refuses to give a person with incomes another id, or to truncate person", async () => {
    await expect(
      d.db.execute(sql`update person set id = default where id = ${personId}`),
    ).rejects.toMatchObject(refusal(/cannot get another id/));
    await expect(d.db.execute(sql`truncate person cascade`)).rejects.toMatchObject(
      refusal(/cannot be truncated while income has rows/),
    );
    const left = await query<{ id: number }>(d.db, sql`select id from person`);
    expect(left.map((p) => p.id)).toEqual([personId]);
  });

  it("checks every statement outside an import's locked transaction, and a mark naming another counts for nothing", async () => {
    // An import's transaction: the lock, then an income of a person it has read.
    await d.db.transaction(async (tx) => {
      await tx.execute(sql`select income_lock_for_import()`);
      await tx.execute(sql`insert into income (person_id, month, net_cents, kind, source)
        values (${personId}, '2025-09-01', 1000, 'work', 'inlichtingenbureau')`);
    });
    // The mark ended with that transaction.
    await expect(
      d.db.execute(sql`insert into income (person_id, month, net_cents, kind, source)
        values (${personId + 1000}, '2025-09-01', 1000, 'work', 'caseworker')`),
    ).rejects.toMatchObject(refusal(/which does not exist/));
    // A mark that names another transaction counts for nothing.
    await expect(
      d.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('opvang.income_locked_by', '1', true)`);
        await tx.execute(sql`insert into income (person_id, month, net_cents, kind, source)
          values (${personId + 1000}, '2025-09-01', 1000, 'work', 'caseworker')`);
      }),
    ).rejects.toMatchObject(refusal(/which does not exist/));
    expect(await incomes()).toBe(2);
  });

  it("makes a person's deletion wait for an import holding the lock, and then refuses it", async () => {
    const [p] = await query<{ id: number }>(
      d.db,
      sql`insert into person (gemeente_code, family_name, given_names, birth_date)
          values ('GM0344', 'Shevchenko', 'Taras', '1979-03-09') returning id`,
    );
    let deletion: Promise<unknown> | undefined;
    let settled = false;
    await d.db.transaction(async (tx) => {
      await tx.execute(sql`select income_lock_for_import()`);
      // The person is read after the lock (as the import reads its persons) ...
      const [seen] = await query<{ id: number }>(
        tx,
        sql`select id from person where id = ${p!.id}`,
      );
      // ... and deleted by someone else before the income is written: on PostgreSQL the
      // deletion runs on another connection and waits for the lock; PGlite has one
      // connection and runs it after this transaction.
      deletion = d.db.execute(sql`delete from person where id = ${p!.id}`);
      deletion.then(
        () => (settled = true),
        () => (settled = true),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      await tx.execute(sql`insert into income (person_id, month, net_cents, kind, source)
        values (${seen!.id}, '2025-09-01', 1000, 'work', 'inlichtingenbureau')`);
      expect(settled).toBe(false);
    });
    await expect(deletion).rejects.toMatchObject(refusal(/has incomes and cannot be deleted/));
    const kept = await query<{ id: number }>(d.db, sql`select id from person where id = ${p!.id}`);
    expect(kept).toHaveLength(1);
  });

  it("checks the other incomes a marked transaction writes: the mark spares the import's own rows only", async () => {
    await expect(
      d.db.transaction(async (tx) => {
        await tx.execute(sql`select income_lock_for_import()`);
        await tx.execute(sql`insert into income (person_id, month, net_cents, kind, source)
          values (${personId + 1000}, '2025-10-01', 1000, 'work', 'caseworker')`);
      }),
    ).rejects.toMatchObject(refusal(/which does not exist/));
  });

  it("refuses the import's lock and a person's deletion at REPEATABLE READ, where the lock order proves nothing", async () => {
    const wrongLevel = {
      cause: expect.objectContaining({
        code: "25000",
        message: expect.stringMatching(/READ COMMITTED/),
      }),
    };
    await expect(
      d.db.transaction(
        async (tx) => {
          await tx.execute(sql`select income_lock_for_import()`);
        },
        { isolationLevel: "repeatable read" },
      ),
    ).rejects.toMatchObject(wrongLevel);
    const [p] = await query<{ id: number }>(
      d.db,
      sql`insert into person (gemeente_code, family_name, given_names, birth_date)
          values ('GM0344', 'Franko', 'Ivan', '1956-08-27') returning id`,
    );
    await expect(
      d.db.transaction(
        async (tx) => {
          await tx.execute(sql`delete from person where id = ${p!.id}`);
        },
        { isolationLevel: "repeatable read" },
      ),
    ).rejects.toMatchObject(wrongLevel);
    // At READ COMMITTED the same deletion goes through: the person has no incomes.
    await d.db.execute(sql`delete from person where id = ${p!.id}`);
    const left = await query(d.db, sql`select id from person where id = ${p!.id}`);
    expect(left).toHaveLength(0);
  });
});
