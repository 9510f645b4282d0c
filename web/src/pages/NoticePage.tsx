import { Alert, Link, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import type { Role } from "../api";
import { PageTitle } from "../components/PageTitle";
import { linkHandler } from "../links";
import { homePathFor } from "../navigation";

function HomeLink({ userRole }: { userRole: Role }) {
  const { t } = useTranslation();
  const home = homePathFor(userRole);
  return (
    <Paragraph>
      <Link href={home} onClick={linkHandler(home)}>
        {t("backHome")}
      </Link>
    </Paragraph>
  );
}

/** A page that exists, but not for this role (typed in the address bar). */
export function NotAvailablePage({ userRole }: { userRole: Role }) {
  const { t } = useTranslation();
  return (
    <div data-testid="page-not-available">
      <PageTitle>{t("notAvailable.title")}</PageTitle>
      <Alert type="warning" role="status">
        <Paragraph>{t("notAvailable.body", { role: t(`roles.${userRole}`) })}</Paragraph>
      </Alert>
      <HomeLink userRole={userRole} />
    </div>
  );
}

export function NotFoundPage({ userRole }: { userRole: Role }) {
  const { t } = useTranslation();
  return (
    <div data-testid="page-not-found">
      <PageTitle>{t("notFound.title")}</PageTitle>
      <Paragraph>{t("notFound.body")}</Paragraph>
      <HomeLink userRole={userRole} />
    </div>
  );
}
