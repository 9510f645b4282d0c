/**
 * `npm run bench`: every benchmark, one figure per line as `name: value unit`, with
 * baselines measured in the same run. National-scale benchmarks run on PostgreSQL when
 * BENCH_DATABASE_URL is set, else on PGlite in memory.
 */
import os from "node:os";
import { runAuditBench } from "./audit.bench";
import { runHttpBench } from "./http.bench";
import { runIncomeImportBench } from "./income-import.bench";
import { runMonthFactsBench } from "./month-facts.bench";
import { runMonthlyRunBench } from "./monthly-run.bench";
import { runNationalBench } from "./national.bench";
import { withNationalDatabase } from "./national-db";
import { runRulesBench } from "./rules.bench";
import { runSearchBench } from "./search.bench";
import { runSeedBench } from "./seed.bench";
import { runTransitionBench } from "./transition.bench";

const print = (name: string, value: number, unit: string) =>
  console.log(`${name}: ${value} ${unit}`);

console.log(
  `# ${new Date().toISOString().slice(0, 10)} node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "cpu"}`,
);
await runRulesBench(print);
await runSeedBench(print);
await runIncomeImportBench(print);
const engine = process.env.BENCH_DATABASE_URL ? "postgresql" : "pglite";
await withNationalDatabase(async (database, seedSeconds) => {
  print(`seed/national-${engine}-with-search-keys-seconds`, Math.round(seedSeconds * 10) / 10, "s");
  await runSearchBench(database, print, engine);
  await runTransitionBench(database, print, engine);
  await runMonthFactsBench(database, print);
  await runMonthlyRunBench(database, print);
  await runNationalBench(database, print);
  await runHttpBench(database, print);
  // Last: it adds 3,000,000 audit records (BENCH_AUDIT_ROWS) to the database.
  await runAuditBench(database, print, engine);
});
