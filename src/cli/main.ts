import { Command, InvalidArgumentError, Option } from "commander";
import { loadConfig } from "../config";
import type { Database } from "../db/connection";
import type { roles } from "../db/schema";
import { ValidationError } from "../domain/errors";
import { registerCalculateCommands } from "./calculate";

// Start-up time: `calculate`, `thresholds` and `--help` load only commander and the rules.
// Whatever needs the database (PGlite, pg, drizzle), HTTP (hono), argon2 or Vite is imported
// inside the action that uses it.

/** Exit codes: 0 done, 1 failure, 2 invalid input (the message names the field or row). */
export const EXIT_INVALID = 2;

function port(value: string) {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new InvalidArgumentError("not a port");
  return n;
}
function integer(value: string) {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError("not a whole number");
  return n;
}

async function withDatabase<T>(fn: (d: Database) => Promise<T>, keepOpen = false): Promise<T> {
  const config = loadConfig();
  const { migrateDatabase, openDatabase } = await import("../db/connection");
  const database = await openDatabase({ url: config.databaseUrl });
  try {
    await migrateDatabase(database);
    return await fn(database);
  } finally {
    if (!keepOpen) await database.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const program = new Command("opvang")
  .description(
    "Opvang: reception of displaced persons from Ukraine.\n" +
      "Database: DATABASE_URL=postgres://… or the PGlite folder OPVANG_DATA_DIR (default ./data).",
  )
  .showHelpAfterError();

program
  .command("start")
  .description(
    "migrate, load the demo data once, build the web app if needed, and serve (npm start)",
  )
  .option("-p, --port <port>", "HTTP port (default: PORT or 3000)", port)
  .action(async (opts: { port?: number }) => {
    const t0 = performance.now();
    const config = { ...loadConfig(), ...(opts.port ? { port: opts.port } : {}) };
    const [{ ensureWebBuilt }, { migrateDatabase, openDatabase }, { seed }, { startServer }] =
      await Promise.all([
        import("./web-build"),
        import("../db/connection"),
        import("./seed"),
        import("../server"),
      ]);
    await ensureWebBuilt();
    const database = await openDatabase({ url: config.databaseUrl });
    await migrateDatabase(database);
    const result = await seed(database.db, {
      scale: "demo",
      seed: 1,
      onProgress: (m) => console.log(`seed: ${m}`),
    });
    if (result === "seeded") console.log("loaded the demo data (accounts: see README.md)");
    await startServer(config, database);
    console.log(`ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  });

program
  .command("serve")
  .description("apply pending migrations and serve the API and web app")
  .option("-p, --port <port>", "HTTP port (default: PORT or 3000)", port)
  .action(async (opts: { port?: number }) => {
    const config = { ...loadConfig(), ...(opts.port ? { port: opts.port } : {}) };
    const [{ migrateDatabase, openDatabase }, { startServer }] = await Promise.all([
      import("../db/connection"),
      import("../server"),
    ]);
    const database = await openDatabase({ url: config.databaseUrl });
    await migrateDatabase(database);
    await startServer(config, database);
  });

program
  .command("migrate")
  .description("apply pending database migrations")
  .action(() =>
    withDatabase(async (d) => {
      console.log(`migrated (${d.kind}, ${d.location})`);
    }),
  );

program
  .command("seed")
  .description("load synthetic demo data (once per scale and seed)")
  .addOption(
    new Option(
      "--scale <scale>",
      "demo: ~2,000 persons; national: 150,000 persons; history: the nation from March 2022 after the published figures (docs/forecast.md)",
    )
      .choices(["demo", "national", "history"])
      .default("demo"),
  )
  .option("--seed <n>", "random seed: the same seed gives the same data", integer, 1)
  .action((opts: { scale: "demo" | "national" | "history"; seed: number }) =>
    withDatabase(async (d) => {
      const { seed } = await import("./seed");
      const t0 = performance.now();
      const r = await seed(d.db, { ...opts, onProgress: (m) => console.log(m) });
      const s = ((performance.now() - t0) / 1000).toFixed(1);
      console.log(
        r === "seeded"
          ? `seeded ${opts.scale} in ${s} s`
          : `${opts.scale} seed ${opts.seed} is already loaded`,
      );
    }),
  );

const importCmd = program.command("import").description("import reference data");
importCmd
  .command("gemeenten")
  .description(
    "import municipalities and safety regions from CSV files (CBS classification, VWS region mapping, region list, or the joined file), all or nothing",
  )
  .argument("<files...>", "CSV files, recognised by their header")
  .option("--valid-from <date>", "date the mapping applies from (default: today)")
  .action((files: string[], opts: { validFrom?: string }) =>
    withDatabase(async (d) => {
      const { importReference, parseReferenceFiles, readReferenceFiles } = await import(
        "../modules/reference"
      );
      const parsed = parseReferenceFiles(await readReferenceFiles(files));
      const s = await importReference(d.db, parsed, opts.validFrom);
      console.log(
        `${s.gemeenten} gemeenten, ${s.veiligheidsregios} veiligheidsregio's, ${s.mappings} mappings; ${s.changed} changes`,
      );
    }),
  );

const roleOption = new Option("--role <role>", "role").makeOptionMandatory();
const userCmd = program.command("user").description("manage user accounts");
// The roles come from the schema (drizzle): loaded only when `user` runs, before its
// subcommand parses, so `user create --role` still checks and lists them.
program.hook("preSubcommand", async (_program, sub) => {
  if (sub === userCmd) roleOption.choices([...(await import("../db/schema")).roles]);
});
userCmd
  .command("create")
  .description("create a user; the password is read from OPVANG_PASSWORD or standard input")
  .requiredOption("--username <name>", "sign-in name")
  .addOption(roleOption)
  .option("--gemeente <code>", "municipality (GM code) for municipal roles and residents")
  .option("--display-name <name>", "name shown in the app")
  .option("--person-id <id>", "residents: their person id", integer)
  .option("--language <lang>", "nl, uk or en", "nl")
  .action(
    async (opts: {
      username: string;
      role: (typeof roles)[number];
      gemeente?: string;
      displayName?: string;
      personId?: number;
      language: "nl" | "uk" | "en";
    }) => {
      const password = process.env.OPVANG_PASSWORD ?? (await readStdin()).trim();
      await withDatabase(async (d) => {
        const { createUser } = await import("../modules/auth");
        const id = await createUser(d.db, {
          username: opts.username,
          displayName: opts.displayName ?? opts.username,
          password,
          role: opts.role,
          gemeenteCode: opts.gemeente ?? null,
          personId: opts.personId ?? null,
          language: opts.language,
        });
        console.log(`created user ${opts.username} (id ${id}, ${opts.role})`);
      });
    },
  );

program
  .command("run-month")
  .description(
    "prepare a municipality's monthly run (or resume one left unfinished) on behalf of a finance officer; another officer approves it in the web",
  )
  .requiredOption("--gemeente <code>", "municipality (GM code)")
  .requiredOption("--month <YYYY-MM>", "the month to pay")
  .requiredOption(
    "--by <username>",
    "the finance officer who prepares (four eyes: not the approver)",
  )
  .option("--batch-size <n>", "households decided per transaction (default 200)", integer)
  .action((opts: { gemeente: string; month: string; by: string; batchSize?: number }) =>
    withDatabase(async (d) => {
      const { runMonthFromCli } = await import("../modules/monthly-run");
      const tty = process.stdout.isTTY;
      const t0 = performance.now();
      const { outcome, run } = await runMonthFromCli(d.db, opts, (done, total) => {
        const line = `preparing ${opts.gemeente} ${opts.month}: ${done}/${total} households`;
        if (tty) process.stdout.write(`\r${line}`);
        else console.log(line);
      });
      if (tty) process.stdout.write("\n");
      const s = ((performance.now() - t0) / 1000).toFixed(1);
      if (outcome !== "prepared" || !run.totals) {
        console.error(
          `run ${run.id} not prepared (${run.status}${run.problem ? `: ${run.problem}` : ""})`,
        );
        process.exitCode = 1;
        return;
      }
      const { toDecimalText: euro } = await import("../domain/money");
      const t = run.totals;
      console.log(
        `run ${run.id} prepared in ${s} s: ${t.households} households, ${t.persons} persons, leefgeld ${euro(t.leefgeldCents)}, eigen bijdrage ${euro(t.eigenBijdrageCents)}, transfers ${euro(t.transferCents)} (${t.sepaHouseholds} by SEPA, ${t.cardOrCashHouseholds} by card or cash), ${t.corrections} corrections, ${t.withAnomalies} with anomalies; approve it in the web (another finance officer)`,
      );
    }),
  );

const auditCmd = program
  .command("audit")
  .description("the audit log: its monthly partitions and its retention");
auditCmd
  .command("partitions")
  .description(
    "create the audit log's partitions of this month and the months ahead, and move records out of the default partition (idempotent; the server does it at start; run it monthly)",
  )
  .option("--ahead <months>", "months after this one", integer)
  .action((opts: { ahead?: number }) =>
    withDatabase(async (d) => {
      const { ensureAuditPartitions, listAuditPartitions } = await import("../modules/audit");
      const r = await ensureAuditPartitions(d.db, opts.ahead === undefined ? {} : opts);
      const months = (await listAuditPartitions(d.db)).filter((p) => p.month !== null);
      console.log(
        `${r.created.length ? `created ${r.created.join(", ")}` : "nothing to create"}${r.moved ? `; moved ${r.moved} records out of the default partition` : ""}; ${months.length} months, ${months[0]?.month} to ${months.at(-1)?.month}`,
      );
    }),
  );
auditCmd
  .command("prune")
  .description(
    "drop the audit log's whole months before a month; the municipality's retention period is required, and a month within it is refused (docs/operations.md)",
  )
  .requiredOption("--before <YYYY-MM>", "drop every month before this one")
  .requiredOption(
    "--retention-months <n>",
    "how long the municipality keeps the audit log, in months (e.g. 84 for seven years)",
    integer,
  )
  .action((opts: { before: string; retentionMonths: number }) =>
    withDatabase(async (d) => {
      const { pruneAuditPartitions } = await import("../modules/audit");
      const r = await pruneAuditPartitions(d.db, opts);
      console.log(
        r.dropped.length
          ? `dropped ${r.dropped.map((m) => `${m.month} (${m.records} records)`).join(", ")}`
          : `no month before ${opts.before} to drop`,
      );
    }),
  );

const reportCmd = program.command("report").description("national reports (aggregates only)");
reportCmd
  .command("figures")
  .description(
    "print the figures paragraph the Verzamelbrief opens with: Ukrainians registered in the BRP, municipal places realised and occupied, the bezettingsgraad",
  )
  .option("--date <YYYY-MM-DD>", "the date of the places (default: today)")
  .option("--brp-date <YYYY-MM-DD>", "the date of the BRP count (default: --date)")
  .addOption(new Option("--lang <lang>", "language").choices(["nl", "en"]).default("nl"))
  .action((opts: { date?: string; brpDate?: string; lang: "nl" | "en" }) =>
    withDatabase(async (d) => {
      const { figuresParagraph } = await import("../modules/national");
      const p = await figuresParagraph(d.db, opts);
      console.log(p.text);
    }),
  );

registerCalculateCommands(program);
if (process.argv.slice(2).includes("decision")) {
  const { registerDecisionCommands } = await import("./decision");
  registerDecisionCommands(program, withDatabase);
} else {
  // Listed by --help without loading the decisions module and, with it, the database.
  program.command("decision").description("replay and explain stored decisions");
}

export { program };

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof ValidationError) {
    for (const i of e.issues) console.error(i.path ? `${i.path}: ${i.message}` : i.message);
    process.exitCode = EXIT_INVALID;
  } else {
    console.error((e as Error).message);
    process.exitCode = 1;
  }
}
