/**
 * The decision letter (beschikking) of the monthly payment run as PDF, with pdfmake 0.3 and
 * the DejaVu Sans font embedded (it covers Latin and Cyrillic, so names in Cyrillic and the
 * Ukrainian translation print as text, not as missing glyphs).
 *
 * A4, sender top-left, the recipient's address where a Dutch window envelope shows it
 * (22 mm from the left, 50 mm from the top), date and kenmerk beside it. The Dutch text is
 * the decision; when the household reads another language, the same text follows on a new
 * page, headed by a note that only the Dutch text is binding. The objection deadline is
 * computed from the day of sending (src/rules/awb.ts).
 *
 * `renderLetters` merges many letters for printing: each is a pdfmake section (it starts on
 * a new page) and numbers its own pages ("pagina 1 van 2").
 */
import { createRequire } from "node:module";
import type {
  Content,
  ContentTable,
  TDocumentDefinitions,
  TFontDictionary,
} from "pdfmake/interfaces";
import { splitBrpDate } from "../../domain/dates.js";
import { assertCents, formatMoney } from "../../domain/money.js";
import { isValidMonth, parseDate } from "../../domain/month.js";
import { objectionDeadline } from "../../rules/awb.js";
import { formatDate, formatMonth } from "../../rules/explain.js";
import { getLawbook } from "../../rules/lawbook.js";
import { LETTER_TEXTS, type LetterLang, type LetterTexts } from "./letter-texts.js";

/** Dutch always first; then the same text in the household's language (null: Dutch only). */
export type SecondLanguage = "uk" | "en" | null;

export interface LetterData {
  secondLanguage: SecondLanguage;
  gemeente: {
    /** The municipality's name ("Utrecht"); the letter prints "Gemeente Utrecht". */
    name: string;
    /** Multi-line: the municipality's postal address and contact lines. */
    senderBlock: string;
    signatureName: string;
    signatureTitle: string;
    /** Multi-line: where to send an objection. */
    objectionAddress: string;
  };
  recipient: { name: string; addressLines: string[] };
  /** e.g. "MR-2027-01-GM0344-H1234", printed as "Kenmerk". */
  reference: string;
  /** YYYY-MM: the month the letter decides. */
  month: string;
  /** YYYY-MM-DD: the date of the letter, the day it is sent. */
  sentOn: string;
  /** Birth dates as the BRP has them (YYYY-MM-DD, 00 for an unknown month or day). */
  members: { name: string; birthDate: string }[];
  amounts: {
    /** This month's leefgeld decided. */
    leefgeldCents: number;
    /** This month's eigen bijdrage charged. */
    eigenBijdrageCents: number;
    /** Differences for earlier months, signed (+ = owed to the household). */
    corrections: { month: string; leefgeldCents: number; eigenBijdrageCents: number }[];
    /** Recovered by offsetting against this month's leefgeld. */
    offsetCents: number;
    /** What is paid out. */
    transferCents: number;
    /** What the municipality still collects (eigen bijdrage + recoveries not offset). */
    toCollectCents: number;
    paymentMethod: "sepa" | "card_or_cash";
    ibanMasked: string | null;
  };
  /** The engine's explanation (multi-line plain text) in Dutch and in the second language. */
  explanation: { nl: string; second: string | null };
  /** Article citations, printed as given. */
  legalBasis: string[];
}

// ---------------------------------------------------------------------------------------
// pdfmake and the font

type PdfMake = typeof import("pdfmake");

const requireCjs = createRequire(import.meta.url);

/** DejaVu Sans from npm (dejavu-fonts-ttf), resolved through the package, not a fixed path. */
const FONT_FILES = {
  normal: requireCjs.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  bold: requireCjs.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
  italics: requireCjs.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf"),
  bolditalics: requireCjs.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf"),
} as const;
const FONT = "DejaVuSans";
const FONTS: TFontDictionary = { [FONT]: { ...FONT_FILES } };
const ALLOWED_FILES = new Set<string>(Object.values(FONT_FILES));

let pdfmake: PdfMake | undefined;

