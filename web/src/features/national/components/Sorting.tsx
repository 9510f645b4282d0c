import { TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useState } from "react";

/** The column a table is sorted by, and which way. */
export interface Sort<C extends string> {
  column: C;
  descending: boolean;
}

/**
 * A table's sort as the units table has it: the first click on a figure sorts largest first,
 * on a text column alphabetically; a second click on the same column turns it around.
 */
export function useSort<C extends string>(textColumns: ReadonlySet<C>) {
  const [sort, setSort] = useState<Sort<C> | null>(null);
  function sortBy(column: C) {
    setSort((current) =>
      current?.column === column
        ? { column, descending: !current.descending }
        : { column, descending: !textColumns.has(column) },
    );
  }
  return { sort, sortBy };
}

/**
 * Rows in the order of `sort` (unsorted: as given). A figure that is null comes last
 * whichever way; equal rows keep the order of their names.
 */
export function sortRows<R, C extends string>(
  rows: readonly R[],
  sort: Sort<C> | null,
  options: {
    textColumns: ReadonlySet<C>;
    text: (row: R, column: C) => string;
    figure: (row: R, column: C) => number | null;
    name: (row: R) => string;
    language: string;
  },
): R[] {
  if (!sort) return [...rows];
  const collator = new Intl.Collator(options.language);
  const byName = (a: R, b: R) => collator.compare(options.name(a), options.name(b));
  return [...rows].sort((a, b) => {
    let order: number;
    if (options.textColumns.has(sort.column)) {
      order = collator.compare(options.text(a, sort.column), options.text(b, sort.column));
    } else {
      const x = options.figure(a, sort.column);
      const y = options.figure(b, sort.column);
      if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
      order = x - y;
    }
    return (sort.descending ? -order : order) || byName(a, b);
  });
}

/** A column heading with a sort button, its state in aria-sort (as in the units table). */
export function SortHeaderCell<C extends string>({
  column,
  label,
  sort,
  onSort,
  numeric,
  testIdPrefix,
}: {
  column: C;
  label: string;
  sort: Sort<C> | null;
  onSort: (column: C) => void;
  numeric: boolean;
  testIdPrefix: string;
}) {
  const active = sort?.column === column;
  return (
    <TableHeaderCell
      scope="col"
      className={numeric ? "opvang-loc-num" : undefined}
      aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}
    >
      <button
        type="button"
        className="opvang-nat-sort"
        data-testid={`${testIdPrefix}-sort-${column}`}
        onClick={() => onSort(column)}
      >
        {label}
        <span aria-hidden="true" className="opvang-nat-sort__mark">
          {active ? (sort.descending ? " ▼" : " ▲") : ""}
        </span>
      </button>
    </TableHeaderCell>
  );
}

/**
 * The heading row of a sortable table: the name column, then the figures (numeric), each
 * a SortHeaderCell.
 */
export function SortHeaderRow<C extends string>({
  columns,
  heading,
  sort,
  onSort,
  testIdPrefix,
}: {
  columns: readonly ("name" | C)[];
  heading: (column: "name" | C) => string;
  sort: Sort<"name" | C> | null;
  onSort: (column: "name" | C) => void;
  testIdPrefix: string;
}) {
  return (
    <TableRow>
      {columns.map((column) => (
        <SortHeaderCell
          key={column}
          column={column}
          label={heading(column)}
          sort={sort}
          onSort={onSort}
          numeric={column !== "name"}
          testIdPrefix={testIdPrefix}
        />
      ))}
    </TableRow>
  );
}
