/**
 * The monthly net income file of the Inlichtingenbureau (docs/api-income-import.md):
 * `bsn,month,net_amount,kind,payer`, one row per person, month, kind and payer.
 *
 * Two steps, each over the whole file at once:
 * 1. parse and check every row (parseIncomeCsv): a wrong header or broken CSV refuses the
 *    file (400, nothing stored); a faulty row is reported with its line and skipped;
 * 2. in ONE transaction, one statement (per 50,000 rows) matches the valid rows on BSN
 *    (unknown BSN; a person of another municipality, without saying which; or matched),
 *    inserts new keys and updates changed amounts of the matched rows: all of them or,
 *    when the database refuses a write, none. An amount equal to the stored one is not
 *    touched, so a repeated import changes nothing; each matched row is reported as
 *    inserted, updated or unchanged.
 *
 * The import is audited by ONE record (entity "income_import") with the counts, listing
 * the matched persons in person_ids, so each person's access log shows the import: a
 * record per person cost 1–2 s for a monthly file. The rows written carry received_at of
 * the import.
 */
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import type { Db, Queryable } from "../../db/connection";
import { isValidBsn } from "../../domain/bsn";
import { ValidationError } from "../../domain/errors";
import type { SessionUser } from "../../http/context";
import { recordAudit } from "../audit/audit.repository";
import { scopeOf } from "../registry/registry.service";
import * as repo from "./income.repository";
import {
  checkIncomeMonth,
  lastIncomeMonth,
  MAX_NET_CENTS,
  monthMessage,
  normalisePayer,
} from "./income.service";

export const INCOME_CSV_COLUMNS = ["bsn", "month", "net_amount", "kind", "payer"] as const;

/** Accepted spellings of `kind`, lower case: the codes and the Dutch words. */
const KINDS = new Map<string, repo.IncomeKind>([
  ["work", "work"],
  ["wage_replacement", "wage_replacement"],
  ["toeslagenwet", "toeslagenwet"],
  ["loon", "work"],
  ["uitkering", "wage_replacement"],
  ["toeslag", "toeslagenwet"],
]);

export type RowCode =
  | "matched"
  | "unknown_bsn"
  | "other_municipality"
  | "duplicate"
  | "invalid_amount"
  | "invalid_bsn"
  | "invalid_month"
  | "invalid_kind"
  | "invalid_payer"
  | "missing_field"
  | "too_many_fields";

export type Change = "inserted" | "updated" | "unchanged";

export interface RowResult {
  /** Line in the file (the header is line 1). */
  line: number;
  code: RowCode;
  /** Matched rows: what the import did (or, in a dry run, would do). */
  change?: Change;
  personId?: number;
  /** Duplicates: the line of the first occurrence, which is the one imported. */
  firstLine?: number;
  /** Faulty rows: what is wrong, without the row's values. */
  message?: string;
}

export interface ParsedIncomeRow {
  line: number;
  bsn: string;
  /** First day of the month, YYYY-MM-01. */
  month: string;
  netCents: number;
  kind: repo.IncomeKind;
  payer: string;
}

export interface ParsedIncomeFile {
  /** Data rows in the file (empty lines not counted). */
  rows: number;
  valid: ParsedIncomeRow[];
  /** Faulty rows, in line order. */
  problems: RowResult[];
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  counts: Record<RowCode, number> & Record<Change, number>;
  /** Persons whose stored income changed (or would change). */
  personsAffected: number;
  /** One result per data row, in line order. */
  results: RowResult[];
}

export interface ImportOptions {
  dryRun?: boolean;
  /** Rows per statement; small values only in tests. */
  chunkSize?: number;
  /** Today's date (YYYY-MM-DD), for the latest month allowed; tests pin it. */
  today?: string;
}

const AMOUNT_RE = /^(\d{1,6})(?:[.,](\d{1,2}))?$/;
const BSN_RE = /^\d{9}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

function headerError(found: string[]): ValidationError {
  const got = found.join(",");
  const hint = got.includes(";") ? " (the file must be comma separated, not semicolon)" : "";
  return new ValidationError({
    path: "line 1",
    code: "csv_header",
    message: `expected the header ${INCOME_CSV_COLUMNS.join(",")}, got "${got.slice(0, 200)}"${hint}`,
    params: { expected: INCOME_CSV_COLUMNS.join(",") },
  });
}

