import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { composeIBAN } from "ibantools";
import { afterAll, describe, expect, it } from "vitest";
import {
  buildPain001,
  type SepaBatch,
  type SepaTransfer,
  sepaControlSum,
  sepaIdProblem,
  sepaText,
} from "./sepa";

const XSD = path.resolve(
  import.meta.dirname,
  "../../../../shared/data/sepa/EPC132-08_2023_V1.0_pain.001.001.09.xsd",
);

const workDir = mkdtempSync(path.join(tmpdir(), "sepa-test-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Validates `xmlText` against the EPC schema with Debian's xmllint. */
function xmllint(xmlText: string, name: string): { status: number | null; stderr: string } {
  const file = path.join(workDir, `${name}.xml`);
  writeFileSync(file, xmlText, "utf8");
  const result = spawnSync("xmllint", ["--noout", "--schema", XSD, file], { encoding: "utf8" });
  if (result.error) throw result.error;
  return { status: result.status, stderr: result.stderr };
}

function transfer(overrides: Partial<SepaTransfer> = {}): SepaTransfer {
  return {
    endToEndId: "OPV-R12-H3456-D78901",
    amountCents: 20_500,
    creditorName: "Шевченко Тарас",
    creditorIban: "NL91ABNA0417164300",
    remittance: "Leefgeld januari 2027",
    ...overrides,
  };
}

function batch(overrides: Partial<SepaBatch> = {}): SepaBatch {
  return {
    messageId: "OPV-R12-20270125-1",
    createdAt: "2027-01-25T10:00:00Z",
    executionDate: "2027-01-27",
    paymentInfoId: "OPV-R12-PI-1",
    debtor: { name: "Gemeente Utrecht", iban: "NL02 ABNA 0123 4567 89", bic: "ABNANL2A" },
    initiatingPartyName: "Gemeente Utrecht",
    transfers: [transfer()],
    ...overrides,
  };
}

/** A valid Dutch IBAN per index (ABNA has no national check digit, only ISO 13616's). */
function dutchIban(i: number): string {
  const iban = composeIBAN({ countryCode: "NL", bban: `ABNA${String(i).padStart(10, "0")}` });
  if (!iban) throw new Error(`could not compose an IBAN for ${i}`);
  return iban;
}

const SURNAMES = ["Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравчук", "Пʼятниця"];
const GIVEN = ["Тарас", "Олена", "Юлія", "Андрій", "Їжак", "Ярослава", "Щербак"];

describe("buildPain001 against the EPC 2023 schema (xmllint)", () => {
  it("one transfer validates", () => {
    const xml = buildPain001(batch());
    expect(xmllint(xml, "one")).toMatchObject({ status: 0 });
  });

  it("500 transfers with Cyrillic names and & in names validate, without a BIC", () => {
    const transfers = Array.from({ length: 500 }, (_, i) =>
      transfer({
        endToEndId: `OPV-R12-H${i}-D${90000 + i}`,
        amountCents: ((i * 7919) % 250_000) + 1,
        creditorName:
          i % 5 === 0
            ? `${SURNAMES[i % SURNAMES.length]} & ${GIVEN[i % GIVEN.length]} <fam>`
            : `${SURNAMES[i % SURNAMES.length]} ${GIVEN[i % GIVEN.length]}`,
        creditorIban: dutchIban(i + 1),
        remittance: `Leefgeld januari 2027 / beslissing ${i} & correctie`,
      }),
    );
    const xml = buildPain001(
      batch({
        debtor: { name: "Gemeente Utrecht", iban: "NL02ABNA0123456789", bic: null },
        transfers,
      }),
    );
    expect(xmllint(xml, "five-hundred")).toMatchObject({ status: 0 });
    expect(xml).toContain("<Othr><Id>NOTPROVIDED</Id></Othr>");
    expect(xml).not.toContain("<BICFI>");
    expect(xml).toContain("<Nm>Shevchenko + Taras fam</Nm>");
    expect(xml.match(/<CdtTrfTxInf>/g)).toHaveLength(500);
    expect(xml).toContain("<NbOfTxs>500</NbOfTxs>");
    const cents = transfers.reduce((sum, t) => sum + t.amountCents, 0);
    const ctrl = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
    expect(
      xml.match(new RegExp(`<CtrlSum>${ctrl.replace(".", "\\.")}</CtrlSum>`, "g")),
    ).toHaveLength(2);
  });

  it("edge values validate: 1 cent, the maximum amount, a 70-character name, an apostrophe", () => {
    const xml = buildPain001(
      batch({
        transfers: [
          transfer({ endToEndId: "A", amountCents: 1, creditorName: "O'Brien" }),
          transfer({ endToEndId: "B", amountCents: 99_999_999_999, creditorName: "x".repeat(200) }),
          transfer({ endToEndId: "C'1", remittance: "★" }),
        ],
      }),
    );
    expect(xmllint(xml, "edges")).toMatchObject({ status: 0 });
    expect(xml).toContain("<Nm>O&apos;Brien</Nm>");
    expect(xml).toContain(`<Nm>${"x".repeat(70)}</Nm>`);
    expect(xml).toContain("<EndToEndId>C&apos;1</EndToEndId>");
    // An empty remittance after conversion leaves RmtInf out (Ustrd needs 1 character).
    expect(xml.match(/<RmtInf>/g)).toHaveLength(2);
  });

  it("a hand-broken file fails: the validation can fail", () => {
    const xml = buildPain001(batch());
    const withoutMethod = xml.replace("<PmtMtd>TRF</PmtMtd>", "");
    expect(withoutMethod).not.toBe(xml);
    const missing = xmllint(withoutMethod, "broken-missing");
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/PmtMtd|BtchBookg/);

    // The EPC restriction of names to 70 characters is in the schema, not only in the code.
    const longName = xml.replace("<Nm>Shevchenko Taras</Nm>", `<Nm>${"y".repeat(71)}</Nm>`);
    expect(xmllint(longName, "broken-name").status).not.toBe(0);

    const threeDecimals = xml.replace(">205.00</InstdAmt>", ">205.001</InstdAmt>");
    expect(xmllint(threeDecimals, "broken-amount").status).not.toBe(0);
  });
});

describe("buildPain001 content", () => {
  it("writes the header, payment information and transaction in the schema's order", () => {
    const xml = buildPain001(batch());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const order = [
      "<MsgId>OPV-R12-20270125-1</MsgId>",
      "<CreDtTm>2027-01-25T10:00:00Z</CreDtTm>",
      "<NbOfTxs>1</NbOfTxs>",
      "<CtrlSum>205.00</CtrlSum>",
      "<InitgPty><Nm>Gemeente Utrecht</Nm></InitgPty>",
      "<PmtInfId>OPV-R12-PI-1</PmtInfId>",
      "<PmtMtd>TRF</PmtMtd>",
      "<BtchBookg>true</BtchBookg>",
      "<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>",
      "<ReqdExctnDt><Dt>2027-01-27</Dt></ReqdExctnDt>",
      "<Dbtr><Nm>Gemeente Utrecht</Nm></Dbtr>",
      "<DbtrAcct><Id><IBAN>NL02ABNA0123456789</IBAN></Id></DbtrAcct>",
      "<DbtrAgt><FinInstnId><BICFI>ABNANL2A</BICFI></FinInstnId></DbtrAgt>",
      "<ChrgBr>SLEV</ChrgBr>",
      "<EndToEndId>OPV-R12-H3456-D78901</EndToEndId>",
      '<InstdAmt Ccy="EUR">205.00</InstdAmt>',
      "<Cdtr><Nm>Shevchenko Taras</Nm></Cdtr>",
      "<CdtrAcct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></CdtrAcct>",
      "<RmtInf><Ustrd>Leefgeld januari 2027</Ustrd></RmtInf>",
    ];
    let from = 0;
    for (const part of order) {
      const at = xml.indexOf(part, from);
      expect(at, part).toBeGreaterThanOrEqual(from);
      from = at + part.length;
    }
  });

  it("normalises IBANs and a lower-case BIC", () => {
    const xml = buildPain001(
      batch({
        debtor: { name: "Gemeente", iban: "nl02 abna 0123 4567 89", bic: "abnanl2a" },
        transfers: [transfer({ creditorIban: "nl91 abna 0417 1643 00" })],
      }),
    );
    expect(xml).toContain("<IBAN>NL02ABNA0123456789</IBAN>");
    expect(xml).toContain("<IBAN>NL91ABNA0417164300</IBAN>");
    expect(xml).toContain("<BICFI>ABNANL2A</BICFI>");
  });

  it("never leaves a raw & < > or quote in text", () => {
    const xml = buildPain001(
      batch({
        initiatingPartyName: 'Gemeente "A" & <B>',
        transfers: [transfer({ creditorName: "Tom & Jerry's <b>", remittance: "a&b" })],
      }),
    );
    const body = xml.slice(xml.indexOf("\n"));
    expect(body).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    expect(body.replace(/<[^>]*>/g, "")).not.toMatch(/[<>"]/);
    expect(xml).toContain("<Nm>Tom + Jerry&apos;s b</Nm>");
  });
});

describe("sepaControlSum", () => {
  it("adds 1 cent three times to 0.03", () => {
    expect(sepaControlSum([{ amountCents: 1 }, { amountCents: 1 }, { amountCents: 1 }])).toBe(
      "0.03",
    );
  });

  it("adds 0.10 and 0.20 to exactly 0.30 (no float error)", () => {
    expect(sepaControlSum([{ amountCents: 10 }, { amountCents: 20 }])).toBe("0.30");
  });

  it("formats whole euros and empty lists with two decimals", () => {
    expect(sepaControlSum([{ amountCents: 20_500 }, { amountCents: 100 }])).toBe("206.00");
    expect(sepaControlSum([])).toBe("0.00");
  });

  it("stays exact beyond 2^53 cents", () => {
    const max = Number.MAX_SAFE_INTEGER; // 9007199254740991
    expect(sepaControlSum([{ amountCents: max }, { amountCents: max }])).toBe("180143985094819.82");
  });

  it("refuses fractional cents", () => {
    expect(() => sepaControlSum([{ amountCents: 1 }, { amountCents: 0.5 }])).toThrow(
      "transfers[1].amountCents: must be integer cents",
    );
  });

  it("matches the sum of the amounts for any list (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 99_999_999_999 }), { maxLength: 50 }),
        (xs) => {
          const text = sepaControlSum(xs.map((amountCents) => ({ amountCents })));
          const [euros, cents] = text.split(".");
          expect(cents).toHaveLength(2);
          expect(BigInt(euros!) * 100n + BigInt(cents!)).toBe(
            xs.reduce((s, x) => s + BigInt(x), 0n),
          );
        },
      ),
    );
  });
});

