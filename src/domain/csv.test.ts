import { describe, expect, it } from "vitest";
import { csvField, csvText } from "./csv";

describe("csv", () => {
  it("quotes only fields that need it and doubles quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(null)).toBe("");
    expect(csvField(-12)).toBe("-12");
  });

  it("writes the header first and ends every line with CRLF", () => {
    expect(csvText(["a", "b"], [["1", "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});