/**
 * Parses and checks the file without touching the database. Throws ValidationError
 * (nothing to import) for a wrong header or a file that is not CSV; faulty rows are
 * returned as problems.
 */
export function parseIncomeCsv(text: string, options: { today?: string } = {}): ParsedIncomeFile {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      // Empty lines come back as [""], so a record's index is its line until a quoted field
      // holds a line break (counted below); csv-parse's own line context costs 50% more.
      skip_empty_lines: false,
    }) as string[][];
  } catch (e) {
    const err = e as { code?: string; lines?: number };
    // csv-parse's message can quote field values (personal data): report code and line only.
    throw new ValidationError({
      path: `line ${err.lines ?? "?"}`,
      code: "csv_syntax",
      message: `not a valid CSV file (${err.code ?? "parse error"} at line ${err.lines ?? "?"})`,
    });
  }
  const header = (records[0] ?? []).map((h) => h.trim());
  if (
    header.length !== INCOME_CSV_COLUMNS.length ||
    INCOME_CSV_COLUMNS.some((c, i) => header[i] !== c)
  ) {
    throw headerError(header);
  }

  const last = lastIncomeMonth(options.today);
  const valid: ParsedIncomeRow[] = [];
  const problems: RowResult[] = [];
  const firstLineOf = new Map<string, number>();
  const mayHaveLineBreaks = text.includes('"');
  let extraLines = 0;
  let rows = 0;

  for (let i = 1; i < records.length; i++) {
    const r = records[i]!;
    const line = i + 1 + extraLines;
    if (mayHaveLineBreaks) {
      for (const f of r) {
        if (f.includes("\n")) extraLines += f.split("\n").length - 1;
      }
    }
    if (r.length === 1 && r[0]!.trim() === "") continue; // empty line
    rows++;
    const problem = (code: RowCode, message: string) => problems.push({ line, code, message });
    if (r.length > 5) {
      problem("too_many_fields", `expected 5 fields, got ${r.length}`);
      continue;
    }
    const bsn = (r[0] ?? "").trim();
    const month = (r[1] ?? "").trim();
    const amount = (r[2] ?? "").trim();
    const kindText = (r[3] ?? "").trim();
    const payer = normalisePayer(r[4] ?? "");
    if (!bsn || !month || !amount || !kindText || !payer) {
      const missing = INCOME_CSV_COLUMNS.filter((_, k) => !(r[k] ?? "").trim());
      problem("missing_field", `missing ${missing.join(", ")}`);
      continue;
    }
    if (!BSN_RE.test(bsn) || !isValidBsn(bsn)) {
      problem("invalid_bsn", BSN_RE.test(bsn) ? "BSN fails the 11-check" : "BSN must be 9 digits");
      continue;
    }
    const monthProblem = checkIncomeMonth(month, last);
    if (monthProblem) {
      problem("invalid_month", monthMessage(monthProblem, last));
      continue;
    }
    const m = AMOUNT_RE.exec(amount);
    if (!m) {
      problem(
        "invalid_amount",
        "net_amount must be euros of 0 or more, up to 2 decimals (1234.56 or 1234,56), no thousands separator",
      );
      continue;
    }
    const fraction = m[2] ?? "";
    const netCents =
      Number(m[1]) * 100 + (fraction.length === 1 ? Number(fraction) * 10 : Number(fraction || 0));
    if (netCents > MAX_NET_CENTS) {
      problem("invalid_amount", `net_amount must be at most ${MAX_NET_CENTS / 100}`);
      continue;
    }
    const kind = KINDS.get(kindText) ?? KINDS.get(kindText.toLowerCase());
    if (!kind) {
      problem("invalid_kind", `kind must be one of ${[...KINDS.keys()].join(", ")}`);
      continue;
    }
    if (payer.length > 200 || CONTROL_RE.test(payer)) {
      problem("invalid_payer", "payer must be at most 200 characters, without control characters");
      continue;
    }
    const key = `${bsn}|${month}|${kind}|${payer}`;
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      problems.push({
        line,
        code: "duplicate",
        firstLine: first,
        message: `the same bsn, month, kind and payer as line ${first}; only that line is imported`,
      });
      continue;
    }
    firstLineOf.set(key, line);
    valid.push({ line, bsn, month: `${month}-01`, netCents, kind, payer });
  }
  return { rows, valid, problems };
}