describe("sepaText", () => {
  it("transliterates Ukrainian by the 2010 standard", () => {
    expect(sepaText("Шевченко Тарас", 70)).toBe("Shevchenko Taras");
    expect(sepaText("Юлія Пʼятниця", 70)).toBe("Yuliia Piatnytsia");
    expect(sepaText("ЩЕРБАК Олексій", 70)).toBe("SHCHERBAK Oleksii");
    expect(sepaText("Згурський", 70)).toBe("Zghurskyi");
  });

  it("transliterates Russian spelling too", () => {
    expect(sepaText("Фёдоров Сергей", 70)).toBe("Fiodorov Serhei");
  });

  it("handles decomposed (NFD) Cyrillic input like composed", () => {
    expect(sepaText("Андрій".normalize("NFD"), 70)).toBe("Andrii");
  });

  it("drops diacritics and expands ligatures", () => {
    expect(sepaText("Zoë Müller-Lüdenscheidt", 70)).toBe("Zoe Muller-Ludenscheidt");
    expect(sepaText("Straße", 70)).toBe("Strasse");
    expect(sepaText("Łódź", 70)).toBe("Lodz");
    expect(sepaText("Søren Ærø", 70)).toBe("Soren AEro");
    expect(sepaText("François Đoković", 70)).toBe("Francois Dokovic");
  });

  it("maps & to + and typographic apostrophes and dashes into the set", () => {
    expect(sepaText("Smit & Zn", 70)).toBe("Smit + Zn");
    expect(sepaText("D’Artagnan – Gascogne", 70)).toBe("D'Artagnan - Gascogne");
  });

  it("keeps the allowed punctuation", () => {
    expect(sepaText("a/b-c?d:e(f)g.h,i'j+k l", 70)).toBe("a/b-c?d:e(f)g.h,i'j+k l");
  });

  it("replaces other characters by spaces, collapses spaces and trims", () => {
    expect(sepaText("  Jan\t\tde   Vries@home!  ", 70)).toBe("Jan de Vries home");
    expect(sepaText("★", 70)).toBe("");
  });

  it("cuts to the maximum after conversion without a trailing space", () => {
    expect(sepaText("Щука Тарас", 6)).toBe("Shchuk");
    expect(sepaText("abc def", 4)).toBe("abc");
  });

  it("always returns only the SEPA set, within the maximum (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), fc.nat(160), (s, max) => {
        const out = sepaText(s, max);
        expect(out).toMatch(/^[A-Za-z0-9/\-?:().,'+ ]*$/);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).toBe(out.trim());
      }),
    );
  });
});

