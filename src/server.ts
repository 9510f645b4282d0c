import { serve } from "@hono/node-server";
import type { Config } from "./config";
import type { Database } from "./db/connection";
import { createApp } from "./http/app";

/** Serves the API and the web app until SIGINT/SIGTERM, then closes the database. */
export async function startServer(config: Config, database: Database): Promise<void> {
  const app = createApp({ database, config });
  const server = serve({ fetch: app.fetch, port: config.port });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  console.log(
    `Opvang ${config.version} serving http://localhost:${config.port} (database: ${database.kind}, ${database.location})`,
  );
  const stop = async () => {
    server.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
