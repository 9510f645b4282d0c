/**
 * `opvang decision replay ID [--current-law]` and `opvang decision explain ID [--lang]`:
 * a stored decision recomputed from its inputs with the law it was decided under (or
 * today's), and its explanation. Both read personal data as the system: each writes an
 * audit record without a user.
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import type { Database } from "../db/connection";
import { NotFoundError } from "../domain/errors";
import { explainDecision, replayDecision } from "../modules/decisions";

/** Exit codes: 0 identical, 2 no such decision, 3 the replay differs. */
export const EXIT_NOT_FOUND = 2;
export const EXIT_DIFFERENT = 3;

type WithDatabase = <T>(fn: (d: Database) => Promise<T>) => Promise<T>;

function decisionId(value: string) {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > 2147483647) {
    throw new InvalidArgumentError("not a decision id");
  }
  return n;
}

async function orNotFound(id: number, fn: () => Promise<void>) {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
    process.stderr.write(`no decision with id ${id}\n`);
    process.exitCode = EXIT_NOT_FOUND;
  }
}

export function registerDecisionCommands(program: Command, withDatabase: WithDatabase): void {
  const cmd = program.command("decision").description("replay and explain stored decisions");
  cmd
    .command("replay")
    .description(
      "recompute a decision from its stored inputs with the law it was decided under and compare; exit 0 identical, 3 different, 2 unknown id",
    )
    .argument("<id>", "the decision's id", decisionId)
    .option("--current-law", "recompute with today's law instead of the decision's")
    .action((id: number, opts: { currentLaw?: boolean }) =>
      withDatabase((d) =>
        orNotFound(id, async () => {
          const r = await replayDecision(d.db, id, { currentLaw: opts.currentLaw === true });
          const engines =
            r.engineVersionThen === r.engineVersionNow
              ? `engine ${r.engineVersionNow}`
              : `engine ${r.engineVersionThen} then, ${r.engineVersionNow} now`;
          const law =
            r.replayLawHash === r.lawHash
              ? `law ${r.lawHash.slice(0, 12)}`
              : `law ${r.lawHash.slice(0, 12)} then, ${r.replayLawHash.slice(0, 12)} now`;
          if (r.identical) {
            process.stdout.write(`identical (${law}, ${engines})\n`);
            return;
          }
          process.stdout.write(`${r.differences.length} differences (${law}, ${engines}):\n`);
          for (const line of r.differences) process.stdout.write(`  ${line}\n`);
          process.exitCode = EXIT_DIFFERENT;
        }),
      ),
    );
  cmd
    .command("explain")
    .description("the decision's explanation, rendered with the law it was decided under")
    .argument("<id>", "the decision's id", decisionId)
    .addOption(new Option("--lang <lang>", "language").choices(["nl", "uk", "en"]).default("nl"))
    .action((id: number, opts: { lang: "nl" | "uk" | "en" }) =>
      withDatabase((d) =>
        orNotFound(id, async () => {
          process.stdout.write(`${await explainDecision(d.db, id, opts.lang)}\n`);
        }),
      ),
    );
}