/**
 * pdfmake's Node API is one shared instance: fonts and access policies are set before each
 * document (createPdf reads them synchronously), so another user of pdfmake in this process
 * cannot change what a letter is rendered with. No URL is fetched; only the font files are read.
 */
function createPdf(doc: TDocumentDefinitions) {
  pdfmake ??= requireCjs("pdfmake") as PdfMake;
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => ALLOWED_FILES.has(path));
  pdfmake.setFonts(FONTS);
  return pdfmake.createPdf(doc);
}

// ---------------------------------------------------------------------------------------
// Formatting

const MM = 72 / 25.4;
const PAGE_MARGINS: [number, number, number, number] = [22 * MM, 15 * MM, 20 * MM, 20 * MM];
/** The address field of a window envelope (NEN 1026 style, window on the left). */
const ADDRESS = { x: 22 * MM, y: 50 * MM, width: 85 * MM };
const META = { x: 120 * MM, y: 50 * MM, width: 70 * MM };
/** Where the text of the first page begins, below the address field. */
const BODY_TOP = 97 * MM;
const GREY = "#555555";

interface Formatter {
  lang: LetterLang;
  t: LetterTexts;
  money: (cents: number) => string;
  date: (iso: string) => string;
  month: (ym: string) => string;
  birthDate: (brp: string) => string;
}

function formatter(lang: LetterLang): Formatter {
  const t = LETTER_TEXTS[lang];
  // A date never breaks over two lines ("16 лютого / 2027 р.").
  const date = (iso: string) => formatDate(lang, iso).replaceAll(" ", NBSP);
  const month = (ym: string) => formatMonth(lang, ym);
  return {
    lang,
    t,
    money: (cents) => formatMoney(cents, lang),
    date,
    month,
    birthDate: (brp) => {
      const { year, month: m, day } = splitBrpDate(brp);
      if (year === 0) return t.birthDateUnknown;
      if (m === 0) return String(year);
      const ym = `${String(year).padStart(4, "0")}-${String(m).padStart(2, "0")}`;
      return day === 0 ? month(ym) : date(brp);
    },
  };
}

const NBSP = "\u00a0";

/** The municipality's name without a leading "Gemeente" ("Gemeente Utrecht" → "Utrecht"). */
function gemeenteName(name: string): string {
  return name.replace(/^gemeente\s+/i, "").trim();
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l, i, all) => l !== "" || (i > 0 && all[i - 1] !== ""));
}

// ---------------------------------------------------------------------------------------
// Validation

function checkData(d: LetterData): void {
  const where = `letter ${d.reference}`;
  if (!isValidMonth(d.month)) throw new RangeError(`${where}: month must be YYYY-MM`);
  parseDate(d.sentOn);
  const a = d.amounts;
  for (const [name, v] of Object.entries({
    leefgeldCents: a.leefgeldCents,
    eigenBijdrageCents: a.eigenBijdrageCents,
    offsetCents: a.offsetCents,
    transferCents: a.transferCents,
    toCollectCents: a.toCollectCents,
  })) {
    assertCents(v, `${where}: amounts.${name}`);
  }
  a.corrections.forEach((c, i) => {
    if (!isValidMonth(c.month)) {
      throw new RangeError(`${where}: amounts.corrections.${i}.month must be YYYY-MM`);
    }
    assertCents(c.leefgeldCents, `${where}: amounts.corrections.${i}.leefgeldCents`);
    assertCents(c.eigenBijdrageCents, `${where}: amounts.corrections.${i}.eigenBijdrageCents`);
  });
  if ((d.secondLanguage === null) !== (d.explanation.second === null)) {
    throw new RangeError(`${where}: explanation.second must be given exactly with secondLanguage`);
  }
}

// ---------------------------------------------------------------------------------------
// The letter's parts

const heading = (text: string): Content => ({ text, style: "heading" });

