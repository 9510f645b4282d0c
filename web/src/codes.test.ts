import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, DECISION_KINDS, RETURN_STATUSES } from "../../src/domain/enums";
import {
  AUDIT_ENTITY_TYPES,
  AUDIT_REASON_CODES,
  AUDIT_REASONS,
  codedReason,
  MEMBERSHIP_REASONS,
  PLACEMENT_REASONS,
} from "../../src/domain/reasons";
import { actionText, entityText, readReason, reasonText } from "./codes";
import { createI18n, LANGUAGES } from "./i18n";
import en from "./i18n/en.json";
import nl from "./i18n/nl.json";
import uk from "./i18n/uk.json";
import { flattenCatalog } from "./test/catalogs";

const CATALOGS = { nl: flattenCatalog(nl), uk: flattenCatalog(uk), en: flattenCatalog(en) };
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** Every code the API or the demo can store, with the catalog group that translates it. */
const STORED: [group: string, codes: readonly string[]][] = [
  ["actions", AUDIT_ACTIONS],
  ["entities", AUDIT_ENTITY_TYPES],
  ["reasons", AUDIT_REASON_CODES],
  ["reasons", MEMBERSHIP_REASONS],
  ["reasons", PLACEMENT_REASONS],
  ["decisionKinds", DECISION_KINDS],
  ["returnStatuses", RETURN_STATUSES],
  ["languages", LANGUAGES],
];

describe("stored codes in the catalogs", () => {
  it("every stored code has a text in nl, uk and en", () => {
    const missing: string[] = [];
    for (const [language, catalog] of Object.entries(CATALOGS)) {
      for (const [group, codes] of STORED) {
        for (const code of codes) {
          const text = catalog.get(`codes.${group}.${code}`);
          if (!text?.trim()) missing.push(`${language}: codes.${group}.${code}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("a reason's text uses exactly the values its code carries", () => {
    for (const catalog of Object.values(CATALOGS)) {
      for (const code of AUDIT_REASON_CODES) {
        const names = [...(AUDIT_REASONS[code] as readonly string[])].sort();
        expect(placeholders(catalog.get(`codes.reasons.${code}`) ?? ""), code).toEqual(names);
      }
    }
  });

  it("no Dutch or Ukrainian text of a code is the code itself", () => {
    for (const language of ["nl", "uk"] as const) {
      for (const [group, codes] of STORED) {
        for (const code of codes) {
          const text = CATALOGS[language].get(`codes.${group}.${code}`) ?? "";
          expect(text, `${language}: ${group}.${code}`).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
          if (code.length > 3) expect(text.toLowerCase()).not.toBe(code.replace(/_/g, " "));
        }
      }
    }
  });
});

describe("reasonText", () => {
  const nlI18n = createI18n("nl");
  const ukI18n = createI18n("uk");
  const nlT = nlI18n.t.bind(nlI18n);
  const ukT = ukI18n.t.bind(ukI18n);

  it("translates a code with its values, in the reader's language", () => {
    const month = codedReason("month", { month: "2026-12" });
    expect(reasonText(nlT, month, "nl")).toBe("Leefgeld en eigen bijdrage over december 2026");
    expect(reasonText(ukT, month, "uk")).toMatch(
      /^Кошти на проживання і власний внесок за грудень/,
    );
    expect(reasonText(nlT, codedReason("explanation", { lang: "uk" }), "nl")).toBe(
      "Uitleg in het Oekraïens",
    );
    expect(reasonText(ukT, codedReason("explanation", { lang: "uk" }), "uk")).toBe(
      "Пояснення українською",
    );
    expect(
      reasonText(
        nlT,
        codedReason("decide", { kind: "manual", month: "2026-11", note: "eerste maand" }),
        "nl",
      ),
    ).toBe("Besluit over november 2026 (met de hand): eerste maand");
    expect(reasonText(nlT, codedReason("income_file_lines", { first: 2, last: 1500 }), "nl")).toBe(
      "Inkomensbestand van het Inlichtingenbureau, regels 2–1.500",
    );
    expect(reasonText(ukT, "turned_18_own_household", "uk")).toBe(
      "Виповнилося 18 років: власне домогосподарство",
    );
  });

  it("reads the English texts stored before reasons were codes", () => {
    expect(reasonText(nlT, "search by name", "nl")).toBe("Gezocht op naam");
    expect(reasonText(nlT, "month 2026-12", "nl")).toBe(
      "Leefgeld en eigen bijdrage over december 2026",
    );
    expect(reasonText(ukT, "explanation (uk)", "uk")).toBe("Пояснення українською");
    expect(reasonText(nlT, "turned 18: own household", "nl")).toBe(
      "18 jaar geworden: eigen huishouden",
    );
    expect(readReason("Inlichtingenbureau income file, lines 2-40")).toEqual({
      code: "income_file_lines",
      params: { first: 2, last: 40 },
    });
    expect(readReason("planned → departed")?.code).toBe("return_status");
  });

  it("keeps a caseworker's own reason as typed", () => {
    expect(reasonText(nlT, "Passender plek dichter bij school", "nl")).toBe(
      "Passender plek dichter bij school",
    );
    expect(reasonText(nlT, null, "nl")).toBeNull();
  });

  it("translates actions and entity types; a code of a newer server stays as it is", () => {
    expect(actionText(ukT, "import_dry_run")).toBe("Пробний імпорт");
    expect(entityText(nlT, "household_history")).toBe("Geschiedenis van het huishouden");
    expect(actionText(nlT, "no_such_action")).toBe("no_such_action");
  });
});
