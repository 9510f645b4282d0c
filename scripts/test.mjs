#!/usr/bin/env node
// `npm test`: every test — unit, database (PGlite, or PostgreSQL when TEST_DATABASE_URL is
// set) and browser — then one plain line "N passed, N failed" for CI. Skipped tests count
// as failed: a test that does not run proves nothing.
//
//   node scripts/test.mjs            all suites
//   node scripts/test.mjs --db-only  the database suite only (CI reruns it on PostgreSQL)
//   node scripts/test.mjs --e2e-only the browser tests only
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const args = new Set(process.argv.slice(2));
const dbOnly = args.has("--db-only");
const e2eOnly = args.has("--e2e-only");
const CHROMIUM = "/usr/bin/chromium";
const out = mkdtempSync(path.join(tmpdir(), "opvang-test-"));
let passed = 0;
let failed = 0;

function run(cmd, argv, env = {}) {
  const r = spawnSync(cmd, argv, { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (isRoot && hasApt) {
    console.log("Chromium is missing: installing Debian's chromium package (apt-get) …");
    const env = { DEBIAN_FRONTEND: "noninteractive" };
    if (run("apt-get", ["update", "-qq"], env) === 0) {
      run("apt-get", ["install", "-y", "-qq", "chromium"], env);
    }
  }
  if (!existsSync(CHROMIUM)) {
    console.error(
      "The browser tests need Chromium at /usr/bin/chromium. Install it with:\n" +
        "  sudo apt-get install -y chromium\n" +
        "then run npm test again. (Browser tests are never skipped.)",
    );
    process.exit(1);
  }
}

function vitest(extra) {
  const file = path.join(out, `vitest-${Date.now()}.json`);
  const status = run("npx", [
    "vitest",
    "run",
    ...extra,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${file}`,
  ]);
  if (!existsSync(file)) {
    console.error(`vitest exited with ${status} and wrote no results`);
    failed++;
    return;
  }
  const r = JSON.parse(readFileSync(file, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests + r.numPendingTests + r.numTodoTests;
  // A file that fails to load has no tests to count; it must still fail the run.
  failed += r.testResults.filter(
    (t) => t.status === "failed" && t.assertionResults.length === 0,
  ).length;
  if (status !== 0 && r.numFailedTests === 0) failed++;
}

function playwright() {
  ensureChromium();
  const file = path.join(out, "playwright.json");
  const status = run("npx", ["playwright", "test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_FILE: file,
  });
  if (!existsSync(file)) {
    console.error(`playwright exited with ${status} and wrote no results`);
    failed++;
    return;
  }
  const s = JSON.parse(readFileSync(file, "utf8")).stats;
  passed += s.expected;
  failed += s.unexpected + s.flaky + s.skipped;
  if (status !== 0 && s.unexpected === 0) failed++;
}

if (dbOnly) vitest(["--project", "db"]);
else if (e2eOnly) playwright();
else {
  vitest([]);
  playwright();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
