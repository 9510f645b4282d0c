import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type LetterData, renderLetter, renderLetters } from "./letters.js";

const letter = (overrides: Partial<LetterData> = {}): LetterData => ({
  secondLanguage: "uk",
  gemeente: {
    name: "Utrecht",
    senderBlock: "Postbus 16200\n3500 CE Utrecht\nTelefoon 14 030",
    signatureName: "J. de Vries",
    signatureTitle: "teamleider Opvang Oekraïne",
    objectionAddress: "College van burgemeester en wethouders\nPostbus 16200\n3500 CE Utrecht",
  },
  recipient: { name: "Олена Шевченко", addressLines: ["Biltstraat 200", "3572 BS  Utrecht"] },
  reference: "MR-2027-01-GM0344-H1234",
  month: "2027-01",
  sentOn: "2027-01-05",
  members: [
    { name: "Олена Шевченко", birthDate: "1985-03-12" },
    { name: "Ірина Шевченко", birthDate: "2012-05-00" },
  ],
  amounts: {
    leefgeldCents: 24500,
    eigenBijdrageCents: 0,
    corrections: [{ month: "2026-12", leefgeldCents: -3000, eigenBijdrageCents: 500 }],
    offsetCents: 2500,
    transferCents: 22000,
    toCollectCents: 0,
    paymentMethod: "sepa",
    ibanMasked: "NL** **** **** **12 34",
  },
  explanation: {
    nl: "Uw huishouden telt 2 personen.\nHet volledige leefgeld is € 245,00.",
    second: "Склад домогосподарства: 2 особи.\nПовна сума — 245,00 €.",
  },
  legalBasis: ["Regeling opvang ontheemden Oekraïne (RooO), art. 2"],
  ...overrides,
});

