/**
 * The monthly net income file of the Inlichtingenbureau (docs/api-income-import.md):
 * `bsn,month,net_amount,kind,payer`, one row per person, month, kind and payer.
 *
 * In ONE transaction:
 * 1. parse and check every row, 2,500 lines at a time (parseIncomeCsvChunks): a wrong
 *    header or broken CSV refuses the file (400, nothing stored); a faulty row is reported
 *    with its line and skipped;
 * 2. match the valid rows on BSN against the municipality's persons, read once after the
 *    import lock; a BSN not found there is an unknown BSN or a person of another
 *    municipality (without saying which);
 * 3. one statement per chunk (5,000 rows, doubling up to 25,000) inserts new keys and
 *    updates changed amounts of the matched rows: all of them or, when the database
 *    refuses a write, none. An amount equal to the stored one is not touched, so a repeated
 *    import changes nothing; each matched row is reported as inserted, updated or
 *    unchanged.
 *
 * The import is audited by one record per statement (entity "income_import"), written by
 * that statement and listing the persons it matched in person_ids, so each person's access
 * log shows the import; and one record for the file with the counts. They share the
 * import's id (entity_id). A record per person cost 1–2 s for a monthly file. The rows
 * written carry received_at of the import.
 */
import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import type { SQL } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { isValidBsn } from "../../domain/bsn";
import { ValidationError } from "../../domain/errors";
import type { SessionUser } from "../../http/context";
import { auditInsertFor, recordAudit } from "../audit/audit.repository";
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
  /** Rows parsed and stored per statement; small values only in tests. */
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
    });
  }
}

function checkHeader(record: string[]) {
  const header = record.map((h) => h.trim());
  if (
    header.length !== INCOME_CSV_COLUMNS.length ||
    INCOME_CSV_COLUMNS.some((c, i) => header[i] !== c)
  ) {
    throw headerError(header);
  }
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
 *
 * The rows are matched on the municipality's persons, read once after the import lock,
 * and stored a statement at a time (5,000 rows, doubling up to 25,000), each sent the
 * moment the one before answers, with up to two more built and waiting: on PostgreSQL the
 * server stores one chunk while this process parses the next, a short piece at a time so
 * that the answer is read and the next statement sent at once (two cores at work,
 * measured in bench/income-import.bench.ts).
 */
export async function importIncomeFile(
  db: Db,
  actor: SessionUser,
  csvText: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const gemeenteCode = scopeOf(actor);
  const dryRun = options.dryRun ?? false;
  const statementRows = options.chunkSize ?? 25_000;
  const pieces = parseIncomeCsvChunks(csvText, {
    today: options.today,
    rowsPerChunk: Math.min(statementRows, PARSE_PIECE_ROWS),
  });
  // The first piece carries the header: a file that is not this CSV is refused before
  // any transaction starts.
  const first = pieces.next();
  const action = dryRun ? "import_dry_run" : "import";
  /** Ties the file's audit records together: one per statement, and the summary. */
  const importId = randomUUID();
  return db.transaction(
    async (tx) => {
      await repo.prepareImportTransaction(tx);
      if (!dryRun) await repo.lockImports(tx, gemeenteCode);
      // Read after the lock (what lets the database skip its own person check, migration
      // 0013). The file is parsed meanwhile; its rows wait until the persons are there.
      let persons: Map<number, number> | undefined;
      const personsRead = repo.municipalityPersonsByBsn(tx, gemeenteCode).then((p) => {
        persons = p;
        return p;
      });
      personsRead.catch(() => {});
      /** The last statement sent or waiting to be sent. */
      let sending: Promise<unknown> = personsRead;
      /** Set when the import fails: statements still waiting are not sent. */
      let abandoned = false;
      const waiting: ParsedIncomeRow[][] = [];
      const report = newReport(dryRun);
      const affected = new Set<number>();
      const inFlight: { sent: SentChunk; answer: ReturnType<typeof repo.runImportChunk> }[] = [];
      const settleOldest = async () => {
        const { sent, answer } = inFlight.shift()!;
        addOutcome(report, affected, sent, repo.decodeOutcome(await answer));
      };
      let chunk = newChunk();
      // Small statements first: the database starts sooner.
      let target = Math.min(statementRows, 5_000);
      const send = async () => {
        const { columns, lines, unmatched, firstLine, lastLine } = chunk;
        // One record per statement lists its persons, written by the statement itself.
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
              reason: `Inlichtingenbureau income file, lines ${firstLine}-${lastLine}`,
            },
            personIds,
          );
        const statement = repo.importChunkStatement(
          columns,
          unmatched.map((u) => u.bsn),
          dryRun,
          audit,
        );
        // Sent the moment the statement before it answers (a driver must not be handed a
        // query while it runs one); after a failure nothing more is sent.
        const answer = sending.then(() => {
          if (abandoned) throw new Error("income import abandoned");
          return repo.runImportChunk(tx, statement);
        });
        sending = answer;
        // Awaited later; this keeps a failure that arrives meanwhile from counting as
        // unhandled.
        answer.catch(() => {});
        inFlight.push({ sent: { lines, personIds: columns.personIds, unmatched }, answer });
        chunk = newChunk();
        target = Math.min(target * 2, statementRows);
        // At most three statements wait, built: one runs, the next follow at once.
        if (inFlight.length > 2) await settleOldest();
      };
      const take = async (found: Map<number, number>, rows: ParsedIncomeRow[]) => {
        for (const r of rows) {
          addRow(chunk, r, found.get(Number(r.bsn)));
          if (rowsIn(chunk) >= target) await send();
        }
      };
      try {
        for (let c = first; !c.done; c = pieces.next()) {
          addProblems(report, c.value);
          waiting.push(c.value.valid);
          if (persons) for (const rows of waiting.splice(0)) await take(persons, rows);
          // A short piece at a time, then the event loop: the driver can hand the database
          // its next statement as soon as the last one ends.
          await new Promise((resolve) => setImmediate(resolve));
        }
        const found = await personsRead;
        for (const rows of waiting.splice(0)) await take(found, rows);
        if (rowsIn(chunk) > 0) await send();
        while (inFlight.length > 0) await settleOldest();
      } catch (e) {
        // A file error found while statements run: send no more, let the one running end
        // before the rollback.
        abandoned = true;
        await Promise.allSettled([personsRead, ...inFlight.map((f) => f.answer)]);
        throw e;
      }
      report.personsAffected = affected.size;
      report.results.sort((a, b) => a.line - b.line);
      // The file's record, with the counts: recordAudit, so that a file that matched nobody
      // is audited too.
      await recordAudit(tx, actor, {
        action,
        entityType: "income_import",
        entityId: importId,
        gemeenteCode,
        fields: ["netCents"],
        reason: summary(report),
      });
      return report;
    },
    // What the lock that spares the person check needs (lockImports).
    { isolationLevel: "read committed" },
  );
}

