import { sql } from "drizzle-orm";
import { type Queryable, query } from "../../db/connection";
import { nameKeysOf } from "./registry.repository";

/**
 * Fills `person.name_keys` where it is empty: for persons loaded in bulk (demo data,
 * imports) that did not go through the registry service. Batched: one select and one
 * update per 5,000 persons.
 */
export async function backfillNameKeys(db: Queryable, batch = 5000): Promise<number> {
  let done = 0;
  let afterId = 0;
  for (;;) {
    const rows = await query<{
      id: number;
      family_name: string;
      given_names: string;
      family_name_cyrillic: string | null;
      given_names_cyrillic: string | null;
    }>(
      db,
      sql`select id, family_name, given_names, family_name_cyrillic, given_names_cyrillic
          from person where id > ${afterId} and cardinality(name_keys) = 0
          order by id limit ${batch}`,
    );
    if (rows.length === 0) return done;
    const batchKeys = rows.map((r) => ({
      id: r.id,
      k: nameKeysOf({
        familyName: r.family_name,
        givenNames: r.given_names,
        familyNameCyrillic: r.family_name_cyrillic,
        givenNamesCyrillic: r.given_names_cyrillic,
      }),
    }));
    // One JSON parameter for the whole batch: the same on PGlite and PostgreSQL.
    await db.execute(
      sql`update person p set name_keys = array(select json_array_elements_text(v.k))
          from json_to_recordset(${JSON.stringify(batchKeys)}::json) as v(id int, k json)
          where p.id = v.id`,
    );
    done += rows.length;
    afterId = rows[rows.length - 1]!.id;
  }
}
