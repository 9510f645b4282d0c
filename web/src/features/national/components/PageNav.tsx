import { Link } from "@utrecht/component-library-react";
import type { MouseEvent } from "react";
import { useTranslation } from "react-i18next";

/**
 * The page's sections, in page order, with the ids the page's own navigation links to.
 * National (not per unit): the targets, the forecast and the funding.
 */
export const SECTIONS = {
  figures: "nat-figures",
  occupancy: "nat-occupancy",
  flows: "nat-flows",
  targets: "nat-targets",
  forecast: "nat-forecast",
  funding: "nat-funding",
  paragraph: "nat-paragraph",
  openData: "nat-open-data",
} as const;

export type SectionKey = keyof typeof SECTIONS;

/**
 * Goes to a section of the page: it scrolls into view and takes focus (so keyboard and
 * screen reader users continue there). The address stays as it is: the view is the page's,
 * not the section's.
 */
function goTo(event: MouseEvent<HTMLAnchorElement>, id: string) {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView?.({ block: "start" });
  target.focus({ preventScroll: true });
}

/** "On this page": a link to each section shown, in page order. */
export function PageNav({ sections }: { sections: readonly SectionKey[] }) {
  const { t } = useTranslation("national");
  return (
    <nav className="opvang-nat-pagenav" aria-label={t("pageNav.label")} data-testid="page-nav">
      <span className="opvang-nat-pagenav__label" aria-hidden="true">
        {t("pageNav.label")}
      </span>
      <ul className="opvang-nat-pagenav__list">
        {sections.map((key) => (
          <li key={key}>
            <Link
              href={`#${SECTIONS[key]}`}
              onClick={(event) => goTo(event, SECTIONS[key])}
              data-testid={`page-nav-${key}`}
            >
              {t(`pageNav.${key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
