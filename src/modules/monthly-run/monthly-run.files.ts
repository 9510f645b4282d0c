/**
 * The files of an approved run: the SEPA credit transfer file for the bank, the list of
 * amounts to collect for the municipality's collection system, the list of households
 * paid by card or cash, and the decision letters. Each is made from the closed run only
 * (nothing in it changes), so a file made twice is the same file; each making is an
 * audited export of the households' data.
 */
import { PDFDocument } from "pdf-lib";
import type { Db, Queryable } from "../../db/connection";
import { type AccessContext, gemeenteOf } from "../../domain/access";
import { csvText } from "../../domain/csv";
import { utcSecondsOf } from "../../domain/dates";
import { ConflictError, NotFoundError, UnprocessableError } from "../../domain/errors";
import { maskIban } from "../../domain/iban";
import { toDecimalText } from "../../domain/money";
import { firstDay, lastDay, parseMonth } from "../../domain/month";
import { type AuditReasonCode, codedReason } from "../../domain/reasons";
import { explainStored } from "../../rules/calculation-api";
import type { Lawbook } from "../../rules/lawbook";
import type { TraceStep } from "../../rules/trace";
import { recordAuditForPersons } from "../audit";
import { lawbookOf } from "../decisions";
import { type LetterData, renderLetters, type SecondLanguage } from "./letters";
import * as repo from "./monthly-run.repository";
import { executionDateOf } from "./monthly-run.service";
import { buildPain001 } from "./sepa";

async function approvedRun(db: Queryable, actor: AccessContext, id: number) {
  const row = await repo.findRun(db, id, gemeenteOf(actor));
  if (!row) throw new NotFoundError(`monthly run ${id}`);
  if (row.status !== "approved") {
    throw new ConflictError(
      `the run of ${row.month} is not approved: its files are made after approval`,
      undefined,
      [],
      {
        code: "run_not_approved",
        issues: [{ path: "status", code: "run_not_approved", message: `the run is ${row.status}` }],
      },
    );
  }
  return row;
}

async function settingsOf(db: Queryable, gemeente: string) {
  const s = await repo.findSettings(db, gemeente);
  if (!s) {
    throw new UnprocessableError({
      path: "gemeente",
      code: "settings_missing",
      message: "the municipality's settings are not recorded",
    });
  }
  return s;
}

async function auditExport(
  db: Queryable,
  actor: AccessContext,
  run: repo.RunRow,
  reason: AuditReasonCode,
  householdIds: readonly number[],
  fields: string[],
) {
  await recordAuditForPersons(
    db,
    actor,
    {
      action: "export",
      entityType: "monthly_run",
      entityId: run.id,
      gemeenteCode: run.gemeente_code,
      fields,
      reason: codedReason(reason, { month: run.month }),
    },
    await repo.personsOfHouseholds(db, householdIds),
  );
}

const compactMonth = (month: string) => month.replace("-", "");

/** pain.001.001.09: one transfer per household paid by SEPA with something to pay. */
export async function sepaFile(db: Db, actor: AccessContext, id: number) {
  return db.transaction(async (tx) => {
    const run = await approvedRun(tx, actor, id);
    const settings = await settingsOf(tx, run.gemeente_code);
    const payments = (await repo.paymentsForFiles(tx, id)).filter(
      (p) => p.method === "sepa" && p.transfer_cents > 0,
    );
    if (payments.length === 0) {
      throw new UnprocessableError({
        path: "run",
        code: "nothing_to_transfer",
        message: "no household of this run is paid by transfer",
      });
    }
    const [year, month] = run.month.split("-");
    const xml = buildPain001({
      messageId: `OPV-${run.gemeente_code}-${compactMonth(run.month)}-R${run.id}`,
      createdAt: utcSecondsOf(run.approved_at!),
      executionDate: executionDateOf(run.approved_at!),
      paymentInfoId: `OPV-R${run.id}-LEEFGELD`,
      initiatingPartyName: settings.account_name,
      debtor: { name: settings.account_name, iban: settings.iban, bic: settings.bic },
      transfers: payments.map((p) => ({
        endToEndId: p.end_to_end_id,
        amountCents: p.transfer_cents,
        creditorName: p.payee_name ?? p.label,
        creditorIban: p.iban!,
        remittance: `Leefgeld ${month}/${year} huishouden ${p.household_id} kenmerk ${p.end_to_end_id}`,
      })),
    });
    await auditExport(
      tx,
      actor,
      run,
      "monthly_run_sepa",
      payments.map((p) => p.household_id),
      ["name", "bankAccount", "leefgeld"],
    );
    return {
      xml,
      count: payments.length,
      filename: `leefgeld-${run.gemeente_code}-${run.month}-R${run.id}.xml`,
    };
  });
}

