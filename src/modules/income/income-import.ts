/**
 * The monthly net income file of the Inlichtingenbureau (docs/api-income-import.md):
 * `bsn,month,net_amount,kind,payer`, one row per person, month, kind and payer.
 *
 * In ONE transaction:
 * 1. the file must be UTF-8 (decodeUtf8File) and start with the header; otherwise it is
 *    refused (400, nothing stored) with what is wrong, never with what it holds;
 * 2. every row is parsed and checked, 2,500 lines at a time (parseIncomeCsvChunks): a
 *    faulty row is reported with its line and skipped; the valid ones are staged in a
 *    temporary table as they come (on PostgreSQL the server stores one batch while the
 *    next is parsed);
 * 3. one statement merges the staged rows: matched on BSN to the municipality's persons,
 *    inserted or, when the amount changed, updated (INSERT … ON CONFLICT … DO UPDATE …
 *    WHERE changed); an amount equal to the stored one is not written, so a repeated
 *    import changes nothing. The foreign key income → person checks every row written.
 *
 * A BSN of a person of another municipality is reported as unknown, like a BSN of nobody:
 * the report does not tell a caseworker that a BSN exists elsewhere. The owning
 * municipality gets an audit record (reason "bsn_probe") listing its persons whose BSN was
 * in the file.
 *
 * Audit (entity "income_import", the import's id as entity_id): the merge statement writes
 * one record listing the matched persons; one record for the file carries the counts.
 */

import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import type { SQL } from "drizzle-orm";
import type { Db, Tx } from "../../db/connection";
import { type AccessContext, gemeenteOf } from "../../domain/access";
import { isValidBsn } from "../../domain/bsn";
import { ValidationError } from "../../domain/errors";
import { codedReason } from "../../domain/reasons";
import { decodeUtf8File } from "../../domain/text-file";
import { auditInsertFor, recordAudit, recordAuditForPersons } from "../audit";
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
  /** Valid rows staged per statement; small values only in tests. */
  chunkSize?: number;
  /** Today's date (YYYY-MM-DD), for the latest month allowed; tests pin it. */
  today?: string;
}

const AMOUNT_RE = /^(\d{1,6})(?:[.,](\d{1,2}))?$/;
const BSN_RE = /^\d{9}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

/**
 * Parses and checks the file without touching the database. Throws ValidationError
 * (nothing to import) for a wrong header or a file that is not CSV; faulty rows are
 * returned as problems.
 */
export function parseIncomeCsv(text: string, options: { today?: string } = {}): ParsedIncomeFile {
  // One chunk of all lines: the file at once.
  const [whole] = parseIncomeCsvChunks(text, { ...options, rowsPerChunk: Infinity });
  return whole!;
}

/**
 * The same as parseIncomeCsv, a chunk of about rowsPerChunk lines at a time, so that the
 * import can store and match rows while it checks the next ones. Duplicates are found
 * across chunks. The header is checked with the first chunk (before anything else is done).
 */
export function* parseIncomeCsvChunks(
  text: string,
  options: { today?: string; rowsPerChunk: number },
): Generator<ParsedIncomeFile> {
  const checker = rowChecker(lastIncomeMonth(options.today));
  const quoted = text.includes('"');
  const batches = recordBatches(text, quoted, Math.max(1, options.rowsPerChunk));
  let line = 1; // of the next record
  for (const records of batches) {
    let i = 0;
    if (line === 1) {
      checkHeader(records[0] ?? []);
      line += 1 + (quoted && records[0] ? lineBreaksIn(records[0]) : 0);
      i = 1;
    }
    const chunk: ParsedIncomeFile = { rows: 0, valid: [], problems: [] };
    for (; i < records.length; i++) {
      const r = records[i]!;
      checker(r, line, chunk);
      line += 1 + (quoted ? lineBreaksIn(r) : 0);
    }
    yield chunk;
  }
}

/**
 * The file's records in batches of `rows`; at least one batch.
 * A file without quote characters is cut at line breaks and each piece parsed when its
 * turn comes, so parsing overlaps the database too. In a file with quotes a quoted field
 * may hold a line break, and only the parser can tell where records end: it is parsed at
 * once and its records are handed out in batches.
 */
