import { describe, expect, it } from "vitest";
import { ROLES } from "../api";
import { PAGES, type PageId } from "../navigation";
import { describeCatalogs } from "../test/catalogs";
import en from "./en.json";
import nl from "./nl.json";
import uk from "./uk.json";

const catalogs = describeCatalogs(
  "catalogs",
  { nl, uk, en },
  new Set(["app.name", "app.documentTitle"]),
);

describe("catalogs", () => {
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
