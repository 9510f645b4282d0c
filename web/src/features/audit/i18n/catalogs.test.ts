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

/** Ukrainian has more plural forms (_few, _many) than Dutch and English: compare the stems. */
const PLURAL = /_(zero|one|two|few|many|other)$/;
const stems = (catalog: Map<string, string>) =>
  [...new Set([...catalog.keys()].map((k) => k.replace(PLURAL, "")))].sort();

const catalogs = { nl: flatten(nl), uk: flatten(uk), en: flatten(en) };
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** Names and codes that stay as they are in every language. */
const NOT_TRANSLATED = new Set(["search.col.bsn", "fields.bsn", "log.recordWithId"]);

describe("audit catalogs", () => {
  it("have the same keys and placeholders in nl, uk and en", () => {
    const keys = stems(catalogs.nl);
    expect(stems(catalogs.uk)).toEqual(keys);
    expect(stems(catalogs.en)).toEqual(keys);
    for (const [key, text] of catalogs.nl) {
      for (const catalog of [catalogs.uk, catalogs.en]) {
        const translated = catalog.get(key) ?? "";
        expect(translated.trim(), key).not.toBe("");
        expect(placeholders(translated), key).toEqual(placeholders(text));
      }
    }
  });

  it("write Ukrainian in Cyrillic", () => {
    for (const [key, text] of catalogs.uk) {
      if (NOT_TRANSLATED.has(key)) continue;
      expect(/[\u0400-\u04FF]/.test(text), `${key}: ${text}`).toBe(true);
    }
  });
});