function tableLayout(): ContentTable["layout"] {
  return {
    hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0 : 0.5),
    vLineWidth: () => 0,
    hLineColor: () => "#aaaaaa",
    paddingLeft: (i) => (i === 0 ? 0 : 6),
    paddingRight: (i, node) => (i === (node.table.widths?.length ?? 1) - 1 ? 0 : 6),
    paddingTop: () => 2.5,
    paddingBottom: () => 2.5,
  };
}

function membersTable(d: LetterData, f: Formatter): Content {
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: ["*", "auto"],
      body: [
        [
          { text: f.t.memberName, style: "th" },
          { text: f.t.memberBirthDate, style: "th" },
        ],
        ...d.members.map((m) => [m.name, f.birthDate(m.birthDate)]),
      ],
    },
    layout: tableLayout(),
    margin: [0, 0, 0, 6],
  };
}

function amountsTable(d: LetterData, f: Formatter): Content {
  const a = d.amounts;
  const month = f.month(d.month);
  const row = (label: string, cents: number, bold = false) => [
    { text: label, bold },
    { text: f.money(cents), alignment: "right" as const, bold, noWrap: true },
  ];
  const body = [row(f.t.leefgeld(month), a.leefgeldCents)];
  if (a.corrections.length > 0) {
    const balance = a.corrections.reduce((s, c) => s + c.leefgeldCents + c.eigenBijdrageCents, 0);
    body.push(row(f.t.correctionsBalance, balance));
  }
  if (a.offsetCents !== 0) body.push(row(f.t.offset, -a.offsetCents));
  body.push(row(f.t.transfer, a.transferCents, true));
  body.push(row(f.t.eigenBijdrage(month), a.eigenBijdrageCents));
  body.push(row(f.t.toCollect, a.toCollectCents, true));
  return {
    table: { dontBreakRows: true, widths: ["*", "auto"], body },
    layout: tableLayout(),
    margin: [0, 0, 0, 6],
  };
}

function correctionsPart(d: LetterData, f: Formatter): Content[] {
  const cs = d.amounts.corrections;
  if (cs.length === 0) return [];
  const money = (cents: number, bold = false) => ({
    text: f.money(cents),
    alignment: "right" as const,
    noWrap: true,
    bold,
  });
  const sorted = [...cs].sort((x, y) => (x.month < y.month ? -1 : x.month > y.month ? 1 : 0));
  return [
    heading(f.t.correctionsHeading),
    { text: f.t.correctionsNote, margin: [0, 0, 0, 3] },
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: ["*", "auto", "auto", "auto"],
        body: [
          [
            { text: f.t.correctionMonth, style: "th" },
            { text: f.t.correctionLeefgeld, style: "th", alignment: "right" },
            { text: f.t.correctionEigenBijdrage, style: "th", alignment: "right" },
            { text: f.t.correctionTotal, style: "th", alignment: "right" },
          ],
          ...sorted.map((c) => [
            f.month(c.month),
            money(c.leefgeldCents),
            money(c.eigenBijdrageCents),
            money(c.leefgeldCents + c.eigenBijdrageCents, true),
          ]),
        ],
      },
      layout: tableLayout(),
      margin: [0, 0, 0, 6],
    },
  ];
}

function paymentPart(d: LetterData, f: Formatter): Content[] {
  const a = d.amounts;
  const out: string[] = [];
  if (a.transferCents === 0) out.push(f.t.payNothing);
  else if (a.paymentMethod === "sepa")
    out.push(f.t.paySepa(f.money(a.transferCents), a.ibanMasked));
  else out.push(f.t.payCardOrCash(f.money(a.transferCents)));
  if (a.toCollectCents !== 0) out.push(f.t.collect(f.money(a.toCollectCents)));
  return [heading(f.t.paymentHeading), { text: out.join(" "), margin: [0, 0, 0, 4] }];
}

function explanationPart(text: string, f: Formatter): Content[] {
  if (text.trim() === "") return [];
  return [
    heading(f.t.explanationHeading),
    {
      stack: lines(text).map((l) =>
        l.startsWith("–") || l.startsWith("-")
          ? { text: l, margin: [10, 0, 0, 1.5] }
          : { text: l, margin: [0, 0, 0, 3] },
      ),
      style: "small",
    },
  ];
}

