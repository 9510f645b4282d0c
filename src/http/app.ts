import { existsSync } from "node:fs";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { Role } from "../domain/access";
import { auditRoutes } from "../modules/audit";
import { authRoutes, userRoutes } from "../modules/auth";
import { calculatorRoutes } from "../modules/calculator";
import { decisionRoutes } from "../modules/decisions";
import { entitlementRoutes } from "../modules/entitlement";
import { fundingRoutes } from "../modules/funding";
import { incomeRoutes } from "../modules/income";
import { locationRoutes } from "../modules/locations";
import { monthlyRunRoutes, RunJobs } from "../modules/monthly-run";
import { nationalRoutes } from "../modules/national";
import { occupancyRoutes } from "../modules/occupancy";
import { overviewRoutes } from "../modules/overview";
import { endStayOnDeparture, placementRoutes } from "../modules/placements";
import { referenceRoutes } from "../modules/reference";
import { registryRoutes, transferRoutes } from "../modules/registry";
import { returnRoutes } from "../modules/return";
import { targetRoutes } from "../modules/targets";
import { endProtectionOnDeparture, transitionRoutes } from "../modules/transition";
import type { AppDeps, AppEnv } from "./context";
import { docsHtml, docsJs } from "./docs-page";
import { errorBody, onError } from "./errors";
import { permissionsByRole } from "./permissions";
import { clientAddress, rateLimit, TrustedProxies } from "./rate-limit";
import { operationsOf, requestChecks } from "./request-checks";
import { sessionMiddleware } from "./session";

export const webRoot = path.resolve(import.meta.dirname, "../../dist/web");

const health = createRoute({
  method: "get",
  path: "/api/health",
  tags: ["system"],
  summary: "Liveness and database check",
  "x-opvang-access": { scope: "public", roles: [] },
  responses: {
    200: {
      description: "the service and its database answer",
      content: {
        "application/json": {
          schema: z.object({
            status: z.literal("ok"),
            database: z.enum(["pglite", "postgresql"]),
            version: z.string(),
          }),
        },
      },
    },
  },
});

const openApiInfo = (version: string) => ({
  openapi: "3.1.0",
  info: {
    title: "Opvang API",
    version,
    description:
      "Reception of displaced persons from Ukraine: registry, placements, leefgeld, eigen bijdrage, funding.",
  },
});

