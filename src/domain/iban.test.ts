import { describe, expect, it } from "vitest";
import {
  checkIban,
  isSepaCountry,
  isValidBic,
  maskIban,
  normalizeBic,
  normalizeIban,
} from "./iban";

describe("checkIban", () => {
  it("accepts a valid Dutch IBAN", () => {
    expect(checkIban("NL91ABNA0417164300")).toEqual({
      ok: true,
      iban: "NL91ABNA0417164300",
      country: "NL",
    });
  });

  it("accepts spaces and lower case and returns the electronic format", () => {
    const result = checkIban(" nl91 abna 0417 1643 00 ");
    expect(result).toMatchObject({ ok: true, iban: "NL91ABNA0417164300" });
  });

  it("accepts a no-break space as a separator", () => {
    expect(checkIban("NL91\u00a0ABNA\u00a00417164300").ok).toBe(true);
  });

  it("refuses a wrong check digit as iban_checksum", () => {
    expect(checkIban("NL92ABNA0417164300")).toMatchObject({
      ok: false,
      reason: "iban_checksum",
      message: "checksum fails",
    });
  });

  it("refuses one swapped account digit as iban_checksum", () => {
    expect(checkIban("NL91ABNA0417163400")).toMatchObject({ ok: false, reason: "iban_checksum" });
  });

  it("refuses a wrong length as iban_format, not as a checksum failure", () => {
    expect(checkIban("NL91ABNA041716430")).toMatchObject({ ok: false, reason: "iban_format" });
    expect(checkIban("NL91ABNA04171643000")).toMatchObject({ ok: false, reason: "iban_format" });
  });

  it("refuses characters outside letters and digits as iban_format", () => {
    expect(checkIban("NL91-ABNA-0417-1643-00")).toMatchObject({ reason: "iban_format" });
    expect(checkIban("")).toMatchObject({ reason: "iban_format" });
    expect(checkIban("NLAAABNA0417164300")).toMatchObject({ reason: "iban_format" });
  });

  it("refuses a letter O in place of a zero as iban_format", () => {
    expect(checkIban("NL91ABNA04171643O0")).toMatchObject({ reason: "iban_format" });
  });

  it("refuses an unknown country as iban_country", () => {
    expect(checkIban("XX91ABNA0417164300")).toMatchObject({ ok: false, reason: "iban_country" });
  });

  it("accepts a Ukrainian IBAN but refuses it when SEPA is required", () => {
    const ua = "UA213223130000026007233566001";
    expect(checkIban(ua).ok).toBe(true);
    expect(checkIban(ua, { sepaOnly: true })).toMatchObject({
      ok: false,
      reason: "iban_country",
      message: "UA is outside SEPA",
    });
    expect(checkIban("DE89370400440532013000", { sepaOnly: true }).ok).toBe(true);
  });
});

describe("isSepaCountry", () => {
  it("knows SEPA members and non-members", () => {
    expect(isSepaCountry("NL")).toBe(true);
    expect(isSepaCountry("ch")).toBe(true);
    expect(isSepaCountry("UA")).toBe(false);
  });
});

describe("BIC", () => {
  it("accepts 8 and 11 characters, any case", () => {
    expect(isValidBic("ABNANL2A")).toBe(true);
    expect(isValidBic("abnanl2axxx")).toBe(true);
    expect(normalizeBic(" abna nl2a ")).toBe("ABNANL2A");
  });

  it("refuses a wrong shape or an unknown country", () => {
    expect(isValidBic("ABN4NL2A")).toBe(false);
    expect(isValidBic("ABNAXX2A")).toBe(false);
    expect(isValidBic("ABNANL2AXX")).toBe(false);
    expect(isValidBic("")).toBe(false);
  });
});

describe("maskIban", () => {
  it("shows only the country, check digits and last four characters", () => {
    expect(maskIban("NL91ABNA0417164300")).toBe("NL91 **** **** **** 4300");
    expect(maskIban("nl91 abna 0417 1643 00")).toBe("NL91 **** **** **** 4300");
  });

  it("hides the length of longer IBANs too", () => {
    expect(maskIban("UA213223130000026007233566001")).toBe("UA21 **** **** **** 6001");
  });

  it("masks everything when the input is too short", () => {
    expect(maskIban("NL91")).toBe("****");
  });

  it("normalizeIban strips whitespace and upper-cases", () => {
    expect(normalizeIban("nl91 abna\t0417 1643 00")).toBe("NL91ABNA0417164300");
  });
});