/** Lines parsed between two turns of the event loop (about 10 ms). */
const PARSE_PIECE_ROWS = 2_500;

/** The valid rows of one statement: the matched ones as columns, the others apart. */
interface Chunk {
  firstLine: number;
  lastLine: number;
  columns: repo.ImportColumns;
  /** Lines of the matched rows, in column order. */
  lines: number[];
  /** Rows whose BSN is not a person of the municipality. */
  unmatched: { line: number; bsn: string }[];
}

/** What is kept of a chunk once its statement is sent: enough to read its answer. */
type SentChunk = Pick<Chunk, "lines" | "unmatched"> & { personIds: number[] };

function rowsIn(chunk: Chunk): number {
  return chunk.lines.length + chunk.unmatched.length;
}

function newChunk(): Chunk {
  return {
    firstLine: 0,
    lastLine: 0,
    columns: { personIds: [], months: [], netCents: [], kinds: [], payers: [] },
    lines: [],
    unmatched: [],
  };
}

function addRow(chunk: Chunk, r: ParsedIncomeRow, personId: number | undefined) {
  if (rowsIn(chunk) === 0) chunk.firstLine = r.line;
  chunk.lastLine = r.line;
  if (personId === undefined) {
    chunk.unmatched.push({ line: r.line, bsn: r.bsn });
    return;
  }
  const c = chunk.columns;
  chunk.lines.push(r.line);
  c.personIds.push(personId);
  c.months.push(r.month);
  c.netCents.push(r.netCents);
  c.kinds.push(r.kind);
  c.payers.push(r.payer);
}

function summary(r: ImportReport): string {
  const c = r.counts;
  const skipped = r.rows - c.matched;
  return `Inlichtingenbureau income file${r.dryRun ? " (dry run)" : ""}: ${r.rows} rows, ${c.matched} matched (${c.inserted} inserted, ${c.updated} updated, ${c.unchanged} unchanged), ${skipped} skipped; ${r.personsAffected} persons affected`;
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

function addOutcome(
  report: ImportReport,
  affected: Set<number>,
  sent: SentChunk,
  out: repo.ImportOutcome,
) {
  const { counts, results } = report;
  for (const { line, bsn } of sent.unmatched) {
    if (out.elsewhere.has(bsn)) {
      counts.other_municipality++;
      results.push({
        line,
        code: "other_municipality",
        message: "the person is not registered in your municipality",
      });
    } else {
      counts.unknown_bsn++;
      results.push({ line, code: "unknown_bsn", message: "no person with this BSN" });
    }
  }
  // Rows the answer does not name as changed or the same are new.
  const changes = new Array<Change>(sent.lines.length).fill("inserted");
  for (const i of out.changed) changes[i] = "updated";
  for (const i of out.same) changes[i] = "unchanged";
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    const personId = sent.personIds[i]!;
    counts.matched++;
    counts[change]++;
    if (change !== "unchanged") affected.add(personId);
    results.push({ line: sent.lines[i]!, code: "matched", change, personId });
  }
}
