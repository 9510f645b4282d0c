/**
 * The architecture as rules (npm run lint): web → http → modules → rules → domain, and
 * modules → db. A module is used by others only through its index.ts; no cycles.
 * Tests and benchmarks may reach inside a module to arrange and measure.
 */
const notTests = "\\.(test|db\\.test|spec)\\.tsx?$";
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A cycle makes two modules one: break it by moving the shared part down.",
      from: { path: "^src/", pathNot: notTests },
      to: { circular: true },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment: "domain holds values and checks only.",
      from: { path: "^src/domain/" },
      to: { path: "^src/(rules|modules|db|http|cli)/" },
    },
    {
      name: "rules-only-on-domain",
      severity: "error",
      comment: "The engine never imports a module, the database or HTTP.",
      from: { path: "^src/rules/" },
      to: { path: "^src/(modules|db|http|cli)/" },
    },
    {
      name: "db-not-on-modules",
      severity: "error",
      comment: "The database layer serves the modules, never the other way round.",
      from: { path: "^src/db/", pathNot: notTests },
      to: { path: "^src/(modules|http|cli|rules)/" },
    },
    {
      name: "modules-not-on-http",
      severity: "error",
      comment: "A module's services take plain values and an AccessContext, not HTTP.",
      from: { path: "^src/modules/", pathNot: "\\.routes\\.ts$|" + notTests },
      to: { path: "^src/(http|cli)/" },
    },
    {
      name: "sealed-modules",
      severity: "error",
      comment: "Another module, http or the CLI uses a module only through its index.ts.",
      from: { path: "^src/(modules/([^/]+)|http|cli|db)/", pathNot: notTests },
      to: {
        path: "^src/modules/([^/]+)/",
        pathNot: ["^src/modules/$2/", "^src/modules/[^/]+/index\\.ts$"],
      },
    },
    {
      name: "web-not-on-server",
      severity: "error",
      comment: "The web talks to the server over HTTP only.",
      from: { path: "^web/" },
      to: { path: "^src/(modules|db|http|cli)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js", ".mjs", ".json"] },
  },
};
