import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  getLawbook,
  LawFormatError,
  lawbookFromFiles,
  loadLawbook,
  parseLawFile,
} from "./lawbook.js";

const valid = `
regulation: Test regulation
article: artikel 1
parameters:
  rooo.test:
    unit: euro
    values:
      - valid_from: "2024-01-01"
        value: "10.00"
        source: https://example.org/a
      - valid_from: "2025-01-01"
        value: null
        source: https://example.org/b
`;

function errorOf(yaml: string): LawFormatError {
  try {
    parseLawFile("law/x.yaml", parse(yaml));
  } catch (e) {
    return e as LawFormatError;
  }
  throw new Error("no error");
}

describe("unpublished parameters", () => {
  const unpublished = (values: string) => `
regulation: Test regulation
article: artikel 1
parameters:
  transitie.test:
    unit: date
    unpublished: announced, not yet fixed
    values: ${values}
`;

  it("a parameter announced but not yet fixed has no value on any date, and says why", () => {
    const [p] = parseLawFile("law/x.yaml", parse(unpublished("[]")));
    expect(p!.unpublished).toBe("announced, not yet fixed");
    expect(p!.versions).toEqual([]);
    const book = getLawbook();
    expect(book.at("transitie.transitiedocument.protection-cutoff", "2027-03-05")).toBeNull();
    expect(book.get("transitie.transitiedocument.protection-cutoff").unpublished).toMatch(
      /scenario/,
    );
  });

  it("refuses an unpublished parameter with values, and a published one without", () => {
    const withValues = errorOf(
      unpublished(`
      - valid_from: "2024-01-01"
        value: "2024-01-01"
        source: https://example.org/a`),
    );
    expect(withValues.key).toBe("parameters.transitie.test.values");
    const empty = errorOf(
      unpublished("[]").replace("    unpublished: announced, not yet fixed\n", ""),
    );
    expect(empty.message).toContain("must be a non-empty list");
  });
});

describe("law files", () => {
  it("loads the repository's law/ and validates every file", () => {
    const book = getLawbook();
    expect(book.at("rooo.kleedgeld", "2025-11-01")?.version.value).toBe(6266);
    expect(book.lastPublishedValueFrom).toBe("2025-10-01");
  });

  it("caches the lawbook", () => {
    expect(getLawbook()).toBe(getLawbook());
  });

  it("reads the funding norm amounts and the RTB period by date", () => {
    const book = getLawbook();
    expect(book.fundingNormAmounts("2022-10-14").gooPerPlacePerDayCents).toBe(10000);
    expect(book.fundingNormAmounts("2022-10-15").gooPerPlacePerDayCents).toBe(8300);
    expect(book.fundingNormAmounts("2025-06-01")).toEqual({
      gooPerPlacePerDayCents: 4400,
      pooPerPersonPerMonthCents: 4800,
    });
    expect(book.rtbPeriod("2025-01-01")).toEqual({ start: "2022-03-04", end: "2027-03-04" });
  });

  it("reads what the GOO base rate leaves out by date: hotels, ships and catering from 2025", () => {
    const book = getLawbook();
    expect(book.fundingOutsideBaseRate("2024-12-31")).toEqual({
      locationKinds: [],
      catering: false,
    });
    expect(book.fundingOutsideBaseRate("2025-01-01")).toEqual({
      locationKinds: ["hotel", "ship"],
      catering: true,
    });
    expect(book.fundingOutsideBaseRate("2022-02-28")).toBeNull();
    expect(
      book.at("booo.poo.part-month", "2024-01-01")?.version.interpretation?.alternative,
    ).toMatch(/count-on-first-day/);
  });

  it("a list-valued rule takes distinct known codes only, [] for none", () => {
    const list = (value: string) =>
      valid
        .replace("rooo.test", "booo.goo.outside-base-rate.location-kinds")
        .replace("unit: euro", "unit: rule")
        .replace('value: "10.00"', `value: ${value}`);
    const [p] = parseLawFile("law/x.yaml", parse(list("[ship, hotel]")));
    expect(p!.versions[0]!.value).toBe("ship,hotel");
    expect(parseLawFile("law/x.yaml", parse(list("[]")))[0]!.versions[0]!.value).toBe("");
    for (const wrong of ["[castle]", "hotel", "[hotel, hotel]", "[1]"]) {
      const e = errorOf(list(wrong));
      expect(e.key, wrong).toBe(
        "parameters.booo.goo.outside-base-rate.location-kinds.values.0.value",
      );
      expect(e.message).toMatch(/list of distinct codes/);
    }
  });

  it("a null value ends validity", () => {
    const [p] = parseLawFile("law/x.yaml", parse(valid));
    expect(p!.versions[1]!.value).toBeNull();
  });

  it("rejects an unknown key, naming file and key", () => {
    const e = errorOf(valid.replace("unit: euro", "unit: euro\n    colour: red"));
    expect(e).toBeInstanceOf(LawFormatError);
    expect(e.file).toBe("law/x.yaml");
    expect(e.key).toBe("parameters.rooo.test.colour");
  });

  it("rejects a value without source", () => {
    const e = errorOf(valid.replace("        source: https://example.org/a\n", ""));
    expect(e.key).toBe("parameters.rooo.test.values.0.source");
  });

  it("rejects overlapping periods", () => {
    const e = errorOf(valid.replace('"2025-01-01"', '"2024-01-01"'));
    expect(e.key).toBe("parameters.rooo.test.values.1.valid_from");
    expect(e.message).toMatch(/overlaps/);
  });

  it("rejects unsorted dates", () => {
    const e = errorOf(valid.replace('"2025-01-01"', '"2023-01-01"'));
    expect(e.message).toMatch(/not sorted/);
  });

  it("rejects a euro amount that is not a quoted text with two decimals", () => {
    const e = errorOf(valid.replace('value: "10.00"', "value: 10.5"));
    expect(e.key).toBe("parameters.rooo.test.values.0.value");
  });

  it("rejects a file without regulation", () => {
    expect(errorOf(valid.replace("regulation: Test regulation\n", "")).key).toBe("regulation");
  });

  it("rejects an unknown rule value", () => {
    const yaml = valid
      .replace("rooo.test", "rooo.withdrawal.rule")
      .replace("unit: euro", "unit: rule")
      .replace('value: "10.00"', "value: something-else");
    expect(errorOf(yaml).message).toMatch(/must be one of/);
  });

  it("rejects the same parameter in two files", () => {
    const dir = mkdtempSync(join(tmpdir(), "law-"));
    mkdirSync(join(dir, "a"));
    writeFileSync(join(dir, "a", "one.yaml"), valid);
    writeFileSync(join(dir, "a", "two.yaml"), valid);
    expect(() => loadLawbook(dir)).toThrow(/overlaps the same parameter in law\/a\/one.yaml/);
  });
});

