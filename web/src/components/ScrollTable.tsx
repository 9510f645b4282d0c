import { TableContainer } from "@utrecht/component-library-react";
import type { ReactNode } from "react";

/**
 * A table's container that scrolls sideways on narrow screens (390 px) instead of widening
 * the page. It is a labelled region that takes focus, so keyboard users can scroll it too:
 * give the id of the table's caption (`labelledBy`) or a `label`.
 */
export function ScrollTable({
  labelledBy,
  label,
  children,
}: {
  labelledBy?: string;
  label?: string;
  children: ReactNode;
}) {
  return (
    <TableContainer
      overflowInline
      className="opvang-scroll-table"
      // A scrollable region must be focusable for keyboard scrolling.
      tabIndex={0}
      role="region"
      aria-labelledby={labelledBy}
      aria-label={labelledBy ? undefined : label}
    >
      {children}
    </TableContainer>
  );
}
