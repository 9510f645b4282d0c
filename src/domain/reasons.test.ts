import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONSENT_PURPOSES } from "./enums";
import {
  AUDIT_ENTITY_TYPES,
  AUDIT_REASON_CODES,
  AUDIT_REASONS,
  codedReason,
  MEMBERSHIP_REASONS,
  PLACEMENT_REASONS,
  parseReason,
} from "./reasons";

const ROOT = path.resolve(import.meta.dirname, "..");

/** The code that writes audit records, memberships and placements (tests left out). */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...sources(file));
    else if (/\.ts$/.test(name) && !/\.test\.ts$/.test(name)) out.push(file);
  }
  return out;
}

const FILES = [...sources(path.join(ROOT, "modules")), ...sources(path.join(ROOT, "db/demo"))];

function literals(pattern: RegExp): { file: string; value: string }[] {
  const out: { file: string; value: string }[] = [];
  for (const file of FILES) {
    for (const m of readFileSync(file, "utf8").matchAll(pattern)) {
      out.push({ file: path.relative(ROOT, file), value: m[1] ?? "" });
    }
  }
  return out;
}

describe("stored reasons", () => {
  it("round-trip: a code with parameters reads back as the code and its values", () => {
    const text = codedReason("month", { month: "2026-12" });
    expect(text).toBe('{"code":"month","month":"2026-12"}');
    expect(parseReason(text)).toEqual({ code: "month", params: { month: "2026-12" } });
    expect(parseReason(codedReason("search_by_name"))).toEqual({
      code: "search_by_name",
      params: {},
    });
    expect(
      parseReason(codedReason("decide", { kind: "manual", month: "2026-11", note: "a: b" })),
    ).toEqual({ code: "decide", params: { kind: "manual", month: "2026-11", note: "a: b" } });
  });

  it("leaves a caseworker's text alone, also when it looks like a code", () => {
    expect(parseReason("Passender plek dichter bij school")).toBeNull();
    expect(parseReason('{"code":"no_such_code"}')).toBeNull();
    expect(parseReason('{"code":"month"}')).toBeNull(); // a parameter missing
    expect(parseReason('{"code":"month", oops')).toBeNull();
    expect(parseReason(null)).toBeNull();
  });

  it("refuses to write a code without its parameters", () => {
    expect(() => codedReason("month")).toThrow(/month/);
  });

  it("lists every consent purpose as a reason", () => {
    for (const purpose of CONSENT_PURPOSES) expect(AUDIT_REASONS).toHaveProperty(purpose);
  });

  it("the modules and the demo write only listed codes as reasons, never English text", () => {
    const known = new Set<string>([
      ...AUDIT_REASON_CODES,
      ...MEMBERSHIP_REASONS,
      ...PLACEMENT_REASONS,
    ]);
    // (Not a type such as `reason: "pair_locked" | "address_limit"`.)
    const written = literals(/\breason: "([^"]*)"(?! \|)/g);
    expect(written.length).toBeGreaterThan(5);
    for (const { file, value } of written) expect(known.has(value), `${file}: ${value}`).toBe(true);
    // A reason built from a template is text in one language: write codedReason(...) instead.
    expect(literals(/\breason: (`[^`]*`)/g)).toEqual([]);
    const demo = literals(/\breason(?: ===)? "([^"]*)"/g).filter((l) => l.file.includes("demo"));
    for (const { file, value } of demo) expect(known.has(value), `${file}: ${value}`).toBe(true);
  });

  it("the modules write only listed entity types", () => {
    const types = new Set<string>(AUDIT_ENTITY_TYPES);
    const written = literals(/\bentityType: "([^"]*)"/g);
    expect(written.length).toBeGreaterThan(20);
    for (const { file, value } of written) expect(types.has(value), `${file}: ${value}`).toBe(true);
  });
});
