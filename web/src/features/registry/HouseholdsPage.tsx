import {
  Alert,
  ButtonGroup,
  ButtonLink,
  Heading2,
  Paragraph,
} from "@utrecht/component-library-react";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { formatDate } from "../../format";
import { linkHandler, navigate } from "../../links";
import { isAllowed } from "../../navigation";
import { useSession } from "../../session";
import { PersonSearch, searchUrl } from "./components/PersonSearch";
import { clearListFlash, type ListFlash, peekListFlash } from "./flash";
import { HouseholdList } from "./HouseholdList";
import { HouseholdNotFound } from "./HouseholdPage";
import type { HouseholdListApi } from "./household-list-api";
import { IntakePage } from "./IntakePage";
import { type RegistryApi, registryApi } from "./registry-api";
import "./registry.css";

/** /households/new: the intake, for a user who may register households. */
export function NewHouseholdPage({ api = registryApi }: { api?: RegistryApi }) {
  const { can } = useSession();
  return can("households.write") ? (
    <IntakePage key="new" api={api} />
  ) : (
    <HouseholdNotFound reason="readOnly" />
  );
}

/**
 * What happened to a household that has no page of ours any more (transferred to another
 * municipality), said once on the list the page went to. It takes focus, so it is read first.
 */
function ListNotice() {
  const { t, i18n } = useTranslation("registry");
  const [flash] = useState<ListFlash | null>(() => peekListFlash());
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!flash) return;
    clearListFlash();
    requestAnimationFrame(() => ref.current?.focus());
  }, [flash]);
  if (!flash) return null;
  return (
    <div ref={ref} tabIndex={-1} data-testid="households-notice">
      <Alert type="ok" role="status">
        <Paragraph>
          {t("households.transferred", {
            label: flash.label,
            gemeente: flash.gemeente,
            date: formatDate(flash.from, i18n.language),
          })}
        </Paragraph>
      </Alert>
    </div>
  );
}

/**
 * /households: all households of the municipality (filtered, sorted, a page at a time), a
 * household found through its members, or a new one registered.
 */
export function HouseholdsStart({
  api = registryApi,
  listApi,
}: {
  api?: RegistryApi;
  listApi?: HouseholdListApi;
}) {
  const { t } = useTranslation("registry");
  const headingId = useId();
  const { user, can } = useSession();
  const canSearchPage = isAllowed(user.role, "search");
  return (
    <div className="opvang-registry" data-testid="households-page">
      <PageTitle>{t("households.title")}</PageTitle>
      <ListNotice />
      <Paragraph>{t("households.intro")}</Paragraph>
      {can("households.write") ? (
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
      {can("households.list") ? <HouseholdList api={listApi} locationsApi={api} /> : null}
    </div>
  );
}
