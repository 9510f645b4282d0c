import { describe, expect, it } from "vitest";
import { describeCatalogs } from "../../../test/catalogs";
import { SETTINGS_FIELDS, SETTINGS_ISSUE_CODES } from "../api";
import en from "./en.json";
import nl from "./nl.json";
import uk from "./uk.json";

/** The BIC is the BIC in every language. */
const catalogs = describeCatalogs(
  "settings catalogs",
  { nl, uk, en },
  new Set(["fields.bic.label"]),
);

describe("settings catalogs", () => {
  it("name every field and translate every issue code, in every language", () => {
    const keys = [
      ...SETTINGS_FIELDS.flatMap((f) => [`fields.${f}.label`, `fields.${f}.description`]),
      ...SETTINGS_ISSUE_CODES.map((c) => `errors.${c}`),
      "errors.required",
      "errors.percent_format",
      "apiErrors.stale_version",
    ];
    for (const catalog of Object.values(catalogs)) {
      for (const key of keys) expect(catalog.has(key), key).toBe(true);
    }
  });
});
