/**
 * `opvang decision replay|explain` as a user runs them: a real process over an embedded
 * database in a temporary folder holding one stored decision.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, query } from "../db/connection";
import { ensureLawVersion, insertDecision } from "../modules/decisions/decisions.repository";
import { calculate } from "../rules/calculation-api";
import { getLawbook } from "../rules/lawbook";
import { ENGINE_VERSION } from "../rules/receipt";

const bin = path.resolve(import.meta.dirname, "../../bin/opvang.js");
const dataDir = mkdtempSync(path.join(tmpdir(), "opvang-decision-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function opvang(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    env: { ...process.env, OPVANG_DATA_DIR: dataDir, DATABASE_URL: "" },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("opvang decision", { timeout: 120_000 }, () => {
  const ids = { good: 0, wrong: 0 };

  beforeAll(async () => {
    const d = await openDatabase({ url: dataDir });
    await migrateDatabase(d);
    await d.db.execute(sql`insert into gemeente (code, name) values ('GM0344', 'Utrecht')`);
    const [h] = await query<{ id: number }>(
      d.db,
      sql`insert into household (gemeente_code, label) values ('GM0344', 'Bondar') returning id`,
    );
    const inputs = { month: "2025-11", reception: "goo", members: [{ birthDate: "1990-01-01" }] };
    const { trace, explanation: _e, lawVersion: _l, ...result } = calculate(inputs);
    const lawbook = getLawbook();
    await ensureLawVersion(d.db, lawbook.hash, lawbook.files);
    const base = {
      householdId: h!.id,
      gemeenteCode: "GM0344",
      month: "2025-11",
      kind: "manual" as const,
      reason: "test",
      inputs,
      trace,
      lawHash: lawbook.hash,
      engineVersion: ENGINE_VERSION,
      decidedBy: null,
    };
    ids.good = (await insertDecision(d.db, { ...base, result })).id;
    const wrong = { ...result, leefgeld: { ...result.leefgeld, paidCents: 1 } };
    ids.wrong = (await insertDecision(d.db, { ...base, result: wrong })).id;
    await d.close();
  });

  it("replay: identical with the decision's law, exit 0", () => {
    const r = opvang(["decision", "replay", String(ids.good)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^identical \(law [0-9a-f]{12}, engine /);
  });

  it("replay --current-law: with today's law, identical when the law has not changed", () => {
    const r = opvang(["decision", "replay", String(ids.good), "--current-law"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^identical/);
  });

  it("replay: a stored result the law does not give prints the differences, exit 3", () => {
    const r = opvang(["decision", "replay", String(ids.wrong)]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/result\.leefgeld\.paidCents: 1 → \d+/);
  });

  it("explain --lang uk: the explanation in Ukrainian", () => {
    const r = opvang(["decision", "explain", String(ids.good), "--lang", "uk"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/[а-яіїє]/i);
  });

  it("an unknown id says so on stderr, exit 2", () => {
    for (const args of [
      ["decision", "replay", "999999"],
      ["decision", "explain", "999999"],
    ]) {
      const r = opvang(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("no decision with id 999999");
      expect(r.stdout).toBe("");
    }
  });

  it("each read is in the access log as the system's", async () => {
    const d = await openDatabase({ url: dataDir });
    try {
      const rows = await query<{ action: string; n: number }>(
        d.db,
        sql`select action, count(*)::int as n from audit_record
            where entity_type = 'decision' and user_id is null group by action order by action`,
      );
      expect(rows).toEqual([
        { action: "read", n: 1 },
        { action: "replay", n: 3 },
      ]);
    } finally {
      await d.close();
    }
  });
});