/** What the collection system collects: eigen bijdrage and recoveries not offset. */
export async function collectionsCsv(db: Db, actor: AccessContext, id: number) {
  return db.transaction(async (tx) => {
    const run = await approvedRun(tx, actor, id);
    const rows = (await repo.paymentsForFiles(tx, id)).filter((p) => p.collect_cents !== 0);
    const items = await repo.itemsOf(
      tx,
      id,
      rows.map((r) => r.household_id),
    );
    const contributionCorrection = new Map<number, number>();
    for (const i of items) {
      if (i.kind !== "correction") continue;
      const d = i.eigen_bijdrage_cents - (i.previous_eigen_bijdrage_cents ?? 0);
      contributionCorrection.set(
        i.household_id,
        (contributionCorrection.get(i.household_id) ?? 0) + d,
      );
    }
    const csv = csvText(
      [
        "reference",
        "household_id",
        "household",
        "month",
        "eigen_bijdrage",
        "eigen_bijdrage_corrections",
        "recovery_not_offset",
        "total",
      ],
      rows.map((p) => [
        p.end_to_end_id,
        p.household_id,
        p.label,
        run.month,
        toDecimalText(p.eigen_bijdrage_cents),
        toDecimalText(contributionCorrection.get(p.household_id) ?? 0),
        toDecimalText(p.recovery_cents - p.offset_cents),
        toDecimalText(p.collect_cents),
      ]),
    );
    await auditExport(
      tx,
      actor,
      run,
      "monthly_run_collections",
      rows.map((r) => r.household_id),
      ["eigenBijdrage"],
    );
    return {
      csv,
      count: rows.length,
      filename: `inning-${run.gemeente_code}-${run.month}-R${run.id}.csv`,
    };
  });
}

/** Households without an account: paid by card or cash at the desk. */
export async function cardOrCashCsv(db: Db, actor: AccessContext, id: number) {
  return db.transaction(async (tx) => {
    const run = await approvedRun(tx, actor, id);
    const rows = (await repo.paymentsForFiles(tx, id)).filter(
      (p) => p.method === "card_or_cash" && p.transfer_cents > 0,
    );
    const csv = csvText(
      ["reference", "household_id", "household", "persons", "month", "amount"],
      rows.map((p) => [
        p.end_to_end_id,
        p.household_id,
        p.label,
        p.persons,
        run.month,
        toDecimalText(p.transfer_cents),
      ]),
    );
    await auditExport(
      tx,
      actor,
      run,
      "monthly_run_card_or_cash",
      rows.map((r) => r.household_id),
      ["leefgeld"],
    );
    return {
      csv,
      count: rows.length,
      filename: `kaart-contant-${run.gemeente_code}-${run.month}-R${run.id}.csv`,
    };
  });
}

