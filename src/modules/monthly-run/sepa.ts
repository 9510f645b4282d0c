/**
 * SEPA credit transfer file: ISO 20022 pain.001.001.09 as the European Payments Council's
 * 2023 SCT rulebook restricts it (EPC132-08 2023 V1.0, customer-to-PSP). Pure: takes a
 * batch, returns the XML text; the caller stores or offers the file.
 *
 * What the EPC schema fixes and this writer follows: one payment information block with
 * PmtMtd TRF, service level SEPA, charge bearer SLEV, amounts in EUR from 0.01 to
 * 999999999.99 with at most two decimals, names at most 70 characters, unstructured
 * remittance at most 140, identifiers at most 35. The schema does not restrict characters;
 * the rulebook does (the Latin set below), so text is converted and identifiers are
 * checked here. The creditor agent is left out: the rulebook says not to use it without a
 * BIC, and the IBAN alone routes a SEPA payment.
 */
import { Temporal } from "temporal-polyfill";
import { checkIban, isValidBic, normalizeBic } from "../../domain/iban";
import { toDecimalText } from "../../domain/money";
import { transliterate } from "../../domain/transliteration";

export interface SepaDebtor {
  /** The account holder's name (the municipality); at most 70 after conversion. */
  name: string;
  /** The municipality's own account; must be in a SEPA country. */
  iban: string;
  /** The debtor bank's BIC; null writes Othr/Id NOTPROVIDED, as the EPC schema allows. */
  bic: string | null;
}

export interface SepaTransfer {
  /** Max 35 characters of the identifier set; traces back to the decision. Unique per file. */
  endToEndId: string;
  /** Integer cents, 1 to 99999999999 (the schema's 999999999.99). */
  amountCents: number;
  /** Any script; converted to the SEPA Latin set and cut to 70. */
  creditorName: string;
  /** Must be in a SEPA country. */
  creditorIban: string;
  /** Unstructured remittance, converted and cut to 140; left out when empty. */
  remittance: string;
}

export interface SepaBatch {
  /** Max 35, unique per file (banks refuse a repeated message id). */
  messageId: string;
  /** UTC instant, e.g. "2027-01-25T10:00:00Z" → GrpHdr/CreDtTm. */
  createdAt: string;
  /** YYYY-MM-DD → PmtInf/ReqdExctnDt/Dt. */
  executionDate: string;
  /** Max 35. */
  paymentInfoId: string;
  /** The municipality's own account. */
  debtor: SepaDebtor;
  /** Who sends the file (usually the municipality); at most 70 after conversion. */
  initiatingPartyName: string;
  transfers: SepaTransfer[];
}

const NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
/** The schema restricts every Nm to 70 characters (Max140Text_EPC…: maxLength 70). */
const NAME_MAX = 70;
const REMITTANCE_MAX = 140;
const ID_MAX = 35;
/** 999999999.99 EUR, the schema's maxInclusive for one amount. */
const AMOUNT_MAX_CENTS = 99_999_999_999;
/** More problems than this are summarised, so one bad import does not flood the log. */
const MAX_LISTED_PROBLEMS = 20;

