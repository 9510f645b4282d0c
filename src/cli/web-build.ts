import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { webRoot } from "../http/app";

const repoRoot = path.resolve(import.meta.dirname, "../..");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (!entry.name.includes(".test.")) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds the web app when dist/web is missing or older than web/, so that `npm start`
 * on a fresh clone serves the current app without a separate build command.
 */
export async function ensureWebBuilt(log: (m: string) => void = console.log): Promise<void> {
  const index = path.join(webRoot, "index.html");
  const sources = path.join(repoRoot, "web");
  if (!existsSync(sources)) return;
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(sources)) return;
  let vite: typeof import("vite");
  try {
    vite = await import("vite");
  } catch {
    log("web app not built and Vite is not installed: run `npm ci` then `npm run build:web`");
    return;
  }
  const t0 = performance.now();
  await vite.build({ configFile: path.join(repoRoot, "vite.config.ts"), logLevel: "warn" });
  log(`built the web app in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
