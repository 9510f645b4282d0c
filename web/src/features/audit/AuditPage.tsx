import { useQueryClient } from "@tanstack/react-query";
import {
  Button,
  ButtonGroup,
  Paragraph,
  PrimaryActionButton,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { TextField, useErrorText } from "../../components/form";
import { PageTitle } from "../../components/PageTitle";
import { ScrollTable } from "../../components/ScrollTable";
import { SearchStatus } from "../../components/SearchStatus";
import { useLatestSearch } from "../../components/useLatestSearch";
import { useUrlSearch } from "../../components/useUrlSearch";
import { formatDate } from "../../format";
import { AUDIT_LOG_KEY, AuditLog, logFilterFromSearch, searchOfLogFilter } from "./AuditLog";
import { type AuditApi, auditApi, type PersonHit } from "./audit-api";
import { AUDIT_ERRORS } from "./errors";
import "./audit.css";

export { newestFirst } from "./AuditLog";

/**
 * /audit (municipal admin): the municipality's audit log, newest first, filtered by user,
 * action and period, a page at a time; and per person (?person=ID, a link of its own) who
 * looked at or changed their file: find them with one search box (name in either script,
 * BSN or V-number) and pick one. Every filter lives in the address bar. The admin's own
 * look at the log is recorded too (it shows the next time).
 */

export interface AuditPageProps {
  api?: AuditApi;
}

function latinName(hit: PersonHit): string {
  return `${hit.given_names} ${hit.family_name}`.trim();
}

function cyrillicName(hit: PersonHit): string {
  return [hit.given_names_cyrillic, hit.family_name_cyrillic].filter(Boolean).join(" ");
}

export function AuditPage({ api = auditApi }: AuditPageProps) {
  const { t, i18n } = useTranslation("audit");
  const errorText = useErrorText(AUDIT_ERRORS);
  const { params, set } = useUrlSearch();
  const queryClient = useQueryClient();
  const filter = logFilterFromSearch(params);
  const [q, setQ] = useState(() => params.get("q") ?? "");
  // The name of the person chosen from the search, shown before their log arrives.
  const [chosen, setChosen] = useState<{ id: number; name: string } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const logHeadingRef = useRef<HTMLHeadingElement>(null);
  const captionId = useId();
  const language = i18n.language;

  const {
    state: search,
    run,
    fieldError,
    setFieldError,
  } = useLatestSearch({
    key: "audit-persons",
    search: (query: string) => api.search(query),
    catalog: AUDIT_ERRORS,
    inputRef,
    // Keep the address bar in step, so that the search can be reloaded and shared.
    onSearched: (query: string) => set({ q: query }, { replace: true }),
  });
  const runSearch = useCallback((query: string) => run(query), [run]);

  // A search in the address bar (/audit?q=…) runs once on opening.
  const ranInitial = useRef(false);
  useEffect(() => {
    if (ranInitial.current) return;
    ranInitial.current = true;
    const initial = (new URLSearchParams(window.location.search).get("q") ?? "").trim();
    if (initial) void runSearch(initial);
  }, [runSearch]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = q.trim();
    if (!query) {
      setFieldError({ key: "errors.searchEmpty" });
      inputRef.current?.focus();
      return;
    }
    setFieldError(undefined);
    void runSearch(query);
  }

  /** The person's log, from the start: its own address, and a fresh look when chosen again. */
  function choose(hit: PersonHit) {
    setChosen({ id: hit.id, name: latinName(hit) });
    const next = { personId: hit.id, userId: null, action: "", from: "", to: "", page: 1 };
    set(searchOfLogFilter(next));
    void queryClient.invalidateQueries({ queryKey: AUDIT_LOG_KEY });
    // Move focus to the log's heading, so keyboard and screen reader users land on it.
    requestAnimationFrame(() => logHeadingRef.current?.focus());
  }

  return (
    <div className="opvang-audit" data-testid="audit-page">
      <PageTitle>{t("title")}</PageTitle>
      <Paragraph>{t("intro")}</Paragraph>
      <form
        className="opvang-audit-search"
        noValidate
        aria-label={t("search.formLabel")}
        onSubmit={handleSubmit}
      >
        <TextField
          id="audit-q"
          type="search"
          label={t("search.query")}
          description={t("search.queryHint")}
          value={q}
          error={errorText(fieldError)}
          inputRef={inputRef}
          onChange={setQ}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={search.status === "loading"}>
            {t("search.submit")}
          </PrimaryActionButton>
        </ButtonGroup>
      </form>

      <SearchStatus
        state={search}
        ns="audit"
        errorText={(error) => errorText(error) ?? ""}
        testIds={{
          count: "audit-search-count",
          error: "audit-search-error",
          noResults: "audit-no-results",
        }}
      />
      {search.status === "done" && search.hits.length > 0 ? (
        <ScrollTable labelledBy={captionId}>
          <Table data-testid="audit-search-results">
            <TableCaption id={captionId}>
              {t("search.caption", { query: search.request })}
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("search.col.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("search.col.nameCyrillic")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("search.col.birthDate")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("search.col.bsn")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("search.col.vNumber")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("search.col.log")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {search.hits.map((hit) => {
                const name = latinName(hit);
                const selected = filter.personId === hit.id;
                return (
                  // The chosen person's row is marked current (the button is no toggle).
                  <TableRow key={hit.id} aria-current={selected ? "true" : undefined}>
                    <TableCell>{name}</TableCell>
                    <TableCell lang="uk">{cyrillicName(hit) || "—"}</TableCell>
                    <TableCell>{formatDate(hit.birth_date, language)}</TableCell>
                    <TableCell>{hit.bsn ?? "—"}</TableCell>
                    <TableCell>{hit.v_number ?? "—"}</TableCell>
                    <TableCell>
                      <Button
                        type="button"
                        appearance="secondary-action-button"
                        aria-label={t("search.chooseLabel", { name })}
                        onClick={() => choose(hit)}
                      >
                        {t("search.choose")}
                      </Button>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}

      <AuditLog
        api={api}
        filter={filter}
        knownName={chosen && chosen.id === filter.personId ? chosen.name : null}
        headingRef={logHeadingRef}
        onFilter={(next) => set(searchOfLogFilter(next))}
      />
    </div>
  );
}
