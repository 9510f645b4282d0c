import { useTranslation } from "react-i18next";
import type { Role } from "../api";
import { EmptyState } from "../components/EmptyState";
import { PageTitle } from "../components/PageTitle";
import { emptyStateKeys, type PageId } from "../navigation";

/** A page that is not built yet: its title and what it will hold for this role. */
export function PlaceholderPage({ page, userRole }: { page: PageId; userRole: Role }) {
  const { t } = useTranslation();
  return (
    <div data-testid={`page-${page}`}>
      <PageTitle>{t(`pages.${page}.title`)}</PageTitle>
      <EmptyState>{t(emptyStateKeys(page, userRole))}</EmptyState>
    </div>
  );
}