function emptyCounts(): ImportReport["counts"] {
  return {
    matched: 0,
    unknown_bsn: 0,
    other_municipality: 0,
    duplicate: 0,
    invalid_amount: 0,
    invalid_bsn: 0,
    invalid_month: 0,
    invalid_kind: 0,
    invalid_payer: 0,
    missing_field: 0,
    too_many_fields: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
  };
}

/**
 * Imports an Inlichtingenbureau income file for the caller's municipality: parse, match,
 * store (or, with dryRun, only report what would happen). Callable from HTTP and CLI.
 */
export async function importIncomeFile(
  db: Db,
  actor: SessionUser,
  csvText: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const gemeenteCode = scopeOf(actor);
  const dryRun = options.dryRun ?? false;
  const parsed = parseIncomeCsv(csvText, { today: options.today });
  return db.transaction(async (tx) => {
    // Room to join and materialise a monthly file in memory instead of spilling to disk.
    await tx.execute(sql`set local work_mem = '64MB'`);
    if (!dryRun) await repo.lockImports(tx, gemeenteCode);
    const report = await matchAndStore(tx, gemeenteCode, parsed, dryRun, options.chunkSize);
    // One record for the file, listing the matched persons: each one's access log shows it.
    await recordAudit(tx, actor, {
      action: dryRun ? "import_dry_run" : "import",
      entityType: "income_import",
      gemeenteCode,
      fields: ["netCents"],
      reason: summary(report),
      personIds: report.results.flatMap((r) => (r.personId ? [r.personId] : [])),
    });
    return report;
  });
}

function summary(r: ImportReport): string {
  const c = r.counts;
  const skipped = r.rows - c.matched;
  return `Inlichtingenbureau income file${r.dryRun ? " (dry run)" : ""}: ${r.rows} rows, ${c.matched} matched (${c.inserted} inserted, ${c.updated} updated, ${c.unchanged} unchanged), ${skipped} skipped; ${r.personsAffected} persons affected`;
}

async function matchAndStore(
  tx: Queryable,
  gemeenteCode: string,
  parsed: ParsedIncomeFile,
  dryRun: boolean,
  chunkSize = 50_000,
): Promise<ImportReport> {
  const counts = emptyCounts();
  const results: RowResult[] = [...parsed.problems];
  for (const p of parsed.problems) counts[p.code]++;
  const affected = new Set<number>();
  const valid = parsed.valid;

  // Match and store in statements of chunkSize rows (one statement for a monthly file).
  for (let start = 0; start < valid.length; start += chunkSize) {
    const chunk = valid.slice(start, start + chunkSize);
    const out = await repo.matchAndStoreImported(
      tx,
      gemeenteCode,
      {
        bsns: chunk.map((r) => r.bsn),
        months: chunk.map((r) => r.month),
        netCents: chunk.map((r) => r.netCents),
        kinds: chunk.map((r) => r.kind),
        payers: chunk.map((r) => r.payer),
      },
      dryRun,
    );
    for (const i of out.unknown) {
      counts.unknown_bsn++;
      results.push({
        line: chunk[i]!.line,
        code: "unknown_bsn",
        message: "no person with this BSN",
      });
    }
    for (const i of out.other) {
      counts.other_municipality++;
      results.push({
        line: chunk[i]!.line,
        code: "other_municipality",
        message: "the person is not registered in your municipality",
      });
    }
    for (const { index, personId, change } of out.matched) {
      counts.matched++;
      counts[change]++;
      if (change !== "unchanged") affected.add(personId);
      results.push({ line: chunk[index]!.line, code: "matched", change, personId });
    }
  }
  results.sort((a, b) => a.line - b.line);
  return { dryRun, rows: parsed.rows, counts, personsAffected: affected.size, results };
}
