/**
 * Security: the application log carries no personal data. A failed database statement's
 * message spans several lines (the statement, then `params: …` with the values: a BSN, names,
 * a birth date) and the driver adds a detail that quotes the key; the log names the error
 * by SQLSTATE, constraint and table and the route, never those.
 */
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { serverErrorLogLine } from "../src/http/errors";
import { type Client, initTestApp, insertTestGemeenten, insertTestUser, signIn } from "./app";
import { testEngine } from "./db";

const BSN = "111222333";
const FAMILY = "Kovalenko";
const GIVEN = "Zinaida";
const BIRTH = "1961-07-23";

describe(`security: no personal data in the log (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let cw: Client;
  let logged: string[];

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    await insertTestUser(t.database, "log-caseworker", "caseworker", "GM0344");
    cw = await signIn(t.app, "log-caseworker");
  });
  afterAll(() => t.database.destroy());

  /** Everything written to the console or to stdout/stderr while `fn` runs. */
  async function capture(fn: () => Promise<unknown>) {
    logged = [];
    const keep = (...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.stack}` : String(a))).join(" "));
    };
    const spies = [
      vi.spyOn(console, "error").mockImplementation(keep),
      vi.spyOn(console, "warn").mockImplementation(keep),
      vi.spyOn(console, "log").mockImplementation(keep),
      vi.spyOn(console, "info").mockImplementation(keep),
      vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
        keep(chunk);
        return true;
      }),
    ];
    try {
      await fn();
    } finally {
      for (const s of spies) s.mockRestore();
    }
    return logged.join("\n");
  }
  afterEach(() => vi.restoreAllMocks());

  const household = (bsn: string | null) => ({
    validFrom: "2024-01-01",
    members: [
      { role: "head", person: { bsn, familyName: FAMILY, givenNames: GIVEN, birthDate: BIRTH } },
    ],
  });

  it("a statement that fails in a request logs its SQLSTATE, constraint, table and route only", async () => {
    // A constraint the services do not know of, so the insert fails in the database with
    // the person's values in the statement's parameters.
    await t.db.execute(
      sql.raw(
        `alter table person add constraint log_probe_refuses check (family_name <> '${FAMILY}') not valid`,
      ),
    );
    try {
      let status = 0;
      const log = await capture(async () => {
        status = (await cw.json("POST", "/api/v1/households", household(BSN))).status;
      });
      expect(status).toBe(500);
      expect(log).toContain("POST /api/v1/households failed");
      expect(log).toContain("sqlstate=23514");
      expect(log).toContain("constraint=log_probe_refuses");
      expect(log).not.toContain(BSN);
      expect(log).not.toContain(FAMILY);
      expect(log).not.toContain(GIVEN);
      expect(log).not.toContain(BIRTH);
      expect(log).not.toMatch(/params:|insert into|Failing row/i);
    } finally {
      await t.db.execute(sql.raw("alter table person drop constraint log_probe_refuses"));
    }
  });

  it("a unique violation on person.bsn: the log line names the constraint, not the BSN", async () => {
    await t.db.execute(
      sql`insert into person (gemeente_code, family_name, given_names, birth_date, bsn)
          values ('GM0344', ${FAMILY}, ${GIVEN}, ${BIRTH}, ${BSN})`,
    );
    const err = await t.db
      .execute(
        sql`insert into person (gemeente_code, family_name, given_names, birth_date, bsn)
            values ('GM0344', ${FAMILY}, ${GIVEN}, ${BIRTH}, ${BSN})`,
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeTruthy();
    // The driver's own text holds the values: this is what must not reach the log.
    const raw = `${(err as Error).message} ${(err as Error).stack} ${JSON.stringify((err as { cause?: unknown }).cause ?? {})}`;
    expect(raw).toContain(BSN);
    const line = serverErrorLogLine(err, "POST", "/api/v1/households");
    expect(line).toContain("sqlstate=23505");
    expect(line).toContain("constraint=person_bsn_unique");
    expect(line).toContain("table=person");
    for (const value of [BSN, FAMILY, GIVEN, BIRTH, "already exists", "params"]) {
      expect(line).not.toContain(value);
    }
  });

  it("a value that looks like a stack frame inside the parameters does not reach the log", async () => {
    const sneaky = `${FAMILY}\n    at ${GIVEN} (${BSN})`;
    const err = await t.db.execute(sql`select ${sneaky}::int`).then(
      () => null,
      (e: unknown) => e,
    );
    const line = serverErrorLogLine(err, "GET", "/api/v1/persons");
    expect(line).toContain("sqlstate=22P02");
    for (const value of [BSN, FAMILY, GIVEN]) expect(line).not.toContain(value);
  });
});