/** The run's review list as CSV (any status with a list): what the review page shows. */
export async function reviewCsv(
  db: Db,
  actor: AccessContext,
  id: number,
  filter: repo.PaymentFilter,
) {
  return db.transaction(async (tx) => {
    const row = await repo.findRun(tx, id, gemeenteOf(actor));
    if (!row) throw new NotFoundError(`monthly run ${id}`);
    const rows = await repo.listPayments(tx, id, filter, 1_000_000, 0);
    const csv = csvText(
      [
        "household_id",
        "household",
        "method",
        "persons",
        "leefgeld",
        "leefgeld_last_month",
        "eigen_bijdrage",
        "eigen_bijdrage_last_month",
        "change_reasons",
        "corrections",
        "back_pay",
        "recovery",
        "offset",
        "transfer",
        "collect",
        "anomalies",
        "problem",
        "reference",
      ],
      rows.map((p) => [
        p.household_id,
        p.label,
        p.method,
        p.persons,
        toDecimalText(p.leefgeld_cents),
        p.previous_leefgeld_cents === null ? "" : toDecimalText(p.previous_leefgeld_cents),
        toDecimalText(p.eigen_bijdrage_cents),
        p.previous_eigen_bijdrage_cents === null
          ? ""
          : toDecimalText(p.previous_eigen_bijdrage_cents),
        (p.change_reasons ?? []).join(" "),
        p.corrections,
        toDecimalText(p.back_pay_cents),
        toDecimalText(p.recovery_cents),
        toDecimalText(p.offset_cents),
        toDecimalText(p.transfer_cents),
        toDecimalText(p.collect_cents),
        p.anomalies.join(" "),
        p.problem ?? "",
        p.end_to_end_id,
      ]),
    );
    await auditExport(
      tx,
      actor,
      row,
      "monthly_run_review",
      rows.map((r) => r.household_id),
      ["leefgeld", "eigenBijdrage"],
    );
    return {
      csv,
      count: rows.length,
      filename: `maandrun-${row.gemeente_code}-${row.month}-R${row.id}.csv`,
    };
  });
}

const secondLanguageOf = (lang: string | null): SecondLanguage =>
  lang === "uk" ? "uk" : lang === "en" ? "en" : null;

/** The letters' data for the run's households (all, or the one asked). */
async function lettersData(
  tx: Queryable,
  run: repo.RunRow,
  settings: repo.SettingsRow,
  householdIds: readonly number[],
): Promise<LetterData[]> {
  const m = parseMonth(run.month);
  const first = firstDay(m).toString();
  const last = lastDay(m).toString();
  const households = await repo.letterHouseholds(tx, householdIds, first, last);
  const payments = await repo.paymentsForFiles(tx, run.id, householdIds);
  const items = await repo.itemsOf(tx, run.id, householdIds);
  const paymentOf = new Map(payments.map((p) => [p.household_id, p]));
  const itemsOf = new Map<number, repo.ItemRow[]>();
  for (const i of items) {
    const list = itemsOf.get(i.household_id);
    if (list) list.push(i);
    else itemsOf.set(i.household_id, [i]);
  }
  // Letters go out with the payment: dated the day the bank is asked to pay.
  const sentOn = executionDateOf(run.approved_at!);
  // One lawbook per law hash for all the letters (an older law is rebuilt from its files).
  const lawbooks = new Map<string, Promise<Lawbook>>();
  const lawbookFor = (hash: string) => {
    let book = lawbooks.get(hash);
    if (!book) {
      book = lawbookOf(tx, hash);
      lawbooks.set(hash, book);
    }
    return book;
  };
  const out: LetterData[] = [];
  for (const h of households) {
    const p = paymentOf.get(h.household_id);
    if (!p) continue;
    const own = itemsOf.get(h.household_id) ?? [];
    const monthItem = own.find((i) => i.kind === "month");
    const second = secondLanguageOf(h.language);
    const explain = async (lang: "nl" | "uk" | "en") => {
      if (!monthItem) return "";
      const lawbook = await lawbookFor(monthItem.law_hash);
      return explainStored(monthItem.trace as TraceStep[], monthItem.inputs, lang, lawbook);
    };
    out.push({
      secondLanguage: second,
      gemeente: {
        name: settings.gemeente_name,
        senderBlock: settings.sender_block,
        signatureName: settings.signature_name,
        signatureTitle: settings.signature_title,
        objectionAddress: settings.objection_address,
      },
      recipient: {
        name: h.recipient_name ?? h.label,
        addressLines: [
          [h.street, h.house_number].filter(Boolean).join(" "),
          [h.postcode, h.city].filter(Boolean).join("  "),
        ].filter((l) => l.length > 0),
      },
      reference: `MR-${run.month}-${run.gemeente_code}-H${h.household_id}`,
      month: run.month,
      sentOn,
      members: h.members.map((x) => ({ name: x.name, birthDate: x.birthDate })),
      amounts: {
        leefgeldCents: p.leefgeld_cents,
        eigenBijdrageCents: p.eigen_bijdrage_cents,
        corrections: own
          .filter((i) => i.kind === "correction")
          .map((i) => ({
            month: i.month,
            // Both signed in the household's favour: more leefgeld, or less eigen bijdrage.
            leefgeldCents: i.leefgeld_cents - (i.previous_leefgeld_cents ?? 0),
            eigenBijdrageCents: (i.previous_eigen_bijdrage_cents ?? 0) - i.eigen_bijdrage_cents,
          })),
        offsetCents: p.offset_cents,
        transferCents: p.transfer_cents,
        toCollectCents: p.collect_cents,
        paymentMethod: p.method,
        ibanMasked: p.iban ? maskIban(p.iban) : null,
      },
      explanation: { nl: await explain("nl"), second: second ? await explain(second) : null },
      legalBasis: legalBasisOf(monthItem?.trace as TraceStep[] | undefined),
    });
  }
  return out;
}

