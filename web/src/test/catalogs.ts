import { describe, expect, it } from "vitest";

type Catalog = { [key: string]: string | Catalog };
type Catalogs = { nl: Catalog; uk: Catalog; en: Catalog };

/** "a.b.c" → text. */
export function flattenCatalog(catalog: Catalog, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flattenCatalog(value, path)) out.set(k, v);
  }
  return out;
}

/** Ukrainian has more plural forms (_few, _many) than Dutch and English: compare the stems. */
const PLURAL = /_(zero|one|two|few|many|other)$/;
const stems = (catalog: Map<string, string>) =>
  [...new Set([...catalog.keys()].map((k) => k.replace(PLURAL, "")))].sort();
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/**
 * The checks every catalog set must pass: the same keys (plural forms aside) and
 * placeholders in nl, uk and en, no empty texts, and Ukrainian written in Cyrillic except
 * for the names and codes listed in `notTranslated`.
 */
export function describeCatalogs(
  name: string,
  raw: Catalogs,
  notTranslated: ReadonlySet<string> = new Set(),
) {
  const catalogs = {
    nl: flattenCatalog(raw.nl),
    uk: flattenCatalog(raw.uk),
    en: flattenCatalog(raw.en),
  };
  describe(name, () => {
    it("have the same keys and placeholders in nl, uk and en", () => {
      const keys = stems(catalogs.nl);
      expect(stems(catalogs.uk)).toEqual(keys);
      expect(stems(catalogs.en)).toEqual(keys);
      for (const [key, text] of catalogs.nl) {
        for (const other of [catalogs.uk, catalogs.en]) {
          const translated = other.get(key) ?? "";
          expect(translated.trim(), key).not.toBe("");
          expect(placeholders(translated), key).toEqual(placeholders(text));
        }
      }
    });

    it("write Ukrainian in Cyrillic", () => {
      for (const [key, text] of catalogs.uk) {
        if (notTranslated.has(key)) continue;
        expect(/[\u0400-\u04FF]/.test(text), `${key}: ${text}`).toBe(true);
      }
    });
  });
  return catalogs;
}
