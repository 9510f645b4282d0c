import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { type ReactNode, useId } from "react";
import { ScrollTable } from "../../../components/ScrollTable";

/** A column: its heading, and whether it holds numbers (aligned to the end). */
export interface Column {
  key: string;
  label: string;
  numeric?: boolean;
}

/**
 * A table with its caption (hidden when a heading above says it), column headings, rows and
 * an optional total row; it scrolls sideways inside its box on a phone.
 */
export function DataTable({
  caption,
  captionHidden = false,
  columns,
  children,
  footer,
  testId,
  busy,
}: {
  caption: string;
  captionHidden?: boolean;
  columns: Column[];
  children: ReactNode;
  footer?: ReactNode;
  testId: string;
  busy?: boolean;
}) {
  const captionId = useId();
  return (
    <ScrollTable labelledBy={captionId}>
      <Table className="opvang-fund-table" data-testid={testId} aria-busy={busy || undefined}>
        <TableCaption
          id={captionId}
          className={captionHidden ? "opvang-visually-hidden" : undefined}
        >
          {caption}
        </TableCaption>
        <TableHeader>
          <TableRow>
            {columns.map((column) => (
              <TableHeaderCell
                key={column.key}
                scope="col"
                className={column.numeric ? "opvang-fund-num-head" : undefined}
              >
                {column.label}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
        {footer ? <TableFooter>{footer}</TableFooter> : null}
      </Table>
    </ScrollTable>
  );
}

/** A cell with a number or an amount. */
export function NumCell({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <TableCell className="opvang-fund-num" data-testid={testId}>
      {children}
    </TableCell>
  );
}

export { TableCell, TableHeaderCell, TableRow };
