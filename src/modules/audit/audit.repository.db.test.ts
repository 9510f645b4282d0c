import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testEngine } from "../../../test/db";
import { query } from "../../db/connection";
import { listAuditForPerson, recordAuditForPersons } from "./audit.repository";

describe(`shared audit records (${testEngine})`, () => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase();
  });
  afterAll(() => d.destroy());

  it("lists each person once, in ascending order, and shows the record in each one's log", async () => {
    await recordAuditForPersons(
      d.db,
      null,
      { action: "read", entityType: "household", gemeenteCode: "GM0344" },
      [30, 10, 30, 20, 10],
    );
    const [row] = await query<{ person_ids: number[] }>(
      d.db,
      sql`select person_ids from audit_record order by id desc limit 1`,
    );
    expect(row!.person_ids).toEqual([10, 20, 30]);
    for (const personId of [10, 20, 30]) {
      expect(await listAuditForPerson(d.db, personId)).toEqual([
        expect.objectContaining({ action: "read", entityType: "household", personId }),
      ]);
    }
    expect(await listAuditForPerson(d.db, 15)).toEqual([]);
  });

  it("keeps no GIN pending list, whose clean-up fell on an unrelated request (migration 0009)", async () => {
    const [index] = await query<{ reloptions: string[] }>(
      d.db,
      sql`select reloptions from pg_class where relname = 'audit_person_ids_idx'`,
    );
    expect(index!.reloptions).toContain("fastupdate=off");
  });
});
