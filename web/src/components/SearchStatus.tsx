import { Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { type FieldError, Notice } from "./form";
import type { SearchState } from "./useLatestSearch";

/**
 * What a search (useLatestSearch) is doing, for all: "searching…" and the number found,
 * announced politely; the error; or no results with a hint. The texts are the feature's
 * own `search.searching`, `search.count`, `search.noResults` and `search.noResultsHint`.
 */
export function SearchStatus<Q, H>({
  state,
  ns,
  errorText,
  testIds,
}: {
  state: SearchState<Q, H>;
  /** The feature's i18next namespace. */
  ns: string;
  errorText: (error: FieldError) => string;
  testIds: { count: string; error: string; noResults: string };
}) {
  const { t } = useTranslation(ns);
  return (
    <>
      <div aria-live="polite">
        {state.status === "loading" ? <Paragraph>{t("search.searching")}</Paragraph> : null}
        {state.status === "done" && state.hits.length > 0 ? (
          <Paragraph data-testid={testIds.count}>
            {t("search.count", { count: state.hits.length })}
          </Paragraph>
        ) : null}
      </div>
      {state.status === "error" ? (
        <Notice type="error" testId={testIds.error}>
          {errorText(state.error)}
        </Notice>
      ) : null}
      {state.status === "done" && state.hits.length === 0 ? (
        <Notice type="info" testId={testIds.noResults}>
          <Paragraph>
            <strong>{t("search.noResults")}</strong>
          </Paragraph>
          <Paragraph>{t("search.noResultsHint")}</Paragraph>
        </Notice>
      ) : null}
    </>
  );
}
