import { serve } from "@hono/node-server";
import type { Config } from "./config";
import type { Database } from "./db/connection";
import { createApp } from "./http/app";
import { RunJobs } from "./modules/monthly-run";

/** Serves the API and the web app until SIGINT/SIGTERM, then closes the database. */
export async function startServer(config: Config, database: Database): Promise<void> {
  const jobs = new RunJobs(database.db);
  const app = createApp({ database, config, jobs });
  const server = serve({ fetch: app.fetch, port: config.port });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  console.log(
    `Opvang ${config.version} serving http://localhost:${config.port} (database: ${database.kind}, ${database.location})`,
  );
  // Resumes the preparation of a monthly run that a stopped server left unfinished.
  jobs.watch();
  const stop = async () => {
    jobs.stop();
    server.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
