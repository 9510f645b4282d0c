/**
 * The `opvang` command as built ahead (scripts/build.mjs): the build answers like the
 * sources, a change in src/ is built before the command runs, and the calculator commands
 * start without loading the database or the HTTP server.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript build script without type declarations
import { build } from "../../scripts/build.mjs";

const repo = path.resolve(import.meta.dirname, "../..");
const work = mkdtempSync(path.join(tmpdir(), "opvang-build-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const request = JSON.stringify({
  month: "2025-11",
  reception: "goo-catering",
  members: [{ birthDate: "1990-01-01" }],
});

function node(args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, args, {
    input,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", OPVANG_DATA_DIR: work, ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("opvang built ahead", { timeout: 120_000 }, () => {
  it("the built CLI answers calculate", async () => {
    const { main } = await build();
    const r = node([main, "calculate"], request);
    expect(r.code, r.stderr).toBe(0);
    // GOO with catering: kleedgeld only (2025: 62.66), no income
    expect(JSON.parse(r.stdout).leefgeld).toEqual({
      fullCents: 6266,
      withdrawnCents: 0,
      paidCents: 6266,
    });
    const viaBin = node([path.join(repo, "bin/opvang.js"), "calculate"], request);
    expect(viaBin.stdout).toBe(r.stdout);
  });

  it("a change in src/ is built before the command runs: older code never runs", () => {
    const root = path.join(work, "repo");
    mkdirSync(path.join(root, "scripts"), { recursive: true });
    for (const d of ["src", "bin"])
      cpSync(path.join(repo, d), path.join(root, d), { recursive: true });
    for (const f of ["scripts/build.mjs", "tsconfig.json", "package.json"]) {
      cpSync(path.join(repo, f), path.join(root, f));
    }
    for (const d of ["law", "node_modules"]) symlinkSync(path.join(repo, d), path.join(root, d));
    const bin = path.join(root, "bin/opvang.js");

    const first = node([bin, "--help"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/built dist\/node-/);
    expect(first.stdout).toContain("compute leefgeld and eigen bijdrage");
    const again = node([bin, "--help"]);
    expect(again.stderr).toBe("");

    const file = path.join(root, "src/cli/calculate.ts");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("compute leefgeld and", "reckon leefgeld and"),
    );
    const changed = node([bin, "--help"]);
    expect(changed.stderr).toMatch(/built dist\/node-/);
    expect(changed.stdout).toContain("reckon leefgeld and eigen bijdrage");
    // law/ is read at run time from the repository, not from the build
    const calc = node([bin, "calculate"], request);
    expect(JSON.parse(calc.stdout).leefgeld.paidCents).toBe(6266);
  });

  it("calculate and thresholds load neither the database driver nor the HTTP server", async () => {
    const { main } = await build();
    const log = path.join(work, "resolved.txt");
    const hooks = `import { appendFileSync } from "node:fs";
      export async function resolve(s, c, next) {
        const r = await next(s, c);
        appendFileSync(${JSON.stringify(log)}, r.url + "\\n");
        return r;
      }`;
    const register = `import { register } from "node:module";
      register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
    const imp = `data:text/javascript,${encodeURIComponent(register)}`;
    for (const args of [["calculate"], ["thresholds", "--month", "2025-11"]]) {
      writeFileSync(log, "");
      const r = node(["--import", imp, main, ...args], request);
      expect(r.code, r.stderr).toBe(0);
      const loaded = readFileSync(log, "utf8");
      expect(loaded).toContain("/yaml/"); // the hook saw the packages
      for (const heavy of [
        "/@electric-sql/pglite/",
        "/node_modules/pg/",
        "/drizzle-orm/",
        "/@hono/node-server/",
        "/@node-rs/argon2/",
        "/vite/",
      ]) {
        expect(loaded, `${args[0]} loads ${heavy}`).not.toContain(heavy);
      }
    }
  });
});
