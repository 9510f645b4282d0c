#!/usr/bin/env node
// The `opvang` command. It runs the server and CLI as built by scripts/build.mjs
// (dist/node-<fingerprint>/main.js; `npm ci` builds it). The fingerprint of src/ is taken at
// every start, and when src/ changed since the last build, the build is made again before
// the command runs (about half a second), so older code never runs. When the sources cannot
// be built (esbuild missing from the install, or an error esbuild has just printed), the
// command runs the TypeScript sources through tsx instead, as it did before the build: a
// command that does not touch the broken module still works, only slower.
import { pathToFileURL } from "node:url";

let main;
try {
  const { build } = await import("../scripts/build.mjs");
  main = (await build({ log: (m) => process.stderr.write(`opvang: ${m}\n`) })).main;
} catch (e) {
  if (e?.errors) process.stderr.write("opvang: not built; running the sources through tsx\n");
  else if (e?.code !== "ERR_MODULE_NOT_FOUND") throw e;
}
if (main) {
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(main).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
