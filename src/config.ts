import path from "node:path";

/** Settings from the environment; read once at start-up. */
export interface Config {
  port: number;
  /** postgres://… when set, otherwise the PGlite data folder. */
  databaseUrl: string;
  /** Secure cookies: on unless explicitly off for plain-http local use. */
  secureCookies: boolean;
  /** Networks of reverse proxies whose X-Forwarded-For is believed (OPVANG_TRUSTED_PROXIES). */
  trustedProxies: string[];
  version: string;
}

export const VERSION = "0.1.0";

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`PORT must be a port number (1–65535), got "${env.PORT}"`);
  }
  const dataDir = path.resolve(env.OPVANG_DATA_DIR ?? "data");
  return {
    port,
    databaseUrl: env.DATABASE_URL || dataDir,
    // Browsers accept Secure cookies on http://localhost, so this stays on by default.
    secureCookies: env.OPVANG_SECURE_COOKIES !== "false",
    trustedProxies: (env.OPVANG_TRUSTED_PROXIES ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== ""),
    version: VERSION,
  };
}
