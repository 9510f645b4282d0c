/**
 * `opvang calculate [file]` and `opvang thresholds`: the calculator on the command line.
 * Invalid input prints the field and message on stderr and exits 2.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { ValidationError } from "../domain/errors.js";
import { formatMoney } from "../domain/money.js";
import { calculate } from "../rules/calculation-api.js";
import { RECEPTIONS, type Reception } from "../rules/month-params.js";
import { thresholdTable } from "../rules/thresholds.js";

const EXIT_INVALID = 2;

/**
 * Why the table's "fully charged at" can differ from the household page's for the same
 * household: the two count earning adults differently (rules/thresholds.ts).
 */
export const THRESHOLDS_ASSUMPTION =
  "Assumes every adult of the row has an income (2 adults: two earners), as municipalities " +
  "publish the table. The household page counts the adults who have an income now (one " +
  "when nobody has), so for two adults with one earner it names a lower eigen bijdrage threshold.";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function fail(lines: string[]): never {
  for (const l of lines) process.stderr.write(`${l}\n`);
  process.exit(EXIT_INVALID);
}

function failValidation(e: ValidationError): never {
  fail(e.issues.map((i) => `invalid input: ${i.path ? `${i.path}: ` : ""}${i.message}`));
}

export function registerCalculateCommands(program: Command): void {
  program
    .command("calculate [file]")
    .description("compute leefgeld and eigen bijdrage for a household-month (JSON in, JSON out)")
    .option("--gemeente <GM0000>", "apply this municipality's recorded policy (CBS code)")
    .action(async (file: string | undefined, opts: { gemeente?: string }) => {
      let text: string;
      try {
        text = file && file !== "-" ? readFileSync(file, "utf8") : await readStdin();
      } catch (e) {
        fail([`cannot read ${file}: ${(e as Error).message}`]);
      }
      let request: unknown;
      try {
        request = JSON.parse(text);
      } catch (e) {
        fail([`invalid input: not JSON: ${(e as Error).message}`]);
      }
      if (opts.gemeente !== undefined) {
        if (typeof request !== "object" || request === null || Array.isArray(request)) {
          fail(["invalid input: the request must be a JSON object"]);
        }
        request = { ...(request as object), gemeente: opts.gemeente };
      }
      try {
        process.stdout.write(`${JSON.stringify(calculate(request), null, 2)}\n`);
      } catch (e) {
        if (e instanceof ValidationError) failValidation(e);
        throw e;
      }
    });

  program
    .command("thresholds")
    .description("print the threshold table for 1-2 adults with 0-7 children")
    .requiredOption("--month <YYYY-MM>", "the month, e.g. 2025-11")
    .option("--reception <kind>", `reception: ${RECEPTIONS.join(", ")}`, "goo")
    .option("--gemeente <GM0000>", "apply this municipality's recorded policy (CBS code)")
    .option("--json", "print JSON (amounts in cents)")
    .action((opts: { month: string; reception: string; gemeente?: string; json?: boolean }) => {
      if (!RECEPTIONS.includes(opts.reception as Reception)) {
        fail([`invalid input: reception: use one of ${RECEPTIONS.join(", ")}`]);
      }
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month)) {
        fail(["invalid input: month: must be a month YYYY-MM"]);
      }
      let table: ReturnType<typeof thresholdTable>;
      try {
        if (opts.gemeente !== undefined && !/^GM\d{4}$/.test(opts.gemeente)) {
          fail(["invalid input: gemeente: must be a CBS code such as GM0344"]);
        }
        table = thresholdTable(opts.month, opts.reception as Reception, undefined, opts.gemeente);
      } catch (e) {
        if (e instanceof ValidationError) failValidation(e);
        throw e;
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(table, null, 2)}\n`);
        return;
      }
      const header = [
        "household",
        "full leefgeld",
        "leefgeld fully withdrawn at",
        "full eigen bijdrage",
        "eigen bijdrage fully charged at",
      ];
      const rows = table.rows.map((r) => [
        r.household,
        formatMoney(r.leefgeldFullCents),
        formatMoney(r.leefgeldFullyWithdrawnAtCents),
        formatMoney(r.eigenBijdrageFullCents),
        r.eigenBijdrageFullyChargedAtCents === null
          ? "-"
          : formatMoney(r.eigenBijdrageFullyChargedAtCents),
      ]);
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      const line = (cells: string[]) =>
        cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
      const out = [
        `Thresholds ${table.month}, reception ${table.reception}, rule ${table.rule} (net monthly household income)`,
        THRESHOLDS_ASSUMPTION,
        line(header),
        ...rows.map(line),
      ];
      process.stdout.write(`${out.join("\n")}\n`);
    });
}
