import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

// Browser tests run Debian's chromium against the real server on a fresh embedded database
// (demo data loaded at start-up). `opvang start` rebuilds dist/web when web/ is newer.
// OPVANG_E2E_PORT lets two runs (say, CI on a second clone) share a machine.
const PORT = Number(process.env.OPVANG_E2E_PORT ?? 3199);
const baseURL = `http://localhost:${PORT}`;
// One fresh data folder per run. The config is loaded again in each worker, which inherits
// the runner's environment and so reuses the folder; the runner removes it when it exits
// (after it has stopped the server).
if (!process.env.OPVANG_E2E_DATA_DIR) {
  const created = mkdtempSync(join(tmpdir(), "opvang-e2e-"));
  process.env.OPVANG_E2E_DATA_DIR = created;
  process.on("exit", () => rmSync(created, { recursive: true, force: true }));
}
const dataDir = process.env.OPVANG_E2E_DATA_DIR;

export default defineConfig({
  testDir: "test/e2e",
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `node bin/opvang.js start --port ${PORT}`,
    env: { OPVANG_DATA_DIR: dataDir },
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stderr: "pipe",
  },
});
