/**
 * Runs the law test cases in law/tests/*.yaml: expected amounts computed by hand from the
 * published tables (the arithmetic is a comment beside each case).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ValidationError } from "../domain/errors.js";
import { calculate } from "./calculation-api.js";
import { DEFAULT_LAW_DIR } from "./lawbook.js";

interface LawCase {
  name: string;
  request: unknown;
  expected?: Record<string, unknown>;
  error?: string;
}

const dir = join(DEFAULT_LAW_DIR, "tests");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
const all: LawCase[] = [];

for (const file of files) {
  const doc = parse(readFileSync(join(dir, file), "utf8")) as { cases: LawCase[] };
  describe(`law/tests/${file}`, () => {
    for (const c of doc.cases) {
      all.push(c);
      it(c.name, () => {
        if (c.error !== undefined) {
          let thrown: unknown;
          try {
            calculate(c.request);
          } catch (e) {
            thrown = e;
          }
          expect(thrown).toBeInstanceOf(ValidationError);
          expect((thrown as ValidationError).issues.map((i) => i.path)).toContain(c.error);
          return;
        }
        expect(c.expected, "a case needs expected or error").toBeDefined();
        expect(calculate(c.request)).toMatchObject(c.expected!);
      });
    }
  });
}

describe("law test coverage", () => {
  it("has at least 60 cases", () => {
    expect(all.length).toBeGreaterThanOrEqual(60);
  });

  it("covers every period and household sizes 1 to 8", () => {
    const months = new Set(all.map((c) => (c.request as { month: string }).month));
    for (const m of ["2022-04", "2023-02", "2023-10", "2024-07", "2025-01", "2025-10", "2026-11"]) {
      expect(months).toContain(m);
    }
    const sizes = new Set(
      all.filter((c) => !c.error).map((c) => (c.request as { members: unknown[] }).members.length),
    );
    for (let s = 1; s <= 8; s++) expect(sizes).toContain(s);
  });
});
