import { sql } from "drizzle-orm";
import { type Db, query } from "../db/connection";
import { type DemoScale, generateDemo } from "../db/demo/generate";
import { createUser } from "../modules/auth";
import { backfillNameKeys } from "../modules/registry";

export const DEMO_PASSWORD = "opvang-demo";

/** Demo accounts: every role, the municipal ones in Utrecht and Amsterdam (README). */
const DEMO_ACCOUNTS = [
  ["caseworker-utrecht", "Caseworker Utrecht", "caseworker", "GM0344"],
  ["finance-utrecht", "Finance officer Utrecht", "finance_officer", "GM0344"],
  // A second officer: a run prepared by one is approved by another (four eyes).
  ["finance2-utrecht", "Second finance officer Utrecht", "finance_officer", "GM0344"],
  ["admin-utrecht", "Municipal admin Utrecht", "municipal_admin", "GM0344"],
  ["caseworker-amsterdam", "Caseworker Amsterdam", "caseworker", "GM0363"],
  ["finance-amsterdam", "Finance officer Amsterdam", "finance_officer", "GM0363"],
  ["finance2-amsterdam", "Second finance officer Amsterdam", "finance_officer", "GM0363"],
  ["admin-amsterdam", "Municipal admin Amsterdam", "municipal_admin", "GM0363"],
  ["coordinator", "National coordinator", "national_coordinator", null],
  ["sysadmin", "System administrator", "system_admin", null],
] as const;

export interface SeedOptions {
  scale: DemoScale;
  seed: number;
  onProgress?: (message: string) => void;
}

/**
 * Loads synthetic demo data once per scale and seed; a second call does nothing, so
 * `npm start` can call it on every start and keep what is there.
 */
export async function seed(db: Db, options: SeedOptions): Promise<"seeded" | "already-seeded"> {
  const done = await query<{ n: number }>(
    db,
    sql`select count(*)::int as n from seed_run where scale = ${options.scale} and seed = ${options.seed}`,
  );
  let result: "seeded" | "already-seeded" = "already-seeded";
  if (done[0]!.n === 0) {
    // generateDemo records the seed_run row itself, in its last step.
    const summary = await generateDemo(db, options);
    options.onProgress?.(
      `generated ${summary.persons} persons in ${summary.households} households, ${summary.places} places in ${summary.locations} locations`,
    );
    const keyed = await backfillNameKeys(db);
    options.onProgress?.(`search keys for ${keyed} persons`);
    result = "seeded";
  }
  // Idempotent, so an interrupted first start still ends with every account.
  await createDemoAccounts(db);
  return result;
}

async function createDemoAccounts(db: Db) {
  for (const [username, displayName, role, gemeenteCode] of DEMO_ACCOUNTS) {
    const exists = await query<{ n: number }>(
      db,
      sql`select count(*)::int as n from app_user where username = ${username}`,
    );
    if (exists[0]!.n > 0) continue;
    const known = gemeenteCode
      ? await query<{ n: number }>(
          db,
          sql`select count(*)::int as n from gemeente where code = ${gemeenteCode}`,
        )
      : [{ n: 1 }];
    if (known[0]!.n === 0) continue;
    await createUser(db, { username, displayName, password: DEMO_PASSWORD, role, gemeenteCode });
  }
  // Each resident account belongs to the head of a household in its municipality.
  for (const [username, gemeenteCode] of [
    ["resident-utrecht", "GM0344"],
    ["resident-amsterdam", "GM0363"],
  ] as const) {
    const [resident] = await query<{ id: number; name: string }>(
      db,
      sql`select p.id, p.given_names || ' ' || p.family_name as name
          from person p join household_membership m on m.person_id = p.id and m.valid_to is null
          where p.gemeente_code = ${gemeenteCode} and m.role = 'head'
          order by p.id limit 1`,
    );
    const taken = await query<{ n: number }>(
      db,
      sql`select count(*)::int as n from app_user where username = ${username}`,
    );
    if (resident && taken[0]!.n === 0) {
      await createUser(db, {
        username,
        displayName: resident.name,
        password: DEMO_PASSWORD,
        role: "resident",
        gemeenteCode,
        personId: resident.id,
        language: "uk",
      });
    }
  }
}
