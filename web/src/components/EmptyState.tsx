import { Heading2, Paragraph } from "@utrecht/component-library-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";

/** What a page will hold, said plainly, until it holds it. */
export function EmptyState({ children }: { children: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="opvang-empty-state" aria-labelledby={headingId} data-testid="empty-state">
      <Heading2 id={headingId}>{t("emptyState.heading")}</Heading2>
      <Paragraph>{children}</Paragraph>
    </section>
  );
}
