import { describe, expect, it } from "vitest";
import { ROLES } from "../api";
import { PAGES, type PageId } from "../navigation";
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

describe("catalogs", () => {
  it("have the same keys in nl, uk and en", () => {
    const keys = [...catalogs.nl.keys()].sort();
    expect([...catalogs.uk.keys()].sort()).toEqual(keys);
    expect([...catalogs.en.keys()].sort()).toEqual(keys);
  });

  it("have no empty texts and the same placeholders in every language", () => {
    for (const [key, text] of catalogs.nl) {
      for (const other of [catalogs.uk, catalogs.en]) {
        const translated = other.get(key) ?? "";
        expect(translated.trim(), key).not.toBe("");
        expect(placeholders(translated), key).toEqual(placeholders(text));
      }
    }
  });

  it("write Ukrainian in Cyrillic", () => {
    const skip = new Set(["app.name", "app.documentTitle"]);
    for (const [key, text] of catalogs.uk) {
      if (skip.has(key)) continue;
      expect(/[\u0400-\u04FF]/.test(text), `${key}: ${text}`).toBe(true);
    }
  });

  it("name every page, with a title and an empty state", () => {
    for (const page of Object.keys(PAGES) as PageId[]) {
      for (const catalog of Object.values(catalogs)) {
        expect(catalog.has(`pages.${page}.nav`), page).toBe(true);
        expect(catalog.has(`pages.${page}.title`), page).toBe(true);
        expect(catalog.has(`pages.${page}.empty.default`), page).toBe(true);
      }
    }
    for (const role of ROLES) expect(catalogs.nl.has(`roles.${role}`), role).toBe(true);
  });
});
