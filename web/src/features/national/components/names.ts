import type { TFunction } from "i18next";
import type { Level, UnitFigures } from "../api";

/**
 * A unit's name as the reader sees it: the nation in their language, the municipalities
 * without a province or region as such, every other unit by its own name.
 */
export function unitName(
  t: TFunction,
  unit: { level: Level; code: string | null; name: string | null },
): string {
  if (unit.level === "nation") return t("names.nation");
  if (unit.code === null || unit.name === null) return t(`names.none.${unit.level}`);
  return unit.name;
}

/** A unit named with its level, as a heading does: "Veiligheidsregio Utrecht", "Nederland". */
export function unitTitle(
  t: TFunction,
  unit: { level: Level; code: string | null; name: string | null },
): string {
  if (unit.level === "nation" || unit.code === null || unit.name === null) return unitName(t, unit);
  return t(`breadcrumb.${unit.level}`, { name: unit.name });
}

/** The kind of a location unit: the one kind its places are listed under. */
export function locationKind(unit: UnitFigures) {
  return unit.placesByKind[0]?.kind ?? null;
}
