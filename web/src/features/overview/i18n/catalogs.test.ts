import { describe, expect, it } from "vitest";
import { describeCatalogs } from "../../../test/catalogs";
import { ANOMALY_KINDS, WORKLIST_KINDS } from "../api";
import en from "./en.json";
import nl from "./nl.json";
import uk from "./uk.json";

/** A dash for "nothing" stays a dash in every language. */
const catalogs = describeCatalogs("overview catalogs", { nl, uk, en }, new Set(["common.none"]));

describe("overview catalogs", () => {
  it("have the texts of every list and anomaly the API sends, in every language", () => {
    const keys = [
      ...WORKLIST_KINDS.flatMap((k) =>
        ["card_one", "card_other", "title", "intro", "caption", "empty"].map(
          (part) => `kinds.${k}.${part}`,
        ),
      ),
      ...ANOMALY_KINDS.flatMap((k) => [
        `admin.anomalies.${k}.heading`,
        `admin.anomalies.${k}.intro`,
      ]),
      "reception.goo",
      "reception.poo",
    ];
    for (const catalog of Object.values(catalogs)) {
      for (const key of keys) expect(catalog.has(key), key).toBe(true);
    }
  });
});