describe("municipal policy files", () => {
  const national = {
    path: "law/rooo/withdrawal.yaml",
    text: `
regulation: R
article: a
parameters:
  rooo.withdrawal.rule:
    unit: rule
    values:
      - valid_from: "2022-04-01"
        value: lapse-earner
        source: https://example.org/1
      - valid_from: "2022-12-01"
        value: top-up
        source: https://example.org/2
        municipal_choice: the municipality chooses
      - valid_from: "2024-07-01"
        value: keep-leefgeld-level
        source: https://example.org/3
`,
  };
  const municipal = (validFrom: string, code = "GM0866") => ({
    path: `law/gemeenten/${code}/leefgeld.yaml`,
    text: `
gemeente: GM0866
name: Waalre
regulation: W
article: b
parameters:
  rooo.withdrawal.rule:
    values:
      - valid_from: "${validFrom}"
        value: withdraw-household
        source: https://example.org/w
`,
  });

  it("applies a municipality's choice only while the regulation leaves it open", () => {
    const book = lawbookFromFiles([national, municipal("2023-02-01")]);
    expect(book.at("rooo.withdrawal.rule", "2023-03-01", "GM0866")?.version.value).toBe(
      "withdraw-household",
    );
    expect(book.at("rooo.withdrawal.rule", "2023-03-01", "GM0344")?.version.value).toBe("top-up");
    expect(book.at("rooo.withdrawal.rule", "2024-08-01", "GM0866")?.version.value).toBe(
      "keep-leefgeld-level",
    );
  });

  it("refuses a municipal value in a period the regulation does not leave open", () => {
    expect(() => lawbookFromFiles([national, municipal("2022-05-01")])).toThrow(
      /leaves rooo.withdrawal.rule to the municipality on no period containing 2022-05-01/,
    );
  });

  it("refuses a file in another municipality's folder", () => {
    expect(() => lawbookFromFiles([national, municipal("2023-02-01", "GM0344")])).toThrow(
      /GM0866 in the folder of GM0344/,
    );
  });

  it("hashes the files it was read from: another text, another hash", () => {
    const a = lawbookFromFiles([national, municipal("2023-02-01")]);
    const b = lawbookFromFiles([national, municipal("2023-03-01")]);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.hash).not.toBe(a.hash);
    expect(lawbookFromFiles([municipal("2023-02-01"), national]).hash).toBe(a.hash);
  });
});
