import { describe, expect, it } from "vitest";
import { describeCatalogs } from "../../../test/catalogs";
import {
  API_ERROR_CODES,
  EVALUATION_DECISIONS,
  ISSUE_CODES,
  LEVELS,
  LOCATION_KINDS,
  LOCATION_STATUSES,
  PARAGRAPH_LANGUAGES,
  PLANNING_ISSUE_CODES,
  TARGET_SPLITS,
} from "../api";
import { FLOW_COLUMNS } from "../components/FlowsSection";
import { FUNDING_COLUMNS } from "../components/FundingSection";
import { SECTIONS } from "../components/PageNav";
import { TARGET_COLUMNS } from "../components/TargetsSection";
import { AREA_COLUMNS, LOCATION_COLUMNS } from "../components/UnitsTable";
import en from "./en.json";
import nl from "./nl.json";
import uk from "./uk.json";

const catalogs = describeCatalogs("national catalogs", { nl, uk, en });

describe("national catalogs", () => {
  it("translate every code the API sends and every column, in every language", () => {
    const below = LEVELS.filter((level) => level !== "nation");
    const keys = [
      ...LOCATION_KINDS.map((c) => `kinds.${c}`),
      ...[...LOCATION_STATUSES, "none"].map((c) => `statuses.${c}`),
      ...LEVELS.map((c) => `levels.${c}`),
      ...below.flatMap((c) => [
        `names.none.${c}`,
        `breadcrumb.${c}`,
        `breadcrumb.unnamed.${c}`,
        `units.heading.${c}`,
        `units.intro.${c}`,
        `units.caption.${c}`,
      ]),
      ...[...AREA_COLUMNS, ...LOCATION_COLUMNS, "code"].map((c) => `units.columns.${c}`),
      ...[...FLOW_COLUMNS, "week", "monday", "sunday", "netInflowAverage3w"].map(
        (c) => `flows.columns.${c}`,
      ),
      ...PARAGRAPH_LANGUAGES.map((c) => `paragraph.languages.${c}`),
      ...ISSUE_CODES.map((c) => `errors.${c}`),
      ...API_ERROR_CODES.map((c) => `apiErrors.${c}`),
      "openData.csv",
      "openData.json",
      ...Object.keys(SECTIONS).map((c) => `pageNav.${c}`),
      ...TARGET_COLUMNS.map((c) => `targets.columns.${c}`),
      ...TARGET_SPLITS.flatMap((c) => [
        `targets.splits.${c}`,
        `targets.splitSentence.${c}`,
        `targetForm.splits.${c}`,
      ]),
      ...EVALUATION_DECISIONS.flatMap((c) => [
        `evaluations.decisions.${c}`,
        `evaluations.form.decisions.${c}`,
      ]),
      ...["actual", "forecast"].map((c) => `forecast.kinds.${c}`),
      ...["week", "monday", "kind", "value", "low", "high"].map((c) => `forecast.columns.${c}`),
      ...FUNDING_COLUMNS.map((c) => `funding.columns.${c}`),
      ...PLANNING_ISSUE_CODES.map((c) => `errors.${c}`),
      "apiErrors.target_exists",
    ];
    for (const catalog of Object.values(catalogs)) {
      for (const key of keys) expect(catalog.has(key), key).toBe(true);
    }
  });

  it("keep the codes out of the Dutch and Ukrainian texts", () => {
    for (const catalog of [catalogs.nl, catalogs.uk]) {
      for (const [key, raw] of catalog) {
        const text = raw.replace(/\{\{\w+\}\}/g, "");
        for (const code of [
          ...LOCATION_KINDS,
          ...TARGET_SPLITS,
          ...EVALUATION_DECISIONS,
          ...PLANNING_ISSUE_CODES,
          ...TARGET_COLUMNS,
          ...FUNDING_COLUMNS,
          "netInflow",
          "gemeente_code",
        ]) {
          expect(text.includes(code), `${key}: ${text}`).toBe(false);
        }
      }
    }
  });
});
