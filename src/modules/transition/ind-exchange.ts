/**
 * The exchange with the IND for the transitiedocument (docs/transition-ind-exchange.md):
 *
 * - export: the municipality's eligible cohort as CSV, for the IND to grant ex officio;
 * - import: the IND's decisions (granted with the permit's dates, or refused) as CSV, with
 *   a result per row, ALL OR NOTHING: one faulty row and nothing is stored. A grant records
 *   the decision and the transitiedocument as a residence status (source ind); importing
 *   the same file again changes nothing.
 *
 * A BSN of a person of another municipality is reported as unknown, like a BSN of nobody.
 */

import { parse } from "csv-parse/sync";
import type { Db, Tx } from "../../db/connection";
import type { AccessContext } from "../../domain/access";
import { isValidBsn } from "../../domain/bsn";
import { csvField } from "../../domain/csv";
import { addYears, dayAfter, dayBefore, todayNl } from "../../domain/dates";
import { ForbiddenError, ValidationError } from "../../domain/errors";
import { isValidDate } from "../../domain/month";
import { codedReason } from "../../domain/reasons";
import { decodeUtf8File } from "../../domain/text-file";
import { getLawbook } from "../../rules/lawbook";
import { rtbBounds, transitiedocumentEligibility } from "../../rules/transition";
import { recordAudit, recordAuditForPersons } from "../audit";
import * as repo from "./transition.repository";
import { loadPersons, loadScenario } from "./transition.service";

export const IND_EXPORT_COLUMNS = [
  "bsn",
  "v_number",
  "family_name",
  "given_names",
  "birth_date",
  "nationality",
  "gemeente",
  "protection_start",
  "public_order_on",
  "asylum_withdrawn_on",
  "cutoff_date",
  "cutoff_basis",
] as const;

export const IND_DECISION_COLUMNS = [
  "bsn",
  "decision",
  "decision_date",
  "valid_from",
  "valid_until",
  "reference",
] as const;

/** The eligible persons of the caller's municipality as CSV (header first), audited. */
export async function exportEligibleCohort(db: Db, actor: AccessContext) {
  if (actor.scope.kind !== "gemeente") throw new ForbiddenError();
  const gemeente = actor.scope.gemeente;
  const today = todayNl();
  const law = getLawbook();
  const [people, persons, scenario] = await Promise.all([
    repo.exportPersons(db, gemeente),
    loadPersons(db, { gemeente }),
    loadScenario(db),
  ]);
  const lines = [IND_EXPORT_COLUMNS.join(",")];
  const exported: number[] = [];
  let restsOnScenario = false;
  for (const p of people) {
    const loaded = persons.get(p.id)!;
    const t = loaded.row;
    const r = transitiedocumentEligibility(loaded.facts, law, scenario, today);
    if (r.eligibility !== "eligible") continue;
    restsOnScenario ||= r.restsOnScenario;
    exported.push(p.id);
    lines.push(
      [
        p.bsn,
        p.v_number,
        p.family_name,
        p.given_names,
        p.birth_date,
        p.nationality_code,
        p.gemeente_code,
        r.conditions[0]!.date,
        t.public_order_on,
        t.asylum_withdrawn_on,
        r.cutoff?.date ?? null,
        r.cutoff?.basis ?? null,
      ]
        .map(csvField)
        .join(","),
    );
  }
  await recordAuditForPersons(
    db,
    actor,
    {
      action: "export",
      entityType: "ind_export",
      gemeenteCode: gemeente,
      fields: ["bsn", "vNumber", "name", "birthDate", "nationality", "protectionStart"],
      reason: "transitiedocument_cohort",
    },
    exported,
  );
  return { csv: `${lines.join("\r\n")}\r\n`, count: exported.length, restsOnScenario };
}

export const IND_ROW_CODES = [
  "granted",
  "refused",
  "unchanged",
  "unknown_bsn",
  "invalid_bsn",
  "invalid_decision",
  "invalid_date",
  "missing_field",
  "too_many_fields",
  "duplicate",
  "invalid_validity",
  "status_conflict",
] as const;
export type IndRowCode = (typeof IND_ROW_CODES)[number];

export interface IndRowResult {
  line: number;
  code: IndRowCode;
  personId?: number;
  field?: string;
  message?: string;
}

const DECISIONS = new Map([
  ["granted", "granted"],
  ["verleend", "granted"],
  ["refused", "refused"],
  ["afgewezen", "refused"],
] as const);

interface IndRow {
  line: number;
  bsn: string;
  decision: "granted" | "refused";
  decisionDate: string;
  validFrom: string | null;
  validUntil: string | null;
  reference: string | null;
}