/** The EPC Latin character set: a-z A-Z 0-9 / - ? : ( ) . , ' + and space. */
const NOT_SEPA_CHAR = /[^A-Za-z0-9/\-?:().,'+ ]/g;
const SEPA_ID = /^[A-Za-z0-9/\-?:().,'+ ]+$/;

/**
 * Latin letters that Unicode does not decompose into a base letter and a mark, and
 * punctuation with an obvious counterpart in the set. `&` becomes `+`, as Dutch banks do.
 */
const SPECIAL: Record<string, string> = {
  ß: "ss",
  ẞ: "SS",
  æ: "ae",
  Æ: "AE",
  œ: "oe",
  Œ: "OE",
  ø: "o",
  Ø: "O",
  ł: "l",
  Ł: "L",
  đ: "d",
  Đ: "D",
  ð: "d",
  Ð: "D",
  þ: "th",
  Þ: "Th",
  ı: "i",
  ħ: "h",
  Ħ: "H",
  ŀ: "l",
  Ŀ: "L",
  "&": "+",
  "’": "'",
  "‘": "'",
  ʼ: "'",
  "`": "'",
  "´": "'",
  "–": "-",
  "—": "-",
  "‐": "-",
  _: "-",
};
const SPECIAL_CHARS = new RegExp(`[${Object.keys(SPECIAL).join("")}]`, "g");

/**
 * Text in the SEPA Latin character set, readable for the bank's customer: Ukrainian and
 * Russian Cyrillic by the Ukrainian 2010 standard (Шевченко → Shevchenko), diacritics
 * dropped (é → e, ö → o), ß → ss and similar, other characters become spaces; spaces
 * collapsed and trimmed; cut to `max` characters.
 */
export function sepaText(s: string, max: number): string {
  // NFC first: the transliteration table holds й and ї precomposed.
  const latin = transliterate(s.normalize("NFC")).replace(SPECIAL_CHARS, (c) => SPECIAL[c] ?? c);
  const stripped = latin.normalize("NFD").replace(/\p{M}/gu, "");
  // A second pass catches Cyrillic letters that are a base letter plus a mark (ў, ѓ, ќ).
  const clean = transliterate(stripped).replace(NOT_SEPA_CHAR, " ").replace(/ {2,}/g, " ").trim();
  return clean.slice(0, Math.max(0, max)).trimEnd();
}

/**
 * The sum of the amounts as a decimal text with two decimals ("123.45"), added in integer
 * cents (BigInt, so even a sum beyond 2^53 cents stays exact). Throws on an amount that
 * is not integer cents.
 */
export function sepaControlSum(transfers: readonly Pick<SepaTransfer, "amountCents">[]): string {
  let sum = 0n;
  transfers.forEach((t, i) => {
    if (!Number.isSafeInteger(t.amountCents)) {
      throw new Error(`transfers[${i}].amountCents: must be integer cents`);
    }
    sum += BigInt(t.amountCents);
  });
  const sign = sum < 0n ? "-" : "";
  const abs = sum < 0n ? -sum : sum;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

/**
 * Why `id` cannot be a message, payment information or end-to-end id, or null when it
 * can: 1–35 characters of the SEPA set, no space at either end, and (EPC implementation
 * guidelines) no "/" at either end and no "//".
 */
export function sepaIdProblem(id: string): string | null {
  if (id.length === 0) return "must not be empty";
  if (id.length > ID_MAX) return `longer than ${ID_MAX} characters (${id.length})`;
  if (!SEPA_ID.test(id)) {
    const bad = [...new Set(id.match(NOT_SEPA_CHAR))].map((c) => JSON.stringify(c)).join(" ");
    return `characters outside the SEPA set: ${bad}`;
  }
  if (id !== id.trim()) return "must not start or end with a space";
  if (id.startsWith("/") || id.endsWith("/")) return `must not start or end with "/"`;
  if (id.includes("//")) return `must not contain "//"`;
  return null;
}

/** Builds the pain.001.001.09 file (UTF-8 text with XML declaration); throws on bad input. */
export function buildPain001(batch: SepaBatch): string {
  const problems: string[] = [];
  const problem = (path: string, message: string) => problems.push(`${path}: ${message}`);

  const checkId = (path: string, id: string) => {
    const p = sepaIdProblem(id);
    if (p) problem(path, p);
  };
  const name = (path: string, raw: string): string => {
    const n = sepaText(raw, NAME_MAX);
    if (n === "") problem(path, "empty after conversion to the SEPA character set");
    return n;
  };
  const iban = (path: string, raw: string): string => {
    const check = checkIban(raw, { sepaOnly: true });
    if (!check.ok) {
      problem(path, check.message);
      return "";
    }
    return check.iban;
  };

  checkId("messageId", batch.messageId);
  checkId("paymentInfoId", batch.paymentInfoId);
  if (!isUtcInstant(batch.createdAt)) {
    problem(
      "createdAt",
      `expected a UTC timestamp like 2027-01-25T10:00:00Z, got ${JSON.stringify(batch.createdAt)}`,
    );
  }
  if (!isIsoDate(batch.executionDate)) {
    problem(
      "executionDate",
      `expected an existing date as YYYY-MM-DD, got ${JSON.stringify(batch.executionDate)}`,
    );
  }
  const initiatingPartyName = name("initiatingPartyName", batch.initiatingPartyName);
  const debtorName = name("debtor.name", batch.debtor.name);
  const debtorIban = iban("debtor.iban", batch.debtor.iban);
  const debtorBic = batch.debtor.bic === null ? null : normalizeBic(batch.debtor.bic);
  if (debtorBic !== null && !isValidBic(debtorBic)) problem("debtor.bic", "not a valid BIC");

  if (batch.transfers.length === 0) problem("transfers", "no transfers: a file needs at least one");
  const firstIndexOfId = new Map<string, number>();
  const transfers = batch.transfers.map((t, i) => {
    const at = `transfers[${i}]`;
    checkId(`${at}.endToEndId`, t.endToEndId);
    const earlier = firstIndexOfId.get(t.endToEndId);
    if (earlier !== undefined) {
      problem(
        `${at}.endToEndId`,
        `duplicate of transfers[${earlier}]: a file never pays one id twice`,
      );
    } else {
      firstIndexOfId.set(t.endToEndId, i);
    }
    if (!Number.isSafeInteger(t.amountCents) || t.amountCents <= 0) {
      problem(`${at}.amountCents`, `must be a positive integer, got ${t.amountCents}`);
    } else if (t.amountCents > AMOUNT_MAX_CENTS) {
      problem(`${at}.amountCents`, "above 999999999.99, the SEPA maximum");
    }
    return {
      endToEndId: t.endToEndId,
      amountCents: t.amountCents,
      creditorName: name(`${at}.creditorName`, t.creditorName),
      creditorIban: iban(`${at}.creditorIban`, t.creditorIban),
      remittance: sepaText(t.remittance, REMITTANCE_MAX),
    };
  });

  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).join("; ");
    const more = problems.length - MAX_LISTED_PROBLEMS;
    throw new Error(`SEPA file refused: ${listed}${more > 0 ? `; and ${more} more` : ""}`);
  }

  const count = String(transfers.length);
  const controlSum = sepaControlSum(transfers);
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<Document xmlns="${NAMESPACE}">`,
    "  <CstmrCdtTrfInitn>",
    "    <GrpHdr>",
    `      <MsgId>${xml(batch.messageId)}</MsgId>`,
    `      <CreDtTm>${xml(batch.createdAt)}</CreDtTm>`,
    `      <NbOfTxs>${count}</NbOfTxs>`,
    `      <CtrlSum>${controlSum}</CtrlSum>`,
    `      <InitgPty><Nm>${xml(initiatingPartyName)}</Nm></InitgPty>`,
    "    </GrpHdr>",
    "    <PmtInf>",
    `      <PmtInfId>${xml(batch.paymentInfoId)}</PmtInfId>`,
    "      <PmtMtd>TRF</PmtMtd>",
    // One booking on the municipality's statement for the whole run.
    "      <BtchBookg>true</BtchBookg>",
    `      <NbOfTxs>${count}</NbOfTxs>`,
    `      <CtrlSum>${controlSum}</CtrlSum>`,
    "      <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>",
    `      <ReqdExctnDt><Dt>${batch.executionDate}</Dt></ReqdExctnDt>`,
    `      <Dbtr><Nm>${xml(debtorName)}</Nm></Dbtr>`,
    `      <DbtrAcct><Id><IBAN>${debtorIban}</IBAN></Id></DbtrAcct>`,
    debtorBic === null
      ? "      <DbtrAgt><FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId></DbtrAgt>"
      : `      <DbtrAgt><FinInstnId><BICFI>${debtorBic}</BICFI></FinInstnId></DbtrAgt>`,
    "      <ChrgBr>SLEV</ChrgBr>",
  ];
  for (const t of transfers) {
    out.push(
      "      <CdtTrfTxInf>",
      `        <PmtId><EndToEndId>${xml(t.endToEndId)}</EndToEndId></PmtId>`,
      `        <Amt><InstdAmt Ccy="EUR">${toDecimalText(t.amountCents)}</InstdAmt></Amt>`,
      `        <Cdtr><Nm>${xml(t.creditorName)}</Nm></Cdtr>`,
      `        <CdtrAcct><Id><IBAN>${t.creditorIban}</IBAN></Id></CdtrAcct>`,
    );
    if (t.remittance !== "") {
      out.push(`        <RmtInf><Ustrd>${xml(t.remittance)}</Ustrd></RmtInf>`);
    }
    out.push("      </CdtTrfTxInf>");
  }
  out.push("    </PmtInf>", "  </CstmrCdtTrfInitn>", "</Document>", "");
  return out.join("\n");
}

const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/** Escapes text content; after sepaText only the apostrophe can occur, but ids are raw. */
function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

function isUtcInstant(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(value)) return false;
  try {
    Temporal.Instant.from(value);
    return true;
  } catch {
    return false;
  }
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  try {
    Temporal.PlainDate.from(value, { overflow: "reject" });
    return true;
  } catch {
    return false;
  }
}
