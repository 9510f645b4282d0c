import { describe, expect, it } from "vitest";
import en from "./en.json";
import nl from "./nl.json";
import uk from "./uk.json";

type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const catalogs = { nl: flatten(nl), uk: flatten(uk), en: flatten(en) };
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("locations catalogs", () => {
  it("have the same keys and placeholders in nl, uk and en", () => {
    const keys = [...catalogs.nl.keys()].sort();
    expect([...catalogs.uk.keys()].sort()).toEqual(keys);
    expect([...catalogs.en.keys()].sort()).toEqual(keys);
    for (const [key, text] of catalogs.nl) {
      for (const other of [catalogs.uk, catalogs.en]) {
        expect((other.get(key) ?? "").trim(), key).not.toBe("");
        expect(placeholders(other.get(key) ?? ""), key).toEqual(placeholders(text));
      }
    }
  });

  it("write Ukrainian in Cyrillic", () => {
    for (const [key, text] of catalogs.uk) {
      expect(/[\u0400-\u04FF]/.test(text), `${key}: ${text}`).toBe(true);
    }
  });
});