/** Parses and checks each row; a row's problem names its line and field. */
export function parseIndDecisions(text: string): { rows: IndRow[]; problems: IndRowResult[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as never;
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    throw new ValidationError({
      path: `line ${line}`,
      code: "csv_syntax",
      message: `the file is not valid CSV at line ${line} (an unclosed quote?)`,
      params: { line },
    });
  }
  const header = records[0]?.record.map((h) => h.toLowerCase()) ?? [];
  if (header.join(",") !== IND_DECISION_COLUMNS.join(",")) {
    throw new ValidationError({
      path: "line 1",
      code: "csv_header",
      message: `the first line must be the header ${IND_DECISION_COLUMNS.join(",")}`,
      params: { expected: IND_DECISION_COLUMNS.join(",") },
    });
  }
  const years = getLawbook().at(
    "transitie.transitiedocument.validity-years",
    dayAfter(rtbBounds(getLawbook()).to),
  );
  const rows: IndRow[] = [];
  const problems: IndRowResult[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const fail = (code: IndRowCode, f: string | undefined, message: string) =>
      problems.push({ line, code, ...(f ? { field: f } : {}), message });
    if (record.length > IND_DECISION_COLUMNS.length) {
      fail("too_many_fields", undefined, `expected ${IND_DECISION_COLUMNS.length} fields`);
      continue;
    }
    const [bsn = "", decisionText = "", decisionDate = "", from = "", until = "", reference = ""] =
      record;
    if (!bsn) {
      fail("missing_field", "bsn", "bsn is empty");
      continue;
    }
    if (!isValidBsn(bsn)) {
      fail("invalid_bsn", "bsn", "not a valid BSN (nine digits, eleven test)");
      continue;
    }
    const decision = DECISIONS.get(decisionText.toLowerCase() as never);
    if (!decision) {
      fail("invalid_decision", "decision", "decision must be granted or refused");
      continue;
    }
    if (!decisionDate) {
      fail("missing_field", "decision_date", "decision_date is empty");
      continue;
    }
    if (!isValidDate(decisionDate)) {
      fail("invalid_date", "decision_date", "decision_date must be a date YYYY-MM-DD");
      continue;
    }
    let validFrom: string | null = null;
    let validUntil: string | null = null;
    if (decision === "granted") {
      if (!from || !until) {
        fail(
          "missing_field",
          from ? "valid_until" : "valid_from",
          "a grant has valid_from and valid_until",
        );
        continue;
      }
      if (!isValidDate(from) || !isValidDate(until)) {
        fail(
          "invalid_date",
          isValidDate(from) ? "valid_until" : "valid_from",
          "dates are YYYY-MM-DD",
        );
        continue;
      }
      const longest = years ? dayBefore(addYears(from, years.version.value as number)) : null;
      if (until < from || (longest !== null && until > longest)) {
        fail(
          "invalid_validity",
          "valid_until",
          `valid_until must lie between valid_from and ${longest ?? "valid_from"}`,
        );
        continue;
      }
      [validFrom, validUntil] = [from, until];
    } else if (from || until) {
      fail("invalid_validity", from ? "valid_from" : "valid_until", "a refusal has no validity");
      continue;
    }
    const first = seen.get(bsn);
    if (first !== undefined) {
      fail("duplicate", "bsn", `the same BSN as line ${first}`);
      continue;
    }
    seen.set(bsn, line);
    rows.push({
      line,
      bsn,
      decision,
      decisionDate,
      validFrom,
      validUntil,
      reference: reference || null,
    });
  }
  return { rows, problems };
}

export interface IndImportReport {
  dryRun: boolean;
  stored: boolean;
  rows: number;
  counts: Partial<Record<IndRowCode, number>>;
  results: IndRowResult[];
}

/** The import's audit reason: stored or not, and its counts (problems: the other codes). */
function importReason(report: IndImportReport): string {
  const c = report.counts;
  const granted = c.granted ?? 0;
  const refused = c.refused ?? 0;
  const unchanged = c.unchanged ?? 0;
  return codedReason(report.stored ? "ind_import" : "ind_import_not_stored", {
    rows: report.rows,
    granted,
    refused,
    unchanged,
    problems: report.rows - granted - refused - unchanged,
  });
}

