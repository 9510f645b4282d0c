/**
 * Search at the national scale: a caseworker of the largest municipality searches by name
 * in Latin and Cyrillic (with spelling variants), BSN, V-number and location. Prints the
 * median, 95th percentile and maximum in milliseconds (goal: results under 200 ms).
 */
import { sql } from "drizzle-orm";
import { type Database, query } from "../src/db/connection";
import type { AccessContext } from "../src/domain/access";
import { transliterate } from "../src/domain/transliteration";
import { search } from "../src/modules/registry/registry.service";
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
    given_names_cyrillic: string | null;
    bsn: string | null;
    v_number: string;
    location_id: number | null;
  }>(
    db,
    sql`select p.family_name, p.given_names, p.given_names_cyrillic, p.bsn, p.v_number, pl.location_id
        from person p left join placement pl on pl.person_id = p.id and pl.valid_to is null
        where p.gemeente_code = ${big!.code} order by p.id limit 40`,
  );
  const queries: Parameters<typeof search>[2][] = [];
  for (const s of sample) {
    queries.push({ q: `${s.given_names} ${s.family_name}` });
    if (s.given_names_cyrillic) queries.push({ q: s.given_names_cyrillic });
    queries.push({ q: s.family_name.replace(/kh/g, "h").replace(/y/g, "i") });
    if (s.bsn) queries.push({ q: s.bsn });
    queries.push({ q: s.v_number });
    if (s.location_id) queries.push({ locationId: s.location_id });
  }
  queries.push({ q: "Aleksandr" }, { q: "Олександр" }, { q: transliterate("Шевченко") });
  for (const q of queries.slice(0, 5)) await search(db, actor, q); // warm up
  const times: number[] = [];
  const slowest: { ms: number; q: unknown }[] = [];
  let results = 0;
  for (const q of queries) {
    const t0 = performance.now();
    results += (await search(db, actor, q)).length;
    const ms = performance.now() - t0;
    times.push(ms);
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
    `search (${label}): ${queries.length} searches in ${big!.code} (${big!.n} persons), ${results} results`,
  );
  print(`search/${label}-median-ms`, r(at(0.5)), "ms");
  print(`search/${label}-p95-ms`, r(at(0.95)), "ms");
  print(`search/${label}-max-ms`, r(at(1)), "ms");
}
