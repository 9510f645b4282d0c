import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { type CalculationRequest, calculate } from "./calculation-api.js";
import {
  CATALOGS,
  explain,
  formatDate,
  formatMonth,
  LANGS,
  type Lang,
  templateKeysOf,
} from "./explain.js";
import { calculateHouseholdMonth } from "./household-month.js";
import type { WithdrawalRule } from "./month-params.js";

const family = (lang: Lang, extra: Partial<CalculationRequest> = {}): CalculationRequest => ({
  month: "2025-11",
  reception: "goo",
  lang,
  members: [
    { birthDate: "1985-03-12", name: "Olena", role: "head", netIncomeCents: 80000 },
    { birthDate: "1984-07-02", name: "Petro", role: "partner" },
    { birthDate: "2012-05-20", name: "Iryna", role: "child" },
    { birthDate: "2016-09-01", name: "Andrii", role: "child", days: 20 },
  ],
  ...extra,
});

const adults = (n: number) => Array.from({ length: n }, () => ({ birthDate: "1980-01-01" }));

/** Requests that reach every step, rule and notice the engine has. */
const SCENARIOS: CalculationRequest[] = [
  family("nl"),
  family("nl", { reception: "goo-catering" }),
  family("nl", { reception: "poo", month: "2024-03" }),
  family("nl", { month: "2024-09" }),
  family("nl", { month: "2022-06" }),
  family("nl", { month: "2023-05", gemeente: "GM0866" }),
  family("nl", { month: "2024-08", gemeente: "GM0166" }),
  family("nl", { maatwerk: { leefgeldPaidCents: 10000, reason: "bijzondere omstandigheden" } }),
  {
    month: "2025-11",
    reception: "goo-catering",
    members: [
      { birthDate: "2010-01-01" },
      { birthDate: "2007-11-01", role: "child" },
      { birthDate: "2012-01-00", days: 0 },
    ],
  },
  {
    month: "2025-11",
    reception: "goo",
    members: [
      { birthDate: "1980-01-01", netIncomeCents: 300000 },
      { birthDate: "2007-06-01", netIncomeCents: 20000 },
      { birthDate: "2010-06-01", netIncomeCents: 5000 },
    ],
  },
  { month: "2025-11", reception: "goo", members: adults(21) },
];

const inAll = (lang: Lang) => SCENARIOS.map((r) => calculate({ ...r, lang }).explanation);

/** The explanation with no-break spaces (in amounts) as plain spaces, to compare. */
const text = (req: CalculationRequest) => calculate(req).explanation.replace(/\u00a0/g, " ");