/** Imports the IND's decisions: all rows or none (see the file's comment). */
export async function importIndDecisions(
  db: Db,
  actor: AccessContext,
  file: Uint8Array | string,
  options: { dryRun: boolean },
): Promise<IndImportReport> {
  if (actor.scope.kind !== "gemeente") throw new ForbiddenError();
  const gemeente = actor.scope.gemeente;
  const text = typeof file === "string" ? file : decodeUtf8File(file);
  const { rows, problems } = parseIndDecisions(text);
  const matched: number[] = [];
  const audit = (q: Db | Tx, report: IndImportReport) =>
    Promise.all([
      recordAuditForPersons(
        q,
        actor,
        {
          action: options.dryRun ? "import_dry_run" : "import",
          entityType: "ind_decisions",
          gemeenteCode: gemeente,
          fields: ["indDecision", "residenceStatus"],
        },
        matched,
      ),
      recordAudit(q, actor, {
        action: options.dryRun ? "import_dry_run" : "import",
        entityType: "ind_decisions",
        gemeenteCode: gemeente,
        reason: importReason(report),
      }),
    ]);
  try {
    return await db.transaction(async (tx) => {
      const persons = await repo.personsByBsn(
        tx,
        gemeente,
        rows.map((r) => r.bsn),
      );
      const results: IndRowResult[] = [...problems];
      const known: { row: IndRow; personId: number }[] = [];
      for (const row of rows) {
        const personId = persons.get(row.bsn);
        if (personId === undefined) {
          results.push({
            line: row.line,
            code: "unknown_bsn",
            field: "bsn",
            message: "no person of your municipality has this BSN",
          });
          continue;
        }
        matched.push(personId);
        known.push({ row, personId });
      }
      // Nothing is applied while any row is faulty, nor in a dry run: each row says what it would do.
      const apply = results.length === 0 && !options.dryRun;
      for (const { row, personId } of known) {
        if (!apply) {
          results.push({ line: row.line, code: row.decision, personId });
          continue;
        }
        try {
          results.push({
            line: row.line,
            code: await applyDecision(tx, actor, personId, row),
            personId,
          });
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          results.push({
            line: row.line,
            code: "status_conflict",
            personId,
            field: "valid_from",
            message: e.message,
          });
        }
      }
      results.sort((a, b) => a.line - b.line);
      const counts: IndImportReport["counts"] = {};
      for (const r of results) counts[r.code] = (counts[r.code] ?? 0) + 1;
      const faulty = results.some((r) => isProblem(r.code));
      const report: IndImportReport = {
        dryRun: options.dryRun,
        stored: apply && !faulty,
        rows: rows.length + problems.length,
        counts,
        results,
      };
      // A row that failed while applying undoes the rows applied before it.
      if (apply && faulty) throw new ImportRefused(report);
      await audit(tx, report);
      return report;
    });
  } catch (e) {
    if (!(e instanceof ImportRefused)) throw e;
    await audit(db, e.report);
    return e.report;
  }
}

function isProblem(code: IndRowCode) {
  return code !== "granted" && code !== "refused" && code !== "unchanged";
}

/** Rolls the import's transaction back while keeping its report. */
class ImportRefused extends Error {
  constructor(readonly report: IndImportReport) {
    super("import refused: a row could not be applied");
  }
}

async function applyDecision(
  tx: Tx,
  actor: AccessContext,
  personId: number,
  r: IndRow,
): Promise<IndRowCode> {
  await repo.lockPerson(tx, personId);
  const [current] = await repo.personTransitions(tx, { ids: [personId] });
  const statuses = await repo.statusesOf(tx, { ids: [personId] });
  const indPermits = statuses.filter((s) => s.kind === "transitiedocument" && s.source === "ind");
  // The permit as the decision says: none for a refusal, exactly its dates for a grant.
  const sameStatus =
    r.decision === "refused"
      ? indPermits.length === 0
      : indPermits.length === 1 &&
        indPermits[0]!.valid_from === r.validFrom &&
        indPermits[0]!.valid_to === r.validUntil;
  if (
    current!.ind_decision === r.decision &&
    current!.ind_decision_on === r.decisionDate &&
    (current!.ind_reference ?? null) === r.reference &&
    sameStatus
  ) {
    return "unchanged";
  }
  const version = await repo.savePersonTransition(
    tx,
    personId,
    current!.version,
    {
      publicOrder: current!.public_order,
      publicOrderOn: current!.public_order_on,
      asylumWithdrawn: current!.asylum_withdrawn,
      asylumWithdrawnOn: current!.asylum_withdrawn_on,
      indDecision: r.decision,
      indDecisionOn: r.decisionDate,
      indReference: r.reference,
      educationLevel: current!.education_level,
    },
    actor.id,
  );
  if (version === undefined) throw new Error("person_transition changed under a lock");
  if (!sameStatus) {
    // An earlier decision's permit is replaced by this decision's (none after a refusal).
    for (const s of indPermits) await repo.deleteStatus(tx, s.id);
  }
  if (r.decision === "granted" && !sameStatus) {
    const others = statuses.filter((s) => !(s.kind === "transitiedocument" && s.source === "ind"));
    for (const s of others) {
      const overlaps =
        s.valid_from <= r.validUntil! && (s.valid_to === null || s.valid_to >= r.validFrom!);
      if (!overlaps) continue;
      if (s.valid_to === null && s.valid_from < r.validFrom!) {
        // Open protection (or another open status) ends the day before the permit.
        await repo.endStatus(
          tx,
          s.id,
          dayBefore(r.validFrom!),
          dayBefore(r.validFrom!) === rtbBounds(getLawbook()).to ? "rtb_end" : "other_status",
        );
        continue;
      }
      throw new ValidationError({
        path: "valid_from",
        code: "status_overlap",
        message: `the permit overlaps the person's ${s.kind} status from ${s.valid_from}`,
      });
    }
    await repo.insertStatus(tx, {
      personId,
      kind: "transitiedocument",
      from: r.validFrom!,
      to: r.validUntil,
      endReason: null,
      source: "ind",
      recordedBy: actor.id,
    });
  }
  return r.decision;
}
