import { describe, expect, it } from "vitest";
import { describeCatalogs } from "../../../test/catalogs";
import { BANK_ACCOUNT_ISSUE_CODES } from "../api";
import en from "./en.json";
import nl from "./nl.json";
import uk from "./uk.json";

/** IBAN is IBAN, and "–" is nothing, in every language. */
const catalogs = describeCatalogs(
  "bank-account catalogs",
  { nl, uk, en },
  new Set(["view.iban", "form.iban", "view.none"]),
);

describe("bank-account catalogs", () => {
  it("translate every issue code and payment method, in every language", () => {
    const keys = [
      ...BANK_ACCOUNT_ISSUE_CODES.map((c) => `errors.${c}`),
      "errors.required",
      "methods.sepa",
      "methods.card_or_cash",
      "apiErrors.stale_version",
    ];
    for (const catalog of Object.values(catalogs)) {
      for (const key of keys) expect(catalog.has(key), key).toBe(true);
    }
  });
});
