import { describe, expect, it } from "vitest";
import { describeCatalogs } from "../../../test/catalogs";
import {
  CONDITION_STATES,
  CONDITIONS,
  EDUCATION_LEVELS,
  ELIGIBILITIES,
  HOUSING_PLANS,
  INCOME_PATHS,
  IND_DECISION_COLUMNS,
  IND_ROW_CODES,
  IND_ROW_OK,
  MISSING_CODES,
  PUBLIC_ORDER_STATUSES,
  RESIDENCE_STATUS_KINDS,
  STATUS_END_REASONS,
} from "../api";
import en from "./en.json";
import nl from "./nl.json";
import uk from "./uk.json";

/** Names and codes that stay as they are in every language. */
const catalogs = describeCatalogs(
  "transition catalogs",
  { nl, uk, en },
  new Set(["missing.forPerson", "checklist.memberHeading", "scenario.setByValue"]),
);

/** Reason codes the server sends (conditions, worklist's blocking, out-of-caseload reasons). */
const REASONS = [
  "cutoff_unpublished",
  "no_protection",
  "protection_after_cutoff",
  "public_order_missing",
  "public_order_pending",
  "public_order_failed",
  "asylum_withdrawal_missing",
  "asylum_not_withdrawn",
  "ind_refused",
  "zvw_missing",
  "protection_ended",
  ...STATUS_END_REASONS,
  ...RESIDENCE_STATUS_KINDS.filter((k) => k.startsWith("permit_")),
];

describe("transition catalogs", () => {
  it("translate every code the API sends, in every language", () => {
    const keys = [
      ...ELIGIBILITIES.map((c) => `eligibility.${c}`),
      ...CONDITIONS.map((c) => `conditions.${c}`),
      ...CONDITION_STATES.map((c) => `states.${c}`),
      ...["law", "scenario", "ind", "caseworker"].map((c) => `sources.${c}`),
      ...REASONS.map((c) => `reasons.${c}`),
      ...RESIDENCE_STATUS_KINDS.map((c) => `statusKinds.${c}`),
      ...STATUS_END_REASONS.map((c) => `endReasons.${c}`),
      ...PUBLIC_ORDER_STATUSES.map((c) => `publicOrder.${c}`),
      ...EDUCATION_LEVELS.map((c) => `education.${c}`),
      ...INCOME_PATHS.map((c) => `incomePaths.${c}`),
      ...[...HOUSING_PLANS, "none"].map((c) => `housingPlans.${c}`),
      ...MISSING_CODES.map((c) => `missing.${c}`),
      ...IND_ROW_CODES.filter((c) => !IND_ROW_OK.includes(c)).map((c) => `ind.codes.${c}`),
      ...IND_ROW_OK.flatMap((c) =>
        ["would", "stored", "notStored"].map((m) => `ind.rowOk.${m}.${c}`),
      ),
      ...IND_DECISION_COLUMNS.map((c) => `ind.columns.${c}`),
      ...["head", "partner", "child", "guardian"].map((c) => `roles.${c}`),
    ];
    for (const catalog of Object.values(catalogs)) {
      for (const key of keys) expect(catalog.has(key), key).toBe(true);
    }
  });
});
