import { describe, expect, it } from "vitest";
import { bsnByLine } from "../incomes/csv";
import { formatPercent, isValidBsn, maskBsn, parseEuros } from "./format";

describe("locations formatting", () => {
  it("parses euro amounts as typed", () => {
    expect(parseEuros("1234,56")).toBe(123456);
    expect(parseEuros("1234.5")).toBe(123450);
    expect(parseEuros("€ 1.234,56")).toBe(123456);
    expect(parseEuros("800")).toBe(80000);
    expect(parseEuros("0,07")).toBe(7);
    expect(parseEuros("12,345")).toBeNull();
    expect(parseEuros("-5")).toBeNull();
    expect(parseEuros("abc")).toBeNull();
    expect(parseEuros("")).toBeNull();
  });

  it("rounds the bezettingsgraad display to one decimal", () => {
    expect(formatPercent(99.3, "nl")).toBe("99,3%");
    expect(formatPercent(100, "en")).toBe("100.0%");
    expect(formatPercent(null, "nl")).toBe("–");
  });

  it("masks and checks BSNs", () => {
    expect(maskBsn("999993653")).toBe("******653");
    expect(isValidBsn("999993653")).toBe(true);
    expect(isValidBsn("999993654")).toBe(false);
  });

  it("numbers lines as the server does", () => {
    const map = bsnByLine(
      '\uFEFFbsn,month,net_amount,kind,payer\r\n111,2025-07,"1,5",work,"A\nB"\r\n\r\n222,2025-07,1,work,X\n',
    );
    expect(map.get(2)).toBe("111");
    expect(map.get(5)).toBe("222");
  });
});
