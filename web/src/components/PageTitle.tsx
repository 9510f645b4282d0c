import { Heading1 } from "@utrecht/component-library-react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/**
 * The page's h1, also written to the browser's title. It can take focus (tabIndex -1), so
 * that after navigating, focus moves to the new page's title.
 */
export function PageTitle({ children }: { children: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t("app.documentTitle", { page: children });
  }, [children, t]);
  return (
    <Heading1 className="opvang-page-title" tabIndex={-1}>
      {children}
    </Heading1>
  );
}