// Debian's poppler-utils (pdftotext, pdfinfo): .ci/run installs it; a missing tool fails.
const work = mkdtempSync(join(tmpdir(), "letters-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let fileNo = 0;
function pdfFile(pdf: Buffer): string {
  const file = join(work, `letter-${++fileNo}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** The PDF's text as pdftotext reads it (a glyph the font lacks yields no text), on one line. */
function textOf(pdf: Buffer): string {
  const r = spawnSync("pdftotext", ["-enc", "UTF-8", pdfFile(pdf), "-"], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.replace(/\u00a0/g, " ").replace(/\s+/g, " ");
}

function pagesOf(pdf: Buffer): number {
  const r = spawnSync("pdfinfo", [pdfFile(pdf)], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return Number(/^Pages:\s+(\d+)/m.exec(r.stdout)?.[1]);
}

describe("renderLetter", () => {
  it("makes a PDF", async () => {
    const pdf = await renderLetter(letter());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.subarray(-16).toString("latin1")).toContain("%%EOF");
  });

  describe("its text (pdftotext)", () => {
    it("prints the Dutch decision and the Ukrainian translation, Cyrillic included", async () => {
      const text = textOf(await renderLetter(letter()));
      // Dutch: the decision
      expect(text).toContain("Gemeente Utrecht");
      expect(text).toContain("Beschikking leefgeld en eigen bijdrage januari 2027");
      expect(text).toContain("Kenmerk MR-2027-01-GM0344-H1234");
      expect(text).toContain("5 januari 2027");
      expect(text).toContain("€ 245,00");
      expect(text).toContain("€ -25,00"); // offset
      expect(text).toContain("€ 220,00");
      expect(text).toContain("NL** **** **** **12 34");
      expect(text).toContain("uiterlijk op 16 februari 2027");
      expect(text).toContain("College van burgemeester en wethouders");
      expect(text).toContain("Het volledige leefgeld is € 245,00.");
      expect(text).toContain("Regeling opvang ontheemden Oekraïne (RooO), art. 2");
      expect(text).toContain("pagina 1 van");
      // Cyrillic: the household's names and the translation
      expect(text).toContain("Олена Шевченко");
      expect(text).toContain("Ірина Шевченко");
      expect(text).toContain("Рішення (beschikking)");
      expect(text).toContain("Юридичну силу має лише текст");
      expect(text).toContain("за січень 2027 р.");
      expect(text).toContain("245,00 €");
      expect(text).toContain("не пізніше 16 лютого 2027 р.");
      expect(text).not.toContain("р..");
      expect(text).toContain("Повна сума — 245,00 €.");
      expect(text).toContain("травень 2012 р."); // a birth date without its day
      expect(text).toContain("сторінка 1 з");
    });

    it("prints the corrections per month, signed", async () => {
      const text = textOf(
        await renderLetter(letter({ secondLanguage: null, explanation: { nl: "", second: null } })),
      );
      expect(text).toContain("Correcties over eerdere maanden");
      expect(text).toMatch(/december 2026 € -30,00 € 5,00 € -25,00/);
    });

    it("prints English after Dutch, and only Dutch without a second language", async () => {
      const en = textOf(
        await renderLetter(
          letter({ secondLanguage: "en", explanation: { nl: "Uitleg.", second: "Explanation." } }),
        ),
      );
      expect(en).toContain(
        "Decision (beschikking) on leefgeld and eigen bijdrage for January 2027",
      );
      expect(en).toContain("no later than 16 February 2027");
      expect(en).toContain("€245.00");
      const nl = textOf(
        await renderLetter(
          letter({ secondLanguage: null, explanation: { nl: "Uitleg.", second: null } }),
        ),
      );
      expect(nl).toContain("Bezwaar maken");
      expect(nl).not.toContain("Рішення");
      expect(nl).not.toContain("Vertaling ter informatie");
    });

    it("prints the deadline extended past a holiday (Koningsdag 2027)", async () => {
      const text = textOf(
        await renderLetter(
          letter({
            secondLanguage: null,
            sentOn: "2027-03-16",
            explanation: { nl: "", second: null },
          }),
        ),
      );
      expect(text).toContain("uiterlijk op 28 april 2027");
    });

    it("says how the money is paid: card or cash, nothing, or collected", async () => {
      const card = letter({ secondLanguage: null, explanation: { nl: "", second: null } });
      card.amounts = { ...card.amounts, paymentMethod: "card_or_cash", ibanMasked: null };
      expect(textOf(await renderLetter(card))).toContain(
        "U ontvangt € 220,00 op uw betaalkaart of contant.",
      );
      const owes = letter({ secondLanguage: null, explanation: { nl: "", second: null } });
      owes.amounts = { ...owes.amounts, transferCents: 0, toCollectCents: 10500 };
      const text = textOf(await renderLetter(owes));
      expect(text).toContain("Deze maand betalen wij u niets uit.");
      expect(text).toContain("U moet € 105,00 aan de gemeente betalen.");
    });
  });

  it("refuses amounts that are not integer cents and a translation without a language", async () => {
    const bad = letter();
    bad.amounts = { ...bad.amounts, leefgeldCents: 245.5 };
    await expect(renderLetter(bad)).rejects.toThrow(/amounts.leefgeldCents/);
    await expect(
      renderLetter(letter({ secondLanguage: null })), // explanation.second still given
    ).rejects.toThrow(/explanation.second/);
    await expect(renderLetter(letter({ month: "2027-1" }))).rejects.toThrow(/month/);
  });
});

describe("renderLetters", () => {
  it("refuses an empty batch", async () => {
    await expect(renderLetters([])).rejects.toThrow(/no letters/);
  });

  it("merges letters, each on its own pages and numbered per letter", async () => {
    const letters = [
      letter(),
      letter({
        reference: "MR-2027-01-GM0344-H1235",
        secondLanguage: null,
        explanation: { nl: "Kort.", second: null },
      }),
      letter({
        reference: "MR-2027-01-GM0344-H1236",
        secondLanguage: "en",
        explanation: { nl: "Kort.", second: "Short." },
      }),
    ];
    const pdf = await renderLetters(letters);
    const pages = pagesOf(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = textOf(pdf);
    for (const l of letters) expect(text).toContain(`Kenmerk ${l.reference}`);
    // every letter starts at page 1 of its own pages
    expect(text.match(/pagina 1 van \d+/g)).toHaveLength(3);
    expect(text).not.toContain(`pagina ${pages} van ${pages}`);
  });
});
