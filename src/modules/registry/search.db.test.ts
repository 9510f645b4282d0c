import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testEngine } from "../../../test/db";
import { query } from "../../db/connection";
import { generateDemo } from "../../db/demo/generate";
import { searchKeys } from "../../domain/transliteration";
import { backfillNameKeys } from "./name-keys";
import { type SearchHit, searchPersons } from "./registry.repository";

const ON = "2026-01-15";
const CYRILLIC = /\p{Script=Cyrillic}/u;

/**
 * Name search as one ordered statement with OR, as it was before migration 0023: the
 * reference the indexed search must answer alike.
 */
async function reference(
  d: TestDatabase,
  gemeenteCode: string,
  text: string,
  limit: number,
): Promise<SearchHit[]> {
  const keys = searchKeys(text);
  const keyArray: SQL = sql`array[${sql.join(
    keys.map((k) => sql`${k}`),
    sql`, `,
  )}]::text[]`;
  return query<SearchHit>(
    d.db,
    sql`select p.id, p.family_name, p.given_names, p.family_name_cyrillic, p.given_names_cyrillic,
          p.birth_date, p.bsn, p.v_number, m.household_id, pl.location_id, l.name as location_name
        from person p
        left join household_membership m on m.person_id = p.id
          and daterange(m.valid_from, m.valid_to, '[]') @> ${ON}::date
        left join placement pl on pl.person_id = p.id
          and daterange(pl.valid_from, pl.valid_to, '[]') @> ${ON}::date
        left join location l on l.id = pl.location_id
        where p.gemeente_code = ${gemeenteCode}
          and (p.name_keys @> ${keyArray} or lower(p.family_name) like ${`${text.toLowerCase()}%`})
        order by p.family_name, p.given_names, p.id
        limit ${limit}`,
  );
}

const byName = (gemeenteCode: string, text: string, limit = 50) =>
  searchPersons(d.db, { gemeenteCode, keys: searchKeys(text), text, on: ON, limit });

let d: TestDatabase;

describe(`search by name on the demo data (${testEngine})`, () => {
  const texts: string[] = [];
  let gemeente: string;

  beforeAll(async () => {
    d = await createTestDatabase();
    await generateDemo(d.db, { scale: "demo", seed: 1 });
    await backfillNameKeys(d.db);
    const [big] = await query<{ code: string }>(
      d.db,
      sql`select gemeente_code as code from person group by 1 order by count(*) desc limit 1`,
    );
    gemeente = big!.code;
    const sample = await query<{
      family_name: string;
      given_names: string;
      given_names_cyrillic: string | null;
    }>(
      d.db,
      sql`select family_name, given_names, given_names_cyrillic from person
          where gemeente_code = ${gemeente} order by id limit 25`,
    );
    for (const [i, s] of sample.entries()) {
      texts.push(
        `${s.given_names} ${s.family_name}`,
        s.family_name,
        s.family_name.replace(/kh/g, "h").replace(/y/g, "i"),
        s.family_name.slice(0, 1 + (i % 5)),
        s.family_name.slice(0, 3).toUpperCase(),
      );
      if (s.given_names_cyrillic) texts.push(s.given_names_cyrillic);
    }
    texts.push("Aleksandr", "Alexander", "Mykola Shevchenko", "Nikolai", "Shev", "o", "zzz");
  }, 120_000);
  afterAll(() => d.destroy());

  it("answers the same persons in the same order as the single statement did", async () => {
    expect(texts.length).toBeGreaterThan(100);
    let found = 0;
    for (const text of texts) {
      for (const limit of [50, 5]) {
        const hits = await byName(gemeente, text, limit);
        const before = await reference(d, gemeente, text, limit);
        found += hits.length;
        if (!CYRILLIC.test(text)) {
          expect(hits, `${text} (${limit})`).toEqual(before);
          continue;
        }
        // Typed in Cyrillic, the text is now also a prefix of the Cyrillic family name.
        const all = await byName(gemeente, text, 1000);
        const allBefore = await reference(d, gemeente, text, 1000);
        const extra = all.filter((h) => !allBefore.some((b) => b.id === h.id));
        for (const h of extra) {
          expect(h.family_name_cyrillic?.toLowerCase().startsWith(text.toLowerCase())).toBe(true);
        }
        if (extra.length === 0) expect(hits, `${text} (${limit})`).toEqual(before);
      }
    }
    expect(found).toBeGreaterThan(1000);
  });

  it("finds the first letters of a family name in Latin letters, whatever their case", async () => {
    const hits = await byName(gemeente, "Shev", 200);
    expect(hits.length).toBeGreaterThan(10);
    for (const h of hits) expect(h.family_name.toLowerCase().startsWith("shev")).toBe(true);
    expect(await byName(gemeente, "sHEV", 200)).toEqual(hits);
    // Sorted by family name, given names and id, also when the page cuts the matches.
    const sorted = [...hits].sort(
      (a, b) =>
        (a.family_name < b.family_name ? -1 : a.family_name > b.family_name ? 1 : 0) ||
        (a.given_names < b.given_names ? -1 : a.given_names > b.given_names ? 1 : 0) ||
        a.id - b.id,
    );
    expect(hits).toEqual(sorted);
    expect(await byName(gemeente, "Shev", 7)).toEqual(hits.slice(0, 7));
  });

  it("finds the first letters of a family name in Cyrillic letters, whatever their case", async () => {
    const [{ n } = { n: 0 }] = await query<{ n: number }>(
      d.db,
      sql`select count(*)::int as n from person
          where gemeente_code = ${gemeente} and family_name_cyrillic like 'Шев%'`,
    );
    expect(n).toBeGreaterThan(10);
    const hits = await byName(gemeente, "Шев", 200);
    expect(hits).toHaveLength(n);
    for (const h of hits) expect(h.family_name_cyrillic).toMatch(/^Шев/);
    expect(await byName(gemeente, "шЕВ", 200)).toEqual(hits);
    // Before, a Cyrillic prefix found only persons with a name whose whole key it was.
    const before = await reference(d, gemeente, "Шев", 200);
    expect(before.length).toBeLessThan(hits.length);
    expect(hits).toEqual(expect.arrayContaining(before));
    // A whole Cyrillic name still finds its Latin spellings' persons (names keys).
    const shevchenko = await byName(gemeente, "Шевченко", 200);
    expect(shevchenko).toEqual(await byName(gemeente, "Shevchenko", 200));
  });

  it("searches one municipality only", async () => {
    const [other] = await query<{ code: string }>(
      d.db,
      sql`select gemeente_code as code from person where gemeente_code <> ${gemeente}
          group by 1 order by count(*) desc limit 1`,
    );
    for (const text of ["Shev", "Шев", "Oleksandr", "Олена"]) {
      const mine = await byName(gemeente, text, 200);
      const theirs = await byName(other!.code, text, 200);
      expect(mine.length, text).toBeGreaterThan(0);
      const ids = new Set(mine.map((h) => h.id));
      expect(
        theirs.some((h) => ids.has(h.id)),
        text,
      ).toBe(false);
    }
  });
});