function* recordBatches(text: string, quoted: boolean, rows: number): Generator<string[][]> {
  if (quoted) {
    const all = parseRecords(text, 1);
    let start = 0;
    do {
      yield all.slice(start, start + rows);
      start += rows;
    } while (start < all.length);
    return;
  }
  let offset = 0;
  let line = 1;
  do {
    const end = chunkEnd(text, offset, rows);
    const records = parseRecords(text.slice(offset, end), line);
    yield records;
    line += records.length;
    offset = end;
  } while (offset < text.length);
}

/** Where the piece starting at offset ends: after its `lines`-th line break. */
function chunkEnd(text: string, offset: number, lines: number): number {
  let end = offset;
  for (let n = 0; n < lines; n++) {
    const next = text.indexOf("\n", end);
    if (next < 0) return text.length;
    end = next + 1;
  }
  return end;
}

const LINE_BREAK = /\r\n|\r|\n/g;

/** Line breaks inside a record's quoted fields: the record spans as many more lines. */
function lineBreaksIn(record: string[]): number {
  let n = 0;
  for (const f of record) n += f.match(LINE_BREAK)?.length ?? 0;
  return n;
}

function parseRecords(piece: string, firstLine: number): string[][] {
  try {
    return parse(piece, {
      bom: firstLine === 1,
      relax_column_count: true,
      relax_quotes: true,
      // Named, not detected: a file mixing CRLF and LF parses the same whole or in pieces.
      record_delimiter: ["\r\n", "\n", "\r"],
      // Empty lines come back as [""], so a record's index is its line; csv-parse's own
      // line context costs 50% more.
      skip_empty_lines: false,
    }) as string[][];
  } catch (e) {
    const err = e as { code?: string; lines?: number };
    const line = err.lines === undefined ? "?" : firstLine - 1 + err.lines;
    // csv-parse's message can quote field values (personal data): report code and line only.
    throw new ValidationError({
      path: `line ${line}`,
      code: "csv_syntax",
      message: `not a valid CSV file (${err.code ?? "parse error"} at line ${line})`,
      params: { line },
    });
  }
}

/**
 * Refuses a first line that is not the header, naming the expected columns and what is
 * wrong with the line, never what it holds: without a header the first line is a row of
 * personal data.
 */
function checkHeader(record: string[]) {
  const header = record.map((h) => h.trim());
  const expected = INCOME_CSV_COLUMNS.join(",");
  if (
    header.length === INCOME_CSV_COLUMNS.length &&
    INCOME_CSV_COLUMNS.every((c, i) => header[i] === c)
  ) {
    return;
  }
  const named = INCOME_CSV_COLUMNS.filter((c) => header.includes(c));
  // What is wrong as a code with its values (params.problem), for the web to translate.
  let what: string;
  let problem: Record<string, string | number>;
  if (header.some((h) => h.includes(";"))) {
    what = "it is separated by semicolons; the file must be comma separated";
    problem = { problem: "semicolons" };
  } else if (named.length === 0) {
    what = "it names none of these columns; the header line is missing or misspelt";
    problem = { problem: "no_known_column" };
  } else if (named.length < INCOME_CSV_COLUMNS.length) {
    const missing = INCOME_CSV_COLUMNS.filter((c) => !header.includes(c));
    what = `it lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`;
    problem = { problem: "missing_columns", missing: missing.join(", "), count: missing.length };
  } else if (header.length > INCOME_CSV_COLUMNS.length) {
    what = `it has ${header.length} columns instead of ${INCOME_CSV_COLUMNS.length}`;
    problem = { problem: "column_count", count: header.length };
  } else {
    what = "its columns are in another order";
    problem = { problem: "column_order" };
  }
  throw new ValidationError({
    path: "line 1",
    code: "csv_header",
    message: `expected the header ${expected}: ${what}`,
    params: { expected, ...problem },
  });
}

