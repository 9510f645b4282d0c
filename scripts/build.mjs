#!/usr/bin/env node
// Builds the server and CLI ahead of time, so that `opvang` starts without compiling
// TypeScript: src/cli/main.ts bundled by esbuild (platform node, ESM, packages external,
// source maps, code splitting for the commands' lazy imports) into dist/node-<fingerprint>/.
//
//   node scripts/build.mjs     build when src/ changed (npm ci runs it as `prepare`)
//
// The fingerprint covers the names, sizes and modification times of src/ (tests left out),
// tsconfig.json and this script. bin/opvang.js takes it at every start (a few ms) and runs
// dist/node-<fingerprint>/main.js, building it first when it is missing: a build of older
// sources is never run. Each build gets its own folder, written aside and renamed into place,
// so two commands starting at once never read a half-written build; the three newest stay.
//
// The bundle sits two folders below the repository, like src/<dir>/<file>.ts, so paths the
// code resolves from import.meta.url still land in the repository: law/ (read at run time,
// not built in), dist/web. The migrations, which the code finds beside itself, are copied
// in; the rules' JSON catalogs are bundled.
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const KEEP = 3;

function statsOf(root, rel, into) {
  const abs = path.join(root, rel);
  for (const entry of readdirSync(abs, { withFileTypes: true })) {
    const r = `${rel}/${entry.name}`;
    if (entry.isDirectory()) statsOf(root, r, into);
    else if (!entry.name.includes(".test.")) {
      const s = statSync(path.join(root, r));
      into.push(`${r}\0${s.size}\0${s.mtimeMs}`);
    }
  }
  return into;
}

/** What the build depends on, as 12 hex digits: changes with any file of src/ that is not a test. */
export function sourceFingerprint(root = ROOT) {
  const entries = statsOf(root, "src", []);
  for (const f of ["tsconfig.json", "scripts/build.mjs"]) {
    const p = path.join(root, f);
    if (existsSync(p)) {
      const s = statSync(p);
      entries.push(`${f}\0${s.size}\0${s.mtimeMs}`);
    }
  }
  entries.sort();
  return createHash("sha256").update(entries.join("\n")).digest("hex").slice(0, 12);
}

/** The entry point of the build for these sources (it may not exist yet). */
export function builtMain(root = ROOT, fingerprint = sourceFingerprint(root)) {
  return path.join(root, "dist", `node-${fingerprint}`, "main.js");
}

/**
 * Builds the current sources unless already built; returns the path of main.js and whether
 * it was built now. Throws when esbuild reports errors (they are printed).
 */
export async function build({ root = ROOT, log = () => {} } = {}) {
  const fingerprint = sourceFingerprint(root);
  const main = builtMain(root, fingerprint);
  if (existsSync(main)) return { main, built: false };
  const t0 = performance.now();
  const { build: esbuild } = await import("esbuild");
  const dist = path.join(root, "dist");
  const dir = path.dirname(main);
  const tmp = path.join(dist, `.node-${fingerprint}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    await esbuild({
      absWorkingDir: root,
      entryPoints: ["src/cli/main.ts"],
      outdir: tmp,
      bundle: true,
      splitting: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      sourcemap: true,
      logLevel: "error",
    });
    cpSync(path.join(root, "src/db/migrations"), path.join(tmp, "migrations"), {
      recursive: true,
    });
    try {
      renameSync(tmp, dir);
    } catch (e) {
      // Another process built the same sources at the same time: use its build.
      if (!existsSync(main)) throw e;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  prune(dist, dir);
  log(
    `built ${path.relative(root, dir)} from src/ in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return { main, built: true };
}

/** Removes all but the newest builds, and what interrupted builds left behind. */
function prune(dist, current) {
  const now = Date.now();
  const builds = [];
  for (const name of readdirSync(dist)) {
    const p = path.join(dist, name);
    if (name.startsWith(".node-")) {
      if (now - statSync(p).mtimeMs > 10 * 60_000) rmSync(p, { recursive: true, force: true });
    } else if (name.startsWith("node-") && p !== current) {
      builds.push({ p, t: statSync(p).mtimeMs });
    }
  }
  builds.sort((a, b) => b.t - a.t);
  for (const { p } of builds.slice(KEEP - 1)) rmSync(p, { recursive: true, force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const r = await build({ log: console.log });
    if (!r.built) console.log(`${path.relative(ROOT, path.dirname(r.main))} is up to date`);
  } catch (e) {
    if (!e?.errors) console.error(e); // esbuild has printed its own errors
    process.exitCode = 1;
  }
}
