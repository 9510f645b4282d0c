/**
 * Search at the national scale: a caseworker of the largest municipality searches by name
 * in Latin and Cyrillic (with spelling variants), by the first letters of a family name in
 * either script, by BSN, V-number and location. Prints the median, 95th percentile and
 * maximum in milliseconds, and the 95th percentile of the prefixes alone (goal: p95 under
 * 20 ms on PostgreSQL).
 *
 * Alone: `BENCH_DATABASE_URL=postgres://… npx tsx bench/search.bench.ts` (seeds a scratch
 * database at the national scale, about a minute; without the URL PGlite in memory).
 */
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { type Database, query } from "../src/db/connection";
import type { AccessContext } from "../src/domain/access";
import { transliterate } from "../src/domain/transliteration";
import { search } from "../src/modules/registry/registry.service";
import { withNationalDatabase } from "./national-db";
import { quantile } from "./stats";

type Print = (name: string, value: number, unit: string) => void;

export async function runSearchBench(database: Database, print: Print, label: string) {
  const db = database.db;
  // Amsterdam is the largest municipality in the demo data; searches are audited, so they
  // run as its real demo account.
  const [big] = await query<{ id: number; code: string; n: number }>(
    db,
    sql`select u.id, u.gemeente_code as code,
          (select count(*)::int from person p where p.gemeente_code = u.gemeente_code) as n
        from app_user u where u.username = 'caseworker-amsterdam'`,
  );
  const actor: AccessContext = {
    id: big!.id,
    username: "caseworker-amsterdam",
    role: "caseworker",
    language: "nl",
    scope: { kind: "gemeente", gemeente: big!.code },
  };
  const sample = await query<{
    family_name: string;
    given_names: string;
    family_name_cyrillic: string | null;
    given_names_cyrillic: string | null;
    bsn: string | null;
    v_number: string;
    location_id: number | null;
  }>(
    db,
    sql`select p.family_name, p.given_names, p.family_name_cyrillic, p.given_names_cyrillic,
          p.bsn, p.v_number, pl.location_id
        from person p left join placement pl on pl.person_id = p.id and pl.valid_to is null
        where p.gemeente_code = ${big!.code} order by p.id limit 40`,
  );
  const queries: Parameters<typeof search>[2][] = [];
  // The first letters of a family name, as typed into the search box (3 or 4 letters).
  const prefixes = new Set<string>(["Shev", "Шев"]);
  for (const [i, s] of sample.entries()) {
    queries.push({ q: `${s.given_names} ${s.family_name}` });
    if (s.given_names_cyrillic) queries.push({ q: s.given_names_cyrillic });
    queries.push({ q: s.family_name.replace(/kh/g, "h").replace(/y/g, "i") });
    if (s.bsn) queries.push({ q: s.bsn });
    queries.push({ q: s.v_number });
    if (s.location_id) queries.push({ locationId: s.location_id });
    const length = 3 + (i % 2);
    prefixes.add(s.family_name.slice(0, length));
    if (s.family_name_cyrillic) prefixes.add(s.family_name_cyrillic.slice(0, length));
  }
  queries.push({ q: "Aleksandr" }, { q: "Олександр" }, { q: transliterate("Шевченко") });
  const prefixQueries = new Set<Parameters<typeof search>[2]>([...prefixes].map((q) => ({ q })));
  queries.push(...prefixQueries);
  for (const q of queries.slice(0, 5)) await search(db, actor, q); // warm up
  const times: number[] = [];
  const prefixTimes: number[] = [];
  const slowest: { ms: number; q: unknown }[] = [];
  let results = 0;
  for (const q of queries) {
    const t0 = performance.now();
    results += (await search(db, actor, q)).length;
    const ms = performance.now() - t0;
    times.push(ms);
    if (prefixQueries.has(q)) prefixTimes.push(ms);
    slowest.push({ ms, q });
  }
  if (process.env.BENCH_VERBOSE) {
    slowest.sort((a, b) => b.ms - a.ms);
    for (const s of slowest.slice(0, 6))
      console.log(`  ${s.ms.toFixed(1)} ms ${JSON.stringify(s.q)}`);
  }
  const at = (p: number) => quantile(times, p);
  const r = (x: number) => Math.round(x * 10) / 10;
  console.log(
    `search (${label}): ${queries.length} searches in ${big!.code} (${big!.n} persons), of which ${prefixQueries.size} prefixes, ${results} results`,
  );
  print(`search/${label}-median-ms`, r(at(0.5)), "ms");
  print(`search/${label}-p95-ms`, r(at(0.95)), "ms");
  print(`search/${label}-max-ms`, r(at(1)), "ms");
  print(`search/${label}-prefix-p95-ms`, r(quantile(prefixTimes, 0.95)), "ms");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const engine = process.env.BENCH_DATABASE_URL ? "postgresql" : "pglite";
  await withNationalDatabase((database, seedSeconds) => {
    // The seed's name keys fill the search index: its cost shows here.
    console.log(
      `seed/national-${engine}-with-search-keys-seconds: ${Math.round(seedSeconds * 10) / 10} s`,
    );
    return runSearchBench(
      database,
      (name, value, unit) => console.log(`${name}: ${value} ${unit}`),
      engine,
    );
  });
}