describe("explanations from the trace", () => {
  it("says which earners the eigen bijdrage's threshold assumes (the table assumes every adult)", () => {
    // Two adults, one earning: the page counts one earner, the published table two.
    const one = text(family("nl"));
    expect(one).toContain("gaat uit van 1 volwassene met inkomen, zoals nu in dit huishouden");
    expect(one).toContain("drempeltabel van de gemeente gaat uit van inkomen van elke volwassene");
    const both = text(
      family("en", {
        members: [
          { birthDate: "1985-03-12", netIncomeCents: 80000 },
          { birthDate: "1984-07-02", netIncomeCents: 90000 },
        ],
      }),
    );
    expect(both).toContain("assumes 2 adults with an income, as in this household now");
    const nobody = text({ month: "2025-11", reception: "goo", lang: "uk", members: adults(2) });
    expect(nobody).toContain("з’явиться в однієї дорослої особи");
  });

  it("declines Ukrainian plurals of persons: 1 особа, 3 особи, 5 осіб, 21 особа", () => {
    const uk = (n: number) =>
      calculate({ month: "2025-11", reception: "goo", lang: "uk", members: adults(n) }).explanation;
    expect(uk(1)).toContain("1 особа");
    expect(uk(3)).toContain("3 особи");
    expect(uk(5)).toContain("5 осіб");
    expect(uk(21)).toContain("21 особа");
    expect(uk(3)).toContain("3 дорослі");
    expect(uk(5)).toContain("5 дорослих");
  });

  it("declines Ukrainian plurals of days: за 1 день, 3 дні, 5 днів, 21 день", () => {
    const members = [1, 3, 5, 21].map((days, i) => ({
      birthDate: "1980-01-01",
      days,
      name: `Особа ${i + 1}`,
    }));
    const text = calculate({ month: "2025-11", reception: "goo", lang: "uk", members }).explanation;
    expect(text).toContain("Особа 1, за нормами для дорослих, за 1 день перебування із 30");
    expect(text).toContain("за 3 дні перебування із 30");
    expect(text).toContain("за 5 днів перебування із 30");
    expect(text).toContain("за 21 день перебування із 30");
  });

  it("names a member present part of the month and the days present", () => {
    expect(text(family("nl"))).toContain(
      "Andrii, bedragen voor minderjarigen, aanwezig op 20 dagen van de 30: eetgeld € 105,07 + kleedgeld € 41,77 = € 146,84",
    );
    expect(text(family("uk"))).toContain(
      "Andrii, за нормами для дітей, за 20 днів перебування із 30",
    );
    expect(calculate(family("en")).explanation).toContain(
      "Andrii, minor amounts, present 20 days of 30",
    );
  });

  it("falls back to a natural name for a member without one", () => {
    const req = { month: "2025-11", reception: "goo", members: adults(2) };
    expect(calculate({ ...req, lang: "nl" }).explanation).toContain("Gezinslid 2, bedragen");
    expect(calculate({ ...req, lang: "uk" }).explanation).toContain(
      "Член домогосподарства 2, за нормами",
    );
    expect(calculate({ ...req, lang: "en" }).explanation).toContain("Member 2, adult amounts");
  });

  it("explains the 2022 lapse of the earner's own leefgeld", () => {
    const req = family("nl", { month: "2022-06" });
    const nl = text(req);
    expect(nl).toContain("Daarom vervalt het eigen leefgeld van Olena (€ 260,00)");
    expect(nl).toContain("de andere gezinsleden hielden hun leefgeld");
    const uk = text({ ...req, lang: "uk" });
    expect(uk).toContain("Тому Olena не отримує власних коштів на проживання (260,00 €)");
    expect(uk).toContain("Olena — 0,00 €");
  });

  it("names the municipality whose own choice applied", () => {
    const req: CalculationRequest = {
      month: "2023-05",
      reception: "goo",
      gemeente: "GM0866",
      members: [{ birthDate: "1980-01-01", netIncomeCents: 50000 }, { birthDate: "2010-01-01" }],
    };
    expect(calculate({ ...req, lang: "nl" }).explanation).toContain(
      "Hier geldt de eigen keuze van de gemeente Waalre, vastgelegd vanaf 1 februari 2023: bij elk inkomen van een volwassene stopt het leefgeld van het hele huishouden.",
    );
    expect(calculate({ ...req, lang: "uk" }).explanation).toContain(
      "Тут діє власне рішення муніципалітету Waalre, чинне з 1 лютого 2023 р.:",
    );
    // From the trace alone, without the lawbook's names, the municipality is named by code.
    const { trace } = calculateHouseholdMonth(req);
    expect(explain(trace!, "nl")).toContain("uw gemeente (GM0866)");
    // Without a municipality's choice Opvang says it applies its default.
    expect(calculate({ ...req, gemeente: undefined, lang: "nl" }).explanation).toContain(
      "zolang de gemeente geen eigen keuze heeft vastgelegd",
    );
  });

  it("writes dates and months in the reader's language", () => {
    expect(formatDate("uk", "2025-11-01")).toBe("1 листопада 2025 р.");
    expect(formatDate("nl", "2025-11-01")).toBe("1 november 2025");
    expect(formatDate("en", "2025-11-01")).toBe("1 November 2025");
    expect(formatMonth("uk", "2025-11")).toBe("листопад 2025 р.");
    expect(formatMonth("nl", "2025-11")).toBe("november 2025");
    const uk = text(family("uk"));
    expect(uk).toMatch(/^За листопад 2025 р\. /);
    expect(uk).toContain("і далі діють суми, встановлені з 1 жовтня 2025 р.");
    expect(uk).not.toContain("р..");
  });

  it("renders the same from a JSON round trip of the trace", () => {
    for (const req of SCENARIOS) {
      const { trace, params } = calculateHouseholdMonth(req);
      const stored = JSON.parse(JSON.stringify(trace)) as typeof trace;
      for (const lang of LANGS) {
        const options = { names: ["Olena", null, "Iryna"], lawVersion: params.lawVersion };
        expect(explain(stored!, lang, options)).toBe(explain(trace!, lang, options));
      }
    }
  });

  it("puts no raw code or English word in Dutch or Ukrainian explanations", () => {
    const codes =
      /lapse-earner|top-up|withdraw-household|keep-leefgeld-level|threshold-115|goo-catering|child_turned_18|no_adult|adult_aged_18|not-charged|rooo\.|undefined|NaN|\{|\}|\bmember\b|\bincome\b|\bthe\b|\band\b/;
    for (const lang of ["nl", "uk"] as const) {
      for (const text of inAll(lang)) expect(text).not.toMatch(codes);
    }
    for (const text of inAll("uk")) {
      // Latin script only for names and the Dutch legal terms (and Opvang's name).
      const latin = text
        .replace(/Olena|Petro|Iryna|Andrii|Waalre|Kampen|Opvang/g, "")
        .replace(/\((leefgeld|eigen bijdrage|maatwerk|GOO|POO)\)/g, "")
        .replace(/bijzondere omstandigheden/g, "");
      expect(latin).not.toMatch(/[A-Za-z]/);
    }
  });

  it("covers every situation with a summary, per-member lines, notices and Opvang's readings", () => {
    const texts = inAll("nl").join("\n");
    expect(texts).toContain("is deze maand volwassen en hoort daarom niet meer bij dit huishouden");
    expect(texts).toContain("Er is geen volwassene in het huishouden");
    expect(texts).toContain("is 18 jaar");
    expect(texts).toContain("Het inkomen van een minderjarige telt niet mee");
    expect(texts).toContain("In particuliere opvang (POO)");
    expect(texts).toContain(
      "Waar de regeling niet alles vastlegt, volgt de berekening een lezing van Opvang:",
    );
    expect(texts).toContain("een onbekende dag geldt als de laatste dag van de maand");
    expect(texts).toContain("De gemeente heeft maatwerk toegepast");
    expect(texts).toContain("Hier geldt de eigen keuze van de gemeente Kampen");
    expect(texts).toContain("was in november 2025 op geen enkele dag aanwezig");
  });
});