/** Checks one record at a time into a chunk; remembers the keys seen, for duplicates. */
function rowChecker(last: string) {
  const firstLineOf = new Map<string, number>();
  return (r: string[], line: number, out: ParsedIncomeFile) => {
    if (r.length === 1 && r[0]!.trim() === "") return; // empty line
    out.rows++;
    const problem = (code: RowCode, message: string) => out.problems.push({ line, code, message });
    if (r.length > 5) {
      problem("too_many_fields", `expected 5 fields, got ${r.length}`);
      return;
    }
    const bsn = (r[0] ?? "").trim();
    const month = (r[1] ?? "").trim();
    const amount = (r[2] ?? "").trim();
    const kindText = (r[3] ?? "").trim();
    const payer = normalisePayer(r[4] ?? "");
    if (!bsn || !month || !amount || !kindText || !payer) {
      const missing = INCOME_CSV_COLUMNS.filter((_, k) => !(r[k] ?? "").trim());
      problem("missing_field", `missing ${missing.join(", ")}`);
      return;
    }
    if (!BSN_RE.test(bsn) || !isValidBsn(bsn)) {
      problem("invalid_bsn", BSN_RE.test(bsn) ? "BSN fails the 11-check" : "BSN must be 9 digits");
      return;
    }
    const monthProblem = checkIncomeMonth(month, last);
    if (monthProblem) {
      problem("invalid_month", monthMessage(monthProblem, last));
      return;
    }
    const m = AMOUNT_RE.exec(amount);
    if (!m) {
      problem(
        "invalid_amount",
        "net_amount must be euros of 0 or more, up to 2 decimals (1234.56 or 1234,56), no thousands separator",
      );
      return;
    }
    const fraction = m[2] ?? "";
    const netCents =
      Number(m[1]) * 100 + (fraction.length === 1 ? Number(fraction) * 10 : Number(fraction || 0));
    if (netCents > MAX_NET_CENTS) {
      problem("invalid_amount", `net_amount must be at most ${MAX_NET_CENTS / 100}`);
      return;
    }
    const kind = KINDS.get(kindText) ?? KINDS.get(kindText.toLowerCase());
    if (!kind) {
      problem("invalid_kind", `kind must be one of ${[...KINDS.keys()].join(", ")}`);
      return;
    }
    if (payer.length > 200 || CONTROL_RE.test(payer)) {
      problem("invalid_payer", "payer must be at most 200 characters, without control characters");
      return;
    }
    const key = `${bsn}|${month}|${kind}|${payer}`;
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      out.problems.push({
        line,
        code: "duplicate",
        firstLine: first,
        message: `the same bsn, month, kind and payer as line ${first}; only that line is imported`,
      });
      return;
    }
    firstLineOf.set(key, line);
    out.valid.push({ line, bsn, month: `${month}-01`, netCents, kind, payer });
  };
}

