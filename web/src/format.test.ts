import { describe, expect, it } from "vitest";
import { formatCents, formatCentsDifference, formatDate, formatDateTime } from "./format";

describe("shared formatting", () => {
  it("writes euros with the € sign in every language", () => {
    expect(formatCents(123456, "nl")).toBe("€ 1.234,56");
    expect(formatCents(31330, "uk")).toMatch(/^313,30\s€$/);
    expect(formatCents(123456, "en")).toBe("€1,234.56");
    expect(formatCentsDifference(-2500, "nl")).toBe("− € 25,00");
  });

  it("keeps what is known of a partly unknown BRP date", () => {
    expect(formatDate("1968-00-00", "nl")).toBe("1968");
    expect(formatDate("1971-04-00", "en")).toBe("April 1971");
    expect(formatDate(null, "nl")).toBe("–");
  });

  it("reads PostgreSQL timestamps as UTC and shows Dutch time", () => {
    expect(formatDateTime("2026-11-22 06:26:20.123+00", "nl")).toContain("07:26");
    expect(formatDateTime("not a time", "nl")).toBe("not a time");
  });
});