function legalBasisPart(d: LetterData, f: Formatter): Content[] {
  if (d.legalBasis.length === 0) return [];
  return [
    heading(f.t.legalBasisHeading),
    ...(f.t.legalBasisNote ? [{ text: f.t.legalBasisNote, style: "small", color: GREY }] : []),
    { ul: d.legalBasis.map((l) => ({ text: l })), style: "small", margin: [0, 1, 0, 2] },
  ];
}

function objectionPart(d: LetterData, f: Formatter, weeks: number, lastDay: string): Content {
  return {
    unbreakable: true,
    stack: [
      heading(f.t.objectionHeading),
      { text: f.t.objection(weeks, f.date(lastDay)), margin: [0, 0, 0, 3] },
      { text: f.t.objectionAddress },
      { stack: lines(d.gemeente.objectionAddress), margin: [12, 2, 0, 4], bold: true },
      { text: f.t.objectionContents, margin: [0, 0, 0, 4] },
    ],
  };
}

function signaturePart(d: LetterData, f: Formatter): Content {
  return {
    unbreakable: true,
    stack: [
      { text: f.t.closing, margin: [0, 8, 0, 0] },
      { text: f.t.onBehalfOf(gemeenteName(d.gemeente.name)) },
      { text: d.gemeente.signatureName, bold: true, margin: [0, 24, 0, 0] },
      { text: d.gemeente.signatureTitle },
    ],
  };
}

/** Everything from the subject to the signature, in one language. */
function body(d: LetterData, f: Formatter, weeks: number, lastDay: string): Content[] {
  const month = f.month(d.month);
  const explanation = f.lang === "nl" ? d.explanation.nl : (d.explanation.second ?? "");
  return [
    { text: f.t.subject(month), style: "subject" },
    { text: f.t.salutation(d.recipient.name), margin: [0, 0, 0, 4] },
    { text: f.t.intro(month), margin: [0, 0, 0, 4] },
    heading(f.t.membersHeading),
    membersTable(d, f),
    heading(f.t.amountsHeading),
    amountsTable(d, f),
    ...correctionsPart(d, f),
    ...paymentPart(d, f),
    ...explanationPart(explanation, f),
    ...legalBasisPart(d, f),
    objectionPart(d, f, weeks, lastDay),
    signaturePart(d, f),
  ];
}

/** Sender, address field, date and kenmerk: placed on the first page, outside the flow. */
function firstPageHead(d: LetterData, nl: Formatter): Content[] {
  const meta = (label: string, value: string): Content[] => [
    { text: label, style: "label" },
    { text: value, margin: [0, 0, 0, 5] },
  ];
  return [
    {
      absolutePosition: { x: PAGE_MARGINS[0], y: PAGE_MARGINS[1] },
      stack: [
        {
          text: nl.t.sender?.(gemeenteName(d.gemeente.name)) ?? d.gemeente.name,
          bold: true,
          fontSize: 13,
        },
        { stack: lines(d.gemeente.senderBlock), fontSize: 8.5, color: GREY, margin: [0, 2, 0, 0] },
      ],
    },
    {
      absolutePosition: { x: ADDRESS.x, y: ADDRESS.y },
      stack: [d.recipient.name, ...d.recipient.addressLines].map((text) => ({
        text,
        width: ADDRESS.width,
      })),
      fontSize: 10,
    },
    {
      absolutePosition: { x: META.x, y: META.y },
      stack: [
        ...meta(nl.t.dateLabel, nl.date(d.sentOn)),
        ...meta(nl.t.referenceLabel, d.reference),
      ],
    },
    // Moves the flow below the address field (absolute items take no room in it).
    { text: "", margin: [0, BODY_TOP - PAGE_MARGINS[1], 0, 0] },
  ];
}

