import { serve } from "@hono/node-server";
import type { Config } from "./config";
import type { Database } from "./db/connection";
import { createApp } from "./http/app";
import { ensureAuditPartitions } from "./modules/audit";
import { RunJobs } from "./modules/monthly-run";
import { NationalFactsRefresher } from "./modules/national";

/** Serves the API and the web app until SIGINT/SIGTERM, then closes the database. */
export async function startServer(config: Config, database: Database): Promise<void> {
  // The audit log's months, this one and those ahead (docs/operations.md, "Audit log").
  const partitions = await ensureAuditPartitions(database.db);
  if (partitions.created.length > 0 || partitions.moved > 0) {
    console.log(
      `audit log: created the months ${partitions.created.join(", ")}${partitions.moved ? `, moved ${partitions.moved} records out of the default partition` : ""}`,
    );
  }
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
  // Keeps the national facts in step with the ledger (docs/operations.md).
  const facts = new NationalFactsRefresher(database.db);
  facts.watch();
  const stop = async () => {
    jobs.stop();
    await facts.stop();
    server.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
