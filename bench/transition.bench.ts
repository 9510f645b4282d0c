/**
 * The transition at the national scale: the coordinator's national cohort (every person's
 * transitiedocument conditions, insurance and household path, counted per municipality),
 * the largest municipality's cohort and the first worklist page of its caseworker, and the
 * entitlement facts of a household month with and without the residence-status reads.
 * Prints the median and maximum of five runs in milliseconds.
 */
import { sql } from "drizzle-orm";
import { type Database, query } from "../src/db/connection";
import type { AccessContext } from "../src/domain/access";
import { monthFacts } from "../src/modules/entitlement/entitlement.service";
import {
  cohortSummary,
  supportPeriodsFor,
  worklist,
} from "../src/modules/transition/transition.service";
import { quantile } from "./stats";

type Print = (name: string, value: number, unit: string) => void;

async function timed(runs: number, f: () => Promise<unknown>) {
  await f(); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  return { median: Math.round(quantile(times, 0.5)), max: Math.round(Math.max(...times)) };
}

export async function runTransitionBench(database: Database, print: Print, label: string) {
  const db = database.db;
  const [big] = await query<{ id: number; code: string; n: number }>(
    db,
    sql`select u.id, u.gemeente_code as code,
          (select count(*)::int from person p where p.gemeente_code = u.gemeente_code) as n
        from app_user u where u.username = 'caseworker-amsterdam'`,
  );
  const [coordinator] = await query<{ id: number }>(
    db,
    sql`select id from app_user where role = 'national_coordinator' order by id limit 1`,
  );
  const caseworker: AccessContext = {
    id: big!.id,
    username: "caseworker-amsterdam",
    role: "caseworker",
    language: "nl",
    scope: { kind: "gemeente", gemeente: big!.code },
  };
  const national: AccessContext = {
    id: coordinator!.id,
    username: "coordinator",
    role: "national_coordinator",
    language: "nl",
    scope: { kind: "national" },
  };
  const [persons] = await query<{ n: number }>(db, sql`select count(*)::int as n from person`);
  const nationalCohort = await timed(5, () => cohortSummary(db, national));
  print(
    `transition/${label}-national-cohort-${persons!.n}-persons-median`,
    nationalCohort.median,
    "ms",
  );
  print(`transition/${label}-national-cohort-max`, nationalCohort.max, "ms");
  const municipal = await timed(5, () => cohortSummary(db, caseworker));
  print(`transition/${label}-cohort-${big!.n}-persons-median`, municipal.median, "ms");
  const list = await timed(5, () =>
    worklist(db, caseworker, { sort: "blocking", include: "open", limit: 50, offset: 0 }),
  );
  print(`transition/${label}-worklist-first-page-median`, list.median, "ms");

  // A household-month's facts with the residence-status reads, and those reads alone.
  const households = await query<{ id: number; persons: number[] }>(
    db,
    sql`select h.id, array_agg(m.person_id order by m.person_id) as persons
        from household h join household_membership m on m.household_id = h.id
        where h.gemeente_code = ${big!.code} group by h.id order by h.id limit 200`,
  );
  const facts = await timed(3, async () => {
    for (const h of households) await monthFacts(db, h.id, "2027-03", big!.code);
  });
  const statusReads = await timed(3, async () => {
    for (const h of households) await supportPeriodsFor(db, h.id, h.persons);
  });
  print(
    `transition/${label}-month-facts-per-household`,
    Math.round((facts.median / households.length) * 100) / 100,
    "ms",
  );
  print(
    `transition/${label}-of-which-residence-status-per-household`,
    Math.round((statusReads.median / households.length) * 100) / 100,
    "ms",
  );
}
