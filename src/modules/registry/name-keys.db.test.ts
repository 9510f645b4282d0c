import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertTestGemeenten } from "../../../test/app";
import { createTestDatabase, type TestDatabase, testEngine } from "../../../test/db";
import { query } from "../../db/connection";
import { backfillNameKeys } from "./name-keys";

describe(`name keys backfill (${testEngine})`, () => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase();
    await insertTestGemeenten(d);
  });
  afterAll(() => d.destroy());

  it("fills keys for bulk-loaded persons in batches, so variants find them", async () => {
    await d.db.execute(sql`insert into person (gemeente_code, family_name, given_names, given_names_cyrillic, birth_date)
      values ('GM0344', 'Bondar', 'Oleksandr', 'Олександр', '1980-01-01'),
             ('GM0344', 'Kovalenko', 'Iryna', 'Ірина', '1985-05-05'),
             ('GM0344', 'Melnyk', 'Serhii', null, '1990-09-09')`);
    expect(await backfillNameKeys(d.db, 2)).toBe(3);
    const rows = await query<{ given_names: string; name_keys: string[] }>(
      d.db,
      sql`select given_names, name_keys from person order by id`,
    );
    expect(rows.every((r) => r.name_keys.length >= 2)).toBe(true);
    const found = await query<{ given_names: string }>(
      d.db,
      sql`select given_names from person where name_keys @> array[${rows[0]!.name_keys.at(-1)!}]::text[]`,
    );
    expect(found.map((r) => r.given_names)).toContain("Oleksandr");
    expect(await backfillNameKeys(d.db)).toBe(0);
  });
});