/** The articles the decision applied, in the order the trace applied them, each once. */
function legalBasisOf(trace: readonly TraceStep[] | undefined): string[] {
  const seen = new Set<string>();
  for (const step of trace ?? []) if (step.article) seen.add(step.article);
  if (seen.size === 0) seen.add("Regeling opvang ontheemden Oekraïne (RooO)");
  seen.add("Algemene wet bestuursrecht, art. 6:7 en 6:8 (bezwaar)");
  return [...seen];
}

/** Letters per pdfmake document: a document's layout is held in memory until it is written. */
const LETTERS_PER_PART = 100;

/**
 * The letters of an approved run as one PDF (all households, or one). A large run is
 * rendered a hundred letters at a time and the parts' pages are copied into one document,
 * so memory holds the finished pages, not the layout of thousands of letters.
 */
export async function lettersPdf(db: Db, actor: AccessContext, id: number, householdId?: number) {
  return db.transaction(async (tx) => {
    const run = await approvedRun(tx, actor, id);
    const settings = await settingsOf(tx, run.gemeente_code);
    const households =
      householdId === undefined ? await repo.paymentHouseholds(tx, id) : [householdId];
    let pdf: Buffer;
    let count = 0;
    if (households.length <= LETTERS_PER_PART) {
      const data = await lettersData(tx, run, settings, households);
      if (data.length === 0) throw new NotFoundError(`household ${householdId} in run ${id}`);
      pdf = await renderLetters(data);
      count = data.length;
    } else {
      const merged = await PDFDocument.create();
      for (let i = 0; i < households.length; i += LETTERS_PER_PART) {
        const data = await lettersData(
          tx,
          run,
          settings,
          households.slice(i, i + LETTERS_PER_PART),
        );
        const part = await PDFDocument.load(await renderLetters(data));
        for (const page of await merged.copyPages(part, part.getPageIndices()))
          merged.addPage(page);
        count += data.length;
      }
      merged.setTitle(`Beschikkingen leefgeld ${run.month} ${settings.gemeente_name}`);
      pdf = Buffer.from(await merged.save());
    }
    await auditExport(tx, actor, run, "monthly_run_letters", households, [
      "name",
      "birthDate",
      "address",
      "leefgeld",
      "eigenBijdrage",
    ]);
    return {
      pdf,
      count,
      filename:
        householdId === undefined
          ? `beschikkingen-${run.gemeente_code}-${run.month}-R${run.id}.pdf`
          : `beschikking-${run.gemeente_code}-${run.month}-H${householdId}.pdf`,
    };
  });
}
