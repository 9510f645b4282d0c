import { describe, expect, it } from "vitest";
import { formatMoney, mulRatio, parseEuro, toDecimalText } from "./money.js";

describe("mulRatio", () => {
  it("rounds half up", () => {
    expect(mulRatio(21005, 15, 30)).toBe(10503); // 10502.5
    expect(mulRatio(21004, 15, 30)).toBe(10502);
  });
  it("rounds below half down and above half up", () => {
    expect(mulRatio(20500, 15, 31)).toBe(9919); // 9919.35
    expect(mulRatio(31484, 115, 100)).toBe(36207); // 36206.6
  });
  it("mirrors negative values", () => {
    expect(mulRatio(-21005, 15, 30)).toBe(-10503);
  });
  it("rejects a non-integer ratio", () => {
    expect(() => mulRatio(100, 1.15, 1)).toThrow(RangeError);
  });
});

describe("parseEuro", () => {
  it("reads two decimals exactly", () => {
    expect(parseEuro("205.00")).toBe(20500);
    expect(parseEuro("0.07")).toBe(7);
    expect(parseEuro("244.22")).toBe(24422);
  });
  it("rejects other shapes", () => {
    expect(() => parseEuro("205")).toThrow();
    expect(() => parseEuro("205.0")).toThrow();
    expect(() => parseEuro("2,05")).toThrow();
  });
  it("round-trips through toDecimalText", () => {
    expect(toDecimalText(parseEuro("1234.56"))).toBe("1234.56");
    expect(toDecimalText(-5)).toBe("-0.05");
  });
});

describe("formatMoney", () => {
  it("formats Dutch", () => {
    expect(formatMoney(123456, "nl")).toBe("€\u00a01.234,56");
    expect(formatMoney(5, "nl")).toBe("€\u00a00,05");
    expect(formatMoney(-123456, "nl")).toBe("€\u00a0-1.234,56");
  });
  it("formats English", () => {
    expect(formatMoney(123456789, "en")).toBe("€1,234,567.89");
    expect(formatMoney(-100, "en")).toBe("-€1.00");
  });
  it("formats Ukrainian", () => {
    expect(formatMoney(123456, "uk")).toBe("1\u00a0234,56\u00a0€");
    expect(formatMoney(99, "uk")).toBe("0,99\u00a0€");
  });
  it("refuses fractional cents", () => {
    expect(() => formatMoney(1.5)).toThrow(RangeError);
  });
});
