import { describe, expect, it } from "vitest";
import { describeCatalogs } from "../../../test/catalogs";
import {
  PAYMENT_METHODS,
  RUN_ANOMALIES,
  RUN_CHANGE_REASONS,
  RUN_ERROR_CODES,
  RUN_FILES,
  RUN_ITEM_KINDS,
  RUN_PROBLEMS,
  RUN_STATUSES,
} from "../api";
import en from "./en.json";
import nl from "./nl.json";
import uk from "./uk.json";

/** "–" (nothing) and a dash-only range are the same in every language. */
const catalogs = describeCatalogs(
  "monthly-run catalogs",
  { nl, uk, en },
  new Set(["common.none", "common.range", "detail.heading"]),
);

describe("monthly-run catalogs", () => {
  it("translate every code the API sends, in every language", () => {
    const keys = [
      ...RUN_STATUSES.map((c) => `status.${c}`),
      "status.none",
      ...RUN_ANOMALIES.map((c) => `anomalies.${c}`),
      ...RUN_CHANGE_REASONS.map((c) => `reasons.${c}`),
      ...PAYMENT_METHODS.map((c) => `methods.${c}`),
      ...RUN_ITEM_KINDS.map((c) => `kinds.${c}`),
      ...RUN_ERROR_CODES.map((c) => `apiErrors.${c}`),
      ...RUN_PROBLEMS.map((c) => `problems.${c}`),
      ...["month_format", "no_law", "month_too_early", "run_approved", "run_in_progress"].map(
        (c) => `errors.${c}`,
      ),
      ...RUN_FILES.flatMap((f) =>
        ["title", "description", "button"].map((k) => `downloads.files.${f}.${k}`),
      ),
    ];
    for (const catalog of Object.values(catalogs)) {
      for (const key of keys) expect(catalog.has(key), key).toBe(true);
    }
  });
});
