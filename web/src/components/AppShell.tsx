import {
  Button,
  Page,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
  SkipLink,
} from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { User } from "../api";
import type { Language } from "../i18n";
import { linkHandler } from "../links";
import { LanguageSwitch } from "./LanguageSwitch";
import { RoleNav } from "./RoleNav";

export const MAIN_ID = "main";

export interface AppShellProps {
  language: Language;
  onLanguageChange: (language: Language) => void;
  user?: User | null;
  currentPath: string;
  onSignOut?: () => void;
  signingOut?: boolean;
  notice?: ReactNode;
  children: ReactNode;
}

function UserSummary({
  user,
  onSignOut,
  signingOut,
}: {
  user: User;
  onSignOut?: () => void;
  signingOut?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="opvang-user" data-testid="user-summary">
      <p className="opvang-user__details">
        <span className="opvang-visually-hidden">{t("user.label")} </span>
        <strong className="opvang-user__name" data-testid="user-name">
          {user.displayName}
        </strong>
        <span className="opvang-user__meta">
          <span data-testid="user-role">{t(`roles.${user.role}`)}</span>
          <span aria-hidden="true"> · </span>
          <span data-testid="user-municipality">
            {user.gemeenteName
              ? t("user.municipalityName", { name: user.gemeenteName })
              : t("user.national")}
          </span>
        </span>
      </p>
      <Button
        appearance="secondary-action-button"
        className="opvang-user__sign-out"
        onClick={onSignOut}
        busy={signingOut}
        disabled={signingOut}
      >
        {signingOut ? t("user.signingOut") : t("user.signOut")}
      </Button>
    </div>
  );
}

/**
 * The frame of every page: skip link, NL Design System page header with the language
 * switch (and, once signed in, the user and the menu), the main content, and the footer.
 */
export function AppShell({
  language,
  onLanguageChange,
  user,
  currentPath,
  onSignOut,
  signingOut,
  notice,
  children,
}: AppShellProps) {
  const { t } = useTranslation();
  return (
    <div className="opvang-shell">
      <SkipLink href={`#${MAIN_ID}`}>{t("skipLink")}</SkipLink>
      <PageHeader className="opvang-header">
        <div className="opvang-container opvang-header__bar">
          <a className="opvang-brand" href="/" onClick={linkHandler("/")}>
            <span className="opvang-brand__name">{t("app.name")}</span>
            <span className="opvang-brand__tagline">{t("app.tagline")}</span>
          </a>
          <div className="opvang-header__tools">
            <LanguageSwitch language={language} onChange={onLanguageChange} />
            {user ? (
              <UserSummary user={user} onSignOut={onSignOut} signingOut={signingOut} />
            ) : null}
          </div>
        </div>
      </PageHeader>
      {user ? <RoleNav userRole={user.role} currentPath={currentPath} /> : null}
      <Page className="opvang-page">
        <PageContent>
          <main id={MAIN_ID} tabIndex={-1} className="utrecht-page-content__main opvang-main">
            {notice}
            {children}
          </main>
        </PageContent>
      </Page>
      <PageFooter className="opvang-footer">
        <div className="opvang-container">
          <Paragraph>{t("footer.text")}</Paragraph>
          <Paragraph appearance="small">{t("footer.license")}</Paragraph>
        </div>
      </PageFooter>
    </div>
  );
}