export function createApp({ database, config, jobs }: AppDeps & { jobs?: RunJobs }) {
  const app = new OpenAPIHono<AppEnv>();
  const db = database.db;
  // The background jobs of monthly runs: one per server process (server.ts passes its own).
  const runJobs = jobs ?? new RunJobs(db);

  // Checked at start-up: a wrong network in the configuration stops the server with its name.
  const trusted = new TrustedProxies(config.trustedProxies);
  app.onError(onError);
  app.notFound((c) =>
    c.json(errorBody("not_found", `no route ${c.req.method} ${c.req.path}`), 404),
  );
  app.use("*", async (c, next) => {
    c.set("clientAddress", clientAddress(c, trusted));
    await next();
  });
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  // 1 MB for JSON; file imports and evidence up to 64 MB (a national monthly income file is
  // about 6 MB).
  const tooLarge = (max: string) => (c: Context) =>
    c.json(errorBody("payload_too_large", `the request body is larger than ${max}`), 413);
  const jsonLimit = bodyLimit({ maxSize: 1024 * 1024, onError: tooLarge("1 MB") });
  const importLimit = bodyLimit({ maxSize: 64 * 1024 * 1024, onError: tooLarge("64 MB") });
  // Transition costs carry their evidence: up to 5 files of 10 MB (src/modules/funding).
  const IMPORTS = [
    "/api/v1/income-imports",
    "/api/v1/transition/ind-decisions",
    "/api/v1/funding/transition-costs",
  ];
  app.use("/api/*", (c, next) => {
    // A GET or HEAD has no body to limit: the limiter would only cost time on every read.
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    return IMPORTS.some((p) => c.req.path.startsWith(p))
      ? importLimit(c, next)
      : jsonLimit(c, next);
  });
  app.use("/api/*", sessionMiddleware(db));
  // Bodies the route would not check (missing, not JSON) and NUL characters anywhere in the
  // input, answered 400 before a service sees them; what each operation takes is read from
  // the OpenAPI document, once, on the first request.
  app.use(
    "/api/*",
    requestChecks(() => operationsOf(app.getOpenAPI31Document(openApiInfo(config.version)))),
  );
  app.use("/api/*", async (c, next) => {
    await next();
    // Personal data must not linger in shared caches. Set on the response as it is (c.header
    // after the handler would build a new Response around it).
    if (!c.res.headers.has("Cache-Control")) {
      try {
        c.res.headers.set("Cache-Control", "no-store");
      } catch {
        c.header("Cache-Control", "no-store"); // a response with immutable headers
      }
    }
  });

  app.openapi(health, async (c) => {
    await db.execute(sql`select 1`);
    return c.json({ status: "ok" as const, database: database.kind, version: config.version }, 200);
  });
  // Permissions follow the routes' declared access, read once all routes are mounted.
  let permissions: ReturnType<typeof permissionsByRole> | undefined;
  const permissionsOf = (role: Role) => {
    const doc: unknown = app.getOpenAPI31Document(openApiInfo(config.version));
    permissions ??= permissionsByRole(doc as Parameters<typeof permissionsByRole>[0]);
    return permissions[role];
  };
  app.route("/api/auth", authRoutes(db, config.secureCookies, permissionsOf));
  app.route("/api/v1", userRoutes(db));
  // The calculator is public: limited per address so it cannot be used to load the server.
  app.use("/api/v1/calculations", rateLimit({ windowMs: 60_000, max: 120 }));
  app.route("/api/v1", calculatorRoutes);
  // The composition root: ending a membership may end the stay (registry → placements).
  app.route("/api/v1", registryRoutes(db, { endStay: endStayOnDeparture }));
  app.route("/api/v1", transferRoutes(db));
  app.route("/api/v1", referenceRoutes(db));
  app.route("/api/v1", entitlementRoutes(db));
  app.route("/api/v1", decisionRoutes(db));
  app.route("/api/v1", locationRoutes(db));
  app.route("/api/v1", placementRoutes(db));
  app.route("/api/v1", occupancyRoutes(db));
  app.route("/api/v1", incomeRoutes(db));
  // A departure in the return programme ends the members' stay (return → placements).
  app.route(
    "/api/v1",
    returnRoutes(db, { endStay: endStayOnDeparture, endProtection: endProtectionOnDeparture }),
  );
  app.route("/api/v1", transitionRoutes(db));
  app.route("/api/v1", overviewRoutes(db));
  app.route("/api/v1", monthlyRunRoutes(db, runJobs));
  app.route("/api/v1", auditRoutes(db));
  app.route("/api/v1", nationalRoutes(db));
  app.route("/api/v1", targetRoutes(db));
  app.route("/api/v1", fundingRoutes(db));

  app.doc31("/api/openapi.json", openApiInfo(config.version));
  app.get("/api/docs", (c) => c.html(docsHtml));
  app.get("/api/docs.js", (c) =>
    c.body(docsJs, 200, { "Content-Type": "text/javascript; charset=utf-8" }),
  );
  // Unknown API paths answer JSON 404, never the web app.
  app.all("/api/*", (c) =>
    c.json(errorBody("not_found", `no route ${c.req.method} ${c.req.path}`), 404),
  );

  if (existsSync(path.join(webRoot, "index.html"))) {
    app.use("/*", serveStatic({ root: path.relative(process.cwd(), webRoot) }));
    app.get(
      "*",
      serveStatic({ path: path.relative(process.cwd(), path.join(webRoot, "index.html")) }),
    );
  } else {
    app.get("/", (c) =>
      c.text("Opvang API is running; the web app is not built yet (npm run build:web).", 200),
    );
  }
  return app;
}

export type App = ReturnType<typeof createApp>;