function emptyCounts(): ImportReport["counts"] {
  return {
    matched: 0,
    unknown_bsn: 0,
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

/** Lines parsed between two turns of the event loop (about 10 ms). */
const PARSE_PIECE_ROWS = 2_500;
/** Valid rows staged per statement. */
const STAGE_ROWS = 25_000;
/** A merge that met a person deleted meanwhile is run again, this many times at most. */
const MERGE_ATTEMPTS = 3;

/**
 * Imports an Inlichtingenbureau income file for the caller's municipality: parse, stage,
 * merge (or, with dryRun, only report what would happen). Callable from HTTP and CLI.
 * The file is given as its bytes (checked to be UTF-8) or as text already decoded.
 */
export async function importIncomeFile(
  db: Db,
  actor: AccessContext,
  file: string | Uint8Array,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const gemeenteCode = gemeenteOf(actor);
  const text = typeof file === "string" ? file : decodeUtf8File(file);
  const dryRun = options.dryRun ?? false;
  const stageRows = options.chunkSize ?? STAGE_ROWS;
  const pieces = parseIncomeCsvChunks(text, {
    today: options.today,
    rowsPerChunk: Math.min(stageRows, PARSE_PIECE_ROWS),
  });
  // The first piece carries the header: a file that is not this CSV is refused before
  // any transaction starts.
  const first = pieces.next();
  const action = dryRun ? "import_dry_run" : "import";
  /** Ties the import's audit records together. */
  const importId = randomUUID();
  return db.transaction(async (tx) => {
    if (!dryRun) await repo.lockImports(tx, gemeenteCode);
    await repo.createStaging(tx);
    const report = newReport(dryRun);
    // Each batch is staged when the one before it is done; parsing goes on meanwhile.
    let staging: Promise<void> = Promise.resolve();
    let batch: ParsedIncomeRow[] = [];
    const stage = () => {
      const rows = batch;
      batch = [];
      staging = staging.then(() => repo.stageRows(tx, rows));
      // Awaited below; this keeps a failure that arrives meanwhile from counting as
      // unhandled.
      staging.catch(() => {});
    };
    let firstLine = 0;
    let lastLine = 0;
    try {
      for (let c = first; !c.done; c = pieces.next()) {
        addProblems(report, c.value);
        for (const r of c.value.valid) {
          if (firstLine === 0) firstLine = r.line;
          lastLine = r.line;
          batch.push(r);
          if (batch.length >= stageRows) stage();
        }
        // A short piece at a time, then the event loop: the driver can send the next batch.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (batch.length > 0) stage();
    } finally {
      // A file error found while a batch is staged: let it end before the rollback.
      await staging.catch(() => {});
    }
    await staging;

    // One record listing the persons the file matched, written by the merge itself.
    const audit = (personIds: SQL) =>
      auditInsertFor(
        tx,
        actor,
        {
          action,
          entityType: "income_import",
          entityId: importId,
          gemeenteCode,
          fields: ["netCents"],
          reason: codedReason("income_file_lines", { first: firstLine, last: lastLine }),
        },
        personIds,
      );
    const statement = repo.mergeStagedStatement(gemeenteCode, dryRun, audit);
    const outcome = await mergeRetryingDeletedPersons(tx, statement);

    const affected = new Set<number>();
    for (const { line, personId, change } of outcome.matched) {
      report.counts.matched++;
      report.counts[change]++;
      if (change !== "unchanged") affected.add(personId);
      report.results.push({ line, code: "matched", change, personId });
    }
    for (const line of outcome.notFound) {
      report.counts.unknown_bsn++;
      report.results.push({ line, code: "unknown_bsn", message: "no person with this BSN" });
    }
    report.personsAffected = affected.size;
    report.results.sort((a, b) => a.line - b.line);

    // The persons of other municipalities whose BSN was in the file: their municipality
    // learns who looked for them; the caseworker learned nothing.
    for (const [owner, personIds] of outcome.elsewhere) {
      await recordAuditForPersons(
        tx,
        actor,
        {
          action,
          entityType: "income_import",
          entityId: importId,
          gemeenteCode: owner,
          fields: ["bsn"],
          reason: "bsn_probe",
        },
        personIds,
      );
    }
    // The file's record, with the counts (also when the file matched nobody).
    await recordAudit(tx, actor, {
      action,
      entityType: "income_import",
      entityId: importId,
      gemeenteCode,
      fields: ["netCents"],
      reason: summary(report),
    });
    return report;
  });
}

/**
 * Runs the merge in a savepoint. A person deleted after the statement read them but
 * before it wrote their income makes the foreign key refuse the statement (or, for
 * deletions of several persons, the database may end a deadlock with it); run again, the
 * statement no longer finds that person and reports the row as an unknown BSN.
 */
async function mergeRetryingDeletedPersons(tx: Tx, statement: SQL): Promise<repo.MergeOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await tx.transaction((sp) => repo.mergeStaged(sp, statement));
    } catch (e) {
      const code = (e as { cause?: { code?: string } }).cause?.code;
      if (attempt >= MERGE_ATTEMPTS || (code !== "23503" && code !== "40P01")) throw e;
    }
  }
}

/** The file's audit reason: its counts (a dry run says so by its action, import_dry_run). */
function summary(r: ImportReport): string {
  const c = r.counts;
  return codedReason("income_import", {
    rows: r.rows,
    matched: c.matched,
    inserted: c.inserted,
    updated: c.updated,
    unchanged: c.unchanged,
    skipped: r.rows - c.matched,
    persons: r.personsAffected,
  });
}

function newReport(dryRun: boolean): ImportReport {
  return { dryRun, rows: 0, counts: emptyCounts(), personsAffected: 0, results: [] };
}

function addProblems(report: ImportReport, chunk: ParsedIncomeFile) {
  report.rows += chunk.rows;
  for (const p of chunk.problems) {
    report.counts[p.code]++;
    report.results.push(p);
  }
}
