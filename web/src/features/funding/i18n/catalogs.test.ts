import { describe, expect, it } from "vitest";
import { describeCatalogs } from "../../../test/catalogs";
import {
  FUNDING_ERROR_CODES,
  FUNDING_ISSUE_CODES,
  FUNDING_PARAMETERS,
  OUTSIDE_REASONS,
  RULE_VALUES,
} from "../api";
import { PRESETS } from "../view";
import en from "./en.json";
import nl from "./nl.json";
import uk from "./uk.json";

/** A dash for "nothing" and a period of two dates read the same in every language. */
const catalogs = describeCatalogs(
  "funding catalogs",
  { nl, uk, en },
  new Set(["common.none", "common.period"]),
);

describe("funding catalogs", () => {
  it("translate every code the claim's routes answer with, in every language", () => {
    const keys = [
      ...FUNDING_ISSUE_CODES.map((code) => `errors.${code}`),
      ...FUNDING_ERROR_CODES.map((code) => `apiErrors.${code}`),
      ...FUNDING_PARAMETERS.map((name) => `parameters.${name}`),
      ...OUTSIDE_REASONS.map((reason) => `reasons.${reason}`),
      ...RULE_VALUES.map((value) => `ruleValues.${value}`),
      ...PRESETS.map((preset) => `period.preset.${preset}`),
      "errors.required",
      "errors.invalid",
    ];
    for (const catalog of Object.values(catalogs)) {
      for (const key of keys) expect(catalog.has(key), key).toBe(true);
    }
  });
});
