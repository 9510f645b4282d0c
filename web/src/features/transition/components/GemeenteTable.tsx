import {
  Button,
  ButtonGroup,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import type { Cohort, Counts } from "../api";
import { formatNumber } from "../format";
import { saveFile } from "./download";

/** The columns of the table, each a count of a municipality's persons. */
export const GEMEENTE_COLUMNS = [
  "persons",
  "eligible",
  "not_eligible",
  "unknown",
  "out_of_caseload",
  "missingSomething",
  "withoutZvw",
] as const;
type Column = "code" | (typeof GEMEENTE_COLUMNS)[number];

function countOf(counts: Counts, column: Exclude<Column, "code">): number {
  switch (column) {
    case "persons":
      return counts.persons;
    case "missingSomething":
      return counts.missingSomething;
    case "withoutZvw":
      return counts.withoutZvw;
    default:
      return counts.eligibility[column];
  }
}

/** A CSV field, quoted when it holds a separator, quote or line break (RFC 4180). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The rows as CSV with the headings as shown (in the chosen language), CRLF line ends and a
 * byte-order mark, so a spreadsheet opens the Cyrillic headings as UTF-8.
 */
export function gemeenteCsv(
  rows: Cohort["byGemeente"],
  headings: Record<Column | "name", string>,
): string {
  const columns: Column[] = ["code", ...GEMEENTE_COLUMNS];
  const lines = [
    [
      csvField(headings.code),
      csvField(headings.name),
      ...GEMEENTE_COLUMNS.map((c) => csvField(headings[c])),
    ].join(","),
  ];
  for (const row of rows) {
    lines.push(
      columns
        .map((c) =>
          c === "code"
            ? `${csvField(row.code)},${csvField(row.name)}`
            : String(countOf(row.counts, c)),
        )
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/**
 * Each municipality's counts (national coordinator; aggregates only), sortable by any column
 * with a button in its heading, and downloadable as CSV in the order shown.
 */
export function GemeenteTable({ rows }: { rows: Cohort["byGemeente"] }) {
  const { t, i18n } = useTranslation("transition");
  const language = currentLanguage(i18n);
  const captionId = useId();
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({
    column: "code",
    descending: false,
  });
  const headings = Object.fromEntries(
    (["code", "name", ...GEMEENTE_COLUMNS] as const).map((c) => [c, t(`gemeenten.columns.${c}`)]),
  ) as Record<Column | "name", string>;
  const sorted = [...rows].sort((a, b) => {
    const order =
      sort.column === "code"
        ? a.name.localeCompare(b.name, "nl")
        : countOf(a.counts, sort.column) - countOf(b.counts, sort.column) ||
          a.name.localeCompare(b.name, "nl");
    return sort.descending ? -order : order;
  });

  function sortBy(column: Column) {
    setSort((current) =>
      current.column === column
        ? { column, descending: !current.descending }
        : // Counts are most useful largest first; names in alphabetical order.
          { column, descending: column !== "code" },
    );
  }

  if (rows.length === 0) {
    return <Paragraph data-testid="gemeenten-empty">{t("gemeenten.empty")}</Paragraph>;
  }
  return (
    <>
      <ButtonGroup>
        <Button
          type="button"
          appearance="secondary-action-button"
          data-testid="gemeenten-csv"
          onClick={() =>
            saveFile(
              new Blob([gemeenteCsv(sorted, headings)], { type: "text/csv;charset=utf-8" }),
              t("gemeenten.filename"),
            )
          }
        >
          {t("gemeenten.download")}
        </Button>
      </ButtonGroup>
      <ScrollTable labelledBy={captionId}>
        <Table className="opvang-loc-table opvang-tr-wrap-head" data-testid="gemeenten-table">
          <TableCaption id={captionId}>{t("gemeenten.caption")}</TableCaption>
          <TableHeader>
            <TableRow>
              {(["code", ...GEMEENTE_COLUMNS] as Column[]).map((column) => {
                const active = sort.column === column;
                return (
                  <TableHeaderCell
                    key={column}
                    scope="col"
                    className={column === "code" ? undefined : "opvang-loc-num"}
                    aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}
                  >
                    <button
                      type="button"
                      className="opvang-tr-sort"
                      data-testid={`sort-${column}`}
                      onClick={() => sortBy(column)}
                    >
                      {headings[column]}
                      <span aria-hidden="true" className="opvang-tr-sort__mark">
                        {active ? (sort.descending ? " ▼" : " ▲") : ""}
                      </span>
                    </button>
                  </TableHeaderCell>
                );
              })}
            </TableRow>
          </TableHeader>
          <TableBody>
            {sorted.map((row) => (
              <TableRow key={row.code} data-testid="gemeente-row" data-code={row.code}>
                <TableHeaderCell scope="row">
                  {row.name} <span className="opvang-transition-code">{row.code}</span>
                </TableHeaderCell>
                {GEMEENTE_COLUMNS.map((column) => (
                  <TableCell key={column} className="opvang-loc-num">
                    {formatNumber(countOf(row.counts, column), language)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollTable>
    </>
  );
}