/** The head of the translation: the note that binds only the Dutch text, date and kenmerk. */
function translationHead(d: LetterData, f: Formatter, nl: Formatter): Content[] {
  return [
    {
      table: {
        widths: ["*"],
        body: [
          [
            {
              stack: [
                { text: f.t.languageName, bold: true, fontSize: 11 },
                { text: f.t.translationNote, margin: [0, 2, 0, 0] },
                { text: nl.t.translationNote, color: GREY, style: "small", margin: [0, 2, 0, 0] },
              ],
              fillColor: "#f0f0f0",
              margin: [4, 4, 4, 4],
            },
          ],
        ],
      },
      layout: "noBorders",
      margin: [0, 0, 0, 10],
    },
    {
      columns: [
        { width: "auto", stack: [{ text: f.t.dateLabel, style: "label" }, f.date(d.sentOn)] },
        {
          width: "auto",
          stack: [{ text: f.t.referenceLabel, style: "label" }, d.reference],
          margin: [24, 0, 0, 0],
        },
      ],
      margin: [0, 0, 0, 10],
    },
  ];
}

function letterSection(d: LetterData): Content {
  checkData(d);
  const nl = formatter("nl");
  const second = d.secondLanguage ? formatter(d.secondLanguage) : null;
  const law = getLawbook();
  const { lastDay } = objectionDeadline(d.sentOn, law);
  const weeks = law.at("awb.objection.term-weeks", d.sentOn)?.version.value as number;

  // Which pages of the document belong to this letter: pdfmake calls a section's background
  // once for each page it adds to the section, before it draws the footers.
  const pages = new Set<number>();
  const content: Content[] = [...firstPageHead(d, nl), ...body(d, nl, weeks, lastDay)];
  if (second) {
    content.push({ text: "", pageBreak: "after" });
    content.push(...translationHead(d, second, nl), ...body(d, second, weeks, lastDay));
  }
  return {
    section: content,
    background: (currentPage: number) => {
      pages.add(currentPage);
      return null;
    },
    footer: (currentPage: number, pageCount: number) => {
      const own = [...pages].sort((a, b) => a - b);
      const index = own.indexOf(currentPage);
      const [n, total] = index >= 0 ? [index + 1, own.length] : [currentPage, pageCount];
      const numbering = [nl.t.page(n, total), ...(second ? [second.t.page(n, total)] : [])];
      return {
        columns: [
          { text: `${nl.t.referenceLabel} ${d.reference}`, width: "*" },
          { text: numbering.join(" · "), width: "auto", alignment: "right" },
        ],
        fontSize: 7.5,
        color: GREY,
        margin: [PAGE_MARGINS[0], 8 * MM, PAGE_MARGINS[2], 0],
      };
    },
  };
}

function documentOf(letters: readonly LetterData[]): TDocumentDefinitions {
  if (letters.length === 0) throw new RangeError("no letters to render");
  const first = letters[0]!;
  const nl = formatter("nl");
  const title =
    letters.length === 1
      ? `${nl.t.subject(nl.month(first.month))} (${first.reference})`
      : `${letters.length} × ${nl.t.subject(nl.month(first.month))}`;
  return {
    pageSize: "A4",
    pageMargins: PAGE_MARGINS,
    language: "nl-NL",
    info: {
      title,
      author: nl.t.sender?.(gemeenteName(first.gemeente.name)) ?? first.gemeente.name,
      subject: title,
      creator: "Opvang",
    },
    defaultStyle: { font: FONT, fontSize: 9.5, lineHeight: 1.15 },
    styles: {
      subject: { fontSize: 12, bold: true, margin: [0, 0, 0, 10] },
      heading: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 3] },
      th: { bold: true, fontSize: 8.5, color: GREY },
      label: { fontSize: 7.5, color: GREY },
      small: { fontSize: 8.5 },
    },
    content: letters.map(letterSection),
  };
}

/** One letter as a PDF. */
export async function renderLetter(data: LetterData): Promise<Buffer> {
  return renderLetters([data]);
}

/**
 * Many letters as one PDF for printing: each starts on a new page and numbers its own pages.
 */
export async function renderLetters(letters: LetterData[]): Promise<Buffer> {
  return createPdf(documentOf(letters)).getBuffer();
}
