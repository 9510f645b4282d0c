import { ButtonGroup, ButtonLink, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { isAllowed } from "../../navigation";
import { linkHandler, navigate } from "../../router";
import type { FeaturePageProps } from "../types";
import { PersonSearch, searchUrl } from "./components/PersonSearch";
import { HouseholdNotFound, HouseholdPage } from "./HouseholdPage";
import { IntakePage } from "./IntakePage";
import { type RegistryApi, registryApi } from "./registry-api";
import "./registry.css";

export interface HouseholdsPageProps extends FeaturePageProps {
  api?: RegistryApi;
}

/** /households, /households/new and /households/{id}. */
export function HouseholdsPage({ user, path, api = registryApi }: HouseholdsPageProps) {
  const rest = path.replace(/^\/households\/?/, "").replace(/\/+$/, "");
  if (!rest) return <HouseholdsStart user={user} api={api} />;
  if (rest === "new") {
    return user.role === "caseworker" ? (
      <IntakePage key="new" api={api} />
    ) : (
      <HouseholdNotFound reason="readOnly" />
    );
  }
  if (/^\d+$/.test(rest)) {
    return <HouseholdPage key={rest} id={Number(rest)} user={user} api={api} />;
  }
  return <HouseholdNotFound />;
}

/** The start: find a household through its members, or register a new one. */
function HouseholdsStart({ user, api }: { user: FeaturePageProps["user"]; api: RegistryApi }) {
  const { t } = useTranslation("registry");
  const headingId = useId();
  const canSearchPage = isAllowed(user.role, "search");
  return (
    <div className="opvang-registry" data-testid="households-page">
      <PageTitle>{t("households.title")}</PageTitle>
      <Paragraph>{t("households.intro")}</Paragraph>
      {user.role === "caseworker" ? (
        <ButtonGroup>
          <ButtonLink
            appearance="primary-action-button"
            href="/households/new"
            onClick={linkHandler("/households/new")}
            data-testid="register-household"
          >
            {t("households.register")}
          </ButtonLink>
        </ButtonGroup>
      ) : null}
      <section className="opvang-registry-section" aria-labelledby={headingId}>
        <Heading2 id={headingId}>{t("households.findHeading")}</Heading2>
        <PersonSearch
          api={api}
          idPrefix="households-search"
          onSubmit={
            canSearchPage ? (request) => navigate(searchUrl("/search", request)) : undefined
          }
        />
      </section>
    </div>
  );
}
