/**
 * The `opvang` command as a user runs it: a real process, exit codes and output. Commands
 * that need a database get a fresh embedded one in a temporary folder.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const bin = path.resolve(import.meta.dirname, "../../bin/opvang.js");
const dataDir = mkdtempSync(path.join(tmpdir(), "opvang-cli-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function opvang(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, OPVANG_DATA_DIR: dataDir, DATABASE_URL: "" },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const shared = (f: string) => path.resolve(import.meta.dirname, "../../../shared/data", f);

describe("opvang CLI", { timeout: 120_000 }, () => {
  it("lists its commands with --help", () => {
    const r = opvang(["--help"]);
    expect(r.code).toBe(0);
    for (const c of [
      "start",
      "serve",
      "migrate",
      "seed",
      "import",
      "user",
      "calculate",
      "thresholds",
      "decision",
    ]) {
      expect(r.stdout).toContain(c);
    }
  });

  it("calculate: JSON from stdin to stdout, exit 0", () => {
    const r = opvang(
      ["calculate"],
      JSON.stringify({
        month: "2025-11",
        reception: "goo-catering",
        members: [{ birthDate: "1990-01-01" }],
      }),
    );
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    // GOO with catering: kleedgeld only (2025: 62.66), no income
    expect(body.leefgeld).toEqual({ fullCents: 6266, withdrawnCents: 0, paidCents: 6266 });
  });

  it("calculate: invalid input names the field on stderr, exit 2", () => {
    const r = opvang(
      ["calculate"],
      JSON.stringify({
        month: "2025-11",
        reception: "hotel",
        members: [{ birthDate: "1990-01-01" }],
      }),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("reception");
    expect(r.stdout).toBe("");
  });

  it("thresholds: the table for one or two adults with 0–7 children", () => {
    const r = opvang(["thresholds", "--month", "2025-11", "--reception", "goo"]);
    expect(r.code).toBe(0);
    const rows = r.stdout.split("\n").filter((l) => /^\d adults?, \d child/.test(l));
    expect(rows).toHaveLength(16);
    expect(r.stdout).toMatch(/€\s362,07/); // 1.15 × (252.18 + 62.66), rounded half up
    // The household page counts today's earners; the table says it counts every adult.
    expect(r.stdout).toContain("Assumes every adult of the row has an income");
    const json = opvang(["thresholds", "--month", "2025-11", "--json"]);
    const table = JSON.parse(json.stdout) as { rows: { adults: number; earners: number }[] };
    expect(table.rows.every((row) => row.earners === row.adults)).toBe(true);
  });

  it("import gemeenten: a file with a wrong header exits 2 naming file and line", () => {
    const bad = path.join(dataDir, "bad.csv");
    writeFileSync(bad, "code;naam\nGM0344;Utrecht\n");
    const r = opvang(["import", "gemeenten", bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bad.csv line 1");
  });

  it("import gemeenten: the shared CBS and VWS files, twice: the second changes nothing", () => {
    const files = [
      shared("cbs_gemeenten_alfabetisch_2023.csv"),
      shared("minvws_gemeente_veiligheidsregio_2023.csv"),
      shared("veiligheidsregios.csv"),
    ];
    const first = opvang(["import", "gemeenten", ...files, "--valid-from", "2023-01-01"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/342 gemeenten, 25 veiligheidsregio's, 342 mappings/);
    const second = opvang(["import", "gemeenten", ...files, "--valid-from", "2023-01-01"]);
    expect(second.stdout).toMatch(/; 0 changes/);
  });

  it("user create: refuses a weak password with exit 2", () => {
    const r = opvang(
      ["user", "create", "--username", "jan", "--role", "caseworker", "--gemeente", "GM0344"],
      "short",
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("password");
  });
});
