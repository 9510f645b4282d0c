import {
  Button,
  ButtonGroup,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import type { TFunction } from "i18next";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import { saveFile } from "../../transition/components/download";
import type { Level, NationalFigures, UnitFigures } from "../api";
import {
  csvCount,
  csvDecimal,
  csvText,
  formatCount,
  formatDate,
  formatPercent,
  slug,
} from "../format";
import { drillDown, type View, viewHref } from "../view";
import { AppLink } from "./Common";
import { locationKind, unitName } from "./names";

/** The figures of an area (province, region, municipality) per column. */
export const AREA_COLUMNS = [
  "registered",
  "ukrainian",
  "otherNationalities",
  "goo",
  "poo",
  "realised",
  "occupied",
  "free",
  "bezettingsgraad",
] as const;

/** A location's: what it is and what lives there (registrations belong to the municipality). */
export const LOCATION_COLUMNS = [
  "kind",
  "status",
  "goo",
  "realised",
  "occupied",
  "free",
  "bezettingsgraad",
] as const;

type FigureColumn = (typeof AREA_COLUMNS)[number] | (typeof LOCATION_COLUMNS)[number];
export type Column = "name" | FigureColumn;

const TEXT_COLUMNS: ReadonlySet<Column> = new Set(["name", "kind", "status"]);

export function columnsFor(level: Level): readonly FigureColumn[] {
  return level === "location" ? LOCATION_COLUMNS : AREA_COLUMNS;
}

/** A figure of a unit; null where it does not apply. */
export function figureOf(unit: UnitFigures, column: FigureColumn): number | null {
  switch (column) {
    case "registered":
      return unit.registered?.total ?? null;
    case "ukrainian":
      return unit.registered?.ukrainian ?? null;
    case "otherNationalities":
      return unit.registered?.otherNationalities ?? null;
    case "goo":
      return unit.persons.goo;
    case "poo":
      return unit.persons.poo;
    case "realised":
      return unit.places.realisedPlaces;
    case "occupied":
      return unit.places.occupied;
    case "free":
      return unit.places.free;
    case "bezettingsgraad":
      return unit.places.bezettingsgraad;
    default:
      return null;
  }
}

/** A text column's text in the reader's language (codes translated). */
function textOf(t: TFunction, unit: UnitFigures, column: Column): string {
  if (column === "name") return unitName(t, unit);
  if (column === "kind") {
    const kind = locationKind(unit);
    return kind ? t(`kinds.${kind}`) : "–";
  }
  if (column === "status") return t(`statuses.${unit.status ?? "none"}`);
  return "";
}

interface Sort {
  column: Column;
  descending: boolean;
}

function sortUnits(t: TFunction, units: UnitFigures[], sort: Sort | null, language: string) {
  if (!sort) return units;
  const collator = new Intl.Collator(language);
  const byName = (a: UnitFigures, b: UnitFigures) =>
    collator.compare(unitName(t, a), unitName(t, b));
  return [...units].sort((a, b) => {
    let order: number;
    if (TEXT_COLUMNS.has(sort.column)) {
      order = collator.compare(textOf(t, a, sort.column), textOf(t, b, sort.column));
    } else {
      const x = figureOf(a, sort.column as FigureColumn);
      const y = figureOf(b, sort.column as FigureColumn);
      // A unit without the figure comes last, whichever way the column is sorted.
      if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
      order = x - y;
    }
    return (sort.descending ? -order : order) || byName(a, b);
  });
}

/**
 * The units one level down, one row each with the same figures as the cards, the total
 * below: sortable by any column with a button in its heading, each unit's name a link one
 * level deeper, and downloadable as CSV (headings and codes in the chosen language, the rows
 * in the order shown).
 */
export function UnitsTable({ data, view }: { data: NationalFigures; view: View }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const captionId = useId();
  const [sort, setSort] = useState<Sort | null>(null);
  const level = data.units[0]?.level ?? "location";
  const columns = columnsFor(level);
  const all: Column[] = ["name", ...columns];
  const heading = (column: Column) =>
    column === "name" ? t(`levels.${level}`) : t(`units.columns.${column}`);
  const sorted = sortUnits(t, data.units, sort, language);
  const cell = (unit: UnitFigures, column: FigureColumn) =>
    column === "kind" || column === "status"
      ? textOf(t, unit, column)
      : column === "bezettingsgraad"
        ? formatPercent(unit.places.bezettingsgraad, language)
        : formatCount(figureOf(unit, column), language);

  function sortBy(column: Column) {
    setSort((current) =>
      current?.column === column
        ? { column, descending: !current.descending }
        : // Figures are most useful largest first; names and kinds in alphabetical order.
          { column, descending: !TEXT_COLUMNS.has(column) },
    );
  }

  function download() {
    const csvCell = (unit: UnitFigures, column: FigureColumn) =>
      column === "kind" || column === "status"
        ? unit.level === "location"
          ? textOf(t, unit, column)
          : ""
        : column === "bezettingsgraad"
          ? csvDecimal(unit.places.bezettingsgraad, language)
          : csvCount(figureOf(unit, column));
    const lines = [
      [t("units.columns.code"), ...all.map(heading)],
      ...sorted.map((unit) => [
        unit.code ?? "",
        unitName(t, unit),
        ...columns.map((c) => csvCell(unit, c)),
      ]),
      ["", t("units.total"), ...columns.map((c) => csvCell(data.total, c))],
    ];
    saveFile(
      new Blob([csvText(lines)], { type: "text/csv;charset=utf-8" }),
      t("units.filename", { name: slug(unitName(t, data.total)), date: data.on }),
    );
  }

  if (data.units.length === 0) {
    return <Paragraph data-testid="units-empty">{t("units.empty")}</Paragraph>;
  }
  return (
    <>
      <ButtonGroup>
        <Button
          type="button"
          appearance="secondary-action-button"
          data-testid="units-csv"
          onClick={download}
        >
          {t("units.download")}
        </Button>
      </ButtonGroup>
      <ScrollTable labelledBy={captionId}>
        <Table className="opvang-loc-table opvang-nat-table" data-testid="units-table">
          <TableCaption id={captionId}>
            {t(`units.caption.${level}`, {
              name: unitName(t, data.total),
              date: formatDate(data.on, language),
            })}
          </TableCaption>
          <TableHeader>
            <TableRow>
              {all.map((column) => {
                const active = sort?.column === column;
                return (
                  <TableHeaderCell
                    key={column}
                    scope="col"
                    className={TEXT_COLUMNS.has(column) ? undefined : "opvang-loc-num"}
                    aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}
                  >
                    <button
                      type="button"
                      className="opvang-nat-sort"
                      data-testid={`sort-${column}`}
                      onClick={() => sortBy(column)}
                    >
                      {heading(column)}
                      <span aria-hidden="true" className="opvang-nat-sort__mark">
                        {active ? (sort.descending ? " ▼" : " ▲") : ""}
                      </span>
                    </button>
                  </TableHeaderCell>
                );
              })}
            </TableRow>
          </TableHeader>
          <TableBody>
            {sorted.map((unit) => (
              <TableRow
                key={unit.code ?? "none"}
                data-testid="unit-row"
                data-code={unit.code ?? ""}
              >
                <TableHeaderCell scope="row">
                  {unit.code === null ? (
                    unitName(t, unit)
                  ) : (
                    <AppLink
                      to={viewHref(drillDown(view, { level: unit.level, code: unit.code }))}
                      testId="unit-link"
                    >
                      {unitName(t, unit)}
                    </AppLink>
                  )}
                </TableHeaderCell>
                {columns.map((column) => (
                  <TableCell
                    key={column}
                    className={TEXT_COLUMNS.has(column) ? undefined : "opvang-loc-num"}
                    data-column={column}
                  >
                    {cell(unit, column)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
          <TableFooter>
            <TableRow data-testid="units-total">
              <TableHeaderCell scope="row">{t("units.total")}</TableHeaderCell>
              {columns.map((column) => (
                <TableCell
                  key={column}
                  className={TEXT_COLUMNS.has(column) ? undefined : "opvang-loc-num"}
                  data-column={column}
                >
                  {column === "kind" || column === "status" ? "" : cell(data.total, column)}
                </TableCell>
              ))}
            </TableRow>
          </TableFooter>
        </Table>
      </ScrollTable>
    </>
  );
}
