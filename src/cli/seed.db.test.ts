import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testEngine } from "../../test/db";
import { query } from "../db/connection";
import { signIn as serviceSignIn } from "../modules/auth/auth.service";
import { DEMO_PASSWORD, seed } from "./seed";

describe(`seed (${testEngine})`, () => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase();
  });
  afterAll(() => d.destroy());

  const counts = async () =>
    (
      await query<{ persons: number; users: number; keyed: number }>(
        d.db,
        sql`select (select count(*)::int from person) as persons,
                   (select count(*)::int from app_user) as users,
                   (select count(*)::int from person where cardinality(name_keys) > 0) as keyed`,
      )
    )[0]!;

  it("loads the demo data with an account for every role in Utrecht and Amsterdam", async () => {
    expect(await seed(d.db, { scale: "demo", seed: 1 })).toBe("seeded");
    const users = await query<{ role: string; gemeente_code: string | null }>(
      d.db,
      sql`select role, gemeente_code from app_user`,
    );
    for (const gm of ["GM0344", "GM0363"]) {
      for (const role of ["caseworker", "finance_officer", "municipal_admin", "resident"]) {
        expect(
          users.some((u) => u.role === role && u.gemeente_code === gm),
          `${role} ${gm}`,
        ).toBe(true);
      }
    }
    expect(
      users
        .filter((u) => u.gemeente_code === null)
        .map((u) => u.role)
        .sort(),
    ).toEqual(["national_coordinator", "system_admin"]);
    const c = await counts();
    expect(c.persons).toBeGreaterThan(1500);
    expect(c.keyed).toBe(c.persons);
  });

  it("a second run keeps the data as it is", async () => {
    const before = await counts();
    expect(await seed(d.db, { scale: "demo", seed: 1 })).toBe("already-seeded");
    expect(await counts()).toEqual(before);
  });

  it("the demo password signs in", async () => {
    const s = await serviceSignIn(d.db, "caseworker-amsterdam", DEMO_PASSWORD);
    expect(s.user).toMatchObject({ role: "caseworker", gemeenteCode: "GM0363" });
  });
});
