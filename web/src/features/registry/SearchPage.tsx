import { Paragraph } from "@utrecht/component-library-react";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { navigate } from "../../links";
import { PersonSearch, readSearch, type SearchRequest, searchUrl } from "./components/PersonSearch";
import { type RegistryApi, registryApi } from "./registry-api";
import "./registry.css";

export interface SearchPageProps {
  api?: RegistryApi;
}

/** /search: persons by name (either script, spelling variants), BSN, V-number or location. */
export function SearchPage({ api = registryApi }: SearchPageProps) {
  const { t } = useTranslation("registry");
  const [initial] = useState(() => readSearch(window.location.search));
  // Keep the address bar in step, so that a search can be reloaded, shared and gone back to.
  const remember = useCallback((request: SearchRequest) => {
    const url = searchUrl("/search", request);
    navigate(url, { replace: true });
  }, []);
  return (
    <div className="opvang-registry" data-testid="search-page">
      <PageTitle>{t("search.title")}</PageTitle>
      <Paragraph>{t("search.intro")}</Paragraph>
      <PersonSearch api={api} initial={initial} withLocation onSearched={remember} />
    </div>
  );
}
