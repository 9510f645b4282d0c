import type { ReactNode } from "react";
import "../registry.css";

/**
 * A table's container that scrolls sideways on narrow screens (390 px) instead of widening
 * the page. It can take focus so that keyboard users can scroll it too.
 */
export function ScrollTable({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable for keyboard scrolling
    <section className="opvang-registry-table" tabIndex={0} aria-labelledby={labelledBy}>
      {children}
    </section>
  );
}
