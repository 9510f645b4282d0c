import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { completeBsn, isValidBsn, parseBsn } from "./bsn";
import { ValidationError } from "./errors";

const testPersons: { bsn: string }[] = parse(
  readFileSync(
    new URL("../../../shared/data/rvig_gbav_testpersonen_2022_simplified.csv", import.meta.url),
  ),
  { columns: true },
);

describe("BSN 11-check", () => {
  it("accepts every BSN of the RvIG test persons (680 distinct)", () => {
    const bsns = new Set(testPersons.map((p) => p.bsn).filter(Boolean));
    expect(bsns.size).toBe(680);
    for (const bsn of bsns) expect(isValidBsn(bsn), bsn).toBe(true);
  });

  it("rejects 999999999 and one-digit changes of a valid BSN", () => {
    expect(isValidBsn("999999999")).toBe(false);
    expect(isValidBsn("999993653")).toBe(true);
    expect(isValidBsn("999993654")).toBe(false);
    expect(isValidBsn("000000000")).toBe(false);
  });

  it("rejects wrong lengths and non-digits", () => {
    for (const v of ["", "12345678", "1234567890", "99999365a"]) expect(isValidBsn(v)).toBe(false);
  });

  it("parseBsn strips spaces and dots and names the field on failure", () => {
    expect(parseBsn("9999.93.653")).toBe("999993653");
    try {
      parseBsn("999999999", "members.0.bsn");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues[0]).toMatchObject({
        path: "members.0.bsn",
        code: "bsn_checksum",
      });
    }
  });

  it("completeBsn finds the check digit when one exists", () => {
    const full = completeBsn("99999365");
    expect(full).toBe("999993653");
    for (let i = 0; i < 200; i++) {
      const b = completeBsn(String(99_000_000 + i * 37));
      if (b) expect(isValidBsn(b)).toBe(true);
    }
  });
});