describe("the catalogs", () => {
  const keys = (lang: Lang) => Object.keys(CATALOGS[lang]).sort();

  it("have the same keys in nl, uk and en", () => {
    expect(keys("uk")).toEqual(keys("nl"));
    expect(keys("en")).toEqual(keys("nl"));
  });

  it("have a template for each step id the engine records, each rule and each notice", () => {
    const rules: WithdrawalRule[] = [
      "lapse-earner",
      "top-up",
      "withdraw-household",
      "keep-leefgeld-level",
      "threshold-115",
      "threshold-115-income-disregard",
    ];
    const needed = new Set<string>([
      ...rules.flatMap((r) => templateKeysOf("withdrawal", r)),
      "notice.child_turned_18",
      "notice.no_adult",
      "notice.adult_aged_18",
      "lawVersion.usesLatestPublished",
      "interpretation.intro",
      "interpretation.other",
      "policy.other",
      "member.fallback",
    ]);
    for (const req of SCENARIOS) {
      const { trace } = calculateHouseholdMonth(req);
      for (const s of trace!) {
        const rule = (s.inputs as { rule?: string }).rule;
        for (const k of templateKeysOf(s.step, rule)) needed.add(k);
        for (const p of s.parameters) {
          if (p.gemeente) needed.add(`policy.${p.name}`);
          if (s.interpretation && p.name.startsWith("rooo.withdrawal.rule")) {
            needed.add(`interpretation.${p.name}`);
          }
        }
      }
    }
    expect(needed).toContain("members.leefgeld");
    expect(needed).toContain("maatwerk");
    expect(needed).toContain("leefgeld.per-member");
    for (const lang of LANGS) {
      const missing = [...needed].filter((k) => CATALOGS[lang][k] === undefined);
      expect(missing, lang).toEqual([]);
    }
  });

  it("parse as ICU messages in their language", () => {
    for (const lang of LANGS) {
      for (const [key, text] of Object.entries(CATALOGS[lang])) {
        expect(() => new IntlMessageFormat(text, lang), `${lang} ${key}`).not.toThrow();
      }
    }
  });
});