describe("sepaIdProblem", () => {
  it("accepts the decision id format", () => {
    expect(sepaIdProblem("OPV-R12-H3456-D78901")).toBeNull();
    expect(sepaIdProblem("x".repeat(35))).toBeNull();
  });

  it("names the problem", () => {
    expect(sepaIdProblem("")).toBe("must not be empty");
    expect(sepaIdProblem("x".repeat(36))).toBe("longer than 35 characters (36)");
    expect(sepaIdProblem("OPV_R12é")).toBe('characters outside the SEPA set: "_" "é"');
    expect(sepaIdProblem(" OPV")).toBe("must not start or end with a space");
    expect(sepaIdProblem("/OPV")).toBe('must not start or end with "/"');
    expect(sepaIdProblem("OPV//1")).toBe('must not contain "//"');
  });
});

describe("buildPain001 refuses bad input", () => {
  it("refuses a file without transfers", () => {
    expect(() => buildPain001(batch({ transfers: [] }))).toThrow(
      "transfers: no transfers: a file needs at least one",
    );
  });

  it.each([0, -5, 1.5, Number.NaN])("refuses amount %s", (amountCents) => {
    expect(() => buildPain001(batch({ transfers: [transfer({ amountCents })] }))).toThrow(
      /transfers\[0\]\.amountCents: must be a positive integer/,
    );
  });

  it("refuses an amount above the SEPA maximum", () => {
    expect(() =>
      buildPain001(batch({ transfers: [transfer({ amountCents: 100_000_000_000 })] })),
    ).toThrow("transfers[0].amountCents: above 999999999.99");
  });

  it("names the transfer index and field of an IBAN whose checksum fails", () => {
    const transfers = [0, 1, 2, 3].map((i) =>
      transfer({
        endToEndId: `E${i}`,
        creditorIban: i === 3 ? "NL92ABNA0417164300" : "NL91ABNA0417164300",
      }),
    );
    expect(() => buildPain001(batch({ transfers }))).toThrow(
      "transfers[3].creditorIban: checksum fails",
    );
  });

  it("refuses an IBAN of the wrong length and one outside SEPA", () => {
    expect(() =>
      buildPain001(batch({ transfers: [transfer({ creditorIban: "NL91ABNA041716430" })] })),
    ).toThrow("transfers[0].creditorIban: wrong length or characters for a NL IBAN");
    expect(() =>
      buildPain001(
        batch({ transfers: [transfer({ creditorIban: "UA213223130000026007233566001" })] }),
      ),
    ).toThrow("transfers[0].creditorIban: UA is outside SEPA");
  });

  it("refuses a bad debtor IBAN and BIC", () => {
    expect(() =>
      buildPain001(batch({ debtor: { name: "G", iban: "NL03ABNA0123456789", bic: "ABN4NL2A" } })),
    ).toThrow("debtor.iban: checksum fails; debtor.bic: not a valid BIC");
  });

  it("refuses a duplicate end-to-end id: a file never pays one id twice", () => {
    const transfers = [
      transfer({ endToEndId: "OPV-1" }),
      transfer({ endToEndId: "OPV-2" }),
      transfer({ endToEndId: "OPV-1" }),
    ];
    expect(() => buildPain001(batch({ transfers }))).toThrow(
      "transfers[2].endToEndId: duplicate of transfers[0]",
    );
  });

  it("refuses ids that are too long or outside the character set", () => {
    expect(() =>
      buildPain001(batch({ transfers: [transfer({ endToEndId: "E".repeat(36) })] })),
    ).toThrow("transfers[0].endToEndId: longer than 35 characters (36)");
    expect(() => buildPain001(batch({ transfers: [transfer({ endToEndId: "OPV_R12" })] }))).toThrow(
      'transfers[0].endToEndId: characters outside the SEPA set: "_"',
    );
    expect(() => buildPain001(batch({ messageId: "M".repeat(36) }))).toThrow(
      "messageId: longer than 35",
    );
    expect(() => buildPain001(batch({ paymentInfoId: "PI&1" }))).toThrow(
      'paymentInfoId: characters outside the SEPA set: "&"',
    );
  });

  it("refuses a name that is empty after conversion", () => {
    expect(() => buildPain001(batch({ transfers: [transfer({ creditorName: "★ ★" })] }))).toThrow(
      "transfers[0].creditorName: empty after conversion to the SEPA character set",
    );
  });

  it("refuses timestamps that are not UTC and dates that do not exist", () => {
    expect(() => buildPain001(batch({ createdAt: "2027-01-25T10:00:00+01:00" }))).toThrow(
      /^SEPA file refused: createdAt: expected a UTC timestamp/,
    );
    expect(() => buildPain001(batch({ executionDate: "2027-02-30" }))).toThrow(
      /executionDate: expected an existing date/,
    );
  });

  it("lists every problem at once, at most 20", () => {
    const transfers = Array.from({ length: 30 }, (_, i) =>
      transfer({ endToEndId: `E${i}`, amountCents: 0 }),
    );
    let message = "";
    try {
      buildPain001(batch({ transfers }));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("transfers[0].amountCents");
    expect(message).toContain("transfers[19].amountCents");
    expect(message).not.toContain("transfers[20].amountCents");
    expect(message).toMatch(/; and 10 more$/);
  });
});
